//! The rules build.rs applies to the language files and dictionaries (`merge.rs`), on the
//! real files and on small made-up ones.

use super::merge::{Dictionaries, Languages, Source};
use super::*;
use crate::category::name_key;

const EN: &str = include_str!("en.toml");
const DE: &str = include_str!("de.toml");
const ES: &str = include_str!("es.toml");
const FR: &str = include_str!("fr.toml");
const NL: &str = include_str!("nl.toml");
const EN_DICTIONARY: &str = include_str!("../category/dictionary/en.toml");
const DE_DICTIONARY: &str = include_str!("../category/dictionary/de.toml");
const ES_DICTIONARY: &str = include_str!("../category/dictionary/es.toml");
const FR_DICTIONARY: &str = include_str!("../category/dictionary/fr.toml");
const NL_DICTIONARY: &str = include_str!("../category/dictionary/nl.toml");

fn units() -> Vec<&'static str> {
    Unit::ALL.iter().map(|u| u.as_str()).collect()
}

fn languages(files: &[(&str, &str)]) -> Result<Languages, String> {
    let sources: Vec<Source> = files
        .iter()
        .map(|&(name, text)| Source { name, text })
        .collect();
    Languages::read(&sources, &units())
}

fn dictionaries(langs: &Languages, files: &[(&str, &str)]) -> Result<Dictionaries, String> {
    let sources: Vec<Source> = files
        .iter()
        .map(|&(name, text)| Source { name, text })
        .collect();
    Dictionaries::read(&sources, langs, name_key)
}

fn real() -> Languages {
    languages(&[
        ("en.toml", EN),
        ("de.toml", DE),
        ("es.toml", ES),
        ("fr.toml", FR),
        ("nl.toml", NL),
    ])
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_built_data_is_what_the_files_make() {
    let langs = real();
    assert_eq!(
        langs.rust(),
        include_str!(concat!(env!("OUT_DIR"), "/lang.rs"))
    );
    let dicts = dictionaries(
        &langs,
        &[
            ("en.toml", EN_DICTIONARY),
            ("de.toml", DE_DICTIONARY),
            ("es.toml", ES_DICTIONARY),
            ("fr.toml", FR_DICTIONARY),
            ("nl.toml", NL_DICTIONARY),
        ],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        dicts.rust(),
        include_str!(concat!(env!("OUT_DIR"), "/dictionary.rs"))
    );
}

#[test]
fn tables_are_sorted_for_searching() {
    let sorted = |words: Vec<&str>| words.windows(2).all(|w| w[0] < w[1]);
    assert!(sorted(NUMBER_WORDS.iter().map(|w| w.0).collect()));
    assert!(sorted(WORDS.iter().map(|w| w.0).collect()));
    assert!(sorted(UNIT_WORDS.iter().map(|w| w.0).collect()));
    const { assert!(UNIT_MAX_LEN >= 20) };
    for &(word, _) in UNIT_WORDS {
        assert_eq!(word, word.to_lowercase(), "stored lowercase");
        assert!(!word.ends_with('.'), "{word}: stored without its full stop");
    }
}

#[test]
fn every_language_is_read_at_once() {
    assert_eq!(number("two"), Some(2.0));
    assert_eq!(number("zwölf"), Some(12.0));
    assert_eq!(number("anderthalb"), Some(1.5));
    assert_eq!(word("an"), Some(Word::Article));
    assert_eq!(word("einen"), Some(Word::Article));
    assert_eq!(word("dutzend"), Some(Word::Dozen));
    assert_eq!(word("halbes"), Some(Word::Half(Place::Before)));
    assert_eq!(word("half"), Some(Word::Half(Place::After)));
    assert_eq!(word("paar"), Some(Word::Vague));
    assert_eq!(unit("el"), Some(Unit::Tbsp));
    assert_eq!(unit("stück"), Some(Unit::Piece));
    assert_eq!(unit("tbsp"), Some(Unit::Tbsp));
    // a word both languages have, with one meaning
    assert_eq!(unit("liter"), Some(Unit::L));
    assert_eq!(unit("pack"), Some(Unit::Pack));
    assert!(is("Dutzend", Word::Dozen));
    assert!(is("OF", Word::Filler));
    assert!(is_product_name(Unit::Can, "Openers"));
    assert!(!is_product_name(Unit::Can, "beans"));
}

#[test]
fn a_word_with_two_meanings_fails_naming_both_files() {
    let xx = "[units]\ncan = [\"dozen\"]\n";
    let e = languages(&[("en.toml", EN), ("xx.toml", xx)]).err();
    let e = e.unwrap_or_default();
    assert!(
        e.contains("`dozen`") && e.contains("en.toml") && e.contains("xx.toml"),
        "{e}"
    );
    // two units
    let xx = "[units]\nbox = [\"Dose\"]\n";
    let e = languages(&[("de.toml", DE), ("xx.toml", xx)]).err();
    let e = e.unwrap_or_default();
    assert!(e.contains("`dose`") && e.contains("de.toml") && e.contains("xx.toml"));
    // two numbers
    let xx = "[numbers]\nelf = 5\n[units]\n";
    assert!(languages(&[("de.toml", DE), ("xx.toml", xx)]).is_err());
    // and within one file
    let xx = "[numbers]\nuno = 1\n[words]\narticles = [\"uno\"]\n[units]\n";
    let e = languages(&[("xx.toml", xx)]).err().unwrap_or_default();
    assert!(e.contains("`uno`") && e.contains("xx.toml"), "{e}");
}

#[test]
fn a_word_with_one_meaning_in_two_files_is_one_word() {
    let xx = "[numbers]\nzwei = 2\n[words]\narticles = [\"A\"]\nfillers = [\"of\", \"d'\"]\n\
              [units]\nl = [\"Liter\", \"LITRE.\"]\ncan = [\"Dose\"]\n";
    assert!(languages(&[("en.toml", EN), ("de.toml", DE), ("xx.toml", xx)]).is_ok());
}

#[test]
fn a_file_that_does_not_fit_the_format_fails() {
    let bad = [
        "[units]\ntub = [\"Becher\"]\n",
        "[units]\ncan = \"Dose\"\n",
        "[numbers]\nnull = 0\n[units]\n",
        "[numbers]\nzwei = \"2\"\n[units]\n",
        "[wrods]\narticles = [\"ein\"]\n[units]\n",
        "[words]\narticle = [\"ein\"]\n[units]\n",
        "[words]\nhalf_article = \"behind\"\n[units]\n",
        "[names]\nhead = \"middle\"\n[units]\n",
        "[names]\ncompound_min_head = 2\n[units]\n",
        "[words]\narticles = [\" \"]\n[units]\n",
        "[words]\narticles = [\"ein\"]\n",
        "units = [",
    ];
    for text in bad {
        assert!(languages(&[("xx.toml", text)]).is_err(), "{text:?}");
    }
    let e = languages(&[("xx.toml", bad[0])]).err().unwrap_or_default();
    assert!(e.contains("xx.toml") && e.contains("`tub`"), "{e}");
}

#[test]
fn a_dictionary_key_in_two_categories_fails_naming_both_files() {
    let langs = real();
    // English has paprika, the spice; German Paprika is the vegetable: one must give way.
    let xx = "Produce = [\"Paprika\"]\n";
    let e = dictionaries(&langs, &[("en.toml", EN_DICTIONARY), ("xx.toml", xx)]).err();
    let e = e.unwrap_or_default();
    assert!(
        e.contains("\"paprika\"")
            && e.contains("Pantry in en.toml")
            && e.contains("Produce in xx.toml"),
        "{e}"
    );
    // within one file too
    let xx = "Produce = [\"Tomate\"]\nPantry = [\"Tomate\"]\n";
    assert!(dictionaries(&langs, &[("xx.toml", xx)]).is_err());
    // an override or modifier word in two categories
    let xx = "[modifiers]\nPets = [\"Baby\"]\n";
    let e = dictionaries(&langs, &[("en.toml", EN_DICTIONARY), ("xx.toml", xx)]).err();
    assert!(e.unwrap_or_default().contains("en.toml"));
    // a key with no letters, and something that is no list of phrases
    assert!(dictionaries(&langs, &[("xx.toml", "Produce = [\"!!\"]\n")]).is_err());
    assert!(dictionaries(&langs, &[("xx.toml", "Produce = 3\n")]).is_err());
}

#[test]
fn a_dictionary_key_in_one_category_in_two_files_is_kept_once() {
    let langs = real();
    let xx = "\"Dairy & Eggs\" = [\"Butter\", \"Milch\"]\n";
    let dicts = dictionaries(&langs, &[("en.toml", EN_DICTIONARY), ("xx.toml", xx)])
        .unwrap_or_else(|e| panic!("{e}"));
    let rust = dicts.rust();
    assert!(rust.contains("\\nMilch\""), "{rust}");
    assert!(!rust.contains("Butter"), "English has butter already");
}

#[test]
fn compounds_are_only_for_languages_that_declare_them() {
    let langs = real();
    let xx = "Produce = [\"Gurke\", \"Ei\"]\n[modifiers]\nPets = [\"Hundi\", \"TK\"]\n";
    // xx has no [names]: no compounds
    let plain = dictionaries(&langs, &[("xx.toml", xx)]).map(|d| d.rust());
    let plain = plain.unwrap_or_default();
    assert!(
        plain.contains("const COMPOUND_HEADS: &str = \"\";"),
        "{plain}"
    );
    // as German: heads and prefixes of four letters or more
    let german = dictionaries(&langs, &[("de.toml", xx)]).map(|d| d.rust());
    let german = german.unwrap_or_default();
    // `ei` is too short to be a head
    assert!(
        german.contains("const COMPOUND_HEADS: &str = \"gurke\";"),
        "{german}"
    );
    assert!(german.contains("(\"hundi\", \"Pets\", false)"), "{german}");
    assert!(
        !german.contains("(\"tk\", \"Pets\", false)"),
        "too short to start a compound"
    );
}
