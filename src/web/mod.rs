//! HTML pages, one module per area. Handlers are thin: guard → db/domain → view.

/// Two button routes that differ only in the value they pass on: `$a` calls
/// `$helper(app, guard, params…, $va)` and `$b` the same with `$vb` (check and uncheck an
/// item, archive and unarchive a list, …). Each route checks the form's CSRF token.
macro_rules! button_pair {
    ($helper:ident($guard:ty $(, $param:ident: $ty:ty)*),
     $path_a:tt => $a:ident($va:expr), $path_b:tt => $b:ident($vb:expr) $(,)?) => {
        button_pair!(@one $helper($guard $(, $param: $ty)*), $path_a => $a($va));
        button_pair!(@one $helper($guard $(, $param: $ty)*), $path_b => $b($vb));
    };
    (@one $helper:ident($guard:ty $(, $param:ident: $ty:ty)*), $path:tt => $name:ident($v:expr)) => {
        #[rocket::post($path, data = "<_form>")]
        async fn $name(
            app: &rocket::State<$crate::app::AppState>,
            guard: $guard,
            $($param: $ty,)*
            _form: $crate::http::guards::CsrfForm<$crate::web::forms::EmptyForm>,
        ) -> $crate::error::Result<$crate::web::reply::Reply> {
            $helper(app, guard, $($param,)* $v).await
        }
    };
}

pub mod admin;
pub mod assets;
pub mod auth;
pub mod ca;
pub mod forms;
pub mod health;
pub mod history;
pub mod household;
pub mod items;
pub mod lists;
pub mod news;
pub mod passkeys;
pub mod products;
pub mod pwa;
pub mod reply;
pub mod security;
pub mod settings;
pub mod sso;
pub mod sso_members;
pub mod staples;
pub mod stores;
pub mod two_step;

use rocket::Route;

pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    routes.extend(auth::routes());
    routes.extend(lists::routes());
    routes.extend(items::routes());
    routes.extend(settings::routes());
    routes.extend(household::routes());
    routes.extend(stores::routes());
    routes.extend(history::routes());
    routes.extend(staples::routes());
    routes.extend(news::routes());
    routes.extend(health::routes());
    routes.extend(assets::routes());
    routes.extend(pwa::routes());
    routes.extend(admin::routes());
    routes.extend(security::routes());
    routes.extend(products::routes());
    routes.extend(ca::routes());
    routes.extend(two_step::routes());
    routes.extend(passkeys::routes());
    routes.extend(sso::routes());
    routes.extend(sso_members::routes());
    routes
}
