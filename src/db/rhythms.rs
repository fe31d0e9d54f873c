//! Staples that come due again: each regularly bought item's rhythm (`domain::rhythm`),
//! learned from its check-offs in the household's activity and kept up to date at each
//! one, and what is due now. "Not now" postpones an item.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::category::name_key;
use crate::domain::rhythm::{self, DAY_MS, Rhythm};
use crate::error::{Error, Result};
use crate::ids::HouseholdId;

/// Learns the rhythm of `key` again from its check-offs (ones undone do not count): kept
/// when it has one, forgotten when it no longer does.
pub fn refresh(conn: &Connection, household: HouseholdId, key: &str) -> Result<()> {
    let mut bought: Vec<i64> = Vec::new();
    let mut name = None;
    {
        let mut stmt = conn.prepare_cached(
            "SELECT at_ms, name FROM activity
             WHERE household_id = ?1 AND name_key = ?2 AND kind = 'check' AND undone_by IS NULL
             ORDER BY at_ms",
        )?;
        let mut rows = stmt.query(params![household, key])?;
        while let Some(row) = rows.next()? {
            bought.push(row.get(0)?);
            name = Some(row.get::<_, String>(1)?);
        }
    }
    match (rhythm::rhythm(&bought), name) {
        (Some(r), Some(name)) => {
            let (from, until) = r.window();
            conn.prepare_cached(
                "INSERT OR REPLACE INTO rhythms (household_id, name_key, name, interval_days,
                     spread_days, last_ms, purchases, due_from_ms, due_until_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                household,
                key,
                name,
                r.interval_days,
                r.spread_days,
                r.last_ms,
                r.purchases as i64,
                from,
                until
            ])?;
        }
        _ => {
            conn.prepare_cached("DELETE FROM rhythms WHERE household_id = ?1 AND name_key = ?2")?
                .execute(params![household, key])?;
        }
    }
    Ok(())
}

/// An item that is due again, as the "Due soon" section and the API show it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct DueItem {
    /// The name it was last bought under.
    pub name: String,
    /// Why it is suggested: "every ~7 days, last bought 8 days ago".
    pub why: String,
    pub interval_days: f64,
    pub last_bought_ms: i64,
    /// When it is expected to be bought next.
    pub due_ms: i64,
}

/// The household's items due at `now` (most overdue first), leaving out `except` (name keys
/// already open on the list) and those put off with "not now"; at most `limit`.
pub fn due(
    conn: &Connection,
    household: HouseholdId,
    now: i64,
    except: &HashSet<String>,
    limit: usize,
) -> Result<Vec<DueItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.name_key, r.name, r.interval_days, r.spread_days, r.last_ms, r.purchases
         FROM rhythms r
         LEFT JOIN staple_dismissals d ON d.household_id = r.household_id
              AND d.name_key = r.name_key AND d.until_ms > ?2
         WHERE r.household_id = ?1 AND r.due_from_ms <= ?2 AND r.due_until_ms >= ?2
           AND d.name_key IS NULL",
    )?;
    let mut rows = stmt.query(params![household, now])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        let key: String = row.get(0)?;
        if except.contains(&key) {
            continue;
        }
        let r = Rhythm {
            interval_days: row.get(2)?,
            spread_days: row.get(3)?,
            last_ms: row.get(4)?,
            purchases: row.get::<_, i64>(5)? as usize,
        };
        found.push(DueItem {
            name: row.get(1)?,
            why: rhythm::explain(&r, now),
            interval_days: r.interval_days,
            last_bought_ms: r.last_ms,
            due_ms: r.due_ms(),
        });
    }
    found.sort_by_key(|d| (d.due_ms, d.name.clone()));
    found.truncate(limit);
    Ok(found)
}

/// "Not now": the item is not suggested again for half its interval (at least a day).
/// Refused when the household has no rhythm for it.
pub fn dismiss(conn: &Connection, household: HouseholdId, name: &str, now: i64) -> Result<i64> {
    let key = name_key(name);
    let interval: f64 = conn
        .prepare_cached(
            "SELECT interval_days FROM rhythms WHERE household_id = ?1 AND name_key = ?2",
        )?
        .query_row(params![household, key], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            Error::invalid(format!(
                "“{name}” is not something you buy regularly; nothing to put off"
            ))
        })?;
    let until = now + ((interval / 2.0 * DAY_MS as f64) as i64).max(DAY_MS);
    conn.prepare_cached(
        "INSERT OR REPLACE INTO staple_dismissals (household_id, name_key, until_ms)
         VALUES (?1, ?2, ?3)",
    )?
    .execute(params![household, key, until])?;
    Ok(until)
}

/// Forgets "not now" answers whose time has passed; returns how many.
pub fn purge_dismissals(conn: &Connection, now: i64) -> Result<usize> {
    Ok(conn.execute("DELETE FROM staple_dismissals WHERE until_ms <= ?1", [now])?)
}
