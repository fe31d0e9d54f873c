//! What a page handler answers.

use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect, Responder};

/// What a page handler answers: a page (possibly re-rendered with an error) or a redirect.
#[derive(Responder)]
pub enum Reply {
    Page((Status, RawHtml<String>)),
    Redirect(Redirect),
    Flash(Flash<Redirect>),
}

impl Reply {
    pub fn page(html: RawHtml<String>) -> Reply {
        Reply::Page((Status::Ok, html))
    }

    /// A form re-rendered with its error: the user keeps what they typed.
    pub fn form_error(status: u16, html: RawHtml<String>) -> Reply {
        Reply::Page((
            Status::from_code(status).unwrap_or(Status::BadRequest),
            html,
        ))
    }

    pub fn to(uri: impl Into<String>) -> Reply {
        Reply::Redirect(Redirect::to(uri.into()))
    }

    pub fn flash(uri: impl Into<String>, message: impl Into<String>) -> Reply {
        Reply::Flash(Flash::success(Redirect::to(uri.into()), message.into()))
    }
}
