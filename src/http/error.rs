//! The one place errors become HTTP: an HTML page for pages, problem+json for the API.

use rocket::http::{ContentType, Header, Status};
use rocket::request::Request;
use rocket::response::{self, Redirect, Responder, Response};
use rocket::{Catcher, catch, catchers};

use crate::error::Error;
use crate::http::guards::{GuardError, SESSION_COOKIE, clear_session};
use crate::views;

fn is_api(req: &Request<'_>) -> bool {
    req.uri().path().starts_with("/api/")
}

fn title_for(status: Status) -> &'static str {
    match status.code {
        400 => "That request was not understood",
        401 => "Please log in",
        403 => "Not allowed",
        404 => "Not found",
        409 => "Conflict",
        413 => "Too large",
        422 => "Please check what you entered",
        429 => "Too many attempts",
        502 => "The product database sent something unusable",
        504 => "The product database did not answer in time",
        503 => "Busy, try again",
        _ => "Something went wrong",
    }
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

/// Renders an error status and message for the request's audience.
fn respond(
    req: &Request<'_>,
    status: Status,
    message: String,
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
        let html = views::error_page(status.code, title_for(status), &message);
        (ContentType::HTML, html)
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
        respond(req, status, self.public_message(), retry)
    }
}

#[catch(default)]
fn default_catcher(status: Status, req: &Request<'_>) -> ErrorReply {
    let guard_message = req
        .local_cache(GuardError::default)
        .0
        .lock()
        .ok()
        .and_then(|m| m.clone());
    let message = guard_message.unwrap_or_else(|| match status.code {
        404 => "there is nothing here; check the address".to_string(),
        422 => {
            "the request could not be processed: check the address and the values sent".to_string()
        }
        413 => "the request body is too large".to_string(),
        400 => "the request was malformed".to_string(),
        _ => status.reason_lossy().to_string(),
    });
    ErrorReply(status, message)
}

pub struct ErrorReply(Status, String);

impl<'r> Responder<'r, 'static> for ErrorReply {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        log(req, self.0, &self.1);
        respond(req, self.0, self.1, None)
    }
}

pub fn catchers() -> Vec<Catcher> {
    catchers![default_catcher]
}
