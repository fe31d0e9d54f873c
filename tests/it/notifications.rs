//! Who should know: members opt into a list's news, their phones subscribe (Web Push to a
//! fake push service on loopback that decrypts each message as the browser would), and the
//! household's ntfy topic and webhook hear it too. Adds are batched per author ("alice added
//! 3 items"), the author is never told of their own adds, and members who did not opt in
//! hear nothing.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::member::*;
use crate::common::*;
use crate::fake::push::*;

/// Everything the fake received within `wait`, once `count` requests arrived (bounded).
fn received(fake: &Fake, count: usize, wait: Duration) -> Vec<Received> {
    let deadline = Instant::now() + wait;
    let mut got = Vec::new();
    while Instant::now() < deadline {
        got.extend(fake.take());
        if got.len() >= count {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    got
}

fn subscribe(member: &Member, fake: &Fake, path: &str) -> Browser {
    let browser = Browser::new();
    let (p256dh, auth) = browser.keys();
    let body = json!({"endpoint": fake.url(path), "expirationTime": null,
                      "keys": {"p256dh": p256dh, "auth": auth}});
    let resp = member
        .client
        .api_post_json("/api/v1/push/subscriptions", &member.token, &body);
    assert_eq!(resp.status, 201, "{}", resp.describe());
    browser
}

fn watch(member: &Member, list: i64, added: bool, shopping: bool) {
    let resp = member.client.send(
        "PUT",
        &format!("/api/v1/lists/{list}/watch"),
        &[
            ("Authorization", &format!("Bearer {}", member.token)),
            ("Content-Type", "application/json"),
        ],
        Some((
            "application/json",
            json!({"added": added, "shopping": shopping})
                .to_string()
                .into_bytes(),
        )),
    );
    assert_eq!(resp.status, 204, "{}", resp.describe());
}

fn opened(browser: &Browser, got: &Received) -> Value {
    assert_eq!(got.method, "POST");
    assert_eq!(got.headers["content-encoding"], "aes128gcm");
    serde_json::from_slice(&decrypt(&got.body, &browser.secret, &browser.auth).plaintext).unwrap()
}

#[test]
fn adds_are_told_in_one_batch_to_the_members_who_asked_and_never_to_the_author() {
    let push = Fake::start(201);
    let hooks = Fake::start(200);
    let server = Server::start_with(&[("AISLE_NOTIFY_BATCH_SECS", "1")]);
    let alice = Member::new(&server, "alice", "Home");
    let bob = Member::new(&server, "bob", "Home");
    let carol = Member::new(&server, "carol", "Home");
    let list = alice.client.create_list("Weekly");
    let bobs_phone = subscribe(&bob, &push, "/push/bob");
    subscribe(&carol, &push, "/push/carol");
    subscribe(&alice, &push, "/push/alice");
    watch(&bob, list, true, false);
    watch(&alice, list, true, true);
    // Carol subscribed a phone but asked for nothing about this list.
    let key = alice.get("/api/v1/push/key").json()["public_key"]
        .as_str()
        .unwrap()
        .to_string();

    // The admin points the household's webhook at a fake too.
    let admin = server.user_client("dora", "Home", true);
    let saved = admin.submit(
        "/household/hooks",
        &[
            ("ntfy_url", ""),
            ("ntfy_token", ""),
            ("webhook_url", &hooks.url("/hook/secret")),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.describe());

    alice.client.add_items(list, "milk, 2 eggs");
    alice.client.add_items(list, "bread");
    let got = received(&push, 1, Duration::from_secs(10));
    assert_eq!(got.len(), 1, "one message for the batch, to bob alone");
    assert_eq!(got[0].path, "/push/bob");
    verify_vapid(
        &got[0].headers["authorization"],
        &push.url(""),
        &key,
        "mailto:aisle@localhost",
    );
    let message = opened(&bobs_phone, &got[0]);
    assert_eq!(message["title"], "Weekly");
    assert_eq!(message["body"], "alice added 3 items: milk, eggs, bread");
    assert_eq!(message["url"], format!("/lists/{list}"));
    let hook = received(&hooks, 1, Duration::from_secs(5));
    let event: Value = serde_json::from_slice(&hook[0].body).unwrap();
    assert_eq!(event["event"], "items_added");
    assert_eq!(event["count"], 3);

    // Checking off is no news; bob's own add is not told to bob, but to alice.
    let milk = alice.item_id(list, "milk");
    alice.ops(
        list,
        json!([{"op_id": "c1", "kind": "check", "item_id": milk}]),
    );
    bob.client.add_items(list, "tea");
    let got = received(&push, 1, Duration::from_secs(10));
    assert_eq!(
        got.len(),
        1,
        "{:?}",
        got.iter().map(|g| &g.path).collect::<Vec<_>>()
    );
    assert_eq!(got[0].path, "/push/alice");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(push.take().is_empty(), "nothing more");
}

#[test]
fn going_and_done_shopping_reach_ntfy_and_the_phones_that_asked() {
    let push = Fake::start(201);
    let ntfy = Fake::start(200);
    let server = Server::start_with(&[("AISLE_NOTIFY_BATCH_SECS", "1")]);
    let alice = Member::new(&server, "alice", "Home");
    let bob = Member::new(&server, "bob", "Home");
    let list = alice.client.create_list("Weekly");
    let bobs_phone = subscribe(&bob, &push, "/push/bob");
    watch(&bob, list, false, true);
    let admin = server.user_client("dora", "Home", true);
    let saved = admin.submit(
        "/household/hooks",
        &[
            ("ntfy_url", &ntfy.url("/groceries")),
            ("ntfy_token", "tk_secret"),
            ("webhook_url", ""),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.describe());

    let going = alice
        .client
        .submit(&format!("/lists/{list}/shopping/going"), &[]);
    assert_eq!(going.status, 303, "{}", going.describe());
    let got = received(&push, 1, Duration::from_secs(10));
    assert_eq!(
        opened(&bobs_phone, &got[0])["body"],
        "alice is going shopping"
    );
    let told = received(&ntfy, 1, Duration::from_secs(5));
    assert_eq!(
        String::from_utf8_lossy(&told[0].body),
        "alice is going shopping"
    );
    assert_eq!(told[0].headers["authorization"], "Bearer tk_secret");

    alice.client.add_items(list, "milk");
    let milk = alice.item_id(list, "milk");
    alice.ops(
        list,
        json!([{"op_id": "c1", "kind": "check", "item_id": milk}]),
    );
    let done = alice.client.api_post_json(
        &format!("/api/v1/lists/{list}/shopping"),
        &alice.token,
        &json!({"going": false}),
    );
    assert_eq!(done.status, 202, "{}", done.describe());
    let got = received(&push, 1, Duration::from_secs(10));
    assert_eq!(
        opened(&bobs_phone, &got[0])["body"],
        "alice is done shopping and bought milk"
    );

    // A phone the push service says is gone is forgotten.
    push.answer(410, "");
    alice
        .client
        .submit(&format!("/lists/{list}/shopping/going"), &[]);
    received(&push, 1, Duration::from_secs(10));
    let deadline = Instant::now() + Duration::from_secs(10);
    let left = || -> i64 {
        sqlite(&server)
            .query_row("SELECT count(*) FROM push_subscriptions", [], |r| r.get(0))
            .unwrap()
    };
    while left() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(left(), 0);
}

#[test]
fn bad_subscriptions_and_hook_addresses_are_refused_and_change_nothing() {
    let (server, alice, list) = home_with_list();
    let before = data_snapshot(&server);
    for (body, says) in [
        (
            json!({"endpoint": "http://push.example.org/x", "keys": {"p256dh": "AAAA", "auth": "AAAA"}}),
            "https",
        ),
        (
            json!({"endpoint": "https://push.example.org/x", "keys": {"p256dh": "short", "auth": "AAAA"}}),
            "key",
        ),
        (json!({"endpoint": "https://push.example.org/x"}), "keys"),
    ] {
        let resp = alice
            .client
            .api_post_json("/api/v1/push/subscriptions", &alice.token, &body);
        assert_eq!(resp.status, 422, "{}", resp.describe());
        assert!(
            resp.message().to_lowercase().contains(says),
            "{}",
            resp.message()
        );
    }
    let unknown = alice.client.api_post_json(
        "/api/v1/push/unsubscribe",
        &alice.token,
        &json!({"endpoint": "https://push.example.org/never"}),
    );
    assert_eq!(unknown.status, 404, "{}", unknown.describe());
    assert_eq!(data_snapshot(&server), before);

    let admin = server.user_client("dora", "Home", true);
    let before_hooks = data_snapshot(&server);
    let refused = admin.submit(
        "/household/hooks",
        &[
            ("ntfy_url", "ftp://ntfy.example.org/t"),
            ("ntfy_token", ""),
            ("webhook_url", ""),
        ],
    );
    assert_eq!(refused.status, 422, "{}", refused.describe());
    assert!(
        refused.body.contains("ftp://ntfy.example.org/t"),
        "what was typed stays"
    );
    assert_eq!(data_snapshot(&server), before_hooks);
    // Members cannot set the household's hooks; another household's list has no watch.
    let member = alice.client.submit(
        "/household/hooks",
        &[("ntfy_url", ""), ("ntfy_token", ""), ("webhook_url", "")],
    );
    assert_eq!(member.status, 403, "{}", member.describe());
    let carol = Member::new(&server, "carol", "Elsewhere");
    assert_eq!(
        carol.get(&format!("/api/v1/lists/{list}/watch")).status,
        404
    );
    let _ = before;
}

#[test]
fn a_phone_is_told_only_while_its_login_lasts_and_a_member_has_at_most_ten() {
    let push = Fake::start(201);
    let server = Server::start_with(&[("AISLE_NOTIFY_BATCH_SECS", "1")]);
    let alice = Member::new(&server, "alice", "Home");
    let bob = Member::new(&server, "bob", "Home");
    let list = alice.client.create_list("Weekly");
    // Bob turns notifications on from the page (his session), then logs out.
    let browser = Browser::new();
    let (p256dh, auth) = browser.keys();
    let body =
        json!({"endpoint": push.url("/push/bob-tablet"), "keys": {"p256dh": p256dh, "auth": auth}});
    let on = bob
        .client
        .api_session_post("/api/v1/push/subscriptions", &body);
    assert_eq!(on.status, 201, "{}", on.describe());
    watch(&bob, list, true, true);
    let phones = || -> i64 {
        sqlite(&server)
            .query_row("SELECT count(*) FROM push_subscriptions", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(phones(), 1);
    assert_eq!(bob.client.submit("/logout", &[]).status, 303);
    assert_eq!(phones(), 0, "logging out stops the phone's notifications");
    alice.client.add_items(list, "milk");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        received(&push, 1, Duration::from_secs(2)).is_empty(),
        "nothing told"
    );

    // Ten phones at most (by API token); the eleventh is refused and nothing changes.
    for n in 0..10 {
        subscribe(&bob, &push, &format!("/push/phone-{n}"));
    }
    let before = data_snapshot(&server);
    let browser = Browser::new();
    let (p256dh, auth) = browser.keys();
    let eleventh = bob.client.api_post_json(
        "/api/v1/push/subscriptions",
        &bob.token,
        &json!({"endpoint": push.url("/push/phone-10"), "keys": {"p256dh": p256dh, "auth": auth}}),
    );
    assert_eq!(eleventh.status, 422, "{}", eleventh.describe());
    assert!(
        eleventh.message().contains("10 phones already"),
        "{}",
        eleventh.message()
    );
    assert_eq!(data_snapshot(&server), before);
}

#[test]
fn the_ntfy_token_never_follows_the_topic_to_another_server() {
    let server = Server::start();
    let admin = server.user_client("dora", "Home", true);
    let save = |url: &str, token: &str| {
        let resp = admin.submit(
            "/household/hooks",
            &[
                ("ntfy_url", url),
                ("ntfy_token", token),
                ("webhook_url", ""),
            ],
        );
        assert_eq!(resp.status, 303, "{}", resp.describe());
        resp
    };
    let token = || -> Option<String> {
        sqlite(&server)
            .query_row("SELECT ntfy_token FROM household_hooks", [], |r| r.get(0))
            .unwrap()
    };
    save("https://ntfy.example.org/groceries", "tk_secret");
    save("https://ntfy.example.org/shopping", "");
    assert_eq!(token().as_deref(), Some("tk_secret"), "same server: kept");
    save("https://elsewhere.example.net/shopping", "");
    assert_eq!(token(), None, "another server: dropped");
    let page = admin.get("/household").body;
    assert!(page.contains("The ntfy token was not kept"), "{page}");
}

/// A phone is told in its person's language: the one they chose, else the one of the
/// browser that subscribed; the household's webhook in the household's language.
#[test]
fn each_phone_is_told_in_its_language() {
    let push = Fake::start(201);
    let hooks = Fake::start(200);
    let server = Server::start_with(&[("AISLE_NOTIFY_BATCH_SECS", "1")]);
    let alice = Member::new(&server, "alice", "Home");
    let bob = Member::new(&server, "bob", "Home");
    let list = alice.client.create_list("Wocheneinkauf");
    let browser = Browser::new();
    let (p256dh, auth) = browser.keys();
    let body = json!({"endpoint": push.url("/push/bob"), "expirationTime": null,
                      "keys": {"p256dh": p256dh, "auth": auth}});
    let resp = bob.client.send(
        "POST",
        "/api/v1/push/subscriptions",
        &[
            ("Authorization", &format!("Bearer {}", bob.token)),
            ("Accept-Language", "de-DE,de;q=0.9"),
        ],
        Some(("application/json", body.to_string().into_bytes())),
    );
    assert_eq!(resp.status, 201, "{}", resp.describe());
    watch(&bob, list, true, true);
    let admin = server.user_client("dora", "Home", true);
    let saved = admin.submit(
        "/household/hooks",
        &[
            ("ntfy_url", ""),
            ("ntfy_token", ""),
            ("webhook_url", &hooks.url("/hook/secret")),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.describe());

    alice.client.add_items(list, "Milch, Eier");
    let got = received(&push, 1, Duration::from_secs(10));
    assert_eq!(got.len(), 1);
    assert_eq!(
        opened(&browser, &got[0])["body"],
        "alice hat 2 Artikel hinzugefügt: Milch, Eier"
    );
    let hook = received(&hooks, 1, Duration::from_secs(5));
    let event: Value = serde_json::from_slice(&hook[0].body).unwrap();
    assert_eq!(
        event["text"], "alice added 2 items: Milch, Eier",
        "an English household"
    );

    // The household turns German: its webhook follows.
    write_from_outside(&server, |db| {
        db.execute("UPDATE households SET language = 'de'", [])
            .unwrap()
    });
    alice.client.add_items(list, "Brot");
    let got = received(&push, 1, Duration::from_secs(10));
    assert_eq!(
        opened(&browser, &got[0])["body"],
        "alice hat Brot hinzugefügt"
    );
    let hook = received(&hooks, 1, Duration::from_secs(5));
    let event: Value = serde_json::from_slice(&hook[0].body).unwrap();
    assert_eq!(event["text"], "alice hat Brot hinzugefügt");
}
