//! Passwords, secret tokens, login throttling and the second factor.

pub mod passkey;
pub mod password;
pub mod pending;
pub mod sso;
pub mod throttle;
pub mod token;
pub mod totp;
