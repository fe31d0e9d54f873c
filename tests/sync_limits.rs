#![allow(clippy::unwrap_used)]
//! One member must not stall or break the household, against a real server: a batch of
//! ops adds at most as much as one add request (100 items, 10,000 characters) and holds a
//! bounded number of ops; adds merge into a big list by name; positions stay in range, and
//! a database that already holds runaway positions is repaired by its migration.

mod common;

use common::member::*;
use common::*;
use serde_json::{Value, json};

/// The limits as docs/API.md states them.
const MAX_ITEMS: usize = 100;
const MAX_TEXT_CHARS: usize = 10_000;
const MAX_OPS: usize = 500;

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
