//! On a list page: "not now" for an item due again, and list templates (save the list as
//! one, add one to the list, delete one).

use rocket::form::FromForm;
use rocket::{Route, State, post, routes};

use crate::app::AppState;
use crate::db::{self, rhythms, templates};
use crate::domain::text;
use crate::error::Result;
use crate::http::guards::{CsrfForm, CurrentUser};
use crate::i18n::Arg;
use crate::ids::{ListId, TemplateId};
use crate::web::forms::{EmptyForm, NameForm};
use crate::web::items::merged;
use crate::web::reply::Reply;

#[derive(FromForm)]
pub struct DueForm {
    csrf_token: Option<String>,
    name: String,
}

crate::csrf_forms!(DueForm);

#[post("/lists/<id>/due/not-now", data = "<form>")]
async fn not_now(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    form: CsrfForm<DueForm>,
) -> Result<Reply> {
    let household = user.household();
    let name = text::name("the item", &form.0.name)?;
    let now = db::now_ms();
    let until = {
        let name = name.clone();
        app.db
            .write(move |tx| rhythms::dismiss(tx, household, &name, now))
            .await?
    };
    let days = ((until - now) as f64 / 86_400_000.0).round() as i64;
    let said = user.lang().with(
        "list-not-now-said",
        &[("name", Arg::Text(&name)), ("days", days.into())],
    );
    Ok(Reply::flash(format!("/lists/{id}"), said))
}

#[post("/lists/<id>/templates", data = "<form>")]
async fn save_template(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    form: CsrfForm<NameForm>,
) -> Result<Reply> {
    let household = user.household();
    let name = text::name("the template name", &form.0.name)?;
    let (_, replaced) = {
        let name = name.clone();
        app.db
            .write(move |tx| templates::save(tx, household, id, &name, db::now_ms()))
            .await?
    };
    let said = match replaced {
        true => user.lang().arg("list-template-replaced", "name", &name),
        false => user.lang().arg("list-template-saved", "name", &name),
    };
    Ok(Reply::flash(format!("/lists/{id}"), said))
}

#[post("/lists/<id>/templates/<template>/add", data = "<_form>")]
async fn add_template(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    template: TemplateId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = user.household();
    let added = app
        .write_list(&user.0, id, move |tx, stamp| {
            templates::add_to_list(tx, household, template, id, stamp)
        })
        .await?;
    let lang = user.lang();
    let mut said = lang.count("list-template-added", added.items.len());
    let merges: Vec<String> = added.merged.iter().map(|m| merged(lang, m)).collect();
    if !merges.is_empty() {
        said.push_str(&format!(" {}.", merges.join("; ")));
    }
    Ok(Reply::flash(format!("/lists/{id}"), said))
}

#[post("/lists/<id>/templates/<template>/delete", data = "<_form>")]
async fn delete_template(
    app: &State<AppState>,
    user: CurrentUser,
    id: ListId,
    template: TemplateId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = user.household();
    app.db
        .write(move |tx| templates::delete(tx, household, template))
        .await?;
    Ok(Reply::flash(
        format!("/lists/{id}"),
        user.lang().get("list-template-deleted"),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![not_now, save_template, add_template, delete_template]
}
