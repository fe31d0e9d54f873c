//! Editing in place (issue 21): a row's ✎ opens an edit sheet on the list page, and Save
//! queues an edit op, so an item can be edited offline; the row shows the change at once
//! and the server has it once the phone is back. A refused amount is said, the row goes
//! back to what the server has, and what was typed comes back in the sheet; Cancel
//! changes nothing; the sheet outlives a reload of the list part. Renamed on two phones,
//! the later arrival wins and its phone says what it replaced.

use fantoccini::Locator;

use super::browser::{eval, set_offline, wait_for};
use super::{Shop, click};

/// Opens the sheet from the ✎ of `item` and waits for it, still on the list page.
async fn open_sheet(browser: &fantoccini::Client, item: i64) {
    click(browser, &format!("#item-{item} a.edit")).await;
    wait_for(
        browser,
        "the edit sheet open over the list",
        "return document.getElementById('edit-sheet').open
            && /^\\/lists\\/\\d+$/.test(location.pathname);",
    )
    .await;
}

/// Replaces what a field of the sheet holds, typed as a person would.
async fn retype(browser: &fantoccini::Client, id: &str, text: &str) {
    let field = browser.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_is_edited_in_place_also_offline() {
    let shop = Shop::open("2 l milk, bread").await;
    let anna = &shop.anna;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    let milk = shop.item("milk");
    let bread = shop.item("bread");
    super::open_cached(anna, &url).await;
    set_offline(anna, true).await;

    // The sheet shows what the row shows.
    open_sheet(anna, milk).await;
    assert_eq!(
        eval(
            anna,
            "['sheet-name', 'sheet-amount', 'sheet-note']
                .map((id) => document.getElementById(id).value)"
        )
        .await,
        serde_json::json!(["milk", "2 l", ""])
    );
    // Another category than milk's own, picked from the sheet's choices.
    let category = eval(
        anna,
        &format!(
            "[...document.querySelectorAll('#sheet-category option')]
                .map((o) => o.value)
                .find((v) => v && v !== document.getElementById('item-{milk}').dataset.category)"
        ),
    )
    .await;
    let category = category.as_str().expect("a second category").to_string();
    retype(anna, "sheet-name", "oat milk").await;
    retype(anna, "sheet-amount", "1 1/2 l").await;
    retype(anna, "sheet-note", "barista").await;
    eval(
        anna,
        &format!("document.getElementById('sheet-category').value = {category:?}"),
    )
    .await;
    click(anna, "#edit-sheet button[value=save]").await;

    // Offline, the row shows the change at once, in its new category's group, the amount
    // in the server's own wording (read by the page's copy of its parser).
    wait_for(
        anna,
        "the edited row, in its new group",
        &format!(
            "const row = document.getElementById('item-{milk}');
             return !!row && !document.getElementById('edit-sheet').open
                 && row.querySelector('.name').textContent === 'oat milk'
                 && row.querySelector('.amount').textContent === '1.5 l'
                 && row.querySelector('.note').textContent === 'barista'
                 && row.closest('section').dataset.category === {category:?}
                 && document.getElementById('sync-status').textContent === '1 change waiting to sync';"
        ),
    )
    .await;
    assert_eq!(shop.api.items(shop.list).len(), 2);
    assert!(
        shop.api
            .items(shop.list)
            .iter()
            .any(|i| i["name"] == "milk"),
        "nothing reached the server while offline"
    );

    // Back online, the server has every field, read by the add box's parser.
    set_offline(anna, false).await;
    let mut synced = None;
    for _ in 0..100 {
        synced = shop
            .api
            .items(shop.list)
            .into_iter()
            .find(|i| i["id"] == milk && i["name"] == "oat milk");
        if synced.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let synced = synced.expect("the edit reached the server");
    assert_eq!(synced["quantity"], 1.5);
    assert_eq!(synced["unit"], "l");
    assert_eq!(synced["note"], "barista");
    assert_eq!(synced["category"], category.as_str());
    wait_for(
        anna,
        "nothing waiting",
        "return document.getElementById('sync-status').hidden;",
    )
    .await;

    // Cancel changes nothing.
    open_sheet(anna, bread).await;
    retype(anna, "sheet-name", "cake").await;
    click(anna, "#edit-sheet button[value=cancel]").await;
    wait_for(
        anna,
        "the sheet closed",
        "return !document.getElementById('edit-sheet').open;",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        eval(
            anna,
            &format!("document.querySelector('#item-{bread} .name').textContent")
        )
        .await,
        "bread"
    );
    assert!(
        shop.api
            .items(shop.list)
            .iter()
            .any(|i| i["name"] == "bread")
    );

    // An amount the server cannot read is said, and the row is the server's again.
    open_sheet(anna, bread).await;
    retype(anna, "sheet-amount", "lots").await;
    click(anna, "#edit-sheet button[value=save]").await;
    wait_for(
        anna,
        "the refusal said and the row as the server has it",
        &format!(
            "const status = document.getElementById('sync-status');
             const row = document.getElementById('item-{bread}');
             return !status.hidden && status.textContent.includes('“bread”')
                 && status.textContent.includes('“lots” is not an amount')
                 && !!row && !row.querySelector('.amount');"
        ),
    )
    .await;
    let bread_now = shop
        .api
        .items(shop.list)
        .into_iter()
        .find(|i| i["id"] == bread)
        .unwrap();
    assert_eq!(bread_now["quantity"], serde_json::Value::Null);
    // What was typed is not lost: it is back in the sheet, with the reason.
    wait_for(
        anna,
        "the refused amount back in the sheet",
        "const error = document.getElementById('sheet-error');
         return document.getElementById('edit-sheet').open
             && document.getElementById('sheet-amount').value === 'lots'
             && document.getElementById('sheet-name').value === 'bread'
             && !error.hidden && error.textContent.includes('“lots” is not an amount');",
    )
    .await;
    click(anna, "#edit-sheet button[value=cancel]").await;
    wait_for(
        anna,
        "the sheet closed",
        "return !document.getElementById('edit-sheet').open;",
    )
    .await;

    // The list renamed on another phone brings the page's list part again: ✎ still opens
    // the sheet.
    shop.api.submit(
        &format!("/lists/{}/rename", shop.list),
        &[("name", "Big shop")],
    );
    wait_for(
        anna,
        "the new name in the bar",
        "return document.querySelector('header.top h1').textContent.trim() === 'Big shop';",
    )
    .await;
    open_sheet(anna, bread).await;
    shop.close().await;
}

/// Renamed in both (issue 21): Ben renames milk offline while Anna renames it online; his
/// rename arrives later and wins, as docs/API.md's rules say, and his phone says what it
/// replaced instead of flipping the name silently.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rename_that_replaced_another_phones_says_so() {
    let shop = Shop::open("2 l milk").await;
    let ben = &shop.ben;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    let milk = shop.item("milk");
    super::open_cached(ben, &url).await;
    set_offline(ben, true).await;
    open_sheet(ben, milk).await;
    retype(ben, "sheet-name", "oat milk").await;
    click(ben, "#edit-sheet button[value=save]").await;
    wait_for(
        ben,
        "the rename waiting",
        "return document.getElementById('sync-status').textContent === '1 change waiting to sync';",
    )
    .await;
    // Meanwhile Anna renames it on her phone, which reaches the server first.
    click(&shop.anna, &format!("#item-{milk} a.edit")).await;
    wait_for(
        &shop.anna,
        "Anna's sheet",
        "return document.getElementById('edit-sheet').open;",
    )
    .await;
    retype(&shop.anna, "sheet-name", "soy milk").await;
    click(&shop.anna, "#edit-sheet button[value=save]").await;
    let mut renamed = false;
    for _ in 0..100 {
        if shop.api.items(shop.list)[0]["name"] == "soy milk" {
            renamed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(renamed, "Anna's rename never reached the server");

    set_offline(ben, false).await;
    wait_for(
        ben,
        "what Ben's rename replaced, said",
        "const status = document.getElementById('sync-status');
         return !status.hidden && status.textContent ===
             'Your edit of “oat milk” replaced the name “soy milk”, set on another phone meanwhile.';",
    )
    .await;
    assert_eq!(shop.api.items(shop.list)[0]["name"], "oat milk");
    // Anna's page follows: the name her phone set was replaced.
    wait_for(
        &shop.anna,
        "Anna's row renamed",
        &format!("return document.querySelector('#item-{milk} .name').textContent === 'oat milk';"),
    )
    .await;
    shop.close().await;
}
