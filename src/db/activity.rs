//! A list's activity: who added, checked, edited, removed or restored which item, and when.
//! Every change to an item is recorded here by `db::items` in the same transaction, so the
//! history is never out of step with the list. It is what the list's history page shows
//! (with undo for recent changes), and what aisle learns from: a store's walk (the order
//! of check-offs) and the rhythm of staples (how often each item is bought).

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::db::rhythms;
use crate::domain::category::name_key;
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, ItemId, ListId, StoreId, UserId};

/// Who made a change and when: every write to a list's items carries one. `by` is `None`
/// for changes no one in the household made (an import, a migration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub by: Option<UserId>,
    pub at_ms: i64,
}

impl Stamp {
    pub fn new(by: UserId, at_ms: i64) -> Stamp {
        Stamp {
            by: Some(by),
            at_ms,
        }
    }

    /// A change `by` makes now.
    pub fn now(by: UserId) -> Stamp {
        Stamp::new(by, crate::db::now_ms())
    }

    /// A change made by aisle itself.
    pub fn system(at_ms: i64) -> Stamp {
        Stamp { by: None, at_ms }
    }
}

/// What happened to an item.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Kind {
    Add,
    Check,
    Uncheck,
    Edit,
    Delete,
    Restore,
}

/// Changes younger than this can be undone from the history.
pub const UNDO_WINDOW_MS: i64 = 24 * 3_600_000;

/// History is kept this long (the rhythm of staples looks back a year).
pub const RETENTION_MS: i64 = 400 * 86_400_000;

/// An item's fields before an edit (or before an add merged into it), to undo it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Before {
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
    pub category: Option<CategoryId>,
}

/// One change to one item, as it is after the change: what goes into the list's activity.
pub struct Change<'a> {
    pub list: ListId,
    pub item: ItemId,
    pub name: &'a str,
    pub category: Option<CategoryId>,
    pub kind: Kind,
    /// The item as it was, for changes undone by writing the old fields back (edits and
    /// merged adds).
    pub before: Option<&'a Before>,
}

/// Records `change`, made by `stamp.by`, in the list's activity.
pub(crate) fn record(
    conn: &Connection,
    household: HouseholdId,
    change: Change<'_>,
    stamp: Stamp,
) -> Result<()> {
    let before = change
        .before
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| Error::Internal(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO activity (household_id, list_id, item_id, user_id, kind, name, name_key,
                               category_id, store_id, before, at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,
                 (SELECT store_id FROM lists WHERE id = ?2), ?9, ?10)",
    )?
    .execute(params![
        household,
        change.list,
        change.item,
        stamp.by,
        <&str>::from(change.kind),
        change.name,
        name_key(change.name),
        change.category,
        before,
        stamp.at_ms
    ])?;
    if change.kind == Kind::Check {
        rhythms::refresh(conn, household, &name_key(change.name))?;
    }
    Ok(())
}

/// One entry of a list's history, as the history page and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Entry {
    pub id: i64,
    pub kind: Kind,
    /// The item's name at the time.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_id: Option<ItemId>,
    /// The username of who did it; absent for changes aisle made itself (an import).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub at_ms: i64,
    /// Undone since (by another entry).
    pub undone: bool,
    /// Whether it can still be undone: recent, not undone, and the item's latest change.
    pub undoable: bool,
}

const ENTRY_SELECT: &str = "SELECT a.id, a.kind, a.name, a.item_id, u.username, a.at_ms,
        a.undone_by IS NOT NULL,
        a.item_id IS NOT NULL AND a.undone_by IS NULL AND a.at_ms >= ?2
          AND a.id = (SELECT max(b.id) FROM activity b WHERE b.item_id = a.item_id)
 FROM activity a LEFT JOIN users u ON u.id = a.user_id";

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let kind: String = r.get(1)?;
    Ok(Entry {
        id: r.get(0)?,
        kind: kind.parse().map_err(|_| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, kind.into())
        })?,
        name: r.get(2)?,
        item_id: r.get(3)?,
        by: r.get(4)?,
        at_ms: r.get(5)?,
        undone: r.get(6)?,
        undoable: r.get(7)?,
    })
}

/// The newest `limit` entries of a household's list, newest first; `NotFound` for another
/// household's list.
pub fn for_list(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    now: i64,
    limit: usize,
) -> Result<Vec<Entry>> {
    crate::db::lists::get(conn, household, list)?;
    Ok(conn
        .prepare_cached(&format!(
            "{ENTRY_SELECT} WHERE a.list_id = ?1 ORDER BY a.id DESC LIMIT {limit}"
        ))?
        .query_map(params![list, now - UNDO_WINDOW_MS], entry_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// One entry of a household's list, with the fields it recorded before the change.
pub(crate) fn get(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    entry: i64,
) -> Result<(Entry, Option<Before>)> {
    let (entry, before): (Entry, Option<String>) = conn
        .prepare_cached(
            "SELECT a.id, a.kind, a.name, a.item_id, u.username, a.at_ms,
                    a.undone_by IS NOT NULL, 0, a.before
             FROM activity a LEFT JOIN users u ON u.id = a.user_id
             WHERE a.id = ?1 AND a.list_id = ?2 AND a.household_id = ?3",
        )?
        .query_row(params![entry, list, household], |r| {
            Ok((entry_from_row(r)?, r.get(8)?))
        })
        .optional()?
        .ok_or(Error::NotFound)?;
    let before = before
        .map(|b| serde_json::from_str(&b))
        .transpose()
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok((entry, before))
}

/// The id of the item's latest entry.
pub(crate) fn latest_for_item(conn: &Connection, item: ItemId) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT max(id) FROM activity WHERE item_id = ?1")?
        .query_row([item], |r| r.get(0))?)
}

/// Marks `entry` as undone by the item's latest entry (the undo just recorded).
pub(crate) fn mark_undone(conn: &Connection, entry: i64, item: ItemId) -> Result<()> {
    conn.prepare_cached(
        "UPDATE activity SET undone_by = (SELECT max(id) FROM activity WHERE item_id = ?2)
         WHERE id = ?1",
    )?
    .execute(params![entry, item])?;
    Ok(())
}

/// A check-off taken back this soon by an uncheck was a slip, not a purchase or a step of
/// the walk through the store.
pub const SLIP_MS: i64 = 3 * 3_600_000;

/// After `item` was unchecked (its latest entry), marks the check-off before it as undone
/// by that uncheck when it came less than [`SLIP_MS`] earlier, and relearns the item's
/// rhythm without it.
pub(crate) fn take_back_check(
    conn: &Connection,
    household: HouseholdId,
    item: ItemId,
) -> Result<()> {
    let last_two: Vec<(i64, String, String, i64, Option<i64>)> = conn
        .prepare_cached(
            "SELECT id, kind, name_key, at_ms, undone_by FROM activity
             WHERE item_id = ?1 ORDER BY id DESC LIMIT 2",
        )?
        .query_map([item], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let [(uncheck, _, _, now, _), (check, kind, key, at, undone)] = last_two.as_slice() else {
        return Ok(());
    };
    if kind == "check" && undone.is_none() && now - at <= SLIP_MS {
        conn.prepare_cached("UPDATE activity SET undone_by = ?1 WHERE id = ?2")?
            .execute(params![uncheck, check])?;
        rhythms::refresh(conn, household, key)?;
    }
    Ok(())
}

/// The newest entry's id (0 without any): what came after it is news.
pub fn latest_id(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(id), 0) FROM activity")?
        .query_row([], |r| r.get(0))?)
}

/// Whether anything was added to `list` after entry `after`.
pub fn added_after(conn: &Connection, list: ListId, after: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM activity WHERE list_id = ?1 AND id > ?2 AND kind = 'add')",
        )?
        .query_row(params![list, after], |r| r.get(0))?)
}

/// A store's newest check-offs that count for its walks (`?1` the store, at most `?2`),
/// newest first: read from the index `activity_store_walks` alone.
pub(crate) const STORE_CHECKS_SQL: &str = "SELECT at_ms, category_id, name_key FROM activity
     WHERE store_id = ?1 AND kind = 'check' AND undone_by IS NULL AND category_id IS NOT NULL
     ORDER BY id DESC LIMIT ?2";

/// A store's check-offs, oldest first (at most the newest `limit`): its walks.
pub fn store_checks(
    conn: &Connection,
    store: StoreId,
    limit: i64,
) -> Result<Vec<(i64, CategoryId, String)>> {
    let mut rows: Vec<(i64, CategoryId, String)> = conn
        .prepare_cached(STORE_CHECKS_SQL)?
        .query_map(params![store, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.reverse();
    Ok(rows)
}

/// Forgets history older than [`RETENTION_MS`]; returns how many entries went.
pub fn purge(conn: &Connection, now: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM activity WHERE at_ms < ?1",
        [now - RETENTION_MS],
    )?)
}
