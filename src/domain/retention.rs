//! Which backups to keep: the newest of each of the last N days, weeks and months.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
}

/// A calendar bucket (day, ISO week or month) a backup falls in.
type Bucket = dyn Fn(&DateTime<Utc>) -> (i32, u32, u32);

/// Given backups as (name, time), returns the names to keep. The newest backup is always
/// kept; then, walking from newest to oldest, the first backup of each new day (until
/// `daily` days are kept), ISO week (`weekly`) and month (`monthly`).
pub fn keep(backups: &[(String, DateTime<Utc>)], policy: Policy) -> BTreeSet<String> {
    let mut sorted: Vec<&(String, DateTime<Utc>)> = backups.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.1));
    let mut kept = BTreeSet::new();
    if let Some((name, _)) = sorted.first() {
        kept.insert(name.clone());
    }
    let mut pass = |limit: u32, bucket: &Bucket| {
        let mut seen = BTreeSet::new();
        for (name, at) in &sorted {
            if seen.len() >= limit as usize {
                break;
            }
            if seen.insert(bucket(at)) {
                kept.insert(name.clone());
            }
        }
    };
    pass(policy.daily, &|t| (t.year(), t.ordinal(), 0));
    pass(policy.weekly, &|t| {
        let w = t.iso_week();
        (w.year(), w.week(), 0)
    });
    pass(policy.monthly, &|t| (t.year(), t.month(), 1));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(days_ago: i64, now: DateTime<Utc>) -> (String, DateTime<Utc>) {
        let t = now - Duration::days(days_ago);
        (format!("b-{days_ago}"), t)
    }

    #[test]
    fn daily_weekly_monthly_with_an_injected_clock() {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 3, 0, 0).unwrap();
        // One backup a day for a year, plus a second one today.
        let mut backups: Vec<_> = (0..365).map(|d| at(d, now)).collect();
        backups.push(("b-today-later".into(), now + Duration::hours(1)));
        let kept = keep(
            &backups,
            Policy {
                daily: 7,
                weekly: 4,
                monthly: 6,
            },
        );
        // The newest, then the last 7 days (today's newest is the later one).
        assert!(kept.contains("b-today-later"));
        assert!(
            !kept.contains("b-0"),
            "an older backup of the same day is dropped"
        );
        for d in 1..7 {
            assert!(kept.contains(&format!("b-{d}")), "day {d}");
        }
        assert!(!kept.contains("b-8") || kept.len() <= 7 + 4 + 6);
        // No more than daily + weekly + monthly (+ the newest, already a daily).
        assert!(kept.len() <= 17, "{kept:?}");
        let days: Vec<i64> = kept
            .iter()
            .filter_map(|k| k.strip_prefix("b-")?.parse().ok())
            .collect();
        // Something from about half a year ago is kept as a monthly.
        assert!(days.iter().any(|&d| d > 140), "{kept:?}");
        // Nothing older than 6 months (plus the current one) survives.
        assert!(days.iter().all(|&d| d < 200), "{kept:?}");
    }

    #[test]
    fn few_backups_are_all_kept() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let backups = vec![at(0, now), at(3, now)];
        assert_eq!(
            keep(
                &backups,
                Policy {
                    daily: 7,
                    weekly: 0,
                    monthly: 0
                }
            )
            .len(),
            2
        );
        assert_eq!(
            keep(
                &backups,
                Policy {
                    daily: 1,
                    weekly: 0,
                    monthly: 0
                }
            )
            .len(),
            1
        );
        assert!(
            keep(
                &[],
                Policy {
                    daily: 1,
                    weekly: 1,
                    monthly: 1
                }
            )
            .is_empty()
        );
    }
}
