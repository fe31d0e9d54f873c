//! The conflict rules of sync (DESIGN "Sync model"): what an op does to the item it names,
//! given that item as it is when the op arrives. Ops apply in server arrival order, so the
//! item already holds every op that arrived before; that order is the only tie-break.
//!
//! - Field by field, the last writer wins: an edit changes only the fields it names.
//! - A deleted item stays deleted: a check, uncheck, edit, move or delete of an item
//!   deleted meanwhile changes nothing; only `restore` brings it back.
//! - An add never conflicts: it names no item, so it never comes here (it may merge into
//!   an open item of the same name, see `domain::merge`).
//!
//! - An edit says which fields it replaced that another change had set since the phone
//!   saw them ([`replaced`]): the edit still wins, and the phone says so.
//!
//! Pure: `db::sync` reads the item, asks [`decide`], and writes the answer.

use serde::{Deserialize, Serialize};

use crate::domain::units::{self, Unit};

/// The fields of an item an edit may change; `C` is how the caller names a category.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields<C> {
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<Unit>,
    pub note: Option<String>,
    pub category: Option<C>,
}

/// An item as an op finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<C> {
    pub fields: Fields<C>,
    pub checked: bool,
    pub position: i64,
    pub deleted: bool,
}

/// The new values an edit names (outer `None`: leave that field as it is; for the
/// optional fields, `Some(None)` clears it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Edit<C> {
    pub name: Option<String>,
    pub quantity: Option<Option<f64>>,
    pub unit: Option<Option<Unit>>,
    pub note: Option<Option<String>>,
    pub category: Option<C>,
}

/// What an op that names an item asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Wanted<C> {
    /// Check (`true`) or uncheck (`false`).
    Check(bool),
    Delete,
    Restore,
    Move(i64),
    Edit(Edit<C>),
}

/// Why an op had nothing to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conflict {
    /// The item was deleted before the op arrived.
    Deleted,
    /// A restore of an item that is not deleted.
    NotDeleted,
}

impl Conflict {
    /// A plain sentence for the op's result.
    pub fn message(self) -> &'static str {
        match self {
            Conflict::Deleted => "the item was deleted meanwhile",
            Conflict::NotDeleted => "the item was not deleted",
        }
    }
}

/// The write an op comes to.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<C> {
    Checked(bool),
    Deleted,
    Restored,
    Moved(i64),
    /// The item's fields after the edit, every one of them.
    Edited(Fields<C>),
}

/// What an op does to `item`: a change to write, or a conflict that leaves it as it is.
pub fn decide<C: Clone>(item: &Item<C>, wanted: Wanted<C>) -> Result<Change<C>, Conflict> {
    match wanted {
        Wanted::Restore if item.deleted => Ok(Change::Restored),
        Wanted::Restore => Err(Conflict::NotDeleted),
        _ if item.deleted => Err(Conflict::Deleted),
        Wanted::Check(checked) => Ok(Change::Checked(checked)),
        Wanted::Delete => Ok(Change::Deleted),
        Wanted::Move(position) => Ok(Change::Moved(position)),
        Wanted::Edit(edit) => Ok(Change::Edited(edited(&item.fields, edit))),
    }
}

/// Field-level last writer wins: the fields an edit names replace the item's, the others
/// stay as the ops before left them.
pub fn edited<C: Clone>(fields: &Fields<C>, edit: Edit<C>) -> Fields<C> {
    Fields {
        name: edit.name.unwrap_or_else(|| fields.name.clone()),
        quantity: edit.quantity.unwrap_or(fields.quantity),
        unit: edit.unit.unwrap_or(fields.unit),
        note: edit.note.unwrap_or_else(|| fields.note.clone()),
        category: edit.category.or_else(|| fields.category.clone()),
    }
}

/// What the phone showed of an item's fields when it made an edit, as the list writes
/// them: the amount as in "2 l", no note or category as "". Absent: not shown.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    pub name: Option<String>,
    pub amount: Option<String>,
    pub note: Option<String>,
    pub category: Option<String>,
}

/// A field an edit replaced although another change had set it since the phone saw it:
/// the field (`name`, `amount`, `note` or `category`) and the value the edit replaced, as
/// the list writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Replaced {
    pub field: String,
    pub theirs: String,
}

/// The fields `edit` changes on `fields` that no longer hold what the phone saw (and
/// that the other change did not set to the edit's own value).
pub fn replaced(fields: &Fields<String>, edit: &Edit<String>, seen: &Seen) -> Vec<Replaced> {
    let after = edited(fields, edit.clone());
    let amount = |f: &Fields<String>| units::amount(f.quantity, f.unit.map(|u| u.as_str()));
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let changes = [
        (
            "name",
            edit.name.is_some(),
            &seen.name,
            fields.name.clone(),
            after.name.clone(),
        ),
        (
            "amount",
            edit.quantity.is_some() || edit.unit.is_some(),
            &seen.amount,
            amount(fields),
            amount(&after),
        ),
        (
            "note",
            edit.note.is_some(),
            &seen.note,
            text(&fields.note),
            text(&after.note),
        ),
        (
            "category",
            edit.category.is_some(),
            &seen.category,
            text(&fields.category),
            text(&after.category),
        ),
    ];
    changes
        .into_iter()
        .filter_map(|(field, named, seen, now, mine)| {
            let seen = seen.as_ref().filter(|_| named)?;
            (now != *seen && now != mine).then(|| Replaced {
                field: field.into(),
                theirs: now,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn milk() -> Item<&'static str> {
        Item {
            fields: Fields {
                name: "milk".into(),
                quantity: Some(2.0),
                unit: Some(Unit::L),
                note: None,
                category: Some("Dairy & Eggs"),
            },
            checked: false,
            position: 3,
            deleted: false,
        }
    }

    /// An edit that renames the item.
    fn rename(name: &str) -> Wanted<&'static str> {
        Wanted::Edit(Edit {
            name: Some(name.into()),
            ..Edit::default()
        })
    }

    /// Applies ops in arrival order the way the server does: each meets the item as the
    /// ones before left it.
    fn arrive(mut item: Item<&'static str>, ops: Vec<Wanted<&'static str>>) -> Item<&'static str> {
        for op in ops {
            match decide(&item, op) {
                Ok(Change::Checked(c)) => item.checked = c,
                Ok(Change::Deleted) => item.deleted = true,
                Ok(Change::Restored) => item.deleted = false,
                Ok(Change::Moved(p)) => item.position = p,
                Ok(Change::Edited(f)) => item.fields = f,
                Err(_) => {}
            }
        }
        item
    }

    #[test]
    fn a_check_of_an_item_deleted_meanwhile_does_not_resurrect_it() {
        let gone = Item {
            deleted: true,
            ..milk()
        };
        for op in [
            Wanted::Check(true),
            Wanted::Check(false),
            Wanted::Delete,
            Wanted::Move(0),
            rename("oat milk"),
        ] {
            assert_eq!(decide(&gone, op.clone()), Err(Conflict::Deleted), "{op:?}");
        }
        // A phone that was offline checks it after another deleted it: still deleted,
        // still unchecked.
        let after = arrive(milk(), vec![Wanted::Delete, Wanted::Check(true)]);
        assert!(after.deleted && !after.checked);
        assert_eq!(
            Conflict::Deleted.message(),
            "the item was deleted meanwhile"
        );
    }

    #[test]
    fn only_a_restore_brings_an_item_back_and_only_a_deleted_one() {
        let gone = Item {
            deleted: true,
            ..milk()
        };
        assert_eq!(decide(&gone, Wanted::Restore), Ok(Change::Restored));
        assert_eq!(decide(&milk(), Wanted::Restore), Err(Conflict::NotDeleted));
        let back = arrive(
            milk(),
            vec![Wanted::Check(true), Wanted::Delete, Wanted::Restore],
        );
        assert!(!back.deleted && back.checked, "it comes back as it was");
    }

    #[test]
    fn edits_are_last_writer_wins_field_by_field() {
        // Alice renamed it and Bob set a note, both offline: both are kept.
        let alice = rename("oat milk");
        let bob = Wanted::Edit(Edit {
            note: Some(Some("barista".into())),
            category: Some("Beverages"),
            ..Edit::default()
        });
        let item = arrive(milk(), vec![alice.clone(), bob.clone()]);
        assert_eq!(item.fields.name, "oat milk");
        assert_eq!(item.fields.note.as_deref(), Some("barista"));
        assert_eq!(item.fields.category, Some("Beverages"));
        assert_eq!(
            (item.fields.quantity, item.fields.unit),
            (Some(2.0), Some(Unit::L)),
            "fields nobody named stay"
        );
        // The other arrival order ends the same: they touch different fields.
        assert_eq!(arrive(milk(), vec![bob, alice]), item);

        // The same field: the later arrival wins, whoever made it first.
        let whole = rename("whole milk");
        let oat = rename("oat milk");
        assert_eq!(
            arrive(milk(), vec![whole.clone(), oat.clone()]).fields.name,
            "oat milk"
        );
        assert_eq!(arrive(milk(), vec![oat, whole]).fields.name, "whole milk");
    }

    #[test]
    fn an_edit_says_what_it_replaced_that_another_phone_set_meanwhile() {
        let milk = |name: &str| Fields {
            name: name.into(),
            quantity: Some(2.0),
            unit: Some(Unit::L),
            note: None,
            category: Some("Dairy & Eggs".to_string()),
        };
        let seen = Seen {
            name: Some("milk".into()),
            amount: Some("2 l".into()),
            note: Some(String::new()),
            category: Some("Dairy & Eggs".into()),
        };
        let rename = Edit {
            name: Some("oat milk".into()),
            ..Edit::default()
        };
        // Renamed in both: mine wins, and says what it replaced.
        assert_eq!(
            replaced(&milk("soy milk"), &rename, &seen),
            [Replaced {
                field: "name".into(),
                theirs: "soy milk".into()
            }]
        );
        // Nobody else renamed it, or they chose the same name: nothing to say.
        assert!(replaced(&milk("milk"), &rename, &seen).is_empty());
        assert!(replaced(&milk("oat milk"), &rename, &seen).is_empty());
        // Only the fields the edit changes count: a note set elsewhere is kept, not replaced.
        let noted = Fields {
            note: Some("barista".into()),
            ..milk("milk")
        };
        assert!(replaced(&noted, &rename, &seen).is_empty());
        // The amount as the list writes it; a field the phone did not say it saw is not judged.
        let amount = Edit {
            quantity: Some(Some(1.0)),
            unit: Some(Some(Unit::L)),
            ..Edit::default()
        };
        let three = Fields {
            quantity: Some(3.0),
            ..milk("milk")
        };
        assert_eq!(replaced(&three, &amount, &seen)[0].theirs, "3 l");
        let unseen = Seen {
            amount: None,
            ..seen.clone()
        };
        assert!(replaced(&three, &amount, &unseen).is_empty());
        // A cleared note replaced: theirs is the note that was there.
        let clear = Edit {
            note: Some(None),
            ..Edit::default()
        };
        assert_eq!(replaced(&noted, &clear, &seen)[0].theirs, "barista");
    }

    #[test]
    fn null_clears_a_field_and_absent_leaves_it() {
        let cleared = edited(
            &milk().fields,
            Edit {
                quantity: Some(None),
                unit: Some(None),
                ..Edit::default()
            },
        );
        assert_eq!((cleared.quantity, cleared.unit), (None, None));
        assert_eq!(cleared.name, "milk");
        assert_eq!(cleared.category, Some("Dairy & Eggs"));
        assert_eq!(edited(&milk().fields, Edit::default()), milk().fields);
    }

    #[test]
    fn checks_moves_and_deletes_of_a_live_item_apply_in_arrival_order() {
        assert_eq!(
            decide(&milk(), Wanted::Check(true)),
            Ok(Change::Checked(true))
        );
        // Checking a checked item is not a conflict: the later writer wins, as for fields.
        let checked = arrive(milk(), vec![Wanted::Check(true), Wanted::Check(true)]);
        assert!(checked.checked);
        let item = arrive(
            milk(),
            vec![Wanted::Check(true), Wanted::Move(9), Wanted::Check(false)],
        );
        assert_eq!((item.checked, item.position), (false, 9));
        assert_eq!(decide(&milk(), Wanted::Delete), Ok(Change::Deleted));
    }
}
