//! Staples due again ("every ~7 days, last bought 8 days ago", one tap to add, "not now")
//! and list templates, on the list page and over the API. Weeks pass by moving every
//! recorded time in the database back, as if the clock had moved on.

use serde_json::{Value, json};

use crate::common::member::*;
use crate::common::*;

/// Adds `name`, checks it off and clears it off the list: one purchase.
fn buy(member: &Member, list: i64, name: &str) {
    member.client.add_items(list, name);
    let id = member.item_id(list, name);
    member.ops(
        list,
        json!([{"op_id": format!("buy-{id}"), "kind": "check", "item_id": id}]),
    );
    member.ops(
        list,
        json!([{"op_id": format!("clear-{id}"), "kind": "delete", "item_id": id}]),
    );
}

fn due(member: &Member) -> Vec<Value> {
    let resp = member.get("/api/v1/due");
    assert_eq!(resp.status, 200, "{}", resp.describe());
    resp.json().as_array().unwrap().clone()
}

#[test]
fn weekly_milk_comes_due_with_its_reason_and_not_now_puts_it_off() {
    let (server, alice, list) = home_with_list();
    for week in 0..4 {
        buy(&alice, list, "Milk");
        if week % 2 == 0 {
            buy(&alice, list, "candles");
        }
        if week < 3 {
            days_pass(&server, 7);
        }
    }
    days_pass(&server, 1);
    assert_eq!(due(&alice), Vec::<Value>::new(), "a day after: not due");
    days_pass(&server, 7);
    let now_due = due(&alice);
    assert_eq!(now_due.len(), 1, "{now_due:?}");
    assert_eq!(now_due[0]["name"], "Milk");
    assert_eq!(now_due[0]["why"], "every ~7 days, last bought 8 days ago");

    // Candles, bought twice, have no rhythm: never suggested. The page shows milk with its reason and a one-tap add.
    let page = alice.client.get(&format!("/lists/{list}"));
    assert!(page.body.contains("id=\"due\""), "{}", page.body);
    assert!(page.body.contains("every ~7 days, last bought 8 days ago"));
    assert!(!page.body.contains("Add candles:"));
    // On the list already: not suggested there.
    alice.client.add_items(list, "milk");
    let page = alice.client.get(&format!("/lists/{list}"));
    assert!(!page.body.contains("id=\"due\""));
    let milk = alice.item_id(list, "milk");
    alice.ops(
        list,
        json!([{"op_id": "gone", "kind": "delete", "item_id": milk}]),
    );

    // "Not now" from the page puts it off for half its interval.
    let put_off = alice
        .client
        .submit(&format!("/lists/{list}/due/not-now"), &[("name", "Milk")]);
    assert_eq!(put_off.status, 303, "{}", put_off.describe());
    assert!(due(&alice).is_empty());
    days_pass(&server, 4);
    assert_eq!(due(&alice).len(), 1, "back after four days");

    // Refused: a name with no rhythm, an empty name; nothing changes.
    let before = data_snapshot(&server);
    let not_regular = alice.client.api_post_json(
        "/api/v1/due/not-now",
        &alice.token,
        &json!({"name": "candles"}),
    );
    assert_eq!(not_regular.status, 422, "{}", not_regular.describe());
    assert!(
        not_regular
            .message()
            .contains("not something you buy regularly")
    );
    let empty =
        alice
            .client
            .api_post_json("/api/v1/due/not-now", &alice.token, &json!({"name": " "}));
    assert_eq!(empty.status, 422, "{}", empty.describe());
    assert_eq!(data_snapshot(&server), before);

    // Another household has no rhythm of its own.
    let carol = Member::new(&server, "carol", "Elsewhere");
    assert!(due(&carol).is_empty());
}

#[test]
fn a_list_saved_as_a_template_is_added_to_the_next_one_in_one_tap() {
    let (server, alice, weekly) = home_with_list();
    alice.client.add_items(weekly, "2 l milk, bread, 6 eggs");
    let saved = alice
        .client
        .submit(&format!("/lists/{weekly}/templates"), &[("name", "Weekly")]);
    assert_eq!(saved.status, 303, "{}", saved.describe());
    let templates = alice.get("/api/v1/templates").json();
    assert_eq!(templates[0]["name"], "Weekly");
    assert_eq!(templates[0]["items"], json!(["milk", "bread", "eggs"]));
    let template = templates[0]["id"].as_i64().unwrap();

    let next = alice.client.create_list("Next week");
    alice.client.add_items(next, "1 l milk");
    let page = alice.client.get(&format!("/lists/{next}"));
    let action = format!("/lists/{next}/templates/{template}/add");
    assert!(page.body.contains(&action), "a one-tap chip");
    let added = alice.client.submit(&action, &[]);
    assert_eq!(added.status, 303, "{}", added.describe());
    let items = alice.items(next);
    let mut got = names(&items);
    got.sort();
    assert_eq!(got, ["bread", "eggs", "milk"]);
    assert_eq!(
        find(&items, "milk")["quantity"],
        3.0,
        "merged with what was there"
    );

    // Over the API: add again (merging once more), then delete it.
    let again = alice.client.api_post_json(
        &format!("/api/v1/lists/{next}/templates/{template}/add"),
        &alice.token,
        &json!({}),
    );
    assert_eq!(again.status, 201, "{}", again.describe());
    assert_eq!(again.json()["merged"].as_array().unwrap().len(), 3);

    // Refused, nothing changed: an empty list saved, another household's template.
    let empty = alice.client.create_list("Empty");
    let page = alice.client.get(&format!("/lists/{empty}")).body;
    assert!(
        !page.contains("Save as template"),
        "an empty list is not offered as one"
    );
    let before = data_snapshot(&server);
    let refused = alice.client.api_post_json(
        &format!("/api/v1/lists/{empty}/templates"),
        &alice.token,
        &json!({"name": "Nothing"}),
    );
    assert_eq!(refused.status, 422, "{}", refused.describe());
    assert!(
        refused.message().contains("list is empty"),
        "{}",
        refused.message()
    );
    assert_eq!(data_snapshot(&server), before);
    let carol = Member::new(&server, "carol", "Elsewhere");
    let theirs = carol.client.create_list("Theirs");
    let stolen = carol.client.api_post_json(
        &format!("/api/v1/lists/{theirs}/templates/{template}/add"),
        &carol.token,
        &json!({}),
    );
    assert_eq!(stolen.status, 404, "{}", stolen.describe());
    let saved_elsewhere = carol.client.api_post_json(
        &format!("/api/v1/lists/{weekly}/templates"),
        &carol.token,
        &json!({"name": "Mine now"}),
    );
    assert_eq!(
        saved_elsewhere.status,
        404,
        "{}",
        saved_elsewhere.describe()
    );
    assert!(
        carol
            .get("/api/v1/templates")
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );

    let resp = alice.client.send(
        "DELETE",
        &format!("/api/v1/templates/{template}"),
        &[("Authorization", &format!("Bearer {}", alice.token))],
        None,
    );
    assert_eq!(resp.status, 204, "{}", resp.describe());
    assert!(
        alice
            .get("/api/v1/templates")
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
}
