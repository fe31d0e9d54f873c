//! Prices: what a price typed by a person must be, what a provider's report becomes, and a
//! list's estimated total.

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

/// A price a provider reported (Open Prices), as aisle keeps it: in the household's
/// currency, in its minor units, seen on a real day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedPrice {
    /// The provider's id for the report: each report is kept once.
    pub external_id: String,
    pub place: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub observed_on: String,
}

/// The estimated total of a list in the household's currency.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Total {
    pub amount_minor: i64,
    pub currency: String,
    /// Items counted at a known price.
    pub priced: usize,
    /// Items without a known price (not in the total).
    pub unpriced: usize,
}

impl Total {
    /// Nothing counted yet.
    pub fn new(currency: String) -> Total {
        Total {
            amount_minor: 0,
            currency,
            priced: 0,
            unpriced: 0,
        }
    }

    /// Counts one item at `price`, the price its product counts at (none: unpriced). An
    /// item without a unit is a count (`3 eggs`: three times the price, one without a
    /// quantity); with a unit (`1 kg flour`) it is one pack.
    pub fn count(&mut self, price: Option<i64>, quantity: Option<f64>, has_unit: bool) {
        let Some(price) = price else {
            self.unpriced += 1;
            return;
        };
        let count = if has_unit {
            1.0
        } else {
            quantity.unwrap_or(1.0)
        };
        self.amount_minor += (price as f64 * count).round() as i64;
        self.priced += 1;
    }
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

    #[test]
    fn a_total_counts_pieces_by_quantity_and_packs_once() {
        let mut t = Total::new("EUR".into());
        t.count(Some(25), Some(3.0), false); // 3 eggs
        t.count(Some(90), Some(1.0), true); // 1 kg flour: one pack
        t.count(Some(90), Some(2.0), true); // 2 kg flour: still one pack
        t.count(Some(129), None, false); // milk
        t.count(Some(99), Some(0.5), false); // half a melon
        t.count(None, Some(4.0), false); // unpriced
        assert_eq!(
            t,
            Total {
                amount_minor: 75 + 90 + 90 + 129 + 50,
                currency: "EUR".into(),
                priced: 5,
                unpriced: 1,
            }
        );
        assert_eq!(Total::new("JPY".into()).amount_minor, 0);
    }
}
