//! Random secret tokens (256 bits) and the hashes stored in their place.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// A new random 256-bit token, URL-safe.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing is not recoverable; refuse to hand out a weak token.
    if let Err(e) = getrandom::fill(&mut bytes) {
        panic!("the operating system's random source failed: {e}");
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored instead of the token.
pub fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// SHA-256 of `purpose`, a zero byte and `value`: one value gives unrelated digests for
/// different purposes.
pub fn digest(purpose: &str, value: &str) -> [u8; 32] {
    Sha256::digest(format!("{purpose}\0{value}")).into()
}

/// A short derived value (e.g. the CSRF token of a session), URL-safe.
pub fn derive(purpose: &str, secret: &str) -> String {
    URL_SAFE_NO_PAD.encode(digest(purpose, secret))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let a = generate();
        assert_eq!(a.len(), 43);
        assert_ne!(a, generate());
        assert_eq!(hash(&a).len(), 32);
        assert!(constant_time_eq(&a, &a.clone()));
        assert!(!constant_time_eq(&a, "x"));
        assert_ne!(derive("csrf", &a), derive("other", &a));
    }
}
