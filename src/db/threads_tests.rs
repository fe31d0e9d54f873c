//! The database access model: reads on the readers, writes one after another on the
//! writer, bounded queues answering 503, a panic failing only its own call.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::*;

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

/// Holds database calls (on their threads) until opened.
#[derive(Clone, Default)]
struct Gate(Arc<(Mutex<bool>, Condvar)>);

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

/// A runtime with two workers named `name`, like the server's on a 2-core machine, and a
/// fresh database in a temp dir (removed when the dir is dropped) with a table `t`.
fn temp_db(name: &str) -> (tokio::runtime::Runtime, tempfile::TempDir, Db) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(name)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("t.db"), Synchronous::Normal, dir.path()).expect("open");
    runtime
        .block_on(db.write(|tx| Ok(tx.execute_batch("CREATE TABLE t (x INTEGER)")?)))
        .expect("table");
    (runtime, dir, db)
}

async fn rows(db: &Db) -> i64 {
    db.read(|c| Ok(c.query_row("SELECT count(*) FROM t", [], |r| r.get(0))?))
        .await
        .expect("count")
}

/// Polls `until` every 10 ms for at most 5 s.
async fn eventually(until: impl Fn() -> bool) {
    for _ in 0..500 {
        if until() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[test]
fn reads_run_on_the_readers_at_once_and_start_no_other_threads() {
    let (runtime, _dir, db) = temp_db("db-readers");
    let (inside, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let ran_on = Arc::new(Mutex::new(std::collections::HashSet::new()));
    let answers = runtime.block_on(async {
        let calls: Vec<_> = (0..64_i64)
            .map(|i| {
                let (db, inside, most) = (db.clone(), Arc::clone(&inside), Arc::clone(&most));
                let ran_on = Arc::clone(&ran_on);
                tokio::spawn(async move {
                    db.read(move |conn| {
                        let me = std::thread::current();
                        assert_eq!(me.name(), Some(threads::READER_NAME));
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
    assert!(most > 1 && most <= READERS as usize, "{most} at once");
    let ran_on = ran_on.lock().expect("lock").len();
    assert!(ran_on <= READERS as usize, "ran on {ran_on} threads");
    assert_eq!(
        threads_named("db-readers"),
        2,
        "no runtime thread was added"
    );
}

#[test]
fn readers_cannot_write() {
    let (runtime, _dir, db) = temp_db("db-query-only");
    runtime.block_on(async {
        let refused = db
            .read(|c| Ok(c.execute("INSERT INTO t VALUES (1)", [])?))
            .await;
        assert!(matches!(refused, Err(Error::Database(_))), "{refused:?}");
        assert_eq!(rows(&db).await, 0);
    });
}

#[test]
fn a_failed_or_panicking_call_fails_alone_and_its_write_is_rolled_back() {
    let (runtime, _dir, db) = temp_db("db-panics");
    runtime.block_on(async {
        let failed = db
            .write(|tx| -> Result<()> {
                tx.execute("INSERT INTO t VALUES (1)", [])?;
                Err(Error::BadRequest("no".into()))
            })
            .await;
        assert!(matches!(failed, Err(Error::BadRequest(_))), "{failed:?}");
        for _ in 0..3 {
            let panicked = db
                .write(|tx| -> Result<()> {
                    tx.execute("INSERT INTO t VALUES (1)", [])?;
                    panic!("boom")
                })
                .await;
            assert!(matches!(panicked, Err(Error::Internal(_))), "{panicked:?}");
            let panicked = db.read(|_| -> Result<()> { panic!("boom") }).await;
            assert!(matches!(panicked, Err(Error::Internal(_))), "{panicked:?}");
        }
        assert_eq!(rows(&db).await, 0, "every failed write was rolled back");
        // The writer and every reader still work.
        for i in 0..4 {
            db.write(move |tx| Ok(tx.execute("INSERT INTO t VALUES (?1)", [i])?))
                .await
                .expect("a write after the panics");
        }
        for _ in 0..2 * READERS {
            assert_eq!(rows(&db).await, 4);
        }
    });
}

#[test]
fn writes_run_one_after_another_on_the_writer_while_reads_go_on() {
    let (runtime, _dir, db) = temp_db("db-writes");
    let gate = Gate::default();
    let (inside, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let ran_on = Arc::new(Mutex::new(std::collections::HashSet::new()));
    runtime.block_on(async {
        let writes: Vec<_> = (0..8_i64)
            .map(|i| {
                let (db, gate) = (db.clone(), gate.clone());
                let (inside, most) = (Arc::clone(&inside), Arc::clone(&most));
                let ran_on = Arc::clone(&ran_on);
                tokio::spawn(async move {
                    db.write(move |tx| {
                        let me = std::thread::current();
                        assert_eq!(me.name(), Some(threads::WRITER_NAME));
                        ran_on.lock().expect("lock").insert(me.id());
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
        eventually(|| inside.load(Ordering::SeqCst) == 1).await;
        assert_eq!(inside.load(Ordering::SeqCst), 1, "one write at a time");
        // A write holds the writer: reads still answer, and see only what was committed.
        assert_eq!(rows(&db).await, 0);
        gate.open();
        for w in writes {
            w.await
                .expect("task")
                .expect("a write that waited its turn");
        }
        assert_eq!(rows(&db).await, 8);
    });
    assert_eq!(
        most.load(Ordering::SeqCst),
        1,
        "writes ran one after another"
    );
    assert_eq!(
        ran_on.lock().expect("lock").len(),
        1,
        "all on the one writer"
    );
}

#[test]
fn writes_beyond_the_queue_get_503_after_the_wait_and_change_nothing() {
    let (runtime, _dir, db) = temp_db("db-queue");
    let gate = Gate::default();
    let running = Arc::new(AtomicUsize::new(0));
    runtime.block_on(async {
        // One write on the writer, held; one waiting in its queue (which holds one).
        let held: Vec<_> = (0..2)
            .map(|_| {
                let (db, gate, running) = (db.clone(), gate.clone(), Arc::clone(&running));
                tokio::spawn(async move {
                    db.write(move |_| {
                        running.fetch_add(1, Ordering::SeqCst);
                        gate.wait();
                        Ok(())
                    })
                    .await
                })
            })
            .collect();
        eventually(|| running.load(Ordering::SeqCst) == 1 && db.writes_waiting() == 1).await;
        assert_eq!(db.writes_waiting(), 1);
        // Bounded, so that a write that waited forever instead would fail, not hang.
        let refused = tokio::time::timeout(
            WAIT + Duration::from_secs(5),
            db.write(|tx| Ok(tx.execute("INSERT INTO t VALUES (1)", [])?)),
        )
        .await;
        assert!(
            matches!(refused, Ok(Err(Error::Unavailable(_)))),
            "{refused:?}"
        );
        gate.open();
        for call in held {
            call.await.expect("task").expect("a held write");
        }
        assert_eq!(rows(&db).await, 0, "the refused insert ran after all");
    });
}
