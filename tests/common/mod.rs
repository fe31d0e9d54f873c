//! The integration-test harness: a real `aisle` binary on a loopback port with a temp data
//! dir, a real HTTP client with a cookie jar and CSRF handling, and read-only database
//! access for "nothing changed" checks.
//!
//! Every wait here is bounded; nothing measures time.

#![allow(dead_code)]

mod client;
mod html;
pub mod member;
pub mod oidc;

pub use client::{Client, Resp};
pub use html::*;

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

/// A `Command` for the binary with a clean `AISLE_*` environment.
pub fn aisle_command() -> Command {
    let mut cmd = Command::new(BIN);
    // Whatever AISLE_* the person running the tests has set would leak into the server.
    for (name, _) in std::env::vars_os() {
        if name.as_encoded_bytes().starts_with(b"AISLE_") {
            cmd.env_remove(name);
        }
    }
    cmd.env("NO_COLOR", "1");
    // Test servers announce nothing on the machine's network (tests/it/mdns.rs turns
    // the announcement on inside a network namespace of its own).
    cmd.env("AISLE_MDNS", "off");
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
    /// The address it listens on (loopback unless a test needs every address).
    listen_ip: &'static str,
}

impl Server {
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// Starts a server with extra environment variables (e.g. `AISLE_LOGIN_MAX_FAILURES`).
    pub fn start_with(env: &[(&str, &str)]) -> Server {
        Server::start_on("127.0.0.1", env)
    }

    /// Starts a server listening on `ip` (e.g. `0.0.0.0`); tests still reach it on loopback.
    pub fn start_on(listen_ip: &'static str, env: &[(&str, &str)]) -> Server {
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
            listen_ip,
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
                .env("AISLE_LISTEN", format!("{}:{port}", self.listen_ip))
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

/// A series on /metrics (its name with any labels, as printed), if it has been set.
pub fn metric(server: &Server, series: &str) -> Option<f64> {
    let resp = server.client().get("/metrics");
    assert_eq!(resp.status, 200, "/metrics: {}", resp.describe());
    resp.body.lines().find_map(|line| {
        let (key, value) = line.rsplit_once(' ')?;
        (key == series).then(|| value.trim().parse::<f64>().ok())?
    })
}

/// Writes to the server's database from outside, as another process would (`aisle user
/// add`, an edit with `sqlite3`).
pub fn write_from_outside<T>(server: &Server, write: impl FnOnce(&rusqlite::Connection) -> T) -> T {
    let conn = rusqlite::Connection::open(server.db_path()).expect("open the database");
    write(&conn)
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
/// The id of the account named `username`.
pub fn user_id(server: &Server, username: &str) -> i64 {
    sqlite(server)
        .query_row(
            "SELECT id FROM users WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .expect("user id")
}

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
        "SELECT * FROM activity ORDER BY id",
        "SELECT * FROM staple_dismissals ORDER BY household_id, name_key",
        "SELECT * FROM templates ORDER BY id",
        "SELECT * FROM template_items ORDER BY template_id, position",
        "SELECT * FROM list_watchers ORDER BY list_id, user_id",
        "SELECT * FROM push_subscriptions ORDER BY id",
        "SELECT * FROM household_hooks ORDER BY household_id",
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

/// Moves every time the household's history records `days` back (activity, the rhythms
/// learned from it, "not now"): for aisle, that many days pass. Opened read-write beside
/// the running server, which waits for it like any writer.
pub fn days_pass(server: &Server, days: i64) {
    let shift = days * 86_400_000;
    let conn = rusqlite::Connection::open(server.db_path()).expect("open the database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    conn.execute_batch(&format!(
        "UPDATE activity SET at_ms = at_ms - {shift};
         UPDATE rhythms SET last_ms = last_ms - {shift}, due_from_ms = due_from_ms - {shift},
                            due_until_ms = due_until_ms - {shift};
         UPDATE staple_dismissals SET until_ms = until_ms - {shift};"
    ))
    .expect("days pass");
}

/// The code an authenticator app shows `offset` seconds from now for `secret` (the key a
/// two-step set-up page shows, base32-decoded).
pub fn totp_code(secret: &[u8], offset: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    let at = now.checked_add_signed(offset).expect("a time after 1970");
    totp_rs::Builder::new()
        .with_secret(secret.to_vec())
        .build()
        .expect("a valid secret")
        .generate(at)
        .to_string()
}

/// The bytes of a key as a two-step set-up page shows it (base32 in groups of four).
pub fn totp_secret(shown: &str) -> Vec<u8> {
    totp_rs::Secret::try_from_base32(shown.replace(' ', ""))
        .expect("a base32 key")
        .as_bytes()
        .to_vec()
}
