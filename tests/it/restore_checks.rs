//! `aisle restore` with the real binary and real SQLite files: a file without the whole
//! schema of its version, or with rows pointing at nothing, is refused before anything is
//! replaced; restores in quick succession keep a safety copy each.

use std::path::{Path, PathBuf};

use crate::common::{Server, run_cli};
use serde_json::json;

fn dir_arg(server: &Server) -> String {
    server.data_dir().to_str().unwrap().to_string()
}

/// Every file under `dir` (recursively) with its bytes, by relative path.
fn dir_state(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

fn restore(server: &Server, file: &Path) -> (bool, String, String) {
    let (status, out, err) = run_cli(
        &[
            "restore",
            "--data-dir",
            &dir_arg(server),
            file.to_str().unwrap(),
        ],
        None,
    );
    (status.success(), out, err)
}

/// A server with a household and a list, its token, and a verified backup of it.
fn server_with_backup() -> (Server, String, PathBuf) {
    let server = Server::start();
    let _anna = server.user_client("anna", "Smiths", true);
    let token = server.cli_token("anna", "t");
    let api = server.client();
    let resp = api.api_post_json("/api/v1/lists", &token, &json!({"name": "Weekly"}));
    assert_eq!(resp.status, 201, "{}", resp.describe());
    let list = resp.json()["id"].as_i64().unwrap();
    let resp = api.api_post_json(
        &format!("/api/v1/lists/{list}/items"),
        &token,
        &json!({"text": "milk, bread"}),
    );
    assert_eq!(resp.status, 201, "{}", resp.describe());
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
    (server, token, good)
}

/// A copy of `good` changed by `sql` (run without foreign key enforcement).
fn spoiled(good: &Path, name: &str, sql: &str) -> PathBuf {
    let path = good.with_file_name(name);
    std::fs::copy(good, &path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    path
}

#[test]
fn a_file_without_the_whole_schema_or_with_dangling_rows_is_refused_and_nothing_changes() {
    let (mut server, token, good) = server_with_backup();
    server.terminate();
    // One table and the version of a whole database: the server would refuse to start.
    let thin = good.with_file_name("thin.db");
    rusqlite::Connection::open(&thin)
        .unwrap()
        .execute_batch("CREATE TABLE lists (id INTEGER PRIMARY KEY); PRAGMA user_version = 7;")
        .unwrap();
    let no_index = spoiled(&good, "no-index.db", "DROP INDEX items_list_version;");
    let extra = spoiled(
        &good,
        "extra.db",
        "CREATE TRIGGER wipe AFTER INSERT ON items BEGIN DELETE FROM lists; END;",
    );
    let dangling = spoiled(
        &good,
        "dangling.db",
        "PRAGMA foreign_keys = OFF; UPDATE items SET list_id = 424242;",
    );
    let state = dir_state(&server.data_dir());
    for (file, expect) in [
        (
            &thin,
            "is not a whole aisle database of schema 7: it lacks the tables `api_tokens`",
        ),
        (&thin, "its table `lists` is not as aisle makes it"),
        (&no_index, "it lacks the index `items_list_version`"),
        (&extra, "it has a trigger `wipe` that aisle does not make"),
        (&dangling, "items row 1 points at a missing lists row"),
    ] {
        let (ok, _, stderr) = restore(&server, file);
        assert!(!ok, "{} was restored", file.display());
        assert!(
            stderr.starts_with("error: ") && stderr.contains(expect),
            "{}: {stderr}",
            file.display()
        );
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(
            dir_state(&server.data_dir()) == state,
            "{}: the data directory changed",
            file.display()
        );
    }
    // The good one still restores, and the server starts on it with the data.
    let (ok, out, stderr) = restore(&server, &good);
    assert!(ok, "{stderr}");
    assert!(out.contains("previous database was saved"), "{out}");
    server.restart();
    let resp = server.client().api_get("/api/v1/lists", &token);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    assert_eq!(resp.json()[0]["name"], "Weekly");
}

#[test]
fn restores_in_quick_succession_keep_a_safety_copy_each() {
    let (mut server, token, good) = server_with_backup();
    server.terminate();
    let mut saved = Vec::new();
    for round in 0..3 {
        let (ok, out, stderr) = restore(&server, &good);
        assert!(ok, "restore {round}: {stderr}");
        let copy = out
            .split("saved as ")
            .nth(1)
            .unwrap_or_else(|| panic!("no safety copy named: {out}"))
            .trim()
            .to_string();
        assert!(Path::new(&copy).exists(), "{copy}");
        saved.push(copy);
    }
    saved.sort();
    saved.dedup();
    assert_eq!(saved.len(), 3, "{saved:?}");
    let copies = std::fs::read_dir(server.data_dir().join("backups"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("aisle-before-restore-") && n.ends_with(".db"))
        .count();
    assert_eq!(copies, 3);
    server.restart();
    let resp = server.client().api_get("/api/v1/lists", &token);
    assert_eq!(resp.status, 200, "{}", resp.describe());
}
