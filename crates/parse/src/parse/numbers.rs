//! Numbers as people write them: digits, decimals with a point or comma, fractions,
//! vulgar fractions (`½`, `1½`) and the number words of every language (`src/lang/`:
//! `one` … `twelve`, `zwei`, `a dozen`, `half a`, `ein halbes`).

use crate::lang::{self, Place, Word};

/// Every language's number words (the tests know which words the parser may take).
#[cfg(test)]
pub(super) use crate::lang::NUMBER_WORDS;

/// A count read from words at the start of a piece.
pub(super) struct Count {
    pub(super) quantity: f64,
    /// How many tokens it took.
    pub(super) used: usize,
    /// A dozen word may follow and multiply it (`two dozen`).
    pub(super) dozen_may_follow: bool,
    /// A filler may follow (`a couple of limes`, `a dozen of eggs`).
    pub(super) filler_may_follow: bool,
}

/// Number words at the start. An article counts as one only when more words follow, and
/// not before a vague word (`a few apples`, `ein paar Äpfel`); before a dozen word it is
/// twelve, before a couple word two. A half word is ½ with the article where its language
/// puts it (`half a`, `ein halbes`), six before a dozen word.
pub(super) fn number_words(tokens: &[&str]) -> Option<Count> {
    let kind = |k: usize| tokens.get(k).and_then(|t| lang::word(t));
    let count = |quantity, used, filler_may_follow| {
        Some(Count {
            quantity,
            used,
            dozen_may_follow: false,
            filler_may_follow,
        })
    };
    let first = *tokens.first()?;
    match lang::word(first) {
        Some(Word::Article) => {
            tokens.get(1)?;
            match kind(1) {
                Some(Word::Dozen) => count(12.0, 2, true),
                Some(Word::Couple) => count(2.0, 2, true),
                // vague amounts are words, not a count of one
                Some(Word::Vague) => None,
                Some(Word::Half(Place::Before)) if kind(2) == Some(Word::Dozen) => {
                    count(6.0, 3, true)
                }
                Some(Word::Half(Place::Before)) => count(0.5, 2, false),
                _ => count(1.0, 1, false),
            }
        }
        Some(Word::Half(Place::After)) => match (kind(1)?, kind(2)) {
            (Word::Article, Some(Word::Dozen)) => count(6.0, 3, true),
            (Word::Article, _) => count(0.5, 2, false),
            _ => None,
        },
        Some(Word::Half(Place::Alone)) if kind(1) == Some(Word::Dozen) => count(6.0, 2, true),
        Some(Word::Half(Place::Alone)) => count(0.5, 1, false),
        Some(Word::Dozen) => count(12.0, 1, true),
        Some(_) => None,
        None => lang::number(first).map(|quantity| Count {
            quantity,
            used: 1,
            dozen_may_follow: true,
            filler_may_follow: false,
        }),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumKind {
    /// Digits only: `2`.
    Integer,
    /// A proper fraction: `1/2`, `½`.
    Fraction,
    /// Anything else: `1.5`, `1½`, `3/2`.
    Other,
}

pub(super) struct Num<'a> {
    pub(super) value: f64,
    pub(super) rest: &'a str,
    pub(super) kind: NumKind,
}

fn vulgar(c: char) -> Option<f64> {
    let v = match c {
        '¼' => 0.25,
        '½' => 0.5,
        '¾' => 0.75,
        '⅐' => 1.0 / 7.0,
        '⅑' => 1.0 / 9.0,
        '⅒' => 0.1,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    };
    Some(v)
}

/// A number at the start of a token and what follows it in the token:
/// `2`, `1.5`, `1,5`, `1/2`, `½`, `1½`, glued to anything (`500g`, `2x`).
pub(super) fn number_prefix(token: &str) -> Option<Num<'_>> {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    let num = if digits == 0 {
        let mut chars = token.chars();
        let value = vulgar(chars.next()?)?;
        Num {
            value,
            rest: chars.as_str(),
            kind: NumKind::Fraction,
        }
    } else if digits > 1 && token.starts_with('0') {
        // `00 flour`, `007`: a type or a code, not a count.
        return None;
    } else {
        let int = &token[..digits];
        let after = &token[digits..];
        if let Some(r) = after.strip_prefix(['.', ',']) {
            let d = r.bytes().take_while(u8::is_ascii_digit).count();
            if d == 0 {
                return None;
            }
            let value: f64 = format!("{int}.{}", &r[..d]).parse().ok()?;
            Num {
                value,
                rest: &r[d..],
                kind: NumKind::Other,
            }
        } else if let Some(r) = after.strip_prefix(['/', '⁄']) {
            let d = r.bytes().take_while(u8::is_ascii_digit).count();
            if d == 0 {
                return None;
            }
            let numerator: f64 = int.parse().ok()?;
            let denominator: f64 = r[..d].parse().ok()?;
            if denominator < 1.0 {
                return None;
            }
            let kind = if numerator < denominator {
                NumKind::Fraction
            } else {
                NumKind::Other
            };
            Num {
                value: numerator / denominator,
                rest: &r[d..],
                kind,
            }
        } else {
            let value: f64 = int.parse().ok()?;
            let mut chars = after.chars();
            match chars.next().and_then(vulgar) {
                Some(f) => Num {
                    value: value + f,
                    rest: chars.as_str(),
                    kind: NumKind::Other,
                },
                None => Num {
                    value,
                    rest: after,
                    kind: NumKind::Integer,
                },
            }
        }
    };
    num.value.is_finite().then_some(num)
}

/// [`number_prefix`] that also reads a minus sign (`-3`, `−1`), so that a negative amount
/// is taken as a quantity, and refused as one, rather than kept as part of the name.
pub(super) fn signed_number_prefix(token: &str) -> Option<Num<'_>> {
    match token.strip_prefix(['-', '−']) {
        Some(rest) => number_prefix(rest).map(|n| Num {
            value: -n.value,
            kind: NumKind::Other,
            ..n
        }),
        None => number_prefix(token),
    }
}

/// A token that is exactly a number.
pub(super) fn plain_number(token: &str) -> Option<f64> {
    signed_number_prefix(token)
        .filter(|n| n.rest.is_empty())
        .map(|n| n.value)
}
