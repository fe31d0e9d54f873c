//! What every language's parser table checks (`tests.rs`, `tests_<code>.rs`).

use super::*;
use crate::lang;

/// input → (quantity, unit, name, note).
pub(super) type Case = (
    &'static str,
    Option<f64>,
    Option<Unit>,
    &'static str,
    Option<&'static str>,
);

/// Each case parses to its item, alone and as a paste of one line.
pub(super) fn check_single_items(cases: &[Case]) {
    for &(input, quantity, unit, name, note) in cases {
        let expected = ParsedItem {
            quantity,
            unit,
            name: name.to_string(),
            note: note.map(str::to_string),
        };
        assert_eq!(
            parse_item(input),
            Some(expected.clone()),
            "parse_item({input:?})"
        );
        assert_eq!(parse_items(input), vec![expected], "parse_items({input:?})");
    }
}

pub(super) fn item(q: Option<f64>, unit: Option<Unit>, name: &str) -> ParsedItem {
    ParsedItem {
        quantity: q,
        unit,
        name: name.to_string(),
        note: None,
    }
}

pub(super) fn check_pastes(cases: &[(&str, Vec<ParsedItem>)]) {
    for (input, expected) in cases {
        assert_eq!(&parse_items(input), expected, "parse_items({input:?})");
    }
}

/// A word the parser may take: a number, a unit, a word of `[words]` of any language, or
/// a list marker or multiplier (`•`, `[ ]`, `2x`, `x12`).
pub(super) fn consumable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let unglued = word.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '½');
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    unglued.is_empty()
        || Unit::recognise(unglued).is_some()
        || lang::number(&lower).is_some()
        || lang::word(&lower).is_some()
        || matches!(word, "-" | "[" | "]" | "•" | "1/2")
        || word.strip_prefix('x').is_some_and(digits)
        || word.strip_suffix('x').is_some_and(digits)
}

/// No word of a case's input is lost: each stays in the name or the note, or the parser
/// may take it (`consumed(word, kept)`, where `kept` is the name and the note).
pub(super) fn check_no_word_lost(cases: &[Case], consumed: impl Fn(&str, &str) -> bool) {
    for &(input, ..) in cases {
        let Some(item) = parse_item(input) else {
            panic!("{input:?}");
        };
        let kept = format!("{} {}", item.name, item.note.unwrap_or_default());
        for word in input.split(|c: char| c.is_whitespace() || "(),".contains(c)) {
            if word.is_empty() || consumed(word, &kept) {
                continue;
            }
            assert!(kept.contains(word), "{input:?}: {word:?} lost");
        }
    }
}
