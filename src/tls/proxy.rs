//! Passes HTTPS requests on to Rocket on loopback, with the real client address.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::Watcher;
use rustls_acme::ResolvesServerCertAcme;

type Body = BoxBody<Bytes, hyper::Error>;

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

#[derive(Clone)]
pub struct Proxy {
    upstream: SocketAddr,
    https_port: u16,
    client: Client<HttpConnector, Incoming>,
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut r = Response::new(
        Full::new(Bytes::from_static(body.as_bytes()))
            .map_err(|never| match never {})
            .boxed(),
    );
    *r.status_mut() = status;
    r
}

impl Proxy {
    pub fn new(upstream: SocketAddr, https_port: u16) -> Proxy {
        let client = Client::builder(TokioExecutor::new()).build_http();
        Proxy {
            upstream,
            https_port,
            client,
        }
    }

    /// Forwards one request to Rocket.
    async fn forward(
        &self,
        mut req: Request<Incoming>,
        peer: SocketAddr,
        https: bool,
    ) -> Response<Body> {
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
        for h in HOP_BY_HOP {
            headers.remove(h);
        }
        headers.remove("x-real-ip");
        headers.remove("x-forwarded-for");
        if let Ok(v) = HeaderValue::from_str(&peer.ip().to_string()) {
            headers.insert("x-real-ip", v);
        }
        headers.insert(
            "x-forwarded-proto",
            HeaderValue::from_static(if https { "https" } else { "http" }),
        );
        if let Ok(v) = HeaderValue::from_str(&host) {
            headers.insert(header::HOST, v);
        }
        match self.client.request(req).await {
            Ok(res) => {
                let (mut parts, body) = res.into_parts();
                for h in HOP_BY_HOP {
                    parts.headers.remove(h);
                }
                Response::from_parts(parts, body.boxed())
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

    pub async fn serve_tls<S>(self, tls: S, peer: SocketAddr, watcher: Watcher)
    where
        S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        let me = Arc::new(self);
        let service = hyper::service::service_fn(move |req| {
            let me = Arc::clone(&me);
            async move { Ok::<_, Infallible>(me.forward(req, peer, true).await) }
        });
        let builder = auto::Builder::new(TokioExecutor::new());
        let conn = builder.serve_connection_with_upgrades(TokioIo::new(tls), service);
        if let Err(e) = watcher.watch(conn.into_owned()).await {
            tracing::debug!("https connection from {peer}: {e}");
        }
    }

    /// The plain port: ACME HTTP-01 answers, health checks passed through, and a redirect to
    /// HTTPS for everything else.
    pub async fn serve_plain(
        self,
        tcp: tokio::net::TcpStream,
        peer: SocketAddr,
        acme: Option<Arc<ResolvesServerCertAcme>>,
        watcher: Watcher,
    ) {
        let me = Arc::new(self);
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let me = Arc::clone(&me);
            let acme = acme.clone();
            async move {
                let path = req.uri().path().to_string();
                if let Some(token) = path.strip_prefix("/.well-known/acme-challenge/") {
                    let answer = acme.as_ref().and_then(|a| a.get_http_01_key_auth(token));
                    return Ok::<_, Infallible>(match answer {
                        Some(body) => Response::new(
                            Full::new(Bytes::from(body))
                                .map_err(|never| match never {})
                                .boxed(),
                        ),
                        None => text(StatusCode::NOT_FOUND, "no such challenge"),
                    });
                }
                if path.starts_with("/health/") {
                    return Ok(me.forward(req, peer, false).await);
                }
                Ok(me.redirect(&req))
            }
        });
        let conn =
            hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(tcp), service);
        if let Err(e) = watcher.watch(conn).await {
            tracing::debug!("http connection from {peer}: {e}");
        }
    }

    fn redirect(&self, req: &Request<Incoming>) -> Response<Body> {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        // Drop the plain port; add the HTTPS one unless it is the default.
        let name = match host.rsplit_once(':') {
            Some((n, p))
                if p.chars().all(|c| c.is_ascii_digit()) && !n.ends_with(']')
                    || host.starts_with('[') && host.ends_with(']') =>
            {
                if host.starts_with('[') && host.ends_with(']') {
                    host
                } else {
                    n
                }
            }
            _ => host,
        };
        let port = if self.https_port == 443 {
            String::new()
        } else {
            format!(":{}", self.https_port)
        };
        let path = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/");
        let location = format!("https://{name}{port}{path}");
        let mut r = text(StatusCode::PERMANENT_REDIRECT, "moved to HTTPS");
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        r
    }
}
