//! The benchmark harness (examples/loadgen) in smoke mode against the debug binary: tiny
//! numbers, so that `scripts/test` notices when the harness rots. It checks that every
//! scenario ran without errors and that the report has its fields; it never looks at a
//! timing (speed is measured by `scripts/bench`, not by tests).

#[allow(dead_code)]
#[path = "../examples/loadgen/harness.rs"]
mod harness;

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
    for name in ["health_live", "list_page", "checkoff_ops", "add_free_text"] {
        let s = report
            .scenario(name)
            .unwrap_or_else(|| panic!("no {name} scenario"));
        assert!(s.summary.ok > 0, "{name} made no successful request");
        assert_eq!(s.summary.errors, 0, "{name}: {:?}", s.summary.error_samples);
    }
    assert!(report.dataset.list_items.iter().all(|n| *n > 0));
    assert!(!report.cold_start.trials_ms.is_empty());
    assert!(report.idle_vmrss_kb > 0, "no VmRSS read from /proc");
    assert_eq!(report.sse.connected, report.sse.subscribers);
    assert!(report.sse.changes > 0);
    assert_eq!(report.sse.delivered, report.sse.expected_deliveries);
    assert!(report.backup.backup_bytes > 0, "the backup wrote nothing");
    assert_eq!(report.backup.ops.errors, 0);
    assert!(report.backup.ops.ok > 0);
    assert_eq!(report.budgets.len(), 9, "every budget of issue 7 is judged");

    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("report.json")).expect("report.json"),
    )
    .expect("report.json is JSON");
    for field in [
        "machine",
        "binary",
        "dataset",
        "idle_vmrss_kb",
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

#[test]
fn the_event_loop_counts_a_refused_connection_as_an_error_and_ends() {
    use std::sync::Arc;
    use std::time::Duration;

    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let checked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = Arc::clone(&checked);
    let samples = harness::event_loop::closed_loop(
        port,
        2,
        Duration::ZERO,
        Duration::from_millis(200),
        Duration::from_secs(2),
        &|_| harness::event_loop::Get {
            path: "/health/live".into(),
            headers: Vec::new(),
        },
        Arc::new(move |_, _| {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok(())
        }),
    );
    assert!(samples.lat.is_empty(), "no request can succeed");
    assert!(samples.errors >= 2, "each connection failed at least once");
    assert!(
        samples.error_samples[0].starts_with("connect:"),
        "{:?}",
        samples.error_samples
    );
    assert_eq!(checked.load(std::sync::atomic::Ordering::Relaxed), 0);
}

#[test]
fn the_event_loop_gives_up_on_a_server_that_never_answers() {
    use std::sync::Arc;
    use std::time::Duration;

    // Bound and listening, so connections complete in the kernel's backlog, but nobody
    // ever accepts or answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = silent.local_addr().expect("its address").port();
    let samples = harness::event_loop::closed_loop(
        port,
        1,
        Duration::ZERO,
        Duration::from_millis(50),
        Duration::from_millis(300),
        &|_| harness::event_loop::Get {
            path: "/health/live".into(),
            headers: Vec::new(),
        },
        Arc::new(|_, _| Ok(())),
    );
    assert!(samples.lat.is_empty(), "nothing answered");
    assert!(samples.errors >= 1);
    assert!(
        samples.error_samples[0].starts_with("no answer in"),
        "{:?}",
        samples.error_samples
    );
    drop(silent);
}
