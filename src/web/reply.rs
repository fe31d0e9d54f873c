//! What a page handler answers.

use std::borrow::Cow;

use rocket::http::{Header, Status};
use rocket::response::{Flash, Redirect, Responder};

use crate::error::{Error, Result};
use crate::views::Html;

/// What a page handler answers: a page (possibly re-rendered with an error) or a redirect.
#[derive(Responder)]
pub enum Reply {
    Page((Status, Html)),
    Redirect(Redirect),
    Flash(Flash<Redirect>),
    /// A form re-rendered because of too many attempts (429), saying when to try again.
    Throttled(WithHeader<(Status, Html)>),
}

impl Reply {
    pub fn page(html: Html) -> Reply {
        Reply::Page((Status::Ok, html))
    }

    /// A form re-rendered with its error: the user keeps what they typed.
    pub fn form_error(status: u16, html: Html) -> Reply {
        Reply::Page((
            Status::from_code(status).unwrap_or(Status::BadRequest),
            html,
        ))
    }

    /// A form re-rendered with the value it refused (422).
    pub fn invalid(html: Html) -> Reply {
        Reply::form_error(422, html)
    }

    /// A form re-rendered with "too many attempts" (429) and `Retry-After: secs`.
    pub fn throttled(html: Html, secs: u64) -> Reply {
        let page = (Status::TooManyRequests, html);
        Reply::Throttled(WithHeader::new(page, "Retry-After", secs.to_string()))
    }

    pub fn to(uri: impl Into<String>) -> Reply {
        Reply::Redirect(Redirect::to(uri.into()))
    }

    pub fn flash(uri: impl Into<String>, message: impl Into<String>) -> Reply {
        Reply::Flash(Flash::success(Redirect::to(uri.into()), message.into()))
    }
}

/// The message a form is re-rendered with when `error` refuses a value that was typed
/// (`Error::Invalid`); any other error is passed on to its own error page.
pub fn refusal(error: Error) -> Result<String> {
    match error {
        Error::Invalid(message) => Ok(message),
        other => Err(other),
    }
}

/// A body with one more header: how to cache it, or how to save it.
#[derive(Responder)]
pub struct WithHeader<T> {
    body: T,
    header: Header<'static>,
}

impl<T> WithHeader<T> {
    pub fn new(body: T, name: &'static str, value: impl Into<Cow<'static, str>>) -> Self {
        WithHeader {
            body,
            header: Header::new(name, value),
        }
    }
}
