//! Plain sentences for bodies that could not be read: a form or JSON with a field missing,
//! a value of the wrong type, text that is not UTF-8. What serde and Rocket say ("missing
//! field `version` at line 1 column 17") is for the log; the person gets what to fix.

use rocket::form::error::{ErrorKind, Errors};

/// A form body whose bytes are not UTF-8.
fn utf8() -> String {
    "the form sent text that is not valid UTF-8; check for odd characters, reload the page \
     and try again"
        .to_string()
}

/// What is wrong with a form, one clause per problem (without the final full stop).
pub fn form_errors(errors: &Errors<'_>) -> String {
    let mut said: Vec<String> = Vec::new();
    for e in errors.iter() {
        let field = e
            .name
            .as_ref()
            .map(|n| n.to_string())
            .filter(|n| !n.is_empty());
        // Rocket reads a body that is not UTF-8 as an I/O error about "UTF-8", unnamed.
        let kind = e.kind.to_string().to_ascii_lowercase();
        let not_utf8 =
            matches!(e.kind, ErrorKind::Utf8(_)) || kind.contains("utf-8") || kind.contains("utf8");
        let clause = match (&e.kind, field) {
            _ if not_utf8 => utf8(),
            (ErrorKind::Missing, Some(f)) => format!(
                "the form has no “{f}” field; it may be from an older page, so reload the \
                 page and try again"
            ),
            (ErrorKind::Int(_) | ErrorKind::Float(_), Some(f)) => {
                format!("“{f}” must be a number")
            }
            (ErrorKind::Bool(_), Some(f)) => format!("“{f}” must be yes or no"),
            (ErrorKind::InvalidLength { .. }, Some(f)) => format!("“{f}” is too long"),
            (ErrorKind::Duplicate, Some(f)) => format!("the form sent “{f}” twice"),
            (ErrorKind::Validation(why), Some(f)) => format!("“{f}”: {why}"),
            (_, Some(f)) => {
                format!("the form's “{f}” field could not be read; reload the page and try again")
            }
            (_, None) => "the form could not be read; reload the page and try again".to_string(),
        };
        if !said.contains(&clause) {
            said.push(clause);
        }
    }
    if said.is_empty() {
        return "the form could not be read; reload the page and try again".to_string();
    }
    said.join("; ")
}

/// A JSON type as a person names it.
fn kind(serde: &str) -> String {
    let serde = serde.trim();
    let named = match serde {
        s if s.starts_with("integer") => "a number",
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            "a whole number"
        }
        "f32" | "f64" | "floating point" => "a number",
        "a boolean" | "boolean" | "bool" => "true or false",
        "a string" | "string" => "text in quotes",
        "a sequence" | "sequence" => "a list",
        "a map" | "map" => "an object",
        "null" => "null",
        s if s.starts_with("struct ") || s.starts_with("a map") => "an object",
        s if s.starts_with("string ") => "text in quotes",
        s if s.starts_with("floating point") => "a number",
        s if s.starts_with("boolean") => "true or false",
        s if s.starts_with("sequence") => "a list",
        s if s.starts_with("unit") => "null",
        s if s.starts_with("map") => "an object",
        _ => serde,
    };
    named.to_string()
}

/// What is wrong with a JSON body that does not fit the shape a request needs.
pub fn json_shape(e: &serde_json::Error) -> String {
    // serde's message, without the position it appends.
    let full = e.to_string();
    let message = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    let quoted = |s: &str| s.split('`').nth(1).map(str::to_string);
    if let Some(rest) = message.strip_prefix("missing field ") {
        let field = quoted(rest).unwrap_or_default();
        return format!("the field `{field}` is missing");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = quoted(rest).unwrap_or_default();
        return format!("the field `{field}` is not one this request takes; leave it out");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let value = quoted(rest).unwrap_or_default();
        let choices = rest
            .split_once("expected ")
            .map(|(_, c)| c.replace("one of ", ""))
            .unwrap_or_default();
        return format!("`{value}` is not one of the choices ({choices})");
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        // A list given where an object belongs (serde reads a struct from a sequence too).
        if rest.contains("expected struct ") {
            return "a value has the wrong type: aisle found a list where an object belongs"
                .to_string();
        }
        return "a list has the wrong number of entries; docs/API.md shows what each field takes"
            .to_string();
    }
    for (prefix, what) in [
        ("invalid type: ", "has the wrong type"),
        ("invalid value: ", "is not acceptable"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            let found = kind(found.split(' ').next().unwrap_or(found));
            return format!(
                "a value {what}: aisle found {found} where {} belongs",
                kind(expected)
            );
        }
    }
    if message.starts_with("data did not match any variant") {
        return "a value has the wrong type; docs/API.md shows what each field takes".to_string();
    }
    "the JSON does not have the shape this request needs; docs/API.md shows each request's body"
        .to_string()
}

/// What is wrong with a body that is not JSON at all.
pub fn json_syntax(e: &serde_json::Error, body: &[u8]) -> String {
    if body.iter().all(u8::is_ascii_whitespace) {
        return "the body is empty; send a JSON object".to_string();
    }
    if std::str::from_utf8(body).is_err() {
        return "the body is not valid UTF-8 text; send JSON encoded as UTF-8".to_string();
    }
    format!(
        "the body is not valid JSON; check it near line {}, character {}",
        e.line(),
        e.column()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        version: i64,
        name: String,
        kind: Option<Kind>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Add,
        Check,
    }

    fn shape(json: &str) -> String {
        json_shape(&serde_json::from_str::<Body>(json).unwrap_err())
    }

    #[test]
    fn json_shape_errors_are_said_plainly() {
        assert_eq!(shape(r#"{"name": "x"}"#), "the field `version` is missing");
        assert_eq!(
            shape(r#"{"version": 1, "name": "x", "colour": 2}"#),
            "the field `colour` is not one this request takes; leave it out"
        );
        assert_eq!(
            shape(r#"{"version": "two", "name": "x"}"#),
            "a value has the wrong type: aisle found text in quotes where a whole number belongs"
        );
        assert_eq!(
            shape(r#"{"version": 1, "name": "x", "kind": "fly"}"#),
            "`fly` is not one of the choices (`add` or `check`)"
        );
        for said in [
            shape(r#"{"name": "x"}"#),
            shape(r#"{"version": true, "name": "x"}"#),
        ] {
            assert!(!said.contains("line"), "{said}");
        }
    }

    #[test]
    fn json_syntax_errors_say_where_or_why() {
        let err = |b: &[u8]| json_syntax(&serde_json::from_slice::<Body>(b).unwrap_err(), b);
        assert_eq!(err(b"  "), "the body is empty; send a JSON object");
        assert_eq!(
            err(b"{\"name\": \"\xff\"}"),
            "the body is not valid UTF-8 text; send JSON encoded as UTF-8"
        );
        assert_eq!(
            err(b"{\"name\": "),
            "the body is not valid JSON; check it near line 1, character 9"
        );
    }
}
