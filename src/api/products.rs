//! Products over JSON: barcode lookups, the catalogue, prices.

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::db::prices::{self, Price};
use crate::db::products::{self, Product};
use crate::db::{self, items};
use crate::domain::price::{self, Total};
use crate::domain::{barcode, text};
use crate::error::Result;
use crate::http::guards::ApiUser;
use crate::http::json::JsonBody;
use crate::ids::{HouseholdId, ListId, ProductId, StoreId};
use crate::lookup::catalogue;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProductBody {
    #[serde(flatten)]
    product: Product,
    prices: Vec<Price>,
    latest_by_store: Vec<Price>,
}

pub async fn product_body(
    app: &AppState,
    household: HouseholdId,
    product: Product,
) -> Result<ProductBody> {
    let id = product.id;
    let prices = app
        .db
        .read(move |c| prices::for_product(c, household, id))
        .await?;
    Ok(ProductBody {
        latest_by_store: prices::latest_by_store(&prices),
        prices,
        product,
    })
}

/// The product with this EAN-13, EAN-8 or UPC-A code: from the catalogue, the cache or
/// Open Food Facts (404 when nobody knows it; 502/503/504 when the provider fails).
#[utoipa::path(get, path = "/api/v1/products/barcode/{code}", tag = "products",
    params(("code" = String, Path, description = "an EAN-13, EAN-8 or UPC-A barcode")),
    responses((status = 200, description = "the product with its prices", body = ProductBody),
        (status = 502, description = "the provider answered with something unusable", body = crate::api::problem::Problem, content_type = "application/problem+json"),
        (status = 503, description = "the provider cannot be reached, or lookups are off", body = crate::api::problem::Problem, content_type = "application/problem+json"),
        (status = 504, description = "the provider did not answer in time", body = crate::api::problem::Problem, content_type = "application/problem+json")))]
#[get("/products/barcode/<code>")]
async fn get_by_barcode(
    app: &State<AppState>,
    user: ApiUser,
    code: &str,
) -> Result<Json<ProductBody>> {
    let code = barcode::validate(code)?;
    let product =
        catalogue::find_by_barcode(&app.db, &app.lookups, user.household(), &code).await?;
    Ok(Json(product_body(app, user.household(), product).await?))
}

#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "products", params(("id" = i64, Path, minimum = 1, description = "the product's id")),
    responses((status = 200, description = "the product with its prices", body = ProductBody)))]
#[get("/products/<id>")]
async fn get_product(
    app: &State<AppState>,
    user: ApiUser,
    id: ProductId,
) -> Result<Json<ProductBody>> {
    let household = user.household();
    let product = app
        .db
        .read(move |c| products::get(c, household, id))
        .await?;
    Ok(Json(product_body(app, household, product).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchBody {
    /// From the household's catalogue.
    catalogue: Vec<Product>,
    /// From Open Food Facts (when `online=true`), not yet in the catalogue.
    online: Vec<crate::lookup::providers::OffProduct>,
}

/// Searches the catalogue, and Open Food Facts too with `online=true`.
#[utoipa::path(get, path = "/api/v1/products", tag = "products",
    params(("q" = Option<String>, Query, description = "words of the name"),
        ("online" = Option<bool>, Query, description = "also search Open Food Facts")),
    responses((status = 200, description = "the catalogue's matches, and online ones when asked", body = SearchBody),
        (status = 502, description = "the provider answered with something unusable", body = crate::api::problem::Problem, content_type = "application/problem+json"),
        (status = 503, description = "the provider cannot be reached, or lookups are off", body = crate::api::problem::Problem, content_type = "application/problem+json"),
        (status = 504, description = "the provider did not answer in time", body = crate::api::problem::Problem, content_type = "application/problem+json")))]
#[get("/products?<q>&<online>")]
async fn search_products(
    app: &State<AppState>,
    user: ApiUser,
    q: std::result::Result<String, rocket::form::Errors<'_>>,
    online: std::result::Result<&str, rocket::form::Errors<'_>>,
) -> Result<Json<SearchBody>> {
    let q = crate::http::json::query(q, "q", "text")?;
    let expected = "`true` or `false`";
    // Strictly `true` or `false`: Rocket's own reading would take `online=` as true.
    let online = match crate::http::json::query(online, "online", expected)? {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(crate::error::Error::invalid(format!(
                "the query parameter `online` must be {expected}, not `{other}`"
            )));
        }
    };
    let household = user.household();
    let query: String = q.unwrap_or_default().chars().take(100).collect();
    let local_query = query.clone();
    let catalogue = app
        .db
        .read(move |c| {
            if local_query.trim().is_empty() {
                products::all(c, household, 200)
            } else {
                products::search(c, household, &local_query, 50)
            }
        })
        .await?;
    let online = if online && !query.trim().is_empty() {
        app.lookups.run(move |l| Ok(l.off_search(&query)?)).await?
    } else {
        Vec::new()
    };
    Ok(Json(SearchBody { catalogue, online }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProduct {
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    brand: Option<String>,
    barcode: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/products", tag = "products", request_body = NewProduct,
    responses((status = 201, description = "the product, entered by hand", body = ProductBody)))]
#[post("/products", data = "<body>")]
async fn post_product(
    app: &State<AppState>,
    user: ApiUser,
    body: JsonBody<NewProduct>,
) -> Result<(Status, Json<ProductBody>)> {
    let b = body.0;
    let name = text::name("the product name", &b.name)?;
    let brand = b
        .brand
        .as_deref()
        .map(|s| text::name("the brand", s))
        .transpose()?;
    let code = b.barcode.as_deref().map(barcode::validate).transpose()?;
    let household = user.household();
    let product = app
        .db
        .write(move |tx| {
            let id = products::create_manual(
                tx,
                household,
                &name,
                brand.as_deref(),
                code.as_deref(),
                db::now_ms(),
            )?;
            products::get(tx, household, id)
        })
        .await?;
    Ok((
        Status::Created,
        Json(product_body(app, household, product).await?),
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceBody {
    amount: String,
    currency: Option<String>,
    store_id: Option<StoreId>,
    place: Option<String>,
    pack_size: Option<String>,
    date: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/products/{id}/prices", tag = "products", params(("id" = i64, Path, minimum = 1, description = "the product's id")), request_body = PriceBody,
    responses((status = 201, description = "the product with the new price", body = ProductBody)))]
#[post("/products/<id>/prices", data = "<body>")]
async fn post_price(
    app: &State<AppState>,
    user: ApiUser,
    id: ProductId,
    body: JsonBody<PriceBody>,
) -> Result<(Status, Json<ProductBody>)> {
    let b = body.0;
    let household = user.household();
    let default_currency = app
        .db
        .read(move |c| prices::household_currency(c, household))
        .await?;
    let p = price::check(
        &b.amount,
        b.currency.as_deref().unwrap_or(&default_currency),
        b.place.as_deref(),
        b.pack_size.as_deref(),
        b.date.as_deref(),
        chrono::Utc::now().date_naive(),
    )?;
    let store = b.store_id;
    let product = app
        .db
        .write(move |tx| {
            prices::add(tx, household, id, store, &p, db::now_ms())?;
            products::get(tx, household, id)
        })
        .await?;
    Ok((
        Status::Created,
        Json(product_body(app, household, product).await?),
    ))
}

/// Adds a catalogue product to a list as an item linked to it.
#[utoipa::path(post, path = "/api/v1/lists/{list}/products/{id}", tag = "products",
    params(("list" = i64, Path, minimum = 1, description = "the list's id"), ("id" = i64, Path, minimum = 1, description = "the product's id")),
    responses((status = 201, description = "the item added, linked to the product", body = Vec<items::Item>)))]
#[post("/lists/<list>/products/<id>")]
async fn add_product_to_list(
    app: &State<AppState>,
    user: ApiUser,
    list: ListId,
    id: ProductId,
) -> Result<(Status, Json<Vec<items::Item>>)> {
    let household = user.household();
    let (_, added) = app
        .write_list(&user.0, list, move |tx, stamp| {
            items::add_product(tx, household, list, id, stamp)
        })
        .await?;
    Ok((Status::Created, Json(added)))
}

#[utoipa::path(get, path = "/api/v1/lists/{list}/total", tag = "products",
    params(("list" = i64, Path, minimum = 1, description = "the list's id")),
    responses((status = 200, description = "the estimated total of the list's open items", body = Total)))]
#[get("/lists/<list>/total")]
async fn get_total(app: &State<AppState>, user: ApiUser, list: ListId) -> Result<Json<Total>> {
    let household = user.household();
    Ok(Json(
        app.db
            .read(move |c| {
                let l = crate::db::lists::get(c, household, list)?;
                prices::list_total(c, household, list, l.store_id)
            })
            .await?,
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        get_by_barcode,
        get_product,
        search_products,
        post_product,
        post_price,
        add_product_to_list,
        get_total
    ]
}
