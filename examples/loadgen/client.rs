//! A blocking HTTP client on loopback: ureq agents (one per load thread, so each thread
//! keeps its own keep-alive connection), the login flow, and a raw-socket probe for
//! timing the cold start.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use ureq::Agent;

/// One agent: errors are statuses (not `Err`), redirects are not followed (a redirect to
/// `/login` must count as an error), every call is bounded by `timeout`.
pub fn agent(timeout: Duration) -> Agent {
    Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .max_idle_connections_per_host(2)
        .user_agent("aisle-loadgen")
        .build()
        .into()
}

/// A response, read to the end.
pub struct Reply {
    pub status: u16,
    pub body: String,
    pub set_cookies: Vec<String>,
}

impl Reply {
    /// The value of cookie `name` set by this response.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies.iter().find_map(|c| {
            let pair = c.split(';').next()?.trim();
            let (k, v) = pair.split_once('=')?;
            (k == name).then(|| v.to_string())
        })
    }

    pub fn json(&self) -> Result<serde_json::Value, String> {
        serde_json::from_str(&self.body)
            .map_err(|e| format!("bad JSON ({e}): {}", snippet(&self.body)))
    }

    /// `Err` unless the status is `want`.
    pub fn expect(self, want: u16, what: &str) -> Result<Reply, String> {
        if self.status == want {
            Ok(self)
        } else {
            Err(format!(
                "{what}: status {} (wanted {want}): {}",
                self.status,
                snippet(&self.body)
            ))
        }
    }
}

pub fn snippet(s: &str) -> String {
    s.chars().take(200).collect()
}

fn finish(response: ureq::http::Response<ureq::Body>) -> Result<Reply, String> {
    let status = response.status().as_u16();
    let set_cookies = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect();
    let mut body = response.into_body();
    let body = body
        .with_config()
        .limit(16 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| format!("reading the body: {e}"))?;
    Ok(Reply {
        status,
        body,
        set_cookies,
    })
}

pub fn get(agent: &Agent, url: &str, headers: &[(&str, &str)]) -> Result<Reply, String> {
    let mut req = agent.get(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    finish(req.call().map_err(|e| format!("GET {url}: {e}"))?)
}

pub fn post_json(
    agent: &Agent,
    url: &str,
    headers: &[(&str, &str)],
    body: &serde_json::Value,
) -> Result<Reply, String> {
    let mut req = agent.post(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    finish(
        req.send_json(body)
            .map_err(|e| format!("POST {url}: {e}"))?,
    )
}

pub fn post_form(
    agent: &Agent,
    url: &str,
    headers: &[(&str, &str)],
    fields: &[(&str, &str)],
) -> Result<Reply, String> {
    let mut req = agent.post(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    finish(
        req.send_form(fields.iter().copied())
            .map_err(|e| format!("POST {url}: {e}"))?,
    )
}

/// A browser session: the `Cookie` header value carrying the session and CSRF cookies.
pub fn login(base: &str, username: &str, password: &str) -> Result<String, String> {
    let a = agent(Duration::from_secs(30));
    let page = get(&a, &format!("{base}/login"), &[])?.expect(200, "GET /login")?;
    let csrf_cookie = page
        .cookie("aisle_csrf")
        .ok_or("GET /login set no aisle_csrf cookie")?;
    let marker = "name=\"csrf_token\" value=\"";
    let at = page
        .body
        .find(marker)
        .ok_or("the login page has no csrf_token field")?
        + marker.len();
    let token: String = page.body[at..].chars().take_while(|c| *c != '"').collect();
    let cookie = format!("aisle_csrf={csrf_cookie}");
    let reply = post_form(
        &a,
        &format!("{base}/login"),
        &[("Cookie", &cookie)],
        &[
            ("csrf_token", &token),
            ("username", username),
            ("password", password),
        ],
    )?;
    if !(300..400).contains(&reply.status) {
        return Err(format!(
            "POST /login as {username}: status {}: {}",
            reply.status,
            snippet(&reply.body)
        ));
    }
    let session = reply
        .cookie("aisle_session")
        .ok_or("POST /login set no aisle_session cookie")?;
    Ok(format!("aisle_session={session}; aisle_csrf={csrf_cookie}"))
}

/// One `GET path` on a fresh connection (`Connection: close`); the status, or `Err` when
/// nothing listens yet or the answer is cut short. Used to time the cold start without
/// any client-side pooling in the way.
pub fn probe(port: u16, path: &str, timeout: Duration) -> Result<u16, String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    s.set_write_timeout(Some(timeout))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + timeout;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(2).any(|w| w == b"\r\n") {
        if Instant::now() > deadline {
            return Err("no status line in time".into());
        }
        let n = s.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("closed before the status line".into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let line = String::from_utf8_lossy(&buf);
    line.split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad status line: {}", snippet(&line)))
}
