//! A German household end to end (issue 24), in Chromium: set up from a German browser
//! (German default categories), a list made and filled in German (`2 Liter Milch, ein
//! Dutzend Eier, 2 EL Zucker, 1 Bund Petersilie` read with German number words and units,
//! each item in its German category, amounts written the German way), an item added in a
//! dead zone landing in its German category before the server has it, and a second
//! member whose browser speaks English choosing German in the settings and seeing a
//! check-off live.

use fantoccini::{Client, Locator};
use serde_json::Value;

use super::browser::{Driver, eval, login, set_offline, wait_for};
use super::common::{self, PASSWORD, Server};
use super::{add, click, open_cached};

/// Waits (bounded) until the browser is at `path`.
async fn wait_at(browser: &Client, path: &str) -> url::Url {
    for _ in 0..400 {
        let url = browser.current_url().await.expect("current URL");
        if url.path().starts_with(path) {
            return url;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the browser never reached {path}");
}

async fn type_into(browser: &Client, id: &str, text: &str) {
    let field = browser.find(Locator::Id(id)).await.expect(id);
    field.clear().await.expect("clear");
    field.send_keys(text).await.expect("type");
}

/// Each row of the page: its name, amount and the category of its group.
async fn rows(browser: &Client) -> Value {
    eval(
        browser,
        "[...document.querySelectorAll('#list-items section.group[data-category] li.item')].map((li) => ({
           name: li.querySelector('.name').textContent,
           amount: (li.querySelector('.amount') || {textContent: ''}).textContent,
           category: li.closest('section.group').dataset.category,
         }))",
    )
    .await
}

fn row<'a>(rows: &'a Value, name: &str) -> &'a Value {
    rows.as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == name))
        .unwrap_or_else(|| panic!("no row {name}: {rows}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_household_shops_in_german() {
    let server = Server::start();
    let token = server.setup_token();
    let base = server.base_url();
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let anna = driver
        .browser_speaking(&profiles.path().join("anna"), "de-DE,de")
        .await;

    // Set up from a German browser.
    anna.goto(&format!("{base}/setup?token={token}"))
        .await
        .unwrap();
    assert_eq!(eval(&anna, "document.documentElement.lang").await, "de");
    type_into(&anna, "household", "Familie Müller").await;
    type_into(&anna, "username", "anna").await;
    type_into(&anna, "password", PASSWORD).await;
    click(&anna, "form[action='/setup'] button[type=submit]").await;
    wait_at(&anna, "/").await;

    // A list, made and filled in German.
    type_into(&anna, "new-list", "Wocheneinkauf").await;
    click(&anna, "form[action='/lists'] button[type=submit]").await;
    let url = wait_at(&anna, "/lists/").await;
    let list: i64 = url
        .path()
        .trim_start_matches("/lists/")
        .parse()
        .expect("a list id");
    add(
        &anna,
        "2 Liter Milch, 1 Brot, ein Dutzend Eier, 2 EL Zucker, 1 Bund Petersilie",
    )
    .await;
    let api = server.client();
    api.login("anna", PASSWORD);
    let mut items = Vec::new();
    for _ in 0..400 {
        items = api.items(list);
        if items.len() == 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let item = |name: &str| {
        items
            .iter()
            .find(|i| i["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {items:?}"))
            .clone()
    };
    for (name, quantity, unit, category) in [
        ("Milch", 2.0, Value::from("l"), "Milchprodukte & Eier"),
        ("Brot", 1.0, Value::Null, "Backwaren"),
        ("Eier", 12.0, Value::Null, "Milchprodukte & Eier"),
        ("Zucker", 2.0, Value::from("tbsp"), "Vorrat"),
        ("Petersilie", 1.0, Value::from("bunch"), "Obst & Gemüse"),
    ] {
        let got = item(name);
        assert_eq!(got["quantity"], quantity, "{got}");
        assert_eq!(got["unit"], unit, "{got}");
        assert_eq!(got["category"], category, "{got}");
    }
    anna.goto(url.as_str()).await.unwrap();
    let shown = rows(&anna).await;
    assert_eq!(row(&shown, "Milch")["amount"], "2 l");
    assert_eq!(row(&shown, "Zucker")["amount"], "2 EL");
    assert_eq!(row(&shown, "Zucker")["category"], "Vorrat");
    assert_eq!(row(&shown, "Petersilie")["amount"], "1 Bund");
    assert_eq!(row(&shown, "Eier")["amount"], "12");

    // In a dead zone, an add lands in its German category before the server has it.
    open_cached(&anna, url.as_str()).await;
    set_offline(&anna, true).await;
    add(&anna, "1,5 l Vollmilch").await;
    wait_for(
        &anna,
        "Vollmilch waiting in its category",
        "const row = [...document.querySelectorAll('#list-items li.item')]
           .find((li) => li.querySelector('.name').textContent === 'Vollmilch');
         return !!row && row.closest('section.group').dataset.category === 'Milchprodukte & Eier'
           && row.querySelector('.amount').textContent === '1,5 l';",
    )
    .await;
    set_offline(&anna, false).await;
    wait_for(
        &anna,
        "the queue to drain",
        "return document.getElementById('sync-status').hidden === true;",
    )
    .await;
    let whole = api.items(list);
    let vollmilch = whole
        .iter()
        .find(|i| i["name"] == "Vollmilch")
        .expect("Vollmilch reached the server");
    assert_eq!(vollmilch["category"], "Milchprodukte & Eier");
    assert_eq!(vollmilch["quantity"], 1.5);

    // Ben's browser speaks English; he chooses German, and sees anna's check-off live.
    common::add_user(&server, "ben", "Familie Müller", false, PASSWORD);
    let ben = driver.browser(&profiles.path().join("ben")).await;
    login(&ben, &base, "ben", PASSWORD).await;
    assert_eq!(eval(&ben, "document.documentElement.lang").await, "en");
    ben.goto(&format!("{base}/settings")).await.unwrap();
    ben.execute(
        "document.getElementById('language').value = 'de';
         document.querySelector('form[action=\"/settings/language\"]').submit();",
        vec![],
    )
    .await
    .expect("choose German");
    wait_for(
        &ben,
        "the settings page in German",
        "return document.documentElement.lang === 'de';",
    )
    .await;
    ben.goto(url.as_str()).await.unwrap();
    let milk = api.item_id(list, "Milch");
    wait_for(
        &ben,
        "the German list page",
        "return !!document.getElementById('list-items') && document.documentElement.lang === 'de';",
    )
    .await;
    click(&anna, &format!("#item-{milk} button.box")).await;
    wait_for(
        &ben,
        "anna's check-off, live",
        &format!(
            "const e = document.getElementById('item-{milk}'); return !!e && e.classList.contains('checked');"
        ),
    )
    .await;
    anna.close().await.unwrap();
    ben.close().await.unwrap();
}
