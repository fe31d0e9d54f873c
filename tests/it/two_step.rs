//! Two-step sign-in (issue 25): an authenticator app (TOTP) set up from Settings with a QR
//! code, asked for after the password, one-time recovery codes, throttled like passwords,
//! reset by an admin or on the command line, and every change in the security log.

use crate::common::*;

/// The texts of the `<code>` elements inside `<ol class="recovery-codes" …>`.
fn recovery_codes(html: &str) -> Vec<String> {
    let list = between(
        html,
        "<ol class=\"recovery-codes\" id=\"recovery-codes\">",
        "</ol>",
    )
    .unwrap_or_else(|| panic!("no recovery codes on the page: {html}"));
    list.split("<code>")
        .skip(1)
        .filter_map(|c| c.split_once("</code>").map(|(code, _)| code.to_string()))
        .collect()
}

/// Sets up an app for the logged-in `client` as a person would: start, read the key
/// under the QR code, type the app's code. Returns the secret and the recovery codes.
pub(crate) fn enrol(client: &Client) -> (Vec<u8>, Vec<String>) {
    let started = client.submit("/settings/two-step/start", &[]);
    assert_eq!(started.redirected(), "/settings/two-step");
    let page = client.get("/settings/two-step");
    assert_eq!(page.status, 200, "{}", page.describe());
    assert!(page.body.contains("<svg"), "a QR code: {}", page.body);
    let key = between(
        &page.body,
        "<code class=\"token\" id=\"totp-secret\">",
        "</code>",
    )
    .expect("the key to type");
    let secret = totp_secret(key);
    assert_eq!(secret.len(), 20, "a 160-bit secret");
    let on = client.submit(
        "/settings/two-step/confirm",
        &[("code", &totp_code(&secret, 0))],
    );
    assert_eq!(on.status, 200, "{}", on.describe());
    let codes = recovery_codes(&on.body);
    assert_eq!(codes.len(), 10, "{codes:?}");
    (secret, codes)
}

/// A fresh browser that typed the right password for `username`: it now waits for a code.
fn password_only(server: &Server, username: &str) -> Client {
    let client = server.client();
    let resp = client.try_login(username, PASSWORD);
    assert_eq!(resp.redirected(), "/login/code", "{}", resp.describe());
    assert!(client.cookie("aisle_session").is_none(), "no session yet");
    assert!(!client.logged_in(), "the password alone does not sign in");
    client
}

/// The household's security log as text: tags dropped, whitespace collapsed.
fn log_of(client: &Client) -> String {
    let page = client.get("/household/security");
    assert_eq!(page.status, 200, "{}", page.describe());
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn an_authenticator_app_guards_the_sign_in_and_recovery_codes_work_once() {
    let server = Server::start();
    let anna = server.user_client("anna", "Home", true);
    let settings = anna.get("/settings");
    assert!(
        settings
            .body
            .contains("Off: your password alone logs you in.")
    );

    // Started but not confirmed: a wrong first code changes nothing.
    let started = anna.submit("/settings/two-step/start", &[]);
    assert_eq!(started.redirected(), "/settings/two-step");
    let wrong = anna.submit("/settings/two-step/confirm", &[("code", "000000")]);
    assert_eq!(wrong.status, 422, "{}", wrong.describe());
    assert!(
        wrong.body.contains("that code is not right"),
        "{}",
        wrong.body
    );
    // What was typed stays in the box, to be corrected.
    assert!(
        wrong.body.contains(r#"name="code" value="000000""#),
        "{}",
        wrong.body
    );
    let logged_out = server.client();
    logged_out.login("anna", PASSWORD);

    let (secret, codes) = enrol(&anna);
    assert!(anna.get("/settings").body.contains("On: logging in asks"));
    // The page offers no second setup while one is on.
    let again = anna.get("/settings/two-step");
    assert!(
        again.body.contains("10 recovery codes left."),
        "{}",
        again.body
    );
    assert!(!again.body.contains("totp-secret"), "{}", again.body);

    // The password alone no longer signs in; a wrong code is refused, 401.
    let phone = password_only(&server, "anna");
    let page = phone.get("/login/code");
    assert_eq!(page.status, 200, "{}", page.describe());
    assert!(page.body.contains("autocomplete=\"one-time-code\""));
    let refused = phone.submit("/login/code", &[("code", "123456")]);
    assert_eq!(refused.status, 401, "{}", refused.describe());
    assert!(
        refused.body.contains("value=\"123456\""),
        "the code stays typed"
    );
    assert!(
        refused.body.contains("that code is not right"),
        "{}",
        refused.body
    );
    assert!(!phone.logged_in());
    // The app's next code (one step of drift is allowed) signs in…
    let next = totp_code(&secret, 30);
    let signed_in = phone.submit("/login/code", &[("code", &next)]);
    assert_eq!(signed_in.redirected(), "/", "{}", signed_in.describe());
    assert!(phone.logged_in());
    assert!(
        phone.cookie("aisle_login").is_none(),
        "the challenge cookie goes"
    );
    // …once: the same code again is refused.
    let replay = password_only(&server, "anna");
    let replayed = replay.submit("/login/code", &[("code", &next)]);
    assert_eq!(replayed.status, 401, "{}", replayed.describe());

    // A recovery code signs in, typed in capitals with a space; it works once.
    let lost_phone = password_only(&server, "anna");
    let typed = codes[3].to_uppercase().replace('-', " ");
    let recovered = lost_phone.submit("/login/code", &[("code", &typed)]);
    assert_eq!(recovered.redirected(), "/", "{}", recovered.describe());
    let again = password_only(&server, "anna");
    let used = again.submit("/login/code", &[("code", &codes[3])]);
    assert_eq!(used.status, 401, "{}", used.describe());
    let left = anna.get("/settings/two-step");
    assert!(
        left.body.contains("9 recovery codes left."),
        "{}",
        left.body
    );

    // New codes need the password; then the old ones stop working.
    let no = anna.submit(
        "/settings/two-step/recovery",
        &[("password", "wrong-password")],
    );
    assert_eq!(no.status, 422, "{}", no.describe());
    assert!(no.body.contains("the password is wrong"), "{}", no.body);
    let renewed = anna.submit("/settings/two-step/recovery", &[("password", PASSWORD)]);
    assert_eq!(renewed.status, 200, "{}", renewed.describe());
    let fresh = recovery_codes(&renewed.body);
    assert_eq!(fresh.len(), 10);
    let old = password_only(&server, "anna");
    assert_eq!(
        old.submit("/login/code", &[("code", &codes[0])]).status,
        401
    );
    let new = old.submit("/login/code", &[("code", &fresh[0])]);
    assert_eq!(new.redirected(), "/", "{}", new.describe());

    // Turning it off needs the password too; then the password alone signs in again.
    let kept = anna.submit("/settings/two-step/off", &[("password", "wrong-password")]);
    assert_eq!(kept.status, 422, "{}", kept.describe());
    password_only(&server, "anna");
    let off = anna.submit("/settings/two-step/off", &[("password", PASSWORD)]);
    assert_eq!(off.redirected(), "/settings/two-step");
    server.client().login("anna", PASSWORD);

    let log = log_of(&anna);
    for said in [
        "Sign-in method added · anna",
        "authenticator app",
        "with a password and an app code",
        "with a password and a recovery code",
        "New recovery codes made",
        "Sign-in method removed · anna",
    ] {
        assert!(log.contains(said), "{said:?} in {log}");
    }
}

#[test]
fn wrong_codes_use_up_the_same_attempts_as_wrong_passwords() {
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "3")]);
    let anna = server.user_client("anna", "Home", true);
    let (secret, _) = enrol(&anna);
    let phone = password_only(&server, "anna");
    for _ in 0..3 {
        let wrong = phone.submit("/login/code", &[("code", "999999")]);
        assert_eq!(wrong.status, 401, "{}", wrong.describe());
    }
    // Even the right code waits now, and says for how long.
    let right = phone.submit("/login/code", &[("code", &totp_code(&secret, 30))]);
    assert_eq!(right.status, 429, "{}", right.describe());
    assert!(right.header("Retry-After").is_some());
    assert!(!phone.logged_in());
    // So does the password: the attempts are the account's.
    let password = server.client().try_login("anna", PASSWORD);
    assert_eq!(password.status, 429, "{}", password.describe());
    let log = log_of(&anna);
    assert!(
        log.contains("Locked out after too many failed sign-ins"),
        "{log}"
    );
}

#[test]
fn an_admin_or_the_command_line_resets_a_members_factors() {
    let server = Server::start();
    let anna = server.user_client("anna", "Home", true);
    let bob = server.user_client("bob", "Home", false);
    let (_, _) = enrol(&bob);
    let (anna_id, bob_id) = (user_id(&server, "anna"), user_id(&server, "bob"));

    // A member may not reset anyone's; an admin may not reset their own here.
    let forbidden = bob.submit(&format!("/household/members/{anna_id}/factors"), &[]);
    assert_eq!(forbidden.status, 403, "{}", forbidden.describe());
    let own = anna.submit(&format!("/household/members/{anna_id}/factors"), &[]);
    assert_eq!(own.status, 422, "{}", own.describe());

    // The household page shows who has it, with a reset button.
    let page = anna.get("/household");
    assert!(
        page.body.contains("Reset two-step sign-in"),
        "{}",
        page.body
    );
    let waiting = password_only(&server, "bob");
    let reset = anna.submit(&format!("/household/members/{bob_id}/factors"), &[]);
    assert_eq!(reset.redirected(), "/household");
    // The sign-in that was waiting for a code starts over; the password alone works now.
    let gone = waiting.submit("/login/code", &[("code", "123456")]);
    assert_eq!(gone.redirected(), "/login");
    server.client().login("bob", PASSWORD);
    assert!(
        !anna
            .get("/household")
            .body
            .contains("Reset two-step sign-in")
    );

    // An admin's password reset ends a sign-in that waits for its code with the old one.
    enrol(&bob);
    let old_password = password_only(&server, "bob");
    let new_password = "cucumber-parade-17";
    let reset = anna.submit(
        &format!("/household/members/{bob_id}/password"),
        &[("password", new_password)],
    );
    assert_eq!(reset.redirected(), "/household", "{}", reset.describe());
    let ended = old_password.submit("/login/code", &[("code", "123456")]);
    assert_eq!(ended.redirected(), "/login");
    let with_new = server.client();
    let waiting = with_new.try_login("bob", new_password);
    assert_eq!(
        waiting.redirected(),
        "/login/code",
        "the app is still asked for"
    );
    let cleared = anna.submit(&format!("/household/members/{bob_id}/factors"), &[]);
    assert_eq!(cleared.redirected(), "/household");
    let back = anna.submit(
        &format!("/household/members/{bob_id}/password"),
        &[("password", PASSWORD)],
    );
    assert_eq!(back.redirected(), "/household", "{}", back.describe());
    // The session of bob's client ended with the reset: log in again.
    bob.login("bob", PASSWORD);

    // On the command line, for when no admin can.
    enrol(&bob);
    password_only(&server, "bob");
    let dir = server.data_dir();
    let dir = dir.to_str().expect("a UTF-8 path");
    let (status, out, err) = run_cli(
        &[
            "user",
            "reset-factors",
            "--data-dir",
            dir,
            "--username",
            "bob",
        ],
        None,
    );
    assert!(status.success(), "{out}{err}");
    assert!(
        out.contains("removed the second factors and passkeys of `bob`"),
        "{out}"
    );
    server.client().login("bob", PASSWORD);
    let (status, out, err) = run_cli(
        &[
            "user",
            "reset-factors",
            "--data-dir",
            dir,
            "--username",
            "nobody",
        ],
        None,
    );
    assert!(!status.success(), "{out}");
    assert!(err.contains("no user called `nobody`"), "{err}");

    let log = log_of(&anna);
    assert!(
        log.contains("Two-step sign-in and passkeys reset · bob · by anna"),
        "{log}"
    );
    assert!(
        log.contains("Two-step sign-in and passkeys reset · bob")
            && log.contains("on the server's command line"),
        "{log}"
    );
}

#[test]
fn the_code_page_without_a_waiting_sign_in_goes_back_to_the_password() {
    let server = Server::start();
    let stranger = server.client();
    let page = stranger.get("/login/code");
    assert_eq!(page.redirected(), "/login");
    let post = stranger.submit("/login/code", &[("code", "123456")]);
    assert_eq!(post.redirected(), "/login");
    let forged = server.client();
    forged.set_cookie("aisle_login", "not-a-real-challenge");
    assert_eq!(forged.get("/login/code").redirected(), "/login");
    assert!(!forged.logged_in());
}
