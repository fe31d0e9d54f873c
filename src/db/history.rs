//! What a household has added before, for autocomplete: most frequent first.

use std::collections::HashSet;

use rusqlite::{Connection, params};

use crate::db::products;
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

/// Names whose key starts with `?2`: every such key sorts from `?2` up to `?3`, `?2` followed
/// by the highest code point. A key range, not `name_key LIKE ?`, and the limit written into
/// the SQL, not bound: SQLite compiles a statement again on every run when a LIKE pattern or
/// a LIMIT is a bound parameter.
fn starting_with_sql(limit: usize) -> String {
    format!(
        "SELECT name FROM item_history
         WHERE household_id = ?1 AND name_key >= ?2 AND name_key < ?3
         ORDER BY uses DESC, last_used_ms DESC LIMIT {limit}"
    )
}

/// Straight down the `item_history_uses` index; the caller stops reading at its limit.
const MOST_USED_SQL: &str = "SELECT name, name_key FROM item_history WHERE household_id = ?1
     ORDER BY uses DESC, last_used_ms DESC";

/// The household's most used names whose key is not in `except` (the items already
/// waiting on a list), most frequent first, at most `limit`. Walks the `item_history_uses`
/// index and stops as soon as it has enough, comparing the stored keys: no key is computed.
pub fn most_used_except(
    conn: &Connection,
    household: HouseholdId,
    except: &HashSet<String>,
    limit: usize,
) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(MOST_USED_SQL)?;
    let mut rows = stmt.query([household])?;
    let mut found = Vec::with_capacity(limit);
    while found.len() < limit {
        let Some(row) = rows.next()? else { break };
        let key = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        if !except.contains(key) {
            found.push(row.get(0)?);
        }
    }
    Ok(found)
}

/// Names for autocomplete: the household's own that start with `prefix` (any when empty),
/// most frequent first, then its catalogue's products with a word starting so, at most
/// `limit`, each name key once.
pub fn suggest(
    conn: &Connection,
    household: HouseholdId,
    prefix: &str,
    limit: usize,
) -> Result<Vec<String>> {
    let prefix = prefix.trim().to_lowercase();
    if prefix.is_empty() {
        return most_used_except(conn, household, &HashSet::new(), limit);
    }
    let end = format!("{prefix}{}", char::MAX);
    let mut names: Vec<String> = conn
        .prepare_cached(&starting_with_sql(limit))?
        .query_map(params![household, prefix, end], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if names.len() < limit {
        let mut seen: HashSet<String> = names.iter().map(|n| name_key(n)).collect();
        for product in products::search(conn, household, &prefix, limit)? {
            if names.len() < limit && seen.insert(name_key(&product.name)) {
                names.push(product.name);
            }
        }
    }
    Ok(names)
}

/// Every name completions come from, at most `limit` of each kind, each name key once: the
/// household's own, most frequent first, then its catalogue's products (staples first).
/// A phone keeps these to complete lines while offline.
pub fn all_names(conn: &Connection, household: HouseholdId, limit: usize) -> Result<Vec<String>> {
    let mut names = most_used_except(conn, household, &HashSet::new(), limit)?;
    let mut seen: HashSet<String> = names.iter().map(|n| name_key(n)).collect();
    for product in products::all(conn, household, limit)? {
        if seen.insert(name_key(&product.name)) {
            names.push(product.name);
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::households;

    #[test]
    fn all_names_are_the_households_then_its_catalogue_each_once() {
        let (conn, h) = crate::db::test_household();
        let other = households::create(&conn, "O", 0).unwrap();
        record(&conn, h, "Milk", 1).unwrap();
        record(&conn, h, "bread", 2).unwrap();
        record(&conn, h, "bread", 3).unwrap();
        record(&conn, other, "Mustard", 3).unwrap();
        for name in ["Paprika", "milk"] {
            products::create_manual(&conn, h, name, None, None, 0).unwrap();
        }
        assert_eq!(
            all_names(&conn, h, 100).unwrap(),
            vec!["bread", "Milk", "Paprika"]
        );
        assert_eq!(all_names(&conn, other, 100).unwrap(), vec!["Mustard"]);
    }

    #[test]
    fn most_frequent_first_and_scoped() {
        let (conn, h) = crate::db::test_household();
        let other = households::create(&conn, "O", 0).unwrap();
        record(&conn, h, "Milk", 1).unwrap();
        record(&conn, h, "Mangoes", 2).unwrap();
        record(&conn, h, "milk", 3).unwrap();
        record(&conn, other, "Mustard", 3).unwrap();
        assert_eq!(suggest(&conn, h, "m", 10).unwrap(), vec!["milk", "Mangoes"]);
        assert_eq!(suggest(&conn, h, "%", 10).unwrap(), Vec::<String>::new());
        assert_eq!(suggest(&conn, h, "", 1).unwrap(), vec!["milk"]);
        assert_eq!(suggest(&conn, h, " MAN ", 10).unwrap(), vec!["Mangoes"]);
        assert_eq!(suggest(&conn, other, "", 10).unwrap(), vec!["Mustard"]);
    }

    #[test]
    fn most_used_except_skips_waiting_items_and_still_fills_the_limit() {
        let (conn, h) = crate::db::test_household();
        let other = households::create(&conn, "O", 0).unwrap();
        for (name, uses) in [("Milk", 5), ("Eggs", 4), ("Tomatoes", 3), ("Bread", 2)] {
            for t in 0..uses {
                record(&conn, h, name, t).unwrap();
            }
        }
        record(&conn, other, "Mustard", 9).unwrap();
        let waiting: HashSet<String> = ["milk", "tomato"].map(String::from).into();
        let none = HashSet::new();
        // The two on the list are skipped and the next ones move up to fill the limit.
        for (household, except, limit, want) in [
            (h, &waiting, 2, vec!["Eggs", "Bread"]),
            (h, &none, 3, vec!["Milk", "Eggs", "Tomatoes"]),
            (h, &waiting, 10, vec!["Eggs", "Bread"]),
            (other, &waiting, 10, vec!["Mustard"]),
        ] {
            let got = most_used_except(&conn, household, except, limit).unwrap();
            assert_eq!(got, want, "{except:?} {limit}");
        }
    }

    #[test]
    fn prefixes_match_whole_keys_only_from_the_start() {
        let (conn, h) = crate::db::test_household();
        for (i, name) in ["tea", "tea bags", "teal paint", "steak", "té vert"]
            .iter()
            .enumerate()
        {
            record(&conn, h, name, i as i64).unwrap();
        }
        let mut found = suggest(&conn, h, "tea", 10).unwrap();
        found.sort();
        assert_eq!(found, ["tea", "tea bags", "teal paint"]);
        assert_eq!(suggest(&conn, h, "te vert", 10).unwrap(), vec!["té vert"]);
        assert!(suggest(&conn, h, "x", 10).unwrap().is_empty());
    }

    #[test]
    fn the_catalogue_fills_in_after_the_households_own_names() {
        let (conn, h) = crate::db::test_household();
        let other = households::create(&conn, "O", 0).unwrap();
        record(&conn, h, "Oat milk", 1).unwrap();
        for name in ["Oat Milk", "Oatly Barista", "Porridge oats"] {
            products::create_manual(&conn, h, name, None, None, 1).unwrap();
        }
        products::create_manual(&conn, other, "Oat cakes", None, None, 1).unwrap();
        let mut found = suggest(&conn, h, "oat", 10).unwrap();
        assert_eq!(found.remove(0), "Oat milk", "the household's own first");
        found.sort();
        assert_eq!(found, ["Oatly Barista", "Porridge oats"], "each name once");
        assert_eq!(suggest(&conn, h, "oat", 2).unwrap().len(), 2);
        assert!(suggest(&conn, h, "%", 10).unwrap().is_empty());
    }

    #[test]
    fn the_statements_are_compiled_once() {
        let (conn, h) = crate::db::test_household();
        record(&conn, h, "milk", 1).unwrap();
        for prefix in ["m", "mi", "x", "", "", "m"] {
            suggest(&conn, h, prefix, 10).unwrap();
        }
        for sql in [MOST_USED_SQL.to_string(), starting_with_sql(10)] {
            let stmt = conn.prepare_cached(&sql).unwrap();
            assert_eq!(
                stmt.get_status(rusqlite::StatementStatus::RePrepare),
                0,
                "{sql}"
            );
        }
    }
}
