//! HTML pages, one module per area. Handlers are thin: guard → db/domain → view.

pub mod admin;
pub mod assets;
pub mod auth;
pub mod ca;
pub mod forms;
pub mod health;
pub mod household;
pub mod items;
pub mod lists;
pub mod products;
pub mod pwa;
pub mod reply;
pub mod settings;

use rocket::Route;

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
