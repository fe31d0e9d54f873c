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

    fn names(conn: &Connection, id: HouseholdId) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM categories WHERE household_id = ?1 ORDER BY position")
            .unwrap();
        stmt.query_map([id], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn rename(conn: &Connection, id: HouseholdId, from: &str, to: &str) {
        let changed = conn
            .execute(
                "UPDATE categories SET name = ?3 WHERE household_id = ?1 AND name = ?2",
                params![id, from, to],
            )
            .unwrap();
        assert_eq!(changed, 1, "{from} → {to}");
    }

    #[test]
    fn a_new_language_renames_the_default_categories_the_household_kept() {
        let de = Lang::from_code("de").unwrap();
        let conn = crate::db::test_conn();
        let id = create_in(&conn, "Müllers", de, 1).unwrap();
        assert_eq!(language(&conn, id).unwrap(), de);
        let german = names(&conn, id);
        let expected: Vec<String> = DEFAULT_CATEGORIES.iter().map(|c| de.category(c)).collect();
        assert_eq!(german, expected);
        assert_eq!(german[0], "Obst & Gemüse");

        // The household renamed Bakery; it took Dairy's English name for Frozen, so
        // Dairy & Eggs cannot have it back (no two categories share a name).
        rename(&conn, id, "Backwaren", "Bäcker Schmidt");
        rename(&conn, id, "Tiefkühl", "Dairy & Eggs");
        set_language(&conn, id, Lang::EN).unwrap();
        assert_eq!(language(&conn, id).unwrap(), Lang::EN);
        let english = names(&conn, id);
        let at = |key: &str| {
            let i = DEFAULT_CATEGORIES.iter().position(|c| *c == key).unwrap();
            english[i].as_str()
        };
        assert_eq!(at("Produce"), "Produce");
        assert_eq!(at("Pantry"), "Pantry");
        assert_eq!(at("Bakery"), "Bäcker Schmidt", "renamed: kept");
        assert_eq!(at("Frozen"), "Dairy & Eggs", "renamed: kept");
        assert_eq!(
            at("Dairy & Eggs"),
            "Milchprodukte & Eier",
            "its name is taken: kept"
        );

        // Back to German: only the categories still called by their English name move.
        set_language(&conn, id, de).unwrap();
        let again = names(&conn, id);
        assert_eq!(again[0], "Obst & Gemüse");
        assert_eq!(
            again
                .iter()
                .filter(
                    |n| ["Bäcker Schmidt", "Dairy & Eggs", "Milchprodukte & Eier"]
                        .contains(&n.as_str())
                )
                .count(),
            3
        );

        // Another household is not touched.
        let other = create(&conn, "Smiths", 2).unwrap();
        set_language(&conn, id, Lang::EN).unwrap();
        assert_eq!(names(&conn, other)[0], "Produce");
        assert_eq!(language(&conn, other).unwrap(), Lang::EN);
    }
}
