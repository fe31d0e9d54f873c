//! Server-side login sessions. Only the SHA-256 of the cookie's token is stored.

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::users::{self, USER_COLUMNS, User};
use crate::error::Result;
use crate::ids::UserId;

/// How a request proved who it is: an API token, or a session (by the SHA-256 of its
/// token). A phone's push subscription lasts as long as the login it was made in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    Token(crate::ids::TokenId),
    Session(Vec<u8>),
}

pub fn create(
    conn: &Connection,
    user: UserId,
    token_hash: &[u8],
    now: i64,
    expires: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, created_ms, expires_ms) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, user, now, expires],
    )?;
    Ok(())
}

/// The user of a live session and when it expires.
pub fn lookup(conn: &Connection, token_hash: &[u8], now: i64) -> Result<Option<(User, i64)>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {USER_COLUMNS}, s.expires_ms FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = ?1 AND s.expires_ms > ?2"
        ))?
        .query_row(params![token_hash, now], |r| {
            Ok((users::from_row(r)?, r.get(users::USER_COLUMN_COUNT)?))
        })
        .optional()?)
}

/// Slides the expiry forward.
pub fn extend(conn: &Connection, token_hash: &[u8], expires: i64) -> Result<()> {
    conn.execute(
        "UPDATE sessions SET expires_ms = ?1 WHERE token_hash = ?2",
        params![expires, token_hash],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, token_hash: &[u8]) -> Result<()> {
    conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Ends every session of a user except, optionally, the one in use.
pub fn delete_for_user(conn: &Connection, user: UserId, except: Option<&[u8]>) -> Result<()> {
    conn.execute(
        "DELETE FROM sessions WHERE user_id = ?1 AND token_hash IS NOT ?2",
        params![user, except],
    )?;
    Ok(())
}

/// Removes expired sessions; returns how many went.
pub fn purge_expired(conn: &Connection, now: i64) -> Result<usize> {
    Ok(conn.execute("DELETE FROM sessions WHERE expires_ms <= ?1", [now])?)
}
