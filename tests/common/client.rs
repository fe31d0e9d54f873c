//! The HTTP side of the harness: a response, and a browser-like client with a cookie jar,
//! Origin on forms and CSRF tokens taken from pages.

use super::*;

/// An HTTP response, body read as text.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The raw `Set-Cookie` header that sets `name`, if any.
    pub fn set_cookie(&self, name: &str) -> Option<&str> {
        self.headers_named("set-cookie")
            .into_iter()
            .find(|c| c.split('=').next().map(str::trim) == Some(name))
    }

    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// Asserts a 303 redirect and returns its target.
    pub fn redirected(&self) -> &str {
        assert_eq!(self.status, 303, "expected a 303, got: {}", self.describe());
        self.location().expect("a Location header")
    }

    /// Status plus the start of the body, for assertion messages.
    pub fn describe(&self) -> String {
        let body: String = self.body.chars().take(1500).collect();
        format!("{} {:?}\n{body}", self.status, self.location())
    }

    /// The message shown to the user: the `role="alert"` element of a page, or the
    /// `detail` of problem+json.
    pub fn message(&self) -> String {
        if self
            .header("content-type")
            .is_some_and(|c| c.contains("json"))
        {
            return self.json()["detail"].as_str().unwrap_or("").to_string();
        }
        alert_message(&self.body).unwrap_or_default()
    }
}

/// A browser-like client: cookie jar, Origin on forms, CSRF tokens from pages.
pub struct Client {
    agent: ureq::Agent,
    pub base: String,
    jar: RefCell<BTreeMap<String, String>>,
    /// The `Accept-Language` every request sends, as a browser set to those languages would.
    languages: RefCell<Option<String>>,
}

impl Client {
    pub fn new(port: u16) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(30)))
            // The server closes a keep-alive idle for 10 s (`idle-timeout-secs`); a pooled
            // connection reused at that instant fails with "Peer disconnected". Browsers retry
            // such a request; this client instead never keeps one long enough to meet it.
            .max_idle_age(Duration::from_secs(5))
            .build()
            .into();
        Client {
            agent,
            base: format!("http://127.0.0.1:{port}"),
            jar: RefCell::new(BTreeMap::new()),
            languages: RefCell::new(None),
        }
    }

    /// From now on, sends `Accept-Language: languages` (unless a request sets its own).
    pub fn speaking(&self, languages: &str) {
        *self.languages.borrow_mut() = Some(languages.to_string());
    }

    pub fn origin(&self) -> String {
        self.base.clone()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.borrow().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar
            .borrow_mut()
            .insert(name.to_string(), value.to_string());
    }

    pub fn clear_cookies(&self) {
        self.jar.borrow_mut().clear();
    }

    fn cookie_header(&self) -> Option<String> {
        let jar = self.jar.borrow();
        (!jar.is_empty()).then(|| {
            jar.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    fn store_cookies(&self, resp: &Resp) {
        let mut jar = self.jar.borrow_mut();
        for raw in resp.headers_named("set-cookie") {
            let mut parts = raw.split(';');
            let Some((name, value)) = parts.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            let expired = parts.any(|attr| {
                let attr = attr.trim().to_ascii_lowercase();
                attr.strip_prefix("max-age=")
                    .is_some_and(|v| v.parse::<i64>().is_ok_and(|n| n <= 0))
            });
            if expired || value.is_empty() {
                jar.remove(name);
            } else {
                jar.insert(name.to_string(), value.to_string());
            }
        }
    }

    /// Sends a request with the jar's cookies; `body` is (content type, bytes).
    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, Vec<u8>)>,
    ) -> Resp {
        let languages = self.languages.borrow().clone();
        let mut with_language = headers.to_vec();
        if let Some(languages) = &languages
            && !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("accept-language"))
        {
            with_language.push(("Accept-Language", languages.as_str()));
        }
        let headers = &with_language[..];
        if let Some((content_type, bytes)) = &body
            && bytes.len() > BODY_LIMIT
        {
            let resp = self.send_streaming(method, path, headers, content_type, bytes);
            self.store_cookies(&resp);
            return resp;
        }
        let url = format!("{}{path}", self.base);
        let cookie = self.cookie_header();
        let result = match method {
            "GET" | "HEAD" => {
                let mut rb = if method == "GET" {
                    self.agent.get(&url)
                } else {
                    self.agent.head(&url)
                };
                for (k, v) in headers {
                    rb = rb.header(*k, *v);
                }
                if let Some(c) = &cookie {
                    rb = rb.header("Cookie", c.as_str());
                }
                rb.call()
            }
            "POST" | "PUT" | "PATCH" | "DELETE" => {
                let mut rb = match method {
                    "POST" => self.agent.post(&url),
                    "PUT" => self.agent.put(&url),
                    "PATCH" => self.agent.patch(&url),
                    _ => self.agent.delete(&url).force_send_body(),
                };
                for (k, v) in headers {
                    rb = rb.header(*k, *v);
                }
                if let Some(c) = &cookie {
                    rb = rb.header("Cookie", c.as_str());
                }
                match body {
                    Some((content_type, bytes)) => {
                        rb.header("Content-Type", content_type).send(&bytes[..])
                    }
                    None => rb.send_empty(),
                }
            }
            other => panic!("unsupported method {other}"),
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {path} failed: {e}"));
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let bytes = if method == "HEAD" {
            Vec::new()
        } else {
            response
                .body_mut()
                .with_config()
                .limit(20 * 1024 * 1024)
                .read_to_vec()
                .unwrap_or_else(|e| panic!("{method} {path}: reading the body failed: {e}"))
        };
        let resp = Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        };
        self.store_cookies(&resp);
        resp
    }

    /// Sends a body larger than the server accepts the way browsers and curl do: writing
    /// and reading at the same time, so the early answer (413) is read even though the
    /// server stops reading and closes. (ureq writes everything before reading, and fails
    /// with a broken pipe there.)
    fn send_streaming(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        content_type: &str,
        body: &[u8],
    ) -> Resp {
        let host = self.base.trim_start_matches("http://");
        let mut stream = TcpStream::connect(host).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("read timeout");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        if let Some(c) = self.cookie_header() {
            head.push_str(&format!("Cookie: {c}\r\n"));
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        let mut writer = stream.try_clone().expect("clone stream");
        let sender = thread::spawn(move || {
            // The server may stop reading once it has seen enough: ignore write errors.
            let _ = writer.write_all(&request);
        });
        let mut raw = Vec::new();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => raw.extend_from_slice(&chunk[..n]),
            }
        }
        let _ = sender.join();
        parse_response(&raw).unwrap_or_else(|| {
            panic!(
                "{method} {path}: no complete response: {:?}",
                String::from_utf8_lossy(&raw)
            )
        })
    }

    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, &[], None)
    }

    /// Posts exactly these fields (no CSRF token added) with this site's Origin, unless
    /// `headers` sets an Origin of its own.
    pub fn post_form_with(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Resp {
        let origin = self.origin();
        let mut all: Vec<(&str, &str)> = headers.to_vec();
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("origin"))
        {
            all.push(("Origin", origin.as_str()));
        }
        self.send(
            "POST",
            path,
            &all,
            Some((
                "application/x-www-form-urlencoded",
                form_encode(fields).into_bytes(),
            )),
        )
    }

    /// Posts exactly these fields (no CSRF token added), with this site's Origin.
    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        self.post_form_with(path, fields, &[])
    }

    /// GETs a page and returns the CSRF token of its forms.
    pub fn csrf(&self, path: &str) -> String {
        let page = self.get(path);
        assert_eq!(page.status, 200, "GET {path}: {}", page.describe());
        csrf_from(&page.body).unwrap_or_else(|| panic!("no csrf_token on {path}"))
    }

    /// The CSRF token for the current cookies, read from a page (as a browser would).
    pub fn csrf_token(&self) -> String {
        let login = self.get("/login");
        if login.status == 303 {
            self.csrf("/settings")
        } else {
            csrf_from(&login.body).expect("csrf_token on /login")
        }
    }

    /// Submits a form like a browser would: these fields plus the CSRF token, with Origin.
    pub fn submit(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let token = self.csrf_token();
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(path, &all)
    }

    /// Tries to log in; returns the response.
    pub fn try_login(&self, username: &str, password: &str) -> Resp {
        self.submit("/login", &[("username", username), ("password", password)])
    }

    /// Logs in and asserts it worked.
    pub fn login(&self, username: &str, password: &str) {
        let resp = self.try_login(username, password);
        assert_eq!(resp.redirected(), "/", "login as {username}");
        assert!(self.cookie("aisle_session").is_some(), "no session cookie");
    }

    /// Whether the client is logged in (GET / is a page, not a redirect to /login).
    pub fn logged_in(&self) -> bool {
        let resp = self.get("/");
        match resp.status {
            200 => true,
            303 => {
                assert_eq!(resp.location(), Some("/login"));
                false
            }
            _ => panic!("GET /: {}", resp.describe()),
        }
    }

    /// Creates a list through the form; returns its id.
    pub fn create_list(&self, name: &str) -> i64 {
        let resp = self.submit("/lists", &[("name", name)]);
        let location = resp.redirected();
        location
            .strip_prefix("/lists/")
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("unexpected Location {location}"))
    }

    /// Adds items through the list page form.
    pub fn add_items(&self, list: i64, text: &str) {
        let resp = self.submit(&format!("/lists/{list}/items"), &[("text", text)]);
        assert_eq!(
            resp.redirected(),
            format!("/lists/{list}"),
            "adding {text:?}"
        );
    }

    /// A list as JSON through the API (session cookie; GET needs no CSRF header).
    pub fn list_json(&self, list: i64) -> serde_json::Value {
        let resp = self.get(&format!("/api/v1/lists/{list}"));
        assert_eq!(resp.status, 200, "{}", resp.describe());
        resp.json()
    }

    /// The live items of a list (API).
    pub fn items(&self, list: i64) -> Vec<serde_json::Value> {
        self.list_json(list)["items"]
            .as_array()
            .expect("items array")
            .clone()
    }

    /// The id of the live item called `name` (exact) on a list.
    pub fn item_id(&self, list: i64, name: &str) -> i64 {
        self.items(list)
            .iter()
            .find(|i| i["name"] == name)
            .and_then(|i| i["id"].as_i64())
            .unwrap_or_else(|| panic!("no item {name:?} on list {list}"))
    }

    /// Sends a session-authenticated API request with the `X-CSRF-Token` header.
    pub fn api_session_post(&self, path: &str, body: &serde_json::Value) -> Resp {
        let token = self.csrf_token();
        let origin = self.origin();
        self.send(
            "POST",
            path,
            &[
                ("X-CSRF-Token", token.as_str()),
                ("Origin", origin.as_str()),
            ],
            Some(("application/json", body.to_string().into_bytes())),
        )
    }

    pub fn api_get(&self, path: &str, token: &str) -> Resp {
        let auth = format!("Bearer {token}");
        self.send("GET", path, &[("Authorization", auth.as_str())], None)
    }

    pub fn api_post_json(&self, path: &str, token: &str, body: &serde_json::Value) -> Resp {
        self.api_post_raw(
            path,
            token,
            "application/json",
            body.to_string().into_bytes(),
        )
    }

    pub fn api_post_raw(&self, path: &str, token: &str, content_type: &str, body: Vec<u8>) -> Resp {
        let auth = format!("Bearer {token}");
        self.send(
            "POST",
            path,
            &[("Authorization", auth.as_str())],
            Some((content_type, body)),
        )
    }
}

/// The largest body the server accepts (64 KiB); larger ones are sent by `send_streaming`.
const BODY_LIMIT: usize = 64 * 1024;

/// Parses a raw HTTP/1.1 response (Content-Length or chunked body).
fn parse_response(raw: &[u8]) -> Option<Resp> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v);
    let body = if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        let mut body = Vec::new();
        let mut at = 0;
        loop {
            let line_end = at + rest[at..].windows(2).position(|w| w == b"\r\n")?;
            let size_text = String::from_utf8_lossy(&rest[at..line_end]).into_owned();
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            at = line_end + 2;
            if size == 0 {
                break;
            }
            body.extend_from_slice(rest.get(at..at + size)?);
            at += size + 2;
        }
        body
    } else {
        let len: usize = header("content-length").map_or(Some(rest.len()), |v| v.parse().ok())?;
        rest.get(..len)?.to_vec()
    };
    Some(Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}
