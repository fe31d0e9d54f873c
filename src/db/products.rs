//! A household's product catalogue, pictures and prices.

use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use crate::db::items::Item;
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ListId, ProductId, StoreId};
use crate::lookup::providers::{OffProduct, OpenPrice};

#[derive(Debug, Clone, serde::Serialize)]
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
    p: &OffProduct,
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
        params![household, p.code, p.name, p.brand, p.quantity, now],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM products WHERE household_id = ?1 AND barcode = ?2",
        params![household, p.code],
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
            "a product with barcode {code} is already in your catalogue"
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
    let rows = conn
        .prepare_cached(&search_sql(limit))?
        .query_map(params![terms.join(" "), household], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
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
    let mut stmt = conn.prepare_cached(&all_sql(limit))?;
    let rows = stmt
        .query_map(params![household], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
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
    let mut rows = stmt.query(params![household])?;
    let mut found = Vec::new();
    while found.len() < limit {
        let Some(row) = rows.next()? else { break };
        let product = from_row(row)?;
        if !except.contains(&product.id) {
            found.push(product);
        }
    }
    Ok(found)
}

pub fn set_saved(
    conn: &Connection,
    household: HouseholdId,
    id: ProductId,
    saved: bool,
) -> Result<()> {
    let n = conn.execute(
        "UPDATE products SET saved = ?1 WHERE id = ?2 AND household_id = ?3",
        params![saved, id, household],
    )?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
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

#[derive(Debug, Clone, serde::Serialize)]
pub struct Price {
    /// The store's name, or the place Open Prices reported.
    pub store: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub pack_size: Option<String>,
    pub observed_on: String,
    pub source: String,
}

/// A price to record.
pub struct NewPrice<'a> {
    pub store: Option<StoreId>,
    pub place: Option<&'a str>,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub pack_size: Option<&'a str>,
    pub observed_on: &'a str,
}

pub fn add_price(
    conn: &Connection,
    household: HouseholdId,
    product: ProductId,
    p: &NewPrice<'_>,
    now: i64,
) -> Result<()> {
    get(conn, household, product)?;
    if let Some(store) = p.store {
        crate::db::stores::get(conn, household, store)
            .map_err(|_| Error::invalid("that store does not exist"))?;
    }
    conn.execute(
        "INSERT INTO prices (household_id, product_id, store_id, place, amount_minor, currency, pack_size,
                             observed_on, source, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'manual', ?9)",
        params![household, product, p.store, p.place, p.amount_minor, p.currency, p.pack_size, p.observed_on, now],
    )?;
    Ok(())
}

/// Adds Open Prices reports in the household's currency (those with a real date and a
/// grocery price); returns how many were new.
pub fn import_open_prices(
    conn: &Connection,
    household: HouseholdId,
    product: ProductId,
    prices: &[OpenPrice],
    currency: &str,
    now: i64,
) -> Result<usize> {
    let mut added = 0;
    let kept = prices.iter().filter(|p| p.currency == currency);
    for (p, minor) in kept.filter_map(|p| Some((p, p.minor_units(currency)?))) {
        added += conn.execute(
            "INSERT INTO prices (household_id, product_id, place, amount_minor, currency, observed_on, source,
                                 external_id, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open_prices', ?7, ?8)
             ON CONFLICT (product_id, source, external_id) DO NOTHING",
            params![household, product, p.place, minor, currency, p.date, p.id, now],
        )?;
    }
    Ok(added)
}

/// A product's prices, newest first.
pub fn prices(conn: &Connection, household: HouseholdId, product: ProductId) -> Result<Vec<Price>> {
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(s.name, pr.place), pr.amount_minor, pr.currency, pr.pack_size, pr.observed_on, pr.source
         FROM prices pr LEFT JOIN stores s ON s.id = pr.store_id
         WHERE pr.product_id = ?1 AND pr.household_id = ?2 ORDER BY pr.observed_on DESC, pr.id DESC LIMIT 500",
    )?;
    let rows = stmt
        .query_map(params![product, household], |r| {
            Ok(Price {
                store: r.get(0)?,
                amount_minor: r.get(1)?,
                currency: r.get(2)?,
                pack_size: r.get(3)?,
                observed_on: r.get(4)?,
                source: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The newest price per store (or place).
pub fn latest_by_store(all: &[Price]) -> Vec<Price> {
    let mut seen = std::collections::HashSet::new();
    all.iter()
        .filter(|p| seen.insert(p.store.clone()))
        .cloned()
        .collect()
}

pub fn household_currency(conn: &Connection, household: HouseholdId) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT currency FROM households WHERE id = ?1")?
        .query_row([household], |r| r.get(0))?)
}

pub fn set_household_currency(
    conn: &Connection,
    household: HouseholdId,
    currency: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE households SET currency = ?1 WHERE id = ?2",
        params![currency, household],
    )?;
    Ok(())
}

/// The estimated total of a list in the household's currency.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Total {
    pub amount_minor: i64,
    pub currency: String,
    pub priced: usize,
    pub unpriced: usize,
}

/// Sums the latest known price of each live item's product (at the list's store when known,
/// otherwise anywhere), times its quantity when it is a count.
pub fn list_total(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    store: Option<StoreId>,
) -> Result<Total> {
    let items = crate::db::items::for_list(conn, household, list)?;
    total_of(conn, household, &items, store)
}

/// The price a product counts at in a total: the newest in the household's currency
/// observed at the list's store (without a store: observed at none in particular), else
/// the newest anywhere. One statement for all of a list's products, each price found by
/// index (`prices_product_store`, `prices_product`) without sorting its history.
const PREFERRED_PRICES_SQL: &str = "
    SELECT j.value, coalesce(
        (SELECT amount_minor FROM prices
         WHERE product_id = j.value AND store_id IS ?2 AND currency = ?3
         ORDER BY observed_on DESC, id DESC LIMIT 1),
        (SELECT amount_minor FROM prices
         WHERE product_id = j.value AND currency = ?3
         ORDER BY observed_on DESC, id DESC LIMIT 1))
    FROM json_each(?1) j";

/// [`list_total`] of items already read (the list page has them).
pub fn total_of(
    conn: &Connection,
    household: HouseholdId,
    items: &[Item],
    store: Option<StoreId>,
) -> Result<Total> {
    let currency = household_currency(conn, household)?;
    let products: std::collections::BTreeSet<ProductId> =
        items.iter().filter_map(|i| i.product_id).collect();
    let mut prices = std::collections::HashMap::with_capacity(products.len());
    if !products.is_empty() {
        let ids = serde_json::to_string(&products)
            .map_err(|e| Error::Internal(format!("product ids: {e}")))?;
        let mut stmt = conn.prepare_cached(PREFERRED_PRICES_SQL)?;
        let mut rows = stmt.query(params![ids, store, currency])?;
        while let Some(row) = rows.next()? {
            if let Some(price) = row.get::<_, Option<i64>>(1)? {
                prices.insert(ProductId(row.get(0)?), price);
            }
        }
    }
    let mut total = Total {
        amount_minor: 0,
        currency,
        priced: 0,
        unpriced: 0,
    };
    for item in items {
        match item.product_id.and_then(|p| prices.get(&p)) {
            Some(&p) => {
                let count = if item.unit.is_none() {
                    item.quantity.unwrap_or(1.0)
                } else {
                    1.0
                };
                total.amount_minor += (p as f64 * count).round() as i64;
                total.priced += 1;
            }
            None => total.unpriced += 1,
        }
    }
    Ok(total)
}

/// Products with a barcode last refreshed before `stale_before`, that are saved or on an
/// open list: oldest first, at most `most`.
pub fn due_for_refresh(
    conn: &Connection,
    stale_before: i64,
    most: usize,
) -> Result<Vec<(HouseholdId, ProductId, String)>> {
    let mut stmt = conn.prepare(
        "SELECT p.household_id, p.id, p.barcode FROM products p
         WHERE p.barcode IS NOT NULL AND coalesce(p.refreshed_ms, 0) < ?1
           AND (p.saved = 1 OR EXISTS (
                SELECT 1 FROM items i JOIN lists l ON l.id = i.list_id
                WHERE i.product_id = p.id AND i.deleted = 0 AND l.archived = 0))
         ORDER BY coalesce(p.refreshed_ms, 0) LIMIT ?2",
    )?;
    let due = stmt
        .query_map(params![stale_before, most as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(due)
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
    use crate::db::{households, items, lists};
    use crate::domain::item::from_text;
    use rusqlite::StatementStatus;

    #[test]
    fn the_total_prefers_the_store_then_the_newest_price_and_counts_pieces() {
        let conn = crate::db::test_conn();
        let h = households::create(&conn, "H", 0).unwrap();
        let shop = crate::db::stores::create(&conn, h, "Corner shop").unwrap();
        let eggs = create_manual(&conn, h, "eggs", None, None, 0).unwrap();
        let flour = create_manual(&conn, h, "flour", None, None, 0).unwrap();
        let l = lists::create(&conn, h, "L", 0).unwrap();
        items::add(
            &conn,
            h,
            l,
            &from_text("3 eggs, 1 kg flour, salt").unwrap(),
            0,
        )
        .unwrap();
        conn.execute(
            "UPDATE items SET product_id = ?1 WHERE name = 'eggs'",
            [eggs],
        )
        .unwrap();
        conn.execute(
            "UPDATE items SET product_id = ?1 WHERE name = 'flour'",
            [flour],
        )
        .unwrap();
        let price = |product, store, amount_minor, observed_on| {
            let p = NewPrice {
                store,
                place: None,
                amount_minor,
                currency: "EUR",
                pack_size: None,
                observed_on,
            };
            add_price(&conn, h, product, &p, 0).unwrap();
        };
        price(eggs, Some(shop), 30, "2026-01-01");
        price(eggs, None, 25, "2026-03-01");
        price(flour, None, 90, "2026-02-01");
        // Anywhere: the newest egg price, three pieces; flour has a unit, so one pack.
        let anywhere = list_total(&conn, h, l, None).unwrap();
        assert_eq!(
            (anywhere.amount_minor, anywhere.priced, anywhere.unpriced),
            (3 * 25 + 90, 2, 1)
        );
        // At the corner shop its own (older) egg price wins.
        let items = items::for_list(&conn, h, l).unwrap();
        let at_shop = total_of(&conn, h, &items, Some(shop)).unwrap();
        assert_eq!(at_shop.amount_minor, 3 * 30 + 90);

        // Same day: the later observation wins; another currency is never counted.
        price(flour, None, 95, "2026-02-01");
        let p = NewPrice {
            store: Some(shop),
            place: None,
            amount_minor: 1,
            currency: "USD",
            pack_size: None,
            observed_on: "2026-12-01",
        };
        add_price(&conn, h, flour, &p, 0).unwrap();
        let at_shop = total_of(&conn, h, &items, Some(shop)).unwrap();
        assert_eq!(at_shop.amount_minor, 3 * 30 + 95);
        // A product on the list twice counts twice; a list without products costs nothing.
        let twice = [items.clone(), items.clone()].concat();
        let doubled = total_of(&conn, h, &twice, None).unwrap();
        assert_eq!(
            (doubled.amount_minor, doubled.priced, doubled.unpriced),
            (2 * (3 * 25 + 95), 4, 2)
        );
        let none = total_of(&conn, h, &[], Some(shop)).unwrap();
        assert_eq!((none.amount_minor, none.priced, none.unpriced), (0, 0, 0));
    }

    #[test]
    fn preferred_prices_are_found_by_index_without_sorting_the_history() {
        let conn = crate::db::test_conn();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {PREFERRED_PRICES_SQL}"))
            .unwrap()
            .query_map(params!["[1]", None::<i64>, "EUR"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("USING INDEX prices_product_store"), "{plan}");
        assert!(plan.contains("USING INDEX prices_product "), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }

    #[test]
    fn search_total_and_isolation() {
        let conn = crate::db::test_conn();
        let h = households::create(&conn, "H", 0).unwrap();
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

        let l = lists::create(&conn, h, "L", 0).unwrap();
        items::add(&conn, h, l, &from_text("2 whole milk, bread").unwrap(), 0).unwrap();
        conn.execute(
            "UPDATE items SET product_id = ?1 WHERE name = 'whole milk'",
            [milk],
        )
        .unwrap();
        let none = list_total(&conn, h, l, None).unwrap();
        assert_eq!((none.amount_minor, none.priced, none.unpriced), (0, 0, 2));
        let p = NewPrice {
            store: None,
            place: None,
            amount_minor: 129,
            currency: "EUR",
            pack_size: None,
            observed_on: "2026-01-01",
        };
        add_price(&conn, h, milk, &p, 0).unwrap();
        let newer = NewPrice {
            amount_minor: 139,
            observed_on: "2026-02-01",
            ..p
        };
        add_price(&conn, h, milk, &newer, 0).unwrap();
        let t = list_total(&conn, h, l, None).unwrap();
        assert_eq!(
            (t.amount_minor, t.priced, t.unpriced, t.currency.as_str()),
            (278, 1, 1, "EUR")
        );
        assert!(
            add_price(&conn, o, milk, &newer, 0).is_err(),
            "another household cannot price it"
        );
    }

    #[test]
    fn staples_by_name_skip_those_waiting_and_use_the_index() {
        let conn = crate::db::test_conn();
        let h = households::create(&conn, "H", 0).unwrap();
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
