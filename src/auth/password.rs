//! Password policy and argon2id hashing (m = 19456 KiB, t = 2, p = 1).

use std::collections::HashSet;
use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{Error, Result};

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 1024;

/// Common passwords of 8+ characters, lowercased: the list Royce Williams compiled
/// (as shipped by Django), filtered to the lengths our policy would otherwise accept.
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().collect());

fn argon2() -> Argon2<'static> {
    // These are the OWASP-recommended argon2id parameters; spelled out so a crate
    // default change cannot weaken them.
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks the password policy; the message says what to change.
pub fn check_policy(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(Error::invalid(format!(
            "the password is too short: use at least {MIN_CHARS} characters"
        )));
    }
    if chars > MAX_CHARS {
        return Err(Error::invalid(format!(
            "the password is too long: use at most {MAX_CHARS} characters"
        )));
    }
    if COMMON.contains(password.to_lowercase().as_str()) {
        return Err(Error::invalid(
            "that password is one of the most common passwords; pick another",
        ));
    }
    Ok(())
}

/// Hashes a password (PHC string). Slow on purpose: call it off the async workers.
pub fn hash(password: &str) -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Internal(format!("random source failed: {e}")))?;
    let salt = SaltString::encode_b64(&bytes)
        .map_err(|e| Error::Internal(format!("password salt: {e}")))?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

/// A hash of a random password, verified against when the username is unknown so that
/// unknown and known users cost the same work.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash(&crate::auth::token::generate()).unwrap_or_default());

/// Hashes that may run at once: each takes 19 MiB and a core for a moment, so a burst of
/// logins (the one path anyone can call, as fast as the throttle allows) waits its turn
/// instead of growing memory by 19 MiB per login. Every request path hashes through here
/// (`verify_off_thread`, `hash_off_thread`), on the blocking pool, holding no database
/// thread or connection.
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(MAX_HASHES);

/// How many password hashes may run at once (see `HASHING`).
pub const MAX_HASHES: usize = 2;

/// Runs `f` on the blocking pool once a `HASHING` permit is free. The permit goes with
/// `f`: a hash whose request has gone away still counts until it is done.
async fn off_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let permit = HASHING
        .acquire()
        .await
        .map_err(|e| Error::Internal(format!("password hashing: {e}")))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f()
    })
    .await
    .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

/// `verify`, off the async workers and the database threads.
pub async fn verify_off_thread(password: String, stored: Option<String>) -> Result<bool> {
    off_thread(move || verify(&password, stored.as_deref())).await
}

/// `hash`, off the async workers and the database threads.
pub async fn hash_off_thread(password: String) -> Result<String> {
    off_thread(move || hash(&password)).await?
}

/// The stored "hash" of an account without a password (made at a first single sign-on):
/// no password matches it.
pub const NONE: &str = "!";

/// Verifies a password against a stored hash; `None` (or an account without a password)
/// does the same work and fails.
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let (stored, real) = match stored {
        Some(s) if s != NONE => (s, true),
        _ => (DUMMY_HASH.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && real
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery", Some(&h)));
        assert!(!verify("wrong", Some(&h)));
        assert!(!verify("anything", None));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn verify_off_thread_answers_like_verify_for_a_burst_of_logins() {
        let h = hash("correct horse battery").unwrap();
        let checks: Vec<_> = (0..6)
            .map(|i| {
                let (password, stored) = match i % 3 {
                    0 => ("correct horse battery", Some(h.clone())),
                    1 => ("wrong horse battery", Some(h.clone())),
                    _ => ("correct horse battery", None),
                };
                tokio::spawn(verify_off_thread(password.to_string(), stored))
            })
            .collect();
        let mut answers = Vec::new();
        for check in checks {
            answers.push(check.await.unwrap().unwrap());
        }
        assert_eq!(answers, [true, false, false, true, false, false]);
        assert_eq!(HASHING.available_permits(), 2, "every permit came back");
    }

    #[test]
    fn policy() {
        assert!(check_policy("short").is_err());
        assert!(check_policy("password1").is_err());
        assert!(check_policy("PASSWORD123").is_err());
        assert!(check_policy(&"x".repeat(1025)).is_err());
        assert!(check_policy("tomato-basket-42").is_ok());
    }
}
