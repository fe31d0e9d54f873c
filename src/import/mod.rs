//! Moving in from other apps: a file of another app's (or a pasted list) turned into an
//! aisle household export, which `db::export::import` then adds to a household in one
//! transaction, checked whole first: nothing is half-imported.
//!
//! Each kind reads its own format and hands every item, as text or as fields, to
//! [`Builder`], which reads it with the add box's parser and rules (so "2 cups milk"
//! becomes quantity, unit and name) and keeps what it cannot take, with why, for the
//! report. Open items go on a list; done ones only into the household's history (for
//! suggestions and categories).

mod builder;
mod calendar;
mod keep;
mod remote;
mod table;

use serde::Deserialize;
use strum::{Display, EnumString, VariantNames};

pub use builder::{Builder, Converted, Skipped};

use crate::db::export::Export;
use crate::domain::Invalid;

/// What a file to import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Display, EnumString, VariantNames)]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    /// A household export of aisle's own (JSON).
    Aisle,
    /// A pasted list or a text file: one item a line (commas split too).
    Text,
    /// A spreadsheet export with a header row (`name`/`item`, `quantity`, `unit`, `note`,
    /// `category`, `list`, `done`); without one, the first column is the item as typed.
    Csv,
    /// Home Assistant's shopping list (`.storage`'s `.shopping_list.json`).
    HomeAssistant,
    /// iCalendar to-dos (`.ics`): Home Assistant's Local To-do, Nextcloud Tasks.
    Ical,
    /// A Google Keep list from Google Takeout (one note's `.json`).
    GoogleKeep,
    /// Grocy, through its API (an address and an API key).
    Grocy,
    /// Mealie, through its API (an address and an API token).
    Mealie,
    /// KitchenOwl, through its API (an address and a long-lived token).
    Kitchenowl,
    /// Tandoor, through its API (an address and an API token): entries and store orders.
    Tandoor,
}

impl Kind {
    /// Read through the app's API (an address and a token), not from a file.
    pub fn is_api(self) -> bool {
        matches!(
            self,
            Kind::Grocy | Kind::Mealie | Kind::Kitchenowl | Kind::Tandoor
        )
    }
}

/// Reads an app through its API at `url` with `token` ([`Kind::is_api`]). Blocking.
pub fn fetch(kind: Kind, url: &str, token: &str) -> Result<Converted, Invalid> {
    if token.trim().is_empty() {
        return Err(Invalid(format!("give the API token {kind} made for aisle")));
    }
    let mut b = Builder::new();
    match kind {
        Kind::Grocy => remote::grocy(&mut b, url, token.trim())?,
        Kind::Mealie => remote::mealie(&mut b, url, token.trim())?,
        Kind::Kitchenowl => remote::kitchenowl(&mut b, url, token.trim())?,
        Kind::Tandoor => remote::tandoor(&mut b, url, token.trim())?,
        _ => return Err(Invalid(format!("{kind} is a file: choose the file"))),
    }
    b.finish()
}

/// Reads `bytes` as a file of `kind`; `name` names the list where the file has no name of
/// its own (the file's name, say; Home Assistant's one list is "Shopping list"). Refused whole only when the file cannot be read as
/// that kind at all.
pub fn convert(kind: Kind, bytes: &[u8], name: &str) -> Result<Converted, Invalid> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        Invalid(format!(
            "the file is not text (UTF-8): choose the file {kind} exported"
        ))
    })?;
    let text = text.trim_start_matches('\u{feff}');
    let mut b = Builder::new();
    match kind {
        Kind::Aisle => {
            let doc: Export = serde_json::from_str(text)
                .map_err(|e| Invalid(format!("the file is not an aisle export: {e}")))?;
            return Ok(Converted {
                doc,
                skipped: Vec::new(),
            });
        }
        Kind::Text => {
            for line in text.lines() {
                b.text(name, line, false);
            }
        }
        Kind::Csv => table::read(&mut b, text, name)?,
        Kind::HomeAssistant => {
            // Home Assistant has one shopping list; its file is `.shopping_list.json`.
            let name = "Shopping list";
            #[derive(Deserialize)]
            struct Entry {
                name: String,
                #[serde(default)]
                complete: bool,
            }
            let entries: Vec<Entry> = serde_json::from_str(text).map_err(|e| {
                Invalid(format!(
                    "the file is not Home Assistant's shopping list (.shopping_list.json): {e}"
                ))
            })?;
            for e in entries {
                b.text(name, &e.name, e.complete);
            }
        }
        Kind::Ical => calendar::read(&mut b, text, name)?,
        Kind::GoogleKeep => keep::read(&mut b, text, name)?,
        Kind::Grocy | Kind::Mealie | Kind::Kitchenowl | Kind::Tandoor => {
            return Err(Invalid(format!(
                "{kind} is read through its API: give its address and token instead of a file"
            )));
        }
    }
    b.finish()
}

/// What an import did, for the page's flash and the CLI: what it added, then what of the
/// file it left out and why (the first ten).
pub fn report(added: &crate::db::export::Imported, skipped: &[Skipped]) -> String {
    let mut out = added.summary();
    if !skipped.is_empty() {
        let shown: Vec<String> = skipped
            .iter()
            .take(10)
            .map(|s| format!("“{}” ({})", s.what, s.why))
            .collect();
        let more = match skipped.len().saturating_sub(10) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        out.push_str(&format!(" Left out: {}{more}.", shown.join("; ")));
    }
    out
}

#[cfg(test)]
mod tests;
