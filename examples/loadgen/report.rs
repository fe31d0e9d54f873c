//! The report: one JSON document and a markdown rendering, with every budget of
//! docs/PERFORMANCE.md marked met or not met. The markdown's budget table and its row for
//! the table of runs are in the document's own format, to be pasted there.

use serde::Serialize;

use super::idle::Idle;
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
    /// Throughput over `/health/live` throughput in the same run (closed-loop scenarios;
    /// the median of the rounds' ratios when it ran in rounds).
    pub ratio_to_live: Option<f64>,
    /// Server and generator CPU over the scenario; per request means per page for
    /// `list_page_after_change`, its change included.
    pub usage: Usage,
    /// The untimed changes made before the pages (`list_page_after_change`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
    /// Per-round throughputs and ratios, when the scenario ran in rounds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
}

/// The changes before the pages of `list_page_after_change`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    /// The ops themselves (a commit each, so the writer's queue sets their latency).
    pub ops: Summary,
    /// The server's CPU per page over the page phases alone (the changes' excluded).
    pub server_cpu_us_per_page: f64,
}

/// One round of the page scenarios: live, the page after a change, the page unchanged.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Round {
    pub live_rps: f64,
    pub after_change_rps: f64,
    pub after_change_ratio: f64,
    pub after_change_p99_ms: f64,
    /// `list_page`: the page asked for again with nothing changed.
    pub page_rps: f64,
    pub page_ratio: f64,
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
    /// The idle scenario: wake-ups and bytes written with no client connected.
    pub idle_window: Idle,
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

    /// Marks each budget of docs/PERFORMANCE.md met or not met.
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
        let live_rps = self
            .scenario("health_live")
            .map_or(0.0, |s| s.summary.throughput_rps);
        let unchanged = self.scenario("list_page");
        if let Some(page) = self.scenario("list_page_after_change") {
            let changes_failed = page.changes.as_ref().map_or(0, |c| c.ops.errors);
            let clean = page.summary.ok > 0 && page.summary.errors == 0 && changes_failed == 0;
            push(
                &format!(
                    "list page rendered after a change: p99 ≤ 25 ms at {} connections",
                    page.load.split(' ').next().unwrap_or("?")
                ),
                format!(
                    "p99 {:.1} ms, p50 {:.1} ms (by round: {}); unchanged page p99 {}",
                    page.summary.p99_ms,
                    page.summary.p50_ms,
                    page.rounds
                        .iter()
                        .map(|r| format!("{:.1}", r.after_change_p99_ms))
                        .collect::<Vec<_>>()
                        .join(" / "),
                    unchanged.map_or("–".into(), |u| format!("{:.1} ms", u.summary.p99_ms))
                ),
                clean && page.summary.p99_ms <= 25.0,
            );
            let ratio = page.ratio_to_live.unwrap_or(0.0);
            push(
                "list page rendered after a change ≥ 0.10 × `/health/live` throughput",
                format!(
                    "{ratio:.3} × ({:.0} vs {live_rps:.0} req/s; by round: {}); unchanged page {}",
                    page.summary.throughput_rps,
                    page.rounds
                        .iter()
                        .map(|r| format!("{:.3}", r.after_change_ratio))
                        .collect::<Vec<_>>()
                        .join(" / "),
                    unchanged.map_or("–".into(), |u| format!(
                        "{:.3} ×",
                        u.ratio_to_live.unwrap_or(0.0)
                    ))
                ),
                clean && ratio >= 0.10,
            );
        }
        let idle = &self.idle_window;
        let busiest = idle
            .by_name
            .iter()
            .filter(|t| t.voluntary > 0)
            .take(3)
            .map(|t| format!("{} {}", t.comm, t.voluntary))
            .collect::<Vec<_>>();
        push(
            &format!(
                "idle: ≤ 0.2 wake-ups/s over {:.0} s (voluntary context switches, all threads)",
                idle.window_s
            ),
            format!(
                "{:.3}/s: {} in {:.0} s ({}); {} watchdog pings",
                idle.wakeups_per_s,
                idle.wakeups,
                idle.window_s,
                if busiest.is_empty() {
                    "no thread woke".to_string()
                } else {
                    busiest.join(", ")
                },
                idle.watchdog_pings
            ),
            idle.window_s > 0.0 && idle.wakeups_per_s <= 0.2,
        );
        push(
            &format!(
                "idle: 0 bytes written over {:.0} s (`/proc/PID/io`)",
                idle.window_s
            ),
            format!("{}{}", written(idle), changed_files(idle)),
            idle.wrote_nothing(),
        );
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
        self.page_rounds(&mut m);
        self.idle_table(&mut m);
        line(
            &mut m,
            format!(
                "Memory: VmRSS {} after start (VmHWM {}; {} anonymous, {} file-backed; {} threads); after the setup ({} logins): VmRSS {}, VmHWM {}. Cold start to ready: {} ms (median {:.0} ms) on a {} database; server peak RSS over the main run {}.",
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
        line(
            &mut m,
            "Budgets (rows in the format of docs/PERFORMANCE.md):\n".into(),
        );
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
        line(&mut m, String::new());
        line(
            &mut m,
            "This run as a row of docs/PERFORMANCE.md's table of runs:\n".into(),
        );
        line(&mut m, RUNS_HEADER.into());
        line(&mut m, RUNS_RULE.into());
        line(&mut m, self.runs_row());
        if !self.notes.is_empty() {
            line(&mut m, String::new());
            for n in &self.notes {
                line(&mut m, format!("- {n}"));
            }
        }
        m
    }

    /// The page rounds, each with its own ratios, and the changes made before the pages.
    fn page_rounds(&self, m: &mut String) {
        let Some(page) = self.scenario("list_page_after_change") else {
            return;
        };
        m.push_str(
            "Page rounds (ratios within each round):\n\n\
             | round | /health/live req/s | after a change: req/s | × live | p99 ms | unchanged: req/s | × live |\n\
             |---:|---:|---:|---:|---:|---:|---:|\n",
        );
        for (i, r) in page.rounds.iter().enumerate() {
            m.push_str(&format!(
                "| {} | {:.0} | {:.0} | {:.3} | {:.1} | {:.0} | {:.3} |\n",
                i + 1,
                r.live_rps,
                r.after_change_rps,
                r.after_change_ratio,
                r.after_change_p99_ms,
                r.page_rps,
                r.page_ratio
            ));
        }
        if let Some(c) = &page.changes {
            m.push_str(&format!(
                "\nIn step: each connection changes its list, then all ask for their pages at once; throughput is over the page phases' time. The changes: {} ops, {} failed, p50 {:.2} ms, p99 {:.2} ms. Server CPU per page: {:.0} µs in the page phases, {:.0} µs with its change.\n\n",
                c.ops.requests,
                c.ops.errors,
                c.ops.p50_ms,
                c.ops.p99_ms,
                c.server_cpu_us_per_page,
                page.usage.server_cpu_us_per_request
            ));
        }
    }

    /// The idle window, thread by thread name.
    fn idle_table(&self, m: &mut String) {
        let idle = &self.idle_window;
        let written = format!("{}{}", written(idle), changed_files(idle));
        m.push_str(&format!(
            "Idle, no client connected ({:.0} s after the setup, then {:.0} s; systemd's watchdog on, {} pings): {:.3} wake-ups/s ({} voluntary and {} involuntary context switches); {}; {} threads started and {} ended meanwhile.\n\n\
             | thread | threads | wake-ups | per s | involuntary |\n\
             |---|---:|---:|---:|---:|\n",
            idle.settle_s,
            idle.window_s,
            idle.watchdog_pings,
            idle.wakeups_per_s,
            idle.wakeups,
            idle.nonvoluntary,
            written,
            idle.threads_started,
            idle.threads_ended,
        ));
        for t in &idle.by_name {
            m.push_str(&format!(
                "| {} | {} | {} | {:.3} | {} |\n",
                t.comm,
                t.threads,
                t.voluntary,
                if idle.window_s > 0.0 {
                    t.voluntary as f64 / idle.window_s
                } else {
                    0.0
                },
                t.nonvoluntary
            ));
        }
        m.push('\n');
    }

    /// This run's key figures, one row of the document's table of runs.
    pub fn runs_row(&self) -> String {
        let s = |name: &str| self.scenario(name);
        let rps = |name: &str| s(name).map_or(0.0, |x| x.summary.throughput_rps);
        let ratio = |name: &str| s(name).and_then(|x| x.ratio_to_live).unwrap_or(0.0);
        let page = s("list_page_after_change");
        format!(
            "| {} | {} | {} | {:.0} | {:.0} | {:.3} | {:.1} | {:.3} | {:.3} | {} | {:.1} | {}{:.0} | {:.1} | {} | {} | {:.0} |",
            self.commit.as_deref().unwrap_or("?"),
            self.binary
                .path
                .rsplit('/')
                .next()
                .unwrap_or(&self.binary.path),
            self.machine
                .loadavg_start
                .split(' ')
                .next()
                .unwrap_or_default(),
            rps("health_live"),
            rps("list_page_after_change"),
            ratio("list_page_after_change"),
            page.map_or(0.0, |p| p.summary.p99_ms),
            ratio("list_page"),
            self.idle_window.wakeups_per_s,
            self.idle_window
                .bytes_written()
                .map_or("?".into(), |b| b.to_string()),
            s("checkoff_ops").map_or(0.0, |x| x.summary.p99_ms),
            if self.highest_sustainable_is_lower_bound {
                "≥ "
            } else {
                ""
            },
            self.highest_sustainable_ops_per_s,
            self.sse.change_to_event.p99_ms,
            mb(self.sse.usage.server_vmhwm_kb),
            mb(self.idle_vmrss_kb),
            self.cold_start.median_ms,
        )
    }
}

/// What the idle server wrote: towards storage, and through write calls of any kind.
fn written(idle: &Idle) -> String {
    match idle.written {
        Some(w) => format!(
            "{} bytes towards storage (write_bytes); wchar {} bytes in {} write calls (sockets and eventfds too)",
            w.write_bytes, w.wchar, w.syscw
        ),
        None => "/proc/PID/io unreadable".into(),
    }
}

fn changed_files(idle: &Idle) -> String {
    if idle.files_changed.is_empty() {
        "; no file changed".into()
    } else {
        format!("; files changed: {}", idle.files_changed.join(", "))
    }
}

/// The header of the document's table of runs (`Report::runs_row`).
pub const RUNS_HEADER: &str = "| commit | binary | load avg (1 min) at start | live req/s | after a change: pages/s | × live | p99 ms | unchanged × live | idle wake-ups/s | idle bytes written | check-off p99 ms | highest ops/s | SSE p99 ms | SSE peak RSS | idle RSS | cold start ms |";
pub const RUNS_RULE: &str =
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
