//! List templates ("Weekly", "Party"): a list's items saved under a name, added to any list
//! in one tap, merged with what is there.

use rusqlite::{Connection, OptionalExtension, params};

use crate::db::activity::Stamp;
use crate::db::items::{self, Added, NewItem};
use crate::db::lists;
use crate::domain::units::Unit;
use crate::error::{Error, Result};
use crate::ids::{HouseholdId, ListId, TemplateId};

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Template {
    pub id: TemplateId,
    pub name: String,
    /// The names of its items, in list order.
    pub items: Vec<String>,
}

/// Saves the live items of `list` (checked or not) as the template `name`; a template of
/// that name is replaced. Returns its id and whether it replaced one.
pub fn save(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    name: &str,
    now: i64,
) -> Result<(TemplateId, bool)> {
    lists::get(conn, household, list)?;
    let items = items::for_list(conn, household, list)?;
    if items.is_empty() {
        return Err(Error::invalid(
            "the list is empty; add the items the template should hold first",
        ));
    }
    let old: Option<TemplateId> = conn
        .prepare_cached("SELECT id FROM templates WHERE household_id = ?1 AND name = ?2")?
        .query_row(params![household, name], |r| r.get(0))
        .optional()?;
    let id = match old {
        Some(id) => {
            conn.execute("DELETE FROM template_items WHERE template_id = ?1", [id])?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO templates (household_id, name, created_ms) VALUES (?1, ?2, ?3)",
                params![household, name, now],
            )?;
            TemplateId(conn.last_insert_rowid())
        }
    };
    let mut stmt = conn.prepare_cached(
        "INSERT INTO template_items (template_id, position, name, quantity, unit, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, item) in items.iter().enumerate() {
        stmt.execute(params![
            id,
            position as i64,
            item.name,
            item.quantity,
            item.unit,
            item.note
        ])?;
    }
    Ok((id, old.is_some()))
}

/// The household's templates, by name.
pub fn all(conn: &Connection, household: HouseholdId) -> Result<Vec<Template>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.name, ti.name FROM templates t
         JOIN template_items ti ON ti.template_id = t.id
         WHERE t.household_id = ?1 ORDER BY t.name, t.id, ti.position",
    )?;
    let mut rows = stmt.query([household])?;
    let mut found: Vec<Template> = Vec::new();
    while let Some(row) = rows.next()? {
        let id: TemplateId = row.get(0)?;
        let item: String = row.get(2)?;
        match found.last_mut() {
            Some(t) if t.id == id => t.items.push(item),
            _ => found.push(Template {
                id,
                name: row.get(1)?,
                items: vec![item],
            }),
        }
    }
    Ok(found)
}

/// Adds the template's items to `list`, merged with what stands open there
/// (`items::add_merging`).
pub fn add_to_list(
    conn: &Connection,
    household: HouseholdId,
    template: TemplateId,
    list: ListId,
    stamp: Stamp,
) -> Result<Added> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM templates WHERE id = ?1 AND household_id = ?2")?
        .query_row(params![template, household], |r| r.get(0))
        .optional()?;
    found.ok_or(Error::NotFound)?;
    lists::get(conn, household, list)?;
    let new: Vec<NewItem> = conn
        .prepare_cached(
            "SELECT name, quantity, unit, note FROM template_items
             WHERE template_id = ?1 ORDER BY position",
        )?
        .query_map([template], |r| {
            Ok(NewItem {
                name: r.get(0)?,
                quantity: r.get(1)?,
                unit: r
                    .get::<_, Option<String>>(2)?
                    .as_deref()
                    .and_then(Unit::from_canonical),
                note: r.get(3)?,
                product: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    items::add_merging(conn, household, list, &new, stamp, &mut None)
}

pub fn delete(conn: &Connection, household: HouseholdId, id: TemplateId) -> Result<()> {
    super::touched(conn.execute(
        "DELETE FROM templates WHERE id = ?1 AND household_id = ?2",
        params![id, household],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::households;
    use crate::domain::item::from_text;

    #[test]
    fn a_list_saved_as_a_template_is_added_to_another_merged_with_what_is_there() {
        let (conn, h, weekly) = crate::db::test_list();
        let at = Stamp::system;
        items::add(
            &conn,
            h,
            weekly,
            &from_text("2 l milk, bread (rye), 6 eggs").unwrap(),
            at(1),
        )
        .unwrap();
        let (id, replaced) = save(&conn, h, weekly, "Weekly", 2).unwrap();
        assert!(!replaced);
        assert_eq!(all(&conn, h).unwrap()[0].items, ["milk", "bread", "eggs"]);

        let next = lists::create(&conn, h, "Next week", 3).unwrap();
        items::add(&conn, h, next, &from_text("1 l milk, tea").unwrap(), at(4)).unwrap();
        let added = add_to_list(&conn, h, id, next, at(5)).unwrap();
        assert_eq!(added.merged.len(), 1, "milk merged: {:?}", added.merged);
        let now: Vec<(String, Option<f64>, Option<String>)> = items::for_list(&conn, h, next)
            .unwrap()
            .into_iter()
            .map(|i| (i.name, i.quantity, i.note))
            .collect();
        assert_eq!(
            now,
            [
                ("milk".into(), Some(3.0), None),
                ("tea".into(), None, None),
                ("bread".into(), None, Some("rye".into())),
                ("eggs".into(), Some(6.0), None),
            ]
        );

        // Saving under the same name replaces it; an empty list cannot be saved.
        let (again, replaced) = save(&conn, h, next, "Weekly", 6).unwrap();
        assert_eq!((again, replaced), (id, true));
        assert_eq!(all(&conn, h).unwrap()[0].items.len(), 4);
        let empty = lists::create(&conn, h, "Empty", 7).unwrap();
        assert!(matches!(
            save(&conn, h, empty, "Nothing", 8),
            Err(Error::Invalid(_))
        ));

        // Another household's template or list is not found.
        let other = households::create(&conn, "Other", 0).unwrap();
        let theirs = lists::create(&conn, other, "Theirs", 0).unwrap();
        assert!(matches!(
            add_to_list(&conn, other, id, theirs, at(9)),
            Err(Error::NotFound)
        ));
        assert!(matches!(
            add_to_list(&conn, h, id, theirs, at(9)),
            Err(Error::NotFound)
        ));
        assert!(matches!(delete(&conn, other, id), Err(Error::NotFound)));
        delete(&conn, h, id).unwrap();
        assert!(all(&conn, h).unwrap().is_empty());
    }
}
