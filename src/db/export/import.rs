//! Adding an export's contents to a household.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::check::{self, MAX_USES};
use super::doc::{ExProduct, Export};
use crate::db::{categories, lists, prices, products, stores};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, ProductId, StoreId};

/// What an import added.
#[derive(Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Imported {
    pub lists: usize,
    pub items: usize,
    pub stores: usize,
    pub products: usize,
    pub prices: usize,
    /// Products of the file the household had already (same barcode): kept, not added.
    pub products_kept: usize,
    pub templates: usize,
    /// Entries of the export's security log, added to the household's.
    pub security_log: usize,
    /// Lists, stores and templates whose name was taken, and the name each got instead.
    pub renamed: Vec<Renamed>,
}

/// A list, store or template imported under another name because its own was taken.
#[derive(Debug, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Renamed {
    /// `list`, `store` or `template`.
    pub kind: &'static str,
    pub from: String,
    pub to: String,
}

/// `n` and the noun, singular or plural: "1 list", "3 lists".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Imported {
    /// What the import did, in sentences for the page's flash and the CLI: the counts, then
    /// each name clash and how it was resolved.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "Imported {} with {}, {}, and {} with {}.",
            count(self.lists, "list", "lists"),
            count(self.items, "item", "items"),
            count(self.stores, "store", "stores"),
            count(
                self.products - self.products_kept,
                "new product",
                "new products"
            ),
            count(self.prices, "price", "prices"),
        );
        if self.templates > 0 {
            out.push_str(&format!(
                " {} came along.",
                count(self.templates, "list template", "list templates")
            ));
        }
        if self.products_kept > 0 {
            let verb = if self.products_kept == 1 {
                "was"
            } else {
                "were"
            };
            out.push_str(&format!(
                " {} the household had already (same barcode) {verb} not added again.",
                count(self.products_kept, "product", "products"),
            ));
        }
        for r in &self.renamed {
            out.push_str(&format!(
                " A {} “{}” already existed; the imported one is “{}”.",
                r.kind, r.from, r.to
            ));
        }
        out
    }
}

/// `name`, or `name (2)`, `name (3)`… : the first that is not in `taken` (then taken).
fn unique_name(taken: &mut HashSet<String>, name: &str) -> String {
    let mut candidate = name.to_string();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name} ({n})");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// Adds an export's contents to `household` with new ids; nothing already there is
/// changed or lost. Every field is checked before anything is written, and the caller runs
/// it in one transaction: an error leaves everything as it was.
pub fn import(
    conn: &Connection,
    household: HouseholdId,
    doc: &Export,
    now: i64,
) -> Result<Imported> {
    let doc = check::validated(doc, now).map_err(|e| match e {
        Error::Invalid(m) => Error::Invalid(format!("nothing was imported: {m}")),
        other => other,
    })?;
    let mut cats = Categories::of(conn, household)?;
    for c in &doc.categories {
        cats.id(conn, household, &c.name)?;
    }
    let mut renamed = Vec::new();
    let store_ids = import_stores(conn, household, &doc, &mut cats, &mut renamed)?;
    // The currency goes with the prices: taken only from a file that brings prices, and
    // only by a household that has none (one that has prices keeps its own).
    let brings_prices = doc.products.iter().any(|p| !p.prices.is_empty());
    let has_prices: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM prices WHERE household_id = ?1)",
        [household],
        |r| r.get(0),
    )?;
    if let Some(currency) = &doc.currency
        && brings_prices
        && !has_prices
    {
        prices::set_household_currency(conn, household, currency)?;
    }
    let mut product_ids = Vec::with_capacity(doc.products.len());
    let mut prices = 0;
    let mut products_kept = 0;
    for p in &doc.products {
        let (id, kept) = import_product(conn, household, p, now)?;
        products_kept += usize::from(kept);
        prices += import_prices(conn, household, id, p, &store_ids, now)?;
        product_ids.push(id);
    }
    let mut items = 0;
    let mut list_names: HashSet<String> = conn
        .prepare("SELECT name FROM lists WHERE household_id = ?1")?
        .query_map([household], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for l in &doc.lists {
        let name = unique_name(&mut list_names, &l.name);
        if name != l.name {
            renamed.push(Renamed {
                kind: "list",
                from: l.name.clone(),
                to: name.clone(),
            });
        }
        let id = lists::create(conn, household, &name, now)?;
        let store = l.store.as_ref().and_then(|s| store_ids.get(s)).copied();
        conn.execute(
            "UPDATE lists SET archived = ?1, store_id = ?2, version = 1 WHERE id = ?3",
            params![l.archived, store, id],
        )?;
        for item in &l.items {
            let cat = match &item.category {
                Some(c) => Some(cats.id(conn, household, c)?),
                None => None,
            };
            let product = item.product.and_then(|p| product_ids.get(p)).copied();
            conn.execute(
                "INSERT INTO items (list_id, name, quantity, unit, note, category_id, checked, position,
                                    version, created_ms, updated_ms, product_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9, ?10)",
                params![id, item.name, item.quantity, item.unit, item.note, cat, item.checked, item.position, now, product],
            )?;
            items += 1;
        }
    }
    for h in &doc.history {
        // Never past MAX_USES, even on top of a count already there.
        conn.execute(
            "INSERT INTO item_history (household_id, name_key, name, uses, last_used_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (household_id, name_key) DO UPDATE SET
                 uses = CAST(max(0, min(uses + excluded.uses, ?6)) AS INTEGER),
                 last_used_ms = max(last_used_ms, excluded.last_used_ms)",
            params![
                household,
                crate::domain::category::name_key(&h.name),
                h.name,
                h.uses,
                h.last_used_ms,
                MAX_USES
            ],
        )?;
    }
    for c in &doc.corrections {
        let cat = cats.id(conn, household, &c.category)?;
        conn.execute(
            "INSERT INTO category_overrides (household_id, name_key, category_id) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![household, c.name_key, cat],
        )?;
    }
    let templates = import_templates(conn, household, &doc, now, &mut renamed)?;
    let security_log = import_security_log(conn, household, &doc)?;
    Ok(Imported {
        templates,
        lists: doc.lists.len(),
        items,
        stores: doc.stores.len(),
        products: doc.products.len(),
        prices,
        products_kept,
        security_log,
        renamed,
    })
}

/// The exported household's security log, added to this one's marked as imported, by
/// names (its users are not this instance's).
fn import_security_log(conn: &Connection, household: HouseholdId, doc: &Export) -> Result<usize> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO security_log (household_id, username, actor, event, method, address,
                                   success, detail, imported, at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9)",
    )?;
    for e in &doc.security_log {
        stmt.execute(params![
            household, e.username, e.by, e.event, e.method, e.address, e.success, e.detail, e.at_ms
        ])?;
    }
    Ok(doc.security_log.len())
}

fn import_templates(
    conn: &Connection,
    household: HouseholdId,
    doc: &Export,
    now: i64,
    renamed: &mut Vec<Renamed>,
) -> Result<usize> {
    let mut taken: HashSet<String> = conn
        .prepare("SELECT name FROM templates WHERE household_id = ?1")?
        .query_map([household], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in &doc.templates {
        let name = unique_name(&mut taken, &t.name);
        if name != t.name {
            renamed.push(Renamed {
                kind: "template",
                from: t.name.clone(),
                to: name.clone(),
            });
        }
        conn.execute(
            "INSERT INTO templates (household_id, name, created_ms) VALUES (?1, ?2, ?3)",
            params![household, name, now],
        )?;
        let id = conn.last_insert_rowid();
        for (position, i) in t.items.iter().enumerate() {
            conn.execute(
                "INSERT INTO template_items (template_id, position, name, quantity, unit, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, position as i64, i.name, i.quantity, i.unit, i.note],
            )?;
        }
    }
    Ok(doc.templates.len())
}

/// The household's categories by name; the ones it lacks are added at the end of its order.
/// A default category is also found by its key (`Dairy & Eggs`, what the dictionary names
/// for an item a file gives without a category), whatever the household calls it.
struct Categories {
    ids: HashMap<String, CategoryId>,
    next_position: i64,
}

impl Categories {
    fn of(conn: &Connection, household: HouseholdId) -> Result<Categories> {
        let mut ids: HashMap<String, CategoryId> = categories::ordered(conn, household, None)?
            .into_iter()
            .map(|c| (c.name, c.id))
            .collect();
        let builtin: Vec<(String, CategoryId)> = conn
            .prepare(
                "SELECT builtin, id FROM categories WHERE household_id = ?1 AND builtin IS NOT NULL",
            )?
            .query_map([household], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (key, id) in builtin {
            ids.entry(key).or_insert(id);
        }
        Ok(Categories {
            ids,
            next_position: conn.query_row(
                "SELECT coalesce(max(position), -1) + 1 FROM categories WHERE household_id = ?1",
                [household],
                |r| r.get(0),
            )?,
        })
    }

    fn id(&mut self, conn: &Connection, household: HouseholdId, name: &str) -> Result<CategoryId> {
        if let Some(id) = self.ids.get(name) {
            return Ok(*id);
        }
        conn.execute(
            "INSERT INTO categories (household_id, name, position) VALUES (?1, ?2, ?3)",
            params![household, name, self.next_position],
        )?;
        self.next_position += 1;
        let id = CategoryId(conn.last_insert_rowid());
        self.ids.insert(name.to_string(), id);
        Ok(id)
    }
}

/// Always new stores (a name already taken gets a number); by their name in the document.
fn import_stores(
    conn: &Connection,
    household: HouseholdId,
    doc: &Export,
    cats: &mut Categories,
    renamed: &mut Vec<Renamed>,
) -> Result<HashMap<String, StoreId>> {
    let mut taken: HashSet<String> = stores::list(conn, household)?
        .into_iter()
        .map(|s| s.name)
        .collect();
    let mut ids = HashMap::new();
    for s in &doc.stores {
        let name = unique_name(&mut taken, &s.name);
        if name != s.name {
            renamed.push(Renamed {
                kind: "store",
                from: s.name.clone(),
                to: name.clone(),
            });
        }
        let id = stores::create(conn, household, &name)?;
        for (position, cat_name) in s.order.iter().enumerate() {
            let cat = cats.id(conn, household, cat_name)?;
            // An export older than version 3 says nothing of it: every place set by hand.
            let by_hand = s
                .placed_by_hand
                .as_ref()
                .is_none_or(|h| h.contains(cat_name));
            conn.execute(
                "INSERT INTO store_categories (store_id, category_id, position, by_hand)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (store_id, category_id)
                 DO UPDATE SET position = excluded.position, by_hand = excluded.by_hand",
                params![id, cat, position as i64, by_hand],
            )?;
        }
        conn.execute(
            "UPDATE stores SET order_locked = ?1 WHERE id = ?2",
            params![s.locked, id],
        )?;
        ids.insert(s.name.clone(), id);
    }
    Ok(ids)
}

/// A new product, or the household's own one with the same barcode (made a staple if the
/// document's is one; then `true`: kept, not added). The picture is linked when this household already has it; otherwise
/// the product has none until the scheduler's refresh fetches it again.
fn import_product(
    conn: &Connection,
    household: HouseholdId,
    p: &ExProduct,
    now: i64,
) -> Result<(ProductId, bool)> {
    if let Some(code) = &p.barcode
        && let Some(existing) = products::by_barcode(conn, household, code)?
    {
        if p.staple {
            products::set_saved(conn, household, existing.id, true)?;
        }
        return Ok((existing.id, true));
    }
    let image: Option<i64> = match &p.picture {
        Some(pic) => conn
            .query_row(
                "SELECT i.id FROM images i WHERE i.sha256 = ?1 AND i.content_type = ?2
                 AND EXISTS (SELECT 1 FROM products p WHERE p.image_id = i.id AND p.household_id = ?3)",
                params![pic.sha256, pic.content_type, household],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    conn.execute(
        "INSERT INTO products (household_id, barcode, name, brand, quantity_label, image_id, source,
                               saved, created_ms, updated_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            household,
            p.barcode,
            p.name,
            p.brand,
            p.quantity_label,
            image,
            p.source,
            p.staple,
            now
        ],
    )?;
    Ok((ProductId(conn.last_insert_rowid()), false))
}

/// The product's prices; an Open Prices report the product has already is skipped.
fn import_prices(
    conn: &Connection,
    household: HouseholdId,
    product: ProductId,
    p: &ExProduct,
    stores: &HashMap<String, StoreId>,
    now: i64,
) -> Result<usize> {
    let mut added = 0;
    for price in &p.prices {
        let store = price.store.as_ref().and_then(|s| stores.get(s)).copied();
        added += conn.execute(
            "INSERT INTO prices (household_id, product_id, store_id, place, amount_minor, currency,
                                 pack_size, observed_on, source, external_id, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (product_id, source, external_id) DO NOTHING",
            params![
                household,
                product,
                store,
                price.place,
                price.amount_minor,
                price.currency,
                price.pack_size,
                price.observed_on,
                price.source,
                price.external_id,
                now
            ],
        )?;
    }
    Ok(added)
}
