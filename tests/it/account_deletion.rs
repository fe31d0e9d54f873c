//! Deleting one's own account and a whole household, after confirmation.

use crate::common::{PASSWORD, Server, add_user, assert_refused, snapshot, sqlite};

fn count(server: &Server, sql: &str) -> i64 {
    sqlite(server).query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_member_deletes_their_account_with_their_password() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let ben = server.user_client("ben", "Smiths", false);
    let list = anna.create_list("Weekly");
    anna.add_items(list, "milk");
    assert_eq!(ben.get("/settings/delete").status, 200);

    // A wrong password changes nothing.
    let before = snapshot(&server);
    let resp = ben.submit("/settings/delete", &[("confirm", "not my password")]);
    assert_refused(&resp, 422, "wrong password");
    assert_eq!(snapshot(&server), before);

    let resp = ben.submit("/settings/delete", &[("confirm", PASSWORD)]);
    assert_eq!(resp.status, 303, "{}", resp.describe());
    assert_eq!(
        count(&server, "SELECT count(*) FROM users WHERE username = 'ben'"),
        0
    );
    assert!(!ben.logged_in(), "the deleted user's session must end");
    assert_eq!(ben.try_login("ben", PASSWORD).status, 401);
    // The household's lists stay for the others.
    assert_eq!(anna.items(list).len(), 1);
}

#[test]
fn the_only_admin_or_only_member_cannot_delete_their_account() {
    let server = Server::start();
    let solo = server.user_client("solo", "Alone", true);
    let before = snapshot(&server);
    let resp = solo.submit("/settings/delete", &[("confirm", PASSWORD)]);
    assert_refused(&resp, 422, "only member");
    assert!(resp.body.contains("only member"), "{}", resp.body);
    let anna = server.user_client("anna", "Smiths", true);
    let _ben = server.user_client("ben", "Smiths", false);
    let resp = anna.submit("/settings/delete", &[("confirm", PASSWORD)]);
    assert_refused(&resp, 422, "only admin");
    assert!(resp.body.contains("only admin"), "{}", resp.body);
    assert_eq!(count(&server, "SELECT count(*) FROM users"), 3);
    let _ = before;
}

#[test]
fn an_admin_deletes_the_household_after_typing_its_name() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let ben = server.user_client("ben", "Smiths", false);
    let zoe = server.user_client("zoe", "Joneses", true);
    let list = anna.create_list("Weekly");
    anna.add_items(list, "milk, bread");
    let zlist = zoe.create_list("Mine");

    // The way there is the household page's last section, after the stores; members
    // are not offered it.
    let page = anna.get("/household").body;
    let (stores, delete) = (
        page.find("Add store"),
        page.find(r#"href="/household/delete""#),
    );
    assert!(
        stores.is_some() && delete > stores,
        "destructive actions go last"
    );
    assert!(
        !ben.get("/household")
            .body
            .contains(r#"href="/household/delete""#)
    );

    // Members cannot; a wrong name changes nothing.
    assert_eq!(ben.get("/household/delete").status, 403);
    let before = snapshot(&server);
    let resp = anna.submit("/household/delete", &[("confirm", "Smith")]);
    assert_refused(&resp, 422, "wrong name");
    assert_eq!(snapshot(&server), before);

    assert_eq!(anna.get("/household/delete").status, 200);
    let resp = anna.submit("/household/delete", &[("confirm", "Smiths")]);
    assert_eq!(resp.status, 303, "{}", resp.describe());
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM households WHERE name = 'Smiths'"
        ),
        0
    );
    assert_eq!(
        count(
            &server,
            "SELECT count(*) FROM users WHERE username IN ('anna', 'ben')"
        ),
        0
    );
    assert_eq!(
        count(&server, "SELECT count(*) FROM lists WHERE name = 'Weekly'"),
        0
    );
    assert_eq!(count(&server, "SELECT count(*) FROM items"), 0);
    assert!(!anna.logged_in() && !ben.logged_in());
    // The other household is untouched.
    assert_eq!(zoe.get(&format!("/lists/{zlist}")).status, 200);
    add_user(&server, "anna", "Smiths", true, PASSWORD);
}
