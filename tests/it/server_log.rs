//! What the server writes to its log when stderr is a pipe (docker logs, journald, a
//! file): plain text, and ERROR only for our own faults — against the real binary.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::common::*;

/// `aisle serve` with stderr piped and colours not turned off by the environment.
struct Piped {
    child: Child,
    port: u16,
    data: tempfile::TempDir,
    lines: mpsc::Receiver<String>,
    log: Vec<String>,
}

impl Piped {
    fn start() -> Piped {
        let data = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut child = aisle_command()
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color")
            .arg("serve")
            .env("AISLE_DATA_DIR", data.path())
            .env("AISLE_LISTEN", format!("127.0.0.1:{port}"))
            .env("AISLE_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Piped {
            child,
            port,
            data,
            lines,
            log: Vec::new(),
        };
        server.wait_for("aisle is serving");
        server
    }

    /// Reads the log (bounded) until a line contains `text`.
    fn wait_for(&mut self, text: &str) {
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(20)) {
            let found = line.contains(text);
            self.log.push(line);
            if found {
                return;
            }
        }
        panic!("no {text:?} in the log:\n{}", self.log.join("\n"));
    }

    /// Stops the server and returns everything it logged.
    fn stop(mut self) -> String {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        wait_bounded(&mut self.child, "aisle after SIGTERM");
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(10)) {
            self.log.push(line);
        }
        self.log.join("\n")
    }
}

#[test]
fn a_piped_log_has_no_colours_and_client_mistakes_are_not_errors() {
    let mut server = Piped::start();
    let dir = server.data.path().to_str().unwrap().to_string();
    let (status, _, err) = run_cli(
        &[
            "user",
            "add",
            "--data-dir",
            &dir,
            "--username",
            "alice",
            "--household",
            "Home",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert!(status.success(), "{err}");
    let visitor = Client::new(server.port);
    // Not logged in: a page that does not exist, a page that needs a login, an API call
    // without credentials, a wrong password.
    assert_eq!(visitor.get("/no-such-page").status, 404);
    assert_eq!(visitor.get("/lists/12345").status, 303);
    assert_eq!(visitor.get("/api/v1/lists/12345").status, 401);
    assert_eq!(visitor.try_login("alice", "wrong-password").status, 401);
    // Logged in: another missing page, and a list that does not exist.
    let alice = Client::new(server.port);
    alice.login("alice", PASSWORD);
    assert_eq!(alice.get("/no-such-page").status, 404);
    assert_eq!(alice.get("/lists/12345").status, 404);
    assert_eq!(alice.get("/api/v1/lists/12345").status, 404);

    // Our own fault — the database busy past its timeout (another process holds the
    // write lock) — is still an ERROR, with method and path.
    let blocker = rusqlite::Connection::open(server.data.path().join("aisle.db")).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    let busy = alice.submit("/lists", &[("name", "Weekly")]);
    blocker.execute_batch("ROLLBACK").unwrap();
    assert_eq!(busy.status, 503, "{}", busy.describe());
    server.wait_for("/lists");

    drop((visitor, alice));
    let log = server.stop();
    assert!(log.contains("aisle is serving"), "{log}");
    let errors: Vec<&str> = log.lines().filter(|l| l.contains("ERROR")).collect();
    assert_eq!(errors.len(), 1, "one ERROR, for the 503:\n{log}");
    assert!(
        errors[0].contains("POST") && errors[0].contains("/lists") && errors[0].contains("503"),
        "{}",
        errors[0]
    );
    assert!(log.contains("failed login"), "{log}");
    // Logged-out visitors and bad tokens are not warnings either (Rocket's guard chatter),
    // and a new database has no upgrade to warn about.
    let warnings: Vec<&str> = log.lines().filter(|l| l.contains("WARN")).collect();
    assert!(
        !warnings.iter().any(|l| l.contains("Request guard")),
        "guard chatter:\n{log}"
    );
    assert!(
        !warnings
            .iter()
            .any(|l| l.contains("instance administration")),
        "an upgrade warning on a new database:\n{log}"
    );
    assert!(
        !log.contains('\u{1b}'),
        "escape codes in a piped log:\n{log:?}"
    );
}
