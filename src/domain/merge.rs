//! Adding an item whose name already stands unchecked on the list merges it into that item
//! (DESIGN "Item text parsing"): items merge when their name keys (case, plurals, accents
//! folded) agree and their amounts can be put together, into the oldest such item:
//! - the same unit (or none on both): quantities add up;
//! - a bare name (no quantity, no unit) added to an item with a unit says it is needed,
//!   which the list already says: the amount stays (`milk` onto `1 l milk`);
//! - an amount added to a bare item gives it that amount (`1 l milk` onto `milk`);
//! - different units stay apart (`500 ml milk` beside `1 l milk`).
//!
//! Notes join. Each merge is told to the user as a [`Merged`] ("eggs: 3 → 15").
//!
//! [`OpenItems`] holds a list's unchecked items by what they merge on, read once per
//! request (or per batch of ops, `db::items::add_merging`) and kept up to date while it
//! runs, so adding n items to a list of m costs O(n + m) instead of O(n × m).

use std::collections::{BTreeSet, HashMap};

use crate::domain::Invalid;
use crate::domain::category::name_key;
use crate::domain::text::MAX_QUANTITY;
use crate::domain::units::amount;
use crate::ids::ItemId;

/// The fields a merge changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Mergeable {
    pub quantity: Option<f64>,
    /// The canonical unit.
    pub unit: Option<String>,
    pub note: Option<String>,
}

/// What a merge did to an item, for the user: its name and its amount before and after
/// (written in English as the list shows it, `""` for none; and as quantity and canonical
/// unit, for a page in another language to write them its way).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Merged {
    pub name: String,
    pub from: String,
    pub to: String,
    pub from_quantity: Option<f64>,
    pub from_unit: Option<String>,
    pub to_quantity: Option<f64>,
    pub to_unit: Option<String>,
}

impl Merged {
    /// "eggs: 3 → 15", "milk: now 1 l", "bread was already on the list (1 loaf)".
    pub fn sentence(&self) -> String {
        let Merged { name, from, to, .. } = self;
        match (from.is_empty(), from == to) {
            (_, true) if to.is_empty() => format!("{name} was already on the list"),
            (_, true) => format!("{name} was already on the list ({to})"),
            (true, false) => format!("{name}: now {to}"),
            (false, false) => format!("{name}: {from} → {to}"),
        }
    }
}

impl Mergeable {
    /// Whether an item added with `quantity` and `unit` merges into these fields: the same
    /// unit (or none on both), or one of the two a bare name with no amount at all.
    pub fn takes(&self, quantity: Option<f64>, unit: Option<&str>) -> bool {
        self.unit.as_deref() == unit
            || (quantity.is_none() && unit.is_none())
            || (self.quantity.is_none() && self.unit.is_none())
    }

    /// Merges an added item (`name`, `quantity`, `unit`, `note`) into these fields (the
    /// caller checked [`Mergeable::takes`]). With the same unit the quantities add up, an
    /// item without one counting as one (`eggs` + `eggs` is 2 eggs, none + none stays
    /// none); a bare name leaves the amount as it is; a bare item takes the added amount.
    /// The note is joined with `; ` unless it is already said. Refused, and nothing
    /// changed, when the quantity would pass [`MAX_QUANTITY`].
    pub fn merge(
        &mut self,
        name: &str,
        quantity: Option<f64>,
        unit: Option<&str>,
        note: Option<&str>,
    ) -> Result<Merged, Invalid> {
        let from = amount(self.quantity, self.unit.as_deref());
        let (from_quantity, from_unit) = (self.quantity, self.unit.clone());
        let quantity = if self.unit.as_deref() == unit {
            match (self.quantity, quantity) {
                (None, None) => None,
                (a, b) => Some(a.unwrap_or(1.0) + b.unwrap_or(1.0)),
            }
        } else if quantity.is_none() && unit.is_none() {
            self.quantity
        } else {
            self.unit = unit.map(str::to_string);
            quantity
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
        Ok(Merged {
            name: name.to_string(),
            from,
            to: amount(self.quantity, self.unit.as_deref()),
            from_quantity,
            from_unit,
            to_quantity: self.quantity,
            to_unit: self.unit.clone(),
        })
    }
}

/// Items merge when their name keys agree (and their amounts, [`Mergeable::takes`]).
type Key = String;

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
    /// The open item an item called `name` with `quantity` and `unit` merges into, with
    /// its fields: the oldest of that name whose amount takes it.
    pub fn target(
        &mut self,
        name: &str,
        quantity: Option<f64>,
        unit: Option<&str>,
    ) -> Option<(ItemId, &mut Mergeable)> {
        let id = *self.by_key.get(&name_key(name))?.iter().find(|id| {
            self.entries
                .get(id)
                .is_some_and(|e| e.fields.takes(quantity, unit))
        })?;
        let entry = self.entries.get_mut(&id)?;
        Some((id, &mut entry.fields))
    }

    /// Records a new open item (or replaces what was known of `id`).
    pub fn insert(&mut self, id: ItemId, name: &str, fields: Mergeable) {
        self.remove(id);
        let key = name_key(name);
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
            self.insert(item.id, item.name, item.fields);
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

    fn fields(q: Option<f64>, unit: Option<&str>) -> Mergeable {
        Mergeable {
            quantity: q,
            unit: unit.map(str::to_string),
            note: None,
        }
    }

    fn item(id: i64, name: &str, open: bool) -> Tracked<'_> {
        Tracked {
            id: ItemId(id),
            name,
            open,
            fields: fields(Some(2.0), None),
        }
    }

    /// Merges `added` (quantity, unit) into `into` and gives the fields and the sentence.
    fn merged(
        into: (Option<f64>, Option<&str>),
        added: (Option<f64>, Option<&str>),
    ) -> (Mergeable, String) {
        let mut f = fields(into.0, into.1);
        assert!(f.takes(added.0, added.1), "{into:?} takes {added:?}");
        let m = f.merge("eggs", added.0, added.1, None).unwrap();
        (f, m.sentence())
    }

    #[test]
    fn amounts_add_up_in_the_same_unit_and_a_bare_name_keeps_what_is_there() {
        let (f, said) = merged((Some(3.0), None), (Some(12.0), None));
        assert_eq!(f, fields(Some(15.0), None));
        assert_eq!(said, "eggs: 3 → 15");
        let (f, said) = merged((Some(1.0), Some("l")), (Some(0.5), Some("l")));
        assert_eq!(f, fields(Some(1.5), Some("l")));
        assert_eq!(said, "eggs: 1 l → 1.5 l");
        // A missing quantity counts as one in the same (no) unit; none and none stay none.
        assert_eq!(
            merged((None, None), (Some(2.0), None)).0.quantity,
            Some(3.0)
        );
        let (f, said) = merged((None, None), (None, None));
        assert_eq!(f, fields(None, None));
        assert_eq!(said, "eggs was already on the list");
        // A bare name onto an amount: the list already says it is needed.
        let (f, said) = merged((Some(1.0), Some("loaf")), (None, None));
        assert_eq!(f, fields(Some(1.0), Some("loaf")));
        assert_eq!(said, "eggs was already on the list (1 loaf)");
        // An amount onto a bare item: the item takes it, unit and all.
        let (f, said) = merged((None, None), (Some(1.0), Some("l")));
        assert_eq!(f, fields(Some(1.0), Some("l")));
        assert_eq!(said, "eggs: now 1 l");
    }

    #[test]
    fn different_units_stay_apart() {
        let f = fields(Some(1.0), Some("l"));
        assert!(!f.takes(Some(500.0), Some("ml")));
        assert!(!f.takes(Some(2.0), None));
        assert!(!fields(Some(6.0), None).takes(Some(1.0), Some("box")));
    }

    #[test]
    fn notes_join_once() {
        let note = |note: Option<&str>, added| {
            let mut f = fields(None, None);
            f.note = note.map(str::to_string);
            f.merge("eggs", None, None, added).unwrap();
            f.note
        };
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
    }

    #[test]
    fn past_the_largest_quantity_nothing_changes() {
        let mut f = fields(Some(MAX_QUANTITY), None);
        let e = f.merge("eggs", Some(1.0), None, None).unwrap_err();
        assert_eq!(e.0, "eggs would be more than 100000; nothing was added");
        assert_eq!(f, fields(Some(MAX_QUANTITY), None));
    }

    #[test]
    fn names_differing_in_case_plural_or_accent_find_the_same_item() {
        let mut open = OpenItems::default();
        open.insert(ItemId(1), "Eggs", fields(Some(6.0), None));
        open.insert(ItemId(2), "Crème fraîche", fields(Some(200.0), Some("g")));
        open.insert(ItemId(3), "Tomatoes", fields(None, None));
        for name in ["eggs", "EGGS", "egg", " Eggs "] {
            assert_eq!(
                open.target(name, Some(2.0), None).map(|t| t.0),
                Some(ItemId(1)),
                "{name}"
            );
        }
        for (q, unit) in [(Some(100.0), Some("g")), (None, None)] {
            assert_eq!(
                open.target("creme FRAICHE", q, unit).map(|t| t.0),
                Some(ItemId(2))
            );
        }
        assert_eq!(
            open.target("tomato", Some(1.0), Some("kg")).map(|t| t.0),
            Some(ItemId(3))
        );
        // Another unit: no merge.
        assert!(open.target("eggs", Some(1.0), Some("box")).is_none());
        assert!(
            open.target("crème fraîche", Some(1.0), Some("ml"))
                .is_none()
        );
        // The fields can be changed in place.
        if let Some((_, f)) = open.target("EGGS", None, None) {
            f.quantity = Some(12.0);
        }
        assert_eq!(
            open.target("eggs", None, None).map(|t| t.1.quantity),
            Some(Some(12.0))
        );
    }

    #[test]
    fn a_unit_apart_from_the_oldest_twin_finds_the_next() {
        let mut open = OpenItems::default();
        open.insert(ItemId(1), "milk", fields(Some(1.0), Some("l")));
        open.insert(ItemId(2), "milk", fields(Some(500.0), Some("ml")));
        assert_eq!(
            open.target("Milk", Some(250.0), Some("ml")).map(|t| t.0),
            Some(ItemId(2))
        );
        assert_eq!(
            open.target("Milk", None, None).map(|t| t.0),
            Some(ItemId(1))
        );
    }

    #[test]
    fn twins_merge_into_the_oldest_and_changes_are_followed() {
        let mut open = OpenItems::default();
        open.insert(ItemId(7), "milk", fields(None, None));
        open.insert(ItemId(4), "Milk", fields(None, None));
        let target = |open: &mut OpenItems, name| open.target(name, None, None).map(|t| t.0);
        assert_eq!(target(&mut open, "milk"), Some(ItemId(4)));
        // Checking the oldest: the other twin takes over; deleting it too: none left.
        open.track(item(4, "Milk", false));
        assert_eq!(target(&mut open, "milk"), Some(ItemId(7)));
        open.track(item(7, "milk", false));
        assert!(target(&mut open, "milk").is_none());
        assert!(open.is_empty());
        // Unchecking brings it back; an edit renames it.
        open.track(item(4, "Milk", true));
        assert_eq!(target(&mut open, "MILK"), Some(ItemId(4)));
        open.track(item(4, "oat milk", true));
        assert!(target(&mut open, "milk").is_none());
        assert_eq!(target(&mut open, "Oat Milk"), Some(ItemId(4)));
        assert_eq!(open.len(), 1);
    }

    #[test]
    fn a_thousand_items_are_each_found_by_key() {
        // Linear: one map lookup per name, whatever the size of the list.
        let mut open = OpenItems::default();
        for i in 0..1_000 {
            open.insert(ItemId(i), &format!("Item {i}"), fields(None, None));
        }
        for i in 0..1_000 {
            let name = format!("ITEM {i}");
            assert_eq!(open.target(&name, None, None).map(|t| t.0), Some(ItemId(i)));
        }
        assert_eq!(open.len(), 1_000);
    }
}
