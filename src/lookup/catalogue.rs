//! Finding a product by barcode: the household's catalogue, then the cache, then Open Food
//! Facts; and enriching a product with its picture and Open Prices reports.

use std::sync::Arc;

use crate::db::lookup_cache as cache;
use crate::db::{self, Db, prices, products};
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ProductId};
use crate::lookup::providers::OffProduct;
use crate::lookup::{LookupError, Lookups};

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
        // New to this household (another one looked it up): its picture and prices are
        // fetched for it as after an online lookup.
        Cached::Known(off) => return adopt(db, lookups, household, off).await,
        Cached::Unknown => return Err(unknown(code)),
        Cached::Missing => {}
    }
    if !lookups.enabled {
        return Err(Error::Missing(format!(
            "barcode {code} is not in your catalogue, and online lookups are turned off on this server"
        )));
    }
    match look_up(db, lookups, code).await? {
        Err(e) => Err(e.into()),
        Ok(None) => Err(unknown(code)),
        Ok(Some(off)) => adopt(db, lookups, household, off).await,
    }
}

/// Asks Open Food Facts about `code` and remembers the answer in the cache: the product,
/// that it has none, or that the lookup failed (for the scheduler to retry later).
pub async fn look_up(
    db: &Db,
    lookups: &Arc<Lookups>,
    code: &str,
) -> Result<Result<Option<OffProduct>, LookupError>> {
    let key = code.to_string();
    let fetched = lookups.run(move |l| Ok(l.off_product(&key))).await?;
    let body = match &fetched {
        Ok(found) => Some(
            found
                .as_ref()
                .map(serde_json::to_string)
                .transpose()
                .map_err(|e| Error::Internal(e.to_string()))?,
        ),
        Err(_) => None,
    };
    let key = code.to_string();
    db.write(move |tx| match body {
        Some(body) => cache::put(tx, OFF, &key, body.as_deref(), db::now_ms()),
        None => cache::failed(tx, OFF, &key, db::now_ms()),
    })
    .await?;
    Ok(fetched)
}

/// Adds the provider's product to the household's catalogue (or refreshes it there).
async fn adopt(
    db: &Db,
    lookups: &Arc<Lookups>,
    household: HouseholdId,
    off: OffProduct,
) -> Result<products::Product> {
    let info = off.info();
    let product = db
        .write(move |tx| {
            let id = products::upsert_from_off(tx, household, &info, db::now_ms())?;
            products::get(tx, household, id)
        })
        .await?;
    enrich_later(db, lookups, household, product.id, off);
    Ok(product)
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
