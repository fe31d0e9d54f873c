//! Passkeys (migration `0013_second_factor`): each person's WebAuthn user handle, and
//! their passkeys as webauthn-rs keeps them (JSON, opaque here).

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::users::{self, USER_COLUMN_COUNT, USER_COLUMNS, User};
use crate::error::Result;
use crate::ids::{PasskeyId, UserId};

/// A passkey as its owner sees it in their settings.
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: PasskeyId,
    pub name: String,
    pub created_ms: i64,
    pub used_ms: Option<i64>,
}

/// A passkey found by its credential id, for a sign-in.
#[derive(Debug, Clone)]
pub struct Found {
    pub id: PasskeyId,
    pub user: User,
    /// webauthn-rs's `Passkey`, as JSON.
    pub passkey: String,
}

/// The user handle of `user`: made (16 random bytes) the first time it is asked for.
pub fn handle(conn: &Connection, user: UserId) -> Result<[u8; 16]> {
    let stored: Option<Vec<u8>> = conn
        .query_row(
            "SELECT handle FROM passkey_users WHERE user_id = ?1",
            [user],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(handle) = stored.and_then(|h| <[u8; 16]>::try_from(h).ok()) {
        return Ok(handle);
    }
    let mut handle = [0u8; 16];
    if let Err(e) = getrandom::fill(&mut handle) {
        panic!("the operating system's random source failed: {e}");
    }
    conn.execute(
        "INSERT OR REPLACE INTO passkey_users (user_id, handle) VALUES (?1, ?2)",
        params![user, &handle[..]],
    )?;
    Ok(handle)
}

pub fn add(
    conn: &Connection,
    user: UserId,
    credential_id: &[u8],
    name: &str,
    passkey: &str,
    now: i64,
) -> Result<PasskeyId> {
    conn.execute(
        "INSERT INTO passkeys (user_id, credential_id, name, passkey, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![user, credential_id, name, passkey, now],
    )?;
    Ok(PasskeyId(conn.last_insert_rowid()))
}

pub fn list(conn: &Connection, user: UserId) -> Result<Vec<Listed>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, created_ms, used_ms FROM passkeys WHERE user_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([user], |r| {
        Ok(Listed {
            id: r.get(0)?,
            name: r.get(1)?,
            created_ms: r.get(2)?,
            used_ms: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The credential ids of `user`'s passkeys (an authenticator holding one is not asked to
/// make another).
pub fn credential_ids(conn: &Connection, user: UserId) -> Result<Vec<Vec<u8>>> {
    let mut stmt = conn.prepare("SELECT credential_id FROM passkeys WHERE user_id = ?1")?;
    let rows = stmt.query_map([user], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The passkey of `credential_id`, if it is the passkey of the user with `handle`.
pub fn find(conn: &Connection, handle: &[u8], credential_id: &[u8]) -> Result<Option<Found>> {
    let sql = format!(
        "SELECT {USER_COLUMNS}, p.id, p.passkey FROM passkeys p
         JOIN passkey_users h ON h.user_id = p.user_id
         JOIN users u ON u.id = p.user_id
         WHERE p.credential_id = ?1 AND h.handle = ?2"
    );
    Ok(conn
        .query_row(&sql, params![credential_id, handle], |r| {
            Ok(Found {
                user: users::from_row(r)?,
                id: r.get(USER_COLUMN_COUNT)?,
                passkey: r.get(USER_COLUMN_COUNT + 1)?,
            })
        })
        .optional()?)
}

/// A sign-in used the passkey: its new state (the counter) and when.
pub fn used(conn: &Connection, id: PasskeyId, passkey: Option<&str>, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE passkeys SET used_ms = ?2, passkey = coalesce(?3, passkey) WHERE id = ?1",
        params![id, now, passkey],
    )?;
    Ok(())
}

/// Removes one of `user`'s passkeys; its name, or `None` when they have no such passkey.
pub fn remove(conn: &Connection, user: UserId, id: PasskeyId) -> Result<Option<String>> {
    let name: Option<String> = conn
        .query_row(
            "DELETE FROM passkeys WHERE id = ?1 AND user_id = ?2 RETURNING name",
            params![id, user],
            |r| r.get(0),
        )
        .optional()?;
    Ok(name)
}

/// Removes every passkey of `user`; how many there were.
pub fn remove_all(conn: &Connection, user: UserId) -> Result<usize> {
    Ok(conn.execute("DELETE FROM passkeys WHERE user_id = ?1", [user])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::migrate;
    use crate::db::users::Role;

    #[test]
    fn passkeys_are_found_by_credential_and_handle_and_removed_by_their_owner() {
        let conn = migrate::in_memory_at(migrate::SCHEMA_VERSION).unwrap();
        let h = crate::db::households::create(&conn, "Home", 0).unwrap();
        let ann = users::create(&conn, h, "ann", "x", Role::Admin, 0).unwrap();
        let bob = users::create(&conn, h, "bob", "x", Role::Member, 0).unwrap();
        let handle = super::handle(&conn, ann).unwrap();
        assert_eq!(super::handle(&conn, ann).unwrap(), handle, "kept");
        assert_ne!(super::handle(&conn, bob).unwrap(), handle);
        let id = add(&conn, ann, b"cred-1", "Phone", "{}", 5).unwrap();
        assert_eq!(
            credential_ids(&conn, ann).unwrap(),
            vec![b"cred-1".to_vec()]
        );
        let found = find(&conn, &handle, b"cred-1").unwrap().unwrap();
        assert_eq!((found.id, found.user.id), (id, ann));
        // Another user's handle with this credential is no match.
        let bobs = super::handle(&conn, bob).unwrap();
        assert!(find(&conn, &bobs, b"cred-1").unwrap().is_none());
        used(&conn, id, Some("{\"n\":1}"), 9).unwrap();
        let listed = list(&conn, ann).unwrap();
        assert_eq!(listed[0].used_ms, Some(9));
        assert_eq!(
            find(&conn, &handle, b"cred-1").unwrap().unwrap().passkey,
            "{\"n\":1}"
        );
        assert_eq!(remove(&conn, bob, id).unwrap(), None, "not bob's");
        assert_eq!(remove(&conn, ann, id).unwrap().as_deref(), Some("Phone"));
        add(&conn, ann, b"cred-2", "Key", "{}", 5).unwrap();
        assert_eq!(remove_all(&conn, ann).unwrap(), 1);
    }
}
