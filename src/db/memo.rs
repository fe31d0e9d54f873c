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
    /// connection has committed) and stops once every clone of `self` is gone.
    pub fn watch_other_writers(&self, path: &Path) -> std::io::Result<()> {
        let conn = Connection::open(path).map_err(std::io::Error::other)?;
        let generation: Weak<AtomicU64> = Arc::downgrade(&self.0);
        std::thread::Builder::new()
            .name("aisle-db-watch".into())
            .spawn(move || {
                let mut seen = data_version(&conn);
                loop {
                    std::thread::sleep(WATCH_EVERY);
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
        Ok(())
    }
}

fn data_version(conn: &Connection) -> Option<i64> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0)).ok()
}

/// Values kept while the generation they were read at is the current one. At most
/// `capacity` of them: when full, new ones are not kept until the next change clears it.
pub struct Memo<K, V> {
    capacity: usize,
    state: Mutex<State<K, V>>,
}

struct State<K, V> {
    generation: u64,
    entries: HashMap<K, V>,
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    pub fn new(capacity: usize) -> Memo<K, V> {
        Memo {
            capacity,
            state: Mutex::new(State {
                generation: 0,
                entries: HashMap::new(),
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
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.forget_before(generation);
        if state.generation == generation
            && (state.entries.len() < self.capacity || state.entries.contains_key(&key))
        {
            state.entries.insert(key, value);
        }
    }

    pub fn len(&self) -> usize {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<K, V> State<K, V> {
    /// Drops everything older than `generation`, which becomes the memo's.
    fn forget_before(&mut self, generation: u64) {
        if generation > self.generation {
            self.generation = generation;
            self.entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_lasts_until_the_generation_moves() {
        let memo = Memo::new(8);
        memo.put("a", 1, 3);
        assert_eq!(memo.get(&"a", 3), Some(1));
        assert_eq!(memo.get(&"b", 3), None);
        assert_eq!(memo.get(&"a", 4), None);
        // Gone for good, not just hidden: the old generation does not bring it back.
        assert_eq!(memo.get(&"a", 3), None);
        assert!(memo.is_empty());
    }

    #[test]
    fn a_value_read_before_a_change_is_not_kept_after_it() {
        let memo = Memo::new(8);
        memo.put("a", 1, 5);
        // A slow read that began at generation 4 finishes after the memo saw 5.
        memo.put("b", 2, 4);
        assert_eq!(memo.get(&"b", 5), None);
        assert_eq!(memo.get(&"b", 4), None);
        assert_eq!(memo.get(&"a", 5), Some(1));
    }

    #[test]
    fn a_full_memo_keeps_what_it_has_and_updates_it() {
        let memo = Memo::new(2);
        memo.put(1, "one", 0);
        memo.put(2, "two", 0);
        memo.put(3, "three", 0);
        assert_eq!(memo.len(), 2);
        assert_eq!(memo.get(&3, 0), None);
        memo.put(2, "TWO", 0);
        assert_eq!(memo.get(&2, 0), Some("TWO"));
        // The next change makes room again.
        memo.put(3, "three", 1);
        assert_eq!(memo.get(&3, 1), Some("three"));
        assert_eq!(memo.len(), 1);
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
        generation.watch_other_writers(&path).unwrap();
        // Bounded: the watcher looks every WATCH_EVERY.
        let settle = || std::thread::sleep(WATCH_EVERY * 3);
        settle();
        let before = generation.current();
        settle();
        assert_eq!(
            generation.current(),
            before,
            "nothing committed, nothing moved"
        );
        writer.execute("INSERT INTO t VALUES (1)", []).unwrap();
        settle();
        assert!(generation.current() > before, "the commit was not noticed");
    }
}
