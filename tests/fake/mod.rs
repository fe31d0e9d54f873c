//! A fake Open Food Facts / Open Prices / picture host on loopback for the product tests.
//!
//! One `std::net::TcpListener` on 127.0.0.1:0 served by a thread; every connection gets its
//! own thread and one HTTP/1.1 exchange (`Connection: close`). What it answers is scripted per
//! path prefix (the longest matching prefix wins; unmatched paths answer 404), and it can be
//! re-scripted while running. Every request is recorded: path, query, when, User-Agent.
//!
//! Every thread it starts ends when the `Fake` is dropped (the accept loop and every
//! connection, hanging and trickling ones included, poll a stop flag); nothing waits forever.

#![allow(dead_code)]

pub mod home;
pub mod push;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A 1×1 PNG (valid signature, IHDR, IDAT and IEND with correct CRCs).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xdf, 0xc0, 0xf0,
    0x1f, 0x00, 0x06, 0x80, 0x02, 0x7f, 0x10, 0x4c, 0x1b, 0xe1, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Larger than aisle's 2 MiB cap on JSON answers.
pub const OVERSIZED_BYTES: usize = 3 * 1024 * 1024;

/// The longest any one connection thread lives, even if nobody stops it.
const MAX_CONNECTION_LIFE: Duration = Duration::from_secs(120);
/// How often blocked threads look at the stop flag.
const TICK: Duration = Duration::from_millis(20);

/// What the fake answers on a path prefix.
#[derive(Clone, Debug)]
pub enum Behaviour {
    /// This status with this JSON body.
    Json(u16, String),
    /// This status (500, 429…, with a short text body) for the first `n` requests to the
    /// prefix, then the inner behaviour.
    StatusThen(u16, usize, Box<Behaviour>),
    /// HTTP 500, always.
    Always500,
    /// Accepts the connection, reads the request and never answers.
    Hang,
    /// Headers at once, then the body one byte at a time, slowly.
    Trickle,
    /// HTTP 200 `application/json` that does not parse.
    Malformed,
    /// HTTP 200 `application/json` with a Content-Length of `OVERSIZED_BYTES` (more than
    /// aisle reads). The body is valid JSON (`[`, spaces, `]`): read whole, it would parse.
    Oversized,
    /// The same body chunked, so no length is declared up front.
    OversizedChunked,
    /// HTTP 200 `image/png` with `PNG`.
    Png,
}

impl Behaviour {
    pub fn json(body: Value) -> Behaviour {
        Behaviour::Json(200, body.to_string())
    }
}

/// One request the fake received.
#[derive(Clone, Debug)]
pub struct Request {
    pub path: String,
    pub query: String,
    pub at: Instant,
    pub user_agent: Option<String>,
}

struct Shared {
    routes: Mutex<Vec<(String, Behaviour)>>,
    requests: Mutex<Vec<Request>>,
    stop: AtomicBool,
    connections: Mutex<Vec<JoinHandle<()>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running fake. Stopped (and every thread joined) on drop.
pub struct Fake {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl Fake {
    /// Starts a fake answering `routes` (path prefix, behaviour).
    pub fn start(routes: &[(&str, Behaviour)]) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the fake's port");
        listener.set_nonblocking(true).expect("non-blocking accept");
        let addr = listener.local_addr().expect("fake address");
        let shared = Arc::new(Shared {
            routes: Mutex::new(
                routes
                    .iter()
                    .map(|(p, b)| (p.to_string(), b.clone()))
                    .collect(),
            ),
            requests: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
            connections: Mutex::new(Vec::new()),
        });
        let s = Arc::clone(&shared);
        let acceptor = thread::spawn(move || accept_loop(&listener, &s));
        Fake {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// An absolute URL on the fake (e.g. for `image_front_small_url`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    /// Scripts (or re-scripts) a path prefix.
    pub fn set(&self, prefix: &str, behaviour: Behaviour) {
        let mut routes = lock(&self.shared.routes);
        routes.retain(|(p, _)| p != prefix);
        routes.push((prefix.to_string(), behaviour));
    }

    /// Every request so far, in order of arrival.
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.shared.requests).clone()
    }

    /// How many requests had a path starting with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        lock(&self.shared.requests)
            .iter()
            .filter(|r| r.path.starts_with(prefix))
            .count()
    }

    /// Every request whatsoever.
    pub fn total(&self) -> usize {
        lock(&self.shared.requests).len()
    }

    /// The most requests to `prefix` within any `window` (a sliding window over arrivals).
    pub fn most_within(&self, prefix: &str, window: Duration) -> usize {
        let times: Vec<Instant> = lock(&self.shared.requests)
            .iter()
            .filter(|r| r.path.starts_with(prefix))
            .map(|r| r.at)
            .collect();
        (0..times.len())
            .map(|i| {
                times[i..]
                    .iter()
                    .take_while(|t| t.duration_since(times[i]) < window)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    /// Waits (bounded, about 10 s) until at least `n` requests reached `prefix`.
    pub fn wait_for(&self, prefix: &str, n: usize) -> bool {
        for _ in 0..500 {
            if self.count(prefix) >= n {
                return true;
            }
            thread::sleep(TICK);
        }
        false
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        let connections: Vec<JoinHandle<()>> = lock(&self.shared.connections).drain(..).collect();
        for c in connections {
            let _ = c.join();
        }
    }
}

fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    while !shared.stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let s = Arc::clone(shared);
                let handle = thread::spawn(move || serve(stream, &s));
                let mut connections = lock(&shared.connections);
                connections.retain(|h| !h.is_finished());
                connections.push(handle);
            }
            Err(_) => thread::sleep(Duration::from_millis(5)),
        }
    }
}

fn stopped(shared: &Shared, born: Instant) -> bool {
    shared.stop.load(Ordering::SeqCst) || born.elapsed() > MAX_CONNECTION_LIFE
}

/// Reads the request head (bounded by the stop flag); returns the request line and headers.
fn read_head(stream: &mut TcpStream, shared: &Shared, born: Instant) -> Option<String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    while !raw.windows(4).any(|w| w == b"\r\n\r\n") {
        if stopped(shared, born) || raw.len() > 64 * 1024 {
            return None;
        }
        match stream.read(&mut buf) {
            Ok(0) => return None,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if is_timeout(&e) => {}
            Err(_) => return None,
        }
    }
    Some(String::from_utf8_lossy(&raw).into_owned())
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

fn serve(mut stream: TcpStream, shared: &Shared) {
    let born = Instant::now();
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(TICK));
    let _ = stream.set_nodelay(true);
    let Some(head) = read_head(&mut stream, shared, born) else {
        return;
    };
    let mut lines = head.split("\r\n");
    let target = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .unwrap_or("/")
        .to_string();
    let user_agent = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("user-agent"))
        .map(|(_, v)| v.trim().to_string());
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (target.clone(), String::new()),
    };
    // Record, and find the behaviour with the number of earlier requests to its prefix.
    let behaviour = {
        let mut requests = lock(&shared.requests);
        let routes = lock(&shared.routes);
        let chosen = routes
            .iter()
            .filter(|(prefix, _)| path.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(prefix, b)| {
                let earlier = requests
                    .iter()
                    .filter(|r| r.path.starts_with(prefix.as_str()))
                    .count();
                (b.clone(), earlier)
            });
        requests.push(Request {
            path,
            query,
            at: Instant::now(),
            user_agent,
        });
        chosen
    };
    let (behaviour, earlier) = behaviour.unwrap_or((
        Behaviour::Json(
            404,
            json!({"status": 0, "status_verbose": "not found"}).to_string(),
        ),
        0,
    ));
    answer(&mut stream, shared, born, behaviour, earlier);
}

fn answer(
    stream: &mut TcpStream,
    shared: &Shared,
    born: Instant,
    behaviour: Behaviour,
    earlier: usize,
) {
    match behaviour {
        Behaviour::Json(status, body) => {
            respond(stream, status, "application/json", body.as_bytes());
        }
        Behaviour::StatusThen(status, n, then) => {
            if earlier < n {
                respond(stream, status, "text/plain", b"try again later");
            } else {
                answer(stream, shared, born, *then, earlier);
            }
        }
        Behaviour::Always500 => respond(stream, 500, "text/plain", b"internal error"),
        Behaviour::Hang => {
            // Hold the connection open without a byte until the client gives up (EOF) or
            // the test ends.
            let mut buf = [0u8; 512];
            while !stopped(shared, born) {
                match stream.read(&mut buf) {
                    Ok(0) => return,
                    Ok(_) => {}
                    Err(e) if is_timeout(&e) => {}
                    Err(_) => return,
                }
            }
        }
        Behaviour::Trickle => {
            let body =
                json!({"code": "0", "status": 1, "product": {"product_name": "slow"}}).to_string();
            let padded = format!("{body}{}", " ".repeat(10_000));
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                padded.len()
            );
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            for byte in padded.as_bytes() {
                if stopped(shared, born) || stream.write_all(&[*byte]).is_err() {
                    return;
                }
                let _ = stream.flush();
                thread::sleep(Duration::from_millis(200));
            }
        }
        Behaviour::Malformed => {
            respond(
                stream,
                200,
                "application/json",
                br#"{"code": "1", "status": 1, "product": {"product_name": "Half"#,
            );
        }
        Behaviour::Oversized => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {OVERSIZED_BYTES}\r\nConnection: close\r\n\r\n"
            );
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            for chunk in oversized_body().chunks(64 * 1024) {
                if stopped(shared, born) || stream.write_all(chunk).is_err() {
                    return;
                }
            }
        }
        Behaviour::OversizedChunked => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            for chunk in oversized_body().chunks(64 * 1024) {
                let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
                framed.extend_from_slice(chunk);
                framed.extend_from_slice(b"\r\n");
                if stopped(shared, born) || stream.write_all(&framed).is_err() {
                    return;
                }
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        }
        Behaviour::Png => respond(stream, 200, "image/png", PNG),
    }
}

/// `[`, spaces, `]`: `OVERSIZED_BYTES` of valid JSON.
fn oversized_body() -> Vec<u8> {
    let mut body = vec![b' '; OVERSIZED_BYTES];
    body[0] = b'[';
    body[OVERSIZED_BYTES - 1] = b']';
    body
}

fn respond(stream: &mut TcpStream, status: u16, content_type: &str, body: &[u8]) {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

// ---------------------------------------------------------------------------------------
// Answers in the shapes of issue 5.

/// Open Food Facts: a product found (`image` is an absolute URL or none).
pub fn off_found(
    code: &str,
    name: &str,
    brands: &str,
    quantity: &str,
    image: Option<&str>,
) -> Behaviour {
    let mut product = json!({"product_name": name, "brands": brands, "quantity": quantity});
    if let Some(url) = image {
        product["image_front_small_url"] = json!(url);
    }
    Behaviour::json(
        json!({"code": code, "status": 1, "status_verbose": "product found", "product": product}),
    )
}

/// Open Food Facts: no such product (HTTP `status`, usually 200 or 404).
pub fn off_not_found(status: u16) -> Behaviour {
    Behaviour::Json(
        status,
        json!({"status": 0, "status_verbose": "product not found"}).to_string(),
    )
}

/// Open Food Facts search: `{products: [...]}` from (code, name, brands).
pub fn off_search(products: &[(&str, &str, &str)]) -> Behaviour {
    let products: Vec<Value> = products
        .iter()
        .map(|(code, name, brands)| json!({"code": code, "product_name": name, "brands": brands}))
        .collect();
    Behaviour::json(json!({"count": products.len(), "page": 1, "products": products}))
}

/// Open Prices: `{items, page, pages, size, total}` from (id, price, currency, date, place).
pub fn open_prices(items: &[(i64, f64, &str, &str, &str)]) -> Behaviour {
    let items: Vec<Value> = items
        .iter()
        .map(|(id, price, currency, date, place)| {
            json!({"id": id, "price": price, "currency": currency, "date": date,
                   "location": {"osm_name": place}})
        })
        .collect();
    Behaviour::json(
        json!({"items": items, "page": 1, "pages": 1, "size": 50, "total": items.len()}),
    )
}

/// The environment pointing a server (or the CLI) at this fake.
pub fn lookup_env(fake: &Fake, timeout_ms: &str) -> Vec<(String, String)> {
    vec![
        ("AISLE_LOOKUPS".into(), "on".into()),
        ("AISLE_OFF_URL".into(), fake.base()),
        ("AISLE_OPEN_PRICES_URL".into(), fake.base()),
        ("AISLE_LOOKUP_TIMEOUT_MS".into(), timeout_ms.into()),
    ]
}

/// `lookup_env` as the `&[(&str, &str)]` the harness takes.
pub fn as_pairs(env: &[(String, String)]) -> Vec<(&str, &str)> {
    env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// GETs raw bytes with a session cookie (pictures are not text). Returns (status,
/// content type, bytes).
pub fn get_bytes(base: &str, path: &str, session: &str) -> (u16, String, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut resp = agent
        .get(format!("{base}{path}"))
        .header("Cookie", format!("aisle_session={session}"))
        .call()
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = resp
        .body_mut()
        .with_config()
        .limit(10 * 1024 * 1024)
        .read_to_vec()
        .expect("read the body");
    (status, ct, bytes)
}
