//! An upgrade backs the database up before migrating it; staples go on a list in one tap.

use crate::common::{self, Server, aisle_command};
use serde_json::json;

#[test]
fn an_older_database_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // A database as aisle's first three migrations left it, with a household in it.
    let conn = rusqlite::Connection::open(data.join("aisle.db")).unwrap();
    for sql in [
        include_str!("../../src/db/migrations/0001_init.sql"),
        include_str!("../../src/db/migrations/0002_sync.sql"),
        include_str!("../../src/db/migrations/0003_jobs.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO households (name, name_key, created_ms) VALUES ('Old', 'old', 0);
         PRAGMA user_version = 3;",
    )
    .unwrap();
    drop(conn);

    let out = aisle_command()
        .args(["jobs", "list", "--data-dir", data.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let backups: Vec<_> = std::fs::read_dir(data.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("aisle-premigrate-v3-")
        })
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let copy = rusqlite::Connection::open(&backups[0]).unwrap();
    let version: i64 = copy
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let name: String = copy
        .query_row("SELECT name FROM households", [], |r| r.get(0))
        .unwrap();
    assert_eq!((version, name.as_str()), (3, "Old"));
    // The live database was migrated and kept its data.
    let live = rusqlite::Connection::open(data.join("aisle.db")).unwrap();
    let version: i64 = live
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version > 3);
    let name: String = live
        .query_row("SELECT name FROM households", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Old");
}

#[test]
fn a_staple_goes_on_a_list_in_one_tap() {
    let server = Server::start_with(&[("AISLE_LOOKUPS", "off")]);
    let anna = server.user_client("anna", "Smiths", true);
    let token = server.cli_token("anna", "t");
    let list = anna.create_list("Weekly");
    let api = server.client();
    let made = api.api_post_json(
        "/api/v1/products",
        &token,
        &json!({"name": "Oat drink", "brand": "Oatly"}),
    );
    assert_eq!(made.status, 201, "{}", made.describe());
    let product = made.json()["id"].as_i64().unwrap();
    let page = anna.get(&format!("/lists/{list}"));
    assert!(
        !page.body.contains(&format!("/products/{product}/add")),
        "not a staple yet"
    );
    assert_eq!(
        anna.submit(&format!("/products/{product}/save"), &[])
            .status,
        303
    );

    let page = anna.get(&format!("/lists/{list}"));
    assert!(
        page.body
            .contains(&format!("formaction=\"/products/{product}/add\"")),
        "{}",
        page.body
    );
    let list_id = list.to_string();
    let tapped = anna.submit(
        &format!("/products/{product}/add"),
        &[("list_id", list_id.as_str())],
    );
    assert_eq!(tapped.status, 303, "{}", tapped.describe());
    let items = anna.items(list);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "Oat drink");
    assert_eq!(items[0]["product_id"], product);
    // Once it waits on the list, the chip goes away.
    let page = anna.get(&format!("/lists/{list}"));
    assert!(
        !page
            .body
            .contains(&format!("formaction=\"/products/{product}/add\""))
    );
}

#[test]
fn the_upgrade_that_stores_instance_admins_names_them_for_the_operator() {
    // Before 0008 the admins of the lowest-id household ran the instance. The household
    // that set the server up was deleted, so that is now joe of "Next": the upgrade keeps
    // the old rule (nothing changes silently) but says so, for the operator to check.
    let mut server = Server::start();
    server.terminate();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", server.db_path().display()));
    }
    let conn = rusqlite::Connection::open(server.db_path()).unwrap();
    for sql in [
        include_str!("../../src/db/migrations/0001_init.sql"),
        include_str!("../../src/db/migrations/0002_sync.sql"),
        include_str!("../../src/db/migrations/0003_jobs.sql"),
        include_str!("../../src/db/migrations/0004_products.sql"),
        include_str!("../../src/db/migrations/0005_page_indexes.sql"),
        include_str!("../../src/db/migrations/0006_list_order.sql"),
        include_str!("../../src/db/migrations/0007_price_lookup.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO households (id, name, name_key, created_ms) VALUES
             (2, 'Next', 'next', 0), (3, 'Third', 'third', 0);
         INSERT INTO users (household_id, username, username_key, password_hash, role, created_ms)
         VALUES (2, 'joe', 'joe', 'x', 'admin', 0), (2, 'kim', 'kim', 'x', 'member', 0),
                (3, 'liv', 'liv', 'x', 'admin', 0);
         PRAGMA user_version = 7;",
    )
    .unwrap();
    drop(conn);

    server.restart();
    let log = server.log();
    assert!(
        log.contains("holders=joe (Next)") && log.contains("check that these are the right people"),
        "{log}"
    );
    let live = common::sqlite(&server);
    let holders: Vec<String> = live
        .prepare("SELECT username FROM users WHERE instance_admin = 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(holders, ["joe"]);
}
