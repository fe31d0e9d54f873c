//! The server under test as a child process (start, wait for ready, stop), the CLI
//! commands used for seeding and backups, and what /proc says about a process.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use super::client;

pub fn command(bin: &Path) -> Command {
    let mut cmd = Command::new(bin);
    // Whatever AISLE_* the caller has set would leak into the server.
    for (name, _) in std::env::vars_os() {
        if name.as_encoded_bytes().starts_with(b"AISLE_") {
            cmd.env_remove(name);
        }
    }
    cmd.env("NO_COLOR", "1");
    // A measured server announces nothing on the network.
    cmd.env("AISLE_MDNS", "off");
    cmd
}

/// Runs a CLI command to completion (bounded); stdout on success.
pub fn run_cli(bin: &Path, args: &[&str], stdin: Option<&str>) -> Result<String, String> {
    let mut child = command(bin)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().ok_or("no stdin pipe")?;
        pipe.write_all(input.as_bytes())
            .map_err(|e| format!("writing stdin: {e}"))?;
    }
    let status = wait_bounded(&mut child, Duration::from_secs(300))?;
    let output = child
        .wait_with_output()
        .map_err(|e| format!("reading output: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !status.success() {
        return Err(format!(
            "aisle {} failed ({status}): {}{}",
            args.join(" "),
            stdout,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(stdout)
}

fn wait_bounded(child: &mut Child, limit: Duration) -> Result<ExitStatus, String> {
    let end = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok(status);
        }
        if Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("a child did not exit within {limit:?}"));
        }
        thread::sleep(Duration::from_millis(5));
    }
}

/// A running `aisle serve`. Killed on drop if not stopped.
pub struct Server {
    pub child: Child,
    pub pid: u32,
    pub port: u16,
    /// From spawn to the first 200 from `/health/ready`.
    pub ready_after: Duration,
}

impl Server {
    /// Starts the server and waits (bounded) until `/health/ready` answers 200.
    pub fn start(bin: &Path, data_dir: &Path, port: u16, log: &Path) -> Result<Server, String> {
        Server::start_with(bin, data_dir, port, log, &[])
    }

    /// `start`, with `env` added to the server's environment.
    pub fn start_with(
        bin: &Path,
        data_dir: &Path,
        port: u16,
        log: &Path,
        env: &[(&str, String)],
    ) -> Result<Server, String> {
        let file = File::create(log).map_err(|e| format!("log file: {e}"))?;
        let t0 = Instant::now();
        let mut child = command(bin);
        child.envs(env.iter().map(|(k, v)| (k, v)));
        let mut child = child
            .arg("serve")
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            // No scheduled job may fire in the middle of a measurement.
            .arg("--backup-schedule=")
            .arg("--refresh-schedule=")
            .arg("--cleanup-schedule=")
            .env("AISLE_LOG", "info")
            // The generator is one address with up to 1,000 live streams open at once: let
            // them all through the front door's per-client cap (ignored by builds before it).
            .env("AISLE_MAX_CONNECTIONS_PER_CLIENT", "2048")
            .env("AISLE_MAX_CONNECTIONS", "4096")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(file)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let limit = t0 + Duration::from_secs(60);
        loop {
            if let Ok(200) = client::probe(port, "/health/ready", Duration::from_secs(2)) {
                break;
            }
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                return Err(format!(
                    "the server exited ({status}) before it was ready; its log:\n{}",
                    std::fs::read_to_string(log).unwrap_or_default()
                ));
            }
            if Instant::now() > limit {
                let _ = child.kill();
                let _ = child.wait();
                return Err("the server was not ready within 60 s".into());
            }
            thread::sleep(Duration::from_millis(2));
        }
        let ready_after = t0.elapsed();
        let pid = child.id();
        Ok(Server {
            child,
            pid,
            port,
            ready_after,
        })
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// SIGTERM (through `kill`, as std has no signals), then a bounded wait; SIGKILL if
    /// it does not go.
    pub fn stop(mut self) -> Result<(), String> {
        let sent = Command::new("kill")
            .arg("-TERM")
            .arg(self.pid.to_string())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !sent {
            let _ = self.child.kill();
        }
        match wait_bounded(&mut self.child, Duration::from_secs(15)) {
            Ok(_) => Ok(()),
            Err(e) => Err(format!("stopping the server: {e}")),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A numeric field of /proc/PID/status (`VmRSS:` → KiB, `Threads:` → a count).
pub fn status_field(pid: &str, name: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(name))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// `VmRSS` and `VmHWM` of a process, in KiB.
pub fn memory_kb(pid: &str) -> (u64, u64) {
    (status_field(pid, "VmRSS:"), status_field(pid, "VmHWM:"))
}

/// Where a process's resident memory is, at one moment.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Memory {
    pub vmrss_kb: u64,
    pub vmhwm_kb: u64,
    /// Heap, stacks and other private memory.
    pub rss_anon_kb: u64,
    /// Mapped files: the binary's own pages above all.
    pub rss_file_kb: u64,
    pub threads: u64,
}

pub fn memory(pid: &str) -> Memory {
    Memory {
        vmrss_kb: status_field(pid, "VmRSS:"),
        vmhwm_kb: status_field(pid, "VmHWM:"),
        rss_anon_kb: status_field(pid, "RssAnon:"),
        rss_file_kb: status_field(pid, "RssFile:"),
        threads: status_field(pid, "Threads:"),
    }
}

/// Resets a process's `VmHWM` to its current RSS (`echo 5 > /proc/PID/clear_refs`);
/// false when the kernel refused.
pub fn reset_peak(pid: &str) -> bool {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok()
}

/// The clock ticks per second behind /proc/PID/stat (`getconf CLK_TCK`; 100 elsewhere).
pub fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// User + system CPU seconds a process has used.
pub fn cpu_seconds(pid: &str, ticks: f64) -> f64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the `(comm)`: state is field 3, utime 14, stime 15.
    let rest = text.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let get = |i: usize| -> f64 { fields.get(i).and_then(|f| f.parse().ok()).unwrap_or(0.0) };
    (get(11) + get(12)) / ticks
}

/// Whether an ELF file asks for a dynamic loader (a `PT_INTERP` program header).
pub fn is_dynamic(bin: &Path) -> Option<bool> {
    let bytes = std::fs::read(bin).ok()?;
    if bytes.get(..4)? != b"\x7fELF" || *bytes.get(4)? != 2 {
        return None; // not a 64-bit ELF
    }
    let u16_at = |o: usize| Some(u16::from_le_bytes(bytes.get(o..o + 2)?.try_into().ok()?));
    let u64_at = |o: usize| Some(u64::from_le_bytes(bytes.get(o..o + 8)?.try_into().ok()?));
    let phoff = usize::try_from(u64_at(0x20)?).ok()?;
    let phentsize = usize::from(u16_at(0x36)?);
    let phnum = usize::from(u16_at(0x38)?);
    Some((0..phnum).any(|i| {
        let at = phoff + i * phentsize;
        bytes
            .get(at..at + 4)
            .is_some_and(|t| u32::from_le_bytes([t[0], t[1], t[2], t[3]]) == 3)
    }))
}

/// The machine the run happened on.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Machine {
    pub nproc: usize,
    pub cpu_model: String,
    pub mem_total_mb: u64,
    pub kernel: String,
    pub loadavg_start: String,
    pub loadavg_end: String,
}

pub fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    Machine {
        nproc: thread::available_parallelism().map_or(1, |n| n.get()),
        cpu_model: cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            .unwrap_or_default(),
        mem_total_mb: meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
            / 1024,
        kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .unwrap_or_default()
            .trim()
            .to_string(),
        loadavg_start: loadavg(),
        loadavg_end: String::new(),
    }
}

pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One thread of a process: its name and its context switches so far.
#[derive(Debug, Clone, Default)]
pub struct ThreadSwitches {
    pub tid: u64,
    pub comm: String,
    pub voluntary: u64,
    pub nonvoluntary: u64,
}

/// Every thread of a process now (`/proc/PID/task/*`); empty when the process is gone.
pub fn thread_switches(pid: &str) -> Vec<ThreadSwitches> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    let mut threads = Vec::new();
    for task in tasks.flatten() {
        let Some(tid) = task.file_name().to_str().and_then(|t| t.parse().ok()) else {
            continue;
        };
        let dir = task.path();
        // A thread that ended between the listing and these reads is skipped.
        let Ok(status) = std::fs::read_to_string(dir.join("status")) else {
            continue;
        };
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0)
        };
        threads.push(ThreadSwitches {
            tid,
            comm: std::fs::read_to_string(dir.join("comm"))
                .unwrap_or_default()
                .trim()
                .to_string(),
            voluntary: field("voluntary_ctxt_switches:"),
            nonvoluntary: field("nonvoluntary_ctxt_switches:"),
        });
    }
    threads.sort_by_key(|t| t.tid);
    threads
}

/// What `/proc/PID/io` counts: bytes handed to `write` and friends (`wchar`, any file,
/// pipe or socket written through them), write calls (`syscw`), and bytes the process
/// caused to be sent to storage (`write_bytes`).
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Io {
    pub wchar: u64,
    pub syscw: u64,
    pub write_bytes: u64,
}

/// `None` when `/proc/PID/io` cannot be read (another user's process, or no such file).
pub fn io(pid: &str) -> Option<Io> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
    };
    Some(Io {
        wchar: field("wchar:")?,
        syscw: field("syscw:")?,
        write_bytes: field("write_bytes:")?,
    })
}
