//! The OpenAPI document as served, and the refusals schemathesis holds the server to
//! (`scripts/test-openapi` fuzzes every operation against the document): a method an
//! address does not take answers 405 with `Allow`, and a query parameter that does not
//! read is refused rather than taken as absent.

use serde_json::Value;

use crate::common::member::Member;
use crate::common::{Server, snapshot};

#[test]
fn the_document_is_served_without_a_token_and_names_every_operation() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let resp = alice.client.get("/api/v1/openapi.json");
    assert_eq!(resp.status, 200, "{}", resp.describe());
    assert!(
        resp.header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{}",
        resp.describe()
    );
    let doc = resp.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let ops = &doc["paths"]["/api/v1/lists/{id}/ops"]["post"];
    assert!(ops["requestBody"].is_object(), "{ops}");
    for code in ["200", "401", "404", "413", "422"] {
        assert!(ops["responses"][code].is_object(), "{code} in {ops}");
    }
    assert!(doc["components"]["schemas"]["Op"].is_object());
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

#[test]
fn a_method_an_address_does_not_take_is_405_with_allow_and_changes_nothing() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");
    alice.client.add_items(list, "milk, bread");
    let before = snapshot(&server);
    let auth = format!("Bearer {}", alice.token);
    for (method, path, allow) in [
        ("DELETE", format!("/api/v1/lists/{list}"), "GET, HEAD"),
        ("PUT", "/api/v1/lists".to_string(), "GET, HEAD, POST"),
        ("GET", format!("/api/v1/lists/{list}/ops"), "POST"),
    ] {
        let resp = alice
            .client
            .send(method, &path, &[("Authorization", &auth)], None);
        assert_eq!(resp.status, 405, "{method} {path}: {}", resp.describe());
        assert_eq!(resp.header("allow"), Some(allow), "{method} {path}");
        let problem: Value = resp.json();
        assert_eq!(problem["status"], 405);
        assert!(
            problem["detail"]
                .as_str()
                .is_some_and(|d| d.contains(allow) && d.contains(method)),
            "{problem}"
        );
    }
    // Rocket does not know QUERY: the front door answers it, from the same routes.
    let raw = raw_request(
        server.port,
        &format!(
            "QUERY /api/v1/lists/{list} HTTP/1.1\r\nHost: localhost\r\nAuthorization: {auth}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(raw.starts_with("HTTP/1.1 405"), "{raw}");
    let lower = raw.to_ascii_lowercase();
    assert!(lower.contains("\r\nallow: get, head\r\n"), "{raw}");
    assert!(lower.contains("application/problem+json"), "{raw}");

    // An address that is not there at all is still 404, whatever the method.
    let resp = alice.client.send(
        "DELETE",
        "/api/v1/nothing",
        &[("Authorization", &auth)],
        None,
    );
    assert_eq!(resp.status, 404, "{}", resp.describe());
    assert_eq!(snapshot(&server), before, "nothing changed");
}

#[test]
fn a_query_parameter_that_does_not_read_is_refused_not_ignored() {
    let server = Server::start();
    let alice = Member::new(&server, "alice", "Home");
    let list = alice.client.create_list("Weekly");
    alice.client.add_items(list, "milk");
    for path in [
        format!("/api/v1/lists/{list}/changes?since=null&since=null"),
        format!("/api/v1/lists/{list}/changes?since=abc"),
        "/api/v1/products?q=milk&online=".to_string(),
        "/api/v1/products?q=milk&online=null".to_string(),
    ] {
        let resp = alice.get(&path);
        assert_eq!(resp.status, 422, "{path}: {}", resp.describe());
        assert!(
            resp.json()["detail"]
                .as_str()
                .is_some_and(|d| d.contains("since") || d.contains("online") || d.contains('q')),
            "{path}: {}",
            resp.describe()
        );
    }
    // Absent or well formed, they read as before.
    for path in [
        format!("/api/v1/lists/{list}/changes"),
        format!("/api/v1/lists/{list}/changes?since=0"),
        "/api/v1/products?q=milk&online=false".to_string(),
        "/api/v1/products".to_string(),
        "/api/v1/suggestions?q=mi".to_string(),
        "/api/v1/suggestions".to_string(),
    ] {
        let resp = alice.get(&path);
        assert_eq!(resp.status, 200, "{path}: {}", resp.describe());
    }
}

/// Sends `request` as written and reads the whole answer (the server closes).
fn raw_request(port: u16, request: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}
