//! The integration-test harness: a real `aisle` binary on a loopback port with a temp data
//! dir, a real HTTP client with a cookie jar and CSRF handling, and read-only database
//! access for "nothing changed" checks.
//!
//! Every wait here is bounded; nothing measures time.

#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread;
use std::time::Duration;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_aisle");
/// A password that passes the policy (long enough, not a common one).
pub const PASSWORD: &str = "tomato-basket-42";

/// Polling: 400 × 25 ms, i.e. at most about 10 s.
const POLL_STEPS: u32 = 400;
const POLL_STEP: Duration = Duration::from_millis(25);

/// Variables that would leak the environment of whoever runs the tests into the server.
const AISLE_VARS: &[&str] = &[
    "AISLE_CONFIG",
    "AISLE_DATA_DIR",
    "AISLE_LISTEN",
    "AISLE_SYNCHRONOUS",
    "AISLE_SESSION_DAYS",
    "AISLE_LOGIN_MAX_FAILURES",
    "AISLE_LOGIN_WINDOW_SECS",
    "AISLE_SECURE_COOKIES",
    "AISLE_LOG",
    "AISLE_HEALTHCHECK_URL",
    "AISLE_BACKUP_SCHEDULE",
    "AISLE_REFRESH_SCHEDULE",
    "AISLE_CLEANUP_SCHEDULE",
    "AISLE_BACKUP_DIR",
    "AISLE_BACKUP_KEEP_DAILY",
    "AISLE_BACKUP_KEEP_WEEKLY",
    "AISLE_BACKUP_KEEP_MONTHLY",
    "AISLE_LOOKUPS",
    "AISLE_OFF_URL",
    "AISLE_OPEN_PRICES_URL",
    "AISLE_LOOKUP_CONTACT",
    "AISLE_LOOKUP_TIMEOUT_MS",
];

/// A `Command` for the binary with a clean `AISLE_*` environment.
pub fn aisle_command() -> Command {
    let mut cmd = Command::new(BIN);
    for var in AISLE_VARS {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A free loopback port (bind port 0, take the port, let it go).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.local_addr().expect("local address").port()
}

/// Waits (bounded) for a child to exit; kills it and panics if it does not.
pub fn wait_bounded(child: &mut Child, what: &str) -> ExitStatus {
    for _ in 0..POLL_STEPS {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        thread::sleep(POLL_STEP);
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("{what} did not exit in time");
}

/// Runs the binary with `args` (and `stdin` when given); returns (status, stdout, stderr).
pub fn run_cli(args: &[&str], stdin: Option<&str>) -> (ExitStatus, String, String) {
    run_cli_env(args, stdin, &[])
}

/// Like [`run_cli`] with extra environment variables.
pub fn run_cli_env(
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
) -> (ExitStatus, String, String) {
    let mut child = aisle_command()
        .args(args)
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn aisle");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        pipe.write_all(input.as_bytes()).expect("write stdin");
    }
    let mut out = child.stdout.take().expect("stdout pipe");
    let mut err = child.stderr.take().expect("stderr pipe");
    let out_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let status = wait_bounded(&mut child, &format!("aisle {}", args.join(" ")));
    let stdout = out_reader.join().expect("stdout reader");
    let stderr = err_reader.join().expect("stderr reader");
    (status, stdout, stderr)
}

/// A running `aisle serve` on 127.0.0.1 with its own temp data dir. Killed on drop.
pub struct Server {
    pub port: u16,
    dir: tempfile::TempDir,
    env: Vec<(String, String)>,
    child: Option<Child>,
    log: PathBuf,
    starts: u32,
}

impl Server {
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// Starts a server with extra environment variables (e.g. `AISLE_LOGIN_MAX_FAILURES`).
    pub fn start_with(env: &[(&str, &str)]) -> Server {
        let dir = tempfile::Builder::new()
            .prefix("aisle-test-")
            .tempdir()
            .expect("temp dir");
        let mut server = Server {
            port: 0,
            dir,
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            child: None,
            log: PathBuf::new(),
            starts: 0,
        };
        server.launch();
        server
    }

    /// Spawns the binary and waits until it serves. Retries on a port taken meanwhile.
    fn launch(&mut self) {
        for _attempt in 0..5 {
            self.starts += 1;
            let port = free_port();
            let log = self.dir.path().join(format!("server-{}.log", self.starts));
            let file = std::fs::File::create(&log).expect("create log file");
            let mut child = aisle_command()
                .arg("serve")
                .env("AISLE_DATA_DIR", self.data_dir())
                .env("AISLE_LISTEN", format!("127.0.0.1:{port}"))
                .env("AISLE_LOG", "info")
                .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(file)
                .spawn()
                .expect("spawn aisle serve");
            let mut exited = None;
            for _ in 0..POLL_STEPS {
                if let Some(status) = child.try_wait().expect("try_wait") {
                    exited = Some(status);
                    break;
                }
                // The liftoff line comes after the bind: the port is ours.
                let text = std::fs::read_to_string(&log).unwrap_or_default();
                if text.contains("aisle is serving") && probe_ready(port) {
                    self.port = port;
                    self.log = log;
                    self.child = Some(child);
                    return;
                }
                thread::sleep(POLL_STEP);
            }
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if exited.is_some() && text.contains("Address already in use") {
                continue;
            }
            let _ = child.kill();
            let _ = child.wait();
            panic!("aisle did not become ready (exit: {exited:?}); its log:\n{text}");
        }
        panic!("aisle could not find a free port in 5 attempts");
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir().join("aisle.db")
    }

    /// What the current run wrote to stderr so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("server is running").id()
    }

    /// The one-time setup token the server logged (`/setup?token=…`).
    pub fn setup_token(&self) -> String {
        let log = self.log();
        let at = log
            .find("/setup?token=")
            .unwrap_or_else(|| panic!("no setup URL in the log:\n{log}"));
        log[at + "/setup?token=".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }

    /// Sends SIGTERM and waits (bounded) for the server to exit.
    pub fn terminate(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("server is running");
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
        wait_bounded(&mut child, "aisle after SIGTERM")
    }

    /// Kills the server with SIGKILL (no chance to clean up), like a power cut to the process.
    pub fn kill9(&mut self) {
        let mut child = self.child.take().expect("server is running");
        child.kill().expect("SIGKILL");
        let _ = child.wait();
    }

    /// Starts the server again on the same data dir (a new port; make new clients).
    pub fn restart(&mut self) {
        assert!(self.child.is_none(), "stop the server before restarting it");
        self.launch();
    }

    pub fn client(&self) -> Client {
        Client::new(self.port)
    }

    /// Adds a user through the CLI and returns a client logged in as them.
    pub fn user_client(&self, username: &str, household: &str, admin: bool) -> Client {
        add_user(self, username, household, admin, PASSWORD);
        let client = self.client();
        client.login(username, PASSWORD);
        client
    }

    /// Creates an API token for a user through the CLI.
    pub fn cli_token(&self, username: &str, label: &str) -> String {
        let dir = self.data_dir();
        let (status, out, err) = run_cli(
            &[
                "token",
                "create",
                "--data-dir",
                dir.to_str().expect("utf-8 path"),
                "--username",
                username,
                "--name",
                label,
            ],
            None,
        );
        assert!(status.success(), "token create failed: {err}");
        let token = out.trim().to_string();
        assert!(token.len() >= 32, "token looks wrong: {token:?}");
        token
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn probe_ready(port: u16) -> bool {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(2)))
        .build()
        .into();
    agent
        .get(format!("http://127.0.0.1:{port}/health/ready"))
        .call()
        .is_ok_and(|r| r.status() == 200)
}

/// Adds a user with the CLI against the server's data dir (WAL lets it run alongside).
pub fn add_user(server: &Server, username: &str, household: &str, admin: bool, password: &str) {
    let dir = server.data_dir();
    let mut args = vec![
        "user",
        "add",
        "--data-dir",
        dir.to_str().expect("utf-8 path"),
        "--username",
        username,
        "--household",
        household,
        "--password-stdin",
    ];
    if admin {
        args.push("--admin");
    }
    let (status, out, err) = run_cli(&args, Some(&format!("{password}\n")));
    assert!(
        status.success(),
        "user add {username} failed: {err} / {out}"
    );
}

/// An HTTP response, body read as text.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The raw `Set-Cookie` header that sets `name`, if any.
    pub fn set_cookie(&self, name: &str) -> Option<&str> {
        self.headers_named("set-cookie")
            .into_iter()
            .find(|c| c.split('=').next().map(str::trim) == Some(name))
    }

    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// Asserts a 303 redirect and returns its target.
    pub fn redirected(&self) -> &str {
        assert_eq!(self.status, 303, "expected a 303, got: {}", self.describe());
        self.location().expect("a Location header")
    }

    /// Status plus the start of the body, for assertion messages.
    pub fn describe(&self) -> String {
        let body: String = self.body.chars().take(1500).collect();
        format!("{} {:?}\n{body}", self.status, self.location())
    }

    /// The message shown to the user: the `role="alert"` element of a page, or the
    /// `detail` of problem+json.
    pub fn message(&self) -> String {
        if self
            .header("content-type")
            .is_some_and(|c| c.contains("json"))
        {
            return self.json()["detail"].as_str().unwrap_or("").to_string();
        }
        alert_message(&self.body).unwrap_or_default()
    }
}

/// A browser-like client: cookie jar, Origin on forms, CSRF tokens from pages.
pub struct Client {
    agent: ureq::Agent,
    pub base: String,
    jar: RefCell<BTreeMap<String, String>>,
}

impl Client {
    pub fn new(port: u16) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        Client {
            agent,
            base: format!("http://127.0.0.1:{port}"),
            jar: RefCell::new(BTreeMap::new()),
        }
    }

    pub fn origin(&self) -> String {
        self.base.clone()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.borrow().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar
            .borrow_mut()
            .insert(name.to_string(), value.to_string());
    }

    pub fn clear_cookies(&self) {
        self.jar.borrow_mut().clear();
    }

    fn cookie_header(&self) -> Option<String> {
        let jar = self.jar.borrow();
        (!jar.is_empty()).then(|| {
            jar.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    fn store_cookies(&self, resp: &Resp) {
        let mut jar = self.jar.borrow_mut();
        for raw in resp.headers_named("set-cookie") {
            let mut parts = raw.split(';');
            let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            let expired = parts.any(|attr| {
                let attr = attr.trim().to_ascii_lowercase();
                attr.strip_prefix("max-age=")
                    .is_some_and(|v| v.parse::<i64>().is_ok_and(|n| n <= 0))
            });
            if expired || value.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_string(), value.to_string());
            }
        }
    }

    /// Sends a request with the jar's cookies; `body` is (content type, bytes).
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, Vec<u8>)>,
    ) -> Resp {
        if let Some((content_type, bytes)) = &body
            && bytes.len() > BODY_LIMIT
        {
            let resp = self.send_streaming(method, path, headers, content_type, bytes);
            self.store_cookies(&resp);
            return resp;
        }
        let url = format!("{}{path}", self.base);
        let cookie = self.cookie_header();
        let result = match method {
            "GET" | "HEAD" => {
                let mut rb = if method == "GET" {
                    self.agent.get(&url)
                } else {
                    self.agent.head(&url)
                };
                for (k, v) in headers {
                    rb = rb.header(*k, *v);
                }
                if let Some(c) = &cookie {
                    rb = rb.header("Cookie", c.as_str());
                }
                rb.call()
            }
            "POST" | "PUT" | "PATCH" | "DELETE" => {
                let mut rb = match method {
                    "POST" => self.agent.post(&url),
                    "PUT" => self.agent.put(&url),
                    "PATCH" => self.agent.patch(&url),
                    _ => self.agent.delete(&url).force_send_body(),
                };
                for (k, v) in headers {
                    rb = rb.header(*k, *v);
                }
                if let Some(c) = &cookie {
                    rb = rb.header("Cookie", c.as_str());
                }
                match body {
                    Some((content_type, bytes)) => {
                        rb.header("Content-Type", content_type).send(&bytes[..])
                    }
                    None => rb.send_empty(),
                }
            }
            other => panic!("unsupported method {other}"),
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {path} failed: {e}"));
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let bytes = if method == "HEAD" {
            Vec::new()
        } else {
            response
                .body_mut()
                .with_config()
                .limit(20 * 1024 * 1024)
                .read_to_vec()
                .unwrap_or_else(|e| panic!("{method} {path}: reading the body failed: {e}"))
        };
        let resp = Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        };
        self.store_cookies(&resp);
        resp
    }

    /// Sends a body larger than the server accepts the way browsers and curl do: writing
    /// and reading at the same time, so the early answer (413) is read even though the
    /// server stops reading and closes. (ureq writes everything before reading, and fails
    /// with a broken pipe there.)
    fn send_streaming(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        content_type: &str,
        body: &[u8],
    ) -> Resp {
        let host = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(host).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("read timeout");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        if let Some(c) = self.cookie_header() {
            head.push_str(&format!("Cookie: {c}\r\n"));
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        let mut writer = stream.try_clone().expect("clone stream");
        let sender = thread::spawn(move || {
            // The server may stop reading once it has seen enough: ignore write errors.
            let _ = writer.write_all(&request);
        });
        let mut raw = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => raw.extend_from_slice(&chunk[..n]),
            }
        }
        let _ = sender.join();
        parse_response(&raw).unwrap_or_else(|| {
            panic!(
                "{method} {path}: no complete response: {:?}",
                String::from_utf8_lossy(&raw)
            )
        })
    }

    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, &[], None)
    }

    /// Posts exactly these fields (no CSRF token added) with this site's Origin, unless
    /// `headers` sets an Origin of its own.
    pub fn post_form_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Resp {
        let origin = self.origin();
        let mut all: Vec<(&str, &str)> = headers.to_vec();
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("origin"))
        {
            all.push(("Origin", origin.as_str()));
        }
        self.send(
            "POST",
            path,
            &all,
            Some((
                "application/x-www-form-urlencoded",
                form_encode(fields).into_bytes(),
            )),
        )
    }

    /// Posts exactly these fields (no CSRF token added), with this site's Origin.
    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        self.post_form_with(path, fields, &[])
    }

    /// GETs a page and returns the CSRF token of its forms.
    pub fn csrf(&self, path: &str) -> String {
        let page = self.get(path);
        assert_eq!(page.status, 200, "GET {path}: {}", page.describe());
        csrf_from(&page.body).unwrap_or_else(|| panic!("no csrf_token on {path}"))
    }

    /// The CSRF token for the current cookies, read from a page (as a browser would).
    pub fn csrf_token(&self) -> String {
        let login = self.get("/login");
        if login.status == 303 {
            self.csrf("/settings")
        } else {
            csrf_from(&login.body).expect("csrf_token on /login")
        }
    }

    /// Submits a form like a browser would: these fields plus the CSRF token, with Origin.
    pub fn submit(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.csrf_token();
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(path, &all)
    }

    /// Tries to log in; returns the response.
    pub fn try_login(&self, username: &str, password: &str) -> Resp {
        self.submit("/login", &[("username", username), ("password", password)])
    }

    /// Logs in and asserts it worked.
    pub fn login(&self, username: &str, password: &str) {
        let resp = self.try_login(username, password);
        assert_eq!(resp.redirected(), "/", "login as {username}");
        assert!(self.cookie("aisle_session").is_some(), "no session cookie");
    }

    /// Whether the client is logged in (GET / is a page, not a redirect to /login).
    pub fn logged_in(&self) -> bool {
        let resp = self.get("/");
        match resp.status {
            200 => true,
            303 => {
                assert_eq!(resp.location(), Some("/login"));
                false
            }
            _ => panic!("GET /: {}", resp.describe()),
        }
    }

    /// Creates a list through the form; returns its id.
    pub fn create_list(&self, name: &str) -> i64 {
        let resp = self.submit("/lists", &[("name", name)]);
        let location = resp.redirected();
        location
            .strip_prefix("/lists/")
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("unexpected Location {location}"))
    }

    /// Adds items through the list page form.
    pub fn add_items(&self, list: i64, text: &str) {
        let resp = self.submit(&format!("/lists/{list}/items"), &[("text", text)]);
        assert_eq!(
            resp.redirected(),
            format!("/lists/{list}"),
            "adding {text:?}"
        );
    }

    /// A list as JSON through the API (session cookie; GET needs no CSRF header).
    pub fn list_json(&self, list: i64) -> serde_json::Value {
        let resp = self.get(&format!("/api/v1/lists/{list}"));
        assert_eq!(resp.status, 200, "{}", resp.describe());
        resp.json()
    }

    /// The live items of a list (API).
    pub fn items(&self, list: i64) -> Vec<serde_json::Value> {
        self.list_json(list)["items"]
            .as_array()
            .expect("items array")
            .clone()
    }

    /// The id of the live item called `name` (exact) on a list.
    pub fn item_id(&self, list: i64, name: &str) -> i64 {
        self.items(list)
            .iter()
            .find(|i| i["name"] == name)
            .and_then(|i| i["id"].as_i64())
            .unwrap_or_else(|| panic!("no item {name:?} on list {list}"))
    }

    /// Sends a session-authenticated API request with the `X-CSRF-Token` header.
    pub fn api_session_post(&self, path: &str, body: &serde_json::Value) -> Resp {
        let token = self.csrf_token();
        let origin = self.origin();
        self.send(
            "POST",
            path,
            &[
                ("X-CSRF-Token", token.as_str()),
                ("Origin", origin.as_str()),
            ],
            Some(("application/json", body.to_string().into_bytes())),
        )
    }

    pub fn api_get(&self, path: &str, token: &str) -> Resp {
        let auth = format!("Bearer {token}");
        self.send("GET", path, &[("Authorization", auth.as_str())], None)
    }

    pub fn api_post_json(&self, path: &str, token: &str, body: &serde_json::Value) -> Resp {
        self.api_post_raw(
            path,
            token,
            "application/json",
            body.to_string().into_bytes(),
        )
    }

    pub fn api_post_raw(&self, path: &str, token: &str, content_type: &str, body: Vec<u8>) -> Resp {
        let auth = format!("Bearer {token}");
        self.send(
            "POST",
            path,
            &[("Authorization", auth.as_str())],
            Some((content_type, body)),
        )
    }
}

/// The largest body the server accepts (64 KiB); larger ones are sent by `send_streaming`.
const BODY_LIMIT: usize = 64 * 1024;

/// Parses a raw HTTP/1.1 response (Content-Length or chunked body).
fn parse_response(raw: &[u8]) -> Option<Resp> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let body = if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        let mut body = Vec::new();
        let mut at = 0;
        loop {
            let line_end = at + rest[at..].windows(2).position(|w| w == b"\r\n")?;
            let size_text = String::from_utf8_lossy(&rest[at..line_end]).into_owned();
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            at = line_end + 2;
            if size == 0 {
                break;
            }
            body.extend_from_slice(rest.get(at..at + size)?);
            at += size + 2;
        }
        body
    } else {
        let len: usize = header("content-length").map_or(Some(rest.len()), |v| v.parse().ok())?;
        rest.get(..len)?.to_vec()
    };
    Some(Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// `application/x-www-form-urlencoded`.
pub fn form_encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", url_encode(k), url_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The text between `start` and the next `end` after it.
pub fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

/// The `csrf_token` value of the first form on a page.
pub fn csrf_from(html: &str) -> Option<String> {
    between(html, r#"name="csrf_token" value=""#, "\"").map(str::to_string)
}

/// The text of the first `role="alert"` element, unescaped.
pub fn alert_message(html: &str) -> Option<String> {
    let at = html.find(r#"role="alert""#)?;
    let rest = &html[at..];
    let text = between(rest, ">", "</")?;
    Some(unescape(text.trim()))
}

/// The text of `<code class="token">…</code>` (a new API token or invite URL), unescaped.
pub fn code_token(html: &str) -> Option<String> {
    between(html, r#"<code class="token">"#, "</code>").map(|s| unescape(s.trim()))
}

/// Every number that follows `prefix` in `s`, in order (e.g. ids in `href="/lists/`).
pub fn numbers_after(s: &str, prefix: &str) -> Vec<i64> {
    s.match_indices(prefix)
        .filter_map(|(at, _)| {
            let digits: String = s[at + prefix.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

/// The options of a `<select id="…">`: (value, label unescaped).
pub fn select_options(html: &str, select_id: &str) -> Vec<(String, String)> {
    let Some(start) = html.find(&format!(r#"<select id="{select_id}""#)) else {
        return Vec::new();
    };
    let rest = &html[start..];
    let block = &rest[..rest.find("</select>").unwrap_or(rest.len())];
    block
        .split("<option value=\"")
        .skip(1)
        .filter_map(|o| {
            let (value, after) = o.split_once('"')?;
            let label = between(after, ">", "</option>")?;
            Some((value.to_string(), unescape(label)))
        })
        .collect()
}

/// The id of the option labelled `label` in a `<select>`.
pub fn option_value(html: &str, select_id: &str, label: &str) -> String {
    select_options(html, select_id)
        .into_iter()
        .find(|(_, l)| l == label)
        .map(|(v, _)| v)
        .unwrap_or_else(|| panic!("no option {label:?} in select#{select_id}"))
}

/// Escapes like askama does: `"&'<>` as decimal character references.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '&' => out.push_str("&#38;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            c => out.push(c),
        }
    }
    out
}

/// Reverses HTML escaping: named entities for `&<>"'` and numeric references.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Opens the server's database read-only.
pub fn sqlite(server: &Server) -> rusqlite::Connection {
    open_read_only(&server.db_path())
}

pub fn open_read_only(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the database read-only")
}

/// One number from the database.
pub fn db_count(server: &Server, sql: &str) -> i64 {
    sqlite(server)
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Everything households own, as text: compare two snapshots to prove nothing changed.
/// Leaves out login sessions and when a token was last used (bookkeeping, not data).
pub fn snapshot(server: &Server) -> String {
    const QUERIES: &[&str] = &[
        "SELECT id, name, name_key FROM households ORDER BY id",
        "SELECT id, household_id, username, password_hash, role FROM users ORDER BY id",
        "SELECT id, user_id, name, hex(token_hash), created_ms FROM api_tokens ORDER BY id",
        "SELECT id, household_id, role, created_by, created_ms, expires_ms, used_ms FROM invites ORDER BY id",
        "SELECT * FROM categories ORDER BY id",
        "SELECT * FROM stores ORDER BY id",
        "SELECT * FROM store_categories ORDER BY store_id, category_id",
        "SELECT * FROM lists ORDER BY id",
        "SELECT * FROM items ORDER BY id",
        "SELECT * FROM category_overrides ORDER BY household_id, name_key",
        "SELECT * FROM item_history ORDER BY household_id, name_key",
        "SELECT * FROM applied_ops ORDER BY list_id, op_id",
    ];
    let conn = sqlite(server);
    let mut out = String::new();
    for sql in QUERIES {
        out.push_str(sql);
        out.push('\n');
        let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).expect("query");
        while let Some(row) = rows.next().expect("row") {
            let values: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).expect("column")))
                .collect();
            out.push_str(&values.join(" | "));
            out.push('\n');
        }
    }
    out
}

/// Asserts a refusal: the status is `status`, and a message is shown.
pub fn assert_refused(resp: &Resp, status: u16, context: &str) {
    assert_eq!(resp.status, status, "{context}: {}", resp.describe());
    let message = resp.message();
    assert!(
        !message.trim().is_empty(),
        "{context}: no message in the {} answer: {}",
        resp.status,
        resp.describe()
    );
}

/// Asserts an API error: the status, `application/problem+json`, and its fields.
pub fn assert_problem(resp: &Resp, status: u16, context: &str) {
    assert_eq!(resp.status, status, "{context}: {}", resp.describe());
    assert_eq!(
        resp.header("content-type"),
        Some("application/problem+json"),
        "{context}: content type"
    );
    let body = resp.json();
    assert_eq!(body["status"], status, "{context}: {body}");
    assert!(body["type"].is_string(), "{context}: {body}");
    assert!(
        body["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{context}: {body}"
    );
    assert!(
        body["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{context}: {body}"
    );
}
