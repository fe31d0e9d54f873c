//! Numbers, amounts, money and times as each language writes them: the decimal mark from
//! CLDR (`num-format`), unit words, money and dates from the language's messages.

use super::decimal::decimal_mark;
use super::{Arg, Lang};
use crate::domain::money;
use crate::domain::units::{Unit, format_quantity};

/// A month's message id, `month-1` to `month-12`.
const MONTHS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

impl Lang {
    /// The decimal mark of this language.
    pub fn decimal_mark(self) -> &'static str {
        self.code()
            .parse()
            .map(|id| decimal_mark(&id))
            .unwrap_or(".")
    }

    /// A quantity as this language writes it: `1,5` in German, `½`, `2`.
    pub fn quantity(self, q: f64) -> String {
        let text = format_quantity(q);
        match self.decimal_mark() {
            "." => text,
            mark => text.replace('.', mark),
        }
    }

    /// A unit's word for `quantity` of it (`cups`, `EL`, `Dosen`). `unit-<canonical>`
    /// messages choose their form by `$n`, which is 1 for a part of one (`½ cup`, as every
    /// language here says it) and when no quantity is known.
    pub fn unit(self, unit: Unit, quantity: Option<f64>) -> String {
        let n = quantity.filter(|q| q.abs() > 1.0).unwrap_or(1.0);
        self.count(&format!("unit-{}", unit.as_str()), n)
    }

    /// "2 cups", "500 g", "1,5 l", "3", or "" (`unit` canonical, as stored).
    pub fn amount(self, quantity: Option<f64>, unit: Option<&str>) -> String {
        let unit = unit.and_then(Unit::from_canonical);
        match (quantity, unit) {
            (Some(q), Some(u)) => format!("{} {}", self.quantity(q), self.unit(u, Some(q))),
            (Some(q), None) => self.quantity(q),
            (None, Some(u)) => self.unit(u, None),
            (None, None) => String::new(),
        }
    }

    /// An amount of money: `2.49 EUR`, `2,49 EUR`.
    pub fn money(self, minor: i64, currency: &str) -> String {
        let digits = money::decimals(currency) as usize;
        let number = format!("{:.*}", digits, money::to_major(minor, currency));
        let number = number.replace('.', self.decimal_mark());
        self.with(
            "money",
            &[
                ("amount", number.as_str().into()),
                ("currency", currency.into()),
            ],
        )
    }

    /// How long ago `at_ms` was at `now_ms`, as a person says it ("3 minutes ago").
    pub fn ago(self, now_ms: i64, at_ms: i64) -> String {
        let minutes = (now_ms - at_ms).max(0) / 60_000;
        match minutes {
            0 => self.get("ago-now"),
            1..=59 => self.count("ago-minutes", minutes),
            60..=1439 => self.count("ago-hours", minutes / 60),
            1440..=2879 => self.get("ago-yesterday"),
            _ => self.count("ago-days", minutes / 1440),
        }
    }

    /// A day (UTC) as this language writes it: "December 6, 2026", "6. Dezember 2026".
    pub fn date(self, ms: i64) -> String {
        use chrono::Datelike;
        let Some(day) = chrono::DateTime::from_timestamp_millis(ms) else {
            return String::new();
        };
        let month = self.get(MONTHS[day.month0() as usize]);
        self.with(
            "date",
            &[
                ("day", day.day().into()),
                ("month", month.as_str().into()),
                ("year", Arg::Text(&day.year().to_string())),
            ],
        )
    }
}
