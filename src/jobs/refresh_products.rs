//! The `refresh_products` job: refreshes product data and prices linked to open lists and
//! saved products. Product lookups are not built yet, so there is nothing to refresh; the
//! job reports exactly that rather than pretending.

use rusqlite::Connection;

use crate::error::Result;

pub fn run(conn: &Connection) -> Result<String> {
    let has_products: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'products'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)?;
    Ok(if has_products {
        "0 products refreshed".to_string()
    } else {
        "nothing to refresh: product lookups are not enabled in this version".to_string()
    })
}
