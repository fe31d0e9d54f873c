//! The scenarios, each measured with a `Meter`: `/health/live` and the list page in
//! alternating rounds, check-off ops (with the ramp), adds by free text, and a backup
//! during ops. The SSE fan-out is in `sse.rs`.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;

use super::event_loop::{self, Check, Get};
use super::load::{self, Latency, Request, Samples};
use super::procfs::{self, Server};
use super::report::{Backup, RampStep, Round, Scenario, Usage};
use super::sse::find;
use super::{Household, Options, PAGE_LIST, Scale, TIMEOUT, client, free_port, median, ms, seed};

/// The running server, as every scenario measures it.
pub(super) struct Target<'a> {
    pub scale: &'a Scale,
    pub base: &'a str,
    pub port: u16,
    pub pid: &'a str,
    pub ticks: f64,
    /// Unique per run, so op ids never repeat across runs on one database.
    pub tag: &'a str,
}

/// Server CPU, loadgen CPU and server peak memory over one scenario.
pub(super) struct Meter {
    pid: String,
    ticks: f64,
    server0: f64,
    self0: f64,
    t0: Instant,
}

impl Meter {
    pub(super) fn start(pid: &str, ticks: f64) -> Meter {
        procfs::reset_peak(pid);
        Meter {
            pid: pid.to_string(),
            ticks,
            server0: procfs::cpu_seconds(pid, ticks),
            self0: procfs::cpu_seconds("self", ticks),
            t0: Instant::now(),
        }
    }

    pub(super) fn finish(&self, requests: u64) -> Usage {
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

/// One check or uncheck op (item `i` of the cycle, alternating per pass), checked to be
/// applied. Returns the list version the server answered.
pub(super) fn send_op(
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
pub(super) fn checkoffs<'a>(
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

/// `/health/live` and the list page in alternating rounds (the machine is noisy, so the
/// ratio is taken per round): live, the page as a reload gets it, and the page rendered
/// afresh. All run on the event loop (`event_loop.rs`), so the generator takes little of
/// the machine from the server.
///
/// The server keeps a session's list page until the database changes, so the repeated
/// requests of `list_page` are nearly all served from memory. A phone mostly asks for the
/// page right after a change, which renders it: `list_page_rendered` asks with an empty
/// `undo` parameter, which the server never serves from memory (a page with an undo offer
/// is of its moment) and which renders the same page.
pub(super) fn pages(t: &Target<'_>, households: &[Household]) -> [Scenario; 3] {
    let sc = t.scale;
    let live_get = |_w: usize| Get {
        path: "/health/live".into(),
        headers: Vec::new(),
    };
    let live_check: Check = Arc::new(|status, _body| {
        if status == 200 {
            Ok(())
        } else {
            Err(format!("/health/live: status {status}"))
        }
    });
    let page_get = |w: usize| {
        let h = &households[w % households.len()];
        Get {
            path: format!("/lists/{}", h.page_list),
            headers: vec![("cookie", h.cookie.clone())],
        }
    };
    let rendered_get = |w: usize| {
        let h = &households[w % households.len()];
        Get {
            path: format!("/lists/{}?undo=", h.page_list),
            headers: vec![("cookie", h.cookie.clone())],
        }
    };
    let page_check: Check = Arc::new(|status, body| {
        if status != 200 {
            Err(format!("list page: status {status}"))
        } else if find(body, PAGE_LIST.as_bytes()).is_none() {
            Err("the answer is not the list page".into())
        } else {
            Ok(())
        }
    });
    let run = |get: &dyn Fn(usize) -> Get, check: &Check| {
        event_loop::closed_loop(
            t.port,
            sc.conns,
            sc.warmup,
            sc.round,
            TIMEOUT,
            get,
            Arc::clone(check),
        )
    };
    let gets: [(&dyn Fn(usize) -> Get, &Check); 3] = [
        (&live_get, &live_check),
        (&page_get, &page_check),
        (&rendered_get, &page_check),
    ];
    let mut all: [Samples; 3] = Default::default();
    let mut usage: [Usage; 3] = Default::default();
    let mut elapsed = [Duration::ZERO; 3];
    let (mut rounds, mut rendered_ratios) = (Vec::new(), Vec::new());
    for _ in 0..sc.rounds {
        let mut rps = [0.0; 3];
        let mut page_p99_ms = 0.0;
        let mut page_kept = None;
        for (i, (get, check)) in gets.iter().enumerate() {
            let served_before = list_pages_served(t.base);
            let m = Meter::start(t.pid, t.ticks);
            let samples = run(*get, check);
            let u = m.finish(samples.sent());
            let summary = samples.summary();
            rps[i] = summary.throughput_rps;
            if i == 1 {
                page_kept = kept_share(served_before, list_pages_served(t.base));
                page_p99_ms = summary.p99_ms;
            }
            elapsed[i] += samples.elapsed;
            all[i].merge(samples);
            add_usage(&mut usage[i], &u, all[i].sent());
        }
        let ratio = |x: f64| load::round3(if rps[0] > 0.0 { x / rps[0] } else { 0.0 });
        rounds.push(Round {
            live_rps: rps[0],
            page_rps: rps[1],
            ratio: ratio(rps[1]),
            page_p99_ms,
            page_kept,
            rendered_rps: rps[2],
            rendered_ratio: ratio(rps[2]),
        });
        rendered_ratios.push(ratio(rps[2]));
    }
    let [mut live_all, mut page_all, mut rendered_all] = all;
    let [live_use, page_use, rendered_use] = usage;
    live_all.elapsed = elapsed[0];
    page_all.elapsed = elapsed[1];
    rendered_all.elapsed = elapsed[2];
    let load_desc = format!("{} connections, closed loop", sc.conns);
    [
        Scenario {
            name: "health_live".into(),
            load: load_desc.clone(),
            summary: live_all.summary(),
            ratio_to_live: Some(1.0),
            usage: live_use,
            rounds: Vec::new(),
        },
        Scenario {
            name: "list_page".into(),
            load: load_desc.clone(),
            summary: page_all.summary(),
            ratio_to_live: Some(median(rounds.iter().map(|r| r.ratio).collect())),
            usage: page_use,
            rounds,
        },
        Scenario {
            name: "list_page_rendered".into(),
            load: load_desc,
            summary: rendered_all.summary(),
            ratio_to_live: Some(median(rendered_ratios)),
            usage: rendered_use,
            rounds: Vec::new(),
        },
    ]
}

/// List pages the server has served so far: (kept in memory, rendered), from /metrics.
fn list_pages_served(base: &str) -> Option<(f64, f64)> {
    let body = client::get(&client::agent(TIMEOUT), &format!("{base}/metrics"), &[])
        .ok()?
        .body;
    let count = |source: &str| {
        let series = format!("aisle_list_pages_total{{source=\"{source}\"}} ");
        body.lines()
            .find_map(|l| l.strip_prefix(&series)?.trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    Some((count("kept"), count("rendered")))
}

/// The share of the pages served between two readings that were kept in memory.
fn kept_share(before: Option<(f64, f64)>, after: Option<(f64, f64)>) -> Option<f64> {
    let ((k0, r0), (k1, r1)) = (before?, after?);
    let served = (k1 - k0) + (r1 - r0);
    (served > 0.0).then(|| load::round3((k1 - k0) / served))
}

/// Check-off ops at the budget's rate, then a ramp to find the highest sustainable rate.
pub(super) struct CheckOffs {
    pub scenario: Scenario,
    pub ramp: Vec<RampStep>,
    pub highest: f64,
    /// The ramp ended without a failing step, so the real limit is higher.
    pub lower_bound: bool,
}

pub(super) fn checkoff_ops(t: &Target<'_>, households: &[Household]) -> CheckOffs {
    let (sc, base, tag) = (t.scale, t.base, t.tag);
    let workers = |rate: f64| ((rate / 8.0) as usize).clamp(16, 128);
    let tag_ops = format!("{tag}-c");
    let m = Meter::start(t.pid, t.ticks);
    let ops = load::open_loop(
        sc.op_rate,
        sc.op_time,
        workers(sc.op_rate),
        None,
        Instant::now() + Duration::from_millis(50),
        &checkoffs(base, households, &tag_ops),
    );
    let usage = m.finish(ops.sent());
    let ops_summary = ops.summary();
    let sustainable = |rate: f64, s: &load::Summary| {
        s.errors == 0 && s.ok > 0 && s.throughput_rps >= 0.95 * rate && s.p99_ms <= 50.0
    };
    let mut highest = if sustainable(sc.op_rate, &ops_summary) {
        sc.op_rate
    } else {
        0.0
    };
    let mut lower_bound = highest > 0.0;
    let scenario = Scenario {
        name: "checkoff_ops".into(),
        load: format!("{} ops/s, open loop", sc.op_rate),
        summary: ops_summary,
        ratio_to_live: None,
        usage,
        rounds: Vec::new(),
    };
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
                &checkoffs(base, households, &tag_ramp),
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
    CheckOffs {
        scenario,
        ramp,
        highest,
        lower_bound,
    }
}

/// Adds by free text (three items each) from `add_conns` connections.
pub(super) fn adds(t: &Target<'_>, households: &[Household], live_rps: f64) -> Scenario {
    let (sc, base) = (t.scale, t.base);
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
    let m = Meter::start(t.pid, t.ticks);
    let adds = load::closed_loop(sc.add_conns, sc.warmup, sc.add_time, &add_make);
    let usage = m.finish(adds.sent());
    let summary = adds.summary();
    Scenario {
        name: "add_free_text".into(),
        load: format!("{} connections, closed loop, 3 items per add", sc.add_conns),
        ratio_to_live: (live_rps > 0.0).then(|| load::round3(summary.throughput_rps / live_rps)),
        summary,
        usage,
        rounds: Vec::new(),
    }
}

/// Grows the database past the backup budget's size, restarts the server, runs ops at
/// `backup_op_rate` and takes `aisle backup` in the middle.
pub(super) fn backup_during_ops(
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
    let usage = m.finish(ops.sent());
    server.stop()?;
    backup_result?;
    let (b0, b1) = window;
    let micros =
        |t: Instant| u64::try_from(t.saturating_duration_since(start).as_micros()).unwrap_or(0);
    let mut slowest = ops.lat.clone();
    slowest.sort_unstable_by_key(|&(_, lat)| std::cmp::Reverse(lat));
    let slowest_ops = slowest
        .iter()
        .take(10)
        .map(|&(at, lat)| {
            let after = (at as f64 - micros(b0) as f64) / 1e6;
            (load::round3(after), load::round3(lat as f64 / 1e3))
        })
        .collect::<Vec<_>>();
    eprintln!("loadgen: slowest ops (s after the backup's start, ms): {slowest_ops:?}");
    let backup_bytes = std::fs::metadata(&out_file).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(&out_file);
    Ok(Backup {
        db_bytes,
        backup_bytes,
        backup_s: load::round3((b1 - b0).as_secs_f64()),
        restart_ready_ms: ms(restart_ready),
        ops_rate: sc.backup_op_rate,
        ops_during_backup: Latency::of(ops.window(micros(b0), micros(b1))),
        slowest_ops,
        ops: ops.summary(),
        usage,
    })
}
