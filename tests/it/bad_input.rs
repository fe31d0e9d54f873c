//! Bad input on every form and API route: empty, oversized, control characters, missing
//! fields, invalid JSON, wrong types, bad ids, bad quantities, units and categories.
//! Each answer is a 4xx with a message, and nothing changes.

use crate::common::*;
use serde_json::json;

const BIG: usize = 200 * 1024;

/// Asserts a refusal with a message and that the database is as it was.
fn refused(server: &Server, resp: &Resp, status: u16, context: &str, before: &str) {
    assert_refused(resp, status, context);
    assert_eq!(snapshot(server), before, "{context}: something changed");
}

/// A form with one field under test; the other fields are valid.
struct Form {
    path: String,
    field: &'static str,
    others: Vec<(&'static str, String)>,
    /// The status for an empty (or blank) field; `None` when empty is acceptable.
    empty: Option<u16>,
    /// The status for control characters; `None` when they are acceptable.
    control: Option<u16>,
    /// The status when the field is left out.
    missing: u16,
}

fn form(path: String, field: &'static str) -> Form {
    Form {
        path,
        field,
        others: Vec::new(),
        empty: Some(422),
        control: Some(422),
        missing: 400,
    }
}

fn submit_with(client: &Client, f: &Form, value: Option<&str>) -> Resp {
    let mut fields: Vec<(&str, &str)> = f.others.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if let Some(v) = value {
        fields.push((f.field, v));
    }
    client.submit(&f.path, &fields)
}

fn check_form(server: &Server, client: &Client, f: &Form) {
    let before = snapshot(server);
    let ctx = |case: &str| format!("{} {}: {case}", f.path, f.field);
    let big = "x".repeat(BIG);
    let r = submit_with(client, f, Some(&big));
    refused(server, &r, 413, &ctx("200 KB"), &before);
    let r = submit_with(client, f, None);
    refused(server, &r, f.missing, &ctx("missing"), &before);
    if let Some(status) = f.empty {
        for value in ["", "   "] {
            let r = submit_with(client, f, Some(value));
            refused(server, &r, status, &ctx(&format!("{value:?}")), &before);
        }
    }
    if let Some(status) = f.control {
        for value in ["bad\u{7}value", "nul\u{0}byte", "esc\u{1b}[31m"] {
            let r = submit_with(client, f, Some(value));
            refused(server, &r, status, &ctx(&format!("{value:?}")), &before);
        }
    }
}

#[test]
fn every_form_refuses_empty_oversized_and_control_character_input() {
    // Many failed logins below: keep the throttle out of the way.
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "1000")]);
    let alice = server.user_client("alice", "Home", true);
    add_user(&server, "bob", "Home", false, PASSWORD);
    let bob = sqlite(&server)
        .query_row("SELECT id FROM users WHERE username = 'bob'", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups milk");
    let item = alice.item_id(list, "milk");
    let store = alice
        .submit("/stores", &[("name", "Corner")])
        .redirected()
        .to_string();
    let edit_others = |skip: &str| -> Vec<(&'static str, String)> {
        [
            ("name", "milk"),
            ("quantity", "2"),
            ("unit", "cup"),
            ("note", ""),
            ("category", ""),
        ]
        .into_iter()
        .filter(|(k, _)| *k != skip)
        .map(|(k, v)| (k, v.to_string()))
        .collect()
    };

    let forms = vec![
        form("/lists".into(), "name"),
        form(format!("/lists/{list}/rename"), "name"),
        form(format!("/lists/{list}/items"), "text"),
        form("/stores".into(), "name"),
        form(format!("{store}/rename"), "name"),
        form("/settings/tokens".into(), "name"),
        form("/household/invites".into(), "role"),
        form(format!("/lists/{list}/restore"), "ids"),
        Form {
            others: edit_others("name"),
            ..form(format!("/lists/{list}/items/{item}/edit"), "name")
        },
        Form {
            others: edit_others("note"),
            empty: None,
            ..form(format!("/lists/{list}/items/{item}/edit"), "note")
        },
        Form {
            empty: None,
            ..form(format!("/lists/{list}/store"), "store_id")
        },
        Form {
            control: None,
            missing: 422,
            ..form(format!("/lists/{list}/delete"), "confirm")
        },
        Form {
            others: vec![("current", PASSWORD.to_string())],
            control: None,
            ..form("/settings/password".into(), "new")
        },
        Form {
            control: None,
            ..form(format!("/household/members/{bob}/password"), "password")
        },
    ];
    // Passwords are never shown, so any character is allowed in them: `control: None`.
    for f in &forms {
        check_form(&server, &alice, f);
    }

    // Login: wrong credentials of any shape are a 401 with the form again.
    let visitor = server.client();
    for field in ["username", "password"] {
        let login = Form {
            others: [("username", "alice"), ("password", PASSWORD)]
                .into_iter()
                .filter(|(k, _)| *k != field)
                .map(|(k, v)| (k, v.to_string()))
                .collect(),
            empty: Some(401),
            control: Some(401),
            ..form("/login".into(), field)
        };
        check_form(&server, &visitor, &login);
    }
    assert!(!visitor.logged_in());
}

#[test]
fn adding_items_refuses_too_much_and_too_many() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "60000 g flour");
    let before = snapshot(&server);
    let path = format!("/lists/{list}/items");
    let cases = [
        ("a".repeat(10_001), "too much text"),
        ("milk\n".repeat(101), "at most 100"),
        ("999999 eggs".to_string(), "too large"),
        ("100001 eggs".to_string(), "too large"),
        ("999999 eggs, ()".to_string(), "too large"),
        ("60000 g flour".to_string(), "more than"),
        ("0 eggs".to_string(), "more than 0"),
        ("-2 eggs".to_string(), "more than 0"),
        ("milk 0 l".to_string(), "more than 0"),
        (format!("{} soup", "x".repeat(201)), "too long"),
        (" , ; \n ".to_string(), "at least one item"),
    ];
    for (text, says) in &cases {
        let r = alice.submit(&path, &[("text", text)]);
        let context = format!("add {:?}", &text[..text.len().min(40)]);
        refused(&server, &r, 422, &context, &before);
        assert!(r.message().contains(says), "{context}: {}", r.message());
        assert!(r.body.contains(r#"id="add-text""#), "{context}: form again");
    }
    // The refused merge left the flour as it was.
    let flour = alice
        .items(list)
        .into_iter()
        .find(|i| i["name"] == "flour")
        .unwrap();
    assert_eq!(flour["quantity"], 60000.0);
}

#[test]
fn item_edit_refuses_bad_quantities_units_and_categories() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups milk");
    let item = alice.item_id(list, "milk");
    let path = format!("/lists/{list}/items/{item}/edit");
    let dairy = option_value(&alice.get(&path).body, "category", "Dairy & Eggs");
    let before = snapshot(&server);
    let cases: Vec<(&str, String)> = vec![
        ("quantity", "-1".into()),
        ("quantity", "0".into()),
        ("quantity", "100001".into()),
        ("quantity", "1e9".into()),
        ("quantity", "NaN".into()),
        ("quantity", "inf".into()),
        ("quantity", "two eggs".into()),
        ("quantity", "-1/2".into()),
        ("unit", "parsec".into()),
        ("unit", "cups".into()),
        ("category", "dairy".into()),
        ("category", "999999".into()),
        ("category", "-1".into()),
        ("note", "n".repeat(501)),
        ("name", "m".repeat(201)),
    ];
    for (field, value) in &cases {
        let mut fields = [
            ("name", "milk".to_string()),
            ("quantity", "2".to_string()),
            ("unit", "cup".to_string()),
            ("note", String::new()),
            ("category", dairy.clone()),
        ];
        for f in fields.iter_mut().filter(|f| f.0 == *field) {
            f.1 = value.clone();
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = alice.submit(&path, &fields);
        let context = format!("edit {field}={:?}", &value[..value.len().min(20)]);
        refused(&server, &r, 422, &context, &before);
        if *field != "unit" && *field != "category" {
            assert!(
                r.body.contains(&escape(value)),
                "{context}: typed value kept"
            );
        }
    }
}

#[test]
fn ids_that_are_not_numbers_or_do_not_exist_are_refused() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "milk");
    let store = alice
        .submit("/stores", &[("name", "Corner")])
        .redirected()
        .to_string();
    let token = server.cli_token("alice", "script");
    let api = server.client();
    let before = snapshot(&server);
    let bad_ids = [
        "abc",
        "0",
        "-1",
        "1.5",
        "99999999999999999999",
        "999999",
        "%20",
    ];
    for id in bad_ids {
        let unknown = id == "999999";
        let pages = [
            format!("/lists/{id}"),
            format!("/lists/{id}/delete"),
            format!("/lists/{list}/items/{id}/edit"),
            format!("/stores/{id}"),
        ];
        for path in &pages {
            let r = alice.get(path);
            assert!(
                matches!(r.status, 404 | 422),
                "GET {path}: {}",
                r.describe()
            );
            if unknown {
                refused(&server, &r, 404, &format!("GET {path}"), &before);
            }
            assert!(!r.message().is_empty(), "GET {path}: no message");
        }
        let forms: [(String, Vec<(&str, &str)>); 13] = [
            (format!("/lists/{id}/rename"), vec![("name", "x")]),
            (format!("/lists/{id}/archive"), vec![]),
            (format!("/lists/{id}/items"), vec![("text", "eggs")]),
            (format!("/lists/{id}/delete"), vec![("confirm", "yes")]),
            (format!("/lists/{list}/items/{id}/check"), vec![]),
            (format!("/lists/{list}/items/{id}/delete"), vec![]),
            (
                format!("/lists/{list}/items/{id}/edit"),
                vec![
                    ("name", "x"),
                    ("quantity", ""),
                    ("unit", ""),
                    ("note", ""),
                    ("category", ""),
                ],
            ),
            (format!("{store}/categories/{id}/up"), vec![]),
            (format!("/stores/{id}/rename"), vec![("name", "x")]),
            (format!("/settings/tokens/{id}/revoke"), vec![]),
            (format!("/household/invites/{id}/revoke"), vec![]),
            (format!("/household/members/{id}/remove"), vec![]),
            (
                format!("/household/members/{id}/password"),
                vec![("password", "fine-new-password")],
            ),
        ];
        for (path, fields) in &forms {
            let r = alice.submit(path, fields);
            let context = format!("POST {path}");
            refused(
                &server,
                &r,
                if unknown { 404 } else { r.status },
                &context,
                &before,
            );
            assert!(matches!(r.status, 404 | 422), "{context}: {}", r.describe());
        }
        let get = api.api_get(&format!("/api/v1/lists/{id}"), &token);
        let post = api.api_post_json(
            &format!("/api/v1/lists/{id}/items"),
            &token,
            &json!({"text": "eggs"}),
        );
        for (r, what) in [(get, "GET"), (post, "POST")] {
            let status = if unknown { 404 } else { r.status };
            assert!(matches!(r.status, 404 | 422), "API {what} {id}");
            assert_problem(&r, status, &format!("API {what} /api/v1/lists/{id}"));
        }
        assert_eq!(snapshot(&server), before, "id {id}: something changed");
    }
    // Restoring or choosing ids that are not ids says so.
    for (path, field, value) in [
        (format!("/lists/{list}/restore"), "ids", "abc,-3"),
        (format!("/lists/{list}/store"), "store_id", "abc"),
        (format!("/lists/{list}/store"), "store_id", "999999"),
    ] {
        let r = alice.submit(&path, &[(field, value)]);
        refused(
            &server,
            &r,
            422,
            &format!("{path} {field}={value}"),
            &before,
        );
    }
}

#[test]
fn the_api_refuses_invalid_json_wrong_types_and_oversized_bodies() {
    let server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    let token = server.cli_token("alice", "script");
    let api = server.client();
    let created = api.api_post_json("/api/v1/lists", &token, &json!({"name": "Weekly"}));
    assert_eq!(created.status, 201);
    let list = created.json()["id"].as_i64().unwrap();
    let before = snapshot(&server);
    let big = json!({"name": "x".repeat(BIG), "text": "x".repeat(BIG)}).to_string();

    for (path, field) in [
        ("/api/v1/lists".to_string(), "name"),
        (format!("/api/v1/lists/{list}/items"), "text"),
    ] {
        let raw: Vec<(Vec<u8>, u16)> = vec![
            (b"{".to_vec(), 400),
            (Vec::new(), 400),
            (b"not json".to_vec(), 400),
            (vec![0xff, 0xfe, 0x7b], 400),
            (big.clone().into_bytes(), 413),
            (b"[1, 2]".to_vec(), 422),
            (b"\"milk\"".to_vec(), 422),
            (b"{}".to_vec(), 422),
        ];
        for (body, status) in raw {
            let shown = String::from_utf8_lossy(&body[..body.len().min(20)]).into_owned();
            let r = api.api_post_raw(&path, &token, "application/json", body);
            assert_problem(&r, status, &format!("POST {path} {shown:?}"));
            assert_eq!(snapshot(&server), before, "POST {path} {shown:?}");
        }
        let values = [
            json!(5),
            json!(null),
            json!(true),
            json!(["milk"]),
            json!({"x": 1}),
            json!(""),
            json!("   "),
            json!("bad\u{7}value"),
            json!("nul\u{0}byte"),
            json!("x".repeat(10_001)),
        ];
        for value in values {
            let body = json!({ field: value });
            let r = api.api_post_json(&path, &token, &body);
            let context = format!(
                "POST {path} {}",
                &body.to_string()[..body.to_string().len().min(40)]
            );
            assert_problem(&r, 422, &context);
            assert_eq!(snapshot(&server), before, "{context}");
        }
        let extra = json!({ field: "milk", "admin": true });
        assert_problem(
            &api.api_post_json(&path, &token, &extra),
            422,
            "unknown field",
        );
    }

    let items = format!("/api/v1/lists/{list}/items");
    for text in ["999999 eggs", "0 eggs, ()", &"milk\n".repeat(101)] {
        let r = api.api_post_json(&items, &token, &json!({ "text": text }));
        assert_problem(&r, 422, &format!("add {text:?}"));
    }
    let too_long_name =
        api.api_post_json("/api/v1/lists", &token, &json!({"name": "n".repeat(201)}));
    assert_problem(&too_long_name, 422, "201-character list name");
    assert_eq!(snapshot(&server), before);
}

#[test]
fn setup_and_invite_forms_refuse_bad_input() {
    let server = Server::start();
    let token = server.setup_token();
    let visitor = server.client();
    let setup = |household: &str, username: &str| {
        visitor.submit(
            "/setup",
            &[
                ("token", token.as_str()),
                ("household", household),
                ("username", username),
                ("password", PASSWORD),
            ],
        )
    };
    let before = snapshot(&server);
    for (household, username) in [
        ("", "alice"),
        ("   ", "alice"),
        ("Home\u{7}", "alice"),
        ("Home", ""),
        ("Home", "al ice"),
        ("Home", "<b>alice</b>"),
        ("Home", "alice\u{0}"),
    ] {
        let r = setup(household, username);
        refused(
            &server,
            &r,
            422,
            &format!("setup {household:?} {username:?}"),
            &before,
        );
    }
    let big = "x".repeat(BIG);
    refused(&server, &setup(&big, "alice"), 413, "setup 200 KB", &before);
    let missing = visitor.submit("/setup", &[("token", token.as_str())]);
    refused(&server, &missing, 400, "setup with missing fields", &before);
    assert_eq!(db_count(&server, "SELECT count(*) FROM households"), 0);

    // Joining by invite (the visitor is now the admin).
    let done = setup("Home", "alice");
    assert_eq!(done.redirected(), "/");
    let page = visitor.submit("/household/invites", &[("role", "member")]);
    let url = code_token(&page.body).unwrap();
    let path = &url[server.base_url().len()..];
    let joiner = server.client();
    let before = snapshot(&server);
    for (username, password) in [
        ("", PASSWORD),
        ("car ol", PASSWORD),
        ("carol\u{7}", PASSWORD),
        ("carol", ""),
        ("carol", "short"),
        ("carol", "password1"),
        ("ALICE", PASSWORD),
    ] {
        let r = joiner.submit(path, &[("username", username), ("password", password)]);
        refused(
            &server,
            &r,
            422,
            &format!("join {username:?} {password:?}"),
            &before,
        );
    }
    let r = joiner.submit(path, &[("username", &big), ("password", PASSWORD)]);
    refused(&server, &r, 413, "join 200 KB", &before);
    let r = joiner.submit(path, &[("password", PASSWORD)]);
    refused(&server, &r, 400, "join without username", &before);
    // The invite still works after all that.
    let ok = joiner.submit(path, &[("username", "carol"), ("password", PASSWORD)]);
    assert_eq!(ok.redirected(), "/");
}

/// Nothing typed is lost (issue 20): an add keeps its valid lines and gives back the
/// refused ones with their reasons, through the form, the API and the ops; refused whole,
/// it changes nothing.
#[test]
fn an_add_keeps_its_valid_lines_and_gives_back_the_refused_ones() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    let long = format!("{} soup", "x".repeat(201));

    // The form: the page again (200) with only the refused lines in the box and why.
    let text = format!("2 kiwis\n0 eggs, {long}\n(); 3 limes");
    let r = alice.submit(&format!("/lists/{list}/items"), &[("text", &text)]);
    assert_eq!(r.status, 200, "{}", r.describe());
    let message = r.message();
    assert!(message.starts_with("Added 2 items. Not added"), "{message}");
    assert!(
        message.contains("“0 eggs”: the quantity must be more than 0"),
        "{message}"
    );
    assert!(
        message.contains("“()”: there is no item name in it"),
        "{message}"
    );
    assert!(
        r.body.contains(&format!(">0 eggs\n{long}\n()</textarea>")),
        "only the refused lines stay in the box"
    );
    let mut names: Vec<String> = alice
        .items(list)
        .iter()
        .map(|i| i["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["kiwis", "limes"]);

    // The API: 201 with the refused lines; all refused is 422 and changes nothing.
    let token = server.cli_token("alice", "script");
    let path = format!("/api/v1/lists/{list}/items");
    let r = server
        .client()
        .api_post_json(&path, &token, &json!({"text": "milk, -3 eggs"}));
    assert_eq!(r.status, 201, "{}", r.describe());
    let body = r.json();
    assert_eq!(body["items"][0]["name"], "milk");
    assert_eq!(body["refused"][0]["text"], "-3 eggs");
    assert!(
        body["refused"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("more than 0")
    );
    let before = snapshot(&server);
    let r = server
        .client()
        .api_post_json(&path, &token, &json!({"text": "0 eggs, -"}));
    assert_problem(&r, 422, "all refused");
    assert!(
        r.message().contains("“-”: there is no item name in it"),
        "{}",
        r.message()
    );
    assert_eq!(snapshot(&server), before);

    // An add op: applied with `refused` in its result (and the same on a replay); all
    // refused, the batch is refused naming the op.
    let op = json!({"ops": [{"op_id": "a1", "kind": "add", "fields": {"text": "bread, 0 jam"}}]});
    let ops = format!("/api/v1/lists/{list}/ops");
    for _ in 0..2 {
        let r = server.client().api_post_json(&ops, &token, &op);
        assert_eq!(r.status, 200, "{}", r.describe());
        let result = &r.json()["results"][0];
        assert_eq!(result["items"][0]["name"], "bread");
        assert_eq!(result["refused"][0]["text"], "0 jam");
    }
    let before = snapshot(&server);
    let op = json!({"ops": [{"op_id": "a2", "kind": "add", "fields": {"text": "0 jam"}}]});
    let r = server.client().api_post_json(&ops, &token, &op);
    assert_problem(&r, 422, "an add op with nothing valid");
    assert_eq!(r.json()["results"][0]["code"], "invalid");
    assert_eq!(snapshot(&server), before);
}
