//! The second factor: codes from an authenticator app (TOTP, RFC 6238: HMAC-SHA-1, six
//! digits, 30-second steps, one step of clock drift either way — what every app
//! understands), and one-time recovery codes.

use rocket::http::RawStr;
use totp_rs::{Builder, Secret};

use super::token;

/// Recovery codes handed out at a time.
pub const RECOVERY_CODES: usize = 10;

/// A new random 160-bit secret (the size RFC 4226 recommends).
pub fn new_secret() -> Vec<u8> {
    let mut bytes = vec![0u8; 20];
    // The OS random source failing is not recoverable; refuse to hand out a weak secret.
    if let Err(e) = getrandom::fill(&mut bytes) {
        panic!("the operating system's random source failed: {e}");
    }
    bytes
}

/// The secret as people type it into an app: base32 in groups of four.
pub fn secret_text(secret: &[u8]) -> String {
    let base32 = Secret::from(secret.to_vec()).to_base32();
    let groups: Vec<&str> = base32
        .as_bytes()
        .chunks(4)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    groups.join(" ")
}

/// The `otpauth://` address an app reads from the QR code: the account shows as
/// `issuer: username`.
pub fn otpauth_url(secret: &[u8], issuer: &str, username: &str) -> String {
    let base32 = Secret::from(secret.to_vec()).to_base32();
    let label = format!("{issuer}:{username}");
    format!(
        "otpauth://totp/{}?secret={base32}&issuer={}&algorithm=SHA1&digits=6&period=30",
        RawStr::new(&label).percent_encode(),
        RawStr::new(issuer).percent_encode(),
    )
}

/// The time step a typed `code` belongs to, if it is the app's code for the step of
/// `now_secs` or the one before or after, and later than `last_step` (a code works once).
/// Spaces in the code are ignored.
pub fn check(secret: &[u8], code: &str, now_secs: u64, last_step: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let totp = Builder::new().with_secret(secret.to_vec()).build().ok()?;
    totp.check(&code, now_secs).filter(|&step| step > last_step)
}

/// Whether `typed` looks like an app's code (six digits) rather than a recovery code.
pub fn is_app_code(typed: &str) -> bool {
    let digits: Vec<char> = typed.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 6 && digits.iter().all(char::is_ascii_digit)
}

/// New recovery codes: ten characters (50 random bits) each, shown as `xxxxx-xxxxx`.
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 7];
            if let Err(e) = getrandom::fill(&mut bytes) {
                panic!("the operating system's random source failed: {e}");
            }
            let text = Secret::from(bytes.to_vec()).to_base32().to_lowercase();
            format!("{}-{}", &text[..5], &text[5..10])
        })
        .collect()
}

/// What is stored for a recovery code: typed in any case, with or without its dash or
/// spaces, it hashes the same.
pub fn recovery_hash(code: &str) -> [u8; 32] {
    let plain: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    token::digest("recovery-code", &plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 test secret and its eight-digit codes; an app shows
    /// their last six digits.
    #[test]
    fn codes_are_rfc_6238() {
        let secret = b"12345678901234567890";
        for (time, code) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            let six = &code[2..];
            let step = time / 30;
            assert_eq!(check(secret, six, time, 0), Some(step), "{time}");
            // Typed with a space, as apps show it.
            let spaced = format!("{} {}", &six[..3], &six[3..]);
            assert_eq!(check(secret, &spaced, time, 0), Some(step));
            // One step of drift either way, no more.
            assert_eq!(check(secret, six, time + 30, 0), Some(step));
            assert_eq!(check(secret, six, time - 30, 0), Some(step));
            assert_eq!(check(secret, six, time + 90, 0), None);
            // Used once, it is refused.
            assert_eq!(check(secret, six, time, step), None);
        }
        assert_eq!(check(secret, "000000", 59, 0), None);
        assert_eq!(check(secret, "abc", 59, 0), None);
    }

    #[test]
    fn secrets_show_as_base32_and_in_an_otpauth_address() {
        let secret = new_secret();
        assert_eq!(secret.len(), 20);
        assert_ne!(secret, new_secret());
        let text = secret_text(b"12345678901234567890");
        assert_eq!(text, "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        let url = otpauth_url(b"12345678901234567890", "aisle", "Ann Lee");
        assert_eq!(
            url,
            "otpauth://totp/aisle:Ann%20Lee?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=aisle&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn recovery_codes_are_random_and_hash_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        for code in &codes {
            assert_eq!(code.len(), 11);
            assert_eq!(&code[5..6], "-");
            assert!(!is_app_code(code));
            let typed = code.replace('-', " ").to_uppercase();
            assert_eq!(recovery_hash(code), recovery_hash(&typed));
        }
        assert_ne!(recovery_hash(&codes[0]), recovery_hash(&codes[1]));
        assert!(is_app_code("123 456"));
        assert!(!is_app_code("12345"));
    }
}
