//! The interface in the reader's language (docs/TRANSLATING.md).
//!
//! Every sentence the interface shows is a [Fluent](https://projectfluent.org) message in
//! `locales/<code>/*.ftl`, embedded in the binary. A language is a folder there: adding
//! one is adding files, and the server offers every folder it finds. Messages take their
//! values as arguments (never glued together from translated pieces), so each language
//! orders its own words and picks its own plural forms (`fluent-bundle` applies the CLDR
//! plural rules of the language).
//!
//! The language of a page is the one the person chose in their settings, else the first
//! of their browser's `Accept-Language` that aisle has ([`Lang::choose`]), else English.
//! A message a language lacks is shown in English and counted ([`missing`]), so a
//! gap shows on `/metrics` and in the log; the tests walk every page in every complete
//! language and find none.

mod decimal;
mod format;
pub mod script;

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use prometheus_client::metrics::counter::Counter;
use rust_embed::RustEmbed;
use unic_langid::LanguageIdentifier;

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Files;

/// The language every message exists in, and that a missing message falls back to.
const SOURCE: &str = "en";

/// One language: its code (the folder's name), its messages and its native name.
struct Locale {
    code: String,
    bundle: FluentBundle<FluentResource>,
    /// The ids of its messages.
    ids: BTreeSet<String>,
    /// Whether it has every message English has.
    complete: bool,
}

/// The languages, English first, then in the order of their codes.
static LOCALES: LazyLock<Vec<Locale>> = LazyLock::new(|| {
    let mut codes: Vec<String> = Files::iter()
        .filter_map(|path| Some(path.split_once('/')?.0.to_string()))
        .collect();
    codes.sort_by_key(|c| (c != SOURCE, c.clone()));
    codes.dedup();
    let mut locales: Vec<Locale> = codes.into_iter().filter_map(|code| load(&code)).collect();
    let source = locales.first().map(|l| l.ids.clone()).unwrap_or_default();
    for locale in &mut locales {
        locale.complete = locale.ids.is_superset(&source);
    }
    locales
});

/// The messages of `code`, or `None` when its folder is unusable (logged): a broken
/// language is left out rather than shown broken. The unit tests load every folder.
fn load(code: &str) -> Option<Locale> {
    let id: LanguageIdentifier = match code.parse() {
        Ok(id) => id,
        Err(e) => {
            tracing::error!("locales/{code}: not a language code ({e})");
            return None;
        }
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around each value would end up in attributes and form values.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(decimal::value));
    let mut ids = BTreeSet::new();
    let prefix = format!("{code}/");
    let mut paths: Vec<_> = Files::iter().filter(|p| p.starts_with(&prefix)).collect();
    paths.sort();
    for path in paths {
        let file = Files::get(&path)?;
        let text = String::from_utf8_lossy(&file.data).into_owned();
        let resource = match FluentResource::try_new(text) {
            Ok(r) => r,
            Err((_, errors)) => {
                tracing::error!("locales/{path}: {errors:?}");
                return None;
            }
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.insert(m.id.name.to_string());
            }
        }
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!("locales/{path}: {errors:?}");
            return None;
        }
    }
    Some(Locale {
        code: code.to_string(),
        bundle,
        ids,
        complete: false,
    })
}

static MISSING: LazyLock<Counter> = LazyLock::new(Counter::default);

/// How many times a message was shown in English for want of a translation.
pub fn missing() -> u64 {
    MISSING.get()
}

/// The count of [`missing`], as `/metrics` shows it (`aisle_untranslated_messages_total`).
pub fn missing_counter() -> Counter {
    MISSING.clone()
}

/// A language aisle speaks. Cheap to copy; pages carry it as `chrome.t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lang(u8);

/// A value for a message's placeable: text, or a number (which picks plural forms and is
/// written with the language's decimal mark).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

// Templates hand their values over by reference.
impl<'a> From<&&'a String> for Arg<'a> {
    fn from(s: &&'a String) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&&'a str> for Arg<'a> {
    fn from(s: &&'a str) -> Self {
        Arg::Text(s)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }

        impl From<&$t> for Arg<'_> {
            fn from(n: &$t) -> Self {
                Arg::Number(*n as f64)
            }
        }
    )*};
}
number_arg!(i32, i64, u16, u32, u64, usize, f64);

impl Lang {
    /// English: the source language.
    pub const EN: Lang = Lang(0);

    /// Every language, English first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LOCALES.len()).map(|i| Lang(i as u8))
    }

    fn locale(self) -> &'static Locale {
        &LOCALES[usize::from(self.0).min(LOCALES.len() - 1)]
    }

    /// The language's code (`en`, `de`, `pt-BR`), as in `<html lang>` and the settings.
    pub fn code(self) -> &'static str {
        &self.locale().code
    }

    /// Whether every message of the interface is translated.
    pub fn complete(self) -> bool {
        self.locale().complete
    }

    /// The language of `code` exactly (any case), if aisle has it.
    pub fn from_code(code: &str) -> Option<Lang> {
        LOCALES
            .iter()
            .position(|l| l.code.eq_ignore_ascii_case(code.trim()))
            .map(|i| Lang(i as u8))
    }

    /// The page's language: the person's own choice when aisle has it, else the best match
    /// for their browser's `Accept-Language` (`de-AT` reads German, `pt` Brazilian
    /// Portuguese), else English.
    pub fn choose(chosen: Option<&str>, accept_language: Option<&str>) -> Lang {
        chosen
            .and_then(Lang::from_code)
            .or_else(|| accept_language.and_then(Lang::negotiate))
            .unwrap_or(Lang::EN)
    }

    fn negotiate(accept_language: &str) -> Option<Lang> {
        let requested: Vec<LanguageIdentifier> = accept_language::parse(accept_language)
            .iter()
            .filter_map(|tag| tag.parse().ok())
            .collect();
        let available: Vec<LanguageIdentifier> =
            LOCALES.iter().filter_map(|l| l.code.parse().ok()).collect();
        let best = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        Lang::from_code(&best.first()?.to_string())
    }

    /// The message `id`, in this language.
    pub fn get(self, id: &str) -> String {
        self.with(id, &[])
    }

    /// The message `id` with one number, `$n` (plural forms choose by it).
    pub fn count(self, id: &str, n: impl Into<Arg<'static>>) -> String {
        self.with(id, &[("n", n.into())])
    }

    /// The message `id` with one named value.
    pub fn arg<'a>(self, id: &str, name: &str, value: impl Into<Arg<'a>>) -> String {
        self.with(id, &[(name, value.into())])
    }

    /// The message `id` with its values. A message this language lacks is taken from
    /// English, and counted; one English lacks too is shown as its id, and logged.
    pub fn with(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        if let Some(text) = self.format(id, args) {
            return text;
        }
        if self != Lang::EN {
            MISSING.inc();
            tracing::warn!("no {} text for `{id}`: shown in English", self.code());
            if let Some(text) = Lang::EN.format(id, args) {
                return text;
            }
        }
        tracing::error!("the interface has no message `{id}`");
        id.to_string()
    }

    /// Whether this language has the message `id`.
    pub fn has(self, id: &str) -> bool {
        self.locale().bundle.has_message(id)
    }

    fn format(self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let bundle = &self.locale().bundle;
        let pattern = bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for &(name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::String(Cow::Borrowed(s)),
                Arg::Number(n) => FluentValue::from(n),
            };
            fluent_args.set(name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!("locales/{}: `{id}`: {errors:?}", self.code());
        }
        Some(text.into_owned())
    }

    /// A default category's name in this language (`key` is one of
    /// `category::DEFAULT_CATEGORIES`, `Dairy & Eggs`); the key itself for any other.
    pub fn category(self, key: &str) -> String {
        let id = match key {
            "Produce" => "category-produce",
            "Bakery" => "category-bakery",
            "Meat & Fish" => "category-meat",
            "Dairy & Eggs" => "category-dairy",
            "Frozen" => "category-frozen",
            "Pantry" => "category-pantry",
            "Snacks" => "category-snacks",
            "Beverages" => "category-beverages",
            "Household" => "category-household",
            "Personal Care" => "category-personal",
            "Baby" => "category-baby",
            "Pets" => "category-pets",
            "Other" => "category-other",
            other => return other.to_string(),
        };
        self.get(id)
    }

    /// The language's own name for itself (`Deutsch`), for the settings' choice.
    pub fn name(self) -> String {
        self.get("language-name")
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
pub(crate) mod tests;
