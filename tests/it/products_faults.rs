//! Product lookups when the provider misbehaves: retries, the circuit breaker (open and
//! half-open), hangs, trickling, malformed and oversized answers, the User-Agent, lookups
//! turned off, and the rate limit as counted at the fake server. A provider's trouble
//! answers 502/503/504 with a message and never holds up anything else.
//!
//! Nothing here measures time: outcomes are asserted by status and by what the fake saw.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use crate::common::*;
use crate::fake::home::Home;
use crate::fake::*;
use serde_json::json;

const CODES: [&str; 8] = [
    "4006381333931",
    "96385074",
    "036000291452",
    "3017620422003",
    "5000159484695",
    "73513537",
    "012345678905",
    "5449000000996",
];

/// What a provider's unusable answer says, whatever was wrong with it (the reason is logged).
const BAD_ANSWER: &str = "Open Food Facts answered, but with something aisle cannot use";

fn found(code: &str) -> Behaviour {
    off_found(code, &format!("Product {code}"), "Brand", "1 kg", None)
}

fn default_agent() -> String {
    format!("aisle/{} (self-hosted)", env!("CARGO_PKG_VERSION"))
}

#[test]
fn a_500_then_success_is_retried() {
    let fake = Fake::start(&[]);
    let (once, twice) = (CODES[0], CODES[1]);
    fake.set(
        &format!("/api/v2/product/{once}"),
        Behaviour::StatusThen(500, 1, Box::new(found(once))),
    );
    fake.set(
        &format!("/api/v2/product/{twice}"),
        Behaviour::StatusThen(500, 2, Box::new(found(twice))),
    );
    let h = Home::start(&fake, "4000", &[]);

    let resp = h.lookup(once);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    assert_eq!(resp.json()["name"], format!("Product {once}"));
    assert_eq!(fake.count(&format!("/api/v2/product/{once}")), 2);
    let resp = h.lookup(twice);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    assert_eq!(fake.count(&format!("/api/v2/product/{twice}")), 3);
    assert_eq!(h.products(), 2);
    assert_eq!(
        h.count("SELECT count(*) FROM lookup_cache WHERE found = 1 AND failures = 0"),
        2
    );
}

#[test]
fn too_many_requests_is_retried_and_a_refusal_is_not() {
    let fake = Fake::start(&[]);
    let (busy, refused) = (CODES[0], CODES[1]);
    // 429: the provider asks us to slow down; the backoff gives it a moment.
    fake.set(
        &format!("/api/v2/product/{busy}"),
        Behaviour::StatusThen(429, 1, Box::new(found(busy))),
    );
    // 403: asking again the same way will not help.
    fake.set(
        &format!("/api/v2/product/{refused}"),
        Behaviour::StatusThen(403, 100, Box::new(found(refused))),
    );
    let h = Home::start(&fake, "4000", &[]);

    let resp = h.lookup(busy);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    assert_eq!(resp.json()["name"], format!("Product {busy}"));
    assert_eq!(fake.count(&format!("/api/v2/product/{busy}")), 2);

    let resp = h.lookup(refused);
    assert_refused(&resp, 502, "a provider's 403");
    assert!(
        resp.message().starts_with(BAD_ANSWER),
        "{}",
        resp.describe()
    );
    assert!(h.server.log().contains("HTTP 403"), "the reason is logged");
    assert_eq!(
        fake.count(&format!("/api/v2/product/{refused}")),
        1,
        "not retried"
    );
    assert_eq!(h.products(), 1, "the refused lookup made no product");
}

#[test]
fn always_500_answers_502_then_the_circuit_opens() {
    let fake = Fake::start(&[("/api/v2/product/", Behaviour::Always500)]);
    fake.set("/cgi/search.pl", off_search(&[]));
    let h = Home::start(&fake, "1500", &[]);

    let mut seen = 0;
    for code in &CODES[..5] {
        let resp = h.lookup(code);
        assert_problem(&resp, 502, code);
        assert!(resp.message().starts_with(BAD_ANSWER), "{}", resp.message());
        let now = fake.count("/api/v2/product/");
        assert!(
            now > seen && now <= seen + 3,
            "{code}: one request and at most two retries ({seen} → {now})"
        );
        seen = now;
    }
    // Open: answered at once, without asking the provider.
    let resp = h.lookup(CODES[5]);
    assert_problem(&resp, 503, "circuit open");
    assert!(
        resp.message().contains("try again later"),
        "{}",
        resp.message()
    );
    let page = h.web.get(&format!("/products/barcode?code={}", CODES[6]));
    assert_refused(&page, 503, "the page while the circuit is open");
    // The breaker is per provider: Open Food Facts searches are held back too.
    let search = h
        .api
        .api_get("/api/v1/products?q=milk&online=true", &h.token);
    assert_problem(&search, 503, "search while open");
    assert_eq!(
        fake.count("/api/v2/product/"),
        seen,
        "the fake saw nothing more"
    );
    assert_eq!(fake.count("/cgi/search.pl"), 0);

    // Nothing was added; every failure is remembered for a later retry; the rest is fine.
    assert_eq!(h.products(), 0);
    assert_eq!(
        h.count("SELECT count(*) FROM lookup_cache WHERE found = 0 AND failures > 0"),
        7
    );
    assert_eq!(h.web.get("/health/ready").status, 200);
    assert_eq!(h.web.get("/products").status, 200);
}

#[test]
fn the_circuit_half_opens_after_the_cool_down() {
    let fake = Fake::start(&[("/api/v2/product/", Behaviour::Always500)]);
    let h = Home::start(&fake, "1500", &[]);
    for code in &CODES[..5] {
        assert_problem(&h.lookup(code), 502, code);
    }
    let opened_at = fake.count("/api/v2/product/");
    let (trial, after) = (CODES[5], CODES[6]);
    fake.set(&format!("/api/v2/product/{trial}"), found(trial));
    fake.set(&format!("/api/v2/product/{after}"), found(after));

    // The cool-down is 30 s: ask every half second (bounded) until the trial goes through.
    let mut refused = 0;
    let mut answered = None;
    for _ in 0..100 {
        let resp = h.lookup(trial);
        if resp.status == 503 {
            refused += 1;
            assert_eq!(
                fake.count("/api/v2/product/"),
                opened_at,
                "open: nothing asked"
            );
            thread::sleep(Duration::from_millis(500));
            continue;
        }
        answered = Some(resp);
        break;
    }
    let answered = answered.expect("the circuit never half-opened");
    assert_eq!(answered.status, 200, "{}", answered.describe());
    assert!(refused > 0, "it was open for a while");
    assert_eq!(
        fake.count("/api/v2/product/"),
        opened_at + 1,
        "one trial call"
    );
    // The trial worked: closed again.
    let resp = h.lookup(after);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    assert_eq!(fake.count("/api/v2/product/"), opened_at + 2);
    assert_eq!(h.products(), 2);
}

enum Auth {
    None,
    Session(String),
    Bearer(String),
}

#[test]
fn a_hanging_provider_answers_504_and_nothing_else_waits() {
    let fake = Fake::start(&[("/api/v2/product/", Behaviour::Hang)]);
    let h = Home::start(&fake, "5000", &[]);
    let list = h.web.create_list("Weekly");
    h.web.add_items(list, "milk, bread");
    let known = CODES[7];
    let made = h.api.api_post_json(
        "/api/v1/products",
        &h.token,
        &json!({"name": "Cola", "barcode": known}),
    );
    assert_eq!(made.status, 201);
    let session = h.web.cookie("aisle_session").unwrap();
    let port = h.server.port;

    // As many hanging lookups as aisle lets run at once.
    let finished = Arc::new(AtomicUsize::new(0));
    let hanging: Vec<_> = CODES[..4]
        .iter()
        .map(|code| {
            let (token, finished) = (h.token.clone(), Arc::clone(&finished));
            let path = format!("/api/v1/products/barcode/{code}");
            thread::spawn(move || {
                let resp = Client::new(port).api_get(&path, &token);
                finished.fetch_add(1, Ordering::SeqCst);
                resp
            })
        })
        .collect();
    assert!(
        fake.wait_for("/api/v2/product/", 1),
        "the lookup reached the fake"
    );

    // Meanwhile, from other threads: pages, health and the API answer.
    let others = [
        (format!("/lists/{list}"), Auth::Session(session.clone())),
        ("/products".to_string(), Auth::Session(session.clone())),
        ("/health/ready".to_string(), Auth::None),
        ("/api/v1/lists".to_string(), Auth::Bearer(h.token.clone())),
        (
            format!("/api/v1/lists/{list}/total"),
            Auth::Bearer(h.token.clone()),
        ),
        (
            "/api/v1/products?q=cola".to_string(),
            Auth::Bearer(h.token.clone()),
        ),
        (
            format!("/api/v1/products/barcode/{known}"),
            Auth::Bearer(h.token.clone()),
        ),
    ];
    let side: Vec<_> = others
        .into_iter()
        .map(|(path, auth)| {
            let finished = Arc::clone(&finished);
            thread::spawn(move || {
                let client = Client::new(port);
                let mut results = Vec::new();
                for _ in 0..3 {
                    let resp = match &auth {
                        Auth::None => client.get(&path),
                        Auth::Session(s) => {
                            client.set_cookie("aisle_session", s);
                            client.get(&path)
                        }
                        Auth::Bearer(t) => client.api_get(&path, t),
                    };
                    let lookups_pending = finished.load(Ordering::SeqCst) < 4;
                    results.push((resp.status, lookups_pending));
                }
                (path, results)
            })
        })
        .collect();
    for handle in side {
        let (path, results) = handle.join().unwrap();
        for (status, pending) in results {
            assert_eq!(status, 200, "{path} while the provider hangs");
            assert!(
                pending,
                "{path} answered while the lookups were still hanging"
            );
        }
    }

    // Each hanging lookup answers 504 with a message.
    for handle in hanging {
        let resp = handle.join().unwrap();
        assert_problem(&resp, 504, "a hanging provider");
        assert!(
            resp.message().contains("did not answer in time"),
            "{}",
            resp.message()
        );
    }
    assert!(fake.count("/api/v2/product/") >= 4);
    assert_eq!(h.products(), 1, "only the hand-made one");
    assert_eq!(
        h.count("SELECT count(*) FROM lookup_cache WHERE failures > 0"),
        4
    );

    // The lookup slots were given back: the next lookup works once the provider does.
    let fine = CODES[5];
    fake.set(&format!("/api/v2/product/{fine}"), found(fine));
    let resp = h.lookup(fine);
    assert_eq!(resp.status, 200, "{}", resp.describe());
}

#[test]
fn a_trickling_body_is_cut_off() {
    let fake = Fake::start(&[("/api/v2/product/", Behaviour::Trickle)]);
    let h = Home::start(&fake, "1500", &[]);
    let resp = h.lookup(CODES[0]);
    assert!(
        matches!(resp.status, 502 | 504),
        "a trickle is a timeout or a bad answer: {}",
        resp.describe()
    );
    assert_problem(&resp, resp.status, "trickle");
    assert!(fake.count("/api/v2/product/") >= 1);
    assert_eq!(h.products(), 0);
    assert_eq!(h.web.get("/health/ready").status, 200);
}

#[test]
fn malformed_json_is_a_502() {
    let fake = Fake::start(&[("/api/v2/product/", Behaviour::Malformed)]);
    fake.set("/cgi/search.pl", Behaviour::Malformed);
    let h = Home::start(&fake, "1500", &[]);
    let resp = h.lookup(CODES[0]);
    assert_problem(&resp, 502, "malformed");
    assert!(resp.message().starts_with(BAD_ANSWER), "{}", resp.message());
    assert!(
        h.server.log().contains("malformed JSON"),
        "the reason is logged"
    );
    assert_eq!(fake.count("/api/v2/product/"), 1, "not retried");
    let search = h
        .api
        .api_get("/api/v1/products?q=oat&online=true", &h.token);
    assert_problem(&search, 502, "malformed search");
    // The search page still renders, with the problem said (by now the search allowance
    // is used up too, so which problem it names is not fixed).
    let page = h.web.get("/products?q=oat&online=true");
    assert_eq!(page.status, 200);
    assert!(!page.message().is_empty(), "{}", page.describe());
    assert_eq!(h.products(), 0);
    assert_eq!(
        h.count("SELECT count(*) FROM lookup_cache WHERE found = 1"),
        0
    );
    // Without AISLE_LOOKUP_CONTACT the User-Agent names the default contact.
    for r in fake.requests() {
        assert_eq!(r.user_agent.as_deref(), Some(default_agent().as_str()));
    }
}

#[test]
fn an_oversized_answer_is_refused() {
    // A long budget: reading 2 MiB on a loaded machine must not turn into a timeout.
    let fake = Fake::start(&[]);
    let (declared, chunked) = (CODES[0], CODES[1]);
    fake.set(&format!("/api/v2/product/{declared}"), Behaviour::Oversized);
    fake.set(
        &format!("/api/v2/product/{chunked}"),
        Behaviour::OversizedChunked,
    );
    let h = Home::start(&fake, "20000", &[]);
    for code in [declared, chunked] {
        let resp = h.lookup(code);
        assert_problem(&resp, 502, code);
        assert!(resp.message().starts_with(BAD_ANSWER), "{}", resp.message());
        assert_eq!(
            fake.count(&format!("/api/v2/product/{code}")),
            1,
            "not retried"
        );
    }
    assert_eq!(h.products(), 0);
    assert_eq!(
        h.count("SELECT count(*) FROM lookup_cache WHERE found = 1"),
        0
    );
    assert_eq!(h.web.get("/health/ready").status, 200);
}

#[test]
fn bad_pictures_and_prices_leave_the_product_as_it_was() {
    let fake = Fake::start(&[]);
    let code = CODES[0];
    fake.set(
        &format!("/api/v2/product/{code}"),
        off_found(code, "Milk", "Cow", "1 l", Some(&fake.url("/img/big"))),
    );
    // A "picture" that is JSON and too large, and prices that do not parse.
    fake.set("/img/", Behaviour::Oversized);
    fake.set("/api/v1/prices", Behaviour::Malformed);
    let h = Home::start(&fake, "4000", &[]);
    let resp = h.lookup(code);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    let id = resp.json()["id"].as_i64().unwrap();
    // The picture is tried before the prices; once the prices were asked, both are done.
    assert!(fake.wait_for("/api/v1/prices", 1));
    assert_eq!(fake.count("/img/"), 1);
    let p = h
        .api
        .api_get(&format!("/api/v1/products/{id}"), &h.token)
        .json();
    assert_eq!(p["image"], serde_json::Value::Null);
    assert_eq!(p["prices"], json!([]));
    assert_eq!(h.count("SELECT count(*) FROM images"), 0);
    assert_eq!(h.count("SELECT count(*) FROM prices"), 0);
}

#[test]
fn the_user_agent_names_aisle_and_the_contact() {
    let fake = Fake::start(&[]);
    let code = CODES[0];
    fake.set(
        &format!("/api/v2/product/{code}"),
        off_found(code, "Milk", "Cow", "1 l", Some(&fake.url("/img/milk.png"))),
    );
    fake.set("/img/", Behaviour::Png);
    fake.set(
        "/api/v1/prices",
        open_prices(&[(1, 1.0, "EUR", "2026-01-01", "Shop")]),
    );
    fake.set("/cgi/search.pl", off_search(&[]));
    let h = Home::start(
        &fake,
        "4000",
        &[("AISLE_LOOKUP_CONTACT", "lists@example.org")],
    );
    assert_eq!(h.lookup(code).status, 200);
    assert_eq!(
        h.api
            .api_get("/api/v1/products?q=milk&online=true", &h.token)
            .status,
        200
    );
    assert!(fake.wait_for("/api/v1/prices", 1));
    assert!(fake.wait_for("/img/", 1));
    let want = format!("aisle/{} (lists@example.org)", env!("CARGO_PKG_VERSION"));
    let requests = fake.requests();
    assert_eq!(requests.len(), 4, "{requests:?}");
    for r in requests {
        assert_eq!(r.user_agent.as_deref(), Some(want.as_str()), "{}", r.path);
    }
}

#[test]
fn lookups_off_never_call_the_provider() {
    let fake = Fake::start(&[("/", Behaviour::Always500)]);
    let h = Home::start(&fake, "1500", &[("AISLE_LOOKUPS", "off")]);
    let resp = h.lookup(CODES[0]);
    assert_problem(&resp, 404, "lookups off");
    assert!(resp.message().contains("turned off"), "{}", resp.message());
    let page = h.web.get(&format!("/products/barcode?code={}", CODES[0]));
    assert_refused(&page, 404, "the page with lookups off");
    let search = h
        .api
        .api_get("/api/v1/products?q=milk&online=true", &h.token);
    assert_problem(&search, 503, "online search with lookups off");
    assert!(
        search.message().contains("turned off"),
        "{}",
        search.message()
    );
    let page = h.web.get("/products?q=milk&online=true");
    assert_eq!(page.status, 200);
    assert!(page.message().contains("turned off"), "{}", page.message());

    // The catalogue still answers.
    let made = h.api.api_post_json(
        "/api/v1/products",
        &h.token,
        &json!({"name": "Milk", "barcode": CODES[1]}),
    );
    assert_eq!(made.status, 201);
    let list = h.web.create_list("Weekly");
    let id = made.json()["id"].as_i64().unwrap();
    let linked = h.api.api_post_json(
        &format!("/api/v1/lists/{list}/products/{id}"),
        &h.token,
        &json!({}),
    );
    assert_eq!(linked.status, 201);
    assert_eq!(h.lookup(CODES[1]).status, 200);

    // And so does the refresh job, without asking anyone.
    let dir = h.server.data_dir();
    let mut env = lookup_env(&fake, "1500");
    env[0].1 = "off".into();
    let (status, out, err) = run_cli_env(
        &[
            "jobs",
            "run",
            "refresh_products",
            "--data-dir",
            dir.to_str().unwrap(),
        ],
        None,
        &as_pairs(&env),
    );
    assert!(status.success(), "{out}\n{err}");
    assert!(out.contains("turned off"), "{out}");
    assert_eq!(fake.total(), 0, "the fake was never called");
    assert_eq!(h.count("SELECT count(*) FROM lookup_cache"), 0);
}

#[test]
fn online_searches_stay_within_the_rate_limit() {
    let fake = Fake::start(&[]);
    fake.set(
        "/cgi/search.pl",
        off_search(&[("5000159484695", "Oat drink", "Oatly")]),
    );
    fake.set(&format!("/api/v2/product/{}", CODES[0]), found(CODES[0]));
    let h = Home::start(&fake, "1500", &[]);

    let mut answered = 0;
    for i in 0..15 {
        let resp = h
            .api
            .api_get(&format!("/api/v1/products?q=oat{i}&online=true"), &h.token);
        match resp.status {
            200 => {
                answered += 1;
                assert_eq!(resp.json()["online"][0]["name"], "Oat drink");
            }
            503 => {
                assert_problem(&resp, 503, "over the limit");
                assert!(resp.message().contains("rate limit"), "{}", resp.message());
            }
            _ => panic!("search {i}: {}", resp.describe()),
        }
    }
    let reached = fake.count("/cgi/search.pl");
    assert!(reached >= 1, "the first search went out");
    assert!(reached <= 10, "{reached} searches reached the fake");
    assert_eq!(reached, answered, "every search that went out was answered");
    assert!(answered < 15, "some were held back");
    assert!(fake.most_within("/cgi/search.pl", Duration::from_secs(60)) <= 10);
    // Product reads have their own allowance.
    assert_eq!(h.lookup(CODES[0]).status, 200);
    assert_eq!(h.web.get("/health/ready").status, 200);
}

#[test]
fn the_lookup_timeout_must_be_sensible() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    for bad in ["50", "60001", "soon"] {
        let (status, out, err) = run_cli_env(
            &["jobs", "list", "--data-dir", data],
            None,
            &[("AISLE_LOOKUP_TIMEOUT_MS", bad)],
        );
        assert!(!status.success(), "{bad} was accepted: {out}");
        assert!(err.contains("lookup-timeout-ms"), "{bad}: {err}");
    }
    let (status, _, err) = run_cli_env(
        &["jobs", "list", "--data-dir", data],
        None,
        &[("AISLE_LOOKUP_TIMEOUT_MS", "100")],
    );
    assert!(status.success(), "{err}");
}
