//! The record of job runs.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;

#[derive(Debug, Clone, serde::Serialize)]
pub struct Run {
    pub job: String,
    pub started_ms: i64,
    pub finished_ms: Option<i64>,
    /// `ok`, `failed`, or none while running (or when the process died mid-run).
    pub outcome: Option<String>,
    pub message: Option<String>,
}

pub fn start(conn: &Connection, job: &str, now: i64) -> Result<i64> {
    conn.execute(
        "INSERT INTO job_runs (job, started_ms) VALUES (?1, ?2)",
        params![job, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn finish(conn: &Connection, run: i64, ok: bool, message: &str, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE job_runs SET finished_ms = ?1, outcome = ?2, message = ?3 WHERE id = ?4",
        params![now, if ok { "ok" } else { "failed" }, message, run],
    )?;
    Ok(())
}

/// The latest run of a job (with `only_ok`, the latest successful one).
fn latest(conn: &Connection, job: &str, only_ok: bool) -> Result<Option<Run>> {
    Ok(conn
        .query_row(
            "SELECT job, started_ms, finished_ms, outcome, message FROM job_runs
             WHERE job = ?1 AND (?2 = 0 OR outcome = 'ok') ORDER BY started_ms DESC, id DESC LIMIT 1",
            params![job, only_ok],
            |r| {
                Ok(Run {
                    job: r.get(0)?,
                    started_ms: r.get(1)?,
                    finished_ms: r.get(2)?,
                    outcome: r.get(3)?,
                    message: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// The latest run of a job, finished or not.
pub fn last(conn: &Connection, job: &str) -> Result<Option<Run>> {
    latest(conn, job, false)
}

/// The latest successful run of a job.
pub fn last_success(conn: &Connection, job: &str) -> Result<Option<Run>> {
    latest(conn, job, true)
}

/// Forgets runs older than `before` (keeping the record small).
pub fn prune(conn: &Connection, before: i64) -> Result<usize> {
    Ok(conn.execute("DELETE FROM job_runs WHERE started_ms < ?1", [before])?)
}
