//! A list's history over JSON, and undo from it.

use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};

use crate::api::problem::Problem;
use crate::app::AppState;
use crate::db::activity::{self, Entry};
use crate::db::items::Item;
use crate::db::{self, undo};
use crate::error::Result;
use crate::http::guards::ApiUser;
use crate::ids::ListId;

/// How many entries the history gives, newest first.
const SHOWN: usize = 100;

#[utoipa::path(get, path = "/api/v1/lists/{id}/activity", tag = "lists",
    params(("id" = i64, Path, minimum = 1, description = "the list's id")),
    responses((status = 200, description = "the list's last 100 changes, newest first", body = Vec<Entry>)))]
#[get("/lists/<id>/activity")]
async fn get_activity(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
) -> Result<Json<Vec<Entry>>> {
    let household = user.household();
    let now = db::now_ms();
    Ok(Json(
        app.db
            .read(move |conn| activity::for_list(conn, household, id, now, SHOWN))
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/lists/{id}/activity/{entry}/undo", tag = "lists",
    params(("id" = i64, Path, minimum = 1, description = "the list's id"),
           ("entry" = i64, Path, minimum = 1, description = "the history entry's id")),
    responses((status = 200, description = "undone: the item as it is now", body = Item),
              (status = 409, description = "not undone: older than 24 hours, undone already, \
                or the item changed since", body = Problem,
               content_type = "application/problem+json")))]
#[post("/lists/<id>/activity/<entry>/undo")]
async fn undo_entry(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    entry: i64,
) -> Result<Json<Item>> {
    let household = user.household();
    Ok(Json(
        app.write_list(&user.0, id, move |tx, stamp| {
            undo::undo(tx, household, id, entry, stamp)
        })
        .await?,
    ))
}

pub fn routes() -> Vec<Route> {
    routes![get_activity, undo_entry]
}
