//! Notifications out of aisle, the delivery half of "who should know" (#23): telling a
//! household's phones that "Anna added 3 items" or "Ben is going shopping". This module only
//! sends; what triggers a message, batching and who subscribed live elsewhere.
//!
//! Three ways out, each a blocking sender (ureq: call them off the async workers) with short
//! timeouts (5 s to connect, 10 s in all) that follows no redirects:
//!
//! - [`webpush`]: Web Push (RFC 8030), encrypted for one browser (RFC 8291, aes128gcm) and
//!   signed with aisle's own VAPID key (RFC 8292, kept in `DATA/vapid.key`). The message
//!   goes to the push service of the phone's browser (Google's, Mozilla's, Apple's), which
//!   wakes the phone: **it needs the internet**, even when aisle and the phone share a LAN.
//! - [`hooks`]: an ntfy topic and a generic JSON webhook, at any http(s) address the
//!   household gives, so these **can stay on the local network** (a self-hosted ntfy, Home
//!   Assistant, Node-RED).
//!
//! The push endpoint, a topic or a webhook address is itself a secret (whoever knows it can
//! post to it), so errors and logs name only its origin (`https://host:port`), never its path,
//! query or token.

pub mod hooks;
pub mod webpush;

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::http::Uri;

use crate::i18n::Lang;

/// Longest a sender waits for a connection, and for the whole exchange.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Longest address aisle accepts for an endpoint, topic or webhook.
const MAX_URL: usize = 2048;

/// Why a message was not sent. Every message is a sentence with no secret in it.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// A subscription, an address, a token or a contact that cannot be used; nothing was sent.
    #[error("{0}")]
    Invalid(String),
    /// Refused before sending: the plaintext is over [`webpush::MAX_PAYLOAD`].
    #[error("the message is {size} bytes; a push message may carry at most {max}")]
    PayloadTooLarge { size: usize, max: usize },
    /// The service answered 413.
    #[error("{service} at {origin} refused the message as too large (HTTP 413)")]
    TooLarge {
        service: &'static str,
        origin: String,
    },
    /// The service answered 429 or 5xx: try again later (after `retry_after` if it said).
    #[error("{service} at {origin} is busy or failing (HTTP {status}); try again later")]
    RetryLater {
        service: &'static str,
        origin: String,
        status: u16,
        retry_after: Option<Duration>,
    },
    /// No answer: no connection, no such host, a timeout, a TLS failure.
    #[error("{service} at {origin} could not be reached ({why}); try again later")]
    Unreachable {
        service: &'static str,
        origin: String,
        why: &'static str,
    },
    /// Any other answer that is not a success.
    #[error("{service} at {origin} answered HTTP {status}")]
    Status {
        service: &'static str,
        origin: String,
        status: u16,
    },
    /// The VAPID key file cannot be read, parsed or written.
    #[error("{0}")]
    Key(String),
    /// The message could not be encrypted (not expected with a parsed subscription).
    #[error("the message could not be encrypted: {0}")]
    Crypto(String),
}

impl PushError {
    /// Whether sending the same message again later may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            PushError::RetryLater { .. } | PushError::Unreachable { .. }
        )
    }
}

/// What a push service made of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted (any 2xx; push services answer 201): it reaches the phone when it is online.
    Delivered,
    /// The subscription no longer exists (404/410): delete it.
    Gone,
}

/// What happened, for the household.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    ItemsAdded,
    GoingShopping,
    DoneShopping,
}

/// The list an event is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRef {
    pub id: i64,
    pub name: String,
}

/// One notification, as the webhook's JSON body carries it; ntfy and Web Push say its
/// `text` under the list's name.
///
/// `count` is how many items it is about (added, or bought on the trip just done; 0 for
/// going shopping) and `items` their names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub event: EventKind,
    pub list: ListRef,
    pub by: String,
    pub text: String,
    pub count: usize,
    pub items: Vec<String>,
}

/// How many names a sentence spells out before "and N more".
const NAMES_IN_TEXT: usize = 5;

impl Event {
    /// "Anna added milk", "Anna added 3 items: milk, eggs, bread".
    pub fn items_added(list: ListRef, by: &str, names: Vec<String>) -> Event {
        Event::new(EventKind::ItemsAdded, list, by, names)
    }

    /// "Ben is going shopping".
    pub fn going_shopping(list: ListRef, by: &str) -> Event {
        Event::new(EventKind::GoingShopping, list, by, Vec::new())
    }

    /// "Ben is done shopping", "Ben is done shopping and bought 2 items: milk, eggs".
    pub fn done_shopping(list: ListRef, by: &str, bought: Vec<String>) -> Event {
        Event::new(EventKind::DoneShopping, list, by, bought)
    }

    fn new(event: EventKind, list: ListRef, by: &str, items: Vec<String>) -> Event {
        let mut event = Event {
            event,
            list,
            by: by.to_string(),
            text: String::new(),
            count: items.len(),
            items,
        };
        event.text = event.text_in(Lang::EN);
        event
    }

    /// The same event, its `text` in `lang` (the household's, for its ntfy topic and webhook).
    pub fn in_language(mut self, lang: Lang) -> Event {
        self.text = self.text_in(lang);
        self
    }

    /// What happened, as a sentence in `lang` (`locales/*/news.ftl`): the names of the first
    /// few items, then how many more.
    pub fn text_in(&self, lang: Lang) -> String {
        let by = self.by.as_str();
        let (one, many, more) = match self.event {
            EventKind::GoingShopping => return lang.arg("news-going", "by", by),
            EventKind::DoneShopping if self.items.is_empty() => {
                return lang.arg("news-done", "by", by);
            }
            EventKind::ItemsAdded => ("news-added-one", "news-added-many", "news-added-more"),
            EventKind::DoneShopping => ("news-done-one", "news-done-many", "news-done-more"),
        };
        if let [item] = self.items.as_slice() {
            return lang.with(one, &[("by", by.into()), ("item", item.into())]);
        }
        let shown = self.items.len().min(NAMES_IN_TEXT);
        let names = self.items[..shown].join(", ");
        let (id, rest) = if self.items.len() > shown {
            (more, self.items.len() - shown)
        } else {
            (many, 0)
        };
        lang.with(
            id,
            &[
                ("by", by.into()),
                ("n", self.items.len().into()),
                ("names", names.as_str().into()),
                ("more", rest.into()),
            ],
        )
    }

    /// The notification's title: the list's name.
    pub fn title(&self) -> &str {
        &self.list.name
    }
}

/// An address checked for sending: the whole URL (secret) and its origin (safe to show).
#[derive(Clone)]
pub(crate) struct Target {
    pub url: String,
    pub origin: String,
}

impl Target {
    /// Checks `url` as the address of `what` ("the subscription's endpoint", "the ntfy
    /// topic"). With `https_only`, plain http is allowed for loopback hosts only.
    pub fn parse(url: &str, what: &str, https_only: bool) -> Result<Target, PushError> {
        let url = url.trim();
        let invalid = |why: &str| PushError::Invalid(format!("{what} {why}"));
        if url.is_empty() {
            return Err(invalid("is missing"));
        }
        if url.len() > MAX_URL {
            return Err(invalid(&format!("is longer than {MAX_URL} characters")));
        }
        let example = if https_only {
            "an https:// address"
        } else {
            "an http:// or https:// address (e.g. https://ntfy.sh/our-shopping)"
        };
        let uri: Uri = url
            .parse()
            .map_err(|_| invalid(&format!("is not {example}")))?;
        let (Some(scheme), Some(authority), Some(host)) =
            (uri.scheme_str(), uri.authority(), uri.host())
        else {
            return Err(invalid(&format!("is not {example}")));
        };
        let scheme = scheme.to_ascii_lowercase();
        if authority.as_str().contains('@') {
            return Err(invalid("must not hold a user name or password"));
        }
        if host.is_empty() {
            return Err(invalid(&format!("is not {example}")));
        }
        match scheme.as_str() {
            "https" => {}
            "http" if !https_only || is_loopback(host) => {}
            "http" => {
                return Err(invalid(
                    "must be an https:// address (http:// is only allowed on this computer, for tests)",
                ));
            }
            _ => return Err(invalid(&format!("must be {example}"))),
        }
        let default_port = if scheme == "https" { 443 } else { 80 };
        let host = host.to_ascii_lowercase();
        let origin = match uri.port_u16() {
            Some(port) if port != default_port => format!("{scheme}://{host}:{port}"),
            _ => format!("{scheme}://{host}"),
        };
        Ok(Target {
            url: url.to_string(),
            origin,
        })
    }
}

/// `localhost`, 127.0.0.0/8 or `[::1]`.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    bare.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The agent every sender uses: short timeouts, statuses as answers, no redirects (a
/// redirect would carry a token or a signed message to an address nobody checked).
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .user_agent(concat!("aisle/", env!("CARGO_PKG_VERSION")))
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// A request that got no answer, in words that carry no address.
pub(crate) fn unreachable(service: &'static str, origin: &str, error: &ureq::Error) -> PushError {
    let why = match error {
        ureq::Error::Timeout(_) => "no answer in time",
        ureq::Error::HostNotFound => "no such host",
        ureq::Error::ConnectionFailed | ureq::Error::Io(_) => "the connection failed",
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::TlsRequired => {
            "its TLS certificate or handshake was refused"
        }
        _ => "the request failed",
    };
    tracing::warn!(service, origin, "notification not sent: {why}");
    PushError::Unreachable {
        service,
        origin: origin.to_string(),
        why,
    }
}

/// A non-2xx answer (other than Web Push's own meanings) as an error.
pub(crate) fn refused(
    service: &'static str,
    origin: &str,
    response: &ureq::http::Response<ureq::Body>,
) -> PushError {
    let status = response.status().as_u16();
    let origin = origin.to_string();
    tracing::warn!(service, origin, status, "notification refused");
    match status {
        413 => PushError::TooLarge { service, origin },
        429 | 500..=599 => PushError::RetryLater {
            service,
            origin,
            status,
            retry_after: response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs),
        },
        _ => PushError::Status {
            service,
            origin,
            status,
        },
    }
}
