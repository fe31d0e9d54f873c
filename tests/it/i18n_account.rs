//! The account pages in the reader's language (login, setup, joining, settings), the
//! person's own choice of language on the settings page, and the language a new household
//! is created in (setup from the browser's language, `aisle user add --language`).

use crate::common::*;

/// The household's categories, in their order.
fn categories(server: &Server, household: &str) -> Vec<String> {
    let conn = sqlite(server);
    let mut stmt = conn
        .prepare(
            "SELECT c.name FROM categories c JOIN households h ON h.id = c.household_id
             WHERE h.name = ?1 ORDER BY c.position",
        )
        .unwrap();
    stmt.query_map([household], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The language `username` chose (`None`: their browser's).
fn chosen_language(server: &Server, username: &str) -> Option<String> {
    sqlite(server)
        .query_row(
            "SELECT language FROM users WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .unwrap()
}

/// The text of the page's flash message.
fn flash(page: &Resp) -> String {
    between(&page.body, "class=\"flash flash-", "</p>")
        .and_then(|f| f.split_once('>'))
        .map(|(_, text)| unescape(text))
        .unwrap_or_default()
}

fn assert_lang(page: &Resp, lang: &str, context: &str) {
    assert_eq!(page.status, 200, "{context}: {}", page.describe());
    assert!(
        page.body.contains(&format!("<html lang=\"{lang}\"")),
        "{context}: not in {lang}:\n{}",
        page.body
    );
}

#[test]
fn a_german_browser_sets_up_a_german_household() {
    let server = Server::start();
    let token = server.setup_token();
    let anna = server.client();
    anna.speaking("de-DE,de;q=0.9,en;q=0.5");

    let login = anna.get("/login");
    assert_lang(&login, "de", "/login");
    for german in [
        "<title>Anmelden · aisle</title>",
        "Benutzername",
        "Passwort",
        "Einladungslink",
    ] {
        assert!(login.body.contains(german), "/login lacks {german:?}");
    }
    assert!(!login.body.contains("Log in") && !login.body.contains("Username"));

    let setup = anna.get(&format!("/setup?token={token}"));
    assert_lang(&setup, "de", "/setup");
    for german in [
        "Willkommen bei aisle",
        "Name des Haushalts",
        "Haushalt anlegen",
        "Währung",
    ] {
        assert!(setup.body.contains(german), "/setup lacks {german:?}");
    }
    // The household's language is offered, the page's own chosen, each by its own name.
    let offered = select_options(&setup.body, "language");
    assert!(
        offered.contains(&("en".into(), "English".into())),
        "{offered:?}"
    );
    assert!(
        offered.contains(&("de".into(), "Deutsch".into())),
        "{offered:?}"
    );
    assert!(
        setup
            .body
            .contains(r#"<option value="de" lang="de" selected>"#)
    );

    // An unknown language is refused; nothing is created and what was typed stays.
    let refused = anna.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "Familie Berg"),
            ("currency", "EUR"),
            ("language", "xx"),
            ("username", "anna"),
            ("password", PASSWORD),
        ],
    );
    assert_refused(&refused, 422, "setup in language xx");
    assert!(
        refused.message().contains("Sprache"),
        "{}",
        refused.message()
    );
    assert!(refused.body.contains(r#"value="Familie Berg""#));
    assert_eq!(db_count(&server, "SELECT count(*) FROM households"), 0);

    // The form as a browser without the language field sends it: the page's language.
    let done = anna.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "Familie Berg"),
            ("currency", "EUR"),
            ("username", "anna"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(done.redirected(), "/");
    let home = anna.get("/");
    assert_lang(&home, "de", "/ after setup");
    assert_eq!(flash(&home), "Willkommen! Leg unten deine erste Liste an.");
    let names = categories(&server, "Familie Berg");
    assert_eq!(
        names.first().map(String::as_str),
        Some("Obst & Gemüse"),
        "{names:?}"
    );
    assert!(names.contains(&"Backwaren".to_string()), "{names:?}");
    assert!(!names.contains(&"Produce".to_string()), "{names:?}");
    let language: String = sqlite(&server)
        .query_row("SELECT language FROM households", [], |r| r.get(0))
        .unwrap();
    assert_eq!(language, "de");
    // The admin follows their browser; they chose nothing.
    assert_eq!(chosen_language(&server, "anna"), None);
}

#[test]
fn setup_may_pick_another_language_for_the_household() {
    let server = Server::start();
    let token = server.setup_token();
    let sam = server.client();
    let setup = sam.get(&format!("/setup?token={token}"));
    assert_lang(&setup, "en", "/setup, no Accept-Language");
    assert!(setup.body.contains("Welcome to aisle"));
    assert!(
        setup
            .body
            .contains(r#"<option value="en" lang="en" selected>"#)
    );
    let done = sam.submit(
        "/setup",
        &[
            ("token", &token),
            ("household", "Home"),
            ("currency", "EUR"),
            ("language", "de"),
            ("username", "sam"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(done.redirected(), "/");
    // The household speaks German; sam's pages stay in their browser's English.
    assert_eq!(categories(&server, "Home")[0], "Obst & Gemüse");
    let home = sam.get("/");
    assert_lang(&home, "en", "/");
    assert_eq!(flash(&home), "Welcome! Make your first list below.");
}

#[test]
fn joining_by_invite_speaks_the_browsers_language() {
    let server = Server::start();
    let alice = server.user_client("alice", "Die Bergs", true);
    let invite = alice.submit("/household/invites", &[("role", "member")]);
    assert_eq!(invite.status, 200, "{}", invite.describe());
    let url = code_token(&invite.body).expect("an invite link");
    let path = url.trim_start_matches(&server.base_url()).to_string();

    let carl = server.client();
    carl.speaking("de");
    let join = carl.get(&path);
    assert_lang(&join, "de", "the invite page");
    assert!(
        join.body.contains("<h1>Die Bergs beitreten</h1>"),
        "{}",
        join.body
    );
    assert!(join.body.contains("Benutzername") && join.body.contains(">Beitreten<"));
    let joined = carl.submit(&path, &[("username", "carl"), ("password", PASSWORD)]);
    assert_eq!(joined.redirected(), "/");
    assert_eq!(flash(&carl.get("/")), "Willkommen bei Die Bergs!");
    assert_eq!(chosen_language(&server, "carl"), None);
}

#[test]
fn a_person_chooses_their_language_in_the_settings() {
    let server = Server::start();
    let sam = server.user_client("sam", "Home", false);
    sam.speaking("en");

    let settings = sam.get("/settings");
    assert_lang(&settings, "en", "/settings");
    let offered = select_options(&settings.body, "language");
    assert_eq!(
        offered[..3],
        [
            (String::new(), "As my browser says".to_string()),
            ("en".into(), "English".into()),
            ("de".into(), "Deutsch".into()),
        ],
        "every language by its own name, after the browser's"
    );
    assert!(settings.body.contains(r#"<option value="" selected>"#));

    // German, whatever the browser says; the flash says so in German.
    let chosen = sam.submit("/settings/language", &[("language", "de")]);
    assert_eq!(chosen.redirected(), "/settings");
    assert_eq!(chosen_language(&server, "sam"), Some("de".into()));
    let german = sam.get("/settings");
    assert_lang(&german, "de", "/settings after choosing German");
    assert_eq!(flash(&german), "Sprache gespeichert.");
    for words in [
        "<h1>Einstellungen</h1>",
        "Passwort ändern",
        "API-Tokens",
        "Deine Daten",
    ] {
        assert!(german.body.contains(words), "/settings lacks {words:?}");
    }
    assert!(
        german
            .body
            .contains(r#"<option value="de" lang="de" selected>"#)
    );
    assert!(german.body.contains("Wie im Browser eingestellt"));
    assert_lang(&sam.get("/"), "de", "/ after choosing German");

    // What the settings handlers say is German now too.
    let revoked = sam.submit(
        "/settings/password",
        &[
            ("current", PASSWORD),
            ("new", "a-new-basket-77"),
            ("tokens_offered", "true"),
        ],
    );
    assert_eq!(revoked.redirected(), "/settings");
    assert_eq!(
        flash(&sam.get("/settings")),
        "Passwort geändert. Deine anderen Geräte wurden abgemeldet."
    );
    let wrong = sam.submit(
        "/settings/password",
        &[
            ("current", "not-the-password"),
            ("new", "another-basket-88"),
        ],
    );
    assert_refused(&wrong, 422, "a wrong current password");
    assert_eq!(wrong.message(), "das aktuelle Passwort ist falsch");

    // Back to the browser's language: English here, German for a German browser.
    let back = sam.submit("/settings/language", &[("language", "")]);
    assert_eq!(back.redirected(), "/settings");
    assert_eq!(chosen_language(&server, "sam"), None);
    let english = sam.get("/settings");
    assert_lang(&english, "en", "/settings after choosing the browser's");
    assert_eq!(flash(&english), "Language saved.");
    sam.speaking("de");
    assert_lang(&sam.get("/settings"), "de", "/settings, German browser");
}

#[test]
fn an_unknown_language_or_a_missing_csrf_token_changes_nothing() {
    let server = Server::start();
    let sam = server.user_client("sam", "Home", false);
    let chosen = sam.submit("/settings/language", &[("language", "de")]);
    assert_eq!(chosen.redirected(), "/settings");
    let before = snapshot(&server);

    for code in ["xx", "<script>alert(1)</script>", "deutsch"] {
        let refused = sam.submit("/settings/language", &[("language", code)]);
        assert_refused(&refused, 422, code);
        // A plain sentence, in the person's language, on the settings page itself.
        assert_eq!(
            refused.message(),
            "diese Sprache gibt es in aisle nicht; wähle eine aus der Liste"
        );
        assert!(refused.body.contains(r#"action="/settings/language""#));
        assert!(!refused.body.contains("<script>alert"), "{code} echoed");
        assert_eq!(chosen_language(&server, "sam"), Some("de".into()), "{code}");
    }

    let forged = sam.post_form("/settings/language", &[("language", "en")]);
    assert_refused(&forged, 403, "no CSRF token");
    let wrong = sam.post_form(
        "/settings/language",
        &[("csrf_token", "not-the-token"), ("language", "en")],
    );
    assert_refused(&wrong, 403, "a wrong CSRF token");
    assert_eq!(chosen_language(&server, "sam"), Some("de".into()));
    assert_eq!(snapshot(&server), before);

    // Logged out, the form leads to the login page.
    let visitor = server.client();
    let anonymous = visitor.submit("/settings/language", &[("language", "en")]);
    assert_ne!(anonymous.status / 100, 2, "{}", anonymous.describe());
    assert_eq!(chosen_language(&server, "sam"), Some("de".into()));
}

#[test]
fn logging_out_is_said_in_the_language_of_the_login_page() {
    let server = Server::start();
    let sam = server.user_client("sam", "Home", false);
    let chosen = sam.submit("/settings/language", &[("language", "de")]);
    assert_eq!(chosen.redirected(), "/settings");
    // sam reads German; the browser (no Accept-Language) gets the English login page.
    let out = sam.submit("/logout", &[]);
    assert_eq!(out.redirected(), "/login");
    let login = sam.get("/login");
    assert_lang(&login, "en", "/login after logging out");
    assert_eq!(flash(&login), "You are logged out.");
}

#[test]
fn user_add_creates_a_household_in_the_language_given() {
    let server = Server::start();
    let dir = server.data_dir();
    let dir = dir.to_str().unwrap();
    let add = |username: &str, household: &str, language: &str| {
        run_cli(
            &[
                "user",
                "add",
                "--data-dir",
                dir,
                "--username",
                username,
                "--household",
                household,
                "--language",
                language,
                "--password-stdin",
            ],
            Some(&format!("{PASSWORD}\n")),
        )
    };

    let (status, out, err) = add("grete", "Familie Schulz", "de");
    assert!(status.success(), "{err} / {out}");
    let names = categories(&server, "Familie Schulz");
    assert_eq!(names[0], "Obst & Gemüse", "{names:?}");
    assert!(names.contains(&"Sonstiges".to_string()), "{names:?}");

    // Without the flag: English, as before.
    add_user(&server, "sam", "Home", true, PASSWORD);
    assert_eq!(categories(&server, "Home")[0], "Produce");

    // An unknown code: refused before anything is written, naming the codes there are.
    let before = snapshot(&server);
    let (status, out, err) = add("xavier", "Maison", "xx");
    assert!(!status.success(), "--language xx succeeded: {out}");
    assert!(err.contains("`xx`") && err.contains("en, de"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(snapshot(&server), before);

    let (status, help, _) = run_cli(&["user", "add", "--help"], None);
    assert!(status.success());
    assert!(help.contains("--language <CODE>"), "{help}");
}
