//! The JSON API v1: bearer tokens (CLI and settings page), session + X-CSRF-Token,
//! problem+json errors, revoked and unknown tokens.

use crate::common::*;
use serde_json::{Value, json};

const ITEM_KEYS: [&str; 10] = [
    "id", "name", "quantity", "unit", "note", "category", "checked", "position", "version",
    "deleted",
];

fn keys(v: &Value) -> Vec<String> {
    let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn a_cli_token_works_on_every_route() {
    let server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    let token = server.cli_token("alice", "kitchen tablet");
    let api = server.client();
    let last_used = || -> Option<i64> {
        sqlite(&server)
            .query_row("SELECT last_used_ms FROM api_tokens", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(last_used(), None, "never used yet");

    let empty = api.api_get("/api/v1/lists", &token);
    assert_eq!(empty.status, 200);
    let first_use = last_used().expect("the first use is recorded");
    api.api_get("/api/v1/lists", &token);
    assert_eq!(last_used(), Some(first_use), "at most once a minute");
    assert!(
        empty
            .header("content-type")
            .unwrap()
            .starts_with("application/json")
    );
    assert_eq!(empty.json(), json!([]));
    assert!(
        empty.set_cookie("aisle_csrf").is_none(),
        "bearer calls set no cookies"
    );

    let created = api.api_post_json("/api/v1/lists", &token, &json!({"name": "Weekly"}));
    assert_eq!(created.status, 201, "{}", created.describe());
    let list = created.json();
    assert_eq!(
        keys(&list),
        sorted(&["id", "name", "archived", "version", "items"])
    );
    assert_eq!(list["name"], "Weekly");
    assert_eq!(list["archived"], false);
    assert_eq!(list["items"], json!([]));
    let id = list["id"].as_i64().unwrap();
    let version = list["version"].as_i64().unwrap();

    let path = format!("/api/v1/lists/{id}/items");
    let added = api.api_post_json(
        &path,
        &token,
        &json!({"text": "2 cups milk, 1 loaf bread, 3 eggs"}),
    );
    assert_eq!(added.status, 201, "{}", added.describe());
    let added = added.json();
    assert!(
        added["version"].as_i64().unwrap() > version,
        "version bumped"
    );
    let items = added["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    for item in items {
        assert_eq!(keys(item), sorted(&ITEM_KEYS));
    }
    let summary: Vec<(&str, f64, Value)> = items
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap(),
                i["quantity"].as_f64().unwrap(),
                i["unit"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("milk", 2.0, json!("cup")),
            ("bread", 1.0, json!("loaf")),
            ("eggs", 3.0, Value::Null)
        ]
    );

    // Merge: the same item again answers the merged item.
    let milk = items[0]["id"].clone();
    let merged = api
        .api_post_json(&path, &token, &json!({"text": "2 cups Milk"}))
        .json();
    assert_eq!(merged["items"].as_array().unwrap().len(), 1);
    assert_eq!(merged["items"][0]["id"], milk);
    assert_eq!(merged["items"][0]["quantity"], 4.0);

    let full = api.api_get(&format!("/api/v1/lists/{id}"), &token).json();
    assert_eq!(full["items"].as_array().unwrap().len(), 3);
    assert_eq!(full["version"], merged["version"]);
    let lists = api.api_get("/api/v1/lists", &token).json();
    assert_eq!(lists[0]["id"], id);
    assert_eq!(lists[0]["open_items"], 3);

    let suggestions = api.api_get("/api/v1/suggestions?q=m", &token).json();
    assert_eq!(suggestions, json!(["Milk"]), "last spelling, used twice");

    // The same data on the pages.
    let alice = server.client();
    alice.login("alice", PASSWORD);
    assert!(
        alice
            .get("/")
            .body
            .contains(&format!(r#"href="/lists/{id}""#))
    );
    assert!(alice.get(&format!("/lists/{id}")).body.contains("4 cups"));
}

#[test]
fn unknown_and_malformed_tokens_answer_401_problem_json() {
    let server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    let real = server.cli_token("alice", "script");
    let api = server.client();
    let before = snapshot(&server);
    let body = json!({"name": "Sneaky"}).to_string().into_bytes();
    let near_miss = format!("{real}x");
    let headers: [&[(&str, &str)]; 6] = [
        &[],
        &[("Authorization", "Bearer not-a-token")],
        &[("Authorization", "Bearer ")],
        &[("Authorization", "Basic YWxpY2U6cGFzc3dvcmQ=")],
        &[("Authorization", real.as_str())],
        &[("Authorization", "Bearer x")],
    ];
    for h in headers {
        let get = api.send("GET", "/api/v1/lists", h, None);
        assert_problem(&get, 401, &format!("GET with {h:?}"));
        assert!(
            get.location().is_none(),
            "the API does not redirect to /login"
        );
        let post = api.send(
            "POST",
            "/api/v1/lists",
            h,
            Some(("application/json", body.clone())),
        );
        assert_problem(&post, 401, &format!("POST with {h:?}"));
    }
    let r = api.api_get("/api/v1/lists/1", &near_miss);
    assert_problem(&r, 401, "a token with one character more");
    assert_eq!(snapshot(&server), before);
    assert_eq!(api.api_get("/api/v1/lists", &real).status, 200);
}

#[test]
fn a_session_works_with_the_csrf_header_and_not_without() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let csrf = alice.csrf_token();
    let origin = alice.origin();
    let body = || {
        Some((
            "application/json",
            json!({"name": "Weekly"}).to_string().into_bytes(),
        ))
    };
    let before = snapshot(&server);

    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[], "no header"),
        (&[("X-CSRF-Token", "forged")], "wrong header"),
        (&[("X-CSRF-Token", "")], "empty header"),
        (
            &[
                ("X-CSRF-Token", csrf.as_str()),
                ("Origin", "http://evil.example"),
            ],
            "foreign Origin",
        ),
    ];
    for (headers, what) in cases {
        let r = alice.send("POST", "/api/v1/lists", headers, body());
        assert_problem(&r, 403, what);
    }
    assert_eq!(snapshot(&server), before, "nothing created");

    // Reads need no header; writes with it go through.
    assert_eq!(alice.get("/api/v1/lists").status, 200);
    let ok = alice.send(
        "POST",
        "/api/v1/lists",
        &[("X-CSRF-Token", csrf.as_str()), ("Origin", origin.as_str())],
        body(),
    );
    assert_eq!(ok.status, 201, "{}", ok.describe());
    let id = ok.json()["id"].as_i64().unwrap();
    let added = alice.api_session_post(
        &format!("/api/v1/lists/{id}/items"),
        &json!({"text": "milk"}),
    );
    assert_eq!(added.status, 201);

    // After logout the cookie is worth nothing.
    let cookie = alice.cookie("aisle_session").unwrap();
    alice.submit("/logout", &[]);
    let stale = server.client();
    stale.set_cookie("aisle_session", &cookie);
    assert_problem(&stale.get("/api/v1/lists"), 401, "session after logout");
}

#[test]
fn tokens_from_the_settings_page_are_shown_once_and_can_be_revoked() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let bob = server.user_client("bob", "Home", false);
    let api = server.client();

    let page = alice.submit("/settings/tokens", &[("name", "Kitchen tablet")]);
    assert_eq!(page.status, 200, "{}", page.describe());
    let secret = code_token(&page.body).expect("the new token is shown");
    assert!(secret.len() >= 43);
    assert_eq!(api.api_get("/api/v1/lists", &secret).status, 200);
    let settings = alice.get("/settings").body;
    assert!(settings.contains("Kitchen tablet"));
    assert!(!settings.contains(&secret), "shown only once");
    let stored: i64 = sqlite(&server)
        .query_row(
            "SELECT count(*) FROM api_tokens WHERE token_hash = ?1 OR hex(token_hash) = upper(?1)",
            [&secret],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0, "only a hash is stored");
    let alice_token = numbers_after(&page.body, "/settings/tokens/")[0];

    // Members see and revoke their own tokens; admins see everyone's.
    let bob_page = bob.submit("/settings/tokens", &[("name", "Bob's watch")]);
    let bob_secret = code_token(&bob_page.body).unwrap();
    let bob_token = numbers_after(&bob_page.body, "/settings/tokens/")[0];
    assert!(
        !bob_page.body.contains("Kitchen tablet"),
        "bob sees only his"
    );
    assert!(
        alice.get("/settings").body.contains("watch"),
        "the admin sees all"
    );
    let before = snapshot(&server);
    let refused = bob.submit(&format!("/settings/tokens/{alice_token}/revoke"), &[]);
    assert_refused(&refused, 404, "member revoking the admin's token");
    assert_eq!(snapshot(&server), before);
    assert_eq!(api.api_get("/api/v1/lists", &secret).status, 200);

    let revoked = alice.submit(&format!("/settings/tokens/{alice_token}/revoke"), &[]);
    assert_eq!(revoked.redirected(), "/settings");
    assert!(alice.get("/settings").body.contains("Token revoked."));
    assert_problem(&api.api_get("/api/v1/lists", &secret), 401, "revoked token");
    assert!(!alice.get("/settings").body.contains("Kitchen tablet"));
    let again = alice.submit(&format!("/settings/tokens/{alice_token}/revoke"), &[]);
    assert_refused(&again, 404, "revoking twice");

    let by_admin = alice.submit(&format!("/settings/tokens/{bob_token}/revoke"), &[]);
    assert_eq!(by_admin.redirected(), "/settings");
    assert_problem(
        &api.api_get("/api/v1/lists", &bob_secret),
        401,
        "bob's revoked token",
    );
}

#[test]
fn token_create_refuses_unknown_users_and_empty_names() {
    let server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    let dir = server.data_dir();
    let dir = dir.to_str().unwrap();
    let before = snapshot(&server);
    for (username, name, says) in [("nobody", "x", "no user"), ("alice", "  ", "empty")] {
        let (status, out, err) = run_cli(
            &[
                "token",
                "create",
                "--data-dir",
                dir,
                "--username",
                username,
                "--name",
                name,
            ],
            None,
        );
        assert_eq!(status.code(), Some(2), "{err}");
        assert!(err.starts_with("error: ") && err.contains(says), "{err}");
        assert!(out.trim().is_empty(), "no token printed: {out}");
    }
    assert_eq!(snapshot(&server), before);
}
