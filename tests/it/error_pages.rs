//! Error pages a person can read: every HTML error keeps the app's header (the menu when
//! logged in, a plain one otherwise), offers a way back, and says in a plain sentence what
//! happened and what to do; refused input changes nothing. API errors stay
//! `application/problem+json` with a plain `detail`.

use crate::common::*;
use serde_json::json;

/// Asserts an HTML error page: the status, the app's header (with the menu when
/// `logged_in`), a plain message starting with `says`, the link to the lists (or to log
/// in), and no developer wording.
fn assert_error_page(resp: &Resp, status: u16, logged_in: bool, says: &str, context: &str) {
    assert_refused(resp, status, context);
    assert!(
        resp.header("content-type")
            .is_some_and(|c| c.starts_with("text/html")),
        "{context}: {}",
        resp.describe()
    );
    let body = &resp.body;
    assert!(
        body.contains(r#"<header class="top">"#),
        "{context}: no header"
    );
    assert!(
        body.contains(r#"<a class="brand" href="/">aisle</a>"#),
        "{context}"
    );
    assert_eq!(
        body.contains(r#"<nav aria-label="Main">"#),
        logged_in,
        "{context}: the menu shows exactly when logged in"
    );
    if logged_in {
        assert!(
            body.contains(r#"id="error-lists" href="/""#),
            "{context}: no way to the lists"
        );
    } else {
        assert!(
            body.contains(r#"id="error-login" href="/login""#),
            "{context}: no way to log in"
        );
    }
    let message = resp.message();
    assert!(
        message.starts_with(says),
        "{context}: {message:?} should start with {says:?}"
    );
    assert!(
        message.ends_with('.'),
        "{context}: {message:?} is not a sentence"
    );
    for developer in [
        "not found\n",
        "at line",
        "column",
        "Error 4",
        "Error 5",
        "missing field",
    ] {
        assert!(
            !body.contains(developer),
            "{context}: {developer:?} in {}",
            resp.describe()
        );
    }
}

/// The "Go back" link of an error page, if any.
fn back_link(resp: &Resp) -> Option<String> {
    between(&resp.body, r#"id="error-back" href=""#, "\"").map(unescape)
}

#[test]
fn missing_pages_keep_the_header_and_lead_back() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "milk");

    // A list that does not exist: the header with the menu, a plain sentence, the lists.
    let missing = alice.get("/lists/999999");
    assert_error_page(
        &missing,
        404,
        true,
        "There is nothing here",
        "a missing list",
    );
    assert!(
        missing.body.contains("Settings (alice)"),
        "the menu names the user"
    );
    assert_eq!(back_link(&missing), None, "the lists are the way back");
    // The lists link works.
    assert_eq!(alice.get("/").status, 200);

    // An address no route knows: the catcher looks the visitor up for the header too.
    let unknown = alice.get("/no/such/page");
    assert_error_page(
        &unknown,
        404,
        true,
        "There is nothing at this address",
        "unknown",
    );

    // An item gone from a list leads back to that list.
    let gone = alice.get(&format!("/lists/{list}/items/999999/edit"));
    assert_error_page(&gone, 404, true, "There is nothing here", "a missing item");
    assert_eq!(back_link(&gone), Some(format!("/lists/{list}")));
    assert_eq!(alice.get(&format!("/lists/{list}")).status, 200);

    // Coming from one of aisle's pages, "Go back" returns there; another site's page is
    // never offered.
    let from = format!("{}/products?q=milk", alice.base);
    let referred = alice.send("GET", "/lists/999999", &[("Referer", from.as_str())], None);
    assert_error_page(
        &referred,
        404,
        true,
        "There is nothing here",
        "with a referer",
    );
    assert_eq!(back_link(&referred).as_deref(), Some("/products?q=milk"));
    let foreign = alice.send(
        "GET",
        "/lists/999999",
        &[("Referer", "https://evil.example/phish")],
        None,
    );
    assert_eq!(back_link(&foreign), None, "{}", foreign.describe());

    // Nobody logged in: a plain header, and a way to log in.
    let anonymous = server.client().get("/no/such/page");
    assert_error_page(
        &anonymous,
        404,
        false,
        "There is nothing at this address",
        "anon",
    );

    // The API: problem+json with a plain detail.
    let token = server.cli_token("alice", "phone");
    let api = server.client().api_get("/api/v1/lists/999999", &token);
    assert_problem(&api, 404, "API 404");
    assert_eq!(api.json()["title"], "Not found");
    assert!(
        api.message().starts_with("There is nothing here"),
        "{}",
        api.message()
    );
}

#[test]
fn refused_forms_say_what_to_do_and_change_nothing() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    add_user(&server, "bob", "Home", false, PASSWORD);
    let bob = server.client();
    bob.login("bob", PASSWORD);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups milk");
    let item = alice.item_id(list, "milk");
    alice.submit("/stores", &[("name", "Corner")]).redirected();
    let before = snapshot(&server);

    // 400: a field left out of a form (an old page, a hand-made request).
    let missing = alice.submit(&format!("/lists/{list}/items"), &[]);
    assert_error_page(
        &missing,
        400,
        true,
        "The form has no “text” field",
        "missing field",
    );
    assert!(
        missing.message().contains("reload the page"),
        "{}",
        missing.message()
    );
    // 400: a number field that is not a number.
    let edit = format!("/lists/{list}/items/{item}/edit");
    let wrong = alice.submit(
        &edit,
        &[
            ("name", "milk"),
            ("quantity", "2"),
            ("unit", "cup"),
            ("note", ""),
            ("category", "soon"),
        ],
    );
    assert!(matches!(wrong.status, 400 | 422), "{}", wrong.describe());
    assert!(!wrong.message().is_empty(), "{}", wrong.describe());
    assert_eq!(snapshot(&server), before, "nothing changed");

    // 400: a form whose bytes are not UTF-8 (raw, and percent-encoded).
    let csrf = alice.csrf_token();
    let origin = alice.origin();
    for raw in [&b"caf\xe9"[..], b"caf%E9"] {
        let mut body = format!("csrf_token={csrf}&text=").into_bytes();
        body.extend_from_slice(raw);
        let form = "application/x-www-form-urlencoded";
        let resp = alice.send(
            "POST",
            &format!("/lists/{list}/items"),
            &[("Origin", origin.as_str())],
            Some((form, body)),
        );
        if raw.contains(&b'%') {
            // Rocket decodes it with U+FFFD in place of the bad byte: refused by the text
            // rules, with the form kept.
            assert_refused(&resp, 422, "percent-encoded bad UTF-8");
            assert!(
                resp.message().contains("could not be read"),
                "{}",
                resp.message()
            );
        } else {
            assert_error_page(
                &resp,
                400,
                true,
                "The form sent text that is not valid UTF-8",
                "utf8",
            );
        }
    }
    assert_eq!(snapshot(&server), before, "nothing changed");

    // 403: a member asking for what only an admin may do; back to the household page.
    let forbidden = bob.submit("/household/invites", &[("role", "member")]);
    assert_error_page(&forbidden, 403, true, "Only an admin", "member inviting");
    assert_eq!(back_link(&forbidden).as_deref(), Some("/household"));

    // 409: a store name taken; back to the household page where stores are made.
    let taken = alice.submit("/stores", &[("name", "Corner")]);
    assert_error_page(
        &taken,
        409,
        true,
        "A store called “Corner” already exists",
        "409",
    );
    assert_eq!(back_link(&taken).as_deref(), Some("/household"));

    // 413: far too much at once.
    let big = "x".repeat(200 * 1024);
    let huge = alice.submit(&format!("/lists/{list}/items"), &[("text", big.as_str())]);
    assert_error_page(
        &huge,
        413,
        true,
        "That is more than aisle takes at once",
        "413",
    );

    // 422: an address part of the wrong kind (Rocket's own refusal, through the catcher).
    let odd = alice.get("/images/not-a-number");
    assert_error_page(&odd, 422, true, "Something sent was not in a form", "422");

    // A refused form without a session: the plain header.
    let stranger = server.client();
    let csrf = stranger.submit("/login", &[("username", "alice")]);
    assert!(matches!(csrf.status, 400 | 422), "{}", csrf.describe());
    assert!(csrf.body.contains(r#"<header class="top">"#));

    assert_eq!(snapshot(&server), before, "nothing changed");
}

#[test]
fn json_bodies_that_do_not_fit_get_plain_details() {
    let server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    let token = server.cli_token("alice", "phone");
    let api = server.client();
    let before = snapshot(&server);

    let missing = api.api_post_json("/api/v1/lists", &token, &json!({}));
    assert_problem(&missing, 422, "missing field");
    assert_eq!(missing.message(), "The field `name` is missing.");

    let wrong = api.api_post_json("/api/v1/lists", &token, &json!({"name": 5}));
    assert_problem(&wrong, 422, "wrong type");
    assert_eq!(
        wrong.message(),
        "A value has the wrong type: aisle found a number where text in quotes belongs."
    );

    let extra = api.api_post_json("/api/v1/lists", &token, &json!({"name": "x", "colour": 1}));
    assert_problem(&extra, 422, "unknown field");
    assert!(
        extra.message().starts_with("The field `colour` is not one"),
        "{}",
        extra.message()
    );

    let not_json = api.api_post_raw(
        "/api/v1/lists",
        &token,
        "application/json",
        b"{name".to_vec(),
    );
    assert_problem(&not_json, 400, "not JSON");
    assert!(
        not_json
            .message()
            .starts_with("The body is not valid JSON; check it near line 1"),
        "{}",
        not_json.message()
    );

    let bad_utf8 = api.api_post_raw(
        "/api/v1/lists",
        &token,
        "application/json",
        b"{\"name\": \"caf\xe9\"}".to_vec(),
    );
    assert_problem(&bad_utf8, 400, "bad UTF-8");
    assert_eq!(
        bad_utf8.message(),
        "The body is not valid UTF-8 text; send JSON encoded as UTF-8."
    );

    for resp in [&missing, &wrong, &extra, &not_json, &bad_utf8] {
        let detail = resp.message();
        assert!(!detail.contains("line 1 column"), "{detail}");
        assert!(!detail.contains("expected"), "{detail}");
    }
    assert_eq!(snapshot(&server), before, "nothing changed");
}

#[test]
fn used_and_expired_invite_links_say_so() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let invite = |alice: &Client| {
        let page = alice.submit("/household/invites", &[("role", "member")]);
        let url = code_token(&page.body).expect("invite URL");
        url[server.base_url().len()..].to_string()
    };
    let first = invite(&alice);
    let second = invite(&alice);
    write_from_outside(&server, |c| {
        c.execute(
            "UPDATE invites SET expires_ms = 1000 WHERE id = (SELECT max(id) FROM invites)",
            [],
        )
        .unwrap()
    });
    let carol = server.client();
    let joined = carol.submit(&first, &[("username", "carol"), ("password", PASSWORD)]);
    assert_eq!(joined.redirected(), "/");
    let before = snapshot(&server);

    let used = server.client().get(&first);
    assert_error_page(
        &used,
        410,
        false,
        "This invite link was already used",
        "used",
    );
    assert!(
        used.message().contains("ask someone in the household"),
        "{}",
        used.message()
    );
    // Carol, now logged in, gets her menu on the same page.
    let again = carol.get(&first);
    assert_error_page(
        &again,
        410,
        true,
        "This invite link was already used",
        "used, logged in",
    );

    let dave = server.client();
    let expired = dave.get(&second);
    assert_error_page(
        &expired,
        410,
        false,
        "This invite link has expired",
        "expired",
    );
    assert!(
        expired.message().contains("new one"),
        "{}",
        expired.message()
    );
    let late = dave.submit(&second, &[("username", "dave"), ("password", PASSWORD)]);
    assert_error_page(
        &late,
        410,
        false,
        "This invite link has expired",
        "expired, sent",
    );

    let unknown = dave.get("/invite/not-a-real-token");
    assert_error_page(
        &unknown,
        404,
        false,
        "This invite link is not known",
        "unknown",
    );
    assert_eq!(snapshot(&server), before, "nothing changed");
}

#[test]
fn logins_needed_too_many_attempts_and_server_faults_are_said_plainly() {
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "2")]);
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");

    // 401 on a page: to the login form; on the API: a plain detail.
    let stranger = server.client();
    assert_eq!(
        stranger.get(&format!("/lists/{list}")).redirected(),
        "/login"
    );
    let api = stranger.get("/api/v1/lists");
    assert_problem(&api, 401, "API without a token");
    assert_eq!(api.message(), "You need to log in.");
    assert_eq!(api.json()["title"], "Please log in");

    // 429: the login form again, with the username kept, when to try again and the header.
    for _ in 0..2 {
        assert_eq!(stranger.try_login("alice", "wrong password!").status, 401);
    }
    let limited = stranger.try_login("alice", "wrong password!");
    assert_refused(&limited, 429, "too many attempts");
    assert!(
        limited.header("retry-after").is_some(),
        "{}",
        limited.describe()
    );
    assert!(
        limited
            .message()
            .starts_with("Too many attempts; try again in"),
        "{}",
        limited.message()
    );
    assert!(limited.body.contains(r#"<header class="top">"#));
    assert!(
        limited.body.contains(r#"value="alice""#),
        "the username is kept"
    );
    assert!(
        limited.body.contains(r#"action="/login""#),
        "the form is there"
    );

    // 500: a fault inside the server (here a table gone from under it) gets a sentence
    // with the header and ways on; the internals stay in the log.
    write_from_outside(&server, |c| {
        c.execute_batch("ALTER TABLE stores RENAME TO stores_gone")
            .unwrap()
    });
    let fault = alice.get("/household");
    assert_error_page(
        &fault,
        500,
        true,
        "Something went wrong on the server",
        "500",
    );
    assert!(fault.message().contains("try again"), "{}", fault.message());
    assert!(!fault.body.contains("no such table"), "internals leaked");
    assert!(
        server.log().contains("no such table"),
        "the fault is logged"
    );
}
