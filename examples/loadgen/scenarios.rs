//! The scenarios, each measured with a `Meter`: `/health/live` and the list page in
//! alternating rounds, check-off ops (with the ramp), adds by free text, and a backup
//! during ops. The SSE fan-out is in `sse.rs`, the idle server in `idle.rs`.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;

use super::event_loop::{self, Change, Check, Get};
use super::load::{self, Latency, Request, Samples};
use super::procfs::{self, Server};
use super::report::{Backup, Changes, RampStep, Round, Scenario, Usage};
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

/// The body of one check or uncheck op on `item`.
fn op_body(op_id: &str, kind: &str, item: i64) -> serde_json::Value {
    json!({ "ops": [{ "op_id": op_id, "kind": kind, "item_id": item }] })
}

/// The list version from the answer to a batch of one op, `Err` unless it was applied.
pub(super) fn applied(status: u16, body: &[u8]) -> Result<i64, String> {
    let text = String::from_utf8_lossy(body);
    if status != 200 {
        return Err(format!("ops: status {status}: {}", client::snippet(&text)));
    }
    let v: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("bad JSON ({e}): {}", client::snippet(&text)))?;
    let result = &v["results"][0]["status"];
    if result != "applied" {
        return Err(format!("an op was {result}, not applied"));
    }
    v["version"]
        .as_i64()
        .ok_or_else(|| "no version".to_string())
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
    let reply = client::post_json(
        agent,
        &format!("{base}/api/v1/lists/{list}/ops"),
        &[("Authorization", auth)],
        &op_body(op_id, kind, item),
    )?;
    applied(reply.status, reply.body.as_bytes()).map_err(|e| format!("op {op_id}: {e}"))
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
/// ratios are taken per round), all on the event loop (`event_loop.rs`) so the generator
/// takes little of the machine from the server:
///
/// - `health_live`: the baseline;
/// - `list_page_after_change`: each connection has a list of its own and, in step with
///   the others, checks or unchecks one of its items through the ops API (untimed), then
///   asks for its page (timed), which must show that change's version: every page is
///   rendered after a change to that very list, so no cache of any kind could answer it.
///   In step, so that the 64 pages are asked for at once and the changes' commits (the
///   writer's queue, an fsync each) are not counted in the pages' throughput;
/// - `list_page`: the same page asked for again and again with nothing changing (no
///   budget; beside the other, it shows what the change costs the page).
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
    // Connection w: household w % H, that household's list w / H of its own.
    let own = |w: usize| {
        let h = &households[w % households.len()];
        let (list, items) = &h.own_lists[(w / households.len()) % h.own_lists.len().max(1)];
        (h, *list, items.clone())
    };
    let changed_get = |w: usize| {
        let (h, list, _) = own(w);
        Get {
            path: format!("/lists/{list}"),
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
    let measure = |get: &dyn Fn(usize) -> Get, check: &Check| {
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
    let (mut live_all, mut changed_all, mut changes_all, mut page_all): (
        Samples,
        Samples,
        Samples,
        Samples,
    ) = Default::default();
    let mut page_cpu_s = 0.0;
    let mut usage: [Usage; 3] = Default::default();
    let mut elapsed = [Duration::ZERO; 3];
    let mut rounds = Vec::new();
    for round in 0..sc.rounds {
        let mut rps = [0.0; 3];
        let mut changed_p99_ms = 0.0;
        for i in 0..3 {
            let m = Meter::start(t.pid, t.ticks);
            let samples = match i {
                0 => measure(&live_get, &live_check),
                2 => measure(&page_get, &page_check),
                _ => {
                    let change = |w: usize| {
                        let (h, list, items) = own(w);
                        let prefix = format!("{}-p{round}-{w}", t.tag);
                        Change {
                            path: format!("/api/v1/lists/{list}/ops"),
                            headers: vec![("authorization", h.auth.clone())],
                            // Checks item k, unchecks it, checks item k + 1…: one row
                            // changes each time and the page stays the same size.
                            body: Box::new(move |i| {
                                let item = items.get((i / 2) % items.len().max(1));
                                let kind = if i.is_multiple_of(2) {
                                    "check"
                                } else {
                                    "uncheck"
                                };
                                op_body(&format!("{prefix}-{i}"), kind, item.copied().unwrap_or(0))
                                    .to_string()
                            }),
                            check: Arc::new(applied),
                        }
                    };
                    let plan = event_loop::Plan {
                        port: t.port,
                        conns: sc.conns,
                        warmup: sc.warmup,
                        duration: sc.round,
                        timeout: TIMEOUT,
                    };
                    let (pid, ticks) = (t.pid.to_string(), t.ticks);
                    let got = event_loop::in_step(
                        &plan,
                        &changed_get,
                        &change,
                        Arc::clone(&page_check),
                        Arc::new(move || procfs::cpu_seconds(&pid, ticks)),
                    );
                    page_cpu_s += got.page_cpu_s;
                    changes_all.merge(got.changes);
                    got.pages
                }
            };
            let u = m.finish(samples.sent());
            let summary = samples.summary();
            rps[i] = summary.throughput_rps;
            if i == 1 {
                changed_p99_ms = summary.p99_ms;
            }
            elapsed[i] += samples.elapsed;
            let all: &mut Samples = match i {
                0 => &mut live_all,
                1 => &mut changed_all,
                _ => &mut page_all,
            };
            all.merge(samples);
            add_usage(&mut usage[i], &u, all.sent());
        }
        let ratio = |x: f64| load::round3(if rps[0] > 0.0 { x / rps[0] } else { 0.0 });
        rounds.push(Round {
            live_rps: rps[0],
            after_change_rps: rps[1],
            after_change_ratio: ratio(rps[1]),
            after_change_p99_ms: changed_p99_ms,
            page_rps: rps[2],
            page_ratio: ratio(rps[2]),
        });
    }
    let [live_use, changed_use, page_use] = usage;
    live_all.elapsed = elapsed[0];
    changed_all.elapsed = elapsed[1];
    changes_all.elapsed = elapsed[1];
    page_all.elapsed = elapsed[2];
    let load_desc = format!("{} connections, closed loop", sc.conns);
    [
        Scenario {
            name: "health_live".into(),
            load: load_desc.clone(),
            summary: live_all.summary(),
            ratio_to_live: Some(1.0),
            usage: live_use,
            ..Scenario::default()
        },
        Scenario {
            name: "list_page_after_change".into(),
            load: format!(
                "{} connections in step, a change before each page",
                sc.conns
            ),
            summary: changed_all.summary(),
            ratio_to_live: Some(median(
                rounds.iter().map(|r| r.after_change_ratio).collect(),
            )),
            usage: changed_use,
            changes: Some(Changes {
                ops: changes_all.summary(),
                server_cpu_us_per_page: load::round1(if changed_all.lat.is_empty() {
                    0.0
                } else {
                    page_cpu_s / changed_all.lat.len() as f64 * 1e6
                }),
            }),
            rounds: rounds.clone(),
        },
        Scenario {
            name: "list_page".into(),
            load: format!("{load_desc}, nothing changes"),
            summary: page_all.summary(),
            ratio_to_live: Some(median(rounds.iter().map(|r| r.page_ratio).collect())),
            usage: page_use,
            ..Scenario::default()
        },
    ]
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
        ..Scenario::default()
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
        ..Scenario::default()
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
