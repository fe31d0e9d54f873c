//! Product lookups against fake Open Food Facts and Open Prices servers on loopback:
//! barcodes through the catalogue, the cache and the provider; pictures served by aisle;
//! barcode validation; catalogue search (FTS5, then online); the `refresh_products` job;
//! isolation between households. Prices, totals and the chart are in `products_prices.rs`;
//! provider faults (retries, circuit breaker, hangs, bad answers, rate limits) in
//! `products_faults.rs`.

use std::thread;
use std::time::Duration;

use crate::common::*;
use crate::fake::home::*;
use crate::fake::*;
use serde_json::{Value, json};

#[test]
fn a_found_product_joins_the_catalogue_and_its_picture_and_prices_follow() {
    let fake = Fake::start(&[]);
    let picture = fake.url("/img/nutella.png");
    fake.set(
        &format!("/api/v2/product/{NUTELLA}"),
        off_found(
            NUTELLA,
            "Nutella",
            "Ferrero, Nutella",
            "400 g",
            Some(&picture),
        ),
    );
    fake.set("/img/", Behaviour::Png);
    fake.set(
        "/api/v1/prices",
        open_prices(&[
            (11, 2.49, "EUR", "2026-01-10", "Lidl"),
            (12, 3.10, "USD", "2026-01-20", "Walmart"),
            (13, 2.59, "EUR", "2026-02-01", "Lidl"),
            (14, 2.79, "EUR", "2026-01-15", "Carrefour"),
        ]),
    );
    let h = home(&fake);

    let first = h.lookup(NUTELLA);
    assert_eq!(first.status, 200, "{}", first.describe());
    let p = first.json();
    assert_eq!(
        keys(&p),
        [
            "barcode",
            "brand",
            "id",
            "image",
            "latest_by_store",
            "name",
            "prices",
            "quantity_label",
            "saved",
            "source"
        ]
    );
    assert_eq!(p["barcode"], NUTELLA);
    assert_eq!(p["name"], "Nutella");
    assert_eq!(p["brand"], "Ferrero", "the first of the brands");
    assert_eq!(p["quantity_label"], "400 g");
    assert_eq!(p["source"], "off");
    assert_eq!(p["saved"], false);
    assert_eq!(
        p["image"],
        Value::Null,
        "the picture comes in the background"
    );
    let id = p["id"].as_i64().unwrap();
    assert_eq!(fake.count("/api/v2/product/"), 1);
    let asked = &fake.requests()[0];
    assert_eq!(asked.path, format!("/api/v2/product/{NUTELLA}"));
    assert!(asked.query.contains("fields="), "{}", asked.query);

    // In the catalogue now, and cached for the instance.
    assert_eq!(
        h.count(&format!(
            "SELECT count(*) FROM products WHERE barcode = '{NUTELLA}' AND source = 'off'"
        )),
        1
    );
    assert_eq!(
        h.count(&format!("SELECT count(*) FROM lookup_cache WHERE provider = 'off' AND key = '{NUTELLA}' AND found = 1")),
        1
    );
    let listed = h.get("/api/v1/products?q=nutel").json();
    assert_eq!(listed["catalogue"][0]["id"], id);

    // The second scan is answered by aisle alone.
    let again = h.lookup(NUTELLA);
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["id"], id);
    assert_eq!(
        fake.count("/api/v2/product/"),
        1,
        "no second provider request"
    );

    // Picture and Open Prices arrive in the background; only EUR prices are kept.
    let done = h.wait_for_product(id, "picture and prices", |p| {
        p["image"].is_string() && p["prices"].as_array().is_some_and(|a| a.len() == 3)
    });
    assert_eq!(
        price_rows(&done["prices"]),
        vec![
            row("Lidl", 259, "EUR", "2026-02-01", "open_prices"),
            row("Carrefour", 279, "EUR", "2026-01-15", "open_prices"),
            row("Lidl", 249, "EUR", "2026-01-10", "open_prices"),
        ]
    );
    assert_eq!(
        price_rows(&done["latest_by_store"]),
        vec![
            row("Lidl", 259, "EUR", "2026-02-01", "open_prices"),
            row("Carrefour", 279, "EUR", "2026-01-15", "open_prices"),
        ]
    );
    assert_eq!(
        h.count("SELECT count(*) FROM prices WHERE currency = 'USD'"),
        0
    );
    let prices_asked = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/v1/prices")
        .unwrap();
    assert!(
        prices_asked
            .query
            .contains(&format!("product_code={NUTELLA}")),
        "{}",
        prices_asked.query
    );

    // aisle serves the picture itself, byte for byte.
    let image = done["image"].as_str().unwrap().to_string();
    assert!(image.starts_with("/images/"), "{image}");
    let session = h.web.cookie("aisle_session").unwrap();
    let (status, content_type, bytes) = get_bytes(&h.server.base_url(), &image, &session);
    assert_eq!(status, 200);
    assert_eq!(content_type, "image/png");
    assert_eq!(bytes, PNG);
    assert_eq!(fake.count("/img/"), 1);
    let page = h.web.get(&format!("/products/{id}"));
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains(&format!(r#"<img src="{image}""#)),
        "{}",
        page.body
    );

    // Another household gets nothing: not the picture, not the product.
    let bob = h.server.user_client("bob", "Other", true);
    let bob_session = bob.cookie("aisle_session").unwrap();
    let (status, _, bytes) = get_bytes(&h.server.base_url(), &image, &bob_session);
    assert_eq!(status, 404);
    assert_ne!(bytes, PNG);
    assert_eq!(bob.get(&format!("/products/{id}")).status, 404);
    assert_eq!(bob.get(&format!("/api/v1/products/{id}")).status, 404);
    // Nor without a session at all.
    let (status, _, _) = get_bytes(&h.server.base_url(), &image, "nonsense");
    assert_ne!(status, 200);

    // When bob scans it himself, the instance's cache answers (no provider request), and
    // his own copy gets its picture and prices in the background too.
    let bobs = bob.get(&format!("/api/v1/products/barcode/{NUTELLA}"));
    assert_eq!(bobs.status, 200, "{}", bobs.describe());
    let bobs_id = bobs.json()["id"].as_i64().unwrap();
    assert_ne!(bobs_id, id, "his own catalogue entry");
    assert_eq!(fake.count("/api/v2/product/"), 1, "served from the cache");
    let mut bobs_product = Value::Null;
    for _ in 0..400 {
        bobs_product = bob.get(&format!("/api/v1/products/{bobs_id}")).json();
        if bobs_product["image"].is_string()
            && bobs_product["prices"].as_array().unwrap().len() == 3
        {
            break;
        }
        thread::sleep(Duration::from_millis(25));
    }
    assert!(bobs_product["image"].is_string(), "{bobs_product}");
    assert_eq!(
        price_rows(&bobs_product["prices"]),
        price_rows(&done["prices"])
    );
    let (status, _, bytes) = get_bytes(
        &h.server.base_url(),
        bobs_product["image"].as_str().unwrap(),
        &bob_session,
    );
    assert_eq!((status, bytes.as_slice()), (200, PNG));
    assert_eq!(h.count("SELECT count(*) FROM images"), 1, "stored once");
}

#[test]
fn an_unknown_barcode_is_404_and_remembered() {
    let fake = Fake::start(&[]);
    // Open Food Facts says "not found" both ways: HTTP 200 with status 0, and HTTP 404.
    fake.set(&format!("/api/v2/product/{MILK}"), off_not_found(200));
    fake.set(&format!("/api/v2/product/{EAN8}"), off_not_found(404));
    let h = home(&fake);

    for (code, asked) in [(MILK, 1), (EAN8, 2)] {
        let resp = h.lookup(code);
        assert_problem(&resp, 404, code);
        assert!(
            resp.message().contains("add it by hand"),
            "{}",
            resp.message()
        );
        assert_eq!(fake.count("/api/v2/product/"), asked);
    }
    assert_eq!(h.count("SELECT count(*) FROM products"), 0);
    assert_eq!(
        h.count("SELECT count(*) FROM lookup_cache WHERE found = 0 AND failures = 0"),
        2
    );

    // Asked again: the same answer, from the cache.
    for code in [MILK, EAN8] {
        assert_problem(&h.lookup(code), 404, code);
    }
    let page = h.web.get(&format!("/products/barcode?code={MILK}"));
    assert_refused(&page, 404, "the page");
    // The products page stays, its hand-add form holding the barcode.
    assert!(
        page.message()
            .ends_with("you can add it by hand. The form below has the barcode filled in."),
        "{}",
        page.message()
    );
    assert!(
        page.body
            .contains(&format!(r#"name="barcode" value="{MILK}""#))
    );
    assert_eq!(
        fake.count("/api/v2/product/"),
        2,
        "no new provider requests"
    );
    assert_eq!(h.count("SELECT count(*) FROM products"), 0);
}

#[test]
fn barcodes_are_validated_before_anything_is_asked_or_written() {
    let fake = Fake::start(&[]);
    let h = home(&fake);
    let bad = [
        ("4006381333932", "should be 1"),
        ("96385075", "should be 4"),
        ("036000291453", "should be 2"),
        ("12345", "this one has 5"),
        ("40063813339311", "this one has 14"),
        ("abcdefgh", "only digits"),
        ("40063813339O1", "only digits"),
        ("%20", "Type the number"),
    ];
    for (code, why) in bad {
        let resp = h.lookup(code);
        assert_problem(&resp, 422, code);
        assert!(resp.message().contains(why), "{code}: {}", resp.message());
    }
    let page = h.web.get("/products/barcode?code=4006381333932");
    assert_refused(&page, 422, "the barcode page");
    assert!(page.message().contains("should be 1"), "{}", page.message());
    let made = h.post(
        "/api/v1/products",
        &json!({"name": "Milk", "barcode": "4006381333932"}),
    );
    assert_problem(&made, 422, "a product with a bad barcode");
    assert_eq!(fake.total(), 0, "nothing was asked");
    assert_eq!(h.count("SELECT count(*) FROM products"), 0);
    assert_eq!(h.count("SELECT count(*) FROM lookup_cache"), 0);

    // EAN-13 (spaces ignored), EAN-8 and UPC-A pass and are looked up.
    fake.set(
        &format!("/api/v2/product/{MILK}"),
        off_found(MILK, "Milk", "Happy Cow", "1 l", None),
    );
    fake.set(
        &format!("/api/v2/product/{EAN8}"),
        off_found(EAN8, "Gum", "Chew", "10 g", None),
    );
    fake.set(
        &format!("/api/v2/product/{UPCA}"),
        off_found(UPCA, "Soup", "Can Co", "400 g", None),
    );
    for (typed, code) in [("4006381%20333931", MILK), (EAN8, EAN8), (UPCA, UPCA)] {
        let resp = h.lookup(typed);
        assert_eq!(resp.status, 200, "{typed}: {}", resp.describe());
        assert_eq!(resp.json()["barcode"], code);
    }
    assert_eq!(fake.count("/api/v2/product/"), 3);
    assert_eq!(h.count("SELECT count(*) FROM products"), 3);
}

#[test]
fn the_catalogue_search_matches_prefixes_and_brands_within_the_household() {
    let fake = Fake::start(&[]);
    let h = home(&fake);
    let milk = h.product(json!({"name": "Whole milk", "brand": "Happy Cow", "barcode": MILK}));
    let oat = h.product(json!({"name": "Oat drink", "brand": "Oatly"}));
    // By session + X-CSRF-Token too.
    let made = h
        .web
        .api_session_post("/api/v1/products", &json!({"name": "Rye bread"}));
    assert_eq!(made.status, 201, "{}", made.describe());
    let rye = made.json()["id"].as_i64().unwrap();
    let bob = h.server.user_client("bob", "Other", true);
    let other = bob.api_session_post(
        "/api/v1/products",
        &json!({"name": "Milk chocolate", "brand": "Happy Cow"}),
    );
    assert_eq!(other.status, 201);

    let ids = |q: &str| -> Vec<i64> {
        let resp = h.get(&format!("/api/v1/products?q={}", url_encode(q)));
        assert_eq!(resp.status, 200, "{}", resp.describe());
        let body = resp.json();
        assert_eq!(body["online"], json!([]), "not online unless asked");
        let mut ids: Vec<i64> = body["catalogue"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids("mil"),
        vec![milk],
        "a prefix; never the other household's"
    );
    assert_eq!(ids("happy"), vec![milk], "the brand");
    assert_eq!(ids("oat"), vec![oat], "name and brand both start with oat");
    assert_eq!(ids("whole MILK"), vec![milk]);
    assert_eq!(ids("cow milk"), vec![milk], "words from name and brand");
    assert!(ids("chocolate").is_empty());
    assert!(ids("\"); DROP TABLE products; --").is_empty());
    assert_eq!(ids(""), {
        let mut all = vec![milk, oat, rye];
        all.sort();
        all
    });
    let page = h.web.get("/products?q=mil");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Whole milk"));
    assert!(!page.body.contains("Milk chocolate"));
    assert!(!page.body.contains("Oat drink"));

    // Online: Open Food Facts search results with valid barcodes and names only.
    fake.set(
        "/cgi/search.pl",
        off_search(&[
            ("5000159484695", "Oat barista", "Oatly"),
            ("123", "Bad code", "X"),
            (NUTELLA, "", "No name"),
        ]),
    );
    let online = h.get("/api/v1/products?q=oat%20drink&online=true");
    assert_eq!(online.status, 200, "{}", online.describe());
    let online = online.json();
    assert_eq!(online["catalogue"][0]["id"], oat);
    let found = online["online"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{online}");
    assert_eq!(found[0]["code"], "5000159484695");
    assert_eq!(found[0]["name"], "Oat barista");
    let asked = &fake.requests()[0];
    assert_eq!(asked.path, "/cgi/search.pl");
    assert!(
        asked.query.contains("search_terms=oat+drink"),
        "{}",
        asked.query
    );
    assert!(asked.query.contains("json=1"), "{}", asked.query);
    assert_eq!(h.count("SELECT count(*) FROM products WHERE household_id = (SELECT household_id FROM users WHERE username = 'alice')"), 3, "online results are not added by themselves");
}

#[test]
fn the_refresh_job_refreshes_linked_products_through_the_cli() {
    let fake = Fake::start(&[]);
    fake.set(
        &format!("/api/v2/product/{MILK}"),
        off_found(
            MILK,
            "Whole milk 3.5%",
            "Happy Cow",
            "1 l",
            Some(&fake.url("/img/milk.png")),
        ),
    );
    fake.set("/img/", Behaviour::Png);
    fake.set(
        "/api/v1/prices",
        open_prices(&[(7, 1.09, "EUR", "2026-01-09", "Aldi")]),
    );
    let h = home(&fake);
    // On an open list: refreshed. Saved as a staple: refreshed. Neither: left alone.
    let milk = h.product(json!({"name": "Our milk", "barcode": MILK}));
    let staple = h.product(json!({"name": "Staple", "barcode": EAN8}));
    let loose = h.product(json!({"name": "Loose", "barcode": UPCA}));
    let list = h.web.create_list("Weekly");
    assert_eq!(
        h.post(&format!("/api/v1/lists/{list}/products/{milk}"), &json!({}))
            .status,
        201,
        "{}",
        h.server.log()
    );
    assert_eq!(
        h.web
            .submit(&format!("/products/{staple}/save"), &[])
            .status,
        303
    );
    fake.set(&format!("/api/v2/product/{EAN8}"), off_not_found(404));

    let dir = h.server.data_dir();
    let args = [
        "jobs",
        "run",
        "refresh_products",
        "--data-dir",
        dir.to_str().unwrap(),
    ];
    let env = lookup_env(&fake, "4000");
    let (status, out, err) = run_cli_env(&args, None, &as_pairs(&env));
    assert!(status.success(), "{out}\n{err}");
    assert!(out.contains("2 product(s) refreshed, 0 failed"), "{out}");
    assert_eq!(fake.count(&format!("/api/v2/product/{MILK}")), 1);
    assert_eq!(fake.count(&format!("/api/v2/product/{EAN8}")), 1);
    assert_eq!(
        fake.count(&format!("/api/v2/product/{UPCA}")),
        0,
        "not linked, not saved"
    );
    let run = sqlite(&h.server)
        .query_row(
            "SELECT outcome, message FROM job_runs WHERE job = 'refresh_products' ORDER BY id DESC",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap();
    assert_eq!(run.0, "ok");
    assert!(run.1.contains("2 product(s) refreshed"), "{}", run.1);

    // The hand-entered name stays; what was missing is filled in; picture and prices came.
    let p = h.get(&format!("/api/v1/products/{milk}")).json();
    assert_eq!(p["name"], "Our milk");
    assert_eq!(p["brand"], "Happy Cow");
    assert_eq!(p["quantity_label"], "1 l");
    assert!(p["image"].is_string(), "{p}");
    assert_eq!(
        price_rows(&p["prices"]),
        vec![row("Aldi", 109, "EUR", "2026-01-09", "open_prices")]
    );
    let (_, _, bytes) = get_bytes(
        &h.server.base_url(),
        p["image"].as_str().unwrap(),
        &h.web.cookie("aisle_session").unwrap(),
    );
    assert_eq!(bytes, PNG);
    let untouched = h.get(&format!("/api/v1/products/{loose}")).json();
    assert_eq!(untouched["brand"], Value::Null);

    // Fresh now: a second run asks nothing.
    let before = fake.total();
    let (status, out, _) = run_cli_env(&args, None, &as_pairs(&env));
    assert!(status.success());
    assert!(out.contains("0 product(s) refreshed, 0 failed"), "{out}");
    assert_eq!(fake.total(), before);
    assert_eq!(
        h.count("SELECT count(*) FROM job_runs WHERE job = 'refresh_products' AND outcome = 'ok'"),
        2
    );
}

#[test]
fn another_household_sees_none_of_it() {
    let fake = Fake::start(&[]);
    let h = home(&fake);
    let id = h.product(json!({"name": "Secret sauce", "brand": "Alpha", "barcode": MILK}));
    h.price(id, json!({"amount": "3.00"}));
    let list = h.web.create_list("Alpha list");
    let bob = h.server.user_client("bob", "Other", true);
    let bob_token = h.server.cli_token("bob", "bob's phone");
    let bobs_list = bob.create_list("Bob's list");
    let before = (
        snapshot(&h.server),
        h.count("SELECT count(*) FROM prices"),
        h.count("SELECT count(*) FROM products"),
    );

    assert_problem(
        &h.api.api_get(&format!("/api/v1/products/{id}"), &bob_token),
        404,
        "API product",
    );
    assert_eq!(bob.get(&format!("/products/{id}")).status, 404, "page");
    assert_problem(
        &h.api.api_post_json(
            &format!("/api/v1/products/{id}/prices"),
            &bob_token,
            &json!({"amount": "0.01"}),
        ),
        404,
        "price",
    );
    let priced = bob.submit(
        &format!("/products/{id}/prices"),
        &[
            ("amount", "0.01"),
            ("currency", "EUR"),
            ("store_id", ""),
            ("pack_size", ""),
            ("date", "2026-01-01"),
        ],
    );
    assert_eq!(priced.status, 404, "price form");
    assert_problem(
        &h.api.api_post_json(
            &format!("/api/v1/lists/{bobs_list}/products/{id}"),
            &bob_token,
            &json!({}),
        ),
        404,
        "A's product on B's list",
    );
    assert_eq!(
        bob.submit(&format!("/products/{id}/save"), &[]).status,
        404,
        "save"
    );
    assert_eq!(
        bob.submit(
            &format!("/products/{id}/add"),
            &[("list_id", &bobs_list.to_string())]
        )
        .status,
        404,
        "add to list"
    );
    assert_problem(
        &h.api
            .api_get(&format!("/api/v1/lists/{list}/total"), &bob_token),
        404,
        "total",
    );
    let search = h
        .api
        .api_get("/api/v1/products?q=secret", &bob_token)
        .json();
    assert_eq!(search["catalogue"], json!([]));
    assert!(!bob.get("/products").body.contains("Secret sauce"));
    assert!(!bob.get("/products?q=alpha").body.contains("Secret sauce"));
    assert_eq!(
        (
            snapshot(&h.server),
            h.count("SELECT count(*) FROM prices"),
            h.count("SELECT count(*) FROM products"),
        ),
        before,
        "nothing of A changed"
    );
    assert_eq!(h.count("SELECT count(*) FROM products WHERE saved = 1"), 0);

    // B scanning A's hand-entered barcode does not see A's product: it asks the provider.
    fake.set(&format!("/api/v2/product/{MILK}"), off_not_found(404));
    assert_problem(
        &h.api
            .api_get(&format!("/api/v1/products/barcode/{MILK}"), &bob_token),
        404,
        "B's scan",
    );
    assert_eq!(fake.count("/api/v2/product/"), 1);
    // A's scan answers from A's catalogue.
    let mine = h.lookup(MILK);
    assert_eq!(mine.status, 200);
    assert_eq!(mine.json()["id"], id);
    assert_eq!(mine.json()["latest_by_store"][0]["amount_minor"], 300);
}
