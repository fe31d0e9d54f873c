//! Sync: applying phones' ops exactly once, changes since a version, and the retention
//! rule for tombstones and applied op ids. What an op does to its item is decided by the
//! conflict rules (`domain::ops::conflict`); this module reads and writes.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::db::activity::Stamp;
use crate::db::items::{self, Item, ItemEdit};
use crate::db::{categories, lists};
use crate::domain::item::{self as new_items, Refused};
use crate::domain::merge::{Merged, OpenItems};
use crate::domain::ops::conflict::{self, Change, Replaced, Wanted};
use crate::domain::ops::{Code, ItemRef, Op, OpKind, Refusal};
use crate::domain::units::Unit;
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ItemId, ListId};

/// How long tombstones and applied op ids are kept: long enough for a phone that was
/// offline for 30 days to sync its queue and learn of deletions.
pub const RETENTION_MS: i64 = 31 * 24 * 3600 * 1000;

/// API v1's first answer to "what became of the op", kept beside `code` for its clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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
    /// The lines of an add that were not added, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    refused: Vec<Refused>,
    /// What an add merged into items already on the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    merged: Vec<Merged>,
    /// What an edit replaced that another change had set since the phone saw it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    replaced: Vec<Replaced>,
}

/// What became of one op of an applied batch (docs/API.md, "Sync").
#[derive(Debug, Serialize, utoipa::ToSchema)]
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
    /// An add's lines that were not added (its valid lines were), each with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refused: Vec<Refused>,
    /// An add's lines that went into items already on the list, and how ("eggs": 3 → 15).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<Merged>,
    /// The fields an edit replaced that another phone had set since this one saw them
    /// (the edit's `was`), each with the value replaced.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaced: Vec<Replaced>,
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
            refused: stored.refused,
            merged: stored.merged,
            replaced: stored.replaced,
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
    let reset = since < purged || since > version;
    let items = if reset {
        items::for_list(conn, household, list)?
    } else {
        items::changed_since(conn, household, list, since)?
    };
    Ok(Changes {
        version,
        reset,
        items,
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

/// What an op did: applied, or a conflict that left the list as it was.
struct Done {
    code: Code,
    items: Vec<Item>,
    message: Option<String>,
    refused: Vec<Refused>,
    merged: Vec<Merged>,
    replaced: Vec<Replaced>,
}

impl Done {
    fn applied(items: Vec<Item>) -> Done {
        Done {
            code: Code::Applied,
            items,
            message: None,
            refused: Vec::new(),
            merged: Vec::new(),
            replaced: Vec::new(),
        }
    }
}

/// The refusal of op `index` (a value out of range, an item not on the list), or the
/// error that stops the whole batch (any other).
fn refusal_of(index: usize, error: Error) -> Result<Refusal> {
    let (code, message) = match error {
        Error::Invalid(m) => (Code::Invalid, m),
        Error::NotFound => (Code::NotFound, "the item is not on this list".into()),
        Error::Missing(m) => (Code::NotFound, m),
        other => return Err(other),
    };
    Ok(Refusal {
        index,
        code,
        message,
    })
}

/// The item an op names; `Missing`, saying why, when it is not on this list.
fn resolve(conn: &Connection, household: HouseholdId, list: ListId, r: &ItemRef) -> Result<Item> {
    let id = match r {
        ItemRef::Id(n) => ItemId(*n),
        ItemRef::Op(reference) => {
            let op_id = reference.trim_start_matches("op:");
            let stored = stored_result(conn, list, op_id)?.ok_or_else(|| {
                Error::Missing(format!("no earlier op `{op_id}` on this list made an item"))
            })?;
            let made = stored.items.first().and_then(|i| i["id"].as_i64());
            ItemId(made.ok_or_else(|| Error::Missing(format!("op `{op_id}` made no item")))?)
        }
    };
    items::get(conn, household, list, id).map_err(|e| match e {
        Error::NotFound | Error::Missing(_) => {
            Error::Missing(format!("item {id} is not on this list"))
        }
        e => e,
    })
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

/// Adds the valid items of an add op; its refused lines go back in the result. All of
/// them refused, the op is. `open` is the list's open items for merging, read at the
/// batch's first add (by `items::add_merging`) and kept up to date by the caller.
fn add(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    op: &Op,
    stamp: Stamp,
    open: &mut Option<OpenItems>,
) -> Result<Done> {
    let batch = new_items::batch_from_text(op.fields.text.as_deref().unwrap_or(""))?;
    if batch.items.is_empty() {
        return Err(Error::invalid(batch.refused_reasons()));
    }
    let added = items::add_merging(conn, household, list, &batch.items, stamp, open)?;
    Ok(Done {
        refused: batch.refused,
        merged: added.merged,
        ..Done::applied(added.items)
    })
}

/// Applies one op that names an item: what the conflict rules decide, written.
fn change(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    op: &Op,
    stamp: Stamp,
) -> Result<Done> {
    let reference = op
        .item_id
        .as_ref()
        .ok_or_else(|| Error::invalid("item_id is missing"))?;
    let item = resolve(conn, household, list, reference)?;
    let wanted = match op.kind {
        OpKind::Check => Wanted::Check(true),
        OpKind::Uncheck => Wanted::Check(false),
        OpKind::Delete => Wanted::Delete,
        OpKind::Restore => Wanted::Restore,
        OpKind::Move => Wanted::Move(op.fields.position.unwrap_or(item.position)),
        OpKind::Edit => Wanted::Edit(op.edit_fields()?),
        OpKind::Add => return Err(Error::invalid("an add op takes no item_id")),
    };
    let state = state_of(&item);
    let replaced = match (&wanted, &op.was) {
        (Wanted::Edit(edit), Some(seen)) if !item.deleted => {
            conflict::replaced(&state.fields, edit, seen)
        }
        _ => Vec::new(),
    };
    let change = match conflict::decide(&state, wanted) {
        Ok(change) => change,
        Err(why) => {
            return Ok(Done {
                code: Code::Conflict,
                items: vec![item],
                message: Some(why.message().to_string()),
                ..Done::applied(Vec::new())
            });
        }
    };
    let id = item.id;
    let written = match change {
        Change::Checked(checked) => items::set_checked(conn, household, list, id, checked, stamp)?,
        Change::Deleted => items::delete(conn, household, list, id, stamp)?,
        Change::Restored => {
            items::restore(conn, household, list, &[id], stamp)?;
            items::get(conn, household, list, id)?
        }
        Change::Moved(position) => match &op.fields.after {
            Some(anchor) => {
                let anchor = match anchor {
                    Some(r) => {
                        let anchor = resolve(conn, household, list, r)?;
                        if anchor.deleted {
                            return Err(Error::Missing(format!(
                                "item {} was deleted; move after another",
                                anchor.id
                            )));
                        }
                        Some(anchor.id)
                    }
                    None => None,
                };
                if anchor == Some(id) {
                    return Err(Error::invalid("an item cannot be moved after itself"));
                }
                items::move_after(conn, household, list, id, anchor, stamp)?
            }
            None => items::set_position(conn, household, list, id, position, stamp)?,
        },
        Change::Edited(fields) => {
            // The category as an id: the item's own unless the edit named another.
            let category = match fields.category {
                Some(name) if item.category.as_ref() != Some(&name) => {
                    Some(categories::by_name(conn, household, &name)?.ok_or_else(|| {
                        Error::invalid(format!("there is no category called `{name}`"))
                    })?)
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
            items::edit(conn, household, list, id, &edit, stamp)?
        }
    };
    Ok(Done {
        replaced,
        ..Done::applied(vec![written])
    })
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
    stamp: Stamp,
) -> Result<Batch> {
    lists::get(conn, household, list)?;
    conn.execute_batch("SAVEPOINT apply_ops")?;
    match run_ops(conn, household, list, ops, stamp) {
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
    stamp: Stamp,
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
            add(conn, household, list, op, stamp, &mut open)
        } else {
            change(conn, household, list, op, stamp)
        };
        let done = match step {
            Ok(done) => done,
            Err(e) => {
                refused.push(refusal_of(index, e)?);
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
            refused: done.refused,
            merged: done.merged,
            replaced: done.replaced,
        };
        let text = serde_json::to_string(&stored).map_err(|e| Error::Internal(e.to_string()))?;
        conn.prepare_cached(
            "INSERT INTO applied_ops (list_id, op_id, result, applied_ms) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![list, op.op_id, text, stamp.at_ms])?;
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
#[path = "sync_tests.rs"]
mod tests;
