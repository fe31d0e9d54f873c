//! A user's own settings: language, password and API tokens; deleting the account. (The
//! second factor has its own page: `web::two_step`.)

use rocket::form::FromForm;
use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::auth::{password, token};
use crate::db::security_log::{self, Entry, Event};
use crate::db::{self, factors, sessions, tokens, users};
use crate::domain::text;
use crate::error::{Error, Result};
use crate::http::guards::{ClientIp, CsrfForm, CurrentUser, Visitor};
use crate::i18n::Lang;
use crate::ids::TokenId;
use crate::views::{Chrome, ConfirmPage, Html, LanguageChoice, SettingsPage, render};
use crate::web::auth::BrowserLang;
use crate::web::forms::{EmptyForm, NameForm, TypedConfirmForm};
use crate::web::reply::Reply;
use crate::web::two_step::password_proves;

#[derive(FromForm)]
pub struct PasswordForm {
    csrf_token: Option<String>,
    current: String,
    new: String,
    /// The "also revoke my API tokens" checkbox (checked by default).
    end_tokens: bool,
    /// Set by the page's form: the checkbox was offered, so its absence means "keep them".
    /// A client that never saw the choice gets the safe default: the tokens end.
    tokens_offered: bool,
}

#[derive(FromForm)]
pub struct LanguageForm {
    csrf_token: Option<String>,
    /// A `Lang` code, or empty (or `browser`) to follow the browser.
    language: String,
}

crate::csrf_forms!(PasswordForm, LanguageForm);

/// Admins see every token of the household; members their own.
fn token_scope(user: &CurrentUser) -> Option<crate::ids::UserId> {
    (!user.0.is_admin()).then_some(user.0.id)
}

async fn settings_page(
    app: &AppState,
    user: &CurrentUser,
    flash: Option<FlashMessage<'_>>,
    new_token: Option<String>,
    error: Option<String>,
) -> Result<Html> {
    let household = user.household();
    let scope = token_scope(user);
    let id = user.0.id;
    let (list, two_step) = app
        .db
        .read(move |conn| {
            Ok((
                tokens::list(conn, household, scope)?,
                factors::has_second_factor(conn, id)?,
            ))
        })
        .await?;
    let lang = user.lang();
    let chosen = user.0.language.as_deref().and_then(Lang::from_code);
    render(&SettingsPage {
        chrome: Chrome::new(lang.get("settings-title"), user.viewer(), flash),
        languages: LanguageChoice::all(lang, chosen),
        follows_browser: chosen.is_none(),
        two_step,
        sso: app.sso.available(),
        tokens: list,
        new_token,
        error,
    })
}

#[get("/settings")]
async fn show_settings(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    Ok(Reply::page(
        settings_page(app, &user, flash, None, None).await?,
    ))
}

#[post("/settings/password", data = "<form>")]
async fn change_password(
    app: &State<AppState>,
    user: CurrentUser,
    visitor: &Visitor,
    ip: ClientIp,
    form: CsrfForm<PasswordForm>,
) -> Result<Reply> {
    let form = form.0;
    if let Err(e) = password::check_policy(&form.new) {
        let html = settings_page(app, &user, None, None, Some(e.public_message())).await?;
        return Ok(Reply::invalid(html));
    }
    let (household, id) = (user.household(), user.0.id);
    let keep = visitor.session_hash.clone();
    let stored = app
        .db
        .read(move |conn| users::password_hash(conn, household, id))
        .await?;
    if !password::verify_off_thread(form.current, Some(stored.clone())).await? {
        let failed = Entry::of(Event::PasswordChange, &user.0)
            .from(&ip.address())
            .failed();
        app.db
            .write(move |tx| security_log::record(tx, &failed, db::now_ms()))
            .await?;
        let error = Some(user.lang().get("settings-password-wrong"));
        let html = settings_page(app, &user, None, None, error).await?;
        return Ok(Reply::invalid(html));
    }
    let hash = password::hash_off_thread(form.new).await?;
    let end_tokens = form.end_tokens || !form.tokens_offered;
    let entry = Entry::of(Event::PasswordChange, &user.0).from(&ip.address());
    let (revoked, kept) = app
        .db
        .write(move |tx| {
            // The password checked above is still the one (no reset came in between).
            if users::password_hash(tx, household, id)? != stored {
                return Err(Error::Conflict(
                    "the password was changed meanwhile; log in again".into(),
                ));
            }
            users::set_password(tx, household, id, &hash)?;
            // Other devices logged in as this user must log in again.
            sessions::delete_for_user(tx, id, keep.as_deref())?;
            if end_tokens {
                let revoked = tokens::delete_for_user(tx, id)?;
                // How many tokens went with the old password.
                let entry = entry.detail(revoked.to_string());
                security_log::record(tx, &entry, db::now_ms())?;
                Ok((revoked, 0))
            } else {
                security_log::record(tx, &entry, db::now_ms())?;
                Ok((0, tokens::list(tx, household, Some(id))?.len()))
            }
        })
        .await?;
    let lang = user.lang();
    let message = match (revoked, kept) {
        (0, 0) => lang.get("settings-password-changed"),
        (0, n) => lang.count("settings-password-changed-kept", n),
        (n, _) => lang.count("settings-password-changed-revoked", n),
    };
    Ok(Reply::flash("/settings", message))
}

#[post("/settings/tokens", data = "<form>")]
async fn create_token(
    app: &State<AppState>,
    user: CurrentUser,
    form: CsrfForm<NameForm>,
) -> Result<Reply> {
    let name = match text::name("the token name", &form.0.name) {
        Ok(n) => n,
        Err(e) => {
            let html = settings_page(app, &user, None, None, Some(e.0)).await?;
            return Ok(Reply::invalid(html));
        }
    };
    let secret = token::generate();
    let hash = token::hash(&secret);
    let id = user.0.id;
    let entry = Entry::of(Event::TokenCreate, &user.0)
        .method("settings")
        .detail(name.clone());
    app.db
        .write(move |tx| {
            let now = db::now_ms();
            tokens::create(tx, id, &name, &hash, now)?;
            security_log::record(tx, &entry, now)
        })
        .await?;
    Ok(Reply::page(
        settings_page(app, &user, None, Some(secret), None).await?,
    ))
}

#[post("/settings/tokens/<id>/revoke", data = "<_form>")]
async fn revoke_token(
    app: &State<AppState>,
    user: CurrentUser,
    id: TokenId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let household = user.household();
    let scope = token_scope(&user);
    let me = user.0.clone();
    app.db
        .write(move |tx| {
            let owner = tokens::owner(tx, household, id)?;
            tokens::revoke(tx, household, id, scope)?;
            if let Some((owner, owner_name, name)) = owner {
                let mut entry = Entry::new(
                    Event::TokenRevoke,
                    Some(household),
                    Some(owner),
                    &owner_name,
                )
                .detail(name);
                if owner != me.id {
                    entry = entry.by(me.id, &me.username);
                }
                security_log::record(tx, &entry, db::now_ms())?;
            }
            Ok(())
        })
        .await?;
    Ok(Reply::flash(
        "/settings",
        user.lang().get("settings-token-revoked"),
    ))
}

fn delete_account_page(user: &CurrentUser, error: Option<String>) -> Result<Html> {
    let lang = user.lang();
    render(&ConfirmPage {
        chrome: Chrome::new(lang.get("settings-delete-title"), user.viewer(), None),
        message: lang.get("settings-delete-message"),
        action: "/settings/delete".into(),
        prompt: lang.get("settings-delete-prompt"),
        input_type: "password",
        button: lang.get("settings-delete-submit"),
        back: "/settings".into(),
        error,
    })
}

#[get("/settings/delete")]
fn confirm_delete_account(user: CurrentUser) -> Result<Reply> {
    delete_account_page(&user, None).map(Reply::page)
}

/// Why member `id` may not delete their account, if they may not (a message id): the
/// household would be left without members or without an admin (roles as stored, not as
/// when the page loaded).
fn why_not_leave(members: &[users::User], id: crate::ids::UserId) -> Option<&'static str> {
    if members.len() == 1 {
        return Some("settings-delete-only-member");
    }
    let is_admin = members.iter().any(|m| m.id == id && m.is_admin());
    let other_admin = members.iter().any(|m| m.id != id && m.is_admin());
    if is_admin && !other_admin {
        return Some("settings-delete-only-admin");
    }
    None
}

#[post("/settings/delete", data = "<form>")]
async fn delete_account(
    app: &State<AppState>,
    user: CurrentUser,
    browser: BrowserLang,
    jar: &rocket::http::CookieJar<'_>,
    form: CsrfForm<TypedConfirmForm>,
) -> Result<Reply> {
    let (household, id, lang) = (user.household(), user.0.id, user.lang());
    let entry = Entry::of(Event::AccountDelete, &user.0);
    // A refusal re-renders the form, in its own status.
    let refused = if !password_proves(app, &user, form.0.confirm, entry.clone()).await? {
        Some(Error::invalid(lang.get("settings-delete-wrong")))
    } else {
        app.db
            .write(move |tx| {
                if let Some(refusal) = why_not_leave(&users::list(tx, household)?, id) {
                    return Ok(Some(Error::invalid(lang.get(refusal))));
                }
                if users::would_leave_no_instance_admin(tx, Some(household), Some(id))? {
                    return Ok(Some(users::last_instance_admin("deleting your account")));
                }
                // Before the account goes: the entry then keeps the name, not the id.
                security_log::record(tx, &entry, db::now_ms())?;
                users::delete(tx, household, id)?;
                Ok(None)
            })
            .await?
    };
    if let Some(refusal) = refused {
        let html = delete_account_page(&user, Some(refusal.public_message()))?;
        return Ok(Reply::form_error(refusal.status_code(), html));
    }
    crate::http::guards::clear_session(jar);
    // Said on the login page, which is in the browser's language.
    Ok(Reply::flash("/login", browser.0.get("settings-deleted")))
}

#[post("/settings/language", data = "<form>")]
async fn set_language(
    app: &State<AppState>,
    user: CurrentUser,
    browser: BrowserLang,
    form: CsrfForm<LanguageForm>,
) -> Result<Reply> {
    let chosen = match form.0.language.trim() {
        "" | "browser" => None,
        code => match Lang::from_code(code) {
            Some(lang) => Some(lang),
            None => {
                let error = Some(user.lang().get("account-language-unknown"));
                let html = settings_page(app, &user, None, None, error).await?;
                return Ok(Reply::invalid(html));
            }
        },
    };
    let (household, id) = (user.household(), user.0.id);
    app.db
        .write(move |tx| users::set_language(tx, household, id, chosen))
        .await?;
    // Said on the next page, which is in the language just chosen.
    let lang = chosen.unwrap_or(browser.0);
    Ok(Reply::flash(
        "/settings",
        lang.get("settings-language-saved"),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        show_settings,
        change_password,
        create_token,
        revoke_token,
        confirm_delete_account,
        delete_account,
        set_language
    ]
}
