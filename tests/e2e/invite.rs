//! The household page's new invite link on a phone-sized Chromium (issue 20): Copy puts
//! the link on the clipboard and says so; Share shows only where `navigator.share` exists.

use fantoccini::Locator;
use serde_json::json;

use super::browser::{Driver, cdp, eval, login, wait_for};
use super::click;
use super::common::{PASSWORD, Server};

/// Creates an invite through the page's form; returns the link the page shows.
async fn create_invite(browser: &fantoccini::Client) -> String {
    click(
        browser,
        "form[action='/household/invites'] button[type=submit]",
    )
    .await;
    wait_for(
        browser,
        "the new invite link",
        "return !!document.querySelector('#new-invite code.token');",
    )
    .await;
    eval(
        browser,
        "document.querySelector('#new-invite code.token').textContent.trim()",
    )
    .await
    .as_str()
    .unwrap()
    .to_string()
}

async fn displayed(browser: &fantoccini::Client, id: &str) -> bool {
    browser
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("no #{id}: {e}"))
        .is_displayed()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_puts_the_invite_link_on_the_clipboard_and_share_needs_the_web_share_api() {
    let server = Server::start();
    let _api = server.user_client("anna", "Smiths", true);
    let driver = Driver::start();
    let profile = tempfile::tempdir().unwrap();
    let phone = driver.browser(profile.path()).await;
    let base = server.base_url();
    login(&phone, &base, "anna", PASSWORD).await;
    // Reading the clipboard back needs the permission a person would grant.
    cdp(
        &phone,
        "Browser.grantPermissions",
        json!({ "origin": base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    )
    .await;
    phone.goto(&format!("{base}/household")).await.unwrap();
    assert_eq!(
        eval(&phone, "window.innerWidth").await,
        super::browser::screen().0,
        "a phone-sized window"
    );
    let url = create_invite(&phone).await;
    assert!(url.starts_with(&format!("{base}/invite/")), "{url}");
    wait_for(
        &phone,
        "invite.js to show the Copy button",
        "return !document.getElementById('invite-copy').hidden;",
    )
    .await;
    assert!(displayed(&phone, "invite-copy").await);
    // The QR code is on the page, fits the phone's width, and has its text alternative.
    let qr = eval(
        &phone,
        "(() => { const s = document.querySelector('#new-invite [role=img] svg');
                  const r = s.getBoundingClientRect();
                  return [r.width > 100 && r.right <= window.innerWidth,
                          s.parentElement.getAttribute('aria-label')]; })()",
    )
    .await;
    assert_eq!(
        qr[0], true,
        "the QR code is missing or wider than the phone: {qr}"
    );
    assert!(qr[1].as_str().unwrap().contains("QR code"), "{qr}");

    // Chromium on Linux has no Web Share API: no Share button.
    assert_eq!(eval(&phone, "typeof navigator.share").await, "undefined");
    assert!(
        !displayed(&phone, "invite-share").await,
        "Share shown without navigator.share"
    );

    eval(&phone, "navigator.clipboard.writeText('something else')").await;
    click(&phone, "#invite-copy").await;
    wait_for(
        &phone,
        "the copy to be announced",
        "return document.getElementById('invite-said').textContent.startsWith('Link copied');",
    )
    .await;
    assert_eq!(
        eval(
            &phone,
            "document.getElementById('invite-said').getAttribute('role')"
        )
        .await,
        "status"
    );
    let copied = phone
        .execute("return navigator.clipboard.readText();", vec![])
        .await
        .unwrap();
    assert_eq!(copied, url.as_str(), "the clipboard holds another text");
    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../e2e-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(
        shots.join("invite-phone.png"),
        phone.screenshot().await.unwrap(),
    )
    .unwrap();

    // Where the browser can share (a phone), Share shows and hands over the link.
    cdp(
        &phone,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };" }),
    )
    .await;
    phone.goto(&format!("{base}/household")).await.unwrap();
    let second = create_invite(&phone).await;
    assert_ne!(second, url);
    wait_for(
        &phone,
        "invite.js to show the Share button",
        "return !document.getElementById('invite-share').hidden;",
    )
    .await;
    assert!(displayed(&phone, "invite-share").await);
    click(&phone, "#invite-share").await;
    wait_for(&phone, "the share", "return !!window.__shared;").await;
    assert_eq!(eval(&phone, "window.__shared.url").await, second.as_str());
    phone.close().await.unwrap();
}
