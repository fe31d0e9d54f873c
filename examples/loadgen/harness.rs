//! The benchmark (docs/PERFORMANCE.md): starts a real `aisle` on a loopback port with a
//! fresh data dir, seeds a realistic dataset, runs the scenarios over real sockets and
//! reports throughput, latency percentiles, errors, change-to-event latency, server CPU
//! and memory, and what the server does while idle.
//!
//! Shared by `examples/loadgen/main.rs` (the `loadgen` example run by `scripts/bench`)
//! and `tests/bench_smoke.rs` (a smoke run with tiny numbers, so the harness cannot rot).
//! Every loop is bounded by a count or a deadline.

#[path = "client.rs"]
pub mod client;
#[path = "event_loop.rs"]
pub mod event_loop;
#[path = "idle.rs"]
pub mod idle;
#[path = "load.rs"]
pub mod load;
#[path = "procfs.rs"]
pub mod procfs;
#[path = "report.rs"]
pub mod report;
#[path = "scenarios.rs"]
mod scenarios;
#[path = "seed.rs"]
pub mod seed;
#[path = "setup.rs"]
mod setup;
#[path = "sse.rs"]
pub mod sse;

use std::net::TcpListener;
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use procfs::Server;
use report::{Dataset, Report};

/// The password of every benchmark account (passes the password policy).
pub const PASSWORD: &str = "bench-cabbage-basket-7391";
const PAGE_LIST: &str = "Weekly shop";
const TIMEOUT: Duration = Duration::from_secs(15);

/// How big and how long. `full()` is the benchmark; `smoke()` checks the harness works.
#[derive(Debug, Clone)]
pub struct Scale {
    pub households: usize,
    pub list_items: usize,
    pub history_items: u64,
    pub products: u64,
    pub cold_starts: usize,
    /// From the server's start to the idle RSS reading.
    pub idle_settle: Duration,
    /// The idle scenario: quiet time after the setup (past tokio's 10 s keep-alive of the
    /// blocking threads that hashed the logins), then the measured window.
    pub quiet_settle: Duration,
    pub quiet_window: Duration,
    pub warmup: Duration,
    /// Alternating rounds of `/health/live` and the list pages.
    pub rounds: usize,
    pub round: Duration,
    pub conns: usize,
    pub op_rate: f64,
    pub op_time: Duration,
    pub ramp: Vec<f64>,
    pub ramp_step: Duration,
    pub add_conns: usize,
    pub add_time: Duration,
    pub sse_subscribers: usize,
    pub sse_rate: f64,
    pub sse_time: Duration,
    pub sse_drain: Duration,
    /// Grow the database to at least this many bytes before the backup (0: as it is).
    pub backup_db_bytes: u64,
    pub backup_op_rate: f64,
    pub backup_margin: Duration,
}

impl Scale {
    pub fn full() -> Scale {
        Scale {
            households: 8,
            list_items: 60,
            history_items: 100_000,
            products: 10_000,
            cold_starts: 5,
            idle_settle: Duration::from_secs(2),
            quiet_settle: Duration::from_secs(12),
            quiet_window: Duration::from_secs(60),
            warmup: Duration::from_secs(1),
            rounds: 3,
            round: Duration::from_secs(5),
            conns: 64,
            op_rate: 100.0,
            op_time: Duration::from_secs(15),
            ramp: vec![
                150.0, 200.0, 300.0, 400.0, 600.0, 800.0, 1200.0, 1600.0, 2400.0,
            ],
            ramp_step: Duration::from_secs(4),
            add_conns: 8,
            add_time: Duration::from_secs(8),
            sse_subscribers: 1000,
            sse_rate: 20.0,
            sse_time: Duration::from_secs(15),
            sse_drain: Duration::from_secs(2),
            backup_db_bytes: 110_000_000,
            backup_op_rate: 50.0,
            backup_margin: Duration::from_secs(2),
        }
    }

    pub fn smoke() -> Scale {
        Scale {
            households: 2,
            list_items: 60,
            history_items: 600,
            products: 100,
            cold_starts: 1,
            idle_settle: Duration::from_millis(300),
            quiet_settle: Duration::from_millis(300),
            quiet_window: Duration::from_secs(2),
            warmup: Duration::from_millis(100),
            rounds: 1,
            round: Duration::from_millis(500),
            conns: 4,
            op_rate: 20.0,
            op_time: Duration::from_secs(1),
            ramp: vec![40.0],
            ramp_step: Duration::from_millis(500),
            add_conns: 2,
            add_time: Duration::from_millis(500),
            sse_subscribers: 10,
            sse_rate: 10.0,
            sse_time: Duration::from_secs(1),
            sse_drain: Duration::from_millis(500),
            backup_db_bytes: 0,
            backup_op_rate: 10.0,
            backup_margin: Duration::from_millis(300),
        }
    }
}

pub struct Options {
    /// The `aisle` binary under test.
    pub bin: PathBuf,
    /// Where the data dir, server logs and the report go.
    pub out: PathBuf,
    pub mode: String,
    pub scale: Scale,
    /// Keep the data dir (it is over 100 MB after a full run).
    pub keep_data: bool,
}

/// One household as the load sees it.
struct Household {
    auth: String,
    cookie: String,
    page_list: i64,
    /// Lists like `page_list`, one per connection of the page-after-a-change rounds:
    /// (id, item ids).
    own_lists: Vec<(i64, Vec<i64>)>,
    checkoff_list: i64,
    checkoff_items: Vec<i64>,
    add_list: i64,
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free loopback port: {e}"))
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if !n.is_multiple_of(2) {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn ms(d: Duration) -> f64 {
    load::round3(d.as_secs_f64() * 1000.0)
}

pub fn run(opts: &Options) -> Result<Report, String> {
    let started = Instant::now();
    let started_unix_ms = seed::now_ms();
    let sc = &opts.scale;
    let bin = &opts.bin;
    let tag = format!("b{started_unix_ms}");
    std::fs::create_dir_all(&opts.out).map_err(|e| format!("{}: {e}", opts.out.display()))?;
    let data = opts.out.join("data");
    if data.exists() {
        std::fs::remove_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    }
    let db = data.join("aisle.db");
    let mut notes = Vec::new();
    let mut machine = procfs::machine();
    let ticks = procfs::clock_ticks();
    let binary = setup::binary_info(bin);
    eprintln!("loadgen: {} mode, binary {}", opts.mode, bin.display());

    // Accounts through the CLI, one household each; then the bulk history into SQLite.
    let users: Vec<String> = (0..sc.households).map(|h| format!("bench{h}")).collect();
    let tokens = setup::accounts(bin, &data.to_string_lossy(), &users)?;
    let household_ids = seed::households(&db, &users)?;
    eprintln!(
        "loadgen: seeding {} history items and {} products",
        sc.history_items, sc.products
    );
    let seeded = seed::history(&db, &household_ids, sc.history_items, sc.products)?;
    let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    let products_in_catalogue = seeded.products_in_catalogue;

    let cold_start = setup::cold_starts(opts, &data, db_bytes)?;
    eprintln!("loadgen: cold start {:?} ms", cold_start.trials_ms);

    // The main server, under a stand-in for systemd's watchdog as the shipped unit sets it.
    let notify = idle::Notify::bind()?;
    let server = Server::start_with(
        bin,
        &data,
        free_port()?,
        &opts.out.join("server.log"),
        &notify.env(),
    )?;
    let pid = server.pid.to_string();
    thread::sleep(sc.idle_settle);
    let idle = procfs::memory(&pid);
    let (idle_vmrss_kb, idle_vmhwm_kb) = (idle.vmrss_kb, idle.vmhwm_kb);
    let base = server.base();

    // Live lists through the API, and a browser session per household.
    let own = sc.conns.div_ceil(sc.households.max(1));
    let (households, mut list_items) =
        setup::households(&base, &users, &tokens, sc.list_items, own)?;
    let (live_list, live_items) =
        setup::make_list(&base, &households[0].auth, "Live", sc.list_items, 3)?;
    list_items.push(live_items.len());
    let after_setup = procfs::memory(&pid);

    // Idle with no client connected (the setup's connections closed with their agents).
    // No live stream either: its heartbeat is a wake-up by design, paid only while a
    // phone has the list open.
    eprintln!(
        "loadgen: idle for {:?} after {:?} of quiet",
        sc.quiet_window, sc.quiet_settle
    );
    let idle_window = idle::measure(
        &pid,
        sc.quiet_settle,
        sc.quiet_window,
        Some(&notify),
        &[data.clone(), opts.out.join("server.log")],
    );
    if !procfs::reset_peak(&pid) {
        notes.push(
            "The kernel refused to reset VmHWM (/proc/PID/clear_refs), so each scenario's peak RSS is the peak so far.".into(),
        );
    }
    let dataset = Dataset {
        households: sc.households,
        list_items,
        seeded,
        db_bytes,
    };

    let target = scenarios::Target {
        scale: sc,
        base: &base,
        port: server.port,
        pid: &pid,
        ticks,
        tag: &tag,
    };
    eprintln!("loadgen: /health/live and the list pages");
    let mut scenarios = Vec::from(scenarios::pages(&target, &households));
    let live_rps = scenarios[0].summary.throughput_rps;
    eprintln!("loadgen: check-off ops at {} ops/s", sc.op_rate);
    let checkoffs = scenarios::checkoff_ops(&target, &households);
    scenarios.push(checkoffs.scenario);
    eprintln!("loadgen: adds by free text");
    scenarios.push(scenarios::adds(&target, &households, live_rps));
    eprintln!(
        "loadgen: {} SSE subscribers, {} changes/s",
        sc.sse_subscribers, sc.sse_rate
    );
    let sse = sse::sse_fanout(&target, server.port, &households[0], live_list, &live_items);
    let server_lifetime_vmhwm_kb = scenarios
        .iter()
        .map(|s| s.usage.server_vmhwm_kb)
        .chain([
            idle_vmhwm_kb,
            after_setup.vmhwm_kb,
            sse.usage.server_vmhwm_kb,
        ])
        .max()
        .unwrap_or(0);

    // A backup of a big database while ops run, on a server of its own.
    server.stop()?;
    drop(notify);
    let backup =
        scenarios::backup_during_ops(opts, &data, &db, &household_ids, &households, &tag, ticks)?;
    let errors_total = scenarios
        .iter()
        .map(|s| s.summary.errors + s.changes.as_ref().map_or(0, |c| c.ops.errors))
        .sum::<u64>()
        + sse.missing
        + sse.subscriber_errors
        + sse.resyncs
        + backup.ops.errors;

    if !opts.keep_data {
        let _ = std::fs::remove_dir_all(&data);
    }
    machine.loadavg_end = procfs::loadavg();
    if opts.mode == "smoke" {
        notes.push("Smoke mode: tiny numbers to check the harness; not a measurement.".into());
    }
    if !products_in_catalogue {
        notes.push(
            "This schema has no products table: the products were seeded as household item history (the autocomplete the list page reads).".into(),
        );
    }
    let mut report = Report {
        mode: opts.mode.clone(),
        commit: setup::git_describe(),
        started_unix_ms,
        total_s: load::round1(started.elapsed().as_secs_f64()),
        machine,
        binary,
        dataset,
        idle_vmrss_kb,
        idle_vmhwm_kb,
        idle,
        idle_window,
        after_setup,
        cold_start,
        scenarios,
        checkoff_ramp: checkoffs.ramp,
        highest_sustainable_ops_per_s: checkoffs.highest,
        highest_sustainable_is_lower_bound: checkoffs.lower_bound,
        sse,
        backup,
        server_lifetime_vmhwm_kb,
        errors_total,
        budgets: Vec::new(),
        notes,
    };
    report.judge();
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    std::fs::write(opts.out.join("report.json"), json).map_err(|e| e.to_string())?;
    std::fs::write(opts.out.join("report.md"), report.markdown()).map_err(|e| e.to_string())?;
    Ok(report)
}
