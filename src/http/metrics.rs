//! Times every request and counts it by route and status, for `/metrics`.

use std::time::Instant;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Data, Request, Response};

use crate::app::AppState;

/// Times every request and counts it by route (the handler's name) and status.
pub struct RequestMetrics;

struct Started(Instant);

#[rocket::async_trait]
impl Fairing for RequestMetrics {
    fn info(&self) -> Info {
        Info {
            name: "request metrics",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(|| Started(Instant::now()));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let Some(app) = req.rocket().state::<AppState>() else {
            return;
        };
        let started = req.local_cache(|| Started(Instant::now())).0;
        let route = req
            .route()
            .and_then(|r| r.name.as_deref())
            .unwrap_or("unmatched");
        app.metrics.observe(
            req.method().as_str(),
            route,
            res.status().code,
            started.elapsed().as_secs_f64(),
        );
    }
}
