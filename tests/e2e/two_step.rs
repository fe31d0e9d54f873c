//! Two-step sign-in on a phone (issue 25): set up from Settings by typing the key shown
//! under the QR code, then a second phone signs in with its password and the app's code.
//! Screenshots of the set-up and code pages go to target/e2e-screenshots/ for review.

use fantoccini::Locator;

use super::browser::{Driver, eval, login, screenshot, wait_for};
use super::click;
use crate::common::{PASSWORD, Server, totp_code, totp_secret};

async fn type_into(browser: &fantoccini::Client, id: &str, text: &str) {
    browser
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"))
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("typing into #{id}: {e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_sets_up_an_app_and_another_signs_in_with_its_code() {
    let server = Server::start();
    server.user_client("anna", "Smiths", true);
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();
    let base = server.base_url();

    // Settings → Two-step sign-in → Set up: the QR code, the key, a box for the first code.
    let phone = driver.browser(&profiles.path().join("phone")).await;
    login(&phone, &base, "anna", PASSWORD).await;
    phone.goto(&format!("{base}/settings")).await.unwrap();
    click(&phone, "a[href='/settings/two-step']").await;
    wait_for(
        &phone,
        "the two-step page",
        "return location.pathname === '/settings/two-step';",
    )
    .await;
    click(&phone, "form[action='/settings/two-step/start'] button").await;
    wait_for(
        &phone,
        "the QR code",
        "return !!document.querySelector('.qr svg');",
    )
    .await;
    // The QR code fits the phone's screen.
    let fits = eval(
        &phone,
        "document.querySelector('.qr svg').getBoundingClientRect().right <= innerWidth",
    )
    .await;
    assert_eq!(fits, true, "the QR code is wider than the screen");
    screenshot(&phone, "two-step-setup-phone.png").await;
    // On the phone that has the app, the same key opens in it.
    let link = eval(&phone, "document.getElementById('totp-open').href").await;
    assert!(
        link.as_str()
            .is_some_and(|l| l.starts_with("otpauth://totp/aisle:anna?secret=")),
        "{link}"
    );
    let key = eval(&phone, "document.getElementById('totp-secret').textContent").await;
    let secret = totp_secret(key.as_str().expect("the key as text"));
    type_into(&phone, "code", &totp_code(&secret, 0)).await;
    click(&phone, "form[action='/settings/two-step/confirm'] button").await;
    wait_for(
        &phone,
        "the recovery codes",
        "return document.querySelectorAll('#recovery-codes code').length === 10;",
    )
    .await;
    screenshot(&phone, "two-step-codes-phone.png").await;

    // Another phone: the password leads to the code page, with the cursor in the box.
    let other = driver.browser(&profiles.path().join("other")).await;
    other.goto(&format!("{base}/login")).await.unwrap();
    type_into(&other, "username", "anna").await;
    type_into(&other, "password", PASSWORD).await;
    click(&other, "form[action='/login'] button[type=submit]").await;
    wait_for(
        &other,
        "the code page",
        "return location.pathname === '/login/code'
            && document.activeElement && document.activeElement.id === 'code';",
    )
    .await;
    screenshot(&other, "two-step-code-phone.png").await;
    // A wrong code: the page says so and keeps the box.
    type_into(&other, "code", "000000").await;
    click(&other, "form[action='/login/code'] button").await;
    wait_for(
        &other,
        "the refusal",
        "return !!document.querySelector('[role=alert]')
            && document.querySelector('[role=alert]').textContent.includes('not right');",
    )
    .await;
    // The refused code stays in the box: cleared, the right one is typed.
    let code_box = other.find(Locator::Id("code")).await.unwrap();
    assert_eq!(
        code_box.prop("value").await.unwrap().as_deref(),
        Some("000000")
    );
    code_box.clear().await.unwrap();
    type_into(&other, "code", &totp_code(&secret, 30)).await;
    click(&other, "form[action='/login/code'] button").await;
    wait_for(
        &other,
        "the lists page",
        "return location.pathname === '/' && !!document.querySelector('h1');",
    )
    .await;
}
