//! An import says what it did: how many lists, items, stores, products and prices it
//! added, which products the household had already, and which names were taken and what
//! the imported ones are called instead — as the household page's flash and as the output
//! of `aisle import`, whose refusals change nothing.

use serde_json::{Value, json};

use super::import_export::{good_doc, upload};
use crate::common::{self, Client, Server, db_count, run_cli, snapshot, sqlite};

/// `good_doc` with its list called "Weekly shop".
fn weekly_shop() -> Value {
    let mut doc = good_doc();
    doc["lists"][0]["name"] = json!("Weekly shop");
    doc
}

/// The flash shown on the page the import redirected to.
fn flash_after(client: &Client, resp: &common::Resp) -> String {
    let home = client.get(resp.redirected());
    common::alert_message(&home.body)
        .or_else(|| {
            // The flash may be a status rather than an alert: find the sentence itself.
            home.body
                .split('>')
                .find(|s| s.starts_with("Imported "))
                .map(|s| s.split('<').next().unwrap_or("").to_string())
        })
        .unwrap_or_else(|| panic!("no flash: {}", home.body))
}

/// How many of the server's lists have this name.
fn lists_named(server: &Server, name: &str) -> i64 {
    common::db_count(
        server,
        &format!("SELECT count(*) FROM lists WHERE name = '{name}'"),
    )
}

#[test]
fn the_import_page_says_what_it_added_and_how_clashing_names_were_resolved() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    anna.create_list("Weekly shop");

    let first = upload(&anna, &weekly_shop().to_string());
    assert_eq!(first.status, 303, "{}", first.describe());
    let said = flash_after(&anna, &first);
    assert!(
        said.contains("Imported 1 list with 1 item, 1 store, and 1 new product with 1 price."),
        "{said}"
    );
    assert!(
        said.contains(
            "A list “Weekly shop” already existed; the imported one is “Weekly shop (2)”."
        ),
        "{said}"
    );
    assert!(
        !said.contains("store “Market”"),
        "no store clashed yet: {said}"
    );

    // Again: the list and the store clash now, and the product (same barcode) is not
    // added again.
    let second = upload(&anna, &weekly_shop().to_string());
    let said = flash_after(&anna, &second);
    // Its price comes in again (a manual price has no report id to match it by).
    assert!(said.contains("and 0 new products with 1 price."), "{said}");
    assert!(
        said.contains("1 product the household had already (same barcode) was not added again."),
        "{said}"
    );
    assert!(
        said.contains(
            "A list “Weekly shop” already existed; the imported one is “Weekly shop (3)”."
        ),
        "{said}"
    );
    assert!(
        said.contains("A store “Market” already existed; the imported one is “Market (2)”."),
        "{said}"
    );
    for name in ["Weekly shop", "Weekly shop (2)", "Weekly shop (3)"] {
        assert_eq!(lists_named(&server, name), 1, "{name}");
    }

    // A refused file says so and adds nothing.
    let before = snapshot(&server);
    let refused = upload(&anna, "{\"format\": \"something else\"}");
    assert_eq!(refused.status, 422, "{}", refused.describe());
    assert!(!refused.body.contains("Imported "), "{}", refused.body);
    assert_eq!(snapshot(&server), before);
}

fn data_dir(server: &Server) -> String {
    server.data_dir().to_str().unwrap().to_string()
}

#[test]
fn aisle_import_prints_what_it_added_and_refuses_with_a_sentence() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    anna.create_list("Weekly shop");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.json");
    std::fs::write(&file, weekly_shop().to_string()).unwrap();
    let file = file.to_str().unwrap();
    let data = data_dir(&server);

    // Refusals first: each says why, exits non-zero and changes nothing.
    let before = snapshot(&server);
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "not json").unwrap();
    for (args, why) in [
        (
            vec!["import", "--data-dir", &data, "--household", "Nobody", file],
            "no household is called “Nobody”",
        ),
        (
            vec![
                "import",
                "--data-dir",
                &data,
                "--household",
                "Smiths",
                junk.to_str().unwrap(),
            ],
            "is not an aisle export",
        ),
        (
            vec![
                "import",
                "--data-dir",
                &data,
                "--household",
                "Smiths",
                "--from",
                "anylist",
                file,
            ],
            "cannot import from `anylist`",
        ),
        (
            vec![
                "import",
                "--data-dir",
                &data,
                "--household",
                "Smiths",
                "/nonexistent/x.json",
            ],
            "cannot read /nonexistent/x.json",
        ),
    ] {
        let (status, stdout, stderr) = run_cli(&args, None);
        assert!(!status.success(), "{args:?}: {stdout}");
        assert!(stderr.contains(why), "{args:?}: {stderr}");
        assert_eq!(snapshot(&server), before, "{args:?} changed nothing");
    }

    // While the server runs: it says what it added and how the clash was resolved.
    let (status, stdout, stderr) = run_cli(
        &["import", "--data-dir", &data, "--household", "Smiths", file],
        None,
    );
    assert!(status.success(), "{stderr}");
    assert!(
        stdout.contains("Imported 1 list with 1 item, 1 store, and 1 new product with 1 price."),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "A list “Weekly shop” already existed; the imported one is “Weekly shop (2)”."
        ),
        "{stdout}"
    );
    assert_eq!(lists_named(&server, "Weekly shop (2)"), 1);
    // The household's security log says so, once (the refusals above logged nothing).
    let logged: Vec<(Option<i64>, Option<String>, i64)> = sqlite(&server)
        .prepare("SELECT household_id, method, success FROM security_log WHERE event = 'import'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let smiths = db_count(&server, "SELECT id FROM households WHERE name = 'Smiths'");
    assert_eq!(logged, vec![(Some(smiths), Some("cli".into()), 1)]);
}
