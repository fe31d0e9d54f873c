//! Real headless Chromium driven over WebDriver (chromedriver), one browser per user.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// A chromedriver process on a loopback port; killed on drop.
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    pub fn start() -> Driver {
        let chromedriver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("chromedriver is missing: scripts/test installs Debian's chromium-driver");
        let port = super::common::free_port();
        let mut child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        for _ in 0..200 {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Driver { child, port };
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("chromedriver did not listen on {port}");
    }

    /// A new browser with its own empty profile, phone-sized.
    pub async fn browser(&self, profile: &Path) -> Client {
        self.open(profile, true, None).await
    }

    /// The same speaking `languages` (`de-DE,de`): the `intl.accept_languages` pref is
    /// what headless Chromium sends as `Accept-Language` here (`--lang` alone is not), and
    /// `--lang` makes the first its own language too.
    pub async fn browser_speaking(&self, profile: &Path, languages: &str) -> Client {
        self.open(profile, true, Some(languages)).await
    }

    /// The same with JavaScript switched off (Chromium's content setting): what a phone
    /// sees before app.js loads, or with scripts blocked.
    pub async fn browser_without_javascript(&self, profile: &Path) -> Client {
        self.open(profile, false, None).await
    }

    async fn open(&self, profile: &Path, javascript: bool, languages: Option<&str>) -> Client {
        let mut caps = serde_json::Map::new();
        let setting = if javascript { 1 } else { 2 };
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--window-size=390,844".into(),
            format!("--user-data-dir={}", profile.display()),
        ];
        let mut prefs = json!({ "profile.managed_default_content_settings.javascript": setting });
        if let Some(languages) = languages {
            let first = languages.split(',').next().unwrap_or(languages);
            args.push(format!("--lang={first}"));
            prefs["intl.accept_languages"] = json!(languages);
        }
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "binary": "/usr/bin/chromium", "args": args, "prefs": prefs }),
        );
        let browser = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("start a Chromium session");
        phone_screen(&browser, screen()).await;
        browser
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The phone every browser starts as: 390×844, or the size `AISLE_E2E_SCREEN` names
/// (`360x640`); scripts/test runs the suite at both.
pub fn screen() -> (u32, u32) {
    let named = std::env::var("AISLE_E2E_SCREEN").unwrap_or_default();
    match named.split_once('x').map(|(w, h)| (w.parse(), h.parse())) {
        Some((Ok(width), Ok(height))) => (width, height),
        _ if named.is_empty() => (390, 844),
        _ => panic!("AISLE_E2E_SCREEN={named:?} is not a size such as 360x640"),
    }
}

/// chromedriver's network emulation: cut this browser off the network, or give it back
/// with `latency_ms` added to every request.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
    latency_ms: u32,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/chromium/network_conditions",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"network_conditions": {
            "offline": self.offline,
            "latency": self.latency_ms,
            "download_throughput": 100_000_000,
            "upload_throughput": 100_000_000,
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

pub async fn set_offline(browser: &Client, offline: bool) {
    set_network(browser, offline, 0).await;
}

/// Cuts `browser` off the network, or gives it back with `latency_ms` per request.
pub async fn set_network(browser: &Client, offline: bool, latency_ms: u32) {
    browser
        .issue_cmd(NetworkConditions {
            offline,
            latency_ms,
        })
        .await
        .expect("set network conditions");
}

/// Logs in through the login form.
pub async fn login(browser: &Client, base: &str, username: &str, password: &str) {
    browser
        .goto(&format!("{base}/login"))
        .await
        .expect("open /login");
    browser
        .find(Locator::Id("username"))
        .await
        .expect("username field")
        .send_keys(username)
        .await
        .expect("type username");
    browser
        .find(Locator::Id("password"))
        .await
        .expect("password field")
        .send_keys(password)
        .await
        .expect("type password");
    browser
        .find(Locator::Css("form[action='/login'] button[type=submit]"))
        .await
        .expect("login button")
        .click()
        .await
        .expect("click login");
    // Polled through WebDriver, not a script: this also works with JavaScript off.
    for _ in 0..400 {
        let url = browser.current_url().await.expect("current URL");
        if url.path() == "/" && browser.find(Locator::Css("h1")).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the lists page did not open after logging in as {username}");
}

/// Runs `script` (a function body returning a boolean) until it returns true; bounded.
pub async fn wait_for(browser: &Client, what: &str, script: &str) {
    for _ in 0..400 {
        if let Ok(Value::Bool(true)) = browser.execute(script, vec![]).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let html = browser.source().await.unwrap_or_default();
    panic!("timed out waiting for {what}; page was:\n{html}");
}

/// Saves what `browser` shows as `target/e2e-screenshots/<name>`, to be looked at by eye.
pub async fn screenshot(browser: &Client, name: &str) {
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../e2e-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join(name), browser.screenshot().await.unwrap()).unwrap();
}

/// Evaluates an expression in the page.
pub async fn eval(browser: &Client, expression: &str) -> Value {
    browser
        .execute(&format!("return {expression};"), vec![])
        .await
        .unwrap_or_else(|e| panic!("evaluating {expression}: {e}"))
}

/// Waits until a service worker controls the page (so its pages are cached for offline).
pub async fn wait_for_service_worker(browser: &Client) {
    wait_for(
        browser,
        "the service worker to control the page",
        "return !!(navigator.serviceWorker && navigator.serviceWorker.controller);",
    )
    .await;
}

/// A Chrome DevTools Protocol command through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Runs a DevTools Protocol command in `browser`'s page.
pub async fn cdp(browser: &Client, cmd: &'static str, params: Value) {
    browser
        .issue_cmd(Cdp { cmd, params })
        .await
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
}

/// Gives the page a phone's screen: headless Chromium makes no window narrower than
/// 500 px, whatever `--window-size` says, so the viewport is emulated.
pub async fn phone_screen(browser: &Client, (width, height): (u32, u32)) {
    let screen =
        json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true });
    cdp(browser, "Emulation.setDeviceMetricsOverride", screen).await;
}

/// Makes requests whose URL matches one of `patterns` (`*` for anything) fail as if the
/// network dropped them, the rest going through; an empty list lets all through.
pub async fn block_urls(browser: &Client, patterns: &[&str]) {
    cdp(browser, "Network.enable", json!({})).await;
    cdp(
        browser,
        "Network.setBlockedURLs",
        json!({ "urls": patterns }),
    )
    .await;
}
