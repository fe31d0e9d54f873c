//! Who should know, and when: telling the members who opted in (`db::watchers`) that
//! "Anna added 3 items" to a list or "Ben is going shopping", by Web Push to their phones and
//! to the household's own ntfy topic or webhook (`push`).
//!
//! Adds are batched per list and author: the first add starts a window of
//! `notify_batch_secs`, and at its end one message names everything that author added (and
//! did not undo) in it. Going and done shopping are told at once. Sending happens on the
//! blocking pool, never on a request; a failure is logged and dropped, and a subscription
//! the push service says is gone is forgotten. With nothing pending the task sleeps on its
//! channel: no timer wakes an idle server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::time::Instant;

use crate::config::Config;
use crate::db::watchers::{self, Hooks, News as Kind, StoredSubscription};
use crate::db::{Db, households, lists};
use crate::error::Result;
use crate::i18n::Lang;
use crate::ids::{HouseholdId, ListId, UserId};
use crate::push::hooks::{Ntfy, Webhook};
use crate::push::webpush::{Subscription, Vapid};
use crate::push::{Delivery, Event, ListRef};

/// How long a push service keeps a message for a phone that is off (seconds).
const PUSH_TTL_SECS: u32 = 6 * 3600;
/// A trip's check-offs, for "done shopping and bought …": the last few hours.
const TRIP_MS: i64 = 4 * 3_600_000;

/// Something that happened on a list, as the writer tells it.
#[derive(Debug)]
enum Signal {
    /// `by` added items to `list`; the activity entries in `entries` (after the first
    /// id, up to the second) say which.
    Added {
        household: HouseholdId,
        list: ListId,
        by: UserId,
        by_name: String,
        entries: (i64, i64),
    },
    Shopping {
        household: HouseholdId,
        list: ListId,
        by: UserId,
        by_name: String,
        going: bool,
    },
}

/// The handle the server keeps: writers tell it what happened.
pub struct Notifier {
    tx: UnboundedSender<Signal>,
    /// The receiving end until the task starts (at liftoff).
    rx: Mutex<Option<UnboundedReceiver<Signal>>>,
    vapid: Option<Arc<Vapid>>,
}

impl Notifier {
    /// Loads (or makes) the VAPID key in the data directory; without one, Web Push is off
    /// (said in the log) and ntfy and webhooks still work.
    pub fn new(config: &Config) -> Notifier {
        let vapid = match Vapid::load_or_create(&config.data_dir) {
            Ok(vapid) => Some(Arc::new(vapid)),
            Err(e) => {
                tracing::error!("Web Push is off: {e}");
                None
            }
        };
        let (tx, rx) = mpsc::unbounded_channel();
        Notifier {
            tx,
            rx: Mutex::new(Some(rx)),
            vapid,
        }
    }

    /// The key phones subscribe with (`applicationServerKey`), when Web Push is on.
    pub fn public_key(&self) -> Option<String> {
        self.vapid.as_ref().map(|v| v.public_key_base64url())
    }

    /// `by` added items to `list`: the activity entries after `entries.0`, up to
    /// `entries.1`, say which.
    pub fn added(
        &self,
        household: HouseholdId,
        list: ListId,
        by: UserId,
        by_name: &str,
        entries: (i64, i64),
    ) {
        self.send(Signal::Added {
            household,
            list,
            by,
            by_name: by_name.to_string(),
            entries,
        });
    }

    /// `by` is going shopping (`going`) or done.
    pub fn shopping(
        &self,
        household: HouseholdId,
        list: ListId,
        by: UserId,
        by_name: &str,
        going: bool,
    ) {
        self.send(Signal::Shopping {
            household,
            list,
            by,
            by_name: by_name.to_string(),
            going,
        });
    }

    fn send(&self, signal: Signal) {
        if self.tx.send(signal).is_err() {
            tracing::warn!("notifications are not running; a change goes untold");
        }
    }

    /// Starts the task (once); it ends with the server.
    pub fn start(&self, db: Db, config: &Config, shutdown: rocket::Shutdown) {
        let Some(rx) = self.rx.lock().ok().and_then(|mut rx| rx.take()) else {
            return;
        };
        let out = Arc::new(Out {
            db,
            vapid: self.vapid.clone(),
            contact: contact(config),
        });
        let window = Duration::from_secs(config.notify_batch_secs);
        tokio::spawn(run(rx, out, window, shutdown));
    }
}

/// The VAPID contact: `push_contact`, else the public address when it is https.
fn contact(config: &Config) -> String {
    if let Some(contact) = &config.push_contact {
        return contact.clone();
    }
    let url = config.public_url();
    if url.starts_with("https://") {
        url
    } else {
        "mailto:aisle@localhost".to_string()
    }
}

/// Adds waiting for their window to end, by list and author: the activity entries after
/// `entries.0` up to `entries.1`. The upper bound keeps an add that comes just as a batch
/// is told out of it (it starts the next batch) instead of telling it twice.
struct Pending {
    household: HouseholdId,
    by_name: String,
    entries: (i64, i64),
    due: Instant,
}

async fn run(
    mut rx: UnboundedReceiver<Signal>,
    out: Arc<Out>,
    window: Duration,
    mut shutdown: rocket::Shutdown,
) {
    let mut pending: HashMap<(ListId, UserId), Pending> = HashMap::new();
    loop {
        let next = pending.values().map(|p| p.due).min();
        let signal = tokio::select! {
            signal = rx.recv() => match signal {
                Some(signal) => Some(signal),
                None => return,
            },
            _ = sleep_until(next) => None,
            _ = &mut shutdown => return,
        };
        match signal {
            Some(Signal::Added {
                household,
                list,
                by,
                by_name,
                entries,
            }) => {
                let batch = pending.entry((list, by)).or_insert(Pending {
                    household,
                    by_name,
                    entries,
                    due: Instant::now() + window,
                });
                batch.entries = (
                    batch.entries.0.min(entries.0),
                    batch.entries.1.max(entries.1),
                );
            }
            Some(Signal::Shopping {
                household,
                list,
                by,
                by_name,
                going,
            }) => {
                let out = Arc::clone(&out);
                tokio::spawn(async move {
                    let told = out
                        .tell_shopping(household, list, by, &by_name, going)
                        .await;
                    log(told, "shopping news");
                });
            }
            None => {}
        }
        let now = Instant::now();
        let due: Vec<(ListId, UserId)> = pending
            .iter()
            .filter(|(_, p)| p.due <= now)
            .map(|(k, _)| *k)
            .collect();
        for (list, by) in due {
            if let Some(p) = pending.remove(&(list, by)) {
                let out = Arc::clone(&out);
                tokio::spawn(async move {
                    let told = out
                        .tell_added(p.household, list, by, &p.by_name, p.entries)
                        .await;
                    log(told, "news of added items");
                });
            }
        }
    }
}

async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

fn log(told: Result<()>, what: &str) {
    if let Err(e) = told {
        tracing::warn!("{what} could not be read: {e}");
    }
}

/// Everything needed to tell someone.
struct Out {
    db: Db,
    vapid: Option<Arc<Vapid>>,
    contact: String,
}

/// One message and where it goes.
struct Plan {
    /// What happened, its `text` in the household's language (for its ntfy and webhook).
    event: Event,
    phones: Vec<StoredSubscription>,
    hooks: Hooks,
    /// The household's language: a phone's own when its user and browser name none.
    language: Lang,
}

impl Out {
    async fn tell_added(
        &self,
        household: HouseholdId,
        list: ListId,
        by: UserId,
        by_name: &str,
        entries: (i64, i64),
    ) -> Result<()> {
        let by_name = by_name.to_string();
        let plan = self
            .db
            .read(move |conn| {
                let names = watchers::added_between(conn, list, by, entries)?;
                if names.is_empty() {
                    return Ok(None);
                }
                let event = Event::items_added(list_ref(conn, household, list)?, &by_name, names);
                plan(conn, household, list, by, Kind::Added, event).map(Some)
            })
            .await?;
        self.deliver(plan).await
    }

    async fn tell_shopping(
        &self,
        household: HouseholdId,
        list: ListId,
        by: UserId,
        by_name: &str,
        going: bool,
    ) -> Result<()> {
        let by_name = by_name.to_string();
        let since = crate::db::now_ms() - TRIP_MS;
        let plan = self
            .db
            .read(move |conn| {
                let list_ref = list_ref(conn, household, list)?;
                let event = if going {
                    Event::going_shopping(list_ref, &by_name)
                } else {
                    let bought = watchers::bought_since(conn, list, by, since)?;
                    Event::done_shopping(list_ref, &by_name, bought)
                };
                plan(conn, household, list, by, Kind::Shopping, event).map(Some)
            })
            .await?;
        self.deliver(plan).await
    }

    /// Sends on the blocking pool; forgets subscriptions that are gone.
    async fn deliver(&self, plan: Option<Plan>) -> Result<()> {
        let Some(plan) = plan else { return Ok(()) };
        let vapid = self.vapid.clone();
        let contact = self.contact.clone();
        let gone = tokio::task::spawn_blocking(move || send(&plan, vapid.as_deref(), &contact))
            .await
            .map_err(|e| crate::error::Error::Internal(e.to_string()))?;
        if !gone.is_empty() {
            self.db.write(move |tx| watchers::forget(tx, &gone)).await?;
        }
        Ok(())
    }
}

fn list_ref(conn: &rusqlite::Connection, household: HouseholdId, list: ListId) -> Result<ListRef> {
    let found = lists::get(conn, household, list)?;
    Ok(ListRef {
        id: found.id.0,
        name: found.name,
    })
}

fn plan(
    conn: &rusqlite::Connection,
    household: HouseholdId,
    list: ListId,
    by: UserId,
    kind: Kind,
    event: Event,
) -> Result<Plan> {
    let language = households::language(conn, household)?;
    Ok(Plan {
        phones: watchers::phones_to_tell(conn, list, kind, by)?,
        hooks: watchers::hooks(conn, household)?,
        event: event.in_language(language),
        language,
    })
}

/// What a phone's service worker shows (`sw.js`).
#[derive(serde::Serialize)]
struct Payload<'a> {
    title: &'a str,
    body: &'a str,
    /// Opened when the notification is tapped.
    url: String,
    /// One notification per list: a newer one replaces it.
    tag: String,
}

/// Sends `plan`; returns the ids of subscriptions the push service said are gone.
fn send(plan: &Plan, vapid: Option<&Vapid>, contact: &str) -> Vec<i64> {
    let event = &plan.event;
    let mut gone = Vec::new();
    if let (Some(vapid), false) = (vapid, plan.phones.is_empty()) {
        for phone in &plan.phones {
            let lang = phone
                .language
                .as_deref()
                .and_then(Lang::from_code)
                .unwrap_or(plan.language);
            let payload = Payload {
                title: event.title(),
                body: &event.text_in(lang),
                url: format!("/lists/{}", event.list.id),
                tag: format!("aisle-list-{}", event.list.id),
            };
            let payload = serde_json::to_vec(&payload).unwrap_or_default();
            let sent = Subscription::parse(&phone.endpoint, &phone.p256dh, &phone.auth)
                .and_then(|sub| vapid.send(&sub, &payload, PUSH_TTL_SECS, contact));
            match sent {
                Ok(Delivery::Delivered) => {}
                Ok(Delivery::Gone) => gone.push(phone.id),
                Err(e) => tracing::warn!("a push message was not delivered: {e}"),
            }
        }
    }
    if let Some(url) = &plan.hooks.ntfy_url {
        let sent =
            Ntfy::new(url, plan.hooks.ntfy_token.as_deref()).and_then(|n| n.send_event(event));
        if let Err(e) = sent {
            tracing::warn!("the household's ntfy topic was not told: {e}");
        }
    }
    if let Some(url) = &plan.hooks.webhook_url
        && let Err(e) = Webhook::new(url).and_then(|w| w.send(event))
    {
        tracing::warn!("the household's webhook was not told: {e}");
    }
    gone
}
