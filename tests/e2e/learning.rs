//! What aisle learns from how a household shops, in a phone's browser: a store's aisle order
//! learned from the order items are checked off (the next list comes sorted the way the
//! household walks the store), a list's history with undo, and staples due again.
//!
//! Days pass the way `tests/it/staples.rs` makes them pass: every recorded time in the
//! database is moved back, as if the clock had moved on, while the server runs.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use super::browser::{Driver, eval, login, wait_for};
use super::common::{self, PASSWORD, Server, days_pass};
use super::{add, click};

/// Buys `name` on `list` over the API: added, checked off, cleared off the list.
pub fn buy(api: &common::Client, list: i64, name: &str) {
    api.add_items(list, name);
    let id = api.item_id(list, name);
    for kind in ["check", "delete"] {
        let op = json!({"op_id": format!("{kind}-{id}"), "kind": kind, "item_id": id});
        let done = api.api_session_post(
            &format!("/api/v1/lists/{list}/ops"),
            &json!({ "ops": [op] }),
        );
        assert_eq!(done.status, 200, "{kind} {name}: {}", done.describe());
    }
}

/// One member of a household on loopback, with a phone.
struct Home {
    server: Server,
    api: common::Client,
    _profiles: tempfile::TempDir,
    _driver: Driver,
    phone: Client,
}

impl Home {
    async fn open() -> Home {
        let server = Server::start();
        let api = server.user_client("anna", "Smiths", false);
        let driver = Driver::start();
        let profiles = tempfile::tempdir().unwrap();
        let phone = driver.browser(&profiles.path().join("anna")).await;
        login(&phone, &server.base_url(), "anna", PASSWORD).await;
        Home {
            server,
            api,
            _profiles: profiles,
            _driver: driver,
            phone,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url())
    }

    /// Opens a list's page and waits for it.
    async fn open_list(&self, list: i64) {
        self.phone
            .goto(&self.url(&format!("/lists/{list}")))
            .await
            .unwrap();
        wait_for(
            &self.phone,
            "the list page",
            &format!(
                "return document.readyState === 'complete'
                    && document.getElementById('list')?.dataset.listId === '{list}';"
            ),
        )
        .await;
    }

    /// Opens a store's page and waits for it.
    async fn open_store(&self, store: i64) {
        self.phone
            .goto(&self.url(&format!("/stores/{store}")))
            .await
            .unwrap();
        wait_for(
            &self.phone,
            "the store page",
            "return document.readyState === 'complete' && !!document.getElementById('store-order');",
        )
        .await;
    }

    /// Waits (bounded) until the server's items of `list` satisfy `ok`.
    async fn server_until(&self, list: i64, what: &str, ok: impl Fn(&[Value]) -> bool) {
        let mut items = Vec::new();
        for _ in 0..200 {
            items = self.api.items(list);
            if ok(&items) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server never had {what}: {items:?}");
    }

    /// Picks `store` for the list on the page with its "Aisle order" select (the page
    /// sends it on the change and loads again).
    async fn choose_store(&self, list: i64, store: i64) {
        self.open_list(list).await;
        eval(&self.phone, "(window.__before = true)").await;
        self.phone
            .find(Locator::Css(&format!("#store option[value='{store}']")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for(
            &self.phone,
            "the list page with the store chosen",
            &format!(
                "return !window.__before && document.readyState === 'complete'
                    && document.getElementById('store')?.value === '{store}';"
            ),
        )
        .await;
        let conn = rusqlite::Connection::open(self.server.db_path()).unwrap();
        conn.busy_timeout(Duration::from_secs(5)).unwrap();
        let chosen: Option<i64> = conn
            .query_row("SELECT store_id FROM lists WHERE id = ?1", [list], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(chosen, Some(store));
    }

    /// Adds `text` with the add box and waits until the page shows each of `names` as a row
    /// the server has.
    async fn add_items(&self, list: i64, text: &str, names: &[&str]) {
        add(&self.phone, text).await;
        self.server_until(list, "the items added", |items| {
            names.iter().all(|n| items.iter().any(|i| i["name"] == *n))
        })
        .await;
        let ids: Vec<i64> = names.iter().map(|n| self.api.item_id(list, n)).collect();
        wait_for(
            &self.phone,
            "the added rows",
            &format!("return {ids:?}.every((id) => !!document.getElementById('item-' + id));"),
        )
        .await;
    }

    /// The page's category groups with open items, top to bottom.
    async fn groups(&self) -> Vec<String> {
        let shown = eval(
            &self.phone,
            "[...document.querySelectorAll('#list-items section.group[data-category]')]
                .filter((g) => g.querySelector('li.item:not(.checked)'))
                .map((g) => g.getAttribute('aria-label'))",
        )
        .await;
        serde_json::from_value(shown).unwrap()
    }

    /// One trip to the shop: `names` checked off on the page, in that order, with a tap on
    /// each row; then "Clear checked items".
    async fn shop(&self, list: i64, names: &[&str]) {
        for name in names {
            let id = self.api.item_id(list, name);
            click(&self.phone, &format!("#item-{id} button.box")).await;
            wait_for(
                &self.phone,
                &format!("{name} checked off"),
                &format!(
                    "return document.getElementById('item-{id}').classList.contains('checked');"
                ),
            )
            .await;
        }
        self.server_until(list, "every item checked off", |items| {
            items.len() == names.len() && items.iter().all(|i| i["checked"] == true)
        })
        .await;
        click(&self.phone, "section.done form[action$='/clear'] button").await;
        self.server_until(list, "the list cleared", <[Value]>::is_empty)
            .await;
        wait_for(
            &self.phone,
            "the cleared list",
            "return document.readyState === 'complete' && !document.querySelector('#list-items .item');",
        )
        .await;
    }

    /// The store page's rows: each category's name with its badge ("" without one).
    async fn store_rows(&self) -> Vec<(String, String)> {
        let rows = eval(
            &self.phone,
            "[...document.querySelectorAll('#store-order li')].map((li) => {
                const grow = li.querySelector('.grow');
                const badge = grow.querySelector('.badge');
                return [grow.firstChild.textContent.trim(), badge ? badge.textContent.trim() : ''];
            })",
        )
        .await;
        serde_json::from_value(rows).unwrap()
    }
}

/// What is added each trip, and the order it is walked in: Pantry, Frozen, Dairy & Eggs,
/// Meat & Fish, Bakery, Produce (the household's default order, reversed).
const SHOPPING: &str = "apples, bread, chicken, milk, frozen peas, rice";
const WALK: [&str; 6] = ["rice", "frozen peas", "milk", "chicken", "bread", "apples"];
const WALKED: [&str; 6] = [
    "Pantry",
    "Frozen",
    "Dairy & Eggs",
    "Meat & Fish",
    "Bakery",
    "Produce",
];
const DEFAULT: [&str; 6] = [
    "Produce",
    "Bakery",
    "Meat & Fish",
    "Dairy & Eggs",
    "Frozen",
    "Pantry",
];

/// The end-to-end requirement: shopped three times in the same order, a store's
/// next list comes sorted the way the household walks it; the store page says which places
/// were learned, and a category moved by hand with its arrow is "placed by you" and keeps
/// its place, also when later walks would put it elsewhere.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_list_is_sorted_the_way_the_household_walks_the_store() {
    let home = Home::open().await;
    let store = home.api.submit("/stores", &[("name", "Market")]);
    let store: i64 = store
        .redirected()
        .strip_prefix("/stores/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{}", store.describe()));
    let list = home.api.create_list("This week");
    home.choose_store(list, store).await;

    for trip in 1..=3 {
        // Each trip starts with the list opened afresh, as on shopping day.
        home.open_list(list).await;
        home.add_items(list, SHOPPING, &WALK).await;
        // Until three trips were made, the list keeps the household's default order.
        assert_eq!(home.groups().await, DEFAULT, "trip {trip}");
        home.shop(list, &WALK).await;
        // A day passes before the next trip.
        days_pass(&home.server, 1);
        if trip == 2 {
            home.open_store(store).await;
            let says = eval(
                &home.phone,
                "document.getElementById('order-learning').textContent",
            )
            .await;
            assert!(
                says.as_str()
                    .unwrap()
                    .contains("needs 1 more shopping trip"),
                "{says}"
            );
            assert!(
                home.store_rows()
                    .await
                    .iter()
                    .all(|(_, badge)| badge.is_empty()),
                "nothing learned from two trips: {:?}",
                home.store_rows().await
            );
        }
    }

    // The next list, with the same store: sorted as walked, as the items come in and when
    // the page is loaded again.
    let next = home.api.create_list("Next week");
    home.choose_store(next, store).await;
    home.add_items(next, SHOPPING, &WALK).await;
    assert_eq!(home.groups().await, WALKED, "as the items were added");
    home.open_list(next).await;
    assert_eq!(home.groups().await, WALKED, "on a fresh load");

    // The store page says the order is learned, from how many trips.
    home.open_store(store).await;
    let says = eval(
        &home.phone,
        "document.getElementById('order-learning').textContent",
    )
    .await;
    assert!(
        says.as_str()
            .unwrap()
            .contains("Learned from your last 3 shopping trips here."),
        "{says}"
    );
    let rows = home.store_rows().await;
    let learned: Vec<(String, String)> = WALKED
        .iter()
        .map(|c| (c.to_string(), "learned".to_string()))
        .collect();
    assert_eq!(rows[..6], learned[..], "{rows:?}");
    assert!(
        rows[6..].iter().all(|(_, badge)| badge.is_empty()),
        "categories never walked are not learned: {rows:?}"
    );

    // Produce moved up one place by hand, with its arrow.
    click(&home.phone, "button[aria-label='Move Produce up']").await;
    wait_for(
        &home.phone,
        "the order saved",
        "return document.getElementById('order-status').textContent.startsWith('Saved');",
    )
    .await;
    // What the page says (role=status) is the category's name, not its badge too.
    let status = eval(
        &home.phone,
        "document.getElementById('order-status').textContent",
    )
    .await;
    home.open_store(store).await;
    let rows = home.store_rows().await;
    let names: Vec<&str> = rows.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names[..6],
        [
            "Pantry",
            "Frozen",
            "Dairy & Eggs",
            "Meat & Fish",
            "Produce",
            "Bakery"
        ],
        "{rows:?}"
    );
    assert_eq!(
        rows[4],
        ("Produce".to_string(), "placed by you".to_string()),
        "the category moved is placed by hand: {rows:?}"
    );
    assert!(
        rows.iter()
            .filter(|(name, _)| name != "Produce")
            .all(|(_, badge)| badge != "placed by you"),
        "only the category moved is placed by hand: {rows:?}"
    );
    assert!(
        home.phone
            .find(Locator::XPath(
                "//button[normalize-space()='Forget my placements']"
            ))
            .await
            .is_ok(),
        "placements can be forgotten"
    );
    // The list keeps that place, also when later trips walk Produce first: learning
    // places the other categories around it.
    const PLACED: [&str; 6] = [
        "Pantry",
        "Frozen",
        "Dairy & Eggs",
        "Meat & Fish",
        "Produce",
        "Bakery",
    ];
    home.open_list(next).await;
    assert_eq!(home.groups().await, PLACED);
    let produce_first = ["apples", "rice", "frozen peas", "milk", "chicken", "bread"];
    for trip in 4..=5 {
        if trip > 4 {
            home.open_list(next).await;
            home.add_items(next, SHOPPING, &WALK).await;
        }
        home.shop(next, &produce_first).await;
        days_pass(&home.server, 1);
    }
    home.open_list(next).await;
    home.add_items(next, SHOPPING, &WALK).await;
    assert_eq!(
        home.groups().await,
        PLACED,
        "after two walks with Produce first"
    );
    home.open_store(store).await;
    let rows = home.store_rows().await;
    assert_eq!(
        rows[4],
        ("Produce".to_string(), "placed by you".to_string()),
        "{rows:?}"
    );
    let says = eval(
        &home.phone,
        "document.getElementById('order-learning').textContent",
    )
    .await;
    assert!(
        says.as_str()
            .unwrap()
            .contains("Learned from your last 5 shopping trips here."),
        "{says}"
    );
    assert_eq!(status, "Saved: Produce is now number 5.");
    home.phone.close().await.unwrap();
}

/// A list's history (List settings → History): what was checked off, by whom, and undo
/// puts the item back as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_off_is_in_the_history_and_undo_takes_it_back() {
    let home = Home::open().await;
    let list = home.api.create_list("This week");
    home.open_list(list).await;
    home.add_items(list, "bananas, 2 l milk", &["bananas", "milk"])
        .await;
    let bananas = home.api.item_id(list, "bananas");
    click(&home.phone, &format!("#item-{bananas} button.box")).await;
    home.server_until(list, "bananas checked off", |items| {
        items
            .iter()
            .any(|i| i["id"] == bananas && i["checked"] == true)
    })
    .await;

    // List settings → History.
    click(&home.phone, "details.list-settings summary").await;
    click(&home.phone, "details.list-settings a[href$='/history']").await;
    wait_for(
        &home.phone,
        "the history page",
        &format!(
            "return location.pathname === '/lists/{list}/history'
                && document.readyState === 'complete' && !!document.getElementById('history');"
        ),
    )
    .await;
    let entries = eval(
        &home.phone,
        "[...document.querySelectorAll('#history li')].map((li) => li.querySelector('.grow').textContent.replace(/\\s+/g, ' ').trim())",
    )
    .await;
    let entries: Vec<String> = serde_json::from_value(entries).unwrap();
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert_eq!(
        entries[0], "anna checked off bananas · just now",
        "newest first"
    );
    assert!(
        entries[1..].iter().all(|e| e.starts_with("anna added ")),
        "{entries:?}"
    );

    click(
        &home.phone,
        "button[aria-label='Undo: anna checked off bananas']",
    )
    .await;
    wait_for(
        &home.phone,
        "the undo done",
        "return document.readyState === 'complete'
            && document.body.textContent.includes('Undone: “bananas” is as it was.');",
    )
    .await;
    // The undo is itself in the history, and the check-off is marked undone.
    let entries = eval(
        &home.phone,
        "[...document.querySelectorAll('#history li')].slice(0, 2).map((li) => li.querySelector('.grow').textContent.replace(/\\s+/g, ' ').trim())",
    )
    .await;
    assert_eq!(
        entries,
        json!([
            "anna unchecked bananas · just now",
            "anna checked off bananas · just now · undone"
        ])
    );
    let items = home.api.items(list);
    let item = items.iter().find(|i| i["id"] == bananas).unwrap();
    assert_eq!(item["checked"], false, "{item}");

    // Back on the list, bananas are to buy again.
    home.phone
        .find(Locator::LinkText("Back to the list"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(
        &home.phone,
        "the list page again",
        &format!(
            "return location.pathname === '/lists/{list}' && document.readyState === 'complete'
                && !!document.getElementById('item-{bananas}');"
        ),
    )
    .await;
    assert_eq!(
        eval(
            &home.phone,
            &format!(
                "((row) => [row.classList.contains('checked'), !!row.closest('section.done'),
                    row.closest('section.group').getAttribute('aria-label')])
                 (document.getElementById('item-{bananas}'))"
            ),
        )
        .await,
        json!([false, false, "Produce"])
    );
    home.phone.close().await.unwrap();
}

/// Milk bought every week comes due again: the list page's suggestions say so with the
/// reason, on a phone's screen, and one tap adds it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weekly_milk_shows_as_due_soon_and_one_tap_adds_it() {
    let home = Home::open().await;
    let list = home.api.create_list("This week");
    for week in 0..4 {
        buy(&home.api, list, "Milk");
        if week < 3 {
            days_pass(&home.server, 7);
        }
    }
    days_pass(&home.server, 8);
    home.api.add_items(list, "bread");

    for size in super::rows::PHONES {
        super::rows::at_size(&home.phone, size, &home.url(&format!("/lists/{list}"))).await;
        let due = eval(
            &home.phone,
            "((due) => due && [...due.querySelectorAll('.row')].map((row) => [
                row.querySelector('button.chip').textContent.trim(),
                row.querySelector('.grow').textContent.trim(),
                row.querySelector('button.secondary').textContent.trim(),
             ]))(document.getElementById('due'))",
        )
        .await;
        assert_eq!(
            due,
            json!([["+ Milk", "every ~7 days, last bought 8 days ago", "Not now"]]),
            "{size:?}"
        );
        // All of it on the screen, nothing wider than the phone.
        let fits = eval(
            &home.phone,
            "((due) => [document.documentElement.scrollWidth <= innerWidth,
                [...due.querySelectorAll('*')].every((e) => {
                    const r = e.getBoundingClientRect();
                    return r.left >= 0 && r.right <= innerWidth;
                }),
                due.checkVisibility()])(document.getElementById('due'))",
        )
        .await;
        assert_eq!(fits, json!([true, true, true]), "{size:?}");
    }

    // "+ Milk" adds it to the list.
    click(&home.phone, "#due button.chip[aria-label^='Add Milk']").await;
    home.server_until(list, "milk added", |items| {
        items
            .iter()
            .any(|i| i["name"] == "Milk" && i["checked"] == false)
    })
    .await;
    let milk = home.api.item_id(list, "Milk");
    wait_for(
        &home.phone,
        "milk on the list",
        &format!(
            "const row = document.getElementById('item-{milk}');
             return !!row && !row.classList.contains('checked');"
        ),
    )
    .await;
    assert_eq!(home.api.items(list).len(), 2);
    // On the list, it is no longer suggested as due.
    home.open_list(list).await;
    assert_eq!(
        eval(&home.phone, "!!document.getElementById('due')").await,
        false
    );
    assert_eq!(
        eval(
            &home.phone,
            "document.documentElement.scrollWidth <= innerWidth"
        )
        .await,
        true
    );
    home.phone.close().await.unwrap();
}
