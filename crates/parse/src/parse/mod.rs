//! Item text parsing: turns what people type or paste into list items.
//!
//! See DESIGN.md "Item text parsing". The guiding rule is that nothing the user
//! typed is lost: a token is consumed only when it is recognised as a quantity,
//! a unit, a multiplier (`x2`), a filler (`of`), a list marker or note brackets;
//! every other word ends up in the name or the note, in the user's own case.
//!
//! The words (numbers, articles, units, fillers…) are every language's at once, from
//! `src/lang/<code>.toml` (`crate::lang`, `src/lang/README.md`): a list may mix them.
//!
//! Decisions beyond the design (each pinned by a test):
//! - Pieces split on newlines, `;` and `,`, except a comma between two digits
//!   (`1,5 kg` is a decimal comma, so `1,000 g` is 1 g, not a thousand) and
//!   separators inside matched parentheses (`milk (organic, local)` is one item).
//! - A leading `N. ` or `N) ` (digits, then `.`/`)`, then a space) is a numbered
//!   list marker and is dropped: `2. eggs` is "eggs" without a quantity. Decimals
//!   never have a space after the point, so `1.5 kg` is unaffected.
//! - A unit word is taken only right after the quantity and only when a name
//!   remains after it (and after an optional `of`): `2 kg` is 2 × "kg",
//!   `500g` alone is 500 × "g".
//! - A few product names that start with a unit word keep it (`can opener`,
//!   `tin foil`, `pound cake`…).
//! - A zero or negative quantity (`0 eggs`, `-3 eggs`, `eggs x0`) is parsed as one,
//!   so that validation refuses it with a reason; a number with a leading zero (`00
//!   flour`, `007`) is a code, not a quantity. A quantity with nothing left for the
//!   name is not a quantity: `2` keeps its word as the name.
//! - A quantity may follow the name: a multiplier (`eggs x2`) or an amount with its
//!   unit (`Cheddar 200g`, `milk 2 l`), only when there is no leading quantity. A bare
//!   number at the end stays in the name (`Coke Zero 2`).
//! - `half a …` is ½ (`ein halbes …`), `a couple (of) …` is 2, `N dozen …` is N × 12
//!   (`zwei Dutzend`), and a filler after a dozen is skipped (`a dozen of eggs`).
//! - Several remarks (`(a)`, `(b)`, ` - c`) are joined into one note with `; `.
//! - An unclosed `(` starts a trailing remark: `milk (organic` → note "organic".

mod notes;
mod numbers;
mod quantity;
mod split;
#[cfg(test)]
mod table;
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

use crate::units::Unit;
use notes::{extract_paren_notes, split_dash_note};
use quantity::{lone_amount, lone_quantity, quantity_unit_name};
use split::{collapse, is_wordish, split_pieces, strip_markers};

/// One item parsed out of user text.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedItem {
    pub quantity: Option<f64>,
    pub unit: Option<Unit>,
    pub name: String,
    pub note: Option<String>,
}

/// Parses text holding one or many items, separated by newlines, commas or
/// semicolons. Blank pieces are skipped.
pub fn parse_items(text: &str) -> Vec<ParsedItem> {
    split_pieces(text)
        .into_iter()
        .filter_map(parse_item)
        .collect()
}

/// The pieces of a paste that hold anything, each with its text and what it parses to:
/// `None` for a piece of only punctuation (`-`, `()`), which has no item name.
pub fn parse_pieces(text: &str) -> Vec<(&str, Option<ParsedItem>)> {
    split_pieces(text)
        .into_iter()
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(|piece| (piece, parse_item(piece)))
        .collect()
}

/// Parses a quantity typed on its own (a quantity field): the same numbers the add box
/// reads, `2`, `1,5`, `1/2`, `1 1/2`, `½`, `two`, `-1`. `None` when it is not one.
pub fn parse_quantity(text: &str) -> Option<f64> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    lone_quantity(&tokens).filter(|q| q.is_finite())
}

/// Parses an amount typed on its own (the list page's edit sheet): a quantity as
/// [`parse_quantity`] reads it, with or without a unit after it (`2`, `500 g`, `½ cup`),
/// read the way the add box reads the start of `500 g flour`. `None` when it is not one.
pub fn parse_amount(text: &str) -> Option<(f64, Option<Unit>)> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    lone_amount(&tokens).filter(|(q, _)| q.is_finite())
}

/// Parses a single item. `None` when the text holds nothing but whitespace and
/// punctuation.
pub fn parse_item(text: &str) -> Option<ParsedItem> {
    let normal = collapse(text);
    if !normal.chars().any(is_wordish) {
        return None;
    }
    let body = strip_markers(&normal);
    let (body, dash_note) = split_dash_note(body);
    let (name_part, mut notes) = extract_paren_notes(body);
    notes.extend(dash_note);
    let tokens: Vec<&str> = name_part.split_whitespace().collect();
    let (quantity, unit, name) = quantity_unit_name(&tokens);
    Some(ParsedItem {
        quantity,
        unit,
        name,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}
