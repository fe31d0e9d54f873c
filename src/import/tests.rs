//! Each kind from a sample file written for the test (shapes from the apps' own docs and
//! exports), and bad or hostile files: a clear error or a skipped line, never a panic.

use super::*;

fn items(c: &Converted) -> Vec<String> {
    c.doc
        .lists
        .iter()
        .flat_map(|l| {
            l.items.iter().map(move |i| {
                let amount = crate::domain::units::amount(i.quantity, i.unit.as_deref());
                format!(
                    "{}: {}{}{}{}",
                    l.name,
                    if amount.is_empty() {
                        String::new()
                    } else {
                        format!("{amount} ")
                    },
                    i.name,
                    i.note
                        .as_deref()
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default(),
                    i.category
                        .as_deref()
                        .map(|c| format!(" [{c}]"))
                        .unwrap_or_default(),
                )
            })
        })
        .collect()
}

fn history(c: &Converted) -> Vec<(String, i64)> {
    let mut h: Vec<_> = c
        .doc
        .history
        .iter()
        .map(|h| (h.name.clone(), h.uses))
        .collect();
    h.sort();
    h
}

#[test]
fn a_pasted_list_is_read_as_the_add_box_reads_it() {
    let c = convert(
        Kind::Text,
        "2 cups milk, 1 loaf bread\n\n- eggs x6\n0 rice\n".as_bytes(),
        "Pasted",
    )
    .unwrap();
    assert_eq!(
        items(&c),
        [
            "Pasted: 2 cups milk [Dairy & Eggs]",
            "Pasted: 1 loaf bread [Bakery]",
            "Pasted: 6 eggs [Dairy & Eggs]"
        ]
    );
    assert_eq!(c.skipped.len(), 1);
    assert_eq!(c.skipped[0].what, "0 rice");
    assert!(c.skipped[0].why.contains("more than 0"), "{:?}", c.skipped);
    assert_eq!(c.doc.history.len(), 3);
}

#[test]
fn a_spreadsheet_is_read_by_its_header_in_any_order() {
    let csv = "Item;Qty;Unit;Notes;Aisle;List;Done\n\
               Milk;2;l;organic;Dairy;Weekly;\n\
               Bread;;;;Bakery;Weekly;x\n\
               \"Tea; green\";1;box;;;Party;no\n\
               Rice;lots;kg;;;Weekly;\n\
               Eggs;12;;;;;\n";
    let c = convert(Kind::Csv, csv.as_bytes(), "Sheet").unwrap();
    assert_eq!(
        items(&c),
        [
            "Weekly: 2 l Milk (organic) [Dairy]",
            "Party: 1 box Tea; green [Produce]",
            "Sheet: 12 Eggs [Dairy & Eggs]"
        ]
    );
    // Done rows are history only; a bad quantity is skipped, saying why.
    assert!(history(&c).contains(&("Bread".to_string(), 1)));
    assert_eq!(c.skipped.len(), 1);
    assert_eq!(c.skipped[0].why, "“lots” is not a quantity");
    let categories: Vec<&str> = c.doc.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(categories, ["Dairy"]);
    // Without a header row, the first column is the item as typed.
    let bare = convert(Kind::Csv, "2 l milk,x\n3 eggs,y\n".as_bytes(), "Sheet").unwrap();
    assert_eq!(
        items(&bare),
        [
            "Sheet: 2 l milk [Dairy & Eggs]",
            "Sheet: 3 eggs [Dairy & Eggs]"
        ]
    );
}

#[test]
fn home_assistants_shopping_list_brings_open_items_and_history() {
    let json = r#"[
        {"name": "2 cups milk", "id": "a1b2", "complete": false},
        {"name": "Bread", "id": "c3d4", "complete": true},
        {"name": "bananas (ripe)", "id": "e5f6", "complete": false}
    ]"#;
    let c = convert(Kind::HomeAssistant, json.as_bytes(), ".shopping_list").unwrap();
    assert_eq!(
        items(&c),
        [
            "Shopping list: 2 cups milk [Dairy & Eggs]",
            "Shopping list: bananas (ripe) [Produce]"
        ]
    );
    assert_eq!(history(&c).len(), 3);
    assert!(
        convert(Kind::HomeAssistant, b"{\"items\": []}", "x")
            .unwrap_err()
            .0
            .contains("Home Assistant")
    );
}

#[test]
fn icalendar_to_dos_come_with_notes_categories_and_their_lists_name() {
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Nextcloud Tasks//EN\r\n\
               X-WR-CALNAME:Groceries\r\n\
               BEGIN:VTODO\r\nUID:1\r\nSUMMARY:2 kg potatoes\r\nDESCRIPTION:waxy\\, small\r\n\
               CATEGORIES:Produce,Veg\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\n\
               BEGIN:VTODO\r\nUID:2\r\nSUMMARY:Coffee\r\nSTATUS:COMPLETED\r\n\
               COMPLETED:20261101T100000Z\r\nEND:VTODO\r\n\
               BEGIN:VEVENT\r\nUID:3\r\nSUMMARY:Not a to-do\r\nDTSTART:20261101T100000Z\r\nEND:VEVENT\r\n\
               END:VCALENDAR\r\n";
    let c = convert(Kind::Ical, ics.as_bytes(), "Tasks").unwrap();
    assert_eq!(
        items(&c),
        ["Groceries: 2 kg potatoes (waxy, small) [Produce]"]
    );
    assert!(history(&c).contains(&("Coffee".to_string(), 1)));
    let events = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert!(
        convert(Kind::Ical, events.as_bytes(), "x")
            .unwrap_err()
            .0
            .contains("no to-dos")
    );
    assert!(convert(Kind::Ical, b"BEGIN:VCALENDAR\r\nnonsense", "x").is_err());
}

#[test]
fn a_keep_note_from_takeout_becomes_a_list() {
    let note = r#"{"color": "DEFAULT", "isTrashed": false, "isPinned": false, "isArchived": false,
        "title": "Shopping list", "userEditedTimestampUsec": 1700000000000000,
        "listContent": [
            {"textHtml": "Milk", "text": "Milk", "isChecked": false},
            {"textHtml": "3 apples", "text": "3 apples", "isChecked": false},
            {"textHtml": "Soap", "text": "Soap", "isChecked": true}
        ]}"#;
    let c = convert(Kind::GoogleKeep, note.as_bytes(), "Keep").unwrap();
    assert_eq!(
        items(&c),
        [
            "Shopping list: Milk [Dairy & Eggs]",
            "Shopping list: 3 apples [Produce]"
        ]
    );
    assert!(history(&c).contains(&("Soap".to_string(), 1)));
    let trashed =
        r#"{"title": "x", "isTrashed": true, "listContent": [{"text": "a", "isChecked": false}]}"#;
    assert!(convert(Kind::GoogleKeep, trashed.as_bytes(), "x").is_err());
}

#[test]
fn bad_and_hostile_files_are_refused_or_skipped_plainly() {
    // Not text, not the kind, nothing in it.
    assert!(
        convert(Kind::Text, &[0xff, 0xfe, 0x00], "x")
            .unwrap_err()
            .0
            .contains("not text")
    );
    assert!(convert(Kind::GoogleKeep, b"[1, 2]", "x").is_err());
    assert_eq!(
        convert(Kind::Text, b"\n \n", "x").unwrap_err().0,
        "the file holds no items"
    );
    let all_bad = convert(Kind::Text, b"0 eggs\n()", "x").unwrap_err().0;
    assert!(
        all_bad.starts_with("no line of the file could be read (“0 eggs”"),
        "{all_bad}"
    );
    // Markup is a name like any other (escaped where shown), control characters are not.
    let c = convert(
        Kind::Text,
        "<script>alert</script>\nmilk\u{7}y\n".as_bytes(),
        "x",
    )
    .unwrap();
    assert_eq!(items(&c), ["x: <script>alert</script> [Other]"]);
    assert!(
        c.skipped[0].why.contains("control characters"),
        "{:?}",
        c.skipped
    );
    // A name far too long is skipped, not cut; a list name far too long becomes "Imported".
    let long = format!("{}\nmilk", "a".repeat(300));
    let c = convert(Kind::Text, long.as_bytes(), &"L".repeat(300)).unwrap();
    assert_eq!(items(&c), ["Imported: milk [Dairy & Eggs]"]);
    assert!(c.skipped[0].why.contains("too long"));
    // More items than an import takes: the rest are left out, said once.
    let many = "milk\n".repeat(builder::MAX_ITEMS + 5);
    let c = convert(Kind::Text, many.as_bytes(), "x").unwrap();
    assert_eq!(c.doc.lists[0].items.len(), builder::MAX_ITEMS);
    assert_eq!(c.skipped.len(), 1);
    // Every kind's name, as the CLI and the page take it.
    for kind in [
        "aisle",
        "text",
        "csv",
        "home-assistant",
        "ical",
        "google-keep",
        "grocy",
        "mealie",
        "kitchenowl",
        "tandoor",
    ] {
        assert_eq!(kind.parse::<Kind>().unwrap().to_string(), kind);
    }
}
