//! Settings → Single sign-on.

use askama::Template;

use crate::views::Chrome;

/// The account's link to the provider.
pub struct LinkView {
    /// "Linked to your Authelia sign-in anna@example.org."
    pub said: String,
    /// "Linked May 1, 2026".
    pub made: String,
    /// "Last used May 2, 2026".
    pub used: Option<String>,
}

#[derive(Template)]
#[template(path = "sso.html")]
pub struct SsoPage {
    pub chrome: Chrome,
    /// The provider's name for people ("Authelia", or "single sign-on").
    pub provider: String,
    pub link: Option<LinkView>,
    pub error: Option<String>,
}
