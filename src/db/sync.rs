//! Sync: applying phones' ops exactly once, changes since a version, and the retention
//! rule for tombstones and applied op ids. What an op does to its item is decided by the
//! conflict rules (`domain::ops::conflict`); this module reads and writes.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::db::items::{self, Item, ItemEdit};
use crate::db::lists;
use crate::db::merge::OpenItems;
use crate::domain::item as new_items;
use crate::domain::ops::conflict::{self, Change, Wanted};
use crate::domain::ops::{Code, ItemRef, Op, OpKind, Refusal};
use crate::domain::units::Unit;
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, ItemId, ListId};

/// How long tombstones and applied op ids are kept: long enough for a phone that was
/// offline for 30 days to sync its queue and learn of deletions.
pub const RETENTION_MS: i64 = 31 * 24 * 3600 * 1000;

/// API v1's first answer to "what became of the op", kept beside `code` for its clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The op changed the list (`code` `applied`, or `duplicate` of such an op).
    Applied,
    /// The op had nothing to do (`code` `conflict`, or `duplicate` of such an op).
    Ignored,
}

/// What `applied_ops` keeps of an op: its first answer, given again to a replay.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    op_id: String,
    status: Status,
    /// The items the op added or touched, as it left them.
    #[serde(default)]
    items: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

/// What became of one op of an applied batch (docs/API.md, "Sync").
#[derive(Debug, Serialize)]
pub struct OpResult {
    /// The op's place in the batch, from 0.
    pub index: usize,
    pub op_id: String,
    pub code: Code,
    pub status: Status,
    pub items: Vec<Value>,
    /// Why an op changed nothing (a conflict), as a plain sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl OpResult {
    fn new(index: usize, code: Code, stored: Stored) -> OpResult {
        OpResult {
            index,
            op_id: stored.op_id,
            code,
            status: stored.status,
            items: stored.items,
            message: stored.message,
        }
    }
}

/// What became of a batch.
#[derive(Debug)]
pub enum Batch {
    /// Every op was applied (or had been, or had nothing to do): one result per op.
    Applied(Vec<OpResult>),
    /// Some ops were refused (in batch order); nothing of the batch was kept.
    Refused(Vec<Refusal>),
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

fn stored_result(conn: &Connection, list: ListId, op_id: &str) -> Result<Option<Stored>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT result FROM applied_ops WHERE list_id = ?1 AND op_id = ?2")?
        .query_row(params![list, op_id], |r| r.get(0))
        .optional()?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| Error::Internal(format!("stored op result: {e}")))
    })
    .transpose()
}

/// An op's own outcome: done (applied or a conflict), or refused with a code and why.
type Step = std::result::Result<Done, (Code, String)>;

struct Done {
    code: Code,
    items: Vec<Item>,
    message: Option<String>,
}

impl Done {
    fn applied(items: Vec<Item>) -> Done {
        Done {
            code: Code::Applied,
            items,
            message: None,
        }
    }
}

/// A refusal of the item layer's own checks (an id gone, a value out of range); any
/// other error stops the batch.
fn refusal_of(error: Error) -> Result<(Code, String)> {
    match error {
        Error::Invalid(m) => Ok((Code::Invalid, m)),
        Error::NotFound => Ok((Code::NotFound, "the item is not on this list".into())),
        Error::Missing(m) => Ok((Code::NotFound, m)),
        other => Err(other),
    }
}

/// The item an op names, or why it is not on this list.
fn resolve(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    r: &ItemRef,
) -> Result<std::result::Result<Item, String>> {
    let id = match r {
        ItemRef::Id(n) => ItemId(*n),
        ItemRef::Op(reference) => {
            let op_id = reference.trim_start_matches("op:");
            let Some(stored) = stored_result(conn, list, op_id)? else {
                return Ok(Err(format!(
                    "no earlier op `{op_id}` on this list made an item"
                )));
            };
            match stored.items.first().and_then(|i| i["id"].as_i64()) {
                Some(id) => ItemId(id),
                None => return Ok(Err(format!("op `{op_id}` made no item"))),
            }
        }
    };
    match items::get(conn, household, list, id) {
        Ok(item) => Ok(Ok(item)),
        Err(Error::NotFound | Error::Missing(_)) => {
            Ok(Err(format!("item {id} is not on this list")))
        }
        Err(e) => Err(e),
    }
}

fn category_by_name(
    conn: &Connection,
    household: HouseholdId,
    name: &str,
) -> Result<Option<CategoryId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM categories WHERE household_id = ?1 AND name = ?2")?
        .query_row(params![household, name], |r| r.get(0))
        .optional()?)
}

/// The item as the conflict rules see it (categories by name, as ops name them).
fn state_of(item: &Item) -> conflict::Item<String> {
    conflict::Item {
        fields: conflict::Fields {
            name: item.name.clone(),
            quantity: item.quantity,
            unit: item.unit.as_deref().and_then(Unit::from_canonical),
            note: item.note.clone(),
            category: item.category.clone(),
        },
        checked: item.checked,
        position: item.position,
        deleted: item.deleted,
    }
}

/// Adds the items of an add op. `open` is the list's open items for merging, read at the
/// batch's first add and kept up to date by the caller.
fn add(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    op: &Op,
    now: i64,
    open: &mut Option<OpenItems>,
) -> Result<Step> {
    let text = op.fields.text.as_deref().unwrap_or("");
    let new = match new_items::from_text(text) {
        Ok(new) => new,
        Err(e) => return Ok(Err((Code::Invalid, e.0))),
    };
    let open = match open {
        Some(open) => open,
        None => open.insert(OpenItems::load(conn, list)?),
    };
    match items::add_merging(conn, household, list, &new, now, open) {
        Ok((_, added)) => Ok(Ok(Done::applied(added))),
        Err(e) => refusal_of(e).map(Err),
    }
}

/// Applies one op that names an item: what the conflict rules decide, written.
fn change(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    op: &Op,
    now: i64,
) -> Result<Step> {
    let Some(reference) = &op.item_id else {
        return Ok(Err((Code::Invalid, "item_id is missing".into())));
    };
    let item = match resolve(conn, household, list, reference)? {
        Ok(item) => item,
        Err(why) => return Ok(Err((Code::NotFound, why))),
    };
    let wanted = match op.kind {
        OpKind::Check => Wanted::Check(true),
        OpKind::Uncheck => Wanted::Check(false),
        OpKind::Delete => Wanted::Delete,
        OpKind::Restore => Wanted::Restore,
        OpKind::Move => Wanted::Move(op.fields.position.unwrap_or(item.position)),
        OpKind::Edit => match op.edit_fields() {
            Ok(edit) => Wanted::Edit(edit),
            Err(e) => return Ok(Err((Code::Invalid, e.0))),
        },
        OpKind::Add => return Ok(Err((Code::Invalid, "an add op takes no item_id".into()))),
    };
    let change = match conflict::decide(&state_of(&item), wanted) {
        Ok(change) => change,
        Err(why) => {
            return Ok(Ok(Done {
                code: Code::Conflict,
                items: vec![item],
                message: Some(why.message().to_string()),
            }));
        }
    };
    let id = item.id;
    let written = match change {
        Change::Checked(checked) => items::set_checked(conn, household, list, id, checked, now),
        Change::Deleted => items::delete(conn, household, list, id, now),
        Change::Restored => items::restore(conn, household, list, &[id], now)
            .and_then(|_| items::get(conn, household, list, id)),
        Change::Moved(position) => items::set_position(conn, household, list, id, position, now),
        Change::Edited(fields) => {
            // The category as an id: the item's own unless the edit named another.
            let category = match fields.category {
                Some(name) if item.category.as_ref() != Some(&name) => {
                    match category_by_name(conn, household, &name)? {
                        Some(id) => Some(id),
                        None => {
                            return Ok(Err((
                                Code::Invalid,
                                format!("there is no category called `{name}`"),
                            )));
                        }
                    }
                }
                _ => item.category_id,
            };
            let edit = ItemEdit {
                name: fields.name,
                quantity: fields.quantity,
                unit: fields.unit,
                note: fields.note,
                category,
            };
            items::edit(conn, household, list, id, &edit, now)
        }
    };
    match written {
        Ok(item) => Ok(Ok(Done::applied(vec![item]))),
        Err(e) => refusal_of(e).map(Err),
    }
}

/// Applies ops in order, each at most once (by `op_id`), inside the caller's transaction.
/// When any op is refused, every op is still tried (so all refusals are named at once)
/// and then nothing of the batch is kept: `Batch::Refused`. Otherwise each op's result
/// (for ops seen before, the stored one, with `code` `duplicate`).
pub fn apply_ops(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    ops: &[Op],
    now: i64,
) -> Result<Batch> {
    lists::get(conn, household, list)?;
    conn.execute_batch("SAVEPOINT apply_ops")?;
    match run_ops(conn, household, list, ops, now) {
        Ok(Batch::Applied(results)) => {
            conn.execute_batch("RELEASE apply_ops")?;
            Ok(Batch::Applied(results))
        }
        other => {
            conn.execute_batch("ROLLBACK TO apply_ops; RELEASE apply_ops")?;
            other
        }
    }
}

fn run_ops(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    ops: &[Op],
    now: i64,
) -> Result<Batch> {
    let mut results = Vec::with_capacity(ops.len());
    let mut refused = Vec::new();
    let mut open = None;
    for (index, op) in ops.iter().enumerate() {
        if let Err(e) = op.validate() {
            refused.push(Refusal::invalid(index, e.0));
            continue;
        }
        if let Some(stored) = stored_result(conn, list, &op.op_id)? {
            results.push(OpResult::new(index, Code::Duplicate, stored));
            continue;
        }
        let step = if op.kind == OpKind::Add {
            add(conn, household, list, op, now, &mut open)?
        } else {
            change(conn, household, list, op, now)?
        };
        let done = match step {
            Ok(done) => done,
            Err((code, message)) => {
                refused.push(Refusal {
                    index,
                    code,
                    message,
                });
                continue;
            }
        };
        // Adds keep `open` up to date themselves; other ops tell it what they changed.
        if let (Some(open), false) = (open.as_mut(), op.kind == OpKind::Add) {
            for item in &done.items {
                open.track(item);
            }
        }
        let items = done
            .items
            .iter()
            .map(serde_json::to_value)
            .collect::<serde_json::Result<Vec<Value>>>()
            .map_err(|e| Error::Internal(e.to_string()))?;
        let stored = Stored {
            op_id: op.op_id.clone(),
            status: match done.code {
                Code::Conflict => Status::Ignored,
                _ => Status::Applied,
            },
            items,
            message: done.message,
        };
        let text = serde_json::to_string(&stored).map_err(|e| Error::Internal(e.to_string()))?;
        conn.prepare_cached(
            "INSERT INTO applied_ops (list_id, op_id, result, applied_ms) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![list, op.op_id, text, now])?;
        results.push(OpResult::new(index, done.code, stored));
    }
    Ok(if refused.is_empty() {
        Batch::Applied(results)
    } else {
        Batch::Refused(refused)
    })
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

    /// The results of a batch that must be applied.
    fn apply(
        conn: &Connection,
        h: HouseholdId,
        l: ListId,
        ops: &[Op],
        now: i64,
    ) -> Vec<serde_json::Value> {
        match apply_ops(conn, h, l, ops, now).unwrap() {
            Batch::Applied(results) => results
                .iter()
                .map(|r| serde_json::to_value(r).unwrap())
                .collect(),
            Batch::Refused(refused) => panic!("refused: {refused:?}"),
        }
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
        let first = apply(&conn, h, l, &batch, 1);
        let version = lists::get(&conn, h, l).unwrap().version;
        let again = apply(&conn, h, l, &batch, 2);
        for (first, again) in first.iter().zip(&again) {
            assert_eq!(first["code"], "applied");
            assert_eq!(again["code"], "duplicate");
            for field in ["index", "op_id", "status", "items", "message"] {
                assert_eq!(first[field], again[field], "{field}");
            }
        }
        assert_eq!(lists::get(&conn, h, l).unwrap().version, version);
        let items = items::for_list(&conn, h, l).unwrap();
        assert_eq!(items.len(), 2);
        assert!(items.iter().any(|i| i.name == "eggs" && i.checked));
    }

    #[test]
    fn a_check_of_a_deleted_item_does_not_bring_it_back() {
        let (conn, h, l) = setup();
        let r = apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"a","kind":"add","fields":{"text":"milk"}}),
            )],
            1,
        );
        let id = r[0]["items"][0]["id"].as_i64().unwrap();
        apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"d","kind":"delete","item_id":id}),
            )],
            2,
        );
        let r = apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"c","kind":"check","item_id":id}),
            )],
            3,
        );
        assert_eq!(r[0]["status"], "ignored");
        assert_eq!(r[0]["code"], "conflict");
        assert_eq!(r[0]["items"][0]["deleted"], true);
        assert!(items::for_list(&conn, h, l).unwrap().is_empty());
        // Restore does bring it back.
        apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"r","kind":"restore","item_id":id}),
            )],
            4,
        );
        assert_eq!(items::for_list(&conn, h, l).unwrap().len(), 1);
    }

    #[test]
    fn edits_are_field_level_last_writer_wins() {
        let (conn, h, l) = setup();
        let r = apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"a","kind":"add","fields":{"text":"2 l milk"}}),
            )],
            1,
        );
        let id = r[0]["items"][0]["id"].as_i64().unwrap();
        apply(
            &conn,
            h,
            l,
            &[
                op(
                    serde_json::json!({"op_id":"e1","kind":"edit","item_id":id,"fields":{"name":"oat milk"}}),
                ),
                op(
                    serde_json::json!({"op_id":"e2","kind":"edit","item_id":id,"fields":{"quantity":3}}),
                ),
                op(
                    serde_json::json!({"op_id":"e3","kind":"edit","item_id":id,"fields":{"note":"barista"}}),
                ),
            ],
            2,
        );
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
        apply(&conn, h, l, &batch, 1);
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
    fn refused_ops_are_all_named_and_nothing_of_the_batch_is_kept() {
        let (mut conn, h, l) = setup();
        let milk = apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"m","kind":"add","fields":{"text":"milk"}}),
            )],
            1,
        )[0]["items"][0]["id"]
            .as_i64()
            .unwrap();
        let version = lists::get(&conn, h, l).unwrap().version;
        let batch = vec![
            op(serde_json::json!({"op_id":"ok","kind":"add","fields":{"text":"bread"}})),
            op(serde_json::json!({"op_id":"gone","kind":"check","item_id":999})),
            op(serde_json::json!({"op_id":"c","kind":"check","item_id":"op:ok"})),
            op(
                serde_json::json!({"op_id":"cat","kind":"edit","item_id":milk,
                "fields":{"category":"Nope"}}),
            ),
            op(serde_json::json!({"op_id":"ref","kind":"check","item_id":"op:nowhere"})),
        ];
        // The transaction commits (as the server's write does): the savepoint is what
        // keeps nothing of a refused batch.
        let tx = conn.transaction().unwrap();
        let batch = apply_ops(&tx, h, l, &batch, 2).unwrap();
        tx.commit().unwrap();
        let Batch::Refused(refused) = batch else {
            panic!("{batch:?}")
        };
        let named: Vec<(usize, Code)> = refused.iter().map(|r| (r.index, r.code)).collect();
        assert_eq!(
            named,
            [(1, Code::NotFound), (3, Code::Invalid), (4, Code::NotFound)]
        );
        assert_eq!(refused[0].message, "item 999 is not on this list");
        assert_eq!(refused[1].message, "there is no category called `Nope`");
        assert!(refused[2].message.contains("`nowhere`"), "{refused:?}");
        let names: Vec<String> = items::for_list(&conn, h, l)
            .unwrap()
            .into_iter()
            .map(|i| i.name)
            .collect();
        assert_eq!(names, ["milk"]);
        assert_eq!(lists::get(&conn, h, l).unwrap().version, version);
        // `ok` was not recorded as applied: sent again alone, it applies now.
        let r = apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"ok","kind":"add","fields":{"text":"bread"}}),
            )],
            3,
        );
        assert_eq!(r[0]["code"], "applied");
    }

    #[test]
    fn changes_since_and_purge() {
        let (conn, h, l) = setup();
        let r = apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"a","kind":"add","fields":{"text":"milk, bread"}}),
            )],
            0,
        );
        let id = r[0]["items"][0]["id"].as_i64().unwrap();
        let v1 = lists::get(&conn, h, l).unwrap().version;
        apply(
            &conn,
            h,
            l,
            &[op(
                serde_json::json!({"op_id":"d","kind":"delete","item_id":id}),
            )],
            0,
        );
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
