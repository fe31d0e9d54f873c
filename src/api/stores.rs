//! Stores over JSON: a store's aisle order, set whole (the store page's drag and move
//! buttons save through it without a reload).

use rocket::http::Status;
use rocket::{Route, State, put, routes};
use serde::Deserialize;

use crate::app::AppState;
use crate::db::aisle;
use crate::error::Result;
use crate::http::guards::ApiUser;
use crate::http::json::JsonBody;
use crate::ids::{CategoryId, StoreId};

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// Every category of the household, once each, in the order the aisles are walked.
    categories: Vec<CategoryId>,
    /// The categories the household moved: placed by hand from now on, so learning from
    /// the household's shopping leaves them where they are. When absent, the fewest
    /// categories that explain the change count as moved.
    #[serde(default)]
    moved: Option<Vec<CategoryId>>,
}

#[utoipa::path(put, path = "/api/v1/stores/{id}/order", tag = "stores",
    params(("id" = i64, Path, minimum = 1, description = "the store's id")), request_body = Order,
    responses((status = 204, description = "the order is saved")))]
#[put("/stores/<id>/order", data = "<body>")]
async fn put_order(
    app: &State<AppState>,
    user: ApiUser,
    id: StoreId,
    body: JsonBody<Order>,
) -> Result<Status> {
    let household = user.household();
    let Order { categories, moved } = body.0;
    app.db
        .write(move |tx| aisle::set_order(tx, household, id, &categories, moved.as_deref()))
        .await?;
    Ok(Status::NoContent)
}

pub fn routes() -> Vec<Route> {
    routes![put_order]
}
