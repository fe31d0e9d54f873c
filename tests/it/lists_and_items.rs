//! Lists and items through the pages: create, rename, archive, delete; add (one or many),
//! merge, check, undo, clear, edit; stores and aisle order; autocomplete; escaping.

use crate::common::*;
use serde_json::{Value, json};

fn item<'a>(items: &'a [Value], name: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no item {name:?} in {items:?}"))
}

/// Where `id="item-N"` stands on the page (panics when it is not shown).
fn item_at(html: &str, id: i64) -> usize {
    html.find(&format!(r#"id="item-{id}""#))
        .unwrap_or_else(|| panic!("item {id} is not on the page"))
}

#[test]
fn lists_are_created_renamed_archived_and_deleted_with_confirmation() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly shop");
    let index = alice.get("/");
    assert!(index.body.contains(&format!(r#"href="/lists/{list}""#)));
    assert!(index.body.contains("Weekly shop"));

    let renamed = alice.submit(
        &format!("/lists/{list}/rename"),
        &[("name", "  Big   shop ")],
    );
    assert_eq!(renamed.redirected(), format!("/lists/{list}"));
    let page = alice.get(&format!("/lists/{list}"));
    assert!(page.body.contains("List renamed."), "flash after redirect");
    assert_eq!(
        alice.list_json(list)["name"],
        "Big shop",
        "whitespace tidied"
    );

    let archived = alice.submit(&format!("/lists/{list}/archive"), &[]);
    assert_eq!(archived.redirected(), "/");
    assert_eq!(alice.list_json(list)["archived"], true);
    let page = alice.get(&format!("/lists/{list}"));
    assert!(page.body.contains(&format!("/lists/{list}/unarchive")));
    let unarchived = alice.submit(&format!("/lists/{list}/unarchive"), &[]);
    assert_eq!(unarchived.redirected(), format!("/lists/{list}"));
    assert_eq!(alice.list_json(list)["archived"], false);

    // Deleting asks first; without the confirmation nothing happens.
    alice.add_items(list, "milk, bread");
    let confirm = alice.get(&format!("/lists/{list}/delete"));
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains(r#"name="confirm" value="yes""#));
    assert!(confirm.body.contains("2 items"), "says what goes");
    let before = snapshot(&server);
    let unconfirmed = alice.submit(&format!("/lists/{list}/delete"), &[]);
    assert_refused(&unconfirmed, 422, "delete without confirm");
    let wrong = alice.submit(&format!("/lists/{list}/delete"), &[("confirm", "no")]);
    assert_refused(&wrong, 422, "delete with confirm=no");
    assert_eq!(snapshot(&server), before);

    let deleted = alice.submit(&format!("/lists/{list}/delete"), &[("confirm", "yes")]);
    assert_eq!(deleted.redirected(), "/");
    assert_eq!(alice.get(&format!("/lists/{list}")).status, 404);
    assert_eq!(alice.get(&format!("/api/v1/lists/{list}")).status, 404);
    assert!(
        !alice
            .get("/")
            .body
            .contains(&format!(r#"href="/lists/{list}""#))
    );
    assert_eq!(db_count(&server, "SELECT count(*) FROM items"), 0);
}

#[test]
fn the_seed_text_gives_three_items() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups milk, 1 loaf bread, 3 eggs");
    let items = alice.items(list);
    assert_eq!(items.len(), 3, "{items:?}");
    let milk = item(&items, "milk");
    assert_eq!(milk["quantity"], 2.0);
    assert_eq!(milk["unit"], "cup");
    assert_eq!(milk["category"], "Dairy & Eggs");
    let bread = item(&items, "bread");
    assert_eq!(bread["quantity"], 1.0);
    assert_eq!(bread["unit"], "loaf");
    assert_eq!(bread["category"], "Bakery");
    let eggs = item(&items, "eggs");
    assert_eq!(eggs["quantity"], 3.0);
    assert_eq!(eggs["unit"], Value::Null);
    for i in &items {
        assert_eq!(i["checked"], false);
        assert_eq!(i["deleted"], false);
    }
    let page = alice.get(&format!("/lists/{list}"));
    assert!(page.body.contains("2 cups"), "amount shown");
    assert!(page.body.contains("1 loaf"), "amount shown");
    assert!(page.body.contains(">milk<") && page.body.contains(">eggs<"));
}

#[test]
fn adding_an_item_already_on_the_list_merges_quantities() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 eggs");
    let id = alice.item_id(list, "eggs");
    alice.add_items(list, "3 Eggs");
    alice.add_items(list, "1 egg");
    let items = alice.items(list);
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["id"], id);
    assert_eq!(items[0]["quantity"], 6.0);

    // Another unit is another item; so is a new add after the eggs were checked.
    alice.add_items(list, "1 box eggs");
    assert_eq!(alice.items(list).len(), 2);
    alice.submit(&format!("/lists/{list}/items/{id}/check"), &[]);
    alice.add_items(list, "2 eggs");
    let items = alice.items(list);
    assert_eq!(items.len(), 3, "{items:?}");
    let fresh: Vec<&Value> = items
        .iter()
        .filter(|i| i["name"] == "eggs" && i["checked"] == false && i["unit"].is_null())
        .collect();
    assert_eq!(fresh.len(), 1);
    assert_ne!(fresh[0]["id"], id);
    assert_eq!(fresh[0]["quantity"], 2.0);
}

/// Merging by name (issue 20): whatever the case or a missing amount, and said out loud,
/// through the form, the API and the ops.
/// The text of the page's flash message, if it has one.
fn flash(html: &str) -> Option<String> {
    let at = html.find(r#"<p class="flash"#)?;
    between(&html[at..], ">", "</").map(|m| m.trim().to_string())
}

#[test]
fn an_add_merges_by_name_and_says_what_it_did() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    let path = format!("/lists/{list}/items");
    alice.add_items(list, "3 eggs, milk, 1 loaf bread");
    let flashed = |text: &str| {
        alice.add_items(list, text);
        let page = alice.get(&format!("/lists/{list}")).body;
        flash(&page).unwrap_or_else(|| panic!("no flash after adding {text:?}"))
    };
    assert_eq!(flashed("12 Eggs"), "Eggs: 3 → 15.");
    assert_eq!(flashed("1 l milk"), "milk: now 1 l.");
    assert_eq!(flashed("Bread"), "Bread was already on the list (1 loaf).");
    let items = alice.items(list);
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(item(&items, "eggs")["quantity"], 15.0);
    assert_eq!(item(&items, "milk")["quantity"], 1.0);
    assert_eq!(item(&items, "milk")["unit"], "l");
    assert_eq!(item(&items, "bread")["quantity"], 1.0);

    // Another unit stays apart, and nothing is said.
    alice.add_items(list, "500 ml milk");
    assert_eq!(flash(&alice.get(&format!("/lists/{list}")).body), None);
    assert_eq!(alice.items(list).len(), 4);

    // A partial add says its merges too.
    let r = alice.submit(&path, &[("text", "2 eggs, 0 limes")]);
    assert_eq!(r.status, 200, "{}", r.describe());
    assert!(
        r.message()
            .starts_with("Added 1 item. eggs: 15 → 17. Not added"),
        "{}",
        r.message()
    );

    // The API and the ops answer each merge as {name, from, to} and the amounts as numbers.
    let api = alice.api_session_post(&format!("/api/v1{path}"), &json!({"text": "EGG"}));
    assert_eq!(api.status, 201, "{}", api.describe());
    assert_eq!(
        api.json()["merged"],
        json!([{"name": "EGG", "from": "17", "to": "18", "from_quantity": 17.0,
                "from_unit": null, "to_quantity": 18.0, "to_unit": null}])
    );
    let ops = alice.api_session_post(
        &format!("/api/v1/lists/{list}/ops"),
        &json!({"ops": [{"op_id": "m1", "kind": "add", "fields": {"text": "1 l Milk, tea, tea"}}]}),
    );
    assert_eq!(ops.status, 200, "{}", ops.describe());
    let result = &ops.json()["results"][0];
    assert_eq!(result["status"], "applied", "{result}");
    assert_eq!(
        result["merged"],
        json!([{"name": "Milk", "from": "1 l", "to": "2 l", "from_quantity": 1.0,
                "from_unit": "l", "to_quantity": 2.0, "to_unit": "l"}]),
        "a repeat within the add is not news"
    );
    // A plain new add says nothing of merges.
    let fresh = alice.api_session_post(&format!("/api/v1{path}"), &json!({"text": "kiwis"}));
    assert!(fresh.json().get("merged").is_none(), "{}", fresh.describe());
}

#[test]
fn checked_items_sink_to_the_done_section_and_come_back() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "milk\nbread\napples");
    let milk = alice.item_id(list, "milk");
    let bread = alice.item_id(list, "bread");

    let checked = alice.submit(&format!("/lists/{list}/items/{milk}/check"), &[]);
    assert_eq!(checked.redirected(), format!("/lists/{list}#item-{milk}"));
    assert_eq!(item(&alice.items(list), "milk")["checked"], true);
    let page = alice.get(&format!("/lists/{list}")).body;
    let done = page.find("Done (1)").expect("a done section with one item");
    assert!(item_at(&page, milk) > done, "milk is in the done section");
    assert!(item_at(&page, bread) < done, "bread is still to get");
    assert!(page.contains(&format!("/lists/{list}/items/{milk}/uncheck")));
    assert!(!page.contains(&format!("/lists/{list}/items/{milk}/check\"")));
    assert!(page.contains(&format!("/lists/{list}/items/{bread}/check\"")));
    // Without JavaScript too, the whole row is the check button and edit is its own link.
    let row = &page[item_at(&page, bread)..];
    let row = &row[..row.find("</li>").unwrap()];
    let check = row.find("/check\" class=\"box\"").expect("a check button");
    assert!(row[check..].find(">bread<").unwrap() < row[check..].find("</button>").unwrap());
    assert!(row.contains(&format!(
        r#"<a class="edit" href="/lists/{list}/items/{bread}/edit" aria-label="Edit bread">"#
    )));

    let unchecked = alice.submit(&format!("/lists/{list}/items/{milk}/uncheck"), &[]);
    assert_eq!(unchecked.status, 303);
    assert_eq!(item(&alice.items(list), "milk")["checked"], false);
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(!page.contains("Done ("), "no done section left");
    assert!(page.contains(&format!("/lists/{list}/items/{milk}/check\"")));
}

#[test]
fn a_deleted_item_comes_back_with_undo() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups milk, bread");
    let milk = alice.item_id(list, "milk");

    let deleted = alice.submit(&format!("/lists/{list}/items/{milk}/delete"), &[]);
    let target = deleted.redirected().to_string();
    assert_eq!(target, format!("/lists/{list}?undo={milk}"));
    assert_eq!(alice.items(list).len(), 1);
    let page = alice.get(&target);
    assert!(page.body.contains(&format!("/lists/{list}/restore")));
    assert!(page.body.contains(&format!(r#"name="ids" value="{milk}""#)));
    assert!(page.body.contains("Removed 1 item"));

    let restored = alice.submit(
        &format!("/lists/{list}/restore"),
        &[("ids", &milk.to_string())],
    );
    assert_eq!(restored.redirected(), format!("/lists/{list}"));
    assert!(
        alice
            .get(&format!("/lists/{list}"))
            .body
            .contains("Restored 1 item.")
    );
    let back = item(&alice.items(list), "milk").clone();
    assert_eq!(back["id"], milk);
    assert_eq!(back["quantity"], 2.0);
    assert_eq!(back["unit"], "cup");
    // The undo offer is gone once the item is back.
    assert!(!alice.get(&target).body.contains(r#"name="ids""#));
}

#[test]
fn clearing_checked_items_can_be_undone() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "milk, bread, eggs");
    let nothing = alice.submit(&format!("/lists/{list}/clear"), &[]);
    assert_eq!(
        nothing.redirected(),
        format!("/lists/{list}"),
        "nothing to clear"
    );
    let milk = alice.item_id(list, "milk");
    let eggs = alice.item_id(list, "eggs");
    for id in [milk, eggs] {
        alice.submit(&format!("/lists/{list}/items/{id}/check"), &[]);
    }
    let cleared = alice.submit(&format!("/lists/{list}/clear"), &[]);
    let target = cleared.redirected().to_string();
    assert_eq!(target, format!("/lists/{list}?undo={milk},{eggs}"));
    let left = alice.items(list);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["name"], "bread");
    assert!(alice.get(&target).body.contains("Removed 2 items"));

    let ids = format!("{milk},{eggs}");
    let restored = alice.submit(&format!("/lists/{list}/restore"), &[("ids", &ids)]);
    assert_eq!(restored.status, 303);
    let items = alice.items(list);
    assert_eq!(items.len(), 3);
    assert_eq!(
        item(&items, "milk")["checked"],
        true,
        "comes back as it was"
    );
    assert_eq!(item(&items, "eggs")["checked"], true);
}

#[test]
fn editing_an_item_and_moving_it_to_another_category_is_remembered() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "2 cups zorble");
    let id = alice.item_id(list, "zorble");
    assert_eq!(item(&alice.items(list), "zorble")["category"], "Other");

    let edit_path = format!("/lists/{list}/items/{id}/edit");
    let form = alice.get(&edit_path);
    assert_eq!(form.status, 200);
    assert!(form.body.contains(r#"value="zorble""#));
    assert!(form.body.contains(r#"value="2""#), "quantity prefilled");
    assert!(form.body.contains(r#"<option value="cup" selected>"#));
    let snacks = option_value(&form.body, "category", "Snacks");

    let saved = alice.submit(
        &edit_path,
        &[
            ("name", "Zorble"),
            ("quantity", "1,5"),
            ("unit", "kg"),
            ("note", "the crunchy ones"),
            ("category", &snacks),
        ],
    );
    assert_eq!(saved.redirected(), format!("/lists/{list}#item-{id}"));
    let edited = item(&alice.items(list), "Zorble").clone();
    assert_eq!(edited["id"], id);
    assert_eq!(edited["quantity"], 1.5);
    assert_eq!(edited["unit"], "kg");
    assert_eq!(edited["note"], "the crunchy ones");
    assert_eq!(edited["category"], "Snacks");
    let form = alice.get(&edit_path).body;
    assert!(form.contains(&format!(r#"<option value="{snacks}" selected>"#)));

    // The field reads quantities as the add box does: fractions and number words.
    for (typed, expected) in [("1/2", 0.5), ("1 1/2", 1.5), ("½", 0.5), ("two", 2.0)] {
        let saved = alice.submit(
            &edit_path,
            &[
                ("name", "Zorble"),
                ("quantity", typed),
                ("unit", "kg"),
                ("note", ""),
                ("category", &snacks),
            ],
        );
        assert_eq!(saved.status, 303, "quantity {typed:?}: {}", saved.body);
        assert_eq!(item(&alice.items(list), "Zorble")["quantity"], expected);
    }

    // Clearing the quantity, unit and note works too.
    let cleared = alice.submit(
        &edit_path,
        &[
            ("name", "Zorble"),
            ("quantity", ""),
            ("unit", ""),
            ("note", ""),
            ("category", &snacks),
        ],
    );
    assert_eq!(cleared.status, 303);
    let edited = item(&alice.items(list), "Zorble").clone();
    assert_eq!(edited["quantity"], Value::Null);
    assert_eq!(edited["unit"], Value::Null);
    assert_eq!(edited["note"], Value::Null);

    // The next "zorble" (any case, plural) goes to Snacks, on any list.
    let other = alice.create_list("Party");
    alice.add_items(other, "3 zorbles");
    assert_eq!(item(&alice.items(other), "zorbles")["category"], "Snacks");
}

#[test]
fn a_stores_aisle_order_orders_the_list_page() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    alice.add_items(list, "apples, milk");
    let apples = alice.item_id(list, "apples");
    let milk = alice.item_id(list, "milk");
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(
        item_at(&page, apples) < item_at(&page, milk),
        "Produce first"
    );
    // Without a store, the page says the order is the default and where to add one.
    assert!(page.contains(r#"Default aisle order · <a href="/household#stores">"#));
    assert!(!page.contains(r#"id="store-pick""#));
    let dairy = option_value(
        &alice.get(&format!("/lists/{list}/items/{milk}/edit")).body,
        "category",
        "Dairy & Eggs",
    );

    let created = alice.submit("/stores", &[("name", "Corner shop")]);
    let store_path = created.redirected().to_string();
    let store: i64 = store_path
        .strip_prefix("/stores/")
        .unwrap()
        .parse()
        .unwrap();
    let store_page = alice.get(&store_path).body;
    assert!(store_page.contains("Corner shop"));
    let produce_at = store_page.find("data-name=\"Produce\"").unwrap();
    assert!(produce_at < store_page.find("data-name=\"Dairy &#38; Eggs\"").unwrap());

    // Dairy is fourth; three moves up make it first.
    for _ in 0..3 {
        let moved = alice.submit(&format!("/stores/{store}/categories/{dairy}/up"), &[]);
        assert_eq!(moved.redirected(), store_path);
    }
    let store_page = alice.get(&store_path).body;
    assert!(
        store_page.find("data-name=\"Dairy &#38; Eggs\"").unwrap()
            < store_page.find("data-name=\"Produce\"").unwrap()
    );
    // The list keeps the default order until it uses the store.
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(item_at(&page, apples) < item_at(&page, milk));
    let chosen = alice.submit(
        &format!("/lists/{list}/store"),
        &[("store_id", &store.to_string())],
    );
    assert_eq!(chosen.redirected(), format!("/lists/{list}"));
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(
        item_at(&page, milk) < item_at(&page, apples),
        "Dairy first now"
    );
    assert!(page.contains(&format!(r#"<option value="{store}" selected>"#)));
    let pick = page.find(r#"<form method="post" action="/lists/"#).unwrap();
    assert!(
        page[pick..].starts_with(&format!(
            r#"<form method="post" action="/lists/{list}/store""#
        )) && pick < page.find(r#"id="add-form""#).unwrap(),
        "the store is switched above the add box"
    );

    // One move down puts Produce back ahead of Dairy.
    alice.submit(&format!("/stores/{store}/categories/{dairy}/down"), &[]);
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(item_at(&page, apples) < item_at(&page, milk));
    alice.submit(&format!("/stores/{store}/categories/{dairy}/up"), &[]);

    // Renaming keeps the order; deleting the store returns the list to the default order.
    let renamed = alice.submit(&format!("/stores/{store}/rename"), &[("name", "Market")]);
    assert_eq!(renamed.redirected(), store_path);
    assert!(alice.get("/household").body.contains("Market"));
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(item_at(&page, milk) < item_at(&page, apples));
    let deleted = alice.submit(&format!("/stores/{store}/delete"), &[]);
    assert_eq!(deleted.redirected(), "/household");
    assert_eq!(alice.get(&store_path).status, 404);
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(item_at(&page, apples) < item_at(&page, milk));
}

#[test]
fn suggestions_come_from_history_most_frequent_first() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let list = alice.create_list("Weekly");
    for text in [
        "apples", "avocado", "apricots", "apples", "apricots", "apples", "bread",
    ] {
        alice.add_items(list, text);
    }
    let suggest = |q: &str| -> Vec<String> {
        let resp = alice.get(&format!("/api/v1/suggestions?q={q}"));
        assert_eq!(resp.status, 200, "{}", resp.describe());
        serde_json::from_str(&resp.body).unwrap()
    };
    assert_eq!(suggest("a"), ["apples", "apricots", "avocado"]);
    assert_eq!(suggest("AP"), ["apples", "apricots"]);
    assert_eq!(suggest("z"), Vec::<String>::new());
    assert_eq!(suggest("").len(), 4);
    // Every name, for the phone to keep: most frequent first.
    let kept = alice.get("/api/v1/names");
    assert_eq!(kept.status, 200, "{}", kept.describe());
    let mut kept: Vec<String> = serde_json::from_str(&kept.body).unwrap();
    assert_eq!(kept[..2], ["apples", "apricots"]);
    kept.sort();
    assert_eq!(kept, ["apples", "apricots", "avocado", "bread"]);
    // Not without a login.
    let nobody = Client::new(server.port);
    assert_eq!(nobody.get("/api/v1/names").status, 401);
    // The household's own category choices, for the phone to place items added offline:
    // none yet, then the one an edit made (keyed as the server keys names).
    assert_eq!(alice.get("/api/v1/categories/learned").json(), json!({}));
    let avocado = alice.item_id(list, "avocado");
    let edit = json!({"ops": [{"op_id": "e1", "kind": "edit", "item_id": avocado,
                               "fields": {"category": "Bakery"}}]});
    let applied = alice.api_session_post(&format!("/api/v1/lists/{list}/ops"), &edit);
    assert_eq!(applied.status, 200, "{}", applied.describe());
    assert_eq!(
        alice.get("/api/v1/categories/learned").json(),
        json!({"avocado": "Bakery"})
    );
    assert_eq!(nobody.get("/api/v1/categories/learned").status, 401);
    // Asked again on every list view: unchanged, a 304 without a body; changed, the new list.
    for path in ["/api/v1/names", "/api/v1/categories/learned"] {
        let first = alice.get(path);
        let tag = first.header("etag").expect("an ETag").to_string();
        // Kept by the page (and forgotten at logout), never by the browser's HTTP cache.
        assert_eq!(first.header("cache-control"), Some("no-store"));
        let again = alice.send("GET", path, &[("If-None-Match", &tag)], None);
        assert_eq!((again.status, again.body.as_str()), (304, ""), "{path}");
        let other = alice.send("GET", path, &[("If-None-Match", "W/\"0\"")], None);
        assert_eq!(
            (other.status, other.body.clone()),
            (200, first.body.clone()),
            "{path}"
        );
    }
    let tag = alice
        .get("/api/v1/names")
        .header("etag")
        .unwrap()
        .to_string();
    alice.add_items(list, "zucchini");
    let changed = alice.send("GET", "/api/v1/names", &[("If-None-Match", &tag)], None);
    assert_eq!(changed.status, 200);
    assert!(changed.body.contains("zucchini"));
    // A line as typed: its amount is skipped.
    assert_eq!(suggest("2%20kg%20ap"), ["apples", "apricots"]);
    assert_eq!(suggest("three%20av"), ["avocado"]);

    // An empty list offers them as one-tap chips in that order.
    let empty = alice.create_list("Next week");
    let page = alice.get(&format!("/lists/{empty}")).body;
    let at = |name: &str| {
        page.find(&format!(r#"name="text" value="{name}""#))
            .unwrap_or_else(|| panic!("no suggestion {name}"))
    };
    assert!(at("apples") < at("apricots") && at("apricots") < at("avocado"));
    // Items already on a list are not suggested there.
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(!page.contains(r#"name="text" value="apples""#));
}

#[test]
fn script_and_markup_in_names_are_shown_escaped() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let evil_list = "<script>alert(1)</script>";
    let list = alice.create_list(evil_list);
    assert_eq!(alice.list_json(list)["name"], evil_list, "stored as typed");
    alice.add_items(list, "<b>bold</b> <script>evil</script>");
    let items = alice.items(list);
    let name = items[0]["name"].as_str().unwrap().to_string();
    assert!(name.contains("<script>evil"), "kept as typed: {name}");

    let index = alice.get("/").body;
    assert!(index.contains(&escape(evil_list)), "escaped on the index");
    assert!(!index.contains("<script>alert"));
    let page = alice.get(&format!("/lists/{list}")).body;
    assert!(page.contains(&escape(evil_list)), "escaped in the heading");
    assert!(page.contains(&escape(&name)), "item name escaped");
    assert!(!page.contains("<script>alert") && !page.contains("<script>evil"));
    assert!(!page.contains("<b>bold"));

    // A refused add re-renders the typed text, escaped.
    let refused = alice.submit(
        &format!("/lists/{list}/items"),
        &[("text", "<script>evil2</script>\u{7}")],
    );
    assert_refused(&refused, 422, "control character");
    assert!(refused.body.contains(&escape("<script>evil2</script>")));
    assert!(!refused.body.contains("<script>evil2"));

    // Stores and usernames too.
    let created = alice.submit("/stores", &[("name", "<img src=x onerror=alert(2)>")]);
    let store_page = alice.get(created.redirected()).body;
    assert!(!store_page.contains("<img src=x"));
    assert!(store_page.contains(&escape("<img src=x onerror=alert(2)>")));
    assert!(!alice.get("/household").body.contains("<img src=x"));
}
