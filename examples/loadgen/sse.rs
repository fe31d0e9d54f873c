//! Server-Sent Events subscribers on raw sockets, all on one tokio thread (a thousand OS
//! threads would compete with the server for the two cores and blur the timings). Each
//! sends its request, decodes the chunked body and timestamps every `change` event the
//! moment its bytes arrive. Every subscriber ends at `stop` or at its deadline.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

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

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
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
