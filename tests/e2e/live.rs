//! Live updates carry the change: a phone applies `changes?since=` to its rows in place
//! (rows rendered from the page's own templates), never by loading the page again, and
//! says which of its queued changes the server refused, by the refusal's code.

use super::browser::{eval, set_offline, wait_for};
use super::{Shop, add, click, open_cached};

/// How often this page's HTML was fetched by its script since it loaded (a reload of the
/// page would start the count again, and also lose `window.__kept`).
/// (The tests' own look at a fresh copy asks with a query string and is not counted.)
const PAGE_FETCHES: &str = "performance.getEntriesByType('resource').filter((e) => {
        const url = new URL(e.name);
        return url.pathname === location.pathname && !url.search;
    }).length";

/// What a list page shows, as one string: each section's label, heading and rows (id,
/// checked, text), and the total. The same function reads the live page and a fresh copy
/// rendered by the server.
pub(super) const SHAPE: &str = "(doc) => {
    const text = (e) => (e ? e.textContent.replace(/\\s+/g, ' ').trim() : '-');
    const sections = [...doc.querySelectorAll('#list-items section.group')].map((s) =>
        s.getAttribute('aria-label') + ' [' + text(s.querySelector('h2')) + '] ' +
        [...s.querySelectorAll('li.item')].map((li) =>
            li.id + (li.classList.contains('checked') ? ' done' : '') + ' ' + text(li.querySelector('.what'))
        ).join(', '));
    return sections.join(' | ') + ' || ' + text(doc.getElementById('list-total'));
}";

/// Waits until the page shows what the server would render now.
async fn wait_for_the_server_shape(browser: &fantoccini::Client, what: &str) {
    let script = format!(
        "const shape = {SHAPE}; const done = arguments[0];
         fetch(location.pathname + '?fresh', {{ headers: {{ Accept: 'text/html' }} }})
            .then((r) => r.text())
            .then((html) => {{
                const page = new DOMParser().parseFromString(html, 'text/html');
                done([shape(document), shape(page)]);
            }}, (e) => done([String(e), '']));"
    );
    let mut last = serde_json::Value::Null;
    for _ in 0..100 {
        last = browser.execute_async(&script, vec![]).await.unwrap();
        if last[0] == last[1] {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("{what}: the page never showed what the server renders:\n{last:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_from_another_phone_are_applied_in_place_without_loading_the_page() {
    let shop = Shop::open("milk, bread, 3 eggs, apples").await;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    let [milk, bread, eggs, apples] = ["milk", "bread", "eggs", "apples"].map(|n| shop.item(n));
    // One item with a known price, so the page shows an estimated total.
    let coffee = shop
        .api
        .api_session_post("/api/v1/products", &serde_json::json!({"name": "coffee"}));
    assert_eq!(coffee.status, 201, "{}", coffee.describe());
    let coffee = coffee.json()["id"].as_i64().unwrap();
    for path in [
        format!("/api/v1/products/{coffee}/prices"),
        format!("/api/v1/lists/{}/products/{coffee}", shop.list),
    ] {
        let r = shop
            .api
            .api_session_post(&path, &serde_json::json!({"amount": "4.99"}));
        assert_eq!(r.status, 201, "{path}: {}", r.describe());
    }
    shop.ben.refresh().await.unwrap();
    // Controlled by its service worker, the page fetches nothing of itself at start.
    open_cached(&shop.ben, &url).await;
    eval(
        &shop.ben,
        &format!(
            "(window.__kept = {{ eggs: document.getElementById('item-{eggs}'),
                                apples: document.getElementById('item-{apples}') }}, true)"
        ),
    )
    .await;
    let fetched = eval(&shop.ben, PAGE_FETCHES).await;

    // Anna checks milk off: on Ben's phone it moves to the done section, which appears.
    click(&shop.anna, &format!("#item-{milk} button.box")).await;
    wait_for(
        &shop.ben,
        "milk in Ben's done section",
        &format!(
            "const row = document.getElementById('item-{milk}');
             const done = document.querySelector('#list-items section.done');
             return !!row && !!done && done.contains(row) && row.classList.contains('checked')
                 && done.querySelector('h2').textContent === 'Done (1)'
                 && row.querySelector('button.box').getAttribute('formaction').endsWith('/items/{milk}/uncheck');"
        ),
    )
    .await;

    // Anna adds ice cream: a Frozen group appears on Ben's phone, in aisle order (after
    // Dairy & Eggs), with the row the server renders, and the total counts it.
    add(&shop.anna, "2 ice cream").await;
    wait_for(
        &shop.ben,
        "ice cream in a new Frozen group on Ben's page",
        "const group = document.querySelector('#list-items section[aria-label=\"Frozen\"]');
         const row = group && group.querySelector('li.item:not(.pending-item)');
         return !!row && row.querySelector('.name').textContent === 'ice cream'
             && row.querySelector('.amount').textContent === '2'
             && group.previousElementSibling.getAttribute('aria-label') === 'Dairy & Eggs'
             && document.getElementById('list-total').textContent.includes('5 items without');",
    )
    .await;

    // Anna removes bread, Bakery's only item: the row and its group go, the count follows.
    click(&shop.anna, &format!("#item-{bread} button.icon")).await;
    wait_for(
        &shop.ben,
        "bread and the Bakery group gone from Ben's page",
        &format!(
            "return !document.getElementById('item-{bread}')
                && !document.querySelector('#list-items section[aria-label=\"Bakery\"]')
                && document.getElementById('list-total').textContent.includes('4 items without');"
        ),
    )
    .await;

    // All of it without loading the page: the same document (its marker is there), no
    // fetch of the page's HTML, and the rows of items nobody touched are the same nodes.
    assert_eq!(
        eval(
            &shop.ben,
            &format!(
                "!!window.__kept && window.__kept.eggs === document.getElementById('item-{eggs}')
                    && window.__kept.apples === document.getElementById('item-{apples}')"
            ),
        )
        .await,
        true,
        "Ben's page was loaded again or its untouched rows were re-made"
    );
    assert_eq!(eval(&shop.ben, PAGE_FETCHES).await, fetched);
    // And it shows exactly what the server renders now.
    wait_for_the_server_shape(&shop.ben, "after check, add and delete").await;

    // A change to the list itself (a rename) is not an item: the page takes its list part
    // from the server once, and stays the same document.
    let before = eval(&shop.ben, PAGE_FETCHES).await.as_i64().unwrap();
    let renamed = shop.api.submit(
        &format!("/lists/{}/rename", shop.list),
        &[("name", "Big shop")],
    );
    assert_eq!(renamed.status, 303, "{}", renamed.describe());
    wait_for(
        &shop.ben,
        "the new name on Ben's page",
        "return document.querySelector('header.top h1').textContent.includes('Big shop');",
    )
    .await;
    assert_eq!(
        eval(&shop.ben, PAGE_FETCHES).await.as_i64().unwrap(),
        before + 1,
        "the page's HTML fetched once"
    );
    assert_eq!(eval(&shop.ben, "!!window.__kept").await, true);

    // A page without the row templates (a copy cached before they existed) takes a change
    // by reloading its list part, which brings them.
    eval(
        &shop.ben,
        "(document.querySelectorAll('template').forEach((t) => t.remove()), true)",
    )
    .await;
    add(&shop.anna, "tea").await;
    wait_for(
        &shop.ben,
        "tea and the templates on Ben's page",
        "return [...document.querySelectorAll('#list-items li.item .name')].some((n) => n.textContent === 'tea')
            && document.querySelectorAll('template').length === 3;",
    )
    .await;
    assert_eq!(
        eval(&shop.ben, PAGE_FETCHES).await.as_i64().unwrap(),
        before + 2
    );
    wait_for_the_server_shape(&shop.ben, "after the reload of the list part").await;
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_op_the_server_refuses_is_dropped_and_said_by_its_code() {
    let shop = Shop::open("milk, bread").await;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    let (milk, bread) = (shop.item("milk"), shop.item("bread"));
    open_cached(&shop.ben, &url).await;
    let fetched = eval(&shop.ben, PAGE_FETCHES).await;

    // Offline, Ben checks milk off; two ops the server will refuse join his queue (as an
    // older page or another app could have queued them): one about an item that is not
    // on the list, one naming a category that does not exist. Then he adds tea.
    set_offline(&shop.ben, true).await;
    click(&shop.ben, &format!("#item-{milk} button.box")).await;
    let queued = shop
        .ben
        .execute_async(
            &format!(
                "const done = arguments[0];
                 const user = document.querySelector('meta[name=\"aisle-user\"]').content;
                 const open = indexedDB.open(`aisle-ops-${{user}}`);
                 open.onsuccess = () => {{
                     const t = open.result.transaction('ops', 'readwrite');
                     const ops = t.objectStore('ops');
                     ops.add({{ list: {list}, op: {{ op_id: 'ghost', kind: 'check', item_id: 987654 }} }});
                     ops.add({{ list: {list}, op: {{ op_id: 'nowhere', kind: 'edit', item_id: {bread},
                                                    fields: {{ category: 'Nowhere' }} }} }});
                     t.oncomplete = () => done(true);
                     t.onerror = () => done(false);
                 }};
                 open.onerror = () => done(false);",
                list = shop.list
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(queued, true);
    add(&shop.ben, "tea").await;
    wait_for(
        &shop.ben,
        "4 changes waiting",
        "return document.getElementById('sync-status').textContent.includes('4 changes waiting');",
    )
    .await;

    // Back online: the server refuses the batch naming both ops; the page drops them,
    // says why in plain words chosen by each code, and sends the rest.
    set_offline(&shop.ben, false).await;
    wait_for(
        &shop.ben,
        "the refusals said and the rest synced",
        "const status = document.getElementById('sync-status');
         return !status.hidden && !status.textContent.includes('waiting')
             && status.textContent.includes('A change to an item was dropped: it is no longer on this list.')
             && status.textContent.includes('A change to “bread” could not be saved and was dropped');",
    )
    .await;
    let items = shop.api.items(shop.list);
    let find = |name: &str| items.iter().find(|i| i["name"] == name).cloned();
    assert_eq!(find("milk").unwrap()["checked"], true, "{items:?}");
    assert_eq!(find("bread").unwrap()["category"], "Bakery", "{items:?}");
    assert_eq!(items.iter().filter(|i| i["name"] == "tea").count(), 1);
    let queue_left = shop
        .ben
        .execute_async(
            "const done = arguments[0];
             const user = document.querySelector('meta[name=\"aisle-user\"]').content;
             const open = indexedDB.open(`aisle-ops-${user}`);
             open.onsuccess = () => {
                 const count = open.result.transaction('ops').objectStore('ops').count();
                 count.onsuccess = () => done(count.result);
             };",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(queue_left, 0, "the refused ops left the queue");
    // Tea replaced its "just added" row with the server's, in place; the flush fetched
    // changes, not the page.
    wait_for(
        &shop.ben,
        "tea's row from the server",
        "return !document.querySelector('.pending-item')
            && [...document.querySelectorAll('#list-items li.item .name')].some((n) => n.textContent === 'tea');",
    )
    .await;
    assert_eq!(eval(&shop.ben, PAGE_FETCHES).await, fetched);
    wait_for_the_server_shape(&shop.ben, "after the flush").await;
    shop.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_changes_show_at_once_keep_focus_and_undo_brings_a_row_back() {
    let shop = Shop::open("milk, bread, apples").await;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    let (milk, bread) = (shop.item("milk"), shop.item("bread"));
    open_cached(&shop.ben, &url).await;
    let fetched = eval(&shop.ben, PAGE_FETCHES).await;

    // Ben checks milk off: the row moves to the done section at once, and focus stays on
    // its box (now an "Uncheck" button), so a keyboard or screen-reader user is not lost.
    click(&shop.ben, &format!("#item-{milk} button.box")).await;
    wait_for(
        &shop.ben,
        "milk done on Ben's page, focus on its box",
        &format!(
            "const row = document.getElementById('item-{milk}');
             const box = document.activeElement;
             return !!row && row.closest('section.done') !== null
                 && box.closest('li') === row && box.classList.contains('box')
                 && box.textContent.replace(/\\s+/g, ' ').trim() === '✓ Uncheck milk';"
        ),
    )
    .await;

    // Ben removes bread and takes it back with the undo offer.
    click(&shop.ben, &format!("#item-{bread} button.icon")).await;
    wait_for(
        &shop.ben,
        "bread removed, with an undo offer",
        &format!(
            "return !document.getElementById('item-{bread}')
                && !!document.querySelector('#js-undo button')
                && !document.querySelector('#list-items section[aria-label=\"Bakery\"]');"
        ),
    )
    .await;
    // Wait for the delete to reach the server, then undo.
    for _ in 0..100 {
        if !shop
            .api
            .items(shop.list)
            .iter()
            .any(|i| i["name"] == "bread")
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    click(&shop.ben, "#js-undo button").await;
    wait_for(
        &shop.ben,
        "bread back in its group on Ben's page",
        &format!(
            "const row = document.getElementById('item-{bread}');
             return !!row && row.closest('section[aria-label=\"Bakery\"]') !== null
                 && document.getElementById('sync-status').hidden;"
        ),
    )
    .await;
    wait_for(
        &shop.anna,
        "Ben's changes on Anna's page",
        &format!(
            "const milk = document.getElementById('item-{milk}');
             return !!milk && milk.classList.contains('checked')
                 && !!document.getElementById('item-{bread}');"
        ),
    )
    .await;
    let items = shop.api.items(shop.list);
    assert!(
        items
            .iter()
            .any(|i| i["name"] == "bread" && i["checked"] == false),
        "{items:?}"
    );
    assert_eq!(eval(&shop.ben, PAGE_FETCHES).await, fetched);
    wait_for_the_server_shape(&shop.ben, "Ben's page after his own changes").await;
    wait_for_the_server_shape(&shop.anna, "Anna's page after Ben's changes").await;
    shop.close().await;
}
