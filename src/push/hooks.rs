//! Notifications to services the household runs or picks, which may all be on the local
//! network: an ntfy topic (the ntfy app on the phones shows it) and a generic webhook
//! (Home Assistant, Node-RED, a chat bridge…) that gets the [`Event`] as JSON.
//!
//! Blocking (ureq): call them off the async workers. A non-2xx answer is an error carrying
//! its status; errors and logs name only the address's origin, never the topic, the
//! webhook's path or the token.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::{Event, EventKind, PushError, Target, agent, refused, unreachable};

/// Longest token aisle accepts for ntfy.
const MAX_TOKEN: usize = 512;

/// An ntfy topic, e.g. `https://ntfy.sh/our-shopping` or `http://192.168.1.20/shopping`.
pub struct Ntfy {
    target: Target,
    token: Option<String>,
    agent: ureq::Agent,
}

impl fmt::Debug for Ntfy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ntfy")
            .field("origin", &self.target.origin)
            .field("token", &self.token.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

impl Ntfy {
    /// Checks the topic's address (http or https, any host) and the access token, if the
    /// topic needs one (ntfy's `tk_…`, sent as `Authorization: Bearer`).
    pub fn new(topic_url: &str, token: Option<&str>) -> Result<Ntfy, PushError> {
        let target = Target::parse(topic_url, "the ntfy topic address", false)?;
        let token = match token.map(str::trim) {
            None | Some("") => None,
            Some(token) => {
                let visible = token.bytes().all(|b| b.is_ascii_graphic());
                if !visible || token.len() > MAX_TOKEN {
                    return Err(PushError::Invalid(
                        "the ntfy token must be the one ntfy gave (tk_ and letters and digits, \
                         no spaces)"
                            .into(),
                    ));
                }
                Some(token.to_string())
            }
        };
        Ok(Ntfy {
            target,
            token,
            agent: agent(),
        })
    }

    /// The topic's origin, safe to show and log.
    pub fn origin(&self) -> &str {
        &self.target.origin
    }

    /// Posts `text` to the topic with a title and ntfy tags (emoji short codes such as
    /// `shopping_cart`). Blocking.
    pub fn send(&self, title: &str, text: &str, tags: &[&str]) -> Result<(), PushError> {
        let origin = self.target.origin.as_str();
        let mut request = self
            .agent
            .post(&self.target.url)
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("Title", header_text(title));
        let tags: Vec<&str> = tags
            .iter()
            .copied()
            .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_graphic() && b != b','))
            .collect();
        if !tags.is_empty() {
            request = request.header("Tags", tags.join(","));
        }
        if let Some(token) = &self.token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let response = request
            .send(text)
            .map_err(|e| unreachable("ntfy", origin, &e))?;
        if response.status().is_success() {
            tracing::debug!(origin, "ntfy notified");
            Ok(())
        } else {
            Err(refused("ntfy", origin, &response))
        }
    }

    /// Posts an event: its text under the list's name, tagged by what happened.
    pub fn send_event(&self, event: &Event) -> Result<(), PushError> {
        self.send(event.title(), &event.text, &[ntfy_tag(event.event)])
    }
}

/// The ntfy tag (shown as an emoji) for each kind of event.
pub fn ntfy_tag(kind: EventKind) -> &'static str {
    match kind {
        EventKind::ItemsAdded => "heavy_plus_sign",
        EventKind::GoingShopping => "shopping_cart",
        EventKind::DoneShopping => "white_check_mark",
    }
}

/// `text` as a header value: control characters become spaces, and text that is not plain
/// ASCII is sent as RFC 2047 encoded words (`=?UTF-8?B?…?=`), which ntfy decodes.
pub fn header_text(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let clean = clean.trim();
    if clean.is_ascii() && !clean.contains("=?") {
        return clean.to_string();
    }
    // Encoded words of at most 75 characters: 45 bytes of text make 60 of base64.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in clean.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", STANDARD.encode(&chunk)));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", STANDARD.encode(&chunk)));
    }
    words.join(" ")
}

/// A webhook: each event is posted to it as JSON (`Content-Type: application/json`).
pub struct Webhook {
    target: Target,
    agent: ureq::Agent,
}

impl fmt::Debug for Webhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("origin", &self.target.origin)
            .finish_non_exhaustive()
    }
}

impl Webhook {
    /// Checks the webhook's address (http or https, any host).
    pub fn new(url: &str) -> Result<Webhook, PushError> {
        let target = Target::parse(url, "the webhook address", false)?;
        Ok(Webhook {
            target,
            agent: agent(),
        })
    }

    /// The webhook's origin, safe to show and log.
    pub fn origin(&self) -> &str {
        &self.target.origin
    }

    /// Posts the event as JSON. Blocking.
    pub fn send(&self, event: &Event) -> Result<(), PushError> {
        let origin = self.target.origin.as_str();
        let body = serde_json::to_vec(event)
            .map_err(|e| PushError::Invalid(format!("the event could not be written ({e})")))?;
        let response = self
            .agent
            .post(&self.target.url)
            .header("Content-Type", "application/json")
            .send(&body[..])
            .map_err(|e| unreachable("the webhook", origin, &e))?;
        if response.status().is_success() {
            tracing::debug!(origin, "webhook notified");
            Ok(())
        } else {
            Err(refused("the webhook", origin, &response))
        }
    }
}
