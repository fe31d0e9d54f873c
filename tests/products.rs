#![allow(clippy::unwrap_used)]
//! Products against fake Open Food Facts and Open Prices servers on loopback: barcode
//! lookups through the catalogue, the cache and the provider; pictures served by aisle;
//! barcode validation; catalogue search; prices by hand and from Open Prices; the list
//! total; the SVG price chart; the `refresh_products` job; isolation between households.
//! Provider faults (retries, circuit breaker, hangs, bad answers, rate limits) are in
//! `products_faults.rs`.

mod common;
mod fake;

use std::thread;
use std::time::Duration;

use common::*;
use fake::*;
use serde_json::{Value, json};

const NUTELLA: &str = "3017620422003";
const MILK: &str = "4006381333931";
const EAN8: &str = "96385074";
const UPCA: &str = "036000291452";

/// A server pointed at `fake`, with alice (admin of "Home") logged in and her API token.
struct Home {
    server: Server,
    web: Client,
    api: Client,
    token: String,
}

fn home(fake: &Fake) -> Home {
    let env = lookup_env(fake, "1500");
    let server = Server::start_with(&as_pairs(&env));
    let web = server.user_client("alice", "Home", true);
    let token = server.cli_token("alice", "phone");
    let api = server.client();
    Home {
        server,
        web,
        api,
        token,
    }
}

impl Home {
    fn get(&self, path: &str) -> Resp {
        self.api.api_get(path, &self.token)
    }

    fn post(&self, path: &str, body: &Value) -> Resp {
        self.api.api_post_json(path, &self.token, body)
    }

    fn lookup(&self, code: &str) -> Resp {
        self.get(&format!("/api/v1/products/barcode/{code}"))
    }

    /// Creates a product by hand through the API; returns its id.
    fn product(&self, body: Value) -> i64 {
        let resp = self.post("/api/v1/products", &body);
        assert_eq!(resp.status, 201, "{}", resp.describe());
        resp.json()["id"].as_i64().unwrap()
    }

    fn price(&self, product: i64, body: Value) -> Value {
        let resp = self.post(&format!("/api/v1/products/{product}/prices"), &body);
        assert_eq!(resp.status, 201, "{}", resp.describe());
        resp.json()
    }

    fn count(&self, sql: &str) -> i64 {
        db_count(&self.server, sql)
    }

    /// Waits (bounded) until the product's JSON satisfies `done`; returns it.
    fn wait_for_product(&self, id: i64, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..400 {
            let p = self.get(&format!("/api/v1/products/{id}"));
            assert_eq!(p.status, 200, "{}", p.describe());
            let p = p.json();
            if done(&p) {
                return p;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!("product {id}: {what} never happened");
    }
}

fn keys(v: &Value) -> Vec<String> {
    let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

/// (store, amount_minor, currency, observed_on, source) of a price array.
fn price_rows(prices: &Value) -> Vec<(String, i64, String, String, String)> {
    prices
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["store"].as_str().unwrap_or("").to_string(),
                p["amount_minor"].as_i64().unwrap(),
                p["currency"].as_str().unwrap().to_string(),
                p["observed_on"].as_str().unwrap().to_string(),
                p["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn row(
    store: &str,
    minor: i64,
    cur: &str,
    day: &str,
    src: &str,
) -> (String, i64, String, String, String) {
    (store.into(), minor, cur.into(), day.into(), src.into())
}

fn id_from(location: &str, prefix: &str) -> i64 {
    location.strip_prefix(prefix).unwrap().parse().unwrap()
}

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
        ("%20", "type the number"),
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
fn prices_by_hand_through_the_api_and_the_form() {
    let fake = Fake::start(&[]);
    let h = home(&fake);
    let id = h.product(json!({"name": "Oat drink"}));
    let market = id_from(
        h.web.submit("/stores", &[("name", "Market")]).redirected(),
        "/stores/",
    );

    let today = h.price(id, json!({"amount": "2.49"}));
    let first = &today["prices"][0];
    assert_eq!(first["amount_minor"], 249);
    assert_eq!(
        first["currency"], "EUR",
        "the household's currency by default"
    );
    assert_eq!(first["source"], "manual");
    assert_eq!(first["store"], Value::Null);
    assert_eq!(first["observed_on"].as_str().unwrap().len(), 10);
    h.price(
        id,
        json!({"amount": "1.89", "store_id": market, "date": "2025-12-01", "pack_size": "1 l"}),
    );
    h.price(
        id,
        json!({"amount": "1,99", "store_id": market, "date": "2026-01-05"}),
    );
    h.price(
        id,
        json!({"amount": "2.10", "place": "Corner shop", "date": "2026-01-03", "currency": "eur"}),
    );

    // And through the form on the product page.
    let form = h.web.submit(
        &format!("/products/{id}/prices"),
        &[
            ("amount", "2.29"),
            ("currency", "EUR"),
            ("store_id", &market.to_string()),
            ("pack_size", "1 l"),
            ("date", "2026-01-04"),
        ],
    );
    assert_eq!(form.redirected(), format!("/products/{id}"));

    let p = h.get(&format!("/api/v1/products/{id}")).json();
    let rows = price_rows(&p["prices"]);
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[1..],
        [
            row("Market", 199, "EUR", "2026-01-05", "manual"),
            row("Market", 229, "EUR", "2026-01-04", "manual"),
            row("Corner shop", 210, "EUR", "2026-01-03", "manual"),
            row("Market", 189, "EUR", "2025-12-01", "manual"),
        ]
    );
    assert_eq!(p["prices"][4]["pack_size"], "1 l");
    let latest = price_rows(&p["latest_by_store"]);
    assert_eq!(latest.len(), 3, "{latest:?}");
    assert_eq!(latest[0].1, 249, "the one without a store");
    assert_eq!(
        latest[1..],
        [
            row("Market", 199, "EUR", "2026-01-05", "manual"),
            row("Corner shop", 210, "EUR", "2026-01-03", "manual"),
        ]
    );
    let page = h.web.get(&format!("/products/{id}"));
    assert!(page.body.contains("1.99 EUR") && page.body.contains("Corner shop"));

    // Refused: nothing written.
    let before = h.count("SELECT count(*) FROM prices");
    let bob = h.server.user_client("bob", "Other", true);
    let bobs_store = id_from(
        bob.submit("/stores", &[("name", "Bob's")]).redirected(),
        "/stores/",
    );
    for (body, why) in [
        (json!({"amount": "abc"}), "amount"),
        (json!({"amount": "-1"}), "negative"),
        (json!({"amount": "2.49", "currency": "euro"}), "currency"),
        (json!({"amount": "2.49", "date": "yesterday"}), "date"),
        (
            json!({"amount": "2.49", "store_id": bobs_store}),
            "another household's store",
        ),
        (
            json!({"amount": "2.49", "store_id": 999_999}),
            "no such store",
        ),
    ] {
        let resp = h.post(&format!("/api/v1/products/{id}/prices"), &body);
        assert_problem(&resp, 422, why);
    }
    let bad_form = h.web.submit(
        &format!("/products/{id}/prices"),
        &[
            ("amount", "two euros"),
            ("currency", "EUR"),
            ("store_id", ""),
            ("pack_size", ""),
            ("date", "2026-01-04"),
        ],
    );
    assert_refused(&bad_form, 422, "the form");
    assert_problem(
        &h.post("/api/v1/products/999999/prices", &json!({"amount": "1"})),
        404,
        "no such product",
    );
    assert_eq!(h.count("SELECT count(*) FROM prices"), before);
}

#[test]
fn open_prices_follow_the_household_currency() {
    let fake = Fake::start(&[]);
    fake.set(
        &format!("/api/v2/product/{MILK}"),
        off_found(MILK, "Milk", "Happy Cow", "1 l", None),
    );
    fake.set(
        &format!("/api/v2/product/{UPCA}"),
        off_found(UPCA, "Soup", "Can Co", "400 g", None),
    );
    fake.set(
        "/api/v1/prices",
        open_prices(&[
            (1, 1.19, "EUR", "2026-01-10", "Aldi"),
            (2, 1.49, "USD", "2026-01-11", "Target"),
            (3, 1.29, "usd", "2026-01-12", "Kroger"),
        ]),
    );
    let h = home(&fake);

    let milk = h.lookup(MILK).json()["id"].as_i64().unwrap();
    let p = h.wait_for_product(milk, "EUR prices", |p| {
        !p["prices"].as_array().unwrap().is_empty()
    });
    assert_eq!(
        price_rows(&p["prices"]),
        vec![row("Aldi", 119, "EUR", "2026-01-10", "open_prices")]
    );

    let switched = h.web.submit("/household/currency", &[("currency", "usd")]);
    assert_eq!(switched.redirected(), "/household");
    let soup = h.lookup(UPCA).json()["id"].as_i64().unwrap();
    let p = h.wait_for_product(soup, "USD prices", |p| {
        p["prices"].as_array().unwrap().len() >= 2
    });
    assert_eq!(
        price_rows(&p["prices"]),
        vec![
            row("Kroger", 129, "USD", "2026-01-12", "open_prices"),
            row("Target", 149, "USD", "2026-01-11", "open_prices"),
        ]
    );
    assert_eq!(fake.count("/api/v1/prices"), 2);
    assert_eq!(
        h.count("SELECT count(*) FROM prices WHERE currency = 'EUR'"),
        1,
        "the milk's"
    );
    // A manual price without a currency is now in USD.
    let manual = h.price(soup, json!({"amount": "1.00", "date": "2026-01-20"}));
    assert_eq!(manual["prices"][0]["currency"], "USD");
    // A bad currency is refused and changes nothing.
    let refused = h
        .web
        .submit("/household/currency", &[("currency", "dollars")]);
    assert_refused(&refused, 422, "a bad currency");
    assert_eq!(
        h.count("SELECT count(*) FROM households WHERE name = 'Home' AND currency = 'USD'"),
        1
    );
}

/// The list total as JSON: (amount_minor, currency, priced, unpriced).
fn total(h: &Home, list: i64) -> (i64, String, i64, i64) {
    let t = h.get(&format!("/api/v1/lists/{list}/total"));
    assert_eq!(t.status, 200, "{}", t.describe());
    let t = t.json();
    (
        t["amount_minor"].as_i64().unwrap(),
        t["currency"].as_str().unwrap().to_string(),
        t["priced"].as_i64().unwrap(),
        t["unpriced"].as_i64().unwrap(),
    )
}

#[test]
fn the_list_total_counts_priced_and_unpriced_items() {
    let fake = Fake::start(&[]);
    let h = home(&fake);
    let list = h.web.create_list("Weekly");
    let empty = h.web.create_list("Empty");
    assert_eq!(total(&h, empty), (0, "EUR".into(), 0, 0));
    assert!(
        !h.web
            .get(&format!("/lists/{empty}"))
            .body
            .contains("Estimated total")
    );

    h.web.add_items(list, "bread");
    let milk = h.product(json!({"name": "Milk"}));
    let eggs = h.product(json!({"name": "Eggs"}));
    for p in [milk, eggs] {
        let added = h.post(&format!("/api/v1/lists/{list}/products/{p}"), &json!({}));
        assert_eq!(added.status, 201, "{}", added.describe());
    }
    let names: Vec<String> = h
        .web
        .items(list)
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 3);
    assert!(names.contains(&"Milk".to_string()) && names.contains(&"Eggs".to_string()));
    assert_eq!(
        h.count("SELECT count(*) FROM items WHERE product_id IS NOT NULL"),
        2
    );

    assert_eq!(total(&h, list), (0, "EUR".into(), 0, 3));
    let page = h.web.get(&format!("/lists/{list}")).body;
    assert!(page.contains("Estimated total"));
    assert!(page.contains("3 items without a known price"), "{page}");

    h.price(milk, json!({"amount": "1.29", "date": "2026-01-01"}));
    assert_eq!(total(&h, list), (129, "EUR".into(), 1, 2));
    let page = h.web.get(&format!("/lists/{list}")).body;
    assert!(page.contains("1.29 EUR"), "{page}");
    assert!(page.contains("2 items without a known price"));

    // The newest price counts; prices in another currency do not.
    h.price(milk, json!({"amount": "1.39", "date": "2026-02-01"}));
    h.price(
        milk,
        json!({"amount": "0.10", "date": "2026-03-01", "currency": "USD"}),
    );
    h.price(eggs, json!({"amount": "2.00"}));
    assert_eq!(total(&h, list), (339, "EUR".into(), 2, 1));
    let page = h.web.get(&format!("/lists/{list}")).body;
    assert!(page.contains("3.39 EUR"), "{page}");
    assert!(page.contains("1 item without a known price"));

    // With a store chosen for the list, that store's price wins over a newer one elsewhere.
    let market = id_from(
        h.web.submit("/stores", &[("name", "Market")]).redirected(),
        "/stores/",
    );
    h.price(
        eggs,
        json!({"amount": "1.50", "store_id": market, "date": "2025-01-01"}),
    );
    assert_eq!(total(&h, list).0, 339, "no store chosen: the newest");
    let chosen = h.web.submit(
        &format!("/lists/{list}/store"),
        &[("store_id", &market.to_string())],
    );
    assert_eq!(chosen.status, 303);
    assert_eq!(total(&h, list), (289, "EUR".into(), 2, 1));

    // Another household cannot see the total.
    let bob = h.server.user_client("bob", "Other", true);
    assert_eq!(bob.get(&format!("/api/v1/lists/{list}/total")).status, 404);
}

/// (svg charts, circles, polylines) on a product page.
fn chart(h: &Home, id: i64) -> (usize, usize, usize) {
    let page = h.web.get(&format!("/products/{id}"));
    assert_eq!(page.status, 200, "{}", page.describe());
    let b = &page.body;
    (
        b.matches(r#"role="img""#).count(),
        b.matches("<circle").count(),
        b.matches("<polyline").count(),
    )
}

#[test]
fn the_price_chart_draws_zero_one_and_many_points() {
    let fake = Fake::start(&[]);
    let h = home(&fake);
    let none = h.product(json!({"name": "Nothing yet"}));
    assert_eq!(chart(&h, none), (0, 0, 0));
    assert!(
        h.web
            .get(&format!("/products/{none}"))
            .body
            .contains("No prices yet.")
    );
    assert!(
        !h.web
            .get(&format!("/products/{none}"))
            .body
            .contains("<svg")
    );

    let one = h.product(json!({"name": "One price"}));
    h.price(one, json!({"amount": "1.00", "date": "2026-01-01"}));
    // A price in another currency is listed but not charted.
    h.price(
        one,
        json!({"amount": "9.00", "date": "2026-01-02", "currency": "USD"}),
    );
    assert_eq!(chart(&h, one), (1, 1, 0));

    let many = h.product(json!({"name": "Many prices"}));
    for (amount, day) in [
        ("1.00", "2026-01-01"),
        ("1.50", "2026-01-08"),
        ("1.20", "2026-01-15"),
        ("1.80", "2026-01-22"),
    ] {
        h.price(many, json!({"amount": amount, "date": day}));
    }
    assert_eq!(chart(&h, many), (1, 4, 1));
    let page = h.web.get(&format!("/products/{many}")).body;
    assert!(
        page.contains("Price history from 2026-01-01 to 2026-01-22"),
        "{page}"
    );
    assert!(page.contains("1.00 EUR") && page.contains("1.80 EUR"));
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
    let env = lookup_env(&fake, "1500");
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
