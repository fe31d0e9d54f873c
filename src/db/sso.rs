//! Single sign-on (migration `0014_single_sign_on`): which identity at the OpenID Connect
//! provider each account is linked to, and the emails admins gave members so that their
//! first sign-in links them.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::users::{self, USER_COLUMNS, User};
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, UserId};

/// How a link was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// By its owner, in their settings (with their password).
    Settings,
    /// At a first sign-in, by the email an admin gave.
    Email,
    /// By the sign-in that made the account.
    Join,
}

impl How {
    fn as_str(self) -> &'static str {
        match self {
            How::Settings => "settings",
            How::Email => "email",
            How::Join => "join",
        }
    }
}

/// An account's link, as its owner sees it in their settings.
#[derive(Debug, Clone)]
pub struct Link {
    pub email: Option<String>,
    pub created_ms: i64,
    pub used_ms: Option<i64>,
}

/// The account linked to `subject` at `issuer`.
pub fn find(conn: &Connection, issuer: &str, subject: &str) -> Result<Option<User>> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM sso_links l JOIN users u ON u.id = l.user_id
         WHERE l.issuer = ?1 AND l.subject = ?2"
    );
    Ok(conn
        .query_row(&sql, params![issuer, subject], users::from_row)
        .optional()?)
}

/// The account an admin gave `email` for single sign-on (any case).
pub fn find_by_email(conn: &Connection, email: &str) -> Result<Option<User>> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM sso_emails e JOIN users u ON u.id = e.user_id
         WHERE e.email = ?1"
    );
    Ok(conn
        .query_row(&sql, [email_key(email)], users::from_row)
        .optional()?)
}

/// Links `user` to `subject` at `issuer` (in place of a link they had), and uses up the
/// sign-in email an admin gave them. Refused when that identity is another account's.
pub fn link(
    conn: &Connection,
    user: UserId,
    (issuer, subject): (&str, &str),
    email: Option<&str>,
    how: How,
    now: i64,
) -> Result<()> {
    if find(conn, issuer, subject)?.is_some_and(|other| other.id != user) {
        return Err(Error::Conflict(
            "this sign-in at the identity provider is linked to another aisle account; \
             unlink it there first (Settings → Single sign-on)"
                .into(),
        ));
    }
    conn.execute(
        "INSERT OR REPLACE INTO sso_links (user_id, issuer, subject, email, how, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![user, issuer, subject, email, how.as_str(), now],
    )?;
    conn.execute("DELETE FROM sso_emails WHERE user_id = ?1", [user])?;
    Ok(())
}

/// A sign-in used `user`'s link.
pub fn used(conn: &Connection, user: UserId, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE sso_links SET used_ms = ?2 WHERE user_id = ?1",
        params![user, now],
    )?;
    Ok(())
}

pub fn link_of(conn: &Connection, user: UserId) -> Result<Option<Link>> {
    Ok(conn
        .query_row(
            "SELECT email, created_ms, used_ms FROM sso_links WHERE user_id = ?1",
            [user],
            |r| {
                Ok(Link {
                    email: r.get(0)?,
                    created_ms: r.get(1)?,
                    used_ms: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Removes `user`'s link (and a sign-in email given meanwhile, which would link the
/// account again); whether they had a link.
pub fn unlink(conn: &Connection, user: UserId) -> Result<bool> {
    conn.execute("DELETE FROM sso_emails WHERE user_id = ?1", [user])?;
    Ok(conn.execute("DELETE FROM sso_links WHERE user_id = ?1", [user])? > 0)
}

/// Gives `user` of `household` the email their first single sign-on links them by, or
/// takes it away (`None`). Refused when another account has it.
pub fn set_email(
    conn: &Connection,
    household: HouseholdId,
    user: UserId,
    email: Option<&str>,
) -> Result<()> {
    users::get(conn, household, user)?;
    let Some(email) = email else {
        conn.execute("DELETE FROM sso_emails WHERE user_id = ?1", [user])?;
        return Ok(());
    };
    let key = email_key(email);
    let taken: Option<UserId> = conn
        .query_row(
            "SELECT user_id FROM sso_emails WHERE email = ?1",
            [&key],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some_and(|other| other != user) {
        return Err(Error::Conflict(format!(
            "another account has the sign-in email {email} already; each email links one account"
        )));
    }
    conn.execute(
        "INSERT OR REPLACE INTO sso_emails (user_id, email) VALUES (?1, ?2)",
        params![user, key],
    )?;
    Ok(())
}

/// The members of `household` with a sign-in email, and those with a link.
pub fn household_state(
    conn: &Connection,
    household: HouseholdId,
) -> Result<(HashMap<UserId, String>, Vec<UserId>)> {
    let mut stmt = conn.prepare(
        "SELECT e.user_id, e.email FROM sso_emails e JOIN users u ON u.id = e.user_id
         WHERE u.household_id = ?1",
    )?;
    let emails = stmt
        .query_map([household], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT l.user_id FROM sso_links l JOIN users u ON u.id = l.user_id
         WHERE u.household_id = ?1",
    )?;
    let linked = stmt
        .query_map([household], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((emails, linked))
}

/// The first free username of `wanted`, `wanted2`, `wanted3`… (for a member made at their
/// first single sign-on).
pub fn free_username(conn: &Connection, wanted: &str) -> Result<String> {
    for n in 1..=100 {
        let candidate = match n {
            1 => wanted.to_string(),
            n => format!("{wanted}{n}"),
        };
        if users::find_by_username(conn, &candidate)?.is_none() {
            return Ok(candidate);
        }
    }
    Err(Error::Conflict(format!(
        "the usernames {wanted}, {wanted}2 … {wanted}100 are all taken"
    )))
}

fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::migrate;
    use crate::db::users::Role;

    fn db() -> (Connection, HouseholdId, UserId, UserId) {
        let conn = migrate::in_memory_at(migrate::SCHEMA_VERSION).unwrap();
        let h = crate::db::households::create(&conn, "Home", 0).unwrap();
        let ann = users::create(&conn, h, "ann", "x", Role::Admin, 0).unwrap();
        let bob = users::create(&conn, h, "bob", "x", Role::Member, 0).unwrap();
        (conn, h, ann, bob)
    }

    #[test]
    fn an_identity_links_one_account() {
        let (conn, _, ann, bob) = db();
        let iss = "https://auth.example.org";
        assert!(find(&conn, iss, "s1").unwrap().is_none());
        link(
            &conn,
            ann,
            (iss, "s1"),
            Some("ann@example.org"),
            How::Settings,
            5,
        )
        .unwrap();
        assert_eq!(find(&conn, iss, "s1").unwrap().unwrap().id, ann);
        assert!(
            find(&conn, "https://other.example.org", "s1")
                .unwrap()
                .is_none()
        );
        let taken = link(&conn, bob, (iss, "s1"), None, How::Email, 6).unwrap_err();
        assert!(matches!(taken, Error::Conflict(_)));
        // A new link replaces the account's old one.
        link(&conn, ann, (iss, "s2"), None, How::Join, 7).unwrap();
        assert!(find(&conn, iss, "s1").unwrap().is_none());
        used(&conn, ann, 9).unwrap();
        let shown = link_of(&conn, ann).unwrap().unwrap();
        assert_eq!((shown.created_ms, shown.used_ms), (7, Some(9)));
        assert!(unlink(&conn, ann).unwrap());
        assert!(!unlink(&conn, ann).unwrap());
        assert!(link_of(&conn, ann).unwrap().is_none());
    }

    #[test]
    fn a_sign_in_email_is_one_accounts_in_any_case() {
        let (conn, h, ann, bob) = db();
        set_email(&conn, h, bob, Some("Bob@Example.org")).unwrap();
        assert_eq!(
            find_by_email(&conn, "bob@example.ORG").unwrap().unwrap().id,
            bob
        );
        let taken = set_email(&conn, h, ann, Some("bob@example.org")).unwrap_err();
        assert!(matches!(taken, Error::Conflict(_)));
        let (emails, linked) = household_state(&conn, h).unwrap();
        assert_eq!(
            emails.get(&bob).map(String::as_str),
            Some("bob@example.org")
        );
        assert!(linked.is_empty());
        set_email(&conn, h, bob, None).unwrap();
        assert!(find_by_email(&conn, "bob@example.org").unwrap().is_none());
        // Linking uses the email up; so does unlinking one given meanwhile.
        set_email(&conn, h, bob, Some("bob@example.org")).unwrap();
        link(
            &conn,
            bob,
            ("https://a.example.org", "b"),
            None,
            How::Email,
            1,
        )
        .unwrap();
        assert!(find_by_email(&conn, "bob@example.org").unwrap().is_none());
        set_email(&conn, h, bob, Some("bob@example.org")).unwrap();
        assert!(unlink(&conn, bob).unwrap());
        assert!(find_by_email(&conn, "bob@example.org").unwrap().is_none());
        // Another household's member is not found.
        let other = crate::db::households::create(&conn, "Next door", 0).unwrap();
        assert!(matches!(
            set_email(&conn, other, bob, Some("x@example.org")),
            Err(Error::NotFound)
        ));
    }

    #[test]
    fn becoming_an_instance_admin_ends_what_an_admin_set_up() {
        let (conn, h, ann, bob) = db();
        let iss = "https://auth.example.org";
        link(&conn, ann, (iss, "a"), None, How::Settings, 1).unwrap();
        link(&conn, bob, (iss, "b"), None, How::Email, 1).unwrap();
        users::set_instance_admin(&conn, ann, true).unwrap();
        users::set_instance_admin(&conn, bob, true).unwrap();
        // Anna linked herself: kept. Bob's link came from an email an admin gave: gone.
        assert!(link_of(&conn, ann).unwrap().is_some());
        assert!(link_of(&conn, bob).unwrap().is_none());
        set_email(&conn, h, bob, Some("bob@example.org")).unwrap();
        users::set_instance_admin(&conn, bob, true).unwrap();
        assert!(find_by_email(&conn, "bob@example.org").unwrap().is_none());
    }

    #[test]
    fn a_taken_username_gets_a_number() {
        let (conn, ..) = db();
        assert_eq!(free_username(&conn, "cy").unwrap(), "cy");
        assert_eq!(free_username(&conn, "Ann").unwrap(), "Ann2");
    }
}
