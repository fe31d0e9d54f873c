//! Items on a list page: add, check, edit, delete, undo, clear.

use rocket::form::FromForm;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::db::items::ItemEdit;
use crate::db::{categories, items, lists};
use crate::domain::merge::Merged;
use crate::domain::{item, text, units::Unit};
use crate::error::{Error, Result};
use crate::http::guards::{CsrfForm, CurrentUser};
use crate::i18n::{Arg, Lang};
use crate::ids::{CategoryId, ItemId, ListId};
use crate::views::lists::ItemEditPage;
use crate::views::{Chrome, Html, render};
use crate::web::forms::{EmptyForm, optional_id};
use crate::web::lists::{ListExtras, join_ids, list_page, parse_ids};
use crate::web::reply::{Reply, refusal};

#[derive(FromForm)]
pub struct AddForm {
    csrf_token: Option<String>,
    text: String,
}

#[derive(FromForm)]
pub struct EditForm {
    csrf_token: Option<String>,
    name: String,
    quantity: String,
    unit: String,
    note: String,
    category: String,
}

#[derive(FromForm)]
pub struct IdsForm {
    csrf_token: Option<String>,
    ids: String,
}

crate::csrf_forms!(AddForm, EditForm, IdsForm);

#[post("/lists/<id>/items", data = "<form>")]
async fn add_items(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    form: CsrfForm<AddForm>,
) -> Result<Reply> {
    let raw = form.0.text;
    let mut batch = match item::batch_from_text(&raw) {
        Ok(batch) if !batch.items.is_empty() => batch,
        Ok(batch) => return add_refused(app, &user, id, raw, batch.refused_reasons()).await,
        Err(e) => return add_refused(app, &user, id, raw, e.0).await,
    };
    let household = user.household();
    let new = std::mem::take(&mut batch.items);
    let added = app
        .write_list(&user.0, id, move |tx, stamp| {
            items::add_merging(tx, household, id, &new, stamp, &mut None)
        })
        .await;
    let added = match added {
        Ok(added) => added,
        Err(e) => return add_refused(app, &user, id, raw, refusal(e)?).await,
    };
    let lang = user.lang();
    let merges: Vec<String> = added.merged.iter().map(|m| merged(lang, m)).collect();
    if batch.refused.is_empty() {
        return Ok(match merges.is_empty() {
            true => Reply::to(format!("/lists/{id}")),
            false => Reply::flash(format!("/lists/{id}"), format!("{}.", merges.join("; "))),
        });
    }
    // Added what could be; the refused lines stay in the box with their reasons.
    let mut said = lang.count("list-added", added.items.len());
    for m in &merges {
        said.push_str(&format!(" {m}."));
    }
    said.push(' ');
    let reasons = batch.refused_reasons();
    said.push_str(&lang.arg("list-not-added", "reasons", &reasons));
    let extras = ListExtras {
        text: batch.refused_text(),
        error: Some(said),
        undo: None,
    };
    Ok(Reply::page(list_page(app, &user, None, id, extras).await?))
}

/// What an add did to an item already on the list, in `lang`: "eggs: 3 → 15", "milk: now
/// 1 l", "bread was already on the list (1 loaf)".
pub fn merged(lang: Lang, merged: &Merged) -> String {
    let from = lang.amount(merged.from_quantity, merged.from_unit.as_deref());
    let to = lang.amount(merged.to_quantity, merged.to_unit.as_deref());
    let (from, to) = (from.as_str(), to.as_str());
    let name = Arg::Text(&merged.name);
    match (from.is_empty(), from == to) {
        (_, true) if to.is_empty() => lang.with("list-merged-already", &[("name", name)]),
        (_, true) => lang.with(
            "list-merged-already-amount",
            &[("name", name), ("amount", to.into())],
        ),
        (true, false) => lang.with("list-merged-now", &[("name", name), ("amount", to.into())]),
        (false, false) => lang.with(
            "list-merged-changed",
            &[("name", name), ("from", from.into()), ("to", to.into())],
        ),
    }
}

/// The list page again after an add that added nothing, with what was typed and why (a
/// list of another household still answers 404).
async fn add_refused(
    app: &AppState,
    user: &CurrentUser,
    id: ListId,
    text: String,
    error: String,
) -> Result<Reply> {
    let extras = ListExtras {
        text,
        error: Some(error),
        undo: None,
    };
    Ok(Reply::invalid(
        list_page(app, user, None, id, extras).await?,
    ))
}

async fn set_checked(
    app: &AppState,
    user: CurrentUser,
    list: ListId,
    item: ItemId,
    checked: bool,
) -> Result<Reply> {
    let household = user.household();
    app.write_list(&user.0, list, move |tx, stamp| {
        items::set_checked(tx, household, list, item, checked, stamp)
    })
    .await?;
    Ok(Reply::to(format!("/lists/{list}#item-{item}")))
}

button_pair!(set_checked(CurrentUser, list: ListId, item: ItemId),
    "/lists/<list>/items/<item>/check" => check_item(true),
    "/lists/<list>/items/<item>/uncheck" => uncheck_item(false),
);

#[post("/lists/<list>/items/<item>/delete", data = "<_form>")]
async fn delete_item(
    app: &State<AppState>,
    user: CurrentUser,
    list: ListId,
    item: ItemId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = user.household();
    app.write_list(&user.0, list, move |tx, stamp| {
        items::delete(tx, household, list, item, stamp)
    })
    .await?;
    Ok(Reply::to(format!("/lists/{list}?undo={item}")))
}

#[post("/lists/<list>/restore", data = "<form>")]
async fn restore_items(
    app: &State<AppState>,
    user: CurrentUser,
    list: ListId,
    form: CsrfForm<IdsForm>,
) -> Result<Reply> {
    let ids = parse_ids(&form.0.ids);
    if ids.is_empty() {
        return Err(Error::invalid(user.lang().get("list-restore-none")));
    }
    let household = user.household();
    let restored = app
        .write_list(&user.0, list, move |tx, stamp| {
            items::restore(tx, household, list, &ids, stamp)
        })
        .await?;
    Ok(Reply::flash(
        format!("/lists/{list}"),
        user.lang().count("list-restored", restored.len()),
    ))
}

#[post("/lists/<list>/clear", data = "<_form>")]
async fn clear_checked(
    app: &State<AppState>,
    user: CurrentUser,
    list: ListId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = user.household();
    let cleared = app
        .write_list(&user.0, list, move |tx, stamp| {
            items::clear_checked(tx, household, list, stamp)
        })
        .await?;
    if cleared.is_empty() {
        return Ok(Reply::to(format!("/lists/{list}")));
    }
    Ok(Reply::to(format!(
        "/lists/{list}?undo={}",
        join_ids(&cleared)
    )))
}

async fn edit_page(
    app: &AppState,
    user: &CurrentUser,
    list: ListId,
    item: ItemId,
    values: Option<(EditForm, String)>,
) -> Result<Html> {
    let household = user.household();
    let lang = user.lang();
    let (list, current, categories) = app
        .db
        .read(move |conn| {
            let l = lists::get(conn, household, list)?;
            let it = items::get(conn, household, list, item)?;
            if it.deleted {
                return Err(Error::NotFound);
            }
            Ok((l, it, categories::ordered(conn, household, None)?))
        })
        .await?;
    let (name, quantity, unit, note, category, error) = match values {
        Some((f, error)) => (
            f.name,
            f.quantity,
            f.unit,
            f.note,
            f.category.parse().ok().map(CategoryId),
            Some(error),
        ),
        None => (
            current.name,
            current
                .quantity
                .map(|q| crate::views::plain_quantity(q).replace('.', lang.decimal_mark()))
                .unwrap_or_default(),
            current.unit.unwrap_or_default(),
            current.note.unwrap_or_default(),
            current.category_id,
            None,
        ),
    };
    render(&ItemEditPage {
        chrome: Chrome::new(lang.get("item-edit-title"), user.viewer(), None),
        list,
        item_id: item,
        name,
        quantity,
        unit,
        note,
        category,
        categories,
        units: Unit::ALL
            .iter()
            .map(|u| (u.as_str(), lang.unit(*u, None)))
            .collect(),
        error,
    })
}

#[get("/lists/<list>/items/<item>/edit")]
async fn edit_item_page(
    app: &State<AppState>,
    user: CurrentUser,
    list: ListId,
    item: ItemId,
) -> Result<Reply> {
    Ok(Reply::page(edit_page(app, &user, list, item, None).await?))
}

fn parse_edit(form: &EditForm, lang: Lang) -> Result<ItemEdit> {
    let name = text::name("the item name", &form.name)?;
    let quantity = text::quantity_field(&form.quantity)?;
    let unit = match form.unit.trim() {
        "" => None,
        u => Some(
            Unit::from_canonical(u)
                .ok_or_else(|| Error::invalid(lang.arg("item-unit-refused", "value", u)))?,
        ),
    };
    let note = text::note(&form.note)?;
    let category = optional_id(&form.category)
        .map_err(|c| Error::invalid(lang.arg("item-category-refused", "value", c)))?
        .map(CategoryId);
    Ok(ItemEdit {
        name,
        quantity,
        unit,
        note,
        category,
    })
}

#[post("/lists/<list>/items/<item>/edit", data = "<form>")]
async fn edit_item(
    app: &State<AppState>,
    user: CurrentUser,
    list: ListId,
    item: ItemId,
    form: CsrfForm<EditForm>,
) -> Result<Reply> {
    let form = form.0;
    let household = user.household();
    let edited = match parse_edit(&form, user.lang()) {
        Ok(edit) => {
            app.write_list(&user.0, list, move |tx, stamp| {
                items::edit(tx, household, list, item, &edit, stamp)
            })
            .await
        }
        Err(e) => Err(e),
    };
    let Err(e) = edited else {
        return Ok(Reply::to(format!("/lists/{list}#item-{item}")));
    };
    let values = Some((form, refusal(e)?));
    Ok(Reply::invalid(
        edit_page(app, &user, list, item, values).await?,
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        add_items,
        check_item,
        uncheck_item,
        delete_item,
        restore_items,
        clear_checked,
        edit_item_page,
        edit_item
    ]
}
