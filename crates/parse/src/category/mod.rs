//! Categories: the household defaults, the normalised name key used to remember
//! corrections, and the built-in grocery dictionary.
//!
//! `categorise` matches on `name_key(name)`, in this order:
//! 1. the whole key is a dictionary phrase (`chicken stock`);
//! 2. the key holds an override word (`frozen`, `TK`) → its category (`frozen chicken
//!    breasts` → Frozen), or a word of a compounding language starts with one
//!    (`Tiefkühlerbsen`);
//! 3. the longest dictionary phrase of two or more words inside the key, the
//!    rightmost on a tie (`organic peanut butter` → Pantry, beating `butter`);
//! 4. a modifier word, pet or baby (`dog shampoo` → Pets, `baby shampoo` → Baby,
//!    `Hundefutter` → Pets), after multi-word phrases so `hot dog buns` and `baby
//!    carrots` stay put;
//! 5. in a language that puts the head noun first (`head = "first"` in its `lang` file),
//!    a name holding one of its connectors is categorised by the words before it
//!    (`jus d'orange` by `jus`);
//! 6. the rightmost word that is a dictionary word, or a compound of a compounding
//!    language ending in one (`Vollmilch` → Dairy & Eggs), as English and German put the
//!    head noun last (`chocolate milk` → Dairy & Eggs, `milk chocolate` → Snacks).
//!
//! The dictionary itself is data: `dictionary/<code>.toml` for each language, merged into
//! Rust data by `build.rs` (`lang/merge.rs`, `lang/README.md`).

mod key;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_de;
#[cfg(test)]
mod tests_es;
#[cfg(test)]
mod tests_fr;
#[cfg(test)]
mod tests_nl;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

pub use key::name_key;

/// The categories every household starts with, in default aisle order.
pub const DEFAULT_CATEGORIES: [&str; 13] = [
    PRODUCE, BAKERY, MEAT, DAIRY, FROZEN, PANTRY, SNACKS, BEVERAGES, HOUSEHOLD, PERSONAL, BABY,
    PETS, OTHER,
];

/// The category for anything the dictionary and the household do not know.
pub const FALLBACK: &str = OTHER;

const PRODUCE: &str = "Produce";
const BAKERY: &str = "Bakery";
const MEAT: &str = "Meat & Fish";
const DAIRY: &str = "Dairy & Eggs";
const FROZEN: &str = "Frozen";
const PANTRY: &str = "Pantry";
const SNACKS: &str = "Snacks";
const BEVERAGES: &str = "Beverages";
const HOUSEHOLD: &str = "Household";
const PERSONAL: &str = "Personal Care";
const BABY: &str = "Baby";
const PETS: &str = "Pets";
const OTHER: &str = "Other";

/// The part of a compound before its head has at least this many letters (`Bio|milch`).
const MIN_BEFORE_HEAD: usize = 3;

/// The part of a compound after an override or modifier word has at least this many
/// letters (`Hunde|futter`, but not `Baby|öl`).
const MIN_AFTER_PREFIX: usize = 4;

/// The built-in categoriser: the dictionary category for `name`, or `None`.
pub fn categorise(name: &str) -> Option<&'static str> {
    let key = name_key(name);
    if key.is_empty() {
        return None;
    }
    let dict = &*DICTIONARY;
    if let Some(&category) = dict.map.get(key.as_str()) {
        return Some(category);
    }
    let spans = word_spans(&key);
    let word = |i: usize| &key[spans[i].0..spans[i].1];
    let overridden = OVERRIDE_WORDS
        .iter()
        .find(|&&(phrase, _)| find_phrase(&key, phrase).is_some())
        .map(|&(_, category)| category)
        .or_else(|| (0..spans.len()).find_map(|i| compound_prefix(word(i), true)));
    if let Some(category) = overridden {
        return Some(category);
    }
    let longest = dict.max_words.min(spans.len());
    for n in (2..=longest).rev() {
        if let Some(category) = rightmost_phrase(dict, &key, &spans, n) {
            return Some(category);
        }
    }
    // The rightmost modifier word (the first listed, were two to start at one place).
    let modifier = MODIFIER_WORDS
        .iter()
        .rev()
        .filter_map(|&(phrase, category)| Some((find_phrase(&key, phrase)?, category)))
        .chain(
            (0..spans.len()).filter_map(|i| Some((spans[i].0, compound_prefix(word(i), false)?))),
        )
        .max_by_key(|&(pos, _)| pos);
    if let Some((_, category)) = modifier {
        return Some(category);
    }
    if let Some(head) = before_connector(name, crate::lang::HEAD_FIRST_CONNECTORS)
        && let Some(category) = categorise(head)
    {
        return Some(category);
    }
    (0..spans.len()).rev().find_map(|i| {
        let w = word(i);
        dict.map.get(w).copied().or_else(|| compound_head(dict, w))
    })
}

/// The category of a compound word by its head: the longest dictionary word of a
/// compounding language that ends it, with at least [`MIN_BEFORE_HEAD`] letters before
/// (`vollkornbrot` → `brot`).
fn compound_head(dict: &Dictionary, word: &str) -> Option<&'static str> {
    word.char_indices()
        .skip(MIN_BEFORE_HEAD)
        .map(|(i, _)| &word[i..])
        .find(|head| dict.heads.contains(head))
        .and_then(|head| dict.map.get(head).copied())
}

/// The category of an override (or modifier) word of a compounding language that starts
/// `word`, with at least [`MIN_AFTER_PREFIX`] letters after it (`tiefkuhlerbsen`).
fn compound_prefix(word: &str, overrides: bool) -> Option<&'static str> {
    COMPOUND_PREFIXES
        .iter()
        .filter(|&&(_, _, is_override)| is_override == overrides)
        .find(|&&(prefix, _, _)| {
            word.strip_prefix(prefix)
                .is_some_and(|rest| rest.chars().count() >= MIN_AFTER_PREFIX)
        })
        .map(|&(_, category, _)| category)
}

/// The words of `name` before the first connector of a head-first language that follows
/// a word (`jus d'orange` → `jus`, with `d'`; `lait de coco` → `lait`, with `de`). A
/// connector that ends in an apostrophe is glued to the next word.
fn before_connector<'a>(name: &'a str, connectors: &[&str]) -> Option<&'a str> {
    if connectors.is_empty() {
        return None;
    }
    let mut words = name.char_indices().filter_map(|(at, c)| {
        let starts = !c.is_whitespace()
            && name[..at]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace);
        let word = name[at..].split_whitespace().next()?;
        starts.then_some((at, word))
    });
    words.next()?;
    words
        .find(|(_, w)| {
            let w = w.to_lowercase().replace('’', "'");
            connectors
                .iter()
                .any(|c| w == *c || (c.ends_with('\'') && w.len() > c.len() && w.starts_with(c)))
        })
        .map(|(at, _)| name[..at].trim_end())
}

/// Byte spans of the words of a key (words are separated by single spaces).
fn word_spans(key: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for word in key.split(' ') {
        spans.push((start, start + word.len()));
        start += word.len() + 1;
    }
    spans
}

/// The category of the rightmost `n`-word dictionary phrase in the key.
fn rightmost_phrase(
    dict: &Dictionary,
    key: &str,
    spans: &[(usize, usize)],
    n: usize,
) -> Option<&'static str> {
    (0..=spans.len() - n)
        .rev()
        .find_map(|i| dict.map.get(&key[spans[i].0..spans[i + n - 1].1]).copied())
}

/// Byte offset of `phrase` in `key` as whole words.
fn find_phrase(key: &str, phrase: &str) -> Option<usize> {
    key.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        let end = i + phrase.len();
        (i == 0 || key.as_bytes()[i - 1] == b' ')
            && (end == key.len() || key.as_bytes()[end] == b' ')
    })
}

struct Dictionary {
    map: HashMap<String, &'static str>,
    max_words: usize,
    /// The keys that end a compound word (`COMPOUND_HEADS`).
    heads: HashSet<&'static str>,
}

// The dictionary files, merged: phrases per default category, written naturally (`FILE`),
// override and modifier words, and the heads and starts of compound words.
include!(concat!(env!("OUT_DIR"), "/dictionary.rs"));

/// The phrases of the dictionary file per category, in default order; the error says what
/// is wrong with the file.
fn phrases() -> Result<Vec<(&'static str, Vec<String>)>, String> {
    let mut file: BTreeMap<&str, &str> = FILE.iter().copied().collect();
    let phrases = DEFAULT_CATEGORIES.map(|c| {
        let listed = file.remove(c).unwrap_or_default();
        (c, listed.lines().map(str::to_string).collect())
    });
    let words = OVERRIDE_WORDS
        .iter()
        .chain(MODIFIER_WORDS)
        .map(|&(_, category)| category)
        .chain(COMPOUND_PREFIXES.iter().map(|&(_, category, _)| category));
    match file
        .into_keys()
        .chain(words)
        .find(|c| !DEFAULT_CATEGORIES.contains(c))
    {
        Some(other) => Err(format!(
            "dictionary/*.toml: `{other}` is not one of the default categories"
        )),
        None => Ok(phrases.into()),
    }
}

/// The lookup table: each phrase's name key to its category, built once.
static DICTIONARY: LazyLock<Dictionary> = LazyLock::new(|| {
    // The file is embedded and checked by the unit tests, so this does not fail in a tested
    // build; if it ever did, new items would go to "Other" rather than fail to be added.
    let phrases = phrases().unwrap_or_else(|e| {
        tracing::error!("the built-in grocery dictionary is unusable: {e}");
        Vec::new()
    });
    let mut map = HashMap::new();
    let mut max_words = 1;
    for (category, phrases) in phrases {
        for phrase in phrases {
            let key = name_key(&phrase);
            max_words = max_words.max(key.split(' ').count());
            map.entry(key).or_insert(category);
        }
    }
    let heads = COMPOUND_HEADS.lines().collect();
    Dictionary {
        map,
        max_words,
        heads,
    }
});

#[cfg(test)]
mod head_first_tests {
    //! The rule for languages that put the head noun first (`head = "first"` in fr.toml and
    //! es.toml), on the tests' own connectors.

    use super::*;

    #[test]
    fn the_words_before_a_connector_are_the_head() {
        let french = ["de", "d'", "à"];
        for (name, head) in [
            ("jus d'orange", Some("jus")),
            ("Jus D’Orange bio", Some("Jus")),
            ("lait de coco", Some("lait")),
            ("pommes de terre nouvelles", Some("pommes")),
            ("pâte à tartiner", Some("pâte")),
            ("de l'eau", None),
            ("jus", None),
            ("chocolat", None),
            ("d'orange", None),
        ] {
            assert_eq!(before_connector(name, &french), head, "{name:?}");
        }
        assert_eq!(before_connector("jus d'orange", &[]), None);
    }
}
