//! The quantity, unit and name of one cleaned piece: `2 cups milk`, `500g flour`,
//! `eggs x2`, `a dozen eggs`.

use super::numbers::{NumKind, number_prefix, number_words, plain_number};
use crate::domain::units::Unit;

/// A quantity recognised at the start of the tokens.
struct Lead {
    quantity: f64,
    unit: Option<Unit>,
    name: String,
}

pub(super) fn quantity_unit_name(tokens: &[&str]) -> (Option<f64>, Option<Unit>, String) {
    if let Some(lead) = leading_quantity(tokens) {
        if lead.quantity > 0.0 && lead.quantity.is_finite() && !lead.name.is_empty() {
            return (Some(lead.quantity), lead.unit, lead.name);
        }
    } else if let Some((quantity, name_len)) = trailing_multiplier(tokens)
        && quantity > 0.0
        && quantity.is_finite()
    {
        return (Some(quantity), None, tokens[..name_len].join(" "));
    }
    (None, None, tokens.join(" "))
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
    } else if let Some(num) = number_prefix(first) {
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

/// `eggs x2`, `milk ×2`, `eggs x 2`, `eggs 2x`: the quantity and how many
/// tokens belong to the name.
fn trailing_multiplier(tokens: &[&str]) -> Option<(f64, usize)> {
    let n = tokens.len();
    let last = *tokens.last()?;
    if n >= 2 {
        if let Some(q) = last.strip_prefix(['x', 'X', '×']).and_then(plain_number) {
            return Some((q, n - 1));
        }
        if let Some(num) = number_prefix(last)
            && is_times(num.rest)
        {
            return Some((num.value, n - 1));
        }
    }
    if n >= 3 && is_times(tokens[n - 2]) {
        return plain_number(last).map(|q| (q, n - 2));
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
