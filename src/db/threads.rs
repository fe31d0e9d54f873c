//! The database threads: a fixed set, started with the pool, that run `Db::run`'s calls.
//!
//! tokio's blocking pool starts a new thread whenever a call arrives while no thread is
//! idle, and a thread that has just handed back its result is not idle yet. Under load
//! (64 page readers, a thousand phones reconnecting) the pool grew to its cap although
//! only `POOL_SIZE` calls ever ran at once, and each extra thread kept its stack and its
//! allocator heap. Here the calls queue on a channel that these threads take from.
//!
//! The calls run outside the tokio runtime: nothing in them may `tokio::spawn` or need
//! `Handle::current()` (start such work after `Db::run` returns, on the async side).

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
        // Never full: only `Db::run` sends, and each call carries one of `count` permits.
        let (queue, calls) = async_channel::bounded::<Call>(count);
        for _ in 0..count {
            let calls = calls.clone();
            std::thread::Builder::new()
                .name(THREAD_NAME.into())
                .spawn(move || {
                    while let Ok(call) = calls.recv_blocking() {
                        // A panic fails that call only (its reply is dropped unsent, its
                        // transaction rolled back); the thread goes on with the next one.
                        if let Err(panic) = catch_unwind(AssertUnwindSafe(call)) {
                            let what = panic
                                .downcast_ref::<&str>()
                                .map(|s| s.to_string())
                                .or_else(|| panic.downcast_ref::<String>().cloned())
                                .unwrap_or_default();
                            tracing::error!("a database call panicked: {what}");
                        }
                    }
                })?;
        }
        Ok(DbThreads { queue })
    }

    /// Runs `f` on a database thread; `None` if it panicked.
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
