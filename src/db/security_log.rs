//! The security log (migration `0012_security_log`): who signed in or failed to, from
//! where and how; lockouts; password, token and membership changes; exports, imports and
//! restores. Append-only; kept `security_log_days` (the `cleanup` job purges older entries).

use rusqlite::{Connection, Row, params};

use crate::db::users::User;
use crate::error::Result;
use crate::ids::{HouseholdId, UserId};

/// What happened.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[strum(serialize_all = "snake_case")]
pub enum Event {
    /// A sign-in, successful or not.
    Login,
    /// A failure that used up the attempts of an address or a username.
    Lockout,
    PasswordChange,
    /// An admin set a member's password.
    PasswordReset,
    TokenCreate,
    TokenRevoke,
    InviteCreate,
    InviteRevoke,
    /// Someone joined with an invite, or was added from the command line.
    Join,
    /// The first household and its admin, made at setup.
    Setup,
    MemberRemove,
    /// A member deleted their own account.
    AccountDelete,
    /// Instance admin `granted` or `revoked` (`detail`).
    RoleChange,
    Export,
    Import,
    /// The database replaced from a backup (`aisle restore`).
    Restore,
    /// A backup of the whole instance downloaded from the Admin page (`detail`: its file).
    BackupDownload,
    HouseholdDelete,
    /// A second factor set up (`detail`: which, e.g. `totp`).
    FactorAdd,
    /// A second factor turned off by its owner.
    FactorRemove,
    /// Every second factor of a member removed by an admin or on the command line.
    FactorReset,
    /// New recovery codes made (the old ones stop working).
    RecoveryCodes,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Events of the instance, never of a household: an import may not bring them.
    pub fn is_instance_only(self) -> bool {
        matches!(
            self,
            Event::RoleChange | Event::Restore | Event::BackupDownload | Event::HouseholdDelete
        )
    }
}

/// How an entry's user acted (`Entry::method`).
pub const METHODS: &[&str] = &[
    "password",
    "invite",
    "cli",
    "api",
    "settings",
    "totp",
    "recovery-code",
    "passkey",
    "sso",
    "sso-email",
];

/// An entry to append. `username` is whom it concerns, as they were called (or as typed,
/// for a failed sign-in).
#[derive(Debug, Clone)]
pub struct Entry {
    pub event: Event,
    pub household: Option<HouseholdId>,
    pub user: Option<UserId>,
    pub username: String,
    /// Who did it, when not the user themself: (id, name).
    pub actor: Option<(UserId, String)>,
    /// How: one of [`METHODS`].
    pub method: Option<&'static str>,
    /// The client's address, as the server saw it.
    pub address: Option<String>,
    pub success: bool,
    pub detail: Option<String>,
}

impl Entry {
    /// A successful `event` of `user` in `household`.
    pub fn new(
        event: Event,
        household: Option<HouseholdId>,
        user: Option<UserId>,
        username: &str,
    ) -> Entry {
        Entry {
            event,
            household,
            user,
            username: username.to_string(),
            actor: None,
            method: None,
            address: None,
            success: true,
            detail: None,
        }
    }

    /// A successful `event` of `user`, in their household.
    pub fn of(event: Event, user: &User) -> Entry {
        Entry::new(
            event,
            Some(user.household_id),
            Some(user.id),
            &user.username,
        )
    }

    pub fn by(mut self, actor: UserId, name: &str) -> Entry {
        self.actor = Some((actor, name.to_string()));
        self
    }

    pub fn method(mut self, method: &'static str) -> Entry {
        self.method = Some(method);
        self
    }

    /// From `address`; an empty one (no client address known) is none.
    pub fn from(mut self, address: &str) -> Entry {
        self.address = Some(address.to_string()).filter(|a| !a.is_empty());
        self
    }

    pub fn failed(mut self) -> Entry {
        self.success = false;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Entry {
        self.detail = Some(detail.into());
        self
    }
}

/// Records a failed sign-in (`login`, a [`Event::Login`] entry) and, when it used up the
/// attempts of the address or the username (`used_up`: which), the lockout it caused.
pub fn record_failed_sign_in(
    conn: &Connection,
    login: &Entry,
    used_up: Option<&str>,
    now: i64,
) -> Result<()> {
    record(conn, &login.clone().failed(), now)?;
    if let Some(spent) = used_up {
        let lockout = Entry {
            event: Event::Lockout,
            method: None,
            detail: Some(spent.to_string()),
            ..login.clone()
        };
        record(conn, &lockout, now)?;
    }
    Ok(())
}

pub fn record(conn: &Connection, entry: &Entry, now: i64) -> Result<()> {
    let (actor_id, actor) = entry.actor.clone().unzip();
    conn.execute(
        "INSERT INTO security_log (household_id, user_id, username, actor_id, actor, event,
                                   method, address, success, detail, at_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            entry.household,
            entry.user,
            entry.username,
            actor_id,
            actor,
            entry.event.as_str(),
            entry.method,
            entry.address,
            entry.success,
            entry.detail,
            now
        ],
    )?;
    Ok(())
}

/// An entry as the log pages and the export show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    pub id: i64,
    /// The household's name, for the instance's log; `None` for entries of no household.
    pub household: Option<String>,
    pub username: String,
    pub actor: Option<String>,
    /// As stored: an [`Event`] name (a newer aisle may have written others).
    pub event: String,
    pub method: Option<String>,
    pub address: Option<String>,
    pub success: bool,
    pub detail: Option<String>,
    /// Brought by an import of another instance's export.
    pub imported: bool,
    pub at_ms: i64,
}

const COLUMNS: &str = "s.id, h.name, s.username, s.actor, s.event, s.method, s.address, \
                       s.success, s.detail, s.imported, s.at_ms";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Logged> {
    Ok(Logged {
        id: r.get(0)?,
        household: r.get(1)?,
        username: r.get(2)?,
        actor: r.get(3)?,
        event: r.get(4)?,
        method: r.get(5)?,
        address: r.get(6)?,
        success: r.get(7)?,
        detail: r.get(8)?,
        imported: r.get(9)?,
        at_ms: r.get(10)?,
    })
}

/// A household's entries older than entry `before` (all when `None`), newest first, at
/// most `limit`.
pub fn for_household(
    conn: &Connection,
    household: HouseholdId,
    before: Option<i64>,
    limit: usize,
) -> Result<Vec<Logged>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM security_log s LEFT JOIN households h ON h.id = s.household_id
         WHERE s.household_id = ?1 AND s.id < ?2 ORDER BY s.id DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(
        params![household, before.unwrap_or(i64::MAX), sql_limit(limit)],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every household's entries and those of none, as [`for_household`].
pub fn for_instance(conn: &Connection, before: Option<i64>, limit: usize) -> Result<Vec<Logged>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM security_log s LEFT JOIN households h ON h.id = s.household_id
         WHERE s.id < ?1 ORDER BY s.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(
        params![before.unwrap_or(i64::MAX), sql_limit(limit)],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `limit` for SQL (`usize::MAX`: no limit).
fn sql_limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

/// Removes entries older than `before_ms`; returns how many.
pub fn purge(conn: &Connection, before_ms: i64) -> Result<usize> {
    Ok(conn.execute("DELETE FROM security_log WHERE at_ms < ?1", [before_ms])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{households, users};

    #[test]
    fn entries_read_back_newest_first_per_household() {
        let (conn, h) = crate::db::test_household();
        let other = households::create(&conn, "Other", 0).unwrap();
        let anna = users::create(&conn, h, "anna", "x", users::Role::Admin, 0).unwrap();
        let login = Entry::new(Event::Login, Some(h), Some(anna), "anna")
            .method("password")
            .from("192.0.2.1");
        record(&conn, &login, 10).unwrap();
        record(&conn, &login.clone().failed(), 20).unwrap();
        record(
            &conn,
            &Entry::new(Event::Login, Some(other), None, "bob").failed(),
            30,
        )
        .unwrap();
        record(
            &conn,
            &Entry::new(Event::Login, None, None, "nobody").failed(),
            40,
        )
        .unwrap();
        let mine = for_household(&conn, h, None, 10).unwrap();
        assert_eq!(mine.len(), 2);
        assert_eq!((mine[0].at_ms, mine[0].success), (20, false));
        assert_eq!(mine[1].address.as_deref(), Some("192.0.2.1"));
        assert_eq!(mine[1].household.as_deref(), Some("H"));
        let older = for_household(&conn, h, Some(mine[0].id), 10).unwrap();
        assert_eq!(older.len(), 1);
        let all = for_instance(&conn, None, 10).unwrap();
        let names: Vec<_> = all.iter().map(|e| e.username.as_str()).collect();
        assert_eq!(names, ["nobody", "bob", "anna", "anna"]);
        assert_eq!(all[0].household, None);
    }

    #[test]
    fn entries_cannot_be_changed_and_outlive_their_user() {
        let (conn, h) = crate::db::test_household();
        let anna = users::create(&conn, h, "anna", "x", users::Role::Admin, 0).unwrap();
        let bob = users::create(&conn, h, "bob", "x", users::Role::Member, 0).unwrap();
        let reset = Entry::new(Event::PasswordReset, Some(h), Some(bob), "bob").by(anna, "anna");
        record(&conn, &reset, 5).unwrap();
        for change in [
            "UPDATE security_log SET success = 0",
            "UPDATE security_log SET username = 'eve'",
            "UPDATE security_log SET at_ms = 0",
            "UPDATE security_log SET imported = 1",
            "UPDATE security_log SET user_id = (SELECT id FROM users WHERE username = 'anna')",
            "UPDATE security_log SET actor_id = user_id",
        ] {
            let refused = conn.execute(change, []).unwrap_err().to_string();
            assert!(refused.contains("append-only"), "{change}: {refused}");
        }
        users::delete(&conn, h, bob).unwrap();
        let left = for_household(&conn, h, None, 10).unwrap();
        assert_eq!(left[0].username, "bob");
        assert_eq!(left[0].actor.as_deref(), Some("anna"));
    }

    #[test]
    fn purge_removes_only_entries_past_retention() {
        let (conn, h) = crate::db::test_household();
        for at in [100, 200, 300] {
            record(&conn, &Entry::new(Event::Export, Some(h), None, "anna"), at).unwrap();
        }
        assert_eq!(purge(&conn, 250).unwrap(), 2);
        let left = for_household(&conn, h, None, 10).unwrap();
        assert_eq!(left.iter().map(|e| e.at_ms).collect::<Vec<_>>(), [300]);
    }

    #[test]
    fn event_names_are_stable() {
        assert_eq!(Event::PasswordReset.as_str(), "password_reset");
        assert_eq!("lockout".parse::<Event>().ok(), Some(Event::Lockout));
    }
}
