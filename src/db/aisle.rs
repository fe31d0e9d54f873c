//! A store's aisle order as lists are sorted by it: what the household placed by hand where
//! it did, what aisle learned from the household's walks through the store elsewhere
//! (`domain::walk`), the household's default order for the rest. A locked order is kept
//! exactly as it was when locked.

use rusqlite::{Connection, params};

use crate::db::categories::{self, Category};
use crate::db::{activity, stores};
use crate::domain::walk::{self, CheckOff, Origin};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, HouseholdId, StoreId};

/// How many of a store's newest check-offs its order is learned from: some twenty trips,
/// and older trips weigh next to nothing (`walk::DECAY`).
const WALK_CHECKS: usize = 600;

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
    let checks: Vec<CheckOff<CategoryId>> = activity::store_checks(conn, store, WALK_CHECKS)?
        .into_iter()
        .map(|(at_ms, category, item)| CheckOff {
            at_ms,
            category,
            item,
        })
        .collect();
    let learned = walk::learn(&checks);
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

/// The store's stored order, each category with whether the household placed it by hand.
fn stored(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
) -> Result<Vec<(Category, bool)>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.name, coalesce(sc.by_hand, 0) FROM categories c
             LEFT JOIN store_categories sc ON sc.category_id = c.id AND sc.store_id = ?2
             WHERE c.household_id = ?1
             ORDER BY sc.position IS NULL, sc.position, c.position",
        )?
        .query_map(params![household, store], |r| {
            Ok((
                Category {
                    id: r.get(0)?,
                    name: r.get(1)?,
                },
                r.get(2)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn category_ids(order: &AisleOrder) -> Vec<CategoryId> {
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
/// household moved (`walk::moved`) count as placed by hand from then on.
pub fn set_order(
    conn: &Connection,
    household: HouseholdId,
    store: StoreId,
    ids: &[CategoryId],
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
    write(conn, store, ids, &walk::moved(&shown, ids))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::activity::Stamp;
    use crate::db::{categories, households, items, lists, stores};
    use crate::domain::item::from_text;

    #[test]
    fn a_whole_order_is_set_at_once_and_must_name_each_category_once() {
        let (conn, h) = crate::db::test_household();
        let s = stores::create(&conn, h, "Corner shop").unwrap();
        let ids = |store| -> Vec<CategoryId> {
            categories::ordered(&conn, h, store)
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect()
        };
        let before = ids(Some(s));
        let mut reversed = before.clone();
        reversed.reverse();
        set_order(&conn, h, s, &reversed).unwrap();
        assert_eq!(ids(Some(s)), reversed);
        assert_eq!(ids(None), before, "the default order is untouched");
        // One missing, one twice, one from nowhere: refused, nothing changed.
        let mut twice = reversed.clone();
        twice[0] = twice[1];
        let mut stranger = reversed.clone();
        stranger[0] = CategoryId(9_999);
        for bad in [&reversed[1..], &twice[..], &stranger[..]] {
            assert!(matches!(
                set_order(&conn, h, s, bad),
                Err(Error::Invalid(_))
            ));
            assert_eq!(ids(Some(s)), reversed);
        }
        // Another household's store is not found.
        let other = households::create(&conn, "O", 0).unwrap();
        assert!(matches!(
            set_order(&conn, other, s, &reversed),
            Err(Error::NotFound)
        ));
    }

    #[test]
    fn a_store_has_its_own_order() {
        let (conn, h) = crate::db::test_household();
        let s = stores::create(&conn, h, "Corner shop").unwrap();
        let before = categories::ordered(&conn, h, Some(s)).unwrap();
        move_category(&conn, h, s, before[1].id, -1).unwrap();
        let after = categories::ordered(&conn, h, Some(s)).unwrap();
        assert_eq!(after[0].id, before[1].id);
        assert_eq!(after[1].id, before[0].id);
        // The household default order is untouched.
        assert_eq!(
            categories::ordered(&conn, h, None).unwrap()[0].id,
            before[0].id
        );
        // Moving the first up is a no-op; another household's store is not found.
        move_category(&conn, h, s, after[0].id, -1).unwrap();
        let other = households::create(&conn, "Other", 0).unwrap();
        assert!(matches!(
            move_category(&conn, other, s, after[0].id, 1),
            Err(Error::NotFound)
        ));
    }

    /// Shops `names` on `list` in that order, starting at `start_ms`, a check-off every 30 s;
    /// then clears them off the list.
    fn shop(
        conn: &Connection,
        h: HouseholdId,
        list: crate::ids::ListId,
        names: &str,
        start_ms: i64,
    ) {
        let at = Stamp::system;
        let (_, added) =
            items::add(conn, h, list, &from_text(names).unwrap(), at(start_ms)).unwrap();
        for (i, item) in added.iter().enumerate() {
            let when = at(start_ms + 30_000 * (i as i64 + 1));
            items::set_checked(conn, h, list, item.id, true, when).unwrap();
        }
        items::clear_checked(conn, h, list, at(start_ms + 3_600_000)).unwrap();
    }

    fn names(order: &AisleOrder) -> Vec<(&str, Origin)> {
        order
            .categories
            .iter()
            .map(|(c, o)| (c.name.as_str(), *o))
            .collect()
    }

    const WALK: &str = "rice, frozen peas, milk, chicken, bread, apples";
    const DAY: i64 = 86_400_000;

    #[test]
    fn the_order_is_learned_from_walks_around_what_was_placed_by_hand() {
        let (conn, h, l) = crate::db::test_list();
        let s = stores::create(&conn, h, "Market").unwrap();
        lists::set_store(&conn, h, l, Some(s), 0).unwrap();
        let default: Vec<String> = categories::ordered(&conn, h, None)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            default[..6],
            [
                "Produce",
                "Bakery",
                "Meat & Fish",
                "Dairy & Eggs",
                "Frozen",
                "Pantry"
            ]
        );
        // Two trips are not enough to learn from.
        shop(&conn, h, l, WALK, DAY);
        shop(&conn, h, l, WALK, 2 * DAY);
        let two = order(&conn, h, Some(s)).unwrap();
        assert_eq!(two.trips, 2);
        assert!(names(&two).iter().all(|(_, o)| *o == Origin::Default));
        // The third trip: the six categories walked come in the walk's order, in their slots.
        shop(&conn, h, l, WALK, 3 * DAY);
        let learned = order(&conn, h, Some(s)).unwrap();
        assert_eq!(learned.trips, 3);
        assert_eq!(
            names(&learned)[..7],
            [
                ("Pantry", Origin::Learned),
                ("Frozen", Origin::Learned),
                ("Dairy & Eggs", Origin::Learned),
                ("Meat & Fish", Origin::Learned),
                ("Bakery", Origin::Learned),
                ("Produce", Origin::Learned),
                (default[6].as_str(), Origin::Default),
            ]
        );
        // The household moves Produce to the top by hand: it stays there, and learning
        // places the rest in the remaining slots.
        let produce = learned.categories[5].0.id;
        let mut wanted = category_ids(&learned);
        wanted.retain(|c| *c != produce);
        wanted.insert(0, produce);
        set_order(&conn, h, s, &wanted).unwrap();
        let placed = order(&conn, h, Some(s)).unwrap();
        assert_eq!(names(&placed)[0], ("Produce", Origin::Hand));
        assert_eq!(names(&placed)[1], ("Pantry", Origin::Learned));
        assert_eq!(names(&placed)[6].0, default[6]);
        // Lock: later walks change nothing; unlock: they count again.
        set_locked(&conn, h, s, true).unwrap();
        let locked = order(&conn, h, Some(s)).unwrap();
        assert!(locked.locked);
        for day in 4..8 {
            shop(
                &conn,
                h,
                l,
                "apples, bread, chicken, milk, frozen peas, rice",
                day * DAY,
            );
        }
        assert_eq!(
            category_ids(&order(&conn, h, Some(s)).unwrap()),
            category_ids(&locked)
        );
        set_locked(&conn, h, s, false).unwrap();
        let relearned = order(&conn, h, Some(s)).unwrap();
        assert_eq!(names(&relearned)[0], ("Produce", Origin::Hand));
        assert_eq!(names(&relearned)[1], ("Bakery", Origin::Learned));
        // Forgetting the hand placements gives learning every slot back.
        forget_hand_placements(&conn, h, s).unwrap();
        assert_eq!(
            names(&order(&conn, h, Some(s)).unwrap())[0],
            ("Produce", Origin::Learned)
        );
    }
}
