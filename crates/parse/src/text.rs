//! Validation of what people type: names, usernames, quantities. Every error says what to fix.

/// Longest item, list, store or household name accepted.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest note accepted.
pub const MAX_NOTE_CHARS: usize = 500;
/// Longest free text accepted in one "add items" request.
pub const MAX_ADD_TEXT_CHARS: usize = 10_000;
/// Most items one "add items" request may create.
pub const MAX_ITEMS_PER_ADD: usize = 100;
/// Largest quantity accepted (a household does not buy a million eggs).
pub const MAX_QUANTITY: f64 = 100_000.0;
/// Largest position (an item's sort key on its list): positions run from 0 to this, far
/// more than any list holds and far from the largest whole number SQLite stores.
pub const MAX_POSITION: i64 = 1_000_000;

pub use crate::Invalid;
use crate::units::Unit;

fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t')))
}

/// The refusal of text holding U+FFFD, the mark left where bytes that are not UTF-8 were
/// decoded (a form sent in another encoding): what was meant cannot be known.
fn unreadable(what: &str, s: &str) -> Result<(), Invalid> {
    if s.contains('\u{FFFD}') {
        return Err(Invalid(format!(
            "{what} holds a character that could not be read (it arrived in another text \
             encoding); type it again"
        )));
    }
    Ok(())
}

/// Trims and collapses inner whitespace.
pub fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Single-line text of at most `max` characters, tidied (`what` names the field in the
/// message).
fn single_line(what: &str, raw: &str, max: usize) -> Result<String, Invalid> {
    if has_control(raw, false) {
        return Err(Invalid(format!(
            "{what} must not contain control characters"
        )));
    }
    unreadable(what, raw)?;
    let s = tidy(raw);
    if s.chars().count() > max {
        return Err(Invalid(format!(
            "{what} is too long (at most {max} characters)"
        )));
    }
    Ok(s)
}

/// A required single-line name (`what` names the field in the message).
pub fn name(what: &str, raw: &str) -> Result<String, Invalid> {
    let s = single_line(what, raw, MAX_NAME_CHARS)?;
    if s.is_empty() {
        return Err(Invalid(format!("{what} must not be empty")));
    }
    Ok(s)
}

/// An optional note: blank means none.
pub fn note(raw: &str) -> Result<Option<String>, Invalid> {
    let s = single_line("the note", raw, MAX_NOTE_CHARS)?;
    Ok((!s.is_empty()).then_some(s))
}

/// A quantity: positive, finite and not absurd.
pub fn quantity(q: f64) -> Result<f64, Invalid> {
    if !q.is_finite() || q <= 0.0 {
        return Err(Invalid(
            "the quantity must be more than 0: write how many, or leave the quantity out".into(),
        ));
    }
    if q > MAX_QUANTITY {
        return Err(Invalid(format!(
            "the quantity {q} is too large (at most {MAX_QUANTITY})"
        )));
    }
    Ok(q)
}

/// A position to move an item to: a whole number from 0 to [`MAX_POSITION`].
pub fn position(p: i64) -> Result<i64, Invalid> {
    if !(0..=MAX_POSITION).contains(&p) {
        return Err(Invalid(format!(
            "the position must be a whole number from 0 to {MAX_POSITION} (got {p})"
        )));
    }
    Ok(p)
}

/// A quantity typed into a form field, read like a quantity in the add box (`1,5`,
/// `1/2`, `½`, `two`); blank means none.
/// An amount field (`2 l`, `½ cup`, `3`): its quantity and unit, both `None` when it is
/// blank; a clear error when it is not an amount or its quantity is out of range.
pub fn amount_field(raw: &str) -> Result<(Option<f64>, Option<Unit>), Invalid> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok((None, None));
    }
    // A unit alone (`loaf`), as the list shows an item with a unit and no quantity.
    if let Some(unit) = Unit::recognise(s) {
        return Ok((None, Some(unit)));
    }
    let (q, unit) = crate::parse::parse_amount(s).ok_or_else(|| {
        Invalid(format!(
            "“{s}” is not an amount: write a number with or without a unit, such as 2, 1/2 or 500 g"
        ))
    })?;
    Ok((Some(quantity(q)?), unit))
}

pub fn quantity_field(raw: &str) -> Result<Option<f64>, Invalid> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let q = crate::parse::parse_quantity(s).ok_or_else(|| {
        Invalid(format!(
            "“{s}” is not a quantity: write a number such as 2, 1.5 or 1/2"
        ))
    })?;
    quantity(q).map(Some)
}

/// Free text for adding items (one or many lines).
pub fn add_text(raw: &str) -> Result<&str, Invalid> {
    if raw.chars().count() > MAX_ADD_TEXT_CHARS {
        return Err(Invalid(format!(
            "that is too much text at once (at most {MAX_ADD_TEXT_CHARS} characters)"
        )));
    }
    if has_control(raw, true) {
        return Err(Invalid(
            "the text must not contain control characters".into(),
        ));
    }
    unreadable("the text", raw)?;
    if raw.trim().is_empty() {
        return Err(Invalid("type at least one item, e.g. `2 cups milk`".into()));
    }
    Ok(raw)
}

/// A username: 1–64 letters, digits, `.`, `_`, `-` or `@`.
pub fn username(raw: &str) -> Result<String, Invalid> {
    let s = raw.trim();
    if s.is_empty() || s.chars().count() > 64 {
        return Err(Invalid("the username must be 1 to 64 characters".into()));
    }
    if !s
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
    {
        return Err(Invalid(
            "the username may only hold letters, digits, `.`, `_`, `-` and `@`".into(),
        ));
    }
    Ok(s.to_string())
}

/// The case-insensitive key a username is unique by.
pub fn username_key(username: &str) -> String {
    username.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_the_add_box_reads_them() {
        assert_eq!(amount_field("  ").unwrap(), (None, None));
        assert_eq!(amount_field("3").unwrap(), (Some(3.0), None));
        assert_eq!(amount_field("500 g").unwrap(), (Some(500.0), Some(Unit::G)));
        assert_eq!(amount_field("500g").unwrap(), (Some(500.0), Some(Unit::G)));
        assert_eq!(amount_field("½ cup").unwrap(), (Some(0.5), Some(Unit::Cup)));
        assert_eq!(amount_field("1 1/2 l").unwrap(), (Some(1.5), Some(Unit::L)));
        assert_eq!(amount_field("two").unwrap(), (Some(2.0), None));
        // Not an amount, or one the add box would refuse: a sentence that says so.
        assert_eq!(amount_field("loaf").unwrap(), (None, Some(Unit::Loaf)));
        for bad in ["lots", "2 cups milk", "0", "-1 kg", "200000 g"] {
            let err = amount_field(bad).unwrap_err().0;
            assert!(
                err.contains("amount") || err.contains("quantity"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn names() {
        assert_eq!(name("the name", "  Oat   milk ").unwrap(), "Oat milk");
        assert!(name("the name", "   ").is_err());
        assert!(name("the name", "a\u{0}b").is_err());
        assert!(name("the name", &"x".repeat(201)).is_err());
        assert_eq!(name("the name", "<script>").unwrap(), "<script>");
    }

    #[test]
    fn quantities() {
        assert_eq!(quantity_field("1,5").unwrap(), Some(1.5));
        assert_eq!(quantity_field("1/2").unwrap(), Some(0.5));
        assert_eq!(quantity_field("1 1/2").unwrap(), Some(1.5));
        assert_eq!(quantity_field("two").unwrap(), Some(2.0));
        assert_eq!(quantity_field(" ").unwrap(), None);
        assert!(quantity_field("-1").is_err());
        assert!(quantity_field("0").is_err());
        assert!(quantity_field("1e9").is_err());
        assert!(quantity_field("NaN").is_err());
        assert!(quantity_field("inf").is_err());
        assert!(quantity_field("2 kg").is_err());
        assert!(
            quantity_field("abc")
                .unwrap_err()
                .0
                .contains("is not a quantity")
        );
        assert!(quantity_field("0").unwrap_err().0.contains("more than 0"));
    }

    #[test]
    fn positions() {
        assert_eq!(position(0), Ok(0));
        assert_eq!(position(MAX_POSITION), Ok(MAX_POSITION));
        for bad in [-1, MAX_POSITION + 1, i64::MAX, i64::MIN] {
            let e = position(bad).unwrap_err();
            assert!(e.0.contains("from 0 to 1000000"), "{e}");
        }
    }

    #[test]
    fn usernames() {
        assert_eq!(username(" Anna ").unwrap(), "Anna");
        assert!(username("an na").is_err());
        assert!(username("").is_err());
        assert!(username("<b>").is_err());
        assert_eq!(username_key("Anna"), "anna");
    }

    #[test]
    fn add_texts() {
        assert!(add_text("2 eggs\nmilk").is_ok());
        assert!(add_text("").is_err());
        assert!(add_text("milk\u{7}").is_err());
        let broken = add_text("caf\u{FFFD}").unwrap_err().0;
        assert!(broken.contains("could not be read"), "{broken}");
        assert!(name("the list name", "caf\u{FFFD}").is_err());
        assert!(add_text(&"a".repeat(10_001)).is_err());
    }
}
