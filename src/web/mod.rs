//! HTML pages, one module per area. Handlers are thin: guard → db/domain → view.

pub mod admin;
pub mod assets;
pub mod auth;
pub mod body;
pub mod ca;
pub mod error;
pub mod guards;
pub mod headers;
pub mod health;
pub mod household;
pub mod items;
pub mod lists;
pub mod products;
pub mod pwa;
pub mod settings;

use rocket::Route;
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

pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    routes.extend(auth::routes());
    routes.extend(lists::routes());
    routes.extend(items::routes());
    routes.extend(settings::routes());
    routes.extend(household::routes());
    routes.extend(health::routes());
    routes.extend(assets::routes());
    routes.extend(pwa::routes());
    routes.extend(admin::routes());
    routes.extend(products::routes());
    routes.extend(ca::routes());
    routes
}
