//! Single sign-on on a phone (issue 25), through a real OpenID Connect provider (npm
//! `oidc-provider` on loopback, its own login and consent pages): link the account on
//! Settings → Single sign-on (the password first, then the provider — which the page's
//! CSP must let the form lead to), then a second phone logs in with the login page's
//! button alone.

use fantoccini::{Client, Locator};

use super::browser::{Driver, eval, login, screenshot, wait_for};
use super::click;
use crate::common::oidc::Provider;
use crate::common::{PASSWORD, Server, add_user, user_id};

/// At the provider's own pages: its login form (any password), then its consent.
async fn sign_in_at_provider(phone: &Client, issuer: &str, login: &str) {
    let at_login = format!(
        "return location.href.startsWith('{issuer}')
            && !!document.querySelector('input[name=login]');"
    );
    wait_for(phone, "the provider's login form", &at_login).await;
    let field = |name: &'static str| phone.find(Locator::Css(name));
    field("input[name=login]")
        .await
        .unwrap()
        .send_keys(login)
        .await
        .unwrap();
    field("input[name=password]")
        .await
        .unwrap()
        .send_keys("whatever the provider asks")
        .await
        .unwrap();
    click(phone, "button[type=submit]").await;
    let at_consent = format!(
        "return location.href.startsWith('{issuer}')
            && !document.querySelector('input[name=login]')
            && !!document.querySelector('button[type=submit]');"
    );
    wait_for(phone, "the provider's consent", &at_consent).await;
    click(phone, "button[type=submit]").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_links_its_account_and_another_logs_in_with_the_button() {
    let accounts = serde_json::json!({
        "anna-at-idp": {"email": "anna@example.org", "email_verified": true,
                        "preferred_username": "anna"},
    });
    let idp = Provider::start("aisle", "e2e-secret", &accounts);
    let server = Server::start_with(&[
        ("AISLE_OIDC_ISSUER", idp.issuer.as_str()),
        ("AISLE_OIDC_CLIENT_ID", "aisle"),
        ("AISLE_OIDC_CLIENT_SECRET", "e2e-secret"),
        ("AISLE_OIDC_NAME", "Authelia"),
    ]);
    let api = server.user_client("anna", "Smiths", true);
    let base = format!("http://127.0.0.1:{}", server.port);
    let driver = Driver::start();
    let profiles = tempfile::tempdir().unwrap();

    // Settings → Single sign-on → the password → Link to Authelia → the provider → back.
    let phone = driver.browser(&profiles.path().join("phone")).await;
    login(&phone, &base, "anna", PASSWORD).await;
    phone.goto(&format!("{base}/settings")).await.unwrap();
    click(&phone, "a[href='/settings/sso']").await;
    wait_for(
        &phone,
        "Settings → Single sign-on",
        "return location.pathname === '/settings/sso'
            && !!document.getElementById('sso-password');",
    )
    .await;
    phone
        .find(Locator::Id("sso-password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    click(&phone, "form[action='/settings/sso/link'] button").await;
    sign_in_at_provider(&phone, &idp.issuer, "anna-at-idp").await;
    wait_for(
        &phone,
        "the account linked",
        "return location.pathname === '/settings/sso'
            && document.getElementById('sso-link').textContent.includes('anna@example.org');",
    )
    .await;
    screenshot(&phone, "sso-settings-phone.png").await;

    // The Household page: Anna gives Ben the email he signs in with at the provider.
    add_user(&server, "ben", "Smiths", false, PASSWORD);
    phone.goto(&format!("{base}/household")).await.unwrap();
    let ben = user_id(&server, "ben");
    phone
        .find(Locator::Id(&format!("sso-{ben}")))
        .await
        .unwrap()
        .send_keys("ben@example.org")
        .await
        .unwrap();
    click(
        &phone,
        &format!("form[action='/household/members/{ben}/sso'] button"),
    )
    .await;
    wait_for(
        &phone,
        "the email given",
        &format!(
            "return location.pathname === '/household'
                && document.getElementById('sso-{ben}').value === 'ben@example.org';"
        ),
    )
    .await;
    screenshot(&phone, "sso-household-phone.png").await;

    // A second phone: the login page's button, the provider, and the lists page.
    let other = driver.browser(&profiles.path().join("other")).await;
    other.goto(&format!("{base}/login")).await.unwrap();
    let button = other.find(Locator::Id("sso-button")).await.unwrap();
    assert_eq!(button.text().await.unwrap(), "Log in with Authelia");
    screenshot(&other, "login-sso-phone.png").await;
    button.click().await.unwrap();
    sign_in_at_provider(&other, &idp.issuer, "anna-at-idp").await;
    wait_for(
        &other,
        "the lists page",
        &format!(
            "return location.href.startsWith('{base}/') && location.pathname === '/'
                && !!document.querySelector('form[action=\"/logout\"]');"
        ),
    )
    .await;
    let cookie_flow = eval(&other, "document.cookie.includes('aisle_sso')").await;
    assert_eq!(
        cookie_flow, false,
        "the flow cookie is HttpOnly and used up"
    );
    let log = api.get("/household/security").body;
    assert!(log.contains("with single sign-on"), "{log}");
    assert!(log.contains("Sign-in method added"), "{log}");

    phone.close().await.unwrap();
    other.close().await.unwrap();
}
