//! The one place errors become HTTP: an HTML page for pages, problem+json for the API.
//!
//! Every message leaves here as a plain sentence (capitalised, with a full stop). An HTML
//! error page keeps the app's header (with the menu when the visitor is logged in) and
//! offers a way back: to the page the visitor came from when it is one of aisle's own, or
//! else the page above this one, and to the lists.

use rocket::http::{ContentType, Header, Status};
use rocket::request::Request;
use rocket::response::{self, Redirect, Responder, Response};
use rocket::{Catcher, catch, catchers};

use crate::error::Error;
use crate::http::guards::{
    GuardError, SESSION_COOKIE, Visitor, cached_visitor, clear_session, request_lang,
};
use crate::i18n::Lang;
use crate::views;

fn is_api(req: &Request<'_>) -> bool {
    req.uri().path().starts_with("/api/")
}

/// The heading of an error page and the `title` of a problem.
pub fn title_for(status: Status) -> &'static str {
    match status.code {
        400 => "That could not be read",
        401 => "Please log in",
        403 => "Not allowed",
        404 => "Not found",
        409 => "That clashes with another change",
        410 => "This link no longer works",
        413 => "Too much at once",
        422 => "Please check what you entered",
        429 => "Too many attempts",
        502 => "A bad answer from a service aisle asked",
        503 => "Not available right now",
        504 => "A service aisle asked did not answer in time",
        _ => "Something went wrong",
    }
}

/// The heading of an error page, in the page's language.
fn page_title(status: Status, lang: Lang) -> String {
    match status.code {
        400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 502 | 503 | 504 => {
            lang.get(&format!("error-title-{}", status.code))
        }
        _ => lang.get("error-title-500"),
    }
}

/// What a status says when nothing more precise is known (Rocket's own refusals), in the
/// page's language.
fn default_page_message(status: Status, lang: Lang) -> String {
    match status.code {
        400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503 => {
            lang.get(&format!("error-default-{}", status.code))
        }
        502 | 504 => lang.get("error-default-502"),
        _ => lang.get("error-default-500"),
    }
}

/// What a status says when nothing more precise is known (Rocket's own refusals).
fn default_message(status: Status) -> String {
    match status.code {
        400 => "something in what was sent could not be read; go back, reload the page and try again",
        401 => "you need to log in first",
        403 => "you are not allowed to do that",
        404 => "there is nothing at this address; it may have been deleted, or the link may be out of date",
        409 => "that clashes with a change made meanwhile; reload the page and try again",
        413 => "that was more than aisle takes at once; send less, or split it into parts",
        422 => "something sent was not in a form aisle understands; go back, reload the page and try again",
        429 => "there were too many attempts; wait a little and try again",
        502 | 504 => "a service aisle relies on gave no usable answer; try again later",
        503 => "the server is busy or not ready; try again in a moment",
        _ => "something went wrong on the server; it has been logged, so try again in a moment",
    }
    .to_string()
}

/// Words that open aisle's messages and take a capital there. A message that opens with
/// anything else — a username ("anna is an instance admin…"), a parameter (`since`), the
/// name "aisle" — keeps its first word as it is.
const STARTERS: &str = "a add all amount an another ask at backup barcode before cannot category check \
     choose currency date each enter every export file go household import in invalid \
     invite it item list missing name no nobody none not note nothing one online only op \
     password please price product quantity reload restore role send some something \
     store that the there these this those token too try type unit unknown use username \
     what wrong you your";

/// `message` as a sentence: a capital first letter (when its first word is one of
/// [`STARTERS`]) and a full stop at the end.
pub fn sentence(message: &str) -> String {
    let message = message.trim();
    if message.is_empty() {
        return String::new();
    }
    let first_word: String = message
        .chars()
        .take_while(char::is_ascii_lowercase)
        .collect();
    let starter = STARTERS.split_whitespace().any(|w| w == first_word);
    let mut out = if starter {
        let mut chars = message.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect()
    } else {
        message.to_string()
    };
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

/// Logs an error answer: a 5xx is our fault (ERROR, with method and path); a 4xx is a
/// client's everyday mistake — a missing page, a login needed — and only for debugging.
fn log(req: &Request<'_>, status: Status, message: &str) {
    let (method, path) = (req.method(), req.uri().path());
    if status.code >= 500 {
        tracing::error!(%method, %path, status = status.code, "{message}");
    } else {
        tracing::debug!(%method, %path, status = status.code, "{message}");
    }
}

/// The path part of a `Referer` when it points at this server (the address the request was
/// sent to, or the public URL): the page the visitor came from.
fn came_from(req: &Request<'_>) -> Option<String> {
    let referer = req.headers().get_one("Referer")?;
    let rest = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))?;
    let at = rest.find('/')?;
    let (authority, path) = rest.split_at(at);
    let host = req.headers().get_one("Host");
    let public = crate::http::guards::state(req).config.public_url();
    let public_authority = public
        .split_once("://")
        .map(|(_, a)| a.trim_end_matches('/'));
    let ours = host == Some(authority) || public_authority == Some(authority);
    let path = path.split('#').next().unwrap_or("");
    (ours && !path.starts_with("//") && path.len() <= 400).then(|| path.to_string())
}

/// The page above `path` that the visitor most likely wants back to: the list an item
/// page belongs to, or the area's own page.
fn page_above(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        ["lists", id, _, ..] if id.parse::<i64>().is_ok() => Some(format!("/lists/{id}")),
        ["products" | "settings" | "household" | "admin", _, ..] => Some(format!("/{}", parts[0])),
        ["stores", ..] => Some("/household".to_string()),
        _ => None,
    }
}

/// Where the error page's "Go back" leads: the page the visitor came from, or the page
/// above this one; never this page itself, nor the lists (which have their own link).
fn way_back(req: &Request<'_>) -> Option<String> {
    let here = req.uri().path().as_str();
    let back = came_from(req)
        .filter(|p| p.split('?').next() != Some(here))
        .or_else(|| page_above(here))?;
    let leaves = ["/", "/login", "/logout"];
    (!leaves.contains(&back.split('?').next().unwrap_or(""))).then_some(back)
}

/// What an error page says: the message itself, or the page's own words for it.
enum Said {
    /// A message as it was written (in English).
    Text(String),
    /// An error whose page message is a translated one.
    Error(Error),
    /// Nothing more precise than the status.
    Status,
}

impl Said {
    fn english(&self, status: Status) -> String {
        match self {
            Said::Text(text) => text.clone(),
            Said::Error(e) => e.public_message(),
            Said::Status => default_message(status),
        }
    }

    fn in_language(&self, status: Status, lang: Lang) -> String {
        match self {
            Said::Text(text) => text.clone(),
            Said::Error(e) => e.page_message(lang),
            Said::Status => default_page_message(status, lang),
        }
    }
}

/// Renders an error status and message for the request's audience.
fn respond(
    req: &Request<'_>,
    status: Status,
    said: Said,
    retry_after: Option<u64>,
) -> response::Result<'static> {
    if status == Status::Unauthorized && !is_api(req) {
        // A session cookie on a request that is not logged in is dead (expired, logged out
        // elsewhere, or the account removed): drop it rather than send it again each time.
        if req.cookies().get(SESSION_COOKIE).is_some() {
            clear_session(req.cookies());
        }
        return Redirect::to("/login").respond_to(req);
    }
    let mut builder = Response::build();
    builder.status(status);
    if let Some(secs) = retry_after {
        builder.header(Header::new("Retry-After", secs.to_string()));
    }
    let (content_type, body) = if is_api(req) {
        let message = sentence(&said.english(status));
        let problem = serde_json::json!({
            "type": "about:blank",
            "title": title_for(status),
            "status": status.code,
            "detail": message,
        });
        (
            ContentType::new("application", "problem+json"),
            problem.to_string(),
        )
    } else {
        let lang = request_lang(req);
        let message = sentence(&said.in_language(status, lang));
        let title = page_title(status, lang);
        let page = views::ErrorView {
            status: status.code,
            title: &title,
            message: &message,
            viewer: cached_visitor(req).map(Visitor::viewer),
            back: way_back(req),
            lang,
        };
        (ContentType::HTML, views::error_page(page))
    };
    builder
        .header(content_type)
        .sized_body(body.len(), std::io::Cursor::new(body));
    Ok(builder.finalize())
}

impl<'r> Responder<'r, 'static> for Error {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = Status::from_code(self.status_code()).unwrap_or(Status::InternalServerError);
        log(req, status, &self.to_string());
        let retry = match &self {
            Error::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        respond(req, status, Said::Error(self), retry)
    }
}

#[catch(default)]
async fn default_catcher(status: Status, req: &Request<'_>) -> ErrorReply {
    let guard_message = req
        .local_cache(GuardError::default)
        .0
        .lock()
        .ok()
        .and_then(|m| m.clone());
    let asset = req.uri().path().starts_with("/assets/");
    let busy = status == Status::ServiceUnavailable;
    if !is_api(req) && !asset && !busy && status != Status::Unauthorized {
        // Who is visiting, for the page's header (a route that failed before any guard
        // asked, such as an unknown address, has not looked yet). Not for a missing asset
        // (nobody sees that page), nor when the database is busy (it would wait again).
        let _ = req.guard::<&Visitor>().await;
    }
    let said = guard_message.map_or(Said::Status, Said::Text);
    ErrorReply(status, said)
}

pub struct ErrorReply(Status, Said);

impl<'r> Responder<'r, 'static> for ErrorReply {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        log(req, self.0, &self.1.english(self.0));
        respond(req, self.0, self.1, None)
    }
}

pub fn catchers() -> Vec<Catcher> {
    catchers![default_catcher]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_become_sentences() {
        assert_eq!(sentence("you need to log in"), "You need to log in.");
        assert_eq!(sentence(" Done. "), "Done.");
        assert_eq!(sentence("try again?"), "Try again?");
        assert_eq!(sentence("“-”: no name"), "“-”: no name.");
        assert_eq!(
            sentence("anna is an instance admin"),
            "anna is an instance admin."
        );
        assert_eq!(
            sentence("since must be a number"),
            "since must be a number."
        );
        assert_eq!(sentence("there is nothing"), "There is nothing.");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn the_page_above_is_the_list_or_the_area() {
        assert_eq!(
            page_above("/lists/7/items/3/edit").as_deref(),
            Some("/lists/7")
        );
        assert_eq!(page_above("/lists/7"), None);
        assert_eq!(page_above("/lists/x/items"), None);
        assert_eq!(page_above("/products/12").as_deref(), Some("/products"));
        assert_eq!(page_above("/products"), None);
        assert_eq!(page_above("/stores/4/order").as_deref(), Some("/household"));
        assert_eq!(page_above("/nowhere/at/all"), None);
    }
}
