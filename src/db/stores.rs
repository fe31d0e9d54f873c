//! Stores, each with its own aisle order of categories.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, StoreId};

#[derive(Debug, Clone, serde::Serialize)]
pub struct Store {
    pub id: StoreId,
    pub name: String,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Store> {
    Ok(Store {
        id: r.get(0)?,
        name: r.get(1)?,
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
    let mut stmt =
        conn.prepare_cached("SELECT id, name FROM stores WHERE household_id = ?1 ORDER BY name")?;
    let rows = stmt
        .query_map([household], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, household: HouseholdId, id: StoreId) -> Result<Store> {
    conn.query_row(
        "SELECT id, name FROM stores WHERE id = ?1 AND household_id = ?2",
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

/// Moves a category one place up (`-1`) or down (`+1`) in the store's order.
pub fn move_category(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
    category: CategoryId,
    delta: i64,
) -> Result<()> {
    get(conn, household, store)?;
    let order = super::categories::ordered(conn, household, Some(store))?;
    let Some(at) = order.iter().position(|c| c.id == category) else {
        return Err(Error::NotFound);
    };
    let to = at as i64 + delta;
    if to < 0 || to >= order.len() as i64 {
        return Ok(());
    }
    let mut ids: Vec<CategoryId> = order.iter().map(|c| c.id).collect();
    ids.swap(at, to as usize);
    write_order(conn, store, &ids)
}

/// Sets a store's whole aisle order at once: `ids` must name each of the household's
/// categories exactly once (the order a page showed, rearranged).
pub fn set_order(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
    ids: &[CategoryId],
) -> Result<()> {
    get(conn, household, store)?;
    let mut have: Vec<CategoryId> = super::categories::ordered(conn, household, Some(store))?
        .iter()
        .map(|c| c.id)
        .collect();
    let mut given = ids.to_vec();
    have.sort_unstable_by_key(|id| id.0);
    given.sort_unstable_by_key(|id| id.0);
    if have != given {
        return Err(Error::invalid(
            "the order must name each of the household's categories once; \
             reload the page to see the categories as they are now",
        ));
    }
    write_order(conn, store, ids)
}

fn write_order(conn: &Connection, store: StoreId, ids: &[CategoryId]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO store_categories (store_id, category_id, position) VALUES (?1, ?2, ?3)
         ON CONFLICT (store_id, category_id) DO UPDATE SET position = excluded.position",
    )?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![store, id, position as i64])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{categories, households};

    #[test]
    fn a_whole_order_is_set_at_once_and_must_name_each_category_once() {
        let (conn, h) = crate::db::test_household();
        let s = create(&conn, h, "Corner shop").unwrap();
        let ids = |store| -> Vec<CategoryId> {
            categories::ordered(&conn, h, store)
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect()
        };
        let before = ids(Some(s));
        let mut reversed = before.clone();
        reversed.reverse();
        set_order(&conn, h, s, &reversed).unwrap();
        assert_eq!(ids(Some(s)), reversed);
        assert_eq!(ids(None), before, "the default order is untouched");
        // One missing, one twice, one from nowhere: refused, nothing changed.
        let mut twice = reversed.clone();
        twice[0] = twice[1];
        let mut stranger = reversed.clone();
        stranger[0] = CategoryId(9_999);
        for bad in [&reversed[1..], &twice[..], &stranger[..]] {
            assert!(matches!(
                set_order(&conn, h, s, bad),
                Err(Error::Invalid(_))
            ));
            assert_eq!(ids(Some(s)), reversed);
        }
        // Another household's store is not found.
        let other = households::create(&conn, "O", 0).unwrap();
        assert!(matches!(
            set_order(&conn, other, s, &reversed),
            Err(Error::NotFound)
        ));
    }

    #[test]
    fn a_store_has_its_own_order() {
        let (conn, h) = crate::db::test_household();
        let s = create(&conn, h, "Corner shop").unwrap();
        let before = categories::ordered(&conn, h, Some(s)).unwrap();
        move_category(&conn, h, s, before[1].id, -1).unwrap();
        let after = categories::ordered(&conn, h, Some(s)).unwrap();
        assert_eq!(after[0].id, before[1].id);
        assert_eq!(after[1].id, before[0].id);
        // The household default order is untouched.
        assert_eq!(
            categories::ordered(&conn, h, None).unwrap()[0].id,
            before[0].id
        );
        // Moving the first up is a no-op; another household's store is not found.
        move_category(&conn, h, s, after[0].id, -1).unwrap();
        let other = households::create(&conn, "Other", 0).unwrap();
        assert!(matches!(
            move_category(&conn, other, s, after[0].id, 1),
            Err(Error::NotFound)
        ));
    }
}
