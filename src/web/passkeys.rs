//! Passkeys: made and removed on Settings → Passkeys, used on the login page. The page's
//! script (`assets/passkey.js`) asks this server for the ceremony's options (JSON), hands
//! them to the browser's WebAuthn, and posts the browser's answer back in a plain form,
//! so the outcome is an ordinary page: a flash, or the form again with the refusal.

use rocket::form::FromForm;
use rocket::http::CookieJar;
use rocket::request::FlashMessage;
use rocket::serde::json::Json;
use rocket::{Route, State, get, post, routes};
use serde_json::{Value, json};

use crate::app::AppState;
use crate::auth::passkey::PasskeyError;
use crate::auth::throttle::UsedUp;
use crate::db::security_log::{self, Entry, Event};
use crate::db::{self, passkeys};
use crate::error::{Error, Result};
use crate::http::error::sentence;
use crate::http::guards::{ClientIp, CsrfForm, CurrentUser, Visitor};
use crate::ids::PasskeyId;
use crate::views::two_step::{PasskeyRow, PasskeysPage};
use crate::views::{Chrome, Html, render};
use crate::web::auth::{begin_attempt, login_form, start_session};
use crate::web::forms::EmptyForm;
use crate::web::reply::Reply;
use crate::web::two_step::password_proves;

/// The browser's answer to a ceremony, posted by the page's script.
#[derive(FromForm)]
pub struct AnswerForm {
    csrf_token: Option<String>,
    ceremony: String,
    credential: String,
    /// What the person calls the new passkey (registration only; blank: "Passkey").
    name: Option<String>,
}

/// The password that allows making a passkey.
#[derive(FromForm)]
pub struct BeginForm {
    csrf_token: Option<String>,
    password: String,
}

crate::csrf_forms!(AnswerForm, BeginForm);

impl From<PasskeyError> for Error {
    fn from(e: PasskeyError) -> Error {
        match e {
            PasskeyError::Unavailable => Error::Conflict(e.to_string()),
            PasskeyError::Busy => Error::TooManyRequests {
                retry_after_secs: 60,
            },
            PasskeyError::Expired | PasskeyError::Refused(_) => Error::invalid(e.to_string()),
        }
    }
}

/// Settings → Passkeys; after a refusal, with the name typed and why.
async fn page(
    app: &AppState,
    user: &CurrentUser,
    flash: Option<FlashMessage<'_>>,
    name: String,
    error: Option<String>,
) -> Result<Html> {
    let id = user.0.id;
    let listed = app.db.read(move |conn| passkeys::list(conn, id)).await?;
    let lang = user.lang();
    render(&PasskeysPage {
        chrome: Chrome::new(lang.get("passkeys-title"), user.viewer(), flash),
        available: app.passkeys.available(),
        passkeys: listed
            .into_iter()
            .map(|p| PasskeyRow {
                id: p.id,
                made: lang.arg("passkeys-made", "date", lang.date(p.created_ms).as_str()),
                used: p
                    .used_ms
                    .map(|ms| lang.arg("passkeys-used", "date", lang.date(ms).as_str())),
                name: p.name,
            })
            .collect(),
        name,
        error,
    })
}

#[get("/settings/passkeys")]
async fn show(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    Ok(Reply::page(
        page(app, &user, flash, String::new(), None).await?,
    ))
}

/// The options for making a passkey: `{ceremony, publicKey}`. The password comes first: a
/// passkey signs in without it, so a session left open must not be enough to add one.
/// Checked before the browser asks the authenticator, which would otherwise keep a
/// passkey this server refuses.
#[post("/settings/passkeys/begin", data = "<form>")]
async fn begin_registration(
    app: &State<AppState>,
    user: CurrentUser,
    ip: ClientIp,
    form: CsrfForm<BeginForm>,
) -> Result<Json<Value>> {
    let failed = Entry::of(Event::FactorAdd, &user.0)
        .method("settings")
        .from(&ip.address())
        .detail("passkey");
    if !password_proves(app, &user, form.0.password, failed).await? {
        return Err(Error::invalid(user.lang().get("two-step-password-wrong")));
    }
    let id = user.0.id;
    let (handle, existing) = app
        .db
        .write(move |tx| Ok((passkeys::handle(tx, id)?, passkeys::credential_ids(tx, id)?)))
        .await?;
    let client = ip.client_key();
    let (ceremony, options) =
        app.passkeys
            .start_registration(&client, id, handle, &user.0.username, existing)?;
    Ok(Json(
        json!({"ceremony": ceremony, "publicKey": options.public_key}),
    ))
}

#[post("/settings/passkeys", data = "<form>")]
async fn finish_registration(
    app: &State<AppState>,
    user: CurrentUser,
    ip: ClientIp,
    form: CsrfForm<AnswerForm>,
) -> Result<Reply> {
    let form = form.0;
    let lang = user.lang();
    let typed = form.name.clone().unwrap_or_default();
    let name = match form.name.as_deref().map(str::trim) {
        None | Some("") => lang.get("passkeys-default-name"),
        Some(name) => match crate::domain::text::name("the passkey's name", name) {
            Ok(name) => name,
            Err(e) => {
                let html = page(app, &user, None, typed, Some(e.0)).await?;
                return Ok(Reply::invalid(html));
            }
        },
    };
    let made = app
        .passkeys
        .finish_registration(user.0.id, &form.ceremony, &form.credential);
    let (passkey, credential_id) = match made {
        Ok(made) => made,
        Err(e) => {
            let error = Some(sentence(&Error::from(e).public_message()));
            return Ok(Reply::invalid(page(app, &user, None, typed, error).await?));
        }
    };
    let id = user.0.id;
    let entry = Entry::of(Event::FactorAdd, &user.0)
        .method("settings")
        .from(&ip.address())
        .detail("passkey");
    let said = lang.arg("passkeys-added", "name", name.as_str());
    app.db
        .write(move |tx| {
            let now = db::now_ms();
            passkeys::add(tx, id, &credential_id, &name, &passkey, now)?;
            security_log::record(tx, &entry, now)
        })
        .await?;
    Ok(Reply::flash("/settings/passkeys", said))
}

#[post("/settings/passkeys/<passkey>/remove", data = "<_form>")]
async fn remove(
    app: &State<AppState>,
    user: CurrentUser,
    ip: ClientIp,
    passkey: PasskeyId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let id = user.0.id;
    let entry = Entry::of(Event::FactorRemove, &user.0)
        .method("settings")
        .from(&ip.address())
        .detail("passkey");
    let name = app
        .db
        .write(move |tx| {
            let name = passkeys::remove(tx, id, passkey)?.ok_or(Error::NotFound)?;
            security_log::record(tx, &entry, db::now_ms())?;
            Ok(name)
        })
        .await?;
    Ok(Reply::flash(
        "/settings/passkeys",
        user.lang().arg("passkeys-removed", "name", name.as_str()),
    ))
}

/// The options of a sign-in with a passkey: `{ceremony, publicKey}`.
#[post("/login/passkey/begin", data = "<_form>")]
async fn begin_sign_in(
    app: &State<AppState>,
    ip: ClientIp,
    _form: CsrfForm<EmptyForm>,
) -> Result<Json<Value>> {
    let (ceremony, options) = app.passkeys.start_sign_in(&ip.client_key())?;
    Ok(Json(
        json!({"ceremony": ceremony, "publicKey": options.public_key}),
    ))
}

#[post("/login/passkey", data = "<form>")]
async fn sign_in(
    app: &State<AppState>,
    visitor: &Visitor,
    jar: &CookieJar<'_>,
    ip: ClientIp,
    form: CsrfForm<AnswerForm>,
) -> Result<Reply> {
    let form = form.0;
    let lang = visitor.lang;
    let refuse = |status: u16, error: String| -> Result<Reply> {
        let page = login_form(app, visitor, None, String::new(), Some(error))?;
        Ok(Reply::form_error(status, page))
    };
    let answer = match app.passkeys.identify(&form.credential) {
        Ok(answer) => answer,
        Err(e) => return refuse(400, sentence(&Error::from(e).public_message())),
    };
    let address = ip.client_key();
    let from = ip.address();
    // Attempts count per address and per passkey, like a password's per username.
    let key = format!("passkey:{:?}", answer.credential_id);
    let refill = |error| login_form(app, visitor, None, String::new(), Some(error));
    let attempt = match begin_attempt(app, &address, &key, lang, refill)? {
        Ok(attempt) => attempt,
        Err(throttled) => return Ok(throttled),
    };
    let (handle, credential_id) = (answer.handle.clone(), answer.credential_id.clone());
    let found = app
        .db
        .read(move |conn| passkeys::find(conn, &handle, &credential_id))
        .await?;
    let checked = found.as_ref().map(|f| {
        app.passkeys
            .finish_sign_in(&form.ceremony, &answer, &f.passkey)
    });
    let (found, updated) = match (found, checked) {
        (Some(found), Some(Ok(updated))) => (found, updated),
        (found, checked) => {
            let used_up = attempt.uses_up().map(UsedUp::as_str);
            drop(attempt);
            if let Some(found) = &found {
                let failed = Entry::of(Event::Login, &found.user)
                    .method("passkey")
                    .from(&from);
                app.db
                    .write(move |tx| {
                        security_log::record_failed_sign_in(tx, &failed, used_up, db::now_ms())
                    })
                    .await?;
            }
            tracing::warn!(client = %address, "failed passkey sign-in");
            let why = match checked {
                Some(Err(e @ PasskeyError::Expired)) => sentence(&Error::from(e).public_message()),
                _ => lang.get("passkeys-sign-in-refused"),
            };
            return refuse(401, why);
        }
    };
    attempt.succeeded();
    let user = found.user;
    let (passkey_id, user_id) = (found.id, user.id);
    let entry = Entry::of(Event::Login, &user).method("passkey").from(&from);
    start_session(app, jar, move |tx, now| {
        passkeys::used(tx, passkey_id, updated.as_deref(), now)?;
        Ok((user_id, entry))
    })
    .await?;
    tracing::info!(user = %user.username, "logged in with a passkey");
    Ok(Reply::to("/"))
}

pub fn routes() -> Vec<Route> {
    routes![
        show,
        begin_registration,
        finish_registration,
        remove,
        begin_sign_in,
        sign_in
    ]
}
