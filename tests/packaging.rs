//! Packaging: the systemd unit (`systemd-analyze verify` and `security`), the binary's
//! sd_notify messages, the .deb (lintian, `dpkg -i`, run, purge) and the container image's
//! final stage (buildah, run with a read-only root file system).
//!
//! The static release binary `dist/aisle-x86_64-linux` takes minutes to build, so
//! scripts/test builds it once (`scripts/build-release x86_64`) before `cargo test`, and
//! installs systemd, lintian, buildah and cargo-deb. These tests package and inspect it;
//! when something is missing they fail and say what to run, they never skip.
//!
//! The .deb test installs and purges the package `aisle` on this machine (it must run as
//! root); the image test leaves `localhost/aisle:dev-x86_64` in buildah's vfs storage.

mod common;

use std::io::ErrorKind;
use std::os::unix::net::UnixDatagram;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::Duration;

use common::{BIN, Server, free_port, wait_bounded};

const UNIT: &str = "systemd/aisle.service";
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a tool to completion; a missing tool fails the test with what installs it.
fn run(program: &str, args: &[&str], installs: &str) -> Output {
    match Command::new(program)
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::null())
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            panic!("`{program}` is missing: {installs} (scripts/test does this)")
        }
        Err(e) => panic!("cannot run {program}: {e}"),
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_success(what: &str, out: &Output) {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{}",
        out.status,
        text(out)
    );
}

/// The static binary scripts/build-release made; fails loudly when it is missing.
fn release_binary() -> PathBuf {
    let bin = repo().join("dist/aisle-x86_64-linux");
    assert!(
        bin.is_file(),
        "{} is missing: run `scripts/build-release x86_64` first (scripts/test does)",
        bin.display()
    );
    bin
}

fn must_be_root(what: &str) {
    let out = run("id", &["-u"], "install coreutils");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0",
        "{what} needs root"
    );
}

// ---------------------------------------------------------------------------------------
// The systemd unit

#[test]
fn unit_passes_systemd_analyze_verify() {
    let unit = std::fs::read_to_string(repo().join(UNIT)).expect("read the unit");
    for line in [
        "Type=notify",
        "ExecStart=/usr/bin/aisle serve --config /etc/aisle/aisle.toml",
        "DynamicUser=yes",
        "StateDirectory=aisle",
        "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
        "AmbientCapabilities=CAP_NET_BIND_SERVICE",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "MemoryDenyWriteExecute=yes",
        "SystemCallFilter=@system-service",
        "UMask=0077",
        "Restart=on-failure",
    ] {
        assert!(
            unit.lines().any(|l| l.trim() == line),
            "{UNIT} lacks `{line}`"
        );
    }
    assert!(
        unit.lines().any(|l| l.starts_with("WatchdogSec=")),
        "{UNIT} has no WatchdogSec="
    );
    // verify checks that ExecStart's program exists: point it at the binary under test.
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("aisle.service");
    std::fs::write(&copy, unit.replace("/usr/bin/aisle ", &format!("{BIN} "))).expect("write");
    let out = run(
        "systemd-analyze",
        &["verify", "--man=no", copy.to_str().expect("utf-8 path")],
        "apt-get install systemd",
    );
    assert_success("systemd-analyze verify", &out);
    assert!(
        text(&out).trim().is_empty(),
        "systemd-analyze verify is not clean:\n{}",
        text(&out)
    );
}

#[test]
fn unit_exposure_is_at_most_2() {
    let out = run(
        "systemd-analyze",
        &["security", "--offline=true", "--no-pager", UNIT],
        "apt-get install systemd",
    );
    assert_success("systemd-analyze security", &out);
    let report = text(&out);
    let score: f64 = report
        .lines()
        .find_map(|l| l.split("Overall exposure level for aisle.service:").nth(1))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no exposure level in:\n{report}"));
    assert!(score <= 2.0, "exposure {score} is above 2.0:\n{report}");
}

// ---------------------------------------------------------------------------------------
// sd_notify from the binary

/// Next datagram on the notify socket, or `None` after the socket's read timeout.
fn next_message(socket: &UnixDatagram) -> Option<String> {
    let mut buf = [0u8; 4096];
    match socket.recv(&mut buf) {
        Ok(n) => Some(String::from_utf8_lossy(&buf[..n]).into_owned()),
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => None,
        Err(e) => panic!("notify socket: {e}"),
    }
}

fn notify_socket(dir: &Path) -> (UnixDatagram, String) {
    let path = dir.join("notify.sock");
    let socket = UnixDatagram::bind(&path).expect("bind the notify socket");
    socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("read timeout");
    (socket, path.to_str().expect("utf-8 path").to_string())
}

#[test]
fn serve_notifies_systemd_ready_watchdog_and_stopping() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (socket, path) = notify_socket(dir.path());
    // WATCHDOG_USEC without WATCHDOG_PID: the watchdog is ours; pings every 0.2 s.
    let mut server = Server::start_with(&[
        ("NOTIFY_SOCKET", path.as_str()),
        ("WATCHDOG_USEC", "400000"),
    ]);
    let first = next_message(&socket).expect("a first message to systemd");
    assert!(
        first.lines().any(|l| l == "READY=1"),
        "the first message is not READY=1: {first:?}"
    );
    let mut pings = 0;
    for _ in 0..50 {
        let Some(message) = next_message(&socket) else {
            break;
        };
        if message.lines().any(|l| l == "WATCHDOG=1") {
            pings += 1;
            if pings == 3 {
                break;
            }
        }
    }
    assert_eq!(
        pings, 3,
        "expected watchdog pings while the database answers"
    );
    let status = server.terminate();
    assert!(status.success(), "aisle exited with {status} after SIGTERM");
    socket
        .set_read_timeout(Some(Duration::from_millis(500)))
        .expect("read timeout");
    let mut stopping = false;
    while let Some(message) = next_message(&socket) {
        stopping |= message.lines().any(|l| l == "STOPPING=1");
    }
    assert!(stopping, "no STOPPING=1 after SIGTERM");
}

#[test]
fn watchdog_for_another_process_is_ignored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (socket, path) = notify_socket(dir.path());
    let _server = Server::start_with(&[
        ("NOTIFY_SOCKET", path.as_str()),
        ("WATCHDOG_USEC", "200000"),
        ("WATCHDOG_PID", "1"),
    ]);
    let first = next_message(&socket).expect("READY=1");
    assert!(first.contains("READY=1"), "{first:?}");
    socket
        .set_read_timeout(Some(Duration::from_millis(800)))
        .expect("read timeout");
    if let Some(message) = next_message(&socket) {
        assert!(
            !message.contains("WATCHDOG=1"),
            "pinged a watchdog meant for PID 1: {message:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The .deb

fn dpkg(args: &[&str]) -> Output {
    // Another apt or dpkg run may hold the lock for a while: wait for it, bounded.
    for _ in 0..60 {
        let out = run("dpkg", args, "this test needs Debian's dpkg");
        if out.status.success() || !text(&out).contains("lock") {
            return out;
        }
        thread::sleep(Duration::from_secs(5));
    }
    panic!("dpkg {args:?}: the dpkg lock stayed taken for 5 minutes");
}

#[test]
fn deb_passes_lintian_installs_runs_and_purges() {
    must_be_root("installing the .deb");
    release_binary();
    let out = run(
        "scripts/build-deb",
        &["x86_64"],
        "it is part of the repository",
    );
    assert_success("scripts/build-deb x86_64", &out);
    let changelog = std::fs::read_to_string(repo().join("packaging/debian/changelog"))
        .expect("packaging/debian/changelog");
    assert!(
        changelog.starts_with(&format!("aisle ({VERSION}-1) ")),
        "packaging/debian/changelog needs an entry for {VERSION}-1 at the top"
    );
    let deb = repo().join(format!("dist/aisle_{VERSION}-1_amd64.deb"));
    assert!(
        deb.is_file(),
        "{} was not built:\n{}",
        deb.display(),
        text(&out)
    );
    let deb = deb.to_str().expect("utf-8 path");

    let contents = text(&run("dpkg-deb", &["--contents", deb], "install dpkg"));
    for path in [
        "./usr/bin/aisle",
        "./etc/aisle/aisle.toml",
        "./usr/lib/systemd/system/aisle.service",
        "./usr/share/doc/aisle/OPERATIONS.md",
    ] {
        assert!(
            contents.lines().any(|l| l.ends_with(path)),
            "the .deb lacks {path}:\n{contents}"
        );
    }
    let conffiles = text(&run(
        "dpkg-deb",
        &["--info", deb, "conffiles"],
        "install dpkg",
    ));
    assert!(
        conffiles
            .lines()
            .any(|l| l.trim() == "/etc/aisle/aisle.toml"),
        "/etc/aisle/aisle.toml is not a conffile: {conffiles:?}"
    );

    let lintian = run("lintian", &["--info", deb], "apt-get install lintian");
    let report = text(&lintian);
    let errors: Vec<&str> = report.lines().filter(|l| l.starts_with("E:")).collect();
    assert!(
        errors.is_empty() && lintian.status.success(),
        "lintian found errors:\n{report}"
    );

    assert_success("dpkg -i", &dpkg(&["-i", deb]));
    let installed = || -> Command {
        let mut cmd = Command::new("/usr/bin/aisle");
        cmd.env_clear()
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .stdin(Stdio::null());
        cmd
    };
    let version = installed().arg("--version").output().expect("run aisle");
    assert_success("aisle --version", &version);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("aisle {VERSION}")
    );
    let check = installed()
        .args(["config", "check", "--config", "/etc/aisle/aisle.toml"])
        .output()
        .expect("run aisle");
    assert_success("aisle config check", &check);
    assert!(
        text(&check).contains("/var/lib/aisle"),
        "config check: {}",
        text(&check)
    );
    let unit = "/usr/lib/systemd/system/aisle.service";
    assert_eq!(
        std::fs::read_to_string(unit).expect("the installed unit"),
        std::fs::read_to_string(repo().join(UNIT)).expect("the unit"),
        "the installed unit differs from {UNIT}"
    );
    let verify = run(
        "systemd-analyze",
        &["verify", "--man=no", unit],
        "apt-get install systemd",
    );
    assert!(
        verify.status.success() && text(&verify).trim().is_empty(),
        "systemd-analyze verify {unit}:\n{}",
        text(&verify)
    );

    assert_success("dpkg --purge aisle", &dpkg(&["--purge", "aisle"]));
    for gone in ["/usr/bin/aisle", "/etc/aisle/aisle.toml", unit] {
        assert!(!Path::new(gone).exists(), "{gone} is left after purge");
    }
}

// ---------------------------------------------------------------------------------------
// The container image (final stage)

const IMAGE: &str = "localhost/aisle:dev-x86_64";

fn buildah(args: &[&str]) -> Output {
    let mut all = vec!["--storage-driver", "vfs"];
    all.extend_from_slice(args);
    run("buildah", &all, "apt-get install buildah")
}

/// Kills the read-only container on drop if the test fails before stopping it.
struct Guard(Option<Child>);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn image_final_stage_is_the_binary_alone_and_runs_read_only() {
    must_be_root("buildah with the vfs driver");
    let binary = release_binary();
    let out = run(
        "scripts/build-image",
        &["x86_64"],
        "it is part of the repository",
    );
    assert_success("scripts/build-image x86_64", &out);

    let inspect = buildah(&["inspect", "--type", "image", IMAGE]);
    assert_success("buildah inspect", &inspect);
    let json: serde_json::Value = serde_json::from_slice(&inspect.stdout).expect("JSON");
    let config = &json["Docker"]["config"];
    assert_eq!(config["User"], "10001:10001");
    assert_eq!(config["Volumes"], serde_json::json!({"/data": {}}));
    assert_eq!(config["ExposedPorts"], serde_json::json!({"8080/tcp": {}}));
    assert_eq!(config["Entrypoint"], serde_json::json!(["/aisle"]));
    assert_eq!(config["Cmd"], serde_json::json!(["serve"]));
    assert_eq!(
        config["Healthcheck"]["Test"],
        serde_json::json!(["CMD", "/aisle", "healthcheck"])
    );
    let env: Vec<&str> = config["Env"]
        .as_array()
        .expect("Env")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(env.contains(&"AISLE_DATA_DIR=/data"), "{env:?}");
    assert!(env.contains(&"TMPDIR=/data"), "{env:?}");

    // The root file system: /aisle and an empty /data owned by the user, nothing else.
    let from = buildah(&["from", "--quiet", "--pull-never", IMAGE]);
    assert_success("buildah from", &from);
    let container = String::from_utf8_lossy(&from.stdout).trim().to_string();
    let mount = buildah(&["mount", &container]);
    assert_success("buildah mount", &mount);
    let root = PathBuf::from(String::from_utf8_lossy(&mount.stdout).trim());
    let result = std::panic::catch_unwind(|| check_root_and_run_read_only(&root, &binary));
    let _ = buildah(&["umount", &container]);
    let _ = buildah(&["rm", &container]);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

fn check_root_and_run_read_only(root: &Path, binary: &Path) {
    let listing = run(
        "find",
        &[
            root.to_str().expect("utf-8 path"),
            "-mindepth",
            "1",
            "-printf",
            "%P %U:%G %m\n",
        ],
        "install findutils",
    );
    let mut files: Vec<String> = String::from_utf8_lossy(&listing.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    files.sort();
    assert_eq!(files, ["aisle 0:0 755", "data 10001:10001 755"]);
    assert_eq!(
        std::fs::read(root.join("aisle")).expect("/aisle"),
        std::fs::read(binary).expect("the release binary"),
        "/aisle is not dist/aisle-x86_64-linux"
    );

    // Run it as the image would: user 10001, the image's environment, the root file
    // system read-only, a volume on /data.
    let volume = tempfile::tempdir().expect("temp dir");
    assert_success(
        "chown",
        &run(
            "chown",
            &["10001:10001", volume.path().to_str().expect("utf-8 path")],
            "install coreutils",
        ),
    );
    let port = free_port();
    let script = r#"set -e
mount --bind "$1" "$1"
mount -o remount,bind,ro "$1"
mount --bind "$2" "$1/data"
exec chroot --userspec=10001:10001 "$1" /aisle serve"#;
    let logs = tempfile::tempdir().expect("temp dir");
    let log = logs.path().join("serve.log");
    let log_file = std::fs::File::create(&log).expect("log file");
    let child = Command::new("unshare")
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            script,
            "sh",
        ])
        .arg(root)
        .arg(volume.path())
        .env_clear()
        .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        .env("AISLE_DATA_DIR", "/data")
        .env("AISLE_MDNS", "off")
        .env("TMPDIR", "/data")
        .env("AISLE_LISTEN", format!("127.0.0.1:{port}"))
        .env(
            "AISLE_HEALTHCHECK_URL",
            format!("http://127.0.0.1:{port}/health/ready"),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .expect("run unshare (util-linux)");
    let mut guard = Guard(Some(child));

    // The image's own HEALTHCHECK command, run the same way (chroot, user 10001).
    let healthcheck = || {
        Command::new("chroot")
            .arg("--userspec=10001:10001")
            .arg(root)
            .args(["/aisle", "healthcheck"])
            .env_clear()
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .env(
                "AISLE_HEALTHCHECK_URL",
                format!("http://127.0.0.1:{port}/health/ready"),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let mut ready = false;
    for _ in 0..200 {
        if healthcheck() {
            ready = true;
            break;
        }
        let child = guard.0.as_mut().expect("running");
        if child.try_wait().expect("try_wait").is_some() {
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    let log_text = || std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        ready,
        "the image never became healthy; its log:\n{}",
        log_text()
    );
    assert!(
        volume.path().join("aisle.db").is_file(),
        "no aisle.db in the /data volume"
    );

    let mut child = guard.0.take().expect("running");
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(kill.success());
    let status = wait_bounded(&mut child, "aisle in the read-only root");
    assert!(
        status.success(),
        "aisle exited with {status}; its log:\n{}",
        log_text()
    );
}
