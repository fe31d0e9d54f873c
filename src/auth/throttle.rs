//! Login throttling: at most N failures per key (client address, username) in a window.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Most keys remembered; expired ones are pruned first, then the map stops growing.
const MAX_KEYS: usize = 10_000;

pub struct Throttle {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Throttle {
    pub fn new(max_failures: u32, window: Duration) -> Throttle {
        Throttle {
            max_failures: max_failures as usize,
            window,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        self.failures.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `Err(seconds to wait)` when any key has used up its failures.
    pub fn check(&self, keys: &[&str], now: Instant) -> Result<(), u64> {
        let mut map = self.lock();
        let mut wait = Duration::ZERO;
        for key in keys {
            if let Some(times) = map.get_mut(*key) {
                while times
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= self.window)
                {
                    times.pop_front();
                }
                if times.len() >= self.max_failures
                    && let Some(oldest) = times.front()
                {
                    wait = wait.max(self.window - now.duration_since(*oldest));
                }
            }
        }
        if wait.is_zero() {
            Ok(())
        } else {
            Err(wait.as_secs().max(1))
        }
    }

    pub fn record_failure(&self, keys: &[&str], now: Instant) {
        let mut map = self.lock();
        if map.len() >= MAX_KEYS {
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        for key in keys {
            if map.len() >= MAX_KEYS && !map.contains_key(*key) {
                continue;
            }
            let times = map.entry((*key).to_string()).or_default();
            times.push_back(now);
            while times.len() > self.max_failures {
                times.pop_front();
            }
        }
    }

    /// Forgets the failures of a key (a username after a successful login).
    pub fn clear(&self, key: &str) {
        self.lock().remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_until_the_window_passes() {
        let t = Throttle::new(3, Duration::from_secs(60));
        let start = Instant::now();
        for i in 0..3 {
            assert!(t.check(&["ip:a", "user:x"], start).is_ok(), "attempt {i}");
            t.record_failure(&["ip:a", "user:x"], start);
        }
        let wait = t.check(&["ip:b", "user:x"], start).unwrap_err();
        assert_eq!(wait, 60);
        assert!(t.check(&["ip:a"], start + Duration::from_secs(30)).is_err());
        assert!(t.check(&["ip:a"], start + Duration::from_secs(61)).is_ok());
        t.clear("user:x");
        assert!(t.check(&["user:x"], start).is_ok());
        assert!(t.check(&["ip:c", "user:y"], start).is_ok());
    }
}
