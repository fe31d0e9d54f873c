//! Who should know, over JSON: Web Push subscriptions of this user's phones, what they want
//! to hear about a list, and "going shopping" / "done shopping".

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, put, routes};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::db::watchers::{self, Watch};
use crate::db::{self, lists};
use crate::error::{Error, Result};
use crate::http::guards::ApiUser;
use crate::http::json::JsonBody;
use crate::i18n::Lang;
use crate::ids::ListId;
use crate::push::webpush::Subscription;

#[derive(Serialize, utoipa::ToSchema)]
pub struct PushKey {
    /// aisle's VAPID public key, base64url: the `applicationServerKey` to subscribe with.
    public_key: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SubscriptionKeys {
    p256dh: String,
    auth: String,
}

/// A browser's push subscription, as `PushSubscription.toJSON()` gives it.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewSubscription {
    #[schema(max_length = 2048)]
    endpoint: String,
    keys: SubscriptionKeys,
    /// Sent by some browsers; not used.
    #[serde(default, rename = "expirationTime")]
    #[allow(dead_code)]
    expiration_time: Option<f64>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    #[schema(max_length = 2048)]
    endpoint: String,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Shopping {
    /// `true`: going shopping; `false`: done.
    going: bool,
}

#[utoipa::path(get, path = "/api/v1/push/key", tag = "notifications",
    responses((status = 200, description = "the key phones subscribe with", body = PushKey),
              (status = 503, description = "Web Push is off: aisle has no key (see its log)",
               body = crate::api::problem::Problem, content_type = "application/problem+json")))]
#[get("/push/key")]
async fn get_push_key(app: &State<AppState>, _user: ApiUser) -> Result<Json<PushKey>> {
    let public_key = app.news.public_key().ok_or_else(|| {
        Error::Unavailable("Web Push is off on this server: its key could not be made; the admin can see why in the log".into())
    })?;
    Ok(Json(PushKey { public_key }))
}

#[utoipa::path(post, path = "/api/v1/push/subscriptions", tag = "notifications",
    request_body = NewSubscription,
    responses((status = 201, description = "this phone is told what its user asked for, for as \
        long as this login lasts (the session, or the API token)")))]
#[post("/push/subscriptions", data = "<body>")]
async fn post_subscription(
    app: &State<AppState>,
    user: ApiUser,
    lang: Lang,
    body: JsonBody<NewSubscription>,
) -> Result<Status> {
    let b = body.0;
    let sub = Subscription::parse(&b.endpoint, &b.keys.p256dh, &b.keys.auth)
        .map_err(|e| Error::invalid(e.to_string()))?;
    let (endpoint, p256dh, auth) = (sub.endpoint().to_string(), sub.p256dh(), sub.auth());
    let ApiUser(me, login) = user;
    app.db
        .write(move |tx| {
            let phone = watchers::Phone {
                endpoint: &endpoint,
                p256dh: &p256dh,
                auth: &auth,
                language: lang.code(),
            };
            watchers::subscribe(tx, me.id, &login, &phone, db::now_ms())
        })
        .await?;
    Ok(Status::Created)
}

#[utoipa::path(post, path = "/api/v1/push/unsubscribe", tag = "notifications",
    request_body = Endpoint,
    responses((status = 204, description = "this phone is no longer told anything"),
              (status = 404, description = "this user has no phone subscribed at that endpoint",
               body = crate::api::problem::Problem, content_type = "application/problem+json")))]
#[post("/push/unsubscribe", data = "<body>")]
async fn post_unsubscribe(
    app: &State<AppState>,
    user: ApiUser,
    body: JsonBody<Endpoint>,
) -> Result<Status> {
    let (me, endpoint) = (user.0.id, body.0.endpoint);
    app.db
        .write(move |tx| watchers::unsubscribe(tx, me, &endpoint))
        .await?;
    Ok(Status::NoContent)
}

#[utoipa::path(get, path = "/api/v1/lists/{id}/watch", tag = "notifications",
    params(("id" = i64, Path, minimum = 1, description = "the list's id")),
    responses((status = 200, description = "what this user wants to be told about the list", body = Watch)))]
#[get("/lists/<id>/watch")]
async fn get_watch(app: &State<AppState>, user: ApiUser, id: ListId) -> Result<Json<Watch>> {
    let (household, me) = (user.household(), user.0.id);
    Ok(Json(
        app.db
            .read(move |conn| watchers::watch(conn, household, id, me))
            .await?,
    ))
}

#[utoipa::path(put, path = "/api/v1/lists/{id}/watch", tag = "notifications",
    params(("id" = i64, Path, minimum = 1, description = "the list's id")), request_body = Watch,
    responses((status = 204, description = "saved")))]
#[put("/lists/<id>/watch", data = "<body>")]
async fn put_watch(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    body: JsonBody<Watch>,
) -> Result<Status> {
    let (household, me, watch) = (user.household(), user.0.id, body.0);
    app.db
        .write(move |tx| watchers::set_watch(tx, household, id, me, watch))
        .await?;
    Ok(Status::NoContent)
}

#[utoipa::path(post, path = "/api/v1/lists/{id}/shopping", tag = "notifications",
    params(("id" = i64, Path, minimum = 1, description = "the list's id")), request_body = Shopping,
    responses((status = 202, description = "the members who asked are being told")))]
#[post("/lists/<id>/shopping", data = "<body>")]
async fn post_shopping(
    app: &State<AppState>,
    user: ApiUser,
    id: ListId,
    body: JsonBody<Shopping>,
) -> Result<Status> {
    let household = user.household();
    app.db
        .read(move |conn| lists::get(conn, household, id).map(drop))
        .await?;
    app.news
        .shopping(household, id, user.0.id, &user.0.username, body.0.going);
    Ok(Status::Accepted)
}

pub fn routes() -> Vec<Route> {
    routes![
        get_push_key,
        post_subscription,
        post_unsubscribe,
        get_watch,
        put_watch,
        post_shopping
    ]
}
