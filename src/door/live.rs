//! Live-update streams (Server-Sent Events), written by the front door on the phone's own
//! connection. Rocket checks the request (who asks, whether the list is theirs) and
//! answers at once, with the list and its version in [`LIVE_HEADER`] and no body; the
//! door, which subscribed to the list before passing the request on (so no change can fall
//! between the subscription and the version Rocket read), then writes the stream: a
//! `hello` with that version, one `change` per committed change, a `resync` when the
//! subscriber fell behind, a heartbeat comment every 15 s, and the end at shutdown.
//!
//! So a phone with a list open costs one connection and a subscription, not also a second
//! connection to Rocket and Rocket's request held for as long as the phone stays.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures_util::stream::{self, Stream, StreamExt};
use http_body_util::{BodyExt, StreamBody};
use hyper::body::{Bytes, Frame};
use hyper::{Method, Response, header};
use tokio::sync::broadcast::error::RecvError;
use tokio::time::{Instant, Interval, MissedTickBehavior};

use super::body::Body;
use crate::ids::ListId;
use crate::live::{Hub, Subscription};

/// The header of Rocket's answer to a stream it allows: `<list id> <version>`.
pub const LIVE_HEADER: &str = "x-aisle-live";

/// How often an idle stream sends a comment, so that proxies and phones see it alive.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The list whose events a request asks for: `GET /api/v1/lists/<id>/events`. Parsed as
/// Rocket parses the id; a path Rocket reads otherwise (an escaped digit) only costs a
/// `resync` after the `hello` (see [`stream`]).
pub fn events_list(method: &Method, path: &str) -> Option<ListId> {
    if method != Method::GET {
        return None;
    }
    let id = path
        .strip_prefix("/api/v1/lists/")?
        .strip_suffix("/events")?;
    id.parse().ok().filter(|n| *n > 0).map(ListId)
}

/// The live stream for Rocket's answer `res` to a `method` request, when it allows one;
/// `res` itself otherwise. `early` is the subscription taken before the request was passed
/// on.
pub fn stream(
    hub: &Arc<Hub>,
    method: &Method,
    early: Option<Subscription>,
    res: Response<Body>,
    shutdown: impl Future<Output = ()> + Send + Sync + Unpin + 'static,
) -> Response<Body> {
    let (mut parts, body) = res.into_parts();
    let Some(allowed) = parts.headers.remove(LIVE_HEADER) else {
        return Response::from_parts(parts, body);
    };
    if method != Method::GET {
        // `HEAD`: the headers of the stream, and no stream.
        return Response::from_parts(parts, body);
    }
    let Some((list, version)) = allowed.to_str().ok().and_then(|v| {
        let (list, version) = v.split_once(' ')?;
        Some((ListId(list.parse().ok()?), version.parse::<i64>().ok()?))
    }) else {
        tracing::error!("Rocket allowed a live stream in a header the door cannot read");
        return Response::from_parts(parts, body);
    };
    // Subscribed before Rocket read the version: nothing was missed. Otherwise (a path
    // only Rocket could read) changes may have fallen in between: the phone catches up.
    let (subscription, caught_up) = match early {
        Some(s) if s.list() == list => (s, true),
        _ => (hub.subscribe(list), false),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = StreamBody::new(events(version, caught_up, subscription, shutdown));
    Response::from_parts(parts, body.map_err(|never| match never {}).boxed())
}

/// One event as the stream writes it.
fn event(name: &str, data: &str) -> Bytes {
    Bytes::from(format!("event:{name}\ndata:{data}\n\n"))
}

struct Live<S> {
    subscription: Subscription,
    heartbeat: Interval,
    shutdown: S,
}

/// The stream's frames: the hello (and a resync when changes may have been missed), then
/// changes and heartbeats until the list's channel closes or the server stops.
fn events(
    version: i64,
    caught_up: bool,
    subscription: Subscription,
    shutdown: impl Future<Output = ()> + Send + Sync + Unpin + 'static,
) -> impl Stream<Item = Result<Frame<Bytes>, Infallible>> + Send + 'static {
    let mut first = vec![event("hello", &format!("{{\"version\":{version}}}"))];
    if !caught_up {
        first.push(event("resync", "{}"));
    }
    let mut heartbeat = tokio::time::interval_at(Instant::now() + HEARTBEAT, HEARTBEAT);
    heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let live = Live {
        subscription,
        heartbeat,
        shutdown,
    };
    let rest = stream::unfold(live, |mut live| async move {
        let chunk = tokio::select! {
            received = live.subscription.recv() => match received {
                Ok(json) => event("change", &json),
                Err(RecvError::Lagged(_)) => event("resync", "{}"),
                Err(RecvError::Closed) => return None,
            },
            _ = live.heartbeat.tick() => Bytes::from_static(b":\n\n"),
            _ = &mut live.shutdown => return None,
        };
        Some((chunk, live))
    });
    stream::iter(first)
        .chain(rest)
        .map(|chunk| Ok(Frame::data(chunk)))
}

#[cfg(test)]
#[path = "live_tests.rs"]
mod tests;
