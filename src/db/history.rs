//! What a household has added before, for autocomplete: most frequent first.

use rusqlite::{Connection, params};

use crate::domain::category::name_key;
use crate::error::Result;
use crate::ids::HouseholdId;

pub fn record(conn: &Connection, household: HouseholdId, name: &str, now: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO item_history (household_id, name_key, name, uses, last_used_ms)
         VALUES (?1, ?2, ?3, 1, ?4)
         ON CONFLICT (household_id, name_key)
         DO UPDATE SET uses = uses + 1, name = excluded.name, last_used_ms = excluded.last_used_ms",
    )?
    .execute(params![household, name_key(name), name, now])?;
    Ok(())
}

/// Names starting with `prefix` (any when empty), most frequent first.
pub fn suggest(
    conn: &Connection,
    household: HouseholdId,
    prefix: &str,
    limit: usize,
) -> Result<Vec<String>> {
    let pattern = format!(
        "{}%",
        prefix
            .trim()
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM item_history WHERE household_id = ?1 AND name_key LIKE ?2 ESCAPE '\\'
         ORDER BY uses DESC, last_used_ms DESC LIMIT ?3",
    )?;
    let rows = stmt
        .query_map(params![household, pattern, limit as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::households;

    #[test]
    fn most_frequent_first_and_scoped() {
        let conn = crate::db::test_conn();
        let h = households::create(&conn, "H", 0).unwrap();
        let other = households::create(&conn, "O", 0).unwrap();
        record(&conn, h, "Milk", 1).unwrap();
        record(&conn, h, "Mangoes", 2).unwrap();
        record(&conn, h, "milk", 3).unwrap();
        record(&conn, other, "Mustard", 3).unwrap();
        assert_eq!(suggest(&conn, h, "m", 10).unwrap(), vec!["milk", "Mangoes"]);
        assert_eq!(suggest(&conn, h, "%", 10).unwrap(), Vec::<String>::new());
    }
}
