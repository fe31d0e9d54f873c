//! The `refresh_products` job: refreshes products (and their prices) linked to open lists
//! and saved products, oldest first, spread out by the providers' rate limits; and retries
//! lookups that failed earlier once their pause is over.

use std::sync::Arc;

use crate::db::lookup_cache as cache;
use crate::db::{self, Db, products};
use crate::error::Result;
use crate::lookup::{Lookups, catalogue};

/// A product is refreshed at most once a day.
const STALE_MS: i64 = 24 * 3600 * 1000;
/// Most products one run refreshes (at 100 reads a minute this is a few minutes).
const MAX_PER_RUN: usize = 200;

pub async fn run(db: &Db, lookups: &Arc<Lookups>, now: i64) -> Result<String> {
    if !lookups.enabled {
        return Ok("online lookups are turned off; nothing refreshed".into());
    }
    let due = db
        .read(move |c| products::due_for_refresh(c, now - STALE_MS, MAX_PER_RUN))
        .await?;
    let (mut refreshed, mut failed) = (0, 0);
    for (household, id, code) in &due {
        let (household, id) = (*household, *id);
        match catalogue::look_up(db, lookups, code).await? {
            Ok(Some(off)) => {
                let info = off.info();
                db.write(move |tx| products::upsert_from_off(tx, household, &info, db::now_ms()))
                    .await?;
                if catalogue::enrich(db, lookups, household, id, off).await {
                    refreshed += 1;
                } else {
                    failed += 1;
                }
            }
            Ok(None) => {
                // Gone from Open Food Facts: keep ours, look again tomorrow.
                db.write(move |tx| products::mark_refreshed(tx, id, db::now_ms()))
                    .await?;
                refreshed += 1;
            }
            Err(e) => {
                tracing::info!(barcode = %code, "refresh failed: {e}");
                failed += 1;
            }
        }
    }
    // Lookups that failed while someone scanned: warm the cache so the next scan is instant.
    let retries = db
        .read(move |c| cache::due_retries(c, "off", now, 50))
        .await?;
    let (mut retried, mut retry_failed) = (0, 0);
    for code in retries {
        match catalogue::look_up(db, lookups, &code).await? {
            Ok(_) => retried += 1,
            Err(_) => retry_failed += 1,
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
