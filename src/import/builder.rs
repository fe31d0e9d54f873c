//! Items of another app's file, read with the add box's rules into an aisle export.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::db::export::{ExCategory, ExHistory, ExItem, ExList, ExStore, Export, FORMAT, VERSION};
use crate::domain::parse::parse_quantity;
use crate::domain::units::Unit;
use crate::domain::{Invalid, category, text};
use aisle_parse::pieces::{Item, pieces};

/// Most items one import takes (open and done): far more than any household's history.
pub const MAX_ITEMS: usize = 20_000;

/// An import made ready: the export to add, and what of the file was left out and why.
#[derive(Debug)]
pub struct Converted {
    pub doc: Export,
    pub skipped: Vec<Skipped>,
}

/// Something of the file that was not imported, and why, in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub what: String,
    pub why: String,
}

/// What an import has read so far: lists by name (in the file's order), history, and
/// what it left out.
#[derive(Debug, Default)]
pub struct Builder {
    lists: Vec<ExList>,
    stores: Vec<ExStore>,
    categories: Vec<String>,
    history: BTreeMap<String, (String, i64)>,
    skipped: Vec<Skipped>,
    items: usize,
}

/// Fields of an item given apart (a spreadsheet's columns).
#[derive(Debug, Default)]
pub struct Fields<'a> {
    pub name: &'a str,
    pub quantity: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub note: Option<&'a str>,
    pub category: Option<&'a str>,
    pub done: bool,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    fn skip(&mut self, what: &str, why: impl Into<String>) {
        let what: String = what.chars().take(60).collect();
        self.skipped.push(Skipped {
            what,
            why: why.into(),
        });
    }

    /// An item as typed (`2 cups milk (organic)`, `milk, eggs`) on list `list`: read as
    /// the add box reads it. Done items go into the history only.
    pub fn text(&mut self, list: &str, typed: &str, done: bool) {
        if typed.trim().is_empty() {
            return;
        }
        match pieces(typed) {
            Err(e) => self.skip(typed, e.0),
            Ok(pieces) => {
                for piece in pieces {
                    match piece.item {
                        Ok(item) => self.item(list, item, None, done),
                        Err(e) => self.skip(piece.text, e.0),
                    }
                }
            }
        }
    }

    /// An item given as fields; without a quantity the name is read as typed.
    pub fn fields(&mut self, list: &str, f: Fields<'_>) {
        if f.name.trim().is_empty() {
            return;
        }
        let category = f.category.map(str::trim).filter(|c| !c.is_empty());
        let given_amount = f.quantity.is_some_and(|q| !q.trim().is_empty())
            || f.unit.is_some_and(|u| !u.trim().is_empty());
        if !given_amount {
            match pieces(f.name).map(|p| p.into_iter().next()) {
                Ok(Some(piece)) => match piece.item {
                    Ok(mut item) => {
                        if let Some(n) = f.note.filter(|n| !n.trim().is_empty()) {
                            item.note = Some(join_note(item.note.as_deref(), n));
                        }
                        self.checked_item(list, item, category, f.done);
                    }
                    Err(e) => self.skip(f.name, e.0),
                },
                Ok(None) => {}
                Err(e) => self.skip(f.name, e.0),
            }
            return;
        }
        let quantity = match f.quantity.map(str::trim).filter(|q| !q.is_empty()) {
            None => None,
            Some(q) => match parse_quantity(q).map(text::quantity) {
                Some(Ok(q)) => Some(q),
                Some(Err(e)) => return self.skip(f.name, e.0),
                None => return self.skip(f.name, format!("“{q}” is not a quantity")),
            },
        };
        let unit = match f.unit.map(str::trim).filter(|u| !u.is_empty()) {
            None => None,
            Some(u) => match Unit::recognise(u) {
                Some(unit) => Some(unit),
                None => return self.skip(f.name, format!("“{u}” is not a unit aisle knows")),
            },
        };
        let item = Item {
            name: f.name.to_string(),
            quantity,
            unit,
            note: f.note.map(str::to_string),
        };
        self.checked_item(list, item, category, f.done);
    }

    /// A store with its aisle order (category names, first aisle first); a name or a
    /// category that fails the form's checks is left out, saying so.
    pub fn store(&mut self, name: &str, order: &[String]) {
        let name = match text::name("the store name", name) {
            Ok(name) => name,
            Err(e) => return self.skip(name, e.0),
        };
        if self.stores.iter().any(|s| s.name == name) {
            return;
        }
        let mut kept = Vec::new();
        for category in order {
            match text::name("the category name", category) {
                Ok(c) if !kept.contains(&c) => kept.push(c),
                Ok(_) => {}
                Err(e) => self.skip(category, e.0),
            }
        }
        self.stores.push(ExStore {
            name,
            order: kept,
            placed_by_hand: None,
            locked: false,
        });
    }

    /// An item whose name and note still need the add box's checks.
    fn checked_item(&mut self, list: &str, item: Item, category: Option<&str>, done: bool) {
        let name = match text::name("the item name", &item.name) {
            Ok(name) => name,
            Err(e) => return self.skip(&item.name, e.0),
        };
        let note = match item.note.as_deref().map(text::note).transpose() {
            Ok(note) => note.flatten(),
            Err(e) => return self.skip(&name, e.0),
        };
        let item = Item { name, note, ..item };
        self.item(list, item, category, done);
    }

    fn item(&mut self, list: &str, item: Item, category: Option<&str>, done: bool) {
        self.items += 1;
        if self.items > MAX_ITEMS {
            if self.items == MAX_ITEMS + 1 {
                self.skip(&item.name, format!("an import takes at most {MAX_ITEMS} items; this and the ones after it were left out"));
            }
            return;
        }
        let key = category::name_key(&item.name);
        let seen = self.history.entry(key).or_insert((item.name.clone(), 0));
        seen.1 += 1;
        if done {
            return;
        }
        // Where the file names no category, the one an add would choose (the household's
        // own corrections aside): the dictionary's, or Other.
        let category = match category.map(|c| text::name("the category name", c)) {
            Some(Ok(c)) => {
                if !self.categories.contains(&c) {
                    self.categories.push(c.clone());
                }
                c
            }
            given => {
                if let Some(Err(e)) = given {
                    self.skip(&item.name, format!("its category was left out: {}", e.0));
                }
                category::categorise(&item.name)
                    .unwrap_or(category::FALLBACK)
                    .to_string()
            }
        };
        let list_name = text::name("the list name", list).unwrap_or_else(|_| "Imported".into());
        let at = match self.lists.iter().position(|l| l.name == list_name) {
            Some(at) => at,
            None => {
                self.lists.push(ExList {
                    name: list_name,
                    archived: false,
                    store: None,
                    items: Vec::new(),
                });
                self.lists.len() - 1
            }
        };
        let items = &mut self.lists[at].items;
        items.push(ExItem {
            name: item.name,
            quantity: item.quantity,
            unit: item.unit.map(|u| u.as_str().to_string()),
            note: item.note,
            category: Some(category),
            checked: false,
            position: items.len() as i64,
            product: None,
        });
    }

    /// The export made of what was read; refused when nothing could be.
    pub fn finish(self) -> Result<Converted, Invalid> {
        if self.lists.is_empty() && self.history.is_empty() && self.stores.is_empty() {
            let why = match self.skipped.first() {
                Some(s) => format!(
                    "no line of the file could be read (“{}”: {})",
                    s.what, s.why
                ),
                None => "the file holds no items".to_string(),
            };
            return Err(Invalid(why));
        }
        let now = crate::db::now_ms();
        let doc = Export {
            format: FORMAT.into(),
            version: VERSION,
            exported_ms: now,
            household: "Imported".into(),
            currency: None,
            categories: self
                .categories
                .into_iter()
                .enumerate()
                .map(|(n, name)| ExCategory {
                    name,
                    position: 1000 + n as i64,
                })
                .collect(),
            stores: self.stores,
            lists: self.lists,
            history: self
                .history
                .into_values()
                .map(|(name, uses)| ExHistory {
                    name,
                    uses,
                    last_used_ms: now,
                })
                .collect(),
            corrections: Vec::new(),
            products: Vec::new(),
            templates: Vec::new(),
            security_log: Vec::new(),
            prices: Vec::new(),
        };
        Ok(Converted {
            doc,
            skipped: self.skipped,
        })
    }
}

/// Two notes as one (`a; b`).
fn join_note(said: Option<&str>, more: &str) -> String {
    match said {
        Some(said) if !said.is_empty() => format!("{said}; {}", more.trim()),
        _ => more.trim().to_string(),
    }
}
