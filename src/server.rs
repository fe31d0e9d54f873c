//! Builds the Rocket: state, fairings, routes, catchers; runs it until SIGTERM/SIGINT.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rocket::data::{Limits, ToByteUnit};
use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::{Build, Rocket};

use crate::auth::throttle::{self, Throttle};
use crate::auth::token;
use crate::config::{Config, TlsMode};
use crate::db::memo::Memo;
use crate::db::users::User;
use crate::db::{self, Db, households, lists, sync};
use crate::door::Connections;
use crate::error::Result;
use crate::ids::{HouseholdId, ListId};
use crate::jobs::Scheduler;
use crate::live::Hub;
use crate::lookup::Lookups;
use crate::metrics::{Metrics, RequestMetrics};
use crate::tls::CertStatus;
use crate::{api, web};
use rusqlite::Transaction;

/// Sessions kept in `AppState::sessions`: more than any household instance has logged
/// in; when full, the others are looked up each time until the next change.
const SESSIONS_KEPT: usize = 1024;

/// List pages kept in `AppState::pages`: a few per phone, and at most `PAGE_BYTES_KEPT`
/// in all (a 60-item page is ~33 KB; a list of hundreds of items far more).
const PAGES_KEPT: usize = 64;
const PAGE_BYTES_KEPT: usize = 4 << 20;

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
    /// The TLS certificate in use (when TLS is on).
    pub certificate: Arc<CertStatus>,
    /// The front door's open connections.
    pub connections: Arc<Connections>,
    /// The front door's proof that it passed a request on (never logged).
    pub door_secret: String,
    /// Sessions looked up since the database last changed: by the token's hash, the user
    /// and when the session expires.
    pub sessions: Memo<Vec<u8>, (User, i64)>,
    /// List pages rendered since the database last changed, by session hash and list.
    pub pages: Memo<(Vec<u8>, ListId), Arc<str>>,
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
            .write(move |tx| {
                let since = lists::get(tx, household, list)?.version;
                let value = f(tx)?;
                let changes = sync::changes_since(tx, household, list, since)?;
                Ok((value, since, changes))
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

/// Rocket's settings: it listens on `addr` (loopback, behind the front door) and trusts no
/// header for the client's address (`web::guards::client_ip` checks the front door's
/// secret instead).
fn figment(addr: SocketAddr) -> Figment {
    let limits = Limits::default()
        .limit("form", 64.kibibytes())
        .limit("data-form", 8.mebibytes())
        .limit("file", 8.mebibytes())
        .limit("import", 8.mebibytes())
        .limit("json", 64.kibibytes())
        .limit("string", 64.kibibytes())
        .limit("bytes", 64.kibibytes());
    Figment::from(rocket::Config::default())
        .merge(("address", addr.ip()))
        .merge(("port", addr.port()))
        .merge(("ident", "aisle"))
        .merge(("ip_header", false))
        .merge(("cli_colors", false))
        .merge(("log_level", "critical"))
        .merge(("limits", limits))
        .merge(("shutdown.grace", 5))
        .merge(("shutdown.mercy", 2))
}

/// What Rocket shares with the front door.
pub struct Door {
    /// The TLS certificate in use (when TLS is on).
    pub certificate: Arc<CertStatus>,
    /// The front door's open connections.
    pub connections: Arc<Connections>,
    /// The front door's proof that it passed a request on (`door::DOOR_HEADER`).
    pub secret: String,
}

/// The Rocket for `config` and `db`, ready to launch.
pub fn build(
    config: Config,
    db: Db,
    setup_token: Option<String>,
    upstream: SocketAddr,
    door: Door,
) -> Rocket<Build> {
    let figment = figment(upstream);
    let throttle = Throttle::new(throttle::Limits::new(
        config.login_max_failures,
        Duration::from_secs(config.login_window_secs),
    ));
    let hsts = config.https();
    let lookups = Lookups::new(&config);
    let mut metrics = Metrics::default();
    metrics.register_door(&door.connections);
    let state = AppState {
        config: config.clone(),
        db: db.clone(),
        throttle,
        setup_token: Mutex::new(setup_token),
        metrics,
        live: Arc::new(Hub::default()),
        certificate: door.certificate,
        connections: door.connections,
        door_secret: door.secret,
        scheduler: Scheduler::new(db.clone(), config.clone(), Arc::clone(&lookups)),
        lookups,
        sessions: Memo::new(SESSIONS_KEPT, usize::MAX, |_| 0),
        pages: Memo::new(PAGES_KEPT, PAGE_BYTES_KEPT, |page| page.len()),
    };
    rocket::custom(figment)
        .manage(state)
        .attach(RequestMetrics)
        .attach(crate::notify::SystemdNotify)
        .attach(web::headers::SecurityHeaders { hsts })
        .attach(web::body::one_chunk())
        .attach(AdHoc::on_liftoff("announce", |rocket| {
            Box::pin(async move {
                let config = rocket.config();
                let rocket_addr = SocketAddr::new(config.address, config.port);
                if let Some(app) = rocket.state::<AppState>() {
                    tracing::info!(
                        listen = %app.config.listen,
                        public_url = %app.config.public_url(),
                        rocket = %rocket_addr,
                        "aisle is serving"
                    );
                    app.scheduler.start(rocket.shutdown());
                }
            })
        }))
        .mount("/", web::routes())
        .mount("/api/v1", api::routes())
        .register("/", web::error::catchers())
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
        tracing::warn!(
            "no account exists yet: open {}/setup?token={t} to create the first household and \
             its admin (the link works once; a restart prints a new one)",
            config.public_url()
        );
    }
    if config.public_url.is_none() && config.tls != TlsMode::Acme {
        tracing::info!(
            "links aisle builds (invites, redirects) start with {}; set public_url to the \
             address phones use if that is not it",
            config.public_url()
        );
    }
    // Stopped (and its connection closed) when `serve` returns.
    let _watcher = db
        .watch_other_writers(&config.db_path())
        .map_err(|e| format!("cannot watch the database for other writers: {e}"))?;
    tracing::info!(db = %config.db_path().display(), "database ready");
    // The front door on the public ports, bound first so that systemd hears READY=1 (at
    // Rocket's liftoff) only once they listen; Rocket behind it on a loopback port the
    // kernel picks when Rocket binds. The front door accepts once Rocket listens (its
    // liftoff says where): until then clients wait in the listen backlog, never get a 502.
    let certificate = Arc::new(CertStatus::default());
    let connections = Connections::new(
        crate::door::limits::fit_to_open_files(config.max_connections),
        config.max_connections_per_client,
    );
    let secret = token::generate();
    let door = crate::door::bind(&config, &certificate).await?;
    let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
    let (lifted, upstream) = tokio::sync::oneshot::channel();
    let shared = Door {
        certificate,
        connections: Arc::clone(&connections),
        secret: secret.clone(),
    };
    let rocket = build(config, db, setup_token, loopback, shared)
        .attach(AdHoc::on_liftoff("front door", move |rocket| {
            Box::pin(async move {
                let config = rocket.config();
                let _ = lifted.send(SocketAddr::new(config.address, config.port));
            })
        }))
        .ignite()
        .await
        .map_err(|e| e.to_string())?;
    let shutdown = rocket.shutdown();
    let front_door = tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            let result =
                crate::door::serve(door, upstream, &secret, connections, shutdown.clone()).await;
            if let Err(e) = &result {
                tracing::error!("front door: {e}");
                shutdown.notify();
            }
            result
        }
    });
    rocket.launch().await.map_err(|e| e.to_string())?;
    let result = front_door.await.map_err(|e| e.to_string())?;
    tracing::info!("aisle stopped");
    result
}
