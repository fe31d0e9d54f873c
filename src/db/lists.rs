//! Shopping lists. Every change to a list or its items bumps the list's `version` in the
//! same transaction.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ListId, StoreId};

#[derive(Debug, Clone, serde::Serialize)]
pub struct List {
    pub id: ListId,
    pub name: String,
    pub store_id: Option<StoreId>,
    pub archived: bool,
    pub version: i64,
}

/// A list on the overview page.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ListSummary {
    pub id: ListId,
    pub name: String,
    pub archived: bool,
    pub open_items: i64,
    pub total_items: i64,
}

pub fn create(conn: &Connection, household: HouseholdId, name: &str, now: i64) -> Result<ListId> {
    conn.execute(
        "INSERT INTO lists (household_id, name, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?3)",
        params![household, name, now],
    )?;
    Ok(ListId(conn.last_insert_rowid()))
}

pub fn get(conn: &Connection, household: HouseholdId, id: ListId) -> Result<List> {
    conn.prepare_cached(
        "SELECT id, name, store_id, archived, version FROM lists WHERE id = ?1 AND household_id = ?2",
    )?
    .query_row(params![id, household], |r| {
        Ok(List {
            id: r.get(0)?,
            name: r.get(1)?,
            store_id: r.get(2)?,
            archived: r.get(3)?,
            version: r.get(4)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound)
}

/// The household's lists, open ones first, with item counts.
pub fn all(conn: &Connection, household: HouseholdId) -> Result<Vec<ListSummary>> {
    Ok(conn
        .prepare_cached(
            "SELECT l.id, l.name, l.archived,
                    count(i.id) FILTER (WHERE i.checked = 0),
                    count(i.id)
             FROM lists l LEFT JOIN items i ON i.list_id = l.id AND i.deleted = 0
             WHERE l.household_id = ?1
             GROUP BY l.id ORDER BY l.archived, l.updated_ms DESC, l.id DESC",
        )?
        .query_map([household], |r| {
            Ok(ListSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                archived: r.get(2)?,
                open_items: r.get(3)?,
                total_items: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Bumps the version of a household's list; `NotFound` if it is not theirs.
pub fn bump_version(
    conn: &Connection,
    household: HouseholdId,
    id: ListId,
    now: i64,
) -> Result<i64> {
    conn.prepare_cached(
        "UPDATE lists SET version = version + 1, updated_ms = ?3
         WHERE id = ?1 AND household_id = ?2 RETURNING version",
    )?
    .query_row(params![id, household, now], |r| r.get(0))
    .optional()?
    .ok_or(Error::NotFound)
}

pub fn rename(
    conn: &Connection,
    household: HouseholdId,
    id: ListId,
    name: &str,
    now: i64,
) -> Result<()> {
    bump_version(conn, household, id, now)?;
    conn.execute(
        "UPDATE lists SET name = ?1 WHERE id = ?2",
        params![name, id],
    )?;
    Ok(())
}

pub fn set_archived(
    conn: &Connection,
    household: HouseholdId,
    id: ListId,
    archived: bool,
    now: i64,
) -> Result<()> {
    bump_version(conn, household, id, now)?;
    conn.execute(
        "UPDATE lists SET archived = ?1 WHERE id = ?2",
        params![archived, id],
    )?;
    Ok(())
}

/// Selects the store whose aisle order the list is shown in (`None`: household order).
pub fn set_store(
    conn: &Connection,
    household: HouseholdId,
    id: ListId,
    store: Option<StoreId>,
    now: i64,
) -> Result<()> {
    if let Some(store) = store {
        super::stores::get(conn, household, store)
            .map_err(|_| Error::invalid("that store does not exist"))?;
    }
    bump_version(conn, household, id, now)?;
    conn.execute(
        "UPDATE lists SET store_id = ?1 WHERE id = ?2",
        params![store, id],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, household: HouseholdId, id: ListId) -> Result<()> {
    super::touched(conn.execute(
        "DELETE FROM lists WHERE id = ?1 AND household_id = ?2",
        params![id, household],
    )?)
}
