//! Staples that come due again: from an item's purchase history, learn its rhythm and say
//! whether it is due.
//!
//! A purchase is a check-off of the item on a shopping list. Check-offs less than
//! [`SAME_PURCHASE_MS`] after the first check-off of a purchase belong to that purchase (the
//! same shop, or the item on two lists). An item has a rhythm when it has been bought at
//! least [`MIN_PURCHASES`] times and, looking only at its last [`RECENT_INTERVALS`]
//! intervals between purchases (so that a change of habit wins within a few purchases):
//!
//! - the median interval is between [`MIN_INTERVAL_DAYS`] and [`MAX_INTERVAL_DAYS`]: things
//!   bought daily are always on the list anyway, and things bought a few times a year
//!   (birthday candles) are not staples;
//! - the intervals are regular: three quarters of them differ from the median by at most
//!   [`MAX_SPREAD_RATIO`] of it, or by at most [`SPREAD_ALLOWED_DAYS`] (each purchase may
//!   fall a day either side of its expected day). That difference is the rhythm's spread.
//!   A weekly item bought a day early or late, or a skipped week in four, passes; random
//!   intervals rarely do (about 1 history in 20 of uniformly random 2 to 60 day intervals).
//!
//! An item with a rhythm is due at its last purchase plus its interval. It is suggested from
//! a margin of max(1 day, spread) before that, and for as long as it is overdue by no more
//! than [`STOPPED_INTERVALS`] intervals or [`STOPPED_MIN_DAYS`] days, whichever is longer;
//! after that the household has evidently stopped buying it.

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;
/// Check-offs closer than this to the start of a purchase are part of that purchase.
pub const SAME_PURCHASE_MS: i64 = 12 * 3_600_000;
/// Fewer purchases than this give no rhythm.
pub const MIN_PURCHASES: usize = 4;
/// Only the most recent intervals between purchases count.
pub const RECENT_INTERVALS: usize = 8;
/// A median interval shorter than this (in days) is no rhythm.
pub const MIN_INTERVAL_DAYS: f64 = 1.0;
/// A median interval longer than this (in days, about a quarter) is no rhythm.
pub const MAX_INTERVAL_DAYS: f64 = 91.0;
/// The largest spread, as a fraction of the interval, that still counts as regular.
pub const MAX_SPREAD_RATIO: f64 = 0.25;
/// A spread of up to this many days always counts as regular.
pub const SPREAD_ALLOWED_DAYS: f64 = 2.0;
/// An item overdue by more than this many intervals (and [`STOPPED_MIN_DAYS`]) is stopped.
pub const STOPPED_INTERVALS: f64 = 3.0;
/// An item is never considered stopped when overdue by fewer days than this.
pub const STOPPED_MIN_DAYS: f64 = 28.0;

/// The learned rhythm of a regularly bought item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rhythm {
    /// The median of the recent intervals between purchases, in days.
    pub interval_days: f64,
    /// How far from the interval three quarters of the recent intervals lie, in days.
    pub spread_days: f64,
    /// The last purchase, in UTC unix milliseconds.
    pub last_ms: i64,
    /// How many purchases there were in all, after merging close check-offs.
    pub purchases: usize,
}

impl Rhythm {
    /// When the item is next expected to be bought: the last purchase plus the interval.
    pub fn due_ms(&self) -> i64 {
        self.last_ms.saturating_add(days_to_ms(self.interval_days))
    }

    /// When the item is suggested: from a margin of max(1 day, spread) before its due time
    /// until it is overdue by max([`STOPPED_INTERVALS`] intervals, [`STOPPED_MIN_DAYS`]
    /// days), both inclusive.
    pub fn window(&self) -> (i64, i64) {
        let due_ms = self.due_ms();
        let margin_ms = days_to_ms(self.spread_days.max(1.0));
        let stopped_ms = days_to_ms((STOPPED_INTERVALS * self.interval_days).max(STOPPED_MIN_DAYS));
        (
            due_ms.saturating_sub(margin_ms),
            due_ms.saturating_add(stopped_ms),
        )
    }
}

/// Why an item is suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Not due yet, but within the margin before its due time.
    Soon,
    /// At or past its due time (but not so long that it was evidently given up).
    Overdue,
}

/// The item's rhythm from its purchase times (UTC unix milliseconds, any order), or `None`
/// when it is bought too rarely, too often or too irregularly (see the module doc).
pub fn rhythm(purchases: &[i64]) -> Option<Rhythm> {
    let merged = merge(purchases);
    let last_ms = *merged.last()?;
    if merged.len() < MIN_PURCHASES {
        return None;
    }
    let start = merged.len().saturating_sub(RECENT_INTERVALS + 1);
    let intervals: Vec<f64> = merged[start..]
        .windows(2)
        .map(|w| w[1].saturating_sub(w[0]) as f64 / DAY_MS as f64)
        .collect();
    let interval_days = median(&intervals)?;
    let mut deviations: Vec<f64> = intervals
        .iter()
        .map(|i| (i - interval_days).abs())
        .collect();
    deviations.sort_by(f64::total_cmp);
    // Three quarters of the intervals lie within this of the median.
    let spread_days = deviations[deviations.len() - 1 - deviations.len() / 4];
    let regular = spread_days <= (MAX_SPREAD_RATIO * interval_days).max(SPREAD_ALLOWED_DAYS);
    let in_range = (MIN_INTERVAL_DAYS..=MAX_INTERVAL_DAYS).contains(&interval_days);
    (regular && in_range).then_some(Rhythm {
        interval_days,
        spread_days,
        last_ms,
        purchases: merged.len(),
    })
}

/// Whether the item should be suggested at `now_ms`: `None` when it is not yet within its
/// margin of max(1 day, spread) before its due time, or when it is overdue by more than
/// max([`STOPPED_INTERVALS`] intervals, [`STOPPED_MIN_DAYS`] days).
pub fn due(rhythm: &Rhythm, now_ms: i64) -> Option<Due> {
    let (from_ms, until_ms) = rhythm.window();
    if now_ms < from_ms || now_ms > until_ms {
        None
    } else if now_ms < rhythm.due_ms() {
        Some(Due::Soon)
    } else {
        Some(Due::Overdue)
    }
}

/// A plain English explanation, such as "every ~7 days, last bought 8 days ago". The
/// interval is given in days under 3 weeks, then in weeks under 4 weeks, then in months.
pub fn explain(rhythm: &Rhythm, now_ms: i64) -> String {
    let days = rhythm.interval_days;
    let every = if days < 21.0 {
        plural(days.round(), "day")
    } else if days < 28.0 {
        plural((days / 7.0).round(), "week")
    } else {
        plural((days / 30.44).round().max(1.0), "month")
    };
    let ago = match now_ms.saturating_sub(rhythm.last_ms).max(0) / DAY_MS {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{n} days ago"),
    };
    format!("every ~{every}, last bought {ago}")
}

/// "1 day", "7 days".
fn plural(n: f64, unit: &str) -> String {
    if n == 1.0 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// The purchase times, sorted, with check-offs within [`SAME_PURCHASE_MS`] of the start of
/// a purchase merged into it.
fn merge(checkoffs: &[i64]) -> Vec<i64> {
    let mut sorted = checkoffs.to_vec();
    sorted.sort_unstable();
    let mut merged: Vec<i64> = Vec::with_capacity(sorted.len());
    for t in sorted {
        match merged.last() {
            Some(&start) if t.saturating_sub(start) < SAME_PURCHASE_MS => {}
            _ => merged.push(t),
        }
    }
    merged
}

/// The median, or `None` for no values.
fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[mid]),
        _ => Some((sorted[mid - 1] + sorted[mid]) / 2.0),
    }
}

fn days_to_ms(days: f64) -> i64 {
    (days * DAY_MS as f64).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64: a tiny deterministic generator for jitter.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_10EB);
            z ^ (z >> 31)
        }

        /// Uniform in [lo, hi).
        fn between(&mut self, lo: f64, hi: f64) -> f64 {
            lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    const START: i64 = 1_700_000_000_000;

    fn day(d: f64) -> i64 {
        START + days_to_ms(d)
    }

    /// `n` purchases every `every` days, each moved by up to ± `jitter` days.
    fn periodic(rng: &mut Rng, n: usize, every: f64, jitter: f64) -> Vec<i64> {
        (0..n)
            .map(|i| day(i as f64 * every + rng.between(-jitter, jitter)))
            .collect()
    }

    /// `n` purchases with intervals drawn uniformly from [lo, hi) days.
    fn random(rng: &mut Rng, n: usize, lo: f64, hi: f64) -> Vec<i64> {
        let mut t = 0.0;
        (0..n)
            .map(|_| {
                t += rng.between(lo, hi);
                day(t)
            })
            .collect()
    }

    fn days_after(r: &Rhythm, days: f64) -> i64 {
        r.last_ms + days_to_ms(days)
    }

    #[test]
    fn weekly_milk() {
        let mut rng = Rng(1);
        let r = rhythm(&periodic(&mut rng, 10, 7.0, 1.0)).expect("weekly rhythm");
        assert!((r.interval_days - 7.0).abs() < 0.5, "{r:?}");
        assert_eq!(r.purchases, 10);
        assert_eq!(due(&r, days_after(&r, 3.0)), None);
        assert!(due(&r, days_after(&r, 7.0)).is_some());
        assert_eq!(due(&r, days_after(&r, 8.0)), Some(Due::Overdue));
        assert_eq!(
            explain(&r, days_after(&r, 8.0)),
            "every ~7 days, last bought 8 days ago"
        );
    }

    #[test]
    fn weekly_milk_with_any_jitter_is_regular() {
        let mut rng = Rng(2);
        for _ in 0..200 {
            assert!(rhythm(&periodic(&mut rng, 10, 7.0, 1.0)).is_some());
        }
    }

    #[test]
    fn a_skipped_week_keeps_the_rhythm() {
        let weeks = [0.0, 1.0, 2.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0];
        let history: Vec<i64> = weeks.iter().map(|w| day(w * 7.0)).collect();
        let r = rhythm(&history).expect("weekly rhythm");
        assert_eq!(r.interval_days, 7.0);
    }

    #[test]
    fn monthly_coffee() {
        let mut rng = Rng(3);
        let r = rhythm(&periodic(&mut rng, 6, 30.0, 3.0)).expect("monthly rhythm");
        assert!((r.interval_days - 30.0).abs() < 3.0, "{r:?}");
        assert_eq!(due(&r, days_after(&r, 7.0)), None);
        assert_eq!(due(&r, days_after(&r, 20.0)), None);
        assert!(due(&r, days_after(&r, 30.0)).is_some());
        assert_eq!(due(&r, days_after(&r, 40.0)), Some(Due::Overdue));
        assert_eq!(
            explain(&r, days_after(&r, 30.0)),
            "every ~1 month, last bought 30 days ago"
        );
    }

    #[test]
    fn birthday_candles_are_never_suggested() {
        let once = [day(0.0)];
        let twice = [day(0.0), day(365.0)];
        assert_eq!(rhythm(&once), None);
        assert_eq!(rhythm(&twice), None);
        // Two birthdays a year for years is regular, but far too rare to be a staple.
        let years: Vec<i64> = (0..5)
            .flat_map(|y| [day(y as f64 * 365.0 + 60.0), day(y as f64 * 365.0 + 250.0)])
            .collect();
        assert_eq!(rhythm(&years), None);
    }

    #[test]
    fn random_intervals_give_no_rhythm() {
        let mut rng = Rng(4);
        assert_eq!(rhythm(&random(&mut rng, 12, 2.0, 60.0)), None);
        // The rule is statistical: about 1 history in 20 looks regular by chance.
        let found = (0..500)
            .filter(|_| rhythm(&random(&mut rng, 12, 2.0, 60.0)).is_some())
            .count();
        assert!(found < 40, "{found} of 500 random histories had a rhythm");
    }

    #[test]
    fn close_checkoffs_are_one_purchase() {
        let weekly: Vec<i64> = (0..5).map(|i| day(i as f64 * 7.0)).collect();
        let mut doubled = weekly.clone();
        doubled.push(weekly[2] + 2 * 3_600_000);
        doubled.push(weekly[4] + 2 * 3_600_000);
        assert_eq!(rhythm(&doubled), rhythm(&weekly));
        let r = rhythm(&doubled).expect("weekly rhythm");
        assert_eq!(
            (r.purchases, r.interval_days, r.last_ms),
            (5, 7.0, weekly[4])
        );
        // Fewer than MIN_PURCHASES purchases once merged.
        let three = [day(0.0), day(0.05), day(7.0), day(14.0), day(14.1)];
        assert_eq!(rhythm(&three), None);
    }

    #[test]
    fn daily_checkoffs_are_no_rhythm() {
        let every_18_hours: Vec<i64> = (0..20).map(|i| day(i as f64 * 0.75)).collect();
        assert_eq!(rhythm(&every_18_hours), None);
    }

    #[test]
    fn stopped_items_are_not_suggested() {
        let mut rng = Rng(5);
        let r = rhythm(&periodic(&mut rng, 20, 7.0, 1.0)).expect("weekly rhythm");
        assert_eq!(due(&r, days_after(&r, 30.0)), Some(Due::Overdue));
        assert_eq!(due(&r, days_after(&r, 120.0)), None);
    }

    #[test]
    fn unsorted_input_gives_the_same_rhythm() {
        let mut rng = Rng(6);
        let sorted = periodic(&mut rng, 10, 7.0, 1.0);
        let mut shuffled = sorted.clone();
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, rng.next() as usize % (i + 1));
        }
        assert_ne!(shuffled, sorted);
        assert_eq!(rhythm(&shuffled), rhythm(&sorted));
    }

    #[test]
    fn a_change_of_habit_wins() {
        let mut history: Vec<i64> = (0..52).map(|i| day(i as f64 * 7.0)).collect();
        let switch = 51.0 * 7.0;
        history.extend((1..=8).map(|i| day(switch + i as f64 * 3.0)));
        let r = rhythm(&history).expect("new rhythm");
        assert_eq!(r.interval_days, 3.0);
        assert_eq!(r.purchases, 60);
        assert_eq!(
            explain(&r, days_after(&r, 3.5)),
            "every ~3 days, last bought 3 days ago"
        );
    }

    #[test]
    fn explanations_round_sensibly() {
        let r = |interval_days| Rhythm {
            interval_days,
            spread_days: 0.0,
            last_ms: START,
            purchases: 4,
        };
        let at = |days: f64| START + days_to_ms(days);
        assert_eq!(explain(&r(1.2), at(0.5)), "every ~1 day, last bought today");
        assert_eq!(
            explain(&r(13.6), at(1.5)),
            "every ~14 days, last bought yesterday"
        );
        assert_eq!(
            explain(&r(24.0), at(2.0)),
            "every ~3 weeks, last bought 2 days ago"
        );
        assert_eq!(
            explain(&r(27.0), at(0.0)),
            "every ~4 weeks, last bought today"
        );
        assert_eq!(
            explain(&r(61.0), at(-1.0)),
            "every ~2 months, last bought today"
        );
    }
}
