//! Sync over JSON: ops in, changes out, and Server-Sent Events for live updates.

use std::time::Duration;

use rocket::futures::Stream;
use rocket::request::Request;
use rocket::response::stream::{Event, EventStream};
use rocket::response::{self, Responder};
use rocket::serde::json::Json;
use rocket::tokio::select;
use rocket::{Route, Shutdown, State, get, post, routes};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app::AppState;
use crate::db::{self, lists, sync};
use crate::domain::ops::{self, Op, Refused};
use crate::error::{Error, Result};
use crate::http::guards::ApiUser;
use crate::http::json::JsonBody;
use crate::ids::ListId;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpsBody {
    ops: Vec<Op>,
}

#[derive(Serialize)]
pub struct OpsReply {
    version: i64,
    results: Vec<Value>,
}

/// Applies a batch of ops in order, each exactly once; a bad op rejects the whole batch
/// (422), and so does a batch holding more than one request may (413, before the write).
#[post("/lists/<id>/ops", data = "<body>")]
async fn post_ops(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    body: JsonBody<OpsBody>,
) -> Result<Json<OpsReply>> {
    let ops = body.0.ops;
    ops::check_batch(&ops).map_err(|refused| match refused {
        Refused::BadOp(m) => Error::Invalid(m),
        Refused::TooMuch(m) => Error::TooMuch(m),
    })?;
    let household = user.household();
    let (version, results) = app
        .write_list(household, id, move |tx| {
            let results = sync::apply_ops(tx, household, id, &ops, db::now_ms())?;
            Ok((lists::get(tx, household, id)?.version, results))
        })
        .await?;
    Ok(Json(OpsReply { version, results }))
}

/// Everything that changed after version `since` (tombstones included).
#[get("/lists/<id>/changes?<since>")]
async fn get_changes(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    since: Option<&str>,
) -> Result<Json<sync::Changes>> {
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
    Ok(Json(
        app.db
            .read(move |conn| sync::changes_since(conn, household, id, since))
            .await?,
    ))
}

/// The most an idle subscriber's response buffers while it waits for the next event.
/// Rocket's default is 4 KiB per stream; a `change` event is a few hundred bytes, and with
/// a thousand phones connected the difference is 3 MiB. The price: a rare big change (a
/// pasted list) goes to each subscriber in several pieces.
const EVENT_CHUNK: usize = 1024;

/// An event stream with Rocket's read buffer cut down to [`EVENT_CHUNK`].
pub struct LeanEvents<S>(EventStream<S>);

impl<'r, S: Stream<Item = Event> + Send + 'r> Responder<'r, 'r> for LeanEvents<S> {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'r> {
        let mut response = self.0.respond_to(req)?;
        response.set_max_chunk_size(EVENT_CHUNK);
        Ok(response)
    }
}

/// Live changes of a list: a `hello` event with the current version, then one `change`
/// event per committed change (`{since, version, items}`), a `resync` event when this
/// subscriber fell behind, and a heartbeat comment every 15 s. Holds no database
/// connection while idle; ends at shutdown.
#[get("/lists/<id>/events")]
async fn get_events(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    mut shutdown: Shutdown,
) -> Result<LeanEvents<impl Stream<Item = Event> + use<>>> {
    let household = user.household();
    // Subscribe before reading the version so no change can fall between the two.
    let mut subscription = app.live.subscribe(id);
    let version = app
        .db
        .read(move |conn| Ok(lists::get(conn, household, id)?.version))
        .await?;
    let stream = EventStream! {
        yield Event::data(format!("{{\"version\":{version}}}")).event("hello");
        loop {
            select! {
                received = subscription.recv() => match received {
                    Ok(json) => yield Event::data(json.to_string()).event("change"),
                    Err(rocket::tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                        yield Event::data("{}").event("resync");
                    }
                    Err(_) => break,
                },
                _ = &mut shutdown => break,
            }
        }
    };
    Ok(LeanEvents(stream.heartbeat(Duration::from_secs(15))))
}

pub fn routes() -> Vec<Route> {
    routes![post_ops, get_changes, get_events]
}
