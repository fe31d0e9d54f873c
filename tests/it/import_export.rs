//! Household export and import against real servers: every field of an import is checked
//! as the forms check it (a refusal is a 4xx sentence and changes nothing), and the export
//! carries the whole household, catalogue included, from one instance to another.

use crate::common::{
    self, Client, Server, assert_problem, assert_refused, numbers_after, option_value,
};
use crate::common::{db_count, write_from_outside};
use crate::fake::home::{NUTELLA, home};
use crate::fake::{Behaviour, Fake, get_bytes, off_found, open_prices};
use serde_json::{Value, json};

/// The household as its export, without the export time and the security log (which
/// grows with every sign-in and export, this one's included).
fn snapshot(api: &Client, token: &str) -> Value {
    let mut doc = export(api, token);
    doc.as_object_mut()
        .expect("an object")
        .remove("security_log");
    doc
}

/// The household as its export (an admin's: with the security log), without the export
/// time.
fn export(api: &Client, token: &str) -> Value {
    let resp = api.api_get("/api/v1/export", token);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    let mut doc = resp.json();
    doc["exported_ms"] = json!(0);
    doc
}

fn post(api: &Client, token: &str, path: &str, body: Value) -> Value {
    let resp = api.api_post_json(path, token, &body);
    assert_eq!(resp.status, 201, "POST {path}: {}", resp.describe());
    resp.json()
}

/// A household with something of everything, made through the API and the pages.
fn build_household(server: &Server, anna: &Client, token: &str) {
    let api = server.client();
    // A category of its own (only an import brings one) with an item in it.
    let extra = json!({"format": "aisle-household", "version": 2, "exported_ms": 0,
        "household": "Elsewhere", "categories": [{"name": "Garden", "position": 0}],
        "stores": [], "history": [], "corrections": [], "products": [],
        "lists": [{"name": "Shed", "archived": false, "store": null, "items": [
            {"name": "seeds", "quantity": 2.0, "unit": "pack", "note": "tomato",
             "category": "Garden", "checked": false, "position": 0}]}]});
    post(&api, token, "/api/v1/import", extra);

    let weekly = post(&api, token, "/api/v1/lists", json!({"name": "Weekly"}))["id"]
        .as_i64()
        .unwrap();
    let text = json!({"text": "2 cups milk, 1 loaf bread (sliced), 3 eggs, oat milk"});
    post(&api, token, &format!("/api/v1/lists/{weekly}/items"), text);
    let party = post(&api, token, "/api/v1/lists", json!({"name": "Party"}))["id"]
        .as_i64()
        .unwrap();
    let text = json!({"text": "chips; 6 limes (ripe)"});
    post(&api, token, &format!("/api/v1/lists/{party}/items"), text);
    assert_eq!(
        anna.submit(&format!("/lists/{party}/archive"), &[]).status,
        303
    );
    // A checked item, and one moved to another category (a correction).
    let bread = anna.item_id(weekly, "bread");
    let ops = json!({"ops": [{"op_id": "c1", "kind": "check", "item_id": bread}]});
    let resp = api.api_post_json(&format!("/api/v1/lists/{weekly}/ops"), token, &ops);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    let oat = anna.item_id(weekly, "oat milk");
    let edit = anna.get(&format!("/lists/{weekly}/items/{oat}/edit")).body;
    let frozen = option_value(&edit, "category", "Frozen");
    let resp = anna.submit(
        &format!("/lists/{weekly}/items/{oat}/edit"),
        &[
            ("name", "oat milk"),
            ("quantity", ""),
            ("unit", ""),
            ("note", ""),
            ("category", &frozen),
        ],
    );
    assert_eq!(resp.status, 303, "{}", resp.describe());

    // A store with its own aisle order, chosen for the weekly list.
    let store_path = anna
        .submit("/stores", &[("name", "Market")])
        .redirected()
        .to_string();
    let store: i64 = store_path
        .strip_prefix("/stores/")
        .unwrap()
        .parse()
        .unwrap();
    let page = anna.get(&store_path).body;
    let cats = numbers_after(&page, &format!("/stores/{store}/categories/"));
    let up = anna.submit(&format!("{store_path}/categories/{}/up", cats[4]), &[]);
    assert_eq!(up.status, 303, "{}", up.describe());
    let chosen = anna.submit(
        &format!("/lists/{weekly}/store"),
        &[("store_id", &store.to_string())],
    );
    assert_eq!(chosen.status, 303);

    // The catalogue: a product with a barcode, a staple, prices at the store and elsewhere,
    // and the product on the list; the household counts in another currency.
    assert_eq!(
        anna.submit("/household/currency", &[("currency", "GBP")])
            .status,
        303
    );
    let product = json!({"name": "Whole milk", "brand": "Happy Cow", "barcode": "4006381333931"});
    let milk = post(&api, token, "/api/v1/products", product)["id"]
        .as_i64()
        .unwrap();
    let staple = json!({"name": "Coffee beans"});
    let coffee = post(&api, token, "/api/v1/products", staple)["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        anna.submit(&format!("/products/{coffee}/save"), &[]).status,
        303
    );
    for price in [
        json!({"amount": "1.29", "store_id": store, "date": "2026-01-02", "pack_size": "1 l"}),
        json!({"amount": "1.19", "place": "Corner shop", "date": "2026-02-03"}),
    ] {
        post(
            &api,
            token,
            &format!("/api/v1/products/{milk}/prices"),
            price,
        );
    }
    let price = json!({"amount": "7.50", "date": "2026-01-05"});
    post(
        &api,
        token,
        &format!("/api/v1/products/{coffee}/prices"),
        price,
    );
    post(
        &api,
        token,
        &format!("/api/v1/lists/{weekly}/products/{milk}"),
        json!(null),
    );
}

#[test]
fn a_household_moves_to_a_fresh_instance_with_its_catalogue() {
    let old = Server::start();
    let anna = old.user_client("anna", "Smiths", true);
    let token = old.cli_token("anna", "move");
    build_household(&old, &anna, &token);
    let doc = export(&old.client(), &token);
    assert_eq!(doc["version"], 4);
    assert_eq!(doc["currency"], "GBP");
    let products = doc["products"].as_array().unwrap();
    assert_eq!(products.len(), 2, "{doc:#}");
    assert_eq!(products[0]["barcode"], "4006381333931");
    assert_eq!(products[0]["prices"].as_array().unwrap().len(), 2);
    assert_eq!(products[0]["prices"][0]["store"], "Market");
    assert_eq!(products[1]["staple"], true);
    assert!(doc["lists"].as_array().unwrap().iter().any(|l| {
        l["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["product"] == 0)
    }));
    for key in ["categories", "stores", "history", "corrections"] {
        assert!(
            !doc[key].as_array().unwrap().is_empty(),
            "no {key}: {doc:#}"
        );
    }
    assert!(
        doc["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "Garden")
    );

    let new = Server::start();
    let _anna = new.user_client("anna", "Smiths", true);
    let token2 = new.cli_token("anna", "move");
    let api = new.client();
    let resp = api.api_post_json("/api/v1/import", &token2, &doc);
    assert_eq!(resp.status, 201, "{}", resp.describe());
    assert_eq!(resp.json()["products"], 2);
    assert_eq!(resp.json()["prices"], 3);
    // The same household there; its security log has the old one's entries among the new
    // instance's own (anna joined, her token, the import).
    let moved = export(&api, &token2);
    let old_log = doc["security_log"].as_array().unwrap();
    assert!(!old_log.is_empty());
    let log = moved["security_log"].as_array().unwrap();
    assert!(log.len() > old_log.len(), "{log:#?}");
    assert!(
        log.windows(old_log.len()).any(|w| w == &old_log[..]),
        "{log:#?}"
    );
    assert!(log.iter().any(|e| e["event"] == "import"), "{log:#?}");
    let mut without_log = doc.clone();
    without_log.as_object_mut().unwrap().remove("security_log");
    assert_eq!(snapshot(&api, &token2), without_log);
    // The catalogue works there: the list's total counts the imported price at the store.
    let lists = api.api_get("/api/v1/lists", &token2).json();
    let weekly = lists
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == "Weekly")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let total = api.api_get(&format!("/api/v1/lists/{weekly}/total"), &token2);
    assert_eq!(total.status, 200, "{}", total.describe());
    assert_eq!(total.json()["amount_minor"], 129);
    assert_eq!(total.json()["currency"], "GBP");
}

/// A valid version-2 document with one of everything to spoil.
pub(super) fn good_doc() -> Value {
    json!({
        "format": "aisle-household", "version": 2, "exported_ms": 0, "household": "Else",
        "currency": "EUR",
        "categories": [{"name": "Produce", "position": 0}, {"name": "Garden", "position": 14}],
        "stores": [{"name": "Market", "order": ["Garden", "Produce"]}],
        "lists": [{"name": "Imported", "archived": false, "store": "Market", "items": [
            {"name": "apples", "quantity": 3.0, "unit": null, "note": "red", "category": "Produce",
             "checked": false, "position": 0, "product": 0}]}],
        "history": [{"name": "apples", "uses": 3, "last_used_ms": 1_700_000_000_000_i64}],
        "corrections": [{"name_key": "apple", "category": "Garden"}],
        "products": [{"name": "Apples", "brand": "Orchard", "barcode": "4006381333931",
            "quantity_label": "1 kg", "source": "manual", "staple": true,
            "picture": {"sha256": "ab".repeat(32), "content_type": "image/jpeg"},
            "prices": [{"store": "Market", "place": null, "amount_minor": 249, "currency": "EUR",
                "pack_size": "1 kg", "observed_on": "2026-01-02", "source": "manual",
                "external_id": null}]}]
    })
}

/// The same without the catalogue, as version 1 had it (older exports still import).
fn v1_doc() -> Value {
    let mut doc = good_doc();
    doc["version"] = json!(1);
    doc.as_object_mut().unwrap().remove("currency");
    doc["products"] = json!([]);
    doc["prices"] = json!([]);
    doc["lists"][0]["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("product");
    doc
}

#[test]
fn every_bad_field_is_refused_with_a_sentence_and_changes_nothing() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let token = server.cli_token("anna", "t");
    let api = server.client();
    let list = anna.create_list("Mine");
    anna.add_items(list, "milk, bread");
    let long = "x".repeat(100_000);
    // (path into the document, bad value, what the message must mention)
    let cases: Vec<(&str, Value, &str)> = vec![
        ("/household", json!(""), "household"),
        ("/currency", json!("euro"), "currency"),
        ("/categories/1/name", json!(""), "category 2"),
        (
            "/categories/1/name",
            json!("Gar\u{7}den"),
            "control characters",
        ),
        ("/categories/1/name", json!(long), "too long"),
        ("/categories/1/position", json!(i64::MAX), "position"),
        ("/stores/0/name", json!(" "), "store 1"),
        ("/stores/0/order/0", json!("\u{1b}[31m"), "store 1"),
        ("/lists/0/name", json!(long), "list 1"),
        (
            "/lists/0/store",
            json!("Nowhere"),
            "not among the export's stores",
        ),
        ("/lists/0/items/0/name", json!("a\nb"), "item 1"),
        ("/lists/0/items/0/quantity", json!(1e9), "quantity"),
        ("/lists/0/items/0/unit", json!("parsec"), "unit"),
        ("/lists/0/items/0/note", json!("x".repeat(501)), "note"),
        ("/lists/0/items/0/category", json!(""), "category name"),
        ("/lists/0/items/0/position", json!(i64::MAX), "position"),
        ("/lists/0/items/0/position", json!(1_000_001), "position"),
        ("/lists/0/items/0/product", json!(5), "product"),
        ("/history/0/name", json!(""), "history entry 1"),
        ("/history/0/name", json!("milk\u{0}"), "control characters"),
        ("/history/0/name", json!(long), "too long"),
        ("/history/0/uses", json!(i64::MAX), "number of uses"),
        ("/history/0/uses", json!(-1), "number of uses"),
        ("/history/0/last_used_ms", json!(i64::MAX), "time last used"),
        (
            "/corrections/0/name_key",
            json!(""),
            "category correction 1",
        ),
        (
            "/corrections/0/name_key",
            json!("!!!"),
            "no letters or digits",
        ),
        ("/corrections/0/name_key", json!(long), "too long"),
        (
            "/corrections/0/name_key",
            json!("a\u{7f}"),
            "control characters",
        ),
        ("/corrections/0/category", json!("\t"), "category"),
        ("/products/0/name", json!(""), "product 1"),
        ("/products/0/brand", json!(long), "brand"),
        ("/products/0/barcode", json!("12345"), "barcode"),
        ("/products/0/quantity_label", json!("1\u{0}kg"), "pack size"),
        ("/products/0/source", json!("evil"), "source"),
        (
            "/products/0/picture/sha256",
            json!("../../etc/passwd"),
            "sha256",
        ),
        (
            "/products/0/picture/content_type",
            json!("text/html"),
            "picture's type",
        ),
        (
            "/products/0/prices/0/amount_minor",
            json!(i64::MAX),
            "amount",
        ),
        ("/products/0/prices/0/amount_minor", json!(-1), "amount"),
        ("/products/0/prices/0/currency", json!("€€€"), "currency"),
        (
            "/products/0/prices/0/observed_on",
            json!("yesterday"),
            "date",
        ),
        ("/products/0/prices/0/source", json!("guess"), "source"),
        ("/products/0/prices/0/store", json!("Nowhere"), "store"),
        ("/products/0/prices/0/place", json!(long), "place"),
        (
            "/products/0/prices/0/external_id",
            json!("x".repeat(101)),
            "Open Prices id",
        ),
    ];
    let good = good_doc();
    let before = snapshot(&api, &token);
    for (path, value, expect) in &cases {
        // What version 1 had is spoiled in a version-1 document.
        let catalogue = ["/products", "/currency", "/lists/0/items/0/product"];
        let mut doc = if catalogue.iter().any(|c| path.starts_with(c)) {
            good.clone()
        } else {
            v1_doc()
        };
        *doc.pointer_mut(path)
            .unwrap_or_else(|| panic!("no {path} in the document")) = value.clone();
        let resp = api.api_post_json("/api/v1/import", &token, &doc);
        let context = format!(
            "{path} = {}",
            value.to_string().chars().take(60).collect::<String>()
        );
        assert_problem(&resp, 422, &context);
        let detail = resp.json()["detail"].as_str().unwrap().to_string();
        assert!(
            detail.starts_with("Nothing was imported: ") && detail.contains(expect),
            "{context}: {detail}"
        );
        assert!(
            detail.chars().count() < 400,
            "{context}: the message quotes too much: {detail}"
        );
        assert_eq!(
            snapshot(&api, &token),
            before,
            "{context} changed the household"
        );
    }
    // Whole-document problems: duplicates, legacy prices, too many categories.
    let mut twice = good.clone();
    let store = twice["stores"][0].clone();
    twice["stores"].as_array_mut().unwrap().push(store);
    let mut barcode = good.clone();
    let product = barcode["products"][0].clone();
    barcode["products"].as_array_mut().unwrap().push(product);
    let mut legacy = good.clone();
    legacy["prices"] = json!([{"amount": 1}]);
    let mut many = good.clone();
    many["stores"][0]["order"] = json!((0..300).map(|i| format!("C{i}")).collect::<Vec<_>>());
    for (doc, expect) in [
        (twice, "names this store twice"),
        (barcode, "barcode 4006381333931 twice"),
        (legacy, "prices outside its products"),
        (many, "at most 200"),
    ] {
        let resp = api.api_post_json("/api/v1/import", &token, &doc);
        assert_problem(&resp, 422, expect);
        assert!(
            resp.json()["detail"].as_str().unwrap().contains(expect),
            "{}",
            resp.describe()
        );
        assert_eq!(
            snapshot(&api, &token),
            before,
            "{expect}: the household changed"
        );
    }
    // The same document unspoiled imports, all of it.
    let resp = api.api_post_json("/api/v1/import", &token, &good);
    assert_eq!(resp.status, 201, "{}", resp.describe());
    let after = snapshot(&api, &token);
    assert_eq!(after["products"][0]["prices"][0]["amount_minor"], 249);
    assert_eq!(after["lists"][1]["items"][0]["product"], 0);
}

#[test]
fn a_huge_use_count_is_refused_and_the_export_keeps_working() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let token = server.cli_token("anna", "t");
    let api = server.client();
    let list = anna.create_list("Weekly");
    let mut doc = v1_doc();
    doc["history"] = json!([{"name": "milk", "uses": i64::MAX, "last_used_ms": 0}]);
    let before = snapshot(&api, &token);
    let resp = api.api_post_json("/api/v1/import", &token, &doc);
    assert_problem(&resp, 422, "uses = i64::MAX");
    assert_eq!(snapshot(&api, &token), before);
    // Once more than the bound across two imports: the count stops at the bound.
    doc["history"] = json!([{"name": "milk", "uses": 1_000_000, "last_used_ms": 0}]);
    for _ in 0..2 {
        let resp = api.api_post_json("/api/v1/import", &token, &doc);
        assert_eq!(resp.status, 201, "{}", resp.describe());
    }
    anna.add_items(list, "milk");
    let after = snapshot(&api, &token);
    let milk = after["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == "milk")
        .unwrap()
        .clone();
    assert_eq!(milk["uses"], 1_000_000, "{milk}");
    // Such a document goes in again.
    let resp = api.api_post_json("/api/v1/import", &token, &after);
    assert_eq!(resp.status, 201, "{}", resp.describe());
}

/// `multipart/form-data` as a browser sends the household page's import form.
pub(super) fn upload(client: &Client, file: &str) -> common::Resp {
    let token = client.csrf("/household");
    let boundary = "----aisle-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.json\"\r\n\
         Content-Type: application/json\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    let origin = client.origin();
    client.send(
        "POST",
        "/household/import",
        &[("Origin", origin.as_str())],
        Some((
            &format!("multipart/form-data; boundary={boundary}"),
            body.into_bytes(),
        )),
    )
}

#[test]
fn the_import_form_checks_the_same_way() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let token = server.cli_token("anna", "t");
    let api = server.client();
    let before = snapshot(&api, &token);
    let mut bad = v1_doc();
    bad["history"][0]["uses"] = json!(i64::MAX);
    let resp = upload(&anna, &bad.to_string());
    assert_refused(&resp, 422, "the form with uses = i64::MAX");
    assert!(
        resp.message().contains("number of uses"),
        "{}",
        resp.message()
    );
    assert_eq!(snapshot(&api, &token), before);

    let resp = upload(&anna, &good_doc().to_string());
    assert_eq!(resp.status, 303, "{}", resp.describe());
    let home = anna.get(resp.location().unwrap());
    assert!(
        home.body.contains("1 new product with 1 price"),
        "{}",
        home.body
    );
    assert_eq!(snapshot(&api, &token)["products"][0]["name"], "Apples");
}

#[test]
fn an_import_cannot_reach_another_households_picture_by_its_hash() {
    let fake = Fake::start(&[]);
    let picture = fake.url("/img/nutella.png");
    let found = off_found(NUTELLA, "Nutella", "Ferrero", "400 g", Some(&picture));
    fake.set(&format!("/api/v2/product/{NUTELLA}"), found);
    fake.set("/img/", Behaviour::Png);
    fake.set("/api/v1/prices", open_prices(&[]));
    let h = home(&fake);
    let looked_up = h.lookup(NUTELLA);
    assert_eq!(looked_up.status, 200, "{}", looked_up.describe());
    let id = looked_up.json()["id"].as_i64().unwrap();
    let done = h.wait_for_product(id, "its picture", |p| p["image"].is_string());
    let image = done["image"].as_str().unwrap().to_string();
    let picture = snapshot(&h.api, &h.token)["products"][0]["picture"].clone();
    assert!(picture["sha256"].is_string(), "{picture}");
    // A document naming that picture on a product without a barcode (nothing to look up).
    let mut doc = good_doc();
    doc["products"][0]["barcode"] = Value::Null;
    doc["products"][0]["picture"] = picture.clone();

    let bob = h.server.user_client("bob", "Other", true);
    let bob_token = h.server.cli_token("bob", "t");
    let resp = h.api.api_post_json("/api/v1/import", &bob_token, &doc);
    assert_eq!(resp.status, 201, "{}", resp.describe());
    let bobs = snapshot(&h.api, &bob_token);
    assert_eq!(bobs["products"][0]["name"], "Apples");
    assert_eq!(bobs["products"][0]["picture"], Value::Null, "{bobs:#}");
    let images = "SELECT count(*) FROM products p JOIN households h ON h.id = p.household_id
                  WHERE h.name = 'Other' AND p.image_id IS NOT NULL";
    assert_eq!(h.count(images), 0);
    let session = bob.cookie("aisle_session").unwrap();
    let (status, _, _) = get_bytes(&h.server.base_url(), &image, &session);
    assert_eq!(status, 404, "bob reached alice's picture");
    // The same document in alice's household links the picture she has.
    let resp = h.post("/api/v1/import", &doc);
    assert_eq!(resp.status, 201, "{}", resp.describe());
    let alices = snapshot(&h.api, &h.token);
    assert_eq!(alices["products"][1]["name"], "Apples");
    assert_eq!(alices["products"][1]["picture"], picture);
}

#[test]
fn rows_an_import_refuses_are_left_out_of_the_export_and_it_imports_elsewhere() {
    let old = Server::start();
    let _anna = old.user_client("anna", "Smiths", true);
    let token = old.cli_token("anna", "t");
    let api = old.client();
    let milk = post(&api, &token, "/api/v1/products", json!({"name": "Milk"}))["id"]
        .as_i64()
        .unwrap();
    let price = json!({"amount": "1.29", "date": "2026-01-02"});
    post(
        &api,
        &token,
        &format!("/api/v1/products/{milk}/prices"),
        price,
    );
    let weekly = post(&api, &token, "/api/v1/lists", json!({"name": "Weekly"}))["id"]
        .as_i64()
        .unwrap();
    // What no form makes: two stores whose names tidy to the same, an Open Prices report
    // with no real date and one above the largest price (as aisle kept them before they
    // were checked), and a good price at the second store, which the list shops at.
    write_from_outside(&old, |c| {
        let household: i64 = c
            .query_row(
                "SELECT household_id FROM products WHERE id = ?1",
                [milk],
                |r| r.get(0),
            )
            .unwrap();
        c.execute_batch(&format!(
            "INSERT INTO stores (household_id, name) VALUES ({household}, 'Market  Hall');
             INSERT INTO stores (household_id, name) VALUES ({household}, 'Market Hall ');
             UPDATE lists SET store_id = (SELECT max(id) FROM stores) WHERE id = {weekly};
             INSERT INTO prices (household_id, product_id, store_id, amount_minor, currency,
                                 observed_on, source, external_id, created_ms)
             VALUES ({household}, {milk}, (SELECT max(id) FROM stores), 249, 'EUR', '2026-02-03',
                     'manual', NULL, 0),
                    ({household}, {milk}, NULL, 199, 'EUR', '2026-13-45', 'open_prices', '7', 0),
                    ({household}, {milk}, NULL, 10000001, 'EUR', '2026-02-04', 'open_prices',
                     '8', 0);"
        ))
        .unwrap();
    });
    assert_eq!(db_count(&old, "SELECT count(*) FROM prices"), 4);
    let doc = snapshot(&api, &token);
    let names = |v: &Value, key: &str| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x[key].clone())
            .collect()
    };
    assert_eq!(
        names(&doc["stores"], "name"),
        ["Market Hall", "Market Hall (2)"]
    );
    assert_eq!(doc["lists"][0]["store"], "Market Hall (2)");
    let prices = &doc["products"][0]["prices"];
    assert_eq!(names(prices, "amount_minor"), [129, 249], "{doc:#}");
    assert_eq!(
        names(prices, "store"),
        [Value::Null, json!("Market Hall (2)")]
    );

    let new = Server::start();
    let _anna = new.user_client("anna", "Smiths", true);
    let token2 = new.cli_token("anna", "t");
    let api2 = new.client();
    let resp = api2.api_post_json("/api/v1/import", &token2, &doc);
    assert_eq!(resp.status, 201, "{}", resp.describe());
    assert_eq!(snapshot(&api2, &token2), doc);
}
