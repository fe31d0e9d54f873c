//! The second factor: the code asked for after a right password, setting up and turning
//! off an authenticator app (settings), recovery codes, and an admin's reset of a member's
//! factors.

use rocket::form::FromForm;
use rocket::http::CookieJar;
use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::auth::throttle::UsedUp;
use crate::auth::{password, token, totp};
use crate::db::security_log::{self, Entry, Event};
use crate::db::users::User;
use crate::db::{self, factors, users};
use crate::domain::text;
use crate::error::{Error, Result};
use crate::http::guards::{
    Admin, CHALLENGE_COOKIE, ClientIp, CsrfForm, CurrentUser, Visitor, clear_challenge,
};
use crate::i18n::Lang;
use crate::ids::UserId;
use crate::views::qr;
use crate::views::two_step::{Enrolment, LoginCodePage, TwoStepPage};
use crate::views::{Chrome, render};
use crate::web::auth::{begin_attempt, start_session};
use crate::web::forms::EmptyForm;
use crate::web::household::change_member;
use crate::web::reply::Reply;

/// The name apps show above the codes.
const ISSUER: &str = "aisle";

#[derive(FromForm)]
pub struct CodeForm {
    csrf_token: Option<String>,
    code: String,
}

#[derive(FromForm)]
pub struct PasswordForm {
    csrf_token: Option<String>,
    password: String,
}

crate::csrf_forms!(CodeForm, PasswordForm);

/// The user whose sign-in awaits a code in this browser, and the challenge's hash.
async fn waiting(app: &AppState, jar: &CookieJar<'_>) -> Result<Option<(User, Vec<u8>)>> {
    let Some(cookie) = jar.get(CHALLENGE_COOKIE) else {
        return Ok(None);
    };
    let hash = token::hash(cookie.value());
    let key = hash.clone();
    let user = app
        .db
        .read(move |conn| factors::challenge_user(conn, &key, db::now_ms()))
        .await?;
    Ok(user.map(|u| (u, hash)))
}

/// The code form; after a refusal, with what was typed and why.
fn code_page(visitor: &Visitor, code: String, error: Option<String>) -> Result<crate::views::Html> {
    render(&LoginCodePage {
        chrome: Chrome::new(visitor.lang.get("login-code-title"), visitor.viewer(), None),
        code,
        error,
    })
}

/// Back to the password: the sign-in is unknown or its minutes are up.
fn start_over(lang: Lang, jar: &CookieJar<'_>) -> Reply {
    clear_challenge(jar);
    Reply::flash("/login", lang.get("login-code-expired"))
}

#[get("/login/code")]
async fn code_form(app: &State<AppState>, visitor: &Visitor, jar: &CookieJar<'_>) -> Result<Reply> {
    if visitor.user.is_some() {
        return Ok(Reply::to("/"));
    }
    if waiting(app, jar).await?.is_none() {
        return Ok(start_over(visitor.lang, jar));
    }
    Ok(Reply::page(code_page(visitor, String::new(), None)?))
}

/// How a typed code proved the sign-in.
enum Proof {
    App,
    RecoveryCode,
}

/// Checks `typed` against `user`'s app (a code not used before) or their unused recovery
/// codes, using it up when it is right.
fn prove(tx: &rusqlite::Transaction<'_>, user: UserId, typed: &str) -> Result<Option<Proof>> {
    if totp::is_app_code(typed) {
        let Some(app) = factors::totp(tx, user)?.filter(|a| a.confirmed) else {
            return Ok(None);
        };
        let now = u64::try_from(db::now_ms() / 1000).unwrap_or(0);
        return match totp::check(&app.secret, typed, now, app.last_step) {
            Some(step) => {
                factors::use_step(tx, user, step)?;
                Ok(Some(Proof::App))
            }
            None => Ok(None),
        };
    }
    let used = factors::use_recovery_code(tx, user, &totp::recovery_hash(typed))?;
    Ok(used.then_some(Proof::RecoveryCode))
}

#[post("/login/code", data = "<form>")]
async fn check_code(
    app: &State<AppState>,
    visitor: &Visitor,
    jar: &CookieJar<'_>,
    ip: ClientIp,
    form: CsrfForm<CodeForm>,
) -> Result<Reply> {
    let Some((user, hash)) = waiting(app, jar).await? else {
        return Ok(start_over(visitor.lang, jar));
    };
    let address = ip.client_key();
    let from = ip.address();
    // Codes are guessed against the same allowance as passwords: the address's and the
    // account's failures in the window.
    let key = text::username_key(&user.username);
    let typed = form.0.code;
    let kept = typed.clone();
    let refill = |error| code_page(visitor, kept, Some(error));
    let attempt = match begin_attempt(app, &address, &key, visitor.lang, refill)? {
        Ok(attempt) => attempt,
        Err(throttled) => return Ok(throttled),
    };
    let id = user.id;
    let kept = typed.clone();
    let proved = app.db.write(move |tx| prove(tx, id, &typed)).await?;
    let Some(proof) = proved else {
        let used_up = attempt.uses_up();
        drop(attempt);
        let failed = Entry::of(Event::Login, &user).method("totp").from(&from);
        app.db
            .write(move |tx| {
                let spent = used_up.map(UsedUp::as_str);
                security_log::record_failed_sign_in(tx, &failed, spent, db::now_ms())
            })
            .await?;
        tracing::warn!(client = %address, "wrong second-factor code");
        let page = code_page(visitor, kept, Some(visitor.lang.get("login-code-wrong")))?;
        return Ok(Reply::form_error(401, page));
    };
    attempt.succeeded();
    let method = match proof {
        Proof::App => "totp",
        Proof::RecoveryCode => "recovery-code",
    };
    let entry = Entry::of(Event::Login, &user).method(method).from(&from);
    start_session(app, jar, move |tx, _| {
        factors::delete_challenge(tx, &hash)?;
        Ok((id, entry))
    })
    .await?;
    clear_challenge(jar);
    tracing::info!(user = %user.username, "logged in with a second factor");
    Ok(Reply::to("/"))
}

/// Settings → two-step sign-in, as it stands for `user`.
async fn page(
    app: &AppState,
    user: &CurrentUser,
    flash: Option<FlashMessage<'_>>,
    new_codes: Vec<String>,
    error: Option<String>,
) -> Result<crate::views::Html> {
    page_with_code(app, user, flash, new_codes, error, String::new()).await
}

/// [`page`] with the first code as typed kept in its box (after a wrong one).
async fn page_with_code(
    app: &AppState,
    user: &CurrentUser,
    flash: Option<FlashMessage<'_>>,
    new_codes: Vec<String>,
    error: Option<String>,
    code: String,
) -> Result<crate::views::Html> {
    let id = user.0.id;
    let (app_state, codes_left) = app
        .db
        .read(move |conn| {
            Ok((
                factors::totp(conn, id)?,
                factors::recovery_codes_left(conn, id)?,
            ))
        })
        .await?;
    let on = app_state.as_ref().is_some_and(|a| a.confirmed);
    let enrolment = app_state.filter(|a| !a.confirmed).map(|a| {
        let url = totp::otpauth_url(&a.secret, ISSUER, &user.0.username);
        Enrolment {
            qr: qr::svg_of(&url),
            secret: totp::secret_text(&a.secret),
            url,
            code: code.clone(),
        }
    });
    let lang = user.lang();
    render(&TwoStepPage {
        chrome: Chrome::new(lang.get("two-step-title"), user.viewer(), flash),
        on,
        codes_left,
        enrolment,
        new_codes,
        error,
    })
}

#[get("/settings/two-step")]
async fn show(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    Ok(Reply::page(
        page(app, &user, flash, Vec::new(), None).await?,
    ))
}

#[post("/settings/two-step/start", data = "<_form>")]
async fn start(
    app: &State<AppState>,
    user: CurrentUser,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let id = user.0.id;
    let secret = totp::new_secret();
    app.db
        .write(move |tx| factors::begin_totp(tx, id, &secret, db::now_ms()))
        .await?;
    Ok(Reply::to("/settings/two-step"))
}

/// New recovery codes for `user`, stored hashed; the codes themselves, to show once.
fn renew_codes(tx: &rusqlite::Transaction<'_>, user: UserId) -> Result<Vec<String>> {
    let codes = totp::new_recovery_codes();
    let hashes: Vec<[u8; 32]> = codes.iter().map(|c| totp::recovery_hash(c)).collect();
    factors::replace_recovery_codes(tx, user, &hashes)?;
    Ok(codes)
}

#[post("/settings/two-step/confirm", data = "<form>")]
async fn confirm(
    app: &State<AppState>,
    user: CurrentUser,
    ip: ClientIp,
    form: CsrfForm<CodeForm>,
) -> Result<Reply> {
    let id = user.0.id;
    let typed = form.0.code;
    let kept = typed.clone();
    let entry = Entry::of(Event::FactorAdd, &user.0)
        .method("settings")
        .from(&ip.address())
        .detail("totp");
    let codes = app
        .db
        .write(move |tx| {
            let Some(app) = factors::totp(tx, id)?.filter(|a| !a.confirmed) else {
                return Ok(None);
            };
            let now = u64::try_from(db::now_ms() / 1000).unwrap_or(0);
            let Some(step) = totp::check(&app.secret, &typed, now, 0) else {
                return Ok(Some(Vec::new()));
            };
            factors::confirm_totp(tx, id, step, db::now_ms())?;
            security_log::record(tx, &entry, db::now_ms())?;
            renew_codes(tx, id).map(Some)
        })
        .await?;
    let lang = user.lang();
    match codes {
        // Nothing waits for a first code (set up meanwhile, or never begun).
        None => Ok(Reply::to("/settings/two-step")),
        Some(codes) if codes.is_empty() => {
            let error = Some(lang.get("two-step-code-wrong"));
            let html = page_with_code(app, &user, None, Vec::new(), error, kept).await?;
            Ok(Reply::invalid(html))
        }
        Some(codes) => Ok(Reply::page(page(app, &user, None, codes, None).await?)),
    }
}

/// Whether `typed` is `user`'s password; a wrong one is logged as a failed `event`.
pub(crate) async fn password_proves(
    app: &AppState,
    user: &CurrentUser,
    typed: String,
    failed: Entry,
) -> Result<bool> {
    let (household, id) = (user.household(), user.0.id);
    let stored = app
        .db
        .read(move |conn| users::password_hash(conn, household, id))
        .await?;
    if password::verify_off_thread(typed, Some(stored)).await? {
        return Ok(true);
    }
    app.db
        .write(move |tx| security_log::record(tx, &failed.failed(), db::now_ms()))
        .await?;
    Ok(false)
}

#[post("/settings/two-step/recovery", data = "<form>")]
async fn new_codes(
    app: &State<AppState>,
    user: CurrentUser,
    ip: ClientIp,
    form: CsrfForm<PasswordForm>,
) -> Result<Reply> {
    let entry = Entry::of(Event::RecoveryCodes, &user.0)
        .method("settings")
        .from(&ip.address());
    if !password_proves(app, &user, form.0.password, entry.clone()).await? {
        let error = Some(user.lang().get("two-step-password-wrong"));
        return Ok(Reply::invalid(
            page(app, &user, None, Vec::new(), error).await?,
        ));
    }
    let id = user.0.id;
    let codes = app
        .db
        .write(move |tx| {
            if !factors::has_second_factor(tx, id)? {
                return Ok(Vec::new());
            }
            security_log::record(tx, &entry, db::now_ms())?;
            renew_codes(tx, id)
        })
        .await?;
    Ok(Reply::page(page(app, &user, None, codes, None).await?))
}

#[post("/settings/two-step/off", data = "<form>")]
async fn turn_off(
    app: &State<AppState>,
    user: CurrentUser,
    ip: ClientIp,
    form: CsrfForm<PasswordForm>,
) -> Result<Reply> {
    let entry = Entry::of(Event::FactorRemove, &user.0)
        .method("settings")
        .from(&ip.address())
        .detail("totp");
    if !password_proves(app, &user, form.0.password, entry.clone()).await? {
        let error = Some(user.lang().get("two-step-password-wrong"));
        return Ok(Reply::invalid(
            page(app, &user, None, Vec::new(), error).await?,
        ));
    }
    let id = user.0.id;
    app.db
        .write(move |tx| {
            if factors::remove_app(tx, id)? {
                security_log::record(tx, &entry, db::now_ms())?;
            }
            factors::delete_challenges_for(tx, id)
        })
        .await?;
    Ok(Reply::flash(
        "/settings/two-step",
        user.lang().get("two-step-turned-off"),
    ))
}

/// An admin's reset of a member's second factors, for a member who lost their phone and
/// their recovery codes: they sign in with their password alone and can set up an app
/// again.
#[post("/household/members/<id>/factors", data = "<_form>")]
async fn reset_factors(
    app: &State<AppState>,
    admin: Admin,
    lang: Lang,
    id: UserId,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    if id == admin.0.id {
        return Err(Error::invalid(
            "you cannot reset your own two-step sign-in here; turn it off in Settings, \
             with your password",
        ));
    }
    let action = "reset their two-step sign-in";
    let (name, ()) = change_member(app, &admin, id, action, move |tx, member| {
        let removed = factors::remove_all(tx, id)?;
        factors::delete_challenges_for(tx, id)?;
        Ok(((), removed.then(|| Entry::of(Event::FactorReset, member))))
    })
    .await?;
    Ok(Reply::flash(
        "/household",
        lang.arg("household-factors-reset", "name", &name),
    ))
}

pub fn routes() -> Vec<Route> {
    routes![
        code_form,
        check_code,
        show,
        start,
        confirm,
        new_codes,
        turn_off,
        reset_factors
    ]
}
