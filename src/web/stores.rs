//! A store's page: its aisle order (placed by hand, learned from the household's walks, or
//! the default), locking it, renaming and deleting the store.

use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::db::{aisle, stores};
use crate::domain::text;
use crate::error::Result;
use crate::http::guards::{CsrfForm, CurrentUser};
use crate::ids::{CategoryId, StoreId};
use crate::views::{Chrome, StorePage, render};
use crate::web::forms::{EmptyForm, NameForm};
use crate::web::reply::Reply;

#[post("/stores", data = "<form>")]
async fn create_store(
    app: &State<AppState>,
    user: CurrentUser,
    form: CsrfForm<NameForm>,
) -> Result<Reply> {
    let name = text::name("the store name", &form.0.name)?;
    let household = user.household();
    let id = app
        .db
        .write(move |tx| stores::create(tx, household, &name))
        .await?;
    Ok(Reply::to(format!("/stores/{id}")))
}

#[get("/stores/<id>")]
async fn show_store(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
    id: StoreId,
) -> Result<Reply> {
    let household = user.household();
    let (store, order) = app
        .db
        .read(move |conn| {
            Ok((
                stores::get(conn, household, id)?,
                aisle::order(conn, household, Some(id))?,
            ))
        })
        .await?;
    Ok(Reply::page(render(&StorePage {
        chrome: Chrome::new(store.name.clone(), user.viewer(), flash),
        store,
        order,
    })?))
}

async fn move_category(
    app: &AppState,
    user: CurrentUser,
    store: StoreId,
    category: CategoryId,
    delta: i64,
) -> Result<Reply> {
    let household = user.household();
    app.db
        .write(move |tx| aisle::move_category(tx, household, store, category, delta))
        .await?;
    Ok(Reply::to(format!("/stores/{store}")))
}

button_pair!(move_category(CurrentUser, store: StoreId, category: CategoryId),
    "/stores/<store>/categories/<category>/up" => category_up(-1),
    "/stores/<store>/categories/<category>/down" => category_down(1),
);

#[post("/stores/<id>/rename", data = "<form>")]
async fn rename_store(
    app: &State<AppState>,
    user: CurrentUser,
    id: StoreId,
    form: CsrfForm<NameForm>,
) -> Result<Reply> {
    let name = text::name("the store name", &form.0.name)?;
    let household = user.household();
    app.db
        .write(move |tx| stores::rename(tx, household, id, &name))
        .await?;
    Ok(Reply::flash(
        format!("/stores/{id}"),
        user.lang().get("store-renamed"),
    ))
}

#[post("/stores/<id>/delete", data = "<_form>")]
async fn delete_store(
    app: &State<AppState>,
    user: CurrentUser,
    id: StoreId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = user.household();
    app.db
        .write(move |tx| stores::delete(tx, household, id))
        .await?;
    Ok(Reply::flash("/household", user.lang().get("store-deleted")))
}

async fn set_locked(
    app: &AppState,
    user: CurrentUser,
    store: StoreId,
    locked: bool,
) -> Result<Reply> {
    let household = user.household();
    app.db
        .write(move |tx| aisle::set_locked(tx, household, store, locked))
        .await?;
    let said = user.lang().get(if locked {
        "store-locked-now"
    } else {
        "store-unlocked-now"
    });
    Ok(Reply::flash(format!("/stores/{store}"), said))
}

button_pair!(set_locked(CurrentUser, store: StoreId),
    "/stores/<store>/lock" => lock_order(true),
    "/stores/<store>/unlock" => unlock_order(false),
);

#[post("/stores/<id>/relearn", data = "<_form>")]
async fn relearn_order(
    app: &State<AppState>,
    user: CurrentUser,
    id: StoreId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = user.household();
    app.db
        .write(move |tx| aisle::forget_hand_placements(tx, household, id))
        .await?;
    Ok(Reply::flash(
        format!("/stores/{id}"),
        user.lang().get("store-forgotten"),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        create_store,
        show_store,
        category_up,
        category_down,
        lock_order,
        unlock_order,
        relearn_order,
        rename_store,
        delete_store
    ]
}
