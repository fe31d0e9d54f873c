//! Prices: by hand (API and form), imported from a fake Open Prices in the household's
//! currency, latest per store; the list's estimated total with and without prices; the
//! server-rendered SVG price chart for zero, one and many points.

use crate::common::*;
use crate::fake::home::*;
use crate::fake::*;
use serde_json::{Value, json};

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
    let mut linked: Vec<(String, Value)> = h
        .web
        .items(list)
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_string(),
                i["product_id"].clone(),
            )
        })
        .collect();
    linked.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        linked,
        vec![
            ("Eggs".to_string(), json!(eggs)),
            ("Milk".to_string(), json!(milk)),
            ("bread".to_string(), Value::Null),
        ]
    );
    assert_eq!(
        h.count("SELECT count(*) FROM items WHERE product_id IS NOT NULL"),
        2
    );

    assert_eq!(total(&h, list), (0, "EUR".into(), 0, 3));
    let page = h.web.get(&format!("/lists/{list}")).body;
    assert!(
        !page.contains("Estimated total"),
        "no total while nothing has a price"
    );

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
        page.contains("Price history from January 1, 2026 to January 22, 2026"),
        "{page}"
    );
    assert!(page.contains("1.00 EUR") && page.contains("1.80 EUR"));
}
