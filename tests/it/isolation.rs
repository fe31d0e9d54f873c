//! Households never see each other: every list, item, store, category, token, invite and
//! member of household A answers 404 to household B — on pages and on the API — and
//! nothing of A changes. Each route is then proven real by A using it successfully.

use crate::common::*;
use serde_json::json;

/// Household A's objects.
struct Alpha {
    list: i64,
    item: i64,
    deleted_item: i64,
    store: i64,
    category: String,
    token: i64,
    invite: i64,
    member: i64,
}

fn set_up_alpha(server: &Server, alice: &Client) -> Alpha {
    let list = alice.create_list("Alpha weekly");
    alice.add_items(list, "2 cups milk, bread, eggs, quince paste");
    let item = alice.item_id(list, "milk");
    let bread = alice.item_id(list, "bread");
    let deleted_item = alice.item_id(list, "eggs");
    alice.submit(&format!("/lists/{list}/items/{bread}/check"), &[]);
    alice.submit(&format!("/lists/{list}/items/{deleted_item}/delete"), &[]);
    let store_path = alice
        .submit("/stores", &[("name", "Alpha market")])
        .redirected()
        .to_string();
    let store: i64 = store_path
        .strip_prefix("/stores/")
        .unwrap()
        .parse()
        .unwrap();
    let chosen = alice.submit(
        &format!("/lists/{list}/store"),
        &[("store_id", &store.to_string())],
    );
    assert_eq!(chosen.status, 303);
    let edit = alice.get(&format!("/lists/{list}/items/{item}/edit")).body;
    let category = option_value(&edit, "category", "Dairy & Eggs");
    let tokens = alice.submit("/settings/tokens", &[("name", "Alpha phone")]);
    let token = numbers_after(&tokens.body, "/settings/tokens/")[0];
    let invites = alice.submit("/household/invites", &[("role", "member")]);
    let invite = numbers_after(&invites.body, "/household/invites/")[0];
    let member = sqlite(server)
        .query_row("SELECT id FROM users WHERE username = 'amy'", [], |r| {
            r.get(0)
        })
        .unwrap();
    Alpha {
        list,
        item,
        deleted_item,
        store,
        category,
        token,
        invite,
        member,
    }
}

/// A request: method, path and form fields.
type Request = (&'static str, String, Vec<(&'static str, String)>);

/// Every page route that names one of A's objects, in an order A can replay them all.
fn routes(a: &Alpha) -> Vec<Request> {
    let (l, i, s, c) = (a.list, a.item, a.store, &a.category);
    let get = |p: String| ("GET", p, vec![]);
    let post = |p: String| ("POST", p, vec![]);
    vec![
        get(format!("/lists/{l}")),
        get(format!("/lists/{l}?undo={}", a.deleted_item)),
        get(format!("/lists/{l}/delete")),
        get(format!("/lists/{l}/items/{i}/edit")),
        get(format!("/stores/{s}")),
        (
            "POST",
            format!("/lists/{l}/rename"),
            vec![("name", "Renamed".into())],
        ),
        post(format!("/lists/{l}/archive")),
        post(format!("/lists/{l}/unarchive")),
        (
            "POST",
            format!("/lists/{l}/store"),
            vec![("store_id", String::new())],
        ),
        (
            "POST",
            format!("/lists/{l}/items"),
            vec![("text", "3 limes".into())],
        ),
        post(format!("/lists/{l}/items/{i}/check")),
        post(format!("/lists/{l}/items/{i}/uncheck")),
        (
            "POST",
            format!("/lists/{l}/items/{i}/edit"),
            vec![
                ("name", "oat milk".into()),
                ("quantity", "1".into()),
                ("unit", "l".into()),
                ("note", String::new()),
                ("category", c.clone()),
            ],
        ),
        (
            "POST",
            format!("/lists/{l}/restore"),
            vec![("ids", a.deleted_item.to_string())],
        ),
        post(format!("/lists/{l}/clear")),
        post(format!("/lists/{l}/items/{i}/delete")),
        post(format!("/stores/{s}/categories/{c}/up")),
        post(format!("/stores/{s}/categories/{c}/down")),
        (
            "POST",
            format!("/stores/{s}/rename"),
            vec![("name", "Renamed market".into())],
        ),
        post(format!("/settings/tokens/{}/revoke", a.token)),
        post(format!("/household/invites/{}/revoke", a.invite)),
        (
            "POST",
            format!("/household/members/{}/password", a.member),
            vec![("password", "a-perfectly-fine-one".into())],
        ),
        post(format!("/household/members/{}/remove", a.member)),
        post(format!("/stores/{s}/delete")),
        (
            "POST",
            format!("/lists/{l}/delete"),
            vec![("confirm", "yes".into())],
        ),
    ]
}

fn run(client: &Client, method: &str, path: &str, fields: &[(&'static str, String)]) -> Resp {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    match method {
        "GET" => client.get(path),
        _ => client.submit(path, &fields),
    }
}

#[test]
fn another_households_objects_answer_404_on_every_page_and_nothing_changes() {
    let server = Server::start();
    let alice = server.user_client("alice", "Alpha", true);
    add_user(&server, "amy", "Alpha", false, PASSWORD);
    let bob = server.user_client("bob", "Bravo", true);
    let a = set_up_alpha(&server, &alice);

    // Bob's own list, item and store, to mix with A's ids.
    let bob_list = bob.create_list("Bravo list");
    bob.add_items(bob_list, "tea");
    let bob_item = bob.item_id(bob_list, "tea");
    let bob_store = bob
        .submit("/stores", &[("name", "Bravo shop")])
        .redirected()
        .to_string();

    let before = snapshot(&server);
    let table = routes(&a);
    for (method, path, fields) in &table {
        let resp = run(&bob, method, path, fields);
        assert_refused(&resp, 404, &format!("bob: {method} {path}"));
    }
    let mixed = [
        format!("/lists/{bob_list}/items/{}/check", a.item),
        format!("/lists/{bob_list}/items/{}/uncheck", a.item),
        format!("/lists/{bob_list}/items/{}/delete", a.item),
        format!("/lists/{}/items/{bob_item}/check", a.list),
        format!("{bob_store}/categories/{}/up", a.category),
        format!("{bob_store}/categories/{}/down", a.category),
    ];
    for path in &mixed {
        assert_refused(&bob.submit(path, &[]), 404, &format!("bob: POST {path}"));
    }
    let mixed_edit = format!("/lists/{bob_list}/items/{}/edit", a.item);
    assert_eq!(bob.get(&mixed_edit).status, 404);
    let edit_fields = [
        ("name", "x"),
        ("quantity", ""),
        ("unit", ""),
        ("note", ""),
        ("category", ""),
    ];
    assert_refused(&bob.submit(&mixed_edit, &edit_fields), 404, "mixed edit");

    // A's category or store in a form field is the same as one that does not exist.
    let bob_edit = format!("/lists/{bob_list}/items/{bob_item}/edit");
    let with = |category: &str| {
        bob.submit(
            &bob_edit,
            &[
                ("name", "tea"),
                ("quantity", ""),
                ("unit", ""),
                ("note", ""),
                ("category", category),
            ],
        )
    };
    let foreign = with(&a.category);
    let missing = with("999999");
    assert_refused(&foreign, 422, "A's category on B's item");
    assert_eq!(foreign.message(), missing.message());
    let store_form = format!("/lists/{bob_list}/store");
    let foreign = bob.submit(&store_form, &[("store_id", &a.store.to_string())]);
    let missing = bob.submit(&store_form, &[("store_id", "999999")]);
    assert_refused(&foreign, 422, "A's store for B's list");
    assert_eq!(foreign.message(), missing.message());

    assert_eq!(snapshot(&server), before, "household A is untouched");

    // Restoring A's deleted item into B's list restores nothing of A.
    bob.submit(
        &format!("/lists/{bob_list}/restore"),
        &[("ids", &a.deleted_item.to_string())],
    );
    let still_deleted: bool = sqlite(&server)
        .query_row(
            "SELECT deleted FROM items WHERE id = ?1",
            [a.deleted_item],
            |r| r.get(0),
        )
        .unwrap();
    assert!(still_deleted);

    // Bad input aimed at A's objects answers exactly as for objects that do not exist:
    // no re-rendered page of A, and no way to tell A's ids from unused ones.
    let nowhere = 999_999;
    let before_probes = snapshot(&server);
    let probes: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("/lists/{l}/items".into(), vec![("text", "")]),
        ("/lists/{l}/items".into(), vec![("text", "999999 eggs")]),
        ("/lists/{l}/rename".into(), vec![("name", "")]),
        ("/lists/{l}/store".into(), vec![("store_id", "abc")]),
        ("/lists/{l}/restore".into(), vec![("ids", "")]),
        ("/lists/{l}/delete".into(), vec![]),
        (
            "/lists/{l}/items/{i}/edit".into(),
            vec![
                ("name", "x"),
                ("quantity", "-1"),
                ("unit", ""),
                ("note", ""),
                ("category", ""),
            ],
        ),
        ("/stores/{s}/rename".into(), vec![("name", "")]),
        (
            "/household/members/{m}/password".into(),
            vec![("password", "short")],
        ),
    ];
    for (pattern, fields) in &probes {
        let path = |l: i64, i: i64, s: i64, m: i64| {
            pattern
                .replace("{l}", &l.to_string())
                .replace("{i}", &i.to_string())
                .replace("{s}", &s.to_string())
                .replace("{m}", &m.to_string())
        };
        let theirs = bob.submit(&path(a.list, a.item, a.store, a.member), fields);
        let unused = bob.submit(&path(nowhere, nowhere, nowhere, nowhere), fields);
        assert!(
            (400..500).contains(&theirs.status),
            "{pattern}: {}",
            theirs.describe()
        );
        assert_eq!(
            (theirs.status, theirs.message()),
            (unused.status, unused.message()),
            "{pattern}: A's ids answer differently from unused ones"
        );
        assert!(!theirs.body.contains("quince") && !theirs.body.contains("Alpha"));
    }
    assert_eq!(snapshot(&server), before_probes, "nothing changed");

    // Bob's own pages show nothing of A.
    for (path, secret) in [
        ("/", "Alpha weekly"),
        ("/household", "amy"),
        ("/household", "Alpha market"),
        ("/settings", "Alpha phone"),
    ] {
        let body = bob.get(path).body;
        assert!(!body.contains(secret), "{path} shows {secret}");
    }

    // Every route is real: A uses each of them successfully.
    for (method, path, fields) in &table {
        let resp = run(&alice, method, path, fields);
        assert!(
            (200..400).contains(&resp.status),
            "alice: {method} {path}: {}",
            resp.describe()
        );
    }
    assert_eq!(db_count(&server, "SELECT count(*) FROM users"), 2);
    assert_eq!(db_count(&server, "SELECT count(*) FROM lists"), 1);
}

#[test]
fn another_households_lists_answer_404_on_the_api() {
    let server = Server::start();
    let alice = server.user_client("alice", "Alpha", true);
    let bob = server.user_client("bob", "Bravo", false);
    let list = alice.create_list("Alpha weekly");
    alice.add_items(list, "quince paste, 2 cups milk");
    // A category choice of A's own (what `GET /categories/learned` gives A's phones).
    let quince = alice.item_id(list, "quince paste");
    let moved = json!({"ops": [{"op_id": "iso-0", "kind": "edit", "item_id": quince,
                                "fields": {"category": "Snacks"}}]});
    let moved = alice.api_session_post(&format!("/api/v1/lists/{list}/ops"), &moved);
    assert_eq!(moved.status, 200, "{}", moved.describe());
    let alice_token = server.cli_token("alice", "alpha script");
    let bob_token = server.cli_token("bob", "bravo script");
    let api = server.client();
    let before = snapshot(&server);

    let get = format!("/api/v1/lists/{list}");
    let post = format!("/api/v1/lists/{list}/items");
    assert_problem(&api.api_get(&get, &bob_token), 404, "bearer GET");
    assert_problem(
        &api.api_post_json(&post, &bob_token, &json!({"text": "limes"})),
        404,
        "bearer POST items",
    );
    assert_problem(&bob.get(&get), 404, "session GET");
    assert_problem(
        &bob.api_session_post(&post, &json!({"text": "limes"})),
        404,
        "session POST items",
    );
    let item = alice.item_id(list, "milk");
    let ops = json!({"ops": [{"op_id": "iso-1", "kind": "check", "item_id": item}]});
    let ops_path = format!("/api/v1/lists/{list}/ops");
    let changes = format!("/api/v1/lists/{list}/changes?since=0");
    let events = format!("/api/v1/lists/{list}/events");
    assert_problem(
        &api.api_post_json(&ops_path, &bob_token, &ops),
        404,
        "bearer ops",
    );
    assert_problem(&bob.api_session_post(&ops_path, &ops), 404, "session ops");
    assert_problem(&api.api_get(&changes, &bob_token), 404, "bearer changes");
    assert_problem(&bob.get(&changes), 404, "session changes");
    assert_problem(&api.api_get(&events, &bob_token), 404, "bearer events");
    let lists = api.api_get("/api/v1/lists", &bob_token).json();
    assert_eq!(lists, json!([]), "bob sees no lists of A");
    let export = api.api_get("/api/v1/export", &bob_token);
    assert_eq!(export.status, 200, "{}", export.describe());
    assert!(!export.body.contains("quince") && !export.body.contains("Alpha"));
    let suggestions = api.api_get("/api/v1/suggestions?q=", &bob_token).json();
    assert_eq!(suggestions, json!([]), "bob sees no history of A");
    let kept = api.api_get("/api/v1/names", &bob_token).json();
    assert_eq!(kept, json!([]), "bob keeps no names of A");
    let learned = api.api_get("/api/v1/categories/learned", &bob_token).json();
    assert_eq!(learned, json!({}), "bob keeps no category choices of A");
    assert_eq!(snapshot(&server), before, "household A is untouched");

    // The same calls work for A.
    assert_eq!(api.api_get(&get, &alice_token).status, 200);
    let added = api.api_post_json(&post, &alice_token, &json!({"text": "limes"}));
    assert_eq!(added.status, 201, "{}", added.describe());
    let applied = api.api_post_json(&ops_path, &alice_token, &ops);
    assert_eq!(applied.status, 200, "{}", applied.describe());
    assert_eq!(api.api_get(&changes, &alice_token).status, 200);
    assert!(
        api.api_get("/api/v1/export", &alice_token)
            .body
            .contains("quince paste")
    );
    let names = api.api_get("/api/v1/suggestions?q=q", &alice_token).json();
    assert_eq!(names, json!(["quince paste"]));
    let kept = api.api_get("/api/v1/names", &alice_token).json();
    assert!(
        kept.as_array().unwrap().contains(&json!("quince paste")),
        "{kept}"
    );
    let learned = api
        .api_get("/api/v1/categories/learned", &alice_token)
        .json();
    assert_eq!(learned, json!({"quince paste": "Snacks"}));
    let lists = api.api_get("/api/v1/lists", &alice_token).json();
    assert_eq!(lists[0]["id"], list);
}
