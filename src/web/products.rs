//! Product pages: the catalogue with search and scanning, one product with its prices and
//! chart, and product pictures served by aisle.

use rocket::form::FromForm;
use rocket::http::ContentType;
use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::db::lists::ListSummary;
use crate::db::prices;
use crate::db::products;
use crate::db::{self, items, lists, stores};
use crate::domain::{barcode, chart, money, price, text};
use crate::error::{Error, Result};
use crate::http::error::sentence;
use crate::http::guards::{CsrfForm, CurrentUser};
use crate::ids::{HouseholdId, ListId, ProductId, StoreId};
use crate::lookup::catalogue;
use crate::views::{Chrome, HandAdd, Html, PriceView, ProductPage, ProductsPage, render};
use crate::web::forms::optional_id;
use crate::web::reply::{Reply, WithHeader};

#[derive(FromForm)]
pub struct NewProductForm {
    csrf_token: Option<String>,
    name: String,
    brand: String,
    barcode: String,
}

#[derive(FromForm)]
pub struct AddToListForm {
    csrf_token: Option<String>,
    list_id: String,
}

#[derive(FromForm)]
pub struct PriceForm {
    csrf_token: Option<String>,
    amount: String,
    currency: String,
    store_id: String,
    pack_size: String,
    date: String,
}

crate::csrf_forms!(NewProductForm, AddToListForm, PriceForm);

/// The household's lists in use, to add a product to.
fn open_lists(c: &rusqlite::Connection, household: HouseholdId) -> Result<Vec<ListSummary>> {
    let all = lists::all(c, household)?;
    Ok(all.into_iter().filter(|l| !l.archived).collect())
}

/// What the products page shows besides the catalogue: a refusal of the hand-add form, a
/// barcode that could not be looked up (kept in its field, with why), and what the hand-add
/// form holds.
#[derive(Default)]
struct Extra {
    error: Option<String>,
    code: String,
    lookup_error: Option<String>,
    hand: HandAdd,
}

async fn products_page(
    app: &AppState,
    user: &CurrentUser,
    flash: Option<FlashMessage<'_>>,
    q: String,
    online: bool,
    extra: Extra,
) -> Result<Html> {
    let household = user.household();
    let query = q.clone();
    let (found, open_lists) = app
        .db
        .read(move |c| {
            let found = if query.trim().is_empty() {
                products::all(c, household, 200)?
            } else {
                products::search(c, household, &query, 50)?
            };
            Ok((found, open_lists(c, household)?))
        })
        .await?;
    let (online_results, online_error) = if online && !q.trim().is_empty() {
        let query = q.clone();
        match app.lookups.run(move |l| Ok(l.off_search(&query)?)).await {
            Ok(r) => (r, None),
            Err(e) => (Vec::new(), Some(sentence(&e.public_message()))),
        }
    } else {
        (Vec::new(), None)
    };
    render(&ProductsPage {
        chrome: Chrome::new(user.lang().get("products-title"), user.viewer(), flash),
        q,
        products: found,
        online: online_results,
        searched_online: online,
        online_error,
        lists: open_lists,
        lookups: app.lookups.enabled,
        error: extra.error,
        code: extra.code,
        lookup_error: extra.lookup_error,
        hand: extra.hand,
    })
}

#[get("/products?<q>&<online>")]
async fn show_products(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
    q: Option<String>,
    online: Option<bool>,
) -> Result<Reply> {
    let q: String = q.unwrap_or_default().chars().take(100).collect();
    let online = online.unwrap_or(false);
    Ok(Reply::page(
        products_page(app, &user, flash, q, online, Extra::default()).await?,
    ))
}

/// A scanned or typed barcode: the product page, looked up online when needed. When no
/// product comes of it (a mistyped code, nobody knows it, no internet, the provider
/// answering badly) the products page stays, with why beside the barcode and the hand-add
/// form holding the code.
#[get("/products/barcode?<code>")]
async fn lookup_barcode(
    app: &State<AppState>,
    user: CurrentUser,
    code: Option<String>,
) -> Result<Reply> {
    let typed: String = code.unwrap_or_default().chars().take(40).collect();
    let found = match barcode::validate(&typed) {
        Ok(code) => catalogue::find_by_barcode(&app.db, &app.lookups, user.household(), &code)
            .await
            .map_err(|e| (e, Some(code))),
        Err(e) => Err((e.into(), None)),
    };
    let (error, valid) = match found {
        Ok(product) => return Ok(Reply::to(format!("/products/{}", product.id))),
        Err(failed) => failed,
    };
    let status = error.status_code();
    if !matches!(status, 404 | 422 | 502 | 503 | 504) {
        return Err(error);
    }
    let said = sentence(&error.public_message());
    let hint = match &valid {
        None => None,
        // "Nobody knows it" already says to add it by hand.
        Some(_) if said.contains("by hand") => Some("products-lookup-filled-in"),
        Some(_) => Some("products-lookup-by-hand"),
    };
    let extra = Extra {
        lookup_error: Some(match hint {
            Some(id) => format!("{said} {}", user.lang().get(id)),
            None => said,
        }),
        hand: HandAdd {
            barcode: valid.unwrap_or_default(),
            ..HandAdd::default()
        },
        code: typed,
        ..Extra::default()
    };
    let html = products_page(app, &user, None, String::new(), false, extra).await?;
    Ok(Reply::form_error(status, html))
}

#[post("/products", data = "<form>")]
async fn create_product(
    app: &State<AppState>,
    user: CurrentUser,
    form: CsrfForm<NewProductForm>,
) -> Result<Reply> {
    let f = form.0;
    let checked = (|| -> Result<(String, Option<String>, Option<String>)> {
        let name = text::name("the product name", &f.name)?;
        let brand = Some(f.brand.trim())
            .filter(|s| !s.is_empty())
            .map(|b| text::name("the brand", b))
            .transpose()?;
        let code = Some(f.barcode.trim())
            .filter(|s| !s.is_empty())
            .map(barcode::validate)
            .transpose()?;
        Ok((name, brand, code))
    })();
    let hand = HandAdd {
        name: f.name.clone(),
        brand: f.brand.clone(),
        barcode: f.barcode.clone(),
    };
    // A refused product keeps what was typed, with why above the form.
    let user = &user;
    let refused = |e: Error, hand: HandAdd| async move {
        let status = e.status_code();
        let extra = Extra {
            error: Some(e.public_message()),
            hand,
            ..Extra::default()
        };
        let html = products_page(app, user, None, String::new(), false, extra).await?;
        Ok(Reply::form_error(status, html))
    };
    let (name, brand, code) = match checked {
        Ok(v) => v,
        Err(e) => return refused(e, hand).await,
    };
    let household = user.household();
    let created = app
        .db
        .write(move |tx| {
            products::create_manual(
                tx,
                household,
                &name,
                brand.as_deref(),
                code.as_deref(),
                db::now_ms(),
            )
        })
        .await;
    match created {
        Ok(id) => Ok(Reply::to(format!("/products/{id}"))),
        Err(e @ Error::Conflict(_)) => refused(e, hand).await,
        Err(e) => Err(e),
    }
}

#[get("/products/<id>")]
async fn show_product(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
    id: ProductId,
) -> Result<Reply> {
    let household = user.household();
    let (product, prices, store_list, open_lists, currency) = app
        .db
        .read(move |c| {
            Ok((
                products::get(c, household, id)?,
                prices::for_product(c, household, id)?,
                stores::list(c, household)?,
                open_lists(c, household)?,
                prices::household_currency(c, household)?,
            ))
        })
        .await?;
    let lang = user.lang();
    let view = |p: &prices::Price| PriceView {
        store: p.store.clone().unwrap_or_else(|| "—".into()),
        amount: lang.money(p.amount_minor, &p.currency),
        pack_size: p.pack_size.clone().unwrap_or_default(),
        date: day(lang, &p.observed_on),
        source: if p.source == "open_prices" {
            "Open Prices".to_string()
        } else {
            lang.get("product-source-you")
        },
    };
    let in_currency: Vec<(String, f64)> = prices
        .iter()
        .filter(|p| p.currency == currency)
        .map(|p| {
            (
                p.observed_on.clone(),
                money::to_major(p.amount_minor, &p.currency),
            )
        })
        .collect();
    let cur = currency.clone();
    let mut graph = chart::layout(&in_currency, move |v| {
        let minor = (v * 10f64.powi(money::decimals(&cur) as i32)).round() as i64;
        lang.money(minor, &cur)
    });
    graph.first_day = day(lang, &graph.first_day);
    graph.last_day = day(lang, &graph.last_day);
    Ok(Reply::page(render(&ProductPage {
        chrome: Chrome::new(product.name.clone(), user.viewer(), flash),
        latest: prices::latest_by_store(&prices).iter().map(view).collect(),
        history: prices.iter().map(view).collect(),
        product,
        chart: graph,
        chart_width: chart::WIDTH,
        chart_height: chart::HEIGHT,
        stores: store_list,
        lists: open_lists,
        currency,
        today: chrono::Utc::now().date_naive().to_string(),
    })?))
}

async fn set_saved(app: &AppState, user: CurrentUser, id: ProductId, saved: bool) -> Result<Reply> {
    let household = user.household();
    app.db
        .write(move |tx| products::set_saved(tx, household, id, saved))
        .await?;
    Ok(Reply::flash(
        format!("/products/{id}"),
        user.lang().get(if saved {
            "product-saved"
        } else {
            "product-unsaved"
        }),
    ))
}

button_pair!(set_saved(CurrentUser, id: ProductId),
    "/products/<id>/save" => save_product(true),
    "/products/<id>/unsave" => unsave_product(false),
);

/// One tap: the product onto a list.
#[post("/products/<id>/add", data = "<form>")]
async fn add_to_list(
    app: &State<AppState>,
    user: CurrentUser,
    id: ProductId,
    form: CsrfForm<AddToListForm>,
) -> Result<Reply> {
    let list = ListId(
        form.0
            .list_id
            .trim()
            .parse()
            .map_err(|_| Error::invalid("choose a list"))?,
    );
    let household = user.household();
    let product = app
        .db
        .read(move |c| products::get(c, household, id))
        .await?;
    let new = vec![crate::domain::item::NewItem {
        name: product.name.clone(),
        quantity: None,
        unit: None,
        note: None,
        product: Some(id),
    }];
    app.write_list(&user.0, list, move |tx, stamp| {
        items::add(tx, household, list, &new, stamp)
    })
    .await?;
    Ok(Reply::flash(
        format!("/lists/{list}"),
        user.lang().arg("product-added", "name", &product.name),
    ))
}

#[post("/products/<id>/prices", data = "<form>")]
async fn add_price(
    app: &State<AppState>,
    user: CurrentUser,
    id: ProductId,
    form: CsrfForm<PriceForm>,
) -> Result<Reply> {
    let f = form.0;
    let store = optional_id(&f.store_id)
        .map_err(|_| Error::invalid("choose a store from the list"))?
        .map(StoreId);
    let p = price::check(
        &f.amount,
        &f.currency,
        None,
        Some(&f.pack_size),
        Some(&f.date),
        chrono::Utc::now().date_naive(),
    )?;
    let household = user.household();
    app.db
        .write(move |tx| prices::add(tx, household, id, store, &p, db::now_ms()))
        .await?;
    Ok(Reply::flash(
        format!("/products/{id}"),
        user.lang().get("product-price-saved"),
    ))
}

/// A day stored as `YYYY-MM-DD`, as `lang` writes it (as stored when it is not a day).
fn day(lang: crate::i18n::Lang, iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => lang.date(
            d.and_time(chrono::NaiveTime::MIN)
                .and_utc()
                .timestamp_millis(),
        ),
        Err(_) => iso.to_string(),
    }
}

/// A product picture, served by aisle (phones never ask third parties).
#[get("/images/<id>")]
async fn image(
    app: &State<AppState>,
    user: CurrentUser,
    id: i64,
) -> Result<WithHeader<(ContentType, Vec<u8>)>> {
    let household = user.household();
    let (data, ct) = app
        .db
        .read(move |c| products::image(c, household, id))
        .await?
        .ok_or(Error::NotFound)?;
    let content_type = ContentType::parse_flexible(&ct).unwrap_or(ContentType::Binary);
    let cache = "private, max-age=31536000, immutable";
    Ok(WithHeader::new(
        (content_type, data),
        "Cache-Control",
        cache,
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        show_products,
        lookup_barcode,
        create_product,
        show_product,
        save_product,
        unsave_product,
        add_to_list,
        add_price,
        image
    ]
}
