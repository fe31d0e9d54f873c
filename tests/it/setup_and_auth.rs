//! First-run setup, login and logout, sessions, throttling, CSRF, invites, roles and
//! passwords — against the real binary over HTTP.

use crate::common::*;

fn password_hash(server: &Server, username: &str) -> String {
    sqlite(server)
        .query_row(
            "SELECT password_hash FROM users WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn setup_needs_the_logged_token_and_works_once() {
    let server = Server::start();
    let token = server.setup_token();
    assert!(token.len() >= 32, "setup token {token:?}");
    let visitor = server.client();

    // Missing or wrong token: refused with a page that says why.
    assert_refused(&visitor.get("/setup"), 403, "setup without token");
    assert_refused(
        &visitor.get("/setup?token=wrong"),
        403,
        "setup, wrong token",
    );
    let wrong = visitor.submit(
        "/setup",
        &[
            ("token", "not-the-token"),
            ("household", "Home"),
            ("username", "alice"),
            ("password", PASSWORD),
        ],
    );
    assert_refused(&wrong, 403, "POST /setup, wrong token");
    assert_eq!(db_count(&server, "SELECT count(*) FROM users"), 0);

    // The right token shows the form; a bad password re-renders it with what was typed.
    let page = visitor.get(&format!("/setup?token={token}"));
    assert_eq!(page.status, 200, "{}", page.describe());
    assert!(page.body.contains(r#"name="household""#));
    let weak = visitor.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "The Smiths"),
            ("username", "alice"),
            ("password", "short"),
        ],
    );
    assert_refused(&weak, 422, "setup with a short password");
    assert!(weak.message().contains("too short"), "{}", weak.message());
    assert!(
        weak.body.contains(r#"value="The Smiths""#),
        "household kept"
    );
    assert!(weak.body.contains(r#"value="alice""#), "username kept");
    assert_eq!(db_count(&server, "SELECT count(*) FROM households"), 0);

    // Setup creates the household and its admin and logs them in.
    let done = visitor.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "The Smiths"),
            ("username", "alice"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(done.redirected(), "/");
    assert!(visitor.cookie("aisle_session").is_some());
    let home = visitor.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("alice"), "logged in as alice");
    let role: String = sqlite(&server)
        .query_row("SELECT role FROM users WHERE username = 'alice'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(role, "admin");

    // Once an account exists, /setup is gone, even with the right token.
    let other = server.client();
    assert_eq!(other.get(&format!("/setup?token={token}")).status, 404);
    let again = other.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "Intruders"),
            ("username", "mallory"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(again.status, 404);
    assert_eq!(db_count(&server, "SELECT count(*) FROM users"), 1);
    assert_eq!(db_count(&server, "SELECT count(*) FROM households"), 1);
}

#[test]
fn login_logout_and_session_cookie() {
    let server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    let client = server.client();

    // Pages need a login.
    for path in ["/", "/settings", "/household", "/lists/1", "/stores/1"] {
        assert_eq!(client.get(path).redirected(), "/login", "GET {path}");
    }
    let before = snapshot(&server);
    let anonymous = client.submit("/lists", &[("name", "Sneaky")]);
    assert_eq!(anonymous.redirected(), "/login");
    assert_eq!(snapshot(&server), before, "nothing created without a login");

    // A wrong password: 401, the form again with the username typed, no session.
    let wrong = client.try_login("alice", "not-the-password");
    assert_refused(&wrong, 401, "wrong password");
    assert!(wrong.body.contains(r#"value="alice""#), "username kept");
    assert!(wrong.set_cookie("aisle_session").is_none());
    let unknown = client.try_login("nobody", PASSWORD);
    assert_refused(&unknown, 401, "unknown user");
    assert_eq!(unknown.message(), wrong.message(), "same answer either way");

    // The right password: a session cookie that scripts cannot read.
    let anon_cookie = client.cookie("aisle_csrf").unwrap();
    let ok = client.try_login("alice", PASSWORD);
    assert_eq!(ok.redirected(), "/");
    let set = ok.set_cookie("aisle_session").expect("session cookie set");
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(set.contains("Path=/"), "{set}");
    assert!(!set.contains("Secure"), "plain HTTP: no Secure flag: {set}");
    let first = client.cookie("aisle_session").unwrap();
    assert_ne!(first, anon_cookie);
    assert!(first.len() >= 43, "256-bit token: {first}");
    assert!(client.logged_in());
    assert_eq!(client.get("/login").redirected(), "/");

    // Only a hash of the token is stored.
    let stored: Vec<Vec<u8>> = {
        let conn = sqlite(&server);
        let mut stmt = conn.prepare("SELECT token_hash FROM sessions").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].len(), 32, "a SHA-256");
    assert_ne!(stored[0], first.as_bytes());

    // A new token at every login.
    let second_device = server.client();
    second_device.login("alice", PASSWORD);
    let second = second_device.cookie("aisle_session").unwrap();
    assert_ne!(first, second);
    let relogin = server.client();
    relogin.set_cookie("aisle_session", &first);
    assert!(relogin.logged_in());
    let rotated = relogin.try_login("alice", PASSWORD);
    assert_eq!(rotated.redirected(), "/");
    let third = relogin.cookie("aisle_session").unwrap();
    assert_ne!(third, first);
    assert_ne!(third, second);

    // Logout removes the cookie and the session itself.
    let out = client.submit("/logout", &[]);
    assert_eq!(out.redirected(), "/login");
    let removal = out.set_cookie("aisle_session").expect("cookie removed");
    assert!(removal.contains("Max-Age=0"), "{removal}");
    assert!(client.cookie("aisle_session").is_none());
    assert!(!client.logged_in());
    let replay = server.client();
    replay.set_cookie("aisle_session", &first);
    assert!(!replay.logged_in(), "the old token no longer works");
    assert!(second_device.logged_in(), "other devices stay logged in");
    // A dead session cookie is dropped on the way to the login page, not sent forever.
    let dead = server.client();
    dead.set_cookie("aisle_session", &first);
    let page = dead.get("/settings");
    assert_eq!(page.redirected(), "/login");
    let removal = page
        .set_cookie("aisle_session")
        .expect("dead cookie removed");
    assert!(removal.contains("Max-Age=0"), "{removal}");
    assert!(dead.cookie("aisle_session").is_none());
}

/// The one session's expiry, as stored.
fn session_expiry(server: &Server) -> i64 {
    sqlite(server)
        .query_row("SELECT expires_ms FROM sessions", [], |r| r.get(0))
        .unwrap()
}

/// Moves the one session's expiry, as if it had been written `by_ms` earlier.
fn age_session(server: &Server, by_ms: i64) {
    write_from_outside(server, |conn| {
        conn.execute("UPDATE sessions SET expires_ms = expires_ms - ?1", [by_ms])
            .unwrap()
    });
}

#[test]
fn sessions_slide_forward_at_most_once_an_hour_and_then_expire() {
    const HOUR_MS: i64 = 3600 * 1000;
    let server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    let client = server.client();
    client.login("alice", PASSWORD);
    let token = client.cookie("aisle_session").unwrap();
    let fresh = session_expiry(&server);

    // Within the hour: nothing written, no new cookie.
    let page = client.get("/settings");
    assert_eq!(page.status, 200, "{}", page.describe());
    assert!(page.set_cookie("aisle_session").is_none());
    assert_eq!(session_expiry(&server), fresh);

    // Two hours later: the expiry moves forward and the same token is sent again with
    // the full lifetime.
    age_session(&server, 2 * HOUR_MS);
    let page = client.get("/settings");
    assert_eq!(page.status, 200, "{}", page.describe());
    let set = page.set_cookie("aisle_session").expect("cookie sent again");
    assert!(set.contains(&token), "the same session: {set}");
    assert!(set.contains("Max-Age=2592000"), "30 days: {set}");
    let slid = session_expiry(&server);
    assert!(slid > fresh - 2 * HOUR_MS, "{slid} was not moved forward");
    assert!(
        slid >= fresh,
        "{slid} < {fresh}: not a full lifetime from now"
    );
    let again = client.get("/settings");
    assert!(
        again.set_cookie("aisle_session").is_none(),
        "once, not every time"
    );

    // Due again while another process holds the write lock (SQLite's busy timeout runs
    // out): the page is served all the same, without the cookie, and a later request
    // extends the session instead.
    age_session(&server, 2 * HOUR_MS);
    let aged = session_expiry(&server);
    let blocker = rusqlite::Connection::open(server.db_path()).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let page = client.get("/settings");
    blocker.execute_batch("ROLLBACK").unwrap();
    assert_eq!(page.status, 200, "{}", page.describe());
    assert!(
        page.set_cookie("aisle_session").is_none(),
        "skipped while busy"
    );
    assert_eq!(session_expiry(&server), aged);
    let page = client.get("/settings");
    assert!(page.set_cookie("aisle_session").is_some(), "tried again");
    assert!(session_expiry(&server) > aged);

    // Past its expiry the session is over, whatever the cookie says.
    age_session(&server, 31 * 24 * HOUR_MS);
    let page = client.get("/settings");
    assert_eq!(page.redirected(), "/login");
    assert!(!client.logged_in());
}

#[test]
fn login_is_throttled_for_known_users() {
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "3")]);
    add_user(&server, "alice", "Home", false, PASSWORD);
    let client = server.client();
    for attempt in 1..=3 {
        let resp = client.try_login("alice", "wrong-password");
        assert_refused(&resp, 401, &format!("attempt {attempt}"));
    }
    // Now even the right password waits.
    let blocked = client.try_login("alice", PASSWORD);
    assert_refused(&blocked, 429, "after 3 failures");
    // The wait as a person says it (the window is 15 minutes by default).
    assert!(
        blocked.message().contains("try again in about 15 minutes"),
        "{}",
        blocked.message()
    );
    let retry: u64 = blocked
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!(retry >= 1, "Retry-After {retry}");
    assert!(blocked.set_cookie("aisle_session").is_none());
    assert!(!client.logged_in());
    assert_eq!(db_count(&server, "SELECT count(*) FROM sessions"), 0);
}

#[test]
fn login_is_throttled_for_unknown_users_too() {
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "3")]);
    add_user(&server, "alice", "Home", false, PASSWORD);
    let client = server.client();
    for attempt in 1..=3 {
        let resp = client.try_login("ghost", "whatever-password");
        assert_refused(&resp, 401, &format!("attempt {attempt}"));
    }
    let blocked = client.try_login("ghost", "whatever-password");
    assert_refused(&blocked, 429, "unknown user after 3 failures");
    assert!(blocked.header("retry-after").is_some());
}

#[test]
fn forms_without_a_valid_csrf_token_or_from_another_origin_are_refused() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let bob = server.user_client("bob", "Home", false);
    let list = alice.create_list("Weekly");
    let good = alice.csrf_token();
    let before = snapshot(&server);
    let path = format!("/lists/{list}/items");

    let missing = alice.post_form(&path, &[("text", "milk")]);
    assert_refused(&missing, 403, "no csrf_token");
    assert!(missing.message().contains("CSRF"), "{}", missing.message());
    assert!(
        missing
            .header("content-type")
            .unwrap()
            .contains("text/html")
    );

    let wrong = alice.post_form(&path, &[("csrf_token", "forged"), ("text", "milk")]);
    assert_refused(&wrong, 403, "wrong csrf_token");

    let bobs = bob.csrf_token();
    let borrowed = alice.post_form(&path, &[("csrf_token", &bobs), ("text", "milk")]);
    assert_refused(&borrowed, 403, "another session's token");

    let foreign = alice.post_form_with(
        &path,
        &[("csrf_token", &good), ("text", "milk")],
        &[("Origin", "http://evil.example")],
    );
    assert_refused(&foreign, 403, "foreign Origin");
    assert!(
        foreign.message().contains("Origin"),
        "{}",
        foreign.message()
    );

    let cross = alice.send(
        "POST",
        &path,
        &[("Sec-Fetch-Site", "cross-site")],
        Some((
            "application/x-www-form-urlencoded",
            form_encode(&[("csrf_token", &good), ("text", "milk")]).into_bytes(),
        )),
    );
    assert_refused(&cross, 403, "cross-site fetch without Origin");

    let logout = alice.post_form("/logout", &[]);
    assert_refused(&logout, 403, "logout without token");
    assert!(alice.logged_in(), "still logged in");
    let login = server
        .client()
        .post_form("/login", &[("username", "alice"), ("password", PASSWORD)]);
    assert_refused(&login, 403, "login without token");

    assert_eq!(snapshot(&server), before, "nothing changed");
    assert!(alice.items(list).is_empty());

    // The same form with its token goes through, with or without an Origin header.
    alice.add_items(list, "milk");
    let no_origin = alice.send(
        "POST",
        &path,
        &[],
        Some((
            "application/x-www-form-urlencoded",
            form_encode(&[("csrf_token", &good), ("text", "bread")]).into_bytes(),
        )),
    );
    assert_eq!(no_origin.status, 303, "{}", no_origin.describe());
    assert_eq!(alice.items(list).len(), 2);
}

#[test]
fn invites_are_single_use_and_admin_only() {
    let server = Server::start();
    let alice = server.user_client("alice", "The Smiths", true);

    // A bad role is refused and creates nothing.
    let bad = alice.submit("/household/invites", &[("role", "owner")]);
    assert_refused(&bad, 422, "unknown role");
    assert_eq!(db_count(&server, "SELECT count(*) FROM invites"), 0);

    let page = alice.submit("/household/invites", &[("role", "member")]);
    assert_eq!(page.status, 200, "{}", page.describe());
    let url = code_token(&page.body).expect("invite URL shown");
    let prefix = format!("{}/invite/", server.base_url());
    assert!(url.starts_with(&prefix), "{url}");
    let path = &url[server.base_url().len()..];

    // The invited person sees the household, and a taken username is refused.
    let carol = server.client();
    let join = carol.get(path);
    assert_eq!(join.status, 200);
    assert!(join.body.contains("The Smiths"));
    let taken = carol.submit(path, &[("username", "Alice"), ("password", PASSWORD)]);
    assert_refused(&taken, 422, "taken username");
    assert!(taken.body.contains(r#"value="Alice""#), "username kept");
    let weak = carol.submit(path, &[("username", "carol"), ("password", "password1")]);
    assert_refused(&weak, 422, "common password");
    assert!(weak.message().contains("common"), "{}", weak.message());
    assert_eq!(db_count(&server, "SELECT count(*) FROM users"), 1);

    // Joining logs in as a member of the household.
    let joined = carol.submit(path, &[("username", "carol"), ("password", PASSWORD)]);
    assert_eq!(joined.redirected(), "/");
    assert!(carol.logged_in());
    let household = carol.get("/household");
    assert!(household.body.contains("carol") && household.body.contains("alice"));
    assert!(
        !household.body.contains("/household/invites"),
        "members see no invite form"
    );

    // Single use: a used link says so (410; the wording is checked in error_pages).
    let dave = server.client();
    assert_refused(&dave.get(path), 410, "a used invite");
    let reuse = dave.submit(path, &[("username", "dave"), ("password", PASSWORD)]);
    assert_refused(&reuse, 410, "reusing an invite");
    assert_eq!(db_count(&server, "SELECT count(*) FROM users"), 2);

    // Members cannot invite.
    let refused = carol.submit("/household/invites", &[("role", "member")]);
    assert_refused(&refused, 403, "member creating an invite");
    assert!(code_token(&refused.body).is_none());
    assert_eq!(db_count(&server, "SELECT count(*) FROM invites"), 1);

    // A revoked invite is gone; an admin invite makes an admin.
    let second = alice.submit("/household/invites", &[("role", "member")]);
    let revoked_url = code_token(&second.body).unwrap();
    let ids = numbers_after(&second.body, "/household/invites/");
    assert_eq!(ids.len(), 1, "one pending invite");
    let carol_revokes = carol.submit(&format!("/household/invites/{}/revoke", ids[0]), &[]);
    assert_refused(&carol_revokes, 403, "member revoking");
    let revoke = alice.submit(&format!("/household/invites/{}/revoke", ids[0]), &[]);
    assert_eq!(revoke.redirected(), "/household");
    let revoked = server.client().get(&revoked_url[server.base_url().len()..]);
    assert_refused(&revoked, 404, "a revoked invite");
    let admin_invite = alice.submit("/household/invites", &[("role", "admin")]);
    let admin_url = code_token(&admin_invite.body).unwrap();
    let erin = server.client();
    let joined = erin.submit(
        &admin_url[server.base_url().len()..],
        &[("username", "erin"), ("password", PASSWORD)],
    );
    assert_eq!(joined.redirected(), "/");
    let made = erin.submit("/household/invites", &[("role", "member")]);
    assert_eq!(made.status, 200, "an invited admin can invite");
}

#[test]
fn admins_remove_members_and_reset_passwords() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let bob = server.user_client("bob", "Home", false);
    let bob_token = server.cli_token("bob", "phone");
    let api = server.client();
    assert_eq!(api.api_get("/api/v1/lists", &bob_token).status, 200);
    let bob_id = user_id(&server, "bob");
    let alice_id = user_id(&server, "alice");
    let page = alice.get("/household");
    assert_eq!(
        numbers_after(&page.body, "/household/members/")
            .into_iter()
            .filter(|id| *id == bob_id)
            .count(),
        2,
        "reset and remove forms for bob"
    );

    // Members cannot manage others; admins cannot remove themselves.
    let before = snapshot(&server);
    let r = bob.submit(&format!("/household/members/{alice_id}/remove"), &[]);
    assert_refused(&r, 403, "member removing admin");
    let r = bob.submit(
        &format!("/household/members/{alice_id}/password"),
        &[("password", "another-fine-password")],
    );
    assert_refused(&r, 403, "member resetting a password");
    let r = alice.submit(&format!("/household/members/{alice_id}/remove"), &[]);
    assert_refused(&r, 422, "removing oneself");
    let r = alice.submit(
        &format!("/household/members/{bob_id}/password"),
        &[("password", "short")],
    );
    assert_refused(&r, 422, "short reset password");
    assert_eq!(snapshot(&server), before);
    assert!(bob.logged_in());

    // A reset ends bob's sessions; the new password works, the old one not.
    let reset = alice.submit(
        &format!("/household/members/{bob_id}/password"),
        &[("password", "bobs-new-password")],
    );
    assert_eq!(reset.redirected(), "/household");
    assert!(!bob.logged_in(), "bob must log in again");
    assert_refused(&bob.try_login("bob", PASSWORD), 401, "old password");
    bob.login("bob", "bobs-new-password");

    // Removing bob ends his session and his API tokens.
    let removed = alice.submit(&format!("/household/members/{bob_id}/remove"), &[]);
    assert_eq!(removed.redirected(), "/household");
    assert!(!bob.logged_in(), "removed member is logged out");
    assert_problem(
        &api.api_get("/api/v1/lists", &bob_token),
        401,
        "removed member's token",
    );
    assert_refused(
        &bob.try_login("bob", "bobs-new-password"),
        401,
        "removed member logging in",
    );
    let flashed = alice.get("/household");
    assert!(
        flashed.body.contains("bob was removed"),
        "flash message shown"
    );
    assert!(!alice.get("/household").body.contains("bob"), "bob is gone");
    assert_eq!(db_count(&server, "SELECT count(*) FROM users"), 1);
}

#[test]
fn users_change_their_own_password() {
    let server = Server::start();
    let phone = server.user_client("alice", "Home", false);
    let laptop = server.client();
    laptop.login("alice", PASSWORD);
    let hash = password_hash(&server, "alice");

    let cases = [
        (
            "not-my-password",
            "a-brand-new-secret",
            "current password is wrong",
        ),
        (PASSWORD, "short", "too short"),
        (PASSWORD, "Password123", "common"),
        (PASSWORD, &"x".repeat(1025), "too long"),
    ];
    for (current, new, says) in cases {
        let r = phone.submit("/settings/password", &[("current", current), ("new", new)]);
        assert_refused(&r, 422, says);
        assert!(r.message().contains(says), "{says}: {}", r.message());
        assert_eq!(password_hash(&server, "alice"), hash, "unchanged ({says})");
    }
    assert!(laptop.logged_in());

    let ok = phone.submit(
        "/settings/password",
        &[("current", PASSWORD), ("new", "a-brand-new-secret")],
    );
    assert_eq!(ok.redirected(), "/settings");
    assert!(phone.logged_in(), "this device stays logged in");
    assert!(!laptop.logged_in(), "other devices are logged out");
    assert_refused(&laptop.try_login("alice", PASSWORD), 401, "old password");
    laptop.login("alice", "a-brand-new-secret");
}

#[test]
fn a_session_removed_or_a_list_changed_from_outside_shows_on_the_next_request() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", false);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups milk");
    let milk = alice.item_id(list, "milk");
    let path = format!("/lists/{list}");
    assert!(alice.get(&path).body.contains("milk"));

    // Nothing is kept in memory between requests: another process's change is on the
    // very next page, and a session it removes ends at once.
    write_from_outside(&server, |conn| {
        conn.execute("UPDATE items SET name = 'oat milk' WHERE id = ?1", [milk])
            .unwrap()
    });
    assert!(alice.get(&path).body.contains("oat milk"));
    write_from_outside(&server, |conn| {
        conn.execute("DELETE FROM sessions", []).unwrap()
    });
    let after = alice.get(&path);
    assert_eq!(after.status, 303, "{}", after.describe());
    assert!(
        after.redirected().starts_with("/login"),
        "{}",
        after.describe()
    );
}
