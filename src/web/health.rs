//! Health endpoints and Prometheus metrics.

use rocket::http::{ContentType, Status};
use rocket::{Route, State, get, routes};

use crate::server::AppState;

/// The process is up.
#[get("/health/live")]
fn live() -> &'static str {
    "ok"
}

/// The database answers; 503 otherwise.
#[get("/health/ready")]
async fn ready(app: &State<AppState>) -> (Status, &'static str) {
    let ok = app
        .db
        .run(|conn| Ok(conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
        .await
        .is_ok();
    if ok {
        (Status::Ok, "ready")
    } else {
        (Status::ServiceUnavailable, "database unavailable")
    }
}

#[get("/metrics")]
fn metrics(app: &State<AppState>) -> (ContentType, String) {
    let text = app.metrics.encode(&app.db, &app.live);
    (
        ContentType::new("application", "openmetrics-text")
            .with_params([("version", "1.0.0"), ("charset", "utf-8")]),
        text,
    )
}

pub fn routes() -> Vec<Route> {
    routes![live, ready, metrics]
}
