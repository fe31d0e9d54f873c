//! Prices of a household's products: typed by hand or reported by Open Prices, the
//! household's currency, and a list's estimated total (its rule is `domain::price`).

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::{Connection, params};

use crate::db::items::{self, Item};
use crate::db::{products, stores};
use crate::domain::price::{ReportedPrice, Total, ValidPrice};
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ListId, ProductId, StoreId};

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Price {
    /// The store's name, or the place Open Prices reported.
    pub store: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub pack_size: Option<String>,
    pub observed_on: String,
    pub source: String,
}

/// Records a price typed by a person for one of the household's products, seen at `store`.
pub fn add(
    conn: &Connection,
    household: HouseholdId,
    product: ProductId,
    store: Option<StoreId>,
    p: &ValidPrice,
    now: i64,
) -> Result<()> {
    products::get(conn, household, product)?;
    if let Some(store) = store {
        stores::get(conn, household, store)
            .map_err(|_| Error::invalid("that store does not exist"))?;
    }
    conn.execute(
        "INSERT INTO prices (household_id, product_id, store_id, place, amount_minor, currency, pack_size,
                             observed_on, source, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'manual', ?9)",
        params![household, product, store, p.place, p.amount_minor, p.currency, p.pack_size, p.date, now],
    )?;
    Ok(())
}

/// Adds Open Prices reports (each kept once, by its id); returns how many were new.
pub fn import_open_prices(
    conn: &Connection,
    household: HouseholdId,
    product: ProductId,
    reports: &[ReportedPrice],
    now: i64,
) -> Result<usize> {
    let mut added = 0;
    for p in reports {
        added += conn.execute(
            "INSERT INTO prices (household_id, product_id, place, amount_minor, currency, observed_on, source,
                                 external_id, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open_prices', ?7, ?8)
             ON CONFLICT (product_id, source, external_id) DO NOTHING",
            params![
                household,
                product,
                p.place,
                p.amount_minor,
                p.currency,
                p.observed_on,
                p.external_id,
                now
            ],
        )?;
    }
    Ok(added)
}

/// A product's prices, newest first.
pub fn for_product(
    conn: &Connection,
    household: HouseholdId,
    product: ProductId,
) -> Result<Vec<Price>> {
    Ok(conn.prepare_cached(
        "SELECT coalesce(s.name, pr.place), pr.amount_minor, pr.currency, pr.pack_size, pr.observed_on, pr.source
         FROM prices pr LEFT JOIN stores s ON s.id = pr.store_id
         WHERE pr.product_id = ?1 AND pr.household_id = ?2 ORDER BY pr.observed_on DESC, pr.id DESC LIMIT 500",
    )?
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
        .collect::<rusqlite::Result<_>>()?)
}

/// The newest price per store (or place).
pub fn latest_by_store(all: &[Price]) -> Vec<Price> {
    let mut seen = HashSet::new();
    all.iter()
        .filter(|p| seen.insert(p.store.clone()))
        .cloned()
        .collect()
}

/// The currency the household's totals and imported prices are in.
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

/// The estimated total of a list: the price each live item's product counts at (at the
/// list's store when known, otherwise anywhere), counted by [`Total::count`].
pub fn list_total(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    store: Option<StoreId>,
) -> Result<Total> {
    let items = items::for_list(conn, household, list)?;
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
    let linked: BTreeSet<ProductId> = items.iter().filter_map(|i| i.product_id).collect();
    let mut prices = HashMap::with_capacity(linked.len());
    if !linked.is_empty() {
        let ids = serde_json::to_string(&linked)
            .map_err(|e| Error::Internal(format!("product ids: {e}")))?;
        let mut stmt = conn.prepare_cached(PREFERRED_PRICES_SQL)?;
        let mut rows = stmt.query(params![ids, store, currency])?;
        while let Some(row) = rows.next()? {
            if let Some(price) = row.get::<_, Option<i64>>(1)? {
                prices.insert(ProductId(row.get(0)?), price);
            }
        }
    }
    let mut total = Total::new(currency);
    for item in items {
        let price = item.product_id.and_then(|p| prices.get(&p)).copied();
        total.count(price, item.quantity, item.unit.is_some());
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::households;
    use crate::db::products::create_manual;
    use crate::domain::item::from_text;

    /// A price typed by hand, at `store` (or nowhere in particular).
    fn typed(amount_minor: i64, currency: &str, date: &str) -> ValidPrice {
        ValidPrice {
            amount_minor,
            currency: currency.into(),
            place: None,
            pack_size: None,
            date: date.into(),
        }
    }

    /// Links the items called `name` to `product`.
    fn link(conn: &Connection, name: &str, product: ProductId) {
        conn.execute(
            "UPDATE items SET product_id = ?1 WHERE name = ?2",
            params![product, name],
        )
        .unwrap();
    }

    #[test]
    fn the_total_prefers_the_store_then_the_newest_price_and_counts_pieces() {
        let (conn, h, l) = crate::db::test_list();
        let shop = stores::create(&conn, h, "Corner shop").unwrap();
        let eggs = create_manual(&conn, h, "eggs", None, None, 0).unwrap();
        let flour = create_manual(&conn, h, "flour", None, None, 0).unwrap();
        items::add(
            &conn,
            h,
            l,
            &from_text("3 eggs, 1 kg flour, salt").unwrap(),
            crate::db::activity::Stamp::system(0),
        )
        .unwrap();
        link(&conn, "eggs", eggs);
        link(&conn, "flour", flour);
        let price = |product, store, amount_minor, observed_on| {
            add(
                &conn,
                h,
                product,
                store,
                &typed(amount_minor, "EUR", observed_on),
                0,
            )
            .unwrap();
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
        let usd = typed(1, "USD", "2026-12-01");
        add(&conn, h, flour, Some(shop), &usd, 0).unwrap();
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
    fn reported_prices_are_kept_once() {
        let (conn, h) = crate::db::test_household();
        let milk = create_manual(&conn, h, "milk", None, None, 0).unwrap();
        let report = |id: &str, amount_minor| ReportedPrice {
            external_id: id.into(),
            place: Some("Market".into()),
            amount_minor,
            currency: "EUR".into(),
            observed_on: "2026-01-10".into(),
        };
        let reports = [report("1", 129), report("2", 135)];
        assert_eq!(import_open_prices(&conn, h, milk, &reports, 0).unwrap(), 2);
        assert_eq!(import_open_prices(&conn, h, milk, &reports, 1).unwrap(), 0);
        let kept = for_product(&conn, h, milk).unwrap();
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].store.as_deref(), Some("Market"));
        assert_eq!(kept[0].source, "open_prices");
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
    fn a_total_counts_the_newest_price_and_only_the_households_products() {
        let (conn, h, l) = crate::db::test_list();
        let o = households::create(&conn, "O", 0).unwrap();
        let milk = create_manual(&conn, h, "Whole milk", None, None, 0).unwrap();
        items::add(
            &conn,
            h,
            l,
            &from_text("2 whole milk, bread").unwrap(),
            crate::db::activity::Stamp::system(0),
        )
        .unwrap();
        link(&conn, "whole milk", milk);
        let none = list_total(&conn, h, l, None).unwrap();
        assert_eq!((none.amount_minor, none.priced, none.unpriced), (0, 0, 2));
        add(&conn, h, milk, None, &typed(129, "EUR", "2026-01-01"), 0).unwrap();
        let newer = typed(139, "EUR", "2026-02-01");
        add(&conn, h, milk, None, &newer, 0).unwrap();
        let t = list_total(&conn, h, l, None).unwrap();
        assert_eq!(
            (t.amount_minor, t.priced, t.unpriced, t.currency.as_str()),
            (278, 1, 1, "EUR")
        );
        assert!(
            add(&conn, o, milk, None, &newer, 0).is_err(),
            "another household cannot price it"
        );
    }
}
