//! The installable app: its manifest, and a service worker that controls every page it
//! can, so the page keeps working when the network goes.

use serde_json::json;

use super::browser::{Driver, cdp, eval, login, wait_for, wait_for_service_worker};
use crate::common::{PASSWORD, Server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_is_installable_on_a_localhost_origin() {
    let server = Server::start();
    let _api = server.user_client("anna", "Smiths", true);
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let browser = driver.browser(profiles.path()).await;
    let base = format!("http://localhost:{}", server.port);
    login(&browser, &base, "anna", PASSWORD).await;
    wait_for_service_worker(&browser).await;
    let state = browser
        .execute_async(
            "const done = arguments[0];
             navigator.serviceWorker.ready.then(r => done(r.active ? r.active.state : 'none'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(state, "activated");
    let manifest = browser
        .execute_async(
            "const done = arguments[0];
             const link = document.querySelector('link[rel=manifest]');
             fetch(link.href).then(r => r.json()).then(done, e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(
        manifest["id"], "/",
        "a stable identity for the installed app"
    );
    let themes = eval(
        &browser,
        "[...document.querySelectorAll('meta[name=theme-color]')].map((m) => m.media).join(' | ')",
    )
    .await;
    assert_eq!(
        themes,
        "(prefers-color-scheme: light) | (prefers-color-scheme: dark)"
    );
    assert_eq!(manifest["start_url"], "/");
    let icons = manifest["icons"].as_array().unwrap();
    for (size, purpose) in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ] {
        let icon = icons
            .iter()
            .find(|i| i["sizes"] == size && i["purpose"] == purpose)
            .unwrap_or_else(|| panic!("no {size} {purpose} icon in {manifest}"));
        let src = icon["src"].as_str().unwrap();
        let resp = server.client().get(src);
        assert_eq!(resp.status, 200, "{src}");
        assert_eq!(resp.header("content-type"), Some("image/png"));
    }
    browser.close().await.unwrap();
}

/// A page the worker did not load is taken over all the same: on a first visit the worker
/// activates while the login's redirect is under way, and a hard reload skips it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_loaded_past_the_service_worker_comes_under_it() {
    let server = Server::start();
    let _api = server.user_client("anna", "Smiths", true);
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let browser = driver.browser(profiles.path()).await;
    login(&browser, &server.base_url(), "anna", PASSWORD).await;
    wait_for_service_worker(&browser).await;
    for round in 0..3 {
        eval(&browser, "(window.beforeReload = true)").await;
        cdp(&browser, "Page.reload", json!({ "ignoreCache": true })).await;
        wait_for(
            &browser,
            "the page to load again",
            "return !window.beforeReload && document.readyState === 'complete';",
        )
        .await;
        let worker_served = eval(
            &browser,
            "performance.getEntriesByType('navigation')[0].workerStart > 0",
        )
        .await;
        assert_eq!(
            worker_served, false,
            "round {round}: a hard reload skips the worker"
        );
        wait_for_service_worker(&browser).await;
    }
    browser.close().await.unwrap();
}
