//! HTTPS end to end: local CA, own certificate files (reloaded), and ACME against a real
//! Pebble (Debian `pebble`, with `pebble-challtestsrv` as its DNS pointing every name at
//! 127.0.0.1): certificates obtained by TLS-ALPN-01 and by HTTP-01, and renewed while a
//! connection stays open. Nothing is faked: Pebble really connects back to aisle.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use crate::common::{aisle_command, free_port};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};

/// A child process killed on drop.
struct Proc(Child, String);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first connection `port` takes (polled every millisecond, for up to 10 s).
fn wait_port(port: u16, what: &str) -> TcpStream {
    for _ in 0..10_000 {
        if let Ok(s) = TcpStream::connect(("127.0.0.1", port)) {
            return s;
        }
        thread::sleep(Duration::from_millis(1));
    }
    panic!("{what} did not listen on {port}");
}

/// Starts aisle with TLS; waits until both ports listen.
fn aisle(dir: &Path, http: u16, https: u16, extra: &[(&str, String)]) -> Proc {
    let p = spawn_aisle(dir, http, https, extra);
    wait_port(https, "aisle's HTTPS port");
    wait_port(http, "aisle's HTTP port");
    p
}

/// Starts aisle with TLS, without waiting for anything; its log is `dir/aisle.log`.
fn spawn_aisle(dir: &Path, http: u16, https: u16, extra: &[(&str, String)]) -> Proc {
    let log = dir.join("aisle.log");
    let mut cmd = aisle_command();
    cmd.args(["serve"])
        .env("AISLE_DATA_DIR", dir.join("data"))
        .env("AISLE_LISTEN", format!("127.0.0.1:{http}"))
        .env("AISLE_TLS_LISTEN", format!("127.0.0.1:{https}"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let child = cmd.spawn().unwrap();
    Proc(child, log.display().to_string())
}

fn roots(pem: &[u8]) -> rustls::RootCertStore {
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_slice_iter(pem) {
        roots.add(c.unwrap()).unwrap();
    }
    roots
}

fn client(roots: rustls::RootCertStore, alpn: &[&[u8]]) -> Arc<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut c = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    c.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Arc::new(c)
}

/// A verified TLS connection to aisle; panics if the certificate does not verify.
fn connect(
    port: u16,
    name: &str,
    config: Arc<rustls::ClientConfig>,
) -> Result<rustls::StreamOwned<rustls::ClientConnection, TcpStream>, String> {
    let server_name = ServerName::try_from(name.to_string()).unwrap();
    let conn = rustls::ClientConnection::new(config, server_name).map_err(|e| e.to_string())?;
    let tcp = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    while tls.conn.is_handshaking() {
        tls.conn
            .complete_io(&mut tls.sock)
            .map_err(|e| e.to_string())?;
    }
    Ok(tls)
}

/// One HTTP/1.1 request on an open connection (keep-alive); returns the status line + body.
fn request(
    tls: &mut rustls::StreamOwned<rustls::ClientConnection, TcpStream>,
    host: &str,
    path: &str,
) -> String {
    write!(tls, "GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    tls.flush().unwrap();
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    // Read until the (small) response is complete: headers plus Content-Length bytes.
    loop {
        let n = tls.read(&mut chunk).unwrap();
        assert!(n > 0, "connection closed early");
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf).to_string();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let len = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if body.len() >= len {
                return text;
            }
        }
    }
}

fn leaf(tls: &rustls::StreamOwned<rustls::ClientConnection, TcpStream>) -> Vec<u8> {
    tls.conn.peer_certificates().unwrap()[0].as_ref().to_vec()
}

#[test]
fn local_ca_serves_https_http2_and_redirects_plain_http() {
    let dir = tempfile::tempdir().unwrap();
    let (http, https) = (free_port(), free_port());
    let _aisle = aisle(dir.path(), http, https, &[("AISLE_TLS", "local-ca".into())]);
    let ca = std::fs::read(dir.path().join("data/tls/ca.pem")).unwrap();
    // The certificate verifies against aisle's CA for localhost; HTTP/2 is offered.
    let tls = connect(
        https,
        "localhost",
        client(roots(&ca), &[b"h2", b"http/1.1"]),
    )
    .unwrap();
    assert_eq!(tls.conn.alpn_protocol(), Some(&b"h2"[..]));
    drop(tls);
    let mut tls = connect(https, "localhost", client(roots(&ca), &[b"http/1.1"])).unwrap();
    let page = request(&mut tls, "localhost", "/login");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let lower = page.to_ascii_lowercase();
    assert!(
        lower.contains("strict-transport-security: max-age="),
        "{page}"
    );
    assert!(lower.contains("; secure"), "cookies must be Secure: {page}");
    // A certificate for another name does not verify.
    assert!(connect(https, "example.org", client(roots(&ca), &[b"http/1.1"])).is_err());
    // /ca.crt is the CA phones install.
    let crt = request(&mut tls, "localhost", "/ca.crt");
    assert!(crt.contains("BEGIN CERTIFICATE"), "{crt}");
    // The plain port redirects to HTTPS, and passes health checks through.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let r = agent
        .get(format!("http://127.0.0.1:{http}/lists/1?x=1"))
        .call()
        .unwrap();
    assert_eq!(r.status(), 308);
    assert_eq!(
        r.headers().get("location").unwrap(),
        &format!("https://127.0.0.1:{https}/lists/1?x=1")
    );
    let r = agent
        .get(format!("http://127.0.0.1:{http}/health/ready"))
        .call()
        .unwrap();
    assert_eq!(r.status(), 200);
}

/// The plain port's answer to `GET path` with this `Host`.
fn plain_get(port: u16, host: &str, path: &str) -> String {
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        tcp,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn the_redirect_to_https_goes_to_the_public_url_not_the_host_header() {
    let dir = tempfile::tempdir().unwrap();
    let (http, https) = (free_port(), free_port());
    let _aisle = aisle(dir.path(), http, https, &[("AISLE_TLS", "local-ca".into())]);
    let answer = plain_get(http, "evil.example", "/lists/1?x=1");
    assert!(answer.starts_with("HTTP/1.1 308"), "{answer}");
    let location = format!("location: https://127.0.0.1:{https}/lists/1?x=1\r\n");
    assert!(answer.to_ascii_lowercase().contains(&location), "{answer}");

    let dir = tempfile::tempdir().unwrap();
    let (http, https) = (free_port(), free_port());
    let public = (
        "AISLE_PUBLIC_URL",
        "https://lists.example.org:8443".to_string(),
    );
    let _aisle = aisle(
        dir.path(),
        http,
        https,
        &[("AISLE_TLS", "local-ca".into()), public],
    );
    let answer = plain_get(http, "evil.example:80", "/");
    let location = "location: https://lists.example.org:8443/\r\n";
    assert!(answer.to_ascii_lowercase().contains(location), "{answer}");
}

#[test]
fn a_request_in_the_first_moment_the_ports_listen_waits_for_rocket_instead_of_a_502() {
    let dir = tempfile::tempdir().unwrap();
    let (http, https) = (free_port(), free_port());
    let _aisle = spawn_aisle(dir.path(), http, https, &[("AISLE_TLS", "local-ca".into())]);
    // The very first connection the plain port takes: the front door binds it before
    // Rocket listens behind it, so this request lands in that gap.
    let mut tcp = wait_port(http, "aisle's HTTP port");
    tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        tcp,
        "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    tcp.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// Starts aisle with local-ca TLS and `NOTIFY_SOCKET`, without waiting for anything.
fn aisle_notifying(dir: &Path, http: u16, https: u16) -> (Proc, std::os::unix::net::UnixDatagram) {
    let path = dir.join("notify.sock");
    let socket = std::os::unix::net::UnixDatagram::bind(&path).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let extra = [
        ("AISLE_TLS", "local-ca".to_string()),
        ("NOTIFY_SOCKET", path.display().to_string()),
    ];
    (spawn_aisle(dir, http, https, &extra), socket)
}

#[test]
fn systemd_hears_ready_only_once_https_listens_and_never_when_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let (http, https) = (free_port(), free_port());
    let (_aisle, socket) = aisle_notifying(dir.path(), http, https);
    let mut buf = [0u8; 4096];
    let n = socket.recv(&mut buf).expect("a message to systemd");
    let first = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(first.lines().any(|l| l == "READY=1"), "{first:?}");
    // No waiting: at READY=1 the HTTPS port already answers, with aisle's certificate.
    let ca = std::fs::read(dir.path().join("data/tls/ca.pem")).unwrap();
    let mut tls = connect(https, "localhost", client(roots(&ca), &[b"http/1.1"]))
        .expect("HTTPS answers as soon as systemd hears READY=1");
    let ready = request(&mut tls, "localhost", "/health/ready");
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");

    // The HTTPS port is taken: aisle exits with a message and never says it is ready.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let busy = taken.local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let (mut second, socket) = aisle_notifying(dir.path(), free_port(), busy);
    socket
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut exited = None;
    for _ in 0..100 {
        if let Ok(n) = socket.recv(&mut buf) {
            let message = String::from_utf8_lossy(&buf[..n]).into_owned();
            assert!(
                !message.contains("READY=1"),
                "READY=1 without HTTPS: {message:?}"
            );
        }
        exited = second.0.try_wait().unwrap();
        if exited.is_some() {
            break;
        }
    }
    let status = exited.expect("aisle should exit when its HTTPS port is taken");
    assert!(!status.success());
    let log = std::fs::read_to_string(&second.1).unwrap();
    assert!(
        log.contains(&format!("cannot listen on 127.0.0.1:{busy}")),
        "{log}"
    );
}

fn make_cert(
    dir: &Path,
    name: &str,
    ca: &(rcgen::Certificate, rcgen::KeyPair),
) -> (PathBuf, PathBuf) {
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = rcgen::CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .signed_by(&key, &ca.0, &ca.1)
        .unwrap();
    let (c, k) = (
        dir.join(format!("{name}.pem")),
        dir.join(format!("{name}.key")),
    );
    std::fs::write(&c, cert.pem()).unwrap();
    std::fs::write(&k, key.serialize_pem()).unwrap();
    (c, k)
}

fn make_ca() -> (rcgen::Certificate, rcgen::KeyPair) {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "test CA");
    (params.self_signed(&key).unwrap(), key)
}

#[test]
fn files_mode_picks_up_replaced_certificates_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let ca = make_ca();
    let (cert, key) = make_cert(dir.path(), "first", &ca);
    let (http, https) = (free_port(), free_port());
    let _aisle = aisle(
        dir.path(),
        http,
        https,
        &[
            ("AISLE_TLS", "files".into()),
            ("AISLE_TLS_CERT", cert.display().to_string()),
            ("AISLE_TLS_KEY", key.display().to_string()),
        ],
    );
    let cfg = client(roots(ca.0.pem().as_bytes()), &[b"http/1.1"]);
    let first = leaf(&connect(https, "localhost", Arc::clone(&cfg)).unwrap());
    // Replace the files (as certbot or a NAS would), then new connections get the new one.
    let (c2, k2) = make_cert(dir.path(), "second", &ca);
    std::fs::copy(&k2, &key).unwrap();
    std::fs::copy(&c2, &cert).unwrap();
    let second = std::fs::read(&c2).unwrap();
    let second_der = CertificateDer::pem_slice_iter(&second)
        .next()
        .unwrap()
        .unwrap()
        .as_ref()
        .to_vec();
    let mut seen = first.clone();
    for _ in 0..100 {
        seen = leaf(&connect(https, "localhost", Arc::clone(&cfg)).unwrap());
        if seen != first {
            break;
        }
        thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        seen, second_der,
        "the replaced certificate was not picked up"
    );
}

/// Pebble and its DNS, for one test.
struct Pebble {
    _dns: Proc,
    _pebble: Proc,
    port: u16,
    mgmt: u16,
    ca: PathBuf,
    client: Arc<rustls::ClientConfig>,
}

fn pebble(dir: &Path, http_port: u16, tls_port: u16, validity_secs: u64) -> Pebble {
    // Pebble's own HTTPS listener needs a certificate; aisle trusts it via --acme-directory-ca.
    let ca = make_ca();
    let key = rcgen::KeyPair::generate().unwrap();
    let cert =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .unwrap()
            .signed_by(&key, &ca.0, &ca.1)
            .unwrap();
    std::fs::write(dir.join("pebble.pem"), cert.pem()).unwrap();
    std::fs::write(dir.join("pebble.key"), key.serialize_pem()).unwrap();
    let ca_path = dir.join("pebble-ca.pem");
    std::fs::write(&ca_path, ca.0.pem()).unwrap();
    let (port, mgmt, dns) = (free_port(), free_port(), free_port());
    let config = serde_json::json!({"pebble": {
        "listenAddress": format!("127.0.0.1:{port}"),
        "managementListenAddress": format!("127.0.0.1:{mgmt}"),
        "certificate": dir.join("pebble.pem"),
        "privateKey": dir.join("pebble.key"),
        "httpPort": http_port,
        "tlsPort": tls_port,
        "ocspResponderURL": "",
        "externalAccountBindingRequired": false,
        "certificateValidityPeriod": validity_secs,
    }});
    std::fs::write(dir.join("pebble.json"), config.to_string()).unwrap();
    let spawn = |cmd: &mut Command, name: &str| {
        let log = dir.join(format!("{name}.log"));
        let child = cmd
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{name} is missing ({e}): scripts/test installs Debian's pebble")
            });
        Proc(child, log.display().to_string())
    };
    let dns_proc = spawn(
        Command::new("pebble-challtestsrv").args([
            "-dns01",
            &format!("127.0.0.1:{dns}"),
            "-http01",
            "",
            "-https01",
            "",
            "-tlsalpn01",
            "",
            "-management",
            &format!("127.0.0.1:{}", free_port()),
            "-defaultIPv4",
            "127.0.0.1",
            "-defaultIPv6",
            "",
        ]),
        "challtestsrv",
    );
    let pebble_proc = spawn(
        Command::new("pebble")
            .args([
                "-config",
                dir.join("pebble.json").to_str().unwrap(),
                "-dnsserver",
                &format!("127.0.0.1:{dns}"),
            ])
            .env("PEBBLE_VA_NOSLEEP", "1")
            .env("PEBBLE_WFE_NONCEREJECT", "0")
            .env("PEBBLE_AUTHZREUSE", "0"),
        "pebble",
    );
    wait_port(port, "pebble");
    wait_port(mgmt, "pebble's management port");
    Pebble {
        _dns: dns_proc,
        _pebble: pebble_proc,
        port,
        mgmt,
        ca: ca_path,
        client: client(roots(ca.0.pem().as_bytes()), &[b"http/1.1"]),
    }
}

impl Pebble {
    /// Pebble's (per-run) root certificate, which signs what it issues.
    fn root(&self) -> Vec<u8> {
        let mut tls = connect(self.mgmt, "localhost", Arc::clone(&self.client)).unwrap();
        let resp = request(&mut tls, "localhost", "/roots/0");
        resp.split_once("\r\n\r\n").unwrap().1.as_bytes().to_vec()
    }
}

/// Waits (bounded) until aisle serves a certificate issued by Pebble for `name`.
fn wait_for_acme_cert(
    p: &Pebble,
    https: u16,
    name: &str,
    aisle: &Proc,
) -> rustls::StreamOwned<rustls::ClientConnection, TcpStream> {
    let cfg = client(roots(&p.root()), &[b"http/1.1"]);
    let mut last = String::new();
    for _ in 0..240 {
        match connect(https, name, Arc::clone(&cfg)) {
            Ok(tls) => return tls,
            Err(e) => last = e,
        }
        thread::sleep(Duration::from_millis(250));
    }
    panic!(
        "no certificate from Pebble ({last}); aisle log:\n{}",
        std::fs::read_to_string(&aisle.1).unwrap_or_default()
    );
}

fn acme_env(p: &Pebble, challenge: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AISLE_TLS", "acme".into()),
        ("AISLE_ACME_DOMAIN", "aisle.test".into()),
        ("AISLE_ACME_EMAIL", "admin@aisle.test".into()),
        (
            "AISLE_ACME_DIRECTORY",
            format!("https://127.0.0.1:{}/dir", p.port),
        ),
        ("AISLE_ACME_DIRECTORY_CA", p.ca.display().to_string()),
        ("AISLE_ACME_CHALLENGE", challenge.into()),
    ]
}

#[test]
fn acme_tls_alpn_01_gets_a_certificate_from_pebble() {
    let dir = tempfile::tempdir().unwrap();
    let (http, https) = (free_port(), free_port());
    let p = pebble(dir.path(), http, https, 3600);
    let aisle = aisle(dir.path(), http, https, &acme_env(&p, "tls-alpn-01"));
    let mut tls = wait_for_acme_cert(&p, https, "aisle.test", &aisle);
    let page = request(&mut tls, "aisle.test", "/health/ready");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    // The certificate and account are cached in the data dir.
    assert!(
        std::fs::read_dir(dir.path().join("data/acme"))
            .unwrap()
            .count()
            >= 2
    );
}

#[test]
fn acme_http_01_gets_a_certificate_and_renews_it_while_a_connection_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let (http, https) = (free_port(), free_port());
    // Short-lived certificates: rustls-acme renews at two thirds of the validity.
    let p = pebble(dir.path(), http, https, 45);
    let aisle = aisle(dir.path(), http, https, &acme_env(&p, "http-01"));
    let mut open = wait_for_acme_cert(&p, https, "aisle.test", &aisle);
    let first = leaf(&open);
    assert!(request(&mut open, "aisle.test", "/health/live").starts_with("HTTP/1.1 200"));
    // Wait (bounded) for a renewed certificate on new connections.
    let cfg = client(roots(&p.root()), &[b"http/1.1"]);
    let mut renewed = false;
    for _ in 0..120 {
        thread::sleep(Duration::from_millis(500));
        // Keep the old connection busy meanwhile: it must keep working.
        assert!(request(&mut open, "aisle.test", "/health/live").starts_with("HTTP/1.1 200"));
        if let Ok(tls) = connect(https, "aisle.test", Arc::clone(&cfg))
            && leaf(&tls) != first
        {
            renewed = true;
            break;
        }
    }
    assert!(
        renewed,
        "no renewal; log:\n{}",
        std::fs::read_to_string(&aisle.1).unwrap_or_default()
    );
    assert!(
        request(&mut open, "aisle.test", "/health/live").starts_with("HTTP/1.1 200"),
        "the open connection was dropped"
    );
}
