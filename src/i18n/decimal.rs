//! The decimal mark of each language, from CLDR (`num-format`), and the formatter that
//! gives Fluent's numbers that mark.

use fluent_bundle::FluentValue;
use fluent_bundle::memoizer::MemoizerKind;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

/// The decimal mark of a language (`.` in English, `,` in German), as CLDR has it.
pub(super) fn decimal_mark(lang: &LanguageIdentifier) -> &'static str {
    let named = |name: &str| num_format::Locale::from_name(name).ok();
    named(&lang.to_string())
        .or_else(|| named(lang.language.as_str()))
        .map_or(".", |l| l.decimal())
}

/// The decimal mark as Fluent's memoizer keeps it, one per bundle.
struct DecimalMark(&'static str);

impl Memoizable for DecimalMark {
    type Args = ();
    type Error = std::convert::Infallible;

    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, Self::Error> {
        Ok(DecimalMark(decimal_mark(&lang)))
    }
}

/// Fluent's formatter for a bundle: numbers in messages take the language's decimal mark.
pub(super) fn value<M: MemoizerKind>(value: &FluentValue<'_>, memo: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let text = n.as_string();
    memo.with_try_get_threadsafe::<DecimalMark, _, _>((), |mark| text.replace('.', mark.0))
        .ok()
}
