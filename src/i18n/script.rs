//! The words of the page scripts (`assets/*.js`) in each language, as a small static
//! script: `/assets/{hash}/i18n/{code}.js`, loaded by every page before the others
//! (templates/base.html) and kept by the service worker with the app shell.
//!
//! It sets `self.aisleText` to the language's `js-*` messages (`locales/<code>/js.ftl`),
//! with the `unit-*` and `money` messages that rows and totals are written with (so a row
//! the page renders reads exactly like one the server renders), made from the Fluent
//! syntax tree at first use: translators only edit `.ftl` files. A message the language
//! lacks is taken from English, as [`Lang::with`] does.
//!
//! A message is one of:
//! - a string, its variables kept as `{ $name }` for app.js to fill in;
//! - a select on a variable: `{"$": "n", "*": "other", "one": …, "other": …}`, its
//!   variants (a plural category, a number or a word) messages again and `*` naming the
//!   default; app.js picks by the number (`Intl.PluralRules` of the page's language) or the
//!   word;
//! - an array of these, for text around a select.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use fluent_syntax::ast::{self, Expression, InlineExpression, PatternElement, VariantKey};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::{Files, Lang, SOURCE};
use crate::domain::units::Unit;

/// Whether the scripts get message `id`: their own, units, and money.
fn wanted(id: &str) -> bool {
    id.starts_with("js-") || id.starts_with("unit-") || id == "money"
}

/// How deep messages and terms may reference each other (a cycle stops there).
const MAX_DEPTH: usize = 8;

/// One language's script.
struct Script {
    /// Its name among the assets: `i18n/de.js`.
    name: String,
    source: String,
    /// Its content hash, as in its URL.
    hash: String,
    url: String,
}

static SCRIPTS: LazyLock<Vec<Script>> = LazyLock::new(|| {
    let english = entries(SOURCE);
    Lang::all()
        .map(|lang| {
            let own = if lang == Lang::EN {
                None
            } else {
                Some(entries(lang.code()))
            };
            let source = source(lang, &english, own.as_ref());
            let hash: String = Sha256::digest(source.as_bytes())[..6]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let name = format!("i18n/{}.js", lang.code());
            Script {
                url: format!("/assets/{hash}/{name}"),
                name,
                source,
                hash,
            }
        })
        .collect()
});

fn script(lang: Lang) -> &'static Script {
    let all = &*SCRIPTS;
    &all[Lang::all()
        .position(|l| l == lang)
        .unwrap_or(0)
        .min(all.len() - 1)]
}

impl Lang {
    /// The URL of this language's words for the page scripts (content-hashed).
    pub fn script_url(self) -> &'static str {
        &script(self).url
    }
}

/// Every language's script as an asset: (name, content hash, text).
pub fn assets() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    SCRIPTS
        .iter()
        .map(|s| (s.name.as_str(), s.hash.as_str(), s.source.as_str()))
}

/// The text of the script named `name` (`i18n/de.js`), if it is one.
pub fn asset(name: &str) -> Option<&'static str> {
    SCRIPTS
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.source.as_str())
}

/// A language's wanted messages, compiled, by id.
struct Entries {
    messages: BTreeMap<String, Value>,
}

/// The wanted messages of language `code`, from its files.
fn entries(code: &str) -> Entries {
    let prefix = format!("{code}/");
    let mut paths: Vec<_> = Files::iter().filter(|p| p.starts_with(&prefix)).collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| Files::get(p))
        .map(|f| String::from_utf8_lossy(&f.data).into_owned())
        .collect();
    Entries {
        messages: compile(&texts),
    }
}

/// The wanted messages of the Fluent files `texts` (one language), compiled from their
/// syntax trees. A file with an error still gives its good entries, as Fluent's do (the
/// bundle's loader logs the error).
fn compile(texts: &[String]) -> BTreeMap<String, Value> {
    let resources: Vec<ast::Resource<&str>> = texts
        .iter()
        .map(|t| fluent_syntax::parser::parse(t.as_str()).unwrap_or_else(|(r, _)| r))
        .collect();
    let mut scope = Scope::default();
    for entry in resources.iter().flat_map(|r| &r.body) {
        match entry {
            ast::Entry::Message(m) => {
                scope.messages.insert(m.id.name, m);
            }
            ast::Entry::Term(t) => {
                scope.terms.insert(t.id.name, t);
            }
            _ => {}
        }
    }
    scope
        .messages
        .iter()
        .filter(|(id, _)| wanted(id))
        .filter_map(|(id, m)| Some((id.to_string(), scope.pattern(m.value.as_ref()?, 0))))
        .collect()
}

/// The messages and terms of one language, by id, that references resolve in.
#[derive(Default)]
struct Scope<'a> {
    messages: HashMap<&'a str, &'a ast::Message<&'a str>>,
    terms: HashMap<&'a str, &'a ast::Term<&'a str>>,
}

impl Scope<'_> {
    /// A pattern as the script holds it: a string, a select, or an array of them.
    fn pattern(&self, pattern: &ast::Pattern<&str>, depth: usize) -> Value {
        let mut parts = Parts::default();
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => parts.text(value),
                PatternElement::Placeable { expression } => {
                    self.expression(expression, depth, &mut parts)
                }
            }
        }
        parts.finish()
    }

    fn expression(&self, expression: &Expression<&str>, depth: usize, parts: &mut Parts) {
        match expression {
            Expression::Inline(inline) => self.inline(inline, depth, parts),
            Expression::Select { selector, variants } => {
                let Some(variable) = variable(selector) else {
                    // Not on a variable (a term's attribute): its default is what shows.
                    if let Some(v) = variants.iter().find(|v| v.default) {
                        parts.value(self.pattern(&v.value, depth));
                    }
                    return;
                };
                let mut select = Map::new();
                select.insert("$".into(), Value::String(variable.to_string()));
                for v in variants {
                    let key = match &v.key {
                        VariantKey::Identifier { name } => name.to_string(),
                        VariantKey::NumberLiteral { value } => number_key(value),
                    };
                    if v.default {
                        select.insert("*".into(), Value::String(key.clone()));
                    }
                    select.insert(key, self.pattern(&v.value, depth));
                }
                parts.value(Value::Object(select));
            }
        }
    }

    fn inline(&self, inline: &InlineExpression<&str>, depth: usize, parts: &mut Parts) {
        match inline {
            InlineExpression::StringLiteral { value } => {
                parts.text(&fluent_syntax::unicode::unescape_unicode_to_string(value))
            }
            InlineExpression::NumberLiteral { value } => parts.text(value),
            InlineExpression::VariableReference { id } => {
                parts.text(&format!("{{ ${} }}", id.name))
            }
            InlineExpression::FunctionReference { arguments, .. } => {
                // NUMBER($n, …) and the like: the value itself.
                if let Some(first) = arguments.positional.first() {
                    self.inline(first, depth, parts);
                }
            }
            InlineExpression::MessageReference { id, attribute } => {
                let message = self.messages.get(id.name).filter(|_| depth < MAX_DEPTH);
                let pattern = message.and_then(|m| match attribute {
                    None => m.value.as_ref(),
                    Some(a) => m
                        .attributes
                        .iter()
                        .find(|x| x.id.name == a.name)
                        .map(|x| &x.value),
                });
                match pattern {
                    Some(p) => parts.value(self.pattern(p, depth + 1)),
                    None => parts.text(id.name),
                }
            }
            InlineExpression::TermReference { id, attribute, .. } => {
                let term = self.terms.get(id.name).filter(|_| depth < MAX_DEPTH);
                let pattern = term.and_then(|t| match attribute {
                    None => Some(&t.value),
                    Some(a) => t
                        .attributes
                        .iter()
                        .find(|x| x.id.name == a.name)
                        .map(|x| &x.value),
                });
                match pattern {
                    Some(p) => parts.value(self.pattern(p, depth + 1)),
                    None => parts.text(&format!("-{}", id.name)),
                }
            }
            InlineExpression::Placeable { expression } => self.expression(expression, depth, parts),
        }
    }
}

/// The variable a selector selects on (`$n`, `NUMBER($n)`).
fn variable<'a>(selector: &InlineExpression<&'a str>) -> Option<&'a str> {
    match selector {
        InlineExpression::VariableReference { id } => Some(id.name),
        InlineExpression::FunctionReference { arguments, .. } => {
            variable(arguments.positional.first()?)
        }
        _ => None,
    }
}

/// A number variant's key as JavaScript writes the number (`1`, `1.5`), which app.js
/// matches against `String(n)`.
fn number_key(value: &str) -> String {
    value
        .parse::<f64>()
        .map_or_else(|_| value.to_string(), |n| n.to_string())
}

/// The pieces of a pattern being compiled: texts run together, selects between them.
#[derive(Default)]
struct Parts(Vec<Value>);

impl Parts {
    fn text(&mut self, text: &str) {
        if let Some(Value::String(last)) = self.0.last_mut() {
            last.push_str(text);
        } else {
            self.0.push(Value::String(text.to_string()));
        }
    }

    /// A compiled pattern, spliced in.
    fn value(&mut self, value: Value) {
        match value {
            Value::String(s) => self.text(&s),
            Value::Array(items) => items.into_iter().for_each(|v| self.value(v)),
            other => self.0.push(other),
        }
    }

    fn finish(mut self) -> Value {
        match self.0.len() {
            0 => Value::String(String::new()),
            1 => self.0.pop().unwrap_or_default(),
            _ => Value::Array(self.0),
        }
    }
}

/// The script of `lang`: English overlaid with its own messages.
fn source(lang: Lang, english: &Entries, own: Option<&Entries>) -> String {
    let mut messages = english.messages.clone();
    if let Some(own) = own {
        messages.extend(own.messages.clone());
    }
    // The reader (assets/parse/) writes amounts in English ("2 cups"): the unit words it
    // uses, by their canonical unit, so the page can write them in its own language.
    let mut reader_units = BTreeMap::new();
    for &unit in Unit::ALL {
        for q in [1.0, 2.0] {
            let label = unit.label(Some(q));
            if label != unit.as_str() {
                reader_units.insert(label, unit.as_str());
            }
        }
    }
    let words = json!({
        "lang": lang.code(),
        "decimal": lang.decimal_mark(),
        "messages": messages,
        "readerUnits": reader_units,
    });
    let json = serde_json::to_string(&words).unwrap_or_else(|_| "{}".into());
    format!(
        "// aisle: the page scripts' words in {} ({}), made from locales/{}/*.ftl.\n\
         self.aisleText = {};\n",
        comment(&lang.name()),
        lang.code(),
        lang.code(),
        safe(&json)
    )
}

/// JSON that reads the same as a script anywhere: no `<` (no `</script>` or `<!--` in
/// it), and no line or paragraph separator (line ends to older JavaScript).
fn safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// Text for a `//` comment: one line.
fn comment(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && *c != '\u{2028}' && *c != '\u{2029}')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Arg;

    fn de() -> Lang {
        Lang::from_code("de").expect("German is in locales/")
    }

    /// The CLDR plural category of `n` in a language, as `Intl.PluralRules` gives it to
    /// app.js (French: 0 and 1.5 are `one`), asked of Fluent.
    fn plural_category(code: &str, n: f64) -> String {
        use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
        let source = "c = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n \
                      [many] many\n *[other] other\n}\n";
        let Ok(resource) = FluentResource::try_new(source.to_string()) else {
            panic!("the plural probe parses");
        };
        let Ok(id) = code.parse() else {
            panic!("{code} is a language identifier");
        };
        let mut bundle = FluentBundle::new(vec![id]);
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        let Some(pattern) = bundle.get_message("c").and_then(|m| m.value()) else {
            panic!("the plural probe has its message");
        };
        let mut args = FluentArgs::new();
        args.set("n", n);
        bundle
            .format_pattern(pattern, Some(&args), &mut vec![])
            .into_owned()
    }

    /// A compiled message filled in as app.js fills it (`fill` in assets/app.js): the
    /// plural category of `n` is the language's (`Intl.PluralRules`).
    fn fill(p: &Value, args: &[(&str, Arg<'_>)], decimal: &str, code: &str) -> String {
        let shown = |a: &Arg<'_>| match *a {
            Arg::Text(s) => s.to_string(),
            Arg::Number(n) => n.to_string().replace('.', decimal),
        };
        match p {
            Value::String(s) => {
                let mut out = s.clone();
                for (name, value) in args {
                    out = out.replace(&format!("{{ ${name} }}"), &shown(value));
                }
                out
            }
            Value::Array(parts) => parts.iter().map(|x| fill(x, args, decimal, code)).collect(),
            Value::Object(select) => {
                let value = args.iter().find(|(n, _)| Some(*n) == select["$"].as_str());
                let mut key = select["*"].as_str().unwrap_or_default().to_string();
                match value.map(|(_, v)| *v) {
                    Some(Arg::Number(n)) => {
                        let category = plural_category(code, n);
                        if select.contains_key(&n.to_string()) {
                            key = n.to_string();
                        } else if select.contains_key(&category) {
                            key = category;
                        }
                    }
                    Some(Arg::Text(t)) if select.contains_key(t) && t != "$" && t != "*" => {
                        key = t.into();
                    }
                    _ => {}
                }
                fill(&select[&key], args, decimal, code)
            }
            _ => String::new(),
        }
    }

    /// The variables of a compiled message, and the words its selects choose between.
    fn variables(p: &Value, found: &mut BTreeMap<String, Vec<String>>) {
        match p {
            Value::String(s) => {
                for part in s.split("{ $").skip(1) {
                    if let Some(name) = part.split(" }").next() {
                        found.entry(name.to_string()).or_default();
                    }
                }
            }
            Value::Array(parts) => parts.iter().for_each(|x| variables(x, found)),
            Value::Object(select) => {
                let name = select["$"].as_str().unwrap_or_default().to_string();
                let keys = found.entry(name).or_default();
                keys.extend(select.keys().filter(|k| *k != "$" && *k != "*").cloned());
                keys.push("unheard-of".into());
                for (key, value) in select {
                    if key != "$" && key != "*" {
                        variables(value, found);
                    }
                }
            }
            _ => {}
        }
    }

    /// Every message the scripts get, in every language, says what the server says with
    /// the same values: plurals, word selects and placeholders included.
    #[test]
    fn the_script_says_what_the_server_says() {
        let english = entries(SOURCE);
        for lang in Lang::all() {
            let mut messages = english.messages.clone();
            messages.extend(entries(lang.code()).messages);
            assert!(messages.contains_key("unit-cup") && messages.contains_key("money"));
            for (id, compiled) in &messages {
                let mut vars = BTreeMap::new();
                variables(compiled, &mut vars);
                let mut cases: Vec<Vec<(String, Option<String>, f64)>> = vec![vec![]];
                for (name, words) in &vars {
                    let values: Vec<(Option<String>, f64)> = if name == "n" {
                        [1.0, 3.0, 0.0, 1.5].map(|n| (None, n)).to_vec()
                    } else if words.is_empty() {
                        vec![(Some(format!("<{name} \\ \"x\">")), 0.0)]
                    } else {
                        words.iter().map(|w| (Some(w.clone()), 0.0)).collect()
                    };
                    cases = cases
                        .into_iter()
                        .flat_map(|case| {
                            values.iter().map(move |(text, n)| {
                                let mut case = case.clone();
                                case.push((name.clone(), text.clone(), *n));
                                case
                            })
                        })
                        .collect();
                }
                for case in &cases {
                    let args: Vec<(&str, Arg<'_>)> = case
                        .iter()
                        .map(|(name, text, n)| {
                            let value = text.as_deref().map_or(Arg::Number(*n), Arg::Text);
                            (name.as_str(), value)
                        })
                        .collect();
                    assert_eq!(
                        fill(compiled, &args, lang.decimal_mark(), lang.code()),
                        lang.with(id, &args),
                        "{lang} {id} {case:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_js_message_of_english_is_in_german() {
        let english = entries(SOURCE).messages;
        let german = entries("de").messages;
        let js: Vec<&String> = english.keys().filter(|id| id.starts_with("js-")).collect();
        assert!(js.len() > 40, "{js:?}");
        let missing: Vec<_> = js.iter().filter(|id| !german.contains_key(**id)).collect();
        assert!(missing.is_empty(), "de lacks {missing:?}");
    }

    #[test]
    fn plurals_keep_their_variants_and_placeholders() {
        let ftl = r#"
-brand = aisle
other-message = elsewhere
js-plain = Hello { $name }, from { -brand } and { other-message }.
js-count = { $n ->
    [0] nothing
    [one] { $n } thing for { $name }
    [few] { $n } things (few)
   *[other] { $n } things
}
js-around = Before { NUMBER($n) ->
    [one] one
   *[other] many
} after { "{" }.
js-literal = { "quote \" and backslash \\ and \u00E9" }
not-for-scripts = { $n }
"#;
        let compiled = compile(&[ftl.to_string()]);
        assert_eq!(
            compiled.keys().collect::<Vec<_>>(),
            ["js-around", "js-count", "js-literal", "js-plain"]
        );
        assert_eq!(
            compiled["js-plain"],
            "Hello { $name }, from aisle and elsewhere."
        );
        assert_eq!(
            compiled["js-count"],
            json!({"$": "n", "*": "other", "0": "nothing", "one": "{ $n } thing for { $name }",
                "few": "{ $n } things (few)", "other": "{ $n } things"})
        );
        assert_eq!(
            compiled["js-around"],
            json!(["Before ", {"$": "n", "*": "other", "one": "one", "other": "many"}, " after {."])
        );
        assert_eq!(compiled["js-literal"], "quote \" and backslash \\ and é");
    }

    /// Quotes, backslashes and `</script>` in a message cannot end the script's string or
    /// the script, and it reads back as the same words.
    #[test]
    fn the_script_escapes_what_could_break_it() {
        let english = Entries {
            messages: BTreeMap::from([
                (
                    "js-a".to_string(),
                    json!("say \"hi\" \\ </script><!-- \u{2028}"),
                ),
                (
                    "js-b".to_string(),
                    json!({"$": "n", "*": "other", "other": "</SCRIPT>"}),
                ),
            ]),
        };
        let text = source(Lang::EN, &english, None);
        assert!(!text.contains('<') && !text.contains('\u{2028}'), "{text}");
        let json = text
            .split_once("self.aisleText = ")
            .and_then(|(_, rest)| rest.strip_suffix(";\n"))
            .expect("one assignment");
        let back: Value = serde_json::from_str(json).expect("JSON");
        assert_eq!(back["messages"], json!(english.messages));
        assert_eq!(back["lang"], "en");
        assert_eq!(back["decimal"], ".");
        assert_eq!(back["readerUnits"]["cups"], "cup");
        assert_eq!(back["readerUnits"]["loaves"], "loaf");
        assert!(back["readerUnits"].get("g").is_none());
    }

    #[test]
    fn each_language_has_its_own_hashed_script() {
        let url = de().script_url();
        assert!(
            url.starts_with("/assets/") && url.ends_with("/i18n/de.js"),
            "{url}"
        );
        let (name, hash, text) = assets().find(|(n, ..)| *n == "i18n/de.js").expect("de");
        assert_eq!(url, format!("/assets/{hash}/{name}"));
        assert_eq!(asset("i18n/de.js"), Some(text));
        assert!(text.contains("\"decimal\":\",\"") && text.contains("Dosen"));
        assert_ne!(Lang::EN.script_url(), url);
        assert_eq!(asset("i18n/xx.js"), None);
    }

    /// The reader in the page writes amounts as `aisle_parse` does; app.js rewrites them in
    /// the page's language, which for English must change nothing.
    #[test]
    fn english_amounts_are_the_readers() {
        for &unit in Unit::ALL {
            for q in [None, Some(0.5), Some(1.0), Some(1.5), Some(2.0), Some(12.0)] {
                assert_eq!(
                    Lang::EN.amount(q, Some(unit.as_str())),
                    crate::domain::units::amount(q, Some(unit.as_str())),
                    "{unit:?} {q:?}"
                );
            }
        }
        assert_eq!(de().amount(Some(1.5), Some("l")), "1,5 l");
        assert_eq!(de().amount(Some(3.0), Some("can")), "3 Dosen");
    }
}
