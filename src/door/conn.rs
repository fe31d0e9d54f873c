//! One client connection through the front door: served by hyper until the client leaves,
//! it goes idle, or the server stops.
//!
//! A connection is idle while no request is under way: a response counts as under way
//! until its last byte is handed to hyper, so a live-update stream (SSE) is never idle
//! however quiet it is. After `idle` of idleness the connection is asked to close
//! (HTTP/1.1 closes it when between requests, HTTP/2 sends GOAWAY); after another `idle`
//! still idle it is dropped. hyper's own header timer (set on the builder) also closes an
//! HTTP/1.1 connection that has not sent a complete request head within `idle` of opening
//! or of its previous response, which covers slow ("slowloris") and silent clients.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::watch;

use super::body::Body;
use super::limits::Permit;

/// Counts a request as under way while alive.
struct Busy(Arc<watch::Sender<usize>>);

impl Busy {
    fn begin(requests: &Arc<watch::Sender<usize>>) -> Busy {
        requests.send_modify(|n| *n += 1);
        Busy(Arc::clone(requests))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.send_modify(|n| *n = n.saturating_sub(1));
    }
}

/// Resolves once no request has been under way for `idle` in a row.
async fn quiet_for(requests: &mut watch::Receiver<usize>, idle: Duration) {
    loop {
        if requests.wait_for(|n| *n == 0).await.is_err() {
            return std::future::pending().await;
        }
        tokio::select! {
            _ = tokio::time::sleep(idle) => return,
            changed = requests.changed() => {
                if changed.is_err() {
                    return std::future::pending().await;
                }
            }
        }
    }
}

/// Serves one connection with `handler` answering each request.
pub async fn serve<I, H, F>(
    builder: &auto::Builder<TokioExecutor>,
    io: I,
    handler: H,
    idle: Duration,
    mut stop: rocket::Shutdown,
    permit: Permit,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    H: Fn(Request<Incoming>) -> F + Send + Sync + 'static,
    F: Future<Output = Response<Body>> + Send + 'static,
{
    let requests = Arc::new(watch::channel(0usize).0);
    let mut quiet = requests.subscribe();
    let handler = Arc::new(handler);
    let service = hyper::service::service_fn(move |req| {
        let busy = Busy::begin(&requests);
        let handler = Arc::clone(&handler);
        async move {
            // The body's frame mapper owns `busy`: the request counts as under way until
            // its response body is done with.
            let res = handler(req).await;
            Ok::<_, Infallible>(res.map(|body| {
                body.map_frame(move |frame| {
                    let _ = &busy;
                    frame
                })
            }))
        }
    });
    // The connection (and the handler it owns) is dropped before the permit: the door's
    // last permit coming back means no connection of it still holds the proxy.
    {
        let conn = builder.serve_connection(TokioIo::new(io), service);
        tokio::pin!(conn);
        let (mut stopping, mut asked_to_close) = (false, false);
        loop {
            tokio::select! {
                done = conn.as_mut() => {
                    if let Err(e) = done {
                        tracing::debug!("connection closed: {e}");
                    }
                    break;
                }
                _ = &mut stop, if !stopping => {
                    stopping = true;
                    asked_to_close = true;
                    conn.as_mut().graceful_shutdown();
                }
                _ = quiet_for(&mut quiet, idle) => {
                    if asked_to_close {
                        tracing::debug!("dropping a connection idle after it was asked to close");
                        break;
                    }
                    asked_to_close = true;
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    }
    drop(permit);
}
