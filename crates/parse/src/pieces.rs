//! Free text to the items an add makes of it: each piece parsed and checked on its own, so
//! that the valid ones can be added and the refused ones given back with their reasons.

use crate::Invalid;
use crate::parse::{ParsedItem, parse_pieces};
use crate::text::{self, MAX_ITEMS_PER_ADD};
use crate::units::Unit;

/// An item read from text and checked: what an add puts on a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<Unit>,
    pub note: Option<String>,
}

/// One piece of an add's text as typed, and the item it makes or why it makes none.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub item: Result<Item, Invalid>,
}

/// The pieces of free text (one or many items), each read and checked. Refused as a whole
/// only when the text is blank, too long or holds more than [`MAX_ITEMS_PER_ADD`] pieces.
pub fn pieces(raw: &str) -> Result<Vec<Piece<'_>>, Invalid> {
    let raw = text::add_text(raw)?;
    let pieces = parse_pieces(raw);
    if pieces.is_empty() {
        return Err(Invalid("type at least one item, e.g. `2 cups milk`".into()));
    }
    if pieces.len() > MAX_ITEMS_PER_ADD {
        return Err(Invalid(format!(
            "that is {} items at once; add at most {MAX_ITEMS_PER_ADD}",
            pieces.len()
        )));
    }
    Ok(pieces
        .into_iter()
        .map(|(text, parsed)| Piece {
            text,
            item: parsed
                .ok_or_else(|| Invalid("there is no item name in it".into()))
                .and_then(checked),
        })
        .collect())
}

/// One line read as one item, commas and all (`salt, coarse`): what an edit's `text`
/// sets. Refused when it is too long, holds a line break, or has no item name.
pub fn line(raw: &str) -> Result<Item, Invalid> {
    let raw = text::add_text(raw)?;
    if raw.contains(['\n', '\r']) {
        return Err(Invalid("an edit's text is one line, one item".into()));
    }
    let parsed = crate::parse::parse_item(raw)
        .ok_or_else(|| Invalid("there is no item name in it".into()))?;
    checked(parsed)
}

/// One parsed item, validated.
fn checked(p: ParsedItem) -> Result<Item, Invalid> {
    Ok(Item {
        name: text::name("the item name", &p.name)?,
        quantity: p.quantity.map(text::quantity).transpose()?,
        unit: p.unit,
        note: match p.note {
            Some(n) => text::note(&n)?,
            None => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_one_item_commas_and_all() {
        let milk = line("2 l oat milk").unwrap();
        assert_eq!(
            (milk.quantity, milk.unit, milk.name.as_str()),
            (Some(2.0), Some(Unit::L), "oat milk")
        );
        let salt = line("salt, coarse").unwrap();
        assert_eq!((salt.quantity, salt.name.as_str()), (None, "salt, coarse"));
        let cheese = line("Cheddar 200g (mature)").unwrap();
        assert_eq!(cheese.quantity, Some(200.0));
        assert_eq!(cheese.note.as_deref(), Some("mature"));
        for bad in ["", "  ", "-", "0 eggs", "milk\neggs", &"x".repeat(201)] {
            assert!(line(bad).is_err(), "{bad:?}");
        }
    }
}
