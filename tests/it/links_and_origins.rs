//! Links aisle builds use `public_url`, never the request's `Host`; a form's Origin must
//! match in scheme, host and port; the `Bearer` scheme is case-insensitive.

use crate::common::member::Member;
use crate::common::{self, Server, code_token, csrf_from, snapshot};

/// Creates an invite as an admin, sending `headers` along; returns the link shown.
fn invite_link(server: &Server, headers: &[(&str, &str)]) -> String {
    let alice = server.user_client("alice", "Home", true);
    let csrf = alice.csrf_token();
    let page = alice.post_form_with(
        "/household/invites",
        &[("csrf_token", csrf.as_str()), ("role", "member")],
        headers,
    );
    assert_eq!(page.status, 200, "{}", page.describe());
    code_token(&page.body).expect("invite URL shown")
}

#[test]
fn an_invite_link_uses_the_public_url_whatever_the_host_header_says() {
    // Derived from the listen address when public_url is not set. (The Origin matches the
    // forged Host, as for a page reached by that name, e.g. after DNS rebinding.)
    let server = Server::start();
    let link = invite_link(
        &server,
        &[("Host", "evil.example"), ("Origin", "http://evil.example")],
    );
    let expected = format!("http://127.0.0.1:{}/invite/", server.port);
    assert!(link.starts_with(&expected), "{link}");

    // The configured one otherwise (and a form from it passes the origin check).
    let server = Server::start_with(&[("AISLE_PUBLIC_URL", "https://lists.example.org/")]);
    let link = invite_link(
        &server,
        &[
            ("Host", "evil.example"),
            ("Origin", "https://lists.example.org"),
        ],
    );
    assert!(
        link.starts_with("https://lists.example.org/invite/"),
        "{link}"
    );
    assert!(
        server
            .log()
            .contains("public_url=https://lists.example.org"),
        "{}",
        server.log()
    );
}

#[test]
fn listening_on_every_address_links_use_the_address_the_phone_reached() {
    // No public_url and 0.0.0.0: a link names the machine's address the request came in
    // on (here 127.0.0.3), which the phone can reach; still never the Host header.
    let server = Server::start_on("0.0.0.0", &[]);
    let mut alice = server.user_client("alice", "Home", true);
    alice.base = format!("http://127.0.0.3:{}", server.port);
    let csrf = alice.csrf_token();
    let page = alice.post_form_with(
        "/household/invites",
        &[("csrf_token", csrf.as_str()), ("role", "member")],
        &[("Host", "evil.example"), ("Origin", "http://evil.example")],
    );
    assert_eq!(page.status, 200, "{}", page.describe());
    let link = code_token(&page.body).expect("invite URL shown");
    let expected = format!("http://127.0.0.3:{}/invite/", server.port);
    assert!(link.starts_with(&expected), "{link}");
    // A form from the address reached passes the origin check, one from elsewhere not.
    let origin = format!("http://127.0.0.3:{}", server.port);
    let csrf = alice.csrf_token();
    let ok = alice.post_form_with(
        "/household/invites",
        &[("csrf_token", csrf.as_str()), ("role", "member")],
        &[("Origin", origin.as_str())],
    );
    assert_eq!(ok.status, 200, "{}", ok.describe());
    let refused = alice.post_form_with(
        "/household/invites",
        &[("csrf_token", csrf.as_str()), ("role", "member")],
        &[("Origin", "http://127.0.0.4:1")],
    );
    assert_eq!(refused.status, 403, "{}", refused.describe());
}

#[test]
fn a_bad_public_url_is_refused_at_start_naming_the_option() {
    for bad in [
        "lists.example.org",
        "https://lists.example.org/app",
        "ftp://lists.example.org",
        "https://lists.example.org?x=1",
    ] {
        let (status, _, err) = common::run_cli_env(
            &["config", "check"],
            None,
            &[
                ("AISLE_PUBLIC_URL", bad),
                ("AISLE_DATA_DIR", "/nonexistent"),
            ],
        );
        assert!(!status.success(), "{bad} was accepted");
        assert!(err.contains("public-url"), "{bad}: {err}");
    }
}

#[test]
fn a_form_from_another_scheme_or_port_of_the_same_host_is_refused() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let before = snapshot(&server);
    let csrf = csrf_from(&alice.get("/").body).expect("csrf on /");
    let fields = [("csrf_token", csrf.as_str()), ("name", "Weekly")];
    for origin in [
        format!("https://127.0.0.1:{}", server.port),
        format!("http://127.0.0.1:{}", server.port + 1),
        "http://127.0.0.1".to_string(),
        "null".to_string(),
    ] {
        let resp = alice.post_form_with("/lists", &fields, &[("Origin", origin.as_str())]);
        common::assert_refused(&resp, 403, &origin);
        assert!(resp.message().contains("another site"), "{origin}");
    }
    assert_eq!(
        snapshot(&server),
        before,
        "a refused form changed something"
    );
    // The page's own origin works.
    let resp = alice.post_form_with(
        "/lists",
        &fields,
        &[("Origin", &format!("http://127.0.0.1:{}", server.port))],
    );
    assert_eq!(resp.status, 303, "{}", resp.describe());
}

#[test]
fn the_bearer_scheme_is_case_insensitive() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        let auth = format!("{scheme} {}", alice.token);
        let resp = alice
            .client
            .send("GET", "/api/v1/lists", &[("Authorization", &auth)], None);
        assert_eq!(resp.status, 200, "{scheme}: {}", resp.describe());
    }
    for auth in [
        format!("Basic {}", alice.token),
        "bearer".to_string(),
        "bearer ".to_string(),
        format!("Bearer{}", alice.token),
        "bearer not-a-token".to_string(),
    ] {
        // Without the session cookie, so only the header counts.
        let stranger = server.client();
        let resp = stranger.send("GET", "/api/v1/lists", &[("Authorization", &auth)], None);
        common::assert_problem(&resp, 401, &auth);
    }
}
