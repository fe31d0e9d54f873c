//! One member must not stall or break the household, against a real server: a batch of
//! ops adds at most as much as one add request (100 items, 10,000 characters) and holds a
//! bounded number of ops; adds merge into a big list by name; positions stay in range, and
//! a database that already holds runaway positions is repaired by its migration.

use crate::common::member::*;
use crate::common::*;
use serde_json::{Value, json};

/// The limits as docs/API.md states them.
const MAX_ITEMS: usize = 100;
const MAX_TEXT_CHARS: usize = 10_000;
const MAX_OPS: usize = 500;
const MAX_POSITION: i64 = 1_000_000;

/// Asserts the batch is refused with `status` and problem+json whose detail holds every one
/// of `words`, and that nothing at all changed.
fn assert_refused_whole(
    server: &Server,
    member: &Member,
    list: i64,
    ops: &Value,
    status: u16,
    words: &[&str],
) {
    let before = snapshot(server);
    let resp = member.send_ops(list, ops.clone());
    let context = format!("{words:?}");
    assert_problem(&resp, status, &context);
    let detail = resp.message();
    for word in words {
        assert!(
            detail.contains(word),
            "the detail {detail:?} should contain {word:?}"
        );
    }
    assert_eq!(snapshot(server), before, "{context}: something changed");
}

/// `count` distinct one-word item names, `thing<prefix>a`, `thing<prefix>b`…
fn words(prefix: &str, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let mut n = i;
            let mut word = format!("thing{prefix}");
            loop {
                word.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
                if n == 0 {
                    break;
                }
            }
            word
        })
        .collect()
}

fn add_op(op_id: &str, text: &str) -> Value {
    json!({"op_id": op_id, "kind": "add", "fields": {"text": text}})
}

#[test]
fn an_ops_flood_is_refused_whole_and_the_limits_hold_exactly() {
    let (server, alice, list) = home_with_list();
    alice.client.add_items(list, "milk");
    let milk = alice.item_id(list, "milk");

    // The flood: 500 add ops of 15 items each, 7,500 items in 63 KB (under the 64 KiB body
    // limit). Refused as a whole before any of it is written.
    let letter = |n: usize| char::from(b'a' + (n % 26) as u8);
    let flood = Value::Array(
        (0..500)
            .map(|i| {
                let text: Vec<String> = (0..15)
                    .map(|j| format!("t{}{}", letter(j), letter(i)))
                    .collect();
                add_op(&format!("f{i}"), &text.join(", "))
            })
            .collect(),
    );
    let size = json!({ "ops": flood }).to_string().len();
    assert!(size > 60_000 && size < 64 * 1024, "{size} bytes");
    assert_refused_whole(&server, &alice, list, &flood, 413, &["at most"]);

    // Items: 101 in three ops is one too many, and the answer says both numbers.
    let names = words("x", MAX_ITEMS + 1);
    let over = json!([
        add_op("i1", &names[..50].join(", ")),
        {"op_id": "i2", "kind": "check", "item_id": milk},
        add_op("i2b", &names[50..100].join("\n")),
        add_op("i3", &names[100]),
    ]);
    assert_refused_whole(&server, &alice, list, &over, 413, &["101", "100 items"]);
    // Exactly 100 in four ops is fine.
    let at = Value::Array(
        names[..MAX_ITEMS]
            .chunks(25)
            .enumerate()
            .map(|(i, chunk)| add_op(&format!("ok{i}"), &chunk.join(", ")))
            .collect(),
    );
    let body = alice.ops(list, at);
    assert_eq!(statuses(&body), ["applied"; 4]);
    assert_eq!(alice.items(list).len(), MAX_ITEMS + 1, "100 added to milk");

    // Text: 10,001 characters over two ops (only 50 items) is too much; 10,000 is fine.
    // Each op holds 25 names of 198 characters (4,998 characters) and trailing blanks.
    let text = |c: char, blanks: usize| {
        let name = c.to_string().repeat(198);
        format!("{}{}", vec![name; 25].join(", "), " ".repeat(blanks))
    };
    assert_eq!(text('p', 2).chars().count(), MAX_TEXT_CHARS / 2);
    let over = json!([add_op("t1", &text('p', 2)), add_op("t2", &text('r', 3))]);
    assert_refused_whole(&server, &alice, list, &over, 413, &["10001", "10000"]);
    let other = alice.client.create_list("Long names");
    let at = json!([add_op("t1", &text('p', 2)), add_op("t2", &text('r', 2))]);
    let body = alice.ops(other, at);
    assert_eq!(statuses(&body), ["applied", "applied"]);
    let items = alice.items(other);
    assert_eq!(items.len(), 2, "25 of each merged into one");

    // One add op over the per-request limits is a bad op (422, named), not a big batch.
    let one = json!([add_op("big", &words("y", MAX_ITEMS + 1).join(", "))]);
    assert_refused_whole(&server, &alice, list, &one, 422, &["op 1", "big", "100"]);

    // Ops: one more than the limit is refused whatever they are; the limit itself is fine.
    let checks = |n: usize, prefix: &str| -> Value {
        Value::Array(
            (0..n)
                .map(|i| {
                    let kind = if i % 2 == 0 { "check" } else { "uncheck" };
                    json!({"op_id": format!("{prefix}{i}"), "kind": kind, "item_id": milk})
                })
                .collect(),
        )
    };
    assert_refused_whole(
        &server,
        &alice,
        list,
        &checks(MAX_OPS + 1, "c"),
        413,
        &[&(MAX_OPS + 1).to_string(), &MAX_OPS.to_string()],
    );
    let body = alice.ops(list, checks(MAX_OPS, "c"));
    assert_eq!(body["results"].as_array().unwrap().len(), MAX_OPS);
}

#[test]
fn a_big_allowed_batch_merges_into_a_big_list_by_name() {
    let (_server, alice, list) = home_with_list();
    // A list of 300 open items, then the ones a batch will merge into.
    for chunk in words("z", 300).chunks(MAX_ITEMS) {
        alice.client.add_items(list, &chunk.join(", "));
    }
    alice
        .client
        .add_items(list, "6 Eggs, 2 l Milk, Tomatoes, bread, butter");
    let butter = alice.item_id(list, "butter");
    alice.ops(
        list,
        json!([{"op_id": "cb", "kind": "check", "item_id": butter}]),
    );

    // 100 items in five ops: 90 new ones, and the rest merging by name whatever the case
    // or plural, within the batch too; a checked item is not merged into, and an item
    // checked earlier in the same batch is not either.
    let fresh = words("n", 90);
    let body = alice.ops(
        list,
        json!([
            add_op("m1", &format!("6 EGGS, 2 l milk, {}", fresh[..30].join(", "))),
            add_op("m2", &format!("tomato, 2 Bread, 2 Apples, {}", fresh[30..60].join(", "))),
            add_op("m3", "apples, butter"),
            add_op("m4", &format!("pears, {}", fresh[60..].join(", "))),
            {"op_id": "m5", "kind": "check", "item_id": "op:m4"},
            add_op("m6", "2 pears"),
        ]),
    );
    assert_eq!(statuses(&body), ["applied"; 6]);
    let items = alice.items(list);
    assert_eq!(items.len(), 300 + 5 + 90 + 1 + 1 + 2, "{:?}", names(&items));
    let named =
        |name: &str| -> Vec<&Value> { items.iter().filter(|i| i["name"] == name).collect() };
    assert_eq!(named("Eggs")[0]["quantity"], 12.0);
    assert!(named("EGGS").is_empty());
    assert_eq!(named("Milk")[0]["quantity"], 4.0);
    assert_eq!(named("Milk")[0]["unit"], "l");
    assert_eq!(named("Tomatoes").len(), 1);
    assert!(named("tomato").is_empty());
    assert_eq!(named("bread")[0]["quantity"], 3.0);
    assert_eq!(
        named("Apples")[0]["quantity"],
        3.0,
        "merged within the batch"
    );
    assert!(named("apples").is_empty());
    let butters = named("butter");
    assert_eq!(butters.len(), 2, "a checked item is not merged into");
    assert!(butters.iter().any(|b| b["checked"] == true));
    let pears = named("pears");
    assert_eq!(pears.len(), 2, "checked in the batch, so a new one");
    assert!(
        pears
            .iter()
            .any(|p| p["checked"] == false && p["quantity"] == 2.0)
    );
    for name in &fresh {
        assert_eq!(named(name).len(), 1, "{name}");
    }
}

#[test]
fn a_move_far_out_is_refused_and_adds_keep_working() {
    let (server, alice, list) = home_with_list();
    alice.client.add_items(list, "milk, bread");
    let milk = alice.item_id(list, "milk");
    let bread = alice.item_id(list, "bread");

    for position in [i64::MAX, MAX_POSITION + 1, -1, i64::MIN] {
        let ops = json!([
            {"op_id": "ok", "kind": "check", "item_id": bread},
            {"op_id": "far", "kind": "move", "item_id": milk, "fields": {"position": position}},
        ]);
        assert_refused_whole(
            &server,
            &alice,
            list,
            &ops,
            422,
            &["op 2", "far", "position", "1000000"],
        );
    }
    // Adds still work, by the API, the form and ops.
    let added = alice.client.api_post_json(
        &format!("/api/v1/lists/{list}/items"),
        &alice.token,
        &json!({"text": "eggs"}),
    );
    assert_eq!(added.status, 201, "{}", added.describe());

    // The highest position allowed, then adds after it: the list keeps its order and
    // every position stays in range.
    alice.ops(
        list,
        json!([{"op_id": "top", "kind": "move", "item_id": milk, "fields": {"position": MAX_POSITION}}]),
    );
    alice.client.add_items(list, "tea");
    alice.ops(list, json!([add_op("a1", "jam, 2 eggs")]));
    let items = alice.items(list);
    let order: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(order, ["bread", "eggs", "milk", "tea", "jam"]);
    assert_eq!(find(&items, "eggs")["quantity"], 3.0);
    for item in &items {
        let p = item["position"].as_i64().unwrap();
        assert!((0..=MAX_POSITION).contains(&p), "{item}");
    }
    assert_eq!(
        db_count(
            &server,
            "SELECT count(*) FROM items WHERE typeof(position) <> 'integer'"
        ),
        0
    );
    // Phones learn the new positions: every item moved in the renumbering changed version.
    let version = alice.version(list);
    let changes = alice.changes(list, version - 2);
    assert_eq!(
        names(changes["items"].as_array().unwrap()),
        ["bread", "eggs", "jam", "milk", "tea"]
    );
}

/// The names of the migration files before `0009_bounded_positions`, in order.
fn migrations_before_0009() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/db/migrations");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().as_ref() < "0009")
        .collect();
    files.sort();
    files
}

#[test]
fn a_database_with_runaway_positions_is_repaired_when_migrated() {
    let mut server = Server::start();
    server.terminate();
    let db = server.db_path();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    // A database as the migrations before 0009 left it, where a move to the largest
    // position and an add after it (which overflowed into a REAL) broke a list.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let before = migrations_before_0009();
    for file in &before {
        conn.execute_batch(&std::fs::read_to_string(file).unwrap())
            .unwrap();
    }
    conn.pragma_update(None, "user_version", before.len() as i64)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO households (id, name, name_key, created_ms) VALUES (1, 'Home', 'home', 0);
         INSERT INTO lists (id, household_id, name, version, created_ms, updated_ms)
             VALUES (1, 1, 'Broken', 7, 0, 0), (2, 1, 'Fine', 3, 0, 0);
         INSERT INTO items (id, list_id, name, position, version, created_ms, updated_ms, deleted)
             VALUES (1, 1, 'milk', 9223372036854775807, 5, 0, 0, 0),
                    (2, 1, 'bread', 0, 1, 0, 0, 0),
                    (3, 1, 'eggs', 9.3e18, 6, 0, 0, 0),
                    (4, 1, 'jam', 4, 2, 0, 0, 1),
                    (5, 1, 'tea', -9223372036854775808, 7, 0, 0, 0),
                    (6, 2, 'apples', 5, 2, 0, 0, 0),
                    (7, 2, 'pears', 9, 3, 0, 0, 0);",
    )
    .unwrap();
    let real: String = conn
        .query_row("SELECT typeof(position) FROM items WHERE id = 3", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(real, "real", "the test database holds a REAL position");
    drop(conn);

    server.restart();
    let alice = Member::new(&server, "alice", "Home");
    let positions = |list: i64| -> Vec<(String, i64, i64)> {
        let conn = sqlite(&server);
        let mut stmt = conn
            .prepare(
                "SELECT name, position, version FROM items WHERE list_id = ?1 ORDER BY position, id",
            )
            .unwrap();
        stmt.query_map([list], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    // The broken list was renumbered in its old order (tombstones too), as a change
    // phones will fetch; the other list was left alone.
    let broken = positions(1);
    let order: Vec<&str> = broken.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(order, ["tea", "bread", "jam", "milk", "eggs"]);
    let numbers: Vec<i64> = broken.iter().map(|(_, p, _)| *p).collect();
    assert_eq!(numbers, [0, 1, 2, 3, 4]);
    let version = alice.version(1);
    assert_eq!(version, 8);
    assert!(broken.iter().all(|(_, _, v)| *v == version), "{broken:?}");
    assert_eq!(
        positions(2),
        [("apples".to_string(), 5, 2), ("pears".to_string(), 9, 3)]
    );
    assert_eq!(
        db_count(
            &server,
            "SELECT count(*) FROM items WHERE typeof(position) <> 'integer'"
        ),
        0
    );

    // The list reads and adds work again.
    let items = alice.items(1);
    assert_eq!(
        items
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["tea", "bread", "milk", "eggs"]
    );
    let added = alice.client.api_post_json(
        "/api/v1/lists/1/items",
        &alice.token,
        &json!({"text": "butter"}),
    );
    assert_eq!(added.status, 201, "{}", added.describe());
    alice.ops(1, json!([add_op("a", "cheese")]));
    let items = alice.items(1);
    let order: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(order, ["tea", "bread", "milk", "eggs", "butter", "cheese"]);
    assert_eq!(find(&items, "cheese")["position"], 6);
}
