//! The benchmark of issue 7: starts a real `aisle` on a loopback port with a fresh data
//! dir, seeds a realistic dataset, runs the scenarios over real sockets and reports
//! throughput, latency percentiles, errors, change-to-event latency, server CPU and memory.
//!
//! Shared by `examples/loadgen/main.rs` (the `loadgen` example run by `scripts/bench`)
//! and `tests/bench_smoke.rs` (a smoke run with tiny numbers, so the harness cannot rot).
//! Every loop is bounded by a count or a deadline.

#[path = "client.rs"]
pub mod client;
#[path = "load.rs"]
pub mod load;
#[path = "procfs.rs"]
pub mod procfs;
#[path = "report.rs"]
pub mod report;
#[path = "seed.rs"]
pub mod seed;
#[path = "sse.rs"]
pub mod sse;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;

use load::{Latency, Request, Samples};
use procfs::Server;
use report::{Backup, Binary, ColdStart, Dataset, RampStep, Report, Round, Scenario, Sse, Usage};

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
    pub idle_settle: Duration,
    pub warmup: Duration,
    /// Alternating rounds of `/health/live` and the list page.
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

/// Server CPU, loadgen CPU and server peak memory over one scenario.
struct Meter {
    pid: String,
    ticks: f64,
    server0: f64,
    self0: f64,
    t0: Instant,
}

impl Meter {
    fn start(pid: &str, ticks: f64) -> Meter {
        procfs::reset_peak(pid);
        Meter {
            pid: pid.to_string(),
            ticks,
            server0: procfs::cpu_seconds(pid, ticks),
            self0: procfs::cpu_seconds("self", ticks),
            t0: Instant::now(),
        }
    }

    fn finish(&self, requests: u64) -> Usage {
        let wall = self.t0.elapsed().as_secs_f64();
        let cpu = procfs::cpu_seconds(&self.pid, self.ticks) - self.server0;
        let (rss, hwm) = procfs::memory_kb(&self.pid);
        Usage {
            wall_s: load::round3(wall),
            server_cpu_s: load::round3(cpu),
            server_cpu_pct: load::round1(if wall > 0.0 { cpu / wall * 100.0 } else { 0.0 }),
            server_cpu_us_per_request: load::round1(if requests > 0 {
                cpu / requests as f64 * 1e6
            } else {
                0.0
            }),
            loadgen_cpu_s: load::round3(procfs::cpu_seconds("self", self.ticks) - self.self0),
            server_vmhwm_kb: hwm,
            server_vmrss_end_kb: rss,
        }
    }
}

/// The sum of two usages (rounds of one scenario).
fn add_usage(total: &mut Usage, u: &Usage, requests: u64) {
    total.wall_s = load::round3(total.wall_s + u.wall_s);
    total.server_cpu_s = load::round3(total.server_cpu_s + u.server_cpu_s);
    total.loadgen_cpu_s = load::round3(total.loadgen_cpu_s + u.loadgen_cpu_s);
    total.server_cpu_pct = load::round1(if total.wall_s > 0.0 {
        total.server_cpu_s / total.wall_s * 100.0
    } else {
        0.0
    });
    total.server_cpu_us_per_request = load::round1(if requests > 0 {
        total.server_cpu_s / requests as f64 * 1e6
    } else {
        0.0
    });
    total.server_vmhwm_kb = total.server_vmhwm_kb.max(u.server_vmhwm_kb);
    total.server_vmrss_end_kb = u.server_vmrss_end_kb;
}

fn requests_of(s: &Samples) -> u64 {
    s.lat.len() as u64 + s.errors
}

fn git_describe() -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !s.is_empty()).then_some(s)
}

fn binary_info(bin: &Path) -> Binary {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    let dynamic = procfs::is_dynamic(bin);
    // The benchmarked binary itself when it is static (`--server dist/…`), or else the
    // static x86_64 build that scripts/build-release puts in dist/.
    let static_bin = if dynamic == Some(false) {
        Some(bin.to_path_buf())
    } else {
        bin.ancestors()
            .nth(3)
            .map(|root| root.join("dist/aisle-x86_64-linux"))
            .filter(|p| p.is_file())
    };
    Binary {
        path: bin.display().to_string(),
        size_bytes: size(bin).unwrap_or(0),
        dynamic,
        static_size_bytes: static_bin.as_deref().and_then(size),
        static_path: static_bin.map(|p| p.display().to_string()),
    }
}

/// A list made through the API (name, then `items` parsed from add text): (id, item ids).
fn make_list(
    base: &str,
    auth: &str,
    name: &str,
    items: usize,
    offset: usize,
) -> Result<(i64, Vec<i64>), String> {
    let a = client::agent(TIMEOUT);
    let headers = [("Authorization", auth)];
    let list = client::post_json(
        &a,
        &format!("{base}/api/v1/lists"),
        &headers,
        &json!({ "name": name }),
    )?
    .expect(201, "POST /api/v1/lists")?
    .json()?;
    let id = list["id"].as_i64().ok_or("the new list has no id")?;
    if items == 0 {
        return Ok((id, Vec::new()));
    }
    let added = client::post_json(
        &a,
        &format!("{base}/api/v1/lists/{id}/items"),
        &headers,
        &json!({ "text": seed::list_text(items, offset) }),
    )?
    .expect(201, "POST /api/v1/lists/{id}/items")?
    .json()?;
    let ids = added["items"]
        .as_array()
        .ok_or("no items in the answer")?
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect();
    Ok((id, ids))
}

/// One check or uncheck op (item `i` of the cycle, alternating per pass), checked to be
/// applied. Returns the list version the server answered.
fn send_op(
    agent: &ureq::Agent,
    base: &str,
    auth: &str,
    list: i64,
    items: &[i64],
    op_id: &str,
    i: usize,
) -> Result<i64, String> {
    let n = items.len().max(1);
    let item = items.get(i % n).copied().unwrap_or(0);
    let kind = if (i / n).is_multiple_of(2) {
        "check"
    } else {
        "uncheck"
    };
    let body = json!({ "ops": [{ "op_id": op_id, "kind": kind, "item_id": item }] });
    let reply = client::post_json(
        agent,
        &format!("{base}/api/v1/lists/{list}/ops"),
        &[("Authorization", auth)],
        &body,
    )?;
    if reply.status != 200 {
        return Err(format!(
            "ops: status {}: {}",
            reply.status,
            client::snippet(&reply.body)
        ));
    }
    let v = reply.json()?;
    let status = v["results"][0]["status"].as_str().unwrap_or_default();
    if status != "applied" {
        return Err(format!("op {op_id} was {status:?}, not applied"));
    }
    v["version"]
        .as_i64()
        .ok_or_else(|| "no version".to_string())
}

/// A factory of check-off requests spread over every household's check-off list.
fn checkoffs<'a>(
    base: &'a str,
    households: &'a [Household],
    tag: &'a str,
) -> impl Fn(usize) -> Request<'a> + Sync + 'a {
    move |_worker| {
        let agent = client::agent(TIMEOUT);
        Box::new(move |i| {
            let h = &households[i % households.len()];
            let k = i / households.len();
            send_op(
                &agent,
                base,
                &h.auth,
                h.checkoff_list,
                &h.checkoff_items,
                &format!("{tag}-{i}"),
                k,
            )
            .map(|_| ())
        })
    }
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
    let data_s = data.to_string_lossy().into_owned();
    let db = data.join("aisle.db");
    let mut notes = Vec::new();
    let mut machine = procfs::machine();
    let ticks = procfs::clock_ticks();
    let binary = binary_info(bin);
    eprintln!("loadgen: {} mode, binary {}", opts.mode, bin.display());

    // Accounts through the CLI, one household each; then the bulk history into SQLite.
    let users: Vec<String> = (0..sc.households).map(|h| format!("bench{h}")).collect();
    let mut tokens = Vec::new();
    for (h, user) in users.iter().enumerate() {
        let household = format!("Bench household {h}");
        procfs::run_cli(
            bin,
            &[
                "user",
                "add",
                "--data-dir",
                &data_s,
                "--username",
                user,
                "--household",
                &household,
                "--admin",
                "--password-stdin",
            ],
            Some(PASSWORD),
        )?;
        let out = procfs::run_cli(
            bin,
            &[
                "token",
                "create",
                "--data-dir",
                &data_s,
                "--username",
                user,
                "--name",
                "loadgen",
            ],
            None,
        )?;
        let token = out
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .ok_or("`aisle token create` printed nothing")?
            .to_string();
        tokens.push(token);
    }
    let household_ids = seed::households(&db, &users)?;
    eprintln!(
        "loadgen: seeding {} history items and {} products",
        sc.history_items, sc.products
    );
    let seeded = seed::history(&db, &household_ids, sc.history_items, sc.products)?;
    let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    let report_products_in_catalogue = seeded.products_in_catalogue;

    // Cold starts on the seeded database.
    let mut trials = Vec::new();
    for t in 0..sc.cold_starts {
        let log = opts.out.join(format!("server-cold-{t}.log"));
        let server = Server::start(bin, &data, free_port()?, &log)?;
        trials.push(ms(server.ready_after));
        server.stop()?;
    }
    let cold_start = ColdStart {
        db_bytes,
        median_ms: median(trials.clone()),
        max_ms: trials.iter().copied().fold(0.0, f64::max),
        trials_ms: trials,
    };
    eprintln!("loadgen: cold start {:?} ms", cold_start.trials_ms);

    // The main server.
    let server = Server::start(bin, &data, free_port()?, &opts.out.join("server.log"))?;
    let pid = server.pid.to_string();
    thread::sleep(sc.idle_settle);
    let idle = procfs::memory(&pid);
    let (idle_vmrss_kb, idle_vmhwm_kb) = (idle.vmrss_kb, idle.vmhwm_kb);
    let base = server.base();

    // Live lists through the API, and a browser session per household.
    let mut households = Vec::new();
    let mut list_items = Vec::new();
    for (h, user) in users.iter().enumerate() {
        let auth = format!("Bearer {}", tokens[h]);
        let (page_list, page_items) = make_list(&base, &auth, PAGE_LIST, sc.list_items, h)?;
        let (checkoff_list, checkoff_items) =
            make_list(&base, &auth, "Check-offs", sc.list_items, h + 7)?;
        let (add_list, _) = make_list(&base, &auth, "Adds", 0, 0)?;
        list_items.push(page_items.len());
        list_items.push(checkoff_items.len());
        let cookie = client::login(&base, user, PASSWORD)?;
        households.push(Household {
            auth,
            cookie,
            page_list,
            checkoff_list,
            checkoff_items,
            add_list,
        });
    }
    let (live_list, live_items) = make_list(&base, &households[0].auth, "Live", sc.list_items, 3)?;
    list_items.push(live_items.len());
    let after_setup = procfs::memory(&pid);
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

    let mut scenarios = Vec::new();
    let mut errors_total = 0;

    // /health/live and the list page, in alternating rounds.
    eprintln!("loadgen: /health/live and the list page");
    let live_make = |_w: usize| -> Request<'_> {
        let agent = client::agent(TIMEOUT);
        let url = format!("{base}/health/live");
        Box::new(move |_| {
            let r = client::get(&agent, &url, &[])?;
            if r.status == 200 {
                Ok(())
            } else {
                Err(format!("/health/live: status {}", r.status))
            }
        })
    };
    let page_make = |w: usize| -> Request<'_> {
        let agent = client::agent(TIMEOUT);
        let h = &households[w % households.len()];
        let url = format!("{base}/lists/{}", h.page_list);
        let cookie = h.cookie.clone();
        Box::new(move |_| {
            let r = client::get(&agent, &url, &[("Cookie", &cookie)])?;
            if r.status != 200 {
                Err(format!("list page: status {}", r.status))
            } else if !r.body.contains(PAGE_LIST) {
                Err("the answer is not the list page".into())
            } else {
                Ok(())
            }
        })
    };
    let (mut live_all, mut page_all) = (Samples::default(), Samples::default());
    let (mut live_use, mut page_use) = (Usage::default(), Usage::default());
    let (mut live_elapsed, mut page_elapsed) = (Duration::ZERO, Duration::ZERO);
    let mut rounds = Vec::new();
    for _ in 0..sc.rounds {
        let m = Meter::start(&pid, ticks);
        let live = load::closed_loop(sc.conns, sc.warmup, sc.round, &live_make);
        let live_u = m.finish(requests_of(&live));
        let m = Meter::start(&pid, ticks);
        let page = load::closed_loop(sc.conns, sc.warmup, sc.round, &page_make);
        let page_u = m.finish(requests_of(&page));
        let (ls, ps) = (live.summary(), page.summary());
        rounds.push(Round {
            live_rps: ls.throughput_rps,
            page_rps: ps.throughput_rps,
            ratio: load::round3(if ls.throughput_rps > 0.0 {
                ps.throughput_rps / ls.throughput_rps
            } else {
                0.0
            }),
            page_p99_ms: ps.p99_ms,
        });
        live_elapsed += live.elapsed;
        page_elapsed += page.elapsed;
        live_all.merge(live);
        page_all.merge(page);
        add_usage(&mut live_use, &live_u, requests_of(&live_all));
        add_usage(&mut page_use, &page_u, requests_of(&page_all));
    }
    live_all.elapsed = live_elapsed;
    page_all.elapsed = page_elapsed;
    let load_desc = format!("{} connections, closed loop", sc.conns);
    let live_summary = live_all.summary();
    errors_total += live_summary.errors;
    scenarios.push(Scenario {
        name: "health_live".into(),
        load: load_desc.clone(),
        summary: live_summary,
        ratio_to_live: Some(1.0),
        usage: live_use,
        rounds: Vec::new(),
    });
    let page_summary = page_all.summary();
    errors_total += page_summary.errors;
    scenarios.push(Scenario {
        name: "list_page".into(),
        load: load_desc,
        summary: page_summary,
        ratio_to_live: Some(median(rounds.iter().map(|r| r.ratio).collect())),
        usage: page_use,
        rounds,
    });
    let live_rps = scenarios[0].summary.throughput_rps;

    // Check-off ops at the budget's rate, then a ramp to find the highest sustainable rate.
    eprintln!("loadgen: check-off ops at {} ops/s", sc.op_rate);
    let workers = |rate: f64| ((rate / 8.0) as usize).clamp(16, 128);
    let tag_ops = format!("{tag}-c");
    let m = Meter::start(&pid, ticks);
    let ops = load::open_loop(
        sc.op_rate,
        sc.op_time,
        workers(sc.op_rate),
        None,
        Instant::now() + Duration::from_millis(50),
        &checkoffs(&base, &households, &tag_ops),
    );
    let usage = m.finish(requests_of(&ops));
    let ops_summary = ops.summary();
    errors_total += ops_summary.errors;
    let sustainable = |rate: f64, s: &load::Summary| {
        s.errors == 0 && s.ok > 0 && s.throughput_rps >= 0.95 * rate && s.p99_ms <= 50.0
    };
    let mut highest = if sustainable(sc.op_rate, &ops_summary) {
        sc.op_rate
    } else {
        0.0
    };
    let mut lower_bound = highest > 0.0;
    scenarios.push(Scenario {
        name: "checkoff_ops".into(),
        load: format!("{} ops/s, open loop", sc.op_rate),
        summary: ops_summary,
        ratio_to_live: None,
        usage,
        rounds: Vec::new(),
    });
    let mut ramp = Vec::new();
    if lower_bound {
        for (step, &rate) in sc.ramp.iter().enumerate() {
            let tag_ramp = format!("{tag}-r{step}");
            let s = load::open_loop(
                rate,
                sc.ramp_step,
                workers(rate),
                None,
                Instant::now() + Duration::from_millis(50),
                &checkoffs(&base, &households, &tag_ramp),
            )
            .summary();
            let ok = sustainable(rate, &s);
            eprintln!(
                "loadgen: ramp {rate} ops/s: achieved {} p99 {} ms errors {}",
                s.throughput_rps, s.p99_ms, s.errors
            );
            ramp.push(RampStep {
                target_rps: rate,
                achieved_rps: s.throughput_rps,
                p99_ms: s.p99_ms,
                errors: s.errors,
                sustainable: ok,
            });
            if !ok {
                lower_bound = false;
                break;
            }
            highest = rate;
        }
    }

    // Adds by free text.
    eprintln!("loadgen: adds by free text");
    let add_make = |w: usize| -> Request<'_> {
        let agent = client::agent(TIMEOUT);
        let h = &households[w % households.len()];
        let url = format!("{base}/api/v1/lists/{}/items", h.add_list);
        let auth = h.auth.clone();
        let mut rng = seed::Rng::new(1000 + w as u64);
        Box::new(move |_| {
            let text = seed::add_text(&mut rng);
            let r = client::post_json(
                &agent,
                &url,
                &[("Authorization", &auth)],
                &json!({ "text": text }),
            )?;
            if r.status == 201 {
                Ok(())
            } else {
                Err(format!(
                    "add `{text}`: status {}: {}",
                    r.status,
                    client::snippet(&r.body)
                ))
            }
        })
    };
    let m = Meter::start(&pid, ticks);
    let adds = load::closed_loop(sc.add_conns, sc.warmup, sc.add_time, &add_make);
    let usage = m.finish(requests_of(&adds));
    let adds_summary = adds.summary();
    errors_total += adds_summary.errors;
    scenarios.push(Scenario {
        name: "add_free_text".into(),
        load: format!("{} connections, closed loop, 3 items per add", sc.add_conns),
        ratio_to_live: (live_rps > 0.0)
            .then(|| load::round3(adds_summary.throughput_rps / live_rps)),
        summary: adds_summary,
        usage,
        rounds: Vec::new(),
    });

    // SSE fan-out.
    eprintln!(
        "loadgen: {} SSE subscribers, {} changes/s",
        sc.sse_subscribers, sc.sse_rate
    );
    let sse = sse_fanout(
        sc,
        &base,
        server.port,
        &pid,
        ticks,
        &households[0],
        live_list,
        &live_items,
        &tag,
    );
    errors_total += sse.missing + sse.subscriber_errors + sse.resyncs;
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

    // A backup of a big database while ops run.
    server.stop()?;
    let backup = backup_during_ops(opts, &data, &db, &household_ids, &households, &tag, ticks)?;
    errors_total += backup.ops.errors;

    if !opts.keep_data {
        let _ = std::fs::remove_dir_all(&data);
    }
    machine.loadavg_end = procfs::loadavg();
    if opts.mode == "smoke" {
        notes.push("Smoke mode: tiny numbers to check the harness; not a measurement.".into());
    }
    if !report_products_in_catalogue {
        notes.push(
            "This schema has no products table: the products were seeded as household item history (the autocomplete the list page reads).".into(),
        );
    }
    let mut report = Report {
        mode: opts.mode.clone(),
        commit: git_describe(),
        started_unix_ms,
        total_s: load::round1(started.elapsed().as_secs_f64()),
        machine,
        binary,
        dataset,
        idle_vmrss_kb,
        idle_vmhwm_kb,
        idle,
        after_setup,
        cold_start,
        scenarios,
        checkoff_ramp: ramp,
        highest_sustainable_ops_per_s: highest,
        highest_sustainable_is_lower_bound: lower_bound,
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

/// `sse_subscribers` streams on one list while a writer makes `sse_rate` changes a second.
#[allow(clippy::too_many_arguments)]
fn sse_fanout(
    sc: &Scale,
    base: &str,
    port: u16,
    pid: &str,
    ticks: f64,
    household: &Household,
    list: i64,
    items: &[i64],
    tag: &str,
) -> Sse {
    let n = sc.sse_subscribers;
    let fleet = Arc::new(sse::Fleet {
        port,
        list,
        token: household.auth.trim_start_matches("Bearer ").to_string(),
        connected: AtomicUsize::new(0),
        finished: AtomicUsize::new(0),
        started: AtomicUsize::new(0),
    });
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let deadline = Instant::now() + Duration::from_secs(180) + sc.sse_time;
    let versions: Mutex<Vec<(i64, Instant)>> = Mutex::new(Vec::new());
    let mut out = Sse {
        subscribers: n,
        changes_per_s: sc.sse_rate,
        server_vmrss_start_kb: procfs::memory_kb(pid).0,
        server_memory_start: procfs::memory(pid),
        ..Sse::default()
    };
    let meter = Meter::start(pid, ticks);
    let t_connect = Instant::now();
    let (subs, writes) = thread::scope(|scope| {
        let runner = {
            let fleet = Arc::clone(&fleet);
            scope.spawn(move || sse::run_fleet(fleet, n, stop_rx, deadline))
        };
        // Every batch gets 30 s at most; n / 50 batches.
        let until = Instant::now() + Duration::from_secs(30 * (n as u64 / 50 + 1));
        while fleet.started.load(Ordering::SeqCst) < n
            && !runner.is_finished()
            && Instant::now() < until
        {
            thread::sleep(Duration::from_millis(10));
        }
        out.connected = fleet.connected.load(Ordering::SeqCst);
        out.connect_s = load::round3(t_connect.elapsed().as_secs_f64());
        out.server_vmrss_connected_kb = procfs::memory_kb(pid).0;
        out.server_memory_connected = procfs::memory(pid);
        let writer_make = |_w: usize| -> Request<'_> {
            let agent = client::agent(TIMEOUT);
            let versions = &versions;
            Box::new(move |i| {
                let sent = Instant::now();
                let v = send_op(
                    &agent,
                    base,
                    &household.auth,
                    list,
                    items,
                    &format!("{tag}-s{i}"),
                    i,
                )?;
                versions
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((v, sent));
                Ok(())
            })
        };
        let writes = load::open_loop(
            sc.sse_rate,
            sc.sse_time,
            4,
            None,
            Instant::now() + Duration::from_millis(50),
            &writer_make,
        );
        thread::sleep(sc.sse_drain);
        let _ = stop_tx.send(true);
        let subs = runner.join().unwrap_or_else(|_| {
            vec![sse::Subscriber {
                error: Some("the subscriber thread panicked".into()),
                ..sse::Subscriber::default()
            }]
        });
        (subs, writes)
    });
    let versions = versions.into_inner().unwrap_or_else(|e| e.into_inner());
    let sent: std::collections::HashMap<i64, Instant> = versions.iter().copied().collect();
    out.changes = versions.len() as u64;
    out.writer_s = load::round3(writes.elapsed.as_secs_f64());
    out.usage = meter.finish(out.changes);
    let mut lat = Vec::new();
    let mut errors = Vec::new();
    let mut healthy = 0u64;
    for s in &subs {
        out.resyncs += s.resyncs;
        if let Some(e) = &s.error {
            errors.push(e.clone());
        } else if s.hello {
            healthy += 1;
        }
        for (v, at) in &s.events {
            if let Some(t0) = sent.get(v) {
                lat.push(
                    u64::try_from(at.saturating_duration_since(*t0).as_micros())
                        .unwrap_or(u64::MAX),
                );
            }
        }
    }
    out.subscriber_errors = errors.len() as u64 + writes.errors;
    errors.extend(writes.error_samples.iter().cloned());
    errors.truncate(5);
    out.subscriber_error_samples = errors;
    out.expected_deliveries = healthy * out.changes;
    out.delivered = lat.len() as u64;
    out.missing = out.expected_deliveries.saturating_sub(out.delivered);
    out.change_to_event = Latency::of(lat);
    out
}

/// Grows the database past the backup budget's size, restarts the server, runs ops at
/// `backup_op_rate` and takes `aisle backup` in the middle.
fn backup_during_ops(
    opts: &Options,
    data: &Path,
    db: &Path,
    household_ids: &[i64],
    households: &[Household],
    tag: &str,
    ticks: f64,
) -> Result<Backup, String> {
    let sc = &opts.scale;
    let bin = &opts.bin;
    if sc.backup_db_bytes > 0 {
        eprintln!(
            "loadgen: growing the database to {} MB",
            sc.backup_db_bytes / 1_000_000
        );
        seed::grow(db, household_ids[0], sc.backup_db_bytes)?;
    }
    let db_bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    let server = Server::start(bin, data, free_port()?, &opts.out.join("server-backup.log"))?;
    let pid = server.pid.to_string();
    let base = server.base();
    let restart_ready = server.ready_after;
    let out_file = opts.out.join("backup-during-ops.db");
    let _ = std::fs::remove_file(&out_file);
    let stop = AtomicBool::new(false);
    let tag_b = format!("{tag}-k");
    let make = checkoffs(&base, households, &tag_b);
    eprintln!(
        "loadgen: backup of {db_bytes} bytes during {} ops/s",
        sc.backup_op_rate
    );
    let m = Meter::start(&pid, ticks);
    let start = Instant::now() + Duration::from_millis(50);
    let (ops, backup_result, window) = thread::scope(|scope| {
        let ops = scope.spawn(|| {
            load::open_loop(
                sc.backup_op_rate,
                Duration::from_secs(600),
                16,
                Some(&stop),
                start,
                &make,
            )
        });
        thread::sleep(sc.backup_margin + Duration::from_millis(50));
        let b0 = Instant::now();
        let result = procfs::run_cli(
            bin,
            &[
                "backup",
                "--data-dir",
                &data.to_string_lossy(),
                "--out",
                &out_file.to_string_lossy(),
            ],
            None,
        );
        let b1 = Instant::now();
        thread::sleep(sc.backup_margin);
        stop.store(true, Ordering::Relaxed);
        let ops = ops.join().unwrap_or_else(|_| {
            let mut s = Samples::default();
            s.error("the ops thread panicked".into());
            s
        });
        (ops, result, (b0, b1))
    });
    let usage = m.finish(requests_of(&ops));
    server.stop()?;
    backup_result?;
    let (b0, b1) = window;
    let micros =
        |t: Instant| u64::try_from(t.saturating_duration_since(start).as_micros()).unwrap_or(0);
    let backup_bytes = std::fs::metadata(&out_file).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(&out_file);
    Ok(Backup {
        db_bytes,
        backup_bytes,
        backup_s: load::round3((b1 - b0).as_secs_f64()),
        restart_ready_ms: ms(restart_ready),
        ops_rate: sc.backup_op_rate,
        ops_during_backup: Latency::of(ops.window(micros(b0), micros(b1))),
        ops: ops.summary(),
        usage,
    })
}
