//! The database threads: a fixed set of readers, each taking a connection from the pool
//! for a call, and one writer that owns the write connection. Calls reach them through
//! bounded queues, so bursts never grow the process's threads (tokio's blocking pool
//! starts a thread whenever none is idle) and never more than a queue's worth waits
//! inside.
//!
//! The calls run outside the tokio runtime: nothing in them may `tokio::spawn` or need
//! `Handle::current()` (start such work after the call returns, on the async side).

use std::panic::{AssertUnwindSafe, catch_unwind};

/// The name of every reader thread and of the writer thread (as shown by `top -H`).
pub(super) const READER_NAME: &str = "aisle-db-read";
pub(super) const WRITER_NAME: &str = "aisle-db-write";

/// A call on a database thread, given that thread's own state.
pub(super) type Call<S> = Box<dyn FnOnce(&mut S) + Send>;

/// Starts one thread named `name` per state in `states` (each thread keeps its own: the
/// writer its connection), running the calls sent on the returned queue, which holds at
/// most as many calls waiting as there are threads. The threads stop once every clone of
/// the sender is dropped.
pub(super) fn start<S: Send + 'static>(
    name: &str,
    states: Vec<S>,
) -> std::io::Result<async_channel::Sender<Call<S>>> {
    let (queue, calls) = async_channel::bounded::<Call<S>>(states.len().max(1));
    for mut state in states {
        let calls = calls.clone();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                while let Ok(call) = calls.recv_blocking() {
                    // A panic fails that call only (its reply is dropped unsent, its
                    // transaction rolled back); the thread goes on with the next one.
                    if let Err(panic) = catch_unwind(AssertUnwindSafe(|| call(&mut state))) {
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
    Ok(queue)
}
