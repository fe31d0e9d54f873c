//! A user's own settings: password and API tokens.

use rocket::form::FromForm;
use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::auth::{password, token};
use crate::db::{self, sessions, tokens, users};
use crate::domain::text;
use crate::error::{Error, Result};
use crate::http::guards::{CsrfForm, CurrentUser, Visitor};
use crate::ids::TokenId;
use crate::views::{Chrome, ConfirmPage, Html, SettingsPage, render};
use crate::web::forms::{EmptyForm, NameForm, TypedConfirmForm};
use crate::web::reply::Reply;

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

crate::csrf_forms!(PasswordForm);

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
    let list = app
        .db
        .read(move |conn| tokens::list(conn, household, scope))
        .await?;
    render(&SettingsPage {
        chrome: Chrome::new("Settings", user.viewer(), flash),
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
        let error = Some("the current password is wrong".into());
        let html = settings_page(app, &user, None, None, error).await?;
        return Ok(Reply::invalid(html));
    }
    let hash = password::hash_off_thread(form.new).await?;
    let end_tokens = form.end_tokens || !form.tokens_offered;
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
                Ok((tokens::delete_for_user(tx, id)?, 0))
            } else {
                Ok((0, tokens::list(tx, household, Some(id))?.len()))
            }
        })
        .await?;
    const CHANGED: &str = "Password changed. Other devices were logged out";
    let message = match (revoked, kept) {
        (0, 0) => format!("{CHANGED}."),
        (0, n) => format!("{CHANGED}. Your {} still work.", tokens::count_phrase(n)),
        (n, _) => format!("{CHANGED}, and your {}.", tokens::revoked_phrase(n)),
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
    app.db
        .write(move |tx| tokens::create(tx, id, &name, &hash, db::now_ms()))
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
    app.db
        .write(move |tx| tokens::revoke(tx, household, id, scope))
        .await?;
    Ok(Reply::flash("/settings", "Token revoked."))
}

fn delete_account_page(user: &CurrentUser, error: Option<String>) -> Result<Html> {
    render(&ConfirmPage {
        chrome: Chrome::new("Delete your account", user.viewer(), None),
        message: "Your account, its logins and its API tokens will be deleted. The household's lists stay for the others.".into(),
        action: "/settings/delete".into(),
        prompt: "Your password, to confirm".into(),
        input_type: "password",
        button: "Delete my account".into(),
        back: "/settings".into(),
        error,
    })
}

#[get("/settings/delete")]
fn confirm_delete_account(user: CurrentUser) -> Result<Reply> {
    delete_account_page(&user, None).map(Reply::page)
}

/// Why member `id` may not delete their account, if they may not: the household would be
/// left without members or without an admin (roles as stored, not as when the page loaded).
fn why_not_leave(members: &[users::User], id: crate::ids::UserId) -> Option<&'static str> {
    if members.len() == 1 {
        return Some(
            "you are the household's only member: delete the household instead (Household page)",
        );
    }
    let is_admin = members.iter().any(|m| m.id == id && m.is_admin());
    let other_admin = members.iter().any(|m| m.id != id && m.is_admin());
    if is_admin && !other_admin {
        return Some(
            "you are the household's only admin: invite another admin first, or delete the household",
        );
    }
    None
}

#[post("/settings/delete", data = "<form>")]
async fn delete_account(
    app: &State<AppState>,
    user: CurrentUser,
    jar: &rocket::http::CookieJar<'_>,
    form: CsrfForm<TypedConfirmForm>,
) -> Result<Reply> {
    let (household, id) = (user.household(), user.0.id);
    let password = form.0.confirm;
    let stored = app
        .db
        .read(move |conn| users::password_hash(conn, household, id))
        .await?;
    // A refusal re-renders the form, in its own status.
    let refused = if !password::verify_off_thread(password, Some(stored)).await? {
        Some(Error::invalid("the password is wrong"))
    } else {
        app.db
            .write(move |tx| {
                if let Some(refusal) = why_not_leave(&users::list(tx, household)?, id) {
                    return Ok(Some(Error::invalid(refusal)));
                }
                if users::would_leave_no_instance_admin(tx, Some(household), Some(id))? {
                    return Ok(Some(users::last_instance_admin("deleting your account")));
                }
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
    Ok(Reply::flash("/login", "Your account was deleted."))
}

pub fn routes() -> Vec<Route> {
    routes![
        show_settings,
        change_password,
        create_token,
        revoke_token,
        confirm_delete_account,
        delete_account
    ]
}
