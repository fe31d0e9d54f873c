//! Live updates over Server-Sent Events, read from raw TCP sockets against a real server:
//! the hello, one change event per committed change (pages, API, ops) carrying only the
//! list's new version (a phone asks `changes?since=` for the rest), many subscribers,
//! cleanup of subscribers that went away, and 404 for another household's list.
//!
//! Every read has a timeout and every loop a bound; nothing measures time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::member::Member;
use crate::common::*;
use serde_json::{Value, json};

/// How long one socket read may block before the test gives up.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// An HTTP response head read off a raw socket.
struct Head {
    status: u16,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One Server-Sent Event.
#[derive(Debug)]
struct Event {
    name: String,
    data: String,
}

impl Event {
    fn json(&self) -> Value {
        serde_json::from_str(&self.data)
            .unwrap_or_else(|e| panic!("event data is not JSON ({e}): {:?}", self.data))
    }
}

/// An open event stream on a raw socket: decodes chunked transfer encoding and parses
/// `event:`/`data:` fields; comments (heartbeats) are skipped.
struct Sse {
    reader: BufReader<TcpStream>,
    chunked: bool,
    /// Decoded body bytes not yet parsed into events.
    pending: Vec<u8>,
    /// The largest chunk of the chunked body so far.
    largest_chunk: usize,
}

/// How a raw request authenticates.
enum Auth<'a> {
    Bearer(&'a str),
    Cookie(&'a str),
    None,
}

/// Connects and sends `GET path`; returns the response head and the reader.
fn request(port: u16, path: &str, auth: &Auth<'_>) -> (Head, BufReader<TcpStream>) {
    let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(READ_TIMEOUT)).unwrap();
    stream.set_write_timeout(Some(READ_TIMEOUT)).unwrap();
    let auth = match auth {
        Auth::Bearer(token) => format!("Authorization: Bearer {token}\r\n"),
        Auth::Cookie(cookie) => format!("Cookie: {cookie}\r\n"),
        Auth::None => String::new(),
    };
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\
         Cache-Control: no-cache\r\n{auth}\r\n"
    );
    (&stream)
        .write_all(request.as_bytes())
        .expect("send request");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).expect("read the status line");
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {line:?}"));
    let mut headers = Vec::new();
    for _ in 0..100 {
        line.clear();
        reader.read_line(&mut line).expect("read a header");
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            return (Head { status, headers }, reader);
        }
        let (k, v) = trimmed.split_once(':').expect("a header line");
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    panic!("too many headers");
}

impl Sse {
    /// Opens the list's event stream and asserts it is one.
    fn open(port: u16, list: i64, auth: &Auth<'_>) -> Sse {
        let (head, reader) = request(port, &format!("/api/v1/lists/{list}/events"), auth);
        assert_eq!(head.status, 200, "events: {:?}", head.headers);
        assert!(
            head.header("content-type")
                .is_some_and(|c| c.starts_with("text/event-stream")),
            "{:?}",
            head.headers
        );
        let chunked = head
            .header("transfer-encoding")
            .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
        Sse {
            reader,
            chunked,
            pending: Vec::new(),
            largest_chunk: 0,
        }
    }

    /// Opens the stream and reads its `hello`; returns the stream and the hello's version.
    fn hello(port: u16, list: i64, auth: &Auth<'_>) -> (Sse, i64) {
        let mut sse = Sse::open(port, list, auth);
        let hello = sse.next_event();
        assert_eq!(hello.name, "hello", "{hello:?}");
        let version = hello.json()["version"]
            .as_i64()
            .unwrap_or_else(|| panic!("hello without a version: {hello:?}"));
        (sse, version)
    }

    /// Reads more of the body into `pending`; false at the end of the stream.
    fn fill(&mut self) -> bool {
        if self.chunked {
            let mut line = String::new();
            self.reader
                .read_line(&mut line)
                .expect("read a chunk size (timed out?)");
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap(), 16)
                .unwrap_or_else(|_| panic!("bad chunk size line {line:?}"));
            if size == 0 {
                return false;
            }
            let mut chunk = vec![0; size + 2];
            self.reader
                .read_exact(&mut chunk)
                .expect("read a chunk (timed out?)");
            assert_eq!(&chunk[size..], b"\r\n", "chunk ends with CRLF");
            self.largest_chunk = self.largest_chunk.max(size);
            self.pending.extend_from_slice(&chunk[..size]);
            true
        } else {
            let mut buf = [0; 8192];
            let n = self.reader.read(&mut buf).expect("read (timed out?)");
            self.pending.extend_from_slice(&buf[..n]);
            n > 0
        }
    }

    /// The next event that has a name or data (comments are skipped). Panics when the
    /// stream ends or no event comes within the read timeout.
    fn next_event(&mut self) -> Event {
        for _ in 0..10_000 {
            if let Some(end) = find(&self.pending, b"\n\n") {
                let block: Vec<u8> = self.pending.drain(..end + 2).collect();
                let text = String::from_utf8(block).expect("UTF-8 event");
                let mut name = String::new();
                let mut data: Vec<&str> = Vec::new();
                for line in text.lines() {
                    if line.starts_with(':') || line.is_empty() {
                        continue;
                    }
                    let (field, value) = line.split_once(':').unwrap_or((line, ""));
                    let value = value.strip_prefix(' ').unwrap_or(value);
                    match field {
                        "event" => name = value.to_string(),
                        "data" => data.push(value),
                        _ => {}
                    }
                }
                if name.is_empty() && data.is_empty() {
                    continue;
                }
                if name.is_empty() {
                    name = "message".into();
                }
                return Event {
                    name,
                    data: data.join("\n"),
                };
            }
            assert!(self.fill(), "the event stream ended");
        }
        panic!("no event after 10,000 reads");
    }

    /// The version the next `change` event announces, checking that `by` made it; the
    /// event says nothing else.
    fn next_change(&mut self, by: &str) -> i64 {
        let event = self.next_event();
        assert_eq!(event.name, "change", "{event:?}");
        let data = event.json();
        let version = data["version"]
            .as_i64()
            .unwrap_or_else(|| panic!("no version in {data}"));
        assert_eq!(
            data,
            json!({ "version": version, "by": by }),
            "only the version and who"
        );
        version
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads a raw response body (Content-Length) after `request`.
fn read_body(head: &Head, reader: &mut BufReader<TcpStream>) -> String {
    let len: usize = head
        .header("content-length")
        .and_then(|l| l.parse().ok())
        .expect("a Content-Length");
    let mut body = vec![0; len];
    reader.read_exact(&mut body).expect("read the body");
    String::from_utf8(body).unwrap()
}

/// The value of a gauge (no labels) on /metrics.
fn gauge(server: &Server, name: &str) -> i64 {
    metric(server, name).unwrap_or_else(|| panic!("no {name} in /metrics")) as i64
}

/// The items of `list` changed after version `since`, as a phone asks for them after an
/// event.
fn changes(member: &Member, list: i64, since: i64) -> Vec<Value> {
    member.changes(list, since)["items"]
        .as_array()
        .unwrap()
        .clone()
}

/// The one item named `name` among `items`.
fn changed<'a>(items: &'a [Value], name: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("{name:?} is not among the changes {items:?}"))
}

#[test]
fn a_change_from_a_page_the_api_or_ops_is_pushed_over_a_real_socket() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let bob = Member::new(&server, "bob", "Home");
    let list = alice.client.create_list("Weekly");
    alice
        .client
        .add_items(list, "2 cups milk, 1 loaf bread, 3 eggs");
    let v0 = alice.version(list);

    // Bob's phone listens with his token; Alice's browser with her session cookie.
    let (mut phone, hello) = Sse::hello(server.port, list, &Auth::Bearer(&bob.token));
    assert_eq!(hello, v0);
    let cookie = format!(
        "aisle_session={}",
        alice.client.cookie("aisle_session").unwrap()
    );
    let (mut browser, hello) = Sse::hello(server.port, list, &Auth::Cookie(&cookie));
    assert_eq!(hello, v0);

    // Alice checks milk through the page's form.
    let milk = alice.item_id(list, "milk");
    alice
        .client
        .submit(&format!("/lists/{list}/items/{milk}/check"), &[])
        .redirected();
    let v1 = alice.version(list);
    for stream in [&mut phone, &mut browser] {
        assert_eq!(stream.next_change("alice"), v1);
    }
    let items = changes(&bob, list, v0);
    assert_eq!(items.len(), 1, "only what changed: {items:?}");
    assert_eq!(items[0]["id"], milk);
    assert_eq!(items[0]["checked"], true);

    // Bob adds through the API.
    let resp = bob.client.api_post_json(
        &format!("/api/v1/lists/{list}/items"),
        &bob.token,
        &json!({"text": "4 apples"}),
    );
    assert_eq!(resp.status, 201, "{}", resp.describe());
    let v2 = resp.json()["version"].as_i64().unwrap();
    for stream in [&mut phone, &mut browser] {
        assert_eq!(stream.next_change("bob"), v2);
    }
    assert_eq!(changed(&changes(&bob, list, v1), "apples")["quantity"], 4.0);

    // A replayed batch and a refused batch change nothing, so they send nothing: the next
    // event is the next real change, and it starts where the last one ended.
    let bread = alice.item_id(list, "bread");
    let batch = json!([
        {"op_id": "e1", "kind": "edit", "item_id": bread, "fields": {"note": "rye"}},
        {"op_id": "d1", "kind": "delete", "item_id": "op:nothing"},
    ]);
    let refused = alice.client.api_post_json(
        &format!("/api/v1/lists/{list}/ops"),
        &alice.token,
        &json!({ "ops": batch }),
    );
    assert_eq!(refused.status, 404, "{}", refused.describe());
    let batch = json!([
        {"op_id": "e1", "kind": "edit", "item_id": bread, "fields": {"note": "rye"}},
        {"op_id": "d1", "kind": "delete", "item_id": milk},
    ]);
    let applied = alice.ops(list, batch.clone());
    let v3 = applied["version"].as_i64().unwrap();
    assert_eq!(v3, v2 + 2);
    for stream in [&mut phone, &mut browser] {
        assert_eq!(
            stream.next_change("alice"),
            v3,
            "one event for the whole batch, none for the refused one"
        );
    }
    let items = changes(&alice, list, v2);
    assert_eq!(changed(&items, "bread")["note"], "rye");
    assert_eq!(changed(&items, "milk")["deleted"], true, "tombstones too");
    assert_eq!(items.len(), 2);
    assert_eq!(alice.ops(list, batch)["version"], v3, "replayed");
    let eggs = alice.item_id(list, "eggs");
    let last = bob.ops(
        list,
        json!([{"op_id": "c-eggs", "kind": "check", "item_id": eggs}]),
    );
    for stream in [&mut phone, &mut browser] {
        assert_eq!(
            stream.next_change("bob"),
            last["version"].as_i64().unwrap(),
            "nothing was sent for the replay"
        );
    }
    assert_eq!(v3 + 1, last["version"].as_i64().unwrap());
    assert_eq!(changed(&changes(&bob, list, v3), "eggs")["checked"], true);

    // Changes to another list of the household are not sent here.
    let other = alice.client.create_list("Party");
    alice.client.add_items(other, "crisps");
    alice.client.add_items(list, "butter");
    let v4 = alice.version(list);
    assert_eq!(v4, last["version"].as_i64().unwrap() + 1);
    for stream in [&mut phone, &mut browser] {
        assert_eq!(
            stream.next_change("alice"),
            v4,
            "the other list's change is not sent"
        );
    }
    assert_eq!(gauge(&server, "aisle_live_subscribers"), 2);
    assert_eq!(gauge(&server, "aisle_live_lists"), 1);
}

#[test]
fn two_hundred_subscribers_all_receive_one_change() {
    const SUBSCRIBERS: usize = 200;
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");
    alice.client.add_items(list, "milk");
    let v0 = alice.version(list);
    let mut streams = Vec::with_capacity(SUBSCRIBERS);
    for _ in 0..SUBSCRIBERS {
        let (sse, hello) = Sse::hello(server.port, list, &Auth::Bearer(&alice.token));
        assert_eq!(hello, v0);
        streams.push(sse);
    }
    assert_eq!(gauge(&server, "aisle_live_subscribers"), SUBSCRIBERS as i64);
    assert_eq!(gauge(&server, "aisle_live_lists"), 1);

    let milk = alice.item_id(list, "milk");
    let body = alice.ops(
        list,
        json!([{"op_id": "check-milk", "kind": "check", "item_id": milk}]),
    );
    let version = body["version"].as_i64().unwrap();
    assert_eq!(version, v0 + 1);
    for (n, sse) in streams.iter_mut().enumerate() {
        assert_eq!(sse.next_change("alice"), version, "subscriber {n}");
    }

    // A second change reaches them all as well, in order.
    alice.client.add_items(list, "bread");
    let v2 = alice.version(list);
    for (n, sse) in streams.iter_mut().enumerate() {
        assert_eq!(sse.next_change("alice"), v2, "subscriber {n}");
    }
    drop(streams);
}

/// The server streams events through a 1 KiB buffer (memory per subscriber). A big change
/// (a pasted list) is still one small event; the phone reads the items from
/// `changes?since=`.
#[test]
fn a_big_change_is_one_small_event_and_its_items_come_from_changes() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Party");
    let (mut sse, v0) = Sse::hello(server.port, list, &Auth::Bearer(&alice.token));
    let names: Vec<String> = (b'a'..=b'z')
        .flat_map(|a| [b'a', b'b'].map(|b| format!("party snack {}{}", a as char, b as char)))
        .take(40)
        .collect();
    alice.client.add_items(list, &names.join("\n"));
    let event = sse.next_event();
    assert_eq!(event.name, "change", "{event:?}");
    assert!(
        event.data.len() < 64,
        "{} bytes: {}",
        event.data.len(),
        event.data
    );
    assert!(sse.chunked, "an event stream is chunked");
    assert!(
        sse.largest_chunk <= 1024,
        "chunks of at most 1 KiB, not {}",
        sse.largest_chunk
    );
    assert_eq!(event.json()["version"], alice.version(list));
    let items = changes(&alice, list, v0);
    for name in &names {
        assert_eq!(changed(&items, name)["checked"], false, "{name}");
    }
}

/// Opens `n` event streams one after another, reads each one's `hello`, and closes it.
fn connect_and_leave(port: u16, list: i64, token: &str, n: usize) {
    for _ in 0..n {
        let (sse, _) = Sse::hello(port, list, &Auth::Bearer(token));
        drop(sse);
    }
}

/// Polls (bounded: about 20 s) until both live gauges are 0; returns how many polls it took.
fn wait_for_no_subscribers(server: &Server) -> usize {
    for poll in 1..=200 {
        let subscribers = gauge(server, "aisle_live_subscribers");
        let lists = gauge(server, "aisle_live_lists");
        if subscribers == 0 && lists == 0 {
            return poll;
        }
        thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "subscribers were not cleaned up: aisle_live_subscribers {} aisle_live_lists {}",
        gauge(server, "aisle_live_subscribers"),
        gauge(server, "aisle_live_lists")
    );
}

/// The resident memory of a process in KiB (Linux), for the record.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// Threads of a process (Linux), for the record.
fn threads(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|v| v.trim().parse().ok())
}

#[test]
fn subscribers_that_go_away_are_cleaned_up() {
    // 10,000 cycles take about 10 s in a debug build (2 CPUs, other tests running).
    const CYCLES: usize = 10_000;
    const THREADS: usize = 4;
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");
    alice.client.add_items(list, "milk");
    // A warm-up round, so the memory figures below start from a server that has streamed.
    connect_and_leave(server.port, list, &alice.token, 200);
    alice.client.add_items(list, "warm-up");
    wait_for_no_subscribers(&server);
    let rss_before = rss_kib(server.pid());
    let threads_before = threads(server.pid());

    // The server closes the socket of a phone that went away at once, but the stream's
    // task (and its subscription) only learns of it when it next writes: at the next
    // change or heartbeat. Until then it is still counted.
    let started = Instant::now();
    thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| connect_and_leave(server.port, list, &alice.token, CYCLES / THREADS));
        }
    });
    let cycled = started.elapsed();
    let left = gauge(&server, "aisle_live_subscribers");

    // A change makes every stream write, so the server notices the dead ones.
    alice.client.add_items(list, "bread");
    let polls = wait_for_no_subscribers(&server);
    let rss_after = rss_kib(server.pid());
    let threads_after = threads(server.pid());
    eprintln!(
        "subscriber cleanup: {CYCLES} connect/hello/close cycles in {THREADS} threads took \
         {cycled:?}; {left} subscribers were still counted before the change; gauges at 0 \
         after {polls} poll(s); server RSS {rss_before:?} KiB -> {rss_after:?} KiB; \
         threads {threads_before:?} -> {threads_after:?}"
    );

    // The list still works live afterwards.
    let (mut sse, hello) = Sse::hello(server.port, list, &Auth::Bearer(&alice.token));
    assert_eq!(hello, alice.version(list));
    alice.client.add_items(list, "eggs");
    assert_eq!(sse.next_change("alice"), hello + 1);
    assert_eq!(
        changed(&changes(&alice, list, hello), "eggs")["deleted"],
        false
    );
    assert_eq!(gauge(&server, "aisle_live_subscribers"), 1);
    drop(sse);
    alice.client.add_items(list, "butter");
    wait_for_no_subscribers(&server);
}

#[test]
fn an_open_stream_ends_cleanly_when_the_server_stops() {
    let mut server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");
    let (mut sse, _) = Sse::hello(server.port, list, &Auth::Bearer(&alice.token));
    let status = server.terminate();
    assert!(status.success(), "{status:?}\n{}", server.log());
    // The stream's last chunk arrived: it was ended, not cut off with the process (a cut
    // stream reads as an empty chunk-size line, which `fill` refuses).
    let ended = (0..100).any(|_| !sse.fill());
    assert!(ended, "the stream did not end");
    assert!(
        !server.log().contains("still open after"),
        "the stream held the shutdown: {}",
        server.log()
    );
}

#[test]
fn another_household_and_strangers_cannot_listen() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let carol = Member::new(&server, "carol", "Next door");
    let list = alice.client.create_list("Weekly");
    alice.client.add_items(list, "milk");
    let before = snapshot(&server);
    let path = format!("/api/v1/lists/{list}/events");

    let carol_cookie = format!(
        "aisle_session={}",
        carol.client.cookie("aisle_session").unwrap()
    );
    for (auth, status, what) in [
        (Auth::Bearer(&carol.token), 404, "another household's token"),
        (
            Auth::Cookie(&carol_cookie),
            404,
            "another household's session",
        ),
        (Auth::None, 401, "no auth"),
        (
            Auth::Bearer("not-a-real-token-not-a-real-token"),
            401,
            "a wrong token",
        ),
    ] {
        let (head, mut reader) = request(server.port, &path, &auth);
        assert_eq!(head.status, status, "{what}: {:?}", head.headers);
        assert_eq!(
            head.header("content-type"),
            Some("application/problem+json"),
            "{what}"
        );
        let body: Value = serde_json::from_str(&read_body(&head, &mut reader)).unwrap();
        assert_eq!(body["status"], status, "{what}: {body}");
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{what}: {body}"
        );
        assert!(!body.to_string().contains("milk"), "{what}");
    }
    // A list that does not exist looks the same as another household's.
    let (head, _) = request(
        server.port,
        "/api/v1/lists/9999/events",
        &Auth::Bearer(&carol.token),
    );
    assert_eq!(head.status, 404);

    // Refused listeners leave no subscription behind.
    assert_eq!(gauge(&server, "aisle_live_subscribers"), 0);
    assert_eq!(gauge(&server, "aisle_live_lists"), 0);
    assert_eq!(snapshot(&server), before, "nothing changed");

    // Carol's own list streams fine, and Alice's changes never show there.
    let carols = carol.client.create_list("Carol's");
    let (mut sse, hello) = Sse::hello(server.port, carols, &Auth::Bearer(&carol.token));
    alice.client.add_items(list, "bread");
    carol.client.add_items(carols, "tea");
    assert_eq!(
        sse.next_change("carol"),
        hello + 1,
        "Carol's change, not Alice's"
    );
    let items = changes(&carol, carols, hello);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["name"], "tea");
}
