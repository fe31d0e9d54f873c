//! A real OpenID Connect provider for the tests: npm's `oidc-provider`, run by
//! `tests/oidc/provider.mjs` (installed with `npm ci --prefix tests/oidc`) on a loopback
//! port, and a way through its sign-in pages with plain HTTP.
//!
//! Its sign-in is oidc-provider's development interaction: a login form where the login is
//! an account id of `OIDC_ACCOUNTS` and any password works, then a consent form. A login
//! that is not one of the accounts signs in as an account whose ID token has only `sub`.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::Duration;

use super::{form_encode, unescape};

/// How long the provider may take to print its issuer (Node.js starting, an RSA key made).
const START_WAIT: Duration = Duration::from_secs(20);
/// Redirects and form posts through the provider's pages: a sign-in takes about six.
const MAX_HOPS: usize = 15;

/// A running provider, with one confidential client and the given accounts. Killed on drop.
pub struct Provider {
    /// `http://127.0.0.1:<port>`, exactly as in its discovery document.
    pub issuer: String,
    child: Child,
    /// What it wrote on stderr: warnings, and one line per request (`OIDC_PROVIDER_LOG`).
    stderr: Arc<Mutex<String>>,
}

impl Provider {
    /// Starts `node tests/oidc/provider.mjs` with a client (`client_id`, `client_secret`,
    /// any loopback `/login/sso/callback` as its redirect URI) and `accounts`, a JSON object
    /// `{ "<login>": { "email", "email_verified", "name", "preferred_username" } }`; the login
    /// is the account's `sub`. Waits (bounded) for it to listen.
    pub fn start(client_id: &str, client_secret: &str, accounts: &serde_json::Value) -> Provider {
        Provider::start_with(client_id, client_secret, accounts, &[])
    }

    /// [`Provider::start`] with more of `provider.mjs`'s options, e.g.
    /// `("OIDC_CLAIMS_IN_USERINFO", "1")`.
    pub fn start_with(
        client_id: &str,
        client_secret: &str,
        accounts: &serde_json::Value,
        options: &[(&str, &str)],
    ) -> Provider {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc/provider.mjs");
        let mut child = Command::new("node")
            .arg(script)
            .env("OIDC_CLIENT_ID", client_id)
            .env("OIDC_CLIENT_SECRET", client_secret)
            .env("OIDC_ACCOUNTS", accounts.to_string())
            .envs(options.iter().copied())
            .env("OIDC_PROVIDER_LOG", "1")
            // The provider exits when this pipe closes: it does not outlive a test process
            // that dies without running Drop.
            .env("OIDC_STOP_ON_STDIN_EOF", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("spawn node (scripts/test installs npm, which brings Node.js): {e}")
            });

        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().expect("stderr pipe");
        let sink = Arc::clone(&stderr);
        let err_reader = thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            // Ends at EOF, when the provider exits.
            while let Ok(n) = err_pipe.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&chunk[..n]).into_owned();
                sink.lock().expect("stderr buffer").push_str(&text);
            }
        });

        // A reader thread, so that the wait for the first line can have a bound.
        let out_pipe = child.stdout.take().expect("stdout pipe");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(out_pipe).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep draining so the provider never blocks on a full pipe.
            for _ in lines {}
        });

        let line = rx.recv_timeout(START_WAIT);
        let issuer = line
            .ok()
            .and_then(|l| l.strip_prefix("issuer=").map(str::to_string));
        let Some(issuer) = issuer else {
            let _ = child.kill();
            let _ = child.wait();
            // The provider is gone, so its stderr is at EOF and the reader ends.
            let _ = err_reader.join();
            let log = stderr.lock().expect("stderr buffer").clone();
            panic!(
                "the OIDC provider exited or did not print its issuer within {START_WAIT:?} \
                 (is tests/oidc/node_modules installed? npm ci --prefix tests/oidc); \
                 its stderr:\n{log}"
            );
        };
        Provider {
            issuer,
            child,
            stderr,
        }
    }

    /// The provider's port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.issuer
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in the issuer {}", self.issuer))
    }

    /// What the provider wrote on stderr so far (its warnings and requests), for messages.
    pub fn log(&self) -> String {
        self.stderr.lock().expect("stderr buffer").clone()
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Signs in at the provider as `login` (an account id of its `OIDC_ACCOUNTS`; any
/// password), starting from `authorize_url` (where aisle's `/login/sso` sent the browser),
/// and returns where the provider sends the browser back: aisle's callback URL with `code`,
/// `state` and `iss`.
///
/// Acts as a browser without one: its own cookie jar for the provider, redirects followed
/// by hand, the login and consent forms posted. Panics if it ends anywhere else.
pub fn sign_in_at_provider(authorize_url: &str, login: &str) -> String {
    sign_in_at_provider_trusting(authorize_url, login, None)
}

/// [`sign_in_at_provider`] at a provider whose HTTPS certificate is from the CA `ca_pem`.
pub fn sign_in_at_provider_trusting(
    authorize_url: &str,
    login: &str,
    ca_pem: Option<&str>,
) -> String {
    let start = url::Url::parse(authorize_url)
        .unwrap_or_else(|e| panic!("not a URL ({e}): {authorize_url}"));
    let provider = start.origin();
    let roots = match ca_pem {
        Some(pem) => {
            let ca = ureq::tls::Certificate::from_pem(pem.as_bytes()).expect("the CA's PEM");
            ureq::tls::RootCerts::from([ca])
        }
        None => ureq::tls::RootCerts::WebPki,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(ureq::tls::TlsConfig::builder().root_certs(roots).build())
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut jar = Jar::default();
    // The next request: its URL, and the form to post (none: a GET).
    let mut next: (url::Url, Option<String>) = (start, None);
    let mut logins = 0;
    for _ in 0..MAX_HOPS {
        let (url, form) = next;
        let (status, location, body) = jar.send(&agent, &url, form.as_deref());
        if let Some(location) = location.filter(|_| (300..400).contains(&status)) {
            let target = url
                .join(&location)
                .unwrap_or_else(|e| panic!("bad Location ({e}) from {url}: {location}"));
            if target.origin() != provider {
                return location;
            }
            next = (target, None);
            continue;
        }
        let snippet: String = body.chars().take(1500).collect();
        let Some(page) = Form::first(&body).filter(|_| status == 200) else {
            panic!("the provider's sign-in ended at {url}: {status}\n{snippet}");
        };
        let mut fields = page.fields;
        if page.asks_login {
            logins += 1;
            assert!(
                logins == 1,
                "the provider asked to sign in again at {url}\n{snippet}"
            );
            fields.push(("login".into(), login.into()));
            fields.push(("password".into(), "any password works".into()));
        }
        let action = url
            .join(&page.action)
            .unwrap_or_else(|e| panic!("bad form action ({e}) on {url}: {}", page.action));
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        next = (action, Some(form_encode(&pairs)));
    }
    panic!("the provider's sign-in took more than {MAX_HOPS} steps");
}

/// A cookie jar for one host, minding cookie paths (the provider scopes its interaction
/// cookies to `/interaction/<uid>` and `/auth/<uid>`).
#[derive(Default)]
struct Jar {
    /// (path, name) → value.
    cookies: Vec<((String, String), String)>,
}

impl Jar {
    /// Sends a GET (or a form POST) with the matching cookies; keeps what is set.
    /// Returns (status, Location, body).
    fn send(
        &mut self,
        agent: &ureq::Agent,
        url: &url::Url,
        form: Option<&str>,
    ) -> (u16, Option<String>, String) {
        let cookie = self
            .cookies
            .iter()
            .filter(|((path, _), _)| url.path().starts_with(path.as_str()))
            .map(|((_, name), value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        let result = match form {
            None => {
                let mut rb = agent.get(url.as_str());
                if !cookie.is_empty() {
                    rb = rb.header("Cookie", &cookie);
                }
                rb.call()
            }
            Some(form) => {
                let mut rb = agent
                    .post(url.as_str())
                    .header("Content-Type", "application/x-www-form-urlencoded");
                if !cookie.is_empty() {
                    rb = rb.header("Cookie", &cookie);
                }
                rb.send(form)
            }
        };
        let mut response = result.unwrap_or_else(|e| panic!("{url}: {e}"));
        for raw in response.headers().get_all("set-cookie") {
            self.store(&String::from_utf8_lossy(raw.as_bytes()));
        }
        let location = response
            .headers()
            .get("location")
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let body = response
            .body_mut()
            .read_to_string()
            .unwrap_or_else(|e| panic!("{url}: reading the body failed: {e}"));
        (response.status().as_u16(), location, body)
    }

    /// One `Set-Cookie`: stored, replaced, or (empty or expired) removed.
    fn store(&mut self, raw: &str) {
        let mut parts = raw.split(';');
        let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
            return;
        };
        let mut path = "/".to_string();
        let mut expired = false;
        for attr in parts {
            let (key, val) = attr.split_once('=').unwrap_or((attr, ""));
            match key.trim().to_ascii_lowercase().as_str() {
                "path" => path = val.trim().to_string(),
                "max-age" => expired |= val.trim().parse::<i64>().is_ok_and(|n| n <= 0),
                // Deletions are dated 1970.
                "expires" => expired |= val.contains("1970"),
                _ => {}
            }
        }
        let key = (path, name.trim().to_string());
        self.cookies.retain(|(k, _)| *k != key);
        let value = value.trim();
        if !expired && !value.is_empty() {
            self.cookies.push((key, value.to_string()));
        }
    }
}

/// The first form of a provider page: where it posts, its hidden fields, and whether it
/// asks for a login (the login page) or not (the consent page).
struct Form {
    action: String,
    fields: Vec<(String, String)>,
    asks_login: bool,
}

impl Form {
    fn first(html: &str) -> Option<Form> {
        let start = html.find("<form")?;
        let end = html[start..]
            .find("</form>")
            .map_or(html.len(), |e| start + e);
        let form = &html[start..end];
        let action = unescape(&attribute(form, "action")?);
        let mut fields = Vec::new();
        let mut asks_login = false;
        for input in form.split("<input").skip(1) {
            let tag = input.split('>').next().unwrap_or("");
            let Some(name) = attribute(tag, "name") else {
                continue;
            };
            if attribute(tag, "type").as_deref() == Some("hidden") {
                let value = attribute(tag, "value").unwrap_or_default();
                fields.push((unescape(&name), unescape(&value)));
            } else if name == "login" {
                asks_login = true;
            }
        }
        Some(Form {
            action,
            fields,
            asks_login,
        })
    }
}

/// The value of `name="…"` in a tag (double quotes, as the provider writes them).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let from = tag.find(&needle)? + needle.len();
    let len = tag[from..].find('"')?;
    Some(tag[from..from + len].to_string())
}
