//! Prometheus text exposition: requests by route and status, latency, pool use, open
//! connections.

use std::sync::atomic::AtomicU64;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Metric, Registry};

use crate::db::Db;
use crate::door::Connections;
use crate::live::Hub;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    job: String,
}

type FloatGauge = Gauge<f64, AtomicU64>;

/// A job's last successful run, for /metrics.
pub struct JobMetric {
    pub job: &'static str,
    pub finished_ms: i64,
    pub duration_ms: i64,
}

type HistogramFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: HistogramFamily,
    pool_connections: Gauge,
    pool_idle: Gauge,
    pool_max: Gauge,
    live_lists: Gauge,
    live_subscribers: Gauge,
    job_last_success: Family<JobLabels, FloatGauge>,
    job_duration: Family<JobLabels, FloatGauge>,
    cert_expiry: Gauge,
    db_writes_waiting: Gauge,
    open_connections: Gauge,
}

fn latency_histogram() -> Histogram {
    // 0.25 ms … ~4 s
    Histogram::new(exponential_buckets(0.000_25, 2.0, 15))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut r = Registry::default();
        r.register(
            "aisle_untranslated_messages",
            "Messages shown in English because the page's language lacks them",
            crate::i18n::missing_counter(),
        );
        // Registered, and so exposed, in this order.
        Metrics {
            open_connections: new(
                &mut r,
                "aisle_open_connections",
                "Client connections open at the front door",
            ),
            db_writes_waiting: new(
                &mut r,
                "aisle_db_writes_waiting",
                "Writes queued for the database's writer",
            ),
            cert_expiry: new(
                &mut r,
                "aisle_tls_certificate_expiry_timestamp_seconds",
                "When the HTTPS certificate in use expires (unix time; 0 when TLS is off or none yet)",
            ),
            job_last_success: new(
                &mut r,
                "aisle_job_last_success_timestamp_seconds",
                "When each job last finished successfully (unix time)",
            ),
            job_duration: new(
                &mut r,
                "aisle_job_last_success_duration_seconds",
                "How long each job's last successful run took",
            ),
            requests: new(
                &mut r,
                "aisle_http_requests",
                "HTTP requests by route and status",
            ),
            latency: add(
                &mut r,
                "aisle_http_request_duration_seconds",
                "HTTP request latency by route",
                Family::new_with_constructor(latency_histogram),
            ),
            pool_connections: new(
                &mut r,
                "aisle_db_pool_connections",
                "Open database reader connections",
            ),
            pool_idle: new(
                &mut r,
                "aisle_db_pool_idle",
                "Idle database reader connections",
            ),
            pool_max: new(
                &mut r,
                "aisle_db_pool_max",
                "Most database reader connections",
            ),
            live_lists: new(
                &mut r,
                "aisle_live_lists",
                "Lists with live (SSE) subscribers",
            ),
            live_subscribers: new(
                &mut r,
                "aisle_live_subscribers",
                "Live (SSE) subscribers over all lists",
            ),
            registry: r,
        }
    }
}

/// A new metric, registered under `name`.
fn new<M: Metric + Clone + Default>(registry: &mut Registry, name: &str, help: &str) -> M {
    add(registry, name, help, M::default())
}

/// Registers `metric` under `name` and hands it back.
fn add<M: Metric + Clone>(registry: &mut Registry, name: &str, help: &str, metric: M) -> M {
    registry.register(name, help, metric.clone());
    metric
}

impl Metrics {
    /// Adds the front door's count of refused connections.
    pub fn register_door(&mut self, connections: &Connections) {
        self.registry.register(
            "aisle_refused_connections",
            "Client connections closed at once because max_connections or \
             max_connections_per_client was reached",
            connections.refused_counter(),
        );
    }

    pub fn encode(
        &self,
        db: &Db,
        live: &Hub,
        jobs: &[JobMetric],
        cert_expiry: Option<i64>,
        connections: &Connections,
    ) -> String {
        self.cert_expiry.set(cert_expiry.unwrap_or(0));
        self.open_connections
            .set(i64::try_from(connections.open()).unwrap_or(i64::MAX));

        for j in jobs {
            let labels = JobLabels {
                job: j.job.to_string(),
            };
            self.job_last_success
                .get_or_create(&labels)
                .set(j.finished_ms as f64 / 1000.0);
            self.job_duration
                .get_or_create(&labels)
                .set(j.duration_ms as f64 / 1000.0);
        }
        let (lists, subscribers) = live.counts();
        self.live_lists.set(lists as i64);
        self.live_subscribers.set(subscribers as i64);
        let (connections, idle, most) = db.pool_state();
        self.pool_connections.set(connections.into());
        self.pool_idle.set(idle.into());
        self.pool_max.set(most.into());
        self.db_writes_waiting
            .set(i64::try_from(db.writes_waiting()).unwrap_or(i64::MAX));
        let mut out = String::new();
        if let Err(e) = encode(&mut out, &self.registry) {
            tracing::error!("cannot encode metrics: {e}");
        }
        out
    }

    /// Counts one answered request and its latency.
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_string(),
                route: route.to_string(),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_string(),
            })
            .observe(seconds);
    }
}
