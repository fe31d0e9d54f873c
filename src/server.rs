//! Builds the Rocket: state, fairings, routes, catchers; runs it until SIGTERM/SIGINT.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rocket::data::{Limits, ToByteUnit};
use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::{Build, Rocket};

use crate::auth::throttle::Throttle;
use crate::auth::token;
use crate::config::Config;
use crate::db::{self, Db, households, lists, sync};
use crate::error::Result;
use crate::ids::{HouseholdId, ListId};
use crate::jobs::Scheduler;
use crate::live::Hub;
use crate::lookup::Lookups;
use crate::metrics::{Metrics, RequestMetrics};
use crate::{api, web};
use rusqlite::Transaction;

/// Shared state of the running server.
pub struct AppState {
    pub config: Config,
    pub db: Db,
    pub throttle: Throttle,
    /// The one-time setup token while the instance has no account.
    pub setup_token: Mutex<Option<String>>,
    pub metrics: Metrics,
    pub live: Arc<Hub>,
    pub scheduler: Arc<Scheduler>,
    pub lookups: Arc<Lookups>,
}

/// What subscribers of a list are told after a change.
#[derive(serde::Serialize)]
struct ChangeEvent<'a> {
    /// The version the phone must have for `items` to bring it up to `version`.
    since: i64,
    version: i64,
    items: &'a [crate::db::items::Item],
}

impl AppState {
    /// Runs a write on one of the household's lists in a `BEGIN IMMEDIATE` transaction,
    /// then tells the list's subscribers what changed (with the changed items).
    /// `NotFound` when the list is not the household's.
    pub async fn write_list<T, F>(&self, household: HouseholdId, list: ListId, f: F) -> Result<T>
    where
        F: FnOnce(&Transaction<'_>) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let (value, since, changes) = self
            .db
            .run(move |conn| {
                db::write(conn, |tx| {
                    let since = lists::get(tx, household, list)?.version;
                    let value = f(tx)?;
                    let changes = sync::changes_since(tx, household, list, since)?;
                    Ok((value, since, changes))
                })
            })
            .await?;
        if changes.version != since {
            self.publish(list, since, changes.version, &changes.items);
        }
        Ok(value)
    }

    pub fn publish(
        &self,
        list: ListId,
        since: i64,
        version: i64,
        items: &[crate::db::items::Item],
    ) {
        match serde_json::to_string(&ChangeEvent {
            since,
            version,
            items,
        }) {
            Ok(json) => self.live.publish(list, Arc::from(json)),
            Err(e) => tracing::error!("cannot serialise a change event: {e}"),
        }
    }
}

fn figment(config: &Config) -> std::result::Result<Figment, crate::config::ConfigError> {
    let addr = config.listen_addr()?;
    let limits = Limits::default()
        .limit("form", 64.kibibytes())
        .limit("data-form", 8.mebibytes())
        .limit("file", 8.mebibytes())
        .limit("import", 8.mebibytes())
        .limit("json", 64.kibibytes())
        .limit("string", 64.kibibytes())
        .limit("bytes", 64.kibibytes());
    Ok(Figment::from(rocket::Config::default())
        .merge(("address", addr.ip()))
        .merge(("port", addr.port()))
        .merge(("ident", "aisle"))
        // The socket peer is the client; a header could be forged.
        .merge(("ip_header", false))
        .merge(("cli_colors", false))
        .merge(("log_level", "critical"))
        .merge(("limits", limits))
        .merge(("shutdown.grace", 5))
        .merge(("shutdown.mercy", 2)))
}

/// The Rocket for `config` and `db`, ready to launch.
pub fn build(
    config: Config,
    db: Db,
    setup_token: Option<String>,
) -> Result<Rocket<Build>, crate::config::ConfigError> {
    let figment = figment(&config)?;
    let throttle = Throttle::new(
        config.login_max_failures,
        Duration::from_secs(config.login_window_secs),
    );
    let hsts = config.secure_cookies;
    let lookups = Lookups::new(&config);
    let state = AppState {
        config: config.clone(),
        db: db.clone(),
        throttle,
        setup_token: Mutex::new(setup_token),
        metrics: Metrics::default(),
        live: Arc::new(Hub::default()),
        scheduler: Scheduler::new(db.clone(), config.clone(), Arc::clone(&lookups)),
        lookups,
    };
    Ok(rocket::custom(figment)
        .manage(state)
        .attach(RequestMetrics)
        .attach(crate::notify::SystemdNotify)
        .attach(web::headers::SecurityHeaders { hsts })
        .attach(AdHoc::on_liftoff("announce", |rocket| {
            Box::pin(async move {
                let config = rocket.config();
                tracing::info!(address = %config.address, port = config.port, "aisle is serving");
                if let Some(app) = rocket.state::<AppState>() {
                    app.scheduler.start(rocket.shutdown());
                }
            })
        }))
        .mount("/", web::routes())
        .mount("/api/v1", api::routes())
        .register("/", web::error::catchers()))
}

/// Opens the database, announces the setup URL on a fresh instance, and serves until
/// told to stop.
pub async fn serve(config: Config) -> std::result::Result<(), String> {
    let _lock = db::lock_data_dir(&config.data_dir)?;
    let db = Db::open(&config.db_path(), config.synchronous, &config.backup_dir())
        .map_err(|e| e.to_string())?;
    let empty = db
        .run(|c| households::instance_is_empty(c))
        .await
        .map_err(|e| e.to_string())?;
    let setup_token = empty.then(token::generate);
    if let Some(t) = &setup_token {
        let addr = config.listen_addr().map_err(|e| e.to_string())?;
        let host = if addr.ip().is_unspecified() {
            format!("localhost:{}", addr.port())
        } else {
            addr.to_string()
        };
        tracing::warn!(
            "no account exists yet: open http://{host}/setup?token={t} to create the first \
             household and its admin (the link works once; a restart prints a new one)"
        );
    }
    tracing::info!(db = %config.db_path().display(), "database ready");
    let rocket = build(config, db, setup_token).map_err(|e| e.to_string())?;
    rocket.launch().await.map_err(|e| e.to_string())?;
    tracing::info!("aisle stopped");
    Ok(())
}
