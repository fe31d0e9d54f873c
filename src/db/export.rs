//! A household as one JSON document, and importing one into another household.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::db::{categories, households, lists, stores};
use crate::domain::text;
use crate::domain::units::Unit;
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, StoreId};

pub const FORMAT: &str = "aisle-household";
pub const VERSION: u32 = 1;
/// Most lists and items one import may bring.
const MAX_LISTS: usize = 1_000;
const MAX_ITEMS: usize = 100_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub exported_ms: i64,
    pub household: String,
    pub categories: Vec<ExCategory>,
    pub stores: Vec<ExStore>,
    pub lists: Vec<ExList>,
    pub history: Vec<ExHistory>,
    pub corrections: Vec<ExCorrection>,
    /// Product catalogue and prices (empty until product lookups exist).
    #[serde(default)]
    pub products: Vec<serde_json::Value>,
    #[serde(default)]
    pub prices: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExCategory {
    pub name: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExStore {
    pub name: String,
    /// Category names in this store's aisle order.
    pub order: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExList {
    pub name: String,
    pub archived: bool,
    pub store: Option<String>,
    pub items: Vec<ExItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExItem {
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
    pub category: Option<String>,
    pub checked: bool,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExHistory {
    pub name: String,
    pub uses: i64,
    pub last_used_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExCorrection {
    pub name_key: String,
    pub category: String,
}

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

pub fn export(conn: &Connection, household: HouseholdId, now: i64) -> Result<Export> {
    let name = households::get(conn, household)?.name;
    let categories = rows(
        conn,
        "SELECT name, position FROM categories WHERE household_id = ?1 ORDER BY position, id",
        [household],
        |r| {
            Ok(ExCategory {
                name: r.get(0)?,
                position: r.get(1)?,
            })
        },
    )?;
    let mut ex_stores = Vec::new();
    for store in stores::list(conn, household)? {
        let order = categories::ordered(conn, household, Some(store.id))?
            .into_iter()
            .map(|c| c.name)
            .collect();
        ex_stores.push(ExStore {
            name: store.name,
            order,
        });
    }
    let list_rows = rows(
        conn,
        "SELECT l.id, l.name, l.archived, s.name FROM lists l LEFT JOIN stores s ON s.id = l.store_id
         WHERE l.household_id = ?1 ORDER BY l.id",
        [household],
        |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut ex_lists = Vec::new();
    for (id, name, archived, store) in list_rows {
        let items = rows(
            conn,
            "SELECT i.name, i.quantity, i.unit, i.note, c.name, i.checked, i.position
             FROM items i LEFT JOIN categories c ON c.id = i.category_id
             WHERE i.list_id = ?1 AND i.deleted = 0 ORDER BY i.position, i.id",
            [id],
            |r| {
                Ok(ExItem {
                    name: r.get(0)?,
                    quantity: r.get(1)?,
                    unit: r.get(2)?,
                    note: r.get(3)?,
                    category: r.get(4)?,
                    checked: r.get(5)?,
                    position: r.get(6)?,
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
    let history = rows(
        conn,
        "SELECT name, uses, last_used_ms FROM item_history WHERE household_id = ?1 ORDER BY name_key",
        [household],
        |r| {
            Ok(ExHistory {
                name: r.get(0)?,
                uses: r.get(1)?,
                last_used_ms: r.get(2)?,
            })
        },
    )?;
    let corrections = rows(
        conn,
        "SELECT o.name_key, c.name FROM category_overrides o JOIN categories c ON c.id = o.category_id
         WHERE o.household_id = ?1 ORDER BY o.name_key",
        [household],
        |r| Ok(ExCorrection { name_key: r.get(0)?, category: r.get(1)? }),
    )?;
    Ok(Export {
        format: FORMAT.into(),
        version: VERSION,
        exported_ms: now,
        household: name,
        categories,
        stores: ex_stores,
        lists: ex_lists,
        history,
        corrections,
        products: Vec::new(),
        prices: Vec::new(),
    })
}

/// What an import added.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Imported {
    pub lists: usize,
    pub items: usize,
    pub stores: usize,
}

fn check(doc: &Export) -> Result<()> {
    let invalid = |m: String| Error::invalid(m);
    if doc.format != FORMAT {
        return Err(invalid(format!(
            "this is not an aisle household export (format `{}`)",
            doc.format
        )));
    }
    if doc.version > VERSION {
        return Err(invalid(format!(
            "this export has version {}, newer than this aisle reads ({VERSION})",
            doc.version
        )));
    }
    if doc.lists.len() > MAX_LISTS
        || doc.lists.iter().map(|l| l.items.len()).sum::<usize>() > MAX_ITEMS
    {
        return Err(invalid(format!(
            "too much at once: at most {MAX_LISTS} lists and {MAX_ITEMS} items"
        )));
    }
    let names = doc
        .categories
        .iter()
        .map(|c| &c.name)
        .chain(doc.stores.iter().map(|s| &s.name))
        .chain(doc.lists.iter().map(|l| &l.name))
        .chain(
            doc.lists
                .iter()
                .flat_map(|l| l.items.iter().map(|i| &i.name)),
        );
    for name in names {
        text::name("a name in the export", name)
            .map_err(|e| invalid(format!("{} (`{name}`)", e.0)))?;
    }
    for item in doc.lists.iter().flat_map(|l| &l.items) {
        text::position(item.position).map_err(|e| invalid(format!("{}: {}", item.name, e.0)))?;
        if let Some(q) = item.quantity {
            text::quantity(q).map_err(|e| invalid(format!("{}: {}", item.name, e.0)))?;
        }
        if let Some(u) = &item.unit
            && Unit::from_canonical(u).is_none()
        {
            return Err(invalid(format!(
                "{}: `{u}` is not a unit aisle knows",
                item.name
            )));
        }
        if let Some(n) = &item.note {
            text::note(n).map_err(|e| invalid(e.0))?;
        }
    }
    Ok(())
}

/// Adds an export's contents to `household` with new ids; nothing already there is
/// changed or lost. Run it in one transaction: an error leaves everything as it was.
pub fn import(
    conn: &Connection,
    household: HouseholdId,
    doc: &Export,
    now: i64,
) -> Result<Imported> {
    check(doc)?;
    // Categories by name, adding the ones the household lacks at the end of its order.
    let mut cats: HashMap<String, CategoryId> = categories::ordered(conn, household, None)?
        .into_iter()
        .map(|c| (c.name, c.id))
        .collect();
    let mut next_position: i64 = conn.query_row(
        "SELECT coalesce(max(position), -1) + 1 FROM categories WHERE household_id = ?1",
        [household],
        |r| r.get(0),
    )?;
    let mut category = |conn: &Connection, name: &str| -> Result<CategoryId> {
        if let Some(id) = cats.get(name) {
            return Ok(*id);
        }
        conn.execute(
            "INSERT INTO categories (household_id, name, position) VALUES (?1, ?2, ?3)",
            params![household, name, next_position],
        )?;
        next_position += 1;
        let id = CategoryId(conn.last_insert_rowid());
        cats.insert(name.to_string(), id);
        Ok(id)
    };
    for c in &doc.categories {
        category(conn, &c.name)?;
    }
    // Stores: always new ones (a name already taken gets a number).
    let mut store_ids: HashMap<String, StoreId> = HashMap::new();
    let taken: Vec<String> = stores::list(conn, household)?
        .into_iter()
        .map(|s| s.name)
        .collect();
    for s in &doc.stores {
        let mut name = s.name.clone();
        let mut n = 2;
        while taken.contains(&name) || store_ids.contains_key(&name) {
            name = format!("{} ({n})", s.name);
            n += 1;
        }
        let id = stores::create(conn, household, &name)?;
        for (position, cat) in s.order.iter().enumerate() {
            let cat = category(conn, cat)?;
            conn.execute(
                "INSERT INTO store_categories (store_id, category_id, position) VALUES (?1, ?2, ?3)
                 ON CONFLICT (store_id, category_id) DO UPDATE SET position = excluded.position",
                params![id, cat, position as i64],
            )?;
        }
        store_ids.insert(s.name.clone(), id);
    }
    let mut items = 0;
    for l in &doc.lists {
        let id = lists::create(conn, household, &text::tidy(&l.name), now)?;
        let store = l.store.as_ref().and_then(|s| store_ids.get(s)).copied();
        conn.execute(
            "UPDATE lists SET archived = ?1, store_id = ?2, version = 1 WHERE id = ?3",
            params![l.archived, store, id],
        )?;
        for item in &l.items {
            let cat = match &item.category {
                Some(c) => Some(category(conn, c)?),
                None => None,
            };
            conn.execute(
                "INSERT INTO items (list_id, name, quantity, unit, note, category_id, checked, position,
                                    version, created_ms, updated_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9)",
                params![id, text::tidy(&item.name), item.quantity, item.unit, item.note, cat, item.checked, item.position, now],
            )?;
            items += 1;
        }
    }
    for h in &doc.history {
        conn.execute(
            "INSERT INTO item_history (household_id, name_key, name, uses, last_used_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (household_id, name_key) DO UPDATE SET uses = uses + excluded.uses,
                 last_used_ms = max(last_used_ms, excluded.last_used_ms)",
            params![
                household,
                crate::domain::category::name_key(&h.name),
                h.name,
                h.uses.max(0),
                h.last_used_ms
            ],
        )?;
    }
    for c in &doc.corrections {
        let cat = category(conn, &c.category)?;
        conn.execute(
            "INSERT INTO category_overrides (household_id, name_key, category_id) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![household, c.name_key, cat],
        )?;
    }
    Ok(Imported {
        lists: doc.lists.len(),
        items,
        stores: doc.stores.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::items;
    use crate::domain::item::from_text;

    #[test]
    fn export_then_import_round_trips() {
        let conn = crate::db::test_conn();
        let a = households::create(&conn, "A", 0).unwrap();
        let l = lists::create(&conn, a, "Weekly", 0).unwrap();
        items::add(
            &conn,
            a,
            l,
            &from_text("2 cups milk, 1 loaf bread (sliced)").unwrap(),
            1,
        )
        .unwrap();
        let s = stores::create(&conn, a, "Market").unwrap();
        let order = categories::ordered(&conn, a, Some(s)).unwrap();
        stores::move_category(&conn, a, s, order[3].id, -1).unwrap();
        lists::set_store(&conn, a, l, Some(s), 2).unwrap();
        categories::remember(&conn, a, "oat milk", order[1].id).unwrap();
        let before = export(&conn, a, 5).unwrap();

        let b = households::create(&conn, "B", 0).unwrap();
        let got = import(&conn, b, &before, 6).unwrap();
        assert_eq!(
            got,
            Imported {
                lists: 1,
                items: 2,
                stores: 1
            }
        );
        let after = export(&conn, b, 5).unwrap();
        assert_eq!(
            Export {
                household: "A".into(),
                ..after
            },
            before
        );
        // The source is untouched and a second import adds, never replaces.
        import(&conn, b, &before, 7).unwrap();
        let twice = export(&conn, b, 5).unwrap();
        assert_eq!(twice.lists.len(), 2);
        assert_eq!(twice.stores[1].name, "Market (2)");
    }

    #[test]
    fn a_bad_document_is_refused() {
        let conn = crate::db::test_conn();
        let a = households::create(&conn, "A", 0).unwrap();
        let mut doc = export(&conn, a, 0).unwrap();
        doc.format = "other".into();
        assert!(import(&conn, a, &doc, 0).is_err());
        let mut doc = export(&conn, a, 0).unwrap();
        doc.lists.push(ExList {
            name: "x".into(),
            archived: false,
            store: None,
            items: vec![ExItem {
                name: "milk".into(),
                quantity: Some(-1.0),
                unit: None,
                note: None,
                category: None,
                checked: false,
                position: 0,
            }],
        });
        assert!(import(&conn, a, &doc, 0).is_err());
        // A position out of range would break adds to the list (migration 0009).
        doc.lists[0].items[0].quantity = None;
        doc.lists[0].items[0].position = i64::MAX;
        let err = import(&conn, a, &doc, 0).unwrap_err();
        assert!(err.to_string().contains("position"), "{err}");
        doc.lists[0].items[0].position = 1_000_000;
        assert!(import(&conn, a, &doc, 0).is_ok());
    }
}
