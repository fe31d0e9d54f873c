//! JSON API v1, mounted at `/api/v1`. Authenticated by bearer token or session + CSRF header.
//! Errors are `application/problem+json` (see `web::error`).

pub mod export;
pub mod history;
pub mod lists;
pub mod news;
pub mod openapi;
pub mod problem;
pub mod products;
pub mod staples;
pub mod stores;
pub mod sync;

use rocket::Route;

pub fn routes() -> Vec<Route> {
    let mut routes = lists::routes();
    routes.extend(sync::routes());
    routes.extend(export::routes());
    routes.extend(history::routes());
    routes.extend(staples::routes());
    routes.extend(news::routes());
    routes.extend(products::routes());
    routes.extend(stores::routes());
    routes.extend(openapi::routes());
    routes
}
