//! Who should know, from the pages: what a member wants to be told about a list, "I'm going
//! shopping" / "Done shopping", and the household's own ntfy topic and webhook (admins).

use rocket::form::FromForm;
use rocket::{Route, State, post, routes};

use crate::app::AppState;
use crate::db::watchers::{self, Hooks, Watch};
use crate::error::{Error, Result};
use crate::http::error::sentence;
use crate::http::guards::{Admin, CsrfForm, CurrentUser, Visitor};
use crate::ids::ListId;
use crate::push::hooks::{Ntfy, Webhook};
use crate::web::household::household_page;
use crate::web::reply::Reply;

#[derive(FromForm)]
pub struct WatchForm {
    csrf_token: Option<String>,
    added: bool,
    shopping: bool,
}

#[derive(FromForm)]
pub struct HooksForm {
    csrf_token: Option<String>,
    ntfy_url: String,
    ntfy_token: String,
    webhook_url: String,
}

crate::csrf_forms!(WatchForm, HooksForm);

#[post("/lists/<id>/watch", data = "<form>")]
async fn set_watch(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    form: CsrfForm<WatchForm>,
) -> Result<Reply> {
    let (household, me) = (user.household(), user.0.id);
    let watch = Watch {
        added: form.0.added,
        shopping: form.0.shopping,
    };
    let phones = app
        .db
        .write(move |tx| {
            watchers::set_watch(tx, household, id, me, watch)?;
            watchers::phones(tx, me)
        })
        .await?;
    let said = match (watch.added || watch.shopping, phones) {
        (false, _) => "flash-watch-off",
        (true, 0) => "flash-watch-no-phone",
        (true, _) => "flash-watch-phones",
    };
    Ok(Reply::flash(format!("/lists/{id}"), user.lang().get(said)))
}

async fn shopping(app: &AppState, user: CurrentUser, id: ListId, going: bool) -> Result<Reply> {
    let household = user.household();
    // The list must be the household's before anyone is told anything about it.
    app.db
        .read(move |conn| crate::db::lists::get(conn, household, id).map(drop))
        .await?;
    app.news
        .shopping(household, id, user.0.id, &user.0.username, going);
    let said = if going {
        "flash-shopping-going"
    } else {
        "flash-shopping-done"
    };
    Ok(Reply::flash(format!("/lists/{id}"), user.lang().get(said)))
}

button_pair!(shopping(CurrentUser, id: ListId),
    "/lists/<id>/shopping/going" => going_shopping(true),
    "/lists/<id>/shopping/done" => done_shopping(false),
);

/// Checks the addresses an admin gave; empty ones turn a hook off.
pub fn checked_hooks(ntfy_url: &str, ntfy_token: &str, webhook_url: &str) -> Result<Hooks> {
    let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let hooks = Hooks {
        ntfy_url: given(ntfy_url),
        ntfy_token: given(ntfy_token),
        webhook_url: given(webhook_url),
    };
    let refused = |e: crate::push::PushError| Error::invalid(e.to_string());
    if let Some(url) = &hooks.ntfy_url {
        Ntfy::new(url, hooks.ntfy_token.as_deref()).map_err(refused)?;
    }
    if let Some(url) = &hooks.webhook_url {
        Webhook::new(url).map_err(refused)?;
    }
    Ok(hooks)
}

/// Whether two ntfy topic addresses are on the same server (scheme, host and port).
fn same_origin(old: Option<&str>, new: &str) -> bool {
    let origin = |url: &str| Ntfy::new(url, None).map(|n| n.origin().to_string()).ok();
    old.and_then(origin).is_some_and(|o| Some(o) == origin(new))
}

#[post("/household/hooks", data = "<form>")]
async fn save_hooks(
    app: &State<AppState>,
    admin: Admin,
    visitor: &Visitor,
    form: CsrfForm<HooksForm>,
) -> Result<Reply> {
    let f = form.0;
    let mut hooks = match checked_hooks(&f.ntfy_url, &f.ntfy_token, &f.webhook_url) {
        Ok(hooks) => hooks,
        // The page again, with what was typed (but the token) and why not.
        Err(Error::Invalid(why)) => {
            let typed = Hooks {
                ntfy_url: Some(f.ntfy_url).filter(|s| !s.is_empty()),
                ntfy_token: None,
                webhook_url: Some(f.webhook_url).filter(|s| !s.is_empty()),
            };
            let refused = Some((sentence(&why), typed));
            return household_page(app, &admin.0, visitor.viewer(), None, None, refused).await;
        }
        Err(other) => return Err(other),
    };
    let household = admin.0.household_id;
    let dropped = app
        .db
        .write(move |tx| {
            // A token is kept until another is given, or the topic moves to another server
            // (the token is that server's; it must not go anywhere else).
            let old = watchers::hooks(tx, household)?;
            let mut dropped = false;
            if let (None, Some(new), Some(token)) =
                (&hooks.ntfy_token, &hooks.ntfy_url, old.ntfy_token)
            {
                if same_origin(old.ntfy_url.as_deref(), new) {
                    hooks.ntfy_token = Some(token);
                } else {
                    dropped = true;
                }
            }
            watchers::set_hooks(tx, household, &hooks)?;
            Ok(dropped)
        })
        .await?;
    let said = if dropped {
        "flash-hooks-token-dropped"
    } else {
        "flash-hooks-saved"
    };
    Ok(Reply::flash("/household", visitor.lang.get(said)))
}

pub fn routes() -> Vec<Route> {
    routes![set_watch, going_shopping, done_shopping, save_hooks]
}
