//! Undo from a list's history: the opposite change, itself recorded so it can be undone
//! in turn.

use rusqlite::Connection;

use crate::db::activity::{self, Kind, Stamp, UNDO_WINDOW_MS};
use crate::db::items::{self, Item, ItemEdit};
use crate::db::rhythms;
use crate::domain::category::name_key;
use crate::domain::units::Unit;
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ListId};

/// Undoes one entry of a list's history by making the opposite change. Refused, with a
/// sentence saying why, when the entry is older than [`UNDO_WINDOW_MS`], already undone, or
/// not the item's latest change. Returns the item as it is now.
pub fn undo(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    entry: i64,
    stamp: Stamp,
) -> Result<Item> {
    let (entry, before) = activity::get(conn, household, list, entry)?;
    let Some(item) = entry.item_id else {
        return Err(Error::Conflict(
            "that change is too old to undo: the item is gone".into(),
        ));
    };
    if entry.undone {
        return Err(Error::Conflict("that change was already undone".into()));
    }
    if entry.at_ms < stamp.at_ms - UNDO_WINDOW_MS {
        return Err(Error::Conflict(
            "only changes from the last 24 hours can be undone; change the item itself".into(),
        ));
    }
    let latest = activity::latest_for_item(conn, item)?;
    if latest != Some(entry.id) {
        return Err(Error::Conflict(format!(
            "“{}” has changed since; undo its later change first",
            entry.name
        )));
    }
    let now = match (entry.kind, before) {
        (Kind::Add, None) | (Kind::Restore, _) => {
            items::delete(conn, household, list, item, stamp)?
        }
        (Kind::Add | Kind::Edit, Some(before)) => {
            let edit = ItemEdit {
                name: before.name,
                quantity: before.quantity,
                unit: before.unit.as_deref().and_then(Unit::from_canonical),
                note: before.note,
                category: before.category,
            };
            items::edit(conn, household, list, item, &edit, stamp)?
        }
        (Kind::Edit, None) => return Err(Error::Internal("an edit without its before".into())),
        (Kind::Check, _) => items::set_checked(conn, household, list, item, false, stamp)?,
        (Kind::Uncheck, _) => items::set_checked(conn, household, list, item, true, stamp)?,
        (Kind::Delete, _) => {
            items::restore(conn, household, list, &[item], stamp)?;
            items::get(conn, household, list, item)?
        }
    };
    activity::mark_undone(conn, entry.id, item)?;
    if entry.kind == Kind::Check {
        // A check-off undone was no purchase.
        rhythms::refresh(conn, household, &name_key(&entry.name))?;
    }
    Ok(now)
}
