//! Finding a product by barcode: the household's catalogue, then the cache, then Open Food
//! Facts; and enriching a product with its picture and Open Prices reports.

use std::sync::Arc;

use crate::db::lookup_cache as cache;
use crate::db::{self, Db, prices, products};
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ProductId};
use crate::lookup::Lookups;
use crate::lookup::providers::OffProduct;

const OFF: &str = "off";

fn unknown(code: &str) -> Error {
    Error::Missing(format!(
        "no product with barcode {code} is known: it is not in your catalogue and Open Food Facts does not have it; you can add it by hand"
    ))
}

/// What the catalogue and the lookup cache know of a barcode.
enum Cached {
    /// The household's own product.
    Mine(products::Product),
    /// Another household looked it up: the provider's answer, cached.
    Known(OffProduct),
    /// The provider said it does not know the code (cached).
    Unknown,
    /// Never looked up (or the cached answer expired).
    Missing,
}

/// The household's product for `code`, looking it up online when needed. A provider that
/// is down, slow or broken answers 502/503/504 within the lookup budget.
pub async fn find_by_barcode(
    db: &Db,
    lookups: &Arc<Lookups>,
    household: HouseholdId,
    code: &str,
) -> Result<products::Product> {
    let key = code.to_string();
    let cached = db
        .read(move |c| {
            if let Some(p) = products::by_barcode(c, household, &key)? {
                return Ok(Cached::Mine(p));
            }
            Ok(match cache::get(c, OFF, &key, db::now_ms())? {
                Some(Some(body)) => Cached::Known(
                    serde_json::from_str(&body)
                        .map_err(|e| Error::Internal(format!("cached product: {e}")))?,
                ),
                Some(None) => Cached::Unknown,
                None => Cached::Missing,
            })
        })
        .await?;
    match cached {
        Cached::Mine(p) => return Ok(p),
        Cached::Known(off) => {
            // New to this household (another one looked it up): its picture and prices
            // are fetched for it as after an online lookup.
            let copy = off.clone();
            let p = db
                .write(move |tx| {
                    let id = products::upsert_from_off(tx, household, &copy.info(), db::now_ms())?;
                    products::get(tx, household, id)
                })
                .await?;
            enrich_later(db, lookups, household, p.id, off);
            return Ok(p);
        }
        Cached::Unknown => return Err(unknown(code)),
        Cached::Missing => {}
    }
    if !lookups.enabled {
        return Err(Error::Missing(format!(
            "barcode {code} is not in your catalogue, and online lookups are turned off on this server"
        )));
    }
    let key = code.to_string();
    let fetched = lookups.run(move |l| Ok(l.off_product(&key))).await?;
    let key = code.to_string();
    match fetched {
        Err(e) => {
            db.write(move |tx| cache::failed(tx, OFF, &key, db::now_ms()))
                .await?;
            Err(e.into())
        }
        Ok(None) => {
            db.write(move |tx| cache::put(tx, OFF, &key, None, db::now_ms()))
                .await?;
            Err(unknown(code))
        }
        Ok(Some(off)) => {
            let body = serde_json::to_string(&off).map_err(|e| Error::Internal(e.to_string()))?;
            let off2 = off.clone();
            let product = db
                .write(move |tx| {
                    cache::put(tx, OFF, &key, Some(&body), db::now_ms())?;
                    let id = products::upsert_from_off(tx, household, &off2.info(), db::now_ms())?;
                    products::get(tx, household, id)
                })
                .await?;
            enrich_later(db, lookups, household, product.id, off);
            Ok(product)
        }
    }
}

/// The picture and prices come in the background: the phone gets its answer now.
fn enrich_later(
    db: &Db,
    lookups: &Arc<Lookups>,
    household: HouseholdId,
    id: ProductId,
    off: OffProduct,
) {
    if !lookups.enabled {
        return;
    }
    let (db, lookups) = (db.clone(), Arc::clone(lookups));
    tokio::spawn(async move { enrich(&db, &lookups, household, id, off).await });
}

/// Fetches the picture (if the product has none) and imports Open Prices reports.
/// Returns whether everything that was tried worked.
pub async fn enrich(
    db: &Db,
    lookups: &Arc<Lookups>,
    household: HouseholdId,
    product: ProductId,
    off: OffProduct,
) -> bool {
    let mut ok = true;
    let has_image = db
        .read(move |c| Ok(products::get(c, household, product)?.image_id.is_some()))
        .await
        .unwrap_or(false);
    if !has_image && let Some(url) = off.image_url.clone() {
        match lookups.run(move |l| Ok(l.image(&url)?)).await {
            Ok((data, ct)) => {
                ok &= db
                    .write(move |tx| products::set_image(tx, product, &data, &ct, db::now_ms()))
                    .await
                    .is_ok();
            }
            Err(e) => {
                tracing::info!(product = %off.code, "no picture: {e}");
                ok = false;
            }
        }
    }
    let code = off.code.clone();
    match lookups.run(move |l| Ok(l.open_prices(&code)?)).await {
        Ok(reported) => {
            ok &= db
                .write(move |tx| {
                    let currency = prices::household_currency(tx, household)?;
                    let kept: Vec<_> = reported
                        .iter()
                        .filter_map(|p| p.report(&currency))
                        .collect();
                    prices::import_open_prices(tx, household, product, &kept, db::now_ms())
                })
                .await
                .is_ok();
        }
        Err(e) => {
            tracing::info!(product = %off.code, "no prices: {e}");
            ok = false;
        }
    }
    ok
}
