//! Single sign-on through the household's OpenID Connect provider: the login page's
//! button and the way back from the provider, and Settings → Single sign-on (link and
//! unlink one's account). An admin's part is in `sso_members`.
//!
//! Who the way back signs in: the account linked to the provider's identity; else the
//! account an admin gave the email the provider vouches for (`email_verified`), which is
//! then linked (the email used up); else, when the operator chose a household for it and
//! no account has the email, a new member of that household; else nobody, and the page
//! says how to get linked.

use rocket::form::FromForm;
use rocket::http::CookieJar;
use rocket::request::FlashMessage;
use rocket::{Route, State, get, post, routes};

use crate::app::AppState;
use crate::auth::password;
use crate::auth::sso::{Identity, Purpose, SsoError};
use crate::db::security_log::{self, Entry, Event};
use crate::db::sso::How;
use crate::db::users::{self, Role, User};
use crate::db::{self, households, sso};
use crate::domain::text;
use crate::error::{Error, Result};
use crate::http::error::sentence;
use crate::http::guards::{
    ClientIp, CsrfForm, CurrentUser, SSO_COOKIE, Visitor, clear_sso, sso_cookie,
};
use crate::i18n::Lang;
use crate::ids::UserId;
use crate::views::sso::{LinkView, SsoPage};
use crate::views::{Chrome, Html, Viewer, render};
use crate::web::auth::{login_form, start_session};
use crate::web::forms::EmptyForm;
use crate::web::reply::Reply;
use crate::web::two_step::password_proves;

/// The password that allows linking an account (the link then signs in without it).
#[derive(FromForm)]
pub struct LinkForm {
    csrf_token: Option<String>,
    password: String,
}

crate::csrf_forms!(LinkForm);

/// The longest text of the provider's own shown on a page.
const MAX_PROVIDER_TEXT: usize = 200;

/// What a page says of `e` in `lang`, and its status. The provider's own reasons go to
/// the server's log, not to the page: they are technical, and in English.
fn refusal_of(e: &SsoError, lang: Lang) -> (u16, String) {
    let (status, id) = match e {
        SsoError::Unavailable => (404, "sso-error-unavailable"),
        SsoError::Busy => (429, "sso-error-busy"),
        SsoError::Expired => (400, "sso-error-expired"),
        SsoError::Provider(_) => (502, "sso-error-provider"),
        SsoError::Refused(why) => {
            tracing::warn!("single sign-on refused the provider's answer: {why}");
            (400, "sso-error-refused")
        }
        SsoError::Denied(code) => {
            return (401, lang.arg("sso-error-denied", "code", code.as_str()));
        }
    };
    (status, lang.get(id))
}

/// The provider's name for people: the operator's, or "single sign-on".
fn provider_name(app: &AppState, lang: Lang) -> String {
    app.sso
        .name()
        .map(str::to_string)
        .unwrap_or_else(|| lang.get("sso-provider-default"))
}

/// The login page saying why single sign-on did not sign anyone in.
fn login_refused(app: &AppState, visitor: &Visitor, status: u16, why: String) -> Result<Reply> {
    let page = login_form(app, visitor, None, String::new(), Some(why))?;
    Ok(Reply::form_error(status, page))
}

/// Sends the browser to the provider with a new flow for `purpose`.
async fn go(
    app: &AppState,
    jar: &CookieJar<'_>,
    ip: &ClientIp,
    purpose: Purpose,
) -> Result<Reply, SsoError> {
    let (flow, url) = app.sso.start(&ip.client_key(), purpose).await?;
    jar.add(sso_cookie(flow, app.config.https()));
    Ok(Reply::to(url))
}

/// The page that says `e`: Settings → Single sign-on for someone signed in, else the
/// login page.
async fn refuse(app: &AppState, visitor: &Visitor, e: &SsoError) -> Result<Reply> {
    let (status, why) = refusal_of(e, visitor.lang);
    match &visitor.user {
        Some(user) => {
            let html = page(app, user.id, visitor.viewer(), None, Some(why)).await?;
            Ok(Reply::form_error(status, html))
        }
        None => login_refused(app, visitor, status, why),
    }
}

#[get("/login/sso")]
async fn start(
    app: &State<AppState>,
    visitor: &Visitor,
    jar: &CookieJar<'_>,
    ip: ClientIp,
) -> Result<Reply> {
    if !app.sso.available() {
        return Err(Error::NotFound);
    }
    if visitor.user.is_some() {
        return Ok(Reply::to("/"));
    }
    match go(app, jar, &ip, Purpose::SignIn).await {
        Ok(reply) => Ok(reply),
        Err(e) => refuse(app, visitor, &e).await,
    }
}

/// What the provider sends the browser back with: `code` and `state`, or its `error`.
#[derive(FromForm)]
pub struct WayBack {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

#[get("/login/sso/callback?<back..>")]
async fn callback(
    app: &State<AppState>,
    visitor: &Visitor,
    jar: &CookieJar<'_>,
    ip: ClientIp,
    back: WayBack,
) -> Result<Reply> {
    if !app.sso.available() {
        return Err(Error::NotFound);
    }
    let flow = jar.get(SSO_COOKIE).map(|c| c.value().to_string());
    clear_sso(jar);
    let finished = match (flow, back.code, back.state, back.error) {
        (flow, _, _, Some(error)) => {
            if let Some(flow) = flow {
                app.sso.forget(&flow);
            }
            // Anyone can make such a link: only an error code goes on the page (an
            // OAuth code is a short lower-case word), the provider's words to the log.
            let description = back.error_description.unwrap_or_default();
            let description: String = description.chars().take(MAX_PROVIDER_TEXT).collect();
            tracing::warn!(error = %error, "the identity provider refused: {description}");
            let code = Some(error)
                .filter(|e| e.len() <= 40 && e.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
                .unwrap_or_else(|| "?".into());
            Err(SsoError::Denied(code))
        }
        (Some(flow), Some(code), Some(state), None) => app.sso.finish(&flow, code, &state).await,
        _ => Err(SsoError::Expired),
    };
    let from = ip.address();
    match (finished, &visitor.user) {
        // Signed in already (another tab went through first): nothing to start.
        (Ok((Purpose::SignIn, _)), Some(_)) => Ok(Reply::to("/")),
        (Ok((Purpose::SignIn, identity)), None) => sign_in(app, visitor, jar, identity, from).await,
        (Ok((Purpose::Link(id), identity)), Some(user)) if user.id == id => {
            link(app, visitor, user, identity, from).await
        }
        // A link asked for by someone who is not signed in here any more.
        (Ok((Purpose::Link(_), _)), _) => refuse(app, visitor, &SsoError::Expired).await,
        (Err(e), _) => refuse(app, visitor, &e).await,
    }
}

/// Signs in whoever `identity` is, if anyone (see the module's doc).
async fn sign_in(
    app: &AppState,
    visitor: &Visitor,
    jar: &CookieJar<'_>,
    identity: Identity,
    from: String,
) -> Result<Reply> {
    let household = app.sso.household().map(str::to_string);
    let addr = from.clone();
    let found = app
        .db
        .write(move |tx| account_of(tx, &identity, household.as_deref(), &addr))
        .await?;
    let Some(user) = found else {
        tracing::warn!(client = %from, "single sign-on of an identity linked to no account");
        let provider = provider_name(app, visitor.lang);
        let why = visitor
            .lang
            .arg("sso-unknown", "provider", provider.as_str());
        return login_refused(app, visitor, 403, why);
    };
    let entry = Entry::of(Event::Login, &user).method("sso").from(&from);
    let (id, username) = (user.id, user.username.clone());
    start_session(app, jar, move |tx, now| {
        sso::used(tx, id, now)?;
        Ok((id, entry))
    })
    .await?;
    tracing::info!(user = %username, "logged in with single sign-on");
    Ok(Reply::to("/"))
}

/// The account `identity` signs in to, linked or made here if need be, with the security
/// log's entries for that; `None` (logged as a failed sign-in) when there is none.
fn account_of(
    tx: &rusqlite::Transaction<'_>,
    identity: &Identity,
    household: Option<&str>,
    from: &str,
) -> Result<Option<User>> {
    let now = db::now_ms();
    let (issuer, subject, email) = (
        &identity.issuer,
        &identity.subject,
        identity.email.as_deref(),
    );
    if let Some(user) = sso::find(tx, issuer, subject)? {
        return Ok(Some(user));
    }
    let by_email = match email.filter(|_| identity.email_verified) {
        Some(email) => sso::find_by_email(tx, email)?,
        None => None,
    };
    // An account linked to another identity keeps its link, and nobody new is made for
    // an email an account has.
    let taken = match by_email {
        Some(user) if sso::link_of(tx, user.id)?.is_none() => {
            sso::link(tx, user.id, (issuer, subject), email, How::Email, now)?;
            let entry = Entry::of(Event::FactorAdd, &user)
                .method("sso-email")
                .from(from)
                .detail("sso");
            security_log::record(tx, &entry, now)?;
            return Ok(Some(user));
        }
        Some(_) => true,
        None => false,
    };
    let home = match household.filter(|_| !taken) {
        Some(name) => households::find_by_name(tx, name)?,
        None => None,
    };
    if let (Some(name), None, false) = (household, home, taken) {
        tracing::warn!("oidc-household `{name}` is no household's name: nobody new joins");
    }
    if let Some(home) = home {
        let username = sso::free_username(tx, &new_username(identity))?;
        let id = users::create(tx, home, &username, password::NONE, Role::Member, now)?;
        sso::link(tx, id, (issuer, subject), email, How::Join, now)?;
        let entry = Entry::new(Event::Join, Some(home), Some(id), &username)
            .method("sso")
            .from(from)
            .detail(Role::Member.as_str());
        security_log::record(tx, &entry, now)?;
        return Ok(Some(users::get(tx, home, id)?));
    }
    let name = identity
        .username
        .as_deref()
        .or(email)
        .and_then(|n| text::username(n).ok())
        .unwrap_or_else(|| "?".into());
    let failed = Entry::new(Event::Login, None, None, &name)
        .method("sso")
        .from(from)
        .failed();
    security_log::record(tx, &failed, now)?;
    Ok(None)
}

/// A username for a member made at their first sign-in: the provider's username, else the
/// email's name part, else their name without spaces, else "member".
fn new_username(identity: &Identity) -> String {
    let from_email = identity
        .email
        .as_deref()
        .and_then(|e| e.split('@').next())
        .map(str::to_string);
    let from_name = identity
        .name
        .as_deref()
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join("."));
    [identity.username.clone(), from_email, from_name]
        .into_iter()
        .flatten()
        .find_map(|candidate| text::username(&candidate).ok())
        .unwrap_or_else(|| "member".into())
}

/// Links the signed-in `user` to `identity` (they asked on Settings → Single sign-on).
async fn link(
    app: &AppState,
    visitor: &Visitor,
    user: &User,
    identity: Identity,
    from: String,
) -> Result<Reply> {
    let lang = visitor.lang;
    let entry = Entry::of(Event::FactorAdd, user)
        .method("settings")
        .from(&from)
        .detail("sso");
    let id = user.id;
    let shown = identity
        .email
        .clone()
        .or(identity.username.clone())
        .unwrap_or(identity.subject.clone());
    let linked = app
        .db
        .write(move |tx| {
            let now = db::now_ms();
            let of = (identity.issuer.as_str(), identity.subject.as_str());
            sso::link(tx, id, of, identity.email.as_deref(), How::Settings, now)?;
            security_log::record(tx, &entry, now)
        })
        .await;
    match linked {
        Ok(()) => Ok(Reply::flash(
            "/settings/sso",
            lang.arg("sso-linked", "who", shown.as_str()),
        )),
        Err(e @ Error::Conflict(_)) => {
            let why = sentence(&e.public_message());
            let html = page(app, id, visitor.viewer(), None, Some(why)).await?;
            Ok(Reply::form_error(409, html))
        }
        Err(e) => Err(e),
    }
}

/// Settings → Single sign-on, with a refusal when there is one.
async fn page(
    app: &AppState,
    id: UserId,
    viewer: Viewer<'_>,
    flash: Option<FlashMessage<'_>>,
    error: Option<String>,
) -> Result<Html> {
    let link = app.db.read(move |conn| sso::link_of(conn, id)).await?;
    let lang = viewer.lang;
    let provider = provider_name(app, lang);
    render(&SsoPage {
        chrome: Chrome::new(lang.get("sso-title"), viewer, flash),
        link: link.map(|l| LinkView {
            said: match &l.email {
                Some(who) => lang.with(
                    "sso-is-linked-as",
                    &[
                        ("provider", provider.as_str().into()),
                        ("who", who.as_str().into()),
                    ],
                ),
                None => lang.arg("sso-is-linked", "provider", provider.as_str()),
            },
            made: lang.arg("sso-linked-on", "date", lang.date(l.created_ms).as_str()),
            used: l
                .used_ms
                .map(|ms| lang.arg("passkeys-used", "date", lang.date(ms).as_str())),
        }),
        provider,
        error,
    })
}

#[get("/settings/sso")]
async fn settings(
    app: &State<AppState>,
    user: CurrentUser,
    flash: Option<FlashMessage<'_>>,
) -> Result<Reply> {
    if !app.sso.available() {
        return Err(Error::NotFound);
    }
    let html = page(app, user.0.id, user.viewer(), flash, None).await?;
    Ok(Reply::page(html))
}

/// Links the account: the password first (a link signs in without it), then the provider.
#[post("/settings/sso/link", data = "<form>")]
async fn start_link(
    app: &State<AppState>,
    user: CurrentUser,
    ip: ClientIp,
    jar: &CookieJar<'_>,
    form: CsrfForm<LinkForm>,
) -> Result<Reply> {
    if !app.sso.available() {
        return Err(Error::NotFound);
    }
    let lang = user.lang();
    let failed = Entry::of(Event::FactorAdd, &user.0)
        .method("settings")
        .from(&ip.address())
        .detail("sso");
    if !password_proves(app, &user, form.0.password, failed).await? {
        let why = lang.get("two-step-password-wrong");
        let html = page(app, user.0.id, user.viewer(), None, Some(why)).await?;
        return Ok(Reply::invalid(html));
    }
    match go(app, jar, &ip, Purpose::Link(user.0.id)).await {
        Ok(reply) => Ok(reply),
        Err(e) => {
            let (status, why) = refusal_of(&e, lang);
            let html = page(app, user.0.id, user.viewer(), None, Some(why)).await?;
            Ok(Reply::form_error(status, html))
        }
    }
}

#[post("/settings/sso/unlink", data = "<_form>")]
async fn unlink(
    app: &State<AppState>,
    user: CurrentUser,
    ip: ClientIp,
    _form: CsrfForm<EmptyForm>,
) -> Result<Reply> {
    let id = user.0.id;
    let entry = Entry::of(Event::FactorRemove, &user.0)
        .method("settings")
        .from(&ip.address())
        .detail("sso");
    let household = user.household();
    let lang = user.lang();
    app.db
        .write(move |tx| {
            // Without a password here, the link is their only way in.
            if users::password_hash(tx, household, id)? == password::NONE {
                return Err(Error::Conflict(lang.get("sso-unlink-no-password")));
            }
            if !sso::unlink(tx, id)? {
                return Err(Error::NotFound);
            }
            security_log::record(tx, &entry, db::now_ms())
        })
        .await?;
    Ok(Reply::flash("/settings/sso", lang.get("sso-unlinked")))
}

pub fn routes() -> Vec<Route> {
    routes![start, callback, settings, start_link, unlink]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(username: Option<&str>, email: Option<&str>, name: Option<&str>) -> Identity {
        Identity {
            issuer: "https://auth.example.org".into(),
            subject: "s".into(),
            email: email.map(str::to_string),
            email_verified: true,
            name: name.map(str::to_string),
            username: username.map(str::to_string),
        }
    }

    #[test]
    fn a_new_member_is_named_from_what_the_provider_says() {
        let cases = [
            (identity(Some("anna"), Some("a@x.org"), None), "anna"),
            (
                identity(Some("not valid!"), Some("anna.b@x.org"), None),
                "anna.b",
            ),
            (identity(None, None, Some("Anna Berg")), "Anna.Berg"),
            (identity(None, None, None), "member"),
        ];
        for (identity, expected) in cases {
            assert_eq!(new_username(&identity), expected);
        }
    }
}
