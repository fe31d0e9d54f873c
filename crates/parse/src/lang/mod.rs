//! The parser's words in every language: `lang/<code>.toml`, merged by build.rs
//! (`merge.rs`) into the tables below, which are searched by word. The format and the rules
//! for adding a language are in `README.md` beside this file.

use crate::units::Unit;

#[cfg(test)]
mod merge;
#[cfg(test)]
mod tests;

/// Where a language puts the article around a half word (`half_article`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// German "ein halbes".
    Before,
    /// English "half a".
    After,
    /// Spanish "medio kilo".
    Alone,
}

/// What a word of `[words]` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    Article,
    Vague,
    Couple,
    Dozen,
    Half(Place),
    Filler,
}

include!(concat!(env!("OUT_DIR"), "/lang.rs"));

/// The entry of `table` (sorted by word, lowercase) for a typed word in any case,
/// lowercased as it is compared rather than into a new string.
fn find<T: Copy>(table: &[(&str, T)], typed: &str) -> Option<T> {
    table
        .binary_search_by(|(word, _)| word.chars().cmp(typed.chars().flat_map(char::to_lowercase)))
        .ok()
        .map(|i| table[i].1)
}

/// The `[words]` meaning of a word, in any case.
pub(crate) fn word(typed: &str) -> Option<Word> {
    find(WORDS, typed)
}

/// The value of a number word, in any case.
pub(crate) fn number(typed: &str) -> Option<f64> {
    find(NUMBER_WORDS, typed)
}

/// The unit of a unit word, in any case (or of words, single-spaced), without its final
/// full stop.
pub(crate) fn unit(typed: &str) -> Option<Unit> {
    find(UNIT_WORDS, typed)
}

/// Whether a typed word (any case) is `[words]` of this kind.
pub(crate) fn is(typed: &str, kind: Word) -> bool {
    word(typed) == Some(kind)
}

/// What is left of a typed word after a glued filler (`d'eau` → `eau`), if it starts
/// with one and more follows.
pub(crate) fn after_glued_filler(token: &str) -> Option<&str> {
    glued_filler_rest(token, |lower| word(lower) == Some(Word::Filler))
}

/// [`after_glued_filler`] with the fillers given (the tests' own).
pub(crate) fn glued_filler_rest(token: &str, is_filler: impl Fn(&str) -> bool) -> Option<&str> {
    let (i, quote) = token.char_indices().find(|&(_, c)| c == '\'' || c == '’')?;
    let rest = &token[i + quote.len_utf8()..];
    let filler = format!("{}'", token[..i].to_lowercase());
    (i > 0 && !rest.is_empty() && is_filler(&filler)).then_some(rest)
}

/// Whether a unit word of `unit` followed by `next` is a product name (`can opener`).
pub(crate) fn is_product_name(unit: Unit, next: &str) -> bool {
    let next = next.to_lowercase();
    PRODUCT_NAMES
        .iter()
        .any(|&(u, start)| u == unit && next.starts_with(start))
}
