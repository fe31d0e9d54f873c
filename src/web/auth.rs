//! Setup, login, logout and joining by invite.

use std::time::Instant;

use rocket::form::FromForm;
use rocket::http::CookieJar;
use rocket::request::{self, FlashMessage, FromRequest, Request};
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::auth::throttle::{Attempt, UsedUp};
use crate::auth::{password, token};
use crate::db::security_log::{self, Entry, Event};
use crate::db::users::Role;
use crate::db::{self, factors, households, invites, prices, sessions, users};
use crate::domain::{money, text};
use crate::error::{Error, Result};
use crate::http::error::sentence;
use crate::http::guards::{
    CHALLENGE_MINUTES, ClientIp, CsrfForm, Visitor, challenge_cookie, clear_session, session_cookie,
};
use crate::i18n::Lang;
use crate::ids::UserId;
use crate::views::{Chrome, Html, InvitePage, LanguageChoice, LoginPage, SetupPage, render};
use crate::web::forms::EmptyForm;
use crate::web::reply::{Reply, refusal};

#[derive(FromForm)]
pub struct LoginForm {
    csrf_token: Option<String>,
    username: String,
    password: String,
}

#[derive(FromForm)]
pub struct SetupForm {
    csrf_token: Option<String>,
    token: String,
    household: String,
    /// Absent from older forms and scripts: the household then counts in EUR.
    currency: Option<String>,
    /// The household's language (a `Lang` code); absent or empty: the page's language.
    language: Option<String>,
    username: String,
    password: String,
}

#[derive(FromForm)]
pub struct InviteForm {
    csrf_token: Option<String>,
    username: String,
    password: String,
}

crate::csrf_forms!(LoginForm, SetupForm, InviteForm);

/// Starts a session, rotated at every login, for the user `user` returns: one that just
/// proved its password, or one it creates in the same transaction; the security log gets
/// the entry it returns in that transaction too. Only the token's hash is stored; the
/// token goes in the cookie.
pub(crate) async fn start_session<F>(app: &AppState, jar: &CookieJar<'_>, user: F) -> Result<()>
where
    F: FnOnce(&rusqlite::Transaction<'_>, i64) -> Result<(UserId, Entry)> + Send + 'static,
{
    let token = token::generate();
    let hash = token::hash(&token);
    let days = app.config.session_days;
    app.db
        .write(move |tx| {
            let now = db::now_ms();
            let (user, entry) = user(tx, now)?;
            security_log::record(tx, &entry, now)?;
            sessions::create(tx, user, &hash, now, now + i64::from(days) * 86_400_000)
        })
        .await?;
    jar.add(session_cookie(token, app.config.https(), days));
    Ok(())
}

/// Starts waiting for `user`'s second factor: their password was right. The browser keeps
/// a token for a few minutes; the code page finds the sign-in by it.
pub async fn challenge(app: &AppState, jar: &CookieJar<'_>, user: UserId) -> Result<Reply> {
    let token = token::generate();
    let hash = token::hash(&token);
    let expires = db::now_ms() + CHALLENGE_MINUTES * 60_000;
    app.db
        .write(move |tx| factors::create_challenge(tx, &hash, user, expires))
        .await?;
    jar.add(challenge_cookie(token, app.config.https()));
    Ok(Reply::to("/login/code"))
}

/// Begins a sign-in attempt (a password, a code, a passkey) of `key` from `address`,
/// counted as a failure until it succeeds. When the address or the key has no attempts
/// left, the page `form` draws with the sentence saying when to try again is the answer
/// (429), before any password or code is checked.
pub(crate) fn begin_attempt<'a>(
    app: &'a AppState,
    address: &str,
    key: &str,
    lang: Lang,
    form: impl FnOnce(String) -> Result<Html>,
) -> Result<std::result::Result<Attempt<'a>, Reply>> {
    match app.throttle.begin(address, key, Instant::now()) {
        Ok(attempt) => Ok(Ok(attempt)),
        Err(secs) => {
            let refused = Error::TooManyRequests {
                retry_after_secs: secs,
            };
            let page = form(sentence(&refused.page_message(lang)))?;
            Ok(Err(Reply::throttled(page, secs)))
        }
    }
}

/// The login page: the username kept, a refusal, and the passkey button where passkeys
/// work.
pub(crate) fn login_form(
    app: &AppState,
    visitor: &Visitor,
    flash: Option<FlashMessage<'_>>,
    username: String,
    error: Option<String>,
) -> Result<Html> {
    render(&LoginPage {
        chrome: Chrome::new(visitor.lang.get("login-title"), visitor.viewer(), flash),
        username,
        error,
        passkey_script: app
            .passkeys
            .available()
            .then(|| crate::views::assets::url("passkey.js")),
        sso_button: app.sso.available().then(|| match app.sso.name() {
            Some(name) => visitor.lang.arg("sso-log-in-with", "provider", name),
            None => visitor.lang.get("sso-log-in"),
        }),
    })
}

#[get("/login")]
fn login_page(
    app: &State<AppState>,
    visitor: &Visitor,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    if visitor.user.is_some() {
        return Ok(Reply::to("/"));
    }
    login_form(app, visitor, flash, String::new(), None).map(Reply::page)
}

#[post("/login", data = "<form>")]
async fn login(
    app: &State<AppState>,
    visitor: &Visitor,
    jar: &CookieJar<'_>,
    ip: ClientIp,
    form: CsrfForm<LoginForm>,
) -> Result<Reply> {
    let form = form.0;
    let address = ip.client_key();
    let from = ip.address();
    // The form again, with the username kept, when there are no attempts left.
    let key = text::username_key(&form.username);
    let typed = form.username.clone();
    let refill = |error| login_form(app, visitor, None, typed, Some(error));
    let attempt = match begin_attempt(app, &address, &key, visitor.lang, refill)? {
        Ok(attempt) => attempt,
        Err(throttled) => return Ok(throttled),
    };
    let username = form.username.clone();
    let password = form.password;
    let found = app
        .db
        .read(move |conn| users::find_for_login(conn, &username))
        .await?;
    let (user, stored) = found.unzip();
    // The same argon2 work whether or not the user exists.
    let ok = password::verify_off_thread(password, stored).await?;
    if !ok {
        log_failed_login(app, form.username.clone(), from.clone(), attempt.uses_up()).await?;
    }
    let found = user.filter(|_| ok);
    let Some(user) = found else {
        drop(attempt);
        tracing::warn!(client = %address, "failed login");
        let error = Some(visitor.lang.get("login-wrong"));
        let page = login_form(app, visitor, None, form.username, error)?;
        return Ok(Reply::form_error(401, page));
    };
    attempt.succeeded();
    let id = user.id;
    if app
        .db
        .read(move |conn| factors::has_second_factor(conn, id))
        .await?
    {
        // The password was right; the code from the app comes next.
        return challenge(app, jar, id).await;
    }
    let entry = Entry::of(Event::Login, &user)
        .method("password")
        .from(&from);
    start_session(app, jar, move |_, _| Ok((user.id, entry))).await?;
    tracing::info!(user = %user.username, "logged in");
    Ok(Reply::to("/"))
}

/// Logs a failed sign-in, and the lockout it caused: under the account the name is, in its
/// household; under no household with the name as typed when it is no account's, or as
/// `?` when it could not be a username at all (it may be a password typed in the wrong
/// box). Looked up in the write, so an account deleted meanwhile is simply no account.
async fn log_failed_login(
    app: &AppState,
    typed: String,
    from: String,
    used_up: Option<UsedUp>,
) -> Result<()> {
    app.db
        .write(move |tx| {
            let now = db::now_ms();
            let (household, id, name) = match users::find_by_username(tx, &typed)? {
                Some(u) => (Some(u.household_id), Some(u.id), u.username),
                None => (
                    None,
                    None,
                    text::username(&typed).unwrap_or_else(|_| "?".into()),
                ),
            };
            let login = Entry::new(Event::Login, household, id, &name)
                .method("password")
                .from(&from);
            security_log::record_failed_sign_in(tx, &login, used_up.map(UsedUp::as_str), now)?;
            Ok(())
        })
        .await
}

#[post("/logout", data = "<_form>")]
async fn logout(
    app: &State<AppState>,
    visitor: &Visitor,
    browser: BrowserLang,
    jar: &CookieJar<'_>,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    if let Some(hash) = visitor.session_hash.clone() {
        app.db.write(move |tx| sessions::delete(tx, &hash)).await?;
    }
    clear_session(jar);
    // Said on the login page, which is in the browser's language.
    Ok(Reply::flash("/login", browser.0.get("logout-done")))
}

/// Setup is open while the instance has no household, to whoever has the token the server
/// printed in its log.
async fn check_setup(app: &AppState, offered: &str) -> Result<()> {
    if !app.db.read(households::instance_is_empty).await? {
        return Err(Error::NotFound);
    }
    let expected = app.setup_token.lock().unwrap_or_else(|e| e.into_inner());
    match expected.as_deref() {
        Some(t) if token::constant_time_eq(t, offered) => Ok(()),
        _ => Err(Error::Forbidden(
            "this setup link is missing its token or the token is wrong; \
             use the exact /setup?token=… link the server printed in its log"
                .into(),
        )),
    }
}

/// The language of the visitor's browser, whatever language they chose: the language of
/// the login page a logged-out person sees next.
pub struct BrowserLang(pub Lang);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for BrowserLang {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, Self::Error> {
        let languages = req.headers().get_one("Accept-Language");
        request::Outcome::Success(BrowserLang(Lang::choose(None, languages)))
    }
}

/// The currency the visitor's browser languages suggest (`de-CH` → CHF), EUR when they
/// name no region: the setup form's default, which the person confirms.
struct LocalCurrency(String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for LocalCurrency {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, Self::Error> {
        let languages = req.headers().get_one("Accept-Language").unwrap_or("");
        let currency = money::currency_for_languages(languages).unwrap_or_else(|| "EUR".into());
        request::Outcome::Success(LocalCurrency(currency))
    }
}

#[get("/setup?<token>")]
async fn setup_page(
    app: &State<AppState>,
    visitor: &Visitor,
    local: LocalCurrency,
    token: Option<String>,
) -> Result<Reply> {
    let token = token.unwrap_or_default();
    check_setup(app, &token).await?;
    let lang = visitor.lang;
    Ok(Reply::page(render(&SetupPage {
        chrome: Chrome::new(lang.get("setup-title"), visitor.viewer(), None),
        token,
        household: String::new(),
        currency: local.0,
        languages: LanguageChoice::all(lang, Some(lang)),
        username: String::new(),
        error: None,
    })?))
}

/// A new account's username and password hash, once both pass their checks (a refusal
/// says what to fix).
async fn new_account(username: &str, password: &str) -> Result<(String, String)> {
    let username = text::username(username)?;
    password::check_policy(password)?;
    Ok((username, password::hash_off_thread(password.into()).await?))
}

#[post("/setup", data = "<form>")]
async fn setup(
    app: &State<AppState>,
    visitor: &Visitor,
    jar: &CookieJar<'_>,
    ip: ClientIp,
    form: CsrfForm<SetupForm>,
) -> Result<Reply> {
    let form = form.0;
    check_setup(app, &form.token).await?;
    let page = visitor.lang;
    // The household's language: the one picked, else the page's (so a German browser
    // gets German default categories).
    let language = match form.language.as_deref().map(str::trim) {
        None | Some("") => Some(page),
        Some(code) => Lang::from_code(code),
    };
    let rerender = |error: String| {
        render(&SetupPage {
            chrome: Chrome::new(page.get("setup-title"), visitor.viewer(), None),
            token: form.token.clone(),
            household: form.household.clone(),
            currency: form.currency.clone().unwrap_or_default(),
            languages: LanguageChoice::all(page, Some(language.unwrap_or(page))),
            username: form.username.clone(),
            error: Some(error),
        })
        .map(Reply::invalid)
    };
    let Some(language) = language else {
        return rerender(page.get("account-language-unknown"));
    };
    let household = match text::name("the household name", &form.household) {
        Ok(h) => h,
        Err(e) => return rerender(e.0),
    };
    let currency = match money::currency(form.currency.as_deref().unwrap_or("EUR")) {
        Ok(c) => c,
        Err(e) => return rerender(e.0),
    };
    let (username, hash) = match new_account(&form.username, &form.password).await {
        Ok(account) => account,
        Err(e) => return rerender(refusal(e)?),
    };
    let from = ip.address();
    let created = start_session(app, jar, move |tx, now| {
        if !households::instance_is_empty(tx)? {
            return Err(Error::NotFound);
        }
        let h = households::create_in(tx, &household, language, now)?;
        prices::set_household_currency(tx, h, &currency)?;
        let user = users::create(tx, h, &username, &hash, Role::Admin, now)?;
        // The setup account runs the server: jobs, backups, who else may.
        users::set_instance_admin(tx, user, true)?;
        let entry = Entry::new(Event::Setup, Some(h), Some(user), &username).from(&from);
        Ok((user, entry))
    })
    .await;
    match created {
        Err(e @ (Error::Invalid(_) | Error::Conflict(_))) => return rerender(e.public_message()),
        created => created?,
    }
    *app.setup_token.lock().unwrap_or_else(|e| e.into_inner()) = None;
    tracing::info!("setup finished: first household and admin created");
    Ok(Reply::flash("/", page.get("setup-welcome")))
}

/// The invite `state` as a usable invite, or a refusal saying what became of it: a used
/// or expired link is gone (410), an unknown one is not found (404).
fn usable(state: invites::InviteState) -> Result<invites::Invite> {
    let ask = "ask someone in the household to make a new one on their Household page";
    match state {
        invites::InviteState::Valid(invite) => Ok(invite),
        invites::InviteState::Used => Err(Error::Gone(format!(
            "this invite link was already used: each link works only once; {ask}"
        ))),
        invites::InviteState::Expired => Err(Error::Gone(format!(
            "this invite link has expired: links work for 7 days; {ask}"
        ))),
        invites::InviteState::Unknown => Err(Error::Missing(format!(
            "this invite link is not known: check that it was copied whole, or {ask}"
        ))),
    }
}

/// The name of the household a valid invite joins; a used or expired one is gone (410),
/// an unknown one is not found (404).
async fn invited_to(app: &AppState, hash: Vec<u8>) -> Result<String> {
    app.db
        .read(move |conn| {
            let invite = usable(invites::state(conn, &hash, db::now_ms())?)?;
            Ok(households::get(conn, invite.household_id)?.name)
        })
        .await
}

#[get("/invite/<token>")]
async fn invite_page(app: &State<AppState>, visitor: &Visitor, token: &str) -> Result<Reply> {
    let household = invited_to(app, token::hash(token)).await?;
    Ok(Reply::page(render(&InvitePage {
        chrome: Chrome::new(visitor.lang.get("join-title"), visitor.viewer(), None),
        token: token.to_string(),
        household,
        username: String::new(),
        error: None,
    })?))
}

#[post("/invite/<token>", data = "<form>")]
async fn accept_invite(
    app: &State<AppState>,
    visitor: &Visitor,
    jar: &CookieJar<'_>,
    ip: ClientIp,
    token: &str,
    form: CsrfForm<InviteForm>,
) -> Result<Reply> {
    let form = form.0;
    let hash = token::hash(token);
    let household_name = invited_to(app, hash.clone()).await?;
    let rerender = |error: String| {
        render(&InvitePage {
            chrome: Chrome::new(visitor.lang.get("join-title"), visitor.viewer(), None),
            token: token.to_string(),
            household: household_name.clone(),
            username: form.username.clone(),
            error: Some(error),
        })
        .map(Reply::invalid)
    };
    let (username, pw_hash) = match new_account(&form.username, &form.password).await {
        Ok(account) => account,
        Err(e) => return rerender(refusal(e)?),
    };
    let from = ip.address();
    let created = start_session(app, jar, move |tx, now| {
        let invite = usable(invites::state(tx, &hash, now)?)?;
        invites::mark_used(tx, invite.id, now)?;
        let household = invite.household_id;
        let user = users::create(tx, household, &username, &pw_hash, invite.role, now)?;
        let entry = Entry::new(Event::Join, Some(household), Some(user), &username)
            .method("invite")
            .from(&from)
            .detail(invite.role.as_str());
        Ok((user, entry))
    })
    .await;
    match created {
        Err(e @ Error::Conflict(_)) => return rerender(e.public_message()),
        created => created?,
    }
    let welcome = visitor
        .lang
        .arg("join-welcome", "household", &household_name);
    Ok(Reply::flash("/", welcome))
}

pub fn routes() -> Vec<Route> {
    routes![
        login_page,
        login,
        logout,
        setup_page,
        setup,
        invite_page,
        accept_invite
    ]
}
