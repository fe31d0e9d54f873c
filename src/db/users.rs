//! Accounts. Usernames are unique across the instance (case-insensitive).

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::domain::text::username_key;
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, UserId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "member" => Some(Role::Member),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub household_id: HouseholdId,
    pub username: String,
    pub role: Role,
}

impl User {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

pub(crate) const USER_COLUMNS: &str = "u.id, u.household_id, u.username, u.role";

pub(crate) fn from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<User> {
    let role: String = r.get(at + 3)?;
    Ok(User {
        id: r.get(at)?,
        household_id: r.get(at + 1)?,
        username: r.get(at + 2)?,
        role: Role::parse(&role).unwrap_or(Role::Member),
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
            |r| Ok((from_row(r, 0)?, r.get(4)?)),
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
        |r| from_row(r, 0),
    )
    .optional()?
    .ok_or(Error::NotFound)
}

pub fn list(conn: &Connection, household: HouseholdId) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.household_id = ?1 ORDER BY u.username_key"
    ))?;
    let users = stmt
        .query_map([household], |r| from_row(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(users)
}

/// Removes a member; their sessions and tokens go with them (cascade).
pub fn delete(conn: &Connection, household: HouseholdId, id: UserId) -> Result<()> {
    let n = conn.execute(
        "DELETE FROM users WHERE id = ?1 AND household_id = ?2",
        params![id, household],
    )?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

pub fn set_password(
    conn: &Connection,
    household: HouseholdId,
    id: UserId,
    password_hash: &str,
) -> Result<()> {
    let n = conn.execute(
        "UPDATE users SET password_hash = ?1 WHERE id = ?2 AND household_id = ?3",
        params![password_hash, id, household],
    )?;
    if n == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}
