//! Money as integer minor units plus an ISO 4217 currency.

use crate::domain::Invalid;

/// Currencies without minor units; every other currency has two decimals.
const ZERO_DECIMALS: &[&str] = &["JPY", "KRW", "ISK", "CLP", "VND", "HUF"];

/// The largest price aisle keeps, in major units (the price form, imports and Open Prices).
pub const MAX_MAJOR: i64 = 100_000;

/// [`MAX_MAJOR`] in the minor units of `currency`.
pub fn max_minor(currency: &str) -> i64 {
    MAX_MAJOR * 10i64.pow(decimals(currency))
}

pub fn decimals(currency: &str) -> u32 {
    if ZERO_DECIMALS.contains(&currency) {
        0
    } else {
        2
    }
}

/// A three-letter currency code, upper-cased.
pub fn currency(raw: &str) -> Result<String, Invalid> {
    let c = raw.trim().to_ascii_uppercase();
    if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()) {
        Ok(c)
    } else {
        Err(Invalid(format!(
            "`{raw}` is not a currency code such as EUR, USD or GBP"
        )))
    }
}

/// The currency of the first region an `Accept-Language` header names (`de-CH` → CHF,
/// `en-GB` → GBP), to offer as a default a person confirms; none when no language names a
/// region with a currency of its own (`en`, `es-419`).
pub fn currency_for_languages(accept_language: &str) -> Option<String> {
    use iso_currency::{Country, Currency};
    accept_language::parse(accept_language)
        .iter()
        .find_map(|tag| {
            let region = tag
                .split(['-', '_'])
                .skip(1)
                .find(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))?;
            let country: Country = region.to_ascii_uppercase().parse().ok()?;
            Currency::from_country(country)
                .into_iter()
                .find(|c| c.flags().is_empty())
        })
        .map(|c| c.code().to_string())
}

/// Parses an amount typed by a person (`2.49`, `2,49`, `3`) into minor units.
pub fn parse_amount(raw: &str, currency: &str) -> Result<i64, Invalid> {
    let s = raw.trim().replace(',', ".");
    let value: f64 = s
        .parse()
        .map_err(|_| Invalid(format!("`{}` is not an amount such as 2.49", raw.trim())))?;
    if !value.is_finite() || value < 0.0 {
        return Err(Invalid(format!(
            "the amount must be 0 or more (got {})",
            raw.trim()
        )));
    }
    if value > MAX_MAJOR as f64 {
        return Err(Invalid(
            "that amount is too large for a grocery price".into(),
        ));
    }
    let factor = 10f64.powi(decimals(currency) as i32);
    Ok((value * factor).round() as i64)
}

/// Minor units to a decimal amount (`249` EUR → `2.49`).
pub fn to_major(minor: i64, currency: &str) -> f64 {
    minor as f64 / 10f64.powi(decimals(currency) as i32)
}

/// `2.49 EUR`.
pub fn format(minor: i64, currency: &str) -> String {
    let d = decimals(currency) as usize;
    format!("{:.*} {currency}", d, to_major(minor, currency))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browsers_languages_suggest_the_currency_of_their_region() {
        for (header, want) in [
            ("de-DE,de;q=0.9,en;q=0.8", Some("EUR")),
            ("de-CH", Some("CHF")),
            ("en-GB,en;q=0.9", Some("GBP")),
            ("en-US", Some("USD")),
            ("ja-JP", Some("JPY")),
            ("pt_BR", Some("BRL")),
            // The first language with a region decides, by weight not by place.
            ("en;q=0.9, fr-CA;q=0.8, sv-SE", Some("SEK")),
            ("en", None),
            ("es-419", None),
            ("xx-QQ", None),
            ("", None),
            ("*", None),
        ] {
            assert_eq!(currency_for_languages(header).as_deref(), want, "{header}");
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("2.49", "EUR"), Ok(249));
        assert_eq!(parse_amount("2,5", "EUR"), Ok(250));
        assert_eq!(parse_amount("300", "JPY"), Ok(300));
        assert!(parse_amount("-1", "EUR").is_err());
        assert!(parse_amount("abc", "EUR").is_err());
        assert!(parse_amount("1e9", "EUR").is_err());
        assert_eq!(format(249, "EUR"), "2.49 EUR");
        assert_eq!(format(300, "JPY"), "300 JPY");
        assert_eq!(currency("eur"), Ok("EUR".into()));
        assert!(currency("euro").is_err());
    }
}
