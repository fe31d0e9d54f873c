//! The database threads: a fixed set, started with the pool, that run `Db::run`'s calls.
//!
//! tokio's blocking pool starts a new thread whenever a call arrives while no thread is
//! idle, and a thread that has just handed back its result is not idle yet. Under load
//! (64 page readers, a thousand phones reconnecting) the pool grew to its cap although
//! only `POOL_SIZE` calls ever ran at once, and each extra thread kept its stack and its
//! allocator heap. Here the calls queue on a channel that these threads take from.

use std::panic::{AssertUnwindSafe, catch_unwind};

type Call = Box<dyn FnOnce() + Send>;

/// The sending end of the queue. The threads stop once every clone is dropped.
#[derive(Clone)]
pub(super) struct DbThreads {
    queue: async_channel::Sender<Call>,
}

/// The name of every database thread (as shown by `top -H`).
pub(super) const THREAD_NAME: &str = "aisle-db";

impl DbThreads {
    pub(super) fn start(count: usize) -> std::io::Result<DbThreads> {
        let (queue, calls) = async_channel::unbounded::<Call>();
        for _ in 0..count {
            let calls = calls.clone();
            std::thread::Builder::new()
                .name(THREAD_NAME.into())
                .spawn(move || {
                    while let Ok(call) = calls.recv_blocking() {
                        // A panic fails that call only (its reply is dropped unsent); the
                        // thread goes on with the next one.
                        let _ = catch_unwind(AssertUnwindSafe(call));
                    }
                })?;
        }
        Ok(DbThreads { queue })
    }

    /// Runs `f` on a database thread; `None` if it panicked. Callers bound how many calls
    /// are queued (`Db::run`'s permits), so the queue itself is unbounded.
    pub(super) async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let call: Call = Box::new(move || {
            // The caller may have gone away (a dropped request): nobody to tell.
            let _ = reply.send(f());
        });
        self.queue.send(call).await.ok()?;
        answer.await.ok()
    }
}
