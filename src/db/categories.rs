//! Categories, the aisle order and a household's own corrections.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::category::{self, FALLBACK};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, StoreId};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    /// Which default category this is (`Dairy & Eggs`), whatever the household calls it;
    /// `None` for one the household made.
    #[serde(skip)]
    pub builtin: Option<String>,
}

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: r.get(0)?,
        name: r.get(1)?,
        builtin: r.get(2)?,
    })
}

/// The household's categories in the order of `store` (or the household's default order).
/// Categories a store has no position for come last, in default order.
pub fn ordered(
    conn: &Connection,
    household: HouseholdId,
    store: Option<StoreId>,
) -> Result<Vec<Category>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.name, c.builtin FROM categories c
             LEFT JOIN store_categories sc ON sc.category_id = c.id AND sc.store_id = ?2
             WHERE c.household_id = ?1
             ORDER BY sc.position IS NULL, sc.position, c.position",
        )?
        .query_map(params![household, store], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Checks the category belongs to the household.
pub fn get(conn: &Connection, household: HouseholdId, id: CategoryId) -> Result<Category> {
    conn.query_row(
        "SELECT id, name, builtin FROM categories WHERE id = ?1 AND household_id = ?2",
        params![id, household],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::invalid("that category does not exist"))
}

/// The household's category called `name`, if any.
pub fn by_name(
    conn: &Connection,
    household: HouseholdId,
    name: &str,
) -> Result<Option<CategoryId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM categories WHERE household_id = ?1 AND name = ?2")?
        .query_row(params![household, name], |r| r.get(0))
        .optional()?)
}

/// The category a new item goes to: the household's own correction for this name first,
/// then the built-in dictionary, then "Other".
pub fn resolve(
    conn: &Connection,
    household: HouseholdId,
    item_name: &str,
) -> Result<Option<CategoryId>> {
    let key = category::name_key(item_name);
    let corrected: Option<CategoryId> = conn
        .prepare_cached(
            "SELECT category_id FROM category_overrides WHERE household_id = ?1 AND name_key = ?2",
        )?
        .query_row(params![household, key], |r| r.get(0))
        .optional()?;
    if corrected.is_some() {
        return Ok(corrected);
    }
    let guess = category::categorise(item_name).unwrap_or(FALLBACK);
    match builtin(conn, household, guess)? {
        Some(id) => Ok(Some(id)),
        None => builtin(conn, household, FALLBACK),
    }
}

/// The household's row for the default category `key` (`Dairy & Eggs`), whatever the
/// household calls it; failing that (a household that deleted and remade it), the
/// category of that name.
pub fn builtin(conn: &Connection, household: HouseholdId, key: &str) -> Result<Option<CategoryId>> {
    let found = conn
        .prepare_cached("SELECT id FROM categories WHERE household_id = ?1 AND builtin = ?2")?
        .query_row(params![household, key], |r| r.get(0))
        .optional()?;
    match found {
        Some(id) => Ok(Some(id)),
        None => by_name(conn, household, key),
    }
}

/// Remembers the household's choice of category for this item name.
pub fn remember(
    conn: &Connection,
    household: HouseholdId,
    item_name: &str,
    category: CategoryId,
) -> Result<()> {
    conn.execute(
        "INSERT INTO category_overrides (household_id, name_key, category_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (household_id, name_key) DO UPDATE SET category_id = excluded.category_id",
        params![household, category::name_key(item_name), category],
    )?;
    Ok(())
}

/// The household's own category choices, as [`resolve`] applies them: each name key with
/// its category's name, at most `limit`. A phone keeps them to place items added offline.
pub fn learned(
    conn: &Connection,
    household: HouseholdId,
    limit: usize,
) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT o.name_key, c.name FROM category_overrides o
             JOIN categories c ON c.id = o.category_id
             WHERE o.household_id = ?1 ORDER BY o.name_key LIMIT ?2",
        )?
        .query_map(params![household, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_win_over_the_dictionary() {
        let (conn, h) = crate::db::test_household();
        let cats = ordered(&conn, h, None).unwrap();
        assert_eq!(cats[0].name, "Produce");
        let other = cats.iter().find(|c| c.name == "Other").unwrap().id;
        let dairy = cats.iter().find(|c| c.name == "Dairy & Eggs").unwrap().id;
        assert_eq!(resolve(&conn, h, "xyzzy").unwrap(), Some(other));
        assert_eq!(resolve(&conn, h, "milk").unwrap(), Some(dairy));
        remember(&conn, h, "Xyzzy", dairy).unwrap();
        assert_eq!(resolve(&conn, h, "xyzzy").unwrap(), Some(dairy));
        remember(&conn, h, "Oat milk", other).unwrap();
        assert_eq!(
            learned(&conn, h, 10).unwrap(),
            [("oat milk", "Other"), ("xyzzy", "Dairy & Eggs")].map(|(k, c)| (k.into(), c.into()))
        );
        assert_eq!(learned(&conn, h, 1).unwrap().len(), 1);
        let stranger = crate::db::households::create(&conn, "O", 0).unwrap();
        assert!(learned(&conn, stranger, 10).unwrap().is_empty());
    }

    #[test]
    fn a_household_in_german_gets_german_categories_that_the_dictionary_still_finds() {
        use crate::db::households;
        use crate::i18n::Lang;
        let conn = crate::db::test_conn();
        let de = Lang::from_code("de").unwrap();
        let h = households::create_in(&conn, "Zuhause", de, 0).unwrap();
        let names: Vec<String> = ordered(&conn, h, None)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names[0], "Obst & Gemüse");
        assert_eq!(names[3], "Milchprodukte & Eier");
        let milk = resolve(&conn, h, "milk").unwrap().unwrap();
        assert_eq!(get(&conn, h, milk).unwrap().name, "Milchprodukte & Eier");
        let odd = resolve(&conn, h, "xyzzy").unwrap().unwrap();
        assert_eq!(get(&conn, h, odd).unwrap().name, "Sonstiges");

        // Renamed by the household: kept through a change of language; the rest follow.
        conn.execute(
            "UPDATE categories SET name = 'Brot' WHERE household_id = ?1 AND builtin = 'Bakery'",
            [h],
        )
        .unwrap();
        households::set_language(&conn, h, Lang::EN).unwrap();
        let names: Vec<String> = ordered(&conn, h, None)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            &names[..4],
            ["Produce", "Brot", "Meat & Fish", "Dairy & Eggs"]
        );
        assert_eq!(households::language(&conn, h).unwrap(), Lang::EN);
        let bakery = &ordered(&conn, h, None).unwrap()[1];
        assert_eq!(
            (bakery.name.as_str(), bakery.builtin.as_deref()),
            ("Brot", Some("Bakery"))
        );
        assert_eq!(
            resolve(&conn, h, "bread").unwrap(),
            by_name(&conn, h, "Brot").unwrap()
        );
    }
}
