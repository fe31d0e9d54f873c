//! Barcode lookups when the box cannot reach Open Food Facts (nothing listens where it
//! should be) and when Open Food Facts answers garbage: two different plain sentences, the
//! products page stays (with the code kept in its field), and the hand-add form comes with
//! the barcode filled in. The API answers problem+json 503 and 502 with the same sentences.

use crate::common::*;
use crate::fake::home::{Home, MILK, NUTELLA};
use crate::fake::*;

const CANNOT_REACH: &str = "This server cannot reach Open Food Facts right now";
const BAD_ANSWER: &str = "Open Food Facts answered, but with something aisle cannot use";

/// Asserts the products page, kept with the lookup's problem: `status`, the header, the
/// message, the code in the barcode field and the hand-add form holding it.
fn assert_stays(page: &Resp, status: u16, says: &str, code: &str) {
    assert_refused(page, status, says);
    assert!(
        page.body.contains(r#"id="barcode-form""#),
        "not the products page"
    );
    assert!(page.body.contains(r#"<nav aria-label="Main">"#), "no menu");
    let message = page.message();
    assert!(message.starts_with(says), "{message}");
    assert!(
        message.ends_with("You can add it by hand below: the barcode is filled in."),
        "{message}"
    );
    assert!(
        !message.contains("failed to lookup") && !message.contains("JSON"),
        "{message}"
    );
    assert!(
        page.body
            .contains(&format!(r#"name="code" value="{code}""#)),
        "the code is kept in its field"
    );
    let hand = between(&page.body, r#"id="hand-add-form""#, "</form>").expect("hand-add form");
    assert!(
        hand.contains(&format!(r#"name="barcode" value="{code}""#)),
        "the barcode is filled in: {hand}"
    );
    assert!(
        page.body.contains(r##"href="#add-by-hand""##),
        "a link to the form"
    );
}

#[test]
fn no_internet_and_a_bad_answer_are_told_apart_and_the_page_stays() {
    // Open Food Facts "at" a loopback port where nothing listens: no connection at all.
    let fake = Fake::start(&[]);
    let dead = format!("http://127.0.0.1:{}", free_port());
    let offline = Home::start(&fake, "1500", &[("AISLE_OFF_URL", dead.as_str())]);
    let page = offline.web.get(&format!("/products/barcode?code={MILK}"));
    assert_stays(&page, 503, CANNOT_REACH, MILK);
    let api = offline.lookup(MILK);
    assert_problem(&api, 503, "no connection, API");
    assert!(api.message().starts_with(CANNOT_REACH), "{}", api.message());
    assert!(
        !api.message().contains("by hand below"),
        "{}",
        api.message()
    );
    assert_eq!(offline.products(), 0, "nothing was made");
    // The technical reason is in the log, not on the page.
    assert!(
        offline.server.log().contains("connection failed"),
        "{}",
        offline.server.log()
    );

    // The hand-add form, sent as the page filled it, makes the product.
    let made = offline.web.submit(
        "/products",
        &[("name", "Milk"), ("brand", ""), ("barcode", MILK)],
    );
    let at = made.redirected().to_string();
    let product = offline.web.get(&at);
    assert_eq!(product.status, 200);
    assert!(product.body.contains(MILK), "{}", product.describe());
    assert_eq!(offline.products(), 1);

    // A provider that answers, but with garbage: a different sentence.
    let garbage = Fake::start(&[("/api/v2/product/", Behaviour::Malformed)]);
    let h = Home::start(&garbage, "1500", &[]);
    let page = h.web.get(&format!("/products/barcode?code={NUTELLA}"));
    assert_stays(&page, 502, BAD_ANSWER, NUTELLA);
    let api = h.lookup(MILK);
    assert_problem(&api, 502, "garbage, API");
    assert!(api.message().starts_with(BAD_ANSWER), "{}", api.message());
    assert_eq!(h.products(), 0, "nothing was made");
    assert!(
        h.server.log().contains("malformed JSON"),
        "{}",
        h.server.log()
    );
}

#[test]
fn a_provider_that_never_answers_is_a_slow_connection_and_the_page_stays() {
    let fake = Fake::start(&[("/api/v2/product/", Behaviour::Hang)]);
    let h = Home::start(&fake, "800", &[]);
    let page = h.web.get(&format!("/products/barcode?code={MILK}"));
    assert_stays(&page, 504, "Open Food Facts did not answer in time", MILK);
    assert!(
        page.message().contains("may be slow or down"),
        "{}",
        page.message()
    );
    assert_eq!(h.products(), 0);
}

#[test]
fn a_refused_barcode_or_product_keeps_what_was_typed() {
    let fake = Fake::start(&[]);
    let h = Home::start(&fake, "1500", &[]);
    // A mistyped code: the page stays with the code in its field; nothing asked.
    let page = h.web.get("/products/barcode?code=4006381333932");
    assert_refused(&page, 422, "a bad check digit");
    assert!(page.body.contains(r#"id="barcode-form""#));
    assert!(page.body.contains(r#"name="code" value="4006381333932""#));
    assert!(page.message().contains("should be 1"), "{}", page.message());
    assert_eq!(fake.total(), 0);

    // A product by hand whose barcode is already in the catalogue: the form comes back
    // with what was typed and why (409), and nothing is added.
    h.product(serde_json::json!({"name": "Milk", "barcode": MILK}));
    let again = h.web.submit(
        "/products",
        &[("name", "Oat milk"), ("brand", "Oaty"), ("barcode", MILK)],
    );
    assert_refused(&again, 409, "a barcode already in the catalogue");
    assert!(
        again.message().contains("already in your catalogue"),
        "{}",
        again.message()
    );
    let hand = between(&again.body, r#"id="hand-add-form""#, "</form>").expect("form");
    assert!(
        hand.contains(r#"value="Oat milk""#) && hand.contains(r#"value="Oaty""#),
        "{hand}"
    );
    assert!(hand.contains(&format!(r#"value="{MILK}""#)), "{hand}");
    assert_eq!(h.products(), 1);
}
