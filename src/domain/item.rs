//! Turning what people type into validated items to add.

use crate::domain::Invalid;
use crate::domain::units::Unit;
use aisle_parse::pieces::{Item, pieces};

/// A validated item to add to a list.
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<Unit>,
    pub note: Option<String>,
    /// A catalogue product to link (by id), when added from the product page.
    pub product: Option<crate::ids::ProductId>,
}

/// A piece of an add that was not added: its text as typed, and why, in a plain sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Refused {
    pub text: String,
    pub reason: String,
}

/// What an add makes of free text: the valid items, and the pieces refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub items: Vec<NewItem>,
    pub refused: Vec<Refused>,
}

impl Batch {
    /// The refused pieces, one a line: what to put back in the add box.
    pub fn refused_text(&self) -> String {
        let lines: Vec<&str> = self.refused.iter().map(|r| r.text.as_str()).collect();
        lines.join("\n")
    }

    /// Each refused piece with its reason, in one sentence.
    pub fn refused_reasons(&self) -> String {
        let reasons: Vec<String> = self
            .refused
            .iter()
            .map(|r| format!("“{}”: {}", shorten(&r.text), r.reason))
            .collect();
        reasons.join("; ")
    }
}

/// A piece quoted in a message: at most 40 characters.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Parses free text (one or many items) and checks each piece on its own, so that the
/// valid ones can be added and the refused ones given back with their reasons (the rules
/// are `aisle_parse::pieces`, which the phone runs too).
pub fn batch_from_text(raw: &str) -> Result<Batch, Invalid> {
    let mut batch = Batch {
        items: Vec::new(),
        refused: Vec::new(),
    };
    for piece in pieces(raw)? {
        match piece.item {
            Ok(item) => batch.items.push(NewItem::from(item)),
            Err(e) => batch.refused.push(Refused {
                text: piece.text.to_string(),
                reason: e.0,
            }),
        }
    }
    Ok(batch)
}

/// Parses free text (one or many items) and validates every item. Nothing is added when
/// any item is invalid; the message names it.
pub fn from_text(raw: &str) -> Result<Vec<NewItem>, Invalid> {
    let batch = batch_from_text(raw)?;
    if batch.refused.is_empty() {
        Ok(batch.items)
    } else {
        Err(Invalid(batch.refused_reasons()))
    }
}

impl From<Item> for NewItem {
    fn from(item: Item) -> NewItem {
        NewItem {
            name: item.name,
            quantity: item.quantity,
            unit: item.unit,
            note: item.note,
            product: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_example_gives_three_items() {
        let items = from_text("2 cups milk, 1 loaf bread, 3 eggs").unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].unit, Some(Unit::Cup));
        assert_eq!(items[2].name, "eggs");
    }

    #[test]
    fn a_batch_keeps_the_valid_items_and_gives_back_the_refused_ones() {
        let long = format!("{} soup", "x".repeat(201));
        let text = format!("milk\n0 eggs, ()\n{long}; 2 l juice\n-\n, ,");
        let batch = batch_from_text(&text).unwrap();
        let names: Vec<&str> = batch.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["milk", "juice"]);
        let refused: Vec<&str> = batch.refused.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(refused, ["0 eggs", "()", long.as_str(), "-"]);
        assert!(batch.refused[0].reason.contains("more than 0"));
        assert_eq!(batch.refused[1].reason, "there is no item name in it");
        assert!(batch.refused[2].reason.contains("too long"));
        assert_eq!(batch.refused_text(), format!("0 eggs\n()\n{long}\n-"));
        let reasons = batch.refused_reasons();
        assert!(
            reasons.starts_with("“0 eggs”: the quantity must be more than 0"),
            "{reasons}"
        );
        assert!(reasons.contains(&format!("“{}…”: the item name is too long", "x".repeat(40))));
        // Blank text, too much of it or too many pieces is refused as a whole.
        assert!(batch_from_text(" , ; \n").is_err());
        assert!(batch_from_text(&"milk\n".repeat(101)).is_err());
        // All refused is still a batch: the caller refuses the add.
        assert!(batch_from_text("0 eggs").unwrap().items.is_empty());
    }

    #[test]
    fn bad_input_is_refused_whole() {
        assert!(from_text("").is_err());
        assert!(from_text(" , ; \n").is_err());
        assert!(from_text("milk, 999999 eggs").is_err());
        assert!(from_text(&"milk\n".repeat(101)).is_err());
        let e = from_text("milk, 0 eggs").unwrap_err();
        assert!(
            e.0.starts_with("“0 eggs”: the quantity must be more than 0"),
            "{e}"
        );
    }
}
