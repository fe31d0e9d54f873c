//! SQLite storage: the pool, migrations and one module per table group.
//! Nothing here knows about HTTP. Every function that touches household data takes the
//! `HouseholdId` of the authenticated user.

pub mod activity;
#[cfg(test)]
mod activity_tests;
pub mod aisle;
#[cfg(test)]
mod aisle_tests;
pub mod backup;
pub mod categories;
pub mod export;
pub mod factors;
pub mod history;
pub mod households;
pub mod invites;
pub mod items;
pub mod jobs;
pub mod lists;
pub mod lookup_cache;
pub mod migrate;
pub mod passkeys;
pub mod positions;
pub mod prices;
pub mod products;
pub mod rhythms;
pub mod schema;
pub mod security_log;
pub mod sessions;
pub mod sso;
pub mod stores;
pub mod sync;
pub mod templates;
mod threads;
#[cfg(test)]
mod threads_tests;
pub mod tokens;
pub mod undo;
pub mod users;
pub mod watchers;

use std::path::Path;
use std::time::Duration;

use r2d2::Pool;
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::config::Synchronous;
use crate::error::{Error, Result};

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open database {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("cannot open database {path}: {source}")]
    Pool { path: String, source: r2d2::Error },
    #[error(transparent)]
    Migrate(#[from] migrate::MigrateError),
    #[error("cannot back up the database before migrating it: {0}")]
    Backup(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot start the database threads: {0}")]
    Threads(std::io::Error),
}

/// Prepared statements kept per connection: room for every statement of the hot paths.
const STATEMENT_CACHE: usize = 64;

/// Readers (threads, and pooled connections): enough that a read waiting on the disk
/// leaves others running on a 2–4 core board, and no more, as every thread keeps its
/// allocator heap and every connection its page cache.
const READERS: u32 = 3;

/// How long a call waits for its place in a queue before it is answered 503.
const WAIT: Duration = Duration::from_secs(3);

type Readers = async_channel::Sender<threads::Call<()>>;
type Writer = async_channel::Sender<threads::Call<Connection>>;

/// The database: readers from a pool on a few threads, and one writer thread that owns
/// the only connection that writes. `read` and `write` are the only ways in. Cheap to
/// clone.
#[derive(Clone)]
pub struct Db {
    pool: Pool<SqliteConnectionManager>,
    readers: Readers,
    writer: Writer,
}

/// Applies the pragmas every connection has.
fn prepare(c: &Connection, synchronous: Synchronous) -> rusqlite::Result<()> {
    c.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    c.execute_batch(&format!(
        "PRAGMA journal_mode = WAL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;
         PRAGMA synchronous = {};",
        synchronous.pragma()
    ))
}

impl Db {
    /// Opens (creating if needed) the database, applies pragmas and migrations, and starts
    /// the database threads. An existing database is backed up into `backup_dir` before it
    /// is migrated.
    pub fn open(path: &Path, synchronous: Synchronous, backup_dir: &Path) -> Result<Db, OpenError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| OpenError::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let shown = || path.display().to_string();
        let mut conn = Connection::open(path).map_err(|source| OpenError::Open {
            path: shown(),
            source,
        })?;
        prepare(&conn, synchronous)?;
        let found = migrate::schema_version(&conn)?;
        if found > 0 && found < migrate::SCHEMA_VERSION {
            let name = format!(
                "aisle-premigrate-v{found}-{}.db",
                chrono::Utc::now().format("%Y%m%dT%H%M%SZ")
            );
            let dest = backup_dir.join(name);
            crate::db::backup::backup_to(&conn, &dest)
                .map_err(|e| OpenError::Backup(e.to_string()))?;
            tracing::info!(backup = %dest.display(), "backed up the database before migrating it");
        }
        migrate::migrate(&mut conn)?;
        // Readers cannot write: every change goes through the writer.
        let manager = SqliteConnectionManager::file(path).with_init(move |c| {
            prepare(c, synchronous)?;
            c.execute_batch("PRAGMA query_only = ON;")
        });
        // Connections live as long as the process: r2d2's reaper, which would close idle or
        // old ones, wakes every 30 s, and an idle server should not wake at all.
        let pool = Pool::builder()
            .max_size(READERS)
            .min_idle(Some(1))
            .idle_timeout(None)
            .max_lifetime(None)
            .connection_timeout(WAIT)
            .build(manager)
            .map_err(|source| OpenError::Pool {
                path: shown(),
                source,
            })?;
        let readers = threads::start(threads::READER_NAME, vec![(); READERS as usize])
            .map_err(OpenError::Threads)?;
        let writer =
            threads::start(threads::WRITER_NAME, vec![conn]).map_err(OpenError::Threads)?;
        Ok(Db {
            pool,
            readers,
            writer,
        })
    }

    /// Runs `f` on a reader (a pooled connection that cannot write), off the async workers.
    /// `Unavailable` (503) when no reader frees up within `WAIT`.
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        call(&self.readers, move |()| f(&*pool.get()?)).await
    }

    /// Runs `f` in a short `BEGIN IMMEDIATE` transaction on the writer thread, committing
    /// when it returns `Ok` and rolling back otherwise. Writes run one after another, in
    /// the order they came; `Unavailable` (503) when the writer's queue stays full for
    /// `WAIT`.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&Transaction<'_>) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        call(&self.writer, move |conn: &mut Connection| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
        .await
    }

    /// Reader pool gauges for /metrics: (connections, idle, most).
    pub fn pool_state(&self) -> (u32, u32, u32) {
        let s = self.pool.state();
        (s.connections, s.idle_connections, self.pool.max_size())
    }

    /// Writes waiting for the writer.
    pub fn writes_waiting(&self) -> usize {
        self.writer.len()
    }
}

/// Queues `f` for the threads behind `queue` and waits for its answer.
async fn call<S, T, F>(queue: &async_channel::Sender<threads::Call<S>>, f: F) -> Result<T>
where
    F: FnOnce(&mut S) -> Result<T> + Send + 'static,
    T: Send + 'static,
{
    let (reply, answer) = tokio::sync::oneshot::channel();
    let call: threads::Call<S> = Box::new(move |state| {
        // The caller may have gone away (a dropped request): nobody to tell.
        let _ = reply.send(f(state));
    });
    tokio::time::timeout(WAIT, queue.send(call))
        .await
        .map_err(|_| Error::Unavailable("the database is busy; try again".into()))?
        .map_err(|_| Error::Internal("the database threads have stopped".into()))?;
    answer
        .await
        .map_err(|_| Error::Internal("a database call panicked".into()))?
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("cannot use {path}: {source}")]
    Create {
        path: String,
        source: std::io::Error,
    },
    #[error("an aisle server is running on {dir} (it holds {path}); stop it first")]
    Running { dir: String, path: String },
}

/// Holds `DATA_DIR/aisle.lock` for as long as the returned file lives: one server per data
/// directory, and no restore under a running server.
pub fn lock_data_dir(dir: &Path) -> std::result::Result<std::fs::File, LockError> {
    let create = |path: &Path| {
        let path = path.display().to_string();
        move |source| LockError::Create { path, source }
    };
    std::fs::create_dir_all(dir).map_err(create(dir))?;
    let path = dir.join("aisle.lock");
    let held = try_lock(&path).map_err(|(_, e)| create(&path)(e))?;
    held.ok_or_else(|| LockError::Running {
        dir: dir.display().to_string(),
        path: path.display().to_string(),
    })
}

/// Opens (creating it) the lock file `path` and takes its lock, held for as long as the
/// returned file lives (a lock belongs to the open file); `None` while another open file
/// holds it. A failure says which step failed: `open` or `lock`.
pub fn try_lock(
    path: &Path,
) -> std::result::Result<Option<std::fs::File>, (&'static str, std::io::Error)> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| ("open", e))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(("lock", e)),
    }
}

/// Answers when the database does (a trivial query): for readiness and the watchdog.
pub fn answers(conn: &Connection) -> Result<()> {
    conn.query_row("SELECT 1", [], |_| Ok(()))?;
    Ok(())
}

/// `NotFound` when a statement touched no row (nothing of that id in the household).
pub(crate) fn touched(rows: usize) -> Result<()> {
    (rows > 0).then_some(()).ok_or(Error::NotFound)
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

/// [`test_conn`] with one household, `H`.
#[cfg(test)]
pub fn test_household() -> (Connection, crate::ids::HouseholdId) {
    let conn = test_conn();
    let h = households::create(&conn, "H", 0).expect("household");
    (conn, h)
}

/// [`test_household`] with one list, `L`.
#[cfg(test)]
pub fn test_list() -> (Connection, crate::ids::HouseholdId, crate::ids::ListId) {
    let (conn, h) = test_household();
    let l = lists::create(&conn, h, "L", 0).expect("list");
    (conn, h, l)
}
