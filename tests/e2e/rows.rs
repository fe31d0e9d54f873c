//! The list in a shopper's hand (issue 20), at 390×844 and 360×640: one tap anywhere on a
//! row checks it off (and back on), edit and remove are their own buttons, set apart.

use super::browser::{eval, wait_for};
use super::{Shop, click};

/// The phone sizes the list is tried at.
pub const PHONES: [(u32, u32); 2] = [(390, 844), (360, 640)];

/// Resizes the window to a phone's viewport and opens `url` again.
pub async fn at_size(browser: &fantoccini::Client, size: (u32, u32), url: &str) {
    super::browser::phone_screen(browser, size).await;
    browser.goto(url).await.unwrap();
    wait_for(
        browser,
        "the list page",
        &format!(
            "return !!document.getElementById('list-items') && innerWidth === {};",
            size.0
        ),
    )
    .await;
}

/// The rectangle of the first element matching `css`, as `[left, top, right, bottom]`.
async fn rect(browser: &fantoccini::Client, css: &str) -> [f64; 4] {
    let r = eval(
        browser,
        &format!(
            "(() => {{ const r = document.querySelector('{css}').getBoundingClientRect();
                return [r.left, r.top, r.right, r.bottom]; }})()"
        ),
    )
    .await;
    let n = |i: usize| r[i].as_f64().unwrap();
    [n(0), n(1), n(2), n(3)]
}

/// Waits (bounded) until the server has item `id` checked or not.
async fn server_has(shop: &Shop, id: i64, checked: bool) {
    for _ in 0..100 {
        let items = shop.api.items(shop.list);
        let item = items.iter().find(|i| i["id"] == id).expect("the item");
        if item["checked"] == checked {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the server never had item {id} checked = {checked}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tap_on_the_row_checks_it_off_and_edit_is_a_button_of_its_own() {
    let shop = Shop::open("2 cups milk (organic), bread").await;
    let anna = &shop.anna;
    let milk = shop.item("milk");
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    for size in PHONES {
        at_size(anna, size, &url).await;
        // The row is one target from its left edge to the edit button; edit and remove
        // are full-size targets of their own, not touching it.
        let row = rect(anna, &format!("#item-{milk}")).await;
        let check = rect(anna, &format!("#item-{milk} button.box")).await;
        let edit = rect(anna, &format!("#item-{milk} a.edit")).await;
        let remove = rect(anna, &format!("#item-{milk} button.icon")).await;
        assert!(
            check[0] - row[0] < 4.0,
            "{size:?}: the row's left edge checks off"
        );
        assert!(
            check[2] - check[0] > 0.6 * (row[2] - row[0]),
            "{size:?}: most of the row checks off: {check:?} of {row:?}"
        );
        for (what, r) in [("edit", edit), ("remove", remove)] {
            assert!(
                r[2] - r[0] >= 44.0 && r[3] - r[1] >= 44.0,
                "{size:?}: {what} {r:?}"
            );
        }
        assert!(
            edit[0] >= check[2],
            "{size:?}: edit beside the check target"
        );
        assert!(
            remove[0] - check[2] >= 48.0,
            "{size:?}: remove is not next to the check target: {check:?} {remove:?}"
        );

        // A tap on the name checks it off, in place; a tap on the amount takes it back.
        click(anna, &format!("#item-{milk} .name")).await;
        wait_for(
            anna,
            "milk checked off",
            &format!(
                "return document.querySelector('#item-{milk}').classList.contains('checked')
                && !!document.querySelector('section.done #item-{milk}');"
            ),
        )
        .await;
        assert!(
            anna.current_url()
                .await
                .unwrap()
                .path()
                .ends_with(&format!("/lists/{}", shop.list))
        );
        server_has(&shop, milk, true).await;
        click(anna, &format!("#item-{milk} .amount")).await;
        wait_for(
            anna,
            "milk unchecked",
            &format!(
                "return !document.querySelector('#item-{milk}').classList.contains('checked');"
            ),
        )
        .await;
        server_has(&shop, milk, false).await;
    }

    // Edit is its own button: it opens the edit sheet over the list (sheet.rs), and does
    // not check the item off; its link is the edit page, for a phone without JavaScript.
    click(anna, &format!("#item-{milk} a.edit")).await;
    wait_for(
        anna,
        "the edit sheet",
        &format!(
            "return document.getElementById('edit-sheet').open
                && !document.getElementById('item-{milk}').classList.contains('checked');"
        ),
    )
    .await;
    let href = eval(
        anna,
        &format!("document.querySelector('#item-{milk} a.edit').href"),
    )
    .await;
    anna.goto(href.as_str().unwrap()).await.unwrap();
    wait_for(
        anna,
        "the edit page",
        "return location.pathname.endsWith('/edit') && !!document.querySelector('form[action$=\"/edit\"]');",
    )
    .await;
    shop.close().await;
}

/// Suggestions (issue 20): as a line is typed they complete it, from the household's
/// history and catalogue; they take one row, not a screenful; they can be folded away, and
/// stay so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_complete_the_line_being_typed_and_fold_away() {
    let shop = Shop::open("milk").await;
    let anna = &shop.anna;
    let other = shop.api.create_list("Party");
    let mut bought: Vec<String> = ["apples", "apricots", "avocado", "bananas", "beans"]
        .map(String::from)
        .into();
    bought.extend((1..=10).map(|i| format!("snack {i}")));
    shop.api.add_items(other, &bought.join(", "));
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    for size in PHONES {
        at_size(anna, size, &url).await;
        let height = eval(
            anna,
            "document.getElementById('suggest').getBoundingClientRect().height",
        )
        .await;
        assert!(
            height.as_f64().unwrap() < 110.0,
            "{size:?}: 8 chips take one row: {height}"
        );
    }

    anna.find(fantoccini::Locator::Id("add-text"))
        .await
        .unwrap()
        .send_keys("bread, 2 kg AP")
        .await
        .unwrap();
    wait_for(
        anna,
        "completions of the line",
        "const chips = [...document.querySelectorAll('#completions button.chip')];
        return !document.getElementById('completions').hidden
            && document.getElementById('often').hidden
            && chips.map((c) => c.textContent).join('|') === 'apples|apricots';",
    )
    .await;
    click(anna, "#completions button.chip:nth-child(2)").await;
    assert_eq!(
        eval(anna, "document.getElementById('add-text').value").await,
        "bread, 2 kg apricots"
    );
    assert_eq!(
        eval(anna, "document.activeElement.id").await,
        "add-text",
        "typing goes on in the box"
    );

    // Folded away, and still folded on the next visit.
    click(anna, "#suggest summary").await;
    anna.goto(&url).await.unwrap();
    wait_for(
        anna,
        "the page again, suggestions folded",
        "const fold = document.getElementById('suggest');
        return !!fold && !fold.open && fold.getBoundingClientRect().height < 40;",
    )
    .await;
    shop.close().await;
}

/// The list says which store's aisle order sorts it, and switches it in place (issue 20):
/// picking a store re-sorts the list, no button to find.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_shows_its_store_and_switches_it() {
    let shop = Shop::open("milk, apples").await;
    let anna = &shop.anna;
    eval(&shop.ben, "(window.__noReload = true)").await;
    // A store that walks Dairy & Eggs first.
    let store = shop.api.submit("/stores", &[("name", "Corner shop")]);
    let store = store.redirected().to_string();
    let page = shop.api.get(&store).body;
    let label = page
        .find("aria-label=\"Move Dairy &#38; Eggs up\"")
        .unwrap_or_else(|| panic!("no up button for Dairy & Eggs in {page}"));
    let action = page[..label].rfind("action=\"").unwrap() + "action=\"".len();
    let up = page[action..action + page[action..].find('"').unwrap()].to_string();
    for _ in 0..3 {
        shop.api.submit(&up, &[]);
    }
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    anna.goto(&url).await.unwrap();
    let first = "document.querySelector('#list-items section.group h2').textContent";
    assert_eq!(eval(anna, first).await, "Produce");
    assert_eq!(
        eval(
            anna,
            "document.querySelector('#store option:checked').textContent"
        )
        .await,
        "Default"
    );
    assert_eq!(
        eval(anna, "document.querySelector('#store-pick button').hidden").await,
        true,
        "no button to find with JavaScript"
    );
    eval(
        anna,
        "(() => { const s = document.getElementById('store');
            s.value = [...s.options].find((o) => o.textContent === 'Corner shop').value;
            s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()",
    )
    .await;
    wait_for(
        anna,
        "the list sorted by the Corner shop",
        &format!(
            "return {first} === 'Dairy & Eggs'
                && document.querySelector('#store option:checked').textContent === 'Corner shop';"
        ),
    )
    .await;
    // Ben's page, open since before the store existed, follows without a reload.
    wait_for(
        &shop.ben,
        "Ben's page sorted by the Corner shop too",
        &format!(
            "return window.__noReload && {first} === 'Dairy & Eggs'
                && document.querySelector('#store option:checked').textContent === 'Corner shop'
                && document.querySelector('#store-pick button').hidden;"
        ),
    )
    .await;
    shop.close().await;
}

/// The names of the store page's categories, in order.
const STORE_ORDER: &str =
    "[...document.querySelectorAll('#store-order li')].map((e) => e.dataset.name).join('|')";

/// The category names of the store page at `path` as the server has them, in order.
fn saved_order(api: &crate::common::Client, path: &str) -> String {
    let page = api.get(path).body;
    page.split(r#" data-name=""#)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].replace("&#38;", "&"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Waits (bounded) until the server's order of the store at `path` starts with `prefix`.
async fn until_saved(api: &crate::common::Client, path: &str, prefix: &str) {
    for _ in 0..100 {
        if saved_order(api, path).starts_with(prefix) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "the server's order never started {prefix}: {}",
        saved_order(api, path)
    );
}

/// Drags the handle of the store page's row `from` (0-based) onto row `to` with `source`
/// (a mouse or a finger), through WebDriver input, as a person would.
async fn drag(
    browser: &fantoccini::Client,
    source: impl fantoccini::actions::InputSource<Action = fantoccini::actions::PointerAction>,
    from: usize,
    to: usize,
) {
    use fantoccini::Locator;
    use fantoccini::actions::PointerAction;
    let rows = browser
        .find_all(Locator::Css("#store-order li"))
        .await
        .unwrap();
    let handle = rows[from].find(Locator::Css(".handle")).await.unwrap();
    // Past the target's middle in the direction of travel.
    let dy = if to < from { -12.0 } else { 12.0 };
    let step = |element: &fantoccini::elements::Element, y| PointerAction::MoveToElement {
        element: element.clone(),
        duration: Some(std::time::Duration::from_millis(150)),
        x: 0.0,
        y,
    };
    let actions = source
        .then(step(&handle, 0.0))
        .then(PointerAction::Down { button: 0 })
        .then(step(&rows[(from + to) / 2], 0.0))
        .then(step(&rows[to], dy))
        .then(PointerAction::Up { button: 0 });
    browser.perform_actions(actions).await.unwrap();
}

/// Store aisle order (issue 20): drag by mouse or finger, or the arrows by keyboard; each
/// move shows at once and is saved without reloading the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stores_aisle_order_is_dragged_or_moved_without_a_reload() {
    use fantoccini::actions::{MouseActions, TouchActions};
    let shop = Shop::open("milk").await;
    let anna = &shop.anna;
    let store = shop.api.submit("/stores", &[("name", "Corner shop")]);
    let path = store.redirected().to_string();
    let url = format!("{}{path}", shop.server.base_url());
    anna.goto(&url).await.unwrap();
    eval(anna, "(window.__noReload = true)").await;
    let start = saved_order(&shop.api, &path);
    assert!(
        start.starts_with("Produce|Bakery|Meat & Fish|Dairy & Eggs"),
        "{start}"
    );

    // A mouse drags Dairy & Eggs to the top.
    drag(anna, MouseActions::new("mouse".into()), 3, 0).await;
    wait_for(
        anna,
        "Dairy & Eggs first, saved",
        &format!(
            "return {STORE_ORDER}.startsWith('Dairy & Eggs|Produce|Bakery|Meat & Fish')
            && document.getElementById('order-status').textContent.startsWith('Saved');"
        ),
    )
    .await;
    until_saved(&shop.api, &path, "Dairy & Eggs|Produce|Bakery|Meat & Fish").await;

    // A finger drags Produce down below Bakery.
    drag(anna, TouchActions::new("finger".into()), 1, 2).await;
    wait_for(
        anna,
        "Bakery before Produce",
        &format!("return {STORE_ORDER}.startsWith('Dairy & Eggs|Bakery|Produce|');"),
    )
    .await;
    until_saved(&shop.api, &path, "Dairy & Eggs|Bakery|Produce|").await;

    // The keyboard: Enter on "Move Dairy & Eggs down" twice; focus stays on the arrow.
    let down = anna
        .find(fantoccini::Locator::Css(
            "#store-order li:first-child button[aria-label$='down']",
        ))
        .await
        .unwrap();
    for _ in 0..2 {
        down.send_keys("\u{E007}").await.unwrap();
    }
    wait_for(
        anna,
        "Dairy & Eggs third",
        &format!(
            "return {STORE_ORDER}.startsWith('Bakery|Produce|Dairy & Eggs|')
            && document.activeElement.getAttribute('aria-label') === 'Move Dairy & Eggs down';"
        ),
    )
    .await;
    until_saved(&shop.api, &path, "Bakery|Produce|Dairy & Eggs|").await;
    assert_eq!(
        eval(anna, "window.__noReload === true").await,
        true,
        "never reloaded"
    );
    shop.close().await;
}
