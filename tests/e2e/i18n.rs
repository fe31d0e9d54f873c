//! The page scripts in the page's language (issue 24): a phone whose browser speaks German
//! gets the scripts' words in German (i18n/de.js, made from locales/de/js.ftl) — the sync
//! status, the logout question, the undo bar, the edit sheet's refusal — and rows the
//! page renders itself (its own adds, and another phone's, live) write amounts as the
//! server does in German ("1,5 l", "2 EL", "3 Dosen"). The service worker keeps the words
//! with the page, so a page opened offline has them too.

use aisle::i18n::Lang;
use serde_json::{Value, json};

use super::browser::{Driver, block_urls, eval, login, set_offline, wait_for};
use super::common::{self, PASSWORD, Server};
use super::{Shop, add, click, open_cached};

/// A household of two whose phones speak German, on its list.
async fn german_shop(items: &str) -> Shop {
    let server = Server::start();
    let api = server.user_client("anna", "Smiths", true);
    common::add_user(&server, "ben", "Smiths", false, PASSWORD);
    let list = api.create_list("Wocheneinkauf");
    api.add_items(list, items);
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let anna = driver
        .browser_speaking(&profiles.path().join("anna"), "de-DE,de")
        .await;
    let ben = driver
        .browser_speaking(&profiles.path().join("ben"), "de-DE,de")
        .await;
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

/// The amounts the rows of `names` show on `browser`'s page, once every one has a row
/// the server knows (not a waiting one).
async fn amounts(browser: &fantoccini::Client, names: &[&str]) -> Value {
    let script = format!(
        "const rows = [...document.querySelectorAll('#list-items li.item[id^=\"item-\"]')];
         const of = (n) => rows.find((r) => r.querySelector('.name').textContent === n);
         return {names:?}.every(of) && {names:?}.map((n) => (of(n).querySelector('.amount') || {{}}).textContent);"
    );
    for _ in 0..400 {
        let value = browser.execute(&script, vec![]).await.unwrap();
        if value.is_array() {
            return value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the rows of {names:?} never showed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_phone_gets_the_scripts_words_and_amounts_in_german() {
    let shop = german_shop("milk, bread").await;
    let (anna, ben) = (&shop.anna, &shop.ben);
    let de = Lang::from_code("de").unwrap();
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    open_cached(ben, &url).await;
    assert_eq!(
        eval(ben, "[document.documentElement.lang, self.aisleText.lang]").await,
        json!(["de", "de"])
    );
    wait_for(
        ben,
        "the connection said in German",
        "return document.querySelector('#connection .state').textContent === 'Verbunden'
            && / · synchronisiert um \\d/.test(document.querySelector('#connection .since').textContent);",
    )
    .await;

    // The page writes amounts as the server does in German, whatever the quantity.
    let cases: Vec<(Option<f64>, Option<&str>)> =
        [None, Some(0.5), Some(1.0), Some(1.5), Some(2.0)]
            .into_iter()
            .flat_map(|q| ["l", "tbsp", "can", "cup", "piece", "loaf"].map(|u| (q, Some(u))))
            .chain([(Some(1.25), None), (Some(2.5), None), (Some(0.125), None)])
            .collect();
    let shown = ben
        .execute(
            "return arguments[0].map(([q, u]) => window.aisle.amount(q, u));",
            vec![json!(cases)],
        )
        .await
        .unwrap();
    let server: Vec<String> = cases.iter().map(|(q, u)| de.amount(*q, *u)).collect();
    assert_eq!(shown, json!(server));

    // Anna adds: her page shows the items at once (read by the reader, in English, then
    // written in German), and Ben's page renders them live, without a reload.
    eval(ben, "(window.__noReload = true)").await;
    add(anna, "1,5 l apple juice; 2 tbsp sugar; 3 cans tomatoes").await;
    let names = ["apple juice", "sugar", "tomatoes"];
    let german = json!(["1,5 l", "2 EL", "3 Dosen"]);
    assert_eq!(
        [
            de.amount(Some(1.5), Some("l")),
            de.amount(Some(2.0), Some("tbsp")),
            de.amount(Some(3.0), Some("can"))
        ],
        ["1,5 l", "2 EL", "3 Dosen"]
    );
    assert_eq!(amounts(ben, &names).await, german);
    assert_eq!(amounts(anna, &names).await, german);
    assert_eq!(eval(ben, "window.__noReload === true").await, true);
    // Kept for people reviewing the UI (target/e2e-screenshots/).
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../e2e-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(
        shots.join("list-phone-de.png"),
        ben.screenshot().await.unwrap(),
    )
    .unwrap();

    // Offline, Ben's checks wait, said in German, plural included; and again after a
    // reload offline (the words come from the service worker's cache with the page).
    let (milk, bread) = (shop.item("milk"), shop.item("bread"));
    block_urls(ben, &["*/ops"]).await;
    click(ben, &format!("#item-{milk} button.box")).await;
    wait_for(
        ben,
        "one change waiting, in German",
        "return document.getElementById('sync-status').textContent === '1 Änderung wartet auf Synchronisierung'
            && document.querySelector('section.done h2').textContent === 'Erledigt (1)';",
    )
    .await;
    click(ben, &format!("#item-{bread} button.box")).await;
    wait_for(
        ben,
        "two changes waiting, in German",
        "return document.getElementById('sync-status').textContent === '2 Änderungen warten auf Synchronisierung';",
    )
    .await;
    set_offline(ben, true).await;
    ben.goto(&url).await.unwrap();
    wait_for(
        ben,
        "the offline page with its words",
        "return !!self.aisleText && document.getElementById('sync-status').textContent === '2 Änderungen warten auf Synchronisierung'
            && document.querySelector('#connection .state').textContent === 'Offline';",
    )
    .await;
    set_offline(ben, false).await;

    // Logging out with the changes still waiting asks in German.
    if eval(
        ben,
        "document.querySelector('header.top details.menu').open",
    )
    .await
        != true
    {
        click(ben, "header.top details.menu summary").await;
    }
    click(ben, "form[action='/logout'] button").await;
    let mut asked = String::new();
    for _ in 0..100 {
        if let Ok(text) = ben.get_alert_text().await {
            asked = text;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        asked.starts_with("2 Änderungen sind noch nicht synchronisiert.")
            && asked.contains("sobald sich ben hier wieder anmeldet. Trotzdem abmelden?"),
        "{asked:?}"
    );
    ben.dismiss_alert().await.unwrap();
    block_urls(ben, &[]).await;

    // The edit sheet says in German why an amount was not saved, keeping what was typed.
    let sugar = shop.item("sugar");
    click(anna, &format!("#item-{sugar} a.edit")).await;
    wait_for(
        anna,
        "the sheet",
        "return document.getElementById('edit-sheet').open;",
    )
    .await;
    assert_eq!(
        eval(anna, "document.getElementById('sheet-amount').value").await,
        "2 EL"
    );
    let field = anna
        .find(fantoccini::Locator::Id("sheet-amount"))
        .await
        .unwrap();
    field.clear().await.unwrap();
    field.send_keys("lots").await.unwrap();
    click(anna, "#edit-sheet button[value=save]").await;
    wait_for(
        anna,
        "the refusal in German, back in the sheet",
        "const error = document.getElementById('sheet-error');
         return document.getElementById('edit-sheet').open && !error.hidden
             && error.textContent.startsWith('Nicht gespeichert: ')
             && error.textContent.endsWith('. Ändere es und speichere noch mal, oder brich ab.')
             && document.getElementById('sheet-amount').value === 'lots';",
    )
    .await;
    click(anna, "#edit-sheet button[value=cancel]").await;

    // Removing an item offers its undo in German.
    click(anna, &format!("#item-{sugar} button.icon")).await;
    wait_for(
        anna,
        "the undo bar in German",
        "const bar = document.getElementById('js-undo');
         return !!bar && bar.querySelector('span').textContent === 'sugar entfernt.'
             && bar.querySelector('button').textContent === 'Rückgängig';",
    )
    .await;
    shop.close().await;
}

/// English pages get English words, and each language's words are kept by the service
/// worker with the app shell.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_worker_keeps_every_languages_words() {
    let shop = Shop::open("milk").await;
    let url = format!("{}/lists/{}", shop.server.base_url(), shop.list);
    open_cached(&shop.anna, &url).await;
    assert_eq!(
        eval(&shop.anna, "[document.documentElement.lang, self.aisleText.lang, window.aisle.t('js-waiting', { n: 2 })]").await,
        json!(["en", "en", "2 changes waiting to sync"])
    );
    let urls: Vec<String> = Lang::all().map(|l| l.script_url().to_string()).collect();
    let kept = shop
        .anna
        .execute_async(
            "const [urls, done] = arguments;
             caches.keys().then((keys) => caches.open(keys.find((k) => k.startsWith('aisle-shell-'))))
                 .then((cache) => Promise.all(urls.map((u) => cache.match(u).then((r) => !!r && r.ok))))
                 .then(done, () => done(null));",
            vec![json!(urls)],
        )
        .await
        .unwrap();
    assert_eq!(kept, json!(vec![true; urls.len()]), "{urls:?}");
    shop.close().await;
}
