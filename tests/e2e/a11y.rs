//! Accessibility (issue 20): axe-core finds no violation on any page a household member or
//! an instance admin can reach, at two phone sizes (390×844 and a small 360×640).
//!
//! axe-core comes from npm, pinned in `tests/e2e/js/package.json` + `package-lock.json`;
//! `scripts/test` installs it with `npm ci --prefix tests/e2e/js`.
//!
//! How it gets into the page: the CSP (`script-src 'self'`, no `'unsafe-eval'`) would refuse
//! a `<script>` element with the source inline and an `eval` of it, but WebDriver's
//! "execute script" is evaluated by chromedriver over the DevTools protocol
//! (`Runtime.callFunctionOn`), which CSP does not govern. So the whole of `axe.min.js` is
//! sent as the body of the executed script itself (not as an argument to be `eval`ed, which
//! the page's CSP would block); it defines `window.axe` and runs it in the same call.

use std::path::{Path, PathBuf};

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use super::browser::{Driver, cdp, login, wait_for};
use super::common::{self, PASSWORD, Server, code_token};

/// What every page is checked at: a common phone and a small one, in the light scheme, and
/// the common one in the dark scheme too (its colours must keep their contrast as well).
const SCREENS: [(u32, u32, &str); 3] =
    [(390, 844, "light"), (360, 640, "light"), (390, 844, "dark")];

/// Makes the page's viewport exactly `width`×`height` CSS pixels, as on a phone (a window
/// size would include the browser's own bars), in this colour scheme.
async fn set_screen(browser: &Client, width: u32, height: u32, scheme: &str) {
    let screen = json!({"width": width, "height": height, "deviceScaleFactor": 0, "mobile": true});
    cdp(browser, "Emulation.setDeviceMetricsOverride", screen).await;
    let media = json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]});
    cdp(browser, "Emulation.setEmulatedMedia", media).await;
}

fn axe_source() -> String {
    let path: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/js/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "axe-core is missing ({}: {e}); scripts/test installs it, or run \
             `npm ci --prefix tests/e2e/js` by hand",
            path.display()
        )
    })
}

/// Runs axe (its default rules: WCAG 2.0/2.1 A and AA plus its best practices) on the page
/// the browser shows; returns one line per violation and element.
async fn violations(browser: &Client, axe: &str) -> Vec<String> {
    let script = format!(
        "{axe}
        ;const done = arguments[arguments.length - 1];
        window.axe.run(document, {{ resultTypes: ['violations'] }}).then(
            (r) => done(r.violations.map((v) => ({{
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map((n) => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\\s+/g, ' ')),
            }}))),
            (e) => done('axe failed: ' + e));"
    );
    let found = browser
        .execute_async(&script, vec![])
        .await
        .expect("run axe in the page");
    let Value::Array(found) = found else {
        panic!("{found}");
    };
    let mut lines = Vec::new();
    for v in found {
        for target in v["targets"].as_array().into_iter().flatten() {
            lines.push(format!(
                "{} ({}): {} — at {}",
                v["id"].as_str().unwrap_or("?"),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                target.as_str().unwrap_or("?"),
            ));
        }
    }
    lines
}

/// Opens each page in turn at each size and collects what axe finds on it.
async fn check_pages(
    browser: &Client,
    base: &str,
    pages: &[(&str, String)],
    axe: &str,
) -> Vec<String> {
    let mut found = Vec::new();
    for &(width, height, scheme) in &SCREENS {
        set_screen(browser, width, height, scheme).await;
        for (name, path) in pages {
            browser.goto(&format!("{base}{path}")).await.unwrap();
            wait_for(
                browser,
                &format!("the {name} page ({path}) to load"),
                "return document.readyState === 'complete' && !!document.querySelector('h1');",
            )
            .await;
            let shown = browser
                .execute("return [innerWidth, innerHeight];", vec![])
                .await
                .unwrap();
            assert_eq!(
                shown,
                json!([width, height]),
                "the viewport of the {name} page"
            );
            for v in violations(browser, axe).await {
                found.push(format!("{name} {path} at {width}×{height} {scheme}: {v}"));
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violation_on_any_page_at_phone_sizes() {
    let axe = axe_source();
    // Single sign-on set up (its button, its settings page, the Household page's sign-in
    // emails); nothing answers at the provider, and no page here asks it anything.
    let server = Server::start_with(&[
        ("AISLE_OIDC_ISSUER", "http://127.0.0.1:9"),
        ("AISLE_OIDC_CLIENT_ID", "aisle"),
    ]);
    let base = server.base_url();
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let visitor = driver.browser(&profiles.path().join("visitor")).await;
    let mut found = Vec::new();

    // Before anyone exists: the setup page, then setup done through its form.
    let token = server.setup_token();
    let setup = vec![("setup", format!("/setup?token={token}"))];
    found.extend(check_pages(&visitor, &base, &setup, &axe).await);
    let admin = server.client();
    let done = admin.submit(
        "/setup",
        &[
            ("token", token.as_str()),
            ("household", "Smiths"),
            ("username", "anna"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(done.status, 303, "setup: {}", done.describe());
    assert!(admin.logged_in(), "setup logs its admin in");
    common::add_user(&server, "ben", "Smiths", false, PASSWORD);

    // A list with items in several categories, two of them done; a product, a store and a
    // pending invite.
    let list = admin.create_list("Weekly shop");
    admin.add_items(
        list,
        "2 l milk, 1 loaf bread, 6 apples, 500 g chicken, frozen peas, rice, \
         toilet paper, shampoo (mild), 3 eggs",
    );
    let ops: Vec<Value> = ["bread", "rice"]
        .iter()
        .enumerate()
        .map(|(n, name)| {
            json!({"op_id": format!("a11y-{n}"), "kind": "check", "item_id": admin.item_id(list, name)})
        })
        .collect();
    let checked =
        admin.api_session_post(&format!("/api/v1/lists/{list}/ops"), &json!({ "ops": ops }));
    assert_eq!(checked.status, 200, "{}", checked.describe());
    let milk = admin.item_id(list, "milk");
    let product = admin.api_session_post(
        "/api/v1/products",
        &json!({"name": "Oat drink", "brand": "Oatly"}),
    );
    assert_eq!(product.status, 201, "{}", product.describe());
    let product = product.json()["id"].as_i64().unwrap();
    let store = admin.submit("/stores", &[("name", "Corner shop")]);
    let store = store.redirected().to_string();
    // The store's order learned from three trips on a list that uses it, one category
    // placed by hand; coffee bought weekly, now due again; a template.
    let market = admin.create_list("Market run");
    let store_id = store.trim_start_matches("/stores/");
    let chosen = admin.submit(&format!("/lists/{market}/store"), &[("store_id", store_id)]);
    assert_eq!(chosen.status, 303, "{}", chosen.describe());
    for trip in 0..3 {
        admin.add_items(market, "rice, frozen peas, milk, chicken, bread, apples");
        let ops: Vec<Value> = admin
            .items(market)
            .iter()
            .map(|i| json!({"op_id": format!("trip-{trip}-{}", i["id"]), "kind": "check", "item_id": i["id"]}))
            .collect();
        let walked = admin.api_session_post(
            &format!("/api/v1/lists/{market}/ops"),
            &json!({ "ops": ops }),
        );
        assert_eq!(walked.status, 200, "{}", walked.describe());
        let cleared = admin.submit(&format!("/lists/{market}/clear"), &[]);
        assert_eq!(cleared.status, 303, "{}", cleared.describe());
        crate::common::days_pass(&server, 1);
    }
    let page = admin.get(&store).body;
    let produce = page
        .split("data-category=\"")
        .find(|row| row.contains("class=\"grow\">Produce"))
        .and_then(|row| row.split('"').next())
        .expect("Produce on the store page")
        .to_string();
    let placed = admin.submit(&format!("{store}/categories/{produce}/down"), &[]);
    assert_eq!(placed.status, 303, "{}", placed.describe());
    let page = admin.get(&store).body;
    assert!(
        page.contains(">placed by you<") && page.contains(">learned<"),
        "{page}"
    );
    for week in 0..4 {
        super::learning::buy(&admin, list, "coffee");
        crate::common::days_pass(&server, if week < 3 { 7 } else { 8 });
    }
    let template = admin.submit(&format!("/lists/{list}/templates"), &[("name", "Weekly")]);
    assert_eq!(template.status, 303, "{}", template.describe());
    let page = admin.get(&format!("/lists/{list}")).body;
    assert!(
        page.contains("id=\"due\"") && page.contains("id=\"templates\""),
        "{page}"
    );
    // History with an undone check-off, and its undo (which can be undone in turn).
    let eggs = admin.item_id(list, "eggs");
    let op = json!({"op_id": "a11y-eggs", "kind": "check", "item_id": eggs});
    let checked = admin.api_session_post(
        &format!("/api/v1/lists/{list}/ops"),
        &json!({ "ops": [op] }),
    );
    assert_eq!(checked.status, 200, "{}", checked.describe());
    let history = format!("/lists/{list}/history");
    let entry = common::numbers_after(&admin.get(&history).body, "data-entry=\"")[0];
    let undone = admin.submit(&format!("{history}/{entry}/undo"), &[]);
    assert_eq!(undone.status, 303, "{}", undone.describe());
    let page = admin.get(&history).body;
    assert!(
        page.contains("· undone") && page.contains(">Undo</button>"),
        "{page}"
    );
    let invite = admin.submit("/household/invites", &[("role", "member")]);
    let invite = code_token(&invite.body).expect("the invite URL on the household page");
    let invite = invite.strip_prefix(&base).unwrap_or(&invite).to_string();
    // Anna is setting up an authenticator app: her two-step page shows the QR code.
    let started = admin.submit("/settings/two-step/start", &[]);
    assert_eq!(started.status, 303, "{}", started.describe());

    // Logged out: the login page, an invite, the offline page, a page that is not there.
    let logged_out = vec![
        ("login", "/login".to_string()),
        ("invite", invite),
        ("offline", "/offline".to_string()),
        ("not found", "/no-such-page".to_string()),
    ];
    found.extend(check_pages(&visitor, &base, &logged_out, &axe).await);
    visitor.close().await.unwrap();

    // Every page of the app, as the instance admin (who sees all a member sees, and more)
    // and as a plain member.
    let pages = vec![
        ("lists", "/".to_string()),
        ("list", format!("/lists/{list}")),
        ("item edit", format!("/lists/{list}/items/{milk}/edit")),
        ("list delete", format!("/lists/{list}/delete")),
        ("products", "/products".to_string()),
        ("product", format!("/products/{product}")),
        ("household", "/household".to_string()),
        ("store", store),
        ("history", history),
        ("household delete", "/household/delete".to_string()),
        ("settings", "/settings".to_string()),
        ("account delete", "/settings/delete".to_string()),
        ("two-step sign-in", "/settings/two-step".to_string()),
        ("passkeys", "/settings/passkeys".to_string()),
        ("single sign-on", "/settings/sso".to_string()),
        ("admin", "/admin".to_string()),
        ("security log", "/household/security".to_string()),
        ("instance security log", "/admin/security".to_string()),
        ("not found", format!("/lists/{}", list + 1000)),
        ("offline", "/offline".to_string()),
    ];
    for (who, profile) in [("anna", "anna"), ("ben", "ben")] {
        let phone = driver.browser(&profiles.path().join(profile)).await;
        login(&phone, &base, who, PASSWORD).await;
        let mine: Vec<(&str, String)> = pages
            .iter()
            .filter(|(name, _)| {
                let admins_only = [
                    "admin",
                    "household delete",
                    "security log",
                    "instance security log",
                ];
                who == "anna" || !admins_only.contains(name)
            })
            .cloned()
            .collect();
        found.extend(
            check_pages(&phone, &base, &mine, &axe)
                .await
                .into_iter()
                .map(|v| format!("[{who}] {v}")),
        );
        // The list page with its menu open (what the bar hides until tapped).
        phone.goto(&format!("{base}/lists/{list}")).await.unwrap();
        phone
            .find(Locator::Css("header.top details.menu summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        for v in violations(&phone, &axe).await {
            found.push(format!("[{who}] list with the menu open: {v}"));
        }
        // And with an item's edit sheet open over it (a modal <dialog>).
        phone.goto(&format!("{base}/lists/{list}")).await.unwrap();
        phone
            .find(Locator::Css(&format!("#item-{milk} a.edit")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        super::browser::wait_for(
            &phone,
            "the edit sheet",
            "return document.getElementById('edit-sheet').open;",
        )
        .await;
        for v in violations(&phone, &axe).await {
            found.push(format!("[{who}] list with the edit sheet open: {v}"));
        }
        phone.close().await.unwrap();
    }

    assert!(
        found.is_empty(),
        "axe found {} violation(s) (page, screen: rule (impact): help — at element — why):\n{}",
        found.len(),
        found.join("\n")
    );
}
