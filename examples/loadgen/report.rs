//! The report: one JSON document and a markdown rendering, with every budget of issue 7
//! marked met or not met.

use serde::Serialize;

use super::load::{Latency, Summary};
use super::procfs::{Machine, Memory};
use super::seed::Seeded;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Binary {
    pub path: String,
    pub size_bytes: u64,
    /// `Some(true)` when the ELF asks for a dynamic loader (not a static build).
    pub dynamic: Option<bool>,
    /// The static build of scripts/build-release, when one is there.
    pub static_path: Option<String>,
    pub static_size_bytes: Option<u64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Dataset {
    pub households: usize,
    /// Items on each live list (as parsed by the server from the add text).
    pub list_items: Vec<usize>,
    pub seeded: Seeded,
    /// The database file after seeding (what the cold start opens).
    pub db_bytes: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ColdStart {
    pub db_bytes: u64,
    pub trials_ms: Vec<f64>,
    pub median_ms: f64,
    pub max_ms: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Usage {
    pub wall_s: f64,
    pub server_cpu_s: f64,
    /// Server CPU as a share of one core over the scenario (200 = both cores busy).
    pub server_cpu_pct: f64,
    pub server_cpu_us_per_request: f64,
    pub loadgen_cpu_s: f64,
    /// Server peak RSS during the scenario (VmHWM reset at its start when the kernel allows).
    pub server_vmhwm_kb: u64,
    pub server_vmrss_end_kb: u64,
}

impl Usage {
    /// The load generator's own CPU as a share of one core (it shares the machine).
    pub fn loadgen_cpu_pct(&self) -> f64 {
        if self.wall_s > 0.0 {
            self.loadgen_cpu_s / self.wall_s * 100.0
        } else {
            0.0
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Scenario {
    pub name: String,
    pub load: String,
    #[serde(flatten)]
    pub summary: Summary,
    /// Throughput over `/health/live` throughput in the same run (closed-loop scenarios).
    pub ratio_to_live: Option<f64>,
    pub usage: Usage,
    /// Per-round throughputs and ratios, when the scenario ran in rounds.
    pub rounds: Vec<Round>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Round {
    pub live_rps: f64,
    pub page_rps: f64,
    pub ratio: f64,
    pub page_p99_ms: f64,
    /// The share of the round's pages the server served from memory (from /metrics).
    pub page_kept: Option<f64>,
    /// The page rendered afresh (`list_page_rendered`), in the same round.
    pub rendered_rps: f64,
    pub rendered_ratio: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RampStep {
    pub target_rps: f64,
    pub achieved_rps: f64,
    pub p99_ms: f64,
    pub errors: u64,
    pub sustainable: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Sse {
    pub subscribers: usize,
    pub connected: usize,
    pub connect_s: f64,
    pub changes_per_s: f64,
    pub changes: u64,
    /// How long the writer ran.
    pub writer_s: f64,
    pub expected_deliveries: u64,
    pub delivered: u64,
    pub missing: u64,
    pub resyncs: u64,
    pub subscriber_errors: u64,
    pub subscriber_error_samples: Vec<String>,
    /// From sending the op that made the change to the event's bytes arriving.
    pub change_to_event: Latency,
    /// Server RSS before the subscribers connected, once they all had, and the peak.
    pub server_vmrss_start_kb: u64,
    pub server_vmrss_connected_kb: u64,
    /// Where that memory was (anonymous or file-backed, threads) at those two moments.
    pub server_memory_start: Memory,
    pub server_memory_connected: Memory,
    pub usage: Usage,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Backup {
    pub db_bytes: u64,
    pub backup_bytes: u64,
    pub backup_s: f64,
    pub restart_ready_ms: f64,
    pub ops_rate: f64,
    /// Every op of the scenario (before, during and after the backup).
    pub ops: Summary,
    /// The ops scheduled while the backup ran.
    pub ops_during_backup: Latency,
    /// The slowest ops of the scenario: (scheduled at, seconds after the backup started;
    /// latency in ms), slowest first. Shows which phase of the backup they met.
    pub slowest_ops: Vec<(f64, f64)>,
    pub usage: Usage,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Budget {
    pub budget: String,
    pub measured: String,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub mode: String,
    /// `git describe --always --dirty` of the tree the loadgen ran in, if any.
    pub commit: Option<String>,
    pub started_unix_ms: i64,
    pub total_s: f64,
    pub machine: Machine,
    pub binary: Binary,
    pub dataset: Dataset,
    pub idle_vmrss_kb: u64,
    pub idle_vmhwm_kb: u64,
    pub idle: Memory,
    /// After the setup (lists made through the API, one browser login per household).
    pub after_setup: Memory,
    pub cold_start: ColdStart,
    pub scenarios: Vec<Scenario>,
    pub checkoff_ramp: Vec<RampStep>,
    /// The highest check-off rate that met the ops budget (p99 ≤ 50 ms, ≥ 95 % of the
    /// rate achieved, no errors); `at_least` when the highest rate tried still did.
    pub highest_sustainable_ops_per_s: f64,
    pub highest_sustainable_is_lower_bound: bool,
    pub sse: Sse,
    pub backup: Backup,
    /// VmHWM over the whole main server run.
    pub server_lifetime_vmhwm_kb: u64,
    pub errors_total: u64,
    pub budgets: Vec<Budget>,
    pub notes: Vec<String>,
}

/// The budgets are in MB (10^6 bytes), /proc counts KiB.
const MB_16: u64 = 16_000_000 / 1024;
const MB_64: u64 = 64_000_000 / 1024;

fn mb(kb: u64) -> String {
    format!("{:.1} MiB", kb as f64 / 1024.0)
}

fn mb_bytes(b: u64) -> String {
    format!("{:.1} MB", b as f64 / 1e6)
}

impl Report {
    pub fn scenario(&self, name: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.name == name)
    }

    /// Marks each budget of issue 7 met or not met.
    pub fn judge(&mut self) {
        let mut b = Vec::new();
        let mut push = |budget: &str, measured: String, met: bool| {
            b.push(Budget {
                budget: budget.to_string(),
                measured,
                met,
            })
        };
        push(
            "idle RSS after start ≤ 16 MB",
            mb(self.idle_vmrss_kb),
            self.idle_vmrss_kb > 0 && self.idle_vmrss_kb <= MB_16,
        );
        let (size, what) = match (&self.binary.static_path, self.binary.static_size_bytes) {
            (Some(p), Some(s)) => (s, format!("static build {p}")),
            _ => (
                self.binary.size_bytes,
                format!(
                    "{}{}",
                    self.binary.path,
                    if self.binary.dynamic == Some(true) {
                        " (dynamically linked; no static build in dist/)"
                    } else {
                        ""
                    }
                ),
            ),
        };
        push(
            "stripped static binary ≤ 20 MB",
            format!("{} — {what}", mb_bytes(size)),
            size > 0 && size <= 20_000_000 && self.binary.static_size_bytes.is_some(),
        );
        push(
            "cold start to ready ≤ 300 ms (100,000-item database)",
            format!(
                "median {:.0} ms, max {:.0} ms of {} starts ({})",
                self.cold_start.median_ms,
                self.cold_start.max_ms,
                self.cold_start.trials_ms.len(),
                mb_bytes(self.cold_start.db_bytes)
            ),
            !self.cold_start.trials_ms.is_empty() && self.cold_start.median_ms <= 300.0,
        );
        if let Some(page) = self.scenario("list_page") {
            let ratio = page.ratio_to_live.unwrap_or(0.0);
            // The page rendered afresh, as after a change: shown beside, not judged.
            let rendered = self.scenario("list_page_rendered");
            let rendered_ratio = rendered.map_or(String::new(), |r| {
                format!(
                    "; rendered afresh {:.0} % ({:.0} req/s)",
                    r.ratio_to_live.unwrap_or(0.0) * 100.0,
                    r.summary.throughput_rps
                )
            });
            let rendered_p99 = rendered.map_or(String::new(), |r| {
                format!("; rendered afresh p99 {:.1} ms", r.summary.p99_ms)
            });
            let kept: Vec<String> = page
                .rounds
                .iter()
                .map(|r| {
                    r.page_kept
                        .map_or("?".into(), |k| format!("{:.1}", k * 100.0))
                })
                .collect();
            push(
                "60-item list page ≥ 40 % of /health/live throughput",
                format!(
                    "{:.0} % ({:.0} vs {:.0} req/s live; kept in memory: {} % by round){rendered_ratio}",
                    ratio * 100.0,
                    page.summary.throughput_rps,
                    self.scenario("health_live")
                        .map_or(0.0, |s| s.summary.throughput_rps),
                    kept.join(" / ")
                ),
                ratio >= 0.40 && page.summary.errors == 0,
            );
            push(
                &format!("list page p99 ≤ 25 ms at {}", page.load),
                format!("p99 {:.1} ms{rendered_p99}", page.summary.p99_ms),
                page.summary.ok > 0 && page.summary.p99_ms <= 25.0 && page.summary.errors == 0,
            );
        }
        if let Some(ops) = self.scenario("checkoff_ops") {
            push(
                &format!(
                    "check-off ops p99 ≤ 50 ms at {} (synchronous=FULL)",
                    ops.load
                ),
                format!(
                    "p99 {:.1} ms, {} errors; highest sustainable {}{:.0} ops/s",
                    ops.summary.p99_ms,
                    ops.summary.errors,
                    if self.highest_sustainable_is_lower_bound {
                        "≥ "
                    } else {
                        ""
                    },
                    self.highest_sustainable_ops_per_s
                ),
                ops.summary.ok > 0 && ops.summary.p99_ms <= 50.0 && ops.summary.errors == 0,
            );
        }
        let sse = &self.sse;
        push(
            &format!(
                "{} SSE subscribers, {} changes/s: change-to-event p99 ≤ 100 ms",
                sse.subscribers, sse.changes_per_s
            ),
            format!(
                "p99 {:.1} ms (p50 {:.1}, max {:.1}); {} of {} deliveries",
                sse.change_to_event.p99_ms,
                sse.change_to_event.p50_ms,
                sse.change_to_event.max_ms,
                sse.delivered,
                sse.expected_deliveries
            ),
            sse.expected_deliveries > 0 && sse.missing == 0 && sse.change_to_event.p99_ms <= 100.0,
        );
        push(
            "SSE: server peak RSS ≤ 64 MB",
            format!(
                "{} (RSS {} before the subscribers connected, {} anonymous; {} once they had, {} anonymous, {} threads)",
                mb(sse.usage.server_vmhwm_kb),
                mb(sse.server_vmrss_start_kb),
                mb(sse.server_memory_start.rss_anon_kb),
                mb(sse.server_vmrss_connected_kb),
                mb(sse.server_memory_connected.rss_anon_kb),
                sse.server_memory_connected.threads
            ),
            sse.usage.server_vmhwm_kb > 0 && sse.usage.server_vmhwm_kb <= MB_64,
        );
        let bk = &self.backup;
        push(
            &format!(
                "backup of a ≥ 100 MB database during {} ops/s: no op fails, op p99 ≤ 200 ms",
                bk.ops_rate
            ),
            format!(
                "{} database, backup {:.1} s; {} ops, {} failed, p99 {:.1} ms (during the backup: {} ops, p99 {:.1} ms)",
                mb_bytes(bk.db_bytes),
                bk.backup_s,
                bk.ops.requests,
                bk.ops.errors,
                bk.ops.p99_ms,
                bk.ops_during_backup.count,
                bk.ops_during_backup.p99_ms
            ),
            bk.db_bytes >= 100_000_000
                && bk.ops.errors == 0
                && bk.ops.ok > 0
                && bk.ops.p99_ms <= 200.0,
        );
        self.budgets = b;
    }

    pub fn markdown(&self) -> String {
        let mut m = String::new();
        let line = |m: &mut String, s: String| {
            m.push_str(&s);
            m.push('\n');
        };
        line(
            &mut m,
            format!(
                "Run: {} mode at {}, {:.0} s in all; {} × {}, {} MB RAM, Linux {}; load average {} at the start, {} at the end.\n",
                self.mode,
                self.commit.as_deref().unwrap_or("an unknown commit"),
                self.total_s,
                self.machine.nproc,
                self.machine.cpu_model,
                self.machine.mem_total_mb,
                self.machine.kernel,
                self.machine.loadavg_start,
                self.machine.loadavg_end
            ),
        );
        line(
            &mut m,
            "| scenario | load | requests | errors | throughput (req/s) | × /health/live | p50 ms | p95 ms | p99 ms | max ms | server CPU % of a core | server CPU µs/req | loadgen CPU % of a core | server peak RSS |".into(),
        );
        line(
            &mut m,
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|".into(),
        );
        for s in &self.scenarios {
            line(
                &mut m,
                format!(
                    "| {} | {} | {} | {} | {:.0} | {} | {:.2} | {:.2} | {:.2} | {:.1} | {:.0} | {:.0} | {:.0} | {} |",
                    s.name,
                    s.load,
                    s.summary.requests,
                    s.summary.errors,
                    s.summary.throughput_rps,
                    s.ratio_to_live.map_or("–".into(), |r| format!("{r:.2}")),
                    s.summary.p50_ms,
                    s.summary.p95_ms,
                    s.summary.p99_ms,
                    s.summary.max_ms,
                    s.usage.server_cpu_pct,
                    s.usage.server_cpu_us_per_request,
                    s.usage.loadgen_cpu_pct(),
                    mb(s.usage.server_vmhwm_kb)
                ),
            );
        }
        let sse = &self.sse;
        line(
            &mut m,
            format!(
                "| sse_fanout (change → event) | {} subscribers, {} changes/s | {} deliveries | {} missing, {} resyncs, {} subscriber errors | {:.0} events/s | – | {:.2} | {:.2} | {:.2} | {:.1} | {:.0} | – | {:.0} | {} |",
                sse.subscribers,
                sse.changes_per_s,
                sse.delivered,
                sse.missing,
                sse.resyncs,
                sse.subscriber_errors,
                if sse.usage.wall_s > 0.0 {
                    sse.delivered as f64 / sse.usage.wall_s
                } else {
                    0.0
                },
                sse.change_to_event.p50_ms,
                sse.change_to_event.p95_ms,
                sse.change_to_event.p99_ms,
                sse.change_to_event.max_ms,
                sse.usage.server_cpu_pct,
                sse.usage.loadgen_cpu_pct(),
                mb(sse.usage.server_vmhwm_kb)
            ),
        );
        let bk = &self.backup;
        line(
            &mut m,
            format!(
                "| backup_during_ops (ops) | {} ops/s, backup of {} took {:.1} s | {} | {} | {:.0} | – | {:.2} | {:.2} | {:.2} | {:.1} | {:.0} | {:.0} | {:.0} | {} |",
                bk.ops_rate,
                mb_bytes(bk.db_bytes),
                bk.backup_s,
                bk.ops.requests,
                bk.ops.errors,
                bk.ops.throughput_rps,
                bk.ops.p50_ms,
                bk.ops.p95_ms,
                bk.ops.p99_ms,
                bk.ops.max_ms,
                bk.usage.server_cpu_pct,
                bk.usage.server_cpu_us_per_request,
                bk.usage.loadgen_cpu_pct(),
                mb(bk.usage.server_vmhwm_kb)
            ),
        );
        line(&mut m, String::new());
        line(
            &mut m,
            format!(
                "Idle: VmRSS {} after start (VmHWM {}; {} anonymous, {} file-backed; {} threads); after the setup ({} logins): VmRSS {}, VmHWM {}. Cold start to ready: {} ms (median {:.0} ms) on a {} database; server peak RSS over the main run {}.",
                mb(self.idle_vmrss_kb),
                mb(self.idle_vmhwm_kb),
                mb(self.idle.rss_anon_kb),
                mb(self.idle.rss_file_kb),
                self.idle.threads,
                self.dataset.households,
                mb(self.after_setup.vmrss_kb),
                mb(self.after_setup.vmhwm_kb),
                self.cold_start
                    .trials_ms
                    .iter()
                    .map(|t| format!("{t:.0}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                self.cold_start.median_ms,
                mb_bytes(self.cold_start.db_bytes),
                mb(self.server_lifetime_vmhwm_kb)
            ),
        );
        line(&mut m, String::new());
        if !self.checkoff_ramp.is_empty() {
            line(
                &mut m,
                "Check-off ramp (open loop, latency from the scheduled send time):\n".into(),
            );
            line(
                &mut m,
                "| target ops/s | achieved | p99 ms | errors | sustainable |".into(),
            );
            line(&mut m, "|---:|---:|---:|---:|---|".into());
            for r in &self.checkoff_ramp {
                line(
                    &mut m,
                    format!(
                        "| {:.0} | {:.0} | {:.1} | {} | {} |",
                        r.target_rps,
                        r.achieved_rps,
                        r.p99_ms,
                        r.errors,
                        if r.sustainable { "yes" } else { "no" }
                    ),
                );
            }
            line(
                &mut m,
                format!(
                    "\nHighest sustainable check-off rate: {}{:.0} ops/s.\n",
                    if self.highest_sustainable_is_lower_bound {
                        "≥ "
                    } else {
                        ""
                    },
                    self.highest_sustainable_ops_per_s
                ),
            );
        }
        line(&mut m, "| budget | measured | met |".into());
        line(&mut m, "|---|---|---|".into());
        for b in &self.budgets {
            line(
                &mut m,
                format!(
                    "| {} | {} | {} |",
                    b.budget,
                    b.measured,
                    if b.met { "met" } else { "**not met**" }
                ),
            );
        }
        if !self.notes.is_empty() {
            line(&mut m, String::new());
            for n in &self.notes {
                line(&mut m, format!("- {n}"));
            }
        }
        m
    }
}
