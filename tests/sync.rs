#![allow(clippy::unwrap_used)]
//! Sync over the JSON API, against a real server: ops applied exactly once and in order,
//! the conflict rules, bad batches that change nothing, `changes?since`, household
//! isolation and session auth. Live updates (SSE) are in `sync_live.rs`.

mod common;

use common::*;
use serde_json::{Value, json};

/// A household member with an API token and a logged-in browser session.
struct Member {
    client: Client,
    token: String,
}

impl Member {
    fn new(server: &Server, username: &str, household: &str) -> Member {
        let client = server.user_client(username, household, false);
        let token = server.cli_token(username, "phone");
        Member { client, token }
    }

    /// Sends a batch of ops; returns the raw answer.
    fn send_ops(&self, list: i64, ops: Value) -> Resp {
        self.client.api_post_json(
            &format!("/api/v1/lists/{list}/ops"),
            &self.token,
            &json!({ "ops": ops }),
        )
    }

    /// Sends a batch of ops that must be accepted; returns `{version, results}`.
    fn ops(&self, list: i64, ops: Value) -> Value {
        let resp = self.send_ops(list, ops);
        assert_eq!(resp.status, 200, "ops: {}", resp.describe());
        let body = resp.json();
        assert!(body["version"].is_i64(), "{body}");
        body
    }

    fn get(&self, path: &str) -> Resp {
        self.client.api_get(path, &self.token)
    }

    fn list(&self, list: i64) -> Value {
        let resp = self.get(&format!("/api/v1/lists/{list}"));
        assert_eq!(resp.status, 200, "{}", resp.describe());
        resp.json()
    }

    fn version(&self, list: i64) -> i64 {
        self.list(list)["version"].as_i64().unwrap()
    }

    fn items(&self, list: i64) -> Vec<Value> {
        self.list(list)["items"].as_array().unwrap().clone()
    }

    fn changes(&self, list: i64, since: i64) -> Value {
        let resp = self.get(&format!("/api/v1/lists/{list}/changes?since={since}"));
        assert_eq!(resp.status, 200, "{}", resp.describe());
        resp.json()
    }
}

/// The first item an op result carries.
fn result_item(result: &Value) -> &Value {
    &result["items"][0]
}

fn id_of(result: &Value) -> i64 {
    result_item(result)["id"].as_i64().unwrap()
}

fn find<'a>(items: &'a [Value], name: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no item {name:?} in {items:?}"))
}

fn names(items: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = items
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

fn statuses(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect()
}

/// Everything households own, leaving out the record of applied op ids (which an
/// ignored op adds to, so that its replay answers the same).
fn data_snapshot(server: &Server) -> String {
    let full = snapshot(server);
    match full.find("SELECT * FROM applied_ops") {
        Some(at) => full[..at].to_string(),
        None => full,
    }
}

/// One member of "Home" with a list "Weekly".
fn setup() -> (Server, Member, i64) {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");
    (server, alice, list)
}

#[test]
fn the_same_batch_twice_gets_identical_results_and_changes_nothing() {
    let (server, alice, list) = setup();
    let batch = json!([
        {"op_id": "a1", "kind": "add", "fields": {"text": "2 eggs, milk"}},
        {"op_id": "a2", "kind": "add", "fields": {"text": "1 loaf bread"}},
        {"op_id": "c1", "kind": "check", "item_id": "op:a1"},
    ]);
    let first = alice.ops(list, batch.clone());
    assert_eq!(statuses(&first), ["applied", "applied", "applied"]);
    assert_eq!(first["results"][0]["op_id"], "a1");
    assert_eq!(first["results"][0]["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["version"], alice.version(list));
    let before = snapshot(&server);

    let again = alice.send_ops(list, batch.clone());
    assert_eq!(again.status, 200, "{}", again.describe());
    assert_eq!(
        again.json(),
        first,
        "a replay answers exactly what the first time did"
    );
    assert_eq!(snapshot(&server), before, "a replay changes nothing");
    let items = alice.items(list);
    assert_eq!(names(&items), ["bread", "eggs", "milk"], "no duplicates");
    assert_eq!(find(&items, "eggs")["checked"], true);
    assert_eq!(find(&items, "eggs")["quantity"], 2.0);

    // A third time through the session (as the phone's page would): still nothing new.
    let third = alice.client.api_session_post(
        &format!("/api/v1/lists/{list}/ops"),
        &json!({ "ops": batch }),
    );
    assert_eq!(third.status, 200, "{}", third.describe());
    assert_eq!(third.json(), first);
    assert_eq!(snapshot(&server), before);

    // A batch mixing old and new ops: the old ones answer their stored results, only the
    // new one applies. The op id is the key, whatever the op now says.
    let mixed = alice.ops(
        list,
        json!([
            {"op_id": "a2", "kind": "add", "fields": {"text": "bread"}},
            {"op_id": "c1", "kind": "uncheck", "item_id": "op:a1"},
            {"op_id": "a3", "kind": "add", "fields": {"text": "apples"}},
        ]),
    );
    assert_eq!(mixed["results"][0], first["results"][1]);
    assert_eq!(mixed["results"][1], first["results"][2]);
    assert_eq!(mixed["results"][2]["status"], "applied");
    assert_eq!(mixed["version"], first["version"].as_i64().unwrap() + 1);
    let items = alice.items(list);
    assert_eq!(names(&items), ["apples", "bread", "eggs", "milk"]);
    assert_eq!(
        find(&items, "eggs")["checked"],
        true,
        "c1 was not run again"
    );
    assert_eq!(
        find(&items, "bread")["quantity"],
        1.0,
        "a2 was not run again"
    );

    // The same op id twice in one batch runs once.
    let twice = alice.ops(
        list,
        json!([
            {"op_id": "p1", "kind": "add", "fields": {"text": "pears"}},
            {"op_id": "p1", "kind": "add", "fields": {"text": "pears"}},
        ]),
    );
    assert_eq!(twice["results"][0], twice["results"][1]);
    let items = alice.items(list);
    assert_eq!(items.len(), 5);
    assert_eq!(
        find(&items, "pears")["quantity"],
        Value::Null,
        "not merged with itself"
    );

    // Op ids are per list: the same id on another list is a new op there.
    let other = alice.client.create_list("Party");
    let there = alice.ops(
        other,
        json!([{"op_id": "a1", "kind": "add", "fields": {"text": "crisps"}}]),
    );
    assert_eq!(there["results"][0]["status"], "applied");
    assert_eq!(names(&alice.items(other)), ["crisps"]);
}

#[test]
fn ops_in_one_batch_apply_in_order() {
    let (_server, alice, list) = setup();
    let before = alice.version(list);
    let body = alice.ops(
        list,
        json!([
            {"op_id": "o1", "kind": "add", "fields": {"text": "3 apples"}},
            {"op_id": "o2", "kind": "check", "item_id": "op:o1"},
            {"op_id": "o3", "kind": "edit", "item_id": "op:o1",
             "fields": {"name": "green apples", "quantity": 5, "note": "crisp"}},
            {"op_id": "o4", "kind": "uncheck", "item_id": "op:o1"},
            {"op_id": "o5", "kind": "move", "item_id": "op:o1", "fields": {"position": 7}},
        ]),
    );
    assert_eq!(statuses(&body), ["applied"; 5]);
    let results = body["results"].as_array().unwrap();
    let ids: Vec<i64> = results.iter().map(id_of).collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "one item: {ids:?}");
    // Each result shows the item as that op left it.
    assert_eq!(result_item(&results[0])["checked"], false);
    assert_eq!(result_item(&results[0])["quantity"], 3.0);
    assert_eq!(result_item(&results[1])["checked"], true);
    assert_eq!(result_item(&results[2])["checked"], true);
    assert_eq!(result_item(&results[2])["name"], "green apples");
    assert_eq!(result_item(&results[3])["checked"], false);
    assert_eq!(result_item(&results[3])["name"], "green apples");
    assert_eq!(result_item(&results[4])["position"], 7);
    let versions: Vec<i64> = results
        .iter()
        .map(|r| result_item(r)["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] < w[1]),
        "each op is a change after the one before: {versions:?}"
    );
    assert_eq!(body["version"], versions[4]);
    assert!(versions[0] > before);

    let items = alice.items(list);
    assert_eq!(items.len(), 1);
    let apples = &items[0];
    assert_eq!(apples["id"], ids[0]);
    assert_eq!(apples["name"], "green apples");
    assert_eq!(apples["quantity"], 5.0);
    assert_eq!(apples["note"], "crisp");
    assert_eq!(apples["checked"], false);
    assert_eq!(apples["position"], 7);
    assert_eq!(apples["deleted"], false);
    assert_eq!(apples["version"], body["version"]);

    // The other way round ends the other way: the last op wins.
    let body = alice.ops(
        list,
        json!([
            {"op_id": "o6", "kind": "uncheck", "item_id": ids[0]},
            {"op_id": "o7", "kind": "check", "item_id": ids[0]},
            {"op_id": "o8", "kind": "delete", "item_id": ids[0]},
            {"op_id": "o9", "kind": "restore", "item_id": ids[0]},
        ]),
    );
    assert_eq!(statuses(&body), ["applied"; 4]);
    let items = alice.items(list);
    assert_eq!(items.len(), 1, "restored after the delete");
    assert_eq!(items[0]["checked"], true);
}

#[test]
fn edits_of_different_fields_by_two_members_are_both_kept() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let bob = Member::new(&server, "bob", "Home");
    let list = alice.client.create_list("Weekly");
    let added = alice.ops(
        list,
        json!([{"op_id": "add-milk", "kind": "add", "fields": {"text": "milk"}}]),
    );
    let milk = id_of(&added["results"][0]);

    // Both edited the item offline; Alice's ops arrive first, then Bob's.
    alice.ops(
        list,
        json!([{"op_id": "alice-1", "kind": "edit", "item_id": milk,
                "fields": {"quantity": 2, "unit": "l"}}]),
    );
    bob.ops(
        list,
        json!([{"op_id": "bob-1", "kind": "edit", "item_id": milk,
                "fields": {"note": "organic", "category": "Beverages"}}]),
    );
    let items = bob.items(list);
    let item = find(&items, "milk");
    assert_eq!(item["quantity"], 2.0, "Alice's quantity kept: {item}");
    assert_eq!(item["unit"], "l", "Alice's unit kept: {item}");
    assert_eq!(item["note"], "organic", "Bob's note kept: {item}");
    assert_eq!(item["category"], "Beverages", "Bob's category kept: {item}");
    assert_eq!(alice.items(list), items, "both see the same list");

    // The same field: the later arrival wins, whoever made it first.
    let a = alice.ops(
        list,
        json!([{"op_id": "alice-2", "kind": "edit", "item_id": milk,
                "fields": {"name": "whole milk"}}]),
    );
    let b = bob.ops(
        list,
        json!([{"op_id": "bob-2", "kind": "edit", "item_id": milk,
                "fields": {"name": "oat milk"}}]),
    );
    assert_eq!(a["results"][0]["status"], "applied");
    assert_eq!(b["results"][0]["status"], "applied");
    assert!(b["version"].as_i64() > a["version"].as_i64());
    let item = alice.items(list)[0].clone();
    assert_eq!(item["name"], "oat milk");
    assert_eq!(item["quantity"], 2.0, "untouched fields stay");
    assert_eq!(item["note"], "organic");

    // `null` clears a field; absent leaves it alone.
    alice.ops(
        list,
        json!([{"op_id": "alice-3", "kind": "edit", "item_id": milk,
                "fields": {"quantity": null, "note": null}}]),
    );
    let item = bob.items(list)[0].clone();
    assert_eq!(item["quantity"], Value::Null);
    assert_eq!(item["note"], Value::Null);
    assert_eq!(item["unit"], "l");
    assert_eq!(item["name"], "oat milk");
    assert_eq!(item["category"], "Beverages");
}

#[test]
fn a_queued_check_of_an_item_deleted_meanwhile_does_not_bring_it_back() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let bob = Member::new(&server, "bob", "Home");
    let list = alice.client.create_list("Weekly");
    let added = alice.ops(
        list,
        json!([{"op_id": "add", "kind": "add", "fields": {"text": "bread, butter"}}]),
    );
    let bread = added["results"][0]["items"][0]["id"].as_i64().unwrap();
    let butter = added["results"][0]["items"][1]["id"].as_i64().unwrap();

    // Alice deletes bread (an op) and butter (the page's form).
    alice.ops(
        list,
        json!([{"op_id": "del-bread", "kind": "delete", "item_id": bread}]),
    );
    let deleted = alice
        .client
        .submit(&format!("/lists/{list}/items/{butter}/delete"), &[]);
    assert!(deleted.redirected().starts_with(&format!("/lists/{list}")));
    let version = alice.version(list);
    let before = data_snapshot(&server);

    // Bob's phone was offline and queued these before it heard of the deletes.
    let queued = json!([
        {"op_id": "b1", "kind": "check", "item_id": bread},
        {"op_id": "b2", "kind": "uncheck", "item_id": bread},
        {"op_id": "b3", "kind": "edit", "item_id": bread, "fields": {"note": "rye"}},
        {"op_id": "b4", "kind": "move", "item_id": bread, "fields": {"position": 3}},
        {"op_id": "b5", "kind": "delete", "item_id": bread},
        {"op_id": "b6", "kind": "check", "item_id": butter},
    ]);
    let body = bob.ops(list, queued.clone());
    assert_eq!(statuses(&body), ["ignored"; 6]);
    for result in body["results"].as_array().unwrap() {
        assert_eq!(result_item(result)["deleted"], true, "{result}");
        assert!(
            result["message"].as_str().is_some_and(|m| !m.is_empty()),
            "an ignored op says why: {result}"
        );
    }
    assert_eq!(body["version"], version, "ignored ops change nothing");
    assert_eq!(data_snapshot(&server), before);
    assert!(bob.items(list).is_empty(), "the items stay deleted");
    let page = bob.client.get(&format!("/lists/{list}"));
    assert_eq!(page.status, 200);
    assert!(!page.body.contains(&format!(r#"id="item-{bread}""#)));
    assert!(!page.body.contains(&format!(r#"id="item-{butter}""#)));
    let changes = bob.changes(list, 0);
    assert_eq!(changes["items"].as_array().unwrap().len(), 2);
    for tombstone in changes["items"].as_array().unwrap() {
        assert_eq!(tombstone["deleted"], true);
        assert_eq!(
            tombstone["checked"], false,
            "the check did not land: {tombstone}"
        );
    }

    // Replaying Bob's batch still answers "ignored" (the stored results).
    assert_eq!(bob.ops(list, queued), body);

    // Only a restore brings an item back; a second restore has nothing to do.
    let restored = bob.ops(
        list,
        json!([
            {"op_id": "r1", "kind": "restore", "item_id": bread},
            {"op_id": "r2", "kind": "restore", "item_id": bread},
        ]),
    );
    assert_eq!(statuses(&restored), ["applied", "ignored"]);
    assert_eq!(result_item(&restored["results"][0])["deleted"], false);
    let items = alice.items(list);
    assert_eq!(names(&items), ["bread"]);
    assert_eq!(items[0]["checked"], false);
    assert_eq!(items[0]["note"], Value::Null);
    let page = alice.client.get(&format!("/lists/{list}"));
    assert!(page.body.contains(&format!(r#"id="item-{bread}""#)));
    assert!(!page.body.contains(&format!(r#"id="item-{butter}""#)));
}

#[test]
fn adds_never_conflict_and_merge_into_the_same_unchecked_item() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let bob = Member::new(&server, "bob", "Home");
    let list = alice.client.create_list("Weekly");

    // Two different things: both land.
    let a = alice.ops(
        list,
        json!([{"op_id": "a-apples", "kind": "add", "fields": {"text": "apples"}}]),
    );
    let b = bob.ops(
        list,
        json!([{"op_id": "b-pears", "kind": "add", "fields": {"text": "pears"}}]),
    );
    assert_ne!(id_of(&a["results"][0]), id_of(&b["results"][0]));
    assert_eq!(names(&alice.items(list)), ["apples", "pears"]);

    // The same name, unchecked, same unit: one item, quantities added (2 + 3).
    let a = alice.ops(
        list,
        json!([{"op_id": "a-eggs", "kind": "add", "fields": {"text": "2 eggs"}}]),
    );
    let b = bob.ops(
        list,
        json!([{"op_id": "b-eggs", "kind": "add", "fields": {"text": "3 Eggs (free range)"}}]),
    );
    let eggs = id_of(&a["results"][0]);
    assert_eq!(id_of(&b["results"][0]), eggs, "merged into Alice's item");
    assert_eq!(result_item(&b["results"][0])["quantity"], 5.0);
    let items = bob.items(list);
    assert_eq!(items.len(), 3);
    let item = find(&items, "eggs");
    assert_eq!(item["quantity"], 5.0);
    assert_eq!(item["note"], "free range", "the note comes along");

    // A different unit is a different item.
    let c = bob.ops(
        list,
        json!([{"op_id": "b-eggs-box", "kind": "add", "fields": {"text": "1 box eggs"}}]),
    );
    assert_ne!(id_of(&c["results"][0]), eggs);
    assert_eq!(result_item(&c["results"][0])["unit"], "box");

    // A checked item is not merged into: the add makes a new one.
    alice.ops(
        list,
        json!([{"op_id": "a-check-apples", "kind": "check", "item_id": "op:a-apples"}]),
    );
    let d = bob.ops(
        list,
        json!([{"op_id": "b-apples", "kind": "add", "fields": {"text": "4 apples"}}]),
    );
    assert_ne!(id_of(&d["results"][0]), id_of(&a["results"][0]));
    let items = alice.items(list);
    assert_eq!(items.len(), 5);
    let apples: Vec<&Value> = items.iter().filter(|i| i["name"] == "apples").collect();
    assert_eq!(apples.len(), 2);
    assert!(apples.iter().any(|i| i["checked"] == true));
    assert!(
        apples
            .iter()
            .any(|i| i["checked"] == false && i["quantity"] == 4.0)
    );

    // An add of an item deleted meanwhile makes a new live item.
    let pears = find(&items, "pears")["id"].as_i64().unwrap();
    alice.ops(
        list,
        json!([{"op_id": "a-del-pears", "kind": "delete", "item_id": pears}]),
    );
    let e = bob.ops(
        list,
        json!([{"op_id": "b-pears-2", "kind": "add", "fields": {"text": "pears"}}]),
    );
    assert_eq!(e["results"][0]["status"], "applied");
    assert_ne!(id_of(&e["results"][0]), pears);
    assert_eq!(
        alice
            .items(list)
            .iter()
            .filter(|i| i["name"] == "pears")
            .count(),
        1
    );
}

/// Asserts the batch is refused with `status` and problem+json whose detail contains every
/// one of `words`, and that nothing at all changed.
fn assert_batch_refused(
    server: &Server,
    member: &Member,
    list: i64,
    body: Vec<u8>,
    status: u16,
    words: &[&str],
) {
    let before = snapshot(server);
    let version = member.version(list);
    let resp = member.client.api_post_raw(
        &format!("/api/v1/lists/{list}/ops"),
        &member.token,
        "application/json",
        body,
    );
    let context = format!("{words:?}");
    assert_problem(&resp, status, &context);
    let detail = resp.message();
    for word in words {
        assert!(
            detail.contains(word),
            "the detail {detail:?} should contain {word:?}"
        );
    }
    assert_eq!(member.version(list), version, "{context}: version moved");
    assert_eq!(snapshot(server), before, "{context}: something changed");
}

fn batch(ops: Value) -> Vec<u8> {
    json!({ "ops": ops }).to_string().into_bytes()
}

#[test]
fn a_bad_op_rejects_the_whole_batch_and_says_which() {
    let (server, alice, list) = setup();
    let added = alice.ops(
        list,
        json!([{"op_id": "seed", "kind": "add", "fields": {"text": "milk"}}]),
    );
    let milk = id_of(&added["results"][0]);

    // An unknown item: 404 naming op 2; op 1 is not kept.
    let refused = batch(json!([
        {"op_id": "good", "kind": "add", "fields": {"text": "bread"}},
        {"op_id": "ghost", "kind": "check", "item_id": 999_999},
    ]));
    assert_batch_refused(&server, &alice, list, refused, 404, &["op 2", "ghost"]);
    // Op 1 was not recorded as applied either: sending it alone applies it now.
    let later = alice.ops(
        list,
        json!([{"op_id": "good", "kind": "add", "fields": {"text": "bread"}}]),
    );
    assert_eq!(later["results"][0]["status"], "applied");
    assert_eq!(names(&alice.items(list)), ["bread", "milk"]);

    // Earlier valid ops of every kind are rolled back too.
    let refused = batch(json!([
        {"op_id": "x1", "kind": "check", "item_id": milk},
        {"op_id": "x2", "kind": "edit", "item_id": milk, "fields": {"name": "oat milk"}},
        {"op_id": "x3", "kind": "delete", "item_id": milk},
        {"op_id": "x4", "kind": "add", "fields": {"text": "eggs"}},
        {"op_id": "x5", "kind": "check", "item_id": "op:nowhere"},
    ]));
    assert_batch_refused(
        &server,
        &alice,
        list,
        refused,
        404,
        &["op 5", "x5", "nowhere"],
    );

    // A reference to a later op of the same batch is not an earlier op.
    let refused = batch(json!([
        {"op_id": "y1", "kind": "check", "item_id": "op:y2"},
        {"op_id": "y2", "kind": "add", "fields": {"text": "eggs"}},
    ]));
    assert_batch_refused(&server, &alice, list, refused, 404, &["op 1", "y1"]);

    // An item of another list of the household is not on this list.
    let other = alice.client.create_list("Party");
    let crisps = id_of(
        &alice.ops(
            other,
            json!([{"op_id": "crisps", "kind": "add", "fields": {"text": "crisps"}}]),
        )["results"][0],
    );
    let refused = batch(json!([
        {"op_id": "z1", "kind": "check", "item_id": milk},
        {"op_id": "z2", "kind": "check", "item_id": crisps},
    ]));
    assert_batch_refused(&server, &alice, list, refused, 404, &["op 2", "z2"]);

    // Ops missing what they need: 422 naming the op.
    for (op, words) in [
        (
            json!({"op_id": "m1", "kind": "check"}),
            &["op 2", "m1", "item_id"][..],
        ),
        (json!({"op_id": "m2", "kind": "add"}), &["op 2", "m2"][..]),
        (
            json!({"op_id": "m3", "kind": "add", "fields": {"text": "   "}}),
            &["op 2", "m3"][..],
        ),
        (
            json!({"op_id": "m4", "kind": "edit", "item_id": milk}),
            &["op 2", "m4"][..],
        ),
        (
            json!({"op_id": "m5", "kind": "move", "item_id": milk}),
            &["op 2", "m5", "position"][..],
        ),
        (
            json!({"op_id": "m6", "kind": "edit", "item_id": milk, "fields": {"unit": "parsecs"}}),
            &["op 2", "m6", "parsecs"][..],
        ),
        (
            json!({"op_id": "m7", "kind": "edit", "item_id": milk, "fields": {"category": "Nope"}}),
            &["op 2", "m7", "Nope"][..],
        ),
        (
            json!({"op_id": "m8", "kind": "edit", "item_id": milk, "fields": {"quantity": -1}}),
            &["op 2", "m8"][..],
        ),
        (
            json!({"op_id": "", "kind": "check", "item_id": milk}),
            &["op 2", "op_id"][..],
        ),
        (
            json!({"op_id": "m9", "kind": "check", "item_id": "milk"}),
            &["op 2", "m9"][..],
        ),
        (
            json!({"op_id": "m10", "kind": "add", "item_id": milk, "fields": {"text": "x"}}),
            &["op 2", "m10"][..],
        ),
    ] {
        let refused = batch(json!([
            {"op_id": "fine", "kind": "check", "item_id": milk},
            op,
        ]));
        assert_batch_refused(&server, &alice, list, refused, 422, words);
    }

    // JSON that does not fit the shape: 422.
    for body in [
        json!({"ops": "check milk"}),
        json!({"ops": [{"op_id": 5, "kind": "check", "item_id": milk}]}),
        json!({"ops": [{"op_id": "k", "kind": "fly", "item_id": milk}]}),
        json!({"ops": [{"op_id": "k", "kind": "check", "item_id": true}]}),
        json!({"ops": [{"op_id": "k", "kind": "edit", "item_id": milk, "fields": {"quantity": "two"}}]}),
        json!({"ops": [{"op_id": "k", "kind": "check", "item_id": milk, "colour": "red"}]}),
        json!({"ops": [], "extra": 1}),
        json!({"operations": []}),
        json!([]),
    ] {
        assert_batch_refused(
            &server,
            &alice,
            list,
            body.to_string().into_bytes(),
            422,
            &["JSON"],
        );
    }

    // Not JSON at all: 400.
    for body in [&b"{\"ops\": ["[..], b"ops=1", b"", b"\xff\xfe"] {
        assert_batch_refused(&server, &alice, list, body.to_vec(), 400, &["JSON"]);
    }

    // Too many ops: 422 saying the limit; 500 is fine.
    let many = |n: usize, prefix: &str| -> Value {
        Value::Array(
            (0..n)
                .map(|i| {
                    let kind = if i % 2 == 0 { "check" } else { "uncheck" };
                    json!({"op_id": format!("{prefix}{i}"), "kind": kind, "item_id": milk})
                })
                .collect(),
        )
    };
    assert_batch_refused(
        &server,
        &alice,
        list,
        batch(many(501, "t")),
        422,
        &["501", "500"],
    );
    let version = alice.version(list);
    let body = alice.ops(list, many(500, "t"));
    assert_eq!(body["results"].as_array().unwrap().len(), 500);
    assert_eq!(body["version"], version + 500);
    assert_eq!(
        find(&alice.items(list), "milk")["checked"],
        false,
        "the last op was an uncheck"
    );

    // An empty batch is fine and changes nothing.
    let before = snapshot(&server);
    let empty = alice.ops(list, json!([]));
    assert_eq!(empty["results"], json!([]));
    assert_eq!(empty["version"], version + 500);
    assert_eq!(snapshot(&server), before);
}

#[test]
fn changes_since_a_version_are_exactly_what_changed_after_it() {
    let (_server, alice, list) = setup();
    alice.client.add_items(list, "milk, bread, eggs, butter");
    let v1 = alice.version(list);
    let all = alice.changes(list, 0);
    assert_eq!(all["version"], v1);
    assert_eq!(all["reset"], false);
    assert_eq!(
        names(all["items"].as_array().unwrap()),
        ["bread", "butter", "eggs", "milk"]
    );
    let id = |name: &str| find(all["items"].as_array().unwrap(), name)["id"].clone();

    // Changes from ops, the API and the pages all count.
    let body = alice.ops(
        list,
        json!([
            {"op_id": "c1", "kind": "check", "item_id": id("milk")},
            {"op_id": "c2", "kind": "delete", "item_id": id("bread")},
            {"op_id": "c3", "kind": "add", "fields": {"text": "apples"}},
        ]),
    );
    let v2 = body["version"].as_i64().unwrap();
    let added = alice.client.api_post_json(
        &format!("/api/v1/lists/{list}/items"),
        &alice.token,
        &json!({"text": "2 pears"}),
    );
    assert_eq!(added.status, 201, "{}", added.describe());
    let butter = id("butter");
    alice
        .client
        .submit(&format!("/lists/{list}/items/{butter}/check"), &[])
        .redirected();
    let v3 = alice.version(list);
    assert_eq!(v3, v2 + 2);

    let changes = alice.changes(list, v1);
    assert_eq!(changes["version"], v3);
    assert_eq!(changes["reset"], false);
    let items = changes["items"].as_array().unwrap();
    assert_eq!(names(items), ["apples", "bread", "butter", "milk", "pears"]);
    assert_eq!(find(items, "milk")["checked"], true);
    assert_eq!(
        find(items, "bread")["deleted"],
        true,
        "the tombstone is there"
    );
    assert_eq!(find(items, "apples")["deleted"], false);
    assert_eq!(find(items, "pears")["quantity"], 2.0);
    assert_eq!(find(items, "butter")["checked"], true);
    for item in items {
        let v = item["version"].as_i64().unwrap();
        assert!(v > v1 && v <= v3, "{item}");
    }
    let versions: Vec<i64> = items
        .iter()
        .map(|i| i["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] <= w[1]), "oldest first");

    // From the middle: only the later changes.
    let changes = alice.changes(list, v2);
    assert_eq!(
        names(changes["items"].as_array().unwrap()),
        ["butter", "pears"]
    );
    // Up to date: nothing.
    let changes = alice.changes(list, v3);
    assert_eq!(changes["version"], v3);
    assert_eq!(changes["reset"], false);
    assert_eq!(changes["items"], json!([]));
    // Without `since`: everything, tombstones included.
    let resp = alice.get(&format!("/api/v1/lists/{list}/changes"));
    assert_eq!(resp.status, 200);
    assert_eq!(resp.json()["items"].as_array().unwrap().len(), 6);
    // A version from the future (e.g. a phone that knew a list since deleted and made
    // again): the whole live list, and `reset` says to drop what it has.
    let changes = alice.changes(list, v3 + 10);
    assert_eq!(changes["reset"], true);
    assert_eq!(
        names(changes["items"].as_array().unwrap()),
        ["apples", "butter", "eggs", "milk", "pears"]
    );
    // Another list's changes do not show.
    let other = alice.client.create_list("Party");
    alice.client.add_items(other, "crisps");
    assert_eq!(alice.changes(list, v3)["items"], json!([]));
    // A bad `since`.
    for bad in ["yesterday", "1.5", "NaN"] {
        let resp = alice.get(&format!("/api/v1/lists/{list}/changes?since={bad}"));
        assert_problem(&resp, 422, &format!("since={bad}"));
        assert!(resp.message().contains("since"), "{}", resp.describe());
    }
}

#[test]
fn another_household_gets_404_for_ops_and_changes_and_nothing_changes() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let carol = Member::new(&server, "carol", "Next door");
    let list = alice.client.create_list("Weekly");
    alice.client.add_items(list, "milk");
    let milk = alice.items(list)[0]["id"].as_i64().unwrap();
    let carols = carol.client.create_list("Carol's");
    let before = snapshot(&server);
    let version = alice.version(list);

    let ops = json!([{"op_id": "evil", "kind": "check", "item_id": milk}]);
    let resp = carol.send_ops(list, ops.clone());
    assert_problem(&resp, 404, "ops on another household's list (token)");
    let resp = carol
        .client
        .api_session_post(&format!("/api/v1/lists/{list}/ops"), &json!({ "ops": ops }));
    assert_problem(&resp, 404, "ops on another household's list (session)");
    let resp = carol.get(&format!("/api/v1/lists/{list}/changes?since=0"));
    assert_problem(&resp, 404, "changes of another household's list");
    assert!(!resp.body.contains("milk"));
    let resp = carol.get(&format!("/api/v1/lists/{list}"));
    assert_problem(&resp, 404, "another household's list");

    // Alice's item through Carol's own list: not on that list.
    let resp = carol.send_ops(
        carols,
        json!([{"op_id": "evil-2", "kind": "check", "item_id": milk}]),
    );
    assert_problem(&resp, 404, "another household's item on one's own list");
    let resp = carol.send_ops(
        carols,
        json!([{"op_id": "evil-3", "kind": "edit", "item_id": milk, "fields": {"name": "x"}}]),
    );
    assert_problem(&resp, 404, "edit of another household's item");

    // A list that does not exist looks the same.
    let resp = carol.send_ops(9_999, ops.clone());
    assert_problem(&resp, 404, "ops on a missing list");

    // No token, a wrong token: 401.
    let anonymous = server.client();
    let resp = anonymous.send(
        "POST",
        &format!("/api/v1/lists/{list}/ops"),
        &[],
        Some((
            "application/json",
            json!({ "ops": ops }).to_string().into_bytes(),
        )),
    );
    assert_problem(&resp, 401, "ops without auth");
    let resp = anonymous.api_post_json(
        &format!("/api/v1/lists/{list}/ops"),
        "not-a-real-token-not-a-real-token",
        &json!({ "ops": ops }),
    );
    assert_problem(&resp, 401, "ops with a wrong token");
    let resp = anonymous.get(&format!("/api/v1/lists/{list}/changes?since=0"));
    assert_problem(&resp, 401, "changes without auth");

    assert_eq!(snapshot(&server), before, "Alice's list is unchanged");
    assert_eq!(alice.version(list), version);
    assert_eq!(alice.items(list)[0]["checked"], false);
    // Carol's op ids were not recorded against Alice's list: Alice may use the same id.
    let body = alice.ops(list, ops);
    assert_eq!(body["results"][0]["status"], "applied");
}

#[test]
fn session_auth_needs_the_csrf_header_for_ops() {
    let (server, alice, list) = setup();
    let path = format!("/api/v1/lists/{list}/ops");
    let body = json!({"ops": [{"op_id": "s1", "kind": "add", "fields": {"text": "milk"}}]});
    let bytes = body.to_string().into_bytes();
    let origin = alice.client.origin();
    let before = snapshot(&server);

    let resp = alice.client.send(
        "POST",
        &path,
        &[("Origin", origin.as_str())],
        Some(("application/json", bytes.clone())),
    );
    assert_problem(&resp, 403, "session without X-CSRF-Token");
    assert!(
        resp.message().contains("X-CSRF-Token"),
        "{}",
        resp.describe()
    );
    let resp = alice.client.send(
        "POST",
        &path,
        &[("Origin", origin.as_str()), ("X-CSRF-Token", "forged")],
        Some(("application/json", bytes.clone())),
    );
    assert_problem(&resp, 403, "session with a wrong X-CSRF-Token");
    let token = alice.client.csrf_token();
    let resp = alice.client.send(
        "POST",
        &path,
        &[
            ("Origin", "http://evil.example"),
            ("X-CSRF-Token", token.as_str()),
        ],
        Some(("application/json", bytes.clone())),
    );
    assert_problem(&resp, 403, "session from another origin");
    assert_eq!(snapshot(&server), before, "refused requests change nothing");

    let resp = alice.client.api_session_post(&path, &body);
    assert_eq!(resp.status, 200, "{}", resp.describe());
    assert_eq!(resp.json()["results"][0]["status"], "applied");
    assert_eq!(names(&alice.items(list)), ["milk"]);
    // Reading changes through the session needs no CSRF header (a GET).
    let resp = alice
        .client
        .get(&format!("/api/v1/lists/{list}/changes?since=0"));
    assert_eq!(resp.status, 200, "{}", resp.describe());
    assert_eq!(names(resp.json()["items"].as_array().unwrap()), ["milk"]);
}
