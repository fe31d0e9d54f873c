//! The closed loops of the `/health/live` and list page rounds, on one thread: `conns`
//! keep-alive connections driven by a current-thread tokio runtime with hyper's HTTP/1
//! client, the way `wrk` drives its connections from a few event loops.
//!
//! One thread, not one per connection: 64 blocking client threads cost more CPU than the
//! server's `/health/live`, so on two cores they, not the server, set the baseline.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::sync::Barrier;

use super::load::Samples;

/// One `GET`: the path and the headers to send with it.
pub struct Get {
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
}

/// Decides whether an answer (status, body) counts as a success.
pub type Check = Arc<dyn Fn(u16, &[u8]) -> Result<(), String> + Send + Sync>;

/// Checks the answer to a change (status, body) and returns the list version it made.
pub type ChangeCheck = Arc<dyn Fn(u16, &[u8]) -> Result<i64, String> + Send + Sync>;

/// A change a connection makes before each of its `GET`s: a `POST` of a JSON body.
pub struct Change {
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
    /// The body of the connection's `i`-th change (warm-up included).
    pub body: Box<dyn Fn(usize) -> String + Send + Sync>,
    pub check: ChangeCheck,
}

/// What the loop in step saw.
#[derive(Default)]
pub struct InStep {
    /// The timed `GET`s; `elapsed` is the time of the page phases only.
    pub pages: Samples,
    /// The untimed changes.
    pub changes: Samples,
    /// The server's CPU seconds during the measured page phases.
    pub page_cpu_s: f64,
}

/// Where the loop runs, and for how long: `warmup` unmeasured, then `duration` measured
/// (requests started in the window count, as in `load::closed_loop`); each request is
/// bounded by `timeout`.
pub struct Plan {
    pub port: u16,
    pub conns: usize,
    pub warmup: Duration,
    pub duration: Duration,
    pub timeout: Duration,
}

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
    let plan = Plan {
        port,
        conns,
        warmup,
        duration,
        timeout,
    };
    drive(&plan, |w, window, end| {
        let worker = worker(&plan, get(w), None, Arc::clone(&check));
        async move {
            InStep {
                pages: worker.run(window, end).await,
                ..InStep::default()
            }
        }
    })
    .pages
}

/// The connections in step: every connection makes its change (`change(w)`, untimed),
/// then, once all have, every connection asks for its page (`get(w)`, timed), which must
/// show the change (its `data-version` at least the change's); and again. The pages'
/// throughput is over the page phases' time, so the changes' cost (a commit each) does
/// not count against it; `server_cpu()` (the server's CPU seconds so far) is read at each
/// page phase's start and end. A failed change counts an error of the changes and skips
/// that connection's page of the round.
pub fn in_step(
    plan: &Plan,
    get: &dyn Fn(usize) -> Get,
    change: &dyn Fn(usize) -> Change,
    check: Check,
    server_cpu: Arc<dyn Fn() -> f64 + Send + Sync>,
) -> InStep {
    let step = Arc::new(Step {
        barrier: Barrier::new(plan.conns),
        stop: AtomicBool::new(false),
        phase: Mutex::new((Instant::now(), 0.0)),
        page_us: AtomicU64::new(0),
        page_cpu: Mutex::new(0.0),
        server_cpu,
    });
    let mut all = drive(plan, |w, window, end| {
        let worker = worker(plan, get(w), Some(change(w)), Arc::clone(&check));
        worker.in_step(Arc::clone(&step), window, end)
    });
    all.pages.elapsed = Duration::from_micros(step.page_us.load(Ordering::SeqCst));
    all.page_cpu_s = *step.page_cpu.lock().unwrap_or_else(|e| e.into_inner());
    all
}

/// What the connections in step share.
struct Step {
    barrier: Barrier,
    stop: AtomicBool,
    /// When the current page phase began, and the server's CPU seconds then.
    phase: Mutex<(Instant, f64)>,
    /// The measured page phases' time (µs) and the server's CPU in them (s).
    page_us: AtomicU64,
    page_cpu: Mutex<f64>,
    server_cpu: Arc<dyn Fn() -> f64 + Send + Sync>,
}

fn worker(plan: &Plan, get: Get, change: Option<Change>, check: Check) -> Worker {
    let addr = SocketAddr::from(([127, 0, 0, 1], plan.port));
    Worker {
        addr,
        host: addr.to_string(),
        get,
        change,
        check,
        timeout: plan.timeout,
    }
}

/// Runs connection `w`'s task `task(w, window, end)` for every connection on a
/// current-thread runtime and merges what they saw.
fn drive<F>(plan: &Plan, task: impl Fn(usize, Instant, Instant) -> F) -> InStep
where
    F: std::future::Future<Output = InStep> + Send + 'static,
{
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let mut s = InStep::default();
            s.pages.error(format!("cannot start the load runtime: {e}"));
            return s;
        }
    };
    let window = Instant::now() + plan.warmup;
    let end = window + plan.duration;
    runtime.block_on(async {
        let mut workers = tokio::task::JoinSet::new();
        for w in 0..plan.conns {
            workers.spawn(task(w, window, end));
        }
        let mut all = InStep::default();
        while let Some(done) = workers.join_next().await {
            match done {
                Ok(s) => {
                    all.pages.merge(s.pages);
                    all.changes.merge(s.changes);
                }
                Err(e) => all.pages.error(format!("a load task failed: {e}")),
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
    change: Option<Change>,
    check: Check,
    timeout: Duration,
}

type Conn = Option<SendRequest<Full<Bytes>>>;

impl Worker {
    async fn run(self, window: Instant, end: Instant) -> Samples {
        let mut mine = Samples::default();
        let mut conn: Conn = None;
        loop {
            let t0 = Instant::now();
            if t0 >= end {
                break;
            }
            let result = self.page(&mut conn, None).await;
            let failed = result.is_err();
            mine.record(window, t0, Instant::now(), result);
            if failed {
                pause().await;
            }
        }
        mine
    }

    async fn in_step(self, step: Arc<Step>, window: Instant, end: Instant) -> InStep {
        let mut mine = InStep::default();
        let mut conn: Conn = None;
        let Some(change) = &self.change else {
            return mine;
        };
        for i in 0.. {
            let t0 = Instant::now();
            let made = self.bounded(self.post(&mut conn, change, i)).await;
            let version = made.as_ref().ok().copied();
            let failed = made.is_err();
            mine.changes
                .record(window, t0, Instant::now(), made.map(|_| ()));
            if failed {
                pause().await;
            }
            // The last change is in: the page phase begins (or the loop ends).
            if step.barrier.wait().await.is_leader() {
                let now = Instant::now();
                step.stop.store(now >= end, Ordering::SeqCst);
                *lock(&step.phase) = (now, (step.server_cpu)());
            }
            step.barrier.wait().await;
            if step.stop.load(Ordering::SeqCst) {
                break;
            }
            let (phase, cpu0) = *lock(&step.phase);
            if let Some(v) = version {
                let t0 = Instant::now();
                let result = self.page(&mut conn, Some(v)).await;
                let failed = result.is_err();
                if phase < window {
                    mine.pages.warmup_requests += 1;
                } else {
                    mine.pages.record(window, t0, Instant::now(), result);
                }
                if failed {
                    pause().await;
                }
            }
            // The last page is in: the phase ends.
            if step.barrier.wait().await.is_leader() && phase >= window {
                let us = u64::try_from(phase.elapsed().as_micros()).unwrap_or(u64::MAX);
                step.page_us.fetch_add(us, Ordering::SeqCst);
                *lock(&step.page_cpu) += (step.server_cpu)() - cpu0;
            }
        }
        mine
    }

    /// One `GET` of the page, checked; when `version` is given, the page must show it.
    async fn page(&self, conn: &mut Conn, version: Option<i64>) -> Result<(), String> {
        let (status, body) = self
            .bounded(self.send(conn, &self.get.path, &self.get.headers, None))
            .await?;
        (self.check)(status, &body)?;
        version.map_or(Ok(()), |v| shows_version(&body, v))
    }

    /// The connection's `i`-th change; the list version it made.
    async fn post(&self, conn: &mut Conn, change: &Change, i: usize) -> Result<i64, String> {
        let body = (change.body)(i);
        let (status, answer) = self
            .send(conn, &change.path, &change.headers, Some(body))
            .await?;
        (change.check)(status, &answer)
    }

    /// `work`, cut off after the timeout. A request cut off took its connection with it
    /// (`send` puts the connection back only after a whole answer).
    async fn bounded<T>(
        &self,
        work: impl std::future::Future<Output = Result<T, String>>,
    ) -> Result<T, String> {
        tokio::time::timeout(self.timeout, work)
            .await
            .unwrap_or_else(|_| Err(format!("no answer in {:?}", self.timeout)))
    }

    /// One request on the open connection (opened first if there is none): a `GET`, or a
    /// `POST` of a JSON body. A transport failure drops the connection so the next request
    /// opens a new one; any whole answer keeps it.
    async fn send(
        &self,
        conn: &mut Conn,
        path: &str,
        headers: &[(&'static str, String)],
        json: Option<String>,
    ) -> Result<(u16, Bytes), String> {
        let mut sender = match conn.take() {
            Some(s) if !s.is_closed() => s,
            _ => self.connect().await?,
        };
        // The connection task may not have taken in the last answer's end yet.
        sender
            .ready()
            .await
            .map_err(|e| format!("the connection closed: {e}"))?;
        let method = if json.is_some() { "POST" } else { "GET" };
        let mut req = hyper::Request::builder()
            .method(method)
            .uri(path)
            .header("host", &self.host)
            .header("user-agent", "aisle-loadgen");
        if json.is_some() {
            req = req.header("content-type", "application/json");
        }
        for (k, v) in headers {
            req = req.header(*k, v.as_str());
        }
        let req = req
            .body(Full::new(Bytes::from(json.unwrap_or_default())))
            .map_err(|e| format!("building the request: {e}"))?;
        let res = sender
            .send_request(req)
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        let status = res.status().as_u16();
        let body = res
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("reading the body: {e}"))?
            .to_bytes();
        *conn = Some(sender);
        Ok((status, body))
    }

    async fn connect(&self) -> Result<SendRequest<Full<Bytes>>, String> {
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

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Never spin on a server that refuses: one retry per millisecond at most.
async fn pause() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// `Ok` when the page's `data-version` is at least `version`: it shows the change.
fn shows_version(body: &[u8], version: i64) -> Result<(), String> {
    let marker = b"data-version=\"";
    let at = body
        .windows(marker.len())
        .position(|w| w == marker)
        .ok_or("the page carries no data-version")?
        + marker.len();
    let digits: String = body[at..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect();
    let shown: i64 = digits
        .parse()
        .map_err(|_| format!("a bad data-version `{digits}`"))?;
    if shown >= version {
        Ok(())
    } else {
        Err(format!(
            "the page shows version {shown}, older than its change's {version}"
        ))
    }
}
