//! The closed loop of the `/health/live` and list page rounds, on one thread: `conns`
//! keep-alive connections driven by a current-thread tokio runtime with hyper's HTTP/1
//! client, the way `wrk` drives its connections from a few event loops.
//!
//! The blocking loop of `load::closed_loop` needs one OS thread per connection. At 64
//! connections those threads cost ~210–250 µs of CPU per request (measured: the generator
//! used 1.4 cores during the `/health/live` rounds against the server's 0.34), so on a
//! two-core machine the generator, not the server, set the baseline, and the page's
//! latency included the wait for one of 64 threads to be scheduled.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use super::load::Samples;

/// One `GET`: the path and the headers to send with it.
pub struct Get {
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
}

/// Decides whether an answer (status, body) counts as a success.
pub type Check = Arc<dyn Fn(u16, &[u8]) -> Result<(), String> + Send + Sync>;

/// `conns` connections to `127.0.0.1:port`, each sending connection `w`'s request
/// (`get(w)`) again as soon as the last answer came: `warmup` unmeasured, then `duration`
/// measured (requests started in the window count, as in `load::closed_loop`). A failed
/// connection counts an error and is opened again; each request is bounded by `timeout`.
pub fn closed_loop(
    port: u16,
    conns: usize,
    warmup: Duration,
    duration: Duration,
    timeout: Duration,
    get: &dyn Fn(usize) -> Get,
    check: Check,
) -> Samples {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let mut s = Samples::default();
            s.error(format!("cannot start the load runtime: {e}"));
            return s;
        }
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let begin = Instant::now();
    let window = begin + warmup;
    let end = window + duration;
    runtime.block_on(async {
        let mut workers = tokio::task::JoinSet::new();
        for w in 0..conns {
            let worker = Worker {
                addr,
                host: addr.to_string(),
                get: get(w),
                check: Arc::clone(&check),
                timeout,
            };
            workers.spawn(worker.run(window, end));
        }
        let mut all = Samples::default();
        while let Some(done) = workers.join_next().await {
            match done {
                Ok(s) => all.merge(s),
                Err(e) => all.error(format!("a load task failed: {e}")),
            }
        }
        all
    })
}

struct Worker {
    addr: SocketAddr,
    /// The `Host` header (`127.0.0.1:port`).
    host: String,
    get: Get,
    check: Check,
    timeout: Duration,
}

impl Worker {
    async fn run(self, window: Instant, end: Instant) -> Samples {
        let mut mine = Samples::default();
        let mut conn: Option<SendRequest<Empty<Bytes>>> = None;
        loop {
            let t0 = Instant::now();
            if t0 >= end {
                break;
            }
            // A request cut off by the timeout took its connection with it (`once` puts
            // the connection back only after a whole answer).
            let answer = tokio::time::timeout(self.timeout, self.once(&mut conn)).await;
            let result = answer.unwrap_or_else(|_| Err(format!("no answer in {:?}", self.timeout)));
            let failed = result.is_err();
            mine.record(window, t0, Instant::now(), result);
            if failed {
                // Never spin on a server that refuses: one retry per millisecond at most.
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
        mine
    }

    /// One request on the open connection (opened first if there is none). A transport
    /// failure drops the connection so the next request opens a new one; an answer the
    /// check rejects keeps it.
    async fn once(&self, conn: &mut Option<SendRequest<Empty<Bytes>>>) -> Result<(), String> {
        let mut sender = match conn.take() {
            Some(s) if !s.is_closed() => s,
            _ => self.connect().await?,
        };
        // The connection task may not have taken in the last answer's end yet.
        sender
            .ready()
            .await
            .map_err(|e| format!("the connection closed: {e}"))?;
        let mut req = hyper::Request::get(self.get.path.as_str())
            .header("host", &self.host)
            .header("user-agent", "aisle-loadgen");
        for (k, v) in &self.get.headers {
            req = req.header(*k, v.as_str());
        }
        let req = req
            .body(Empty::new())
            .map_err(|e| format!("building the request: {e}"))?;
        let res = sender
            .send_request(req)
            .await
            .map_err(|e| format!("GET {}: {e}", self.get.path))?;
        let status = res.status().as_u16();
        let body = res
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("reading the body: {e}"))?
            .to_bytes();
        *conn = Some(sender);
        (self.check)(status, &body)
    }

    async fn connect(&self) -> Result<SendRequest<Empty<Bytes>>, String> {
        let stream = TcpStream::connect(self.addr)
            .await
            .map_err(|e| format!("connect: {e}"))?;
        stream.set_nodelay(true).map_err(|e| e.to_string())?;
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| format!("handshake: {e}"))?;
        // Drives the connection; ends when the sender is dropped or the server closes.
        tokio::spawn(connection);
        Ok(sender)
    }
}
