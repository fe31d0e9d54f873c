//! Answers kept for as long as the database stays the same.
//!
//! The database has a *generation*: a number that moves on after every commit. The server
//! moves it itself after each of its own commits (when a call's connection goes back,
//! see `Conn`), and a watcher thread moves it within `WATCH_EVERY` of a commit by another
//! process (`aisle user add`, `aisle jobs run`…), which it sees through
//! `PRAGMA data_version` on a connection of its own.
//!
//! A `Memo` keeps values read at one generation. The rule that keeps it right: read the
//! generation *before* the read that makes the value, and keep the value under that
//! generation. A commit that the read missed moves the generation only after it is
//! visible, so the value is already out of date when anyone asks; a value read after a
//! commit but kept under the generation before it is merely thrown away too soon.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use rusqlite::Connection;

/// How soon a commit by another process is noticed.
pub const WATCH_EVERY: Duration = Duration::from_millis(250);

/// The database's generation, shared by every clone of a `Db`.
#[derive(Clone, Default)]
pub struct Generation(Arc<AtomicU64>);

impl Generation {
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    /// Called after a commit is visible to every new read.
    pub fn advance(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }

    /// Starts the thread that advances the generation when another process commits. It
    /// polls `PRAGMA data_version` on its own connection (which changes whenever any other
    /// connection has committed). It stops, closing its connection, when the returned
    /// `Watcher` is dropped, or once every clone of `self` is gone.
    pub fn watch_other_writers(&self, path: &Path) -> std::io::Result<Watcher> {
        let conn = Connection::open(path).map_err(std::io::Error::other)?;
        // Never wait for a lock: a busy database counts as a change (below), so the
        // 250 ms bound holds.
        conn.busy_timeout(Duration::ZERO)
            .map_err(std::io::Error::other)?;
        let generation: Weak<AtomicU64> = Arc::downgrade(&self.0);
        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("aisle-db-watch".into())
            .spawn(move || {
                let mut seen = data_version(&conn);
                // Sent to, or dropped: either way the watch is over.
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(WATCH_EVERY) {
                    let Some(generation) = generation.upgrade() else {
                        return;
                    };
                    let now = data_version(&conn);
                    // An error (a busy database) counts as a change: forgetting is safe.
                    if now.is_none() || now != seen {
                        Generation(generation).advance();
                    }
                    seen = now;
                }
            })?;
        Ok(Watcher {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// The running watcher of `Generation::watch_other_writers`. Dropping it stops the thread
/// and waits for it, so its connection is closed before the process exits (SQLite removes
/// the WAL file when the last connection closes).
pub struct Watcher {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the database watcher panicked");
        }
    }
}

fn data_version(conn: &Connection) -> Option<i64> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0)).ok()
}

/// Values kept while the generation they were read at is the current one. At most
/// `capacity` of them, weighing at most `max_bytes` by `weigh`: when full, new ones are
/// not kept until the next change clears it.
pub struct Memo<K, V> {
    capacity: usize,
    max_bytes: usize,
    weigh: fn(&V) -> usize,
    state: Mutex<State<K, V>>,
}

struct State<K, V> {
    generation: u64,
    entries: HashMap<K, V>,
    bytes: usize,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new(capacity: usize, max_bytes: usize, weigh: fn(&V) -> usize) -> Memo<K, V> {
        Memo {
            capacity,
            max_bytes,
            weigh,
            state: Mutex::new(State {
                generation: 0,
                entries: HashMap::new(),
                bytes: 0,
            }),
        }
    }

    /// The value kept for `key`, if it was read at `generation` (the current one).
    pub fn get<Q>(&self, key: &Q, generation: u64) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.generation != generation {
            state.forget_before(generation);
            return None;
        }
        state.entries.get(key).cloned()
    }

    /// Keeps `value`, made by a read that began at `generation`.
    pub fn put(&self, key: K, value: V, generation: u64) {
        let weight = (self.weigh)(&value);
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.forget_before(generation);
        let replaced = state.entries.get(&key).map(self.weigh);
        let bytes = state.bytes - replaced.unwrap_or(0) + weight;
        let room = state.entries.len() < self.capacity || replaced.is_some();
        if state.generation == generation && room && bytes <= self.max_bytes {
            state.entries.insert(key, value);
            state.bytes = bytes;
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.entries.len()
    }
}

impl<K, V> State<K, V> {
    /// Drops everything older than `generation`, which becomes the memo's.
    fn forget_before(&mut self, generation: u64) {
        if generation > self.generation {
            self.generation = generation;
            self.entries.clear();
            self.bytes = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted<V>(capacity: usize) -> Memo<&'static str, V>
    where
        V: Clone,
    {
        Memo::new(capacity, usize::MAX, |_| 0)
    }

    #[test]
    fn a_value_lasts_until_the_generation_moves() {
        let memo = counted(8);
        memo.put("a", 1, 3);
        assert_eq!(memo.get("a", 3), Some(1));
        assert_eq!(memo.get("b", 3), None);
        assert_eq!(memo.get("a", 4), None);
        // Gone for good, not just hidden: the old generation does not bring it back.
        assert_eq!(memo.get("a", 3), None);
        assert_eq!(memo.len(), 0);
    }

    #[test]
    fn a_value_read_before_a_change_is_not_kept_after_it() {
        let memo = counted(8);
        memo.put("a", 1, 5);
        // A slow read that began at generation 4 finishes after the memo saw 5.
        memo.put("b", 2, 4);
        assert_eq!(memo.get("b", 5), None);
        assert_eq!(memo.get("b", 4), None);
        assert_eq!(memo.get("a", 5), Some(1));
    }

    #[test]
    fn a_full_memo_keeps_what_it_has_and_updates_it() {
        let memo = counted(2);
        memo.put("one", 1, 0);
        memo.put("two", 2, 0);
        memo.put("three", 3, 0);
        assert_eq!(memo.len(), 2);
        assert_eq!(memo.get("three", 0), None);
        memo.put("two", 22, 0);
        assert_eq!(memo.get("two", 0), Some(22));
        // The next change makes room again.
        memo.put("three", 3, 1);
        assert_eq!(memo.get("three", 1), Some(3));
        assert_eq!(memo.len(), 1);
    }

    #[test]
    fn a_memo_keeps_no_more_than_its_bytes() {
        let memo: Memo<&str, String> = Memo::new(100, 10, String::len);
        memo.put("a", "123456".into(), 0);
        memo.put("b", "12345".into(), 0);
        assert_eq!(memo.get("b", 0), None, "11 bytes would not fit in 10");
        memo.put("c", "1234".into(), 0);
        assert_eq!(memo.get("c", 0).as_deref(), Some("1234"));
        // A replaced value gives its bytes back.
        memo.put("a", "12".into(), 0);
        memo.put("d", "1234".into(), 0);
        assert_eq!(memo.len(), 3);
        // A change empties it, bytes and all.
        memo.put("e", "1234567890".into(), 1);
        assert_eq!(memo.get("e", 1).as_deref(), Some("1234567890"));
    }

    #[test]
    fn the_servers_own_writes_move_the_generation_before_they_return() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let db =
            crate::db::Db::open(&path, crate::config::Synchronous::Normal, dir.path()).unwrap();
        db.conn()
            .unwrap()
            .execute_batch("CREATE TABLE scratch (x)")
            .unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let count = |c: &mut Connection| {
            Ok(c.query_row("SELECT count(*) FROM scratch", [], |r| r.get::<_, i64>(0))?)
        };
        let start = db.generation();
        assert_eq!(runtime.block_on(db.run(count)).unwrap(), 0);
        assert_eq!(db.generation(), start, "a read moves nothing");

        runtime
            .block_on(db.write(|tx| Ok(tx.execute("INSERT INTO scratch VALUES (1)", [])?)))
            .unwrap();
        let after_write = db.generation();
        assert!(after_write > start, "Db::write");
        // A write that changes no row changes nothing.
        runtime
            .block_on(db.write(|tx| Ok(tx.execute("DELETE FROM scratch WHERE x = 2", [])?)))
            .unwrap();
        assert_eq!(db.generation(), after_write);
        // Scheduled jobs and lookups write through a connection of their own.
        db.conn()
            .unwrap()
            .execute("INSERT INTO scratch VALUES (2)", [])
            .unwrap();
        assert!(db.generation() > after_write, "Db::conn");
    }

    #[test]
    fn another_process_committing_moves_the_generation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x);")
            .unwrap();
        let generation = Generation::default();
        let watcher = generation.watch_other_writers(&path).unwrap();
        let before = generation.current();
        std::thread::sleep(WATCH_EVERY * 3);
        assert_eq!(
            generation.current(),
            before,
            "nothing committed, nothing moved"
        );

        writer.execute("INSERT INTO t VALUES (1)", []).unwrap();
        // Bounded: 10 s, forty times the watcher's period.
        let noticed = (0..400).any(|_| {
            std::thread::sleep(Duration::from_millis(25));
            generation.current() > before
        });
        assert!(noticed, "the commit was not noticed");

        // Stopping the watcher closes its connection: with the writer's gone too, SQLite
        // folds the WAL back into the database and removes it.
        drop(watcher);
        drop(writer);
        assert!(
            !dir.path().join("w.db-wal").exists(),
            "a connection is still open"
        );
    }
}
