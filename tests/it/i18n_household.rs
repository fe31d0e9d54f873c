//! The household, store, products, product and admin pages in German and English (issue
//! 24), and the household's language: an admin changes it on the household page, the
//! default categories the household kept take their names in it, a renamed one keeps its
//! name; a member and a language aisle does not have are refused, and nothing changes.

use crate::common::*;

/// First-run setup from an English browser: household "Home", its admin anna (an
/// instance admin), logged in; and anna again on a phone set to German.
fn set_up(server: &Server) -> (Client, Client) {
    let token = server.setup_token();
    let english = server.client();
    let done = english.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "Home"),
            ("currency", "EUR"),
            ("username", "anna"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(done.redirected(), "/", "{}", done.describe());
    let german = server.client();
    german.speaking("de-DE,de;q=0.9,en;q=0.5");
    german.login("anna", PASSWORD);
    (english, german)
}

/// GETs a page that must answer 200.
fn page(client: &Client, path: &str) -> String {
    let resp = client.get(path);
    assert_eq!(resp.status, 200, "GET {path}: {}", resp.describe());
    resp.body
}

/// Asserts that `html` (the page at `path`) is in `lang`, says every one of `present` and
/// none of `absent`.
fn assert_says(html: &str, path: &str, lang: &str, present: &[&str], absent: &[&str]) {
    assert!(
        html.contains(&format!("<html lang=\"{lang}\"")),
        "{path} is not in {lang}:\n{html}"
    );
    for text in present {
        assert!(html.contains(text), "{lang} {path} lacks {text:?}:\n{html}");
    }
    for text in absent {
        assert!(
            !html.contains(text),
            "{lang} {path} still says {text:?}:\n{html}"
        );
    }
}

/// A category's row on a store page.
fn on_shelf(name: &str) -> String {
    format!("data-name=\"{}\"", escape(name))
}

/// The household's language code, as stored.
fn household_language(server: &Server) -> String {
    sqlite(server)
        .query_row("SELECT language FROM households", [], |r| r.get(0))
        .expect("the household's language")
}

#[test]
fn the_household_store_product_and_admin_pages_speak_german_or_english() {
    let server = Server::start();
    let (english, german) = set_up(&server);
    add_user(&server, "ben", "Home", false, PASSWORD);

    // Something on every page: a store with a category placed by hand, a staple with a
    // price, a pending invite.
    let store = english.submit("/stores", &[("name", "Corner shop")]);
    let store_path = store.redirected().to_string();
    let categories = numbers_after(
        &page(&english, &store_path),
        r#"<li class="row" data-category=""#,
    );
    let moved = english.submit(
        &format!("{store_path}/categories/{}/up", categories[1]),
        &[],
    );
    assert_eq!(moved.redirected(), store_path);
    let product = english.submit(
        "/products",
        &[("name", "Oat drink"), ("brand", "Farm"), ("barcode", "")],
    );
    let product_path = product.redirected().to_string();
    for (amount, date) in [("1,49", "2025-03-01"), ("1.59", "2025-04-01")] {
        let price = english.submit(
            &format!("{product_path}/prices"),
            &[
                ("amount", amount),
                ("currency", "EUR"),
                ("store_id", store_path.trim_start_matches("/stores/")),
                ("pack_size", "1 l"),
                ("date", date),
            ],
        );
        assert_eq!(price.redirected(), product_path);
    }
    let saved = english.submit(&format!("{product_path}/save"), &[]);
    assert_eq!(saved.redirected(), product_path);
    let invite = english.submit("/household/invites", &[("role", "member")]);
    assert_eq!(invite.status, 200, "{}", invite.describe());

    // German.
    let de = |path: &str, present: &[&str], absent: &[&str]| {
        assert_says(&page(&german, path), path, "de", present, absent);
    };
    de(
        "/household",
        &[
            "<h2>Mitglieder</h2>",
            r#"<span class="badge">Mitglied</span>"#,
            "Neues Passwort für ben",
            "Passwort zurücksetzen",
            "Jemanden einladen",
            "Einladung (Mitglied), gültig bis ",
            "Sprache des Haushalts",
            r#"<option value="de">Deutsch</option>"#,
            r#"<option value="en" selected>English</option>"#,
            "Preise und Summen in",
            r#"aisle kann einem <a href="https://ntfy.sh">ntfy</a>-Topic"#,
            "Einkaufsliste aus Home Assistant",
            "Geschäft hinzufügen",
            "Haushalt löschen…",
            "Instanz verwalten",
        ],
        &[
            "Members",
            ">member<",
            "Reset password",
            "Invite someone",
            "expires",
            "Household language",
            "Prices and totals in",
            "Notifications to your own services",
            "Add store",
            "Delete the household",
            "Server admin",
        ],
    );
    de(
        "/household/delete",
        &[
            "<title>Haushalt löschen · aisle</title>",
            "Alles von „Home“ wird endgültig gelöscht",
            "Gib zur Bestätigung den Namen des Haushalts ein (Home)",
        ],
        &["Delete the household", "Type the household's name"],
    );
    de(
        &store_path,
        &[
            "Die Reihenfolge, in der du durch die Gänge gehst.",
            "Dafür braucht es noch 3 Einkäufe",
            ">von dir platziert</span>",
            r#"title="Du hast sie hierhin gesetzt""#,
            r#"aria-label="Produce nach oben""#,
            "Reihenfolge fixieren",
            "Meine Platzierungen vergessen",
            "Geschäft löschen",
        ],
        &[
            "The order you walk",
            "shopping trips",
            "placed by you",
            "Move ",
            "Lock the order",
            "Forget my placements",
            "Delete store",
        ],
    );
    de(
        "/products",
        &[
            "<title>Produkte · aisle</title>",
            "<h1>Produkte</h1>",
            "Barcode scannen oder eintippen",
            r#"placeholder="z. B. 3017620422003""#,
            r#"<span class="badge">Stammartikel</span>"#,
            "Produkt selbst anlegen",
            "Marke (optional)",
        ],
        &[
            ">Products<",
            "Scan or type a barcode",
            ">staple<",
            "Add a product by hand",
            "Brand (optional)",
        ],
    );
    let nothing = page(&german, "/products?q=zzz");
    assert!(
        nothing.contains("Keins deiner Produkte passt zu „zzz“."),
        "{nothing}"
    );
    de(
        &product_path,
        &[
            "Aus den Stammartikeln entfernen",
            "<h2>Preise</h2>",
            "<strong>1,59 EUR</strong>",
            "1. April 2025",
            "1. März 2025",
            "Preisverlauf vom 1. März 2025 bis 1. April 2025, zwischen 1,49 EUR und 1,59 EUR",
            "niedrigster 1,49 EUR · höchster 1,59 EUR",
            r#"placeholder="2,49""#,
            "Alle Preise (2)",
            "(von dir)",
        ],
        &[
            "Remove from staples",
            "1.59 EUR",
            "Price history",
            "Add a price",
            "All prices",
            "(you)",
        ],
    );
    de(
        "/admin",
        &[
            "<h1>Admin</h1>",
            "Geplante Jobs",
            "<strong class=\"grow\">Aufräumen</strong>",
            "<strong class=\"grow\">Produkte aktualisieren</strong>",
            "Jetzt ausführen",
            "Zeitplan <code>",
            "Letzter Lauf: nie",
            "Instanz-Admins",
            "(Home, Admin)",
            "(Home, Mitglied)",
            "Zum Instanz-Admin machen",
            "Rolle abgeben",
        ],
        &[
            "Scheduled jobs",
            ">cleanup<",
            "Run now",
            "Last run",
            "Instance admins",
            "(Home, member)",
            "Make instance admin",
        ],
    );

    // What the handlers say after a change, in German too.
    let renamed = german.submit(&format!("{store_path}/rename"), &[("name", "Laden")]);
    assert_eq!(renamed.redirected(), store_path);
    assert!(page(&german, &store_path).contains("Geschäft umbenannt."));
    let ben = user_id(&server, "ben");
    let reset = german.submit(
        &format!("/household/members/{ben}/password"),
        &[("password", "another-basket-77")],
    );
    assert_eq!(reset.redirected(), "/household");
    assert!(
        page(&german, "/household")
            .contains("Das Passwort von ben wurde zurückgesetzt; ben muss sich neu anmelden.")
    );
    let ran = german.submit("/admin/jobs/cleanup/run", &[]);
    assert_eq!(ran.redirected(), "/admin");
    assert!(page(&german, "/admin").contains("Aufräumen: "));

    // English, as before, on the same pages.
    let en = |path: &str, present: &[&str], absent: &[&str]| {
        assert_says(&page(&english, path), path, "en", present, absent);
    };
    en(
        "/household",
        &[
            "<h2>Members</h2>",
            r#"<span class="badge">member</span>"#,
            "New password for ben",
            "Invite (member), expires ",
            "Household language",
            r#"<option value="en" selected>English</option>"#,
            r#"aisle can tell an <a href="https://ntfy.sh">ntfy</a> topic"#,
            "Home Assistant shopping list (.shopping_list.json)",
            "Add store",
        ],
        &["Mitglieder", "Sprache des Haushalts"],
    );
    en(
        &store_path,
        &[
            "It needs 3 more shopping trips with this store chosen on the list.",
            ">placed by you</span>",
            r#"aria-label="Move Produce up""#,
            "Lock the order",
        ],
        &["von dir platziert", "Reihenfolge"],
    );
    en(
        "/products",
        &["<h1>Products</h1>", r#"<span class="badge">staple</span>"#],
        &["Stammartikel"],
    );
    en(
        &product_path,
        &[
            "<strong>1.59 EUR</strong>",
            "April 1, 2025",
            "Price history from March 1, 2025 to April 1, 2025, between 1.49 EUR and 1.59 EUR",
            "low 1.49 EUR · high 1.59 EUR",
            "All prices (2)",
            "(you)",
        ],
        &["Preis"],
    );
    en(
        "/admin",
        &[
            "Scheduled jobs",
            "<strong class=\"grow\">cleanup</strong>",
            "Last run: ok at ",
            "(Home, member)",
        ],
        &["Geplante Jobs", "Aufräumen"],
    );
}

#[test]
fn an_admin_changes_the_households_language_and_its_default_categories_follow() {
    let server = Server::start();
    let (anna, _) = set_up(&server);
    let ben = server.user_client("ben", "Home", false);
    let list = anna.create_list("Weekly");
    anna.add_items(list, "milk, bread");
    let store = anna.submit("/stores", &[("name", "Corner shop")]);
    let store_path = store.redirected().to_string();
    // The household calls its Pets category by a name of its own (no form renames a
    // category yet; an edit from outside stands in for one).
    write_from_outside(&server, |c| {
        c.execute(
            "UPDATE categories SET name = 'Cat corner' WHERE name = 'Pets'",
            [],
        )
        .expect("rename Pets")
    });
    assert_eq!(household_language(&server), "en");
    assert!(page(&ben, "/household").contains("This household speaks English."));

    // A member may not change it; a language aisle does not have is refused; nothing
    // changes either way.
    let before = snapshot(&server);
    let refused = ben.submit("/household/language", &[("language", "de")]);
    assert_refused(&refused, 403, "a member changing the language");
    for code in ["xx", "", "deutsch", "en-US-x-nonsense"] {
        let refused = anna.submit("/household/language", &[("language", code)]);
        assert_refused(&refused, 422, &format!("language {code:?}"));
    }
    let refused = anna.submit("/household/language", &[("language", "xx")]);
    assert!(
        refused.message().contains("not a language aisle has"),
        "{}",
        refused.message()
    );
    let forged = anna.post_form("/household/language", &[("language", "de")]);
    assert_refused(&forged, 403, "no CSRF token");
    assert_eq!(snapshot(&server), before);
    assert_eq!(household_language(&server), "en");

    // The admin chooses German: the page says so and the default categories are German,
    // on an English page too (they are the household's names); its own name stays.
    let changed = anna.submit("/household/language", &[("language", "de")]);
    assert_eq!(changed.redirected(), "/household");
    let household = page(&anna, "/household");
    assert!(
        household.contains(&escape("The household's language is now Deutsch.")),
        "{household}"
    );
    assert!(
        household.contains(r#"<option value="de" selected>Deutsch</option>"#),
        "{household}"
    );
    assert!(page(&ben, "/household").contains("This household speaks Deutsch."));
    assert_eq!(household_language(&server), "de");
    let shelf = page(&anna, &store_path);
    for name in [
        "Obst & Gemüse",
        "Backwaren",
        "Milchprodukte & Eier",
        "Cat corner",
    ] {
        assert!(shelf.contains(&on_shelf(name)), "{name}:\n{shelf}");
    }
    for name in ["Produce", "Bakery", "Dairy & Eggs", "Pets", "Haustier"] {
        assert!(!shelf.contains(&on_shelf(name)), "{name}:\n{shelf}");
    }
    let weekly = page(&anna, &format!("/lists/{list}"));
    assert!(
        weekly.contains(&escape("Milchprodukte & Eier")) && weekly.contains("Backwaren"),
        "{weekly}"
    );
    // The page hands its script each default category's key (`data-builtins`); what it
    // shows is the German name only.
    let shown = weekly
        .split_once(" data-builtins=\"")
        .and_then(|(before, rest)| Some(format!("{before}{}", rest.split_once('"')?.1)))
        .expect("the list's data-builtins");
    assert!(!shown.contains(&escape("Dairy & Eggs")), "{weekly}");
    // A new item finds its default category whatever the household calls it.
    anna.add_items(list, "cheese");
    let cheese = anna.items(list);
    let cheese = cheese
        .iter()
        .find(|i| i["name"] == "cheese")
        .expect("cheese");
    assert_eq!(cheese["category"], "Milchprodukte & Eier", "{cheese}");

    // And back: English names again, the renamed one still its own.
    let back = anna.submit("/household/language", &[("language", "en")]);
    assert_eq!(back.redirected(), "/household");
    let shelf = page(&anna, &store_path);
    for name in ["Produce", "Bakery", "Dairy & Eggs", "Cat corner"] {
        assert!(shelf.contains(&on_shelf(name)), "{name}:\n{shelf}");
    }
    assert!(
        !shelf.contains("Backwaren") && !shelf.contains("Pets"),
        "{shelf}"
    );
    assert_eq!(household_language(&server), "en");
}
