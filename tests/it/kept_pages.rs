//! List pages and sessions kept in memory while the database stays the same (`db::memo`):
//! a kept page is served again only to its own session and only until anything changes,
//! at once after the server's own writes and soon after another process's.

use crate::common::*;

/// List pages served so far: `kept` (from memory) or `rendered`.
fn pages(server: &Server, source: &str) -> f64 {
    metric(
        server,
        &format!("aisle_list_pages_total{{source=\"{source}\"}}"),
    )
    .unwrap_or(0.0)
}

/// GETs `path` until the answer comes from memory (bounded: a write by another process
/// during set-up, such as `aisle user add`, may be noticed between two requests), and
/// returns the page rendered before it, which must be the same.
fn kept_page(server: &Server, client: &Client, path: &str) -> String {
    let mut last = client.get(path);
    for _ in 0..40 {
        assert_eq!(last.status, 200, "GET {path}: {}", last.describe());
        let kept = pages(server, "kept");
        let next = client.get(path);
        if pages(server, "kept") > kept {
            assert_eq!(next.status, 200);
            assert_eq!(
                next.body, last.body,
                "a kept page differs from the one it keeps"
            );
            return next.body;
        }
        last = next;
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("GET {path} was never served from memory");
}

#[test]
fn a_kept_list_page_lasts_until_anything_changes() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", false);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups milk\n1 loaf bread");
    let path = format!("/lists/{list}");
    let milk = alice.item_id(list, "milk");
    let page = kept_page(&server, &alice, &path);
    assert!(page.contains(&format!("/lists/{list}/items/{milk}/check\"")));

    // A change through the server shows on the very next request.
    let checked = alice.submit(&format!("/lists/{list}/items/{milk}/check"), &[]);
    assert_eq!(checked.status, 303, "{}", checked.describe());
    let rendered = pages(&server, "rendered");
    let page = alice.get(&path).body;
    assert_eq!(
        pages(&server, "rendered"),
        rendered + 1.0,
        "not rendered afresh"
    );
    assert!(
        page.contains("Done (1)"),
        "the check-off is not on the page"
    );
    assert!(page.contains(&format!("/lists/{list}/items/{milk}/uncheck")));

    // So does a change by another process, once noticed (within a fraction of a second).
    kept_page(&server, &alice, &path);
    write_from_outside(&server, |conn| {
        conn.execute("UPDATE items SET name = 'oat milk' WHERE id = ?1", [milk])
            .unwrap()
    });
    let page = alice.get(&path).body;
    assert!(
        page.contains("oat milk"),
        "a change by another process is not shown"
    );

    // A page with a message or an undo offer is of its moment: never kept or served kept.
    let deleted = alice.submit(&format!("/lists/{list}/items/{milk}/delete"), &[]);
    let undo_path = deleted.redirected().to_string();
    assert!(undo_path.contains("undo="), "{undo_path}");
    let offer = format!("action=\"/lists/{list}/restore\"");
    let kept = pages(&server, "kept");
    for _ in 0..2 {
        let page = alice.get(&undo_path);
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&offer), "no undo offer: {}", page.body);
    }
    assert_eq!(pages(&server, "kept"), kept);
    assert!(
        !alice.get(&path).body.contains(&offer),
        "the undo offer stuck"
    );
}

#[test]
fn a_kept_page_is_served_only_to_its_own_session() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", false);
    let bob = server.user_client("bob", "Home", false);
    let carol = server.user_client("carol", "Elsewhere", false);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "milk");
    let path = format!("/lists/{list}");
    let alices = kept_page(&server, &alice, &path);

    // Bob shares the household and the list, not Alice's page: his carries his own
    // CSRF token.
    let bobs = kept_page(&server, &bob, &path);
    let (alice_csrf, bob_csrf) = (csrf_from(&alices).unwrap(), csrf_from(&bobs).unwrap());
    assert_ne!(alice_csrf, bob_csrf);
    assert_eq!(bob_csrf, bob.csrf_token());
    assert_eq!(alice_csrf, alice.csrf_token());
    // Carol, of another household, still gets nothing.
    assert_refused(&carol.get(&path), 404, "another household's kept list page");
    // Nor does a visitor without a session.
    assert_eq!(server.client().get(&path).redirected(), "/login");
}

#[test]
fn a_kept_session_ends_at_logout_and_when_removed_from_outside() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", false);
    let list = alice.create_list("Weekly");
    let path = format!("/lists/{list}");
    kept_page(&server, &alice, &path);

    // Logged out: the cookie kept by someone else opens nothing, at once.
    let stolen = server.client();
    stolen.set_cookie("aisle_session", &alice.cookie("aisle_session").unwrap());
    assert_eq!(stolen.get(&path).status, 200);
    alice.submit("/logout", &[]);
    assert_eq!(stolen.get(&path).redirected(), "/login");
    assert_eq!(stolen.get("/").redirected(), "/login");

    // A session deleted by another process (the database edited by hand, a restore
    // script) ends once the server notices.
    alice.login("alice", PASSWORD);
    kept_page(&server, &alice, &path);
    write_from_outside(&server, |conn| {
        conn.execute("DELETE FROM sessions", []).unwrap()
    });
    assert_eq!(alice.get(&path).redirected(), "/login");
}
