//! aisle announces itself on the local network by multicast DNS (`_aisle._tcp`), so Home
//! Assistant's zeroconf discovery finds it. Tested for real, without touching the
//! machine's own network: the server runs in a network namespace of its own (`unshare
//! -n`, whose only interface is a loopback with multicast on), and the test browses from a
//! thread of its own that joins that namespace (`setns`, which moves only that thread).
//! Needs root (CI runs as root), as `unshare -n` does.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpStream};
use std::os::fd::AsFd;
use std::os::unix::fs::MetadataExt;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use mdns_sd::{ServiceDaemon, ServiceEvent};

use crate::common::{BIN, free_port};

const SERVICE: &str = "_aisle._tcp.local.";

/// An aisle server alone in a network namespace.
struct Isolated {
    child: Child,
    _data: tempfile::TempDir,
    port: u16,
}

impl Isolated {
    fn start(env: &[(&str, &str)]) -> Isolated {
        let data = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut cmd = std::process::Command::new("unshare");
        // A clean `AISLE_*` environment (as `aisle_command` makes), then this test's.
        for (name, _) in std::env::vars_os() {
            if name.as_encoded_bytes().starts_with(b"AISLE_") {
                cmd.env_remove(name);
            }
        }
        cmd.args([
            "--net",
            "sh",
            "-c",
            "ip link set lo up && ip link set lo multicast on && exec \"$0\" serve",
        ])
        .arg(BIN)
        .env("AISLE_DATA_DIR", data.path())
        // Every address of the namespace (its loopback alone): aisle does not announce
        // a server that listens on loopback only.
        .env("AISLE_LISTEN", format!("0.0.0.0:{port}"))
        .env("AISLE_LOG", "info")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
        let child = cmd
            .spawn()
            .expect("run `unshare` (util-linux; the test needs root)");
        let server = Isolated {
            child,
            _data: data,
            port,
        };
        // The namespace is the server's once `sh` has exec'ed it (same pid) and it listens.
        let deadline = Instant::now() + Duration::from_secs(20);
        let outside = std::fs::metadata("/proc/self/ns/net").unwrap().ino();
        while Instant::now() < deadline {
            let inside = std::fs::metadata(server.ns())
                .map(|m| m.ino())
                .unwrap_or(outside);
            if inside != outside && server.in_namespace(move || ready(port)) {
                return server;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("aisle did not answer in its namespace within 20 s");
    }

    fn ns(&self) -> String {
        format!("/proc/{}/ns/net", self.child.id())
    }

    /// Runs `f` on a thread that has joined the server's network namespace; threads it
    /// starts (mdns-sd's daemon) are in it too.
    fn in_namespace<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> T {
        let ns = std::fs::File::open(self.ns()).expect("open the server's namespace");
        std::thread::spawn(move || {
            rustix::thread::move_into_link_name_space(
                ns.as_fd(),
                Some(rustix::thread::LinkNameSpaceType::Network),
            )
            .expect("setns into the server's network namespace (needs root)");
            f()
        })
        .join()
        .expect("the thread in the namespace panicked")
    }

    /// Asks the server to stop (SIGTERM, as systemd does) and waits for it, bounded.
    fn stop(&mut self) {
        let status = std::process::Command::new("kill")
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
        for _ in 0..200 {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("aisle did not stop within 10 s");
    }
}

impl Drop for Isolated {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether aisle answers `/health/ready` on the loopback of the calling thread's namespace.
fn ready(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = "GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    let mut answer = String::new();
    stream.write_all(request.as_bytes()).is_ok()
        && stream.read_to_string(&mut answer).is_ok()
        && answer.starts_with("HTTP/1.1 200")
}

/// A service that browsing `_aisle._tcp` resolved.
struct Found {
    name: String,
    port: u16,
    addresses: Vec<IpAddr>,
    txt: Vec<(String, String)>,
}

/// The first service browsing `_aisle._tcp` resolves within `wait`.
fn browse(wait: Duration) -> Option<Found> {
    let daemon = ServiceDaemon::new().expect("an mDNS daemon");
    let events = daemon.browse(SERVICE).expect("browse");
    let deadline = Instant::now() + wait;
    let mut found = None;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok(ServiceEvent::ServiceResolved(info)) => {
                found = Some(Found {
                    name: info.get_fullname().to_string(),
                    port: info.get_port(),
                    addresses: info
                        .get_addresses()
                        .iter()
                        .map(|a| a.to_ip_addr())
                        .collect(),
                    txt: info
                        .get_properties()
                        .iter()
                        .map(|p| (p.key().to_string(), p.val_str().to_string()))
                        .collect(),
                });
                break;
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    let _ = daemon.shutdown();
    found
}

#[test]
fn aisle_is_found_on_the_local_network_and_says_goodbye() {
    let mut server = Isolated::start(&[("AISLE_MDNS", "on")]);
    let port = server.port;
    let found = server
        .in_namespace(|| browse(Duration::from_secs(15)))
        .expect("aisle's announcement was not heard within 15 s");
    assert!(
        found.name.starts_with("aisle on ") && found.name.ends_with("._aisle._tcp.local."),
        "{}",
        found.name
    );
    assert_eq!(found.port, port, "the port phones use");
    assert!(
        found.addresses.contains(&IpAddr::V4(Ipv4Addr::LOCALHOST)),
        "{:?}",
        found.addresses
    );
    let txt = |key: &str| {
        found
            .txt
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(txt("path").as_deref(), Some("/"));
    assert_eq!(txt("scheme").as_deref(), Some("http"));
    assert_eq!(txt("version").as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert_eq!(
        txt("url"),
        None,
        "no public_url: browsers use the address it came from"
    );
    // What was found is aisle itself, answering at the announced port.
    assert!(server.in_namespace(move || ready(found.port)));

    // Stopped, it says goodbye: browsers forget it at once rather than after the records'
    // lifetime.
    let removed = {
        let ns = std::fs::File::open(server.ns()).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let listener = std::thread::spawn(move || {
            rustix::thread::move_into_link_name_space(
                ns.as_fd(),
                Some(rustix::thread::LinkNameSpaceType::Network),
            )
            .unwrap();
            let daemon = ServiceDaemon::new().unwrap();
            let events = daemon.browse(SERVICE).unwrap();
            let deadline = Instant::now() + Duration::from_secs(30);
            let mut resolved = false;
            let mut removed = false;
            while let Some(left) = deadline.checked_duration_since(Instant::now()) {
                match events.recv_timeout(left) {
                    Ok(ServiceEvent::ServiceResolved(_)) if !resolved => {
                        resolved = true;
                        let _ = tx.send(());
                    }
                    Ok(ServiceEvent::ServiceRemoved(..)) => {
                        removed = true;
                        break;
                    }
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
            let _ = daemon.shutdown();
            (resolved, removed)
        });
        rx.recv_timeout(Duration::from_secs(15))
            .expect("heard again before the stop");
        server.stop();
        listener.join().unwrap()
    };
    assert_eq!(
        removed,
        (true, true),
        "a goodbye was heard when aisle stopped"
    );
}

#[test]
fn with_mdns_off_nothing_is_announced() {
    let server = Isolated::start(&[("AISLE_MDNS", "off")]);
    // The announcement comes within a second when on (above); 5 s of silence is off.
    let found = server.in_namespace(|| browse(Duration::from_secs(5)));
    assert!(found.is_none(), "announced: {:?}", found.map(|f| f.name));
}
