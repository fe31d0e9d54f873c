//! Staples due again and list templates over JSON.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, delete, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::db;
use crate::db::items::Item;
use crate::db::rhythms::{self, DueItem};
use crate::db::templates::{self, Template};
use crate::domain::merge::Merged;
use crate::domain::text;
use crate::error::Result;
use crate::http::guards::ApiUser;
use crate::http::json::JsonBody;
use crate::ids::{ListId, TemplateId};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Named {
    #[schema(min_length = 1, max_length = 200)]
    name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PutOff {
    /// Not suggested again before this time (UTC unix milliseconds).
    until_ms: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SavedTemplate {
    id: TemplateId,
    /// Whether it replaced a template of the same name.
    replaced: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TemplateAdded {
    version: i64,
    items: Vec<Item>,
    /// The template's items that went into items already on the list, and how.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    merged: Vec<Merged>,
}

#[utoipa::path(get, path = "/api/v1/due", tag = "staples",
    responses((status = 200, description = "items bought regularly that are due again, most \
        overdue first (at most 20)", body = Vec<DueItem>)))]
#[get("/due")]
async fn get_due(app: &State<AppState>, user: ApiUser) -> Result<Json<Vec<DueItem>>> {
    let household = user.household();
    let now = db::now_ms();
    Ok(Json(
        app.db
            .read(move |conn| rhythms::due(conn, household, now, &Default::default(), 20))
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/due/not-now", tag = "staples", request_body = Named,
    responses((status = 200, description = "put off for half its interval (at least a day)", body = PutOff)))]
#[post("/due/not-now", data = "<body>")]
async fn post_not_now(
    app: &State<AppState>,
    user: ApiUser,
    body: JsonBody<Named>,
) -> Result<Json<PutOff>> {
    let household = user.household();
    let name = text::name("the item", &body.0.name)?;
    let now = db::now_ms();
    let until_ms = app
        .db
        .write(move |tx| rhythms::dismiss(tx, household, &name, now))
        .await?;
    Ok(Json(PutOff { until_ms }))
}

#[utoipa::path(get, path = "/api/v1/templates", tag = "staples",
    responses((status = 200, description = "the household's list templates, by name", body = Vec<Template>)))]
#[get("/templates")]
async fn get_templates(app: &State<AppState>, user: ApiUser) -> Result<Json<Vec<Template>>> {
    let household = user.household();
    Ok(Json(
        app.db
            .read(move |conn| templates::all(conn, household))
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/lists/{id}/templates", tag = "staples",
    params(("id" = i64, Path, minimum = 1, description = "the list's id")), request_body = Named,
    responses((status = 201, description = "the list's items saved as a template (one of the \
        same name is replaced)", body = SavedTemplate)))]
#[post("/lists/<id>/templates", data = "<body>")]
async fn post_template(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    body: JsonBody<Named>,
) -> Result<(Status, Json<SavedTemplate>)> {
    let household = user.household();
    let name = text::name("the template name", &body.0.name)?;
    let (template, replaced) = app
        .db
        .write(move |tx| templates::save(tx, household, id, &name, db::now_ms()))
        .await?;
    Ok((
        Status::Created,
        Json(SavedTemplate {
            id: template,
            replaced,
        }),
    ))
}

#[utoipa::path(post, path = "/api/v1/lists/{id}/templates/{template}/add", tag = "staples",
    params(("id" = i64, Path, minimum = 1, description = "the list's id"),
           ("template" = i64, Path, minimum = 1, description = "the template's id")),
    responses((status = 201, description = "the template's items added, merged with the list's", body = TemplateAdded)))]
#[post("/lists/<id>/templates/<template>/add")]
async fn post_template_to_list(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    template: TemplateId,
) -> Result<(Status, Json<TemplateAdded>)> {
    let household = user.household();
    let added = app
        .write_list(&user.0, id, move |tx, stamp| {
            templates::add_to_list(tx, household, template, id, stamp)
        })
        .await?;
    Ok((
        Status::Created,
        Json(TemplateAdded {
            version: added.version,
            items: added.items,
            merged: added.merged,
        }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/templates/{id}", tag = "staples",
    params(("id" = i64, Path, minimum = 1, description = "the template's id")),
    responses((status = 204, description = "deleted")))]
#[delete("/templates/<id>")]
async fn delete_template(app: &State<AppState>, user: ApiUser, id: TemplateId) -> Result<Status> {
    let household = user.household();
    app.db
        .write(move |tx| templates::delete(tx, household, id))
        .await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![
        get_due,
        post_not_now,
        get_templates,
        post_template,
        post_template_to_list,
        delete_template
    ]
}
