//! What an added item merges into: the list's unchecked items by name key and unit, read
//! once per request (or per batch of ops) and kept up to date while it runs, so adding n
//! items to a list of m costs O(n + m) instead of O(n × m).

use std::collections::{BTreeSet, HashMap};

use rusqlite::Connection;

use crate::db::items::Item;
use crate::domain::category::name_key;
use crate::error::Result;
use crate::ids::{ItemId, ListId};

/// Items merge when their name keys (case, plurals, accents folded) and units agree.
type Key = (String, Option<String>);

/// The fields a merge changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Mergeable {
    pub quantity: Option<f64>,
    pub note: Option<String>,
}

#[derive(Debug)]
struct Entry {
    key: Key,
    fields: Mergeable,
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
    /// Reads the open items of `list` (the caller has checked the list is the household's).
    pub fn load(conn: &Connection, list: ListId) -> Result<OpenItems> {
        let mut open = OpenItems::default();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, quantity, unit, note FROM items
             WHERE list_id = ?1 AND checked = 0 AND deleted = 0",
        )?;
        let mut rows = stmt.query([list])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(1)?;
            let unit: Option<String> = r.get(3)?;
            let fields = Mergeable {
                quantity: r.get(2)?,
                note: r.get(4)?,
            };
            open.insert(r.get(0)?, &name, unit, fields);
        }
        Ok(open)
    }

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
    pub fn track(&mut self, item: &Item) {
        if item.checked || item.deleted {
            self.remove(item.id);
        } else {
            let fields = Mergeable {
                quantity: item.quantity,
                note: item.note.clone(),
            };
            self.insert(item.id, &item.name, item.unit.clone(), fields);
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

    fn item(id: i64, name: &str, checked: bool, deleted: bool) -> Item {
        Item {
            id: ItemId(id),
            list_id: ListId(1),
            name: name.into(),
            quantity: Some(2.0),
            unit: None,
            note: None,
            category: None,
            category_id: None,
            checked,
            position: 0,
            version: 1,
            deleted,
            product_id: None,
            image: None,
        }
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
        open.track(&item(4, "Milk", true, false));
        assert_eq!(open.target("milk", None).map(|t| t.0), Some(ItemId(7)));
        open.track(&item(7, "milk", false, true));
        assert!(open.target("milk", None).is_none());
        assert!(open.is_empty());
        // Unchecking brings it back; an edit renames it.
        open.track(&item(4, "Milk", false, false));
        assert_eq!(open.target("MILK", None).map(|t| t.0), Some(ItemId(4)));
        open.track(&item(4, "oat milk", false, false));
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
