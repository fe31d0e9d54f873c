//! The idle scenario: the server after its setup, with no client connected, watched from
//! /proc for a fixed window. Wake-ups are the voluntary context switches of all its
//! threads (each one a thread that went to sleep after being woken). Writes are judged
//! by `write_bytes` of `/proc/PID/io` (what the process sent towards storage, page-cache
//! writes and mapped files included) and by the files of the data dir and the log, which
//! must not change; `wchar` is reported beside, but it also counts bytes written to
//! sockets and eventfds (the watchdog's 11-byte pings, 8 bytes per cross-thread wake-up).
//! Reading /proc never wakes the server.
//!
//! The server runs with systemd's watchdog as the shipped unit sets it (`WatchdogSec`:
//! `WATCHDOG_USEC`, and a `NOTIFY_SOCKET` this module reads), since its pings are part of
//! what an idle Raspberry Pi pays.

use std::collections::BTreeMap;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::load;
use super::procfs::{self, Io};

/// The shipped unit's `WatchdogSec` (systemd/aisle.service) in microseconds; aisle pings
/// every half of it.
pub fn watchdog_usec() -> u64 {
    include_str!("../../systemd/aisle.service")
        .lines()
        .find_map(|l| l.strip_prefix("WatchdogSec="))
        .and_then(|v| v.trim().trim_end_matches('s').parse::<u64>().ok())
        .map_or(30_000_000, |secs| secs * 1_000_000)
}

/// A stand-in for systemd's notify socket: counts the `WATCHDOG=1` pings it receives.
pub struct Notify {
    path: PathBuf,
    pings: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Notify {
    /// Binds a datagram socket (in the temporary directory: the path of a Unix socket
    /// must stay short) and reads it on a thread of its own until dropped, so the
    /// server's notifications never wait for room.
    pub fn bind() -> Result<Notify, String> {
        let path = std::env::temp_dir().join(format!("aisle-bench-{}.notify", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let socket = UnixDatagram::bind(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .map_err(|e| e.to_string())?;
        let pings = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let (pings, stop) = (Arc::clone(&pings), Arc::clone(&stop));
            thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while !stop.load(Ordering::Relaxed) {
                    if let Ok(n) = socket.recv(&mut buf) {
                        let message = String::from_utf8_lossy(&buf[..n]);
                        if message.lines().any(|l| l == "WATCHDOG=1") {
                            pings.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        };
        Ok(Notify {
            path,
            pings,
            stop,
            reader: Some(reader),
        })
    }

    /// The server's environment for the shipped unit's watchdog (`watchdog_usec`).
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("NOTIFY_SOCKET", self.path.display().to_string()),
            ("WATCHDOG_USEC", watchdog_usec().to_string()),
        ]
    }

    pub fn pings(&self) -> u64 {
        self.pings.load(Ordering::Relaxed)
    }
}

impl Drop for Notify {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The threads of one name (`comm`) over the window.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Threads {
    pub comm: String,
    pub threads: usize,
    /// Voluntary context switches: the wake-ups.
    pub voluntary: u64,
    pub nonvoluntary: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Idle {
    /// Quiet time before the window (no client connected).
    pub settle_s: f64,
    pub window_s: f64,
    /// Voluntary context switches of all threads over the window, and per second.
    pub wakeups: u64,
    pub wakeups_per_s: f64,
    pub nonvoluntary: u64,
    /// By thread name, most wake-ups first.
    pub by_name: Vec<Threads>,
    /// Threads that started or ended during the window (an ended thread counts its
    /// switches up to its last sample, every `SAMPLE_EVERY`).
    pub threads_started: usize,
    pub threads_ended: usize,
    /// Growth of `/proc/PID/io` over the window; `None` when it could not be read.
    pub written: Option<Io>,
    /// Files of the data dir (and the server's log) whose size or time changed.
    pub files_changed: Vec<String>,
    /// `WATCHDOG=1` pings the server sent during the window.
    pub watchdog_pings: u64,
}

impl Idle {
    /// Bytes written towards storage over the window (`write_bytes`); `None` when
    /// /proc/PID/io was unreadable.
    pub fn bytes_written(&self) -> Option<u64> {
        self.written.map(|w| w.write_bytes)
    }

    /// Nothing reached a file: no bytes towards storage, no file changed.
    pub fn wrote_nothing(&self) -> bool {
        self.bytes_written() == Some(0) && self.files_changed.is_empty()
    }
}

/// Size and modification time of every file under `paths` (directories two levels deep).
fn files(paths: &[PathBuf]) -> BTreeMap<PathBuf, (u64, Option<std::time::SystemTime>)> {
    fn walk(
        p: &Path,
        depth: usize,
        out: &mut BTreeMap<PathBuf, (u64, Option<std::time::SystemTime>)>,
    ) {
        let Ok(meta) = std::fs::metadata(p) else {
            return;
        };
        if meta.is_dir() {
            if depth > 0 {
                for entry in std::fs::read_dir(p).into_iter().flatten().flatten() {
                    walk(&entry.path(), depth - 1, out);
                }
            }
        } else {
            out.insert(p.to_path_buf(), (meta.len(), meta.modified().ok()));
        }
    }
    let mut out = BTreeMap::new();
    for p in paths {
        walk(p, 2, &mut out);
    }
    out
}

const SAMPLE_EVERY: Duration = Duration::from_millis(250);

/// One thread over the window: (voluntary, involuntary) switches at its start (or 0 for
/// a thread born in it) and at the last sample, and whether it was still there.
struct Seen {
    comm: String,
    from: (u64, u64),
    last: (u64, u64),
    alive: bool,
}

/// Waits `settle`, then watches the server `pid` for `window`: every thread's context
/// switches (sampled every `SAMPLE_EVERY`, so threads that come and go are counted), its
/// write counters and the files under `watched`.
pub fn measure(
    pid: &str,
    settle: Duration,
    window: Duration,
    notify: Option<&Notify>,
    watched: &[PathBuf],
) -> Idle {
    thread::sleep(settle);
    let files0 = files(watched);
    let mut seen: BTreeMap<u64, Seen> = BTreeMap::new();
    for t in procfs::thread_switches(pid) {
        let at = (t.voluntary, t.nonvoluntary);
        seen.insert(
            t.tid,
            Seen {
                comm: t.comm,
                from: at,
                last: at,
                alive: true,
            },
        );
    }
    let io0 = procfs::io(pid);
    let pings0 = notify.map_or(0, Notify::pings);
    let t0 = Instant::now();
    let end = t0 + window;
    let mut started = 0;
    loop {
        let now = Instant::now();
        let last = now >= end;
        let threads = procfs::thread_switches(pid);
        for entry in seen.values_mut() {
            entry.alive = false;
        }
        for t in threads {
            let entry = seen.entry(t.tid).or_insert_with(|| {
                started += 1;
                // Born in the window: all its switches are.
                Seen {
                    comm: String::new(),
                    from: (0, 0),
                    last: (0, 0),
                    alive: true,
                }
            });
            entry.comm = t.comm;
            entry.last = (t.voluntary, t.nonvoluntary);
            entry.alive = true;
        }
        if last {
            break;
        }
        thread::sleep(SAMPLE_EVERY.min(end - now));
    }
    let window_s = t0.elapsed().as_secs_f64();
    let files1 = files(watched);
    let files_changed = files1
        .iter()
        .filter(|(path, now)| files0.get(*path) != Some(*now))
        .chain(
            files0
                .iter()
                .filter(|(path, _)| !files1.contains_key(*path)),
        )
        .map(|(path, _)| path.display().to_string())
        .collect();
    let written = match (io0, procfs::io(pid)) {
        (Some(a), Some(b)) => Some(Io {
            wchar: b.wchar.saturating_sub(a.wchar),
            syscw: b.syscw.saturating_sub(a.syscw),
            write_bytes: b.write_bytes.saturating_sub(a.write_bytes),
        }),
        _ => None,
    };
    let mut by_name: BTreeMap<String, Threads> = BTreeMap::new();
    let mut ended = 0;
    for t in seen.into_values() {
        ended += usize::from(!t.alive);
        let group = by_name.entry(t.comm.clone()).or_insert_with(|| Threads {
            comm: t.comm,
            ..Threads::default()
        });
        group.threads += 1;
        group.voluntary += t.last.0.saturating_sub(t.from.0);
        group.nonvoluntary += t.last.1.saturating_sub(t.from.1);
    }
    let mut by_name: Vec<Threads> = by_name.into_values().collect();
    by_name.sort_by(|a, b| b.voluntary.cmp(&a.voluntary).then(a.comm.cmp(&b.comm)));
    let wakeups = by_name.iter().map(|t| t.voluntary).sum::<u64>();
    Idle {
        settle_s: load::round3(settle.as_secs_f64()),
        window_s: load::round3(window_s),
        wakeups,
        wakeups_per_s: load::round3(if window_s > 0.0 {
            wakeups as f64 / window_s
        } else {
            0.0
        }),
        nonvoluntary: by_name.iter().map(|t| t.nonvoluntary).sum(),
        by_name,
        threads_started: started,
        threads_ended: ended,
        written,
        files_changed,
        watchdog_pings: notify.map_or(0, Notify::pings).saturating_sub(pings0),
    }
}
