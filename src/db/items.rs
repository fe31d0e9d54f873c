//! Items on a list. Deleting leaves a tombstone (`deleted = 1`) so phones can sync it and
//! the user can undo.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::db::activity::{self, Before, Change, Kind, Stamp};
use crate::db::{aisle, categories, history, lists, positions, products, stores};
use crate::domain::category::name_key;
use crate::domain::merge::{Mergeable, Merged, OpenItems, Tracked};
use crate::domain::ops::conflict::Fields;
use crate::domain::text;
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, ItemId, ListId, ProductId};

#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Item {
    pub id: ItemId,
    #[serde(skip)]
    pub list_id: ListId,
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
    pub category: Option<String>,
    #[serde(skip)]
    pub category_id: Option<CategoryId>,
    pub checked: bool,
    pub position: i64,
    pub version: i64,
    pub deleted: bool,
    /// The catalogue product this item is, if linked (absent otherwise, keeping the
    /// DESIGN's Item shape for plain items).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<ProductId>,
    /// `/images/{id}`: the product's picture, served by aisle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl<'a> From<&'a Item> for Tracked<'a> {
    fn from(item: &'a Item) -> Self {
        Tracked {
            id: item.id,
            name: &item.name,
            open: !item.checked && !item.deleted,
            fields: Mergeable {
                quantity: item.quantity,
                unit: item.unit.clone(),
                note: item.note.clone(),
            },
        }
    }
}

pub use crate::domain::item::NewItem;

/// New values for an item's fields (all validated by the caller).
pub type ItemEdit = Fields<CategoryId>;

const ITEM_SELECT: &str =
    "SELECT i.id, i.list_id, i.name, i.quantity, i.unit, i.note, c.name, i.category_id,
        i.checked, i.position, i.version, i.deleted, i.product_id, p.image_id
 FROM items i JOIN lists l ON l.id = i.list_id LEFT JOIN categories c ON c.id = i.category_id
 LEFT JOIN products p ON p.id = i.product_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Item> {
    Ok(Item {
        id: r.get(0)?,
        list_id: r.get(1)?,
        name: r.get(2)?,
        quantity: r.get(3)?,
        unit: r.get(4)?,
        note: r.get(5)?,
        category: r.get(6)?,
        category_id: r.get(7)?,
        checked: r.get(8)?,
        position: r.get(9)?,
        version: r.get(10)?,
        deleted: r.get(11)?,
        product_id: r.get(12)?,
        image: r.get::<_, Option<i64>>(13)?.map(|i| format!("/images/{i}")),
    })
}

fn for_list_sql() -> String {
    format!(
        "{ITEM_SELECT} WHERE i.list_id = ?1 AND l.household_id = ?2 AND i.deleted = 0
         ORDER BY i.position, i.id"
    )
}

/// The live (not deleted) items of a household's list, in list order.
pub fn for_list(conn: &Connection, household: HouseholdId, list: ListId) -> Result<Vec<Item>> {
    Ok(conn
        .prepare_cached(&for_list_sql())?
        .query_map(params![list, household], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// One item of a household's list, tombstones included.
pub fn get(conn: &Connection, household: HouseholdId, list: ListId, id: ItemId) -> Result<Item> {
    conn.prepare_cached(&format!(
        "{ITEM_SELECT} WHERE i.id = ?1 AND i.list_id = ?2 AND l.household_id = ?3"
    ))?
    .query_row(params![id, list, household], from_row)
    .optional()?
    .ok_or(Error::NotFound)
}

/// Adds items to a list. An item whose name already stands unchecked on the list with the
/// same unit is merged into it (`domain::merge`). Returns the new list version and the
/// added or merged items.
pub fn add(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    new: &[NewItem],
    stamp: Stamp,
) -> Result<(i64, Vec<Item>)> {
    let added = add_merging(conn, household, list, new, stamp, &mut None)?;
    Ok((added.version, added.items))
}

/// What an add did: the list's new version, the items it added or merged into (as they
/// are now), and each merge, to tell the user.
#[derive(Debug)]
pub struct Added {
    pub version: i64,
    pub items: Vec<Item>,
    pub merged: Vec<Merged>,
}

/// [`add`] with the list's open items kept between calls: read at the first (`open` is
/// `None`) and kept up to date here, so a batch of ops reads them once, not once per add op.
pub fn add_merging(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    new: &[NewItem],
    stamp: Stamp,
    open: &mut Option<OpenItems>,
) -> Result<Added> {
    let now = stamp.at_ms;
    // The version first: it fails with `NotFound` for another household's list.
    let version = lists::bump_version(conn, household, list, now)?;
    let open = match open {
        Some(open) => open,
        None => open.insert(open_items(conn, list)?),
    };
    let mut next_position = positions::next(conn, list, new.len(), version, now)?;
    let mut touched = Vec::with_capacity(new.len());
    let mut merged = Vec::new();
    // Items this add created: a repeat within one batch ("eggs, eggs") is not news.
    let mut created = Vec::new();
    for item in new {
        let unit = item.unit.map(|u| u.as_str());
        let id = if let Some((id, fields)) = open.target(&item.name, item.quantity, unit) {
            let before = before_of(&get(conn, household, list, id)?);
            let merge = fields.merge(&item.name, item.quantity, unit, item.note.as_deref())?;
            if !created.contains(&id) {
                merged.push(merge);
            }
            conn.prepare_cached(
                "UPDATE items SET quantity = ?1, unit = ?2, note = ?3, version = ?4, updated_ms = ?5
                 WHERE id = ?6",
            )?
            .execute(params![fields.quantity, fields.unit, fields.note, version, now, id])?;
            let merged_into = get(conn, household, list, id)?;
            log(
                conn,
                household,
                &merged_into,
                Kind::Add,
                Some(&before),
                stamp,
            )?;
            id
        } else {
            let category = categories::resolve(conn, household, &item.name)?;
            let product = match item.product {
                Some(p) => Some(p),
                None => products::by_name(conn, household, &item.name)?,
            };
            conn.prepare_cached(
                "INSERT INTO items (list_id, name, quantity, unit, note, category_id, position,
                                    version, created_ms, updated_ms, product_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
            )?
            .execute(params![
                list,
                item.name,
                item.quantity,
                unit,
                item.note,
                category,
                next_position,
                version,
                now,
                product
            ])?;
            next_position += 1;
            let id = ItemId(conn.last_insert_rowid());
            let fields = Mergeable {
                quantity: item.quantity,
                unit: unit.map(str::to_string),
                note: item.note.clone(),
            };
            open.insert(id, &item.name, fields);
            created.push(id);
            let new = get(conn, household, list, id)?;
            log(conn, household, &new, Kind::Add, None, stamp)?;
            id
        };
        history::record(conn, household, &item.name, now)?;
        if !touched.contains(&id) {
            touched.push(id);
        }
    }
    place_by_walk(conn, household, list, &created, version, now)?;
    let items = touched
        .iter()
        .map(|id| get(conn, household, list, *id))
        .collect::<Result<_>>()?;
    Ok(Added {
        version,
        items,
        merged,
    })
}

/// Puts items just added where the household meets them on its walk through the list's
/// store: among the open items of their category, in the order learned from its trips
/// (`db::aisle::learned`). Items the walks taught nothing about stay where they were put
/// (last). A list without a store is left alone.
fn place_by_walk(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    created: &[ItemId],
    version: i64,
    now: i64,
) -> Result<()> {
    let Some(store) = lists::get(conn, household, list)?.store_id else {
        return Ok(());
    };
    if created.is_empty() || stores::get(conn, household, store)?.order_locked {
        return Ok(());
    }
    let learned = aisle::learned(conn, store)?;
    if learned.items.is_empty() {
        return Ok(());
    }
    // Read once: where each item goes depends only on which items the walks met before it.
    let open: Vec<Item> = for_list(conn, household, list)?
        .into_iter()
        .filter(|i| !i.checked)
        .collect();
    let rank_in = |item: &Item| -> Option<usize> {
        let walked = learned.items.get(&item.category_id?)?;
        walked.iter().position(|k| *k == name_key(&item.name))
    };
    // In walking order, so each goes after one already in its place.
    let mut placing: Vec<(&Item, usize)> = open
        .iter()
        .filter(|i| created.contains(&i.id))
        .filter_map(|i| rank_in(i).map(|r| (i, r)))
        .collect();
    placing.sort_by_key(|(_, r)| *r);
    for (item, mine) in placing {
        let neighbours: Vec<(ItemId, usize)> = open
            .iter()
            .filter(|o| o.id != item.id && o.category_id == item.category_id)
            .filter_map(|o| rank_in(o).map(|r| (o.id, r)))
            .collect();
        if neighbours.is_empty() {
            continue;
        }
        // Right after the one the walk meets just before it; first in its category when it
        // comes first.
        let anchor = neighbours
            .iter()
            .filter(|(_, r)| *r < mine)
            .max_by_key(|(_, r)| *r)
            .map(|(id, _)| *id);
        positions::place_after(conn, list, item.id, anchor, version, now)?;
    }
    Ok(())
}

/// Reads the open items of `list` for merging (the caller has checked the list is the
/// household's).
fn open_items(conn: &Connection, list: ListId) -> Result<OpenItems> {
    let mut open = OpenItems::default();
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, quantity, unit, note FROM items
         WHERE list_id = ?1 AND checked = 0 AND deleted = 0",
    )?;
    let mut rows = stmt.query([list])?;
    while let Some(r) = rows.next()? {
        let fields = Mergeable {
            quantity: r.get(2)?,
            unit: r.get(3)?,
            note: r.get(4)?,
        };
        open.insert(r.get(0)?, &r.get::<_, String>(1)?, fields);
    }
    Ok(open)
}

/// Adds one of the household's catalogue products to a list, as an item linked to it.
pub fn add_product(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    product: ProductId,
    stamp: Stamp,
) -> Result<(i64, Vec<Item>)> {
    let item = NewItem {
        name: products::get(conn, household, product)?.name,
        quantity: None,
        unit: None,
        note: None,
        product: Some(product),
    };
    add(conn, household, list, &[item], stamp)
}

/// Records what was done to `item` (as it is now) in its list's activity.
fn log(
    conn: &Connection,
    household: HouseholdId,
    item: &Item,
    kind: Kind,
    before: Option<&Before>,
    stamp: Stamp,
) -> Result<()> {
    let change = Change {
        list: item.list_id,
        item: item.id,
        name: &item.name,
        category: item.category_id,
        kind,
        before,
    };
    activity::record(conn, household, change, stamp)
}

/// The fields of `item` an undo writes back.
fn before_of(item: &Item) -> Before {
    Before {
        name: item.name.clone(),
        quantity: item.quantity,
        unit: item.unit.clone(),
        note: item.note.clone(),
        category: item.category_id,
    }
}

/// Sets `column` of one live item after bumping the list version; `NotFound` when the
/// item is not on the household's list (the whole transaction then rolls back).
fn set_column(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    id: ItemId,
    stamp: Stamp,
    column: &'static str,
    value: &dyn rusqlite::ToSql,
) -> Result<Item> {
    let version = lists::bump_version(conn, household, list, stamp.at_ms)?;
    super::touched(
        conn.prepare_cached(&format!(
            "UPDATE items SET {column} = ?1, version = ?2, updated_ms = ?3
             WHERE id = ?4 AND list_id = ?5 AND deleted = 0"
        ))?
        .execute(params![value, version, stamp.at_ms, id, list])?,
    )?;
    get(conn, household, list, id)
}

pub fn set_checked(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    id: ItemId,
    checked: bool,
    stamp: Stamp,
) -> Result<Item> {
    let item = set_column(conn, household, list, id, stamp, "checked", &checked)?;
    let kind = if checked { Kind::Check } else { Kind::Uncheck };
    log(conn, household, &item, kind, None, stamp)?;
    if !checked {
        activity::take_back_check(conn, household, id)?;
    }
    Ok(item)
}

/// Deletes (tombstones) an item; `restore` undoes it.
pub fn delete(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    id: ItemId,
    stamp: Stamp,
) -> Result<Item> {
    let item = set_column(conn, household, list, id, stamp, "deleted", &true)?;
    log(conn, household, &item, Kind::Delete, None, stamp)?;
    Ok(item)
}

/// Brings deleted items back (undo). Ids not deleted or not on the list are ignored.
pub fn restore(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    ids: &[ItemId],
    stamp: Stamp,
) -> Result<Vec<ItemId>> {
    let version = lists::bump_version(conn, household, list, stamp.at_ms)?;
    let mut restored = Vec::new();
    let mut stmt = conn.prepare_cached(
        "UPDATE items SET deleted = 0, version = ?1, updated_ms = ?2
         WHERE id = ?3 AND list_id = ?4 AND deleted = 1",
    )?;
    for id in ids {
        if stmt.execute(params![version, stamp.at_ms, id, list])? > 0 {
            let item = get(conn, household, list, *id)?;
            log(conn, household, &item, Kind::Restore, None, stamp)?;
            restored.push(*id);
        }
    }
    Ok(restored)
}

/// Deletes every checked item; returns their ids (for undo).
pub fn clear_checked(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    stamp: Stamp,
) -> Result<Vec<ItemId>> {
    let version = lists::bump_version(conn, household, list, stamp.at_ms)?;
    let cleared: Vec<ItemId> = conn
        .prepare_cached(
            "UPDATE items SET deleted = 1, version = ?1, updated_ms = ?2
             WHERE list_id = ?3 AND checked = 1 AND deleted = 0 RETURNING id",
        )?
        .query_map(params![version, stamp.at_ms, list], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &cleared {
        let item = get(conn, household, list, *id)?;
        log(conn, household, &item, Kind::Delete, None, stamp)?;
    }
    Ok(cleared)
}

/// Moves an item to a new position (a sort key within its category), a whole number from
/// 0 to [`crate::domain::text::MAX_POSITION`].
pub fn set_position(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    id: ItemId,
    position: i64,
    stamp: Stamp,
) -> Result<Item> {
    let position = text::position(position)?;
    set_column(conn, household, list, id, stamp, "position", &position)
}

/// Moves an item right after `anchor` in the list's order (first when `None`); the list
/// is renumbered around it.
pub fn move_after(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    id: ItemId,
    anchor: Option<ItemId>,
    stamp: Stamp,
) -> Result<Item> {
    let version = lists::bump_version(conn, household, list, stamp.at_ms)?;
    positions::place_after(conn, list, id, anchor, version, stamp.at_ms)?;
    get(conn, household, list, id)
}

/// Every item of the list changed after `since` (tombstones included), oldest change first.
pub fn changed_since(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    since: i64,
) -> Result<Vec<Item>> {
    Ok(conn
        .prepare_cached(&format!(
            "{ITEM_SELECT} WHERE i.list_id = ?1 AND l.household_id = ?2 AND i.version > ?3
             ORDER BY i.version, i.id"
        ))?
        .query_map(params![list, household, since], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// Edits an item. Moving it to another category is remembered for that name.
pub fn edit(
    conn: &Connection,
    household: HouseholdId,
    list: ListId,
    id: ItemId,
    edit: &ItemEdit,
    stamp: Stamp,
) -> Result<Item> {
    let before = get(conn, household, list, id)?;
    if before.deleted {
        return Err(Error::NotFound);
    }
    if let Some(category) = edit.category {
        categories::get(conn, household, category)?;
        if before.category_id != Some(category) {
            categories::remember(conn, household, &edit.name, category)?;
        }
    }
    let now = stamp.at_ms;
    let version = lists::bump_version(conn, household, list, now)?;
    conn.execute(
        "UPDATE items SET name = ?1, quantity = ?2, unit = ?3, note = ?4, category_id = ?5,
                version = ?6, updated_ms = ?7 WHERE id = ?8",
        params![
            edit.name,
            edit.quantity,
            edit.unit.map(|u| u.as_str()),
            edit.note,
            edit.category,
            version,
            now,
            id
        ],
    )?;
    let item = get(conn, household, list, id)?;
    log(
        conn,
        household,
        &item,
        Kind::Edit,
        Some(&before_of(&before)),
        stamp,
    )?;
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::households;
    use crate::domain::units::Unit;

    #[test]
    fn live_items_come_in_list_order_from_the_index_without_a_sort() {
        let (conn, h, l) = crate::db::test_list();
        let names = ["milk", "bread", "eggs", "tea"].map(|n| new(n, None, None));
        let (_, added) = add(&conn, h, l, &names, Stamp::system(1)).unwrap();
        // Two items on one position: the older one first.
        conn.execute("UPDATE items SET position = 0 WHERE id = ?1", [added[2].id])
            .unwrap();
        delete(&conn, h, l, added[1].id, Stamp::system(2)).unwrap();
        let shown: Vec<_> = for_list(&conn, h, l)
            .unwrap()
            .into_iter()
            .map(|i| i.name)
            .collect();
        assert_eq!(shown, ["milk", "eggs", "tea"]);

        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {}", for_list_sql()))
            .unwrap()
            .query_map(params![l, h], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("items_list_position"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }

    fn new(name: &str, q: Option<f64>, unit: Option<Unit>) -> NewItem {
        NewItem {
            name: name.into(),
            quantity: q,
            unit,
            note: None,
            product: None,
        }
    }

    #[test]
    fn add_merges_unchecked_items_with_the_same_unit() {
        let (conn, h, l) = crate::db::test_list();
        let (v1, first) = add(
            &conn,
            h,
            l,
            &[new("Eggs", Some(6.0), None)],
            Stamp::system(1),
        )
        .unwrap();
        let (v2, merged) = add(
            &conn,
            h,
            l,
            &[new("eggs", Some(6.0), None)],
            Stamp::system(2),
        )
        .unwrap();
        assert!(v2 > v1);
        assert_eq!(merged[0].id, first[0].id);
        assert_eq!(merged[0].quantity, Some(12.0));
        assert_eq!(merged[0].category.as_deref(), Some("Dairy & Eggs"));
        // Different unit: a new item.
        let (_, other) = add(
            &conn,
            h,
            l,
            &[new("eggs", Some(1.0), Some(Unit::Box))],
            Stamp::system(3),
        )
        .unwrap();
        assert_ne!(other[0].id, first[0].id);
        // Checked items are not merged into.
        set_checked(&conn, h, l, first[0].id, true, Stamp::system(4)).unwrap();
        let (_, again) = add(
            &conn,
            h,
            l,
            &[new("eggs", Some(2.0), None)],
            Stamp::system(5),
        )
        .unwrap();
        assert_ne!(again[0].id, first[0].id);
        assert_eq!(for_list(&conn, h, l).unwrap().len(), 3);
    }

    #[test]
    fn other_households_cannot_touch_items() {
        let (conn, h, l) = crate::db::test_list();
        let o = households::create(&conn, "O", 0).unwrap();
        let (_, items) = add(&conn, h, l, &[new("milk", None, None)], Stamp::system(1)).unwrap();
        for refused in [
            add(&conn, o, l, &[new("x", None, None)], Stamp::system(1)).map(drop),
            set_checked(&conn, o, l, items[0].id, true, Stamp::system(1)).map(drop),
            get(&conn, o, l, items[0].id).map(drop),
        ] {
            assert!(matches!(refused, Err(Error::NotFound)), "{refused:?}");
        }
        assert!(for_list(&conn, o, l).unwrap().is_empty());
    }

    #[test]
    fn delete_restore_and_clear_checked() {
        let (conn, h, l) = crate::db::test_list();
        let (_, items) = add(
            &conn,
            h,
            l,
            &[new("milk", None, None), new("bread", None, None)],
            Stamp::system(1),
        )
        .unwrap();
        delete(&conn, h, l, items[0].id, Stamp::system(2)).unwrap();
        assert_eq!(for_list(&conn, h, l).unwrap().len(), 1);
        assert_eq!(
            restore(&conn, h, l, &[items[0].id], Stamp::system(3)).unwrap(),
            vec![items[0].id]
        );
        set_checked(&conn, h, l, items[1].id, true, Stamp::system(4)).unwrap();
        assert_eq!(
            clear_checked(&conn, h, l, Stamp::system(5)).unwrap(),
            vec![items[1].id]
        );
        assert_eq!(for_list(&conn, h, l).unwrap().len(), 1);
        // A deleted item cannot be checked.
        assert!(matches!(
            set_checked(&conn, h, l, items[1].id, false, Stamp::system(6)),
            Err(Error::NotFound)
        ));
    }
}
