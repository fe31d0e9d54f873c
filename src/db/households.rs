//! Households: the unit of isolation.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::category::DEFAULT_CATEGORIES;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::ids::HouseholdId;

#[derive(Debug, Clone)]
pub struct Household {
    pub id: HouseholdId,
    pub name: String,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Creates a household in English (see [`create_in`]).
pub fn create(conn: &Connection, name: &str, now: i64) -> Result<HouseholdId> {
    create_in(conn, name, Lang::EN, now)
}

/// Creates a household speaking `lang`, with the default categories in their default
/// order, named in that language.
pub fn create_in(conn: &Connection, name: &str, lang: Lang, now: i64) -> Result<HouseholdId> {
    let inserted = conn.execute(
        "INSERT INTO households (name, name_key, created_ms, language) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name_key) DO NOTHING",
        params![name, key(name), now, lang.code()],
    )?;
    if inserted == 0 {
        return Err(Error::Conflict(format!(
            "a household called `{name}` already exists"
        )));
    }
    let id = HouseholdId(conn.last_insert_rowid());
    let mut stmt = conn.prepare(
        "INSERT INTO categories (household_id, name, position, builtin) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, category) in DEFAULT_CATEGORIES.iter().enumerate() {
        let name = lang.category(category);
        stmt.execute(params![id, name, position as i64, category])?;
    }
    Ok(id)
}

/// The household's language: the one its default categories were named in.
pub fn language(conn: &Connection, id: HouseholdId) -> Result<Lang> {
    let code: Option<String> = conn
        .query_row("SELECT language FROM households WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(code
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(Lang::EN))
}

/// Changes the household's language. Default categories still called by their name in
/// the old language take their name in the new one; a category the household renamed
/// keeps its name, and so does one whose new name another category already has.
pub fn set_language(conn: &Connection, id: HouseholdId, lang: Lang) -> Result<()> {
    let old = language(conn, id)?;
    conn.execute(
        "UPDATE households SET language = ?2 WHERE id = ?1",
        params![id, lang.code()],
    )?;
    let mut rename = conn.prepare(
        "UPDATE OR IGNORE categories SET name = ?4
         WHERE household_id = ?1 AND builtin = ?2 AND name = ?3",
    )?;
    for category in DEFAULT_CATEGORIES {
        rename.execute(params![
            id,
            category,
            old.category(category),
            lang.category(category)
        ])?;
    }
    Ok(())
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
