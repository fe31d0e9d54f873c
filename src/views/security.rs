//! The security log pages: a household's (its admins) and the instance's (instance admins).

use askama::Template;

use crate::views::Chrome;

/// One entry, in the page's language.
pub struct LogRow {
    pub when: String,
    /// The household's name on the instance's log (`None`: of no household).
    pub household: Option<String>,
    pub what: String,
    pub failed: bool,
    pub who: String,
    pub by: Option<String>,
    /// How (password, invite, command line…), translated.
    pub how: Option<String>,
    pub address: Option<String>,
    /// What else: a role, a token's name, a file (`code`: shown as written).
    pub detail: Option<String>,
    pub detail_is_code: bool,
    /// Brought by an import of another instance's export.
    pub imported: bool,
}

#[derive(Template)]
#[template(path = "security.html")]
pub struct SecurityLogPage {
    pub chrome: Chrome,
    pub intro: String,
    /// The instance's log: each entry says its household.
    pub instance: bool,
    pub rows: Vec<LogRow>,
    /// The next page's address, when there are older entries.
    pub older: Option<String>,
    pub back: &'static str,
    pub back_label: String,
}
