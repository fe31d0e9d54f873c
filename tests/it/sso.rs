//! Single sign-on (issue 25) against a real OpenID Connect provider (npm `oidc-provider`,
//! started on loopback by `common::oidc`): who a sign-in finds (a link, an admin's email
//! the provider vouches for, a new member of the chosen household, nobody), linking from
//! Settings, and what a replayed, forged, late or refused way back gets: a sentence, no
//! session, nothing linked.

use crate::common::oidc::{Provider, sign_in_at_provider};
use crate::common::*;

const CLIENT: &str = "aisle";
const SECRET: &str = "a-test-client-secret";

fn provider() -> Provider {
    provider_with(&[])
}

fn provider_with(options: &[(&str, &str)]) -> Provider {
    let accounts = serde_json::json!({
        "bob-at-idp": {"email": "bob@example.org", "email_verified": true,
                       "name": "Bob B", "preferred_username": "bobby"},
        "mallory": {"email": "bob@example.org", "email_verified": false,
                    "preferred_username": "mallory"},
        "carl": {"email": "carl@example.org", "email_verified": true,
                 "preferred_username": "carl"},
        "anna-at-idp": {"email": "anna@example.org", "email_verified": true,
                        "preferred_username": "anna"},
    });
    Provider::start_with(CLIENT, SECRET, &accounts, options)
}

fn server_for(provider: &Provider, extra: &[(&str, &str)]) -> Server {
    let mut env = vec![
        ("AISLE_OIDC_ISSUER", provider.issuer.as_str()),
        ("AISLE_OIDC_CLIENT_ID", CLIENT),
        ("AISLE_OIDC_CLIENT_SECRET", SECRET),
        ("AISLE_OIDC_NAME", "Authelia"),
    ];
    env.extend_from_slice(extra);
    Server::start_with(&env)
}

/// The path and query of one of the server's own URLs.
fn local(server: &Server, url: &str) -> String {
    url.strip_prefix(&server.base_url())
        .unwrap_or_else(|| panic!("not the server's address: {url}"))
        .to_string()
}

/// `client` presses the login page's button and signs in at the provider as `login`: the
/// way back, not yet followed.
fn to_provider_and_back(server: &Server, client: &Client, login: &str) -> String {
    let go = client.get("/login/sso");
    assert_eq!(go.status, 303, "{}", go.describe());
    assert!(client.cookie("aisle_sso").is_some(), "no flow cookie");
    let at = go
        .location()
        .expect("a redirect to the provider")
        .to_string();
    for part in [
        "code_challenge_method=S256",
        "state=",
        "nonce=",
        "scope=openid",
    ] {
        assert!(at.contains(part), "{part} missing from {at}");
    }
    local(server, &sign_in_at_provider(&at, login))
}

/// A whole sign-in as `login`: the callback's answer.
fn sso_sign_in(server: &Server, client: &Client, login: &str) -> Resp {
    let back = to_provider_and_back(server, client, login);
    client.get(&back)
}

/// A security log row: household, username, method, success, detail.
type LogRow = (Option<i64>, String, Option<String>, i64, Option<String>);

fn log_rows(server: &Server, event: &str) -> Vec<LogRow> {
    let conn = sqlite(server);
    let mut stmt = conn
        .prepare(
            "SELECT household_id, username, method, success, detail FROM security_log
             WHERE event = ?1 ORDER BY id",
        )
        .unwrap();
    stmt.query_map([event], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn a_sign_in_finds_the_linked_account_or_the_email_an_admin_gave() {
    let idp = provider();
    let server = server_for(&idp, &[]);
    let admin = server.user_client("admin", "Home", true);
    add_user(&server, "bob", "Home", false, PASSWORD);
    let login = server.client().get("/login").body;
    assert!(login.contains("Log in with Authelia"), "{login}");

    // Nobody has this identity: refused with the way on, nothing made, the failure logged.
    let carl = server.client();
    let refused = sso_sign_in(&server, &carl, "carl");
    assert_eq!(refused.status, 403, "{}", refused.describe());
    assert!(
        refused.message().contains("no account here is linked"),
        "{}",
        refused.message()
    );
    assert!(carl.cookie("aisle_session").is_none());
    assert!(
        carl.cookie("aisle_sso").is_none(),
        "the flow cookie outlived its use"
    );
    assert_eq!(db_count(&server, "SELECT count(*) FROM users"), 2);
    let failed = log_rows(&server, "login");
    let last = failed.last().unwrap();
    assert_eq!(
        (last.0, last.1.as_str(), last.2.as_deref(), last.3),
        (None, "carl", Some("sso"), 0)
    );

    // The admin gives Bob his email; an unverified claim to it links nothing.
    let bob_id = user_id(&server, "bob");
    let path = format!("/household/members/{bob_id}/sso");
    let given = admin.submit(&path, &[("email", "Bob@Example.org")]);
    assert_eq!(given.redirected(), "/household", "{}", given.describe());
    let mallory = server.client();
    assert_eq!(sso_sign_in(&server, &mallory, "mallory").status, 403);
    assert_eq!(db_count(&server, "SELECT count(*) FROM sso_links"), 0);

    // The provider vouches for it: Bob is signed in, and linked by the provider's subject.
    let bob = server.client();
    let back = to_provider_and_back(&server, &bob, "bob-at-idp");
    let signed_in = bob.get(&back);
    assert_eq!(signed_in.redirected(), "/", "{}", signed_in.describe());
    assert!(bob.logged_in());
    assert_eq!(
        db_count(
            &server,
            &format!(
                "SELECT count(*) FROM sso_links WHERE user_id = {bob_id} AND subject = 'bob-at-idp'"
            )
        ),
        1
    );
    let added = log_rows(&server, "factor_add");
    assert!(
        added.iter().any(|r| r.1 == "bob"
            && r.2.as_deref() == Some("sso-email")
            && r.4.as_deref() == Some("sso")),
        "{added:?}"
    );

    // The same way back again (a replay) finds no flow: no second session.
    let replay = server.client();
    let again = replay.get(&back);
    assert_eq!(again.status, 400, "{}", again.describe());
    assert!(again.message().contains("expired"), "{}", again.message());
    assert!(replay.cookie("aisle_session").is_none());

    // The link used the email up; the link alone signs Bob in (by subject, not email).
    assert_eq!(db_count(&server, "SELECT count(*) FROM sso_emails"), 0);
    let phone = server.client();
    assert_eq!(sso_sign_in(&server, &phone, "bob-at-idp").redirected(), "/");
    let logins = log_rows(&server, "login");
    let last = logins.last().unwrap();
    assert_eq!(
        (last.1.as_str(), last.2.as_deref(), last.3),
        ("bob", Some("sso"), 1)
    );

    // Signed in already (in another tab), a second way back starts no second session.
    let sessions = db_count(&server, "SELECT count(*) FROM sessions");
    let tab = server.client();
    let back = to_provider_and_back(&server, &tab, "bob-at-idp");
    tab.set_cookie("aisle_session", &phone.cookie("aisle_session").unwrap());
    assert_eq!(tab.get(&back).redirected(), "/");
    assert_eq!(db_count(&server, "SELECT count(*) FROM sessions"), sessions);

    // The admin gives the email again and ends the link: the identity is nobody's (the
    // email went with the link, or it would link Bob again at once).
    admin.submit(&path, &[("email", "bob@example.org")]);
    let unlink = admin.submit(&format!("{path}/unlink"), &[]);
    assert_eq!(unlink.redirected(), "/household", "{}", unlink.describe());
    assert_eq!(
        sso_sign_in(&server, &server.client(), "bob-at-idp").status,
        403
    );
    assert_eq!(db_count(&server, "SELECT count(*) FROM sso_links"), 0);
    assert!(
        admin
            .get("/household/security")
            .body
            .contains("single sign-on")
    );
}

#[test]
fn a_forged_late_or_refused_way_back_signs_nobody_in() {
    let idp = provider();
    let server = server_for(&idp, &[("AISLE_OIDC_HOUSEHOLD", "Home")]);
    server.user_client("admin", "Home", true);
    let users_before = db_count(&server, "SELECT count(*) FROM users");

    // Another browser (no flow cookie) brings the way back: nothing.
    let started = server.client();
    let back = to_provider_and_back(&server, &started, "carl");
    let other = server.client();
    let stolen = other.get(&back);
    assert_eq!(stolen.status, 400, "{}", stolen.describe());
    assert!(other.cookie("aisle_session").is_none());

    // A forged state uses the flow up: the true way back then finds nothing either.
    let flow = started.cookie("aisle_sso").expect("the flow cookie");
    let forged = back.replace("state=", "state=x");
    let refused = started.get(&forged);
    assert_eq!(refused.status, 400, "{}", refused.describe());
    started.set_cookie("aisle_sso", &flow);
    let used_up = started.get(&back);
    assert_eq!(used_up.status, 400, "{}", used_up.describe());
    assert!(started.cookie("aisle_session").is_none());

    // The provider said no: its error code on the page, its words (anyone can make such
    // a link) only in the log.
    let cancelled = server.client();
    cancelled.get("/login/sso");
    let said = cancelled
        .get("/login/sso/callback?error=access_denied&error_description=Call+0800+SCAM+now");
    assert_eq!(said.status, 401, "{}", said.describe());
    assert!(
        said.message().contains("(access_denied)"),
        "{}",
        said.message()
    );
    assert!(!said.body.contains("SCAM"), "{}", said.body);
    assert!(server.log().contains("Call 0800 SCAM now"));
    let odd = server.client().get("/login/sso/callback?error=%3Cb%3EHi");
    assert_eq!(odd.status, 401);
    assert!(odd.message().contains("(?)"), "{}", odd.message());

    // A made-up code with the right flow: the provider refuses to trade it.
    let made_up = server.client();
    let back = to_provider_and_back(&server, &made_up, "carl");
    let (before, after) = back.split_once("code=").unwrap();
    let rest = after
        .split_once('&')
        .map(|(_, r)| format!("&{r}"))
        .unwrap_or_default();
    let bad = made_up.get(&format!("{before}code=not-a-code{rest}"));
    assert_eq!(bad.status, 502, "{}", bad.describe());
    assert!(
        bad.message().contains("identity provider"),
        "{}",
        bad.message()
    );
    assert_eq!(
        db_count(&server, "SELECT count(*) FROM users"),
        users_before
    );
    assert_eq!(db_count(&server, "SELECT count(*) FROM sso_links"), 0);

    // One address cannot fill the table of waiting sign-ins: ten at a time, then 429
    // with a sentence (other addresses are not affected; the test's are all one).
    let presser = server.client();
    let waiting_before = (0..20)
        .map(|_| presser.get("/login/sso").status)
        .take_while(|status| *status == 303)
        .count();
    let busy = presser.get("/login/sso");
    assert_refused(&busy, 429, "too many waiting sign-ins from one address");
    assert!(
        busy.message().contains("Too many single sign-ons"),
        "{}",
        busy.message()
    );
    assert!(
        waiting_before <= 10,
        "{waiting_before} flows from one address"
    );
}

#[test]
fn people_aisle_does_not_know_join_the_chosen_household() {
    // This provider says who people are only at its userinfo endpoint (Authelia's way):
    // the ID token carries nothing but `sub`.
    let idp = provider_with(&[("OIDC_CLAIMS_IN_USERINFO", "1")]);
    let server = server_for(&idp, &[("AISLE_OIDC_HOUSEHOLD", "Home")]);
    let admin = server.user_client("admin", "Home", true);
    server.user_client("anna", "Elsewhere", true);

    // Carl is new: a member of Home, named as the provider calls him, signed in.
    let carl = server.client();
    assert_eq!(sso_sign_in(&server, &carl, "carl").redirected(), "/");
    assert!(carl.logged_in());
    let members = admin.get("/household").body;
    assert!(members.contains("carl"), "{members}");
    let joined = log_rows(&server, "join");
    let last = joined.last().unwrap();
    assert_eq!((last.1.as_str(), last.2.as_deref()), ("carl", Some("sso")));
    // No password works for him.
    for password in ["", "!", PASSWORD] {
        assert_eq!(server.client().try_login("carl", password).status, 401);
    }
    // His link is his only way in: he cannot unlink it.
    let unlink = carl.submit("/settings/sso/unlink", &[]);
    assert_refused(&unlink, 409, "unlinking the only way in");
    assert!(
        unlink.message().contains("lock you out"),
        "{}",
        unlink.message()
    );
    assert!(carl.get("/settings/sso").body.contains("carl@example.org"));
    // He comes back as himself, not as a second new member.
    assert_eq!(
        sso_sign_in(&server, &server.client(), "carl").redirected(),
        "/"
    );
    assert_eq!(
        db_count(
            &server,
            "SELECT count(*) FROM users WHERE username LIKE 'carl%'"
        ),
        1
    );

    // Anna of the other household has the provider's username `anna`: the newcomer is anna2.
    assert_eq!(
        sso_sign_in(&server, &server.client(), "anna-at-idp").redirected(),
        "/"
    );
    assert!(admin.get("/household").body.contains("anna2"));
}

#[test]
fn a_household_that_is_not_there_makes_nobody() {
    let idp = provider();
    let server = server_for(&idp, &[("AISLE_OIDC_HOUSEHOLD", "Nowhere")]);
    server.user_client("admin", "Home", true);
    let carl = server.client();
    assert_eq!(sso_sign_in(&server, &carl, "carl").status, 403);
    assert_eq!(db_count(&server, "SELECT count(*) FROM users"), 1);
    assert!(
        server
            .log()
            .contains("oidc-household `Nowhere` is no household's name"),
        "{}",
        server.log()
    );
}

#[test]
fn linking_from_settings_needs_the_password() {
    let idp = provider();
    let server = server_for(&idp, &[]);
    let anna = server.user_client("anna", "Home", true);
    let bob = server.user_client("bob", "Home", false);
    assert!(anna.get("/settings").body.contains("/settings/sso"));

    let wrong = anna.submit("/settings/sso/link", &[("password", "not-the-password")]);
    assert_eq!(wrong.status, 422, "{}", wrong.describe());
    assert!(
        wrong.message().contains("password is wrong"),
        "{}",
        wrong.message()
    );
    assert!(anna.cookie("aisle_sso").is_none());

    let go = anna.submit("/settings/sso/link", &[("password", PASSWORD)]);
    assert_eq!(go.status, 303, "{}", go.describe());
    let back = local(
        &server,
        &sign_in_at_provider(go.location().unwrap(), "anna-at-idp"),
    );
    let linked = anna.get(&back);
    assert_eq!(
        linked.redirected(),
        "/settings/sso",
        "{}",
        linked.describe()
    );
    let page = anna.get("/settings/sso").body;
    assert!(page.contains("anna@example.org"), "{page}");

    // Anna's way back brought by Bob's browser (with her flow cookie, even) links nothing.
    let go = anna.submit("/settings/sso/link", &[("password", PASSWORD)]);
    let flow = anna.cookie("aisle_sso").expect("the flow cookie");
    let back = local(
        &server,
        &sign_in_at_provider(go.location().unwrap(), "carl"),
    );
    bob.set_cookie("aisle_sso", &flow);
    let crossed = bob.get(&back);
    assert_eq!(crossed.status, 400, "{}", crossed.describe());
    assert_eq!(
        db_count(
            &server,
            "SELECT count(*) FROM sso_links WHERE subject = 'carl'"
        ),
        0
    );

    // Bob cannot link the identity Anna has.
    let go = bob.submit("/settings/sso/link", &[("password", PASSWORD)]);
    let back = local(
        &server,
        &sign_in_at_provider(go.location().unwrap(), "anna-at-idp"),
    );
    let taken = bob.get(&back);
    assert_eq!(taken.status, 409, "{}", taken.describe());
    assert!(
        taken.message().contains("linked to another aisle account"),
        "{}",
        taken.message()
    );

    // A new phone signs in as Anna with it; after unlinking it is nobody's.
    let phone = server.client();
    assert_eq!(
        sso_sign_in(&server, &phone, "anna-at-idp").redirected(),
        "/"
    );
    let unlinked = anna.submit("/settings/sso/unlink", &[]);
    assert_eq!(unlinked.redirected(), "/settings/sso");
    assert_eq!(
        sso_sign_in(&server, &server.client(), "anna-at-idp").status,
        403
    );
    assert_eq!(anna.submit("/settings/sso/unlink", &[]).status, 404);
}

#[test]
fn an_admins_sign_in_emails_are_checked() {
    let idp = provider();
    let server = server_for(&idp, &[]);
    let admin = server.user_client("admin", "Home", true);
    let member = server.user_client("bob", "Home", false);
    server.user_client("cy", "Elsewhere", true);
    let (bob, cy) = (user_id(&server, "bob"), user_id(&server, "cy"));
    let before = snapshot(&server);
    let bad = admin.submit(
        &format!("/household/members/{bob}/sso"),
        &[("email", "bob at home")],
    );
    assert_refused(&bad, 422, "not an email");
    assert!(
        bad.message().contains("is not an email address"),
        "{}",
        bad.message()
    );
    let other = admin.submit(
        &format!("/household/members/{cy}/sso"),
        &[("email", "cy@example.org")],
    );
    assert_eq!(other.status, 404, "{}", other.describe());
    let not_admin = member.submit(
        &format!("/household/members/{bob}/sso"),
        &[("email", "b@example.org")],
    );
    assert_eq!(not_admin.status, 403, "{}", not_admin.describe());
    assert_eq!(snapshot(&server), before);
    assert_eq!(db_count(&server, "SELECT count(*) FROM sso_emails"), 0);

    // A fellow admin who is an instance admin: only an instance admin changes their sign-in.
    let dir = server.data_dir();
    let (status, _, err) = run_cli(
        &[
            "user",
            "add",
            "--data-dir",
            dir.to_str().unwrap(),
            "--username",
            "root",
            "--household",
            "Home",
            "--password-stdin",
            "--admin",
            "--instance-admin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert!(status.success(), "{err}");
    let root = user_id(&server, "root");
    let outranked = admin.submit(
        &format!("/household/members/{root}/sso"),
        &[("email", "r@example.org")],
    );
    assert_refused(&outranked, 403, "an instance admin's sign-in email");
    assert!(
        outranked
            .message()
            .contains("only an instance admin can change how they sign in"),
        "{}",
        outranked.message()
    );
    assert_eq!(db_count(&server, "SELECT count(*) FROM sso_emails"), 0);

    let admin_id = user_id(&server, "admin");
    admin.submit(
        &format!("/household/members/{admin_id}/sso"),
        &[("email", "x@example.org")],
    );
    let taken = admin.submit(
        &format!("/household/members/{bob}/sso"),
        &[("email", "X@example.org")],
    );
    assert_eq!(taken.status, 409, "{}", taken.describe());
    assert!(taken.message().contains("already"), "{}", taken.message());
}

#[test]
fn a_provider_that_is_down_is_said_and_passwords_still_work() {
    let closed = free_port();
    let issuer = format!("http://127.0.0.1:{closed}");
    let server = Server::start_with(&[
        ("AISLE_OIDC_ISSUER", issuer.as_str()),
        ("AISLE_OIDC_CLIENT_ID", CLIENT),
        ("AISLE_OIDC_CLIENT_SECRET", SECRET),
    ]);
    server.user_client("anna", "Home", true);
    let visitor = server.client();
    assert!(
        visitor
            .get("/login")
            .body
            .contains("Log in with single sign-on")
    );
    let down = visitor.get("/login/sso");
    assert_eq!(down.status, 502, "{}", down.describe());
    assert!(
        down.message().contains("could not be reached"),
        "{}",
        down.message()
    );
    assert!(
        down.message().contains("log in with your password"),
        "{}",
        down.message()
    );
    visitor.login("anna", PASSWORD);

    // The secret is never printed.
    let (status, out, err) = run_cli_env(
        &["config", "dump"],
        None,
        &[
            ("AISLE_OIDC_ISSUER", "https://auth.example.org"),
            ("AISLE_OIDC_CLIENT_ID", CLIENT),
            ("AISLE_OIDC_CLIENT_SECRET", SECRET),
        ],
    );
    assert!(status.success(), "{err}");
    assert!(out.contains("oidc_client_secret = \"(redacted)\""), "{out}");
    assert!(!out.contains(SECRET));

    // Half a set-up is refused at start, naming what is missing.
    let (status, _, err) = run_cli_env(
        &["config", "check"],
        None,
        &[("AISLE_OIDC_ISSUER", "https://auth.example.org")],
    );
    assert!(!status.success());
    assert!(err.contains("oidc-client-id"), "{err}");
}

#[test]
fn without_a_provider_there_is_no_single_sign_on() {
    let server = Server::start();
    let anna = server.user_client("anna", "Home", true);
    assert!(!server.client().get("/login").body.contains("/login/sso"));
    assert!(!anna.get("/settings").body.contains("/settings/sso"));
    assert_eq!(server.client().get("/login/sso").status, 404);
    assert_eq!(anna.get("/settings/sso").status, 404);
    assert!(
        !anna
            .get("/household")
            .body
            .contains("email for single sign-on")
    );
}
