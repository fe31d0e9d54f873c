use super::*;

/// The languages held to having every message (docs/TRANSLATING.md): the tests walk every
/// page in each of them.
pub const COMPLETE: &[&str] = &["en", "de", "fr", "es", "nl"];

fn de() -> Lang {
    Lang::from_code("de").expect("German is in locales/")
}

#[test]
fn every_folder_loads_and_the_complete_languages_are_complete() {
    let dirs = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))
        .expect("locales/")
        .count();
    assert_eq!(
        Lang::all().count(),
        dirs,
        "a locales/ folder failed to load"
    );
    assert_eq!(Lang::EN.code(), "en");
    for code in COMPLETE {
        let lang = Lang::from_code(code).expect(code);
        let missing: Vec<_> = LOCALES[0].ids.difference(&lang.locale().ids).collect();
        assert!(missing.is_empty(), "{code} lacks {missing:?}");
        assert!(lang.complete());
    }
}

/// The variables a message uses, by walking its pattern's text: `{ $name }` placeables.
fn variables(lang: Lang, id: &str) -> BTreeSet<String> {
    let source = Files::iter()
        .filter(|p| p.starts_with(&format!("{}/", lang.code())))
        .filter_map(|p| Files::get(&p))
        .map(|f| String::from_utf8_lossy(&f.data).into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    let resource = FluentResource::try_new(source).expect("parses");
    let mut found = BTreeSet::new();
    for entry in resource.entries() {
        let fluent_syntax::ast::Entry::Message(m) = entry else {
            continue;
        };
        if m.id.name != id {
            continue;
        }
        let text = format!("{:?}", m.value);
        for part in text
            .split("VariableReference { id: Identifier { name: \"")
            .skip(1)
        {
            if let Some(name) = part.split('"').next() {
                found.insert(name.to_string());
            }
        }
    }
    found
}

#[test]
fn a_translation_uses_only_the_values_english_gives_it() {
    for lang in Lang::all().filter(|&l| l != Lang::EN) {
        for id in &lang.locale().ids {
            let theirs = variables(lang, id);
            let ours = variables(Lang::EN, id);
            assert!(
                theirs.is_subset(&ours),
                "{lang} `{id}` uses {theirs:?}; English gives {ours:?}"
            );
            assert!(
                LOCALES[0].ids.contains(id),
                "{lang} has `{id}`, which English does not"
            );
        }
    }
}

#[test]
fn the_browser_and_the_person_choose_the_language() {
    assert_eq!(Lang::choose(None, Some("de-DE,de;q=0.9,en;q=0.8")), de());
    assert_eq!(Lang::choose(None, Some("de-AT")), de());
    assert_eq!(Lang::choose(None, Some("ja-JP, de;q=0.5")), de());
    assert_eq!(Lang::choose(None, Some("en-GB,de;q=0.5")), Lang::EN);
    assert_eq!(Lang::choose(None, Some("xx")), Lang::EN);
    assert_eq!(Lang::choose(None, None), Lang::EN);
    assert_eq!(Lang::choose(Some("de"), Some("en-US")), de());
    assert_eq!(Lang::choose(Some("EN"), Some("de")), Lang::EN);
    // A choice aisle no longer has follows the browser.
    assert_eq!(Lang::choose(Some("tlh"), Some("de")), de());
}

#[test]
fn plural_forms_numbers_money_and_dates_follow_the_language() {
    assert_eq!(Lang::EN.count("ago-minutes", 1), "a minute ago");
    assert_eq!(Lang::EN.count("ago-minutes", 5), "5 minutes ago");
    assert_eq!(de().count("ago-minutes", 5), "vor 5 Minuten");
    assert_eq!(Lang::EN.amount(Some(1.5), Some("l")), "1.5 l");
    assert_eq!(de().amount(Some(1.5), Some("l")), "1,5 l");
    assert_eq!(de().amount(Some(2.0), Some("tbsp")), "2 EL");
    assert_eq!(de().amount(Some(3.0), Some("can")), "3 Dosen");
    assert_eq!(de().amount(Some(1.0), Some("can")), "1 Dose");
    assert_eq!(Lang::EN.amount(Some(2.0), Some("loaf")), "2 loaves");
    assert_eq!(Lang::EN.amount(Some(0.5), Some("cup")), "½ cup");
    assert_eq!(Lang::EN.amount(None, Some("can")), "can");
    assert_eq!(Lang::EN.money(249, "EUR"), "2.49 EUR");
    assert_eq!(de().money(249, "EUR"), "2,49 EUR");
    assert_eq!(de().money(300, "JPY"), "300 JPY");
    // 2026-12-06T06:00Z
    let ms = 1_796_536_800_000;
    assert_eq!(Lang::EN.date(ms), "December 6, 2026");
    assert_eq!(de().date(ms), "6. Dezember 2026");
    // A number inside a message takes the decimal mark too.
    assert_eq!(de().count("ago-days", 1.5), "vor 1,5 Tagen");
}

#[test]
fn a_missing_message_falls_back_to_english_and_is_counted() {
    let before = missing();
    assert_eq!(de().get("no-such-message"), "no-such-message");
    assert!(missing() > before);
    assert_eq!(Lang::EN.get("menu"), "Menu");
    assert_eq!(de().get("menu"), "Menü");
}
