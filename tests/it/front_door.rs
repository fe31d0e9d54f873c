//! The front door in front of Rocket, also with TLS off: connections that never send a
//! complete request, or sit idle between requests, are closed after the idle timeout; one
//! client cannot hold more than its share of connections, so the open-file limit is never
//! reached and `/health/live` keeps answering; a quiet live stream stays open; and only
//! the front door can tell Rocket the client's address.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::member::Member;
use crate::common::{self, Client, PASSWORD, Server, metric};

/// How long a test waits for the server to close a connection (the idle timeout is 1 s).
const CLOSE_WITHIN: Duration = Duration::from_secs(15);

/// A connection from `source` (any address in 127.0.0.0/8) to the server's port.
fn connect_from(source: &str, port: u16) -> TcpStream {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket
            .bind(format!("{source}:0").parse::<SocketAddr>().unwrap())
            .unwrap();
        let connect = socket.connect(SocketAddr::from(([127, 0, 0, 1], port)));
        let stream = tokio::time::timeout(Duration::from_secs(10), connect)
            .await
            .expect("the server no longer takes connections (its backlog is full)")
            .unwrap();
        let std = stream.into_std().unwrap();
        std.set_nonblocking(false).unwrap();
        std
    })
}

/// Whether the server closed `stream` by `deadline` (a read sees the end or a reset);
/// anything the server sends first is returned.
fn closed_by(stream: &mut TcpStream, deadline: Instant) -> (bool, Vec<u8>) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (false, got);
        }
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(&mut buf) {
            Ok(0) => return (true, got),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return (false, got);
            }
            Err(_) => return (true, got),
        }
    }
}

/// `GET path` on a new connection from 127.0.0.1 that closes after the answer.
fn get(port: u16, path: &str) -> String {
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        tcp,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = tcp.read_to_string(&mut answer);
    answer
}

#[test]
fn silent_and_slow_connections_are_closed_and_health_keeps_answering_at_a_low_file_limit() {
    const SILENT: usize = 300;
    let server = Server::start_with(&[
        ("AISLE_IDLE_TIMEOUT_SECS", "1"),
        ("AISLE_MAX_CONNECTIONS_PER_CLIENT", "20"),
    ]);
    // Far fewer open files than the connections below, as under a low LimitNOFILE=.
    let status = Command::new("prlimit")
        .args(["--pid", &server.pid().to_string(), "--nofile=128"])
        .status()
        .expect("prlimit (util-linux)");
    assert!(status.success());

    // One client opens many connections and sends nothing.
    let mut silent: Vec<TcpStream> = (0..SILENT)
        .map(|_| connect_from("127.0.0.2", server.port))
        .collect();
    // Another trickles a request head, one byte at a time, never finishing it.
    let mut slow = connect_from("127.0.0.3", server.port);
    slow.write_all(b"G").unwrap();

    // Everyone else still gets in.
    let live = get(server.port, "/health/live");
    assert!(live.starts_with("HTTP/1.1 200"), "{live}");
    assert!(live.ends_with("ok"), "{live}");
    let open = metric(&server, "aisle_open_connections").expect("aisle_open_connections");
    assert!(
        (1.0..=23.0).contains(&open),
        "20 from the silent client at most, the slow one and this request: {open}"
    );
    let refused =
        metric(&server, "aisle_refused_connections_total").expect("aisle_refused_connections");
    assert!(
        refused >= 1.0,
        "connections past the cap are refused: {refused}"
    );

    // The slow client is cut off before its head is complete.
    let head = b"ET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: abcdefghijklmnop";
    let mut cut_off = false;
    for byte in head {
        if slow.write_all(&[*byte]).is_err() {
            cut_off = true;
            break;
        }
        let (closed, answer) = closed_by(&mut slow, Instant::now() + Duration::from_millis(250));
        assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
        if closed {
            cut_off = true;
            break;
        }
    }
    assert!(cut_off, "a head trickled over 18 s was never cut off");

    // Every silent connection is closed: refused at once, or after the idle timeout.
    let deadline = Instant::now() + CLOSE_WITHIN;
    for (n, tcp) in silent.iter_mut().enumerate() {
        let (closed, answer) = closed_by(tcp, deadline);
        assert!(closed, "silent connection {n} is still open");
        assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
    }
    let live = get(server.port, "/health/live");
    assert!(live.starts_with("HTTP/1.1 200"), "{live}");
}

#[test]
fn an_idle_keep_alive_is_closed_but_a_quiet_live_stream_stays_open() {
    let server = Server::start_with(&[("AISLE_IDLE_TIMEOUT_SECS", "1")]);
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");

    // A kept-alive connection answers, then is closed once idle.
    let mut kept = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(kept, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let (closed, answer) = closed_by(&mut kept, Instant::now() + CLOSE_WITHIN);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        !answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
    assert!(closed, "an idle keep-alive connection was never closed");

    // A live stream says hello, then nothing for several idle timeouts, and still gets
    // the next change.
    let mut sse = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        sse,
        "GET /api/v1/lists/{list}/events HTTP/1.1\r\nHost: localhost\r\n\
         Accept: text/event-stream\r\nAuthorization: Bearer {}\r\n\r\n",
        alice.token
    )
    .unwrap();
    let mut seen = read_until(&mut sse, "event:hello");
    assert!(seen.starts_with("HTTP/1.1 200"), "{seen}");
    thread::sleep(Duration::from_secs(4));
    alice.client.add_items(list, "milk");
    seen = read_until(&mut sse, "event:change");
    assert!(seen.contains("\"version\""), "{seen}");
}

/// Reads from `stream` until `needle` has arrived (bounded); returns what was read.
fn read_until(stream: &mut TcpStream, needle: &str) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    for _ in 0..100 {
        let text = String::from_utf8_lossy(&seen).into_owned();
        if text.contains(needle) {
            return text;
        }
        match stream.read(&mut buf) {
            Ok(0) => panic!("closed before {needle:?}: {text}"),
            Ok(n) => seen.extend_from_slice(&buf[..n]),
            Err(e) => panic!("no {needle:?} ({e}): {text}"),
        }
    }
    panic!("no {needle:?} in 100 reads");
}

/// Rocket's loopback port, as the server logged it (`rocket=127.0.0.1:PORT`).
fn rocket_port(server: &Server) -> u16 {
    let log = server.log();
    let at = log
        .find("rocket=127.0.0.1:")
        .unwrap_or_else(|| panic!("Rocket's address is not in the log:\n{log}"));
    log[at + "rocket=127.0.0.1:".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

/// Fails a login as a different unknown user each time, claiming a different address.
fn failed_logins(client: &Client, n: usize, tag: &str) -> Vec<u16> {
    (0..n)
        .map(|i| {
            let csrf = client.csrf_token();
            let user = format!("nobody-{tag}-{i}");
            let forged = format!("10.9.{}.{i}", tag.len());
            client
                .post_form_with(
                    "/login",
                    &[
                        ("csrf_token", csrf.as_str()),
                        ("username", user.as_str()),
                        ("password", "wrong-password-here"),
                    ],
                    &[
                        ("X-Real-IP", forged.as_str()),
                        ("X-Forwarded-For", forged.as_str()),
                        ("X-Aisle-Front-Door", "a-guess"),
                    ],
                )
                .status
        })
        .collect()
}

#[test]
fn no_one_but_the_front_door_sets_the_client_address() {
    let env = [("AISLE_LOGIN_MAX_FAILURES", "3")];
    // A local process talking to Rocket's loopback port directly: its forged addresses
    // are not believed, so its fourth failure is throttled by its real address.
    let server = Server::start_with(&env);
    let direct = Client::new(rocket_port(&server));
    assert_eq!(failed_logins(&direct, 4, "direct"), [401, 401, 401, 429]);
    // A client of the front door cannot forge one either (its headers are replaced).
    let server = Server::start_with(&env);
    let client = server.client();
    assert_eq!(failed_logins(&client, 4, "door"), [401, 401, 401, 429]);
    // It was the real address (127.0.0.1) that was throttled: a right password from it
    // waits too.
    common::add_user(&server, "alice", "Home", false, PASSWORD);
    let blocked = server.client().try_login("alice", PASSWORD);
    assert_eq!(blocked.status, 429, "{}", blocked.describe());
}
