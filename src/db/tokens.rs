//! API tokens, stored hashed.

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::users::{self, USER_COLUMNS, User};
use crate::error::Result;
use crate::ids::{HouseholdId, TokenId, UserId};

#[derive(Debug, Clone)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    pub username: String,
    pub created_ms: i64,
    pub last_used_ms: Option<i64>,
}

pub fn create(
    conn: &Connection,
    user: UserId,
    name: &str,
    token_hash: &[u8],
    now: i64,
) -> Result<TokenId> {
    conn.execute(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_ms) VALUES (?1, ?2, ?3, ?4)",
        params![user, name, token_hash, now],
    )?;
    Ok(TokenId(conn.last_insert_rowid()))
}

/// The user a token belongs to, the token's id, and whether its last use is due to be
/// recorded (`touch`, at most once a minute).
pub fn lookup(
    conn: &Connection,
    token_hash: &[u8],
    now: i64,
) -> Result<Option<(User, TokenId, bool)>> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {USER_COLUMNS}, t.id, t.last_used_ms FROM api_tokens t
             JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1"
        ))?
        .query_row([token_hash], |r| {
            Ok((
                users::from_row(r)?,
                r.get::<_, TokenId>(users::USER_COLUMN_COUNT)?,
                r.get::<_, Option<i64>>(users::USER_COLUMN_COUNT + 1)?,
            ))
        })
        .optional()?;
    let Some((user, id, last_used)) = found else {
        return Ok(None);
    };
    let due = last_used.is_none_or(|t| now - t > 60_000);
    Ok(Some((user, id, due)))
}

/// Records that the token was used at `now`.
pub fn touch(conn: &Connection, id: TokenId, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE api_tokens SET last_used_ms = ?1 WHERE id = ?2",
        params![now, id],
    )?;
    Ok(())
}

/// The household's tokens (admins see all, members their own: the caller filters by user).
pub fn list(
    conn: &Connection,
    household: HouseholdId,
    only_user: Option<UserId>,
) -> Result<Vec<ApiToken>> {
    Ok(conn
        .prepare(
            "SELECT t.id, t.name, u.username, t.created_ms, t.last_used_ms FROM api_tokens t
             JOIN users u ON u.id = t.user_id
             WHERE u.household_id = ?1 AND (?2 IS NULL OR u.id = ?2) ORDER BY t.id",
        )?
        .query_map(params![household, only_user], |r| {
            Ok(ApiToken {
                id: r.get(0)?,
                name: r.get(1)?,
                username: r.get(2)?,
                created_ms: r.get(3)?,
                last_used_ms: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// A token of `household`'s: its owner's id and name, and its own name.
pub fn owner(
    conn: &Connection,
    household: HouseholdId,
    id: TokenId,
) -> Result<Option<(UserId, String, String)>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT u.id, u.username, t.name FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.id = ?1 AND u.household_id = ?2",
            params![id, household],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Revokes a token of the household (of `only_user` when given).
pub fn revoke(
    conn: &Connection,
    household: HouseholdId,
    id: TokenId,
    only_user: Option<UserId>,
) -> Result<()> {
    super::touched(conn.execute(
        "DELETE FROM api_tokens WHERE id = ?1 AND user_id IN
           (SELECT id FROM users WHERE household_id = ?2 AND (?3 IS NULL OR id = ?3))",
        params![id, household, only_user],
    )?)
}

/// Revokes every token of a user (a password reset or change ends them). Returns how many.
pub fn delete_for_user(conn: &Connection, user: UserId) -> Result<usize> {
    Ok(conn.execute("DELETE FROM api_tokens WHERE user_id = ?1", [user])?)
}

/// "1 API token" / "2 API tokens", for messages.
pub fn count_phrase(n: usize) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} API token{s}")
}

/// "1 API token was revoked" / "2 API tokens were revoked".
pub fn revoked_phrase(n: usize) -> String {
    let verb = if n == 1 { "was" } else { "were" };
    format!("{} {verb} revoked", count_phrase(n))
}
