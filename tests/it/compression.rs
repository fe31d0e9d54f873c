//! Compressed responses, read off raw sockets (the harness's ureq client would decompress
//! on its own): brotli or gzip by `Accept-Encoding`, bodies that decompress to exactly the
//! plain one, `Vary`, 304 on assets, and the live events stream still streaming.
//!
//! Every read has a timeout and every loop a bound; nothing measures time.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::common::member::Member;
use crate::common::*;

const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A response with its body as bytes, as it came over the wire.
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body decoded by its `Content-Encoding`.
    fn decoded(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match self.header("content-encoding") {
            None => out.clone_from(&self.body),
            Some("gzip") => {
                flate2::read::GzDecoder::new(&self.body[..])
                    .read_to_end(&mut out)
                    .expect("a valid gzip body");
            }
            Some("br") => {
                brotli::BrotliDecompress(&mut &self.body[..], &mut out).expect("a valid br body");
            }
            Some(other) => panic!("unexpected Content-Encoding {other}"),
        }
        out
    }

    fn varies_by_encoding(&self) -> bool {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("vary"))
            .flat_map(|(_, v)| v.split(','))
            .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
    }
}

/// Sends one request on a new connection (closed after it) and reads the whole answer.
fn send(port: u16, method: &str, path: &str, headers: &[(&str, &str)]) -> Raw {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(READ_TIMEOUT)).unwrap();
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the answer");
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let resp = Raw {
        status,
        headers,
        body: Vec::new(),
    };
    assert!(
        resp.header("transfer-encoding").is_none(),
        "{path}: sized bodies keep their Content-Length"
    );
    if let Some(len) = resp.header("content-length") {
        let len: usize = len.parse().expect("a number");
        if method != "HEAD" {
            assert_eq!(body.len(), len, "{path}: Content-Length is the body's size");
        }
        body.truncate(len);
    }
    Raw { body, ..resp }
}

/// A member with a 100-item list; returns (member, list id, the session cookie header).
fn household_with_a_long_list(server: &Server) -> (Member, i64, String) {
    let anna = Member::new(server, "anna", "Home");
    let list = anna.client.create_list("Weekly shop");
    let items: Vec<String> = (1..=100)
        .map(|i| format!("{i} g item number {i}"))
        .collect();
    anna.client.add_items(list, &items.join("\n"));
    let cookie = format!(
        "aisle_session={}",
        anna.client.cookie("aisle_session").unwrap()
    );
    (anna, list, cookie)
}

fn asset_urls(page: &str) -> Vec<String> {
    page.split("\"/assets/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|rest| format!("/assets/{rest}"))
        .collect()
}

#[test]
fn pages_assets_and_json_come_compressed_and_decompress_to_the_plain_body() {
    let server = Server::start();
    let (anna, list, cookie) = household_with_a_long_list(&server);
    let page = format!("/lists/{list}");
    let json = format!("/api/v1/lists/{list}");
    let urls = asset_urls(&anna.client.get(&page).body);
    // The page's stylesheet, every one of its scripts and the add box's reader.
    let assets: Vec<&String> = urls
        .iter()
        .filter(|u| [".js", ".css", ".wasm"].iter().any(|e| u.ends_with(e)))
        .collect();
    for file in [
        "app.css",
        "app.js",
        "queue.js",
        "rows.js",
        "sheet.js",
        "parse/aisle_parse_wasm.js",
        "reader.js",
        "list.js",
        "parse/aisle_parse_wasm_bg.wasm",
    ] {
        assert!(
            assets.iter().any(|u| u.ends_with(&format!("/{file}"))),
            "{file} in {urls:?}"
        );
    }
    let bearer = format!("Bearer {}", anna.token);
    let mut cases: Vec<(&str, &str, &str)> = vec![(&page, "Cookie", &cookie)];
    // reader.js is under the size worth compressing (`small_bodies…` covers those).
    cases.extend(
        assets
            .iter()
            .filter(|u| !u.ends_with("/reader.js"))
            .map(|u| (u.as_str(), "Cookie", cookie.as_str())),
    );
    cases.push((&json, "Authorization", &bearer));
    let mut sizes = Vec::new();
    for (path, auth, value) in cases {
        let plain = send(server.port, "GET", path, &[(auth, value)]);
        assert_eq!(plain.status, 200, "{path}");
        if path.ends_with(".wasm") {
            // Compiled while it streams in only when served as WebAssembly.
            assert_eq!(plain.header("content-type"), Some("application/wasm"));
        }
        assert_eq!(
            plain.header("content-encoding"),
            None,
            "{path}: none asked for"
        );
        assert!(plain.varies_by_encoding(), "{path}: {:?}", plain.headers);
        assert!(
            plain.body.len() > 2048,
            "{path}: {} bytes",
            plain.body.len()
        );
        let mut sized = vec![plain.body.len()];
        for (accept, coding) in [
            ("gzip", "gzip"),
            ("gzip, deflate, br", "br"),
            ("br;q=0.4, gzip;q=0.9", "gzip"),
            ("br", "br"),
        ] {
            let got = send(
                server.port,
                "GET",
                path,
                &[(auth, value), ("Accept-Encoding", accept)],
            );
            assert_eq!(got.status, 200, "{path} {accept}");
            assert_eq!(
                got.header("content-encoding"),
                Some(coding),
                "{path} {accept}"
            );
            assert!(got.varies_by_encoding(), "{path}: {:?}", got.headers);
            assert!(got.body.len() < plain.body.len() / 2, "{path} {accept}");
            // A page carries a fresh CSRF token each time; everything else is identical.
            let (a, b) = (got.decoded(), plain.body.clone());
            if path == page {
                let strip = |b: &[u8]| {
                    let text = String::from_utf8(b.to_vec()).unwrap();
                    let token = csrf_from(&text).unwrap();
                    text.replace(&token, "TOKEN")
                };
                assert_eq!(strip(&a), strip(&b), "{path} {accept}");
            } else {
                assert_eq!(a, b, "{path} {accept}: decompresses to the plain body");
            }
            if accept == "gzip" || accept == "br" {
                sized.push(got.body.len());
            }
        }
        // What nothing acceptable, or only identity, gets: the plain body.
        for accept in ["identity", "gzip;q=0, br;q=0", "zstd"] {
            let got = send(
                server.port,
                "GET",
                path,
                &[(auth, value), ("Accept-Encoding", accept)],
            );
            assert_eq!(got.header("content-encoding"), None, "{path} {accept}");
            assert_eq!(got.body.len(), plain.body.len(), "{path} {accept}");
        }
        // HEAD answers the headers GET would, without a body.
        let head = send(
            server.port,
            "HEAD",
            path,
            &[(auth, value), ("Accept-Encoding", "gzip")],
        );
        assert_eq!(head.status, 200, "HEAD {path}");
        assert_eq!(head.header("content-encoding"), Some("gzip"), "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path}");
        sizes.push((path.to_string(), sized));
    }
    // The figures in docs/PERFORMANCE.md ("Compression"): raw, gzip, br.
    for (path, s) in &sizes {
        eprintln!("size {path}: raw {} gzip {} br {}", s[0], s[1], s[2]);
    }
}

#[test]
fn small_bodies_and_images_go_as_they_are() {
    let server = Server::start();
    let anna = Member::new(&server, "anna", "Home");
    let both = ("Accept-Encoding", "gzip, br");
    // A small JSON answer: not worth compressing, but it still varies by encoding.
    let bearer = format!("Bearer {}", anna.token);
    let small = send(
        server.port,
        "GET",
        "/api/v1/lists",
        &[("Authorization", &bearer), both],
    );
    assert_eq!(small.status, 200);
    assert!(small.body.len() < 1024, "{}", small.body.len());
    assert_eq!(small.header("content-encoding"), None);
    assert!(small.varies_by_encoding());
    // An icon is compressed already.
    let urls = asset_urls(&anna.client.get("/").body);
    let icon = urls.iter().find(|u| u.ends_with(".png")).expect("an icon");
    let png = send(server.port, "GET", icon, &[both]);
    assert_eq!(png.status, 200, "{icon}");
    assert_eq!(png.header("content-encoding"), None, "{icon}");
    assert!(png.body.starts_with(b"\x89PNG"), "{icon}");
    // A refused request (problem+json) is fine either way.
    let refused = send(
        server.port,
        "GET",
        "/api/v1/lists/999999",
        &[both, ("Authorization", &bearer)],
    );
    assert_eq!(refused.status, 404);
    assert!(
        String::from_utf8_lossy(&refused.decoded()).contains("detail"),
        "{:?}",
        refused.headers
    );
}

#[test]
fn assets_answer_304_per_coding_by_their_etag() {
    let server = Server::start();
    let client = server.client();
    let urls = asset_urls(&client.get("/login").body);
    let css = urls
        .iter()
        .find(|u| u.ends_with("/app.css"))
        .expect("app.css");
    let gz = send(server.port, "GET", css, &[("Accept-Encoding", "gzip")]);
    let plain = send(server.port, "GET", css, &[]);
    let (gz_tag, plain_tag) = (gz.header("etag").unwrap(), plain.header("etag").unwrap());
    assert_ne!(gz_tag, plain_tag, "each coding is its own representation");
    let again = send(
        server.port,
        "GET",
        css,
        &[("Accept-Encoding", "gzip"), ("If-None-Match", gz_tag)],
    );
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), Some(gz_tag));
    assert!(again.varies_by_encoding(), "{:?}", again.headers);
    assert!(again.header("cache-control").unwrap().contains("immutable"));
    // The gzip copy's tag does not stand for the plain body, nor a stale tag for either.
    for (accept, tag) in [("identity", gz_tag), ("gzip", "\"000000000000-gzip\"")] {
        let full = send(
            server.port,
            "GET",
            css,
            &[("Accept-Encoding", accept), ("If-None-Match", tag)],
        );
        assert_eq!(full.status, 200, "{accept} {tag}");
        assert!(!full.body.is_empty());
    }
    let plain_again = send(server.port, "GET", css, &[("If-None-Match", plain_tag)]);
    assert_eq!(plain_again.status, 304);
}

#[test]
fn the_event_stream_is_never_compressed_and_an_event_arrives_at_once() {
    let server = Server::start();
    let anna = Member::new(&server, "anna", "Home");
    let list = anna.client.create_list("Weekly shop");
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream.set_read_timeout(Some(READ_TIMEOUT)).unwrap();
    let request = format!(
        "GET /api/v1/lists/{list}/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Accept: text/event-stream\r\nAccept-Encoding: gzip, deflate, br\r\n\
         Authorization: Bearer {}\r\n\r\n",
        anna.token
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut seen = Vec::new();
    let mut read_until = |needle: &[u8], seen: &mut Vec<u8>| {
        let mut buf = [0u8; 4096];
        for _ in 0..100 {
            if seen.windows(needle.len()).any(|w| w == needle) {
                return;
            }
            // A read that times out means the event was held back (buffered): fail.
            let n = stream
                .read(&mut buf)
                .expect("the event arrives, not held back");
            assert!(n > 0, "the stream ended early");
            seen.extend_from_slice(&buf[..n]);
        }
        panic!(
            "no {:?} in {:?}",
            String::from_utf8_lossy(needle),
            String::from_utf8_lossy(seen)
        );
    };
    read_until(b"event:hello", &mut seen);
    let head = String::from_utf8_lossy(&seen).to_ascii_lowercase();
    assert!(head.contains("content-type: text/event-stream"), "{head}");
    assert!(!head.contains("content-encoding"), "{head}");
    anna.client.add_items(list, "milk");
    read_until(b"event:change", &mut seen);
}
