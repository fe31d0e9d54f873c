//! Login throttling: at most N attempts per client address and per username in a sliding
//! window, and at most a few logins in flight per address.
//!
//! An attempt is *reserved* — counted as a failure — under one lock before any password
//! work starts ([`Throttle::begin`]); only a success gives it back ([`Attempt::succeeded`]).
//! So however many requests arrive at once, no more than N wrong passwords per address and
//! per username are ever hashed in a window (the right one is hashed besides; it gives its
//! reservation back and the username's count starts again). The [`Attempt`] guard also holds one of the address's
//! in-flight slots until it is dropped, whatever the outcome (an error, or the request
//! going away).
//!
//! Memory is bounded: at most `max_keys` keys (default [`MAX_KEYS`]) holding at most
//! `max_attempts` timestamps in all (default [`MAX_ATTEMPTS`]), whatever
//! `login_max_failures` says. Keys are 16-byte digests, so a long username costs no more
//! than a short one. A key costs about 104 bytes (map slot, deque, allocation) and a
//! timestamp at most 32 (16 bytes, and a deque's spare room is kept under its contents plus
//! two): at most 2.1 MB + 1.6 MB, i.e. under 4 MB, at the defaults. In-flight counts are
//! kept only for addresses with a login in flight.
//!
//! When the table is full, expired keys are dropped; if it is still full, logins that need
//! a new key are refused (429) until the oldest entry expires. Nothing unexpired is ever
//! evicted: evicting would hand the attacker who filled the table a fresh count for their
//! own address or for the username they are guessing. Refusing instead costs a real
//! household nothing — one address adds at most N + 1 keys per window (its own and N
//! usernames), so filling 20,000 keys at the default N = 5 takes well over 3,000 addresses
//! attacking within one window — and under such an attack, people who are already known
//! (and every session already open) are unaffected.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Most keys (addresses and usernames) remembered at once.
pub const MAX_KEYS: usize = 20_000;
/// Most attempts remembered at once, over all keys (each attempt is recorded twice: under
/// its address and under its username).
pub const MAX_ATTEMPTS: usize = 50_000;
/// Most logins of one address in flight (waiting for or being hashed) at once; more are
/// refused at once.
pub const MAX_IN_FLIGHT: u32 = 3;
/// What a login refused for being one too many in flight is told to wait.
const IN_FLIGHT_RETRY_SECS: u64 = 1;

type Key = [u8; 16];

/// A fixed-size key for (kind, value): the first 128 bits of SHA-256.
fn key(kind: &str, value: &str) -> Key {
    let mut out = [0u8; 16];
    out.copy_from_slice(&super::token::digest(kind, value)[..16]);
    out
}

/// The sizes of a throttle.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Attempts per key in a window (`login_max_failures`).
    pub max_failures: u32,
    /// The sliding window (`login_window_secs`).
    pub window: Duration,
    pub max_keys: usize,
    pub max_attempts: usize,
    pub max_in_flight: u32,
}

impl Limits {
    /// The server's limits: the configured failures and window, the default table size.
    pub fn new(max_failures: u32, window: Duration) -> Limits {
        Limits {
            max_failures,
            window,
            max_keys: MAX_KEYS,
            max_attempts: MAX_ATTEMPTS,
            max_in_flight: MAX_IN_FLIGHT,
        }
    }
}

#[derive(Default)]
struct State {
    /// The attempts of each key within the window, oldest first.
    keys: HashMap<Key, VecDeque<Instant>>,
    /// Timestamps held in `keys`, over all keys.
    attempts: usize,
    /// Logins in flight, by address key; an address with none is absent.
    in_flight: HashMap<Key, u32>,
    /// No entry expires before this (set by the last full scan): until then a full table
    /// is not scanned again.
    no_expiry_before: Option<Instant>,
}

impl State {
    /// Drops a key's attempts that have left the window (and the key if none remain).
    /// Returns the key's attempts still in the window.
    fn expire(&mut self, key: &Key, now: Instant, window: Duration) -> Option<&VecDeque<Instant>> {
        let times = self.keys.get_mut(key)?;
        self.attempts -= drop_expired(times, now, window);
        if times.is_empty() {
            self.keys.remove(key);
            return None;
        }
        shrink(times);
        self.keys.get(key)
    }

    /// Drops every expired attempt and key; notes when the next one expires.
    fn prune(&mut self, now: Instant, window: Duration) {
        if self.no_expiry_before.is_some_and(|t| now < t) {
            return;
        }
        let mut removed = 0;
        let mut next: Option<Instant> = None;
        self.keys.retain(|_, times| {
            removed += drop_expired(times, now, window);
            if let Some(first) = times.front() {
                let expiry = *first + window;
                next = Some(next.map_or(expiry, |n| n.min(expiry)));
                shrink(times);
                true
            } else {
                false
            }
        });
        self.attempts -= removed;
        self.no_expiry_before = next;
    }

    fn remove_key(&mut self, key: &Key) {
        if let Some(times) = self.keys.remove(key) {
            self.attempts -= times.len();
        }
    }
}

/// Drops the attempts that have left the window; returns how many.
fn drop_expired(times: &mut VecDeque<Instant>, now: Instant, window: Duration) -> usize {
    let before = times.len();
    while times
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        times.pop_front();
    }
    before - times.len()
}

/// Keeps a deque's spare room at most its length plus two.
fn shrink(times: &mut VecDeque<Instant>) {
    if times.capacity() > 2 * times.len() + 2 {
        times.shrink_to(times.len());
    }
}

pub struct Throttle {
    limits: Limits,
    state: Mutex<State>,
}

impl Throttle {
    pub fn new(limits: Limits) -> Throttle {
        Throttle {
            limits,
            state: Mutex::new(State::default()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Reserves a login attempt by `address` for `username` (both as the caller keys them),
    /// counted as a failure of both until [`Attempt::succeeded`]. `Err(seconds to wait)`
    /// when the address has too many logins in flight, when the address or the username
    /// has used up its attempts, or when the table is full and cannot take a new key.
    pub fn begin(&self, address: &str, username: &str, now: Instant) -> Result<Attempt<'_>, u64> {
        let limits = &self.limits;
        let ip = key("ip", address);
        let user = key("user", username);
        let mut state = self.lock();
        if state.in_flight.get(&ip).copied().unwrap_or(0) >= limits.max_in_flight {
            return Err(IN_FLIGHT_RETRY_SECS);
        }
        let mut wait = Duration::ZERO;
        for k in [&ip, &user] {
            if let Some(times) = state.expire(k, now, limits.window)
                && times.len() >= limits.max_failures as usize
                && let Some(oldest) = times.front()
            {
                wait = wait.max(limits.window - now.saturating_duration_since(*oldest));
            }
        }
        if !wait.is_zero() {
            return Err(secs(wait));
        }
        let fits = |s: &State| {
            let new_keys = [&ip, &user]
                .iter()
                .filter(|k| !s.keys.contains_key(**k))
                .count();
            s.keys.len() + new_keys <= limits.max_keys && s.attempts + 2 <= limits.max_attempts
        };
        if !fits(&state) {
            state.prune(now, limits.window);
            if !fits(&state) {
                let until = state
                    .no_expiry_before
                    .map_or(limits.window, |t| t.saturating_duration_since(now));
                return Err(secs(until));
            }
        }
        for k in [ip, user] {
            state
                .keys
                .entry(k)
                .or_insert_with(|| VecDeque::with_capacity(1))
                .push_back(now);
        }
        state.attempts += 2;
        *state.in_flight.entry(ip).or_insert(0) += 1;
        let spent =
            |k: &Key| state.keys.get(k).map_or(0, VecDeque::len) >= limits.max_failures as usize;
        let last = if spent(&ip) {
            Some(UsedUp::Address)
        } else if spent(&user) {
            Some(UsedUp::Username)
        } else {
            None
        };
        Ok(Attempt {
            throttle: self,
            ip,
            user,
            at: now,
            last,
        })
    }
}

/// Whole seconds to wait, at least one.
fn secs(d: Duration) -> u64 {
    (d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(1)
}

/// A reserved login attempt. Dropped without [`Attempt::succeeded`], it stays counted as a
/// failure; either way dropping it frees the address's in-flight slot.
#[must_use = "dropping the attempt at once frees its in-flight slot"]
pub struct Attempt<'a> {
    throttle: &'a Throttle,
    ip: Key,
    user: Key,
    at: Instant,
    /// What a failure of this attempt uses up, if it uses up anything.
    last: Option<UsedUp>,
}

/// Whose attempts a failure used up: the client address's or the username's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UsedUp {
    Address,
    Username,
}

impl UsedUp {
    /// As the security log's lockout entries say it.
    pub fn as_str(self) -> &'static str {
        match self {
            UsedUp::Address => "address",
            UsedUp::Username => "username",
        }
    }
}

impl Attempt<'_> {
    /// Whether failing this attempt locks the address or the username out for a while
    /// (as counted when it began), and which.
    pub fn uses_up(&self) -> Option<UsedUp> {
        self.last
    }

    /// The password was right: the username's failures are forgotten and this attempt is
    /// no longer counted against the address (its earlier failures still are).
    pub fn succeeded(self) {
        let mut state = self.throttle.lock();
        state.remove_key(&self.user);
        let mut emptied = false;
        if let Some(times) = state.keys.get_mut(&self.ip)
            && let Some(at) = times.iter().position(|t| *t == self.at)
        {
            times.remove(at);
            emptied = times.is_empty();
            state.attempts -= 1;
        }
        if emptied {
            state.keys.remove(&self.ip);
        }
        // Before `self` is dropped: its `Drop` takes the lock too.
        drop(state);
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        let mut state = self.throttle.lock();
        if let Some(n) = state.in_flight.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                state.in_flight.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
#[path = "throttle_tests.rs"]
mod tests;
