//! Passkeys on a phone (issue 25), with Chromium's virtual authenticator (the DevTools
//! protocol's `WebAuthn.addVirtualAuthenticator`: a platform authenticator with user
//! verification, as a phone's screen lock is): add one on Settings → Passkeys, log in with
//! it without a username or password, remove it, and see it refused afterwards.
//!
//! WebAuthn needs a secure context and a name: the server's public URL is
//! `http://localhost` (passkeys allow any port there) and the browser uses that name.

use fantoccini::Locator;
use serde_json::json;

use super::browser::{Driver, cdp, eval, login, screenshot, wait_for};
use super::click;
use crate::common::{PASSWORD, Server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_adds_a_passkey_and_logs_in_with_it_until_it_is_removed() {
    let server = Server::start_with(&[("AISLE_PUBLIC_URL", "http://localhost")]);
    let api = server.user_client("anna", "Smiths", true);
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let base = format!("http://localhost:{}", server.port);
    let phone = driver.browser(&profiles.path().join("phone")).await;
    cdp(&phone, "WebAuthn.enable", json!({ "enableUI": false })).await;
    cdp(
        &phone,
        "WebAuthn.addVirtualAuthenticator",
        json!({ "options": {
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": true,
            "hasUserVerification": true,
            "isUserVerified": true,
            "automaticPresenceSimulation": true,
        }}),
    )
    .await;

    // Settings → Passkeys → a name → Add a passkey.
    login(&phone, &base, "anna", PASSWORD).await;
    phone.goto(&format!("{base}/settings")).await.unwrap();
    click(&phone, "a[href='/settings/passkeys']").await;
    wait_for(
        &phone,
        "the passkey button",
        "return location.pathname === '/settings/passkeys'
            && !document.getElementById('passkey-button').hidden;",
    )
    .await;
    phone
        .find(Locator::Id("passkey-name"))
        .await
        .unwrap()
        .send_keys("Anna's phone")
        .await
        .unwrap();
    // A wrong password first: said next to the button, nothing made.
    let password = phone.find(Locator::Id("passkey-password")).await.unwrap();
    password.send_keys("not-the-password").await.unwrap();
    click(&phone, "#passkey-button").await;
    wait_for(
        &phone,
        "the wrong password said",
        "return document.getElementById('passkey-said').textContent.includes('password is wrong');",
    )
    .await;
    let stored = eval(&phone, "document.querySelectorAll('#passkeys li').length").await;
    assert_eq!(stored, 0);
    password.clear().await.unwrap();
    password.send_keys(PASSWORD).await.unwrap();
    click(&phone, "#passkey-button").await;
    wait_for(
        &phone,
        "the new passkey in the list",
        "return document.querySelectorAll('#passkeys li').length === 1
            && document.getElementById('passkeys').textContent.includes(\"Anna's phone\");",
    )
    .await;

    screenshot(&phone, "passkeys-phone.png").await;

    // Logged out, the login page's passkey button logs in: no username, no password.
    phone.delete_all_cookies().await.unwrap();
    phone.goto(&format!("{base}/login")).await.unwrap();
    wait_for(
        &phone,
        "the login page's passkey button",
        "return !document.getElementById('passkey-button').hidden;",
    )
    .await;
    screenshot(&phone, "login-passkey-phone.png").await;
    click(&phone, "#passkey-button").await;
    wait_for(
        &phone,
        "the lists page",
        "return location.pathname === '/' && !!document.querySelector('h1');",
    )
    .await;
    let log = api.get("/household/security").body;
    assert!(log.contains("with a passkey"), "{log}");
    assert!(log.contains("Sign-in method added"), "{log}");

    // Removed, the same passkey is refused with a sentence, and nobody is logged in.
    phone
        .goto(&format!("{base}/settings/passkeys"))
        .await
        .unwrap();
    click(&phone, "form[action$='/remove'] button").await;
    wait_for(
        &phone,
        "an empty list",
        "return document.querySelectorAll('#passkeys li').length === 0;",
    )
    .await;
    phone.delete_all_cookies().await.unwrap();
    phone.goto(&format!("{base}/login")).await.unwrap();
    wait_for(
        &phone,
        "the passkey button",
        "return !document.getElementById('passkey-button').hidden;",
    )
    .await;
    click(&phone, "#passkey-button").await;
    wait_for(
        &phone,
        "the refusal",
        "return location.pathname === '/login/passkey'
            && !!document.querySelector('[role=alert]')
            && document.querySelector('[role=alert]').textContent.includes('not accepted');",
    )
    .await;
    let logged_in = eval(
        &phone,
        "!!document.querySelector('form[action=\"/logout\"]')",
    )
    .await;
    assert_eq!(logged_in, false);
}
