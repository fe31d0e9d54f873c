//! The list's history page.

use askama::Template;

use crate::db::activity::{Entry, Kind};
use crate::db::lists::List;
use crate::views::Chrome;

#[derive(Template)]
#[template(path = "history.html")]
pub struct HistoryPage {
    pub chrome: Chrome,
    pub list: List,
    pub entries: Vec<Entry>,
    /// Now, for "5 minutes ago".
    pub now_ms: i64,
    /// Why the last undo was refused, shown above the history.
    pub error: Option<String>,
}

impl HistoryPage {
    /// "anna checked off", "Someone added" (an account deleted since).
    pub fn who_did(&self, entry: &Entry) -> String {
        let verb = match entry.kind {
            Kind::Add => "added",
            Kind::Check => "checked off",
            Kind::Uncheck => "unchecked",
            Kind::Edit => "changed",
            Kind::Delete => "removed",
            Kind::Restore => "put back",
        };
        // No author: the account was deleted since.
        let who = entry.by.as_deref().unwrap_or("Someone");
        format!("{who} {verb}")
    }

    pub fn ago(&self, entry: &Entry) -> String {
        ago(self.now_ms, entry.at_ms)
    }
}

/// How long ago `at_ms` was, in words: "just now", "5 minutes ago", "3 hours ago",
/// "yesterday", "4 days ago".
pub fn ago(now_ms: i64, at_ms: i64) -> String {
    let minutes = (now_ms - at_ms).max(0) / 60_000;
    let plural = |n: i64, unit: &str| {
        let s = if n == 1 { "" } else { "s" };
        format!("{n} {unit}{s} ago")
    };
    match minutes {
        0 => "just now".into(),
        1..=59 => plural(minutes, "minute"),
        60..=1439 => plural(minutes / 60, "hour"),
        1440..=2879 => "yesterday".into(),
        _ => plural(minutes / 1440, "day"),
    }
}

#[cfg(test)]
mod tests {
    use super::ago;

    #[test]
    fn times_read_as_words() {
        let min = 60_000;
        assert_eq!(ago(10, 10), "just now");
        assert_eq!(ago(min, 0), "1 minute ago");
        assert_eq!(ago(59 * min, 0), "59 minutes ago");
        assert_eq!(ago(60 * min, 0), "1 hour ago");
        assert_eq!(ago(25 * 60 * min, 0), "yesterday");
        assert_eq!(ago(4 * 1440 * min, 0), "4 days ago");
        assert_eq!(ago(0, min), "just now", "a clock that went back");
    }
}
