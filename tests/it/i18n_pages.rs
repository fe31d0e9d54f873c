//! Every page in every complete language (docs/TRANSLATING.md): a household set up from a
//! browser in that language, with a list, a store, a product, a template, history, an
//! invite and a second member, walks every page aisle has. No message falls back to
//! English (`aisle_untranslated_messages_total` stays 0), and no page shows English words
//! a template wrote itself rather than through a message.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::*;
use serde_json::json;

/// The message ids of each language folder, read from its `.ftl` files.
fn message_ids(dir: &Path) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for file in std::fs::read_dir(dir).expect("a locales folder") {
        let text = std::fs::read_to_string(file.expect("an entry").path()).expect("an .ftl file");
        for line in text.lines() {
            if let Some((id, _)) = line.split_once(" =")
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && id.starts_with(|c: char| c.is_ascii_lowercase())
            {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

/// The languages that have every message English has, English left out.
fn complete_languages() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let english = message_ids(&root.join("en"));
    let mut complete: Vec<String> = std::fs::read_dir(&root)
        .expect("locales/")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|code| code != "en")
        .filter(|code| message_ids(&root.join(code)).is_superset(&english))
        .collect();
    complete.sort();
    assert!(
        complete.contains(&"de".to_string()),
        "German must be complete: {complete:?}"
    );
    complete
}

/// Words only English uses: any of them on a page in another language is English that a
/// template or a handler wrote without a message. (Words German shares, such as "Name",
/// "Baby", "Snacks", "offline", "Link", "Server", "Hand", "was" or "will", are not here.)
const ENGLISH: &str = "the and your you with for this that add added delete save remove change \
    settings household products product item items list lists log out back shop store price \
    prices new when what from nothing yet here there can cannot has have been are is \
    not none other others produce bakery pantry frozen beverages pets members member \
    invite password username language edit undo history checked done total estimated \
    without known order learned placed by forget unlock lock join trust \
    try again go sign up create open copy weekly";

/// The words a person reads on a page: its text and the text of attributes that are read
/// out or shown (`aria-label`, `title`, `placeholder`, `alt`, button `value`s, the
/// description), without scripts, styles, and the values of form fields a person typed.
fn visible_words(html: &str) -> Vec<String> {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        for attr in ["aria-label", "title", "placeholder", "alt"] {
            if let Some(value) = between(tag, &format!(" {attr}=\""), "\"") {
                text.push_str(value);
                text.push(' ');
            }
        }
        // An input button shows its value; a <button>'s value is data, never shown.
        if tag.starts_with("<input")
            && (tag.contains("type=\"submit\"") || tag.contains("type=\"button\""))
            && let Some(value) = between(tag, " value=\"", "\"")
        {
            text.push_str(value);
            text.push(' ');
        }
        if tag.starts_with("<meta name=\"description\"")
            && let Some(value) = between(tag, " content=\"", "\"")
        {
            text.push_str(value);
        }
        rest = &rest[tag_end..];
        // <code> holds a command or a path (the test's temporary directory may read
        // `aisle-test-bY6…`), the same in every language.
        for hidden in ["<script", "<style", "<template", "<code"] {
            if tag.starts_with(hidden) {
                let close = format!("</{}", &hidden[1..]);
                rest = rest.find(&close).map_or("", |at| &rest[at..]);
            }
        }
    }
    text.push_str(rest);
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The words of `ENGLISH` a language writes too (Dutch "is", Spanish "no"), one or more a
/// line in `tests/it/i18n_shared/<code>.txt`; `#` starts a comment.
fn shared_words(lang: &str) -> Vec<String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/i18n_shared")
        .join(format!("{lang}.txt"));
    let text = std::fs::read_to_string(file).unwrap_or_default();
    text.lines()
        .flat_map(|line| line.split('#').next().unwrap_or("").split_whitespace())
        .map(str::to_lowercase)
        .collect()
}

fn assert_no_english(page: &Resp, path: &str, lang: &str) {
    assert_eq!(page.status, 200, "{lang} {path}: {}", page.describe());
    assert!(
        page.body.contains(&format!("<html lang=\"{lang}\"")),
        "{lang} {path}: not marked as {lang}"
    );
    let shared = shared_words(lang);
    let english: BTreeSet<&str> = ENGLISH
        .split_whitespace()
        .filter(|w| !shared.iter().any(|s| s == w))
        .collect();
    let found: BTreeSet<String> = visible_words(&page.body)
        .into_iter()
        .filter(|w| english.contains(w.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "{lang} {path} shows English words {found:?}:\n{}",
        page.body
    );
}

#[test]
fn every_page_speaks_each_complete_language() {
    for lang in complete_languages() {
        walk(&lang);
    }
}

fn walk(lang: &str) {
    // Single sign-on set up (with a provider nobody answers at): its button, its settings
    // page, the Household page's sign-in emails, and what a failure says.
    let server = Server::start_with(&[
        ("AISLE_OIDC_ISSUER", "http://127.0.0.1:9"),
        ("AISLE_OIDC_CLIENT_ID", "aisle"),
    ]);
    let token = server.setup_token();
    let anna = server.client();
    anna.speaking(lang);
    let mut pages = vec![
        "/login".to_string(),
        format!("/setup?token={token}"),
        "/offline".to_string(),
    ];
    for path in &pages {
        assert_no_english(&anna.get(path), path, lang);
    }
    let set_up = anna.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "Familie"),
            ("currency", "EUR"),
            ("username", "anna"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(set_up.redirected(), "/", "{}", set_up.describe());

    // A household with something on every page.
    let list = anna.create_list("Wocheneinkauf");
    anna.add_items(
        list,
        "2 l Milch, 1,5 kg Mehl, 3 Dosen Tomaten, Brot (Vollkorn)",
    );
    let bread = anna.item_id(list, "Brot");
    let checked = anna.api_session_post(
        &format!("/api/v1/lists/{list}/ops"),
        &json!({"ops": [{"op_id": "walk-1", "kind": "check", "item_id": bread}]}),
    );
    assert_eq!(checked.status, 200, "{}", checked.describe());
    let store = anna.submit("/stores", &[("name", "Markt")]);
    assert_eq!(store.status, 303, "{}", store.describe());
    let store_id = store
        .redirected()
        .trim_start_matches("/stores/")
        .to_string();
    let chosen = anna.submit(&format!("/lists/{list}/store"), &[("store_id", &store_id)]);
    assert_eq!(chosen.status, 303, "{}", chosen.describe());
    let template = anna.submit(&format!("/lists/{list}/templates"), &[("name", "Woche")]);
    assert_eq!(template.status, 303, "{}", template.describe());
    let product = anna.submit(
        "/products",
        &[("name", "Hafermilch"), ("brand", "Hof"), ("barcode", "")],
    );
    assert_eq!(product.status, 303, "{}", product.describe());
    let product_page = product.redirected().to_string();
    let price = anna.submit(
        &format!("{product_page}/prices"),
        &[
            ("amount", "1,49"),
            ("currency", "EUR"),
            ("store_id", &store_id),
            ("pack_size", "1 l"),
            ("date", "2026-12-01"),
        ],
    );
    assert_eq!(price.status, 303, "{}", price.describe());
    add_user(&server, "ben", "Familie", false, PASSWORD);
    // Ben signs in with an app; Anna is setting one up (the page with the QR code).
    let ben = server.client();
    ben.speaking(lang);
    ben.login("ben", PASSWORD);
    crate::two_step::enrol(&ben);
    let started = anna.submit("/settings/two-step/start", &[]);
    assert_eq!(started.status, 303, "{}", started.describe());
    let invite = anna.submit("/household/invites", &[("role", "member")]);
    assert_eq!(invite.status, 200, "{}", invite.describe());
    let invite_url = code_token(&invite.body).expect("the invite link");
    let invite_path = invite_url
        .trim_start_matches(&server.base_url())
        .to_string();
    let milk = anna.item_id(list, "Milch");

    pages = vec![
        "/".into(),
        format!("/lists/{list}"),
        format!("/lists/{list}/history"),
        format!("/lists/{list}/delete"),
        format!("/lists/{list}/items/{milk}/edit"),
        format!("/stores/{store_id}"),
        "/products".into(),
        product_page,
        "/household".into(),
        "/household/delete".into(),
        "/settings".into(),
        "/settings/delete".into(),
        "/settings/two-step".into(),
        "/settings/passkeys".into(),
        "/settings/sso".into(),
        "/admin".into(),
        "/household/security".into(),
        "/admin/security".into(),
        "/offline".into(),
        "/no/such/page".into(),
    ];
    for path in &pages {
        let mut page = anna.get(path);
        if path == "/no/such/page" {
            assert_eq!(page.status, 404, "{}", page.describe());
            page.status = 200;
        }
        assert_no_english(&page, path, lang);
    }
    let visitor = server.client();
    visitor.speaking(lang);
    assert_no_english(&visitor.get(&invite_path), &invite_path, lang);
    assert_no_english(
        &ben.get("/settings/two-step"),
        "/settings/two-step (on)",
        lang,
    );
    let waiting = visitor.try_login("ben", PASSWORD);
    assert_eq!(
        waiting.redirected(),
        "/login/code",
        "{}",
        waiting.describe()
    );
    assert_no_english(&visitor.get("/login/code"), "/login/code", lang);
    let mut down = visitor.get("/login/sso");
    assert_eq!(down.status, 502, "{}", down.describe());
    down.status = 200;
    assert_no_english(&down, "/login/sso (provider down)", lang);
    let mut stale = visitor.get("/login/sso/callback?code=c&state=s");
    assert_eq!(stale.status, 400, "{}", stale.describe());
    stale.status = 200;
    assert_no_english(&stale, "/login/sso/callback (no flow)", lang);
    let mut wrong = visitor.submit("/login/code", &[("code", "000000")]);
    assert_eq!(wrong.status, 401, "{}", wrong.describe());
    wrong.status = 200;
    assert_no_english(&wrong, "/login/code (wrong code)", lang);

    assert_eq!(
        metric(&server, "aisle_untranslated_messages_total"),
        Some(0.0),
        "{lang}: a message fell back to English (see the server log):\n{}",
        server.log()
    );
}
