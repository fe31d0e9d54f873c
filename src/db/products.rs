//! A household's product catalogue and pictures (their prices are `db::prices`).

use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use crate::domain::product::ProductInfo;
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ProductId};

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Product {
    pub id: ProductId,
    pub barcode: Option<String>,
    pub name: String,
    pub brand: Option<String>,
    pub quantity_label: Option<String>,
    #[serde(skip)]
    pub image_id: Option<i64>,
    /// `/images/{id}` when aisle has its picture.
    pub image: Option<String>,
    pub source: String,
    pub saved: bool,
}

const COLUMNS: &str =
    "p.id, p.barcode, p.name, p.brand, p.quantity_label, p.image_id, p.source, p.saved";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Product> {
    let image_id: Option<i64> = r.get(5)?;
    Ok(Product {
        id: r.get(0)?,
        barcode: r.get(1)?,
        name: r.get(2)?,
        brand: r.get(3)?,
        quantity_label: r.get(4)?,
        image_id,
        image: image_id.map(|i| format!("/images/{i}")),
        source: r.get(6)?,
        saved: r.get(7)?,
    })
}

pub fn get(conn: &Connection, household: HouseholdId, id: ProductId) -> Result<Product> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM products p WHERE p.id = ?1 AND p.household_id = ?2"),
        params![id, household],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound)
}

pub fn by_barcode(
    conn: &Connection,
    household: HouseholdId,
    code: &str,
) -> Result<Option<Product>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM products p WHERE p.barcode = ?1 AND p.household_id = ?2"
            ),
            params![code, household],
            from_row,
        )
        .optional()?)
}

/// Adds or refreshes a product from Open Food Facts.
pub fn upsert_from_off(
    conn: &Connection,
    household: HouseholdId,
    p: &ProductInfo,
    now: i64,
) -> Result<ProductId> {
    conn.execute(
        "INSERT INTO products (household_id, barcode, name, brand, quantity_label, source, created_ms, updated_ms, refreshed_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, 'off', ?6, ?6, ?6)
         ON CONFLICT (household_id, barcode) DO UPDATE SET
             name = CASE WHEN products.source = 'off' THEN excluded.name ELSE products.name END,
             brand = coalesce(products.brand, excluded.brand),
             quantity_label = coalesce(products.quantity_label, excluded.quantity_label),
             refreshed_ms = excluded.refreshed_ms",
        params![household, p.barcode, p.name, p.brand, p.quantity_label, now],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM products WHERE household_id = ?1 AND barcode = ?2",
        params![household, p.barcode],
        |r| r.get(0),
    )?)
}

/// A product entered by hand.
pub fn create_manual(
    conn: &Connection,
    household: HouseholdId,
    name: &str,
    brand: Option<&str>,
    barcode: Option<&str>,
    now: i64,
) -> Result<ProductId> {
    if let Some(code) = barcode
        && by_barcode(conn, household, code)?.is_some()
    {
        return Err(Error::Conflict(format!(
            "a product with barcode {code} is already in your catalogue; look the barcode up to open it"
        )));
    }
    conn.execute(
        "INSERT INTO products (household_id, barcode, name, brand, source, created_ms, updated_ms)
         VALUES (?1, ?2, ?3, ?4, 'manual', ?5, ?5)",
        params![household, barcode, name, brand, now],
    )?;
    Ok(ProductId(conn.last_insert_rowid()))
}

/// Catalogue search (SQLite FTS5): every word must match the start of a word of the name
/// or brand.
pub fn search(
    conn: &Connection,
    household: HouseholdId,
    query: &str,
    limit: usize,
) -> Result<Vec<Product>> {
    let terms: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    Ok(conn
        .prepare_cached(&search_sql(limit))?
        .query_map(params![terms.join(" "), household], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

// The limits are written into the SQL, not bound: SQLite compiles a statement again on every
// run when its LIMIT is a bound parameter.
fn search_sql(limit: usize) -> String {
    format!(
        "SELECT {COLUMNS} FROM products_fts f JOIN products p ON p.id = f.rowid
         WHERE products_fts MATCH ?1 AND p.household_id = ?2 ORDER BY rank LIMIT {limit}"
    )
}

fn all_sql(limit: usize) -> String {
    format!(
        "SELECT {COLUMNS} FROM products p WHERE p.household_id = ?1
         ORDER BY p.saved DESC, p.name COLLATE NOCASE LIMIT {limit}"
    )
}

/// The household's staples, then the rest, by name.
pub fn all(conn: &Connection, household: HouseholdId, limit: usize) -> Result<Vec<Product>> {
    Ok(conn
        .prepare_cached(&all_sql(limit))?
        .query_map(params![household], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Up to `limit` staples (saved products) by name, leaving out `except` (those already
/// waiting on the list).
pub fn staples(
    conn: &Connection,
    household: HouseholdId,
    except: &[ProductId],
    limit: usize,
) -> Result<Vec<Product>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM products p WHERE p.household_id = ?1 AND p.saved = 1
         ORDER BY p.name COLLATE NOCASE"
    ))?;
    Ok(stmt
        .query_map(params![household], from_row)?
        .filter(|p| !p.as_ref().is_ok_and(|p| except.contains(&p.id)))
        .take(limit)
        .collect::<rusqlite::Result<_>>()?)
}

pub fn set_saved(
    conn: &Connection,
    household: HouseholdId,
    id: ProductId,
    saved: bool,
) -> Result<()> {
    super::touched(conn.execute(
        "UPDATE products SET saved = ?1 WHERE id = ?2 AND household_id = ?3",
        params![saved, id, household],
    )?)
}

/// The household's product whose name is `name` (for linking new list items).
pub fn by_name(conn: &Connection, household: HouseholdId, name: &str) -> Result<Option<ProductId>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM products WHERE household_id = ?1 AND lower(name) = lower(?2) LIMIT 1",
        )?
        .query_row(params![household, name.trim()], |r| r.get(0))
        .optional()?)
}

/// Stores a picture (deduplicated by content) and attaches it to the product.
pub fn set_image(
    conn: &Connection,
    product: ProductId,
    data: &[u8],
    content_type: &str,
    now: i64,
) -> Result<()> {
    let hash: String = Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    conn.execute(
        "INSERT INTO images (sha256, content_type, data, created_ms) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (sha256) DO NOTHING",
        params![hash, content_type, data, now],
    )?;
    conn.execute(
        "UPDATE products SET image_id = (SELECT id FROM images WHERE sha256 = ?1) WHERE id = ?2",
        params![hash, product],
    )?;
    Ok(())
}

/// A picture, if one of the household's products uses it.
pub fn image(
    conn: &Connection,
    household: HouseholdId,
    id: i64,
) -> Result<Option<(Vec<u8>, String)>> {
    Ok(conn
        .query_row(
            "SELECT i.data, i.content_type FROM images i WHERE i.id = ?1
             AND EXISTS (SELECT 1 FROM products p WHERE p.image_id = i.id AND p.household_id = ?2)",
            params![id, household],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Products with a barcode last refreshed before `stale_before`, that are saved or on an
/// open list: oldest first, at most `most`.
pub fn due_for_refresh(
    conn: &Connection,
    stale_before: i64,
    most: usize,
) -> Result<Vec<(HouseholdId, ProductId, String)>> {
    Ok(conn
        .prepare(
            "SELECT p.household_id, p.id, p.barcode FROM products p
             WHERE p.barcode IS NOT NULL AND coalesce(p.refreshed_ms, 0) < ?1
               AND (p.saved = 1 OR EXISTS (
                    SELECT 1 FROM items i JOIN lists l ON l.id = i.list_id
                    WHERE i.product_id = p.id AND i.deleted = 0 AND l.archived = 0))
             ORDER BY coalesce(p.refreshed_ms, 0) LIMIT ?2",
        )?
        .query_map(params![stale_before, most as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Notes that a product was looked at now although nothing about it changed.
pub fn mark_refreshed(conn: &Connection, id: ProductId, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE products SET refreshed_ms = ?1 WHERE id = ?2",
        params![now, id],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::households;
    use rusqlite::StatementStatus;

    #[test]
    fn search_and_isolation() {
        let (conn, h) = crate::db::test_household();
        let o = households::create(&conn, "O", 0).unwrap();
        let milk = create_manual(
            &conn,
            h,
            "Whole milk",
            Some("Happy Cow"),
            Some("4006381333931"),
            0,
        )
        .unwrap();
        create_manual(&conn, o, "Milk chocolate", None, None, 0).unwrap();
        assert_eq!(search(&conn, h, "mil", 10).unwrap().len(), 1);
        assert_eq!(search(&conn, h, "happy", 10).unwrap()[0].id, milk);
        assert!(search(&conn, h, "\"); DROP", 10).unwrap().is_empty());
        assert_eq!(all(&conn, h, 10).unwrap().len(), 1);
        assert_eq!(all(&conn, h, 10).unwrap().len(), 1);
        for sql in [search_sql(10), all_sql(10)] {
            let stmt = conn.prepare_cached(&sql).unwrap();
            assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0, "{sql}");
        }
        assert!(matches!(get(&conn, o, milk), Err(Error::NotFound)));
    }

    #[test]
    fn staples_by_name_skip_those_waiting_and_use_the_index() {
        let (conn, h) = crate::db::test_household();
        let o = households::create(&conn, "O", 0).unwrap();
        let mut ids = Vec::new();
        for name in ["rice", "Apples", "bread", "Coffee", "eggs"] {
            let id = create_manual(&conn, h, name, None, None, 0).unwrap();
            ids.push(id);
        }
        create_manual(&conn, h, "not saved", None, None, 0).unwrap();
        let theirs = create_manual(&conn, o, "Their staple", None, None, 0).unwrap();
        set_saved(&conn, o, theirs, true).unwrap();
        for id in &ids {
            set_saved(&conn, h, *id, true).unwrap();
        }
        let names = |v: Vec<Product>| v.into_iter().map(|p| p.name).collect::<Vec<_>>();
        assert_eq!(
            names(staples(&conn, h, &[], 12).unwrap()),
            ["Apples", "bread", "Coffee", "eggs", "rice"]
        );
        // "bread" is waiting on the list already; the limit counts what is shown.
        assert_eq!(
            names(staples(&conn, h, &[ids[2]], 3).unwrap()),
            ["Apples", "Coffee", "eggs"]
        );
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM products p WHERE p.household_id = 1 AND p.saved = 1
                 ORDER BY p.name COLLATE NOCASE",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("products_staples"), "{plan}");
    }
}
