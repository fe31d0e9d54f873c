//! Builds the Rocket: state, fairings, routes, catchers; runs it until SIGTERM/SIGINT.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rocket::data::{Limits, ToByteUnit};
use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::{Build, Rocket};

use crate::app::AppState;
use crate::auth::throttle::{self, Throttle};
use crate::auth::token;
use crate::config::{Config, TlsMode};
use crate::db::{self, Db, households};
use crate::door::Connections;
use crate::http::metrics::RequestMetrics;
use crate::jobs::Scheduler;
use crate::live::Hub;
use crate::lookup::Lookups;
use crate::metrics::Metrics;
use crate::tls::CertStatus;
use crate::{api, web};

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
        news: crate::news::Notifier::new(&config),
        passkeys: crate::auth::passkey::Passkeys::new(&config),
        sso: crate::auth::sso::Sso::new(&config),
    };
    rocket::custom(figment)
        .manage(state)
        .attach(RequestMetrics)
        .attach(crate::notify::SystemdNotify)
        .attach(crate::http::headers::SecurityHeaders::new(&config))
        // Before `one_chunk`, which sizes the chunks of the body as it will be sent.
        .attach(crate::http::allow::MethodNotAllowed)
        .attach(crate::http::compress::Compression)
        .attach(crate::http::body::one_chunk())
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
                    app.news
                        .start(app.db.clone(), &app.config, rocket.shutdown());
                }
            })
        }))
        .mount("/", web::routes())
        .mount("/api/v1", api::routes())
        .register("/", crate::http::error::catchers())
}

/// Why the server could not start, or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Lock(#[from] db::LockError),
    #[error(transparent)]
    Open(#[from] db::OpenError),
    #[error(transparent)]
    Database(#[from] crate::error::Error),
    #[error("front door: {0}")]
    Door(#[from] crate::door::DoorError),
    #[error("{0}")]
    Rocket(#[from] Box<rocket::Error>),
    #[error("the front door's task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Opens the database, announces the setup URL on a fresh instance, and serves until
/// told to stop.
pub async fn serve(config: Config) -> Result<(), ServeError> {
    let _lock = db::lock_data_dir(&config.data_dir)?;
    let db = Db::open(&config.db_path(), config.synchronous, &config.backup_dir())?;
    let empty = db.read(households::instance_is_empty).await?;
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
    if let Some(name) = config.oidc_household.clone().filter(|_| !empty) {
        let found = db
            .read(move |conn| households::find_by_name(conn, &name))
            .await?;
        if found.is_none() {
            tracing::warn!(
                "oidc-household `{}` is no household's name: single sign-on makes no new \
                 members until it names one",
                config.oidc_household.as_deref().unwrap_or_default()
            );
        }
    }
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
    let _announcement = match door.serving_port() {
        Ok((port, https)) => crate::mdns::announce_for(&config, port, https),
        Err(e) => {
            tracing::warn!("cannot tell which port to announce on the local network: {e}");
            None
        }
    };
    let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
    let (lifted, upstream) = tokio::sync::oneshot::channel();
    let shared = Door {
        certificate,
        connections: Arc::clone(&connections),
        secret: secret.clone(),
    };
    // Dropped when the front door's task ends, its connections to Rocket closed with it.
    let (door_open, door_closed) = tokio::sync::oneshot::channel::<()>();
    let rocket = build(config, db, setup_token, loopback, shared)
        .attach(AdHoc::on_shutdown("front door closes first", move |_| {
            // Rocket looks for open connections once, right after its shutdown fairings,
            // and waits out its whole grace period if it finds one. The door's pooled
            // connections to Rocket close when the door is done, and Rocket's side a few
            // milliseconds later: without this wait every other stop took five seconds.
            Box::pin(async move {
                let _ = tokio::time::timeout(Duration::from_secs(5), door_closed).await;
                tokio::time::sleep(Duration::from_millis(100)).await;
            })
        }))
        .attach(AdHoc::on_liftoff("front door", move |rocket| {
            Box::pin(async move {
                let config = rocket.config();
                // Without the state the door is told nothing and stops the server.
                let Some(app) = rocket.state::<AppState>() else {
                    return;
                };
                let _ = lifted.send(crate::door::Upstream {
                    addr: SocketAddr::new(config.address, config.port),
                    methods: crate::http::allow::Methods::of(rocket.routes()),
                    hub: Arc::clone(&app.live),
                });
            })
        }))
        .ignite()
        .await
        .map_err(Box::new)?;
    let shutdown = rocket.shutdown();
    let front_door = tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            let _door_open = door_open;
            let result =
                crate::door::serve(door, upstream, &secret, connections, shutdown.clone()).await;
            if let Err(e) = &result {
                tracing::error!("front door: {e}");
                shutdown.notify();
            }
            result
        }
    });
    rocket.launch().await.map_err(Box::new)?;
    let result = front_door.await?;
    tracing::info!("aisle stopped");
    Ok(result?)
}
