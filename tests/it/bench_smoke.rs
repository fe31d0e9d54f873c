//! The benchmark harness (examples/loadgen) in smoke mode against the debug binary: tiny
//! numbers, so that `scripts/test` notices when the harness rots. It checks that every
//! scenario ran without errors and that the report has its fields; it never looks at a
//! timing (speed is measured by `scripts/bench`, not by tests).

#[allow(dead_code)]
#[path = "../../examples/loadgen/harness.rs"]
mod harness;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

#[test]
fn the_benchmark_harness_runs_in_smoke_mode_without_errors() {
    let dir = tempfile::Builder::new()
        .prefix("aisle-bench-smoke-")
        .tempdir()
        .expect("temp dir");
    let opts = harness::Options {
        bin: env!("CARGO_BIN_EXE_aisle").into(),
        out: dir.path().to_path_buf(),
        mode: "smoke".into(),
        scale: harness::Scale::smoke(),
        keep_data: false,
    };
    let report = harness::run(&opts).expect("the smoke run completes");

    assert_eq!(
        report.errors_total,
        0,
        "errors in the run:\n{}",
        report.markdown()
    );
    for name in [
        "health_live",
        "list_page",
        "list_page_after_change",
        "checkoff_ops",
        "add_free_text",
    ] {
        let s = report
            .scenario(name)
            .unwrap_or_else(|| panic!("no {name} scenario"));
        assert!(s.summary.ok > 0, "{name} made no successful request");
        assert_eq!(s.summary.errors, 0, "{name}: {:?}", s.summary.error_samples);
    }
    // Every page after a change had its change applied first.
    let page = report
        .scenario("list_page_after_change")
        .expect("after a change");
    let changes = page.changes.as_ref().expect("the changes before the pages");
    assert!(changes.ops.ok > 0 && changes.ops.errors == 0);
    assert!(!page.rounds.is_empty());
    assert!(report.idle_window.window_s > 0.0 && report.idle_window.written.is_some());
    assert!(report.dataset.list_items.iter().all(|n| *n > 0));
    assert!(!report.cold_start.trials_ms.is_empty());
    assert!(report.idle_vmrss_kb > 0, "no VmRSS read from /proc");
    assert_eq!(report.sse.connected, report.sse.subscribers);
    assert!(report.sse.changes > 0);
    assert_eq!(report.sse.delivered, report.sse.expected_deliveries);
    assert!(report.backup.backup_bytes > 0, "the backup wrote nothing");
    assert_eq!(report.backup.ops.errors, 0);
    assert!(report.backup.ops.ok > 0);
    assert_eq!(report.budgets.len(), 11, "every budget is judged");

    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("report.json")).expect("report.json"),
    )
    .expect("report.json is JSON");
    for field in [
        "machine",
        "binary",
        "dataset",
        "idle_vmrss_kb",
        "idle_window",
        "cold_start",
        "scenarios",
        "checkoff_ramp",
        "highest_sustainable_ops_per_s",
        "sse",
        "backup",
        "budgets",
        "errors_total",
    ] {
        assert!(json.get(field).is_some(), "report.json has no `{field}`");
    }
    for field in [
        "throughput_rps",
        "p50_ms",
        "p95_ms",
        "p99_ms",
        "errors",
        "usage",
    ] {
        assert!(
            json["scenarios"][0].get(field).is_some(),
            "scenarios have no `{field}`"
        );
    }
    assert!(json["sse"]["change_to_event"].get("p99_ms").is_some());
    let md = std::fs::read_to_string(dir.path().join("report.md")).expect("report.md");
    assert!(md.contains("| budget | measured | met |"));
}

/// `GET /health/live` on the event loop against `port` for `window`, each request given
/// `timeout`; asserts nothing succeeded and the first error starts with `error`.
fn event_loop_fails(
    port: u16,
    conns: usize,
    window: Duration,
    timeout: Duration,
    check: harness::event_loop::Check,
    error: &str,
) -> harness::load::Samples {
    let samples = harness::event_loop::closed_loop(
        port,
        conns,
        Duration::ZERO,
        window,
        timeout,
        &|_| harness::event_loop::Get {
            path: "/health/live".into(),
            headers: Vec::new(),
        },
        check,
    );
    assert!(samples.lat.is_empty(), "no request can succeed");
    assert!(
        samples
            .error_samples
            .first()
            .is_some_and(|e| e.starts_with(error)),
        "{:?}",
        samples.error_samples
    );
    samples
}

#[test]
fn the_event_loop_counts_a_refused_connection_as_an_error_and_ends() {
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let checked = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&checked);
    let check = Arc::new(move |_: u16, _: &[u8]| {
        seen.fetch_add(1, Ordering::Relaxed);
        Ok(())
    });
    let samples = event_loop_fails(
        port,
        2,
        Duration::from_millis(200),
        Duration::from_secs(2),
        check,
        "connect:",
    );
    assert!(samples.errors >= 2, "each connection failed at least once");
    assert_eq!(checked.load(Ordering::Relaxed), 0, "nothing to check");
}

#[test]
fn the_event_loop_gives_up_on_a_server_that_never_answers() {
    // Bound and listening, so connections complete in the kernel's backlog, but nobody
    // ever accepts or answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = silent.local_addr().expect("its address").port();
    event_loop_fails(
        port,
        1,
        Duration::from_millis(50),
        Duration::from_millis(300),
        Arc::new(|_, _| Ok(())),
        "no answer in",
    );
    drop(silent);
}
