use super::*;
use crate::db::{categories, items, lists, prices, products};
use crate::domain::item::from_text;
use crate::domain::price::ValidPrice;

#[test]
fn export_then_import_round_trips() {
    let conn = crate::db::test_conn();
    let a = households::create(&conn, "A", 0).unwrap();
    let l = lists::create(&conn, a, "Weekly", 0).unwrap();
    let milk = products::create_manual(&conn, a, "milk", Some("Cow"), None, 0).unwrap();
    products::set_saved(&conn, a, milk, true).unwrap();
    items::add(
        &conn,
        a,
        l,
        &from_text("2 cups milk, 1 loaf bread (sliced)").unwrap(),
        crate::db::activity::Stamp::system(1),
    )
    .unwrap();
    let s = stores::create(&conn, a, "Market").unwrap();
    let price = ValidPrice {
        amount_minor: 129,
        currency: "EUR".into(),
        place: None,
        pack_size: Some("1 l".into()),
        date: "2026-01-02".into(),
    };
    prices::add(&conn, a, milk, Some(s), &price, 0).unwrap();
    let order = categories::ordered(&conn, a, Some(s)).unwrap();
    crate::db::aisle::move_category(&conn, a, s, order[3].id, -1).unwrap();
    lists::set_store(&conn, a, l, Some(s), 2).unwrap();
    categories::remember(&conn, a, "oat milk", order[1].id).unwrap();
    crate::db::templates::save(&conn, a, l, "Weekly", 3).unwrap();
    crate::db::aisle::set_locked(&conn, a, s, true).unwrap();
    use crate::db::security_log::{Entry, Event, record};
    let failed = Entry::new(Event::Login, Some(a), None, "anna")
        .method("password")
        .from("192.0.2.7")
        .failed();
    record(&conn, &failed, 4).unwrap();
    let mut before = export(&conn, a, 5).unwrap();
    assert!(before.security_log.is_empty(), "an admin's export adds it");
    before.security_log = security_log(&conn, a).unwrap();
    assert_eq!(before.products.len(), 1);
    assert_eq!(before.security_log.len(), 1);
    assert_eq!(before.security_log[0].address.as_deref(), Some("192.0.2.7"));
    assert_eq!(before.templates[0].items.len(), 2);
    assert_eq!(
        before.stores[0].placed_by_hand.as_deref(),
        Some(&[order[3].name.clone()][..]),
        "the category moved up, not its neighbour"
    );
    assert!(before.stores[0].locked);
    assert_eq!(before.lists[0].items[0].product, Some(0));

    let b = households::create(&conn, "B", 0).unwrap();
    let got = import(&conn, b, &before, 6).unwrap();
    assert_eq!(
        got,
        Imported {
            lists: 1,
            items: 2,
            stores: 1,
            products: 1,
            prices: 1,
            products_kept: 0,
            templates: 1,
            security_log: 1,
            renamed: vec![],
        }
    );
    let after = export(&conn, b, 5).unwrap();
    assert_eq!(
        Export {
            household: "A".into(),
            security_log: security_log(&conn, b).unwrap(),
            ..after
        },
        before
    );
    let brought = crate::db::security_log::for_household(&conn, b, None, 10).unwrap();
    assert!(brought[0].imported, "marked as brought by an import");
    // The source is untouched and a second import adds, never replaces, and says so.
    let again = import(&conn, b, &before, 7).unwrap();
    // The product has no barcode: a new one again.
    assert_eq!(
        (again.lists, again.products, again.products_kept),
        (1, 1, 0)
    );
    assert_eq!(
        again.renamed,
        vec![
            Renamed {
                kind: "store",
                from: "Market".into(),
                to: "Market (2)".into()
            },
            Renamed {
                kind: "list",
                from: "Weekly".into(),
                to: "Weekly (2)".into()
            },
            Renamed {
                kind: "template",
                from: "Weekly".into(),
                to: "Weekly (2)".into()
            },
        ]
    );
    let summary = again.summary();
    assert!(
        summary
            .starts_with("Imported 1 list with 2 items, 1 store, and 1 new product with 1 price."),
        "{summary}"
    );
    assert!(
        summary.contains("A list “Weekly” already existed; the imported one is “Weekly (2)”."),
        "{summary}"
    );
    assert!(
        summary.contains("A store “Market” already existed; the imported one is “Market (2)”."),
        "{summary}"
    );
    assert!(
        summary.contains(" 1 list template came along."),
        "{summary}"
    );
    let twice = export(&conn, b, 5).unwrap();
    assert_eq!(twice.lists.len(), 2);
    assert_eq!(twice.stores[1].name, "Market (2)");
}

#[test]
fn a_bad_document_is_refused() {
    let conn = crate::db::test_conn();
    let a = households::create(&conn, "A", 0).unwrap();
    let mut doc = export(&conn, a, 0).unwrap();
    doc.format = "other".into();
    assert!(import(&conn, a, &doc, 0).is_err());
    let mut doc = export(&conn, a, 0).unwrap();
    doc.lists.push(ExList {
        name: "x".into(),
        archived: false,
        store: None,
        items: vec![ExItem {
            name: "milk".into(),
            quantity: Some(-1.0),
            unit: None,
            note: None,
            category: None,
            checked: false,
            position: 0,
            product: None,
        }],
    });
    let err = import(&conn, a, &doc, 0).unwrap_err().to_string();
    assert!(err.contains("list 1 (“x”), item 1 (“milk”)"), "{err}");
}

#[test]
fn a_version_1_document_still_imports() {
    let conn = crate::db::test_conn();
    let a = households::create(&conn, "A", 0).unwrap();
    let v1 = r#"{"format":"aisle-household","version":1,"exported_ms":1,"household":"Old",
        "categories":[{"name":"Produce","position":0}],"stores":[],
        "lists":[{"name":"L","archived":false,"store":null,"items":[{"name":"apples",
        "quantity":3.0,"unit":null,"note":null,"category":"Produce","checked":false,"position":0}]}],
        "history":[{"name":"apples","uses":2,"last_used_ms":5}],"corrections":[],
        "products":[],"prices":[]}"#;
    let doc: Export = serde_json::from_str(v1).unwrap();
    let got = import(&conn, a, &doc, 0).unwrap();
    assert_eq!((got.lists, got.items), (1, 1));
}

#[test]
fn export_reads_a_count_pushed_past_sqlites_integers() {
    let conn = crate::db::test_conn();
    let a = households::create(&conn, "A", 0).unwrap();
    conn.execute(
        "INSERT INTO item_history (household_id, name_key, name, uses, last_used_ms)
         VALUES (?1, 'milk', 'milk', 9223372036854775807, 0)",
        [a],
    )
    .unwrap();
    crate::db::history::record(&conn, a, "milk", 1).unwrap();
    let doc = export(&conn, a, 0).unwrap();
    assert_eq!(doc.history[0].uses, check::MAX_USES);
    let b = households::create(&conn, "B", 0).unwrap();
    import(&conn, b, &doc, 0).unwrap();
    import(&conn, b, &doc, 0).unwrap();
    assert_eq!(
        export(&conn, b, 0).unwrap().history[0].uses,
        check::MAX_USES
    );
}

#[test]
fn text_from_providers_is_exported_as_an_import_accepts_it() {
    assert_eq!(clean("Milk\n 1 l".into(), 200), "Milk 1 l");
    assert_eq!(clean("x".repeat(300), 200).chars().count(), 200);
    assert_eq!(clean("fine".into(), 200), "fine");
}

#[test]
fn the_currency_comes_only_with_prices() {
    let conn = crate::db::test_conn();
    let a = households::create(&conn, "A", 0).unwrap();
    prices::set_household_currency(&conn, a, "EUR").unwrap();
    let milk = products::create_manual(&conn, a, "milk", None, None, 0).unwrap();
    let mut doc = export(&conn, a, 0).unwrap();
    assert!(doc.products[0].prices.is_empty());
    // A household without prices keeps its currency when the file brings none.
    let b = households::create(&conn, "B", 0).unwrap();
    prices::set_household_currency(&conn, b, "GBP").unwrap();
    import(&conn, b, &doc, 0).unwrap();
    assert_eq!(prices::household_currency(&conn, b).unwrap(), "GBP");
    // With prices, it takes the file's.
    let price = ValidPrice {
        amount_minor: 99,
        currency: "EUR".into(),
        place: None,
        pack_size: None,
        date: "2026-01-02".into(),
    };
    prices::add(&conn, a, milk, None, &price, 0).unwrap();
    doc = export(&conn, a, 0).unwrap();
    import(&conn, b, &doc, 0).unwrap();
    assert_eq!(prices::household_currency(&conn, b).unwrap(), "EUR");
}

#[test]
fn names_that_tidy_to_the_same_are_told_apart() {
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        distinct(names(&["Market", "Market", "Market (2)", "Shop"])),
        names(&["Market", "Market (3)", "Market (2)", "Shop"])
    );
    let long = "x".repeat(crate::domain::text::MAX_NAME_CHARS);
    let got = distinct(vec![long.clone(), long.clone()]);
    assert_eq!(got[1].chars().count(), crate::domain::text::MAX_NAME_CHARS);
    assert!(got[1].ends_with(" (2)") && got[0] == long);
}

#[test]
fn a_store_order_from_before_version_3_counts_as_placed_by_hand_throughout() {
    let conn = crate::db::test_conn();
    let a = households::create(&conn, "A", 0).unwrap();
    stores::create(&conn, a, "Market").unwrap();
    let mut doc = export(&conn, a, 5).unwrap();
    doc.version = 2;
    doc.stores[0].placed_by_hand = None;
    doc.templates.clear();
    let b = households::create(&conn, "B", 0).unwrap();
    import(&conn, b, &doc, 6).unwrap();
    let again = export(&conn, b, 7).unwrap();
    assert_eq!(
        again.stores[0].placed_by_hand.as_ref().unwrap(),
        &again.stores[0].order
    );
    // A template must hold something.
    doc.templates = vec![crate::db::export::doc::ExTemplate {
        name: "Empty".into(),
        items: Vec::new(),
    }];
    let refused = import(&conn, b, &doc, 8).unwrap_err();
    assert!(
        refused.to_string().contains("at least one item"),
        "{refused}"
    );
    doc.templates.clear();
    // A category placed by hand must be in the order.
    doc.stores[0].placed_by_hand = Some(vec!["Nowhere".into()]);
    let refused = import(&conn, b, &doc, 8).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("placed by hand but not in its order"),
        "{refused}"
    );
}
