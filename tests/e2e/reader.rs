//! The add box's reader (issue 21): the server's own parser, compiled to WebAssembly and
//! run in the page, so that an add made offline shows every item it makes, in its
//! category, before the server has it.

use super::Shop;
use super::browser::{eval, set_offline, wait_for};

/// Texts covering the parser's rules (DESIGN.md "Item text parsing"), the refusals of
/// `aisle_parse::text` and the dictionary's categories.
const CASES: &[&str] = &[
    "2 cups milk, 1 loaf bread, 3 eggs",
    "1,5 kg flour; 1,000 g sugar",
    "milk (organic, local)",
    "2. eggs\n3) apples",
    "½ cup sugar, 1 1/2 l milk, two apples",
    "half a lemon, a couple of onions, 2 dozen eggs",
    "eggs x6, Cheddar cheese 200g, Crème fraîche 200 ml, milk 2 l, Coke Zero 2",
    "can opener, tin foil, pound cake",
    "milk (organic, bread - wholemeal (sliced)",
    "0 eggs, -3 eggs, 99999999999 rice, (), -",
    "frozen peas, dog food, baby carrots, organic peanut butter, chocolate milk, milk chocolate",
    "  ÄPFEL  ,  Kiwis ",
    "500g",
    "",
    " , ; ",
];

/// The page's reader answers every case as the same crate built natively does: the
/// WebAssembly the page runs does what the parser's current source does (the server's own
/// `aisle_parse`, read by `aisle_parse_wasm::reading`), whichever compiler built it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_reads_an_add_as_the_server_does() {
    let shop = Shop::open("milk").await;
    let phone = &shop.anna;
    wait_for(phone, "the reader", "return !!window.aisle.reader();").await;
    let mut cases: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    cases.push(format!("{} soup, tea", "x".repeat(201)));
    cases.push("milk\n".repeat(101));
    let read = phone
        .execute(
            "return arguments[0].map((text) => window.aisle.reader().read(text));",
            vec![serde_json::json!(cases)],
        )
        .await
        .unwrap();
    for (n, text) in cases.iter().enumerate() {
        let native = serde_json::to_value(aisle_parse_wasm::reading(text)).unwrap();
        assert_eq!(read[n], native, "read differently: {text:?}");
    }
    shop.close().await;
}

/// A multi-item add made offline (issue 21) shows every item it makes at once, each in its
/// category, as the server will: the page reads it with the server's own parser, compiled
/// to WebAssembly. A refused line stays in the box with the server's reason, nothing
/// refused shows as added, a reload offline shows the same, and once online the server
/// renders the very rows the phone showed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_add_made_offline_shows_every_item_in_its_category() {
    let shop = Shop::open("milk, oat milk").await;
    let phone = &shop.ben;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    // The household once moved oat milk to Beverages (the dictionary says Dairy & Eggs),
    // and it is off the list now.
    let oat = shop.item("oat milk");
    let ops = serde_json::json!({"ops": [
        {"op_id": "o1", "kind": "edit", "item_id": oat, "fields": {"category": "Beverages"}},
        {"op_id": "o2", "kind": "delete", "item_id": oat},
    ]});
    let path = format!("/api/v1/lists/{}/ops", shop.list);
    assert_eq!(shop.api.api_session_post(&path, &ops).status, 200);
    super::open_cached(phone, &url).await;
    wait_for(phone, "the reader", "return !!window.aisle.reader();").await;
    set_offline(phone, true).await;
    super::add(
        phone,
        "pears, 2 kiwis, 1 lb grapes (seedless), 0 eggs, dish soap, oat milk",
    )
    .await;
    // Each group by name with its rows' text (no ids: waiting rows have none yet).
    let rows = "const text = (e) => e.textContent.replace(/\\s+/g, ' ').trim();
        return [...document.querySelectorAll('#list-items section.group')].map((s) =>
            s.getAttribute('aria-label') + ': ' +
            [...s.querySelectorAll('li.item .what')].map(text).join(', ')).join(' | ');";
    let expected = "Produce: pears, 2 kiwis, 1 lb grapes seedless | Dairy & Eggs: milk \
                    | Beverages: oat milk | Household: dish soap";
    let shown = format!("return (() => {{ {rows} }})() === {expected:?};");
    wait_for(phone, "every item in its category at once", &shown).await;
    assert_eq!(
        eval(phone, "document.getElementById('add-text').value").await,
        "0 eggs",
        "the refused line stays in the box"
    );
    let note = eval(
        phone,
        "document.querySelector('#add-form p.error').textContent",
    )
    .await;
    assert!(
        note.as_str()
            .unwrap()
            .contains("“0 eggs”: the quantity must be more than 0"),
        "{note}"
    );
    assert_eq!(
        eval(phone, "document.getElementById('sync-status').textContent").await,
        "5 changes waiting to sync"
    );
    phone.goto(&url).await.unwrap();
    wait_for(phone, "the same after a reload offline", &shown).await;

    // Online again: the server has the four items, and renders what the phone showed.
    set_offline(phone, false).await;
    wait_for(
        phone,
        "the queue to drain",
        "return document.getElementById('sync-status').hidden
            && !document.querySelector('.pending-item');",
    )
    .await;
    wait_for(phone, "the server's own rows, as shown before", &shown).await;
    let fresh = phone
        .execute_async(
            "const done = arguments[0];
            fetch(location.pathname + '?fresh').then((r) => r.text()).then((html) => {
                const page = new DOMParser().parseFromString(html, 'text/html');
                done([...page.querySelectorAll('#list-items li.item .what')]
                    .map((e) => e.textContent.replace(/\\s+/g, ' ').trim()).join(', '));
            });",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        fresh,
        "pears, 2 kiwis, 1 lb grapes seedless, milk, oat milk, dish soap"
    );
    let names: Vec<String> = shop
        .api
        .items(shop.list)
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 6, "nothing doubled or lost: {names:?}");
    shop.close().await;
}

/// Online, an add shows at once and settles into the server's rows: one row per item,
/// merged where the server merges, no waiting row left. Offline, each waiting item can be
/// checked off on its own. And a line the server refuses although the phone's reader took
/// it (a reader older than the server) leaves no row behind and comes back to the box.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_rows_settle_into_the_servers_and_check_off_on_their_own() {
    let shop = Shop::open("3 eggs").await;
    let phone = &shop.anna;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    super::open_cached(phone, &url).await;
    wait_for(phone, "the reader", "return !!window.aisle.reader();").await;
    let names = "return [...document.querySelectorAll('#list-items li.item')]
        .map((li) => (li.classList.contains('pending-item') ? 'waiting ' : '')
            + (li.classList.contains('checked') ? 'done ' : '')
            + li.querySelector('.what').textContent.replace(/\\s+/g, ' ').trim()).sort().join(', ');";
    super::add(phone, "2 eggs, bread").await;
    wait_for(
        phone,
        "one row per item, merged, nothing waiting",
        &format!("return (() => {{ {names} }})() === '5 eggs, bread';"),
    )
    .await;
    let merged = eval(
        phone,
        "document.querySelector('#add-form p.merged').textContent",
    )
    .await;
    assert_eq!(merged, "eggs: 3 → 5.");

    // Offline: each line is its own op, so the second waiting row checks off by itself.
    set_offline(phone, true).await;
    super::add(phone, "tea, coffee").await;
    wait_for(
        phone,
        "two waiting rows",
        "return document.querySelectorAll('.pending-item button.box[data-ref]').length === 2;",
    )
    .await;
    // More of an item already on the list waits beside it, said to be not synced yet.
    super::add(phone, "2 eggs").await;
    let eggs = shop.item("eggs");
    wait_for(
        phone,
        "the waiting eggs beside the eggs",
        &format!(
            "const next = document.getElementById('item-{eggs}').nextElementSibling;
             return !!next && next.classList.contains('pending-item')
                 && next.querySelector('.name').textContent === 'eggs'
                 && next.querySelector('.waiting').textContent.includes('not synced yet');"
        ),
    )
    .await;
    eval(
        phone,
        "[...document.querySelectorAll('.pending-item')]
            .find((li) => li.querySelector('.name').textContent === 'coffee')
            .querySelector('button.box').click(); true",
    )
    .await;
    set_offline(phone, false).await;
    let mut synced = false;
    for _ in 0..100 {
        let items = shop.api.items(shop.list);
        let state = |n: &str| {
            items
                .iter()
                .find(|i| i["name"] == n)
                .map(|i| i["checked"].clone())
        };
        if state("coffee") == Some(true.into()) && state("tea") == Some(false.into()) {
            synced = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        synced,
        "coffee checked and tea not: {:?}",
        shop.api.items(shop.list)
    );
    wait_for(
        phone,
        "no waiting row left, the eggs merged",
        &format!(
            "return !document.querySelector('.pending-item')
                && document.querySelector('#item-{eggs} .amount').textContent === '7';"
        ),
    )
    .await;

    // A reader that takes what the server refuses (as one older than the server could):
    // the line comes back to the box with the server's reason, and its row goes.
    eval(
        phone,
        "(() => {
            const real = window.aisle.reader();
            window.aisle.reader = () => ({ ...real, read: (text) => ({ pieces: [{ text,
                item: { name: 'eggs', amount: '0', note: null, category: 'Dairy & Eggs', key: 'egg' } }] }) });
            return true;
        })()",
    )
    .await;
    super::add(phone, "0 eggs").await;
    wait_for(
        phone,
        "the refused line back in the box, and no row for it",
        "return document.getElementById('add-text').value === '0 eggs'
            && !document.querySelector('.pending-item')
            && document.querySelector('#add-form p.error').textContent.includes('more than 0');",
    )
    .await;
    assert_eq!(
        shop.api.items(shop.list).len(),
        4,
        "eggs, bread, tea, coffee"
    );
    shop.close().await;
}
