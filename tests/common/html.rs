//! Reading pages: form encoding, escaping, and picking values out of HTML.

/// `application/x-www-form-urlencoded`.
pub fn form_encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", url_encode(k), url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The text between `start` and the next `end` after it.
pub fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

/// The `csrf_token` value of the first form on a page.
pub fn csrf_from(html: &str) -> Option<String> {
    between(html, r#"name="csrf_token" value=""#, "\"").map(str::to_string)
}

/// The text of the first `role="alert"` element, unescaped.
pub fn alert_message(html: &str) -> Option<String> {
    let at = html.find(r#"role="alert""#)?;
    let rest = &html[at..];
    let text = between(rest, ">", "</")?;
    Some(unescape(text.trim()))
}

/// The text of `<code class="token">…</code>` (a new API token or invite URL), unescaped.
pub fn code_token(html: &str) -> Option<String> {
    between(html, r#"<code class="token">"#, "</code>").map(|s| unescape(s.trim()))
}

/// Every number that follows `prefix` in `s`, in order (e.g. ids in `href="/lists/`).
pub fn numbers_after(s: &str, prefix: &str) -> Vec<i64> {
    s.match_indices(prefix)
        .filter_map(|(at, _)| {
            let digits: String = s[at + prefix.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

/// The options of a `<select id="…">`: (value, label unescaped).
pub fn select_options(html: &str, select_id: &str) -> Vec<(String, String)> {
    let Some(start) = html.find(&format!(r#"<select id="{select_id}""#)) else {
        return Vec::new();
    };
    let rest = &html[start..];
    let block = &rest[..rest.find("</select>").unwrap_or(rest.len())];
    block
        .split("<option value=\"")
        .skip(1)
        .filter_map(|o| {
            let (value, after) = o.split_once('"')?;
            let label = between(after, ">", "</option>")?;
            Some((value.to_string(), unescape(label)))
        })
        .collect()
}

/// The id of the option labelled `label` in a `<select>`.
pub fn option_value(html: &str, select_id: &str, label: &str) -> String {
    select_options(html, select_id)
        .into_iter()
        .find(|(_, l)| l == label)
        .map(|(v, _)| v)
        .unwrap_or_else(|| panic!("no option {label:?} in select#{select_id}"))
}

/// Escapes like askama does: `"&'<>` as decimal character references.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '&' => out.push_str("&#38;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            c => out.push(c),
        }
    }
    out
}

/// Reverses HTML escaping: named entities for `&<>"'` and numeric references.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
