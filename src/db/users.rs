//! Accounts. Usernames are unique across the instance (case-insensitive).

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::text::username_key;
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, UserId};
use strum::{EnumString, IntoStaticStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, IntoStaticStr, EnumString)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Role {
    Admin,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn parse(s: &str) -> Option<Role> {
        s.parse().ok()
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub household_id: HouseholdId,
    pub username: String,
    pub role: Role,
    /// The language this person chose (a `locales/` code); `None` follows their browser.
    pub language: Option<String>,
}

impl User {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

pub(crate) const USER_COLUMNS: &str = "u.id, u.household_id, u.username, u.role, u.language";
/// How many columns [`USER_COLUMNS`] names: a query's own columns come after them.
pub(crate) const USER_COLUMN_COUNT: usize = 5;

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(3)?;
    Ok(User {
        id: r.get(0)?,
        household_id: r.get(1)?,
        username: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Member),
        language: r.get(4)?,
    })
}

pub fn create(
    conn: &Connection,
    household: HouseholdId,
    username: &str,
    password_hash: &str,
    role: Role,
    now: i64,
) -> Result<UserId> {
    let inserted = conn.execute(
        "INSERT INTO users (household_id, username, username_key, password_hash, role, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (username_key) DO NOTHING",
        params![
            household,
            username,
            username_key(username),
            password_hash,
            role.as_str(),
            now
        ],
    )?;
    if inserted == 0 {
        return Err(Error::Conflict(format!(
            "the username `{username}` is taken; pick another"
        )));
    }
    Ok(UserId(conn.last_insert_rowid()))
}

/// The user and password hash for a login attempt.
pub fn find_for_login(conn: &Connection, username: &str) -> Result<Option<(User, String)>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.username_key = ?1"
            ),
            [username_key(username)],
            |r| Ok((from_row(r)?, r.get(USER_COLUMN_COUNT)?)),
        )
        .optional()?)
}

pub fn find_by_username(conn: &Connection, username: &str) -> Result<Option<User>> {
    Ok(find_for_login(conn, username)?.map(|(u, _)| u))
}

pub fn password_hash(conn: &Connection, household: HouseholdId, id: UserId) -> Result<String> {
    conn.query_row(
        "SELECT password_hash FROM users WHERE id = ?1 AND household_id = ?2",
        params![id, household],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound)
}

pub fn get(conn: &Connection, household: HouseholdId, id: UserId) -> Result<User> {
    conn.query_row(
        &format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = ?1 AND u.household_id = ?2"),
        params![id, household],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound)
}

pub fn list(conn: &Connection, household: HouseholdId) -> Result<Vec<User>> {
    Ok(conn
        .prepare(&format!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.household_id = ?1 ORDER BY u.username_key"
        ))?
        .query_map([household], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Removes a member; their sessions and tokens go with them (cascade).
pub fn delete(conn: &Connection, household: HouseholdId, id: UserId) -> Result<()> {
    super::touched(conn.execute(
        "DELETE FROM users WHERE id = ?1 AND household_id = ?2",
        params![id, household],
    )?)
}

pub fn set_password(
    conn: &Connection,
    household: HouseholdId,
    id: UserId,
    password_hash: &str,
) -> Result<()> {
    super::touched(conn.execute(
        "UPDATE users SET password_hash = ?1 WHERE id = ?2 AND household_id = ?3",
        params![password_hash, id, household],
    )?)
}

/// Sets the language this person chose (a `Lang` code), or `None` to follow their browser.
pub fn set_language(
    conn: &Connection,
    household: HouseholdId,
    id: UserId,
    language: Option<crate::i18n::Lang>,
) -> Result<()> {
    super::touched(conn.execute(
        "UPDATE users SET language = ?1 WHERE id = ?2 AND household_id = ?3",
        params![language.map(crate::i18n::Lang::code), id, household],
    )?)
}

// Instance administration: a stored role (`users.instance_admin`), instance-wide on
// purpose. It opens the admin page (jobs, run-now, every household's backups); it is
// never inferred from ids, and the last holder cannot be removed (0008_instance_admin.sql
// enforces that too).

/// The refusal when a change would leave the instance without an instance admin.
pub fn last_instance_admin(what: &str) -> Error {
    Error::Conflict(format!(
        "{what} would leave this server without an instance admin; \
         make someone else an instance admin on the Admin page first"
    ))
}

/// The refusal when someone who is not an instance admin would reset, remove or delete
/// an account that is one: a reset would let them log in as it and take the admin page.
pub fn outranked(username: &str, action: &str) -> Error {
    Error::Forbidden(format!(
        "{username} is an instance admin, so only an instance admin can {action}; \
         ask one to do it, or ask {username} to give up the role on the Admin page first"
    ))
}

/// Refuses `action` on `target` unless `actor` may: anyone may act on an account that is
/// not an instance admin; only an instance admin on one that is.
pub fn check_outranks(conn: &Connection, actor: UserId, target: &User, action: &str) -> Result<()> {
    if is_instance_admin(conn, target.id)? && !is_instance_admin(conn, actor)? {
        return Err(outranked(&target.username, action));
    }
    Ok(())
}

/// An instance admin of `household` other than `except`, if any (by username).
pub fn instance_admin_in(
    conn: &Connection,
    household: HouseholdId,
    except: UserId,
) -> Result<Option<User>> {
    let id: Option<UserId> = conn
        .query_row(
            "SELECT id FROM users WHERE household_id = ?1 AND instance_admin = 1 AND id <> ?2
             ORDER BY username_key LIMIT 1",
            params![household, except],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get(conn, household, id)).transpose()
}

/// An account as the instance admin sees it: with its household's name.
#[derive(Debug, Clone)]
pub struct InstanceUser {
    pub id: UserId,
    pub username: String,
    pub household: String,
    pub role: Role,
    pub instance_admin: bool,
}

pub fn is_instance_admin(conn: &Connection, id: UserId) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT instance_admin FROM users WHERE id = ?1",
            [id],
            |r| r.get::<_, bool>(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// Every account of the instance, by household then username (the admin page only).
pub fn all_with_households(conn: &Connection) -> Result<Vec<InstanceUser>> {
    Ok(conn
        .prepare(
            "SELECT u.id, u.username, h.name, u.role, u.instance_admin FROM users u
             JOIN households h ON h.id = u.household_id
             ORDER BY h.name_key, u.username_key",
        )?
        .query_map([], |r| {
            let role: String = r.get(3)?;
            Ok(InstanceUser {
                id: r.get(0)?,
                username: r.get(1)?,
                household: r.get(2)?,
                role: Role::parse(&role).unwrap_or(Role::Member),
                instance_admin: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Grants or revokes instance administration; refuses to revoke the last one. Returns the
/// username.
pub fn set_instance_admin(conn: &Connection, id: UserId, on: bool) -> Result<String> {
    let username: String = conn
        .query_row("SELECT username FROM users WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(Error::NotFound)?;
    if !on && would_leave_no_instance_admin(conn, None, Some(id))? {
        return Err(last_instance_admin(&format!(
            "taking the role from {username}"
        )));
    }
    conn.execute(
        "UPDATE users SET instance_admin = ?1 WHERE id = ?2",
        params![on, id],
    )?;
    if on {
        // What a household admin may have set up for them (a sign-in email, a link made
        // by it) ends: only the new instance admin links their account from now on.
        conn.execute("DELETE FROM sso_emails WHERE user_id = ?1", [id])?;
        conn.execute(
            "DELETE FROM sso_links WHERE user_id = ?1 AND how = 'email'",
            [id],
        )?;
    }
    Ok(username)
}

/// True when removing the accounts of `household` (or only `user`, when given) would take
/// away every instance admin there is. A server that has none (an upgrade from a database
/// whose first household had no admin) loses nothing.
pub fn would_leave_no_instance_admin(
    conn: &Connection,
    household: Option<HouseholdId>,
    user: Option<UserId>,
) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE instance_admin = 1)
            AND NOT EXISTS (SELECT 1 FROM users WHERE instance_admin = 1
                AND NOT ((?1 IS NULL OR household_id = ?1) AND (?2 IS NULL OR id = ?2)))",
        params![household, user],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::households;

    fn user(conn: &Connection, household: HouseholdId, name: &str, role: Role) -> UserId {
        create(conn, household, name, "hash", role, 1).unwrap()
    }

    #[test]
    fn a_chosen_language_is_stored_and_cleared_within_the_household() {
        use crate::i18n::Lang;
        let conn = crate::db::test_conn();
        let smiths = households::create(&conn, "Smiths", 1).unwrap();
        let joneses = households::create(&conn, "Joneses", 1).unwrap();
        let anna = user(&conn, smiths, "anna", Role::Member);
        assert_eq!(get(&conn, smiths, anna).unwrap().language, None);
        let german = Lang::from_code("de").unwrap();
        set_language(&conn, smiths, anna, Some(german)).unwrap();
        assert_eq!(
            get(&conn, smiths, anna).unwrap().language.as_deref(),
            Some("de")
        );
        // Another household's id finds nobody.
        assert!(matches!(
            set_language(&conn, joneses, anna, None),
            Err(Error::NotFound)
        ));
        assert_eq!(
            get(&conn, smiths, anna).unwrap().language.as_deref(),
            Some("de")
        );
        set_language(&conn, smiths, anna, None).unwrap();
        assert_eq!(get(&conn, smiths, anna).unwrap().language, None);
    }

    #[test]
    fn the_last_instance_admin_stays() {
        let conn = crate::db::test_conn();
        let smiths = households::create(&conn, "Smiths", 1).unwrap();
        let joneses = households::create(&conn, "Joneses", 1).unwrap();
        let anna = user(&conn, smiths, "anna", Role::Admin);
        let joe = user(&conn, joneses, "joe", Role::Admin);
        // Nobody holds the role: nothing is inferred, and nothing blocks deletions.
        assert!(!is_instance_admin(&conn, anna).unwrap());
        assert!(!would_leave_no_instance_admin(&conn, Some(smiths), None).unwrap());

        set_instance_admin(&conn, anna, true).unwrap();
        assert!(is_instance_admin(&conn, anna).unwrap());
        assert!(!is_instance_admin(&conn, joe).unwrap());
        assert!(would_leave_no_instance_admin(&conn, Some(smiths), None).unwrap());
        assert!(would_leave_no_instance_admin(&conn, Some(smiths), Some(anna)).unwrap());
        assert!(!would_leave_no_instance_admin(&conn, Some(joneses), None).unwrap());
        assert!(matches!(
            set_instance_admin(&conn, anna, false),
            Err(Error::Conflict(_))
        ));
        // The database refuses too, whatever the path: a revoke, a delete, a cascade.
        for sql in [
            "UPDATE users SET instance_admin = 0".to_string(),
            format!("DELETE FROM users WHERE id = {anna}"),
            format!("DELETE FROM households WHERE id = {smiths}"),
        ] {
            assert!(conn.execute(&sql, []).is_err(), "{sql}");
        }
        assert!(is_instance_admin(&conn, anna).unwrap());

        // With a second one, the first may go (and her household with her).
        set_instance_admin(&conn, joe, true).unwrap();
        assert!(!would_leave_no_instance_admin(&conn, Some(smiths), None).unwrap());
        conn.execute("DELETE FROM households WHERE id = ?1", [smiths])
            .unwrap();
        let all = all_with_households(&conn).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(
            (all[0].username.as_str(), all[0].household.as_str()),
            ("joe", "Joneses")
        );
        assert!(all[0].instance_admin);
        assert!(set_instance_admin(&conn, UserId(999), true).is_err());
    }
}
