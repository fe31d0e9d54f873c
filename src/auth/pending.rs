//! Sign-in steps waiting in memory between two requests of one browser (a passkey
//! ceremony, a single sign-on at the provider): found by a random id the browser brings
//! back, used once, forgotten after a while. Bounded in all and per client address, so
//! nobody can fill the table and keep everyone else waiting.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::token;

/// Why a step could not be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// This client address has as many steps waiting as it may.
    Client,
    /// The table is full.
    All,
}

pub struct Pending<T> {
    lifetime: Duration,
    max: usize,
    per_client: usize,
    waiting: Mutex<HashMap<String, Waiting<T>>>,
}

struct Waiting<T> {
    since: Instant,
    client: String,
    value: T,
}

impl<T> Pending<T> {
    /// Steps live `lifetime`; at most `max` wait, at most `per_client` from one address.
    pub fn new(lifetime: Duration, max: usize, per_client: usize) -> Pending<T> {
        Pending {
            lifetime,
            max,
            per_client,
            waiting: Mutex::new(HashMap::new()),
        }
    }

    /// Keeps `value` for `client` (its address key); the id the browser brings back.
    pub fn wait(&self, client: &str, value: T) -> Result<String, Full> {
        self.wait_at(client, value, Instant::now())
    }

    fn wait_at(&self, client: &str, value: T, now: Instant) -> Result<String, Full> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        waiting.retain(|_, w| now.saturating_duration_since(w.since) < self.lifetime);
        if waiting.len() >= self.max {
            return Err(Full::All);
        }
        if waiting.values().filter(|w| w.client == client).count() >= self.per_client {
            return Err(Full::Client);
        }
        let id = token::generate();
        let client = client.to_string();
        let since = now;
        waiting.insert(
            id.clone(),
            Waiting {
                since,
                client,
                value,
            },
        );
        Ok(id)
    }

    /// The value kept under `id`, once; `None` when unknown, used or too old.
    pub fn take(&self, id: &str) -> Option<T> {
        self.take_at(id, Instant::now())
    }

    fn take_at(&self, id: &str, now: Instant) -> Option<T> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let w = waiting.remove(id)?;
        (now.saturating_duration_since(w.since) < self.lifetime).then_some(w.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_is_taken_once_and_not_after_its_time() {
        let pending = Pending::new(Duration::from_secs(60), 10, 10);
        let id = pending.wait("a", 1).unwrap();
        assert_eq!(pending.take("other"), None);
        assert_eq!(pending.take(&id), Some(1));
        assert_eq!(pending.take(&id), None);
        let now = Instant::now();
        let id = pending.wait_at("a", 2, now).unwrap();
        assert_eq!(pending.take_at(&id, now + Duration::from_secs(61)), None);
    }

    #[test]
    fn one_address_cannot_fill_the_table() {
        let pending = Pending::new(Duration::from_secs(60), 3, 2);
        let now = Instant::now();
        pending.wait_at("a", 1, now).unwrap();
        pending.wait_at("a", 2, now).unwrap();
        assert_eq!(pending.wait_at("a", 3, now), Err(Full::Client));
        pending.wait_at("b", 4, now).unwrap();
        assert_eq!(pending.wait_at("c", 5, now), Err(Full::All));
        // Old steps make room.
        let later = now + Duration::from_secs(61);
        assert!(pending.wait_at("a", 6, later).is_ok());
    }
}
