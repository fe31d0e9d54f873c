//! Online backups (`VACUUM INTO`), verification, retention and restore.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::config::Config;
use crate::db::migrate::SCHEMA_VERSION;
use crate::domain::retention::{self, Policy};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{path} is not an SQLite database ({message})")]
    NotADatabase { path: String, message: String },
    #[error("{path} failed its integrity check: {message}")]
    Corrupt { path: String, message: String },
    #[error(
        "{path} was written by a newer aisle (schema {found}, this one knows {supported}); use a newer aisle to restore it"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("{path} is an SQLite database but not an aisle database")]
    NotAisle { path: String },
    #[error(
        "{path} is not a whole aisle database of schema {version}: {problems}; restore a complete backup instead"
    )]
    Incomplete {
        path: String,
        version: i64,
        problems: String,
    },
    #[error(
        "{path} has rows that point at rows it does not have ({problems}); restore another backup"
    )]
    BrokenReferences { path: String, problems: String },
    #[error("{0}")]
    Io(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

fn io(what: &str, path: &Path, e: std::io::Error) -> BackupError {
    BackupError::Io(format!("{what} {}: {e}", path.display()))
}

/// A backup file in the backup directory.
#[derive(Debug, Clone)]
pub struct BackupFile {
    pub name: String,
    pub size: u64,
    /// Whether it passed verification after writing (failed ones end in `.failed`).
    pub verified: bool,
    pub created: Option<DateTime<Utc>>,
}

const PREFIX: &str = "aisle-";
const TIME_FORMAT: &str = "%Y%m%dT%H%M%SZ";

/// `aisle-20261122T030000Z.db`: the name of a scheduled backup made at `now`.
pub fn scheduled_name(now: DateTime<Utc>) -> String {
    format!("{PREFIX}{}.db", now.format(TIME_FORMAT))
}

/// The time in a scheduled backup's name (other files are never pruned).
fn scheduled_time(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(".db")?;
    NaiveDateTime::parse_from_str(stamp, TIME_FORMAT)
        .ok()
        .map(|t| Utc.from_utc_datetime(&t))
}

fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// Checks that `path` is an intact aisle database this binary can open. Returns its
/// schema version.
pub fn verify(path: &Path) -> Result<i64, BackupError> {
    let p = path.display().to_string();
    let not_db = |e: rusqlite::Error| BackupError::NotADatabase {
        path: p.clone(),
        message: e.to_string(),
    };
    let conn = open_read_only(path).map_err(not_db)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(not_db)?;
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| BackupError::Corrupt {
            path: p.clone(),
            message: e.to_string(),
        })?;
    if problems != ["ok"] {
        return Err(BackupError::Corrupt {
            path: p,
            message: problems.into_iter().take(5).collect::<Vec<_>>().join("; "),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(BackupError::TooNew {
            path: p,
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let has_lists: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'lists'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n == 1)?;
    if version < 1 || !has_lists {
        return Err(BackupError::NotAisle { path: p });
    }
    Ok(version)
}

/// Most problems named in one message.
const SHOWN_PROBLEMS: usize = 5;

fn some_of(problems: Vec<String>) -> String {
    let more = problems.len().saturating_sub(SHOWN_PROBLEMS);
    let mut shown: Vec<String> = problems.into_iter().take(SHOWN_PROBLEMS).collect();
    if more > 0 {
        shown.push(format!("and {more} more"));
    }
    shown.join("; ")
}

/// [`verify`], and that the file can replace the live database: it has the whole schema
/// of its version (every table, index and trigger the migrations make, and nothing else)
/// and no row points at a row it does not have. Returns its schema version.
pub fn verify_restorable(path: &Path) -> Result<i64, BackupError> {
    let version = verify(path)?;
    let p = path.display().to_string();
    let conn = open_read_only(path)?;
    let problems = crate::db::schema::differences(&conn, version)
        .map_err(|e| BackupError::Io(format!("cannot build the schema to compare with: {e}")))?;
    if !problems.is_empty() {
        return Err(BackupError::Incomplete {
            path: p,
            version,
            problems: some_of(problems),
        });
    }
    let dangling: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            let table: String = r.get(0)?;
            let row: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(match row {
                Some(row) => format!("{table} row {row} points at a missing {parent} row"),
                None => format!("a {table} row points at a missing {parent} row"),
            })
        })?
        .take(SHOWN_PROBLEMS + 1)
        .collect::<rusqlite::Result<_>>()?;
    if !dangling.is_empty() {
        return Err(BackupError::BrokenReferences {
            path: p,
            problems: some_of(dangling),
        });
    }
    Ok(version)
}

fn sync_file(path: &Path) -> Result<(), BackupError> {
    fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| io("cannot sync", path, e))
}

fn sync_dir(dir: &Path) {
    // Best effort: makes the rename durable on filesystems that support it.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// How much of the copy may wait in the page cache before it is flushed: every commit waits
/// for its own fsync, which queues behind whatever else is being written, so flushing as the
/// copy grows keeps each such wait to a few MiB's worth instead of the whole copy's.
const FLUSH_EVERY: u64 = 4 << 20;

/// How often the copy's size is looked at while it is written (a `statx` each).
const FLUSH_CHECK_EVERY: Duration = Duration::from_millis(2);

/// `VACUUM INTO tmp` while a helper thread flushes the copy each time it has grown by
/// `FLUSH_EVERY` (a thread, not SQLite's progress handler: rows of large pictures take
/// few VM instructions per MiB). The caller still syncs the whole file.
fn copy_into(conn: &Connection, tmp: &Path) -> Result<(), BackupError> {
    let tmp_str = tmp
        .to_str()
        .ok_or_else(|| BackupError::Io(format!("{} is not UTF-8", tmp.display())))?;
    // A reader (`Db::read`) cannot write, and SQLite counts `VACUUM INTO` as writing
    // although it only writes the new file: allowed for this statement only.
    let query_only: bool = conn.pragma_query_value(None, "query_only", |r| r.get(0))?;
    let (copying, done) = mpsc::channel::<()>();
    thread::scope(|scope| {
        let flusher = scope.spawn(move || flush_while_growing(tmp, done));
        conn.pragma_update(None, "query_only", false)?;
        let copied = conn.execute("VACUUM INTO ?1", [tmp_str]);
        conn.pragma_update(None, "query_only", query_only)?;
        drop(copying);
        // A panic in the flusher cannot spoil the copy: it is synced and verified next.
        let _ = flusher.join();
        copied?;
        Ok(())
    })
}

/// Best effort: flushes `path` as it grows until `done` disconnects.
fn flush_while_growing(path: &Path, done: mpsc::Receiver<()>) {
    let mut file = None;
    let mut flushed = 0;
    while let Err(mpsc::RecvTimeoutError::Timeout) = done.recv_timeout(FLUSH_CHECK_EVERY) {
        if file.is_none() {
            file = fs::File::open(path).ok();
        }
        if let Some(f) = &file {
            flush_if_grown(f, &mut flushed);
        }
    }
}

/// Flushes `file` if it has grown by `FLUSH_EVERY` since `flushed`, its size then.
fn flush_if_grown(file: &fs::File, flushed: &mut u64) {
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len >= *flushed + FLUSH_EVERY && file.sync_data().is_ok() {
        *flushed = len;
    }
}

/// Writes a consistent copy of the live database to `dest` without stopping writers, then
/// verifies it. A copy that fails verification is left as `dest.failed`.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<u64, BackupError> {
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| io("cannot create", dir, e))?;
    if dest.exists() {
        return Err(BackupError::Io(format!(
            "{} already exists",
            dest.display()
        )));
    }
    let tmp = dest.with_extension("db.partial");
    let _ = fs::remove_file(&tmp);
    copy_into(conn, &tmp)?;
    sync_file(&tmp)?;
    if let Err(e) = verify(&tmp) {
        let failed = dest.with_extension("db.failed");
        let _ = fs::rename(&tmp, &failed);
        return Err(e);
    }
    fs::rename(&tmp, dest).map_err(|e| io("cannot rename to", dest, e))?;
    sync_dir(dir);
    Ok(fs::metadata(dest).map(|m| m.len()).unwrap_or(0))
}

/// The backups in `dir`, newest first.
pub fn list(dir: &Path) -> Vec<BackupFile> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<BackupFile> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let verified = name.ends_with(".db");
            if !(name.starts_with(PREFIX) && (verified || name.ends_with(".db.failed"))) {
                return None;
            }
            let meta = e.metadata().ok()?;
            let created =
                scheduled_time(&name).or_else(|| meta.modified().ok().map(DateTime::<Utc>::from));
            Some(BackupFile {
                name,
                size: meta.len(),
                verified,
                created,
            })
        })
        .collect();
    files.sort_by(|a, b| b.created.cmp(&a.created).then(b.name.cmp(&a.name)));
    files
}

/// A backup file by name, only if it is one of ours in `dir` (no path tricks).
pub fn find(dir: &Path, name: &str) -> Option<PathBuf> {
    list(dir)
        .into_iter()
        .find(|f| f.name == name)
        .map(|f| dir.join(f.name))
}

/// Deletes scheduled backups the retention policy no longer keeps; returns how many.
/// Only scheduled backups are considered (manual ones, safety copies and pre-migration
/// copies are never removed), and never the newest nor `just_made`.
pub fn prune(dir: &Path, policy: Policy, just_made: Option<&str>) -> usize {
    let scheduled: Vec<(String, DateTime<Utc>)> = list(dir)
        .into_iter()
        .filter(|f| f.verified)
        .filter_map(|f| scheduled_time(&f.name).map(|t| (f.name, t)))
        .collect();
    retention::remove(&scheduled, policy, just_made)
        .iter()
        .filter(|name| fs::remove_file(dir.join(name)).is_ok())
        .count()
}

pub fn policy(config: &Config) -> Policy {
    Policy {
        daily: config.backup_keep_daily,
        weekly: config.backup_keep_weekly,
        monthly: config.backup_keep_monthly,
    }
}

/// The scheduled backup: a verified copy in the backup directory, then retention.
pub fn scheduled(
    conn: &Connection,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<String, BackupError> {
    let dir = config.backup_dir();
    let mut name = scheduled_name(now);
    if dir.join(&name).exists() {
        // Two runs within a second (run-now right after a scheduled run).
        name = scheduled_name(now + chrono::Duration::seconds(1));
    }
    let size = backup_to(conn, &dir.join(&name))?;
    let pruned = prune(&dir, policy(config), Some(&name));
    Ok(format!(
        "{name} ({size} bytes, verified); {pruned} old backup(s) removed"
    ))
}

/// A backup on demand (`aisle backup` without `--out`): a verified copy in the backup
/// directory named `aisle-manual-20261122T030000Z.db`. It removes no other backup, and
/// retention never removes it, since its name is not a scheduled backup's.
pub fn manual(
    conn: &Connection,
    config: &Config,
    now: DateTime<Utc>,
) -> Result<String, BackupError> {
    let dir = config.backup_dir();
    let dest = free_path(&dir, &format!("manual-{}", now.format(TIME_FORMAT)))?;
    let size = backup_to(conn, &dest)?;
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(format!(
        "{name} ({size} bytes, verified); no other backup was removed"
    ))
}

/// Most copies one stamp may name (restores hold the data directory's lock, so more than
/// one safety copy in a millisecond is already unlikely; manual backups are a second apart).
const MAX_SAME_NAME: u32 = 1_000;

/// `dir/aisle-{stem}.db`, or with `-2`, `-3`… before `.db` when another copy took that
/// name already (or failed under it).
fn free_path(dir: &Path, stem: &str) -> Result<PathBuf, BackupError> {
    (1..=MAX_SAME_NAME)
        .map(|n| match n {
            1 => dir.join(format!("{PREFIX}{stem}.db")),
            n => dir.join(format!("{PREFIX}{stem}-{n}.db")),
        })
        .find(|p| !p.exists() && !p.with_extension("db.failed").exists())
        .ok_or_else(|| BackupError::Io(format!("no free name for {stem} in {}", dir.display())))
}

/// `aisle-before-restore-20261122T030000.123Z.db` (`-2`, `-3`… when a restore in the same
/// millisecond took that name already).
fn safety_copy_path(dir: &Path, now: DateTime<Utc>) -> Result<PathBuf, BackupError> {
    let stamp = now.format("%Y%m%dT%H%M%S%.3fZ");
    free_path(dir, &format!("before-restore-{stamp}"))
}

/// Replaces the database in `config.data_dir` with `file`, keeping a safety copy of the
/// current one. The caller must hold the data directory lock.
pub fn restore(config: &Config, file: &Path) -> Result<String, BackupError> {
    let version = verify_restorable(file)?;
    let db_path = config.db_path();
    fs::create_dir_all(&config.data_dir).map_err(|e| io("cannot create", &config.data_dir, e))?;
    let mut safety = None;
    if db_path.exists() {
        let conn = Connection::open(&db_path)?;
        let dest = safety_copy_path(&config.backup_dir(), Utc::now())?;
        backup_to(&conn, &dest)?;
        safety = Some(dest);
    }
    let tmp = config.data_dir.join("aisle.db.restoring");
    fs::copy(file, &tmp).map_err(|e| io("cannot copy to", &tmp, e))?;
    sync_file(&tmp)?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db_path.display()));
        if side.exists() {
            fs::remove_file(&side).map_err(|e| io("cannot remove", &side, e))?;
        }
    }
    fs::rename(&tmp, &db_path).map_err(|e| io("cannot replace", &db_path, e))?;
    sync_dir(&config.data_dir);
    Ok(match safety {
        Some(s) => format!(
            "restored {} (schema {version}); the previous database was saved as {}",
            file.display(),
            s.display()
        ),
        None => format!("restored {} (schema {version})", file.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn verify_integrity(path: &Path) -> String {
        Connection::open(path)
            .unwrap()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap()
    }

    /// A database of about `bytes`, in `dir`.
    fn database_of(dir: &Path, bytes: usize) -> Connection {
        let conn = Connection::open(dir.join("live.db")).unwrap();
        conn.execute_batch("CREATE TABLE filler (data BLOB NOT NULL)")
            .unwrap();
        // Rows of pictures' size: few VM instructions per byte copied.
        let chunk = vec![7u8; 64 * 1024];
        let tx = conn.unchecked_transaction().unwrap();
        for _ in 0..bytes / chunk.len() {
            tx.execute("INSERT INTO filler (data) VALUES (?1)", [&chunk])
                .unwrap();
        }
        tx.commit().unwrap();
        conn
    }

    #[test]
    fn a_copy_is_flushed_each_time_it_has_grown_enough() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.db");
        let mut file = fs::File::create(&path).unwrap();
        let mut flushed = 0;
        let mib = vec![1u8; 1 << 20];
        let grow = |file: &mut fs::File, mib_count: usize| {
            for _ in 0..mib_count {
                file.write_all(&mib).unwrap();
            }
        };
        grow(&mut file, 3);
        flush_if_grown(&file, &mut flushed);
        assert_eq!(flushed, 0, "3 MiB is less than FLUSH_EVERY");
        grow(&mut file, 2);
        flush_if_grown(&file, &mut flushed);
        assert_eq!(flushed, 5 << 20);
        grow(&mut file, 3);
        flush_if_grown(&file, &mut flushed);
        assert_eq!(flushed, 5 << 20, "only 3 MiB more since the last flush");
        grow(&mut file, 1);
        flush_if_grown(&file, &mut flushed);
        assert_eq!(flushed, 9 << 20);
    }

    #[test]
    fn a_copy_taken_with_the_flusher_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let conn = database_of(dir.path(), 12 << 20);
        let tmp = dir.path().join("copy.db");
        copy_into(&conn, &tmp).unwrap();
        let size = fs::metadata(&tmp).unwrap().len();
        assert!(size >= 12 << 20, "copy of {size} bytes");
        let copied: i64 = Connection::open(&tmp)
            .unwrap()
            .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
            .unwrap();
        assert_eq!(copied, (12 << 20) / (64 * 1024));
        assert_eq!(verify_integrity(&tmp), "ok");
    }

    #[test]
    fn a_failed_copy_is_reported_and_the_connection_goes_on_working() {
        let dir = tempfile::tempdir().unwrap();
        let conn = database_of(dir.path(), 1 << 20);
        copy_into(&conn, &dir.path().join("copy.db")).unwrap();
        // SQLite refuses to copy over a non-empty file.
        let err = copy_into(&conn, &dir.path().join("copy.db")).unwrap_err();
        assert!(
            err.to_string().contains("output file already exists"),
            "{err}"
        );
        let n: i64 = conn
            .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 16);
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = list(dir).into_iter().map(|f| f.name).collect();
        names.sort();
        names
    }

    #[test]
    fn retention_removes_only_old_scheduled_backups() {
        let dir = tempfile::tempdir().unwrap();
        let day = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap();
        let others = [
            "aisle-manual-20261201T120000Z.db",
            "aisle-before-restore-20261201T120000.000Z.db",
            "aisle-premigrate-v3-20261201T120000Z.db",
        ];
        let scheduled: Vec<String> = [day(1, 3), day(2, 3), day(3, 3), day(3, 9)]
            .into_iter()
            .map(scheduled_name)
            .collect();
        // Made last but named by a clock that went back (no real-time clock yet).
        let just_made = scheduled_name(day(1, 1));
        for name in others
            .iter()
            .copied()
            .chain(scheduled.iter().map(String::as_str))
        {
            fs::write(dir.path().join(name), b"x").unwrap();
        }
        fs::write(dir.path().join(&just_made), b"x").unwrap();
        let one_day = Policy {
            daily: 1,
            weekly: 0,
            monthly: 0,
        };
        assert_eq!(prune(dir.path(), one_day, Some(&just_made)), 3);
        let mut expected: Vec<String> = others.iter().map(|s| s.to_string()).collect();
        expected.push(scheduled[3].clone());
        expected.push(just_made);
        expected.sort();
        assert_eq!(names_in(dir.path()), expected);
        // The next run removes the stray old one, never the newest nor the others.
        assert_eq!(prune(dir.path(), one_day, None), 1);
        assert_eq!(prune(dir.path(), one_day, None), 0);
        assert!(dir.path().join(&scheduled[3]).exists());
        assert!(others.iter().all(|o| dir.path().join(o).exists()));
    }

    #[test]
    fn a_manual_backup_takes_a_free_name_and_removes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("aisle.db")).unwrap();
        crate::db::migrate::migrate(&mut conn).unwrap();
        let mut config = Config {
            backup_dir: Some(dir.path().join("backups")),
            backup_keep_daily: 1,
            backup_keep_weekly: 0,
            backup_keep_monthly: 0,
            ..Config::default()
        };
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap();
        let first = scheduled(&conn, &config, now - chrono::Duration::hours(9)).unwrap();
        assert!(first.starts_with("aisle-20261205T030000Z.db"), "{first}");
        // Two manual backups in the same second both stay, beside the scheduled one.
        let a = manual(&conn, &config, now).unwrap();
        let b = manual(&conn, &config, now).unwrap();
        assert!(a.starts_with("aisle-manual-20261205T120000Z.db "), "{a}");
        assert!(b.starts_with("aisle-manual-20261205T120000Z-2.db "), "{b}");
        assert_eq!(
            names_in(&dir.path().join("backups")),
            [
                "aisle-20261205T030000Z.db",
                "aisle-manual-20261205T120000Z-2.db",
                "aisle-manual-20261205T120000Z.db",
            ]
        );
        // A manual backup into a directory that cannot be made fails and says where.
        fs::write(dir.path().join("file"), b"x").unwrap();
        config.backup_dir = Some(dir.path().join("file/backups"));
        let err = manual(&conn, &config, now).unwrap_err();
        assert!(err.to_string().contains("cannot create"), "{err}");
    }
}
