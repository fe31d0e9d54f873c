//! Items' positions (their sort keys on a list) stay whole numbers from 0 to
//! [`MAX_POSITION`]: moves are checked, and appending renumbers a list whose positions would
//! pass the top (or already hold something out of range, from before migration 0009).

use rusqlite::Connection;
use rusqlite::types::Value;

use crate::domain::text::MAX_POSITION;
use crate::error::{Error, Result};
use crate::ids::{ItemId, ListId};

/// The first of `count` positions after the list's last item. When they would pass
/// [`MAX_POSITION`] (or a stored position is not a whole number in range) the list is
/// renumbered first, in its order, its items taking `version`: a change phones fetch.
pub fn next(conn: &Connection, list: ListId, count: usize, version: i64, now: i64) -> Result<i64> {
    let highest: Value = conn
        .prepare_cached("SELECT max(position) FROM items WHERE list_id = ?1")?
        .query_row([list], |r| r.get(0))?;
    let room = i64::try_from(count)
        .ok()
        .and_then(|c| MAX_POSITION.checked_sub(c));
    match (highest, room) {
        (Value::Null, Some(_)) => return Ok(0),
        (Value::Integer(p), Some(room)) if (-1..=room).contains(&p) => return Ok(p + 1),
        _ => {}
    }
    renumber(conn, list, version, now)
}

/// Gives the list's items (tombstones too) the positions 0, 1, 2… in their order
/// (`position`, then `id`); the items whose position changes take `version`. Returns the
/// number of items, i.e. the next free position.
pub fn renumber(conn: &Connection, list: ListId, version: i64, now: i64) -> Result<i64> {
    conn.prepare_cached(
        "UPDATE items SET position = r.rank, version = ?2, updated_ms = ?3
         FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS rank
               FROM items WHERE list_id = ?1) AS r
         WHERE items.id = r.id
           AND (items.position IS NOT r.rank OR typeof(items.position) <> 'integer')",
    )?
    .execute(rusqlite::params![list, version, now])?;
    Ok(conn
        .prepare_cached("SELECT count(*) FROM items WHERE list_id = ?1")?
        .query_row([list], |r| r.get(0))?)
}

/// Places item `id` right after `anchor` in the list's order (first when `None`) and
/// renumbers the list's items 0, 1, 2… around it; the item and those whose position
/// changes take `version`. Deleted items are left as they are (a move must not keep a
/// tombstone from its purge), so `anchor` must not be one.
/// Returns the item's new position.
pub fn place_after(
    conn: &Connection,
    list: ListId,
    id: ItemId,
    anchor: Option<ItemId>,
    version: i64,
    now: i64,
) -> Result<i64> {
    let mut order: Vec<ItemId> = conn
        .prepare_cached(
            "SELECT id FROM items WHERE list_id = ?1 AND id <> ?2 AND deleted = 0
             ORDER BY position, id",
        )?
        .query_map(rusqlite::params![list, id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let at = match anchor {
        None => 0,
        Some(anchor) => {
            order
                .iter()
                .position(|&other| other == anchor)
                .ok_or(Error::NotFound)?
                + 1
        }
    };
    order.insert(at, id);
    let mut set = conn.prepare_cached(
        "UPDATE items SET position = ?1, version = ?2, updated_ms = ?3
         WHERE id = ?4 AND (position IS NOT ?1 OR id = ?5)",
    )?;
    for (rank, item) in order.iter().enumerate() {
        set.execute(rusqlite::params![rank as i64, version, now, item, id])?;
    }
    Ok(at as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{items, lists};
    use crate::domain::item::from_text;
    use crate::ids::HouseholdId;

    fn list_with(names: &str) -> (Connection, HouseholdId, ListId) {
        let (conn, h, l) = crate::db::test_list();
        items::add(
            &conn,
            h,
            l,
            &from_text(names).unwrap(),
            crate::db::activity::Stamp::system(1),
        )
        .unwrap();
        (conn, h, l)
    }

    fn positions(conn: &Connection, l: ListId) -> Vec<(String, Value)> {
        conn.prepare("SELECT name, position FROM items WHERE list_id = ?1 ORDER BY position, id")
            .unwrap()
            .query_map([l], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn appending_continues_until_the_top_then_renumbers_in_order() {
        let (conn, _, l) = list_with("milk, bread, eggs");
        assert_eq!(next(&conn, l, 2, 9, 9).unwrap(), 3);
        conn.execute(
            "UPDATE items SET position = ?1 WHERE name = 'milk'",
            [MAX_POSITION - 2],
        )
        .unwrap();
        // Two more still fit; three do not: renumbered first.
        assert_eq!(next(&conn, l, 2, 9, 9).unwrap(), MAX_POSITION - 1);
        assert_eq!(next(&conn, l, 3, 9, 9).unwrap(), 3);
        let got = positions(&conn, l);
        assert_eq!(
            got,
            [
                ("bread".to_string(), Value::Integer(0)),
                ("eggs".to_string(), Value::Integer(1)),
                ("milk".to_string(), Value::Integer(2)),
            ]
        );
        // The moved items carry the new version; an item already in place keeps its own.
        let versions: Vec<i64> = conn
            .prepare("SELECT version FROM items WHERE list_id = ?1 ORDER BY position")
            .unwrap()
            .query_map([l], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(versions, [9, 9, 9]);
        assert_eq!(next(&conn, l, 1, 10, 10).unwrap(), 3);
    }

    #[test]
    fn runaway_and_real_positions_are_repaired_by_the_next_add() {
        let (conn, h, l) = list_with("milk, bread, eggs, jam");
        // What a move to the largest number and an add after it used to leave behind.
        conn.execute_batch(
            "UPDATE items SET position = 9223372036854775807 WHERE name = 'milk';
             UPDATE items SET position = 9.3e18 WHERE name = 'bread';
             UPDATE items SET position = -9223372036854775808, deleted = 1 WHERE name = 'jam';",
        )
        .unwrap();
        let (_, added) = items::add(
            &conn,
            h,
            l,
            &from_text("tea").unwrap(),
            crate::db::activity::Stamp::system(2),
        )
        .unwrap();
        assert_eq!(added[0].position, 4);
        let got = positions(&conn, l);
        let want: Vec<(String, Value)> = ["jam", "eggs", "milk", "bread", "tea"]
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), Value::Integer(i as i64)))
            .collect();
        assert_eq!(got, want);
        let live: Vec<_> = items::for_list(&conn, h, l)
            .unwrap()
            .into_iter()
            .map(|i| i.name)
            .collect();
        assert_eq!(live, ["eggs", "milk", "bread", "tea"]);
    }

    #[test]
    fn migration_0009_renumbers_only_the_lists_out_of_range() {
        let (conn, h, broken) = list_with("milk, bread, eggs");
        let fine = lists::create(&conn, h, "Fine", 0).unwrap();
        items::add(
            &conn,
            h,
            fine,
            &from_text("tea, jam").unwrap(),
            crate::db::activity::Stamp::system(1),
        )
        .unwrap();
        conn.execute_batch(
            "UPDATE items SET position = 9223372036854775807 WHERE name = 'milk';
             UPDATE items SET position = 9.3e18 WHERE name = 'bread';
             UPDATE items SET position = 7 WHERE name = 'jam';",
        )
        .unwrap();
        let version = |l: ListId| lists::get(&conn, h, l).unwrap().version;
        let (broken_before, fine_before) = (version(broken), version(fine));
        conn.execute_batch(include_str!("migrations/0009_bounded_positions.sql"))
            .unwrap();
        let names = |l| {
            positions(&conn, l)
                .into_iter()
                .map(|(n, p)| format!("{n}@{p:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(broken),
            ["eggs@Integer(0)", "milk@Integer(1)", "bread@Integer(2)"]
        );
        assert_eq!(names(fine), ["tea@Integer(0)", "jam@Integer(7)"]);
        assert_eq!(version(broken), broken_before + 1);
        assert_eq!(version(fine), fine_before);
        let changed = items::changed_since(&conn, h, broken, broken_before).unwrap();
        assert_eq!(changed.len(), 3, "phones learn the new positions");
        // Run again: nothing left to do.
        conn.execute_batch(include_str!("migrations/0009_bounded_positions.sql"))
            .unwrap();
        assert_eq!(version(broken), broken_before + 1);
    }
}
