//! A list's history: who added, checked, changed or removed what, over the API and on its
//! page, and undo from it (recent changes only, the item's latest change only).

use serde_json::{Value, json};

use crate::common::member::*;
use crate::common::*;

fn history(member: &Member, list: i64) -> Vec<Value> {
    let resp = member.get(&format!("/api/v1/lists/{list}/activity"));
    assert_eq!(resp.status, 200, "{}", resp.describe());
    resp.json().as_array().unwrap().clone()
}

fn summary(entries: &[Value]) -> Vec<(String, String, String)> {
    entries
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("-").to_string();
            (s("by"), s("kind"), s("name"))
        })
        .collect()
}

fn row(by: &str, kind: &str, name: &str) -> (String, String, String) {
    (by.into(), kind.into(), name.into())
}

fn undo(member: &Member, list: i64, entry: &Value) -> Resp {
    let id = entry["id"].as_i64().unwrap();
    member.client.api_post_json(
        &format!("/api/v1/lists/{list}/activity/{id}/undo"),
        &member.token,
        &json!({}),
    )
}

#[test]
fn the_history_says_who_did_what_and_recent_changes_can_be_undone() {
    let (server, alice, list) = home_with_list();
    let bob = Member::new(&server, "bob", "Home");
    alice.client.add_items(list, "milk, bread");
    let milk = alice.item_id(list, "milk");
    let bread = alice.item_id(list, "bread");
    bob.ops(
        list,
        json!([{"op_id": "b1", "kind": "check", "item_id": milk}]),
    );
    alice.ops(
        list,
        json!([{"op_id": "a1", "kind": "edit", "item_id": bread,
                "fields": {"name": "rye bread", "quantity": 2}}]),
    );

    let entries = history(&bob, list);
    assert_eq!(
        summary(&entries),
        [
            row("alice", "edit", "rye bread"),
            row("bob", "check", "milk"),
            row("alice", "add", "bread"),
            row("alice", "add", "milk"),
        ]
    );
    let undoable: Vec<bool> = entries.iter().map(|e| e["undoable"] == true).collect();
    assert_eq!(
        undoable,
        [true, true, false, false],
        "only each item's latest"
    );

    // Bob undoes his check-off: milk is open again, and the undo is history too.
    let undone = undo(&bob, list, &entries[1]);
    assert_eq!(undone.status, 200, "{}", undone.describe());
    assert_eq!(undone.json()["checked"], false);
    let after = history(&alice, list);
    assert_eq!(after[0]["kind"], "uncheck");
    assert_eq!(after[0]["by"], "bob");
    assert_eq!(after[2]["undone"], true);

    // Refused, each with a sentence, and nothing changes.
    let carol = Member::new(&server, "carol", "Elsewhere");
    let version = alice.version(list);
    let before = data_snapshot(&server);
    let twice = undo(&alice, list, &entries[1]);
    assert_eq!(twice.status, 409, "{}", twice.describe());
    assert!(
        twice.message().contains("already undone"),
        "{}",
        twice.message()
    );
    let changed = undo(&alice, list, &entries[3]);
    assert_eq!(changed.status, 409, "{}", changed.describe());
    assert!(
        changed.message().contains("has changed since"),
        "{}",
        changed.message()
    );
    let unknown = alice.client.api_post_json(
        &format!("/api/v1/lists/{list}/activity/999999/undo"),
        &alice.token,
        &json!({}),
    );
    assert_eq!(unknown.status, 404, "{}", unknown.describe());
    assert_eq!(alice.version(list), version);
    assert_eq!(data_snapshot(&server), before);

    // Another household sees nothing of it.
    assert_eq!(
        carol.get(&format!("/api/v1/lists/{list}/activity")).status,
        404
    );
    assert_eq!(undo(&carol, list, &after[0]).status, 404);
    assert_eq!(data_snapshot(&server), before);
}

#[test]
fn the_history_page_lists_changes_and_undoes_one_with_a_button() {
    let (server, alice, list) = home_with_list();
    alice.client.add_items(list, "2 eggs");
    let eggs = alice.item_id(list, "eggs");
    alice.ops(
        list,
        json!([{"op_id": "e1", "kind": "edit", "item_id": eggs,
                "fields": {"name": "duck eggs", "quantity": 6}}]),
    );
    let path = format!("/lists/{list}/history");
    let page = alice.client.get(&path);
    assert_eq!(page.status, 200, "{}", page.describe());
    assert!(
        page.body
            .contains("alice changed <strong>duck eggs</strong>"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("alice added <strong>eggs</strong>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("just now"));
    let entry = history(&alice, list)[0]["id"].as_i64().unwrap();
    let action = format!("/lists/{list}/history/{entry}/undo");
    assert!(page.body.contains(&action), "an undo button for the edit");

    let undone = alice.client.submit(&action, &[]);
    assert_eq!(undone.status, 303, "{}", undone.describe());
    assert_eq!(undone.location(), Some(path.as_str()));
    let eggs_now = alice.items(list);
    assert_eq!(find(&eggs_now, "eggs")["quantity"], 2.0);

    // The same button again: the page says why not, with a 409, and nothing changes.
    let before = data_snapshot(&server);
    let again = alice.client.submit(&action, &[]);
    assert_eq!(again.status, 409, "{}", again.describe());
    assert!(
        again.body.contains("That change was already undone."),
        "{}",
        again.body
    );
    assert_eq!(data_snapshot(&server), before);
    // A form without its CSRF token is refused.
    assert_eq!(alice.client.post_form(&action, &[]).status, 403);
}
