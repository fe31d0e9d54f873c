//! Sync ops as phones send them, their validation, and what became of each (its code).
//! The conflict rules are in [`conflict`]; applying ops is `db::sync`.

pub mod conflict;

use serde::{Deserialize, Deserializer, Serialize};

use self::conflict::{Edit, Seen};

use crate::domain::text::{self, Invalid, MAX_ADD_TEXT_CHARS, MAX_ITEMS_PER_ADD};
use crate::domain::units::Unit;
use crate::domain::{Error, item};

/// Most ops accepted in one batch.
pub const MAX_OPS_PER_BATCH: usize = 500;
/// Most items the add ops of one batch may hold together: as many as one add request.
pub const MAX_ITEMS_PER_BATCH: usize = MAX_ITEMS_PER_ADD;
/// Most characters of text the add ops of one batch may hold together: as much as one add
/// request.
pub const MAX_TEXT_CHARS_PER_BATCH: usize = MAX_ADD_TEXT_CHARS;

/// What became of one op of a batch: the `code` of its result (docs/API.md, "Sync").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The op changed the list now.
    Applied,
    /// An earlier request applied this `op_id`; nothing changed now, and the result is
    /// the one first given.
    Duplicate,
    /// The list changed meanwhile and left the op nothing to do (an item deleted
    /// meanwhile, a restore of an item that is not deleted); nothing changed.
    Conflict,
    /// Refused: the op's shape or a value is wrong; the message says what.
    Invalid,
    /// Refused: the item the op names is not on this list (or no earlier op made it).
    NotFound,
    /// In a refused batch: this op was not applied because others were refused. It may
    /// be sent again without them.
    NotApplied,
}

/// One refused op of a batch: its place in the batch (from 0), why, and a plain sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub index: usize,
    pub code: Code,
    pub message: String,
}

impl Refusal {
    pub fn invalid(index: usize, message: impl Into<String>) -> Refusal {
        Refusal {
            index,
            code: Code::Invalid,
            message: message.into(),
        }
    }
}

/// One sentence naming every refused op of `ops` (by its place in the batch, from 1, and
/// its id) and why: a problem's `detail`.
pub fn refusal_detail(ops: &[Op], refusals: &[Refusal]) -> String {
    let named: Vec<String> = refusals
        .iter()
        .map(|r| match ops.get(r.index) {
            Some(op) => format!("op {} (`{}`): {}", r.index + 1, op.op_id, r.message),
            None => format!("op {}: {}", r.index + 1, r.message),
        })
        .collect();
    match named.len() {
        1 => named.concat(),
        n => format!(
            "{n} ops were refused and none of the batch was applied: {}",
            named.join("; ")
        ),
    }
}

/// Checks a whole batch before anything is applied: at most [`MAX_OPS_PER_BATCH`] ops,
/// each valid on its own, and add ops holding together at most
/// [`MAX_TEXT_CHARS_PER_BATCH`] characters and [`MAX_ITEMS_PER_BATCH`] items (the limits
/// of one add request, so a batch costs no more than one). Ops seen before count too: a
/// batch is judged by what it holds, the same way every time it is sent.
///
/// Returns the bad ops, each named with why in batch order (none: the batch may be
/// applied): every one, not only the first, so a phone can drop them all at once.
/// `Error::TooMuch` when the batch holds more than one request may; every op of such a
/// batch is fine on its own, so a phone can split it and send the pieces.
pub fn check_batch(ops: &[Op]) -> Result<Vec<Refusal>, Error> {
    if ops.len() > MAX_OPS_PER_BATCH {
        return Err(Error::TooMuch(format!(
            "{} ops in one batch; send at most {MAX_OPS_PER_BATCH}",
            ops.len()
        )));
    }
    let bad: Vec<Refusal> = ops
        .iter()
        .enumerate()
        .filter_map(|(index, op)| op.validate().err().map(|e| Refusal::invalid(index, e.0)))
        .collect();
    if !bad.is_empty() {
        return Ok(bad);
    }
    let adds = || {
        ops.iter()
            .enumerate()
            .filter(|(_, op)| op.kind == OpKind::Add)
            .map(|(index, op)| (index, op.fields.text.as_deref().unwrap_or("")))
    };
    // Counted before parsing: a flood of text is refused without reading it twice.
    let chars: usize = adds().map(|(_, text)| text.chars().count()).sum();
    if chars > MAX_TEXT_CHARS_PER_BATCH {
        return Err(Error::TooMuch(format!(
            "the add ops of this batch hold {chars} characters of text; a batch may hold at \
             most {MAX_TEXT_CHARS_PER_BATCH} (as much as one add request): send the rest in \
             another batch"
        )));
    }
    let mut items = 0;
    let mut bad = Vec::new();
    for (index, text) in adds() {
        match item::batch_from_text(text) {
            Ok(batch) if batch.items.is_empty() => {
                bad.push(Refusal::invalid(index, batch.refused_reasons()))
            }
            Ok(batch) => items += batch.items.len(),
            Err(e) => bad.push(Refusal::invalid(index, e.0)),
        }
    }
    if !bad.is_empty() {
        return Ok(bad);
    }
    if items > MAX_ITEMS_PER_BATCH {
        return Err(Error::TooMuch(format!(
            "the add ops of this batch hold {items} items; a batch may add at most \
             {MAX_ITEMS_PER_BATCH} items (as many as one add request): send the rest in \
             another batch"
        )));
    }
    Ok(Vec::new())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum OpKind {
    Add,
    Check,
    Uncheck,
    Edit,
    Delete,
    Restore,
    Move,
}

/// Which item an op is about: its id, or `"op:<op_id>"` for the item an earlier add op
/// made (so a phone can add and then check an item while offline).
#[derive(Debug, Clone, PartialEq, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum ItemRef {
    Id(i64),
    Op(String),
}

fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// Fields of an op. For edits, a field that is absent is left alone; `null` clears it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpFields {
    pub text: Option<String>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub quantity: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    pub unit: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub note: Option<Option<String>>,
    /// For an edit: the quantity and unit in one, as typed (`2 l`, `½ cup`; empty clears
    /// both), read by the add box's parser; instead of `quantity` and `unit`.
    pub amount: Option<String>,
    /// A category name of the household, e.g. "Dairy & Eggs".
    pub category: Option<String>,
    pub position: Option<i64>,
    /// For a move instead of `position`: the item to place this one right after, in the
    /// list's order (`null`: first).
    #[serde(default, deserialize_with = "present")]
    pub after: Option<Option<ItemRef>>,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Op {
    pub op_id: String,
    pub kind: OpKind,
    #[serde(default)]
    pub item_id: Option<ItemRef>,
    #[serde(default)]
    pub fields: OpFields,
    /// For an edit: what the phone showed of the fields when it was made, so that the
    /// answer can say what the edit replaced that another phone set meanwhile.
    #[serde(default)]
    pub was: Option<Seen>,
}

impl Op {
    /// Checks the op's shape and values; the message names what is wrong.
    pub fn validate(&self) -> Result<(), Invalid> {
        let id_ok = !self.op_id.is_empty()
            && self.op_id.len() <= 128
            && self.op_id.chars().all(|c| c.is_ascii_graphic());
        if !id_ok {
            return Err(Invalid(
                "op_id must be 1 to 128 visible ASCII characters (e.g. a UUID)".into(),
            ));
        }
        match self.kind {
            OpKind::Add => {
                let text = self.fields.text.as_deref().unwrap_or("");
                text::add_text(text)?;
                if self.item_id.is_some() {
                    return Err(Invalid("an add op takes no item_id".into()));
                }
            }
            _ if self.item_id.is_none() => {
                return Err(Invalid(
                    format!("a {:?} op needs an item_id", self.kind).to_lowercase(),
                ));
            }
            OpKind::Edit if self.edit_fields()? == Edit::default() => {
                return Err(Invalid(
                    "an edit op needs at least one of name, amount, quantity, unit, note, category"
                        .into(),
                ));
            }
            OpKind::Move => match (self.fields.position, &self.fields.after) {
                (None, None) => {
                    return Err(Invalid(
                        "a move op needs fields.position or fields.after".into(),
                    ));
                }
                (Some(_), Some(_)) => {
                    return Err(Invalid(
                        "a move gives either position or after, not both".into(),
                    ));
                }
                (Some(p), None) => {
                    text::position(p)?;
                }
                (None, Some(after)) => check_ref(after.as_ref())?,
            },
            _ => {}
        }
        check_ref(self.item_id.as_ref())
    }

    /// The validated fields of an edit; the category is still a name.
    pub fn edit_fields(&self) -> Result<Edit<String>, Invalid> {
        let f = &self.fields;
        if let Some(line) = f.text.as_deref().filter(|_| self.kind == OpKind::Edit) {
            if f.name.is_some() || f.amount.is_some() || f.quantity.is_some() || f.unit.is_some() {
                return Err(Invalid(
                    "an edit gives either text or name and amount, not both".into(),
                ));
            }
            let read = aisle_parse::pieces::line(line)?;
            let edit = edit_of(f)?;
            return Ok(Edit {
                name: Some(read.name),
                quantity: Some(read.quantity),
                unit: Some(read.unit),
                // A note in the text, `(oat)`, unless the edit gives the note itself.
                note: edit.note.or(read.note.map(Some)),
                ..edit
            });
        }
        if let Some(amount) = &f.amount {
            if f.quantity.is_some() || f.unit.is_some() {
                return Err(Invalid(
                    "an edit gives either amount or quantity and unit, not both".into(),
                ));
            }
            let (quantity, unit) = text::amount_field(amount)?;
            return Ok(Edit {
                quantity: Some(quantity),
                unit: Some(unit),
                ..edit_of(f)?
            });
        }
        edit_of(f)
    }
}

/// An `op:` reference must say so; an item id is any number.
fn check_ref(r: Option<&ItemRef>) -> Result<(), Invalid> {
    match r {
        Some(ItemRef::Op(r)) if !r.starts_with("op:") => Err(Invalid(format!(
            "`{r}` is neither an item id nor `op:<op_id>`"
        ))),
        _ => Ok(()),
    }
}

/// The fields of an edit but its `amount`, validated.
fn edit_of(f: &OpFields) -> Result<Edit<String>, Invalid> {
    Ok(Edit {
        name: f
            .name
            .as_deref()
            .map(|n| text::name("the item name", n))
            .transpose()?,
        quantity: f
            .quantity
            .map(|q| q.map(text::quantity).transpose())
            .transpose()?,
        unit: f
            .unit
            .as_ref()
            .map(|u| match u.as_deref().filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => Unit::from_canonical(s)
                    .map(Some)
                    .ok_or_else(|| Invalid(format!("`{s}` is not a unit aisle knows"))),
            })
            .transpose()?,
        note: f
            .note
            .as_ref()
            .map(|n| n.as_deref().map_or(Ok(None), text::note))
            .transpose()?,
        category: f.category.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(json: &str) -> Op {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn shapes() {
        let valid = [
            (
                r#"{"op_id":"a","kind":"add","fields":{"text":"milk"}}"#,
                true,
            ),
            (r#"{"op_id":"a","kind":"add","fields":{}}"#, false),
            (r#"{"op_id":"a","kind":"check"}"#, false),
            (r#"{"op_id":"a","kind":"check","item_id":3}"#, true),
            (r#"{"op_id":"a","kind":"check","item_id":"op:b"}"#, true),
            (r#"{"op_id":"a","kind":"check","item_id":"b"}"#, false),
            (r#"{"op_id":"","kind":"check","item_id":3}"#, false),
            (r#"{"op_id":"a","kind":"move","item_id":3}"#, false),
            (r#"{"op_id":"a","kind":"edit","item_id":3}"#, false),
        ];
        for (json, ok) in valid {
            assert_eq!(op(json).validate().is_ok(), ok, "{json}");
        }
        let far = op(
            r#"{"op_id":"a","kind":"move","item_id":3,"fields":{"position":9223372036854775807}}"#,
        );
        assert!(far.validate().unwrap_err().0.contains("position"));
        let top = op(r#"{"op_id":"a","kind":"move","item_id":3,"fields":{"position":1000000}}"#);
        assert!(top.validate().is_ok());
        assert!(serde_json::from_str::<Op>(r#"{"op_id":"a","kind":"fly","item_id":3}"#).is_err());
    }

    fn add(op_id: &str, text: &str) -> Op {
        Op {
            op_id: op_id.into(),
            kind: OpKind::Add,
            item_id: None,
            fields: OpFields {
                text: Some(text.into()),
                ..OpFields::default()
            },
            was: None,
        }
    }

    fn too_much(ops: &[Op]) -> String {
        match check_batch(ops) {
            Err(Error::TooMuch(m)) => m,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_batch_adds_at_most_what_one_add_request_may() {
        let names = |n: usize, prefix: &str| {
            (0..n)
                .map(|i| format!("{prefix}{i}x"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        // 100 items over four ops: fine; one more anywhere: too much, saying both numbers.
        let at: Vec<Op> = (0..4)
            .map(|i| add(&format!("a{i}"), &names(25, "n")))
            .collect();
        assert_eq!(check_batch(&at), Ok(vec![]));
        let mut over = at.clone();
        over.push(add("a4", "tea"));
        let m = too_much(&over);
        assert!(m.contains("101 items") && m.contains("at most 100"), "{m}");
        // Other ops do not count towards the items.
        let mut mixed = at.clone();
        mixed.push(op(r#"{"op_id":"c","kind":"check","item_id":3}"#));
        assert_eq!(check_batch(&mixed), Ok(vec![]));
        // Characters: 10,000 over two ops is fine, 10,001 is not (before any parsing).
        let text = |blanks: usize| format!("{}{}", "p".repeat(190), " ".repeat(blanks));
        assert_eq!(
            check_batch(&[add("t1", &text(5_000 - 190)), add("t2", &text(5_000 - 190))]),
            Ok(vec![])
        );
        let m = too_much(&[add("t1", &text(5_000 - 190)), add("t2", &text(5_001 - 190))]);
        assert!(m.contains("10001") && m.contains("at most 10000"), "{m}");
        // One op over the limits is a bad op, named; never "too much" (a phone splitting
        // a big batch must end with ops that pass or are named).
        let one = [add("x", "tea"), add("big", &names(101, "b"))];
        match check_batch(&one) {
            Ok(bad) if !bad.is_empty() => {
                assert_eq!(bad.len(), 1);
                assert_eq!((bad[0].index, bad[0].code), (1, Code::Invalid));
                assert!(
                    refusal_detail(&one, &bad).starts_with("op 2 (`big`): "),
                    "{bad:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        // Ops: 500 is fine, 501 is too much.
        let checks: Vec<Op> = (0..MAX_OPS_PER_BATCH)
            .map(|i| op(&format!(r#"{{"op_id":"c{i}","kind":"check","item_id":3}}"#)))
            .collect();
        assert_eq!(check_batch(&checks), Ok(vec![]));
        let mut more = checks;
        more.push(op(r#"{"op_id":"c","kind":"check","item_id":3}"#));
        assert!(too_much(&more).contains("501 ops"));
    }

    #[test]
    fn every_bad_op_of_a_batch_is_named_with_its_index() {
        let ops = [
            op(r#"{"op_id":"a","kind":"check","item_id":3}"#),
            op(r#"{"op_id":"b","kind":"check"}"#),
            op(r#"{"op_id":"c","kind":"add","fields":{"text":"tea"}}"#),
            op(r#"{"op_id":"d","kind":"move","item_id":3}"#),
        ];
        let Ok(bad) = check_batch(&ops) else {
            panic!("refused")
        };
        let at: Vec<(usize, Code)> = bad.iter().map(|r| (r.index, r.code)).collect();
        assert_eq!(at, [(1, Code::Invalid), (3, Code::Invalid)]);
        assert_eq!(bad[0].message, "a check op needs an item_id");
        let detail = refusal_detail(&ops, &bad);
        assert!(
            detail.starts_with("2 ops were refused")
                && detail.contains("op 2 (`b`): a check op needs an item_id")
                && detail.contains("; op 4 (`d`): "),
            "{detail}"
        );
        // The codes as the API spells them.
        let spelled: Vec<String> = [
            Code::Applied,
            Code::Duplicate,
            Code::Conflict,
            Code::Invalid,
            Code::NotFound,
            Code::NotApplied,
        ]
        .iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect();
        assert_eq!(
            spelled,
            [
                r#""applied""#,
                r#""duplicate""#,
                r#""conflict""#,
                r#""invalid""#,
                r#""not_found""#,
                r#""not_applied""#
            ]
        );
    }

    #[test]
    fn edit_fields_distinguish_absent_from_null() {
        let o =
            op(r#"{"op_id":"a","kind":"edit","item_id":1,"fields":{"quantity":null,"unit":"kg"}}"#);
        let f = o.edit_fields().unwrap();
        assert_eq!(f.quantity, Some(None));
        assert_eq!(f.unit, Some(Some(Unit::Kg)));
        assert_eq!(f.name, None);
        let bad = op(r#"{"op_id":"a","kind":"edit","item_id":1,"fields":{"quantity":-1}}"#);
        assert!(bad.validate().is_err());
    }

    #[test]
    fn an_edits_amount_is_read_as_the_add_box_reads_it() {
        let o = op(
            r#"{"op_id":"a","kind":"edit","item_id":1,"fields":{"amount":"½ cup","name":"oats"}}"#,
        );
        let f = o.edit_fields().unwrap();
        assert_eq!(
            (f.quantity, f.unit),
            (Some(Some(0.5)), Some(Some(Unit::Cup)))
        );
        assert_eq!(f.name.as_deref(), Some("oats"));
        // Empty clears both; a unit-less amount clears the unit.
        let f = op(r#"{"op_id":"a","kind":"edit","item_id":1,"fields":{"amount":""}}"#)
            .edit_fields()
            .unwrap();
        assert_eq!((f.quantity, f.unit), (Some(None), Some(None)));
        let f = op(r#"{"op_id":"a","kind":"edit","item_id":1,"fields":{"amount":"3"}}"#)
            .edit_fields()
            .unwrap();
        assert_eq!((f.quantity, f.unit), (Some(Some(3.0)), Some(None)));
        for bad in [
            r#"{"amount":"lots"}"#,
            r#"{"amount":"0 g"}"#,
            r#"{"amount":"2 l","quantity":2}"#,
            r#"{"amount":"2 l","unit":null}"#,
        ] {
            let o = op(&format!(
                r#"{{"op_id":"a","kind":"edit","item_id":1,"fields":{bad}}}"#
            ));
            assert!(o.validate().is_err(), "{bad}");
        }
    }
}
