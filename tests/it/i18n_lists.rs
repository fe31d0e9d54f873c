//! The list pages in the reader's language: the lists, one list (amounts with a decimal
//! comma and German unit words, the estimated total, a category), editing an item,
//! deleting a list and the history, in German for a browser asking for German, and in
//! English as before for one that asks for nothing.

use crate::common::*;

/// The pages of one list, as a client sees them.
struct Pages {
    lists: Resp,
    list: Resp,
    edit: Resp,
    delete: Resp,
    history: Resp,
}

/// A list with items of several amounts, milk in its category (the one the dictionary
/// chose; its name, as the page writes it, is returned) and a priced product; then every
/// page of it.
fn walk(client: &Client, list_name: &str) -> (i64, String, Pages) {
    let list = client.create_list(list_name);
    client.add_items(list, "1.5 l milk, 2 tbsp sugar, 3 cans tomatoes, bread");
    let milk = client.item_id(list, "milk");

    // The edit page shows the quantity as the language writes it; sent back as shown, it
    // is read as the same number.
    let edit = client.get(&format!("/lists/{list}/items/{milk}/edit"));
    assert_eq!(edit.status, 200, "{}", edit.describe());
    let quantity = between(
        &edit.body,
        "id=\"quantity\" name=\"quantity\" value=\"",
        "\"",
    )
    .expect("the quantity field")
    .to_string();
    let (category_id, category) = edit
        .body
        .split("<option value=\"")
        .find_map(|o| {
            let (id, rest) = o.split_once("\" selected>")?;
            let name = rest.split_once("</option>")?.0;
            id.parse::<i64>()
                .is_ok()
                .then(|| (id.to_string(), name.to_string()))
        })
        .unwrap_or_else(|| panic!("milk has no category: {}", edit.body));
    let saved = client.submit(
        &format!("/lists/{list}/items/{milk}/edit"),
        &[
            ("name", "milk"),
            ("quantity", &quantity),
            ("unit", "l"),
            ("note", ""),
            ("category", &category_id),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.describe());
    let items = client.items(list);
    let milk_json = items.iter().find(|i| i["name"] == "milk").expect("milk");
    assert_eq!(milk_json["quantity"], 1.5, "{quantity} read back");

    // A product with a price on the list: the page shows an estimated total.
    let product = client.submit(
        "/products",
        &[("name", "oat drink"), ("brand", ""), ("barcode", "")],
    );
    assert_eq!(product.status, 303, "{}", product.describe());
    let product = product.redirected().to_string();
    let price = client.submit(
        &format!("{product}/prices"),
        &[
            ("amount", "1.49"),
            ("currency", "EUR"),
            ("store_id", ""),
            ("pack_size", ""),
            ("date", "2026-01-01"),
        ],
    );
    assert_eq!(price.status, 303, "{}", price.describe());
    let added = client.submit(&format!("{product}/add"), &[("list_id", &list.to_string())]);
    assert_eq!(added.status, 303, "{}", added.describe());

    let pages = Pages {
        lists: client.get("/"),
        list: client.get(&format!("/lists/{list}")),
        edit: client.get(&format!("/lists/{list}/items/{milk}/edit")),
        delete: client.get(&format!("/lists/{list}/delete")),
        history: client.get(&format!("/lists/{list}/history")),
    };
    for page in [
        &pages.lists,
        &pages.list,
        &pages.edit,
        &pages.delete,
        &pages.history,
    ] {
        assert_eq!(page.status, 200, "{}", page.describe());
    }
    (list, category, pages)
}

fn assert_has(page: &Resp, what: &str, texts: &[&str]) {
    for text in texts {
        assert!(
            page.body.contains(text),
            "{what} lacks {text:?}:\n{}",
            page.body
        );
    }
}

fn assert_lacks(page: &Resp, what: &str, texts: &[&str]) {
    for text in texts {
        assert!(
            !page.body.contains(text),
            "{what} still says {text:?}:\n{}",
            page.body
        );
    }
}

/// The English the list pages said before they were translated.
const LISTS_EN: &[&str] = &[
    "Your lists",
    "items to get",
    "New list name",
    "e.g. Weekly shop",
    ">Create<",
];
const LIST_EN: &[&str] = &[
    "All lists",
    "Keep screen on",
    "Default aisle order",
    "Add a store",
    "Add items (one per line",
    "2 cups milk, 1 loaf bread",
    ">Add<",
    "Suggestions",
    "Often bought",
    "Complete the line",
    "Estimated total",
    "without a known price",
    "Check off",
    "Edit milk",
    "Remove milk",
    "Edit item",
    "e.g. organic",
    "<option value=\"\">Other</option>",
    ">Save<",
    ">Cancel<",
    "going shopping",
    "Done shopping",
    "List settings",
    "Rename",
    ">Archive<",
    ">History<",
    "Delete list",
    "Tell me about this list",
    "when others add items",
    "Get notifications",
    "Save as template",
    "Template name",
    "1.5 l",
    "tbsp",
    "cans",
];
const EDIT_EN: &[&str] = &[
    "Edit item",
    "Quantity",
    ">Unit<",
    ">none<",
    ">tbsp<",
    ">can<",
    ">Note<",
    "e.g. organic",
    ">Category<",
    ">Save<",
    ">Cancel<",
    "value=\"1.5\"",
];
const DELETE_EN: &[&str] = &[
    "Delete “",
    "will be gone for everyone",
    "cannot be undone",
    "Delete the list",
    "Keep it",
];
const HISTORY_EN: &[&str] = &[
    "History of",
    "Who added, checked off",
    " added ",
    " changed ",
    "just now",
    "Undo",
    "Back to the list",
];

#[test]
fn the_list_pages_speak_german_to_a_german_browser() {
    let server = Server::start();
    let token = server.setup_token();
    let anna = server.client();
    anna.speaking("de-DE,de;q=0.9,en;q=0.5");
    let set_up = anna.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "Familie"),
            ("currency", "EUR"),
            ("username", "anna"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(set_up.redirected(), "/", "{}", set_up.describe());
    let (list, category, pages) = walk(&anna, "Wocheneinkauf");
    let group = format!("<h2>{category}</h2>");

    assert_has(
        &pages.lists,
        "the lists",
        &[
            "<html lang=\"de\"",
            "<h1>Deine Listen</h1>",
            "aria-label=\"5 Einträge offen\"",
            "placeholder=\"Neue Liste, z. B. Wocheneinkauf\"",
            ">Anlegen</button>",
        ],
    );
    assert_lacks(&pages.lists, "the lists", LISTS_EN);

    assert_has(
        &pages.list,
        "the list",
        &[
            "<span class=\"amount\">1,5 l</span>",
            "<span class=\"amount\">2 EL</span>",
            "<span class=\"amount\">3 Dosen</span>",
            &group,
            "Geschätzte Summe: <strong>1,49 EUR</strong> · <span class=\"muted\">4 Einträge ohne bekannten Preis</span>",
            "<span class=\"sr-only\">Abhaken: </span>",
            "aria-label=\"Bearbeiten: milk\"",
            "aria-label=\"Entfernen: milk\"",
            // The blank row the page's script fills ends its labels where the name goes.
            "aria-label=\"Bearbeiten: \"",
            "Einträge hinzufügen (einer pro Zeile oder durch Kommas getrennt)",
            "placeholder=\"2 l Milch, 1 Brot, 3 Eier\"",
            "<summary>Vorschläge</summary>",
            "Standardreihenfolge · <a href=\"/household#stores\">Leg einen Laden an</a>",
            "<h2>Erledigt</h2>",
            "<option value=\"\">Sonstiges</option>",
            "Einstellungen der Liste",
            "Ich gehe einkaufen",
        ],
    );
    assert_lacks(&pages.list, "the list", LIST_EN);

    assert_has(
        &pages.edit,
        "the edit page",
        &[
            "<h1>Eintrag bearbeiten</h1>",
            "value=\"1,5\"",
            ">Menge</label>",
            ">Einheit</label>",
            "<option value=\"\">keine</option>",
            "<option value=\"tbsp\">EL</option>",
            "<option value=\"can\">Dose</option>",
            "<option value=\"l\" selected>l</option>",
            ">Speichern</button>",
            ">Abbrechen</a>",
        ],
    );
    assert_lacks(&pages.edit, "the edit page", EDIT_EN);

    assert_has(
        &pages.delete,
        "the delete page",
        &[
            "<title>Liste löschen · aisle</title>",
            "„Wocheneinkauf“ löschen?",
            "Die Liste und ihre 5 Einträge sind dann für alle im Haushalt weg.",
            ">Behalten</a>",
        ],
    );
    assert_lacks(&pages.delete, "the delete page", DELETE_EN);

    assert_has(
        &pages.history,
        "the history",
        &[
            "<title>Verlauf von Wocheneinkauf · aisle</title>",
            "<h1>Verlauf von „Wocheneinkauf“</h1>",
            "anna hat <strong>milk</strong> hinzugefügt",
            "anna hat <strong>milk</strong> geändert",
            "· gerade eben",
            "aria-label=\"Rückgängig: anna hat milk geändert\">Rückgängig</button>",
            "Zurück zur Liste",
        ],
    );
    assert_lacks(&pages.history, "the history", HISTORY_EN);

    // Said after a change, in German too.
    let renamed = anna.submit(&format!("/lists/{list}/rename"), &[("name", "Woche")]);
    assert_eq!(renamed.status, 303, "{}", renamed.describe());
    let page = anna.get(&format!("/lists/{list}"));
    assert_has(&page, "the list after a rename", &["Liste umbenannt."]);
    let milk = anna.item_id(list, "milk");
    let removed = anna.submit(&format!("/lists/{list}/items/{milk}/delete"), &[]);
    let page = anna.get(removed.redirected());
    assert_has(
        &page,
        "the list after a remove",
        &["<span>1 Eintrag entfernt.</span>", ">Rückgängig</button>"],
    );
    let ids = milk.to_string();
    let restored = anna.submit(&format!("/lists/{list}/restore"), &[("ids", &ids)]);
    let page = anna.get(restored.redirected());
    assert_has(&page, "the list after undo", &["1 Eintrag zurückgeholt."]);

    // The same household read by a browser that asks for no language: English, with the
    // household's own category names.
    let english = server.client();
    english.login("anna", PASSWORD);
    let page = english.get(&format!("/lists/{list}"));
    assert_has(
        &page,
        "the list in English",
        &["Estimated total: <strong>1.49 EUR</strong>", &group],
    );

    assert_eq!(
        metric(&server, "aisle_untranslated_messages_total"),
        Some(0.0),
        "a message fell back to English:\n{}",
        server.log()
    );
}

#[test]
fn the_list_pages_stay_english_without_accept_language() {
    let server = Server::start();
    let alice = server.user_client("alice", "Home", true);
    let (_, category, pages) = walk(&alice, "Weekly");
    assert_eq!(category, "Dairy &#38; Eggs");

    assert_has(&pages.lists, "the lists", LISTS_EN);
    assert_has(
        &pages.lists,
        "the lists",
        &["<html lang=\"en\"", "aria-label=\"5 items to get\""],
    );
    assert_has(&pages.list, "the list", LIST_EN);
    assert_has(
        &pages.list,
        "the list",
        &[
            "<span class=\"amount\">1.5 l</span>",
            "<span class=\"amount\">2 tbsp</span>",
            "<span class=\"amount\">3 cans</span>",
            "<h2>Dairy &#38; Eggs</h2>",
            "<p class=\"total\" id=\"list-total\">Estimated total: <strong>1.49 EUR</strong> · <span class=\"muted\">4 items without a known price</span></p>",
            "<span class=\"sr-only\">Check off </span>",
            "aria-label=\"Edit \"",
            "<h2>Done</h2>",
        ],
    );
    assert_has(&pages.edit, "the edit page", EDIT_EN);
    assert_has(&pages.delete, "the delete page", DELETE_EN);
    assert_has(
        &pages.delete,
        "the delete page",
        &[
            "The list and its 5 items will be gone for everyone in the household. This cannot be undone.",
        ],
    );
    assert_has(&pages.history, "the history", HISTORY_EN);
    assert_has(
        &pages.history,
        "the history",
        &[
            "<title>History of Weekly · aisle</title>",
            "alice added <strong>milk</strong>\n",
            "aria-label=\"Undo: alice changed milk\">Undo</button>",
        ],
    );
}
