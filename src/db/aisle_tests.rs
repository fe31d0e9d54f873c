//! Tests of a store's aisle order: set by hand, learned from walks, locked.

use rusqlite::Connection;

use crate::db::activity::Stamp;
use crate::db::aisle::*;
use crate::db::{categories, households, items, lists, stores};
use crate::domain::item::from_text;
use crate::domain::walk::Origin;
use crate::error::Error;
use crate::ids::{CategoryId, HouseholdId};

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
    set_order(&conn, h, s, &reversed, None).unwrap();
    assert_eq!(ids(Some(s)), reversed);
    assert_eq!(ids(None), before, "the default order is untouched");
    // One missing, one twice, one from nowhere: refused, nothing changed.
    let mut twice = reversed.clone();
    twice[0] = twice[1];
    let mut stranger = reversed.clone();
    stranger[0] = CategoryId(9_999);
    for bad in [&reversed[1..], &twice[..], &stranger[..]] {
        assert!(matches!(
            set_order(&conn, h, s, bad, None),
            Err(Error::Invalid(_))
        ));
        assert_eq!(ids(Some(s)), reversed);
    }
    // `moved` must name categories of the order.
    assert!(matches!(
        set_order(&conn, h, s, &reversed, Some(&[CategoryId(9_999)])),
        Err(Error::Invalid(_))
    ));
    // Another household's store is not found.
    let other = households::create(&conn, "O", 0).unwrap();
    assert!(matches!(
        set_order(&conn, other, s, &reversed, None),
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
fn shop(conn: &Connection, h: HouseholdId, list: crate::ids::ListId, names: &str, start_ms: i64) {
    let at = Stamp::system;
    let (_, added) = items::add(conn, h, list, &from_text(names).unwrap(), at(start_ms)).unwrap();
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
    set_order(&conn, h, s, &wanted, Some(&[produce])).unwrap();
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

#[test]
fn items_added_later_go_where_the_walk_meets_them_within_their_category() {
    let (conn, h, l) = crate::db::test_list();
    let s = stores::create(&conn, h, "Market").unwrap();
    lists::set_store(&conn, h, l, Some(s), 0).unwrap();
    for day in 1..=3 {
        shop(
            &conn,
            h,
            l,
            "carrots, apples, bananas, bread, milk",
            day * DAY,
        );
    }
    let next = lists::create(&conn, h, "Next", 0).unwrap();
    lists::set_store(&conn, h, next, Some(s), 0).unwrap();
    let at = Stamp::system(4 * DAY);
    items::add(&conn, h, next, &from_text("bananas, milk").unwrap(), at).unwrap();
    items::add(&conn, h, next, &from_text("apples, pears").unwrap(), at).unwrap();
    items::add(&conn, h, next, &from_text("carrots").unwrap(), at).unwrap();
    let produce: Vec<String> = items::for_list(&conn, h, next)
        .unwrap()
        .into_iter()
        .filter(|i| i.category.as_deref() == Some("Produce"))
        .map(|i| i.name)
        .collect();
    // Pears were never walked: they keep their place after the others.
    assert_eq!(produce, ["carrots", "apples", "bananas", "pears"]);
    // Many at once, in any order (a template, a pasted list): walking order too.
    let pasted = lists::create(&conn, h, "Pasted", 0).unwrap();
    lists::set_store(&conn, h, pasted, Some(s), 0).unwrap();
    items::add(
        &conn,
        h,
        pasted,
        &from_text("bananas, apples, carrots").unwrap(),
        at,
    )
    .unwrap();
    let names: Vec<String> = items::for_list(&conn, h, pasted)
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(names, ["carrots", "apples", "bananas"]);
    // A list without a store keeps the order things were added in.
    let plain = lists::create(&conn, h, "Plain", 0).unwrap();
    items::add(
        &conn,
        h,
        plain,
        &from_text("bananas, apples, carrots").unwrap(),
        at,
    )
    .unwrap();
    let names: Vec<String> = items::for_list(&conn, h, plain)
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(names, ["bananas", "apples", "carrots"]);
}

#[test]
fn a_stores_walks_are_read_from_their_index_alone() {
    // Read on every page of a list with a store: no visit to the activity table per row.
    let (conn, _) = crate::db::test_household();
    let plan: String = conn
        .query_row(
            &format!(
                "EXPLAIN QUERY PLAN {}",
                crate::db::activity::STORE_CHECKS_SQL
            ),
            rusqlite::params![1, 600],
            |r| r.get(3),
        )
        .unwrap();
    assert!(
        plan.contains("COVERING INDEX activity_store_walks"),
        "{plan}"
    );
}
