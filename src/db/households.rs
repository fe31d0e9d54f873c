//! Households: the unit of isolation.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::category::DEFAULT_CATEGORIES;
use crate::error::{Error, Result};
use crate::ids::HouseholdId;

#[derive(Debug, Clone)]
pub struct Household {
    pub id: HouseholdId,
    pub name: String,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Creates a household with the default categories in their default order.
pub fn create(conn: &Connection, name: &str, now: i64) -> Result<HouseholdId> {
    let inserted = conn.execute(
        "INSERT INTO households (name, name_key, created_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT (name_key) DO NOTHING",
        params![name, key(name), now],
    )?;
    if inserted == 0 {
        return Err(Error::Conflict(format!(
            "a household called `{name}` already exists"
        )));
    }
    let id = HouseholdId(conn.last_insert_rowid());
    let mut stmt =
        conn.prepare("INSERT INTO categories (household_id, name, position) VALUES (?1, ?2, ?3)")?;
    for (position, category) in DEFAULT_CATEGORIES.iter().enumerate() {
        stmt.execute(params![id, category, position as i64])?;
    }
    Ok(id)
}

pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<HouseholdId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM households WHERE name_key = ?1",
            [key(name)],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn get(conn: &Connection, id: HouseholdId) -> Result<Household> {
    conn.query_row("SELECT id, name FROM households WHERE id = ?1", [id], |r| {
        Ok(Household {
            id: r.get(0)?,
            name: r.get(1)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound)
}

/// Deletes the household and, through its foreign keys, everything in it.
pub fn delete(conn: &Connection, id: HouseholdId) -> Result<()> {
    conn.execute("DELETE FROM households WHERE id = ?1", [id])?;
    Ok(())
}

/// True when no account exists yet (first run: setup is open).
pub fn instance_is_empty(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM users LIMIT 1", [], |_| Ok(()))
        .optional()?
        .is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_adds_default_categories_and_refuses_duplicates() {
        let conn = crate::db::test_conn();
        let id = create(&conn, "Smiths", 1).unwrap();
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM categories WHERE household_id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n as usize, DEFAULT_CATEGORIES.len());
        assert!(matches!(
            create(&conn, "smiths ", 2),
            Err(Error::Conflict(_))
        ));
        assert_eq!(find_by_name(&conn, "SMITHS").unwrap(), Some(id));
        assert!(instance_is_empty(&conn).unwrap());
    }
}
