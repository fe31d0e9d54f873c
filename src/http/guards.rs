//! Request guards: who is asking (session or API token), CSRF and origin, client address,
//! the public URL.
//!
//! A guard that fails leaves its message in the request's local cache for the catcher
//! (`web::error`) to show, since Rocket only passes the status on.

use std::net::IpAddr;
use std::sync::Mutex;

use rocket::data::{self, Data, FromData};
use rocket::form::{Form, FromForm};
use rocket::http::{Cookie, CookieJar, Method, SameSite, Status};
use rocket::outcome::{Outcome, try_outcome};
use rocket::request::{self, FromParam, FromRequest, Request};

use crate::app::AppState;
use crate::auth::token;
use crate::config::Origin;
use crate::db::sessions::Login;
use crate::db::users::User;
use crate::db::{self, sessions, tokens};
use crate::door::{CLIENT_IP_HEADER, DOOR_HEADER, REACHED_IP_HEADER};
use crate::error::Error;
use crate::i18n::Lang;
use crate::ids::*;

pub const SESSION_COOKIE: &str = "aisle_session";
pub const ANON_COOKIE: &str = "aisle_csrf";
/// A sign-in whose password was right, waiting for its second factor.
pub const CHALLENGE_COOKIE: &str = "aisle_login";
/// How long a sign-in waits for its second factor.
pub const CHALLENGE_MINUTES: i64 = 5;
const HOUR_MS: i64 = 3600 * 1000;

/// The message of a failed guard, for the catcher.
#[derive(Default)]
pub struct GuardError(pub Mutex<Option<String>>);

pub fn fail<T, E: Default, F>(req: &Request<'_>, err: Error) -> Outcome<T, (Status, E), F> {
    let status = Status::from_code(err.status_code()).unwrap_or(Status::InternalServerError);
    if status.code >= 500 {
        tracing::error!(method = %req.method(), path = %req.uri().path(), "{err}");
    }
    let cache = req.local_cache(GuardError::default);
    if let Ok(mut slot) = cache.0.lock() {
        *slot = Some(err.public_message());
    }
    Outcome::Error((status, E::default()))
}

pub fn state<'r>(req: &'r Request<'_>) -> &'r AppState {
    req.rocket()
        .state::<AppState>()
        .expect("AppState is managed by server::build")
}

/// Who is visiting: the logged-in user if any, and the CSRF token their forms must carry.
pub struct Visitor {
    pub user: Option<User>,
    pub session_hash: Option<Vec<u8>>,
    pub csrf: String,
    /// The language of their pages ([`Lang::choose`]).
    pub lang: Lang,
}

impl Visitor {
    /// What a page's chrome shows of this visitor.
    pub fn viewer(&self) -> crate::views::Viewer<'_> {
        crate::views::Viewer {
            csrf: &self.csrf,
            user: self.user.as_ref(),
            lang: self.lang,
        }
    }
}

/// The language of a request's pages: the visitor's, when a guard has looked them up,
/// else the best match for the browser's `Accept-Language`.
pub fn request_lang(req: &Request<'_>) -> Lang {
    match cached_visitor(req) {
        Some(visitor) => visitor.lang,
        None => Lang::choose(None, req.headers().get_one("Accept-Language")),
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Lang {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        Outcome::Success(request_lang(req))
    }
}

/// A cookie for the whole site that scripts cannot read and other sites' forms do not get.
fn cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((name, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .path("/")
        .build()
}

pub fn session_cookie(token: String, secure: bool, days: u32) -> Cookie<'static> {
    let mut session = cookie(SESSION_COOKIE, token, secure);
    session.set_max_age(rocket::time::Duration::days(days.into()));
    session
}

/// The cookie of a sign-in waiting for its second factor.
pub fn challenge_cookie(token: String, secure: bool) -> Cookie<'static> {
    let mut challenge = cookie(CHALLENGE_COOKIE, token, secure);
    challenge.set_max_age(rocket::time::Duration::minutes(CHALLENGE_MINUTES));
    challenge
}

pub fn clear_challenge(jar: &CookieJar<'_>) {
    jar.remove(Cookie::build(CHALLENGE_COOKIE).path("/"));
}

/// The cookie of a single sign-on under way at the provider: the browser that started it
/// is the one that finishes it.
pub const SSO_COOKIE: &str = "aisle_sso";

pub fn sso_cookie(flow: String, secure: bool) -> Cookie<'static> {
    let mut sso = cookie(SSO_COOKIE, flow, secure);
    sso.set_max_age(rocket::time::Duration::minutes(10));
    sso
}

pub fn clear_sso(jar: &CookieJar<'_>) {
    jar.remove(Cookie::build(SSO_COOKIE).path("/"));
}

/// A bookkeeping write of a guard (a session's sliding expiry, a token's last use): when the
/// database is busy it is skipped, to be tried on a later request, rather than fail the
/// request it rides on. True when it was written.
fn best_effort(written: Result<(), Error>) -> bool {
    match written {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!("skipped a session or token bookkeeping write: {e}");
            false
        }
    }
}

async fn load_visitor(req: &Request<'_>) -> Result<Visitor, Error> {
    let app = state(req);
    let accept_language = req.headers().get_one("Accept-Language");
    let jar = req.cookies();
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
        let hash = token::hash(&token);
        let session_ms = i64::from(app.config.session_days) * 24 * HOUR_MS;
        let now = db::now_ms();
        let lookup_hash = hash.clone();
        let found = app
            .db
            .read(move |conn| sessions::lookup(conn, &lookup_hash, now))
            .await?;
        if let Some((user, expires)) = found {
            // Sliding expiry, written at most once an hour per session.
            if now + session_ms - expires > HOUR_MS {
                let extend_hash = hash.clone();
                let extended = app
                    .db
                    .write(move |tx| sessions::extend(tx, &extend_hash, now + session_ms))
                    .await;
                if best_effort(extended) {
                    jar.add(session_cookie(
                        token.clone(),
                        app.config.https(),
                        app.config.session_days,
                    ));
                }
            }
            return Ok(Visitor {
                lang: Lang::choose(user.language.as_deref(), accept_language),
                user: Some(user),
                session_hash: Some(hash),
                csrf: token::derive("csrf", &token),
            });
        }
        clear_session(jar);
    }
    let anon = match jar.get(ANON_COOKIE) {
        Some(c) if c.value().len() >= 32 => c.value().to_string(),
        _ => {
            let t = token::generate();
            jar.add(cookie(ANON_COOKIE, t.clone(), app.config.https()));
            t
        }
    };
    Ok(Visitor {
        user: None,
        session_hash: None,
        csrf: token::derive("csrf", &anon),
        lang: Lang::choose(None, accept_language),
    })
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for &'r Visitor {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        let cached = req
            .local_cache_async(async {
                load_visitor(req).await.map_err(|e| {
                    tracing::warn!(path = %req.uri().path(), "looking up the visitor: {e}");
                    e.public_message()
                })
            })
            .await;
        match cached {
            Ok(v) => Outcome::Success(v),
            Err(msg) => fail(req, Error::Unavailable(msg.clone())),
        }
    }
}

/// The visitor, when a guard of this request has already looked them up (error pages show
/// the header that goes with them); `None` otherwise, or when looking them up failed.
pub fn cached_visitor<'r>(req: &'r Request<'_>) -> Option<&'r Visitor> {
    req.local_cache(|| Err::<Visitor, String>(String::new()))
        .as_ref()
        .ok()
}

/// A logged-in user (from the session cookie), with the CSRF token their forms carry;
/// pages redirect to /login otherwise.
pub struct CurrentUser(pub User, String, Lang);

impl CurrentUser {
    pub fn household(&self) -> HouseholdId {
        self.0.household_id
    }

    /// The language of this user's pages.
    pub fn lang(&self) -> Lang {
        self.2
    }

    /// What a page's chrome shows of this user.
    pub fn viewer(&self) -> crate::views::Viewer<'_> {
        crate::views::Viewer {
            csrf: &self.1,
            user: Some(&self.0),
            lang: self.2,
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CurrentUser {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        let visitor = try_outcome!(req.guard::<&Visitor>().await);
        match &visitor.user {
            Some(u) => Outcome::Success(CurrentUser(u.clone(), visitor.csrf.clone(), visitor.lang)),
            None => fail(req, Error::Unauthorized),
        }
    }
}

/// A logged-in household admin.
pub struct Admin(pub User);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Admin {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        let CurrentUser(user, ..) = try_outcome!(CurrentUser::from_request(req).await);
        if !user.is_admin() {
            let refused = Error::Forbidden("only an admin of the household can do that".into());
            return fail(req, refused);
        }
        Outcome::Success(Admin(user))
    }
}

/// The user of a JSON API request: `Authorization: Bearer <token>`, or the session cookie
/// plus an `X-CSRF-Token` header on unsafe methods; and which of the two it came by.
pub struct ApiUser(pub User, pub Login);

impl ApiUser {
    pub fn household(&self) -> HouseholdId {
        self.0.household_id
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ApiUser {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        if let Some(auth) = req.headers().get_one("Authorization") {
            // The scheme's name is case-insensitive (RFC 9110 §11.1).
            let bearer = auth
                .trim_start()
                .split_once(' ')
                .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
                .map(|(_, t)| t.trim())
                .filter(|t| !t.is_empty());
            let Some(bearer) = bearer else {
                return fail(req, Error::Unauthorized);
            };
            let hash = token::hash(bearer);
            let app = state(req);
            let now = db::now_ms();
            let found = app
                .db
                .read(move |conn| tokens::lookup(conn, &hash, now))
                .await;
            return match found {
                Ok(Some((user, id, due))) => {
                    if due {
                        best_effort(app.db.write(move |tx| tokens::touch(tx, id, now)).await);
                    }
                    Outcome::Success(ApiUser(user, Login::Token(id)))
                }
                Ok(None) => fail(req, Error::Unauthorized),
                Err(e) => fail(req, e),
            };
        }
        let visitor = try_outcome!(req.guard::<&Visitor>().await);
        let (Some(user), Some(session)) = (&visitor.user, &visitor.session_hash) else {
            return fail(req, Error::Unauthorized);
        };
        if !matches!(req.method(), Method::Get | Method::Head | Method::Options) {
            if let Err(e) = check_origin(req) {
                return fail(req, e);
            }
            let sent = req.headers().get_one("X-CSRF-Token").unwrap_or("");
            if !token::constant_time_eq(sent, &visitor.csrf) {
                return fail(
                    req,
                    Error::Forbidden("missing or wrong X-CSRF-Token header".into()),
                );
            }
        }
        Outcome::Success(ApiUser(user.clone(), Login::Session(session.clone())))
    }
}

/// True when the front door passed this request on (it carries the door's secret); only
/// then are the client address and scheme it adds believed.
fn from_front_door(req: &Request<'_>) -> bool {
    req.headers()
        .get_one(DOOR_HEADER)
        .is_some_and(|sent| token::constant_time_eq(sent, &state(req).door_secret))
}

/// The client's address: as the front door saw it, or else the socket peer (a local
/// process talking to Rocket's loopback port directly cannot claim another address).
pub fn client_ip(req: &Request<'_>) -> Option<IpAddr> {
    if from_front_door(req) {
        door_ip(req, CLIENT_IP_HEADER)
    } else {
        req.remote().map(|peer| peer.ip())
    }
}

/// The machine's own address the client's connection reached, as the front door saw it.
fn reached_ip(req: &Request<'_>) -> Option<IpAddr> {
    from_front_door(req).then(|| door_ip(req, REACHED_IP_HEADER))?
}

/// An address the front door wrote in `header`.
fn door_ip(req: &Request<'_>, header: &str) -> Option<IpAddr> {
    req.headers().get_one(header)?.trim().parse().ok()
}

/// The origin the browser sent this request to: the scheme it used (HTTPS when the front
/// door terminated TLS, or when `secure_cookies` says a TLS proxy sits in front of aisle)
/// and the `Host` header.
fn request_origin(req: &Request<'_>) -> Option<Origin> {
    let https = state(req).config.secure_cookies
        || from_front_door(req) && req.headers().get_one("X-Forwarded-Proto") == Some("https");
    let scheme = if https { "https" } else { "http" };
    Origin::from_authority(scheme, req.headers().get_one("Host")?)
}

/// Refuses cross-site unsafe requests: the `Origin` (when sent) must be the public URL's
/// origin or the one the request was sent to, scheme, host and port alike.
pub fn check_origin(req: &Request<'_>) -> Result<(), Error> {
    let refused = || {
        Error::Forbidden(
            "this form was sent from another site (the Origin header does not match); \
             reload the page and try again"
                .into(),
        )
    };
    match req.headers().get_one("Origin") {
        Some(origin) => {
            let Some(origin) = Origin::parse(origin) else {
                return Err(refused());
            };
            let public = state(req).config.public_origin_via(reached_ip(req)).ok();
            if public.as_ref() != Some(&origin) && request_origin(req).as_ref() != Some(&origin) {
                return Err(refused());
            }
        }
        None => {
            if req.headers().get_one("Sec-Fetch-Site") == Some("cross-site") {
                return Err(refused());
            }
        }
    }
    Ok(())
}

/// A form that carries a `csrf_token` field.
pub trait HasCsrf {
    fn csrf_token(&self) -> Option<&str>;
}

/// Implements [`HasCsrf`] for form structs with a `csrf_token: Option<String>` field.
#[macro_export]
macro_rules! csrf_forms {
    ($($form:ty),* $(,)?) => {$(
        impl $crate::http::guards::HasCsrf for $form {
            fn csrf_token(&self) -> Option<&str> {
                self.csrf_token.as_deref()
            }
        }
    )*};
}

/// A form whose origin and CSRF token have been checked. Every unsafe browser form uses it.
pub struct CsrfForm<T>(pub T);

#[rocket::async_trait]
impl<'r, T: FromForm<'r> + HasCsrf + Send> FromData<'r> for CsrfForm<T> {
    type Error = ();

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        if let Err(e) = check_origin(req) {
            return fail(req, e);
        }
        let visitor = match req.guard::<&Visitor>().await {
            Outcome::Success(v) => v,
            Outcome::Error((s, ())) => return Outcome::Error((s, ())),
            Outcome::Forward(s) => {
                return fail(req, Error::Internal(format!("visitor forwarded: {s}")));
            }
        };
        let form = match Form::<T>::from_data(req, data).await {
            Outcome::Success(f) => f.into_inner(),
            Outcome::Error((status, errors)) => {
                let err = if status == Status::PayloadTooLarge {
                    Error::PayloadTooLarge
                } else {
                    tracing::debug!(path = %req.uri().path(), "form refused: {errors}");
                    Error::bad_request(crate::http::plain::form_errors(&errors))
                };
                return fail(req, err);
            }
            Outcome::Forward(f) => return Outcome::Forward(f),
        };
        match form.csrf_token() {
            Some(t) if token::constant_time_eq(t, &visitor.csrf) => {
                Outcome::Success(CsrfForm(form))
            }
            _ => fail(
                req,
                Error::Forbidden(
                    "the form's security token is missing or out of date (CSRF check failed); \
                     go back, reload the page and try again"
                        .into(),
                ),
            ),
        }
    }
}

/// The client's address (see [`client_ip`]).
pub struct ClientIp(pub Option<IpAddr>);

impl ClientIp {
    /// The address as the security log writes it; empty when unknown.
    pub fn address(&self) -> String {
        self.0.map(|ip| ip.to_string()).unwrap_or_default()
    }

    /// The address as limits count it (an IPv6 client by its /64); empty when unknown.
    pub fn client_key(&self) -> String {
        self.0
            .map(|ip| crate::door::client_key(ip).to_string())
            .unwrap_or_default()
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ClientIp {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        Outcome::Success(ClientIp(client_ip(req)))
    }
}

macro_rules! id_params {
    ($($id:ident),*) => {$(
        impl<'a> FromParam<'a> for $id {
            type Error = &'a str;
            fn from_param(param: &'a str) -> Result<Self, Self::Error> {
                param.parse::<i64>().ok().filter(|n| *n > 0).map($id).ok_or(param)
            }
        }
    )*};
}

id_params!(
    ListId, ItemId, CategoryId, StoreId, TokenId, InviteId, UserId, ProductId, TemplateId,
    PasskeyId
);

/// Removes the session cookie (logout).
pub fn clear_session(jar: &CookieJar<'_>) {
    jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
}

/// The public URL (`public_url`, no trailing slash), for links shown to users. Never
/// built from the request's `Host`, which the client chooses.
pub struct BaseUrl(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for BaseUrl {
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, ()> {
        Outcome::Success(BaseUrl(state(req).config.public_url_via(reached_ip(req))))
    }
}
