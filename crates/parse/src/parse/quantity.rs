//! The quantity, unit and name of one cleaned piece: `2 cups milk`, `500g flour`,
//! `eggs x2`, `a dozen eggs`, `Cheddar 200g`, `milk 2 l`.

use super::numbers::{NumKind, number_prefix, number_words, plain_number, signed_number_prefix};
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
        let (q, used, dozen) = number_words(tokens)?;
        quantity = q;
        i = used;
        dozen_allowed = dozen;
    }

    let mut quantity = quantity;
    if dozen_allowed
        && tokens
            .get(i)
            .is_some_and(|t| t.eq_ignore_ascii_case("dozen"))
        && tokens.len() > i + 1
    {
        quantity *= 12.0;
        i += 1;
    }

    let mut unit = None;
    let mut leftover = "";
    if let Some(text) = glued {
        let j = skip_of(tokens, i);
        if leaves_name(tokens, j) {
            unit = Unit::recognise(text);
            i = j;
        } else {
            leftover = text;
        }
    } else if let Some(u) = tokens.get(i).and_then(|t| Unit::recognise(t))
        && !is_unit_compound(u, tokens.get(i + 1).copied())
    {
        let j = skip_of(tokens, i + 1);
        if leaves_name(tokens, j) {
            unit = Some(u);
            i = j;
        }
    }

    let mut name = leftover.to_string();
    for token in &tokens[i..] {
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(token);
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
    None
}

pub(super) fn is_times(token: &str) -> bool {
    matches!(token, "x" | "X" | "×")
}

/// Skips a filler `of` at `k` when something follows it.
fn skip_of(tokens: &[&str], k: usize) -> usize {
    if tokens.get(k).is_some_and(|t| t.eq_ignore_ascii_case("of")) && k + 1 < tokens.len() {
        k + 1
    } else {
        k
    }
}

/// Whether `tokens[k..]` can be a name: not empty and not a lone `of`.
fn leaves_name(tokens: &[&str], k: usize) -> bool {
    match tokens.get(k..) {
        None | Some([]) => false,
        Some([only]) => !only.eq_ignore_ascii_case("of"),
        Some(_) => true,
    }
}

/// Product names that begin with a unit word: `can opener`, `tin foil`…
fn is_unit_compound(unit: Unit, next: Option<&str>) -> bool {
    const COMPOUNDS: [(Unit, &str); 9] = [
        (Unit::Can, "opener"),
        (Unit::Can, "foil"),
        (Unit::Bottle, "opener"),
        (Unit::Jar, "opener"),
        (Unit::Box, "cutter"),
        (Unit::Bag, "clip"),
        (Unit::Lb, "cake"),
        (Unit::Gal, "bag"),
        (Unit::Qt, "bag"),
    ];
    let Some(next) = next else {
        return false;
    };
    let next = next.to_lowercase();
    COMPOUNDS
        .iter()
        .any(|&(u, word)| u == unit && next.starts_with(word))
}
