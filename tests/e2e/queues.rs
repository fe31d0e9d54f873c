//! Offline and whose changes are queued (issue 21): the page says how it is connected;
//! offline it shows the server's last state with the waiting changes applied; logging out
//! with unsynced changes asks, and Cancel keeps the user logged in; each user's queue is
//! their own, never sent as whoever logs in next on the same phone, and sent when its
//! owner logs in again.

use super::browser::{block_urls, eval, login, set_offline, wait_for};
use super::{Shop, click};
use crate::common::PASSWORD;

/// Waits (bounded) until the server has item `name` checked or not.
async fn server_has(shop: &Shop, name: &str, checked: bool) {
    for _ in 0..100 {
        let items = shop.api.items(shop.list);
        if items
            .iter()
            .any(|i| i["name"] == name && i["checked"] == checked)
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the server never had {name} checked = {checked}");
}

/// The text of the dialog the page opens, waited for (bounded): the logout question comes
/// after the page has read its queue.
async fn alert_text(browser: &fantoccini::Client) -> String {
    for _ in 0..100 {
        if let Ok(text) = browser.get_alert_text().await {
            return text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the page never asked");
}

/// Opens the menu (unless it is open) and taps Log out.
async fn log_out(browser: &fantoccini::Client) {
    if eval(
        browser,
        "document.querySelector('header.top details.menu').open",
    )
    .await
        != true
    {
        click(browser, "header.top details.menu summary").await;
    }
    click(browser, "form[action='/logout'] button").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_users_queue_is_theirs_and_cancel_keeps_them_logged_in() {
    let shop = Shop::open("milk, bread").await;
    let phone = &shop.anna;
    let base = shop.server.base_url();
    let url = format!("{base}/lists/{}", shop.list);
    let milk = shop.item("milk");

    // Sync cannot get through: Anna's check of the milk waits on the phone.
    block_urls(phone, &["*/ops"]).await;
    click(phone, &format!("#item-{milk} button.box")).await;
    wait_for(
        phone,
        "the change waiting",
        "return document.getElementById('sync-status').textContent === '1 change waiting to sync';",
    )
    .await;

    // Log out asks; Cancel stays on the page, logged in, the change still waiting.
    log_out(phone).await;
    let asked = alert_text(phone).await;
    assert!(
        asked.contains("1 change has not synced yet")
            && asked.contains("sent when anna logs in here again"),
        "{asked}"
    );
    phone.dismiss_alert().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(phone.current_url().await.unwrap().as_str(), url);
    let status =
        "return fetch('/api/v1/lists', { credentials: 'same-origin' }).then((r) => r.status);";
    assert_eq!(
        phone.execute(status, vec![]).await.unwrap(),
        200,
        "still logged in"
    );
    server_has(&shop, "milk", false).await;

    // OK logs out.
    log_out(phone).await;
    alert_text(phone).await;
    phone.accept_alert().await.unwrap();
    wait_for(
        phone,
        "the login page",
        "return location.pathname === '/login';",
    )
    .await;

    // Ben logs in on Anna's phone with the network whole: his own change goes out, Anna's
    // is not sent as his.
    block_urls(phone, &[]).await;
    login(phone, &base, "ben", PASSWORD).await;
    phone.goto(&url).await.unwrap();
    let bread = shop.item("bread");
    click(phone, &format!("#item-{bread} button.box")).await;
    server_has(&shop, "bread", true).await;
    wait_for(
        phone,
        "nothing waiting on Ben's page",
        "return document.getElementById('sync-status').hidden;",
    )
    .await;
    server_has(&shop, "milk", false).await;

    // Anna logs in again: her change goes out.
    log_out(phone).await;
    wait_for(
        phone,
        "the login page",
        "return location.pathname === '/login';",
    )
    .await;
    login(phone, &base, "anna", PASSWORD).await;
    phone.goto(&url).await.unwrap();
    server_has(&shop, "milk", true).await;
    shop.close().await;
}

/// A phone that queued changes before queues were per user keeps them: they move into the
/// queue of the first user to open a page, and are sent (what the shared queue did).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_in_the_old_shared_queue_are_kept() {
    let shop = Shop::open("milk, bread").await;
    let phone = &shop.ben;
    let base = shop.server.base_url();
    let bread = shop.item("bread");
    log_out(phone).await;
    wait_for(
        phone,
        "the login page",
        "return location.pathname === '/login';",
    )
    .await;
    // The shared queue as earlier versions left it: database `aisle`, store `ops`.
    let queued = format!(
        "return new Promise((resolve) => {{
            const open = indexedDB.open('aisle', 1);
            open.onupgradeneeded = () => open.result
                .createObjectStore('ops', {{ keyPath: 'seq', autoIncrement: true }})
                .createIndex('list', 'list');
            open.onsuccess = () => {{
                const t = open.result.transaction('ops', 'readwrite');
                t.objectStore('ops').add({{ list: {list}, op: {{ op_id: 'old-1', kind: 'check', item_id: {bread} }} }});
                t.oncomplete = () => {{ open.result.close(); resolve(true); }};
            }};
        }});",
        list = shop.list
    );
    assert_eq!(phone.execute(&queued, vec![]).await.unwrap(), true);
    login(phone, &base, "ben", PASSWORD).await;
    phone
        .goto(&format!("{base}/lists/{}", shop.list))
        .await
        .unwrap();
    server_has(&shop, "bread", true).await;
    wait_for(
        phone,
        "the old database gone",
        "return indexedDB.databases().then((all) => !all.some((d) => d.name === 'aisle'));",
    )
    .await;
    shop.close().await;
}

/// The page says how it is connected (issue 21): live with the time of the last sync,
/// offline when the network is gone, live again when it is back; the state is announced
/// to screen readers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_says_whether_it_is_live_or_offline() {
    let shop = Shop::open("milk").await;
    let phone = &shop.ben;
    let state = |want: &str| {
        format!(
            "const c = document.getElementById('connection');
            return !c.hidden && c.dataset.state === '{want}'
                && c.querySelector('.state[role=status]').textContent === '{}';",
            match want {
                "live" => "Live",
                "offline" => "Offline",
                _ => "Reconnecting…",
            }
        )
    };
    wait_for(phone, "live", &state("live")).await;
    wait_for(
        phone,
        "the time of the last sync",
        "return /^ · synced \\d/.test(document.querySelector('#connection .since').textContent);",
    )
    .await;
    set_offline(phone, true).await;
    wait_for(phone, "offline", &state("offline")).await;
    set_offline(phone, false).await;
    wait_for(phone, "live again", &state("live")).await;
    shop.close().await;
}

/// Offline, the page is the server's last state with the queued changes applied, shown as
/// the server would show it once they sync (issue 21): a removed row goes, an emptied
/// category's heading goes, the done count follows — also after a reload in the dead zone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_the_page_shows_what_the_server_will_show() {
    use super::live::SHAPE;
    let shop = Shop::open("milk, bread, kiwis, apples").await;
    let phone = &shop.ben;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    let (bread, kiwis) = (shop.item("bread"), shop.item("kiwis"));
    super::open_cached(phone, &url).await;
    set_offline(phone, true).await;
    click(phone, &format!("#item-{kiwis} button.icon")).await;
    click(phone, &format!("#item-{bread} button.box")).await;
    let shown = format!(
        "return !document.getElementById('item-{kiwis}')
            && !document.querySelector('section.group[aria-label=\"Bakery\"]')
            && document.querySelector('section.done h2').textContent === 'Done (1)'
            && document.getElementById('sync-status').textContent === '2 changes waiting to sync';"
    );
    wait_for(phone, "the changes shown at once", &shown).await;
    phone.goto(&url).await.unwrap();
    wait_for(phone, "the same after a reload offline", &shown).await;
    let offline = eval(phone, &format!("({SHAPE})(document)")).await;

    // Online again: once synced, the server renders exactly what the phone showed.
    set_offline(phone, false).await;
    wait_for(
        phone,
        "the queue to drain",
        "return document.getElementById('sync-status').hidden;",
    )
    .await;
    let server = phone
        .execute_async(
            &format!(
                "const done = arguments[0];
                fetch(location.pathname + '?fresh').then((r) => r.text()).then((html) =>
                    done(({SHAPE})(new DOMParser().parseFromString(html, 'text/html'))));"
            ),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(offline, server);
    shop.close().await;
}

/// "Keep screen on" (issue 21) takes a screen wake lock and lets it go, said by
/// `aria-pressed`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keep_screen_on_takes_and_releases_a_wake_lock() {
    let shop = Shop::open("milk").await;
    let phone = &shop.ben;
    // Count the locks the page holds, through the API it uses.
    eval(
        phone,
        "(() => { window.__locks = 0; const request = navigator.wakeLock.request.bind(navigator.wakeLock);
            navigator.wakeLock.request = async (type) => { const lock = await request(type);
                window.__locks += 1; lock.addEventListener('release', () => { window.__locks -= 1; });
                return lock; }; return true; })()",
    )
    .await;
    assert_eq!(
        eval(phone, "document.getElementById('wake').hidden").await,
        false
    );
    click(phone, "#wake").await;
    wait_for(
        phone,
        "the screen kept on",
        "return window.__locks === 1 && document.getElementById('wake').getAttribute('aria-pressed') === 'true';",
    )
    .await;
    click(phone, "#wake").await;
    wait_for(
        phone,
        "the lock let go",
        "return window.__locks === 0 && document.getElementById('wake').getAttribute('aria-pressed') === 'false';",
    )
    .await;
    shop.close().await;
}

/// A queued change that meets another phone's (issue 21): Ben checks the milk off in a
/// dead zone while Anna removes it; when Ben syncs, his page says why his check was not
/// made, instead of the row just vanishing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_that_met_a_removal_elsewhere_is_said() {
    let shop = Shop::open("milk, bread").await;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    let milk = shop.item("milk");
    super::open_cached(&shop.ben, &url).await;
    set_offline(&shop.ben, true).await;
    click(&shop.ben, &format!("#item-{milk} button.box")).await;
    wait_for(
        &shop.ben,
        "the check waiting",
        "return document.getElementById('sync-status').textContent === '1 change waiting to sync';",
    )
    .await;
    click(&shop.anna, &format!("#item-{milk} button.icon")).await;
    for _ in 0..100 {
        if !shop.api.items(shop.list).iter().any(|i| i["id"] == milk) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Back online, the page learns of the removal before its check gets through (the
    // check's request fails until the row is gone): the check is still named by its item.
    block_urls(&shop.ben, &["*/ops"]).await;
    set_offline(&shop.ben, false).await;
    wait_for(
        &shop.ben,
        "the removal shown first",
        &format!("return !document.getElementById('item-{milk}');"),
    )
    .await;
    block_urls(&shop.ben, &[]).await;
    wait_for(
        &shop.ben,
        "the conflict said and the row gone",
        &format!(
            "const status = document.getElementById('sync-status');
            return !status.hidden && !document.getElementById('item-{milk}')
                && status.textContent === '“milk” was removed on another phone meanwhile, so your check was not made.';"
        ),
    )
    .await;
    // The documented rule: a removed item stays removed.
    let items = shop.api.items(shop.list);
    assert!(!items.iter().any(|i| i["id"] == milk), "{items:?}");
    shop.close().await;
}

/// Before the shop (issue 21): opening the list keeps every name completions come from
/// (the household's own and its catalogue's) on the phone, so a line typed in a dead zone
/// is completed from them too, not only from the few chips on the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_are_completed_offline_from_the_names_kept_on_the_phone() {
    let shop = Shop::open("milk").await;
    let anna = &shop.anna;
    let other = shop.api.create_list("Party");
    let bought: Vec<String> = [
        "apples",
        "bananas",
        "cherries",
        "dates",
        "figs",
        "grapes",
        "kale",
        "leeks",
        "mangoes",
        "nectarines",
        "olives",
        "quinces",
    ]
    .map(String::from)
    .into();
    shop.api.add_items(other, &bought.join(", "));
    let made = shop
        .api
        .api_session_post("/api/v1/products", &serde_json::json!({"name": "Paprika"}));
    assert_eq!(made.status, 201, "{}", made.describe());
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    super::open_cached(anna, &url).await;
    // A name of the household's that is not one of the page's chips.
    let chips = eval(
        anna,
        "[...document.querySelectorAll('#often button.chip')].map((c) => c.value)",
    )
    .await;
    let own = bought
        .iter()
        .find(|name| !chips.as_array().unwrap().iter().any(|c| c == name.as_str()))
        .expect("more names than chips")
        .clone();
    assert!(!chips.to_string().contains("Paprika"), "{chips}");
    // Kept once the page has asked for them.
    wait_for(
        anna,
        "the names kept on the phone",
        "return caches.match('/api/v1/names', { cacheName: 'aisle-pages-v1' }).then((r) => !!r);",
    )
    .await;

    set_offline(anna, true).await;
    anna.goto(&url).await.unwrap();
    wait_for(
        anna,
        "the list, offline",
        "return !!document.getElementById('add-text');",
    )
    .await;
    for (typed, wanted) in [("2 pap", "Paprika"), (own.as_str(), own.as_str())] {
        let prefix: String = wanted.chars().take(3).collect();
        let typed = if typed == wanted {
            prefix.as_str()
        } else {
            typed
        };
        eval(
            anna,
            &format!(
                "(() => {{ const box = document.getElementById('add-text'); box.value = {typed:?};
                   box.dispatchEvent(new Event('input')); }})()"
            ),
        )
        .await;
        wait_for(
            anna,
            &format!("{wanted} offered for {typed:?} offline"),
            &format!(
                "return [...document.querySelectorAll('#completions button.chip')]
                    .some((c) => c.textContent === {wanted:?});"
            ),
        )
        .await;
    }
    shop.close().await;
}

/// A 1×1 PNG: a product's picture.
const PNG: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/// Before the shop (issue 21): opening a list keeps the pictures of its products on the
/// phone with its pages, from that first view on, and they show in a dead zone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lists_pictures_are_kept_with_it_for_a_dead_zone() {
    use base64::Engine;
    let shop = Shop::open("milk").await;
    let made = shop.api.api_session_post(
        "/api/v1/products",
        &serde_json::json!({"name": "Oat drink"}),
    );
    assert_eq!(made.status, 201, "{}", made.describe());
    let product = made.json()["id"].as_i64().unwrap();
    let png = base64::engine::general_purpose::STANDARD
        .decode(PNG)
        .unwrap();
    let image: i64 = crate::common::write_from_outside(&shop.server, |c| {
        c.execute(
            "INSERT INTO images (sha256, content_type, data, created_ms)
             VALUES ('test', 'image/png', ?1, 0)",
            [&png],
        )
        .unwrap();
        let image = c.last_insert_rowid();
        c.execute(
            "UPDATE products SET image_id = ?1 WHERE id = ?2",
            [image, product],
        )
        .unwrap();
        image
    });
    let added = shop.api.api_session_post(
        &format!("/api/v1/lists/{}/products/{product}", shop.list),
        &serde_json::json!({}),
    );
    assert_eq!(added.status, 201, "{}", added.describe());

    let phone = &shop.ben;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    phone.goto(&url).await.unwrap();
    wait_for(
        phone,
        "the picture on the page",
        &format!("return !!document.querySelector('img.thumb[src=\"/images/{image}\"]');"),
    )
    .await;
    let kept = format!(
        "const done = arguments[0];
        caches.open('aisle-pages-v1').then((c) => c.match('/images/{image}'))
            .then((r) => done(!!r), () => done(false));"
    );
    let mut is_kept = false;
    for _ in 0..100 {
        if phone.execute_async(&kept, vec![]).await.unwrap() == true {
            is_kept = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(is_kept, "the picture was never kept with the pages");

    set_offline(phone, true).await;
    phone.goto(&url).await.unwrap();
    wait_for(
        phone,
        "the picture, offline",
        "const img = document.querySelector('img.thumb');
         return !!img && img.complete && img.naturalWidth === 1;",
    )
    .await;
    shop.close().await;
}
