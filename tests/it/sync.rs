//! Sync over the JSON API, against a real server: ops applied exactly once and in order,
//! and the conflict rules. Bad batches, `changes?since`, household isolation and session
//! auth are in `sync_refusals.rs`; live updates (SSE) in `sync_live.rs`.

use crate::common::member::*;
use crate::common::*;
use serde_json::{Value, json};

/// The `code` of each op's result, in order.
fn codes(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts a replayed batch answers what the first sending did (same version, ops,
/// statuses, items and messages), each op now `duplicate`.
fn assert_replayed(again: &Value, first: &Value) {
    assert_eq!(again["version"], first["version"], "{again}");
    let (again, first) = (
        again["results"].as_array().unwrap(),
        first["results"].as_array().unwrap(),
    );
    assert_eq!(again.len(), first.len());
    for (a, f) in again.iter().zip(first) {
        assert_eq!(a["code"], "duplicate", "{a}");
        let mut a = a.clone();
        a["code"] = f["code"].clone();
        assert_eq!(&a, f, "a replay answers what the first time did");
    }
}

#[test]
fn the_same_batch_twice_gets_identical_results_and_changes_nothing() {
    let (server, alice, list) = home_with_list();
    let batch = json!([
        {"op_id": "a1", "kind": "add", "fields": {"text": "2 eggs, milk"}},
        {"op_id": "a2", "kind": "add", "fields": {"text": "1 loaf bread"}},
        {"op_id": "c1", "kind": "check", "item_id": "op:a1"},
    ]);
    let first = alice.ops(list, batch.clone());
    assert_eq!(statuses(&first), ["applied", "applied", "applied"]);
    assert_eq!(codes(&first), ["applied", "applied", "applied"]);
    for (index, result) in first["results"].as_array().unwrap().iter().enumerate() {
        assert_eq!(result["index"], index, "{result}");
        assert!(result.get("message").is_none(), "{result}");
    }
    assert_eq!(first["results"][0]["op_id"], "a1");
    assert_eq!(first["results"][0]["items"].as_array().unwrap().len(), 2);
    assert_eq!(first["version"], alice.version(list));
    let before = snapshot(&server);

    let again = alice.send_ops(list, batch.clone());
    assert_eq!(again.status, 200, "{}", again.describe());
    assert_replayed(&again.json(), &first);
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
    assert_replayed(&third.json(), &first);
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
    assert_eq!(codes(&mixed), ["duplicate", "duplicate", "applied"]);
    for (now, then) in [(0, 1), (1, 2)] {
        let (now, then) = (&mixed["results"][now], &first["results"][then]);
        for field in ["op_id", "status", "items"] {
            assert_eq!(now[field], then[field], "{field}: {now}");
        }
    }
    assert_eq!(mixed["results"][2]["index"], 2);
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
    assert_eq!(codes(&twice), ["applied", "duplicate"]);
    assert_eq!(twice["results"][0]["items"], twice["results"][1]["items"]);
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
    let (_server, alice, list) = home_with_list();
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
    assert_eq!(codes(&body), ["conflict"; 6]);
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
    assert_replayed(&bob.ops(list, queued), &body);

    // Only a restore brings an item back; a second restore has nothing to do.
    let restored = bob.ops(
        list,
        json!([
            {"op_id": "r1", "kind": "restore", "item_id": bread},
            {"op_id": "r2", "kind": "restore", "item_id": bread},
        ]),
    );
    assert_eq!(statuses(&restored), ["applied", "ignored"]);
    assert_eq!(codes(&restored), ["applied", "conflict"]);
    assert_eq!(
        restored["results"][1]["message"],
        "the item was not deleted"
    );
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

#[test]
fn an_edits_amount_is_read_as_the_add_box_reads_it_and_a_bad_one_changes_nothing() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");
    let added = alice.ops(
        list,
        json!([{"op_id": "add-flour", "kind": "add", "fields": {"text": "2 kg flour"}}]),
    );
    let flour = id_of(&added["results"][0]);

    // The edit sheet sends the amount as typed.
    let edited = alice.ops(
        list,
        json!([{"op_id": "e1", "kind": "edit", "item_id": flour, "fields": {"amount": "1 1/2 lb"}}]),
    );
    assert_eq!(edited["results"][0]["status"], "applied", "{edited}");
    let item = find(&alice.items(list), "flour").clone();
    assert_eq!(
        (item["quantity"].clone(), item["unit"].clone()),
        (json!(1.5), json!("lb"))
    );

    // An amount that is not one: 422 with the reason, and nothing changes.
    let version = alice.version(list);
    let resp = alice.client.api_post_raw(
        &format!("/api/v1/lists/{list}/ops"),
        &alice.token,
        "application/json",
        json!({"ops": [{"op_id": "e2", "kind": "edit", "item_id": flour, "fields": {"amount": "lots"}}]})
            .to_string()
            .into_bytes(),
    );
    assert_eq!(resp.status, 422, "{}", resp.describe());
    assert!(
        resp.message().contains("“lots” is not an amount"),
        "{}",
        resp.message()
    );
    assert_eq!(alice.version(list), version);
    assert_eq!(find(&alice.items(list), "flour"), &item);

    // Empty clears the amount.
    alice.ops(
        list,
        json!([{"op_id": "e3", "kind": "edit", "item_id": flour, "fields": {"amount": ""}}]),
    );
    let item = find(&alice.items(list), "flour").clone();
    assert_eq!(
        (item["quantity"].clone(), item["unit"].clone()),
        (json!(null), json!(null))
    );
}
