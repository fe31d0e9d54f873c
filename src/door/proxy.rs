//! Passes requests on to Rocket on loopback, with the client's address vouched for by the
//! front door's secret; on the plain port with TLS on, answers ACME HTTP-01 challenges and
//! health checks and redirects the rest to the public HTTPS URL.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use rustls_acme::ResolvesServerCertAcme;

use super::body::{Body, full};
use super::error::DoorError;
use super::headers::{CLIENT_IP_HEADER, DOOR_HEADER, REACHED_IP_HEADER};
use super::live;
use crate::config::Config;
use crate::http::allow::{self, Methods};
use crate::live::Hub;

/// Request bodies up to this size are read whole before they are passed on to Rocket.
const WHOLE_BODY_MAX: u64 = 256 * 1024;
/// At most this many KiB of such bodies are held at once; past it, bodies stream.
const WHOLE_BODIES_KIB: usize = 16 * 1024;

/// Headers that describe one hop, not the message.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "proxy-authorization",
];

/// Headers only the front door may set: a client's copies are dropped.
const DOOR_ONLY: [&str; 5] = [
    DOOR_HEADER,
    CLIENT_IP_HEADER,
    REACHED_IP_HEADER,
    "x-forwarded-for",
    "x-forwarded-proto",
];

/// Where a connection came in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Port {
    /// HTTPS: everything is passed on.
    Tls,
    /// Plain HTTP with TLS off: everything is passed on.
    Plain,
    /// Plain HTTP with TLS on: challenges, health checks, and redirects to HTTPS.
    Redirect,
}

pub struct Proxy {
    upstream: SocketAddr,
    client: Client<HttpConnector, Body>,
    /// KiB of request bodies read whole (see [`Proxy::whole_body`]) held at once.
    whole_bodies: Arc<tokio::sync::Semaphore>,
    /// For `public_url` (the redirect to HTTPS).
    config: Config,
    /// Proves to Rocket that a request came through the front door (never logged).
    secret: HeaderValue,
    acme: Option<Arc<ResolvesServerCertAcme>>,
    /// Rocket's routes, to answer a method Rocket does not know (`QUERY`) with 405.
    methods: Methods,
    /// The lists' live changes, which the door streams to phones itself (see `live`).
    hub: Arc<Hub>,
    /// Ends the live streams.
    shutdown: rocket::Shutdown,
}

/// What the door needs of the running server besides Rocket's address.
pub struct Upstream {
    pub addr: SocketAddr,
    pub methods: Methods,
    pub hub: Arc<Hub>,
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut r = Response::new(full(Bytes::from_static(body.as_bytes())));
    *r.status_mut() = status;
    r
}

impl Proxy {
    pub fn new(
        upstream: Upstream,
        config: Config,
        secret: &str,
        acme: Option<Arc<ResolvesServerCertAcme>>,
        shutdown: rocket::Shutdown,
    ) -> Result<Proxy, DoorError> {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        // Idle connections to Rocket are few and let go after a while (the timer runs only
        // while some are idle).
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(Duration::from_secs(30))
            .pool_max_idle_per_host(32)
            .build(connector);
        let mut secret = HeaderValue::from_str(secret).map_err(|_| DoorError::Secret)?;
        secret.set_sensitive(true);
        Ok(Proxy {
            upstream: upstream.addr,
            client,
            whole_bodies: Arc::new(tokio::sync::Semaphore::new(WHOLE_BODIES_KIB)),
            config,
            secret,
            acme,
            methods: upstream.methods,
            hub: upstream.hub,
            shutdown,
        })
    }

    /// A method Rocket does not know (it would answer 400): 405, with `Allow` naming the
    /// methods the address takes.
    fn unknown_method(&self, req: &Request<Incoming>) -> Option<Response<Body>> {
        let method = req.method().as_str();
        if method.parse::<rocket::http::Method>().is_ok() {
            return None;
        }
        let allowed = self.methods.allowed(req.uri().path());
        let body = allow::problem(method, &allowed);
        let mut r = Response::new(full(Bytes::from(body)));
        *r.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        let headers = r.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&allow::allow_value(&allowed)) {
            headers.insert(header::ALLOW, value);
        }
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        Some(r)
    }

    /// Answers one request that came in on `port` from `peer`.
    pub async fn handle(
        &self,
        req: Request<Incoming>,
        peer: SocketAddr,
        reached: Option<IpAddr>,
        port: Port,
    ) -> Response<Body> {
        match port {
            Port::Tls => self.forward(req, peer, reached, true).await,
            Port::Plain => self.forward(req, peer, reached, false).await,
            Port::Redirect => {
                let path = req.uri().path();
                if let Some(token) = path.strip_prefix("/.well-known/acme-challenge/") {
                    let answer = self
                        .acme
                        .as_ref()
                        .and_then(|a| a.get_http_01_key_auth(token));
                    return match answer {
                        Some(body) => Response::new(full(Bytes::from(body))),
                        None => text(StatusCode::NOT_FOUND, "no such challenge"),
                    };
                }
                if path.starts_with("/health/") {
                    return self.forward(req, peer, reached, false).await;
                }
                self.redirect(&req, reached)
            }
        }
    }

    /// Forwards one request to Rocket.
    async fn forward(
        &self,
        mut req: Request<Incoming>,
        peer: SocketAddr,
        reached: Option<IpAddr>,
        https: bool,
    ) -> Response<Body> {
        if let Some(refused) = self.unknown_method(&req) {
            return refused;
        }
        let host = req
            .uri()
            .authority()
            .map(|a| a.to_string())
            .or_else(|| {
                req.headers()
                    .get(header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let path = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        let Ok(uri) = format!("http://{}{path}", self.upstream).parse() else {
            return text(StatusCode::BAD_REQUEST, "bad request target");
        };
        *req.uri_mut() = uri;
        *req.version_mut() = hyper::Version::HTTP_11;
        let headers = req.headers_mut();
        for h in HOP_BY_HOP.iter().chain(DOOR_ONLY.iter()) {
            headers.remove(*h);
        }
        if let Ok(v) = HeaderValue::from_str(&peer.ip().to_canonical().to_string()) {
            headers.insert(CLIENT_IP_HEADER, v);
        }
        if let Some(v) = reached.and_then(|ip| HeaderValue::from_str(&ip.to_string()).ok()) {
            headers.insert(REACHED_IP_HEADER, v);
        }
        headers.insert(DOOR_HEADER, self.secret.clone());
        headers.insert(
            "x-forwarded-proto",
            HeaderValue::from_static(if https { "https" } else { "http" }),
        );
        if let Ok(v) = HeaderValue::from_str(&host) {
            headers.insert(header::HOST, v);
        }
        let (parts, body) = req.into_parts();
        let Ok((body, _held)) = self.whole_body(&parts.headers, body).await else {
            return text(
                StatusCode::BAD_REQUEST,
                "the request's body did not arrive whole; send it again",
            );
        };
        // Subscribed before Rocket reads the list's version, so no change falls between.
        let method = parts.method.clone();
        let early =
            live::events_list(&method, parts.uri.path()).map(|list| self.hub.subscribe(list));
        match self.client.request(Request::from_parts(parts, body)).await {
            Ok(res) => {
                let (mut parts, body) = res.into_parts();
                for h in HOP_BY_HOP {
                    parts.headers.remove(h);
                }
                let res = Response::from_parts(parts, body.boxed());
                live::stream(&self.hub, &method, early, res, self.shutdown.clone())
            }
            Err(e) => {
                tracing::warn!("upstream request failed: {e}");
                text(
                    StatusCode::BAD_GATEWAY,
                    "aisle is restarting; try again in a moment",
                )
            }
        }
    }

    /// The body to pass on. Rocket answers a body over its limit (64 KiB for forms and
    /// JSON) with 413 and closes without reading the rest: were the door still streaming
    /// the rest to it, that write would fail and the 413 be lost (a 502). So a body of a
    /// known, small size is read whole first and handed over at once; the permit returned
    /// holds its share of the memory budget until the request is through.
    async fn whole_body(
        &self,
        headers: &hyper::HeaderMap,
        body: Incoming,
    ) -> Result<(Body, Option<tokio::sync::OwnedSemaphorePermit>), ()> {
        let length = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
            .filter(|n| (1..=WHOLE_BODY_MAX).contains(n));
        let permit = length.and_then(|n| {
            let kib = u32::try_from(n.div_ceil(1024)).ok()?;
            Arc::clone(&self.whole_bodies)
                .try_acquire_many_owned(kib)
                .ok()
        });
        let (Some(n), Some(permit)) = (length, permit) else {
            return Ok((body.boxed(), None));
        };
        let bytes = Limited::new(body, n as usize)
            .collect()
            .await
            .map_err(|e| tracing::debug!("request body cut short: {e}"))?
            .to_bytes();
        Ok((full(bytes), Some(permit)))
    }

    /// To the same path and query under the public URL (never the request's `Host`).
    fn redirect(&self, req: &Request<Incoming>, reached: Option<IpAddr>) -> Response<Body> {
        let path = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .filter(|p| p.starts_with('/'))
            .unwrap_or("/");
        let location = format!("{}{path}", self.config.public_url_via(reached));
        let mut r = text(StatusCode::PERMANENT_REDIRECT, "moved to HTTPS");
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        r
    }
}
