//! A list's history page, and undo from it.

use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::db::{self, activity, lists, undo};
use crate::error::{Error, Result};
use crate::http::error::sentence;
use crate::http::guards::{CsrfForm, CurrentUser};
use crate::ids::ListId;
use crate::views::history::HistoryPage;
use crate::views::{Chrome, render};
use crate::web::forms::EmptyForm;
use crate::web::reply::Reply;

/// How many entries the page shows, newest first.
const SHOWN: usize = 100;

async fn history_page(
    app: &AppState,
    user: &CurrentUser,
    id: ListId,
    flash: Option<FlashMessage<'_>>,
    error: Option<String>,
) -> Result<HistoryPage> {
    let household = user.household();
    let now_ms = db::now_ms();
    let (list, entries) = app
        .db
        .read(move |conn| {
            Ok((
                lists::get(conn, household, id)?,
                activity::for_list(conn, household, id, now_ms, SHOWN)?,
            ))
        })
        .await?;
    Ok(HistoryPage {
        chrome: Chrome::new(
            user.lang().arg("history-title", "list", &list.name),
            user.viewer(),
            flash,
        ),
        list,
        entries,
        now_ms,
        error,
    })
}

#[get("/lists/<id>/history")]
async fn show_history(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    let page = history_page(app, &user, id, flash, None).await?;
    Ok(Reply::page(render(&page)?))
}

#[post("/lists/<id>/history/<entry>/undo", data = "<_form>")]
async fn undo_entry(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    entry: i64,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = user.household();
    let undone = app
        .write_list(&user.0, id, move |tx, stamp| {
            undo::undo(tx, household, id, entry, stamp)
        })
        .await;
    match undone {
        Ok(item) => Ok(Reply::flash(
            format!("/lists/{id}/history"),
            user.lang().arg("history-undone-said", "item", &item.name),
        )),
        // Refused (too old, undone, changed since): the history again, saying why.
        Err(Error::Conflict(why)) => {
            let page = history_page(app, &user, id, None, Some(sentence(&why))).await?;
            Ok(Reply::form_error(409, render(&page)?))
        }
        Err(other) => Err(other),
    }
}

pub fn routes() -> Vec<Route> {
    routes![show_history, undo_entry]
}
