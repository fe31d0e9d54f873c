//! Single-use invitations into a household.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::db::users::Role;
use crate::error::Result;
use crate::ids::{HouseholdId, InviteId, UserId};

/// How long an invite link stays valid.
pub const INVITE_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

#[derive(Debug, Clone)]
pub struct Invite {
    pub id: InviteId,
    pub household_id: HouseholdId,
    pub role: Role,
    pub expires_ms: i64,
}

const COLUMNS: &str = "id, household_id, role, expires_ms";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Invite> {
    let role: String = r.get(2)?;
    Ok(Invite {
        id: r.get(0)?,
        household_id: r.get(1)?,
        role: Role::parse(&role).unwrap_or(Role::Member),
        expires_ms: r.get(3)?,
    })
}

pub fn create(
    conn: &Connection,
    household: HouseholdId,
    role: Role,
    created_by: UserId,
    token_hash: &[u8],
    now: i64,
) -> Result<InviteId> {
    conn.execute(
        "INSERT INTO invites (household_id, token_hash, role, created_by, created_ms, expires_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            household,
            token_hash,
            role.as_str(),
            created_by,
            now,
            now + INVITE_TTL_MS
        ],
    )?;
    Ok(InviteId(conn.last_insert_rowid()))
}

/// An unused, unexpired invite.
pub fn find_valid(conn: &Connection, token_hash: &[u8], now: i64) -> Result<Option<Invite>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM invites
                 WHERE token_hash = ?1 AND used_ms IS NULL AND expires_ms > ?2"
            ),
            params![token_hash, now],
            from_row,
        )
        .optional()?)
}

/// What became of an invite link.
#[derive(Debug)]
pub enum InviteState {
    Valid(Invite),
    Used,
    Expired,
    /// Never made, revoked, or removed by the cleanup job.
    Unknown,
}

/// What became of the invite with this token hash.
pub fn state(conn: &Connection, token_hash: &[u8], now: i64) -> Result<InviteState> {
    if let Some(invite) = find_valid(conn, token_hash, now)? {
        return Ok(InviteState::Valid(invite));
    }
    let used: Option<bool> = conn
        .query_row(
            "SELECT used_ms IS NOT NULL FROM invites WHERE token_hash = ?1",
            params![token_hash],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match used {
        Some(true) => InviteState::Used,
        Some(false) => InviteState::Expired,
        None => InviteState::Unknown,
    })
}

/// Marks the invite used; fails if someone used it first.
pub fn mark_used(conn: &Connection, id: InviteId, now: i64) -> Result<()> {
    super::touched(conn.execute(
        "UPDATE invites SET used_ms = ?1 WHERE id = ?2 AND used_ms IS NULL",
        params![now, id],
    )?)
}

/// Pending invites of a household.
pub fn pending(conn: &Connection, household: HouseholdId, now: i64) -> Result<Vec<Invite>> {
    Ok(conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM invites
             WHERE household_id = ?1 AND used_ms IS NULL AND expires_ms > ?2 ORDER BY id"
        ))?
        .query_map(params![household, now], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn revoke(conn: &Connection, household: HouseholdId, id: InviteId) -> Result<()> {
    super::touched(conn.execute(
        "DELETE FROM invites WHERE id = ?1 AND household_id = ?2",
        params![id, household],
    )?)
}

/// How long a used or expired invite is kept, so that its link can still say what became
/// of it ("already used", "expired") rather than "not known".
pub const KEEP_SPENT_MS: i64 = 30 * 24 * 3600 * 1000;

/// Removes invites used or expired more than [`KEEP_SPENT_MS`] ago; returns how many went.
pub fn purge(conn: &Connection, now: i64) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM invites WHERE expires_ms <= ?1 OR used_ms <= ?1",
        [now - KEEP_SPENT_MS],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::users;

    #[test]
    fn spent_invites_say_what_became_of_them_until_they_are_purged() {
        let (conn, h) = crate::db::test_household();
        let u = users::create(&conn, h, "anna", "x", Role::Admin, 0).unwrap();
        let used = create(&conn, h, Role::Member, u, b"used", 0).unwrap();
        create(&conn, h, Role::Member, u, b"old", 0).unwrap();
        create(&conn, h, Role::Member, u, b"fresh", 0).unwrap();
        mark_used(&conn, used, 1_000).unwrap();
        let later = INVITE_TTL_MS + 1;
        assert!(matches!(
            state(&conn, b"used", later).unwrap(),
            InviteState::Used
        ));
        assert!(matches!(
            state(&conn, b"old", later).unwrap(),
            InviteState::Expired
        ));
        assert!(matches!(
            state(&conn, b"fresh", 10).unwrap(),
            InviteState::Valid(_)
        ));
        assert!(matches!(
            state(&conn, b"nope", 10).unwrap(),
            InviteState::Unknown
        ));
        // Kept for a while after use or expiry, then purged.
        assert_eq!(purge(&conn, later).unwrap(), 0);
        assert_eq!(purge(&conn, INVITE_TTL_MS + KEEP_SPENT_MS + 1).unwrap(), 3);
        assert!(matches!(
            state(&conn, b"used", later).unwrap(),
            InviteState::Unknown
        ));
    }
}
