//! Lists and items over JSON.

use std::collections::BTreeMap;

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::db::items::Item;
use crate::db::lists::ListSummary;
use crate::db::{self, categories, history, items, lists};
use crate::domain::item::{self, Refused};
use crate::domain::merge::Merged;
use crate::domain::parse;
use crate::domain::text;
use crate::error::{Error, Result};
use crate::http::guards::ApiUser;
use crate::http::json::JsonBody;
use crate::http::tagged::Tagged;
use crate::ids::ListId;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ListBody {
    id: ListId,
    name: String,
    archived: bool,
    version: i64,
    items: Vec<Item>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewList {
    #[schema(min_length = 1, max_length = 200)]
    name: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewItems {
    /// One item or many (lines, commas, semicolons), as typed: `2 cups milk, 3 eggs`.
    #[schema(min_length = 1, max_length = 10000)]
    text: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AddedItems {
    version: i64,
    items: Vec<Item>,
    /// The lines that were not added (the others were), each with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    refused: Vec<Refused>,
    /// The lines that went into items already on the list, and how.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    merged: Vec<Merged>,
}

fn list_body(
    conn: &rusqlite::Connection,
    household: crate::ids::HouseholdId,
    id: ListId,
) -> Result<ListBody> {
    let list = lists::get(conn, household, id)?;
    Ok(ListBody {
        id: list.id,
        name: list.name,
        archived: list.archived,
        version: list.version,
        items: items::for_list(conn, household, id)?,
    })
}

#[utoipa::path(get, path = "/api/v1/lists", tag = "lists",
    responses((status = 200, description = "the household's lists", body = Vec<ListSummary>)))]
#[get("/lists")]
async fn get_lists(app: &State<AppState>, user: ApiUser) -> Result<Json<Vec<ListSummary>>> {
    let household = user.household();
    Ok(Json(
        app.db.read(move |conn| lists::all(conn, household)).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/lists", tag = "lists", request_body = NewList,
    responses((status = 201, description = "the new list", body = ListBody)))]
#[post("/lists", data = "<body>")]
async fn post_list(
    app: &State<AppState>,
    user: ApiUser,
    body: JsonBody<NewList>,
) -> Result<(Status, Json<ListBody>)> {
    let name = text::name("the list name", &body.0.name)?;
    let household = user.household();
    let list = app
        .db
        .write(move |tx| {
            let id = lists::create(tx, household, &name, db::now_ms())?;
            list_body(tx, household, id)
        })
        .await?;
    Ok((Status::Created, Json(list)))
}

#[utoipa::path(get, path = "/api/v1/lists/{id}", tag = "lists", params(("id" = i64, Path, minimum = 1, description = "the list's id")),
    responses((status = 200, description = "the list and its items", body = ListBody)))]
#[get("/lists/<id>")]
async fn get_list(app: &State<AppState>, user: ApiUser, id: ListId) -> Result<Json<ListBody>> {
    let household = user.household();
    Ok(Json(
        app.db
            .read(move |conn| list_body(conn, household, id))
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/lists/{id}/items", tag = "lists", params(("id" = i64, Path, minimum = 1, description = "the list's id")), request_body = NewItems,
    responses((status = 201, description = "the items added (and merged); lines refused, if any, in `refused`", body = AddedItems)))]
#[post("/lists/<id>/items", data = "<body>")]
async fn post_items(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    body: JsonBody<NewItems>,
) -> Result<(Status, Json<AddedItems>)> {
    let batch = item::batch_from_text(&body.0.text)?;
    if batch.items.is_empty() {
        return Err(Error::invalid(batch.refused_reasons()));
    }
    let household = user.household();
    let new = batch.items;
    let added = app
        .write_list(&user.0, id, move |tx, stamp| {
            items::add_merging(tx, household, id, &new, stamp, &mut None)
        })
        .await?;
    Ok((
        Status::Created,
        Json(AddedItems {
            version: added.version,
            items: added.items,
            refused: batch.refused,
            merged: added.merged,
        }),
    ))
}

/// Names for what `q` starts: the household's own, most frequent first, then its
/// catalogue's. `q` may be a line as typed (`2 cups mi`): its amount is skipped.
#[utoipa::path(get, path = "/api/v1/suggestions", tag = "lists",
    params(("q" = Option<String>, Query, description = "what is typed so far (a whole line may be given)")),
    responses((status = 200, description = "up to 10 names", body = Vec<String>)))]
#[get("/suggestions?<q>")]
async fn get_suggestions(
    app: &State<AppState>,
    user: ApiUser,
    q: std::result::Result<String, rocket::form::Errors<'_>>,
) -> Result<Json<Vec<String>>> {
    let q = crate::http::json::query(q, "q", "text")?;
    let household = user.household();
    let q: String = q.unwrap_or_default().chars().take(100).collect();
    let prefix = parse::parse_item(&q).map_or(q, |item| item.name);
    Ok(Json(
        app.db
            .read(move |conn| history::suggest(conn, household, &prefix, 10))
            .await?,
    ))
}

/// Every name completions come from (the household's own, most frequent first, then its
/// catalogue's), for a phone to complete lines with while offline.
#[utoipa::path(get, path = "/api/v1/names", tag = "lists",
    params(("If-None-Match" = Option<String>, Header, description = "the ETag of a copy kept")),
    responses((status = 200, description = "every name completions come from", body = Vec<String>),
        (status = 304, description = "unchanged since the ETag given")))]
#[get("/names")]
async fn get_names(app: &State<AppState>, user: ApiUser) -> Result<Tagged> {
    let household = user.household();
    let names = app
        .db
        .read(move |conn| history::all_names(conn, household, NAMES_KEPT))
        .await?;
    Tagged::json(&names)
}

/// The household's own category for each name key it chose one for (`{"oat milk":
/// "Dairy & Eggs"}`), for a phone to place items added offline as the server will.
#[utoipa::path(get, path = "/api/v1/categories/learned", tag = "lists",
    params(("If-None-Match" = Option<String>, Header, description = "the ETag of a copy kept")),
    responses((status = 200, description = "each name key's category", body = std::collections::BTreeMap<String, String>),
        (status = 304, description = "unchanged since the ETag given")))]
#[get("/categories/learned")]
async fn get_learned_categories(app: &State<AppState>, user: ApiUser) -> Result<Tagged> {
    let household = user.household();
    let learned = app
        .db
        .read(move |conn| categories::learned(conn, household, LEARNED_KEPT))
        .await?;
    Tagged::json(&learned.into_iter().collect::<BTreeMap<_, _>>())
}

/// Most category choices `GET /categories/learned` gives (each a name and a category).
const LEARNED_KEPT: usize = 5000;

/// Most names of each kind (own, catalogue) `GET /names` gives: some 30 KB for a household
/// that has bought a thousand different things, and at most ~400 KB of 200-character names.
const NAMES_KEPT: usize = 1000;

pub fn routes() -> Vec<Route> {
    routes![
        get_lists,
        post_list,
        get_list,
        post_items,
        get_suggestions,
        get_names,
        get_learned_categories
    ]
}
