//! Turning what people type into validated items to add.

use crate::domain::Invalid;
use crate::domain::parse::parse_items;
use crate::domain::text::{self, MAX_ITEMS_PER_ADD};
use crate::domain::units::Unit;

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

/// Parses free text (one or many items) and validates every item. Nothing is added when
/// any item is invalid; the message names it.
pub fn from_text(raw: &str) -> Result<Vec<NewItem>, Invalid> {
    let raw = text::add_text(raw)?;
    let parsed = parse_items(raw);
    if parsed.is_empty() {
        return Err(Invalid("type at least one item, e.g. `2 cups milk`".into()));
    }
    if parsed.len() > MAX_ITEMS_PER_ADD {
        return Err(Invalid(format!(
            "that is {} items at once; add at most {MAX_ITEMS_PER_ADD}",
            parsed.len()
        )));
    }
    parsed
        .into_iter()
        .map(|p| {
            let name = text::name("the item name", &p.name)
                .map_err(|e| Invalid(format!("{} (in `{}`)", e.0, p.name)))?;
            let quantity = p
                .quantity
                .map(text::quantity)
                .transpose()
                .map_err(|e| Invalid(format!("{}: {}", name, e.0)))?;
            let note = match p.note {
                Some(n) => text::note(&n)?,
                None => None,
            };
            Ok(NewItem {
                name,
                quantity,
                unit: p.unit,
                note,
                product: None,
            })
        })
        .collect()
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
    fn bad_input_is_refused_whole() {
        assert!(from_text("").is_err());
        assert!(from_text(" , ; \n").is_err());
        assert!(from_text("milk, 999999 eggs").is_err());
        assert!(from_text(&"milk\n".repeat(101)).is_err());
    }
}
