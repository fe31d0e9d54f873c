//! The `cleanup` job: expired sessions and invites, old tombstones and applied op ids
//! (the rule in `db::sync`), old job records, list history older than a year and a bit
//! (`db::activity::RETENTION_MS`), staples' expired "not now", security log entries past
//! their retention (`security_log_days`).

use rusqlite::Connection;

use crate::db::{activity, invites, jobs, rhythms, security_log, sessions, sync};
use crate::error::Result;

/// Job records are kept this long.
const JOB_HISTORY_MS: i64 = 90 * 24 * 3600 * 1000;

/// `security_log_ms`: how long the security log keeps an entry.
pub fn run(conn: &Connection, now: i64, security_log_ms: i64) -> Result<String> {
    let sessions = sessions::purge_expired(conn, now)?;
    let waiting = crate::db::factors::purge_expired_challenges(conn, now)?;
    let invites = invites::purge(conn, now)?;
    let purged = sync::purge(conn, now)?;
    let runs = jobs::prune(conn, now - JOB_HISTORY_MS)?;
    let cached = crate::db::lookup_cache::purge(conn, now)?;
    let history = activity::purge(conn, now)?;
    let put_off = rhythms::purge_dismissals(conn, now)?;
    let logged = security_log::purge(conn, now - security_log_ms)?;
    Ok(format!(
        "removed {sessions} expired session(s), {waiting} sign-in(s) that waited for a code \
         too long, {invites} used or expired invite(s), \
         {} old tombstone(s), {} old op id(s), {runs} old job record(s), {cached} expired lookup(s), \
         {history} old history record(s), {put_off} expired postponement(s) of staples, \
         {logged} old security log entr(ies)",
        purged.tombstones, purged.op_ids
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::users;

    #[test]
    fn expired_sessions_go_and_live_ones_stay() {
        let (conn, h) = crate::db::test_household();
        let u = users::create(&conn, h, "anna", "x", users::Role::Admin, 0).unwrap();
        sessions::create(&conn, u, b"old", 0, 10).unwrap();
        sessions::create(&conn, u, b"new", 0, 1_000).unwrap();
        crate::db::factors::create_challenge(&conn, b"waited", u, 10).unwrap();
        crate::db::factors::create_challenge(&conn, b"waits", u, 1_000).unwrap();
        let message = run(&conn, 500, 1_000).unwrap();
        assert!(message.contains("removed 1 expired session"), "{message}");
        assert!(message.contains(", 1 sign-in(s) that waited"), "{message}");
        assert!(sessions::lookup(&conn, b"new", 500).unwrap().is_some());
    }

    #[test]
    fn security_log_entries_go_after_their_days() {
        use crate::db::security_log::{Entry, Event, for_household, record};
        let (conn, h) = crate::db::test_household();
        record(&conn, &Entry::new(Event::Login, Some(h), None, "old"), 100).unwrap();
        record(&conn, &Entry::new(Event::Login, Some(h), None, "new"), 900).unwrap();
        let message = run(&conn, 1_000, 500).unwrap();
        assert!(message.contains("1 old security log entr"), "{message}");
        let left = for_household(&conn, h, None, 10).unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].username, "new");
    }
}
