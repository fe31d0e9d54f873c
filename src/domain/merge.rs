//! Adding an item whose name already stands unchecked on the list merges it into that item
//! (DESIGN "Item text parsing"): items merge when their name keys (case, plurals, accents
//! folded) and units agree, into the oldest such item; quantities add up and notes join.
//!
//! [`OpenItems`] holds a list's unchecked items by what they merge on, read once per request
//! (or per batch of ops, `db::items::add_merging`) and kept up to date while it runs, so adding n items
//! to a list of m costs O(n + m) instead of O(n × m).

use std::collections::{BTreeSet, HashMap};

use crate::domain::Invalid;
use crate::domain::category::name_key;
use crate::domain::text::MAX_QUANTITY;
use crate::ids::ItemId;

/// The fields a merge changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Mergeable {
    pub quantity: Option<f64>,
    pub note: Option<String>,
}

impl Mergeable {
    /// Merges an added item (`name`, `quantity`, `note`) into these fields: the quantities
    /// add up, an item without one counting as one (`eggs` + `eggs` is 2 eggs, none + none
    /// stays none); the note is joined with `; ` unless it is already said. Refused, and
    /// nothing changed, when the quantity would pass [`MAX_QUANTITY`].
    pub fn merge(
        &mut self,
        name: &str,
        quantity: Option<f64>,
        note: Option<&str>,
    ) -> Result<(), Invalid> {
        let quantity = match (self.quantity, quantity) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(1.0) + b.unwrap_or(1.0)),
        };
        if quantity.is_some_and(|q| q > MAX_QUANTITY) {
            return Err(Invalid(format!(
                "{name} would be more than {MAX_QUANTITY}; nothing was added"
            )));
        }
        self.quantity = quantity;
        match (self.note.as_mut(), note) {
            (Some(said), Some(added)) if !said.contains(added) => {
                said.push_str("; ");
                said.push_str(added);
            }
            (None, Some(added)) => self.note = Some(added.to_string()),
            _ => {}
        }
        Ok(())
    }
}

/// Items merge when their name keys and units agree.
type Key = (String, Option<String>);

#[derive(Debug)]
struct Entry {
    key: Key,
    fields: Mergeable,
}

/// An item as [`OpenItems::track`] follows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Tracked<'a> {
    pub id: ItemId,
    pub name: &'a str,
    pub unit: Option<&'a str>,
    /// Unchecked and not deleted.
    pub open: bool,
    pub fields: Mergeable,
}

/// The unchecked, live items of one list, by what they merge on.
#[derive(Debug, Default)]
pub struct OpenItems {
    entries: HashMap<ItemId, Entry>,
    /// Several open items may share a key (an edit or an uncheck can make a twin): the
    /// oldest (lowest id) is the one merged into.
    by_key: HashMap<Key, BTreeSet<ItemId>>,
}

impl OpenItems {
    /// The open item an item called `name` with `unit` merges into, with its fields.
    pub fn target(&mut self, name: &str, unit: Option<&str>) -> Option<(ItemId, &mut Mergeable)> {
        let key = (name_key(name), unit.map(str::to_string));
        let id = *self.by_key.get(&key)?.first()?;
        let entry = self.entries.get_mut(&id)?;
        Some((id, &mut entry.fields))
    }

    /// Records a new open item (or replaces what was known of `id`).
    pub fn insert(&mut self, id: ItemId, name: &str, unit: Option<String>, fields: Mergeable) {
        self.remove(id);
        let key = (name_key(name), unit);
        self.by_key.entry(key.clone()).or_default().insert(id);
        self.entries.insert(id, Entry { key, fields });
    }

    /// Forgets `id` (checked, deleted or gone).
    pub fn remove(&mut self, id: ItemId) {
        if let Some(entry) = self.entries.remove(&id)
            && let Some(ids) = self.by_key.get_mut(&entry.key)
        {
            ids.remove(&id);
            if ids.is_empty() {
                self.by_key.remove(&entry.key);
            }
        }
    }

    /// Follows a change made to an item since the load (a check, uncheck, edit, delete or
    /// restore): it is open again, open under another name, or no longer open.
    pub fn track<'a>(&mut self, item: impl Into<Tracked<'a>>) {
        let item = item.into();
        if item.open {
            self.insert(
                item.id,
                item.name,
                item.unit.map(str::to_string),
                item.fields,
            );
        } else {
            self.remove(item.id);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(q: Option<f64>) -> Mergeable {
        Mergeable {
            quantity: q,
            note: None,
        }
    }

    fn item(id: i64, name: &str, open: bool) -> Tracked<'_> {
        Tracked {
            id: ItemId(id),
            name,
            unit: None,
            open,
            fields: fields(Some(2.0)),
        }
    }

    #[test]
    fn quantities_add_up_and_notes_join_once() {
        let merged = |q, note: Option<&str>, added_q, added_note| {
            let mut f = Mergeable {
                quantity: q,
                note: note.map(str::to_string),
            };
            f.merge("eggs", added_q, added_note).map(|()| f)
        };
        let f = merged(Some(6.0), None, Some(6.0), None).unwrap();
        assert_eq!(f, fields(Some(12.0)));
        // A missing quantity counts as one; none and none stay none.
        assert_eq!(
            merged(None, None, Some(2.0), None).unwrap().quantity,
            Some(3.0)
        );
        assert_eq!(
            merged(Some(2.0), None, None, None).unwrap().quantity,
            Some(3.0)
        );
        assert_eq!(merged(None, None, None, None).unwrap().quantity, None);
        // Notes: a new one is joined, one already said is not repeated.
        let note = |note, added| merged(None, note, None, added).unwrap().note;
        assert_eq!(note(None, Some("large")), Some("large".into()));
        assert_eq!(note(Some("large"), None), Some("large".into()));
        assert_eq!(
            note(Some("large"), Some("free range")),
            Some("large; free range".into())
        );
        assert_eq!(
            note(Some("large; free range"), Some("large")),
            Some("large; free range".into())
        );
        // Past the largest quantity: refused, nothing changed.
        let mut f = fields(Some(MAX_QUANTITY));
        let e = f.merge("eggs", Some(1.0), Some("x")).unwrap_err();
        assert_eq!(e.0, "eggs would be more than 100000; nothing was added");
        assert_eq!(f, fields(Some(MAX_QUANTITY)));
    }

    #[test]
    fn names_differing_in_case_plural_or_accent_find_the_same_item() {
        let mut open = OpenItems::default();
        open.insert(ItemId(1), "Eggs", None, fields(Some(6.0)));
        open.insert(ItemId(2), "Crème fraîche", Some("g".into()), fields(None));
        open.insert(ItemId(3), "Tomatoes", None, fields(None));
        for name in ["eggs", "EGGS", "egg", " Eggs "] {
            assert_eq!(
                open.target(name, None).map(|t| t.0),
                Some(ItemId(1)),
                "{name}"
            );
        }
        assert_eq!(
            open.target("creme FRAICHE", Some("g")).map(|t| t.0),
            Some(ItemId(2))
        );
        assert_eq!(open.target("tomato", None).map(|t| t.0), Some(ItemId(3)));
        // Another unit, or none where the item has one: no merge.
        assert!(open.target("eggs", Some("box")).is_none());
        assert!(open.target("crème fraîche", None).is_none());
        // The fields can be changed in place.
        if let Some((_, f)) = open.target("EGGS", None) {
            f.quantity = Some(12.0);
        }
        assert_eq!(
            open.target("eggs", None).map(|t| t.1.quantity),
            Some(Some(12.0))
        );
    }

    #[test]
    fn twins_merge_into_the_oldest_and_changes_are_followed() {
        let mut open = OpenItems::default();
        open.insert(ItemId(7), "milk", None, fields(None));
        open.insert(ItemId(4), "Milk", None, fields(None));
        assert_eq!(open.target("milk", None).map(|t| t.0), Some(ItemId(4)));
        // Checking the oldest: the other twin takes over; deleting it too: none left.
        open.track(item(4, "Milk", false));
        assert_eq!(open.target("milk", None).map(|t| t.0), Some(ItemId(7)));
        open.track(item(7, "milk", false));
        assert!(open.target("milk", None).is_none());
        assert!(open.is_empty());
        // Unchecking brings it back; an edit renames it.
        open.track(item(4, "Milk", true));
        assert_eq!(open.target("MILK", None).map(|t| t.0), Some(ItemId(4)));
        open.track(item(4, "oat milk", true));
        assert!(open.target("milk", None).is_none());
        assert_eq!(open.target("Oat Milk", None).map(|t| t.0), Some(ItemId(4)));
        assert_eq!(open.len(), 1);
    }

    #[test]
    fn a_thousand_items_are_each_found_by_key() {
        // Linear: one map lookup per name, whatever the size of the list.
        let mut open = OpenItems::default();
        for i in 0..1_000 {
            open.insert(ItemId(i), &format!("Item {i}"), None, fields(None));
        }
        for i in 0..1_000 {
            let name = format!("ITEM {i}");
            assert_eq!(open.target(&name, None).map(|t| t.0), Some(ItemId(i)));
        }
        assert_eq!(open.len(), 1_000);
    }
}
