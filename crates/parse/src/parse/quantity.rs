//! The quantity, unit and name of one cleaned piece: `2 cups milk`, `500g flour`,
//! `eggs x2`, `a dozen eggs`, `Cheddar 200g`, `milk 2 l`.

use super::numbers::{NumKind, number_prefix, number_words, plain_number, signed_number_prefix};
use crate::lang::{self, Word};
use crate::units::Unit;

/// A quantity recognised at the start of the tokens.
struct Lead {
    quantity: f64,
    unit: Option<Unit>,
    name: String,
}

/// A zero or negative quantity is returned as it is, for validation to refuse with a
/// reason: `0 eggs` is a mistake to point out, not an item named "0 eggs".
pub(super) fn quantity_unit_name(tokens: &[&str]) -> (Option<f64>, Option<Unit>, String) {
    if let Some(lead) = leading_quantity(tokens) {
        if lead.quantity.is_finite() && !lead.name.is_empty() {
            return (Some(lead.quantity), lead.unit, lead.name);
        }
    } else if let Some((quantity, unit, name_len)) = trailing_quantity(tokens)
        && quantity.is_finite()
    {
        return (Some(quantity), unit, tokens[..name_len].join(" "));
    }
    (None, None, tokens.join(" "))
}

/// A quantity on its own, as typed into a quantity field: `2`, `1,5`, `1/2`, `1 1/2`,
/// `½`, `two`, `-1`. `None` when the text is not exactly one quantity.
pub(super) fn lone_quantity(tokens: &[&str]) -> Option<f64> {
    // Read as the quantity of a stand-in name, so the field and the add box agree.
    let mut with_name = tokens.to_vec();
    with_name.push("·");
    let lead = leading_quantity(&with_name)?;
    (lead.unit.is_none() && lead.name == "·").then_some(lead.quantity)
}

/// An amount on its own, as typed into an amount field: a quantity with or without its
/// unit (`2`, `500 g`, `500g`, `½ cup`, `two l`). `None` when the text is not exactly one.
pub(super) fn lone_amount(tokens: &[&str]) -> Option<(f64, Option<Unit>)> {
    let mut with_name = tokens.to_vec();
    with_name.push("·");
    let lead = leading_quantity(&with_name)?;
    (lead.name == "·").then_some((lead.quantity, lead.unit))
}

fn leading_quantity(tokens: &[&str]) -> Option<Lead> {
    let first = *tokens.first()?;
    let mut i;
    let quantity;
    let mut glued: Option<&str> = None;
    let mut dozen_allowed = false;
    let mut filler_allowed = false;

    if is_times(first) {
        // "× 3 limes"
        quantity = plain_number(tokens.get(1)?)?;
        i = 2;
    } else if let Some(q) = first.strip_prefix(['x', 'X', '×']).and_then(plain_number) {
        // "x3 limes"
        quantity = q;
        i = 1;
    } else if let Some(num) = signed_number_prefix(first) {
        let mut value = num.value;
        let mut rest = num.rest;
        i = 1;
        if rest.is_empty()
            && num.kind == NumKind::Integer
            && let Some(frac) = tokens.get(1).and_then(|t| number_prefix(t))
            && frac.kind == NumKind::Fraction
        {
            // "1 1/2 cups", "1 ½ cups"
            value += frac.value;
            rest = frac.rest;
            i = 2;
        }
        quantity = value;
        if is_times(rest) {
            // "2x eggs"
        } else if rest.is_empty() {
            dozen_allowed = true;
            if tokens.get(i).is_some_and(|t| is_times(t)) && tokens.len() > i + 1 {
                // "2 x eggs"
                dozen_allowed = false;
                i += 1;
            }
        } else if Unit::recognise(rest).is_some() {
            // "500g flour"
            glued = Some(rest);
        } else {
            return None;
        }
    } else {
        let count = number_words(tokens)?;
        quantity = count.quantity;
        i = count.used;
        dozen_allowed = count.dozen_may_follow;
        filler_allowed = count.filler_may_follow;
    }

    let mut quantity = quantity;
    if dozen_allowed
        && tokens.get(i).is_some_and(|t| lang::is(t, Word::Dozen))
        && tokens.len() > i + 1
    {
        // "2 dozen eggs", "zwei Dutzend Eier"
        quantity *= 12.0;
        i += 1;
        filler_allowed = true;
    }
    let mut start = Start { index: i, cut: 0 };
    if filler_allowed {
        // "a couple of limes"
        start = skip_filler(tokens, i);
    }

    let mut unit = None;
    let mut leftover = "";
    if let Some(text) = glued {
        let after = skip_filler(tokens, i);
        if leaves_name(tokens, after) {
            unit = Unit::recognise(text);
            start = after;
        } else {
            leftover = text;
        }
    } else if start.cut == 0
        && let Some((u, words)) = unit_at(tokens, start.index)
        && !tokens
            .get(start.index + words)
            .is_some_and(|next| lang::is_product_name(u, next))
    {
        let after = skip_filler(tokens, start.index + words);
        if leaves_name(tokens, after) {
            unit = Some(u);
            start = after;
        }
    }

    let mut name = leftover.to_string();
    for (k, token) in tokens.iter().enumerate().skip(start.index) {
        if !name.is_empty() {
            name.push(' ');
        }
        let cut = if k == start.index { start.cut } else { 0 };
        name.push_str(&token[cut..]);
    }
    Some(Lead {
        quantity,
        unit,
        name,
    })
}

/// A quantity after the name: a multiplier (`eggs x2`, `milk ×2`, `eggs x 2`, `eggs 2x`)
/// or an amount with its unit (`Cheddar 200g`, `milk 2 l`). A bare number at the end
/// stays in the name (`Coke Zero 2`). Gives the quantity, its unit and how many tokens
/// belong to the name.
fn trailing_quantity(tokens: &[&str]) -> Option<(f64, Option<Unit>, usize)> {
    let n = tokens.len();
    let last = *tokens.last()?;
    if n >= 2 {
        if let Some(q) = last.strip_prefix(['x', 'X', '×']).and_then(plain_number) {
            return Some((q, None, n - 1));
        }
        if let Some(num) = signed_number_prefix(last) {
            if is_times(num.rest) {
                return Some((num.value, None, n - 1));
            }
            if let Some(unit) = Unit::recognise(num.rest) {
                return Some((num.value, Some(unit), n - 1));
            }
        }
    }
    if n >= 3 {
        let before = tokens[n - 2];
        if is_times(before) {
            return plain_number(last).map(|q| (q, None, n - 2));
        }
        if let Some(q) = plain_number(before)
            && let Some(unit) = Unit::recognise(last)
        {
            return Some((q, Some(unit), n - 2));
        }
    }
    // A unit of several words at the end (`sel 2 cuillères à café`).
    (1..=lang::UNIT_MAX_WORDS)
        .filter(|&words| words > 1 && n >= words + 2)
        .find_map(|words| {
            let (name_len, number) = (n - words - 1, tokens[n - words - 1]);
            let (unit, _) = unit_at_with(tokens, n - words, words, Unit::recognise)
                .filter(|&(_, w)| w == words)?;
            plain_number(number).map(|q| (q, Some(unit), name_len))
        })
}

pub(super) fn is_times(token: &str) -> bool {
    matches!(token, "x" | "X" | "×")
}

/// Where the name starts: a token, and how many of its bytes a glued filler took.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Start {
    index: usize,
    cut: usize,
}

/// Skips a filler at `k` (`of`) when something follows it, or a filler glued to the
/// word at `k` (`d'eau`).
fn skip_filler(tokens: &[&str], k: usize) -> Start {
    let Some(token) = tokens.get(k) else {
        return Start { index: k, cut: 0 };
    };
    if lang::is(token, Word::Filler) && k + 1 < tokens.len() {
        return Start {
            index: k + 1,
            cut: 0,
        };
    }
    let cut = lang::after_glued_filler(token).map_or(0, |rest| token.len() - rest.len());
    Start { index: k, cut }
}

/// Whether the tokens from `start` can be a name: not empty and not a lone filler.
fn leaves_name(tokens: &[&str], start: Start) -> bool {
    match tokens.get(start.index..) {
        None | Some([]) => false,
        Some([only]) => start.cut > 0 || !lang::is(only, Word::Filler),
        Some(_) => true,
    }
}

/// The unit of the words at `i`, and how many words it takes: the longest unit word of
/// any language there (`2 cuillères à soupe de sucre`).
fn unit_at(tokens: &[&str], i: usize) -> Option<(Unit, usize)> {
    unit_at_with(tokens, i, lang::UNIT_MAX_WORDS, Unit::recognise)
}

/// [`unit_at`] with the units given (the tests' own).
fn unit_at_with(
    tokens: &[&str],
    i: usize,
    max_words: usize,
    recognise: impl Fn(&str) -> Option<Unit>,
) -> Option<(Unit, usize)> {
    (1..=max_words).rev().find_map(|n| {
        let words = tokens.get(i..i + n)?;
        let unit = match words {
            [one] => recognise(one),
            _ => recognise(&words.join(" ")),
        };
        unit.map(|u| (u, n))
    })
}

#[cfg(test)]
mod tests {
    //! Units of several words and fillers glued to the next word (French `cuillère à
    //! soupe`, `d'eau`), on the tests' own words.

    use super::*;

    fn french(word: &str) -> Option<Unit> {
        match word.to_lowercase().as_str() {
            "cuillère à soupe" | "cuillères à soupe" => Some(Unit::Tbsp),
            "cuillère" => Some(Unit::Piece),
            other => Unit::recognise(other),
        }
    }

    #[test]
    fn a_unit_of_several_words_is_the_longest_there() {
        let tokens = ["2", "cuillères", "à", "soupe", "de", "sucre"];
        assert_eq!(unit_at_with(&tokens, 1, 3, french), Some((Unit::Tbsp, 3)));
        assert_eq!(unit_at_with(&tokens, 1, 1, french), None);
        let tokens = ["1", "cuillère", "en", "bois"];
        assert_eq!(unit_at_with(&tokens, 1, 3, french), Some((Unit::Piece, 1)));
        let tokens = ["2", "cuillère", "à"];
        assert_eq!(unit_at_with(&tokens, 1, 3, french), Some((Unit::Piece, 1)));
        assert_eq!(unit_at_with(&tokens, 3, 3, french), None);
        assert_eq!(unit_at(&["2", "kg", "flour"], 1), Some((Unit::Kg, 1)));
    }

    #[test]
    fn a_filler_after_a_dozen_is_skipped() {
        // For `una docena de huevos`; English read "of eggs" here before.
        let read = |text: &str| {
            let tokens: Vec<&str> = text.split_whitespace().collect();
            quantity_unit_name(&tokens)
        };
        assert_eq!(read("a dozen of eggs"), (Some(12.0), None, "eggs".into()));
        assert_eq!(read("2 dozen of eggs"), (Some(24.0), None, "eggs".into()));
        assert_eq!(read("a dozen of"), (Some(12.0), None, "of".into()));
        assert_eq!(read("ein Dutzend Eier"), (Some(12.0), None, "Eier".into()));
    }

    #[test]
    fn a_glued_filler_is_cut_from_the_next_word() {
        let fillers = |w: &str| matches!(w, "d'" | "l'");
        assert_eq!(lang::glued_filler_rest("d'eau", fillers), Some("eau"));
        assert_eq!(lang::glued_filler_rest("D’Eau", fillers), Some("Eau"));
        assert_eq!(lang::glued_filler_rest("d'", fillers), None);
        assert_eq!(lang::glued_filler_rest("'eau", fillers), None);
        assert_eq!(lang::glued_filler_rest("jusqu'eau", fillers), None);
        assert_eq!(lang::glued_filler_rest("eau", fillers), None);
        // English and German have none
        assert_eq!(lang::after_glued_filler("o'clock"), None);
        assert_eq!(
            skip_filler(&["2", "cups", "of", "milk"], 2),
            Start { index: 3, cut: 0 }
        );
        assert_eq!(
            skip_filler(&["2", "cups", "of"], 2),
            Start { index: 2, cut: 0 }
        );
    }
}
