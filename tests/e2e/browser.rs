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
        self.open(profile, true).await
    }

    /// The same with JavaScript switched off (Chromium's content setting): what a phone
    /// sees before app.js loads, or with scripts blocked.
    pub async fn browser_without_javascript(&self, profile: &Path) -> Client {
        self.open(profile, false).await
    }

    /// A browser whose viewport is exactly 390×844 CSS pixels, as a phone's (headless
    /// Chromium's window is never narrower than 500 px, so the window size alone is not).
    pub async fn phone(&self, profile: &Path) -> Client {
        let metrics = json!({"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0}});
        self.open_with(profile, true, Some(metrics)).await
    }

    async fn open(&self, profile: &Path, javascript: bool) -> Client {
        self.open_with(profile, javascript, None).await
    }

    async fn open_with(
        &self,
        profile: &Path,
        javascript: bool,
        emulation: Option<serde_json::Value>,
    ) -> Client {
        let mut caps = serde_json::Map::new();
        let setting = if javascript { 1 } else { 2 };
        let mut options = json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=390,844",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": { "profile.managed_default_content_settings.javascript": setting }
        });
        if let Some(emulation) = emulation {
            options["mobileEmulation"] = emulation;
        }
        caps.insert("goog:chromeOptions".into(), options);
        ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("start a Chromium session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// chromedriver's network emulation: cut this browser off the network, or give it back.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
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
            "latency": 0,
            "download_throughput": 100_000_000,
            "upload_throughput": 100_000_000,
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

pub async fn set_offline(browser: &Client, offline: bool) {
    browser
        .issue_cmd(NetworkConditions { offline })
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
