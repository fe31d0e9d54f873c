//! Unit tests of `db::sync`: ops applied once, refusals named, nothing of a refused batch kept.
use super::*;
use crate::db::households;
use serde_json::json;

/// Ops as phones send them: a JSON array.
fn ops(json: Value) -> Vec<Op> {
    serde_json::from_value(json).unwrap()
}

/// The results of a batch (a JSON array of ops) that must be applied.
fn apply(conn: &Connection, h: HouseholdId, l: ListId, batch: Value, now: i64) -> Vec<Value> {
    match apply_ops(
        conn,
        h,
        l,
        &ops(batch),
        crate::db::activity::Stamp::system(now),
    )
    .unwrap()
    {
        Batch::Applied(results) => results
            .iter()
            .map(|r| serde_json::to_value(r).unwrap())
            .collect(),
        Batch::Refused(refused) => panic!("refused: {refused:?}"),
    }
}

/// The result of a batch of one op, which must be applied.
fn apply_one(conn: &Connection, h: HouseholdId, l: ListId, op: Value, now: i64) -> Value {
    apply(conn, h, l, json!([op]), now).remove(0)
}

/// An add op of `text`.
fn add(id: &str, text: &str) -> Value {
    json!({"op_id": id, "kind": "add", "fields": {"text": text}})
}

/// An op of `kind` on item `item` (an id, or `op:ID` for the item an earlier op made).
fn on(id: &str, kind: &str, item: impl Serialize) -> Value {
    json!({"op_id": id, "kind": kind, "item_id": item})
}

#[test]
fn a_replayed_batch_gets_the_same_results_and_changes_nothing() {
    let (conn, h, l) = crate::db::test_list();
    let batch = json!([
        {"op_id":"a1","kind":"add","fields":{"text":"2 eggs, milk"}},
        {"op_id":"c1","kind":"check","item_id":"op:a1"},
    ]);
    let first = apply(&conn, h, l, batch.clone(), 1);
    let version = lists::get(&conn, h, l).unwrap().version;
    let again = apply(&conn, h, l, batch, 2);
    for (first, again) in first.iter().zip(&again) {
        assert_eq!(first["code"], "applied");
        assert_eq!(again["code"], "duplicate");
        for field in ["index", "op_id", "status", "items", "message"] {
            assert_eq!(first[field], again[field], "{field}");
        }
    }
    assert_eq!(lists::get(&conn, h, l).unwrap().version, version);
    let items = items::for_list(&conn, h, l).unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().any(|i| i.name == "eggs" && i.checked));
}

#[test]
fn a_check_of_a_deleted_item_does_not_bring_it_back() {
    let (conn, h, l) = crate::db::test_list();
    let r = apply_one(&conn, h, l, add("a", "milk"), 1);
    let id = r["items"][0]["id"].as_i64().unwrap();
    apply_one(&conn, h, l, on("d", "delete", id), 2);
    let r = apply_one(&conn, h, l, on("c", "check", id), 3);
    assert_eq!(r["status"], "ignored");
    assert_eq!(r["code"], "conflict");
    assert_eq!(r["items"][0]["deleted"], true);
    assert!(items::for_list(&conn, h, l).unwrap().is_empty());
    // Restore does bring it back.
    apply_one(&conn, h, l, on("r", "restore", id), 4);
    assert_eq!(items::for_list(&conn, h, l).unwrap().len(), 1);
}

#[test]
fn edits_are_field_level_last_writer_wins() {
    let (conn, h, l) = crate::db::test_list();
    let r = apply_one(&conn, h, l, add("a", "2 l milk"), 1);
    let id = r["items"][0]["id"].as_i64().unwrap();
    apply(
        &conn,
        h,
        l,
        json!([
            {"op_id":"e1","kind":"edit","item_id":id,"fields":{"name":"oat milk"}},
            {"op_id":"e2","kind":"edit","item_id":id,"fields":{"quantity":3}},
            {"op_id":"e3","kind":"edit","item_id":id,"fields":{"note":"barista"}},
        ]),
        2,
    );
    let item = items::get(&conn, h, l, ItemId(id)).unwrap();
    assert_eq!(
        (
            item.name.as_str(),
            item.quantity,
            item.unit.as_deref(),
            item.note.as_deref()
        ),
        ("oat milk", Some(3.0), Some("l"), Some("barista"))
    );
}

#[test]
fn adds_in_one_batch_merge_by_name_and_follow_the_other_ops() {
    let (conn, h, l) = crate::db::test_list();
    items::add(
        &conn,
        h,
        l,
        &new_items::from_text("6 Eggs, milk").unwrap(),
        crate::db::activity::Stamp::system(0),
    )
    .unwrap();
    let batch = json!([
        add("a1", "6 EGGS, bread"),
        add("a2", "egg"),
        on("c1", "check", "op:a2"),
        add("a3", "2 eggs"),
        on("u1", "uncheck", "op:a2"),
        add("a4", "BREAD"),
        {"op_id": "e1", "kind": "edit", "item_id": "op:a4", "fields": {"name": "rye bread"}},
        add("a5", "bread, Rye Breads"),
    ]);
    apply(&conn, h, l, batch, 1);
    let items = items::for_list(&conn, h, l).unwrap();
    let got: Vec<_> = items
        .iter()
        .map(|i| (i.name.as_str(), i.quantity, i.checked))
        .collect();
    assert_eq!(
        got,
        [
            // 6 + 6 + 1; then checked, so `2 eggs` made a new item; unchecked again, a
            // twin of the new one.
            ("Eggs", Some(13.0), false),
            ("milk", None, false),
            // Renamed by the edit, so the next `bread` is a new item, and `Rye Breads`
            // merges into the renamed one.
            ("rye bread", None, false),
            ("eggs", Some(2.0), false),
            ("bread", None, false),
        ]
    );
}

#[test]
fn refused_ops_are_all_named_and_nothing_of_the_batch_is_kept() {
    let (mut conn, h, l) = crate::db::test_list();
    let milk = apply_one(&conn, h, l, add("m", "milk"), 1)["items"][0]["id"]
        .as_i64()
        .unwrap();
    let version = lists::get(&conn, h, l).unwrap().version;
    let batch = ops(json!([
        {"op_id":"ok","kind":"add","fields":{"text":"bread"}},
        {"op_id":"gone","kind":"check","item_id":999},
        {"op_id":"c","kind":"check","item_id":"op:ok"},
        {"op_id":"cat","kind":"edit","item_id":milk,"fields":{"category":"Nope"}},
        {"op_id":"ref","kind":"check","item_id":"op:nowhere"},
    ]));
    // The transaction commits (as the server's write does): the savepoint is what
    // keeps nothing of a refused batch.
    let tx = conn.transaction().unwrap();
    let batch = apply_ops(&tx, h, l, &batch, crate::db::activity::Stamp::system(2)).unwrap();
    tx.commit().unwrap();
    let Batch::Refused(refused) = batch else {
        panic!("{batch:?}")
    };
    let named: Vec<(usize, Code)> = refused.iter().map(|r| (r.index, r.code)).collect();
    assert_eq!(
        named,
        [(1, Code::NotFound), (3, Code::Invalid), (4, Code::NotFound)]
    );
    assert_eq!(refused[0].message, "item 999 is not on this list");
    assert_eq!(refused[1].message, "there is no category called `Nope`");
    assert!(refused[2].message.contains("`nowhere`"), "{refused:?}");
    let names: Vec<String> = items::for_list(&conn, h, l)
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(names, ["milk"]);
    assert_eq!(lists::get(&conn, h, l).unwrap().version, version);
    // `ok` was not recorded as applied: sent again alone, it applies now.
    let r = apply_one(&conn, h, l, add("ok", "bread"), 3);
    assert_eq!(r["code"], "applied");
}

#[test]
fn changes_since_and_purge() {
    let (conn, h, l) = crate::db::test_list();
    let r = apply_one(&conn, h, l, add("a", "milk, bread"), 0);
    let id = r["items"][0]["id"].as_i64().unwrap();
    let v1 = lists::get(&conn, h, l).unwrap().version;
    apply_one(&conn, h, l, on("d", "delete", id), 0);
    let c = changes_since(&conn, h, l, v1).unwrap();
    assert!(!c.reset);
    assert_eq!(c.items.len(), 1);
    assert!(c.items[0].deleted);
    // 30 days later the tombstone is still there; after the retention it is purged.
    assert_eq!(
        purge(&conn, 30 * 24 * 3600 * 1000).unwrap(),
        Purged::default()
    );
    let p = purge(&conn, RETENTION_MS + 1).unwrap();
    assert_eq!(
        p,
        Purged {
            tombstones: 1,
            op_ids: 2
        }
    );
    let c = changes_since(&conn, h, l, v1).unwrap();
    assert!(c.reset, "a phone older than the purge must reload");
    assert_eq!(c.items.len(), 1);
    let other = households::create(&conn, "O", 0).unwrap();
    assert!(matches!(
        changes_since(&conn, other, l, 0),
        Err(Error::NotFound)
    ));
}

#[test]
fn a_rename_in_both_says_what_it_replaced_and_a_replay_says_it_again() {
    let (conn, h, l) = crate::db::test_list();
    apply_one(&conn, h, l, add("a", "2 l milk"), 1);
    let seen = json!({"name": "milk", "amount": "2 l", "note": ""});
    // Another phone renamed it first; this one, offline, renamed it too.
    apply_one(
        &conn,
        h,
        l,
        json!({"op_id": "b", "kind": "edit", "item_id": "op:a",
        "fields": {"name": "soy milk"}, "was": seen}),
        2,
    );
    let mine = json!({"op_id": "c", "kind": "edit", "item_id": "op:a",
        "fields": {"name": "oat milk", "note": "barista"}, "was": seen});
    let result = apply_one(&conn, h, l, mine.clone(), 3);
    assert_eq!(result["code"], "applied");
    assert_eq!(
        result["items"][0]["name"], "oat milk",
        "the later arrival wins"
    );
    assert_eq!(
        result["replaced"],
        json!([{"field": "name", "theirs": "soy milk"}]),
        "the note was not set elsewhere: only the name is said"
    );
    let again = apply_one(&conn, h, l, mine, 4);
    assert_eq!(
        (again["code"].clone(), again["replaced"].clone()),
        (json!("duplicate"), result["replaced"].clone())
    );
    // Nothing replaced: no `replaced` at all.
    let quiet = apply_one(
        &conn,
        h,
        l,
        json!({"op_id": "d", "kind": "edit", "item_id": "op:a",
        "fields": {"name": "milk"}, "was": {"name": "oat milk"}}),
        5,
    );
    assert!(quiet.get("replaced").is_none(), "{quiet}");
    // `was` with a field aisle does not know is a bad op.
    assert!(
        serde_json::from_value::<Op>(json!({"op_id": "e", "kind": "edit", "item_id": 1,
        "fields": {"name": "x"}, "was": {"colour": "red"}}))
        .is_err()
    );
}

/// The names of the list's items in their order (`position`, as the list sorts them).
fn order(conn: &Connection, h: HouseholdId, l: ListId) -> Vec<String> {
    let mut items = items::for_list(conn, h, l).unwrap();
    items.sort_by_key(|i| (i.position, i.id));
    items.into_iter().map(|i| i.name).collect()
}

#[test]
fn a_move_after_another_item_renumbers_around_it() {
    let (conn, h, l) = crate::db::test_list();
    apply_one(&conn, h, l, add("a", "apples, bread, cheese, dates"), 1);
    let id = |name: &str| {
        items::for_list(&conn, h, l)
            .unwrap()
            .into_iter()
            .find(|i| i.name == name)
            .unwrap()
            .id
    };
    let (apples, cheese, dates) = (id("apples"), id("cheese"), id("dates"));
    let move_after = |op: &str, item: ItemId, after: Value| json!({"op_id": op, "kind": "move", "item_id": item, "fields": {"after": after}});
    let r = apply_one(&conn, h, l, move_after("m1", dates, json!(apples)), 2);
    assert_eq!(r["code"], "applied");
    assert_eq!(r["items"][0]["position"], 1);
    assert_eq!(order(&conn, h, l), ["apples", "dates", "bread", "cheese"]);
    apply_one(&conn, h, l, move_after("m2", cheese, Value::Null), 3);
    assert_eq!(order(&conn, h, l), ["cheese", "apples", "dates", "bread"]);
    // The items that moved carry the move's version, so phones learn their new places.
    let version = lists::get(&conn, h, l).unwrap().version;
    let changed: Vec<String> = items::changed_since(&conn, h, l, version - 1)
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(changed.len(), 4, "every item's place moved: {changed:?}");
    // A move to where the item already is changes no other item.
    apply_one(&conn, h, l, move_after("m2b", apples, json!(cheese)), 3);
    let version = lists::get(&conn, h, l).unwrap().version;
    let changed = items::changed_since(&conn, h, l, version - 1).unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    // After an item an earlier op made; after itself and after a stranger are refused.
    let r = apply(
        &conn,
        h,
        l,
        json!([add("a2", "eggs"), move_after("m3", apples, json!("op:a2"))]),
        4,
    );
    assert_eq!(r[1]["code"], "applied");
    assert_eq!(order(&conn, h, l).last().unwrap(), "apples");
    // A deleted item is no anchor, and a move leaves tombstones alone (their purge).
    let bread = id("bread");
    apply_one(&conn, h, l, on("d-bread", "delete", bread), 5);
    let tombstone = |conn: &Connection| {
        let gone = items::get(conn, h, l, bread).unwrap();
        (gone.position, gone.version)
    };
    let kept = tombstone(&conn);
    apply_one(&conn, h, l, move_after("m3b", apples, Value::Null), 6);
    assert_eq!(tombstone(&conn), kept, "the tombstone was not touched");
    assert_eq!(order(&conn, h, l).first().unwrap(), "apples");
    let before = order(&conn, h, l);
    for (op, after) in [
        ("m4", json!(apples)),
        ("m5", json!(999_999)),
        ("m6", json!(bread)),
    ] {
        let batch = ops(json!([move_after(op, apples, after)]));
        match apply_ops(&conn, h, l, &batch, crate::db::activity::Stamp::system(5)).unwrap() {
            Batch::Refused(refused) => assert_eq!(refused.len(), 1, "{refused:?}"),
            Batch::Applied(r) => panic!("applied: {r:?}"),
        }
    }
    assert_eq!(order(&conn, h, l), before, "nothing moved");
    let both = ops(json!([{"op_id": "m6", "kind": "move", "item_id": apples,
        "fields": {"after": null, "position": 3}}]));
    assert!(both[0].validate().is_err());
}

#[test]
fn an_edits_text_is_read_as_the_add_box_reads_one_line() {
    let (conn, h, l) = crate::db::test_list();
    let r = apply_one(&conn, h, l, add("a", "milk (oat)"), 1);
    let id = r["items"][0]["id"].as_i64().unwrap();
    let edit = |op: &str, fields: Value| json!({"op_id": op, "kind": "edit", "item_id": id, "fields": fields});
    let r = apply_one(
        &conn,
        h,
        l,
        edit("e1", json!({"text": "2 cups soy milk"})),
        2,
    );
    let item = &r["items"][0];
    assert_eq!(
        (
            &item["name"],
            &item["quantity"],
            &item["unit"],
            &item["note"]
        ),
        (
            &json!("soy milk"),
            &json!(2.0),
            &json!("cup"),
            &json!("oat")
        ),
        "the note stays: the text had none"
    );
    let r = apply_one(
        &conn,
        h,
        l,
        edit("e2", json!({"text": "salt, coarse (fine)", "note": null})),
        3,
    );
    let item = &r["items"][0];
    assert_eq!(item["name"], "salt, coarse", "one line is one item");
    assert_eq!(
        (&item["quantity"], &item["unit"]),
        (&Value::Null, &Value::Null)
    );
    assert_eq!(
        item["note"],
        Value::Null,
        "the note given wins over the text's"
    );
    for bad in [
        json!({"text": "0 eggs"}),
        json!({"text": "milk\neggs"}),
        json!({"text": "2 l milk", "name": "milk"}),
        json!({"text": "-"}),
    ] {
        let op = ops(json!([edit("bad", bad.clone())]));
        assert!(op[0].validate().is_err(), "{bad}");
    }
}
