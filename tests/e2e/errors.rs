//! Error pages on a phone (issue 20): a missing list shows the app's header with its menu,
//! a plain sentence, and ways back that work — to the page the phone came from, and to
//! the lists.

use fantoccini::Locator;

use super::browser::{Driver, eval, login, wait_for};
use super::click;
use crate::common::{PASSWORD, Server};

/// Waits until the browser shows `path` with an `h1` reading `heading`.
async fn wait_for_page(browser: &fantoccini::Client, path: &str, heading: &str) {
    wait_for(
        browser,
        &format!("{path} with the heading {heading:?}"),
        &format!(
            "return location.pathname === {path:?} && !!document.querySelector('h1')
                && document.querySelector('h1').textContent.trim() === {heading:?};"
        ),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_list_shows_the_header_and_a_way_back_that_works() {
    let server = Server::start();
    let api = server.user_client("anna", "Smiths", true);
    let list = api.create_list("Weekly shop");
    api.add_items(list, "milk, bread");
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let anna = driver.browser(&profiles.path().join("anna")).await;
    let base = server.base_url();
    login(&anna, &base, "anna", PASSWORD).await;
    let list_path = format!("/lists/{list}");
    anna.goto(&format!("{base}{list_path}")).await.unwrap();
    wait_for_page(&anna, &list_path, "Weekly shop").await;

    // From the list, to a list that does not exist (as a stale link would).
    eval(&anna, "(location.href = '/lists/999999')").await;
    wait_for_page(&anna, "/lists/999999", "Not found").await;
    let alert = anna
        .find(Locator::Css("main p.error[role=alert]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(alert.starts_with("There is nothing here"), "{alert}");
    // The app's header with its menu, compact, as on every page.
    let header = eval(
        &anna,
        "document.querySelector('header.top').getBoundingClientRect().height",
    )
    .await;
    assert!(
        header.as_f64().unwrap() <= 56.0,
        "the bar is {header} px high"
    );
    assert_eq!(
        eval(&anna, "!!document.querySelector('header.top details.menu')").await,
        true,
        "the menu is there for a logged-in visitor"
    );
    // Both ways on show on the first screen of the phone (390×844, or 360×640).
    for id in ["error-back", "error-lists"] {
        let on_screen = eval(
            &anna,
            &format!(
                "(() => {{ const a = document.getElementById('{id}');
                   const r = a.getBoundingClientRect();
                   return a.checkVisibility() && r.bottom <= innerHeight && r.right <= innerWidth; }})()"
            ),
        )
        .await;
        assert_eq!(on_screen, true, "#{id} is not on the first screen");
    }
    assert_eq!(
        eval(&anna, "[innerWidth, innerHeight]").await,
        serde_json::json!(super::browser::screen())
    );
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../e2e-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(
        shots.join("error-phone.png"),
        anna.screenshot().await.unwrap(),
    )
    .unwrap();

    // "Go back" returns to the list the phone came from.
    click(&anna, "#error-back").await;
    wait_for_page(&anna, &list_path, "Weekly shop").await;

    // Opened directly (no page to go back to): "Your lists" leads to the lists.
    anna.goto(&format!("{base}/lists/999999")).await.unwrap();
    wait_for_page(&anna, "/lists/999999", "Not found").await;
    assert!(anna.find(Locator::Id("error-back")).await.is_err());
    click(&anna, "#error-lists").await;
    wait_for(
        &anna,
        "the lists page",
        &format!("return location.pathname === '/' && !!document.querySelector('a[href=\"{list_path}\"]');"),
    )
    .await;
    anna.close().await.unwrap();
}
