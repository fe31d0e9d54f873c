//! Who should know: each member's choice per list (items others add, someone going or done
//! shopping), their phones' Web Push subscriptions, and the household's own ntfy topic and
//! webhook. What to say and when is `news`; how it is sent is `push`.

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::sessions::Login;
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ListId, UserId};

/// What a member wants to hear about one list.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Watch {
    /// Items other members add (batched: "Anna added 3 items").
    pub added: bool,
    /// Someone going shopping, or done.
    pub shopping: bool,
}

/// What `user` wants to hear about `list` (nothing, until they choose).
pub fn watch(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    user: UserId,
) -> Result<Watch> {
    crate::db::lists::get(conn, household, list)?;
    Ok(conn
        .prepare_cached(
            "SELECT added, shopping FROM list_watchers WHERE list_id = ?1 AND user_id = ?2",
        )?
        .query_row(params![list, user], |r| {
            Ok(Watch {
                added: r.get(0)?,
                shopping: r.get(1)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

pub fn set_watch(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    user: UserId,
    watch: Watch,
) -> Result<()> {
    crate::db::lists::get(conn, household, list)?;
    conn.prepare_cached(
        "INSERT OR REPLACE INTO list_watchers (list_id, user_id, added, shopping)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![list, user, watch.added, watch.shopping])?;
    Ok(())
}

/// A stored Web Push subscription.
#[derive(Debug, Clone)]
pub struct StoredSubscription {
    pub id: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    /// The language to tell this phone in: its user's own choice, else the language of the
    /// browser that subscribed; `None` when neither is known.
    pub language: Option<String>,
}

/// Whether anyone would hear of items added to `list` by `by`: another member who opted in,
/// or the household's ntfy topic or webhook. Nobody: no notification is even prepared.
pub fn anyone_to_tell_of_adds(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    by: UserId,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM list_watchers
                            WHERE list_id = ?1 AND added = 1 AND user_id <> ?2)
                 OR EXISTS (SELECT 1 FROM household_hooks WHERE household_id = ?3
                            AND (ntfy_url IS NOT NULL OR webhook_url IS NOT NULL))",
        )?
        .query_row(params![list, by, household], |r| r.get(0))?)
}

/// The subscriptions of the members who want to hear `what` about `list`, except `by` (who
/// did it).
pub fn phones_to_tell(
    conn: &Connection,
    list: ListId,
    what: News,
    by: UserId,
) -> Result<Vec<StoredSubscription>> {
    let column = match what {
        News::Added => "added",
        News::Shopping => "shopping",
    };
    Ok(conn
        .prepare_cached(&format!(
            "SELECT s.id, s.endpoint, s.p256dh, s.auth, coalesce(u.language, s.language)
             FROM list_watchers w
             JOIN push_subscriptions s ON s.user_id = w.user_id
             JOIN users u ON u.id = w.user_id
             WHERE w.list_id = ?1 AND w.{column} = 1 AND w.user_id <> ?2
             ORDER BY s.id"
        ))?
        .query_map(params![list, by], |r| {
            Ok(StoredSubscription {
                id: r.get(0)?,
                endpoint: r.get(1)?,
                p256dh: r.get(2)?,
                auth: r.get(3)?,
                language: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The two kinds of news a member can opt into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum News {
    Added,
    Shopping,
}

/// Most phones one member may have subscribed (each add by another member is one push
/// request per phone).
pub const MAX_PHONES: i64 = 10;

/// A phone's subscription, as the browser gives it.
pub struct Phone<'a> {
    pub endpoint: &'a str,
    pub p256dh: &'a str,
    pub auth: &'a str,
    /// The language of the browser that subscribed (a `locales/` code).
    pub language: &'a str,
}

/// Keeps a phone's subscription for `user`, for as long as the login it was made in
/// (`session_hash` or `token`) lasts. An endpoint already known moves to them: the phone
/// changed hands or accounts. Refused past [`MAX_PHONES`].
pub fn subscribe(
    conn: &Connection,
    user: UserId,
    login: &Login,
    phone: &Phone<'_>,
    now: i64,
) -> Result<()> {
    let others: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM push_subscriptions WHERE user_id = ?1 AND endpoint <> ?2",
        )?
        .query_row(params![user, phone.endpoint], |r| r.get(0))?;
    if others >= MAX_PHONES {
        return Err(Error::invalid(format!(
            "you have notifications on {others} phones already; turn them off on one first"
        )));
    }
    let (session, token) = match login {
        Login::Session(hash) => (Some(hash.as_slice()), None),
        Login::Token(id) => (None, Some(*id)),
    };
    conn.prepare_cached(
        "INSERT INTO push_subscriptions
             (user_id, session_hash, token_id, endpoint, p256dh, auth, created_ms, language)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id,
             session_hash = excluded.session_hash, token_id = excluded.token_id,
             p256dh = excluded.p256dh, auth = excluded.auth, language = excluded.language",
    )?
    .execute(params![
        user,
        session,
        token,
        phone.endpoint,
        phone.p256dh,
        phone.auth,
        now,
        phone.language
    ])?;
    Ok(())
}

/// Forgets `user`'s subscription at `endpoint`; `NotFound` when they have none there.
pub fn unsubscribe(conn: &Connection, user: UserId, endpoint: &str) -> Result<()> {
    super::touched(conn.execute(
        "DELETE FROM push_subscriptions WHERE user_id = ?1 AND endpoint = ?2",
        params![user, endpoint],
    )?)
}

/// Forgets subscriptions the push service said are gone.
pub fn forget(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached("DELETE FROM push_subscriptions WHERE id = ?1")?;
    for id in ids {
        stmt.execute([id])?;
    }
    Ok(())
}

/// How many phones `user` has subscribed.
pub fn phones(conn: &Connection, user: UserId) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM push_subscriptions WHERE user_id = ?1")?
        .query_row([user], |r| r.get(0))?)
}

/// A household's own ntfy topic and webhook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hooks {
    pub ntfy_url: Option<String>,
    pub ntfy_token: Option<String>,
    pub webhook_url: Option<String>,
}

impl Hooks {
    pub fn any(&self) -> bool {
        self.ntfy_url.is_some() || self.webhook_url.is_some()
    }
}

pub fn hooks(conn: &Connection, household: HouseholdId) -> Result<Hooks> {
    Ok(conn
        .prepare_cached(
            "SELECT ntfy_url, ntfy_token, webhook_url FROM household_hooks WHERE household_id = ?1",
        )?
        .query_row([household], |r| {
            Ok(Hooks {
                ntfy_url: r.get(0)?,
                ntfy_token: r.get(1)?,
                webhook_url: r.get(2)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

/// Sets the household's hooks (the caller checked the addresses); all empty removes them.
pub fn set_hooks(conn: &Connection, household: HouseholdId, hooks: &Hooks) -> Result<()> {
    if hooks.ntfy_url.is_none() && hooks.ntfy_token.is_some() {
        return Err(Error::invalid("a token needs an ntfy topic to go with"));
    }
    conn.prepare_cached(
        "INSERT OR REPLACE INTO household_hooks (household_id, ntfy_url, ntfy_token, webhook_url)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        household,
        hooks.ntfy_url,
        hooks.ntfy_token,
        hooks.webhook_url
    ])?;
    Ok(())
}

/// The names of the items `by` added to `list` in activity entries after `entries.0` up
/// to `entries.1` (not undone), in the order they were added.
pub fn added_between(
    conn: &Connection,
    list: ListId,
    by: UserId,
    entries: (i64, i64),
) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT name FROM activity
             WHERE list_id = ?1 AND user_id = ?2 AND id > ?3 AND id <= ?4 AND kind = 'add'
               AND undone_by IS NULL
             ORDER BY id",
        )?
        .query_map(params![list, by, entries.0, entries.1], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The names of the items `by` checked off on `list` since `since_ms` (not undone).
pub fn bought_since(
    conn: &Connection,
    list: ListId,
    by: UserId,
    since_ms: i64,
) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT name FROM activity
             WHERE list_id = ?1 AND user_id = ?2 AND at_ms >= ?3 AND kind = 'check'
               AND undone_by IS NULL
             ORDER BY id",
        )?
        .query_map(params![list, by, since_ms], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}
