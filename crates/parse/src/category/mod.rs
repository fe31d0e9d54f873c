//! Categories: the household defaults, the normalised name key used to remember
//! corrections, and the built-in grocery dictionary.
//!
//! `categorise` matches on `name_key(name)`, in this order:
//! 1. the whole key is a dictionary phrase (`chicken stock`);
//! 2. the key holds the word `frozen` → Frozen (`frozen chicken breasts`);
//! 3. the longest dictionary phrase of two or more words inside the key, the
//!    rightmost on a tie (`organic peanut butter` → Pantry, beating `butter`);
//! 4. a pet or baby word (`dog shampoo` → Pets, `baby shampoo` → Baby), after
//!    multi-word phrases so `hot dog buns` and `baby carrots` stay put;
//! 5. the rightmost single dictionary word, as English puts the head noun last
//!    (`chocolate milk` → Dairy & Eggs, `milk chocolate` → Snacks).
//!
//! The dictionary itself is data: `dictionary.toml`, turned into Rust data by `build.rs`.

mod key;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
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

/// Words that make anything Frozen, whatever else the name says.
const FROZEN_WORDS: &[&str] = &["frozen"];

/// Words that make a name Pets or Baby unless a longer phrase says otherwise.
const MODIFIER_WORDS: &[(&str, &str)] = &[
    ("dog", PETS),
    ("cat", PETS),
    ("puppy", PETS),
    ("kitten", PETS),
    ("pet", PETS),
    ("hamster", PETS),
    ("guinea pig", PETS),
    ("baby", BABY),
    ("infant", BABY),
    ("toddler", BABY),
];

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
    let has_word = |w: &str| spans.iter().any(|&(s, e)| &key[s..e] == w);
    if FROZEN_WORDS.iter().any(|w| has_word(w)) {
        return Some(FROZEN);
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
        .max_by_key(|&(pos, _)| pos);
    if let Some((_, category)) = modifier {
        return Some(category);
    }
    rightmost_phrase(dict, &key, &spans, 1)
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
}

// The dictionary file: phrases per default category, written naturally (`FILE`).
include!(concat!(env!("OUT_DIR"), "/dictionary.rs"));

/// The phrases of the dictionary file per category, in default order; the error says what
/// is wrong with the file.
fn phrases() -> Result<Vec<(&'static str, Vec<String>)>, String> {
    let mut file: BTreeMap<&str, &[&str]> = FILE.iter().copied().collect();
    let phrases = DEFAULT_CATEGORIES.map(|c| {
        let listed = file.remove(c).unwrap_or_default();
        (c, listed.iter().map(|p| p.to_string()).collect())
    });
    match file.into_keys().next() {
        Some(other) => Err(format!(
            "dictionary.toml: `{other}` is not one of the default categories"
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
    Dictionary { map, max_words }
});
