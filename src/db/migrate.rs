//! Embedded, numbered migrations tracked by `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

/// `(name, SQL)` of each step, from `migrations/NAME.sql`.
macro_rules! steps {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("migrations/", $name, ".sql")))),*]
    };
}

/// The migrations, in order. Step N brings the schema to version N.
const MIGRATIONS: &[(&str, &str)] = steps![
    "0001_init",
    "0002_sync",
    "0003_jobs",
    "0004_products",
    "0005_page_indexes",
    "0006_list_order",
    "0007_price_lookup",
    "0008_instance_admin",
    "0009_bounded_positions",
    "0010_activity",
    "0011_languages",
    "0012_security_log",
    "0013_second_factor",
    "0014_single_sign_on",
    "0015_store_walks",
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
    apply(conn, SCHEMA_VERSION, true)
}

/// A new in-memory database with the migrations up to `version` applied: the schema every
/// database of that version has (`version` at most [`SCHEMA_VERSION`]).
pub fn in_memory_at(version: i64) -> Result<Connection, MigrateError> {
    if version > SCHEMA_VERSION {
        return Err(MigrateError::TooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let mut conn = Connection::open_in_memory()?;
    apply(&mut conn, version, false)?;
    Ok(conn)
}

/// Applies the migrations after the database's version up to `target`.
fn apply(conn: &mut Connection, target: i64, log: bool) -> Result<i64, MigrateError> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(MigrateError::TooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    let steps = MIGRATIONS
        .iter()
        .enumerate()
        .take(target.max(0) as usize)
        .skip(found as usize);
    for (index, (name, sql)) in steps {
        let target = index as i64 + 1;
        let step = |conn: &mut Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", target)?;
            tx.commit()
        };
        step(conn).map_err(|source| MigrateError::Step { name, source })?;
        if log {
            tracing::info!(migration = name, "applied database migration");
            if *name == "0008_instance_admin" {
                announce_instance_admins(conn)?;
            }
        }
    }
    Ok(found)
}

/// After 0008: says who now holds instance administration (the admins of the lowest-id
/// household, as the old rule had it), for the operator to check: if the household that
/// set up the server was deleted before the upgrade, that is another household's admin.
fn announce_instance_admins(conn: &Connection) -> rusqlite::Result<()> {
    let accounts: i64 = conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
    if accounts == 0 {
        return Ok(()); // a new database: setup makes the first instance admin
    }
    let holders: Vec<String> = conn
        .prepare(
            "SELECT u.username || ' (' || h.name || ')' FROM users u
             JOIN households h ON h.id = u.household_id
             WHERE u.instance_admin = 1 ORDER BY u.username_key",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if holders.is_empty() {
        tracing::warn!(
            "instance administration (the Admin page: jobs and every household's backups) is \
             now a stored role, and no account holds it; create one with \
             `aisle user add --instance-admin`"
        );
    } else {
        tracing::warn!(
            holders = %holders.join(", "),
            "instance administration (the Admin page: jobs and every household's backups) is \
             now a stored role, given to the admins of the oldest household; check that these \
             are the right people on the Admin page, and revoke it from anyone else"
        );
    }
    Ok(())
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
    fn a_database_can_be_made_at_any_version() {
        for version in 0..=SCHEMA_VERSION {
            let conn = in_memory_at(version).unwrap();
            assert_eq!(schema_version(&conn).unwrap(), version);
        }
        let tables = |v| -> i64 {
            in_memory_at(v)
                .unwrap()
                .query_row(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'products'",
                    [],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!((tables(3), tables(4)), (0, 1));
        assert!(in_memory_at(SCHEMA_VERSION + 1).is_err());
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

    #[test]
    fn upgrade_keeps_the_instance_admins_of_the_old_rule() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        // A database of version 7: the first household's admins were the instance admins.
        for (name, sql) in &MIGRATIONS[..7] {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        conn.execute_batch(
            "PRAGMA user_version = 7;
             INSERT INTO households (id, name, name_key, created_ms) VALUES
                 (3, 'Joneses', 'joneses', 1), (2, 'Smiths', 'smiths', 1);
             INSERT INTO users (household_id, username, username_key, password_hash, role, created_ms)
             VALUES (2, 'anna', 'anna', 'h', 'admin', 1), (2, 'ben', 'ben', 'h', 'member', 1),
                    (2, 'cat', 'cat', 'h', 'admin', 1), (3, 'joe', 'joe', 'h', 'admin', 1);",
        )
        .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 7);
        let mut stmt = conn
            .prepare("SELECT username FROM users WHERE instance_admin = 1 ORDER BY username")
            .unwrap();
        let granted: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(granted, ["anna", "cat"]);
    }
}
