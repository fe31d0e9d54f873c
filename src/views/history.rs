//! The list's history page.

use askama::Template;

use crate::db::activity::{Entry, Kind};
use crate::db::lists::List;
use crate::i18n::Arg;
use crate::views::{Chrome, around};

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
    /// The message of an entry, by what was done.
    fn message(entry: &Entry) -> &'static str {
        match entry.kind {
            Kind::Add => "history-added",
            Kind::Check => "history-checked",
            Kind::Uncheck => "history-unchecked",
            Kind::Edit => "history-changed",
            Kind::Delete => "history-removed",
            Kind::Restore => "history-restored",
        }
    }

    /// Who did it: the member's name, or "Someone" (an account deleted since).
    fn who(&self, entry: &Entry) -> String {
        match &entry.by {
            Some(name) => name.clone(),
            None => self.chrome.t.get("history-someone"),
        }
    }

    /// The words of an entry before and after the item's name (shown in bold between
    /// them): ("anna checked off ", ""), ("anna hat ", " abgehakt").
    pub fn who_did(&self, entry: &Entry) -> (String, String) {
        let who = self.who(entry);
        around(
            self.chrome.t,
            Self::message(entry),
            &[("who", Arg::Text(&who))],
            "item",
        )
    }

    /// What the Undo button of an entry reads out: "Undo: anna checked off bananas".
    pub fn undo_label(&self, entry: &Entry) -> String {
        let who = self.who(entry);
        let what = self.chrome.t.with(
            Self::message(entry),
            &[("who", Arg::Text(&who)), ("item", Arg::Text(&entry.name))],
        );
        self.chrome.t.arg("history-undo-label", "what", &what)
    }

    /// How long ago it happened: "5 minutes ago", "vor 5 Minuten".
    pub fn ago(&self, entry: &Entry) -> String {
        self.chrome.t.ago(self.now_ms, entry.at_ms)
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn times_read_as_words_in_english_and_german() {
        let min = 60_000;
        let de = Lang::from_code("de").expect("German");
        for (now, at, en, german) in [
            (10, 10, "just now", "gerade eben"),
            (min, 0, "a minute ago", "vor einer Minute"),
            (59 * min, 0, "59 minutes ago", "vor 59 Minuten"),
            (60 * min, 0, "an hour ago", "vor einer Stunde"),
            (25 * 60 * min, 0, "yesterday", "gestern"),
            (4 * 1440 * min, 0, "4 days ago", "vor 4 Tagen"),
            // A clock that went back.
            (0, min, "just now", "gerade eben"),
        ] {
            assert_eq!(Lang::EN.ago(now, at), en);
            assert_eq!(de.ago(now, at), german);
        }
    }
}
