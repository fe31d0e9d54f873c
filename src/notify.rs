//! systemd service notifications (`sd_notify`) for `Type=notify` units.
//!
//! - `READY=1` once Rocket has lifted off (the socket is bound and requests are served);
//! - `WATCHDOG=1` every half `WATCHDOG_USEC` while the database answers a query, so a wedged
//!   runtime or database gets the service restarted by systemd (`WatchdogSec=`);
//! - `STOPPING=1` when a graceful shutdown begins.
//!
//! Every message is a no-op when aisle was not started by systemd (`NOTIFY_SOCKET` unset),
//! and the watchdog task only runs when systemd asked for one (`WATCHDOG_USEC`, with
//! `WATCHDOG_PID` naming this process when set).

use std::time::Duration;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Orbit, Rocket, Shutdown};
use sd_notify::NotifyState;
use tokio::time::MissedTickBehavior;

use crate::app::AppState;
use crate::db::Db;

/// The fairing that tells systemd about readiness, liveness and stopping.
pub struct SystemdNotify;

#[rocket::async_trait]
impl Fairing for SystemdNotify {
    fn info(&self) -> Info {
        Info {
            name: "systemd notify",
            kind: Kind::Liftoff | Kind::Shutdown,
        }
    }

    async fn on_liftoff(&self, rocket: &Rocket<Orbit>) {
        send(&[NotifyState::Ready, NotifyState::Status("serving")]);
        if let (Some(period), Some(app)) = (watchdog_period(), rocket.state::<AppState>()) {
            tracing::debug!(?period, "systemd watchdog enabled");
            tokio::spawn(watchdog(app.db.clone(), period, rocket.shutdown()));
        }
    }

    async fn on_shutdown(&self, _rocket: &Rocket<Orbit>) {
        send(&[
            NotifyState::Stopping,
            NotifyState::Status("finishing requests in flight"),
        ]);
    }
}

/// How often to ping the watchdog: half of what systemd allows, `None` when it is off.
pub fn watchdog_period() -> Option<Duration> {
    sd_notify::watchdog_enabled()
        .map(|allowed| allowed / 2)
        .filter(|period| !period.is_zero())
}

/// Pings the watchdog every `period` while the database answers within `period`;
/// ends at shutdown.
async fn watchdog(db: Db, period: Duration, mut shutdown: Shutdown) {
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = &mut shutdown => return,
        }
        match tokio::time::timeout(period, database_answers(&db)).await {
            Ok(true) => send(&[NotifyState::Watchdog]),
            Ok(false) => tracing::warn!("the database does not answer; not pinging the watchdog"),
            Err(_) => {
                tracing::warn!("the database is too slow to answer; not pinging the watchdog")
            }
        }
    }
}

async fn database_answers(db: &Db) -> bool {
    db.read(crate::db::answers).await.is_ok()
}

/// Sends `states` to systemd; a failure is logged, never fatal.
fn send(states: &[NotifyState<'_>]) {
    if let Err(e) = sd_notify::notify(states) {
        tracing::warn!("cannot notify systemd: {e}");
    }
}
