//! Tests of the list's activity and of undo, over `db::items`.

use rusqlite::Connection;

use crate::db::activity::*;
use crate::db::items::{self, ItemEdit};
use crate::db::undo::undo;
use crate::domain::units::Unit;
use crate::error::Error;

use crate::db::items::NewItem;
use crate::db::{households, users};

fn new(name: &str, quantity: Option<f64>) -> NewItem {
    NewItem {
        name: name.into(),
        quantity,
        unit: None,
        note: None,
        product: None,
    }
}

fn kinds(entries: &[Entry]) -> Vec<(Kind, &str, bool)> {
    entries
        .iter()
        .map(|e| (e.kind, e.name.as_str(), e.undoable))
        .collect()
}

#[test]
fn every_change_is_recorded_with_who_and_the_newest_can_be_undone() {
    let (conn, h, l) = crate::db::test_list();
    let anna = users::create(&conn, h, "anna", "x", users::Role::Member, 0).unwrap();
    let at = |ms| Stamp::new(anna, ms);
    let (_, added) = items::add(&conn, h, l, &[new("milk", Some(1.0))], at(1)).unwrap();
    let milk = added[0].id;
    items::add(&conn, h, l, &[new("milk", Some(2.0))], at(2)).unwrap();
    items::set_checked(&conn, h, l, milk, true, at(3)).unwrap();
    let entries = for_list(&conn, h, l, 4, 50).unwrap();
    assert_eq!(
        kinds(&entries),
        [
            (Kind::Check, "milk", true),
            (Kind::Add, "milk", false),
            (Kind::Add, "milk", false)
        ]
    );
    assert_eq!(entries[0].by.as_deref(), Some("anna"));

    // Only the item's latest change can be undone; undoing it is recorded in turn.
    let refused = undo(&conn, h, l, entries[1].id, at(5)).unwrap_err();
    assert!(refused.to_string().contains("changed since"), "{refused}");
    let item = undo(&conn, h, l, entries[0].id, at(5)).unwrap();
    assert!(!item.checked);
    // The merged add comes next: undoing it puts the quantity back to 1.
    let entries = for_list(&conn, h, l, 6, 50).unwrap();
    assert_eq!(entries[0].kind, Kind::Uncheck);
    assert!(entries[1].undone && !entries[1].undoable);
    undo(&conn, h, l, entries[0].id, at(6)).unwrap();
    let again = undo(&conn, h, l, entries[0].id, at(7)).unwrap_err();
    assert!(again.to_string().contains("already undone"), "{again}");
}

#[test]
fn undo_reverses_each_kind_of_change() {
    let (conn, h, l) = crate::db::test_list();
    let at = Stamp::system;
    let latest = |conn: &Connection| for_list(conn, h, l, 100, 1).unwrap()[0].id;
    let (_, added) = items::add(&conn, h, l, &[new("tea", Some(1.0))], at(1)).unwrap();
    let tea = added[0].id;
    items::add(&conn, h, l, &[new("tea", Some(2.0))], at(2)).unwrap();
    assert_eq!(
        undo(&conn, h, l, latest(&conn), at(3)).unwrap().quantity,
        Some(1.0)
    );

    let mut edit = ItemEdit {
        name: "green tea".into(),
        quantity: Some(5.0),
        unit: Some(Unit::Box),
        note: Some("loose".into()),
        category: None,
    };
    items::edit(&conn, h, l, tea, &edit, at(4)).unwrap();
    let back = undo(&conn, h, l, latest(&conn), at(5)).unwrap();
    assert_eq!(
        (back.name.as_str(), back.quantity, back.unit),
        ("tea", Some(1.0), None)
    );

    items::delete(&conn, h, l, tea, at(6)).unwrap();
    assert!(!undo(&conn, h, l, latest(&conn), at(7)).unwrap().deleted);
    // Undoing that restore deletes it again; undoing a fresh add deletes it too.
    assert!(undo(&conn, h, l, latest(&conn), at(8)).unwrap().deleted);
    let (_, jam) = items::add(&conn, h, l, &[new("jam", None)], at(9)).unwrap();
    assert!(undo(&conn, h, l, latest(&conn), at(10)).unwrap().deleted);
    assert!(items::for_list(&conn, h, l).unwrap().is_empty(), "{jam:?}");

    // Too old to undo.
    edit.name = "coffee".into();
    let (_, coffee) = items::add(&conn, h, l, &[new("coffee", None)], at(11)).unwrap();
    items::set_checked(&conn, h, l, coffee[0].id, true, at(12)).unwrap();
    let late = 12 + UNDO_WINDOW_MS + 1;
    assert!(!for_list(&conn, h, l, late, 1).unwrap()[0].undoable);
    let refused = undo(&conn, h, l, latest(&conn), at(late)).unwrap_err();
    assert!(refused.to_string().contains("24 hours"), "{refused}");
}

#[test]
fn another_households_history_is_not_found() {
    let (conn, h, l) = crate::db::test_list();
    let other = households::create(&conn, "Other", 0).unwrap();
    items::add(&conn, h, l, &[new("milk", None)], Stamp::system(1)).unwrap();
    let entry = for_list(&conn, h, l, 2, 1).unwrap()[0].id;
    assert!(matches!(
        for_list(&conn, other, l, 2, 10),
        Err(Error::NotFound)
    ));
    assert!(matches!(
        undo(&conn, other, l, entry, Stamp::system(2)),
        Err(Error::NotFound)
    ));
}

#[test]
fn check_offs_remember_the_lists_store_at_the_time() {
    let (conn, h, l) = crate::db::test_list();
    let store = crate::db::stores::create(&conn, h, "Market").unwrap();
    crate::db::lists::set_store(&conn, h, l, Some(store), 0).unwrap();
    let (_, added) = items::add(
        &conn,
        h,
        l,
        &[new("milk", None), new("bread", None)],
        Stamp::system(1),
    )
    .unwrap();
    items::set_checked(&conn, h, l, added[1].id, true, Stamp::system(2)).unwrap();
    items::set_checked(&conn, h, l, added[0].id, true, Stamp::system(3)).unwrap();
    let walk = store_checks(&conn, store, 100).unwrap();
    let names: Vec<&str> = walk.iter().map(|(_, _, k)| k.as_str()).collect();
    assert_eq!(names, ["bread", "milk"]);
    assert_eq!(purge(&conn, 3 + RETENTION_MS + 1).unwrap(), 4);
}

mod due_again {
    use std::collections::HashSet;

    use super::*;
    use crate::db::rhythms;
    use crate::domain::rhythm::DAY_MS;

    /// Buys `name` on `list` at each of `days` (adds it, checks it off, clears it).
    fn buy(
        conn: &Connection,
        h: crate::ids::HouseholdId,
        l: crate::ids::ListId,
        name: &str,
        days: &[i64],
    ) -> Vec<i64> {
        let mut entries = Vec::new();
        for day in days {
            let at = Stamp::system(day * DAY_MS);
            let (_, added) = items::add(conn, h, l, &[new(name, None)], at).unwrap();
            items::set_checked(conn, h, l, added[0].id, true, at).unwrap();
            entries.push(for_list(conn, h, l, day * DAY_MS, 1).unwrap()[0].id);
            items::clear_checked(conn, h, l, at).unwrap();
        }
        entries
    }

    fn due_names(conn: &Connection, h: crate::ids::HouseholdId, day: i64) -> Vec<String> {
        rhythms::due(conn, h, day * DAY_MS, &HashSet::new(), 10)
            .unwrap()
            .into_iter()
            .map(|d| d.name)
            .collect()
    }

    #[test]
    fn weekly_milk_comes_due_and_not_now_puts_it_off() {
        let (conn, h, l) = crate::db::test_list();
        buy(&conn, h, l, "Milk", &[0, 7, 14, 21, 28]);
        buy(&conn, h, l, "candles", &[3, 200]);
        assert!(due_names(&conn, h, 30).is_empty(), "not due two days after");
        assert_eq!(due_names(&conn, h, 35), ["Milk"]);
        let due = rhythms::due(&conn, h, 36 * DAY_MS, &HashSet::new(), 10).unwrap();
        assert_eq!(due[0].why, "every ~7 days, last bought 8 days ago");
        // Already on the list: not suggested.
        let open: HashSet<String> = ["milk".to_string()].into();
        assert!(
            rhythms::due(&conn, h, 35 * DAY_MS, &open, 10)
                .unwrap()
                .is_empty()
        );
        // Not now: put off for half its interval.
        rhythms::dismiss(&conn, h, "milk", 35 * DAY_MS).unwrap();
        assert!(due_names(&conn, h, 37).is_empty());
        assert_eq!(due_names(&conn, h, 39), ["Milk"]);
        let refused = rhythms::dismiss(&conn, h, "candles", 35 * DAY_MS).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("not something you buy regularly")
        );
        // Given up long ago: not suggested.
        assert!(due_names(&conn, h, 80).is_empty());
    }

    #[test]
    fn a_check_off_taken_back_by_an_uncheck_soon_after_is_no_purchase() {
        let (conn, h, l) = crate::db::test_list();
        buy(&conn, h, l, "milk", &[0, 7, 14, 21]);
        assert_eq!(due_names(&conn, h, 28), ["milk"]);
        // A slip at home on day 26: checked, unchecked a minute later.
        let (_, added) = items::add(
            &conn,
            h,
            l,
            &[new("milk", None)],
            Stamp::system(26 * DAY_MS),
        )
        .unwrap();
        let slip = Stamp::system(26 * DAY_MS);
        items::set_checked(&conn, h, l, added[0].id, true, slip).unwrap();
        let a_minute_later = Stamp::system(26 * DAY_MS + 60_000);
        items::set_checked(&conn, h, l, added[0].id, false, a_minute_later).unwrap();
        assert_eq!(due_names(&conn, h, 28), ["milk"], "still due");
        let entries = for_list(&conn, h, l, 26 * DAY_MS + 60_000, 2).unwrap();
        assert!(entries[1].undone, "the slip shows as undone in the history");
        // Unchecked days later (the list used again): the purchase stands.
        items::set_checked(&conn, h, l, added[0].id, true, Stamp::system(28 * DAY_MS)).unwrap();
        items::set_checked(&conn, h, l, added[0].id, false, Stamp::system(31 * DAY_MS)).unwrap();
        assert!(due_names(&conn, h, 30).is_empty(), "bought on day 28");
    }

    #[test]
    fn an_undone_check_off_is_no_purchase() {
        let (conn, h, l) = crate::db::test_list();
        buy(&conn, h, l, "coffee", &[0, 30, 60]);
        let at = Stamp::system(90 * DAY_MS);
        let (_, added) = items::add(&conn, h, l, &[new("coffee", None)], at).unwrap();
        items::set_checked(&conn, h, l, added[0].id, true, at).unwrap();
        assert_eq!(
            due_names(&conn, h, 119),
            ["coffee"],
            "four purchases: a rhythm"
        );
        let check = for_list(&conn, h, l, 90 * DAY_MS, 1).unwrap()[0].id;
        undo(&conn, h, l, check, at).unwrap();
        assert!(due_names(&conn, h, 89).is_empty(), "three purchases: none");
    }
}
