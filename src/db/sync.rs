//! Sync: applying phones' ops exactly once, changes since a version, and the retention
//! rule for tombstones and applied op ids.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::Value;

use crate::db::items::{self, Item, ItemEdit};
use crate::db::lists;
use crate::db::merge::OpenItems;
use crate::domain::item as new_items;
use crate::domain::ops::{self, ItemRef, Op, OpKind};
use crate::domain::units::Unit;
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, ItemId, ListId};

/// How long tombstones and applied op ids are kept: long enough for a phone that was
/// offline for 30 days to sync its queue and learn of deletions.
pub const RETENTION_MS: i64 = 31 * 24 * 3600 * 1000;

#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The op changed the list.
    Applied,
    /// The op had nothing to do (e.g. checking an item deleted meanwhile).
    Ignored,
}

#[derive(Debug, Serialize)]
pub struct OpResult {
    pub op_id: String,
    pub status: Status,
    /// The items the op added or touched, as they are now.
    pub items: Vec<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// What changed on a list after a version.
#[derive(Debug, Serialize)]
pub struct Changes {
    pub version: i64,
    /// True when `since` is older than the retention horizon: `items` is then the whole
    /// live list and the phone must drop what it has.
    pub reset: bool,
    pub items: Vec<Item>,
}

pub fn changes_since(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    since: i64,
) -> Result<Changes> {
    let (version, purged): (i64, i64) = conn
        .prepare_cached(
            "SELECT version, purged_version FROM lists WHERE id = ?1 AND household_id = ?2",
        )?
        .query_row(params![list, household], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound)?;
    if since < purged || since > version {
        return Ok(Changes {
            version,
            reset: true,
            items: items::for_list(conn, household, list)?,
        });
    }
    Ok(Changes {
        version,
        reset: false,
        items: items::changed_since(conn, household, list, since)?,
    })
}

fn stored_result(conn: &Connection, list: ListId, op_id: &str) -> Result<Option<Value>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT result FROM applied_ops WHERE list_id = ?1 AND op_id = ?2")?
        .query_row(params![list, op_id], |r| r.get(0))
        .optional()?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| Error::Internal(format!("stored op result: {e}")))
    })
    .transpose()
}

fn resolve(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    r: &ItemRef,
    what: &str,
) -> Result<Item> {
    let id = match r {
        ItemRef::Id(n) => ItemId(*n),
        ItemRef::Op(reference) => {
            let op_id = reference.trim_start_matches("op:");
            let stored = stored_result(conn, list, op_id)?.ok_or_else(|| {
                Error::Missing(format!(
                    "{what}: no earlier op `{op_id}` on this list made an item"
                ))
            })?;
            let id = stored["items"][0]["id"]
                .as_i64()
                .ok_or_else(|| Error::Missing(format!("{what}: op `{op_id}` made no item")))?;
            ItemId(id)
        }
    };
    items::get(conn, household, list, id)
        .map_err(|_| Error::Missing(format!("{what}: item {id} is not on this list")))
}

fn category_by_name(
    conn: &Connection,
    household: HouseholdId,
    name: &str,
    what: &str,
) -> Result<CategoryId> {
    conn.prepare_cached("SELECT id FROM categories WHERE household_id = ?1 AND name = ?2")?
        .query_row(params![household, name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::invalid(format!("{what}: there is no category called `{name}`")))
}

fn ignored(op: &Op, item: Item, why: &str) -> OpResult {
    OpResult {
        op_id: op.op_id.clone(),
        status: Status::Ignored,
        items: vec![item],
        message: Some(why.to_string()),
    }
}

fn applied(op: &Op, items: Vec<Item>) -> OpResult {
    OpResult {
        op_id: op.op_id.clone(),
        status: Status::Applied,
        items,
        message: None,
    }
}

/// Applies one op. `open` is the list's open items for merging adds, read at the batch's
/// first add and kept up to date by the caller.
fn apply_one(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    op: &Op,
    what: &str,
    now: i64,
    open: &mut Option<OpenItems>,
) -> Result<OpResult> {
    if op.kind == OpKind::Add {
        let text = op.fields.text.as_deref().unwrap_or("");
        let new =
            new_items::from_text(text).map_err(|e| Error::invalid(format!("{what}: {}", e.0)))?;
        let open = match open {
            Some(open) => open,
            None => open.insert(OpenItems::load(conn, list)?),
        };
        let added = items::add_merging(conn, household, list, &new, now, open);
        let (_, added) = added.map_err(|e| match e {
            Error::Invalid(m) => Error::invalid(format!("{what}: {m}")),
            other => other,
        })?;
        return Ok(applied(op, added));
    }
    let Some(reference) = &op.item_id else {
        return Err(Error::invalid(format!("{what}: item_id is missing")));
    };
    let item = resolve(conn, household, list, reference, what)?;
    let id = item.id;
    // A deleted item stays deleted: only `restore` brings it back (DESIGN "Conflicts").
    if item.deleted && op.kind != OpKind::Restore {
        return Ok(ignored(op, item, "the item was deleted meanwhile"));
    }
    let result = match op.kind {
        OpKind::Check | OpKind::Uncheck => {
            let checked = op.kind == OpKind::Check;
            applied(
                op,
                vec![items::set_checked(conn, household, list, id, checked, now)?],
            )
        }
        OpKind::Delete => applied(op, vec![items::delete(conn, household, list, id, now)?]),
        OpKind::Restore if !item.deleted => ignored(op, item, "the item was not deleted"),
        OpKind::Restore => {
            items::restore(conn, household, list, &[id], now)?;
            applied(op, vec![items::get(conn, household, list, id)?])
        }
        OpKind::Move => {
            let position = op.fields.position.unwrap_or(item.position);
            applied(
                op,
                vec![items::set_position(
                    conn, household, list, id, position, now,
                )?],
            )
        }
        OpKind::Edit => {
            // Field-level last writer wins: only the fields the op names change.
            let f = op
                .edit_fields()
                .map_err(|e| Error::invalid(format!("{what}: {}", e.0)))?;
            let category = match &f.category {
                Some(name) => Some(category_by_name(conn, household, name, what)?),
                None => item.category_id,
            };
            let edit = ItemEdit {
                name: f.name.unwrap_or(item.name.clone()),
                quantity: f.quantity.unwrap_or(item.quantity),
                unit: f
                    .unit
                    .unwrap_or_else(|| item.unit.as_deref().and_then(Unit::from_canonical)),
                note: f.note.unwrap_or(item.note.clone()),
                category,
            };
            applied(
                op,
                vec![items::edit(conn, household, list, id, &edit, now)?],
            )
        }
        OpKind::Add => unreachable!("handled above"),
    };
    Ok(result)
}

/// Applies ops in order, each at most once (by `op_id`). Run it in one transaction: an
/// error means none of the batch may be kept. Returns each op's result (the stored one
/// for ops seen before).
pub fn apply_ops(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    ops: &[Op],
    now: i64,
) -> Result<Vec<Value>> {
    lists::get(conn, household, list)?;
    let mut results = Vec::with_capacity(ops.len());
    let mut open = None;
    for (index, op) in ops.iter().enumerate() {
        let what = ops::label(index, op);
        op.validate()
            .map_err(|e| Error::invalid(format!("{what}: {}", e.0)))?;
        if let Some(stored) = stored_result(conn, list, &op.op_id)? {
            results.push(stored);
            continue;
        }
        let result = apply_one(conn, household, list, op, &what, now, &mut open)?;
        // Adds keep `open` up to date themselves; other ops tell it what they changed.
        if let (Some(open), false) = (open.as_mut(), op.kind == OpKind::Add) {
            for item in &result.items {
                open.track(item);
            }
        }
        let value = serde_json::to_value(&result).map_err(|e| Error::Internal(e.to_string()))?;
        conn.prepare_cached(
            "INSERT INTO applied_ops (list_id, op_id, result, applied_ms) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![list, op.op_id, value.to_string(), now])?;
        results.push(value);
    }
    Ok(results)
}

/// What `purge` removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub tombstones: usize,
    pub op_ids: usize,
}

/// Forgets tombstones and applied op ids older than [`RETENTION_MS`]. Lists remember the
/// highest purged version so phones older than that reload the whole list.
pub fn purge(conn: &Connection, now: i64) -> Result<Purged> {
    let horizon = now - RETENTION_MS;
    conn.execute(
        "UPDATE lists SET purged_version = max(purged_version,
             (SELECT max(version) FROM items WHERE items.list_id = lists.id
                AND deleted = 1 AND updated_ms < ?1))
         WHERE EXISTS (SELECT 1 FROM items WHERE items.list_id = lists.id
                AND deleted = 1 AND updated_ms < ?1)",
        [horizon],
    )?;
    let tombstones = conn.execute(
        "DELETE FROM items WHERE deleted = 1 AND updated_ms < ?1",
        [horizon],
    )?;
    let op_ids = conn.execute("DELETE FROM applied_ops WHERE applied_ms < ?1", [horizon])?;
    Ok(Purged { tombstones, op_ids })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::households;

    fn op(json: serde_json::Value) -> Op {
        serde_json::from_value(json).unwrap()
    }

    fn setup() -> (Connection, HouseholdId, ListId) {
        let conn = crate::db::test_conn();
        let h = households::create(&conn, "H", 0).unwrap();
        let l = lists::create(&conn, h, "L", 0).unwrap();
        (conn, h, l)
    }

    #[test]
    fn a_replayed_batch_gets_the_same_results_and_changes_nothing() {
        let (conn, h, l) = setup();
        let batch = vec![
            op(serde_json::json!({"op_id":"a1","kind":"add","fields":{"text":"2 eggs, milk"}})),
            op(serde_json::json!({"op_id":"c1","kind":"check","item_id":"op:a1"})),
        ];
        let first = apply_ops(&conn, h, l, &batch, 1).unwrap();
        let version = lists::get(&conn, h, l).unwrap().version;
        let again = apply_ops(&conn, h, l, &batch, 2).unwrap();
        assert_eq!(first, again);
        assert_eq!(lists::get(&conn, h, l).unwrap().version, version);
        let items = items::for_list(&conn, h, l).unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().any(|i| i.name == "eggs" && i.checked));
    }

    #[test]
    fn a_check_of_a_deleted_item_does_not_bring_it_back() {
        let (conn, h, l) = setup();
        let r = apply_ops(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"a","kind":"add","fields":{"text":"milk"}}),
            )],
            1,
        )
        .unwrap();
        let id = r[0]["items"][0]["id"].as_i64().unwrap();
        apply_ops(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"d","kind":"delete","item_id":id}),
            )],
            2,
        )
        .unwrap();
        let r = apply_ops(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"c","kind":"check","item_id":id}),
            )],
            3,
        )
        .unwrap();
        assert_eq!(r[0]["status"], "ignored");
        assert_eq!(r[0]["items"][0]["deleted"], true);
        assert!(items::for_list(&conn, h, l).unwrap().is_empty());
        // Restore does bring it back.
        apply_ops(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"r","kind":"restore","item_id":id}),
            )],
            4,
        )
        .unwrap();
        assert_eq!(items::for_list(&conn, h, l).unwrap().len(), 1);
    }

    #[test]
    fn edits_are_field_level_last_writer_wins() {
        let (conn, h, l) = setup();
        let r = apply_ops(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"a","kind":"add","fields":{"text":"2 l milk"}}),
            )],
            1,
        )
        .unwrap();
        let id = r[0]["items"][0]["id"].as_i64().unwrap();
        apply_ops(
            &conn,
            h,
            l,
            &[
                op(serde_json::json!({"op_id":"e1","kind":"edit","item_id":id,"fields":{"name":"oat milk"}})),
                op(serde_json::json!({"op_id":"e2","kind":"edit","item_id":id,"fields":{"quantity":3}})),
                op(serde_json::json!({"op_id":"e3","kind":"edit","item_id":id,"fields":{"note":"barista"}})),
            ],
            2,
        )
        .unwrap();
        let item = items::get(&conn, h, l, ItemId(id)).unwrap();
        assert_eq!(
            (
                item.name.as_str(),
                item.quantity,
                item.unit.as_deref(),
                item.note.as_deref()
            ),
            ("oat milk", Some(3.0), Some("l"), Some("barista"))
        );
    }

    #[test]
    fn adds_in_one_batch_merge_by_name_and_follow_the_other_ops() {
        let (conn, h, l) = setup();
        items::add(
            &conn,
            h,
            l,
            &new_items::from_text("6 Eggs, milk").unwrap(),
            0,
        )
        .unwrap();
        let add = |id: &str, text: &str| {
            op(serde_json::json!({"op_id": id, "kind": "add", "fields": {"text": text}}))
        };
        let at = |id: &str, kind: &str, item: &str| {
            op(serde_json::json!({"op_id": id, "kind": kind, "item_id": format!("op:{item}")}))
        };
        let batch = vec![
            add("a1", "6 EGGS, bread"),
            add("a2", "egg"),
            at("c1", "check", "a2"),
            add("a3", "2 eggs"),
            at("u1", "uncheck", "a2"),
            add("a4", "BREAD"),
            op(
                serde_json::json!({"op_id": "e1", "kind": "edit", "item_id": "op:a4",
                "fields": {"name": "rye bread"}}),
            ),
            add("a5", "bread, Rye Breads"),
        ];
        apply_ops(&conn, h, l, &batch, 1).unwrap();
        let items = items::for_list(&conn, h, l).unwrap();
        let got: Vec<_> = items
            .iter()
            .map(|i| (i.name.as_str(), i.quantity, i.checked))
            .collect();
        assert_eq!(
            got,
            [
                // 6 + 6 + 1; then checked, so `2 eggs` made a new item; unchecked again, a
                // twin of the new one.
                ("Eggs", Some(13.0), false),
                ("milk", None, false),
                // Renamed by the edit, so the next `bread` is a new item, and `Rye Breads`
                // merges into the renamed one.
                ("rye bread", None, false),
                ("eggs", Some(2.0), false),
                ("bread", None, false),
            ]
        );
    }

    #[test]
    fn a_bad_op_is_named_and_nothing_of_the_batch_is_kept() {
        let (mut conn, h, l) = setup();
        let batch = vec![
            op(serde_json::json!({"op_id":"ok","kind":"add","fields":{"text":"bread"}})),
            op(serde_json::json!({"op_id":"bad","kind":"check","item_id":999})),
        ];
        let tx = conn.transaction().unwrap();
        let err = apply_ops(&tx, h, l, &batch, 1).unwrap_err();
        drop(tx);
        assert!(err.to_string().contains("op 2 (`bad`)"), "{err}");
        assert!(items::for_list(&conn, h, l).unwrap().is_empty());
        assert_eq!(lists::get(&conn, h, l).unwrap().version, 0);
    }

    #[test]
    fn changes_since_and_purge() {
        let (conn, h, l) = setup();
        let r = apply_ops(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"a","kind":"add","fields":{"text":"milk, bread"}}),
            )],
            0,
        )
        .unwrap();
        let id = r[0]["items"][0]["id"].as_i64().unwrap();
        let v1 = lists::get(&conn, h, l).unwrap().version;
        apply_ops(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"d","kind":"delete","item_id":id}),
            )],
            0,
        )
        .unwrap();
        let c = changes_since(&conn, h, l, v1).unwrap();
        assert!(!c.reset);
        assert_eq!(c.items.len(), 1);
        assert!(c.items[0].deleted);
        // 30 days later the tombstone is still there; after the retention it is purged.
        assert_eq!(
            purge(&conn, 30 * 24 * 3600 * 1000).unwrap(),
            Purged::default()
        );
        let p = purge(&conn, RETENTION_MS + 1).unwrap();
        assert_eq!(
            p,
            Purged {
                tombstones: 1,
                op_ids: 2
            }
        );
        let c = changes_since(&conn, h, l, v1).unwrap();
        assert!(c.reset, "a phone older than the purge must reload");
        assert_eq!(c.items.len(), 1);
        let other = households::create(&conn, "O", 0).unwrap();
        assert!(matches!(
            changes_since(&conn, other, l, 0),
            Err(Error::NotFound)
        ));
    }
}
