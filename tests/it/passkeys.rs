//! Passkeys over plain HTTP (issue 25): where they are off, and what a bad or stale
//! answer gets (a sentence, nothing stored, nobody signed in). The whole ceremony with a
//! real authenticator is in the browser suite (`tests/e2e/passkeys.rs`).

use crate::common::*;

fn passkeys_stored(server: &Server) -> i64 {
    sqlite(server)
        .query_row("SELECT count(*) FROM passkeys", [], |r| r.get(0))
        .expect("count passkeys")
}

#[test]
fn passkeys_are_off_on_an_address_without_a_name() {
    // The test server's public URL is http://127.0.0.1:PORT: no secure context, no name.
    let server = Server::start();
    let anna = server.user_client("anna", "Home", true);
    let page = anna.get("/settings/passkeys");
    assert_eq!(page.status, 200, "{}", page.describe());
    assert!(
        page.body
            .contains("Passkeys work only when the server is reached at an https:// address")
    );
    assert!(!page.body.contains("passkey-button"), "{}", page.body);
    let begin = anna.submit("/settings/passkeys/begin", &[("password", PASSWORD)]);
    assert_eq!(begin.status, 409, "{}", begin.describe());
    assert!(
        begin
            .message()
            .contains("passkeys need the server's https:// address")
    );
    let visitor = server.client();
    assert!(!visitor.get("/login").body.contains("passkey-button"));
    assert_eq!(visitor.submit("/login/passkey/begin", &[]).status, 409);
}

#[test]
fn bad_or_stale_answers_get_a_sentence_and_change_nothing() {
    let server = Server::start_with(&[("AISLE_PUBLIC_URL", "http://localhost")]);
    let anna = server.user_client("anna", "Home", true);
    assert!(
        anna.get("/settings/passkeys")
            .body
            .contains("passkey-button")
    );

    // A session is not enough: the password comes first (a wrong one is logged).
    let wrong = anna.submit(
        "/settings/passkeys/begin",
        &[("password", "not-the-password")],
    );
    assert_eq!(wrong.status, 422, "{}", wrong.describe());
    assert!(
        wrong.message().contains("password is wrong"),
        "{}",
        wrong.message()
    );
    let log = anna.get("/household/security").body;
    assert!(log.contains("Sign-in method added"), "{log}");

    // The options ask for a passkey that signs in without a username, for localhost.
    let begin = anna.submit("/settings/passkeys/begin", &[("password", PASSWORD)]);
    assert_eq!(begin.status, 200, "{}", begin.describe());
    let options = begin.json();
    let ceremony = options["ceremony"]
        .as_str()
        .expect("a ceremony id")
        .to_string();
    let key = &options["publicKey"];
    assert_eq!(key["rp"]["id"], "localhost", "{options}");
    assert_eq!(key["user"]["name"], "anna");
    assert_eq!(key["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        key["authenticatorSelection"]["userVerification"],
        "required"
    );
    assert!(
        key["challenge"].as_str().is_some_and(|c| c.len() >= 43),
        "{key}"
    );

    // An answer that is no credential: refused, 422, nothing stored.
    let garbage = anna.submit(
        "/settings/passkeys",
        &[
            ("ceremony", &ceremony),
            ("credential", "{}"),
            ("name", "Phone"),
        ],
    );
    assert_eq!(garbage.status, 422, "{}", garbage.describe());
    assert!(garbage.body.contains("role=\"alert\""), "{}", garbage.body);
    assert!(
        garbage.body.contains("value=\"Phone\""),
        "the name stays typed"
    );
    // The ceremony was used up; an unknown one is the same.
    for stale in [ceremony.as_str(), "no-such-ceremony"] {
        let again = anna.submit(
            "/settings/passkeys",
            &[("ceremony", stale), ("credential", "{}"), ("name", "Phone")],
        );
        assert_eq!(again.status, 422, "{}", again.describe());
        assert!(
            again
                .body
                .contains("passkey request has expired or is unknown"),
            "{}",
            again.body
        );
    }
    assert_eq!(passkeys_stored(&server), 0);
    // No such passkey to remove: 404.
    assert_eq!(
        anna.submit("/settings/passkeys/999/remove", &[]).status,
        404
    );

    // A sign-in: options without a username; a bad answer is refused, nobody signs in.
    let visitor = server.client();
    let begin = visitor.submit("/login/passkey/begin", &[]);
    assert_eq!(begin.status, 200, "{}", begin.describe());
    let options = begin.json();
    assert!(options.get("mediation").is_none(), "{options}");
    let ceremony = options["ceremony"]
        .as_str()
        .expect("a ceremony id")
        .to_string();
    let refused = visitor.submit(
        "/login/passkey",
        &[("ceremony", &ceremony), ("credential", "not json")],
    );
    assert_eq!(refused.status, 400, "{}", refused.describe());
    assert!(
        refused.body.contains("passkey was refused"),
        "{}",
        refused.body
    );
    assert!(!visitor.logged_in());

    // Without a session, no passkey can be made.
    let stranger = server.client();
    assert_ne!(
        stranger
            .submit("/settings/passkeys/begin", &[("password", PASSWORD)])
            .status,
        200
    );
}
