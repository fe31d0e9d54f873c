//! A household as one JSON document, and importing one into another household.
//!
//! The document holds names, never ids: categories, stores and products are referred to by
//! name (a list's store, an item's category, a price's store), and an item's product by its
//! place in `products` (0 is the first). Nothing in it depends on the instance it came from,
//! so exporting, importing on a fresh instance and exporting again gives the same document
//! (apart from `exported_ms`).
//!
//! Version 2 added the catalogue (`products` with their staples, picture and prices,
//! `currency`, items' `product`). Version 1 documents still import: their `products` and
//! `prices` were always empty.

mod check;
mod doc;
mod import;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};

use crate::db::{aisle, households, prices, security_log, stores};
use crate::domain::text;
use crate::error::Result;
use crate::ids::HouseholdId;

pub use doc::{
    ExCategory, ExCorrection, ExHistory, ExItem, ExList, ExPicture, ExPrice, ExProduct,
    ExSecurityEntry, ExStore, ExTemplate, ExTemplateItem, Export, FORMAT, VERSION,
};
pub use import::{Imported, Renamed, import};

fn rows<T>(
    conn: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let out = stmt.query_map(p, f)?.collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// Text as an import accepts it: text that reached the database another way than a form
/// (from Open Food Facts or Open Prices, or written by an older aisle) is made single-line
/// and cut to the longest accepted, so that every export imports again.
fn clean(s: String, max_chars: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let tidy = text::tidy(&flat);
    if tidy == s && s.chars().count() <= max_chars {
        return s;
    }
    tidy.chars()
        .take(max_chars)
        .collect::<String>()
        .trim_end()
        .to_string()
}

fn clean_name(s: String) -> String {
    clean(s, text::MAX_NAME_CHARS)
}

/// `clean` to `max_chars`, and `None` for text that cleans to nothing.
fn clean_opt(s: Option<String>, max_chars: usize) -> Option<String> {
    s.map(|s| clean(s, max_chars)).filter(|s| !s.is_empty())
}

/// Names an import tells apart: one that has become the same as an earlier one once tidied
/// (`Market` and `Market  `) gets a number, `Market (2)`, never a name another entry has.
fn distinct(names: Vec<String>) -> Vec<String> {
    let all: HashSet<String> = names.iter().cloned().collect();
    let mut given = HashSet::with_capacity(names.len());
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let mut unique = name.clone();
        let mut n = 2;
        while given.contains(&unique) || (unique != name && all.contains(&unique)) {
            let suffix = format!(" ({n})");
            let room = text::MAX_NAME_CHARS - suffix.chars().count();
            let stem: String = name.chars().take(room).collect();
            unique = format!("{}{suffix}", stem.trim_end());
            n += 1;
        }
        given.insert(unique.clone());
        out.push(unique);
    }
    out
}

pub fn export(conn: &Connection, household: HouseholdId, now: i64) -> Result<Export> {
    let name = households::get(conn, household)?.name;
    // Categories and stores are referred to by name: each gets its exported name once.
    let found = rows(
        conn,
        "SELECT id, name, CAST(max(0, min(position, ?2)) AS INTEGER) FROM categories
         WHERE household_id = ?1 ORDER BY position, id",
        params![household, text::MAX_POSITION],
        |r| Ok((r.get::<_, i64>(0)?, clean_name(r.get(1)?), r.get(2)?)),
    )?;
    let names = distinct(found.iter().map(|(_, name, _)| name.clone()).collect());
    let categories = names
        .iter()
        .zip(&found)
        .map(|(name, (_, _, position))| ExCategory {
            name: name.clone(),
            position: *position,
        })
        .collect();
    let cat_names: Names = found.iter().map(|(id, _, _)| *id).zip(names).collect();
    let cat_name = |id: i64| cat_names.get(&id).cloned();
    let found = stores::list(conn, household)?;
    let store_names: Names = found
        .iter()
        .map(|s| s.id.0)
        .zip(distinct(
            found.iter().map(|s| clean_name(s.name.clone())).collect(),
        ))
        .collect();
    let mut ex_stores = Vec::new();
    for store in &found {
        // The order as lists show it now, learned places included.
        let order = aisle::order(conn, household, Some(store.id))?
            .into_categories()
            .into_iter()
            .filter_map(|c| cat_name(c.id.0))
            .collect();
        let placed_by_hand = rows(
            conn,
            "SELECT category_id FROM store_categories WHERE store_id = ?1 AND by_hand = 1
             ORDER BY position",
            [store.id],
            |r| r.get::<_, i64>(0),
        )?
        .into_iter()
        .filter_map(cat_name)
        .collect();
        ex_stores.push(ExStore {
            name: store_names.get(&store.id.0).cloned().unwrap_or_default(),
            order,
            placed_by_hand: Some(placed_by_hand),
            locked: store.order_locked,
        });
    }
    let (ex_products, product_index) = export_products(conn, household, &store_names)?;
    let list_rows = rows(
        conn,
        "SELECT id, name, archived, store_id FROM lists WHERE household_id = ?1 ORDER BY id",
        [household],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                clean_name(r.get(1)?),
                r.get(2)?,
                r.get::<_, Option<i64>>(3)?
                    .and_then(|s| store_names.get(&s).cloned()),
            ))
        },
    )?;
    let mut ex_lists = Vec::new();
    for (id, name, archived, store) in list_rows {
        let items = rows(
            conn,
            // Positions within what an import accepts, order kept.
            "SELECT i.name, i.quantity, i.unit, i.note, i.category_id, i.checked,
                    CAST(max(0, min(i.position, ?2)) AS INTEGER), i.product_id
             FROM items i WHERE i.list_id = ?1 AND i.deleted = 0 ORDER BY i.position, i.id",
            params![id, text::MAX_POSITION],
            |r| {
                Ok(ExItem {
                    name: clean_name(r.get(0)?),
                    quantity: r.get(1)?,
                    unit: r.get(2)?,
                    note: clean_opt(r.get(3)?, text::MAX_NOTE_CHARS),
                    category: r.get::<_, Option<i64>>(4)?.and_then(cat_name),
                    checked: r.get(5)?,
                    position: r.get(6)?,
                    product: r
                        .get::<_, Option<i64>>(7)?
                        .and_then(|p| product_index.get(&p).copied()),
                })
            },
        )?;
        ex_lists.push(ExList {
            name,
            archived,
            store,
            items,
        });
    }
    // Uses and times are read within the range an import accepts: a count pushed past it
    // before imports were checked (even past SQLite's integers) no longer breaks the export.
    let history = rows(
        conn,
        "SELECT name, CAST(max(0, min(uses, ?2)) AS INTEGER),
                CAST(max(0, min(last_used_ms, ?3)) AS INTEGER)
         FROM item_history WHERE household_id = ?1 ORDER BY name_key",
        params![household, check::MAX_USES, check::MAX_MS],
        |r| {
            Ok(ExHistory {
                name: clean_name(r.get(0)?),
                uses: r.get(1)?,
                last_used_ms: r.get(2)?,
            })
        },
    )?;
    let corrections = rows(
        conn,
        "SELECT name_key, category_id FROM category_overrides WHERE household_id = ?1
         ORDER BY name_key",
        [household],
        |r| Ok((clean_name(r.get(0)?), r.get::<_, i64>(1)?)),
    )?
    .into_iter()
    .filter_map(|(name_key, c)| {
        Some(ExCorrection {
            name_key,
            category: cat_name(c)?,
        })
    })
    .collect();
    Ok(Export {
        format: FORMAT.into(),
        version: VERSION,
        exported_ms: now,
        household: name,
        currency: Some(prices::household_currency(conn, household)?),
        categories,
        stores: ex_stores,
        lists: ex_lists,
        history,
        corrections,
        products: ex_products,
        templates: export_templates(conn, household)?,
        security_log: Vec::new(),
        prices: Vec::new(),
    })
}

/// Most security log entries an export carries: the newest (failed sign-ins alone can add
/// hundreds a day, and the export must stay small enough to import).
pub const MAX_EXPORTED_SECURITY_LOG: usize = 10_000;

/// The household's security log for its export (its admins' only: members do not see the
/// log), oldest first, at most the newest [`MAX_EXPORTED_SECURITY_LOG`] entries.
pub fn security_log(conn: &Connection, household: HouseholdId) -> Result<Vec<ExSecurityEntry>> {
    let mut entries =
        security_log::for_household(conn, household, None, MAX_EXPORTED_SECURITY_LOG)?;
    entries.reverse();
    Ok(entries
        .into_iter()
        .map(|e| ExSecurityEntry {
            at_ms: e.at_ms,
            event: e.event,
            username: e.username,
            by: e.actor,
            method: e.method,
            address: e.address,
            success: e.success,
            detail: e.detail,
        })
        .collect())
}

type ProductRow = (i64, ExProduct);
/// The names categories or stores are exported with, by id.
type Names = HashMap<i64, String>;

/// The household's products in the order they were added, and where each product's id
/// ended up in that list.
fn export_products(
    conn: &Connection,
    household: HouseholdId,
    store_names: &Names,
) -> Result<(Vec<ExProduct>, HashMap<i64, usize>)> {
    let found: Vec<ProductRow> = rows(
        conn,
        "SELECT p.id, p.name, p.brand, p.barcode, p.quantity_label, p.source, p.saved,
                i.sha256, i.content_type
         FROM products p LEFT JOIN images i ON i.id = p.image_id
         WHERE p.household_id = ?1 ORDER BY p.id",
        [household],
        |r| {
            let sha256: Option<String> = r.get(7)?;
            let content_type: Option<String> = r.get(8)?;
            Ok((
                r.get(0)?,
                ExProduct {
                    name: clean_name(r.get(1)?),
                    brand: clean_opt(r.get(2)?, text::MAX_NAME_CHARS),
                    barcode: r.get(3)?,
                    quantity_label: clean_opt(r.get(4)?, text::MAX_NAME_CHARS),
                    source: r.get(5)?,
                    staple: r.get(6)?,
                    picture: sha256
                        .zip(content_type)
                        .map(|(sha256, content_type)| ExPicture {
                            sha256,
                            content_type,
                        }),
                    prices: Vec::new(),
                },
            ))
        },
    )?;
    let stores: HashSet<&str> = store_names.values().map(String::as_str).collect();
    let mut index = HashMap::with_capacity(found.len());
    let mut out = Vec::with_capacity(found.len());
    let mut stmt = conn.prepare(
        "SELECT store_id, place, amount_minor, currency, pack_size, observed_on, source,
                external_id, id
         FROM prices WHERE product_id = ?1 AND household_id = ?2 ORDER BY observed_on, id",
    )?;
    for (id, mut product) in found {
        let found: Vec<(i64, ExPrice)> = stmt
            .query_map(params![id, household], |r| {
                Ok((
                    r.get(8)?,
                    ExPrice {
                        store: r
                            .get::<_, Option<i64>>(0)?
                            .and_then(|s| store_names.get(&s).cloned()),
                        place: clean_opt(r.get(1)?, text::MAX_NAME_CHARS),
                        amount_minor: r.get(2)?,
                        currency: r.get(3)?,
                        pack_size: clean_opt(r.get(4)?, text::MAX_NAME_CHARS),
                        observed_on: r.get(5)?,
                        source: r.get(6)?,
                        external_id: clean_opt(r.get(7)?, check::MAX_EXTERNAL_ID_CHARS),
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // A price the import would refuse (stored by an older aisle, or an Open Prices report
        // kept before reports were checked) is left out: the rest of the file imports again.
        product.prices = found
            .into_iter()
            .filter_map(|(price_id, p)| match check::check_price("", &p, &stores) {
                Ok(p) => Some(p),
                Err(e) => {
                    tracing::debug!(price = price_id, "price left out of the export:{e}");
                    None
                }
            })
            .collect();
        index.insert(id, out.len());
        out.push(product);
    }
    Ok((out, index))
}

/// The household's templates, by name, their items in order (names and notes tidied as
/// everywhere in the document).
fn export_templates(conn: &Connection, household: HouseholdId) -> Result<Vec<ExTemplate>> {
    let mut found: Vec<(i64, ExTemplate)> = Vec::new();
    let items = rows(
        conn,
        "SELECT t.id, t.name, ti.name, ti.quantity, ti.unit, ti.note FROM templates t
         JOIN template_items ti ON ti.template_id = t.id
         WHERE t.household_id = ?1 ORDER BY t.name, t.id, ti.position",
        [household],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                clean_name(r.get(1)?),
                ExTemplateItem {
                    name: clean_name(r.get(2)?),
                    quantity: r.get(3)?,
                    unit: r.get(4)?,
                    note: clean_opt(r.get(5)?, text::MAX_NOTE_CHARS),
                },
            ))
        },
    )?;
    for (id, name, item) in items {
        match found.last_mut() {
            Some((last, t)) if *last == id => t.items.push(item),
            _ => found.push((
                id,
                ExTemplate {
                    name,
                    items: vec![item],
                },
            )),
        }
    }
    let names = distinct(found.iter().map(|(_, t)| t.name.clone()).collect());
    Ok(found
        .into_iter()
        .zip(names)
        .map(|((_, t), name)| ExTemplate { name, ..t })
        .collect())
}
