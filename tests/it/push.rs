//! Notifications out of aisle (`aisle::push`, #23), called as a library (no aisle server)
//! against fakes on loopback that record what they get.
//!
//! The fake push endpoint plays the browser: it holds the subscription's P-256 key pair and
//! auth secret, decrypts the body itself (RFC 8291 and RFC 8188 written out in `tests/fake/push.rs` with p256,
//! hkdf, aes-gcm and sha2, not with the sender's library; proven first on the RFC's own
//! example) and checks the VAPID JWT (RFC 8292) as a push service would.

use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use aisle::push::hooks::{Ntfy, Webhook};
use aisle::push::webpush::{MAX_PAYLOAD, Subscription, Vapid};
use aisle::push::{Delivery, Event, ListRef, PushError};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD as B64};
use p256::SecretKey;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use serde_json::{Value, json};

use crate::fake::push::*;

const CONTACT: &str = "mailto:admin@example.org";

fn groceries() -> ListRef {
    ListRef {
        id: 7,
        name: "Groceries".into(),
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn decryptor_matches_the_rfc8291_example() {
    let d = |s: &str| B64.decode(s).unwrap();
    let ua = SecretKey::from_slice(&d("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94")).unwrap();
    let ua_public = ua.public_key().to_encoded_point(false);
    assert_eq!(
        B64.encode(ua_public.as_bytes()),
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"
    );
    let body = d(concat!(
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml",
        "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT",
        "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
    ));
    let opened = decrypt(&body, &ua, &d("BTBZMqHH6r4Tts7J_aSIgg"));
    assert_eq!(
        B64.encode(&opened.ecdh),
        "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs"
    );
    assert_eq!(B64.encode(opened.cek), "oIhVW04MRdy2XN9CiKLxTg");
    assert_eq!(B64.encode(opened.nonce), "4h_95klXJ5E_qnoN");
    assert_eq!(
        opened.plaintext,
        b"When I grow up, I want to be a watermelon"
    );
}

#[test]
fn web_push_reaches_the_browser_encrypted_and_signed() {
    let data = tempfile::tempdir().unwrap();
    let vapid = Vapid::load_or_create(data.path()).unwrap();
    let fake = Fake::start(201);
    let browser = Browser::new();
    let sub = browser.subscription(&fake.url("/wpush/v2/gAAAAABsecret"));
    assert_eq!(sub.origin(), fake.url(""));

    let event = Event::items_added(groceries(), "Anna", names(&["milk", "eggs", "bread"]));
    let payload = serde_json::to_vec(&event).unwrap();
    let largest = vec![b'x'; MAX_PAYLOAD];
    for message in [&payload, &largest] {
        let delivery = vapid.send(&sub, message, 3600, CONTACT).unwrap();
        assert_eq!(delivery, Delivery::Delivered);
        let [got] = <[Received; 1]>::try_from(fake.take()).ok().unwrap();
        assert_eq!(
            (got.method.as_str(), got.path.as_str()),
            ("POST", "/wpush/v2/gAAAAABsecret")
        );
        assert_eq!(got.headers["ttl"], "3600");
        assert_eq!(got.headers["urgency"], "normal");
        assert_eq!(got.headers["content-encoding"], "aes128gcm");
        verify_vapid(
            &got.headers["authorization"],
            &fake.url(""),
            &vapid.public_key_base64url(),
            CONTACT,
        );
        let opened = decrypt(&got.body, &browser.secret, &browser.auth);
        assert_eq!(&opened.plaintext, message);
    }
    let sent: Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(sent["text"], "Anna added 3 items: milk, eggs, bread");
}

#[test]
fn web_push_answers_become_outcomes() {
    let data = tempfile::tempdir().unwrap();
    let vapid = Vapid::load_or_create(data.path()).unwrap();
    let fake = Fake::start(410);
    let sub = Browser::new().subscription(&fake.url("/push/secret-token"));
    let send = || vapid.send(&sub, b"Ben is going shopping", 60, CONTACT);

    assert_eq!(send().unwrap(), Delivery::Gone);
    fake.answer(404, "");
    assert_eq!(send().unwrap(), Delivery::Gone);
    fake.answer(202, "");
    assert_eq!(send().unwrap(), Delivery::Delivered);

    fake.answer(429, "Retry-After: 30\r\n");
    let error = send().unwrap_err();
    assert!(error.is_retryable(), "{error}");
    assert!(
        matches!(error, PushError::RetryLater { status: 429, retry_after: Some(d), .. } if d == Duration::from_secs(30)),
        "{error:?}"
    );
    assert!(error.to_string().contains("try again later"), "{error}");
    assert!(!error.to_string().contains("secret-token"), "{error}");
    fake.answer(503, "");
    assert!(matches!(
        send().unwrap_err(),
        PushError::RetryLater { status: 503, .. }
    ));
    fake.answer(413, "");
    assert!(matches!(send().unwrap_err(), PushError::TooLarge { .. }));
    fake.answer(400, "");
    let error = send().unwrap_err();
    assert!(
        matches!(error, PushError::Status { status: 400, .. }),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(fake.take().len(), 7);
}

#[test]
fn refuses_oversize_or_empty_payloads_and_bad_contacts_before_sending() {
    let data = tempfile::tempdir().unwrap();
    let vapid = Vapid::load_or_create(data.path()).unwrap();
    let fake = Fake::start(201);
    let sub = Browser::new().subscription(&fake.url("/push/x"));

    let error = vapid
        .send(&sub, &vec![b'x'; MAX_PAYLOAD + 1], 60, CONTACT)
        .unwrap_err();
    assert!(
        matches!(
            error,
            PushError::PayloadTooLarge {
                size: 3073,
                max: 3072
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the message is 3073 bytes; a push message may carry at most 3072"
    );
    assert!(vapid.send(&sub, b"", 60, CONTACT).is_err());
    for contact in [
        "",
        "admin@example.org",
        "mailto:",
        "http://example.org",
        "https://",
    ] {
        let error = vapid.send(&sub, b"hello", 60, contact).unwrap_err();
        assert!(error.to_string().contains("mailto:"), "{contact}: {error}");
    }
    assert!(
        vapid
            .send(&sub, b"hello", 60, "https://aisle.example.org")
            .is_ok()
    );
    assert_eq!(fake.take().len(), 1, "only the good one was sent");
}

/// Checks that `Subscription::parse` refuses with a sentence that says `says`.
fn refused(endpoint: &str, p256dh: &str, auth: &str, says: &str) {
    let error = Subscription::parse(endpoint, p256dh, auth).unwrap_err();
    let text = error.to_string();
    assert!(matches!(error, PushError::Invalid(_)), "{error:?}");
    assert!(
        text.starts_with("the subscription's") && text.contains(says),
        "{text}"
    );
}

#[test]
fn bad_subscriptions_are_refused_with_a_sentence() {
    const URL: &str = "https://push.example.org/x";
    let point = |compress| {
        let key = Browser::new().secret.public_key();
        B64.encode(key.to_encoded_point(compress).as_bytes())
    };
    let (key, compressed, auth) = (point(false), point(true), B64.encode([9u8; 16]));
    let (key, auth) = (key.as_str(), auth.as_str());
    refused(
        "http://push.example.org/x",
        key,
        auth,
        "must be an https:// address",
    );
    refused(
        "ftp://push.example.org/x",
        key,
        auth,
        "must be an https:// address",
    );
    refused("not an address", key, auth, "is not an https:// address");
    refused("", key, auth, "endpoint is missing");
    refused(
        "https://me:pw@push.example.org/x",
        key,
        auth,
        "user name or password",
    );
    refused(
        URL,
        &compressed,
        auth,
        "p256dh key is 33 bytes long; it must be 65",
    );
    refused(
        URL,
        &B64.encode([4u8; 65]),
        auth,
        "is not a P-256 public key",
    );
    refused(URL, "not base64!", auth, "p256dh key is not base64url");
    refused(URL, "", auth, "p256dh key is missing");
    let short = B64.encode([9u8; 8]);
    refused(
        URL,
        key,
        &short,
        "auth secret is 8 bytes long; it must be 16",
    );

    for endpoint in [
        "http://127.0.0.1:9/x",
        "http://localhost:9/x",
        "http://[::1]:9/x",
        "https://push.example.org:443/x",
    ] {
        Subscription::parse(endpoint, key, auth).unwrap();
    }
    let sub = Subscription::parse("HTTPS://Push.Example.org:8443/a?b", key, auth).unwrap();
    assert_eq!(sub.origin(), "https://push.example.org:8443");
    // As `PushSubscription.toJSON()` gives it, and with padded standard base64 too.
    let padded = STANDARD.encode([0xfbu8; 16]);
    let json = json!({"endpoint": "https://push.example.org/x", "expirationTime": null,
                      "keys": {"p256dh": key, "auth": padded}});
    let sub = Subscription::from_json(&json.to_string()).unwrap();
    assert_eq!(
        (sub.p256dh(), sub.auth()),
        (key.to_string(), B64.encode([0xfbu8; 16]))
    );
    let error =
        Subscription::from_json(r#"{"endpoint": "https://push.example.org/x"}"#).unwrap_err();
    assert!(error.to_string().contains("keys.p256dh"), "{error}");
    assert!(
        !format!("{sub:?}").contains("/x"),
        "Debug shows the origin only"
    );
}

#[test]
fn vapid_key_is_kept_in_the_data_dir_with_mode_0600() {
    let data = tempfile::tempdir().unwrap();
    let first = Vapid::load_or_create(data.path()).unwrap();
    let again = Vapid::load_or_create(data.path()).unwrap();
    assert_eq!(first.public_key_base64url(), again.public_key_base64url());
    let public = B64.decode(first.public_key_base64url()).unwrap();
    assert_eq!(
        (public.len(), public[0]),
        (65, 4),
        "an uncompressed P-256 point"
    );

    let path = data.path().join("vapid.key");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let files: Vec<_> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["vapid.key"], "no temporary file is left");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----")
    );

    let other = tempfile::tempdir().unwrap();
    let other = Vapid::load_or_create(other.path()).unwrap();
    assert_ne!(other.public_key_base64url(), first.public_key_base64url());

    std::fs::write(&path, "not a key").unwrap();
    let error = Vapid::load_or_create(data.path()).unwrap_err();
    assert!(matches!(error, PushError::Key(_)));
    assert!(
        error
            .to_string()
            .contains("vapid.key holds no P-256 private key"),
        "{error}"
    );
}

#[test]
fn ntfy_gets_the_text_title_tags_and_token() {
    let fake = Fake::start(200);
    let ntfy = Ntfy::new(&fake.url("/our-shopping"), Some("tk_secret123")).unwrap();
    let event = Event::going_shopping(groceries(), "Ben");
    ntfy.send_event(&event).unwrap();
    ntfy.send(
        "Épicerie 🛒",
        "Zoë added crème fraîche",
        &["heavy_plus_sign", "cart"],
    )
    .unwrap();

    let [first, second] = <[Received; 2]>::try_from(fake.take()).ok().unwrap();
    assert_eq!(
        (first.method.as_str(), first.path.as_str()),
        ("POST", "/our-shopping")
    );
    assert_eq!(first.body, b"Ben is going shopping");
    assert_eq!(first.headers["title"], "Groceries");
    assert_eq!(first.headers["tags"], "shopping_cart");
    assert_eq!(first.headers["authorization"], "Bearer tk_secret123");
    // Text that is not ASCII goes in RFC 2047 encoded words, which ntfy decodes.
    let title: Vec<u8> = second.headers["title"]
        .split(' ')
        .flat_map(|w| {
            let inner = w
                .strip_prefix("=?UTF-8?B?")
                .unwrap()
                .strip_suffix("?=")
                .unwrap();
            STANDARD.decode(inner).unwrap()
        })
        .collect();
    assert_eq!(String::from_utf8(title).unwrap(), "Épicerie 🛒");
    assert_eq!(second.headers["tags"], "heavy_plus_sign,cart");
    assert_eq!(
        String::from_utf8(second.body).unwrap(),
        "Zoë added crème fraîche"
    );

    let open = Ntfy::new(&fake.url("/open"), None).unwrap();
    open.send("t", "x", &[]).unwrap();
    assert!(!fake.take()[0].headers.contains_key("authorization"));
}

#[test]
fn ntfy_and_webhook_failures_are_errors_without_secrets() {
    let fake = Fake::start(500);
    let ntfy = Ntfy::new(&fake.url("/secret-topic"), Some("tk_secret123")).unwrap();
    let error = ntfy.send("t", "x", &[]).unwrap_err();
    assert!(
        matches!(error, PushError::RetryLater { status: 500, .. }),
        "{error:?}"
    );
    let text = format!("{error} {error:?} {ntfy:?}");
    assert!(!text.contains("secret"), "{text}");
    assert!(text.contains(&fake.url("")), "{text}");

    fake.answer(403, "");
    let webhook = Webhook::new(&fake.url("/api/webhook/secret-id")).unwrap();
    let error = webhook
        .send(&Event::going_shopping(groceries(), "Ben"))
        .unwrap_err();
    assert!(
        matches!(error, PushError::Status { status: 403, .. }),
        "{error:?}"
    );
    assert!(!format!("{error} {webhook:?}").contains("secret"));
    // A redirect is not followed (it would carry the message to an address nobody checked).
    fake.answer(302, "Location: http://127.0.0.1:1/elsewhere\r\n");
    let error = webhook.send(&Event::going_shopping(groceries(), "Ben"));
    assert!(
        matches!(error, Err(PushError::Status { status: 302, .. })),
        "{error:?}"
    );

    // Nothing listens: no answer, and worth trying again later.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let gone = Webhook::new(&format!("http://127.0.0.1:{closed}/hook")).unwrap();
    let error = gone
        .send(&Event::going_shopping(groceries(), "Ben"))
        .unwrap_err();
    assert!(
        matches!(error, PushError::Unreachable { .. }) && error.is_retryable(),
        "{error:?}"
    );

    for (url, says) in [
        ("ftp://ntfy.example/x", "must be an http:// or https://"),
        ("ntfy.sh/x", "is not an http:// or https://"),
    ] {
        let error = Ntfy::new(url, None).unwrap_err();
        assert!(
            error.to_string().starts_with("the ntfy topic address"),
            "{error}"
        );
        assert!(error.to_string().contains(says), "{error}");
    }
    assert!(Ntfy::new("http://192.168.1.20/shop", Some("tk_ with space")).is_err());
    assert!(Webhook::new("http://homeassistant.local:8123/api/webhook/x").is_ok());
}

#[test]
fn webhook_gets_the_event_as_json() {
    let fake = Fake::start(204);
    let webhook = Webhook::new(&fake.url("/hook")).unwrap();
    let bought = names(&["milk", "eggs", "bread", "tea", "rice", "jam", "oats"]);
    webhook
        .send(&Event::done_shopping(groceries(), "Ben", bought.clone()))
        .unwrap();
    webhook
        .send(&Event::items_added(groceries(), "Anna", names(&["milk"])))
        .unwrap();

    let [done, added] = <[Received; 2]>::try_from(fake.take()).ok().unwrap();
    assert_eq!(done.headers["content-type"], "application/json");
    let body: Value = serde_json::from_slice(&done.body).unwrap();
    assert_eq!(
        body,
        json!({
            "event": "done_shopping",
            "list": {"id": 7, "name": "Groceries"},
            "by": "Ben",
            "text": "Ben is done shopping and bought 7 items: milk, eggs, bread, tea, rice and 2 more",
            "count": 7,
            "items": bought,
        })
    );
    let body: Value = serde_json::from_slice(&added.body).unwrap();
    assert_eq!(
        (&body["event"], &body["text"], &body["count"]),
        (&json!("items_added"), &json!("Anna added milk"), &json!(1))
    );
    let going = serde_json::to_value(Event::going_shopping(groceries(), "Ben")).unwrap();
    assert_eq!(
        (&going["event"], &going["count"], &going["items"]),
        (&json!("going_shopping"), &json!(0), &json!([]))
    );
}
