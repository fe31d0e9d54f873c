//! One Server-Sent Events subscriber on a raw socket: it sends the request, decodes the
//! chunked body, and timestamps every `change` event the moment its bytes arrive. Short
//! read timeouts let it notice `stop` and its deadline, so it never blocks for long.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[derive(Default)]
pub struct Subscriber {
    /// (list version of a `change` event, when it arrived).
    pub events: Vec<(i64, Instant)>,
    pub hello: bool,
    pub resyncs: u64,
    pub heartbeats: u64,
    pub error: Option<String>,
}

#[derive(serde::Deserialize)]
struct Change {
    version: i64,
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Subscribes to `list` and collects events until `stop` is set or `deadline` passes
/// (the latter is an error). `connected` is incremented once the `hello` event came.
pub fn subscribe(
    port: u16,
    list: i64,
    token: &str,
    stop: &AtomicBool,
    connected: &AtomicUsize,
    deadline: Instant,
) -> Subscriber {
    let mut sub = Subscriber::default();
    if let Err(e) = run(port, list, token, stop, connected, deadline, &mut sub) {
        sub.error = Some(e);
    }
    sub
}

fn run(
    port: u16,
    list: i64,
    token: &str,
    stop: &AtomicBool,
    connected: &AtomicUsize,
    deadline: Instant,
    sub: &mut Subscriber,
) -> Result<(), String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10))
        .map_err(|e| format!("connect: {e}"))?;
    s.set_nodelay(true).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .map_err(|e| e.to_string())?;
    s.set_write_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET /api/v1/lists/{list}/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .map_err(|e| format!("send: {e}"))?;

    let mut raw: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut payload: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut chunked: Option<bool> = None;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err("still running at the deadline".into());
        }
        let n = match s.read(&mut buf) {
            Ok(0) => return Err("the server closed the stream".into()),
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(e) => return Err(format!("read: {e}")),
        };
        let arrived = Instant::now();
        raw.extend_from_slice(&buf[..n]);
        if chunked.is_none() {
            let Some(end) = find(&raw, b"\r\n\r\n") else {
                continue;
            };
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            if !head.starts_with("http/1.1 200") {
                return Err(format!(
                    "status: {}",
                    head.lines().next().unwrap_or_default()
                ));
            }
            chunked = Some(head.contains("transfer-encoding: chunked"));
            raw.drain(..end + 4);
        }
        if chunked == Some(true) {
            loop {
                let Some(line_end) = find(&raw, b"\r\n") else {
                    break;
                };
                let size_text = String::from_utf8_lossy(&raw[..line_end]);
                let size_text = size_text.split(';').next().unwrap_or_default().trim();
                let size = usize::from_str_radix(size_text, 16)
                    .map_err(|_| format!("bad chunk size `{size_text}`"))?;
                if size == 0 {
                    return Err("the server ended the stream".into());
                }
                if raw.len() < line_end + 2 + size + 2 {
                    break;
                }
                payload.extend_from_slice(&raw[line_end + 2..line_end + 2 + size]);
                raw.drain(..line_end + 2 + size + 2);
            }
        } else {
            payload.append(&mut raw);
        }
        while let Some(end) = find(&payload, b"\n\n") {
            let block = String::from_utf8_lossy(&payload[..end]).replace('\r', "");
            payload.drain(..end + 2);
            handle(&block, arrived, sub, connected)?;
        }
    }
}

fn handle(
    block: &str,
    arrived: Instant,
    sub: &mut Subscriber,
    connected: &AtomicUsize,
) -> Result<(), String> {
    let mut event = "message";
    let mut data = String::new();
    let mut comment = false;
    for line in block.lines() {
        if let Some(v) = line.strip_prefix("event:") {
            event = v.trim();
        } else if let Some(v) = line.strip_prefix("data:") {
            data.push_str(v.trim_start());
        } else if line.starts_with(':') {
            comment = true;
        }
    }
    if data.is_empty() && comment {
        sub.heartbeats += 1;
        return Ok(());
    }
    match event {
        "hello" => {
            if !sub.hello {
                sub.hello = true;
                connected.fetch_add(1, Ordering::Relaxed);
            }
        }
        "change" => {
            let change: Change = serde_json::from_str(&data)
                .map_err(|e| format!("bad change event ({e}): {data:.200}"))?;
            sub.events.push((change.version, arrived));
        }
        "resync" => sub.resyncs += 1,
        other => return Err(format!("unexpected event `{other}`")),
    }
    Ok(())
}
