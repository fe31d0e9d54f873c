//! Embedded, numbered migrations tracked by `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

/// The migrations, in order. Step N brings the schema to version N.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("migrations/0001_init.sql")),
    ("0002_sync", include_str!("migrations/0002_sync.sql")),
    ("0003_jobs", include_str!("migrations/0003_jobs.sql")),
    (
        "0004_products",
        include_str!("migrations/0004_products.sql"),
    ),
    (
        "0005_page_indexes",
        include_str!("migrations/0005_page_indexes.sql"),
    ),
    (
        "0006_list_order",
        include_str!("migrations/0006_list_order.sql"),
    ),
    (
        "0007_price_lookup",
        include_str!("migrations/0007_price_lookup.sql"),
    ),
    (
        "0009_bounded_positions",
        include_str!("migrations/0009_bounded_positions.sql"),
    ),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(
        "the database has schema version {found}, newer than this aisle understands ({supported}); \
         run a newer aisle or restore a backup made by this version"
    )]
    TooNew { found: i64, supported: i64 },
    #[error("migration {name} failed: {source}")]
    Step {
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Applies every pending migration, each in its own transaction. Returns the version
/// found before migrating.
pub fn migrate(conn: &mut Connection) -> Result<i64, MigrateError> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(MigrateError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let target = index as i64 + 1;
        let step = |conn: &mut Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", target)?;
            tx.commit()
        };
        step(conn).map_err(|source| MigrateError::Step { name, source })?;
        tracing::info!(migration = name, "applied database migration");
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_database_migrates_and_reopens() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 0);
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        assert_eq!(migrate(&mut conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(matches!(err, MigrateError::TooNew { .. }));
        assert!(err.to_string().contains("newer than this aisle"));
    }
}
