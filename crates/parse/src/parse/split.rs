//! Splitting a paste into pieces, and cleaning a piece: whitespace, bullets, checkboxes and
//! numbered-list markers.

/// The pieces of a paste: split on newlines, `;` and `,`, except a decimal comma and
/// separators inside parentheses.
pub(super) fn split_pieces(text: &str) -> Vec<&str> {
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

/// Trims and collapses inner whitespace.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Bullets and checkboxes pasted from notes apps (also treated as punctuation).
const BULLETS: [char; 16] = [
    '•', '·', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '☐', '☑', '☒', '✓', '✔',
];

pub(super) fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || ('\u{2000}'..='\u{206F}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || matches!(c, '¡' | '¿' | '«' | '»' | '×')
        || BULLETS.contains(&c)
}

/// A character that carries meaning: anything but whitespace and punctuation.
pub(super) fn is_wordish(c: char) -> bool {
    !c.is_whitespace() && !is_punct(c)
}

/// Strips leading bullets, checkboxes and numbered-list markers (repeatedly,
/// so `- [ ] milk` works), but never down to nothing.
pub(super) fn strip_markers(s: &str) -> &str {
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
