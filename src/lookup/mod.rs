//! Product lookups: Open Food Facts (product by barcode, text search) and Open Prices
//! (prices by barcode), behind one client policy (`client`), cached in SQLite (`cache`).
//! Blocking: call from `spawn_blocking` (see `Lookups::run`).

pub mod catalogue;
pub mod client;
pub mod providers;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::config::Config;
use crate::error::{Error, Result};
pub use client::LookupError;
use client::{Client, Limit};

/// Most lookups in flight at once, so a hanging provider cannot take every blocking thread.
pub const MAX_IN_FLIGHT: usize = 4;
/// Largest provider answer read (JSON); larger ones are refused.
const MAX_JSON: u64 = 2 * 1024 * 1024;
/// Largest product picture stored.
pub const MAX_IMAGE: u64 = 512 * 1024;

/// The providers with their limits. Cheap to share (`Arc`).
pub struct Lookups {
    pub enabled: bool,
    pub off_url: String,
    pub prices_url: String,
    pub off: Client,
    pub prices: Client,
    pub images: Client,
    /// Open Food Facts asks for at most 100 product reads and 10 searches a minute.
    pub product_reads: Limit,
    pub searches: Limit,
    pub price_reads: Limit,
    pub image_reads: Limit,
    in_flight: Semaphore,
    budget: Duration,
}

impl Lookups {
    pub fn new(config: &Config) -> Arc<Lookups> {
        let agent = format!(
            "aisle/{} ({})",
            env!("CARGO_PKG_VERSION"),
            config.lookup_contact.trim()
        );
        let budget = Duration::from_millis(config.lookup_timeout_ms);
        Arc::new(Lookups {
            enabled: config.lookups,
            off_url: config.off_url.trim_end_matches('/').to_string(),
            prices_url: config.open_prices_url.trim_end_matches('/').to_string(),
            off: Client::new("Open Food Facts", &agent, budget, MAX_JSON),
            prices: Client::new("Open Prices", &agent, budget, MAX_JSON),
            images: Client::new("the product image server", &agent, budget, MAX_IMAGE),
            product_reads: Limit::per_minute(100),
            searches: Limit::per_minute(10),
            price_reads: Limit::per_minute(60),
            image_reads: Limit::per_minute(100),
            in_flight: Semaphore::new(MAX_IN_FLIGHT),
            budget,
        })
    }

    /// Runs blocking lookup work off the async workers, with bounded concurrency: when all
    /// slots stay busy past the budget, answers 503 instead of queueing forever.
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T>
    where
        F: FnOnce(&Lookups) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        if !self.enabled {
            return Err(Error::Unavailable(
                "online product lookups are turned off on this server".into(),
            ));
        }
        let permit = tokio::time::timeout(self.budget, self.in_flight.acquire())
            .await
            .map_err(|_| {
                Error::Unavailable("product lookups are busy; try again in a moment".into())
            })?
            .map_err(|_| Error::Internal("lookup semaphore closed".into()))?;
        let me = Arc::clone(self);
        let result = tokio::task::spawn_blocking(move || f(&me))
            .await
            .map_err(|e| Error::Internal(format!("lookup task failed: {e}")))?;
        drop(permit);
        result
    }
}

impl From<LookupError> for Error {
    fn from(e: LookupError) -> Self {
        match e.status() {
            504 => Error::GatewayTimeout(e.to_string()),
            503 => Error::Unavailable(e.to_string()),
            _ => Error::BadGateway(e.to_string()),
        }
    }
}
