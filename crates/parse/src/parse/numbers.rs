//! Numbers as people write them: digits, decimals with a point or comma, fractions,
//! vulgar fractions (`½`, `1½`) and number words (`one` … `twelve`, `a dozen`, `half a`).

pub(super) const NUMBER_WORDS: [(&str, f64); 12] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
];

/// Number words at the start: `(quantity, tokens used, "dozen" may follow)`.
/// `a`/`an` count only when more words follow, and not before vague amounts
/// (`a few apples`).
pub(super) fn number_words(tokens: &[&str]) -> Option<(f64, usize, bool)> {
    let first = tokens.first()?.to_lowercase();
    let second = tokens.get(1).map(|t| t.to_lowercase());
    let third_is = |word: &str| tokens.get(2).is_some_and(|t| t.eq_ignore_ascii_case(word));
    match first.as_str() {
        "a" | "an" => match second.as_deref()? {
            "dozen" => Some((12.0, 2, false)),
            "couple" => {
                let used = if third_is("of") && tokens.len() > 3 {
                    3
                } else {
                    2
                };
                Some((2.0, used, false))
            }
            // vague amounts are words, not a count of one
            "few" | "lot" | "lots" | "little" | "bit" => None,
            _ => Some((1.0, 1, false)),
        },
        "half" => match second.as_deref()? {
            "a" | "an" if third_is("dozen") => Some((6.0, 3, false)),
            "a" | "an" => Some((0.5, 2, false)),
            _ => None,
        },
        "dozen" => Some((12.0, 1, false)),
        word => NUMBER_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|&(_, n)| (n, 1, true)),
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
