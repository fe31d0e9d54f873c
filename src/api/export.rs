//! Household export and import over JSON.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::db::security_log::{self, Entry, Event};
use crate::db::{self, export};
use crate::error::{Error, Result};
use crate::http::guards::ApiUser;
use crate::http::json::JsonBody;
use crate::web::reply::WithHeader;

/// The whole household as one JSON document (any member may take it; an admin's carries
/// the household's security log too).
#[utoipa::path(get, path = "/api/v1/export", tag = "household",
    responses((status = 200, description = "the household as one document (an attachment)", body = export::Export)))]
#[get("/export")]
async fn get_export(
    app: &State<AppState>,
    user: ApiUser,
) -> Result<WithHeader<Json<export::Export>>> {
    let household = user.household();
    let admin = user.0.is_admin();
    let doc = app
        .db
        .read(move |c| {
            let mut doc = export::export(c, household, db::now_ms())?;
            if admin {
                doc.security_log = export::security_log(c, household)?;
            }
            Ok(doc)
        })
        .await?;
    let entry = Entry::of(Event::Export, &user.0);
    app.db
        .write(move |tx| security_log::record(tx, &entry, db::now_ms()))
        .await?;
    let stamp = chrono::Utc::now().format("%Y-%m-%d");
    let disposition = format!("attachment; filename=\"aisle-export-{stamp}.json\"");
    Ok(WithHeader::new(
        Json(doc),
        "Content-Disposition",
        disposition,
    ))
}

/// Adds an export's lists, stores, history and catalogue to the caller's household (admins
/// only); every field is checked first, and a refused import changes nothing.
#[utoipa::path(post, path = "/api/v1/import", tag = "household", request_body = export::Export,
    responses((status = 201, description = "what was added", body = export::Imported),
        (status = 403, description = "only the household's admins import", body = crate::api::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "over 8 MiB", body = crate::api::problem::Problem, content_type = "application/problem+json")))]
#[post("/import", data = "<body>")]
async fn post_import(
    app: &State<AppState>,
    user: ApiUser,
    body: JsonBody<export::Export>,
) -> Result<(Status, Json<export::Imported>)> {
    if !user.0.is_admin() {
        return Err(Error::Forbidden(
            "only an admin of the household can import".into(),
        ));
    }
    let household = user.household();
    let doc = body.0;
    let entry = Entry::of(Event::Import, &user.0).method("api");
    let imported = app
        .db
        .write(move |tx| {
            let now = db::now_ms();
            let imported = export::import(tx, household, &doc, now)?;
            security_log::record(tx, &entry, now)?;
            Ok(imported)
        })
        .await?;
    Ok((Status::Created, Json(imported)))
}

pub fn routes() -> Vec<Route> {
    routes![get_export, post_import]
}
