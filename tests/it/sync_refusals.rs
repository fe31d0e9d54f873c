//! Sync over the JSON API, against a real server: batches that are refused (bad ops, bad
//! JSON, too big) and change nothing, `changes?since`, household isolation and session
//! auth. The ops' own semantics are in `sync.rs`.

use crate::common::member::*;
use crate::common::*;
use serde_json::{Value, json};

/// Asserts the batch is refused with `status` and problem+json whose detail contains every
/// one of `words`, and that nothing at all changed.
fn assert_batch_refused(
    server: &Server,
    member: &Member,
    list: i64,
    body: Vec<u8>,
    status: u16,
    words: &[&str],
) -> String {
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
    detail
}

fn batch(ops: Value) -> Vec<u8> {
    json!({ "ops": ops }).to_string().into_bytes()
}

#[test]
fn a_bad_op_rejects_the_whole_batch_and_says_which() {
    let (server, alice, list) = home_with_list();
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

    // JSON that does not fit the shape: 422, said plainly (no serde positions or types).
    for (body, says) in [
        (json!({"ops": "check milk"}), "wrong type"),
        (
            json!({"ops": [{"op_id": 5, "kind": "check", "item_id": milk}]}),
            "wrong type",
        ),
        (
            json!({"ops": [{"op_id": "k", "kind": "fly", "item_id": milk}]}),
            "`fly`",
        ),
        (
            json!({"ops": [{"op_id": "k", "kind": "check", "item_id": true}]}),
            "wrong type",
        ),
        (
            json!({"ops": [{"op_id": "k", "kind": "edit", "item_id": milk, "fields": {"quantity": "two"}}]}),
            "wrong type",
        ),
        (
            json!({"ops": [{"op_id": "k", "kind": "check", "item_id": milk, "colour": "red"}]}),
            "`colour`",
        ),
        (json!({"ops": [], "extra": 1}), "`extra`"),
        (
            json!({"operations": []}),
            "The field `operations` is not one",
        ),
        (json!({}), "The field `ops` is missing."),
        (json!([]), "wrong type"),
    ] {
        let detail = assert_batch_refused(
            &server,
            &alice,
            list,
            body.to_string().into_bytes(),
            422,
            &[says],
        );
        for developer in ["line", "column", "expected", "i64", "struct"] {
            assert!(!detail.contains(developer), "{body}: {detail}");
        }
    }

    // Not JSON at all: 400.
    for body in [&b"{\"ops\": ["[..], b"ops=1", b"", b"\xff\xfe"] {
        assert_batch_refused(&server, &alice, list, body.to_vec(), 400, &["JSON"]);
    }

    // Too many ops: 413 saying the limit (a phone splits such a batch); 500 is fine.
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
        413,
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

/// `(index, op_id, code)` of each entry of a refused batch's `results` member.
fn refused_codes(resp: &Resp) -> Vec<(i64, String, String)> {
    resp.json()["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results member: {}", resp.describe()))
        .iter()
        .map(|r| {
            (
                r["index"].as_i64().unwrap(),
                r["op_id"].as_str().unwrap().to_string(),
                r["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_refused_batch_names_every_refused_op_by_index_and_code() {
    let (server, alice, list) = home_with_list();
    let added = alice.ops(
        list,
        json!([{"op_id": "seed", "kind": "add", "fields": {"text": "milk, bread"}}]),
    );
    let milk = id_of(&added["results"][0]);
    let before = snapshot(&server);
    let version = alice.version(list);

    // Two refusals of different kinds among fine ops (one sent before): 422, one entry
    // per op in batch order; the refused ones say why, the others were not applied.
    let ops = json!([
        {"op_id": "seed", "kind": "add", "fields": {"text": "milk, bread"}},
        {"op_id": "ghost", "kind": "check", "item_id": 999_999},
        {"op_id": "fine", "kind": "check", "item_id": milk},
        {"op_id": "cat", "kind": "edit", "item_id": milk, "fields": {"category": "Nope"}},
        {"op_id": "later", "kind": "add", "fields": {"text": "eggs"}},
    ]);
    let resp = alice.send_ops(list, ops.clone());
    assert_problem(&resp, 422, "a batch with refused ops");
    let codes = refused_codes(&resp);
    let expected = [
        (0, "seed", "not_applied"),
        (1, "ghost", "not_found"),
        (2, "fine", "not_applied"),
        (3, "cat", "invalid"),
        (4, "later", "not_applied"),
    ];
    assert_eq!(
        codes,
        expected.map(|(i, o, c)| (i, o.to_string(), c.to_string()))
    );
    let body = resp.json();
    let results = body["results"].as_array().unwrap();
    assert_eq!(results[1]["message"], "item 999999 is not on this list");
    assert_eq!(results[3]["message"], "there is no category called `Nope`");
    assert!(results[0].get("message").is_none(), "{body}");
    let detail = resp.message();
    assert!(
        detail.contains("op 2 (`ghost`)") && detail.contains("op 4 (`cat`)"),
        "{detail}"
    );
    assert_eq!(alice.version(list), version);
    assert_eq!(snapshot(&server), before, "nothing of the batch was kept");

    // Bad shapes are found before the list is touched, and named all at once too.
    let resp = alice.send_ops(
        list,
        json!([
            {"op_id": "m1", "kind": "check"},
            {"op_id": "ok", "kind": "check", "item_id": milk},
            {"op_id": "m2", "kind": "move", "item_id": milk},
        ]),
    );
    assert_problem(&resp, 422, "two bad shapes");
    let codes: Vec<String> = refused_codes(&resp).into_iter().map(|c| c.2).collect();
    assert_eq!(codes, ["invalid", "not_applied", "invalid"]);

    // Only items not on the list: 404, as a single such op always answered.
    let resp = alice.send_ops(
        list,
        json!([
            {"op_id": "g1", "kind": "check", "item_id": 999_998},
            {"op_id": "g2", "kind": "delete", "item_id": "op:never-sent"},
        ]),
    );
    assert_problem(&resp, 404, "only unknown items");
    let codes: Vec<String> = refused_codes(&resp).into_iter().map(|c| c.2).collect();
    assert_eq!(codes, ["not_found", "not_found"]);

    // A phone drops the refused ops and sends the rest again: they apply, in order.
    let rest: Vec<Value> = ops
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(i, _)| ![1, 3].contains(i))
        .map(|(_, op)| op.clone())
        .collect();
    let body = alice.ops(list, Value::Array(rest));
    let codes: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["duplicate", "applied", "applied"]);
    assert_eq!(body["results"][2]["index"], 2);
    assert_eq!(names(&alice.items(list)), ["bread", "eggs", "milk"]);
    assert_eq!(find(&alice.items(list), "milk")["checked"], true);

    // A refusal of the whole request keeps the plain problem (no `results`).
    let resp = alice.client.api_post_raw(
        &format!("/api/v1/lists/{list}/ops"),
        &alice.token,
        "application/json",
        b"{\"ops\": [".to_vec(),
    );
    assert_problem(&resp, 400, "not JSON");
    assert!(resp.json().get("results").is_none());
}

#[test]
fn changes_since_a_version_are_exactly_what_changed_after_it() {
    let (_server, alice, list) = home_with_list();
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
    // Each item also says its amount as the list page shows it.
    assert_eq!(find(items, "pears")["amount"], "2");
    assert_eq!(find(items, "apples")["amount"], "");
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
    let (server, alice, list) = home_with_list();
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
