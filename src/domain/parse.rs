//! Item text parsing: turns what people type or paste into list items.
//!
//! See DESIGN.md "Item text parsing". The guiding rule is that nothing the user
//! typed is lost: a token is consumed only when it is recognised as a quantity,
//! a unit, a multiplier (`x2`), a filler `of`, a list marker or note brackets;
//! every other word ends up in the name or the note, in the user's own case.
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
//! - A quantity of zero, or a quantity with nothing left for the name, is not a
//!   quantity: `0 eggs` and `2` keep all their words as the name.
//! - `half a …` is ½, `a couple (of) …` is 2, `N dozen …` is N × 12.
//! - A trailing multiplier (`eggs x2`) counts only when there is no leading quantity.
//! - Several remarks (`(a)`, `(b)`, ` - c`) are joined into one note with `; `.
//! - An unclosed `(` starts a trailing remark: `milk (organic` → note "organic".

use super::units::Unit;

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
    let note = if notes.is_empty() {
        None
    } else {
        Some(notes.join("; "))
    };
    Some(ParsedItem {
        quantity,
        unit,
        name,
        note,
    })
}

// ---------------------------------------------------------------------------
// Splitting

fn split_pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let protected = protected_by_parens(&chars);
        let mut start = 0;
        for (k, &(i, c)) in chars.iter().enumerate() {
            let separator = match c {
                ';' => true,
                ',' => {
                    let digit_before = k > 0 && chars[k - 1].1.is_ascii_digit();
                    let digit_after = chars.get(k + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
                    !(digit_before && digit_after)
                }
                _ => false,
            };
            if separator && !protected[k] {
                out.push(&line[start..i]);
                start = i + c.len_utf8();
            }
        }
        out.push(&line[start..]);
    }
    out
}

/// For each char, whether it lies inside a matched pair of parentheses.
fn protected_by_parens(chars: &[(usize, char)]) -> Vec<bool> {
    let mut delta = vec![0i32; chars.len() + 1];
    let mut stack = Vec::new();
    for (k, &(_, c)) in chars.iter().enumerate() {
        match c {
            '(' => stack.push(k),
            ')' => {
                if let Some(open) = stack.pop() {
                    delta[open] += 1;
                    delta[k + 1] -= 1;
                }
            }
            _ => {}
        }
    }
    let mut depth = 0;
    delta[..chars.len()]
        .iter()
        .map(|d| {
            depth += d;
            depth > 0
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Cleaning: whitespace, list markers, notes

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Bullets and checkboxes pasted from notes apps (also treated as punctuation).
const BULLETS: [char; 16] = [
    '•', '·', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '☐', '☑', '☒', '✓', '✔',
];

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || ('\u{2000}'..='\u{206F}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || matches!(c, '¡' | '¿' | '«' | '»' | '×')
        || BULLETS.contains(&c)
}

/// A character that carries meaning: anything but whitespace and punctuation.
fn is_wordish(c: char) -> bool {
    !c.is_whitespace() && !is_punct(c)
}

/// Strips leading bullets, checkboxes and numbered-list markers (repeatedly,
/// so `- [ ] milk` works), but never down to nothing.
fn strip_markers(s: &str) -> &str {
    let mut current = s;
    while let Some(rest) = strip_one_marker(current).map(str::trim_start) {
        if rest.is_empty() {
            break;
        }
        current = rest;
    }
    current
}

fn strip_one_marker(s: &str) -> Option<&str> {
    const SPACED: [&str; 5] = ["- ", "* ", "+ ", "– ", "— "];
    const BOXES: [&str; 7] = ["[ ]", "[]", "[x]", "[X]", "[✓]", "[✔]", "[-]"];
    if let Some(rest) = SPACED.iter().find_map(|m| s.strip_prefix(m)) {
        return Some(rest);
    }
    if let Some(rest) = BOXES.iter().find_map(|m| s.strip_prefix(m)) {
        return Some(rest);
    }
    let mut chars = s.chars();
    if chars.next().is_some_and(|c| BULLETS.contains(&c)) {
        return Some(chars.as_str());
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &s[digits..];
        return rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "));
    }
    None
}

/// Top-level matched parenthesis pairs as byte offsets `(open, close)`, and the
/// byte offset of the first `(` that is never closed.
fn paren_pairs(s: &str) -> (Vec<(usize, usize)>, Option<usize>) {
    let mut pairs = Vec::new();
    let mut stack = Vec::new();
    for (i, c) in s.char_indices() {
        match c {
            '(' => stack.push(i),
            ')' => {
                if let Some(open) = stack.pop()
                    && stack.is_empty()
                {
                    pairs.push((open, i));
                }
            }
            _ => {}
        }
    }
    (pairs, stack.first().copied())
}

/// Splits off a trailing ` - remark` (also `–` and `—`): the first spaced dash
/// outside parentheses with a word before it and something after it.
fn split_dash_note(s: &str) -> (&str, Option<String>) {
    let (pairs, _) = paren_pairs(s);
    let inside = |pos: usize| pairs.iter().any(|&(o, c)| o < pos && pos < c);
    let mut best: Option<(usize, usize)> = None;
    for dash in [" - ", " – ", " — "] {
        for (pos, _) in s.match_indices(dash) {
            let before = &s[..pos];
            let after = &s[pos + dash.len()..];
            if inside(pos)
                || !before.chars().any(char::is_alphabetic)
                || !after.chars().any(is_wordish)
            {
                continue;
            }
            if best.is_none_or(|(b, _)| pos < b) {
                best = Some((pos, dash.len()));
            }
            break;
        }
    }
    match best {
        Some((pos, len)) => (&s[..pos], Some(s[pos + len..].trim().to_string())),
        None => (s, None),
    }
}

/// Removes parenthesised remarks from the name and returns them as notes.
/// If nothing would be left of the name, the text is kept whole as the name.
fn extract_paren_notes(s: &str) -> (String, Vec<String>) {
    let (pairs, unclosed) = paren_pairs(s);
    let end = match unclosed {
        Some(open) if s[open + 1..].chars().any(is_wordish) => open,
        _ => s.len(),
    };
    let mut name = String::new();
    let mut notes = Vec::new();
    let mut cursor = 0;
    for &(open, close) in pairs.iter().filter(|&&(_, close)| close < end) {
        name.push_str(&s[cursor..open]);
        name.push(' ');
        let inner = collapse(&s[open + 1..close]);
        if !inner.is_empty() {
            notes.push(inner);
        }
        cursor = close + 1;
    }
    name.push_str(&s[cursor..end]);
    if end < s.len() {
        notes.push(collapse(&s[end + 1..]));
    }
    let name = collapse(&name);
    if name.is_empty() {
        (s.to_string(), Vec::new())
    } else {
        (name, notes)
    }
}

// ---------------------------------------------------------------------------
// Quantity, unit and name

/// A quantity recognised at the start of the tokens.
struct Lead {
    quantity: f64,
    unit: Option<Unit>,
    name: String,
}

fn quantity_unit_name(tokens: &[&str]) -> (Option<f64>, Option<Unit>, String) {
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

fn is_times(token: &str) -> bool {
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

const NUMBER_WORDS: [(&str, f64); 12] = [
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
fn number_words(tokens: &[&str]) -> Option<(f64, usize, bool)> {
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
enum NumKind {
    /// Digits only: `2`.
    Integer,
    /// A proper fraction: `1/2`, `½`.
    Fraction,
    /// Anything else: `1.5`, `1½`, `3/2`.
    Other,
}

struct Num<'a> {
    value: f64,
    rest: &'a str,
    kind: NumKind,
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
fn number_prefix(token: &str) -> Option<Num<'_>> {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    let num = if digits == 0 {
        let mut chars = token.chars();
        let value = vulgar(chars.next()?)?;
        Num {
            value,
            rest: chars.as_str(),
            kind: NumKind::Fraction,
        }
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

/// A token that is exactly a number.
fn plain_number(token: &str) -> Option<f64> {
    number_prefix(token)
        .filter(|n| n.rest.is_empty())
        .map(|n| n.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case = (
        &'static str,
        Option<f64>,
        Option<Unit>,
        &'static str,
        Option<&'static str>,
    );

    /// Single-item cases: input → (quantity, unit, name, note).
    #[rustfmt::skip]
    const ONE: &[Case] = &[
        // plain names and whitespace
        ("milk", None, None, "milk", None),
        ("  Milk  ", None, None, "Milk", None),
        ("whole   milk", None, None, "whole milk", None),
        ("\tsoy\u{a0}sauce ", None, None, "soy sauce", None),
        // integers and units
        ("3 eggs", Some(3.0), None, "eggs", None),
        ("2 cups milk", Some(2.0), Some(Unit::Cup), "milk", None),
        ("1 loaf bread", Some(1.0), Some(Unit::Loaf), "bread", None),
        ("2 lbs Ground Beef", Some(2.0), Some(Unit::Lb), "Ground Beef", None),
        ("3 tablespoons olive oil", Some(3.0), Some(Unit::Tbsp), "olive oil", None),
        ("2 tsp. vanilla", Some(2.0), Some(Unit::Tsp), "vanilla", None),
        ("2 pcs avocado", Some(2.0), Some(Unit::Piece), "avocado", None),
        ("1 head lettuce", Some(1.0), Some(Unit::Head), "lettuce", None),
        ("3 cloves garlic", Some(3.0), Some(Unit::Clove), "garlic", None),
        ("2 Kg potatoes", Some(2.0), Some(Unit::Kg), "potatoes", None),
        ("1 L milk", Some(1.0), Some(Unit::L), "milk", None),
        ("4 slices ham", Some(4.0), Some(Unit::Slice), "ham", None),
        ("2 bunches cilantro", Some(2.0), Some(Unit::Bunch), "cilantro", None),
        ("6 bottles beer", Some(6.0), Some(Unit::Bottle), "beer", None),
        ("2 packets crisps", Some(2.0), Some(Unit::Pack), "crisps", None),
        ("1 gallon milk", Some(1.0), Some(Unit::Gal), "milk", None),
        ("2 tins tomatoes", Some(2.0), Some(Unit::Can), "tomatoes", None),
        ("2 heads of garlic", Some(2.0), Some(Unit::Head), "garlic", None),
        ("half a cup of milk", Some(0.5), Some(Unit::Cup), "milk", None),
        // "of" is dropped only after a unit
        ("2 cups of milk", Some(2.0), Some(Unit::Cup), "milk", None),
        ("a can of beans", Some(1.0), Some(Unit::Can), "beans", None),
        ("2 boxes of cereal", Some(2.0), Some(Unit::Box), "cereal", None),
        ("a pinch of salt", Some(1.0), None, "pinch of salt", None),
        ("2 cups of", Some(2.0), None, "cups of", None),
        // glued units
        ("500g flour", Some(500.0), Some(Unit::G), "flour", None),
        ("1.5kg potatoes", Some(1.5), Some(Unit::Kg), "potatoes", None),
        ("250ml cream", Some(250.0), Some(Unit::Ml), "cream", None),
        ("500g of mince", Some(500.0), Some(Unit::G), "mince", None),
        ("½lb butter", Some(0.5), Some(Unit::Lb), "butter", None),
        // decimals and fractions
        ("1,5 kg flour", Some(1.5), Some(Unit::Kg), "flour", None),
        ("1.5 l water", Some(1.5), Some(Unit::L), "water", None),
        ("1/2 cup sugar", Some(0.5), Some(Unit::Cup), "sugar", None),
        ("1 1/2 cups sugar", Some(1.5), Some(Unit::Cup), "sugar", None),
        ("½ lb butter", Some(0.5), Some(Unit::Lb), "butter", None),
        ("1½ l milk", Some(1.5), Some(Unit::L), "milk", None),
        ("1 ½ cups flour", Some(1.5), Some(Unit::Cup), "flour", None),
        ("¾ cup oats", Some(0.75), Some(Unit::Cup), "oats", None),
        ("⅛ tsp salt", Some(0.125), Some(Unit::Tsp), "salt", None),
        ("2¼ cups flour", Some(2.25), Some(Unit::Cup), "flour", None),
        ("3/2 cups rice", Some(1.5), Some(Unit::Cup), "rice", None),
        ("1/0 eggs", None, None, "1/0 eggs", None),
        // a comma between digits is always a decimal comma, never thousands
        ("1,000 g sugar", Some(1.0), Some(Unit::G), "sugar", None),
        // multipliers
        ("eggs x2", Some(2.0), None, "eggs", None),
        ("eggs X 2", Some(2.0), None, "eggs", None),
        ("milk ×2", Some(2.0), None, "milk", None),
        ("milk × 2", Some(2.0), None, "milk", None),
        ("limes 3x", Some(3.0), None, "limes", None),
        ("2x eggs", Some(2.0), None, "eggs", None),
        ("x2 eggs", Some(2.0), None, "eggs", None),
        ("× 3 limes", Some(3.0), None, "limes", None),
        ("2 x eggs", Some(2.0), None, "eggs", None),
        ("2 eggs x3", Some(2.0), None, "eggs x3", None),
        ("xmas crackers", None, None, "xmas crackers", None),
        ("x", None, None, "x", None),
        ("x2", None, None, "x2", None),
        ("2x", None, None, "2x", None),
        // number words
        ("a dozen eggs", Some(12.0), None, "eggs", None),
        ("dozen eggs", Some(12.0), None, "eggs", None),
        ("half a dozen eggs", Some(6.0), None, "eggs", None),
        ("2 dozen eggs", Some(24.0), None, "eggs", None),
        ("two dozen rolls", Some(24.0), None, "rolls", None),
        ("an apple", Some(1.0), None, "apple", None),
        ("A bag of chips", Some(1.0), Some(Unit::Bag), "chips", None),
        ("one onion", Some(1.0), None, "onion", None),
        ("Three lemons", Some(3.0), None, "lemons", None),
        ("twelve eggs", Some(12.0), None, "eggs", None),
        ("a couple of limes", Some(2.0), None, "limes", None),
        ("a couple bananas", Some(2.0), None, "bananas", None),
        ("half a lemon", Some(0.5), None, "lemon", None),
        ("half and half", None, None, "half and half", None),
        ("a", None, None, "a", None),
        ("a few apples", None, None, "a few apples", None),
        ("a little cream", None, None, "a little cream", None),
        ("a dozen", None, None, "a dozen", None),
        ("thirteen eggs", None, None, "thirteen eggs", None),
        // unit-looking words stay in the name
        ("21 seasoning salt", Some(21.0), None, "seasoning salt", None),
        ("2 cans", Some(2.0), None, "cans", None),
        ("2 kg", Some(2.0), None, "kg", None),
        ("500g", Some(500.0), None, "g", None),
        ("can of beans", None, None, "can of beans", None),
        ("1 can opener", Some(1.0), None, "can opener", None),
        ("2 pound cakes", Some(2.0), None, "pound cakes", None),
        ("1 tin foil", Some(1.0), None, "tin foil", None),
        ("2 T sugar", Some(2.0), None, "T sugar", None),
        ("garlic cloves", None, None, "garlic cloves", None),
        // things that are not quantities
        ("0 eggs", None, None, "0 eggs", None),
        ("0.0 kg flour", None, None, "0.0 kg flour", None),
        ("-2 eggs", None, None, "-2 eggs", None),
        ("2", None, None, "2", None),
        ("1 1/2", None, None, "1 1/2", None),
        ("7up", None, None, "7up", None),
        ("2% milk", None, None, "2% milk", None),
        ("A1 sauce", None, None, "A1 sauce", None),
        ("2-3 eggs", None, None, "2-3 eggs", None),
        ("1.5.2 widgets", None, None, "1.5.2 widgets", None),
        // notes
        ("milk (organic)", None, None, "milk", Some("organic")),
        ("2 (large) eggs", Some(2.0), None, "eggs", Some("large")),
        ("milk (organic, local)", None, None, "milk", Some("organic, local")),
        ("milk - the big one", None, None, "milk", Some("the big one")),
        ("Milk – semi skimmed", None, None, "Milk", Some("semi skimmed")),
        ("bread — sliced", None, None, "bread", Some("sliced")),
        ("2 l milk (organic) - farm shop", Some(2.0), Some(Unit::L), "milk", Some("organic; farm shop")),
        ("milk (a) (b)", None, None, "milk", Some("a; b")),
        ("milk (organic", None, None, "milk", Some("organic")),
        ("milk (organic (local))", None, None, "milk", Some("organic (local)")),
        ("milk ()", None, None, "milk", None),
        ("(organic)", None, None, "(organic)", None),
        ("milk )", None, None, "milk )", None),
        ("milk-shake", None, None, "milk-shake", None),
        ("2 - 3 eggs", Some(2.0), None, "- 3 eggs", None),
        ("milk -", None, None, "milk -", None),
        // list markers
        ("- milk", None, None, "milk", None),
        ("* 2 eggs", Some(2.0), None, "eggs", None),
        ("• bread", None, None, "bread", None),
        ("•bread", None, None, "bread", None),
        ("[ ] milk", None, None, "milk", None),
        ("[x] milk", None, None, "milk", None),
        ("- [ ] 2 l milk", Some(2.0), Some(Unit::L), "milk", None),
        ("☐ butter", None, None, "butter", None),
        ("1. milk", None, None, "milk", None),
        ("2. eggs", None, None, "eggs", None),
        ("3) 2 lemons", Some(2.0), None, "lemons", None),
        ("1.", None, None, "1.", None),
        ("-milk", None, None, "-milk", None),
        // unicode and case
        ("2 Äpfel", Some(2.0), None, "Äpfel", None),
        ("3 🥚", Some(3.0), None, "🥚", None),
        ("🍌 bananas", None, None, "🍌 bananas", None),
        ("🥑", None, None, "🥑", None),
        ("200 g Crème fraîche", Some(200.0), Some(Unit::G), "Crème fraîche", None),
        ("1 kg 大米", Some(1.0), Some(Unit::Kg), "大米", None),
        ("Jalapeño", None, None, "Jalapeño", None),
    ];

    #[test]
    fn single_item_table() {
        for &(input, quantity, unit, name, note) in ONE {
            let expected = ParsedItem {
                quantity,
                unit,
                name: name.to_string(),
                note: note.map(str::to_string),
            };
            assert_eq!(
                parse_item(input),
                Some(expected.clone()),
                "parse_item({input:?})"
            );
            assert_eq!(parse_items(input), vec![expected], "parse_items({input:?})");
        }
    }

    fn item(q: Option<f64>, unit: Option<Unit>, name: &str) -> ParsedItem {
        ParsedItem {
            quantity: q,
            unit,
            name: name.to_string(),
            note: None,
        }
    }

    #[test]
    fn multi_item_table() {
        let cases: Vec<(&str, Vec<ParsedItem>)> = vec![
            (
                "2 cups milk, 1 loaf bread, 3 eggs",
                vec![
                    item(Some(2.0), Some(Unit::Cup), "milk"),
                    item(Some(1.0), Some(Unit::Loaf), "bread"),
                    item(Some(3.0), None, "eggs"),
                ],
            ),
            (
                "1,5 kg flour, 2 eggs",
                vec![
                    item(Some(1.5), Some(Unit::Kg), "flour"),
                    item(Some(2.0), None, "eggs"),
                ],
            ),
            (
                "milk\neggs\r\nbread\n",
                vec![
                    item(None, None, "milk"),
                    item(None, None, "eggs"),
                    item(None, None, "bread"),
                ],
            ),
            (
                "milk; eggs;bread",
                vec![
                    item(None, None, "milk"),
                    item(None, None, "eggs"),
                    item(None, None, "bread"),
                ],
            ),
            (
                "milk,,  , eggs,\n\n;  ;",
                vec![item(None, None, "milk"), item(None, None, "eggs")],
            ),
            (
                "- milk\n- 2 eggs\n- [ ] bread",
                vec![
                    item(None, None, "milk"),
                    item(Some(2.0), None, "eggs"),
                    item(None, None, "bread"),
                ],
            ),
            (
                "1. milk\n2. eggs\n3. 500g flour",
                vec![
                    item(None, None, "milk"),
                    item(None, None, "eggs"),
                    item(Some(500.0), Some(Unit::G), "flour"),
                ],
            ),
            (
                "eggs,2 apples",
                vec![item(None, None, "eggs"), item(Some(2.0), None, "apples")],
            ),
            (
                "milk (organic, local), eggs",
                vec![
                    ParsedItem {
                        note: Some("organic, local".to_string()),
                        ..item(None, None, "milk")
                    },
                    item(None, None, "eggs"),
                ],
            ),
            (
                "milk (organic\neggs, bread",
                vec![
                    ParsedItem {
                        note: Some("organic".to_string()),
                        ..item(None, None, "milk")
                    },
                    item(None, None, "eggs"),
                    item(None, None, "bread"),
                ],
            ),
            (
                "• 2 Äpfel\n• 🥛 milk x2",
                vec![
                    item(Some(2.0), None, "Äpfel"),
                    item(Some(2.0), None, "🥛 milk"),
                ],
            ),
            ("", vec![]),
            ("   \n\t ", vec![]),
            (", ; ,", vec![]),
            ("- \n* \n[ ]\n...", vec![]),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_items(input), expected, "parse_items({input:?})");
        }
    }

    #[test]
    fn punctuation_only_is_nothing() {
        for input in ["", " ", "-", "...", "()", "- [ ]", "•", "—", "¿?"] {
            assert_eq!(parse_item(input), None, "{input:?}");
        }
    }

    #[test]
    fn huge_and_hostile_input_does_not_panic() {
        let long = "eggs, 1½ kg flour (organic) - note; ".repeat(300);
        assert!(long.len() > 10_000);
        assert_eq!(parse_items(&long).len(), 600);
        let one_word = "a".repeat(10_000);
        assert_eq!(parse_items(&one_word)[0].name, one_word);
        let digits = "9".repeat(10_000);
        let item = parse_item(&format!("{digits} eggs")).unwrap();
        assert_eq!(
            item.quantity, None,
            "an infinite quantity is not a quantity"
        );
        let parens = "(".repeat(5_000) + &")".repeat(5_000);
        let _ = parse_items(&parens);
        let mixed = "½⅓x×,.;:()[]- –—•é🥚 1/ 2/0 ".repeat(400);
        let _ = parse_items(&mixed);
    }

    /// Words the parser may consume: quantities, units, multipliers, fillers,
    /// markers and note brackets.
    fn consumable(word: &str) -> bool {
        let w = word.trim_matches(|c: char| is_punct(c) && c != '×' && c != '⁄');
        let lower = w.to_lowercase();
        w.is_empty()
            || is_times(w)
            || Unit::recognise(w).is_some()
            || number_prefix(w).is_some_and(|n| {
                n.rest.is_empty() || is_times(n.rest) || Unit::recognise(n.rest).is_some()
            })
            || w.strip_prefix(['x', 'X', '×'])
                .and_then(plain_number)
                .is_some()
            || matches!(
                lower.as_str(),
                "a" | "an" | "of" | "half" | "dozen" | "couple" | "x]"
            )
            || NUMBER_WORDS.iter().any(|(n, _)| *n == lower)
    }

    #[test]
    fn no_user_word_is_lost() {
        let mut inputs: Vec<&str> = ONE.iter().map(|c| c.0).collect();
        inputs.extend([
            "2 cups milk, 1 loaf bread, 3 eggs",
            "Tomatoes (ripe) - for the sauce, 2 heads of garlic; 1 bunch Coriander",
            "- [ ] 3 x Greek yoghurt\n- [x] kitchen roll (the soft one)",
            "a can of chickpeas - the cheap ones (any brand)",
            "1,5 l Apfelsaft, ½ Wassermelone, 3 Brötchen",
            "tofu extra firm x2, 2 pkg tempeh, a couple of limes",
            "12 eggs free range; 6 pints milk; half a dozen bagels",
            "cheese ((strong)) - cheddar - mature",
            "21 seasoning salt, 2 kg, 500g, 2, a, x2",
            "🍕 pizza night: 2 bases, 1 jar of sauce, 200 g mozzarella",
        ]);
        for input in inputs {
            let items = parse_items(input);
            let mut kept = String::new();
            for item in &items {
                kept.push_str(&item.name);
                kept.push(' ');
                if let Some(note) = &item.note {
                    kept.push_str(note);
                    kept.push(' ');
                }
            }
            for word in input.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';')) {
                let bare = word.trim_matches(|c: char| is_punct(c) && c != '×');
                if consumable(bare) {
                    continue;
                }
                assert!(
                    kept.contains(bare),
                    "{input:?}: word {bare:?} lost; got {items:?}"
                );
            }
        }
    }

    #[test]
    fn number_prefix_kinds() {
        let n = number_prefix("12").unwrap();
        assert_eq!((n.value, n.rest, n.kind), (12.0, "", NumKind::Integer));
        let n = number_prefix("1/4").unwrap();
        assert_eq!((n.value, n.kind), (0.25, NumKind::Fraction));
        let n = number_prefix("5/4kg").unwrap();
        assert_eq!((n.value, n.rest, n.kind), (1.25, "kg", NumKind::Other));
        let n = number_prefix("⅔").unwrap();
        assert_eq!(n.kind, NumKind::Fraction);
        assert!((n.value - 2.0 / 3.0).abs() < 1e-12);
        assert!(number_prefix("2.").is_none());
        assert!(number_prefix("abc").is_none());
        assert!(number_prefix("").is_none());
    }
}
