//! Backups, restore and durability against a real server and real SQLite files.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use crate::common::{self, Client, Server, assert_refused, db_count, run_cli, sqlite};
use serde_json::{Value, json};

/// An admin of `household` who is also an instance admin (the admin page is theirs).
fn instance_admin(server: &Server, username: &str, household: &str) -> Client {
    let dir = dir_arg(server);
    let args = [
        "user",
        "add",
        "--data-dir",
        &dir,
        "--username",
        username,
        "--household",
        household,
        "--admin",
        "--instance-admin",
        "--password-stdin",
    ];
    let (status, _, stderr) = run_cli(&args, Some(&format!("{}\n", common::PASSWORD)));
    assert!(status.success(), "{stderr}");
    let client = server.client();
    client.login(username, common::PASSWORD);
    client
}

fn dir_arg(server: &Server) -> String {
    server.data_dir().to_str().unwrap().to_string()
}

/// The household as its export, without the export time and the security log (which
/// grows with every sign-in and export, this one's included).
fn snapshot(client: &Client, token: &str) -> Value {
    let resp = client.api_get("/api/v1/export", token);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    let mut doc = resp.json();
    doc["exported_ms"] = json!(0);
    doc.as_object_mut()
        .expect("an object")
        .remove("security_log");
    doc
}

fn add(client: &Client, token: &str, list: i64, text: &str) -> common::Resp {
    client.api_post_json(
        &format!("/api/v1/lists/{list}/items"),
        token,
        &json!({ "text": text }),
    )
}

fn new_list(client: &Client, token: &str, name: &str) -> i64 {
    let resp = client.api_post_json("/api/v1/lists", token, &json!({ "name": name }));
    assert_eq!(resp.status, 201, "{}", resp.describe());
    resp.json()["id"].as_i64().unwrap()
}

fn integrity(path: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn restore_drill_brings_every_row_back() {
    let mut server = Server::start();
    let _anna = server.user_client("anna", "Smiths", true);
    let token = server.cli_token("anna", "drill");
    let api = server.client();
    let list = new_list(&api, &token, "Weekly");
    assert_eq!(
        add(&api, &token, list, "2 cups milk, 1 loaf bread, 3 eggs").status,
        201
    );
    let other = new_list(&api, &token, "Party");
    assert_eq!(
        add(&api, &token, other, "chips; 6 limes (ripe)").status,
        201
    );
    let before = snapshot(&api, &token);

    // A backup while the server runs.
    let out = server.data_dir().join("../drill.db");
    let out = out.to_str().unwrap();
    let (status, stdout, stderr) = run_cli(
        &["backup", "--data-dir", &dir_arg(&server), "--out", out],
        None,
    );
    assert!(status.success(), "{stderr}");
    assert!(stdout.contains("verified"), "{stdout}");

    // Change and delete things.
    assert_eq!(add(&api, &token, list, "butter").status, 201);
    let ops = json!({"ops": [{"op_id": "x", "kind": "delete", "item_id": before["lists"][0]["items"].as_array().unwrap().len()}]});
    let _ = api.api_post_json(&format!("/api/v1/lists/{list}/ops"), &token, &ops);
    let f = api.api_get(&format!("/api/v1/lists/{other}"), &token);
    assert_eq!(f.status, 200);
    assert_ne!(snapshot(&api, &token), before);

    // Restore is refused while the server runs, and nothing changes.
    let (status, _, stderr) = run_cli(&["restore", "--data-dir", &dir_arg(&server), out], None);
    assert!(!status.success());
    assert!(stderr.contains("running"), "{stderr}");

    server.terminate();
    let (status, stdout, stderr) =
        run_cli(&["restore", "--data-dir", &dir_arg(&server), out], None);
    assert!(status.success(), "{stderr}");
    assert!(stdout.contains("previous database was saved"), "{stdout}");
    server.restart();
    let api = server.client();
    assert_eq!(snapshot(&api, &token), before);
    // The restored database's instance log says it was replaced, from which file; the
    // refused restore (server running) logged nothing.
    let restores: Vec<(Option<i64>, Option<String>, Option<String>)> = sqlite(&server)
        .prepare("SELECT household_id, method, detail FROM security_log WHERE event = 'restore'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        restores,
        vec![(None, Some("cli".into()), Some(out.to_string()))]
    );
}

#[test]
fn restore_refuses_garbage_truncated_and_newer_files_and_changes_nothing() {
    let mut server = Server::start();
    let _anna = server.user_client("anna", "Smiths", true);
    let token = server.cli_token("anna", "t");
    let api = server.client();
    let list = new_list(&api, &token, "Weekly");
    assert_eq!(add(&api, &token, list, "milk").status, 201);
    let before = snapshot(&api, &token);
    let good = server.data_dir().join("../good.db");
    let (status, _, stderr) = run_cli(
        &[
            "backup",
            "--data-dir",
            &dir_arg(&server),
            "--out",
            good.to_str().unwrap(),
        ],
        None,
    );
    assert!(status.success(), "{stderr}");
    server.terminate();

    let garbage = server.data_dir().join("../garbage.db");
    std::fs::write(
        &garbage,
        b"this is not a database, just some text\n".repeat(200),
    )
    .unwrap();
    let truncated = server.data_dir().join("../truncated.db");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let newer = server.data_dir().join("../newer.db");
    std::fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let empty = server.data_dir().join("../empty.db");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); PRAGMA user_version = 1;")
        .unwrap();

    let db_bytes = std::fs::read(server.db_path()).unwrap();
    for (file, expect) in [
        (&garbage, "not an SQLite database"),
        (&truncated, ""),
        (&newer, "newer aisle"),
        (&empty, "not an aisle database"),
    ] {
        let (status, _, stderr) = run_cli(
            &[
                "restore",
                "--data-dir",
                &dir_arg(&server),
                file.to_str().unwrap(),
            ],
            None,
        );
        assert!(!status.success(), "{} was restored", file.display());
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expect),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read(server.db_path()).unwrap(),
            db_bytes,
            "the database changed"
        );
    }
    server.restart();
    assert_eq!(snapshot(&server.client(), &token), before);
}

#[test]
fn a_backup_taken_while_writers_write_is_consistent_and_no_write_fails() {
    let server = Server::start();
    let _anna = instance_admin(&server, "anna", "Smiths");
    let token = server.cli_token("anna", "t");
    let api = server.client();
    let lists: Vec<i64> = (0..3)
        .map(|i| new_list(&api, &token, &format!("L{i}")))
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = lists
        .iter()
        .map(|&list| {
            let (stop, token, port) = (stop.clone(), token.clone(), server.port);
            thread::spawn(move || {
                let client = Client::new(port);
                let mut done = 0;
                // Bounded: at most 2,000 writes per writer.
                while !stop.load(Ordering::Relaxed) && done < 2_000 {
                    let resp = add(&client, &token, list, &format!("thing {done}"));
                    assert_eq!(resp.status, 201, "write {done} failed: {}", resp.describe());
                    done += 1;
                }
                done
            })
        })
        .collect();
    // Let the writers get going, then back up twice (CLI and the admin's run-now).
    thread::sleep(std::time::Duration::from_millis(300));
    let out = server.data_dir().join("../during.db");
    let (status, _, stderr) = run_cli(
        &[
            "backup",
            "--data-dir",
            &dir_arg(&server),
            "--out",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert!(status.success(), "{stderr}");
    let page = _anna.submit("/admin/jobs/backup/run", &[]);
    assert_eq!(page.status, 303, "{}", page.describe());
    stop.store(true, Ordering::Relaxed);
    let written: usize = writers.into_iter().map(|w| w.join().unwrap()).sum();
    assert!(written > 0);

    assert_eq!(integrity(&out), "ok");
    // Consistent: every list's version is the version of its last changed item.
    let conn = rusqlite::Connection::open(&out).unwrap();
    let mut stmt = conn
        .prepare("SELECT l.version, (SELECT max(version) FROM items i WHERE i.list_id = l.id) FROM lists l")
        .unwrap();
    let rows: Vec<(i64, Option<i64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (version, max_item) in rows {
        assert_eq!(
            Some(version),
            max_item.or(Some(0)),
            "a list and its items disagree in the backup"
        );
    }
    // The scheduled backup is listed as verified on the admin page.
    let admin = _anna.get("/admin");
    assert!(admin.body.contains("verified"), "{}", admin.body);
}

/// The backup files in the server's backup directory, sorted.
fn backup_files(server: &Server) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(server.data_dir().join("backups"))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| n.ends_with(".db"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Issue 20: a manual `aisle backup` never removes another backup (it used to run the
/// scheduled job's retention, which dropped the same day's earlier scheduled backup),
/// and the scheduled runs after it keep it and their own newest.
#[test]
fn a_manual_backup_keeps_the_scheduled_one_and_is_kept_by_retention() {
    // No firing of its own during the test: runs come from `aisle jobs run backup`, which
    // keep one backup a day (also when the test runs across midnight).
    let server = Server::start_with(&[("AISLE_BACKUP_SCHEDULE", "")]);
    let _anna = server.user_client("anna", "Smiths", true);
    let dir = dir_arg(&server);
    let one_a_day = [
        ("AISLE_BACKUP_KEEP_DAILY", "1"),
        ("AISLE_BACKUP_KEEP_WEEKLY", "0"),
        ("AISLE_BACKUP_KEEP_MONTHLY", "0"),
    ];
    let scheduled_run = || {
        let args = ["jobs", "run", "backup", "--data-dir", &dir];
        let (status, out, stderr) = common::run_cli_env(&args, None, &one_a_day);
        assert!(status.success(), "{stderr}");
        assert!(out.starts_with("backup: aisle-"), "{out}");
    };
    scheduled_run();
    let scheduled = backup_files(&server);
    assert_eq!(scheduled.len(), 1, "{scheduled:?}");

    let (status, out, stderr) =
        common::run_cli_env(&["backup", "--data-dir", &dir], None, &one_a_day);
    assert!(status.success(), "{stderr}");
    assert!(out.contains("no other backup was removed"), "{out}");
    let both = backup_files(&server);
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(
        both.contains(&scheduled[0]),
        "the scheduled backup went: {both:?}"
    );
    let manual = both
        .iter()
        .find(|n| n.starts_with("aisle-manual-"))
        .unwrap();
    assert!(out.contains(manual.as_str()), "{out}");
    for name in &both {
        assert_eq!(
            integrity(&server.data_dir().join("backups").join(name)),
            "ok"
        );
    }

    // A later scheduled run replaces the earlier scheduled one (one a day), keeps its own
    // (the newest), and leaves the manual backup alone.
    scheduled_run();
    let after = backup_files(&server);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(
        after.contains(manual),
        "retention removed the manual backup: {after:?}"
    );
    assert!(!after.contains(&scheduled[0]), "{after:?}");

    // A manual backup that cannot be written fails, says why, and removes nothing.
    let blocker = server.data_dir().join("not-a-dir");
    std::fs::write(&blocker, b"x").unwrap();
    let (status, _, stderr) = common::run_cli_env(
        &["backup", "--data-dir", &dir],
        None,
        &[(
            "AISLE_BACKUP_DIR",
            blocker.join("backups").to_str().unwrap(),
        )],
    );
    assert!(!status.success(), "a backup into a file's path succeeded");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("cannot create"),
        "{stderr}"
    );
    assert_eq!(backup_files(&server), after);
}

#[test]
fn acknowledged_writes_survive_kill_9() {
    let mut server = Server::start();
    let _anna = server.user_client("anna", "Smiths", true);
    let token = server.cli_token("anna", "t");
    let list = new_list(&server.client(), &token, "Durable");
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..10 {
        let port = server.port;
        let token2 = token.clone();
        let writer = thread::spawn(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(std::time::Duration::from_secs(5)))
                .build()
                .into();
            let url = format!("http://127.0.0.1:{port}/api/v1/lists/{list}/items");
            let mut acked = Vec::new();
            for n in 0..10_000 {
                let name = format!("r{round}n{n}");
                let sent = agent
                    .post(&url)
                    .header("Authorization", &format!("Bearer {token2}"))
                    .send_json(json!({ "text": name }));
                match sent {
                    Ok(resp) if resp.status() == 201 => acked.push(name),
                    _ => break, // the server died under us: this write was not acknowledged
                }
            }
            acked
        });
        // Let some writes land, then pull the plug.
        thread::sleep(std::time::Duration::from_millis(150 + 40 * round));
        server.kill9();
        let acked = writer.join().unwrap();
        acknowledged.extend(acked);
        assert_eq!(integrity(&server.db_path()), "ok", "round {round}");
        server.restart();
        let names: std::collections::HashSet<String> = server
            .client()
            .api_get(&format!("/api/v1/lists/{list}"), &token)
            .json()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_string())
            .collect();
        let lost: Vec<&String> = acknowledged
            .iter()
            .filter(|n| !names.contains(*n))
            .collect();
        assert!(
            lost.is_empty(),
            "round {round}: acknowledged writes lost: {lost:?}"
        );
    }
    assert!(acknowledged.len() > 10, "too few writes to mean anything");
}

#[test]
fn a_run_missed_while_the_server_was_off_is_caught_up_at_start() {
    let mut server = Server::start_with(&[("AISLE_CLEANUP_SCHEDULE", "0 30 3 * * *")]);
    server.terminate();
    // The last cleanup ran two days ago: a 03:30 firing was missed.
    let two_days_ago = chrono_ms() - 2 * 24 * 3600 * 1000;
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    conn.execute(
        "INSERT INTO job_runs (job, started_ms, finished_ms, outcome, message) VALUES ('cleanup', ?1, ?1, 'ok', 'old')",
        [two_days_ago],
    )
    .unwrap();
    drop(conn);
    server.restart();
    let mut caught_up = false;
    for _ in 0..200 {
        let conn = rusqlite::Connection::open(server.db_path()).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM job_runs WHERE job = 'cleanup' AND outcome = 'ok' AND started_ms > ?1", [two_days_ago], |r| r.get(0))
            .unwrap();
        if n == 1 {
            caught_up = true;
            break;
        }
        thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(caught_up, "no catch-up run; log:\n{}", server.log());
    let (status, out, _) = run_cli(&["jobs", "list", "--data-dir", &dir_arg(&server)], None);
    assert!(status.success());
    assert!(out.contains("cleanup") && out.contains("ok at"), "{out}");
}

#[test]
fn a_job_runs_in_one_process_at_a_time() {
    let server = Server::start();
    let anna = instance_admin(&server, "anna", "Smiths");
    let runs = || {
        db_count(
            &server,
            "SELECT count(*) FROM job_runs WHERE job = 'cleanup'",
        )
    };
    // Another process is running the cleanup (it holds the job's lock, as `aisle jobs run
    // cleanup` or the server's scheduler does while the job runs).
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(server.data_dir().join("aisle-job-cleanup.lock"))
        .unwrap();
    lock.lock().unwrap();
    let before = runs();
    let cli = ["jobs", "run", "cleanup", "--data-dir", &dir_arg(&server)];
    let (status, _, stderr) = run_cli(&cli, None);
    assert!(!status.success(), "ran beside another run");
    assert!(stderr.contains("cleanup is already running"), "{stderr}");
    let page = anna.submit("/admin/jobs/cleanup/run", &[]);
    assert_refused(&page, 409, "run now while another process runs the job");
    assert_eq!(runs(), before, "a refused run was recorded");
    // Other jobs are not held up.
    assert_eq!(anna.submit("/admin/jobs/backup/run", &[]).status, 303);

    lock.unlock().unwrap();
    let (status, out, stderr) = run_cli(&cli, None);
    assert!(status.success(), "{stderr}");
    assert!(out.starts_with("cleanup: "), "{out}");
    assert_eq!(anna.submit("/admin/jobs/cleanup/run", &[]).status, 303);
    assert_eq!(runs(), before + 2);
}

#[test]
fn invalid_schedules_stop_the_server_before_it_binds() {
    for (var, option) in [
        ("AISLE_BACKUP_SCHEDULE", "backup-schedule"),
        ("AISLE_REFRESH_SCHEDULE", "refresh-schedule"),
        ("AISLE_CLEANUP_SCHEDULE", "cleanup-schedule"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let port = common::free_port();
        let out = common::aisle_command()
            .args([
                "serve",
                "--data-dir",
                dir.path().to_str().unwrap(),
                "--listen",
                &format!("127.0.0.1:{port}"),
            ])
            .env(var, "at midnight")
            .output()
            .unwrap();
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(option), "{stderr}");
        assert!(
            !dir.path().join("aisle.db").exists(),
            "it opened the database before refusing"
        );
        let (status, _, stderr) =
            common::run_cli_env(&["config", "check"], None, &[(var, "61 * * * * *")]);
        assert!(!status.success());
        assert!(stderr.contains(option), "{stderr}");
    }
}

#[test]
fn export_then_import_into_another_household_round_trips() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let _zoe = server.user_client("zoe", "Joneses", true);
    let a = server.cli_token("anna", "a");
    let z = server.cli_token("zoe", "z");
    let api = server.client();
    let list = new_list(&api, &a, "Weekly");
    assert_eq!(
        add(&api, &a, list, "2 cups milk, bread (sliced), 3 eggs").status,
        201
    );
    let store = anna.submit("/stores", &[("name", "Market")]);
    assert_eq!(store.status, 303);
    let exported = api.api_get("/api/v1/export", &a);
    assert!(
        exported
            .header("content-disposition")
            .unwrap_or("")
            .contains("attachment")
    );
    let doc = exported.json();

    // Zoe's household keeps what it had.
    let zlist = new_list(&api, &z, "Mine");
    let resp = api.api_post_json("/api/v1/import", &z, &doc);
    assert_eq!(resp.status, 201, "{}", resp.describe());
    assert_eq!(resp.json()["items"], 3);
    let mut after = api.api_get("/api/v1/export", &z).json();
    assert_eq!(after["lists"][0]["name"], "Mine");
    assert_eq!(
        api.api_get(&format!("/api/v1/lists/{zlist}"), &z).status,
        200
    );
    // Apart from Zoe's own list, the household name and Zoe's own security log before and
    // after the imported one, it is the same document.
    after["lists"].as_array_mut().unwrap().remove(0);
    let log = after["security_log"].as_array().unwrap().clone();
    let theirs = doc["security_log"].as_array().unwrap();
    assert!(
        log.windows(theirs.len()).any(|w| w == &theirs[..]),
        "{log:#?}"
    );
    for key in ["household", "exported_ms", "security_log"] {
        after[key] = doc[key].clone();
    }
    assert_eq!(after, doc);
    // A bad document changes nothing.
    let bad = json!({"format": "something-else", "version": 1});
    let resp = api.api_post_json("/api/v1/import", &z, &bad);
    assert!(
        resp.status == 422 || resp.status == 400,
        "{}",
        resp.describe()
    );
    assert_eq!(
        api.api_get("/api/v1/lists", &z)
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

fn chrono_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}
