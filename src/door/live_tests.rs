use http_body_util::{BodyExt, Empty};
use hyper::StatusCode;
use tokio::sync::oneshot;

use super::*;

/// Rocket's answer allowing a stream of `list` at `version`.
fn allowed(list: i64, version: i64) -> Response<Body> {
    let body = Empty::new().map_err(|never| match never {}).boxed();
    let mut res = Response::new(body);
    let headers = res.headers_mut();
    headers.insert(LIVE_HEADER, format!("{list} {version}").parse().unwrap());
    headers.insert(header::CONTENT_LENGTH, "0".parse().unwrap());
    headers.insert(header::CONTENT_TYPE, "text/event-stream".parse().unwrap());
    res
}

/// A shutdown that never comes.
fn never() -> std::future::Pending<()> {
    std::future::pending()
}

/// The next chunk of a stream, as text; `None` once it ended.
async fn next(body: &mut Body) -> Option<String> {
    let frame = body.frame().await?.unwrap();
    let data = frame.into_data().unwrap();
    Some(String::from_utf8(data.to_vec()).unwrap())
}

#[test]
fn only_a_get_of_a_lists_events_is_a_stream() {
    let list = |m: Method, p: &str| events_list(&m, p);
    assert_eq!(list(Method::GET, "/api/v1/lists/7/events"), Some(ListId(7)));
    assert_eq!(list(Method::HEAD, "/api/v1/lists/7/events"), None);
    assert_eq!(list(Method::POST, "/api/v1/lists/7/events"), None);
    assert_eq!(list(Method::GET, "/api/v1/lists/7/changes"), None);
    assert_eq!(list(Method::GET, "/api/v1/lists/x/events"), None);
    assert_eq!(list(Method::GET, "/api/v1/lists/7/8/events"), None);
    assert_eq!(list(Method::GET, "/lists/7/events"), None);
    assert_eq!(
        list(Method::GET, "/api/v1/lists/0/events"),
        None,
        "no such id"
    );
    assert_eq!(list(Method::GET, "/api/v1/lists/-1/events"), None);
}

#[tokio::test]
async fn hello_then_each_change_then_the_end_at_shutdown() {
    let hub = Arc::new(Hub::default());
    let early = hub.subscribe(ListId(7));
    // A change committed after the door subscribed and before Rocket read the version,
    // so the hello says 3 too: its event still follows (the phone asks for changes since
    // 3 and gets none). Nothing falls between the two.
    hub.publish(ListId(7), Arc::from("{\"version\":3}"));
    let (stop, stopped) = oneshot::channel::<()>();
    let stopped = Box::pin(async move {
        let _ = stopped.await;
    });
    let res = stream(&hub, &Method::GET, Some(early), allowed(7, 3), stopped);
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers().get(LIVE_HEADER).is_none(),
        "the door's own header"
    );
    assert!(res.headers().get(header::CONTENT_LENGTH).is_none());
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/event-stream");
    let mut body = res.into_body();
    // A change published before the hello was read is not lost; another list's is not
    // sent.
    let other = hub.subscribe(ListId(8));
    hub.publish(ListId(8), Arc::from("{\"version\":99}"));
    hub.publish(ListId(7), Arc::from("{\"version\":4}"));
    assert_eq!(
        next(&mut body).await.unwrap(),
        "event:hello\ndata:{\"version\":3}\n\n"
    );
    assert_eq!(
        next(&mut body).await.unwrap(),
        "event:change\ndata:{\"version\":3}\n\n"
    );
    assert_eq!(
        next(&mut body).await.unwrap(),
        "event:change\ndata:{\"version\":4}\n\n"
    );
    drop(other);
    assert_eq!(hub.counts(), (1, 1));
    stop.send(()).unwrap();
    assert_eq!(next(&mut body).await, None);
    drop(body);
    assert_eq!(
        hub.counts(),
        (0, 0),
        "the subscription went with the stream"
    );
}

#[tokio::test]
async fn a_subscriber_that_fell_behind_is_told_to_resync() {
    let hub = Arc::new(Hub::default());
    let early = hub.subscribe(ListId(7));
    let res = stream(&hub, &Method::GET, Some(early), allowed(7, 1), never());
    let mut body = res.into_body();
    for version in 2..100 {
        hub.publish(ListId(7), Arc::from(format!("{{\"version\":{version}}}")));
    }
    assert!(next(&mut body).await.unwrap().starts_with("event:hello\n"));
    assert_eq!(next(&mut body).await.unwrap(), "event:resync\ndata:{}\n\n");
    // Then the newest changes the channel still holds.
    assert!(next(&mut body).await.unwrap().starts_with("event:change\n"));
}

#[tokio::test]
async fn without_an_early_subscription_the_phone_is_told_to_catch_up() {
    let hub = Arc::new(Hub::default());
    // Subscribed to another list, or to none: changes may have been missed.
    let other = hub.subscribe(ListId(8));
    for early in [Some(other), None] {
        let res = stream(&hub, &Method::GET, early, allowed(7, 5), never());
        let mut body = res.into_body();
        assert!(next(&mut body).await.unwrap().starts_with("event:hello\n"));
        assert_eq!(next(&mut body).await.unwrap(), "event:resync\ndata:{}\n\n");
        hub.publish(ListId(7), Arc::from("{\"version\":6}"));
        assert_eq!(
            next(&mut body).await.unwrap(),
            "event:change\ndata:{\"version\":6}\n\n"
        );
        assert_eq!(hub.counts(), (1, 1), "list 8's early subscription is gone");
    }
}

#[tokio::test(start_paused = true)]
async fn a_quiet_stream_sends_a_heartbeat_every_fifteen_seconds() {
    let hub = Arc::new(Hub::default());
    let early = hub.subscribe(ListId(7));
    let res = stream(&hub, &Method::GET, Some(early), allowed(7, 1), never());
    let mut body = res.into_body();
    let start = Instant::now();
    assert!(next(&mut body).await.unwrap().starts_with("event:hello\n"));
    assert_eq!(next(&mut body).await.unwrap(), ":\n\n");
    assert_eq!(start.elapsed(), HEARTBEAT);
    assert_eq!(next(&mut body).await.unwrap(), ":\n\n");
    assert_eq!(start.elapsed(), 2 * HEARTBEAT);
}

#[tokio::test]
async fn other_answers_pass_as_they_are() {
    let hub = Arc::new(Hub::default());
    // Refused by Rocket (no header): the early subscription is let go.
    let early = hub.subscribe(ListId(7));
    let mut refused = Response::new(
        http_body_util::Full::new(Bytes::from_static(b"no such list"))
            .map_err(|never| match never {})
            .boxed(),
    );
    *refused.status_mut() = StatusCode::NOT_FOUND;
    let res = stream(&hub, &Method::GET, Some(early), refused, never());
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let mut body = res.into_body();
    assert_eq!(next(&mut body).await.unwrap(), "no such list");
    assert_eq!(hub.counts(), (0, 0));
    // HEAD: the stream's headers without the door's, and no stream.
    let res = stream(&hub, &Method::HEAD, None, allowed(7, 1), never());
    assert!(res.headers().get(LIVE_HEADER).is_none());
    assert_eq!(hub.counts(), (0, 0));
    assert_eq!(next(&mut res.into_body()).await, None);
}
