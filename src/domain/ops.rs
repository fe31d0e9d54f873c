//! Sync ops as phones send them, and their validation. Applying them is `db::sync`.

use serde::{Deserialize, Deserializer};

use crate::domain::text::{self, Invalid};
use crate::domain::units::Unit;

/// Most ops accepted in one batch.
pub const MAX_OPS_PER_BATCH: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// A category name of the household, e.g. "Dairy & Eggs".
    pub category: Option<String>,
    pub position: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Op {
    pub op_id: String,
    pub kind: OpKind,
    #[serde(default)]
    pub item_id: Option<ItemRef>,
    #[serde(default)]
    pub fields: OpFields,
}

/// The validated new values of an edit op (outer `None`: leave the field alone).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EditFields {
    pub name: Option<String>,
    pub quantity: Option<Option<f64>>,
    pub unit: Option<Option<Unit>>,
    pub note: Option<Option<String>>,
    pub category: Option<String>,
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
            OpKind::Edit if self.edit_fields()? == EditFields::default() => {
                return Err(Invalid(
                    "an edit op needs at least one of name, quantity, unit, note, category".into(),
                ));
            }
            OpKind::Move if self.fields.position.is_none() => {
                return Err(Invalid("a move op needs fields.position".into()));
            }
            _ => {}
        }
        if let Some(ItemRef::Op(r)) = &self.item_id
            && !r.starts_with("op:")
        {
            return Err(Invalid(format!(
                "item_id `{r}` is neither an item id nor `op:<op_id>`"
            )));
        }
        Ok(())
    }

    /// The validated fields of an edit.
    pub fn edit_fields(&self) -> Result<EditFields, Invalid> {
        let f = &self.fields;
        Ok(EditFields {
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
                .map(|u| {
                    u.as_deref()
                        .filter(|s| !s.is_empty())
                        .map(|s| {
                            Unit::from_canonical(s)
                                .ok_or_else(|| Invalid(format!("`{s}` is not a unit aisle knows")))
                        })
                        .transpose()
                })
                .transpose()?,
            note: f
                .note
                .as_ref()
                .map(|n| match n {
                    Some(n) => text::note(n),
                    None => Ok(None),
                })
                .transpose()?,
            category: f.category.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(json: &str) -> Op {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn shapes() {
        assert!(
            op(r#"{"op_id":"a","kind":"add","fields":{"text":"milk"}}"#)
                .validate()
                .is_ok()
        );
        assert!(
            op(r#"{"op_id":"a","kind":"add","fields":{}}"#)
                .validate()
                .is_err()
        );
        assert!(op(r#"{"op_id":"a","kind":"check"}"#).validate().is_err());
        assert!(
            op(r#"{"op_id":"a","kind":"check","item_id":3}"#)
                .validate()
                .is_ok()
        );
        assert!(
            op(r#"{"op_id":"a","kind":"check","item_id":"op:b"}"#)
                .validate()
                .is_ok()
        );
        assert!(
            op(r#"{"op_id":"a","kind":"check","item_id":"b"}"#)
                .validate()
                .is_err()
        );
        assert!(
            op(r#"{"op_id":"","kind":"check","item_id":3}"#)
                .validate()
                .is_err()
        );
        assert!(
            op(r#"{"op_id":"a","kind":"move","item_id":3}"#)
                .validate()
                .is_err()
        );
        assert!(
            op(r#"{"op_id":"a","kind":"edit","item_id":3}"#)
                .validate()
                .is_err()
        );
        assert!(serde_json::from_str::<Op>(r#"{"op_id":"a","kind":"fly","item_id":3}"#).is_err());
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
}
