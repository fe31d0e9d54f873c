//! The application's shared state, managed by Rocket and used by every handler of both
//! surfaces (`web`, `api`): configuration, the database, the live hub, the scheduler.

use std::sync::{Arc, Mutex};

use rusqlite::Transaction;

use crate::auth::throttle::Throttle;
use crate::config::Config;
use crate::db::activity::{self, Stamp};
use crate::db::users::User;
use crate::db::{Db, lists, watchers};
use crate::door::Connections;
use crate::error::Result;
use crate::ids::ListId;
use crate::jobs::Scheduler;
use crate::live::Hub;
use crate::lookup::Lookups;
use crate::metrics::Metrics;
use crate::tls::CertStatus;

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
    /// Who should know: notifications of adds and shopping trips.
    pub news: crate::news::Notifier,
    /// The relying party for passkeys, and their ceremonies in progress.
    pub passkeys: crate::auth::passkey::Passkeys,
    /// Single sign-on through the household's OpenID Connect provider, when set up.
    pub sso: crate::auth::sso::Sso,
}

/// What subscribers of a list are told after a change: its new version and who made it
/// (a username). Phones fetch what changed (`changes?since=`) themselves, so an event
/// costs the same however big the change, and nothing is serialised for a list nobody
/// watches.
#[derive(serde::Serialize)]
struct ChangeEvent<'a> {
    version: i64,
    by: &'a str,
}

impl AppState {
    /// Runs `by`'s write on one of their household's lists in a `BEGIN IMMEDIATE`
    /// transaction, then tells the list's subscribers when its version moved. The write is
    /// given its [`Stamp`] (who, when) for the list's activity. `NotFound` when the list is
    /// not the household's.
    pub async fn write_list<T, F>(&self, by: &User, list: ListId, f: F) -> Result<T>
    where
        F: FnOnce(&Transaction<'_>, Stamp) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let household = by.household_id;
        let user = by.id;
        let (value, before, after, news) = self
            .db
            .write(move |tx| {
                let before = lists::get(tx, household, list)?.version;
                let seen = activity::latest_id(tx)?;
                let value = f(tx, Stamp::now(user))?;
                let after = lists::get(tx, household, list)?.version;
                // Only when someone would hear of it: an idle server then has nothing
                // pending (no timer) after adds nobody watches.
                let added = after != before
                    && activity::added_after(tx, list, seen)?
                    && watchers::anyone_to_tell_of_adds(tx, household, list, user)?;
                let news = match added {
                    true => Some((seen, activity::latest_id(tx)?)),
                    false => None,
                };
                Ok((value, before, after, news))
            })
            .await?;
        if after != before {
            self.publish(list, after, &by.username);
        }
        if let Some(entries) = news {
            self.news
                .added(household, list, user, &by.username, entries);
        }
        Ok(value)
    }

    /// Tells the list's subscribers that `by` brought it to `version`.
    pub fn publish(&self, list: ListId, version: i64, by: &str) {
        match serde_json::to_string(&ChangeEvent { version, by }) {
            Ok(json) => self.live.publish(list, Arc::from(json)),
            Err(e) => tracing::error!("cannot serialise a change event: {e}"),
        }
    }
}
