//! Login throttling under attack — bursts of concurrent logins, many addresses guessing
//! one username, a flood of usernames from one address — against the real binary over
//! HTTP on loopback. A client is another address by binding its socket to another
//! 127.0.0.0/8 address before connecting; the server sees that address as the peer.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

use crate::common::*;

/// One login to send: from which loopback address, as whom, with which password.
struct Login {
    from: Ipv4Addr,
    username: String,
    password: String,
}

fn login(from: [u8; 4], username: &str, password: &str) -> Login {
    Login {
        from: Ipv4Addr::from(from),
        username: username.to_string(),
        password: password.to_string(),
    }
}

/// What the server answered a login.
#[derive(Debug)]
struct Answer {
    status: u16,
    retry_after: Option<u64>,
    session: bool,
}

/// A TCP connection to the server from the loopback address `from`.
fn connect_from(from: Ipv4Addr, port: u16) -> TcpStream {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .unwrap();
    let stream = runtime.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket
            .bind(SocketAddr::from((from, 0)))
            .unwrap_or_else(|e| panic!("bind {from}: {e}"));
        let stream = socket
            .connect(SocketAddr::from(([127, 0, 0, 1], port)))
            .await
            .unwrap();
        stream.into_std().unwrap()
    });
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    stream
}

fn parse_answer(raw: &[u8]) -> Answer {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap_or_default();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {text:?}"));
    let mut answer = Answer {
        status,
        retry_after: None,
        session: false,
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        if name == "retry-after" {
            answer.retry_after = value.parse().ok();
        }
        if name == "set-cookie" && value.starts_with("aisle_session=") {
            answer.session = !value.starts_with("aisle_session=;");
        }
    }
    answer
}

/// Sends all `logins` at once — each connected and written up to its last byte, then all
/// last bytes together — and returns the answers in the same order.
fn burst(server: &Server, logins: &[Login]) -> Vec<Answer> {
    let client = server.client();
    let csrf = client.csrf_token();
    let anon = client
        .cookie("aisle_csrf")
        .expect("the anonymous CSRF cookie");
    let port = server.port;
    let barrier = Arc::new(Barrier::new(logins.len()));
    let threads: Vec<_> = logins
        .iter()
        .map(|l| {
            let body = form_encode(&[
                ("csrf_token", csrf.as_str()),
                ("username", l.username.as_str()),
                ("password", l.password.as_str()),
            ]);
            let request = format!(
                "POST /login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
                 Origin: http://127.0.0.1:{port}\r\nCookie: aisle_csrf={anon}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes();
            let (from, barrier) = (l.from, Arc::clone(&barrier));
            thread::spawn(move || {
                let mut stream = connect_from(from, port);
                let (most, last) = request.split_at(request.len() - 1);
                stream.write_all(most).unwrap();
                barrier.wait();
                stream.write_all(last).unwrap();
                let mut raw = Vec::new();
                stream.read_to_end(&mut raw).unwrap();
                parse_answer(&raw)
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

/// One login on its own.
fn one(server: &Server, from: [u8; 4], username: &str, password: &str) -> Answer {
    burst(server, &[login(from, username, password)]).remove(0)
}

/// Asserts every answer is a judged login (401, 303) or a 429 with `Retry-After`, and
/// returns how many were judged — i.e. had their password hashed.
fn judged(answers: &[Answer]) -> usize {
    for a in answers {
        match a.status {
            401 | 303 => {}
            429 => {
                let wait = a.retry_after.expect("Retry-After on a 429");
                assert!(wait >= 1, "Retry-After {wait}");
                assert!(!a.session, "a session on a 429");
            }
            other => panic!("unexpected answer {other}: {a:?}"),
        }
    }
    answers.iter().filter(|a| a.status != 429).count()
}

/// The statuses of a burst, for assertion messages.
fn statuses(answers: &[Answer]) -> String {
    let codes: Vec<String> = answers.iter().map(|a| a.status.to_string()).collect();
    codes.join(" ")
}

fn sessions(server: &Server) -> i64 {
    db_count(server, "SELECT count(*) FROM sessions")
}

#[test]
fn a_burst_of_guesses_is_judged_no_more_than_the_limit_allows() {
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "3")]);
    add_user(&server, "alice", "Home", false, PASSWORD);
    // 39 wrong guesses and the right password, from one address, all at once.
    let mut logins: Vec<_> = (0..39)
        .map(|i| login([127, 0, 0, 1], "alice", &format!("wrong-guess-{i}")))
        .collect();
    logins.push(login([127, 0, 0, 1], "alice", PASSWORD));
    let answers = burst(&server, &logins);
    // A success gives its attempt back, so the right password can be judged besides the
    // three wrong ones; what the limit bounds is the wrong guesses.
    let judged = judged(&answers);
    let wrong = answers.iter().filter(|a| a.status == 401).count();
    let logged_in = answers.iter().filter(|a| a.status == 303).count();
    assert!(
        judged >= 1 && wrong <= 3 && logged_in <= 1,
        "{wrong} wrong guesses and {logged_in} right of 40 logins sent at once were judged; \
         the limit is 3 wrong: {}",
        statuses(&answers)
    );
    assert_eq!(sessions(&server), logged_in as i64);
    if logged_in == 0 {
        // The right password after the limit waits like any other, from anywhere.
        for from in [[127, 0, 0, 1], [127, 0, 0, 2]] {
            let late = one(&server, from, "alice", PASSWORD);
            assert_eq!(late.status, 429, "{late:?}");
            assert!(!late.session);
        }
        assert_eq!(sessions(&server), 0);
    }
}

#[test]
fn guesses_for_one_username_from_many_addresses_share_its_limit() {
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "3")]);
    add_user(&server, "alice", "Home", false, PASSWORD);
    // 12 addresses, two guesses each, all at once.
    let logins: Vec<_> = (0..24)
        .map(|i| {
            login(
                [127, 0, 1, 10 + i / 2],
                "alice",
                &format!("wrong-guess-{i}"),
            )
        })
        .collect();
    let answers = burst(&server, &logins);
    let judged = judged(&answers);
    assert!(
        (1..=3).contains(&judged),
        "{judged} guesses from 12 addresses were judged; the limit is 3: {}",
        statuses(&answers)
    );
    // The right password from a fresh address now waits too.
    let late = one(&server, [127, 0, 1, 99], "alice", PASSWORD);
    assert_eq!(late.status, 429, "{late:?}");
    assert!(!late.session);
    assert_eq!(sessions(&server), 0);
    // Another user is not affected.
    add_user(&server, "bob", "Home", false, PASSWORD);
    let bob = one(&server, [127, 0, 1, 100], "bob", PASSWORD);
    assert_eq!(bob.status, 303, "{bob:?}");
    assert!(bob.session);
}

#[test]
fn a_flood_of_usernames_from_one_address_does_not_lift_the_limit_of_others() {
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "3")]);
    add_user(&server, "alice", "Home", false, PASSWORD);
    // 60 different usernames from one address, all at once: only 3 are judged, so the
    // flood cannot fill the throttle's table.
    let flood: Vec<_> = (0..60)
        .map(|i| login([127, 0, 2, 1], &format!("ghost{i}"), "whatever-password"))
        .collect();
    let answers = burst(&server, &flood);
    let judged = judged(&answers);
    assert!(
        (1..=3).contains(&judged),
        "{judged} of a flood of 60 usernames were judged: {}",
        statuses(&answers)
    );
    // alice's limit still holds: three wrong guesses from three addresses, then even the
    // right password waits.
    for i in 0..3 {
        let guess = one(&server, [127, 0, 2, 10 + i], "alice", "wrong-password");
        assert_eq!(guess.status, 401, "guess {i}: {guess:?}");
    }
    let late = one(&server, [127, 0, 2, 20], "alice", PASSWORD);
    assert_eq!(late.status, 429, "{late:?}");
    assert_eq!(sessions(&server), 0);
}

#[test]
fn one_address_gets_only_a_few_logins_in_flight() {
    // A limit too high to matter: only the in-flight cap can refuse here.
    let server = Server::start_with(&[("AISLE_LOGIN_MAX_FAILURES", "1000")]);
    add_user(&server, "alice", "Home", false, PASSWORD);
    let flood: Vec<_> = (0..60)
        .map(|i| login([127, 0, 3, 1], &format!("ghost{i}"), "whatever-password"))
        .collect();
    let answers = burst(&server, &flood);
    let judged = judged(&answers);
    let refused: Vec<_> = answers.iter().filter(|a| a.status == 429).collect();
    assert!(
        !refused.is_empty(),
        "all {judged} logins sent at once from one address were hashed"
    );
    for a in &refused {
        assert_eq!(a.retry_after, Some(1), "refused for being in flight: {a:?}");
    }
    // Three at a time: with all 60 bodies arriving together, nearly all are refused before
    // the first hashes end (in practice exactly 3 are hashed). The bound leaves room for a
    // loaded machine; it is not a measure of time.
    assert!(
        (1..=20).contains(&judged),
        "{judged} of 60 hashed: {}",
        statuses(&answers)
    );
    // The slots all came back: the address can log in, and so can someone else.
    let again = one(&server, [127, 0, 3, 1], "alice", PASSWORD);
    assert_eq!(again.status, 303, "{again:?}");
    let other = one(&server, [127, 0, 3, 2], "alice", PASSWORD);
    assert_eq!(other.status, 303, "{other:?}");
}
