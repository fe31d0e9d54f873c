//! Second factors (migration `0013_second_factor`): a user's authenticator-app secret,
//! their recovery codes, and the sign-ins waiting for a code.

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::users::{self, USER_COLUMNS, User};
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, UserId};

/// A user's authenticator app.
#[derive(Debug, Clone)]
pub struct Totp {
    pub secret: Vec<u8>,
    /// The last time step a code was accepted for (0: none yet).
    pub last_step: u64,
    /// Whether a first code from the app confirmed it: only then is it asked for.
    pub confirmed: bool,
}

pub fn totp(conn: &Connection, user: UserId) -> Result<Option<Totp>> {
    Ok(conn
        .query_row(
            "SELECT secret, last_step, confirmed_ms IS NOT NULL FROM totp WHERE user_id = ?1",
            [user],
            |r| {
                Ok(Totp {
                    secret: r.get(0)?,
                    last_step: r.get::<_, i64>(1)?.try_into().unwrap_or(0),
                    confirmed: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Whether `user` must give a code from their app after their password.
pub fn has_second_factor(conn: &Connection, user: UserId) -> Result<bool> {
    Ok(totp(conn, user)?.is_some_and(|t| t.confirmed))
}

/// The members of `household` who sign in with more than a password: an app asked for
/// after it, or a passkey (what an admin's reset removes).
pub fn protected_in(conn: &Connection, household: HouseholdId) -> Result<Vec<UserId>> {
    let mut stmt = conn.prepare(
        "SELECT u.id FROM users u WHERE u.household_id = ?1 AND (
             EXISTS (SELECT 1 FROM totp t WHERE t.user_id = u.id AND t.confirmed_ms IS NOT NULL)
             OR EXISTS (SELECT 1 FROM passkeys p WHERE p.user_id = u.id))",
    )?;
    let ids = stmt.query_map([household], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Starts setting up an app with a new `secret`, replacing an unconfirmed one; refused
/// while a confirmed app is set up (it must be turned off first).
pub fn begin_totp(conn: &Connection, user: UserId, secret: &[u8], now: i64) -> Result<()> {
    if has_second_factor(conn, user)? {
        return Err(Error::Conflict(
            "an authenticator app is already set up; turn it off first to set up another".into(),
        ));
    }
    conn.execute(
        "INSERT OR REPLACE INTO totp (user_id, secret, created_ms) VALUES (?1, ?2, ?3)",
        params![user, secret, now],
    )?;
    Ok(())
}

/// Marks the app confirmed by a code of time step `step`.
pub fn confirm_totp(conn: &Connection, user: UserId, step: u64, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE totp SET confirmed_ms = ?2, last_step = ?3 WHERE user_id = ?1",
        params![user, now, step_value(step)],
    )?;
    Ok(())
}

/// Remembers that a code of `step` was used: no code of that step or before works again.
pub fn use_step(conn: &Connection, user: UserId, step: u64) -> Result<()> {
    conn.execute(
        "UPDATE totp SET last_step = ?2 WHERE user_id = ?1",
        params![user, step_value(step)],
    )?;
    Ok(())
}

fn step_value(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}

/// Removes the app, the recovery codes and the passkeys of `user` (a reset, for someone
/// who lost their phone); whether there was a confirmed app or a passkey.
pub fn remove_all(conn: &Connection, user: UserId) -> Result<bool> {
    let had = has_second_factor(conn, user)?;
    conn.execute("DELETE FROM totp WHERE user_id = ?1", [user])?;
    conn.execute("DELETE FROM recovery_codes WHERE user_id = ?1", [user])?;
    let passkeys = crate::db::passkeys::remove_all(conn, user)?;
    Ok(had || passkeys > 0)
}

/// Turns off `user`'s app and its recovery codes (their passkeys stay); whether it was on.
pub fn remove_app(conn: &Connection, user: UserId) -> Result<bool> {
    let had = has_second_factor(conn, user)?;
    conn.execute("DELETE FROM totp WHERE user_id = ?1", [user])?;
    conn.execute("DELETE FROM recovery_codes WHERE user_id = ?1", [user])?;
    Ok(had)
}

/// Replaces the recovery codes of `user` by the codes of `hashes`.
pub fn replace_recovery_codes(conn: &Connection, user: UserId, hashes: &[[u8; 32]]) -> Result<()> {
    conn.execute("DELETE FROM recovery_codes WHERE user_id = ?1", [user])?;
    let mut insert =
        conn.prepare("INSERT OR IGNORE INTO recovery_codes (user_id, hash) VALUES (?1, ?2)")?;
    for hash in hashes {
        insert.execute(params![user, &hash[..]])?;
    }
    Ok(())
}

/// Uses up the recovery code of `hash`: whether it was one of `user`'s, unused.
pub fn use_recovery_code(conn: &Connection, user: UserId, hash: &[u8; 32]) -> Result<bool> {
    let deleted = conn.execute(
        "DELETE FROM recovery_codes WHERE user_id = ?1 AND hash = ?2",
        params![user, &hash[..]],
    )?;
    Ok(deleted == 1)
}

pub fn recovery_codes_left(conn: &Connection, user: UserId) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM recovery_codes WHERE user_id = ?1",
        [user],
        |r| r.get(0),
    )?)
}

/// Remembers a sign-in of `user` that awaits its code until `expires`.
pub fn create_challenge(
    conn: &Connection,
    token_hash: &[u8],
    user: UserId,
    expires: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO login_challenges (token_hash, user_id, expires_ms) VALUES (?1, ?2, ?3)",
        params![token_hash, user, expires],
    )?;
    Ok(())
}

/// The user of an unexpired challenge.
pub fn challenge_user(conn: &Connection, token_hash: &[u8], now: i64) -> Result<Option<User>> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM login_challenges c JOIN users u ON u.id = c.user_id \
         WHERE c.token_hash = ?1 AND c.expires_ms > ?2"
    );
    Ok(conn
        .query_row(&sql, params![token_hash, now], users::from_row)
        .optional()?)
}

pub fn delete_challenge(conn: &Connection, token_hash: &[u8]) -> Result<()> {
    conn.execute(
        "DELETE FROM login_challenges WHERE token_hash = ?1",
        [token_hash],
    )?;
    Ok(())
}

/// Ends every sign-in of `user` that awaits a code (their factors changed).
pub fn delete_challenges_for(conn: &Connection, user: UserId) -> Result<()> {
    conn.execute("DELETE FROM login_challenges WHERE user_id = ?1", [user])?;
    Ok(())
}

pub fn purge_expired_challenges(conn: &Connection, now: i64) -> Result<usize> {
    Ok(conn.execute("DELETE FROM login_challenges WHERE expires_ms <= ?1", [now])?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::migrate;
    use crate::db::users::Role;

    fn user(conn: &Connection) -> UserId {
        let h = crate::db::households::create(conn, "Home", 0).unwrap();
        users::create(conn, h, "ann", "hash", Role::Admin, 0).unwrap()
    }

    fn h(conn: &Connection, user: UserId) -> HouseholdId {
        conn.query_row(
            "SELECT household_id FROM users WHERE id = ?1",
            [user],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn an_app_counts_once_confirmed_and_goes_with_its_codes() {
        let conn = migrate::in_memory_at(migrate::SCHEMA_VERSION).unwrap();
        let ann = user(&conn);
        begin_totp(&conn, ann, &[1; 20], 5).unwrap();
        assert!(!has_second_factor(&conn, ann).unwrap());
        // A second scan replaces the unconfirmed secret.
        begin_totp(&conn, ann, &[2; 20], 6).unwrap();
        assert_eq!(totp(&conn, ann).unwrap().unwrap().secret, vec![2; 20]);
        assert!(protected_in(&conn, h(&conn, ann)).unwrap().is_empty());
        confirm_totp(&conn, ann, 100, 7).unwrap();
        assert_eq!(protected_in(&conn, h(&conn, ann)).unwrap(), vec![ann]);
        let app = totp(&conn, ann).unwrap().unwrap();
        assert!(app.confirmed);
        assert_eq!(app.last_step, 100);
        assert!(matches!(
            begin_totp(&conn, ann, &[3; 20], 8),
            Err(Error::Conflict(_))
        ));
        use_step(&conn, ann, 101).unwrap();
        assert_eq!(totp(&conn, ann).unwrap().unwrap().last_step, 101);

        replace_recovery_codes(&conn, ann, &[[1; 32], [2; 32]]).unwrap();
        assert_eq!(recovery_codes_left(&conn, ann).unwrap(), 2);
        assert!(use_recovery_code(&conn, ann, &[1; 32]).unwrap());
        assert!(!use_recovery_code(&conn, ann, &[1; 32]).unwrap());
        assert_eq!(recovery_codes_left(&conn, ann).unwrap(), 1);

        assert!(remove_all(&conn, ann).unwrap());
        assert!(totp(&conn, ann).unwrap().is_none());
        assert_eq!(recovery_codes_left(&conn, ann).unwrap(), 0);
        assert!(!remove_all(&conn, ann).unwrap());
    }

    #[test]
    fn challenges_expire() {
        let conn = migrate::in_memory_at(migrate::SCHEMA_VERSION).unwrap();
        let ann = user(&conn);
        create_challenge(&conn, b"t1", ann, 100).unwrap();
        create_challenge(&conn, b"t2", ann, 200).unwrap();
        assert_eq!(challenge_user(&conn, b"t1", 99).unwrap().unwrap().id, ann);
        assert!(challenge_user(&conn, b"t1", 100).unwrap().is_none());
        assert!(challenge_user(&conn, b"nope", 0).unwrap().is_none());
        assert_eq!(purge_expired_challenges(&conn, 150).unwrap(), 1);
        delete_challenges_for(&conn, ann).unwrap();
        assert!(challenge_user(&conn, b"t2", 0).unwrap().is_none());
    }
}
