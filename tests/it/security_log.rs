//! The security log (issue 25): sign-ins with their method, address and outcome,
//! lockouts, password and token changes, invites, role changes and exports, each seen by
//! its household's admins and by instance admins, never by members or other households;
//! kept for `security_log_days` and carried by an admin's export.

use crate::common::*;

/// The entries of a security log page: each `<li>`'s visible text, tags dropped.
fn entries(html: &str) -> Vec<String> {
    let Some(list) = between(
        html,
        "<ol class=\"stack plain\" id=\"security-log\">",
        "</ol>",
    ) else {
        return Vec::new();
    };
    list.split("<li")
        .skip(1)
        .map(|li| {
            // After the tag's own `>`.
            let li = li.split_once('>').map_or("", |(_, rest)| rest);
            let mut text = String::new();
            let mut in_tag = false;
            for c in li.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            unescape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect()
}

fn has(entries: &[String], parts: &[&str]) -> bool {
    entries.iter().any(|e| parts.iter().all(|p| e.contains(p)))
}

#[test]
fn sign_ins_and_changes_are_logged_for_the_households_admins_only() {
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "3")]);
    add_user(&server, "anna", "Home", true, PASSWORD);
    let anna = server.client();
    // A wrong password, then the right one.
    let wrong = anna.try_login("anna", "not-the-password");
    assert_eq!(wrong.status, 401, "{}", wrong.describe());
    anna.login("anna", PASSWORD);
    let token = anna.submit("/settings/tokens", &[("name", "kitchen tablet")]);
    assert_eq!(token.status, 200, "{}", token.describe());
    let invite = anna.submit("/household/invites", &[("role", "member")]);
    assert_eq!(invite.status, 200, "{}", invite.describe());
    let bob = server.user_client("bob", "Home", false);
    let export = anna.get("/api/v1/export");
    assert_eq!(export.status, 200, "{}", export.describe());

    let page = anna.get("/household/security");
    assert_eq!(page.status, 200, "{}", page.describe());
    let log = entries(&page.body);
    assert!(
        has(
            &log,
            &["Sign-in", "failed", "anna", "with a password", "127.0.0.1"]
        ),
        "{log:#?}"
    );
    assert!(
        log.iter()
            .any(|e| e.starts_with("Sign-in · anna") && e.contains("127.0.0.1")),
        "the successful sign-in: {log:#?}"
    );
    assert!(
        page.body.contains("Entries are kept for 365 days."),
        "{}",
        page.body
    );
    assert!(
        has(&log, &["API token created", "anna", "kitchen tablet"]),
        "{log:#?}"
    );
    assert!(
        has(&log, &["Invite link made", "anna", "member"]),
        "{log:#?}"
    );
    assert!(
        has(
            &log,
            &[
                "Joined the household",
                "bob",
                "on the server's command line"
            ]
        ),
        "{log:#?}"
    );
    assert!(has(&log, &["Household exported", "anna"]), "{log:#?}");
    assert!(
        log[0].starts_with("Household exported"),
        "newest first: {log:#?}"
    );
    assert!(
        anna.get("/household")
            .body
            .contains("href=\"/household/security\"")
    );

    // A member sees neither the page nor the link; another household's admin sees only
    // their own household's entries.
    let refused = bob.get("/household/security");
    assert_eq!(refused.status, 403, "{}", refused.describe());
    let members_export = bob.get("/api/v1/export").json();
    assert_eq!(
        members_export["security_log"],
        serde_json::json!([]),
        "a member's export"
    );
    assert!(!bob.get("/household").body.contains("/household/security"));
    let carl = server.user_client("carl", "Other", true);
    let theirs = entries(&carl.get("/household/security").body);
    assert!(theirs.iter().all(|e| !e.contains("anna")), "{theirs:#?}");
    assert!(has(&theirs, &["Sign-in", "carl"]), "{theirs:#?}");
    let not_admin = carl.get("/admin/security");
    assert_eq!(not_admin.status, 403, "{}", not_admin.describe());
}

#[test]
fn lockouts_unknown_names_and_role_changes_reach_the_instance_admin() {
    // Every client here comes from 127.0.0.1: three failures use up the address.
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "3")]);
    let dir = server.data_dir();
    let dir = dir.to_str().expect("utf-8 path");
    let (status, _, err) = run_cli(
        &[
            "user",
            "add",
            "--data-dir",
            dir,
            "--username",
            "root",
            "--household",
            "Ops",
            "--admin",
            "--instance-admin",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert!(status.success(), "{err}");
    let root = server.client();
    root.login("root", PASSWORD);
    let hana = server.user_client("hana", "Home", true);
    add_user(&server, "anna", "Home", false, PASSWORD);

    let guesser = server.client();
    assert_eq!(guesser.try_login("nobody", "guess").status, 401);
    assert_eq!(guesser.try_login("anna", "guess").status, 401);
    // The third failure uses up the address's attempts: a lockout as well.
    assert_eq!(guesser.try_login("anna", "guess").status, 401);
    assert_eq!(
        guesser.try_login("anna", PASSWORD).status,
        429,
        "locked out"
    );
    let anna = user_id(&server, "anna");
    let granted = root.submit(&format!("/admin/users/{anna}/grant"), &[]);
    assert_eq!(granted.status, 303, "{}", granted.describe());

    let log = entries(&root.get("/admin/security").body);
    assert!(
        has(
            &log,
            &[
                "Locked out",
                "anna",
                "Home",
                "this address used up its attempts"
            ]
        ),
        "{log:#?}"
    );
    let failed_for_anna = log
        .iter()
        .filter(|e| e.starts_with("Sign-in · failed · anna"))
        .count();
    assert_eq!(
        failed_for_anna, 2,
        "a refused attempt is no sign-in: {log:#?}"
    );
    assert!(
        has(&log, &["Sign-in", "failed", "nobody", "no household"]),
        "{log:#?}"
    );
    assert!(
        has(
            &log,
            &[
                "Role changed",
                "anna",
                "by root",
                "instance admin role given"
            ]
        ),
        "{log:#?}"
    );
    assert!(root.get("/admin").body.contains("href=\"/admin/security\""));
    // Home's admin sees anna's lockout, not the unknown name nor the instance's grants.
    let home = entries(&hana.get("/household/security").body);
    assert!(has(&home, &["Locked out", "anna"]), "{home:#?}");
    assert!(home.iter().all(|e| !e.contains("nobody")), "{home:#?}");
    assert!(
        home.iter().all(|e| !e.contains("Role changed")),
        "{home:#?}"
    );
}

#[test]
fn the_log_cannot_be_changed_travels_with_an_export_and_is_kept_for_its_days() {
    let server = Server::start();
    let anna = server.user_client("anna", "Home", true);
    let kept = db_count(&server, "SELECT count(*) FROM security_log");
    assert!(kept >= 2, "a join and a sign-in: {kept}");
    let changed = write_from_outside(&server, |c| {
        c.execute("UPDATE security_log SET success = 1 - success", [])
            .map_err(|e| e.to_string())
    });
    assert!(
        changed.is_err_and(|e| e.contains("append-only")),
        "an entry was changed"
    );

    // An admin's export carries the log; importing it adds the entries to another
    // household, marked as imported.
    let doc = anna.get("/api/v1/export").json();
    assert_eq!(doc["version"], 4);
    let exported = doc["security_log"].as_array().expect("the log").clone();
    assert!(
        exported
            .iter()
            .any(|e| e["event"] == "login" && e["username"] == "anna"),
        "{exported:#?}"
    );
    let ben = server.user_client("ben", "Away", true);
    let token = server.cli_token("ben", "import");
    let imported = ben.api_post_json("/api/v1/import", &token, &doc);
    assert_eq!(imported.status, 201, "{}", imported.describe());
    assert_eq!(imported.json()["security_log"], exported.len());
    let away = entries(&ben.get("/household/security").body);
    assert!(
        has(&away, &["Sign-in", "anna", "imported from another server"]),
        "{away:#?}"
    );

    // What a household's log cannot hold refuses the whole import: an unknown event, an
    // event of the instance, a time to come, something that is no address.
    let logged = "SELECT count(*) FROM security_log";
    let lists = "SELECT count(*) FROM lists";
    let (before_log, before_lists) = (db_count(&server, logged), db_count(&server, lists));
    let future = 4_102_444_800_000_i64; // 2100-01-01
    for (field, value, said) in [
        ("event", serde_json::json!("teleport"), "teleport"),
        (
            "event",
            serde_json::json!("restore"),
            "logged by the instance",
        ),
        ("at_ms", serde_json::json!(future), "the time"),
        (
            "address",
            serde_json::json!("the moon"),
            "not an IP address",
        ),
        ("method", serde_json::json!("telepathy"), "telepathy"),
    ] {
        let mut bad = doc.clone();
        bad["security_log"][0][field] = value;
        let refused = ben.api_post_json("/api/v1/import", &token, &bad);
        assert_problem(&refused, 422, field);
        assert!(
            refused.message().contains(said),
            "{field}: {}",
            refused.message()
        );
    }
    assert_eq!(db_count(&server, logged), before_log, "no entry added");
    assert_eq!(db_count(&server, lists), before_lists, "no list added");

    // An entry older than `security_log_days` goes at the next cleanup; younger ones stay.
    let mut old = doc.clone();
    let forty_days_ago = now_ms() - 40 * 86_400_000;
    old["security_log"] = serde_json::json!([{
        "at_ms": forty_days_ago, "event": "login", "username": "olga", "by": null,
        "method": "password", "address": "192.0.2.9", "success": false, "detail": null
    }]);
    let resp = ben.api_post_json("/api/v1/import", &token, &old);
    assert_eq!(resp.status, 201, "{}", resp.describe());
    let olga = "SELECT count(*) FROM security_log WHERE username = 'olga'";
    assert_eq!(db_count(&server, olga), 1);
    let (status, out, err) = run_cli(
        &[
            "jobs",
            "run",
            "cleanup",
            "--security-log-days",
            "30",
            "--data-dir",
            server.data_dir().to_str().expect("utf-8 path"),
        ],
        None,
    );
    assert!(status.success(), "{err}");
    assert!(out.contains("1 old security log entr"), "{out}");
    assert_eq!(db_count(&server, olga), 0, "older than 30 days");
    let anna_entries = "SELECT count(*) FROM security_log WHERE username = 'anna'";
    assert!(db_count(&server, anna_entries) > 0, "younger entries stay");
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

#[test]
fn a_long_log_pages_from_the_newest_back() {
    let server = Server::start();
    let anna = server.user_client("anna", "Home", true);
    let household: i64 = db_count(&server, "SELECT id FROM households WHERE name = 'Home'");
    write_from_outside(&server, |c| {
        for n in 0..150 {
            c.execute(
                "INSERT INTO security_log (household_id, username, event, success, at_ms)
                 VALUES (?1, ?2, 'export', 1, ?3)",
                rusqlite::params![household, format!("user{n}"), n],
            )
            .expect("insert");
        }
    });
    let first = anna.get("/household/security");
    let shown = entries(&first.body);
    assert_eq!(shown.len(), 100, "a page of 100");
    let older = between(&first.body, "<p><a href=\"", "\">")
        .filter(|href| href.starts_with("/household/security?before="))
        .expect("a link to older entries")
        .to_string();
    let rest = entries(&anna.get(&older).body);
    // 150 inserted, plus anna's join and sign-in, logged before them.
    assert_eq!(rest.len(), 52, "{rest:#?}");
    assert!(rest.iter().any(|e| e.contains("user0")), "{rest:#?}");
    assert!(shown.iter().all(|e| !rest.contains(e)), "no entry twice");
}

/// The log's rows as `event success username actor detail`, oldest first.
fn logged(server: &Server) -> Vec<String> {
    let conn = sqlite(server);
    let mut stmt = conn
        .prepare(
            "SELECT event, success, username, coalesce(actor, '-'), coalesce(detail, '-')
             FROM security_log ORDER BY id",
        )
        .expect("prepare");
    stmt.query_map([], |r| {
        Ok(format!(
            "{} {} {} {} {}",
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?
        ))
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

#[test]
fn changes_to_passwords_tokens_invites_members_and_households_are_logged() {
    let server = Server::start();
    let anna = server.user_client("anna", "Home", true);
    let ben = server.user_client("ben", "Home", false);
    add_user(&server, "cleo", "Home", false, PASSWORD);
    let mut expected = Vec::new();

    // A wrong current password is logged as a failed change; the right one with the tokens
    // it revoked.
    let change = |current: &str| {
        ben.submit(
            "/settings/password",
            &[
                ("current", current),
                ("new", "another-basket-43"),
                ("end_tokens", "true"),
                ("tokens_offered", "true"),
            ],
        )
    };
    assert_eq!(change("wrong-password-1").status, 422);
    expected.push("password_change 0 ben - -");
    assert_eq!(change(PASSWORD).status, 303);
    expected.push("password_change 1 ben - 0");

    let token = anna.submit("/settings/tokens", &[("name", "tablet")]);
    assert_eq!(token.status, 200, "{}", token.describe());
    let id = db_count(&server, "SELECT id FROM api_tokens WHERE name = 'tablet'");
    let revoked = anna.submit(&format!("/settings/tokens/{id}/revoke"), &[]);
    assert_eq!(revoked.status, 303, "{}", revoked.describe());
    expected.push("token_create 1 anna - tablet");
    expected.push("token_revoke 1 anna - tablet");

    assert_eq!(
        anna.submit("/household/invites", &[("role", "admin")])
            .status,
        200
    );
    let invite = db_count(&server, "SELECT max(id) FROM invites");
    let withdrawn = anna.submit(&format!("/household/invites/{invite}/revoke"), &[]);
    assert_eq!(withdrawn.status, 303, "{}", withdrawn.describe());
    expected.push("invite_create 1 anna - admin");
    expected.push("invite_revoke 1 anna - -");

    let cleo_id = user_id(&server, "cleo");
    let reset = anna.submit(
        &format!("/household/members/{cleo_id}/password"),
        &[("password", "fresh-basket-44")],
    );
    assert_eq!(reset.status, 303, "{}", reset.describe());
    expected.push("password_reset 1 cleo anna 0");
    let removed = anna.submit(&format!("/household/members/{cleo_id}/remove"), &[]);
    assert_eq!(removed.status, 303, "{}", removed.describe());
    expected.push("member_remove 1 cleo anna -");

    // Deleting an account: a wrong password is logged and changes nothing.
    let wrong = ben.submit("/settings/delete", &[("confirm", "wrong-password-1")]);
    assert_eq!(wrong.status, 422, "{}", wrong.describe());
    assert!(user_id(&server, "ben") > 0);
    expected.push("account_delete 0 ben - -");
    let gone = ben.submit("/settings/delete", &[("confirm", "another-basket-43")]);
    assert_eq!(gone.status, 303, "{}", gone.describe());
    expected.push("account_delete 1 ben - -");

    let log = logged(&server);
    let mut rest = log.iter();
    for entry in &expected {
        assert!(
            rest.any(|l| l == entry),
            "`{entry}` missing or out of order in {log:#?}"
        );
    }
    // The member's ids went with the account; the names stay.
    let ids = "SELECT count(*) FROM security_log WHERE username = 'cleo' AND user_id IS NOT NULL";
    assert_eq!(db_count(&server, ids), 0);

    // Deleting the household takes its log; the instance's keeps that it happened.
    let deleted = anna.submit("/household/delete", &[("confirm", "Home")]);
    assert_eq!(deleted.status, 303, "{}", deleted.describe());
    let left = logged(&server);
    assert!(left.iter().all(|l| !l.contains(" ben ")), "{left:#?}");
    assert!(
        left.iter().any(|l| l == "household_delete 1 anna - Home"),
        "{left:#?}"
    );
}

#[test]
fn setup_and_backup_downloads_are_logged() {
    let server = Server::start();
    let token = server.setup_token();
    let anna = server.client();
    let set_up = anna.submit(
        "/setup",
        &[
            ("token", token.as_str()),
            ("household", "Home"),
            ("currency", "EUR"),
            ("username", "anna"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(set_up.redirected(), "/", "{}", set_up.describe());
    let dir = server.data_dir();
    let (status, _, err) = run_cli(&["backup", "--data-dir", dir.to_str().unwrap()], None);
    assert!(status.success(), "{err}");
    let backup = std::fs::read_dir(dir.join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.ends_with(".db"))
        .expect("a backup file");
    let download = anna.get(&format!("/admin/backups/{backup}"));
    assert_eq!(download.status, 200, "{}", download.describe());

    let household = entries(&anna.get("/household/security").body);
    assert!(
        has(&household, &["Household set up", "anna", "127.0.0.1"]),
        "{household:#?}"
    );
    // The backup holds every household: only the instance's log has it.
    assert!(!has(&household, &["Backup of the whole server downloaded"]));
    let instance = entries(&anna.get("/admin/security").body);
    assert!(
        has(
            &instance,
            &["Backup of the whole server downloaded", "anna", &backup]
        ),
        "{instance:#?}"
    );
}
