//! The household page: members, invites (admins), the stores' list, import and deletion.

use rocket::form::FromForm;
use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::auth::{password, token};
use crate::db::security_log::{self, Entry, Event};
use crate::db::users::{Role, User};
use crate::db::{self, export, households, invites, sessions, stores, tokens, users};
use crate::domain::text;
use crate::error::{Error, Result};
use crate::http::guards::{Admin, BaseUrl, CsrfForm, CurrentUser, Visitor};
use crate::i18n::Lang;
use crate::ids::{InviteId, UserId};
use crate::views::{
    Chrome, ConfirmPage, HouseholdPage, Html, InviteView, NewInvite, SsoMembers, Viewer, render,
    role_name,
};
use crate::web::forms::{EmptyForm, TypedConfirmForm};
use crate::web::reply::Reply;

#[derive(FromForm)]
pub struct InviteRoleForm {
    csrf_token: Option<String>,
    role: String,
}

#[derive(FromForm)]
pub struct ResetForm {
    csrf_token: Option<String>,
    password: String,
}

#[derive(FromForm)]
pub struct ImportForm<'r> {
    csrf_token: Option<String>,
    /// What the file is (`import::Kind`); an aisle export when absent.
    kind: Option<String>,
    /// For the apps read through their API: their address and token.
    url: Option<String>,
    token: Option<String>,
    file: Option<rocket::fs::TempFile<'r>>,
}

#[derive(FromForm)]
pub struct CurrencyForm {
    csrf_token: Option<String>,
    currency: String,
}

#[derive(FromForm)]
pub struct LanguageForm {
    csrf_token: Option<String>,
    /// A language's code (`de`).
    language: String,
}

crate::csrf_forms!(
    InviteRoleForm,
    ResetForm,
    ImportForm<'_>,
    CurrencyForm,
    LanguageForm
);

/// A form of the page that refused what was typed: why, and the typed hook addresses.
pub(crate) type Refused = (String, crate::db::watchers::Hooks);

pub(crate) async fn household_page(
    app: &AppState,
    user: &User,
    viewer: Viewer<'_>,
    flash: Option<FlashMessage<'_>>,
    new_invite: Option<NewInvite>,
    refused: Option<Refused>,
) -> Result<Reply> {
    let (household, is_admin, me) = (user.household_id, user.is_admin(), user.id);
    let lang = viewer.lang;
    let sso_on = is_admin && app.sso.available();
    let (
        name,
        members,
        (two_step, sso),
        pending,
        store_list,
        currency,
        instance_admin,
        hooks,
        language,
    ) = app
        .db
        .read(move |conn| {
            let (pending, hooks) = if is_admin {
                (
                    invites::pending(conn, household, db::now_ms())?,
                    crate::db::watchers::hooks(conn, household)?,
                )
            } else {
                Default::default()
            };
            let sso = match sso_on {
                true => {
                    let (emails, linked) = crate::db::sso::household_state(conn, household)?;
                    Some(SsoMembers { emails, linked })
                }
                false => None,
            };
            Ok((
                households::get(conn, household)?.name,
                users::list(conn, household)?,
                (crate::db::factors::protected_in(conn, household)?, sso),
                pending,
                stores::list(conn, household)?,
                crate::db::prices::household_currency(conn, household)?,
                users::is_instance_admin(conn, me)?,
                hooks,
                households::language(conn, household)?,
            ))
        })
        .await?;
    render(&HouseholdPage {
        chrome: Chrome::new(name.clone(), viewer, flash),
        household: name,
        me: user.clone(),
        instance_admin,
        members,
        two_step,
        sso,
        invites: pending
            .into_iter()
            .map(|i| InviteView {
                id: i.id,
                role: role_name(lang, i.role),
                expires: lang.date(i.expires_ms),
            })
            .collect(),
        new_invite,
        stores: store_list,
        currency,
        language,
        hooks: refused.as_ref().map_or(hooks, |(_, typed)| typed.clone()),
        error: refused.as_ref().map(|(why, _)| why.clone()),
    })
    .map(|html| match refused {
        Some(_) => Reply::invalid(html),
        None => Reply::page(html),
    })
}

#[get("/household")]
async fn show_household(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    household_page(app, &user.0, user.viewer(), flash, None, None).await
}

#[post("/household/invites", data = "<form>")]
async fn create_invite(
    app: &State<AppState>,
    admin: Admin,
    visitor: &Visitor,
    base: BaseUrl,
    form: CsrfForm<InviteRoleForm>,
) -> Result<Reply> {
    let role = Role::parse(form.0.role.trim())
        .ok_or_else(|| Error::invalid("the role must be `member` or `admin`"))?;
    let secret = token::generate();
    let hash = token::hash(&secret);
    let (household, by) = (admin.0.household_id, admin.0.id);
    let entry = Entry::of(Event::InviteCreate, &admin.0).detail(role.as_str());
    app.db
        .write(move |tx| {
            let now = db::now_ms();
            invites::create(tx, household, role, by, &hash, now)?;
            security_log::record(tx, &entry, now)
        })
        .await?;
    let invite = NewInvite::new(format!("{}/invite/{secret}", base.0));
    household_page(app, &admin.0, visitor.viewer(), None, Some(invite), None).await
}

#[post("/household/invites/<id>/revoke", data = "<_form>")]
async fn revoke_invite(
    app: &State<AppState>,
    admin: Admin,
    lang: Lang,
    id: InviteId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = admin.0.household_id;
    let entry = Entry::of(Event::InviteRevoke, &admin.0);
    app.db
        .write(move |tx| {
            invites::revoke(tx, household, id)?;
            security_log::record(tx, &entry, db::now_ms())
        })
        .await?;
    Ok(Reply::flash(
        "/household",
        lang.get("household-invite-revoked"),
    ))
}

#[post("/household/members/<id>/remove", data = "<_form>")]
async fn remove_member(
    app: &State<AppState>,
    admin: Admin,
    lang: Lang,
    id: UserId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    if id == admin.0.id {
        return Err(Error::invalid("you cannot remove yourself here"));
    }
    let household = admin.0.household_id;
    let actor = admin.0.id;
    let actor_name = admin.0.username.clone();
    let name = app
        .db
        .write(move |tx| {
            let member = users::get(tx, household, id)?;
            users::check_outranks(tx, actor, &member, "remove them")?;
            if users::would_leave_no_instance_admin(tx, Some(household), Some(id))? {
                return Err(users::last_instance_admin(&format!(
                    "removing {}",
                    member.username
                )));
            }
            // Before the member goes: the entry then keeps the name, not the id.
            let entry = Entry::of(Event::MemberRemove, &member).by(actor, &actor_name);
            security_log::record(tx, &entry, db::now_ms())?;
            users::delete(tx, household, id)?;
            Ok(member.username)
        })
        .await?;
    tracing::info!(removed = %name, by = %admin.0.username, "member removed");
    Ok(Reply::flash(
        "/household",
        lang.arg("household-member-removed", "name", &name),
    ))
}

/// An admin's change to a fellow member: the member is looked up in the admin's household
/// (404 otherwise) and refused when they are an instance admin the admin does not outrank
/// (`action` says what for: "reset their password"); then `change` runs in the same
/// transaction and gives its value and the security log entry to record, as by the admin.
/// The member's username comes back with the value.
pub(crate) async fn change_member<T, F>(
    app: &AppState,
    admin: &Admin,
    id: UserId,
    action: &'static str,
    change: F,
) -> Result<(String, T)>
where
    T: Send + 'static,
    F: FnOnce(&rusqlite::Transaction<'_>, &User) -> Result<(T, Option<Entry>)> + Send + 'static,
{
    let household = admin.0.household_id;
    let (actor, actor_name) = (admin.0.id, admin.0.username.clone());
    app.db
        .write(move |tx| {
            let member = users::get(tx, household, id)?;
            users::check_outranks(tx, actor, &member, action)?;
            let (value, entry) = change(tx, &member)?;
            if let Some(entry) = entry {
                security_log::record(tx, &entry.by(actor, &actor_name), db::now_ms())?;
            }
            Ok((member.username, value))
        })
        .await
}

#[post("/household/members/<id>/password", data = "<form>")]
async fn reset_password(
    app: &State<AppState>,
    admin: Admin,
    lang: Lang,
    id: UserId,
    form: CsrfForm<ResetForm>,
) -> Result<Reply> {
    let new = form.0.password;
    password::check_policy(&new)?;
    let household = admin.0.household_id;
    let hash = password::hash_off_thread(new).await?;
    let (name, revoked) = change_member(
        app,
        &admin,
        id,
        "reset their password",
        move |tx, member| {
            users::set_password(tx, household, id, &hash)?;
            // Whoever knew the old password may have made tokens with it: they go too, as
            // does a sign-in with it that waits for its second factor.
            sessions::delete_for_user(tx, id, None)?;
            crate::db::factors::delete_challenges_for(tx, id)?;
            let revoked = tokens::delete_for_user(tx, id)?;
            let entry = Entry::of(Event::PasswordReset, member).detail(revoked.to_string());
            Ok((revoked, Some(entry)))
        },
    )
    .await?;
    let said = lang.with(
        "household-password-reset",
        &[("name", name.as_str().into()), ("n", revoked.into())],
    );
    Ok(Reply::flash("/household", said))
}

#[post("/household/import", data = "<form>")]
async fn import_household(
    app: &State<AppState>,
    admin: Admin,
    form: CsrfForm<ImportForm<'_>>,
) -> Result<Reply> {
    use rocket::tokio::io::AsyncReadExt;
    let kind: crate::import::Kind = form
        .0
        .kind
        .as_deref()
        .unwrap_or("aisle")
        .parse()
        .map_err(|_| Error::invalid("choose what the file is (From); nothing was imported"))?;
    let crate::import::Converted { doc, skipped } = if kind.is_api() {
        let url = form.0.url.clone().unwrap_or_default();
        let token = form.0.token.clone().unwrap_or_default();
        rocket::tokio::task::spawn_blocking(move || crate::import::fetch(kind, &url, &token))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    } else {
        let Some(file) = form.0.file.as_ref().filter(|f| f.len() > 0) else {
            return Err(Error::invalid(format!(
                "choose the {kind} file to import; nothing was imported"
            )));
        };
        let mut bytes = Vec::new();
        file.open()
            .await
            .map_err(|e| Error::bad_request(format!("cannot read the uploaded file: {e}")))?
            .read_to_end(&mut bytes)
            .await
            .map_err(|e| Error::bad_request(format!("cannot read the uploaded file: {e}")))?;
        let list = file.name().unwrap_or("Imported").to_string();
        crate::import::convert(kind, &bytes, &list)
    }
    .map_err(|e| Error::invalid(format!("{e}; nothing was imported")))?;
    let household = admin.0.household_id;
    let entry = Entry::of(Event::Import, &admin.0).detail(kind.to_string());
    let got = app
        .db
        .write(move |tx| {
            let now = db::now_ms();
            let got = export::import(tx, household, &doc, now)?;
            security_log::record(tx, &entry, now)?;
            Ok(got)
        })
        .await?;
    Ok(Reply::flash("/", crate::import::report(&got, &skipped)))
}

fn delete_household_page(visitor: &Visitor, name: &str, error: Option<String>) -> Result<Html> {
    let t = visitor.lang;
    render(&ConfirmPage {
        chrome: Chrome::new(t.get("household-delete"), visitor.viewer(), None),
        message: t.arg("household-delete-message", "name", name),
        action: "/household/delete".into(),
        prompt: t.arg("household-delete-prompt", "name", name),
        input_type: "text",
        button: t.get("household-delete"),
        back: "/household".into(),
        error,
    })
}

#[get("/household/delete")]
async fn confirm_delete_household(
    app: &State<AppState>,
    admin: Admin,
    visitor: &Visitor,
) -> Result<Reply> {
    let household = admin.0.household_id;
    let name = app
        .db
        .read(move |c| Ok(households::get(c, household)?.name))
        .await?;
    delete_household_page(visitor, &name, None).map(Reply::page)
}

#[post("/household/delete", data = "<form>")]
async fn delete_household(
    app: &State<AppState>,
    admin: Admin,
    visitor: &Visitor,
    jar: &rocket::http::CookieJar<'_>,
    form: CsrfForm<TypedConfirmForm>,
) -> Result<Reply> {
    let household = admin.0.household_id;
    let typed = form.0.confirm;
    let name = app
        .db
        .read(move |c| Ok(households::get(c, household)?.name))
        .await?;
    if text::tidy(&typed) != name {
        let error = visitor
            .lang
            .arg("household-delete-mismatch", "name", name.as_str());
        return delete_household_page(visitor, &name, Some(error)).map(Reply::invalid);
    }
    let actor = admin.0.id;
    let actor_name = admin.0.username.clone();
    let deleted = name.clone();
    let refused = app
        .db
        .write(move |tx| {
            if !users::is_instance_admin(tx, actor)?
                && let Some(other) = users::instance_admin_in(tx, household, actor)?
            {
                return Ok(Some(users::outranked(
                    &other.username,
                    "delete a household with their account in it",
                )));
            }
            if users::would_leave_no_instance_admin(tx, Some(household), None)? {
                return Ok(Some(users::last_instance_admin("deleting this household")));
            }
            households::delete(tx, household)?;
            // The household's own log goes with it, and its admin's account: the instance's
            // log keeps this, by name.
            let entry = Entry::new(Event::HouseholdDelete, None, None, &actor_name).detail(deleted);
            security_log::record(tx, &entry, db::now_ms())?;
            Ok(None)
        })
        .await?;
    if let Some(refusal) = refused {
        let html = delete_household_page(visitor, &name, Some(refusal.public_message()))?;
        return Ok(Reply::form_error(refusal.status_code(), html));
    }
    tracing::warn!(household = %name, by = %admin.0.username, "household deleted");
    crate::http::guards::clear_session(jar);
    Ok(Reply::flash(
        "/login",
        visitor.lang.arg("household-deleted", "name", &name),
    ))
}

/// The currency the household's totals and imported prices are in.
#[post("/household/currency", data = "<form>")]
async fn set_currency(
    app: &State<AppState>,
    admin: Admin,
    lang: Lang,
    form: CsrfForm<CurrencyForm>,
) -> Result<Reply> {
    let currency = crate::domain::money::currency(&form.0.currency)?;
    let household = admin.0.household_id;
    let c2 = currency.clone();
    app.db
        .write(move |tx| crate::db::prices::set_household_currency(tx, household, &c2))
        .await?;
    Ok(Reply::flash(
        "/household",
        lang.arg("household-currency-saved", "currency", &currency),
    ))
}

/// The household's language: the default categories still called by their name in the
/// old language take their name in the new one (`households::set_language`).
#[post("/household/language", data = "<form>")]
async fn set_language(
    app: &State<AppState>,
    admin: Admin,
    lang: Lang,
    form: CsrfForm<LanguageForm>,
) -> Result<Reply> {
    let code = form.0.language;
    let chosen = Lang::from_code(&code).ok_or_else(|| {
        Error::invalid(lang.arg("household-language-unknown", "code", code.trim()))
    })?;
    let household = admin.0.household_id;
    app.db
        .write(move |tx| households::set_language(tx, household, chosen))
        .await?;
    tracing::info!(language = %chosen, by = %admin.0.username, "household language changed");
    Ok(Reply::flash(
        "/household",
        lang.arg(
            "household-language-saved",
            "language",
            chosen.name().as_str(),
        ),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        show_household,
        create_invite,
        revoke_invite,
        remove_member,
        reset_password,
        import_household,
        confirm_delete_household,
        delete_household,
        set_currency,
        set_language
    ]
}
