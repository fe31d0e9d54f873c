//! The one policy every provider call goes through: timeouts (the whole call, retries
//! included, never longer than the configured budget), a response size cap, retries with
//! exponential backoff and jitter on 5xx and timeouts, a circuit breaker per provider and a
//! rate limit per kind of call. Blocking (ureq): call it off the async workers.

use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

/// Why a lookup gave no answer. Each maps to a clear HTTP status for the phone, and says
/// in plain words what happened; the technical reason (the second field) goes to the log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No connection could be made: no internet, the name does not resolve, nothing
    /// listens, or the connection broke before an answer.
    #[error(
        "this server cannot reach {0} right now: it seems to have no internet connection, \
         or {0} is down; try again later"
    )]
    Unreachable(String, String),
    #[error("{0} did not answer in time; the internet connection may be slow or down")]
    Timeout(String),
    #[error("{0} is unavailable for now ({1}); try again later")]
    Unavailable(String, String),
    /// The provider answered, but with an error status or something that does not parse.
    #[error("{0} answered, but with something aisle cannot use; try again later")]
    BadGateway(String, String),
}

impl LookupError {
    pub fn status(&self) -> u16 {
        match self {
            LookupError::Timeout(_) => 504,
            LookupError::Unavailable(..) | LookupError::Unreachable(..) => 503,
            LookupError::BadGateway(..) => 502,
        }
    }

    /// The technical reason, for the log.
    pub fn reason(&self) -> &str {
        match self {
            LookupError::Timeout(_) => "timed out",
            LookupError::Unreachable(_, why)
            | LookupError::Unavailable(_, why)
            | LookupError::BadGateway(_, why) => why,
        }
    }
}

/// True when a request failed before any answer because no connection could be made or
/// kept (DNS, connect, reset), as opposed to the provider speaking badly.
fn no_connection(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed | ureq::Error::Io(_)
    )
}

/// Opens after `THRESHOLD` failures in a row; after `COOL_DOWN` one trial call goes
/// through (half-open): success closes it, failure opens it again.
#[derive(Default)]
struct Breaker {
    state: Mutex<BreakerState>,
}

#[derive(Default)]
struct BreakerState {
    failures: u32,
    open_until: Option<Instant>,
    trial_running: bool,
}

const THRESHOLD: u32 = 5;
const COOL_DOWN: Duration = Duration::from_secs(30);

impl Breaker {
    fn lock(&self) -> std::sync::MutexGuard<'_, BreakerState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// May a call go out now?
    fn allow(&self) -> bool {
        let mut s = self.lock();
        match s.open_until {
            None => true,
            Some(until) if Instant::now() < until => false,
            Some(_) if s.trial_running => false,
            Some(_) => {
                s.trial_running = true;
                true
            }
        }
    }

    fn success(&self) {
        *self.lock() = BreakerState::default();
    }

    fn failure(&self) {
        let mut s = self.lock();
        s.failures += 1;
        if s.trial_running || s.failures >= THRESHOLD {
            s.open_until = Some(Instant::now() + COOL_DOWN);
            s.trial_running = false;
        }
    }

    #[cfg(test)]
    fn is_open(&self) -> bool {
        self.lock().open_until.is_some_and(|t| Instant::now() < t)
    }
}

/// A kind of call with its own rate limit (e.g. product reads vs searches).
pub struct Limit {
    limiter: DefaultDirectRateLimiter,
}

impl Limit {
    /// At most `per_minute` calls a minute, spread out (no bursts).
    pub fn per_minute(per_minute: u32) -> Limit {
        let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        Limit {
            limiter: RateLimiter::direct(Quota::per_minute(n).allow_burst(NonZeroU32::MIN)),
        }
    }

    /// Waits for a slot, but not past `deadline`.
    fn acquire(&self, deadline: Instant) -> bool {
        let clock = DefaultClock::default();
        loop {
            match self.limiter.check() {
                Ok(()) => return true,
                Err(not_until) => {
                    let wait = not_until.wait_time_from(clock.now());
                    if Instant::now() + wait >= deadline {
                        return false;
                    }
                    std::thread::sleep(wait);
                }
            }
        }
    }
}

/// One provider's HTTP client with its policy.
pub struct Client {
    pub name: &'static str,
    agent: ureq::Agent,
    breaker: Breaker,
    budget: Duration,
    max_body: u64,
    retries: u32,
}

/// What a GET gave: a body, or the provider's "no such thing" (HTTP 404).
pub enum Fetched {
    Body(Vec<u8>, Option<String>),
    NotFound,
}

impl Client {
    pub fn new(name: &'static str, user_agent: &str, budget: Duration, max_body: u64) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .user_agent(user_agent)
            .http_status_as_error(false)
            .timeout_connect(Some(budget.min(Duration::from_secs(3))))
            .max_redirects(3)
            .build()
            .into();
        Client {
            name,
            agent,
            breaker: Breaker::default(),
            budget,
            max_body,
            retries: 2,
        }
    }

    fn unavailable(&self, why: &str) -> LookupError {
        LookupError::Unavailable(self.name.to_string(), why.to_string())
    }

    /// GETs `url` under the policy.
    pub fn get(&self, url: &str, limit: &Limit) -> Result<Fetched, LookupError> {
        let deadline = Instant::now() + self.budget;
        if !self.breaker.allow() {
            return Err(self.unavailable("it failed repeatedly; aisle waits before asking again"));
        }
        if !limit.acquire(deadline) {
            return Err(self.unavailable("aisle's rate limit for it is used up"));
        }
        let mut last = LookupError::Timeout(self.name.to_string());
        for attempt in 0..=self.retries {
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining < Duration::from_millis(50) {
                break;
            }
            match self.attempt(url, remaining) {
                Ok(fetched) => {
                    self.breaker.success();
                    return Ok(fetched);
                }
                Err((error, retry)) => {
                    last = error;
                    if !retry {
                        break;
                    }
                }
            }
            // Exponential backoff with jitter, within the budget.
            let base = 100u64 << attempt;
            let jitter = 0.5 + random_fraction();
            let pause = Duration::from_millis((base as f64 * jitter) as u64);
            if Instant::now() + pause >= deadline {
                break;
            }
            std::thread::sleep(pause);
        }
        self.breaker.failure();
        tracing::warn!(
            provider = self.name,
            reason = last.reason(),
            "lookup failed: {last}"
        );
        Err(last)
    }

    /// One request; the error says whether trying again may help.
    fn attempt(&self, url: &str, timeout: Duration) -> Result<Fetched, (LookupError, bool)> {
        let timed_out = || LookupError::Timeout(self.name.to_string());
        let bad = |why: String| LookupError::BadGateway(self.name.to_string(), why);
        let too_large = || {
            (
                bad(format!("the answer is larger than {} bytes", self.max_body)),
                false,
            )
        };
        let sent = self
            .agent
            .get(url)
            .header("Accept", "application/json")
            .config()
            .timeout_global(Some(timeout))
            .build()
            .call();
        let mut response = match sent {
            Ok(r) => r,
            Err(ureq::Error::Timeout(_)) => return Err((timed_out(), true)),
            Err(e) if no_connection(&e) => {
                let why = format!("connection failed: {e}");
                return Err((LookupError::Unreachable(self.name.to_string(), why), true));
            }
            Err(e) => return Err((bad(format!("connection failed: {e}")), true)),
        };
        let status = response.status().as_u16();
        if status == 404 {
            return Ok(Fetched::NotFound);
        }
        if status >= 500 || status == 429 {
            return Err((bad(format!("HTTP {status}")), true));
        }
        if !(200..300).contains(&status) {
            return Err((bad(format!("HTTP {status}")), false));
        }
        // An answer that says up front it is too large is refused without reading it.
        let declared = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|len| len > self.max_body) {
            return Err(too_large());
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        match response
            .body_mut()
            .with_config()
            .limit(self.max_body)
            .read_to_vec()
        {
            Ok(body) => Ok(Fetched::Body(body, content_type)),
            Err(ureq::Error::Timeout(_)) => Err((timed_out(), true)),
            Err(ureq::Error::BodyExceedsLimit(_)) => Err(too_large()),
            Err(e) => Err((bad(format!("reading the answer failed: {e}")), true)),
        }
    }
}

/// A number in [0, 1) for jitter.
fn random_fraction() -> f64 {
    let mut b = [0u8; 2];
    if getrandom::fill(&mut b).is_err() {
        return 0.5;
    }
    f64::from(u16::from_le_bytes(b)) / 65_536.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_breaker_opens_after_repeated_failures_and_half_opens() {
        let b = Breaker::default();
        for _ in 0..THRESHOLD {
            assert!(b.allow());
            b.failure();
        }
        assert!(!b.allow());
        assert!(b.is_open());
        // After the cool-down one trial goes through; its failure opens it again.
        b.lock().open_until = Some(Instant::now() - Duration::from_millis(1));
        assert!(b.allow());
        assert!(!b.allow(), "only one trial at a time");
        b.failure();
        assert!(b.is_open());
        b.lock().open_until = Some(Instant::now() - Duration::from_millis(1));
        assert!(b.allow());
        b.success();
        assert!(b.allow() && !b.is_open());
    }

    #[test]
    fn the_rate_limit_refuses_beyond_the_deadline() {
        let l = Limit::per_minute(1);
        assert!(l.acquire(Instant::now() + Duration::from_millis(10)));
        assert!(!l.acquire(Instant::now() + Duration::from_millis(10)));
    }
}
