//! A store's aisle order set whole through `PUT /api/v1/stores/{id}/order` (what the store
//! page's drag and arrows save): applied to the store and its lists; a bad order is refused
//! with a plain reason and changes nothing; another household's store is not found.

use crate::common::*;
use serde_json::json;

/// The category ids of a store page, in its order.
fn order(page: &str) -> Vec<i64> {
    numbers_after(page, r#"<li class="row" data-category=""#)
}

#[test]
fn a_whole_aisle_order_is_saved_at_once() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let token = server.cli_token("alice", "phone");
    let list = alice.create_list("Weekly");
    alice.add_items(list, "apples, milk");
    let store = alice.submit("/stores", &[("name", "Corner shop")]);
    let store_path = store.redirected().to_string();
    let before = order(&alice.get(&store_path).body);
    assert!(before.len() >= 10, "{before:?}");
    alice.submit(
        &format!("/lists/{list}/store"),
        &[("store_id", store_path.trim_start_matches("/stores/"))],
    );
    let path = format!("/api/v1{store_path}/order");
    let put = |client: &Client, body: serde_json::Value| {
        let auth = format!("Bearer {token}");
        client.send(
            "PUT",
            &path,
            &[("Authorization", auth.as_str())],
            Some(("application/json", body.to_string().into_bytes())),
        )
    };

    let mut reversed = before.clone();
    reversed.reverse();
    let saved = put(&alice, json!({ "categories": reversed }));
    assert_eq!(saved.status, 204, "{}", saved.describe());
    assert_eq!(order(&alice.get(&store_path).body), reversed);
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(
        page.find(">milk<").unwrap() < page.find(">apples<").unwrap(),
        "the list follows: Dairy before Produce"
    );

    // Refused, with why, and nothing changed: one missing, one twice, a stranger, a wrong shape.
    let mut twice = reversed.clone();
    twice[0] = twice[1];
    let stranger = [reversed.clone(), vec![99_999]].concat();
    for (body, status) in [
        (json!({ "categories": reversed[1..] }), 422),
        (json!({ "categories": twice }), 422),
        (json!({ "categories": stranger }), 422),
        (json!({ "categories": "produce first" }), 422),
        (json!({ "order": reversed }), 422),
    ] {
        let refused = put(&alice, body.clone());
        assert_eq!(refused.status, status, "{body}: {}", refused.describe());
        assert!(!refused.message().is_empty(), "a reason for {body}");
        assert_eq!(order(&alice.get(&store_path).body), reversed, "{body}");
    }

    // The session works too, with its CSRF header; without it, no.
    let csrf = alice.csrf_token();
    let origin = alice.origin();
    let with_session = |headers: &[(&str, &str)]| {
        alice.send(
            "PUT",
            &path,
            headers,
            Some((
                "application/json",
                json!({ "categories": before }).to_string().into_bytes(),
            )),
        )
    };
    assert_eq!(with_session(&[("Origin", origin.as_str())]).status, 403);
    assert_eq!(order(&alice.get(&store_path).body), reversed);
    let saved = with_session(&[("Origin", origin.as_str()), ("X-CSRF-Token", csrf.as_str())]);
    assert_eq!(saved.status, 204, "{}", saved.describe());
    assert_eq!(order(&alice.get(&store_path).body), before);

    // Another household's member finds no such store.
    let bob = server.user_client("bob", "Other", true);
    let bob_token = server.cli_token("bob", "phone");
    let auth = format!("Bearer {bob_token}");
    let foreign = bob.send(
        "PUT",
        &path,
        &[("Authorization", auth.as_str())],
        Some((
            "application/json",
            json!({ "categories": reversed }).to_string().into_bytes(),
        )),
    );
    assert_eq!(foreign.status, 404, "{}", foreign.describe());
    assert_eq!(order(&alice.get(&store_path).body), before);
}
