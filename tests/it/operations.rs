//! Operations: health, metrics, security headers, cookies behind TLS, embedded assets,
//! configuration checks, refusing a newer database, and a clean SIGTERM + restart.

use crate::common::*;

/// The value of `aisle_http_requests_total{…}` for a route and status (0 when absent).
fn requests_total(metrics: &str, route: &str, status: u16) -> f64 {
    metrics
        .lines()
        .filter(|l| l.starts_with("aisle_http_requests_total{"))
        .filter(|l| l.contains(&format!("route=\"{route}\"")))
        .filter(|l| l.contains(&format!("status=\"{status}\"")))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[test]
fn health_endpoints_and_metrics() {
    let server = Server::start();
    let client = server.client();
    let live = client.get("/health/live");
    assert_eq!((live.status, live.body.as_str()), (200, "ok"));
    let ready = client.get("/health/ready");
    assert_eq!(ready.status, 200);

    let before = client.get("/metrics").body;
    assert!(before.contains("aisle_http_requests_total"), "{before}");
    for _ in 0..3 {
        client.get("/health/live");
    }
    client.get("/no/such/page");
    let metrics = client.get("/metrics");
    assert_eq!(metrics.status, 200);
    let after = metrics.body;
    assert_eq!(
        requests_total(&after, "live", 200) - requests_total(&before, "live", 200),
        3.0,
        "{after}"
    );
    assert!(requests_total(&after, "unmatched", 404) >= 1.0, "{after}");
    assert!(after.contains("aisle_http_request_duration_seconds_bucket"));
    assert!(after.contains("aisle_db_pool_max"));

    // The Docker healthcheck.
    let url = format!("{}/health/ready", server.base_url());
    let (status, out, err) = run_cli(&["healthcheck", "--url", &url], None);
    assert!(status.success(), "{out} {err}");
    let closed = format!("http://127.0.0.1:{}/health/ready", free_port());
    let (status, _, err) = run_cli(&["healthcheck", "--url", &closed], None);
    assert_eq!(status.code(), Some(2));
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn security_headers_on_pages_errors_and_the_api() {
    let server = Server::start();
    let client = server.client();
    for path in [
        "/login",
        "/no/such/page",
        "/",
        "/api/v1/lists",
        "/health/live",
    ] {
        let r = client.get(path);
        let csp = r
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("CSP on {path}"));
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        // WebAssembly may be compiled (the add box's reader), JavaScript never evaluated.
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';") && !csp.contains("'unsafe-eval'"),
            "{path}: {csp}"
        );
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("referrer-policy"), Some("same-origin"), "{path}");
        let permissions = r.header("permissions-policy").unwrap_or("");
        assert!(
            permissions.contains("geolocation=()"),
            "{path}: {permissions}"
        );
        assert!(
            r.header("strict-transport-security").is_none(),
            "no HSTS without TLS"
        );
    }
    // No inline script or style in the pages themselves.
    let page = client.get("/login").body;
    for tag in page.split("<script").skip(1) {
        let open = &tag[..tag.find('>').unwrap()];
        assert!(open.contains("src="), "inline script: <script{open}>");
    }
    assert!(
        !page.contains("<style") && !page.contains(" style="),
        "inline style"
    );
}

#[test]
fn cookies_are_secure_behind_tls() {
    let server = Server::start_with(&[("AISLE_SECURE_COOKIES", "true")]);
    add_user(&server, "alice", "Home", false, PASSWORD);
    let client = server.client();
    let login_page = client.get("/login");
    let anon = login_page.set_cookie("aisle_csrf").unwrap();
    assert!(anon.contains("Secure"), "{anon}");
    let ok = client.try_login("alice", PASSWORD);
    assert_eq!(ok.redirected(), "/");
    let session = ok.set_cookie("aisle_session").unwrap();
    assert!(
        session.contains("Secure") && session.contains("HttpOnly"),
        "{session}"
    );
    assert!(session.contains("SameSite=Lax"), "{session}");
}

#[test]
fn assets_use_content_hashed_urls_and_immutable_caching() {
    let server = Server::start();
    let client = server.client();
    let page = client.get("/login").body;
    let urls: Vec<&str> = page
        .split("\"/assets/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(
        urls.iter().any(|u| u.ends_with(".css")),
        "a stylesheet: {urls:?}"
    );
    for rest in &urls {
        let url = format!("/assets/{rest}");
        let r = client.get(&url);
        assert_eq!(r.status, 200, "{url}");
        assert!(!r.body.is_empty(), "{url}");
        let cache = r.header("cache-control").unwrap_or("");
        assert!(
            cache.contains("immutable") && cache.contains("max-age="),
            "{url}: {cache}"
        );
        if url.ends_with(".css") {
            assert!(r.header("content-type").unwrap().starts_with("text/css"));
            // A different hash is not the same file: never cached forever.
            let file = url.rsplit('/').next().unwrap();
            let stale = client.get(&format!("/assets/000000000000/{file}"));
            let cache = stale.header("cache-control").unwrap_or("");
            assert!(!cache.contains("immutable"), "stale hash: {cache}");
        }
    }
    assert_eq!(client.get("/assets/000000000000/nope.css").status, 404);
}

#[test]
fn config_check_names_the_bad_option_and_dump_prints_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data = data.to_str().unwrap();
    let (status, out, err) = run_cli(
        &[
            "config",
            "check",
            "--data-dir",
            data,
            "--listen",
            "127.0.0.1:8099",
        ],
        None,
    );
    assert!(status.success(), "{out} {err}");

    let (status, _, err) = run_cli(
        &[
            "config",
            "check",
            "--data-dir",
            data,
            "--listen",
            "nonsense",
        ],
        None,
    );
    assert_eq!(status.code(), Some(2));
    assert!(
        err.contains("`listen`") && err.contains("nonsense"),
        "{err}"
    );
    let (status, _, err) = run_cli_env(
        &["config", "check", "--data-dir", data],
        None,
        &[("AISLE_LOGIN_MAX_FAILURES", "lots")],
    );
    assert_ne!(status.code(), Some(0));
    assert!(err.contains("login-max-failures"), "{err}");
    let file = dir.path().join("aisle.toml");
    std::fs::write(&file, "listen = \"127.0.0.1:8123\"\nsession_days = 0\n").unwrap();
    let (status, _, err) = run_cli(
        &["config", "check", "--config", file.to_str().unwrap()],
        None,
    );
    assert_ne!(status.code(), Some(0));
    assert!(err.contains("session-days"), "{err}");

    // Flags win over the file.
    std::fs::write(&file, "listen = \"127.0.0.1:8123\"\n").unwrap();
    let (status, out, err) = run_cli(
        &[
            "config",
            "dump",
            "--config",
            file.to_str().unwrap(),
            "--listen",
            "127.0.0.1:9999",
        ],
        None,
    );
    assert!(status.success(), "{err}");
    assert!(out.contains("listen = \"127.0.0.1:9999\""), "{out}");
    // Nothing was created by checking.
    assert!(!dir.path().join("data").exists());
}

#[test]
fn a_database_from_a_newer_aisle_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("aisle.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let listen = format!("127.0.0.1:{}", free_port());
    let (status, _, err) = run_cli(
        &[
            "serve",
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--listen",
            &listen,
        ],
        None,
    );
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("newer than this aisle"), "{err}");
    let version: i64 = open_read_only(&db)
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99, "left alone");
}

#[test]
fn sigterm_stops_the_server_and_a_restart_keeps_the_data() {
    let mut server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    let alice = server.client();
    alice.login("alice", PASSWORD);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups milk, bread");
    let session = alice.cookie("aisle_session").unwrap();

    let status = server.terminate();
    assert!(
        status.success(),
        "clean exit on SIGTERM: {status:?}\n{}",
        server.log()
    );
    assert!(server.log().contains("aisle stopped"), "{}", server.log());

    server.restart();
    let log = server.log();
    assert!(
        !log.contains("setup?token="),
        "no setup link once accounts exist: {log}"
    );
    let again = server.client();
    again.set_cookie("aisle_session", &session);
    assert!(again.logged_in(), "sessions survive a restart");
    let items = again.items(list);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["name"], "milk");
    assert_eq!(items[0]["quantity"], 2.0);
    let fresh = server.client();
    fresh.login("alice", PASSWORD);
    assert!(fresh.get("/").body.contains("Weekly"));
}

#[test]
fn the_cli_refuses_bad_users_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let add = |username: &str, password: &str| {
        run_cli(
            &[
                "user",
                "add",
                "--data-dir",
                data,
                "--username",
                username,
                "--household",
                "Home",
                "--password-stdin",
            ],
            Some(&format!("{password}\n")),
        )
    };
    let (status, out, err) = add("alice", PASSWORD);
    assert!(status.success(), "{err}");
    assert!(out.contains("alice"), "{out}");
    for (username, password, says) in [
        ("bob", "short", "too short"),
        ("bob", "password1", "common"),
        ("ALICE", PASSWORD, "taken"),
        ("b o b", PASSWORD, "username"),
        ("bob", "", "too short"),
    ] {
        let (status, _, err) = add(username, password);
        assert_eq!(status.code(), Some(2), "{username}/{password}: {err}");
        assert!(err.starts_with("error: ") && err.contains(says), "{err}");
    }
    let conn = open_read_only(&dir.path().join("aisle.db"));
    let users: i64 = conn
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(users, 1);
}

#[test]
fn a_stop_does_not_wait_out_the_grace_period_for_idle_connections() {
    // Rocket waits its whole five-second grace period when it finds a connection open at
    // the moment it looks; the front door's pooled idle connections were one half the
    // time. Not a speed target: a stop that takes seconds is that wait, one of a tenth of
    // a second is not. Three stops, as the wait came at random.
    let mut server = Server::start();
    add_user(&server, "alice", "Home", true, PASSWORD);
    for _ in 0..3 {
        let alice = server.client();
        alice.login("alice", PASSWORD);
        // Requests at once, so the door holds several connections to Rocket.
        let phones: Vec<_> = (0..4).map(|_| server.client()).collect();
        std::thread::scope(|s| {
            for phone in phones {
                s.spawn(move || assert_eq!(phone.get("/login").status, 200));
            }
        });
        assert_eq!(alice.get("/").status, 200);
        let asked = std::time::Instant::now();
        let status = server.terminate();
        let took = asked.elapsed();
        assert!(status.success(), "{status:?}\n{}", server.log());
        assert!(
            took < std::time::Duration::from_secs(4),
            "the stop took {took:?}: it waited for idle connections"
        );
        server.restart();
    }
}
