//! Privilege hardening (issue 18), against the real binary over HTTP:
//! - instance administration (the admin page, every household's backups, run-now) is a
//!   stored role, never "the admins of the lowest-id household", and the last holder stays;
//! - API tokens end with an admin's password reset, and with your own password change
//!   unless you keep them.

use crate::common::*;

/// The usernames holding the instance admin role, sorted.
fn instance_admins(server: &Server) -> Vec<String> {
    let conn = sqlite(server);
    let mut stmt = conn
        .prepare("SELECT username FROM users WHERE instance_admin = 1 ORDER BY username")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn job_runs(server: &Server) -> i64 {
    db_count(server, "SELECT count(*) FROM job_runs")
}

/// First-run setup through /setup: the household and its admin, logged in.
fn set_up(server: &Server, household: &str, username: &str) -> Client {
    let token = server.setup_token();
    let client = server.client();
    let done = client.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", household),
            ("username", username),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(done.redirected(), "/");
    client
}

/// `aisle user add` with extra flags; returns its stdout.
fn cli_user_add(server: &Server, username: &str, household: &str, flags: &[&str]) -> String {
    let dir = server.data_dir();
    let mut args = vec![
        "user",
        "add",
        "--data-dir",
        dir.to_str().unwrap(),
        "--username",
        username,
        "--household",
        household,
        "--password-stdin",
    ];
    args.extend_from_slice(flags);
    let (status, out, err) = run_cli(&args, Some(&format!("{PASSWORD}\n")));
    assert!(status.success(), "user add {username}: {err}");
    out
}

/// A verified backup in the backup directory (made by `aisle backup`); its file name.
fn make_backup(server: &Server) -> String {
    let dir = server.data_dir();
    let (status, _, err) = run_cli(&["backup", "--data-dir", dir.to_str().unwrap()], None);
    assert!(status.success(), "{err}");
    std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.ends_with(".db"))
        .expect("a backup file")
}

/// Everything an outsider to the role must not reach answers 403 with a sentence and
/// changes nothing: the page, a backup download, run-now, and granting themselves the role.
fn assert_shut_out(server: &Server, client: &Client, backup: &str, who: &str) {
    let runs = job_runs(server);
    let admins = instance_admins(server);
    assert_refused(&client.get("/admin"), 403, &format!("{who}: /admin"));
    let download = client.get(&format!("/admin/backups/{backup}"));
    assert_refused(&download, 403, &format!("{who}: backup download"));
    assert!(
        !download.body.starts_with("SQLite format 3"),
        "{who} got the backup"
    );
    for job in ["backup", "cleanup"] {
        let run = client.submit(&format!("/admin/jobs/{job}/run"), &[]);
        assert_refused(&run, 403, &format!("{who}: run {job} now"));
    }
    let me = user_id(server, who);
    let grant = client.submit(&format!("/admin/users/{me}/grant"), &[]);
    assert_refused(&grant, 403, &format!("{who}: granting themselves"));
    assert_eq!(job_runs(server), runs, "{who}: a refused run-now ran");
    assert_eq!(instance_admins(server), admins, "{who}: the role moved");
    assert!(
        !client.get("/household").body.contains(r#"href="/admin""#),
        "{who} is shown the admin link"
    );
}

#[test]
fn another_households_admin_does_not_inherit_the_admin_page() {
    let server = Server::start();
    let anna = set_up(&server, "Smiths", "anna");
    assert_eq!(
        instance_admins(&server),
        ["anna"],
        "the setup account holds the role"
    );
    let joe = server.user_client("joe", "Joneses", true);
    let carl = server.user_client("carl", "Ops", true);
    let backup = make_backup(&server);

    // Household admins of other households are not instance admins.
    assert_shut_out(&server, &joe, &backup, "joe");
    assert_shut_out(&server, &carl, &backup, "carl");

    // The instance admin sees every household's accounts and grants carl the role.
    let page = anna.get("/admin");
    assert_eq!(page.status, 200, "{}", page.describe());
    for shown in ["joe", "Joneses", "carl", "Ops", "Smiths"] {
        assert!(page.body.contains(shown), "{shown} not on the admin page");
    }
    let carl_id = user_id(&server, "carl");
    let granted = anna.submit(&format!("/admin/users/{carl_id}/grant"), &[]);
    assert_eq!(granted.redirected(), "/admin");
    assert!(
        anna.get("/admin")
            .body
            .contains("carl is now an instance admin")
    );
    assert_eq!(instance_admins(&server), ["anna", "carl"]);

    // The first household goes; joe's household now has the lowest id.
    let deleted = anna.submit("/household/delete", &[("confirm", "Smiths")]);
    assert_eq!(deleted.status, 303, "{}", deleted.describe());
    let lowest: i64 = db_count(&server, "SELECT min(id) FROM households");
    assert_eq!(
        lowest,
        user_household(&server, "joe"),
        "joe's household is first now"
    );
    assert_eq!(instance_admins(&server), ["carl"]);

    // joe inherits nothing: not the page, not the backups, not run-now.
    assert_shut_out(&server, &joe, &backup, "joe");

    // carl, granted, runs the server.
    let page = carl.get("/admin");
    assert_eq!(page.status, 200, "{}", page.describe());
    assert!(carl.get("/household").body.contains(r#"href="/admin""#));
    let download = carl.get(&format!("/admin/backups/{backup}"));
    assert_eq!(download.status, 200, "{}", download.describe());
    let runs = job_runs(&server);
    let run = carl.submit("/admin/jobs/cleanup/run", &[]);
    assert_eq!(run.redirected(), "/admin");
    assert_eq!(job_runs(&server), runs + 1);
}

fn user_household(server: &Server, username: &str) -> i64 {
    sqlite(server)
        .query_row(
            "SELECT household_id FROM users WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_last_instance_admin_cannot_be_removed() {
    let server = Server::start();
    let anna = set_up(&server, "Smiths", "anna");
    let bob = server.user_client("bob", "Smiths", true); // a household admin only
    let _ben = server.user_client("ben", "Smiths", false);
    let zoe = server.user_client("zoe", "Joneses", true);
    let anna_id = user_id(&server, "anna");
    let bob_id = user_id(&server, "bob");
    let before = snapshot(&server);

    // Revoking, deleting the account, removing her, deleting her household: all refused,
    // with a sentence saying what to do, and nothing changes.
    let says = |resp: &Resp, what: &str| {
        assert_refused(resp, 409, what);
        let message = resp.message();
        assert!(
            message.contains("without an instance admin")
                && message.contains("make someone else an instance admin"),
            "{what}: {message}"
        );
    };
    says(
        &anna.submit(&format!("/admin/users/{anna_id}/revoke"), &[]),
        "revoking the last one",
    );
    says(
        &anna.submit("/settings/delete", &[("confirm", PASSWORD)]),
        "the last one deleting her account",
    );
    // A household admin without the role may not remove her at all.
    let removed = bob.submit(&format!("/household/members/{anna_id}/remove"), &[]);
    assert_refused(
        &removed,
        403,
        "a household admin removing an instance admin",
    );
    assert!(
        removed
            .message()
            .contains("only an instance admin can remove them"),
        "{}",
        removed.message()
    );
    let resp = anna.submit("/household/delete", &[("confirm", "Smiths")]);
    says(&resp, "deleting the last one's household");
    assert!(
        resp.body.contains(r#"name="confirm""#),
        "the form is shown again"
    );
    // Someone without the role cannot take it from her either.
    assert_refused(
        &zoe.submit(&format!("/admin/users/{anna_id}/revoke"), &[]),
        403,
        "an outsider revoking",
    );
    assert_eq!(snapshot(&server), before);
    assert_eq!(instance_admins(&server), ["anna"]);
    assert!(anna.logged_in() && anna.get("/admin").status == 200);

    // Once bob holds it too, anna may give it up (and the page is no longer hers)…
    assert_eq!(
        anna.submit(&format!("/admin/users/{bob_id}/grant"), &[])
            .redirected(),
        "/admin"
    );
    let gave_up = anna.submit(&format!("/admin/users/{anna_id}/revoke"), &[]);
    assert_eq!(gave_up.redirected(), "/");
    assert_eq!(instance_admins(&server), ["bob"]);
    assert_refused(&anna.get("/admin"), 403, "anna after giving it up");
    assert_eq!(bob.get("/admin").status, 200);
    // …and bob, now the last one, cannot.
    let before = snapshot(&server);
    says(
        &bob.submit(&format!("/admin/users/{bob_id}/revoke"), &[]),
        "bob revoking himself",
    );
    assert_eq!(instance_admins(&server), ["bob"]);
    assert_eq!(snapshot(&server), before);
    // anna (no longer holding it) can now leave: bob remains.
    let left = anna.submit("/settings/delete", &[("confirm", PASSWORD)]);
    assert_eq!(left.redirected(), "/login");
    assert_eq!(instance_admins(&server), ["bob"]);
}

#[test]
fn cli_instance_admin_flag_grants_the_role_and_nothing_is_inferred() {
    let server = Server::start();
    // eve's household comes first; under the old rule she would have been the instance admin.
    let out = cli_user_add(&server, "eve", "Aaa", &["--admin"]);
    assert!(!out.contains("instance admin"), "{out}");
    let out = cli_user_add(&server, "dana", "Ops", &["--admin", "--instance-admin"]);
    assert!(out.contains("(instance admin)"), "{out}");
    let out = cli_user_add(&server, "finn", "Ops", &["--instance-admin"]);
    assert!(out.contains("created member `finn`"), "{out}");
    assert_eq!(instance_admins(&server), ["dana", "finn"]);

    let backup = make_backup(&server);
    let eve = server.client();
    eve.login("eve", PASSWORD);
    assert_shut_out(&server, &eve, &backup, "eve");
    for who in ["dana", "finn"] {
        let client = server.client();
        client.login(who, PASSWORD);
        let page = client.get("/admin");
        assert_eq!(page.status, 200, "{who}: {}", page.describe());
        assert!(page.body.contains("eve"), "{who} sees every account");
        let download = client.get(&format!("/admin/backups/{backup}"));
        assert_eq!(download.status, 200, "{who}: {}", download.describe());
    }
}

/// A logged-in user with `n` API tokens made on the settings page.
fn tokens_for(client: &Client, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let page = client.submit("/settings/tokens", &[("name", &format!("script {i}"))]);
            assert_eq!(page.status, 200, "{}", page.describe());
            code_token(&page.body).expect("the new token is shown once")
        })
        .collect()
}

fn assert_tokens(server: &Server, tokens: &[String], status: u16, context: &str) {
    let api = server.client();
    for token in tokens {
        let resp = api.api_get("/api/v1/lists", token);
        assert_eq!(resp.status, status, "{context}: {}", resp.describe());
        if status == 401 {
            assert_problem(&resp, 401, context);
        }
    }
}

#[test]
fn a_household_admin_cannot_take_over_an_instance_admins_account() {
    // anna set up the server; bob is a fellow admin of her household without the role. A
    // reset of her password would let him log in as her and take the admin page.
    let server = Server::start();
    let anna = set_up(&server, "Smiths", "anna");
    cli_user_add(&server, "bob", "Smiths", &["--admin"]);
    let bob = server.client();
    bob.login("bob", PASSWORD);
    let anna_id = user_id(&server, "anna");
    let before = snapshot(&server);
    let says = |resp: &Resp, what: &str, action: &str| {
        assert_refused(resp, 403, what);
        let message = resp.message();
        assert!(
            message.contains(&format!(
                "anna is an instance admin, so only an instance admin can {action}"
            )),
            "{what}: {message}"
        );
    };
    says(
        &bob.submit(
            &format!("/household/members/{anna_id}/password"),
            &[("password", "bob-knows-this-one")],
        ),
        "resetting her password",
        "reset their password",
    );
    says(
        &bob.submit(&format!("/household/members/{anna_id}/remove"), &[]),
        "removing her",
        "remove them",
    );
    says(
        &bob.submit("/household/delete", &[("confirm", "Smiths")]),
        "deleting her household",
        "delete a household with their account in it",
    );
    assert_eq!(snapshot(&server), before, "a refusal changed something");
    assert!(anna.logged_in(), "anna's session survived");
    let thief = server.client();
    let tried = thief.submit(
        "/login",
        &[("username", "anna"), ("password", "bob-knows-this-one")],
    );
    assert_eq!(tried.status, 401, "{}", tried.describe());

    // Another instance admin may reset it.
    let bob_id = user_id(&server, "bob");
    let granted = anna.submit(&format!("/admin/users/{bob_id}/grant"), &[]);
    assert_eq!(granted.redirected(), "/admin");
    let reset = bob.submit(
        &format!("/household/members/{anna_id}/password"),
        &[("password", "a-new-password-for-anna")],
    );
    assert_eq!(reset.redirected(), "/household");
    assert!(!anna.logged_in(), "the reset ends anna's sessions");
}

#[test]
fn an_admins_password_reset_ends_the_members_api_tokens() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let bob = server.user_client("bob", "Home", false);
    let bobs = tokens_for(&bob, 2);
    let alices = tokens_for(&alice, 1);
    assert_tokens(&server, &bobs, 200, "bob's tokens before");
    let bob_id = user_id(&server, "bob");

    // A refused reset changes nothing: the tokens keep working.
    let before = snapshot(&server);
    let short = alice.submit(
        &format!("/household/members/{bob_id}/password"),
        &[("password", "short")],
    );
    assert_refused(&short, 422, "a short reset password");
    assert_eq!(snapshot(&server), before);
    assert_tokens(&server, &bobs, 200, "after a refused reset");

    let reset = alice.submit(
        &format!("/household/members/{bob_id}/password"),
        &[("password", "bobs-new-password")],
    );
    assert_eq!(reset.redirected(), "/household");
    assert_tokens(&server, &bobs, 401, "bob's tokens after the reset");
    let page = alice.get("/household");
    assert!(
        page.body
            .contains("they must log in again, and their 2 API tokens were revoked."),
        "{}",
        page.describe()
    );
    assert_tokens(&server, &alices, 200, "the admin's own token");
    assert!(!bob.logged_in());
    assert_eq!(
        db_count(
            &server,
            &format!("SELECT count(*) FROM api_tokens WHERE user_id = {bob_id}")
        ),
        0
    );
}

#[test]
fn changing_your_password_ends_your_tokens_unless_you_keep_them() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", false);
    let bob = server.user_client("bob", "Home", false);
    let bobs = tokens_for(&bob, 1);
    let mine = tokens_for(&alice, 2);
    let change = |current: &str, new: &str, extra: &[(&str, &str)]| {
        let mut fields = vec![("current", current), ("new", new)];
        fields.extend_from_slice(extra);
        alice.submit("/settings/password", &fields)
    };
    let ticked = [("tokens_offered", "true"), ("end_tokens", "true")];
    let unticked = [("tokens_offered", "true")];

    // A wrong current password changes nothing, even with the box ticked.
    let before = snapshot(&server);
    let wrong = change("not-my-password", "a-brand-new-secret", &ticked);
    assert_refused(&wrong, 422, "a wrong current password");
    assert_eq!(snapshot(&server), before);
    assert_tokens(&server, &mine, 200, "after a refused change");

    // Ticked (the default): they end, and the page says how many.
    let ended = change(PASSWORD, "a-brand-new-secret", &ticked);
    assert_eq!(ended.redirected(), "/settings");
    assert_tokens(&server, &mine, 401, "box ticked");
    let page = alice.get("/settings");
    assert!(
        page.body.contains(
            "Password changed. Other devices were logged out, and your 2 API tokens were revoked."
        ),
        "{}",
        page.describe()
    );
    assert_tokens(&server, &bobs, 200, "another member's token");
    assert!(alice.logged_in(), "this device stays logged in");

    // Unticked: they survive, and the page says so.
    let kept_tokens = tokens_for(&alice, 2);
    let kept = change("a-brand-new-secret", "another-new-secret", &unticked);
    assert_eq!(kept.redirected(), "/settings");
    assert_tokens(&server, &kept_tokens, 200, "box unticked");
    let page = alice.get("/settings");
    assert!(
        page.body.contains("Your 2 API tokens still work."),
        "{}",
        page.describe()
    );

    // A client that never saw the choice (a script posting the old form) gets the safe
    // default: the tokens end.
    let plain = change("another-new-secret", "a-third-new-secret", &[]);
    assert_eq!(plain.redirected(), "/settings");
    assert_tokens(&server, &kept_tokens, 401, "no choice offered");
    let page = alice.get("/settings");
    assert!(page.body.contains("and your 2 API tokens were revoked."));

    // The page offers the choice, ticked.
    let checkbox = between(&page.body, r#"name="end_tokens""#, ">").unwrap_or_default();
    assert!(checkbox.contains("checked"), "{}", page.body);
    assert!(page.body.contains(r#"name="tokens_offered""#));
}
