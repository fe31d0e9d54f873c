//! End-to-end tests in real headless Chromium: live sync between two phones, offline use,
//! and the installable app. `scripts/test` installs Debian's chromium and chromium-driver.

#![allow(clippy::unwrap_used)]

mod a11y;
mod bench;
mod browser;
#[path = "../common/mod.rs"]
mod common;
mod errors;
mod german;
mod i18n;
mod install;
mod invite;
mod learning;
mod live;
mod passkeys;
mod queues;
mod reader;
mod rows;
mod sheet;
mod sso;
mod two_step;

use browser::{Driver, eval, login, set_offline, wait_for, wait_for_service_worker};
use common::{PASSWORD, Server};
use fantoccini::Locator;

/// A household of two with one list, served on loopback, and a browser for each.
struct Shop {
    server: Server,
    list: i64,
    api: common::Client,
    _profiles: tempfile::TempDir,
    _driver: Driver,
    anna: fantoccini::Client,
    ben: fantoccini::Client,
}

impl Shop {
    async fn open(items: &str) -> Shop {
        let server = Server::start();
        let api = server.user_client("anna", "Smiths", true);
        common::add_user(&server, "ben", "Smiths", false, PASSWORD);
        let list = api.create_list("Weekly shop");
        api.add_items(list, items);
        let driver = Driver::start();
        let profiles = tempfile::tempdir().unwrap();
        let anna = driver.browser(&profiles.path().join("anna")).await;
        let ben = driver.browser(&profiles.path().join("ben")).await;
        let base = server.base_url();
        login(&anna, &base, "anna", PASSWORD).await;
        login(&ben, &base, "ben", PASSWORD).await;
        let url = format!("{base}/lists/{list}");
        anna.goto(&url).await.unwrap();
        ben.goto(&url).await.unwrap();
        Shop {
            server,
            list,
            api,
            _profiles: profiles,
            _driver: driver,
            anna,
            ben,
        }
    }

    fn item(&self, name: &str) -> i64 {
        self.api.item_id(self.list, name)
    }

    async fn close(self) {
        self.anna.close().await.unwrap();
        self.ben.close().await.unwrap();
    }
}

async fn click(browser: &fantoccini::Client, css: &str) {
    browser
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Opens the list page at `url` once the service worker is ready, so it is cached for
/// offline use.
async fn open_cached(browser: &fantoccini::Client, url: &str) {
    wait_for_service_worker(browser).await;
    browser.goto(url).await.unwrap();
    wait_for(
        browser,
        "the list page",
        "return !!document.getElementById('list-items');",
    )
    .await;
}

async fn add(browser: &fantoccini::Client, text: &str) {
    let field = browser.find(Locator::Id("add-text")).await.unwrap();
    field.send_keys(text).await.unwrap();
    click(browser, "#add-form button[type=submit]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_phone_shows_on_the_other_without_a_reload() {
    let shop = Shop::open("milk, bread, 3 eggs").await;
    let milk = shop.item("milk");
    // Mark Ben's page so a reload would be noticed.
    eval(&shop.ben, "(window.__noReload = true)").await;

    click(&shop.anna, &format!("#item-{milk} button.box")).await;
    wait_for(
        &shop.ben,
        "milk checked on Ben's page",
        &format!("return document.querySelector('#item-{milk}').classList.contains('checked');"),
    )
    .await;

    add(&shop.anna, "2 cups oat milk").await;
    wait_for(
        &shop.ben,
        "oat milk added on Ben's page",
        "return [...document.querySelectorAll('#list-items .item:not(.pending-item) .what')]
            .some(e => e.textContent.includes('oat milk') && e.textContent.includes('2 cups'));",
    )
    .await;
    assert_eq!(
        eval(&shop.ben, "window.__noReload === true").await,
        true,
        "Ben's page reloaded"
    );
    // Keep what a phone shows, for people reviewing the UI (target/e2e-screenshots/).
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../e2e-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shop.ben.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG screenshot");
    std::fs::write(shots.join("list-phone.png"), png).unwrap();
    // The server has exactly what Anna did.
    let items = shop.api.items(shop.list);
    assert!(
        items
            .iter()
            .any(|i| i["name"] == "milk" && i["checked"] == true)
    );
    assert_eq!(items.iter().filter(|i| i["name"] == "oat milk").count(), 1);
    shop.close().await;
}

/// Nothing typed is lost (issue 20): of an add, the valid lines are added and the refused
/// ones go back in the box with their reasons; a refused line never shows as added, not
/// even for a moment; an add refused whole keeps its text in the box too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_lines_of_an_add_stay_in_the_box_with_their_reasons() {
    let shop = Shop::open("milk").await;
    let anna = &shop.anna;
    // Every name a row ever shows on Anna's page, to catch a row that flashes and goes.
    eval(
        anna,
        "(window.__shown = new Set(), new MutationObserver(() => document
            .querySelectorAll('#list-items .item .name')
            .forEach((e) => window.__shown.add(e.textContent.trim())))
            .observe(document.body, { subtree: true, childList: true, characterData: true }), true)",
    )
    .await;
    let long = format!("{} soup", "x".repeat(201));
    add(anna, &format!("2 kiwis, 0 eggs, {long}, (), 3 limes")).await;
    wait_for(
        anna,
        "the refused lines back in the box",
        "return document.getElementById('add-text').value.startsWith('0 eggs');",
    )
    .await;
    assert_eq!(
        eval(anna, "document.getElementById('add-text').value").await,
        format!("0 eggs\n{long}\n()"),
        "only the refused lines, one a line"
    );
    let note = eval(
        anna,
        "document.querySelector('#add-form p.error[role=alert]').textContent",
    )
    .await
    .as_str()
    .unwrap()
    .to_string();
    for says in [
        "“0 eggs”: the quantity must be more than 0",
        "too long",
        "“()”: there is no item name",
    ] {
        assert!(note.contains(says), "the note says {says:?}: {note}");
    }
    wait_for(
        anna,
        "kiwis and limes added",
        "return ['kiwis', 'limes'].every((n) => [...document.querySelectorAll(
            '#list-items .item:not(.pending-item) .name')].some((e) => e.textContent.trim() === n));",
    )
    .await;
    let mut names: Vec<String> = shop
        .api
        .items(shop.list)
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["kiwis", "limes", "milk"]);
    let shown = eval(anna, "[...window.__shown].join('|')").await;
    let shown = shown.as_str().unwrap();
    assert!(
        !shown.contains("eggs") && !shown.contains("xxx") && !shown.contains("()"),
        "a refused line showed as a row: {shown}"
    );

    // Refused whole: the text stays, with why; the list is as it was.
    anna.find(Locator::Id("add-text"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    add(anna, "-3 eggs").await;
    wait_for(
        anna,
        "the refused add back in the box",
        "return document.getElementById('add-text').value === '-3 eggs'
            && document.querySelector('#add-form p.error').textContent.includes('more than 0');",
    )
    .await;
    assert_eq!(shop.api.items(shop.list).len(), 3);
    let shown = eval(anna, "[...window.__shown].join('|')").await;
    assert!(!shown.as_str().unwrap().contains("eggs"), "{shown}");
    // The next add clears the note.
    anna.find(Locator::Id("add-text"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    add(anna, "3 eggs").await;
    wait_for(
        anna,
        "eggs added and the note gone",
        "return !document.querySelector('#add-form p.error') && [...document.querySelectorAll(
            '#list-items .item:not(.pending-item) .name')].some((e) => e.textContent.trim() === 'eggs');",
    )
    .await;
    // A merge is said under the box, and the row shows the sum.
    add(anna, "12 Eggs").await;
    wait_for(
        anna,
        "the merge told",
        "const note = document.querySelector('#add-form p.merged[role=status]');
        return note && note.textContent === 'Eggs: 3 → 15.';",
    )
    .await;
    let eggs = shop.api.items(shop.list);
    let eggs: Vec<_> = eggs.iter().filter(|i| i["name"] == "eggs").collect();
    assert_eq!(eggs.len(), 1, "{eggs:?}");
    assert_eq!(eggs[0]["quantity"], 15.0);
    shop.close().await;
}

/// The screen of a phone (issue 20; 390×844 and 360×640): one compact bar on top (≤ 56 px,
/// the list's name and a menu for the rest), and undo after a delete as a snackbar at the bottom, within thumb
/// reach, also for a row far below the first screenful; without JavaScript the undo form
/// sits there too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bar_is_compact_and_undo_is_under_the_thumb() {
    let items: Vec<String> = (1..=30).map(|n| format!("thing {n}")).collect();
    let shop = Shop::open(&items.join(", ")).await;
    let anna = &shop.anna;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    // Both phone sizes; the snackbar below is tried on the smaller.
    for size in rows::PHONES {
        rows::at_size(anna, size, &url).await;
        let height = eval(
            anna,
            "document.querySelector('header.top').getBoundingClientRect().height",
        )
        .await;
        assert!(
            height.as_f64().unwrap() <= 56.0,
            "{size:?}: the bar is {height} px high"
        );
        // The bar carries the list's name, whole on one line, and the way back to all lists.
        assert_eq!(
            eval(
                anna,
                "((h) => [h.textContent.trim(), h.getBoundingClientRect().height < 40,
                   document.querySelector('header.top a.back').getAttribute('href')])
                 (document.querySelector('header.top h1'))"
            )
            .await,
            serde_json::json!(["Weekly shop", true, "/"])
        );
        // The menu holds the rest, reachable by tapping it.
        assert_eq!(
            eval(
                anna,
                "document.querySelector('a[href=\"/household\"]').checkVisibility()"
            )
            .await,
            false
        );
        click(anna, "header.top details.menu summary").await;
        wait_for(
            anna,
            "the menu open",
            "return document.querySelector('a[href=\"/household\"]').checkVisibility()
                && !!document.querySelector('form[action=\"/logout\"] button').checkVisibility();",
        )
        .await;
        click(anna, "header.top details.menu summary").await;
    }

    // The last row is below the first screenful: removed, its undo shows at the bottom.
    let last = shop.item("thing 30");
    eval(
        anna,
        &format!("document.getElementById('item-{last}').scrollIntoView({{block: 'center'}})"),
    )
    .await;
    click(anna, &format!("#item-{last} button.icon")).await;
    wait_for(
        anna,
        "the undo snackbar at the bottom of the screen",
        "const bar = document.getElementById('js-undo');
         if (!bar) return false;
         const r = bar.getBoundingClientRect();
         return bar.getAttribute('role') === 'status' && r.bottom <= innerHeight
             && r.top > innerHeight * 0.75 && getComputedStyle(bar).position === 'fixed';",
    )
    .await;
    for _ in 0..100 {
        if !shop
            .api
            .items(shop.list)
            .iter()
            .any(|i| i["name"] == "thing 30")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    click(anna, "#js-undo button").await;
    wait_for(
        anna,
        "thing 30 back",
        &format!("return !!document.getElementById('item-{last}') && !document.getElementById('js-undo');"),
    )
    .await;
    for _ in 0..100 {
        if shop
            .api
            .items(shop.list)
            .iter()
            .any(|i| i["name"] == "thing 30")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        shop.api
            .items(shop.list)
            .iter()
            .any(|i| i["name"] == "thing 30")
    );
    shop.close().await;
}

/// Without JavaScript every button of the list page is a plain form post: the items' and
/// chips' buttons submit the page's one CSRF form (`form="act"`) to their own `formaction`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_page_works_without_javascript() {
    let server = Server::start();
    let api = server.user_client("anna", "Smiths", true);
    let list = api.create_list("Weekly shop");
    api.add_items(list, "milk, bread, 3 eggs");
    let (milk, bread) = (api.item_id(list, "milk"), api.item_id(list, "bread"));
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let phone = driver
        .browser_without_javascript(&profiles.path().join("anna"))
        .await;
    let base = server.base_url();
    login(&phone, &base, "anna", PASSWORD).await;
    phone.goto(&format!("{base}/lists/{list}")).await.unwrap();

    // Each click posts the form and the server answers with the list page again.
    click(&phone, &format!("#item-{milk} button.box")).await;
    phone
        .wait()
        .for_element(Locator::Css(&format!("#item-{milk}.checked")))
        .await
        .expect("milk shown as done after the post");
    // Milk is done, so it is offered again as a chip; once re-added, the chip goes away.
    // (The post's answer jumps down to milk's row; on a small screen the chips are then
    // above the fold, and chromedriver would scroll one under the sticky header: the page
    // is opened again at its top, as a thumb would scroll there.)
    phone.goto(&format!("{base}/lists/{list}")).await.unwrap();
    let chip = "button.chip[aria-label='Add milk']";
    click(&phone, chip).await;
    let mut gone = false;
    for _ in 0..200 {
        if phone.find(Locator::Css(chip)).await.is_err() {
            gone = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(gone, "the milk chip is still offered after tapping it");
    click(&phone, &format!("#item-{bread} button.icon")).await;
    let undo = phone
        .wait()
        .for_element(Locator::Css(".undo button[type=submit]"))
        .await
        .expect("the undo offer after removing bread");
    // Within thumb reach without JavaScript too: at the bottom of an 844 px screen.
    let (_, y, _, h) = undo.rectangle().await.unwrap();
    assert!(y > 500.0 && y + h <= 844.0, "the undo button is at y = {y}");

    let mut shown: Vec<(String, bool)> = api
        .items(list)
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_string(),
                i["checked"] == true,
            )
        })
        .collect();
    shown.sort();
    let expected = [("eggs", false), ("milk", false), ("milk", true)];
    assert_eq!(shown, expected.map(|(n, c)| (n.to_string(), c)));
    phone.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_made_offline_survive_a_reload_and_sync_exactly_once() {
    let shop = Shop::open("milk, bread, 3 eggs, apples").await;
    let base = shop.server.base_url();
    let url = format!("{base}/lists/{}", shop.list);
    let ids: Vec<i64> = ["milk", "bread", "eggs"]
        .iter()
        .map(|n| shop.item(n))
        .collect();

    // A phone that opened the list before has it cached by the service worker.
    open_cached(&shop.ben, &url).await;

    set_offline(&shop.ben, true).await;
    let reached = shop
        .ben
        .execute_async(
            "const done = arguments[0]; fetch('/health/live').then(() => done(true), () => done(false));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(reached, false, "the browser should be offline");
    for id in &ids {
        click(&shop.ben, &format!("#item-{id} button.box")).await;
    }
    add(&shop.ben, "bananas").await;
    wait_for(
        &shop.ben,
        "4 changes waiting",
        "return document.getElementById('sync-status').textContent.includes('4 changes waiting');",
    )
    .await;

    // Reload while still offline: the page comes from the service worker's cache and
    // shows the queued changes.
    shop.ben.goto(&url).await.unwrap();
    wait_for(
        &shop.ben,
        "the offline page with its pending changes",
        &format!(
            "const done = {ids:?}.every(id => {{ const e = document.getElementById('item-' + id); return e && e.classList.contains('checked'); }});
             const pending = [...document.querySelectorAll('.pending-item')].some(e => e.textContent.includes('bananas'));
             const status = document.getElementById('sync-status').textContent.includes('4 changes waiting');
             return done && pending && status;"
        ),
    )
    .await;
    // Nothing reached the server yet.
    let items = shop.api.items(shop.list);
    assert!(items.iter().all(|i| i["checked"] == false), "{items:?}");
    assert!(!items.iter().any(|i| i["name"] == "bananas"));

    set_offline(&shop.ben, false).await;
    wait_for(
        &shop.ben,
        "the queue to drain",
        "return document.getElementById('sync-status').hidden === true;",
    )
    .await;
    let items = shop.api.items(shop.list);
    for id in &ids {
        let item = items.iter().find(|i| i["id"] == *id).unwrap();
        assert_eq!(item["checked"], true, "{item}");
    }
    assert_eq!(
        items.iter().filter(|i| i["name"] == "bananas").count(),
        1,
        "{items:?}"
    );

    // Anna's phone, online all along, shows Ben's changes.
    wait_for(
        &shop.anna,
        "Ben's offline changes on Anna's page",
        &format!(
            "return document.getElementById('item-{}').classList.contains('checked')
                && document.getElementById('list-items').textContent.includes('bananas');",
            ids[0]
        ),
    )
    .await;
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queue_bigger_than_one_request_may_carry_syncs_whole() {
    // 60 adds of two items each, made offline: 120 items, more than one request may add
    // (100), so the first batch is refused 413 and the page sends it again in halves.
    // Every item arrives, once.
    let shop = Shop::open("milk").await;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    open_cached(&shop.ben, &url).await;
    // As on a phone without WebAssembly (or a queue from before the reader): each add is
    // one op of two lines. (With the reader, each line is an op of its own.)
    eval(&shop.ben, "window.aisle.reader = () => null; true").await;
    set_offline(&shop.ben, true).await;
    let letters = |i: usize| {
        let l = |n: usize| char::from(b'a' + (n % 26) as u8);
        format!("{}{}", l(i / 26), l(i))
    };
    let mut names = Vec::new();
    for i in 0..60 {
        let (a, b) = (
            format!("snack{}x", letters(i)),
            format!("snack{}y", letters(i)),
        );
        add(&shop.ben, &format!("{a}, {b}")).await;
        names.extend([a, b]);
    }
    wait_for(
        &shop.ben,
        "60 changes waiting",
        "return document.getElementById('sync-status').textContent.includes('60 changes waiting');",
    )
    .await;
    set_offline(&shop.ben, false).await;
    wait_for(
        &shop.ben,
        "the queue to drain",
        "return document.getElementById('sync-status').hidden === true;",
    )
    .await;
    let items = shop.api.items(shop.list);
    for name in &names {
        let count = items.iter().filter(|i| i["name"] == name.as_str()).count();
        assert_eq!(count, 1, "{name} arrived {count} times: {items:?}");
    }
    // The whole queue was tried first, and refused as too big for one request.
    let metrics = shop.server.client().get("/metrics").body;
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("aisle_http_requests_total")
                && l.contains("ops")
                && l.contains(r#"status="413""#)),
        "no 413 on the ops route:\n{metrics}"
    );
    shop.close().await;
}
