//! Provider answers cached in SQLite: found and not-found both, with a TTL. Failures are
//! remembered with a growing pause, for the scheduler to retry later (never in a loop).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

pub const FOUND_TTL_MS: i64 = 7 * 24 * 3600 * 1000;
pub const NOT_FOUND_TTL_MS: i64 = 24 * 3600 * 1000;
/// Retry pauses after failures: 10 min, 20, 40, … up to a day.
const FIRST_RETRY_MS: i64 = 10 * 60 * 1000;
const MAX_RETRY_MS: i64 = 24 * 3600 * 1000;

/// A fresh cached answer: `Some(body)` when found, `None` when the provider had nothing.
pub fn get(
    conn: &Connection,
    provider: &str,
    key: &str,
    now: i64,
) -> Result<Option<Option<String>>> {
    Ok(conn
        .prepare_cached(
            "SELECT found, body FROM lookup_cache WHERE provider = ?1 AND key = ?2 AND expires_ms > ?3",
        )?
        .query_row(params![provider, key, now], |r| {
            let found: bool = r.get(0)?;
            let body: Option<String> = r.get(1)?;
            Ok(if found { body } else { None })
        })
        .optional()?)
}

pub fn put(
    conn: &Connection,
    provider: &str,
    key: &str,
    body: Option<&str>,
    now: i64,
) -> Result<()> {
    let ttl = if body.is_some() {
        FOUND_TTL_MS
    } else {
        NOT_FOUND_TTL_MS
    };
    conn.execute(
        "INSERT INTO lookup_cache (provider, key, found, body, fetched_ms, expires_ms, failures, retry_after_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0)
         ON CONFLICT (provider, key) DO UPDATE SET found = excluded.found, body = excluded.body,
             fetched_ms = excluded.fetched_ms, expires_ms = excluded.expires_ms, failures = 0, retry_after_ms = 0",
        params![provider, key, body.is_some(), body, now, now + ttl],
    )?;
    Ok(())
}

/// Remembers a failed lookup; the pause before the scheduler retries it doubles each time.
pub fn failed(conn: &Connection, provider: &str, key: &str, now: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO lookup_cache (provider, key, found, body, fetched_ms, expires_ms, failures, retry_after_ms)
         VALUES (?1, ?2, 0, NULL, ?3, 0, 1, ?3 + ?4)
         ON CONFLICT (provider, key) DO UPDATE SET failures = failures + 1,
             retry_after_ms = ?3 + min(?5, ?4 << min(failures, 20))",
        params![provider, key, now, FIRST_RETRY_MS, MAX_RETRY_MS],
    )?;
    Ok(())
}

/// Failed lookups whose pause is over (for the scheduler), oldest first.
pub fn due_retries(
    conn: &Connection,
    provider: &str,
    now: i64,
    limit: usize,
) -> Result<Vec<String>> {
    Ok(conn.prepare(
        "SELECT key FROM lookup_cache WHERE provider = ?1 AND failures > 0 AND retry_after_ms <= ?2
         AND expires_ms <= ?2 ORDER BY retry_after_ms LIMIT ?3",
    )?
        .query_map(params![provider, now, limit as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Forgets expired answers (for the cleanup job); failures waiting for a retry stay.
pub fn purge(conn: &Connection, now: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM lookup_cache WHERE expires_ms <= ?1 AND failures = 0",
        [now],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttl_not_found_and_decay() {
        let conn = crate::db::test_conn();
        put(&conn, "off", "1", Some("{}"), 0).unwrap();
        put(&conn, "off", "2", None, 0).unwrap();
        assert_eq!(get(&conn, "off", "1", 1).unwrap(), Some(Some("{}".into())));
        assert_eq!(get(&conn, "off", "2", 1).unwrap(), Some(None));
        assert_eq!(get(&conn, "off", "2", NOT_FOUND_TTL_MS + 1).unwrap(), None);
        assert_eq!(get(&conn, "off", "3", 1).unwrap(), None);
        failed(&conn, "off", "3", 0).unwrap();
        assert!(
            due_retries(&conn, "off", FIRST_RETRY_MS - 1, 10)
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            due_retries(&conn, "off", FIRST_RETRY_MS, 10).unwrap(),
            vec!["3"]
        );
        failed(&conn, "off", "3", FIRST_RETRY_MS).unwrap();
        assert!(
            due_retries(&conn, "off", 2 * FIRST_RETRY_MS, 10)
                .unwrap()
                .is_empty(),
            "the pause doubled"
        );
        assert_eq!(purge(&conn, FOUND_TTL_MS + 1).unwrap(), 2);
    }
}
