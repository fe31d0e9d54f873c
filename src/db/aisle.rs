//! A store's aisle order as lists are sorted by it: what the household placed by hand where
//! it did, what aisle learned from the household's walks through the store elsewhere
//! (`domain::walk`), the household's default order for the rest. A locked order is kept
//! exactly as it was when locked.

use rusqlite::{Connection, params};

use crate::db::categories::{self, Category};
use crate::db::{activity, stores};
use crate::domain::walk::{self, CheckOff, Learned, Origin};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, StoreId};

/// How many of a store's newest check-offs its order is learned from: some twenty trips,
/// and older trips weigh next to nothing (`walk::DECAY`).
const WALK_CHECKS: i64 = 600;

/// A store's effective order.
#[derive(Debug, Clone)]
pub struct AisleOrder {
    /// Every category of the household once, first aisle first, with where its place comes
    /// from.
    pub categories: Vec<(Category, Origin)>,
    /// The usable trips the order was learned from (0 when locked or without a store).
    pub trips: usize,
    pub locked: bool,
}

impl AisleOrder {
    /// The categories alone, in order.
    pub fn into_categories(self) -> Vec<Category> {
        self.categories.into_iter().map(|(c, _)| c).collect()
    }
}

/// The order lists with `store` are sorted in; the household's default order without one.
pub fn order(
    conn: &Connection,
    household: HouseholdId,
    store: Option<StoreId>,
) -> Result<AisleOrder> {
    let Some(store) = store else {
        let categories = categories::ordered(conn, household, None)?;
        return Ok(AisleOrder {
            categories: categories
                .into_iter()
                .map(|c| (c, Origin::Default))
                .collect(),
            trips: 0,
            locked: false,
        });
    };
    let locked = stores::get(conn, household, store)?.order_locked;
    let stored = stored(conn, household, store)?;
    let origin = |by_hand: bool| {
        if by_hand {
            Origin::Hand
        } else {
            Origin::Default
        }
    };
    if locked {
        return Ok(AisleOrder {
            categories: stored.into_iter().map(|(c, h)| (c, origin(h))).collect(),
            trips: 0,
            locked,
        });
    }
    let learned = walk::learn_categories(&checks(conn, store)?);
    let slots: Vec<(CategoryId, bool)> = stored.iter().map(|(c, h)| (c.id, *h)).collect();
    let mut by_id: Vec<Option<Category>> = stored.into_iter().map(|(c, _)| Some(c)).collect();
    let categories = walk::merge(&slots, &learned)
        .into_iter()
        .filter_map(|(id, origin)| {
            let at = slots.iter().position(|(c, _)| *c == id)?;
            Some((by_id[at].take()?, origin))
        })
        .collect();
    Ok(AisleOrder {
        categories,
        trips: learned.trips,
        locked,
    })
}

/// What the household's walks through `store` taught: its categories' order and, within
/// each, its items' order.
pub fn learned(conn: &Connection, store: StoreId) -> Result<Learned<CategoryId>> {
    Ok(walk::learn(&checks(conn, store)?))
}

/// The store's newest check-offs, oldest first.
fn checks(conn: &Connection, store: StoreId) -> Result<Vec<CheckOff<CategoryId>>> {
    Ok(activity::store_checks(conn, store, WALK_CHECKS)?
        .into_iter()
        .map(|(at_ms, category, item)| CheckOff {
            at_ms,
            category,
            item,
        })
        .collect())
}

/// The store's stored order, each category with whether the household placed it by hand.
fn stored(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
) -> Result<Vec<(Category, bool)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.name, c.builtin, coalesce(sc.by_hand, 0) FROM categories c
             LEFT JOIN store_categories sc ON sc.category_id = c.id AND sc.store_id = ?2
             WHERE c.household_id = ?1
             ORDER BY sc.position IS NULL, sc.position, c.position",
        )?
        .query_map(params![household, store], |r| {
            Ok((super::categories::from_row(r)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn category_ids(order: &AisleOrder) -> Vec<CategoryId> {
    order.categories.iter().map(|(c, _)| c.id).collect()
}

/// Moves a category one place up (`-1`) or down (`+1`) in the store's order as shown; the
/// category counts as placed by hand from then on.
pub fn move_category(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
    category: CategoryId,
    delta: i64,
) -> Result<()> {
    let mut ids = category_ids(&order(conn, household, Some(store))?);
    let Some(at) = ids.iter().position(|c| *c == category) else {
        return Err(Error::NotFound);
    };
    let to = at as i64 + delta;
    if to < 0 || to >= ids.len() as i64 {
        return Ok(());
    }
    ids.swap(at, to as usize);
    write(conn, store, &ids, &[category])
}

/// Sets a store's whole aisle order at once: `ids` must name each of the household's
/// categories exactly once (the order a page showed, rearranged). The categories the
/// household `moved` (when not said, the fewest that explain the change: `walk::moved`)
/// count as placed by hand from then on.
pub fn set_order(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
    ids: &[CategoryId],
    moved: Option<&[CategoryId]>,
) -> Result<()> {
    let shown = category_ids(&order(conn, household, Some(store))?);
    let mut have = shown.clone();
    let mut given = ids.to_vec();
    have.sort_unstable_by_key(|id| id.0);
    given.sort_unstable_by_key(|id| id.0);
    if have != given {
        return Err(Error::invalid(
            "the order must name each of the household's categories once; \
             reload the page to see the categories as they are now",
        ));
    }
    let moved = match moved {
        Some(moved) if moved.iter().all(|m| ids.contains(m)) => moved.to_vec(),
        Some(_) => {
            return Err(Error::invalid(
                "`moved` must name categories of the order; reload the page and try again",
            ));
        }
        None => walk::moved(&shown, ids),
    };
    write(conn, store, ids, &moved)
}

/// Locks the store's order as it is shown now (learning no longer changes it), or unlocks
/// it (learning goes on from the household's walks, old ones included).
pub fn set_locked(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
    locked: bool,
) -> Result<()> {
    let shown = order(conn, household, Some(store))?;
    if locked && !shown.locked {
        write(conn, store, &category_ids(&shown), &[])?;
    }
    conn.execute(
        "UPDATE stores SET order_locked = ?1 WHERE id = ?2",
        params![locked, store],
    )?;
    Ok(())
}

/// Forgets what the household placed by hand in the store's order: learning places every
/// category it knows again.
pub fn forget_hand_placements(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
) -> Result<()> {
    stores::get(conn, household, store)?;
    conn.execute(
        "UPDATE store_categories SET by_hand = 0 WHERE store_id = ?1",
        [store],
    )?;
    Ok(())
}

/// Stores `ids` as the store's order, marking `by_hand` as placed by hand (other marks stay).
fn write(
    conn: &Connection,
    store: StoreId,
    ids: &[CategoryId],
    by_hand: &[CategoryId],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO store_categories (store_id, category_id, position, by_hand)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (store_id, category_id)
         DO UPDATE SET position = excluded.position, by_hand = by_hand OR excluded.by_hand",
    )?;
    for (position, id) in ids.iter().enumerate() {
        stmt.execute(params![store, id, position as i64, by_hand.contains(id)])?;
    }
    Ok(())
}
