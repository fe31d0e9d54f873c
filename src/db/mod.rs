//! SQLite storage: the pool, migrations and one module per table group.
//! Nothing here knows about HTTP. Every function that touches household data takes the
//! `HouseholdId` of the authenticated user.

pub mod categories;
pub mod export;
pub mod history;
pub mod households;
pub mod invites;
pub mod items;
pub mod jobs;
pub mod lists;
pub mod memo;
pub mod merge;
pub mod migrate;
pub mod positions;
pub mod products;
pub mod schema;
pub mod sessions;
pub mod stores;
pub mod sync;
mod threads;
pub mod tokens;
pub mod users;

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use r2d2::{Pool, PooledConnection};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use tokio::sync::Semaphore;

use crate::config::Synchronous;
use crate::error::{Error, Result};

/// A pooled connection. When it goes back to the pool after it changed something, the
/// database's generation moves on (`memo`): what was kept from before is forgotten.
pub struct Conn {
    inner: PooledConnection<SqliteConnectionManager>,
    changes: u64,
    generation: memo::Generation,
}

impl Conn {
    fn take(pool: &Pool<SqliteConnectionManager>, generation: &memo::Generation) -> Result<Conn> {
        let inner = pool.get()?;
        Ok(Conn {
            changes: inner.total_changes(),
            inner,
            generation: generation.clone(),
        })
    }
}

impl Deref for Conn {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.inner
    }
}

impl DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.inner
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        // Rows changed since the connection was taken: committed by now (an open
        // transaction rolls back as it goes), or rolled back, which moves it for nothing.
        if self.inner.total_changes() != self.changes {
            self.generation.advance();
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open database {path}: {source}")]
    Open { path: String, source: r2d2::Error },
    #[error(transparent)]
    Migrate(#[from] migrate::MigrateError),
    #[error("cannot back up the database before migrating it: {0}")]
    Backup(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot start the database threads: {0}")]
    Threads(std::io::Error),
}

/// Prepared statements kept per pooled connection.
const STATEMENT_CACHE: usize = 64;

/// Pooled connections, and database threads running calls at once: enough that a call
/// waiting on the disk (a commit's fsync, a cold page) leaves others running on a 2–4
/// core board, and no more, as every thread keeps its allocator heap and every
/// connection its page cache. With 8 on a 2-core machine the benchmark's
/// server started the 1,000-subscriber scenario ~5 MiB bigger, and its list page cost
/// ~10 % more CPU, with no gain for concurrent writes (docs/PERFORMANCE.md).
const POOL_SIZE: u32 = 4;

/// Writers on the database threads at once: one writing and the next waiting for the
/// write lock, so that it starts the moment the first commits (a writer that had to be
/// woken and dispatched after each commit cut the highest sustainable check-off rate,
/// docs/PERFORMANCE.md), and the other threads stay free for reads.
const WRITERS_ON_THREADS: usize = 2;

/// How long a request waits for a connection before it is answered 503.
const WAIT: Duration = Duration::from_secs(3);

fn busy() -> Error {
    Error::Unavailable("the database is busy; try again".into())
}

/// The connection pool. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: Pool<SqliteConnectionManager>,
    /// One permit per connection: calls beyond the pool wait here, as cheap async tasks,
    /// and are answered 503 after `WAIT`; a permit is held until its call is done, so at
    /// most `POOL_SIZE` calls are queued or running.
    permits: Arc<Semaphore>,
    /// One thread per connection runs the calls: a fixed set, so bursts never grow the
    /// process's threads (see `threads`).
    threads: threads::DbThreads,
    /// Writers allowed onto the database threads (see `Db::write`).
    writers: Arc<Semaphore>,
    generation: memo::Generation,
}

impl Db {
    /// Opens (creating if needed) the database, applies pragmas and migrations. An
    /// existing database is backed up into `backup_dir` before it is migrated.
    pub fn open(path: &Path, synchronous: Synchronous, backup_dir: &Path) -> Result<Db, OpenError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| OpenError::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let manager = SqliteConnectionManager::file(path).with_init(move |c| {
            // Room for every statement of the hot paths (pages, ops, sessions), so none is
            // prepared again on each request.
            c.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
            c.execute_batch(&format!(
                "PRAGMA journal_mode = WAL;
                 PRAGMA foreign_keys = ON;
                 PRAGMA busy_timeout = 5000;
                 PRAGMA synchronous = {};",
                synchronous.pragma()
            ))
        });
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            .connection_timeout(WAIT)
            .build(manager)
            .map_err(|source| OpenError::Open {
                path: path.display().to_string(),
                source,
            })?;
        let db = Db {
            pool,
            permits: Arc::new(Semaphore::new(POOL_SIZE as usize)),
            threads: threads::DbThreads::start(POOL_SIZE as usize).map_err(OpenError::Threads)?,
            writers: Arc::new(Semaphore::new(WRITERS_ON_THREADS)),
            generation: memo::Generation::default(),
        };
        let mut conn = db.pool.get().map_err(|source| OpenError::Open {
            path: path.display().to_string(),
            source,
        })?;
        let found = migrate::schema_version(&conn)?;
        if found > 0 && found < migrate::SCHEMA_VERSION {
            let name = format!(
                "aisle-premigrate-v{found}-{}.db",
                chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
            );
            let dest = backup_dir.join(name);
            crate::backup::backup_to(&conn, &dest).map_err(|e| OpenError::Backup(e.to_string()))?;
            tracing::info!(backup = %dest.display(), "backed up the database before migrating it");
        }
        migrate::migrate(&mut conn)?;
        Ok(db)
    }

    /// A connection, or `Unavailable` (503) when the pool stays exhausted.
    pub fn conn(&self) -> Result<Conn> {
        Conn::take(&self.pool, &self.generation)
    }

    /// The database's generation: it moves on after every commit (see `memo`).
    pub fn generation(&self) -> u64 {
        self.generation.current()
    }

    /// Starts noticing commits by other processes until the returned watcher is dropped
    /// (`memo::Generation::watch_other_writers`).
    pub fn watch_other_writers(&self, path: &Path) -> std::io::Result<memo::Watcher> {
        self.generation.watch_other_writers(path)
    }

    /// Runs blocking database work on one of the database threads, off the async workers.
    pub async fn run<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let permit = tokio::time::timeout(WAIT, Arc::clone(&self.permits).acquire_owned())
            .await
            .map_err(|_| busy())?
            .map_err(|e| Error::Internal(format!("database permits closed: {e}")))?;
        let pool = self.pool.clone();
        let generation = self.generation.clone();
        self.threads
            .run(move || {
                // Held until the call is done, even if its request has gone away.
                let _permit = permit;
                let mut conn = Conn::take(&pool, &generation)?;
                f(&mut conn)
            })
            .await
            .ok_or_else(|| Error::Internal("a database call panicked".into()))?
    }

    /// Runs `f` in a write transaction (`write`) on a database thread. At most
    /// `WRITERS_ON_THREADS` writers are on the database threads at once; the others wait
    /// here as async tasks. Waiting inside `write` instead, a burst of writers (a phone
    /// syncing its queued taps while a slow SD card fsyncs) held every database thread,
    /// and page loads queued behind them. Answered 503 when no place comes within `WAIT`,
    /// and then, like `run`, when no thread does.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&Transaction<'_>) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let place = tokio::time::timeout(WAIT, Arc::clone(&self.writers).acquire_owned())
            .await
            .map_err(|_| busy())?
            .map_err(|e| Error::Internal(format!("database writers closed: {e}")))?;
        self.run(move |conn| {
            let _place = place;
            write(conn, f)
        })
        .await
    }

    /// Pool gauges for /metrics: (connections, idle).
    pub fn pool_state(&self) -> (u32, u32) {
        let s = self.pool.state();
        (s.connections, s.idle_connections)
    }

    pub fn pool_max(&self) -> u32 {
        self.pool.max_size()
    }
}

/// Holds `DATA_DIR/aisle.lock` for as long as the returned file lives: one server per data
/// directory, and no restore under a running server.
pub fn lock_data_dir(dir: &Path) -> std::result::Result<std::fs::File, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("aisle.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(format!(
            "an aisle server is running on {} (it holds {}); stop it first",
            dir.display(),
            path.display()
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(format!("cannot lock {}: {e}", path.display())),
    }
}

/// Taken around every `write` transaction: this process's writers queue here and go
/// one after another, instead of all but one sleeping in SQLite's busy handler (whose
/// back-off sleeps up to 100 ms at a time) while the write lock is held.
static WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `f` in a short `BEGIN IMMEDIATE` transaction, committing on success. Call it from
/// blocking code (the CLI, jobs, or a `Db::run` call that must read and write in one go),
/// never from an async worker; request handlers use `Db::write`.
pub fn write<T>(conn: &mut Connection, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
    let _turn = WRITER.lock().unwrap_or_else(|e| e.into_inner());
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}

/// Now as UTC unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// An in-memory database with migrations applied, for unit tests.
#[cfg(test)]
pub fn test_conn() -> Connection {
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .expect("pragma");
    migrate::migrate(&mut conn).expect("migrate");
    conn
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Threads of this process whose name is `name`.
    fn threads_named(name: &str) -> usize {
        std::fs::read_dir("/proc/self/task")
            .map(|tasks| {
                tasks
                    .filter_map(|t| t.ok())
                    .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
                    .filter(|comm| comm.trim() == name)
                    .count()
            })
            .unwrap_or(0)
    }

    /// A runtime with two workers, like the server's on a 2-core machine.
    fn two_workers() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
    }

    /// Holds database calls (on their threads) until opened.
    #[derive(Clone, Default)]
    struct Gate(Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>);

    impl Gate {
        fn wait(&self) {
            let (open, opened) = &*self.0;
            let mut open = open.lock().expect("gate");
            while !*open {
                open = opened.wait(open).expect("gate");
            }
        }

        fn open(&self) {
            let (open, opened) = &*self.0;
            *open.lock().expect("gate") = true;
            opened.notify_all();
        }
    }

    /// A fresh database in a temp dir (removed when the dir is dropped).
    fn temp_db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::open(&dir.path().join("t.db"), Synchronous::Normal, dir.path()).expect("open");
        (dir, db)
    }

    #[test]
    fn calls_run_on_the_database_threads_and_start_no_others() {
        let (_dir, db) = temp_db();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("db-permits")
            .enable_all()
            .build()
            .expect("runtime");
        let (inside, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let ran_on = Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
        let answers = runtime.block_on(async {
            let calls: Vec<_> = (0..64)
                .map(|i| {
                    let (db, inside, most) = (db.clone(), Arc::clone(&inside), Arc::clone(&most));
                    let ran_on = Arc::clone(&ran_on);
                    tokio::spawn(async move {
                        db.run(move |conn| {
                            let me = std::thread::current();
                            assert_eq!(me.name(), Some(threads::THREAD_NAME));
                            ran_on.lock().expect("lock").insert(me.id());
                            let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            std::thread::sleep(Duration::from_millis(20));
                            inside.fetch_sub(1, Ordering::SeqCst);
                            Ok(conn.query_row("SELECT ?1 + 1", [i], |r| r.get::<_, i64>(0))?)
                        })
                        .await
                    })
                })
                .collect();
            let mut answers = Vec::new();
            for call in calls {
                answers.push(call.await.expect("task").expect("no 503"));
            }
            answers
        });
        assert_eq!(answers, (1..=64).collect::<Vec<_>>());
        let most = most.load(Ordering::SeqCst);
        assert!(most > 1 && most <= POOL_SIZE as usize, "{most} at once");
        // The calls ran on the database threads and no runtime thread was started for them
        // (only the 2 workers); 66 runtime threads without the permits and the fixed set.
        let ran_on = ran_on.lock().expect("lock").len();
        assert!(ran_on <= POOL_SIZE as usize, "ran on {ran_on} threads");
        let threads = threads_named("db-permits");
        assert_eq!(threads, 2, "{threads} runtime threads");
    }

    #[test]
    fn a_panicking_call_fails_alone() {
        let (_dir, db) = temp_db();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let count = |db: &Db| {
            let db = db.clone();
            async move {
                db.run(|conn| {
                    Ok(conn.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0))?)
                })
                .await
                .expect("count")
            }
        };
        runtime.block_on(async {
            db.run(|conn| Ok(conn.execute_batch("CREATE TABLE t (x INTEGER)")?))
                .await
                .expect("table");
            // More panics than threads, each in the middle of a write: every thread
            // survives its own, and the write is rolled back.
            for _ in 0..2 * POOL_SIZE {
                let failed = db
                    .run(|conn| {
                        write(conn, |tx| -> Result<()> {
                            tx.execute("INSERT INTO t VALUES (1)", [])?;
                            panic!("boom")
                        })
                    })
                    .await;
                assert!(matches!(failed, Err(Error::Internal(_))), "{failed:?}");
            }
            assert_eq!(count(&db).await, 0_i64);
            // Every connection and the writers' turn still work, all at once.
            let writes: Vec<_> = (0..POOL_SIZE)
                .map(|i| {
                    let db = db.clone();
                    tokio::spawn(async move {
                        db.run(move |conn| {
                            write(conn, |tx| Ok(tx.execute("INSERT INTO t VALUES (?1)", [i])?))
                        })
                        .await
                    })
                })
                .collect();
            for w in writes {
                assert_eq!(w.await.expect("task").expect("a write after the panics"), 1);
            }
            assert_eq!(count(&db).await, i64::from(POOL_SIZE));
        });
    }

    #[test]
    fn waiting_writers_hold_no_thread_and_reads_go_on() {
        let (_dir, db) = temp_db();
        let runtime = two_workers();
        // Holds the first write (inside its transaction) until opened.
        let gate = Gate::default();
        let (inside, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        runtime.block_on(async {
            db.run(|conn| Ok(conn.execute_batch("CREATE TABLE t (x INTEGER)")?))
                .await
                .expect("table");
            let writes: Vec<_> = (0..1 + 2 * POOL_SIZE)
                .map(|i| {
                    let (db, gate) = (db.clone(), gate.clone());
                    let (inside, most) = (Arc::clone(&inside), Arc::clone(&most));
                    tokio::spawn(async move {
                        db.write(move |tx| {
                            let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                            most.fetch_max(now, Ordering::SeqCst);
                            tx.execute("INSERT INTO t VALUES (?1)", [i])?;
                            gate.wait();
                            inside.fetch_sub(1, Ordering::SeqCst);
                            Ok(())
                        })
                        .await
                    })
                })
                .collect();
            for _ in 0..500 {
                if inside.load(Ordering::SeqCst) == 1 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            assert_eq!(inside.load(Ordering::SeqCst), 1, "one writer at a time");
            // Every other writer has been spawned and is waiting for its place by now.
            tokio::time::sleep(Duration::from_millis(100)).await;
            // Had the waiting writers each held a thread, this read would get a 503; the
            // next writer holds one, waiting for the lock.
            let read = tokio::time::timeout(
                WAIT + Duration::from_secs(5),
                db.run(|conn| Ok(conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))?)),
            )
            .await;
            assert!(matches!(read, Ok(Ok(0_i64))), "{read:?}");
            gate.open();
            for w in writes {
                w.await
                    .expect("task")
                    .expect("a write that waited its turn");
            }
            let rows: i64 = db
                .run(|conn| Ok(conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))?))
                .await
                .expect("count");
            assert_eq!(rows, i64::from(1 + 2 * POOL_SIZE));
        });
        assert_eq!(
            most.load(Ordering::SeqCst),
            1,
            "writers ran one after another"
        );
    }

    #[test]
    fn calls_beyond_the_pool_get_503_after_the_wait_and_change_nothing() {
        let (_dir, db) = temp_db();
        let runtime = two_workers();
        // Holds the pool's calls until opened.
        let gate = Gate::default();
        let running = Arc::new(AtomicUsize::new(0));
        runtime.block_on(async {
            db.run(|conn| Ok(conn.execute_batch("CREATE TABLE t (x INTEGER)")?))
                .await
                .expect("table");
            let held: Vec<_> = (0..POOL_SIZE)
                .map(|_| {
                    let (db, gate, running) = (db.clone(), gate.clone(), Arc::clone(&running));
                    tokio::spawn(async move {
                        db.run(move |_| {
                            running.fetch_add(1, Ordering::SeqCst);
                            gate.wait();
                            Ok(())
                        })
                        .await
                    })
                })
                .collect();
            for _ in 0..500 {
                if running.load(Ordering::SeqCst) == POOL_SIZE as usize {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            assert_eq!(running.load(Ordering::SeqCst), POOL_SIZE as usize);
            // Bounded, so that a call that waited for a thread instead would fail, not hang.
            let refused = tokio::time::timeout(
                WAIT + Duration::from_secs(5),
                db.run(|conn| Ok(conn.execute("INSERT INTO t VALUES (1)", [])?)),
            )
            .await;
            assert!(
                matches!(refused, Ok(Err(Error::Unavailable(_)))),
                "{refused:?}"
            );
            gate.open();
            for call in held {
                call.await.expect("task").expect("a held call");
            }
            let rows: i64 = db
                .run(|conn| Ok(conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))?))
                .await
                .expect("count");
            assert_eq!(rows, 0, "the refused insert ran after all");
        });
    }
}
