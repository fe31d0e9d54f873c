//! The household's lists: overview, one list, and list settings.

use std::collections::HashSet;

use rocket::form::FromForm;
use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::db::{self, aisle, history, items, lists, rhythms, stores, templates, watchers};
use crate::domain::{rhythm, text};
use crate::error::{Error, Result};
use crate::http::guards::{CsrfForm, CurrentUser};
use crate::i18n::Lang;
use crate::ids::{ItemId, ListId, StoreId};
use crate::views::lists::{ListDeletePage, ListPage, ListsPage, RowWords, builtins, group_items};
use crate::views::{Chrome, Html, render, render_sized};
use crate::web::forms::{NameForm, optional_id};
use crate::web::reply::Reply;

#[derive(FromForm)]
pub struct StoreForm {
    csrf_token: Option<String>,
    store_id: String,
}

#[derive(FromForm)]
pub struct ConfirmForm {
    csrf_token: Option<String>,
    confirm: Option<String>,
}

crate::csrf_forms!(StoreForm, ConfirmForm);

async fn lists_page(
    app: &AppState,
    user: &CurrentUser,
    flash: Option<FlashMessage<'_>>,
    name: String,
    error: Option<String>,
) -> Result<Html> {
    let household = user.household();
    let all = app.db.read(move |conn| lists::all(conn, household)).await?;
    let (archived, open) = all.into_iter().partition(|l| l.archived);
    render(&ListsPage {
        chrome: Chrome::new(user.lang().get("lists-title"), user.viewer(), flash),
        open,
        archived,
        name,
        error,
    })
}

#[get("/")]
async fn index(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    Ok(Reply::page(
        lists_page(app, &user, flash, String::new(), None).await?,
    ))
}

#[post("/lists", data = "<form>")]
async fn create_list(
    app: &State<AppState>,
    user: CurrentUser,
    form: CsrfForm<NameForm>,
) -> Result<Reply> {
    let raw = form.0.name;
    let name = match text::name("the list name", &raw) {
        Ok(n) => n,
        Err(e) => {
            let html = lists_page(app, &user, None, raw, Some(e.0)).await?;
            return Ok(Reply::invalid(html));
        }
    };
    let household = user.household();
    let id = app
        .db
        .write(move |tx| lists::create(tx, household, &name, db::now_ms()))
        .await?;
    Ok(Reply::to(format!("/lists/{id}")))
}

/// Parses "1,2,3" into item ids (ignoring anything that is not an id).
pub fn parse_ids(raw: &str) -> Vec<ItemId> {
    raw.split(',')
        .filter_map(|s| s.trim().parse::<i64>().ok())
        .filter(|n| *n > 0)
        .take(1000)
        .map(ItemId)
        .collect()
}

/// Writes item ids as "1,2,3" (what [`parse_ids`] reads).
pub fn join_ids(ids: &[ItemId]) -> String {
    let ids: Vec<String> = ids.iter().map(ItemId::to_string).collect();
    ids.join(",")
}

/// What a list page shows besides the list: an undo offer, or the add form re-rendered
/// with what was typed and its error.
#[derive(Default)]
pub struct ListExtras {
    pub undo: Option<String>,
    pub text: String,
    pub error: Option<String>,
}

/// What a list page reads in its one read transaction.
struct Loaded {
    list: lists::List,
    all_items: Vec<items::Item>,
    order: Vec<crate::db::categories::Category>,
    stores: Vec<crate::db::stores::Store>,
    suggestions: Vec<String>,
    undo: Option<Vec<ItemId>>,
    total: crate::domain::price::Total,
    staples: Vec<crate::db::products::Product>,
    due: Vec<rhythms::DueItem>,
    templates: Vec<templates::Template>,
    watch: watchers::Watch,
}

/// Renders a list page.
pub async fn list_page(
    app: &AppState,
    user: &CurrentUser,
    flash: Option<FlashMessage<'_>>,
    id: ListId,
    extras: ListExtras,
) -> Result<Html> {
    let ListExtras { undo, text, error } = extras;
    let household = user.household();
    let lang = user.lang();
    let now = db::now_ms();
    let viewer = user.0.id;
    let loaded = app
        .db
        .read(move |conn| {
            // One read transaction: the page shows one moment of the list, and SQLite
            // takes its read lock once instead of once per query.
            let conn = conn.unchecked_transaction()?;
            let list = lists::get(&conn, household, id)?;
            let all_items = items::for_list(&conn, household, id)?;
            let order = aisle::order(&conn, household, list.store_id)?.into_categories();
            let stores = stores::list(&conn, household)?;
            let waiting: HashSet<String> = all_items
                .iter()
                .filter(|i| !i.checked)
                .map(|i| crate::domain::category::name_key(&i.name))
                .collect();
            let suggestions = history::most_used_except(&conn, household, &waiting, 8)?;
            // Only offer undo for items of this list that are really deleted.
            let undo = undo
                .map(|raw| parse_ids(&raw))
                .map(|ids| {
                    ids.into_iter()
                        .filter(|i| items::get(&conn, household, id, *i).is_ok_and(|it| it.deleted))
                        .collect::<Vec<_>>()
                })
                .filter(|ids| !ids.is_empty());
            let total = crate::db::prices::total_of(&conn, household, &all_items, list.store_id)?;
            // Staples not already waiting on the list: one tap adds them.
            let waiting_products: Vec<_> = all_items
                .iter()
                .filter(|i| !i.checked)
                .filter_map(|i| i.product_id)
                .collect();
            let staples = crate::db::products::staples(&conn, household, &waiting_products, 12)?;
            Ok(Loaded {
                watch: watchers::watch(&conn, household, id, viewer)?,
                due: rhythms::due(&conn, household, now, &waiting, 6)?,
                templates: templates::all(&conn, household)?,
                list,
                all_items,
                order,
                stores,
                suggestions,
                undo,
                total,
                staples,
            })
        })
        .await?;
    let Loaded {
        list,
        all_items,
        order,
        stores,
        suggestions,
        undo,
        total,
        staples,
        due,
        templates,
        watch,
    } = loaded;
    let (groups, done) = group_items(&all_items, &order, lang);
    let due = due
        .into_iter()
        .map(|d| rhythms::DueItem {
            why: due_why(lang, &d, now),
            ..d
        })
        .collect();
    let undo = undo.map(|ids| (join_ids(&ids), ids.len()));
    let page = ListPage {
        words: RowWords::new(lang),
        chrome: Chrome::new(list.name.clone(), user.viewer(), flash),
        list,
        groups,
        done,
        stores,
        suggestions,
        text,
        error,
        undo,
        total_label: lang.money(total.amount_minor, &total.currency),
        total,
        staples,
        due,
        templates,
        watch,
        notify_script: crate::views::assets::url("notify.js"),
        categories: order.iter().map(|c| c.name.as_str()).collect(),
        builtins: builtins(&order),
    };
    render_sized(&page, page.size_estimate())
}

#[get("/lists/<id>?<undo>")]
async fn show_list(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
    id: ListId,
    undo: Option<String>,
) -> Result<Reply> {
    let extras = ListExtras {
        undo,
        ..Default::default()
    };
    Ok(Reply::page(list_page(app, &user, flash, id, extras).await?))
}

#[post("/lists/<id>/rename", data = "<form>")]
async fn rename_list(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    form: CsrfForm<NameForm>,
) -> Result<Reply> {
    let name = text::name("the list name", &form.0.name)?;
    let household = user.household();
    app.write_list(&user.0, id, move |tx, stamp| {
        lists::rename(tx, household, id, &name, stamp.at_ms)
    })
    .await?;
    Ok(Reply::flash(
        format!("/lists/{id}"),
        user.lang().get("list-renamed"),
    ))
}

async fn set_archived(
    app: &AppState,
    user: CurrentUser,
    id: ListId,
    archived: bool,
) -> Result<Reply> {
    let household = user.household();
    app.write_list(&user.0, id, move |tx, stamp| {
        lists::set_archived(tx, household, id, archived, stamp.at_ms)
    })
    .await?;
    let lang = user.lang();
    Ok(if archived {
        Reply::flash("/", lang.get("list-archived"))
    } else {
        Reply::flash(format!("/lists/{id}"), lang.get("list-unarchived"))
    })
}

button_pair!(set_archived(CurrentUser, id: ListId),
    "/lists/<id>/archive" => archive_list(true),
    "/lists/<id>/unarchive" => unarchive_list(false),
);

#[post("/lists/<id>/store", data = "<form>")]
async fn choose_store(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    form: CsrfForm<StoreForm>,
) -> Result<Reply> {
    let raw = form.0.store_id;
    let store = optional_id(&raw)
        .map_err(|s| Error::invalid(user.lang().arg("list-store-refused", "value", s)))?
        .map(StoreId);
    let household = user.household();
    app.write_list(&user.0, id, move |tx, stamp| {
        lists::set_store(tx, household, id, store, stamp.at_ms)
    })
    .await?;
    Ok(Reply::to(format!("/lists/{id}")))
}

#[get("/lists/<id>/delete")]
async fn confirm_delete_list(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
) -> Result<Reply> {
    let household = user.household();
    let (list, count) = app
        .db
        .read(move |conn| {
            Ok((
                lists::get(conn, household, id)?,
                items::for_list(conn, household, id)?.len(),
            ))
        })
        .await?;
    Ok(Reply::page(render(&ListDeletePage {
        chrome: Chrome::new(user.lang().get("list-delete-title"), user.viewer(), None),
        list,
        items: count,
    })?))
}

#[post("/lists/<id>/delete", data = "<form>")]
async fn delete_list(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    form: CsrfForm<ConfirmForm>,
) -> Result<Reply> {
    if form.0.confirm.as_deref() != Some("yes") {
        return Err(Error::invalid(user.lang().get("list-delete-unconfirmed")));
    }
    let household = user.household();
    app.db
        .write(move |tx| lists::delete(tx, household, id))
        .await?;
    Ok(Reply::flash("/", user.lang().get("list-deleted")))
}

/// Why an item bought regularly is suggested, in `lang`: "every ~7 days, last bought 8
/// days ago" (as `domain::rhythm::explain` says it in English: the interval in days under 3
/// weeks, then in weeks under 4 weeks, then in months).
fn due_why(lang: Lang, due: &rhythms::DueItem, now_ms: i64) -> String {
    let days = due.interval_days;
    let (id, every) = if days < 21.0 {
        ("list-due-days", days.round())
    } else if days < 28.0 {
        ("list-due-weeks", (days / 7.0).round())
    } else {
        ("list-due-months", (days / 30.44).round().max(1.0))
    };
    let ago = now_ms.saturating_sub(due.last_bought_ms).max(0) / rhythm::DAY_MS;
    lang.with(id, &[("every", every.into()), ("ago", ago.into())])
}

pub fn routes() -> Vec<Route> {
    routes![
        index,
        create_list,
        show_list,
        rename_list,
        archive_list,
        unarchive_list,
        choose_store,
        confirm_delete_list,
        delete_list
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rhythm::{DAY_MS, Rhythm, explain};

    /// English says why as `domain::rhythm::explain` does (the API's `why`).
    #[test]
    fn due_items_say_why_as_the_api_does_in_english_and_in_german() {
        let now = 100 * DAY_MS;
        for interval in [
            1.0, 1.4, 2.0, 7.2, 13.0, 20.6, 21.0, 24.0, 27.9, 28.0, 45.0, 61.0, 90.0,
        ] {
            for ago_ms in [0, DAY_MS / 2, DAY_MS, 2 * DAY_MS + 5, 8 * DAY_MS, -DAY_MS] {
                let due = rhythms::DueItem {
                    name: "milk".into(),
                    why: String::new(),
                    interval_days: interval,
                    last_bought_ms: now - ago_ms,
                    due_ms: 0,
                };
                let rhythm = Rhythm {
                    interval_days: interval,
                    spread_days: 0.0,
                    last_ms: now - ago_ms,
                    purchases: 4,
                };
                assert_eq!(due_why(Lang::EN, &due, now), explain(&rhythm, now));
            }
        }
        let de = Lang::from_code("de").expect("German");
        let due = |interval: f64, ago_days: i64| rhythms::DueItem {
            name: "Milch".into(),
            why: String::new(),
            interval_days: interval,
            last_bought_ms: now - ago_days * DAY_MS,
            due_ms: 0,
        };
        assert_eq!(
            due_why(de, &due(7.0, 8), now),
            "etwa alle 7 Tage, zuletzt gekauft vor 8 Tagen"
        );
        assert_eq!(
            due_why(de, &due(1.0, 1), now),
            "etwa jeden Tag, zuletzt gekauft gestern"
        );
        assert_eq!(
            due_why(de, &due(24.0, 0), now),
            "etwa alle 3 Wochen, zuletzt gekauft heute"
        );
        assert_eq!(
            due_why(de, &due(30.0, 3), now),
            "etwa jeden Monat, zuletzt gekauft vor 3 Tagen"
        );
    }
}
