//! Health endpoints and Prometheus metrics.

use rocket::http::{ContentType, Status};
use rocket::{Route, State, get, routes};

use crate::app::AppState;
use crate::db;
use crate::jobs::Job;
use crate::metrics::JobMetric;

/// The process is up.
#[get("/health/live")]
fn live() -> &'static str {
    "ok"
}

/// The database answers; 503 otherwise.
#[get("/health/ready")]
async fn ready(app: &State<AppState>) -> (Status, &'static str) {
    let ok = app.db.read(crate::db::answers).await.is_ok();
    if ok {
        (Status::Ok, "ready")
    } else {
        (Status::ServiceUnavailable, "database unavailable")
    }
}

#[get("/metrics")]
async fn metrics(app: &State<AppState>) -> (ContentType, String) {
    let jobs = app
        .db
        .read(|c| {
            let mut out = Vec::new();
            for &job in Job::ALL {
                if let Some(run) = db::jobs::last_success(c, job.name())? {
                    let finished = run.finished_ms.unwrap_or(run.started_ms);
                    out.push(JobMetric {
                        job: job.name(),
                        finished_ms: finished,
                        duration_ms: finished - run.started_ms,
                    });
                }
            }
            Ok(out)
        })
        .await
        .unwrap_or_default();
    let text = app.metrics.encode(
        &app.db,
        &app.live,
        &jobs,
        app.certificate.expires(),
        &app.connections,
    );
    (
        ContentType::new("application", "openmetrics-text")
            .with_params([("version", "1.0.0"), ("charset", "utf-8")]),
        text,
    )
}

pub fn routes() -> Vec<Route> {
    routes![live, ready, metrics]
}
