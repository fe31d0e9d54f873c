//! The `refresh_products` job: refreshes products (and their prices) linked to open lists
//! and saved products, oldest first, spread out by the providers' rate limits; and retries
//! lookups that failed earlier once their pause is over.

use rusqlite::params;

use crate::db::{self, Db, products};
use crate::error::Result;
use crate::ids::{HouseholdId, ProductId};
use crate::lookup::{Lookups, cache, catalogue};

/// A product is refreshed at most once a day.
const STALE_MS: i64 = 24 * 3600 * 1000;
/// Most products one run refreshes (at 100 reads a minute this is a few minutes).
const MAX_PER_RUN: usize = 200;

pub fn run(db: &Db, lookups: &Lookups, now: i64) -> Result<String> {
    if !lookups.enabled {
        return Ok("online lookups are turned off; nothing refreshed".into());
    }
    let due: Vec<(HouseholdId, ProductId, String)> = {
        let conn = db.conn()?;
        let mut stmt = conn.prepare(
            "SELECT p.household_id, p.id, p.barcode FROM products p
             WHERE p.barcode IS NOT NULL AND coalesce(p.refreshed_ms, 0) < ?1
               AND (p.saved = 1 OR EXISTS (
                    SELECT 1 FROM items i JOIN lists l ON l.id = i.list_id
                    WHERE i.product_id = p.id AND i.deleted = 0 AND l.archived = 0))
             ORDER BY coalesce(p.refreshed_ms, 0) LIMIT ?2",
        )?;
        stmt.query_map(params![now - STALE_MS, MAX_PER_RUN as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    let (mut refreshed, mut failed) = (0, 0);
    for (household, id, code) in &due {
        match lookups.off_product(code) {
            Ok(Some(off)) => {
                let mut conn = db.conn()?;
                let body = serde_json::to_string(&off).unwrap_or_default();
                cache::put(&conn, "off", code, Some(&body), db::now_ms())?;
                db::write(&mut conn, |tx| {
                    products::upsert_from_off(tx, *household, &off, db::now_ms())
                })?;
                drop(conn);
                if catalogue::enrich(db, lookups, *household, *id, &off) {
                    refreshed += 1;
                } else {
                    failed += 1;
                }
            }
            Ok(None) => {
                // Gone from Open Food Facts: keep ours, look again tomorrow.
                let conn = db.conn()?;
                conn.execute(
                    "UPDATE products SET refreshed_ms = ?1 WHERE id = ?2",
                    params![db::now_ms(), id],
                )?;
                refreshed += 1;
            }
            Err(e) => {
                tracing::info!(barcode = %code, "refresh failed: {e}");
                let conn = db.conn()?;
                cache::failed(&conn, "off", code, db::now_ms())?;
                failed += 1;
            }
        }
    }
    // Lookups that failed while someone scanned: warm the cache so the next scan is instant.
    let retries = cache::due_retries(&*db.conn()?, "off", now, 50)?;
    let (mut retried, mut retry_failed) = (0, 0);
    for code in &retries {
        match lookups.off_product(code) {
            Ok(found) => {
                let body = found.map(|p| serde_json::to_string(&p).unwrap_or_default());
                let conn = db.conn()?;
                cache::put(&conn, "off", code, body.as_deref(), db::now_ms())?;
                retried += 1;
            }
            Err(_) => {
                let conn = db.conn()?;
                cache::failed(&conn, "off", code, db::now_ms())?;
                retry_failed += 1;
            }
        }
    }
    let message = format!(
        "{refreshed} product(s) refreshed, {failed} failed; {retried} earlier failed lookup(s) retried, {retry_failed} failed again"
    );
    if failed > 0 && refreshed == 0 && !due.is_empty() {
        return Err(crate::error::Error::BadGateway(message));
    }
    Ok(message)
}
