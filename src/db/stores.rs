//! Stores, each with its own aisle order of categories.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Error, Result};
use crate::ids::{HouseholdId, StoreId};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Store {
    pub id: StoreId,
    pub name: String,
    /// Learning no longer changes its aisle order (`db::aisle`).
    pub order_locked: bool,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Store> {
    Ok(Store {
        id: r.get(0)?,
        name: r.get(1)?,
        order_locked: r.get(2)?,
    })
}

/// Creates a store whose order starts as the household's default order.
pub fn create(conn: &Connection, household: HouseholdId, name: &str) -> Result<StoreId> {
    let n = conn.execute(
        "INSERT INTO stores (household_id, name) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        params![household, name],
    )?;
    if n == 0 {
        return Err(Error::Conflict(format!(
            "a store called “{name}” already exists; choose another name"
        )));
    }
    let id = StoreId(conn.last_insert_rowid());
    conn.execute(
        "INSERT INTO store_categories (store_id, category_id, position)
         SELECT ?1, id, position FROM categories WHERE household_id = ?2",
        params![id, household],
    )?;
    Ok(id)
}

pub fn list(conn: &Connection, household: HouseholdId) -> Result<Vec<Store>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, order_locked FROM stores WHERE household_id = ?1 ORDER BY name",
    )?;
    let rows = stmt
        .query_map([household], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, household: HouseholdId, id: StoreId) -> Result<Store> {
    conn.query_row(
        "SELECT id, name, order_locked FROM stores WHERE id = ?1 AND household_id = ?2",
        params![id, household],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound)
}

pub fn rename(conn: &Connection, household: HouseholdId, id: StoreId, name: &str) -> Result<()> {
    get(conn, household, id)?;
    let taken: bool = conn
        .query_row(
            "SELECT 1 FROM stores WHERE household_id = ?1 AND name = ?2 AND id != ?3",
            params![household, name, id],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if taken {
        return Err(Error::Conflict(format!(
            "a store called “{name}” already exists; choose another name"
        )));
    }
    conn.execute(
        "UPDATE stores SET name = ?1 WHERE id = ?2",
        params![name, id],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, household: HouseholdId, id: StoreId) -> Result<()> {
    super::touched(conn.execute(
        "DELETE FROM stores WHERE id = ?1 AND household_id = ?2",
        params![id, household],
    )?)
}
