//! The second factor's pages: the code asked for at sign-in, and setting up an
//! authenticator app (settings).

use askama::Template;

use crate::views::Chrome;
use crate::views::qr::QrSvg;

/// One of a person's passkeys.
pub struct PasskeyRow {
    pub id: crate::ids::PasskeyId,
    pub name: String,
    /// "Added May 1, 2026".
    pub made: String,
    /// "Last used May 2, 2026".
    pub used: Option<String>,
}

/// Settings → Passkeys.
#[derive(Template)]
#[template(path = "passkeys.html")]
pub struct PasskeysPage {
    pub chrome: Chrome,
    /// The server's address allows passkeys (see `auth::passkey`).
    pub available: bool,
    pub passkeys: Vec<PasskeyRow>,
    /// The new passkey's name as typed, kept after a refusal.
    pub name: String,
    pub error: Option<String>,
}

impl PasskeysPage {
    pub fn script(&self) -> String {
        crate::views::assets::url("passkey.js")
    }
}

/// "Enter the code from your app" after a right password.
#[derive(Template)]
#[template(path = "login_code.html")]
pub struct LoginCodePage {
    pub chrome: Chrome,
    /// What was typed, kept after a refusal.
    pub code: String,
    pub error: Option<String>,
}

/// An app being set up: what to scan or type into it.
pub struct Enrolment {
    pub qr: Option<QrSvg>,
    /// The secret in groups of four, for typing.
    pub secret: String,
    /// The `otpauth://` address of the QR code, as a link for an app on the same phone.
    pub url: String,
    /// The first code as typed, kept after a wrong one.
    pub code: String,
}

/// Settings → two-step sign-in.
#[derive(Template)]
#[template(path = "two_step.html")]
pub struct TwoStepPage {
    pub chrome: Chrome,
    /// An app is set up and asked for at sign-in.
    pub on: bool,
    /// Unused recovery codes left.
    pub codes_left: u32,
    /// Set up, waiting for a first code.
    pub enrolment: Option<Enrolment>,
    /// Recovery codes just made: shown this once.
    pub new_codes: Vec<String>,
    pub error: Option<String>,
}
