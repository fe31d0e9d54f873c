//! Whether a database file has the whole schema its version promises: every table, index,
//! trigger and view the migrations make, as they make them, and nothing else. The
//! expected schema comes from the migrations themselves (an in-memory database migrated to
//! the same version), so it follows every migration added later. SQL is compared with its
//! whitespace collapsed: a released migration's text must never change. The shadow tables
//! SQLite itself makes for a virtual table (FTS5's `products_fts_data`, `_idx`, `_docsize`,
//! `_config`) are compared by their columns only: their SQL is SQLite's, not aisle's, and
//! may be worded differently by another SQLite version.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::db::migrate::{self, MigrateError};

/// `(type, name)` → the object's SQL with its whitespace collapsed.
type Objects = BTreeMap<(String, String), Option<String>>;

/// The schema objects of `conn`, leaving out SQLite's own (`sqlite_…`: automatic indexes,
/// statistics), which follow from the rest. A shadow table stands for its column names.
fn objects(conn: &Connection) -> rusqlite::Result<Objects> {
    let shadows: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| {
        let sql: Option<String> = r.get(2)?;
        Ok((
            (r.get(0)?, r.get(1)?),
            sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
        ))
    })?;
    let mut found: Objects = rows.collect::<rusqlite::Result<_>>()?;
    for name in shadows {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_xinfo(?1) ORDER BY cid")?
            .query_map([&name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(sql) = found.get_mut(&("table".to_string(), name)) {
            *sql = Some(format!("shadow table ({})", columns.join(", ")));
        }
    }
    Ok(found)
}

/// The kinds of schema object, in the order problems are told.
const KINDS: &[(&str, &str)] = &[
    ("table", "tables"),
    ("index", "indexes"),
    ("trigger", "triggers"),
    ("view", "views"),
];

/// Most names listed in one sentence.
const SHOWN_NAMES: usize = 10;

/// `table `a`` or `tables `a`, `b` and 3 more`.
fn naming(kind: (&str, &str), names: &[&str]) -> String {
    let listed: Vec<String> = names
        .iter()
        .take(SHOWN_NAMES)
        .map(|n| format!("`{n}`"))
        .collect();
    let more = match names.len().saturating_sub(SHOWN_NAMES) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let word = if names.len() == 1 { kind.0 } else { kind.1 };
    format!("{word} {}{more}", listed.join(", "))
}

/// What is wrong with the schema of `conn` for a database of `version`, one plain sentence
/// per kind of problem, tables first (empty when nothing is).
pub fn differences(conn: &Connection, version: i64) -> Result<Vec<String>, MigrateError> {
    let expected = objects(&migrate::in_memory_at(version)?)?;
    let found = objects(conn)?;
    let mut kinds: Vec<(&str, &str)> = KINDS.to_vec();
    for (k, _) in found.keys() {
        if !kinds.iter().any(|(one, _)| one == k) {
            kinds.push((k, k));
        }
    }
    let mut problems = Vec::new();
    for kind in kinds {
        let of_kind = |m: &Objects| -> BTreeMap<String, Option<String>> {
            m.iter()
                .filter(|((k, _), _)| k == kind.0)
                .map(|((_, n), sql)| (n.clone(), sql.clone()))
                .collect()
        };
        let (want, have) = (of_kind(&expected), of_kind(&found));
        let missing: Vec<&str> = want
            .keys()
            .filter(|n| !have.contains_key(*n))
            .map(String::as_str)
            .collect();
        let changed: Vec<&str> = want
            .iter()
            .filter(|(n, sql)| have.get(*n).is_some_and(|s| s != *sql))
            .map(|(n, _)| n.as_str())
            .collect();
        let extra: Vec<&str> = have
            .keys()
            .filter(|n| !want.contains_key(*n))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            problems.push(format!("it lacks the {}", naming(kind, &missing)));
        }
        if !changed.is_empty() {
            let (are, them) = if changed.len() == 1 {
                ("is", "it")
            } else {
                ("are", "them")
            };
            let named = naming(kind, &changed);
            problems.push(format!("its {named} {are} not as aisle makes {them}"));
        }
        if !extra.is_empty() {
            let a = if extra.len() == 1 { "a " } else { "" };
            let named = naming(kind, &extra);
            problems.push(format!("it has {a}{named} that aisle does not make"));
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::migrate::SCHEMA_VERSION;

    #[test]
    fn a_migrated_database_has_the_whole_schema() {
        for version in 1..=SCHEMA_VERSION {
            let conn = migrate::in_memory_at(version).unwrap();
            assert!(differences(&conn, version).unwrap().is_empty());
        }
        // A database migrated in steps (as an upgrade does) is the same.
        let mut conn = migrate::in_memory_at(2).unwrap();
        migrate::migrate(&mut conn).unwrap();
        assert_eq!(
            differences(&conn, SCHEMA_VERSION).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn missing_changed_and_extra_objects_are_named() {
        let conn = migrate::in_memory_at(SCHEMA_VERSION).unwrap();
        conn.execute_batch(
            "DROP INDEX items_list_version;
             DROP TRIGGER products_au;
             CREATE TABLE extra (x);
             ALTER TABLE lists ADD COLUMN colour TEXT;",
        )
        .unwrap();
        let problems = differences(&conn, SCHEMA_VERSION).unwrap();
        assert_eq!(
            problems,
            [
                "its table `lists` is not as aisle makes it",
                "it has a table `extra` that aisle does not make",
                "it lacks the index `items_list_version`",
                "it lacks the trigger `products_au`",
            ]
        );
        let thin = Connection::open_in_memory().unwrap();
        thin.execute_batch("CREATE TABLE lists (id INTEGER PRIMARY KEY)")
            .unwrap();
        let problems = differences(&thin, SCHEMA_VERSION).unwrap();
        assert!(
            problems[0].starts_with("it lacks the tables `activity`, `api_tokens`, `applied_ops`"),
            "{problems:?}"
        );
        assert!(problems[0].ends_with(" more"), "{problems:?}");
        assert_eq!(problems[1], "its table `lists` is not as aisle makes it");
        // The same file is a database of an older version only if it matches that one.
        assert!(!differences(&conn, 1).unwrap().is_empty());
    }

    /// Rewrites the stored SQL of `name` (as another SQLite version might word it) and
    /// makes the connection read its schema again.
    fn reword(conn: &Connection, name: &str, sql: &str) {
        let version: i64 = conn
            .query_row("PRAGMA schema_version", [], |r| r.get(0))
            .unwrap();
        conn.execute_batch("PRAGMA writable_schema = ON").unwrap();
        conn.execute(
            "UPDATE sqlite_schema SET sql = ?1 WHERE name = ?2",
            [sql, name],
        )
        .unwrap();
        conn.execute_batch(&format!(
            "PRAGMA writable_schema = OFF; PRAGMA schema_version = {};",
            version + 1
        ))
        .unwrap();
    }

    #[test]
    fn sqlites_own_shadow_tables_are_compared_by_their_columns() {
        let conn = migrate::in_memory_at(SCHEMA_VERSION).unwrap();
        let shadows: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_list WHERE type = 'shadow' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            shadows,
            [
                "products_fts_config",
                "products_fts_data",
                "products_fts_docsize",
                "products_fts_idx"
            ]
        );
        // Worded otherwise, same columns: as aisle makes it.
        reword(
            &conn,
            "products_fts_config",
            "CREATE TABLE \"products_fts_config\" ( k PRIMARY KEY, v ) WITHOUT ROWID",
        );
        reword(
            &conn,
            "products_fts_data",
            "CREATE TABLE products_fts_data(id INTEGER PRIMARY KEY, block BLOB NOT NULL)",
        );
        assert_eq!(
            differences(&conn, SCHEMA_VERSION).unwrap(),
            Vec::<String>::new()
        );
        // Other columns are still found out, and so is aisle's own SQL worded otherwise.
        reword(
            &conn,
            "products_fts_docsize",
            "CREATE TABLE 'products_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB, extra)",
        );
        let lists: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'lists'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        reword(
            &conn,
            "lists",
            &lists.replacen("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1),
        );
        assert_eq!(
            differences(&conn, SCHEMA_VERSION).unwrap(),
            ["its tables `lists`, `products_fts_docsize` are not as aisle makes them"]
        );
    }
}
