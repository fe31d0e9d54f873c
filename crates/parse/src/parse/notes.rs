//! Notes: parenthesised remarks and a trailing ` - remark`.

use super::split::{collapse, is_wordish};

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
pub(super) fn split_dash_note(s: &str) -> (&str, Option<String>) {
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
pub(super) fn extract_paren_notes(s: &str) -> (String, Vec<String>) {
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
