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

/// The backups retention removes, given backups as (name, time) and the name of the one
/// just made (if any). Never the newest by time, and never the one just made: a clock that
/// went back (a Pi without a real-time clock, before NTP answers) names a new backup with
/// an older time, and it must not be deleted in the run that made it.
pub fn remove(
    backups: &[(String, DateTime<Utc>)],
    policy: Policy,
    just_made: Option<&str>,
) -> Vec<String> {
    let kept = keep(backups, policy);
    backups
        .iter()
        .map(|(name, _)| name)
        .filter(|name| !kept.contains(*name) && Some(name.as_str()) != just_made)
        .cloned()
        .collect()
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

    const NONE: Policy = Policy {
        daily: 0,
        weekly: 0,
        monthly: 0,
    };

    #[test]
    fn the_newest_backup_is_never_removed_whatever_the_policy() {
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 3, 0, 0).unwrap();
        let backups: Vec<_> = (0..30).map(|d| at(d, now)).collect();
        for policy in [
            NONE,
            Policy {
                daily: 1,
                weekly: 0,
                monthly: 0,
            },
            Policy {
                daily: 0,
                weekly: 1,
                monthly: 1,
            },
        ] {
            let removed = remove(&backups, policy, None);
            assert!(!removed.contains(&"b-0".to_string()), "{policy:?}");
            assert!(!removed.is_empty(), "{policy:?} kept all 30");
        }
        // Nothing to remove from nothing, and one backup alone stays.
        assert!(remove(&[], NONE, None).is_empty());
        assert!(remove(&backups[..1], NONE, None).is_empty());
    }

    #[test]
    fn two_backups_of_one_day_keep_the_later_one() {
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 3, 0, 0).unwrap();
        let backups = vec![
            ("early".to_string(), now),
            ("late".to_string(), now + Duration::hours(9)),
        ];
        let policy = Policy {
            daily: 7,
            weekly: 4,
            monthly: 6,
        };
        assert_eq!(remove(&backups, policy, None), ["early"]);
        assert_eq!(remove(&backups, policy, Some("late")), ["early"]);
    }

    #[test]
    fn the_backup_just_made_is_kept_even_when_the_clock_went_back() {
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 3, 0, 0).unwrap();
        let mut backups: Vec<_> = (0..10).map(|d| at(d, now)).collect();
        // Made after all of them, but named by a clock a year behind.
        backups.push(("made-now".into(), now - Duration::days(365)));
        let policy = Policy {
            daily: 7,
            weekly: 0,
            monthly: 0,
        };
        let removed = remove(&backups, policy, Some("made-now"));
        assert!(!removed.contains(&"made-now".to_string()), "{removed:?}");
        // Its old time does not push out the newest by time either.
        assert!(!removed.contains(&"b-0".to_string()), "{removed:?}");
        assert_eq!(removed, ["b-7", "b-8", "b-9"]);
        // Without knowing it was just made, the policy alone would have removed it.
        assert!(remove(&backups, policy, None).contains(&"made-now".to_string()));
    }
}
