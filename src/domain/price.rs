//! Prices: what a price typed by a person must be.

use chrono::NaiveDate;

use crate::domain::{Invalid, money, text};

/// A price typed into the form or sent to the API, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPrice {
    pub amount_minor: i64,
    pub currency: String,
    pub place: Option<String>,
    pub pack_size: Option<String>,
    /// The day it was seen, `YYYY-MM-DD`.
    pub date: String,
}

/// A field that was filled in, trimmed.
fn given(field: Option<&str>) -> Option<&str> {
    field.map(str::trim).filter(|s| !s.is_empty())
}

/// Checks a price as typed: an amount in `currency` (a code such as EUR), an optional place
/// and pack size, and the day it was seen (`YYYY-MM-DD`; blank means `today`).
pub fn check(
    amount: &str,
    currency: &str,
    place: Option<&str>,
    pack: Option<&str>,
    date: Option<&str>,
    today: NaiveDate,
) -> Result<ValidPrice, Invalid> {
    let currency = money::currency(currency)?;
    let amount_minor = money::parse_amount(amount, &currency)?;
    let date = match given(date) {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| Invalid(format!("`{d}` is not a date like 2026-11-22")))?,
        None => today,
    };
    Ok(ValidPrice {
        amount_minor,
        currency,
        place: given(place)
            .map(|s| text::name("the place", s))
            .transpose()?,
        pack_size: given(pack)
            .map(|s| text::name("the pack size", s))
            .transpose()?,
        date: date.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_typed_price_is_checked_field_by_field() {
        let today = day("2026-05-01");
        let long = "x".repeat(201);
        let p = check("2,49", "eur", Some(" Market "), Some(""), None, today).unwrap();
        assert_eq!(
            p,
            ValidPrice {
                amount_minor: 249,
                currency: "EUR".into(),
                place: Some("Market".into()),
                pack_size: None,
                date: "2026-05-01".into(),
            }
        );
        let p = check(
            "300",
            "JPY",
            None,
            Some("6 x 1 l"),
            Some(" 2026-02-03 "),
            today,
        );
        assert_eq!(
            p.map(|p| (p.amount_minor, p.pack_size, p.date)),
            Ok((300, Some("6 x 1 l".into()), "2026-02-03".into()))
        );
        // Refused with the message the user sees; the currency is judged first, then the
        // amount, the date, the place.
        #[rustfmt::skip]
        let refused = [
            ("1", "euro", None, None, "`euro` is not a currency code such as EUR, USD or GBP"),
            ("abc", "euro", None, Some("x"), "`euro` is not a currency code such as EUR, USD or GBP"),
            ("abc", "EUR", None, Some("x"), "`abc` is not an amount such as 2.49"),
            ("-1", "EUR", None, None, "the amount must be 0 or more (got -1)"),
            ("1", "EUR", Some(long.as_str()), Some("2026-02-30"), "`2026-02-30` is not a date like 2026-11-22"),
            ("1", "EUR", Some(long.as_str()), None, "the place is too long (at most 200 characters)"),
        ];
        for (amount, currency, place, date, message) in refused {
            let got = check(amount, currency, place, None, date, today);
            assert_eq!(
                got,
                Err(Invalid(message.into())),
                "{amount} {currency} {date:?}"
            );
        }
    }
}
