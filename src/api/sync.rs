//! Sync over JSON: ops in, changes out, and Server-Sent Events for live updates.

use rocket::http::{ContentType, Status};
use rocket::request::Request;
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use rocket::{Either, Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use super::problem::RefusedOp;
use crate::app::AppState;
use crate::db::items::Item;
use crate::db::{lists, sync};
use crate::domain::ops::{self, Code, Op, Refusal};
use crate::error::{Error, Result};
use crate::http::guards::ApiUser;
use crate::http::json::JsonBody;
use crate::ids::ListId;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpsBody {
    ops: Vec<Op>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OpsReply {
    version: i64,
    results: Vec<sync::OpResult>,
}

/// A batch refused op by op: problem+json whose `results` member has one entry per op of
/// the batch, in order (docs/API.md, "Sync"). 404 when every refused op names an item
/// that is not on the list (as a single op on a missing item always answered), else 422.
type OpsRefused = (Status, (ContentType, String));

fn refused(list: ListId, ops: &[Op], refusals: &[Refusal]) -> OpsRefused {
    let status = if refusals.iter().all(|r| r.code == Code::NotFound) {
        Status::NotFound
    } else {
        Status::UnprocessableEntity
    };
    let results: Vec<RefusedOp> = ops
        .iter()
        .enumerate()
        .map(|(index, op)| {
            let refusal = refusals
                .binary_search_by_key(&index, |r| r.index)
                .ok()
                .map(|at| &refusals[at]);
            RefusedOp {
                index,
                op_id: &op.op_id,
                code: refusal.map_or(Code::NotApplied, |r| r.code),
                message: refusal.map(|r| r.message.as_str()),
            }
        })
        .collect();
    let body = serde_json::json!({
        "type": "about:blank",
        "title": "Some changes were refused",
        "status": status.code,
        "detail": ops::refusal_detail(ops, refusals),
        "results": results,
    })
    .to_string();
    tracing::debug!(%list, status = status.code, "ops refused");
    (
        status,
        (ContentType::new("application", "problem+json"), body),
    )
}

/// Applies a batch of ops in order, each exactly once. Ops that are bad or name an item
/// not on the list refuse the whole batch, each named (422/404 with per-op `results`);
/// a batch holding more than one request may is refused as a whole (413, before the
/// write).
#[utoipa::path(post, path = "/api/v1/lists/{id}/ops", tag = "sync", params(("id" = i64, Path, minimum = 1, description = "the list's id")), request_body = OpsBody,
    responses((status = 200, description = "one result per op, in batch order", body = OpsReply),
        (status = 422, description = "some ops were refused and none was applied; `results` names each", body = crate::api::problem::RefusedBatch, content_type = "application/problem+json"),
        (status = 404, description = "every refused op names an item not on the list (with `results`), or the list is not the household's", body = crate::api::problem::RefusedBatch, content_type = "application/problem+json"),
        (status = 413, description = "more ops or add text than one batch takes; none applied", body = crate::api::problem::Problem, content_type = "application/problem+json")))]
#[post("/lists/<id>/ops", data = "<body>")]
async fn post_ops(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    body: JsonBody<OpsBody>,
) -> Result<Either<Json<OpsReply>, OpsRefused>> {
    let ops = body.0.ops;
    let household = user.household();
    let bad = ops::check_batch(&ops)?;
    if !bad.is_empty() {
        // Another household's list answers 404 before saying anything about its ops.
        app.db
            .read(move |conn| lists::get(conn, household, id).map(drop))
            .await?;
        return Ok(Either::Right(refused(id, &ops, &bad)));
    }
    let (version, batch, ops) = app
        .write_list(&user.0, id, move |tx, stamp| {
            let batch = sync::apply_ops(tx, household, id, &ops, stamp)?;
            Ok((lists::get(tx, household, id)?.version, batch, ops))
        })
        .await?;
    Ok(match batch {
        sync::Batch::Applied(results) => Either::Left(Json(OpsReply { version, results })),
        sync::Batch::Refused(refusals) => Either::Right(refused(id, &ops, &refusals)),
    })
}

/// An item as `changes` sends it: the API's `Item`, plus `amount`, its quantity and unit
/// as the list page shows them ("2 cups", "½ kg"), so a page can render the row as the
/// server would.
#[derive(Serialize, utoipa::ToSchema)]
struct ChangedItem {
    #[serde(flatten)]
    item: Item,
    amount: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ChangesReply {
    version: i64,
    reset: bool,
    items: Vec<ChangedItem>,
}

/// Everything that changed after version `since` (tombstones included).
#[utoipa::path(get, path = "/api/v1/lists/{id}/changes", tag = "sync",
    params(("id" = i64, Path, minimum = 1, description = "the list's id"),
        ("since" = Option<i64>, Query, description = "the version the client has (0 or absent: everything)")),
    responses((status = 200, description = "every item changed after `since`, tombstones included", body = ChangesReply)))]
#[get("/lists/<id>/changes?<since>")]
async fn get_changes(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    since: std::result::Result<&str, rocket::form::Errors<'_>>,
) -> Result<Json<ChangesReply>> {
    let since = crate::http::json::query(since, "since", "a list version (a whole number)")?;
    let household = user.household();
    // Parsed here, not by Rocket: its `Option<i64>` would quietly turn `since=abc` into 0.
    let since = match since {
        None => 0,
        Some(s) => s.trim().parse::<i64>().map_err(|_| {
            Error::invalid(format!(
                "since must be a list version (a whole number such as 42), not `{s}`"
            ))
        })?,
    };
    let changes = app
        .db
        .read(move |conn| sync::changes_since(conn, household, id, since))
        .await?;
    Ok(Json(ChangesReply {
        version: changes.version,
        reset: changes.reset,
        items: changes
            .items
            .into_iter()
            .map(|item| ChangedItem {
                amount: crate::domain::units::amount(item.quantity, item.unit.as_deref()),
                item,
            })
            .collect(),
    }))
}

/// Rocket's half of a live stream: the list and its version for the front door, which
/// writes the stream itself (`door/live.rs`), and the stream's headers.
pub struct LiveStream {
    list: ListId,
    version: i64,
}

impl<'r> Responder<'r, 'static> for LiveStream {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        rocket::Response::build()
            .header(ContentType::EventStream)
            .raw_header("Cache-Control", "no-cache")
            .raw_header(
                crate::door::LIVE_HEADER,
                format!("{} {}", self.list, self.version),
            )
            .ok()
    }
}

/// Live changes of a list: a `hello` event with the current version, then one `change`
/// event per committed change (`{version}`: the phone asks `changes?since=` for what
/// changed), a `resync` when this subscriber fell behind, and a heartbeat comment every
/// 15 s. Rocket checks who asks and reads the version; the front door, subscribed to the
/// list before it passed the request on, writes the stream on the phone's connection
/// until the phone goes or the server stops. Holds no database connection while open.
#[utoipa::path(get, path = "/api/v1/lists/{id}/events", tag = "sync", params(("id" = i64, Path, minimum = 1, description = "the list's id")),
    responses((status = 200, description = "Server-Sent Events: `hello` {version}, `change` {version, by}, `resync`, and a heartbeat comment every 15 s", content_type = "text/event-stream", body = String)))]
#[get("/lists/<id>/events")]
async fn get_events(app: &State<AppState>, user: ApiUser, id: ListId) -> Result<LiveStream> {
    let household = user.household();
    let version = app
        .db
        .read(move |conn| Ok(lists::get(conn, household, id)?.version))
        .await?;
    Ok(LiveStream { list: id, version })
}

pub fn routes() -> Vec<Route> {
    routes![post_ops, get_changes, get_events]
}
