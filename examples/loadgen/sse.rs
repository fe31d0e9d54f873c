//! The SSE fan-out scenario: subscribers on raw sockets, all on one tokio thread (a
//! thousand OS threads would compete with the server for the two cores and blur the
//! timings), while a writer makes changes. Each subscriber sends its request, decodes the
//! chunked body and timestamps every `change` event the moment its bytes arrive. Every
//! subscriber ends at `stop` or at its deadline.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::load::{self, Latency, Request};
use super::procfs;
use super::report::Sse;
use super::scenarios::{Meter, Target, send_op};
use super::{Household, TIMEOUT, client};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;

#[derive(Default)]
pub struct Subscriber {
    /// (list version of a `change` event, when it arrived).
    pub events: Vec<(i64, Instant)>,
    pub hello: bool,
    pub resyncs: u64,
    pub heartbeats: u64,
    pub error: Option<String>,
}

/// What the subscribers share with whoever drives them.
pub struct Fleet {
    pub port: u16,
    pub list: i64,
    pub token: String,
    /// Subscribers that got their `hello`.
    pub connected: AtomicUsize,
    /// Subscribers that ended (at `stop`, or on an error).
    pub finished: AtomicUsize,
    /// Set once every subscriber was started and had its chance to connect.
    pub started: AtomicUsize,
}

#[derive(serde::Deserialize)]
struct Change {
    version: i64,
}

/// Where `needle` first occurs in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Runs `n` subscribers on a current-thread runtime until `stop` turns true or `deadline`
/// passes. Connects them in batches of 50, each batch given up to 30 s to say hello.
pub fn run_fleet(
    fleet: Arc<Fleet>,
    n: usize,
    stop: watch::Receiver<bool>,
    deadline: Instant,
) -> Vec<Subscriber> {
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            fleet.started.store(n, Ordering::SeqCst);
            return vec![Subscriber {
                error: Some(format!("no tokio runtime: {e}")),
                ..Subscriber::default()
            }];
        }
    };
    rt.block_on(async move {
        let mut tasks = Vec::with_capacity(n);
        for i in 0..n {
            let (mine, stop) = (Arc::clone(&fleet), stop.clone());
            tasks.push(tokio::spawn(async move {
                let mut sub = Subscriber::default();
                if let Err(e) = subscribe(&mine, stop, deadline, &mut sub).await {
                    sub.error = Some(e);
                }
                mine.finished.fetch_add(1, Ordering::SeqCst);
                sub
            }));
            if (i + 1).is_multiple_of(50) || i + 1 == n {
                let until = Instant::now() + Duration::from_secs(30);
                while fleet.connected.load(Ordering::SeqCst) + fleet.finished.load(Ordering::SeqCst)
                    < i + 1
                    && Instant::now() < until
                {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
            }
        }
        fleet.started.store(n, Ordering::SeqCst);
        let mut subs = Vec::with_capacity(n);
        for t in tasks {
            subs.push(t.await.unwrap_or_else(|e| Subscriber {
                error: Some(format!("a subscriber task failed: {e}")),
                ..Subscriber::default()
            }));
        }
        subs
    })
}

async fn subscribe(
    fleet: &Fleet,
    mut stop: watch::Receiver<bool>,
    deadline: Instant,
    sub: &mut Subscriber,
) -> Result<(), String> {
    let connect = TcpStream::connect(("127.0.0.1", fleet.port));
    let mut s = tokio::time::timeout(Duration::from_secs(10), connect)
        .await
        .map_err(|_| "connect: timed out".to_string())?
        .map_err(|e| format!("connect: {e}"))?;
    s.set_nodelay(true).map_err(|e| e.to_string())?;
    let request = format!(
        "GET /api/v1/lists/{}/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\
         Authorization: Bearer {}\r\nAccept: text/event-stream\r\n\r\n",
        fleet.list, fleet.port, fleet.token
    );
    s.write_all(request.as_bytes())
        .await
        .map_err(|e| format!("send: {e}"))?;

    let mut decoder = Decoder::default();
    let mut buf = vec![0u8; 8 * 1024];
    let end = tokio::time::Instant::from_std(deadline);
    loop {
        if *stop.borrow() {
            return Ok(());
        }
        let n = tokio::select! {
            read = s.read(&mut buf) => read.map_err(|e| format!("read: {e}"))?,
            _ = stop.changed() => return Ok(()),
            _ = tokio::time::sleep_until(end) => return Err("still running at the deadline".into()),
        };
        if n == 0 {
            return Err("the server closed the stream".into());
        }
        decoder.feed(&buf[..n], Instant::now(), sub, &fleet.connected)?;
    }
}

/// The response head, then the chunked body, then SSE blocks.
#[derive(Default)]
struct Decoder {
    raw: Vec<u8>,
    payload: Vec<u8>,
    /// `None` until the head was read; then whether the body is chunked.
    chunked: Option<bool>,
}

impl Decoder {
    fn feed(
        &mut self,
        bytes: &[u8],
        arrived: Instant,
        sub: &mut Subscriber,
        connected: &AtomicUsize,
    ) -> Result<(), String> {
        self.raw.extend_from_slice(bytes);
        if self.chunked.is_none() {
            let Some(end) = find(&self.raw, b"\r\n\r\n") else {
                return Ok(());
            };
            let head = String::from_utf8_lossy(&self.raw[..end]).to_ascii_lowercase();
            if !head.starts_with("http/1.1 200") {
                return Err(format!(
                    "status: {}",
                    head.lines().next().unwrap_or_default()
                ));
            }
            self.chunked = Some(head.contains("transfer-encoding: chunked"));
            self.raw.drain(..end + 4);
        }
        if self.chunked == Some(true) {
            while let Some(line_end) = find(&self.raw, b"\r\n") {
                let size_text = String::from_utf8_lossy(&self.raw[..line_end]);
                let size_text = size_text.split(';').next().unwrap_or_default().trim();
                let size = usize::from_str_radix(size_text, 16)
                    .map_err(|_| format!("bad chunk size `{size_text}`"))?;
                if size == 0 {
                    return Err("the server ended the stream".into());
                }
                if self.raw.len() < line_end + 2 + size + 2 {
                    break;
                }
                self.payload
                    .extend_from_slice(&self.raw[line_end + 2..line_end + 2 + size]);
                self.raw.drain(..line_end + 2 + size + 2);
            }
        } else {
            self.payload.append(&mut self.raw);
        }
        while let Some(end) = find(&self.payload, b"\n\n") {
            let block = String::from_utf8_lossy(&self.payload[..end]).replace('\r', "");
            self.payload.drain(..end + 2);
            handle(&block, arrived, sub, connected)?;
        }
        Ok(())
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
                connected.fetch_add(1, Ordering::SeqCst);
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

/// `sse_subscribers` streams on `list` (served on `port`) while a writer checks and
/// unchecks its `items` at `sse_rate` changes a second.
pub(super) fn sse_fanout(
    t: &Target<'_>,
    port: u16,
    household: &Household,
    list: i64,
    items: &[i64],
) -> Sse {
    let (sc, base, pid, ticks, tag) = (t.scale, t.base, t.pid, t.ticks, t.tag);
    let n = sc.sse_subscribers;
    let fleet = Arc::new(Fleet {
        port,
        list,
        token: household.auth.trim_start_matches("Bearer ").to_string(),
        connected: AtomicUsize::new(0),
        finished: AtomicUsize::new(0),
        started: AtomicUsize::new(0),
    });
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let deadline = Instant::now() + Duration::from_secs(180) + sc.sse_time;
    let versions: Mutex<Vec<(i64, Instant)>> = Mutex::new(Vec::new());
    let mut out = Sse {
        subscribers: n,
        changes_per_s: sc.sse_rate,
        server_vmrss_start_kb: procfs::memory_kb(pid).0,
        server_memory_start: procfs::memory(pid),
        ..Sse::default()
    };
    let meter = Meter::start(pid, ticks);
    let t_connect = Instant::now();
    let (subs, writes) = thread::scope(|scope| {
        let runner = {
            let fleet = Arc::clone(&fleet);
            scope.spawn(move || run_fleet(fleet, n, stop_rx, deadline))
        };
        // Every batch gets 30 s at most; n / 50 batches.
        let until = Instant::now() + Duration::from_secs(30 * (n as u64 / 50 + 1));
        while fleet.started.load(Ordering::SeqCst) < n
            && !runner.is_finished()
            && Instant::now() < until
        {
            thread::sleep(Duration::from_millis(10));
        }
        out.connected = fleet.connected.load(Ordering::SeqCst);
        out.connect_s = load::round3(t_connect.elapsed().as_secs_f64());
        out.server_vmrss_connected_kb = procfs::memory_kb(pid).0;
        out.server_memory_connected = procfs::memory(pid);
        let writer_make = |_w: usize| -> Request<'_> {
            let agent = client::agent(TIMEOUT);
            let versions = &versions;
            Box::new(move |i| {
                let sent = Instant::now();
                let v = send_op(
                    &agent,
                    base,
                    &household.auth,
                    list,
                    items,
                    &format!("{tag}-s{i}"),
                    i,
                )?;
                versions
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((v, sent));
                Ok(())
            })
        };
        let writes = load::open_loop(
            sc.sse_rate,
            sc.sse_time,
            4,
            None,
            Instant::now() + Duration::from_millis(50),
            &writer_make,
        );
        thread::sleep(sc.sse_drain);
        let _ = stop_tx.send(true);
        let subs = runner.join().unwrap_or_else(|_| {
            vec![Subscriber {
                error: Some("the subscriber thread panicked".into()),
                ..Subscriber::default()
            }]
        });
        (subs, writes)
    });
    let versions = versions.into_inner().unwrap_or_else(|e| e.into_inner());
    let sent: std::collections::HashMap<i64, Instant> = versions.iter().copied().collect();
    out.changes = versions.len() as u64;
    out.writer_s = load::round3(writes.elapsed.as_secs_f64());
    out.usage = meter.finish(out.changes);
    let mut lat = Vec::new();
    let mut errors = Vec::new();
    let mut healthy = 0u64;
    for s in &subs {
        out.resyncs += s.resyncs;
        if let Some(e) = &s.error {
            errors.push(e.clone());
        } else if s.hello {
            healthy += 1;
        }
        for (v, at) in &s.events {
            if let Some(t0) = sent.get(v) {
                lat.push(
                    u64::try_from(at.saturating_duration_since(*t0).as_micros())
                        .unwrap_or(u64::MAX),
                );
            }
        }
    }
    out.subscriber_errors = errors.len() as u64 + writes.errors;
    errors.extend(writes.error_samples.iter().cloned());
    errors.truncate(5);
    out.subscriber_error_samples = errors;
    out.expected_deliveries = healthy * out.changes;
    out.delivered = lat.len() as u64;
    out.missing = out.expected_deliveries.saturating_sub(out.delivered);
    out.change_to_event = Latency::of(lat);
    out
}
