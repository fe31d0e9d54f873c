//! Moving in from other apps (issue 22): the household page's Import and `aisle import
//! --from KIND` read a spreadsheet, Home Assistant's shopping list, iCalendar to-dos, a
//! Google Keep note or a pasted list into lists and history, say what they added and what
//! they left out, and refuse a file they cannot read with a sentence, changing nothing.

use crate::common::{self, Client, Server, run_cli, snapshot};

/// The household page's import form, sent as a browser sends it: `fields`, then the file.
fn post_import(
    client: &Client,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> common::Resp {
    let token = client.csrf("/household");
    let boundary = "----aisle-moving-in";
    let mut body = Vec::new();
    for (name, value) in [("csrf_token", token.as_str())].iter().chain(fields) {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (filename, bytes) = file.unwrap_or(("", b""));
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let origin = client.origin();
    client.send(
        "POST",
        "/household/import",
        &[("Origin", origin.as_str())],
        Some((&format!("multipart/form-data; boundary={boundary}"), body)),
    )
}

fn upload(client: &Client, kind: &str, filename: &str, bytes: &[u8]) -> common::Resp {
    post_import(client, &[("kind", kind)], Some((filename, bytes)))
}

/// The household's lists by name, each with its items as the list shows them.
fn lists(client: &Client) -> Vec<(String, Vec<String>)> {
    let all = client.get("/api/v1/lists").json();
    all.as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let items = client
                .items(l["id"].as_i64().unwrap())
                .iter()
                .map(|i| {
                    let quantity = i["quantity"].as_f64().map(|q| format!("{q} "));
                    let unit = i["unit"].as_str().map(|u| format!("{u} "));
                    format!(
                        "{}{}{} [{}]",
                        quantity.unwrap_or_default(),
                        unit.unwrap_or_default(),
                        i["name"].as_str().unwrap(),
                        i["category"].as_str().unwrap_or("")
                    )
                })
                .collect();
            (l["name"].as_str().unwrap().to_string(), items)
        })
        .collect()
}

#[test]
fn the_import_page_reads_a_spreadsheet_into_lists_and_history() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let csv = "Item,Qty,Unit,Notes,Category,List,Done\n\
               Milk,2,l,,Dairy & Eggs,Weekly,\n\
               Sourdough,,,sliced,My bakery,Weekly,\n\
               Coffee beans,,,,,Weekly,yes\n\
               Rice,lots,kg,,,Weekly,\n\
               Candles,12,,,,Party,\n";
    let resp = upload(&anna, "csv", "groceries.csv", csv.as_bytes());
    assert_eq!(resp.status, 303, "{}", resp.describe());
    let home = anna.get(resp.redirected()).body;
    assert!(
        home.contains("Imported 2 lists with 3 items")
            && home.contains("Left out: “Rice” (“lots” is not a quantity)."),
        "{home}"
    );
    assert_eq!(
        lists(&anna),
        [
            (
                "Party".to_string(),
                vec!["12 Candles [Household]".to_string()]
            ),
            (
                "Weekly".to_string(),
                vec![
                    "2 l Milk [Dairy & Eggs]".to_string(),
                    "Sourdough [My bakery]".to_string()
                ]
            ),
        ]
    );
    // The done row is history: it is suggested.
    let suggested = anna.get("/api/v1/suggestions?q=cof").json();
    assert_eq!(suggested, serde_json::json!(["Coffee beans"]));
}

#[test]
fn a_file_the_page_cannot_read_adds_nothing_and_says_why() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    anna.create_list("Weekly");
    let before = snapshot(&server);
    let ha = br#"[{"name": "milk", "id": "1", "complete": false}]"#;
    for (kind, bytes, why) in [
        ("text", &[0xff_u8, 0xfe, 0x00][..], "not text"),
        ("google-keep", &ha[..], "not a Google Keep note"),
        (
            "ical",
            &b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"[..],
            "no to-dos",
        ),
        (
            "text",
            &b"0 eggs\n()\n"[..],
            "no line of the file could be read",
        ),
        ("anylist", &ha[..], "choose what the file is"),
    ] {
        let resp = upload(&anna, kind, "x.json", bytes);
        assert_eq!(resp.status, 422, "{kind}: {}", resp.describe());
        let said = resp.body.to_lowercase();
        assert!(
            said.contains(&why.to_lowercase()) && said.contains("nothing was imported"),
            "{kind}: {}",
            resp.body
        );
        assert_eq!(snapshot(&server), before, "{kind} changed nothing");
    }
    // Members other than admins cannot import.
    let ben = server.user_client("ben", "Smiths", false);
    let before = snapshot(&server);
    assert_eq!(upload(&ben, "home-assistant", "x.json", ha).status, 403);
    assert_eq!(snapshot(&server), before);
}

#[test]
fn aisle_import_from_home_assistant_ical_and_keep() {
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let dir = tempfile::tempdir().unwrap();
    let data = server.data_dir().to_str().unwrap().to_string();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let ha = write(
        ".shopping_list.json",
        r#"[{"name": "2 cups milk", "id": "a", "complete": false},
            {"name": "bread", "id": "b", "complete": true}]"#,
    );
    let ics = write(
        "tasks.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Groceries\r\nBEGIN:VTODO\r\nUID:1\r\n\
         SUMMARY:3 lemons\r\nDESCRIPTION:unwaxed\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
    );
    let keep = write(
        "Shopping.json",
        r#"{"title": "Hardware", "isTrashed": false,
            "listContent": [{"text": "2 light bulbs", "isChecked": false}]}"#,
    );
    let events = write(
        "events.ics",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let before = snapshot(&server);
    let (status, _, stderr) = run_cli(
        &[
            "import",
            "--data-dir",
            &data,
            "--household",
            "Smiths",
            "--from",
            "ical",
            &events,
        ],
        None,
    );
    assert!(!status.success());
    assert!(
        stderr.contains("no to-dos") && stderr.contains("nothing was imported"),
        "{stderr}"
    );
    assert_eq!(snapshot(&server), before);
    let (status, _, stderr) = run_cli(
        &[
            "import",
            "--data-dir",
            &data,
            "--household",
            "Smiths",
            "--from",
            "anylist",
            &ha,
        ],
        None,
    );
    assert!(!status.success());
    assert!(
        stderr.contains(
            "aisle imports aisle, text, csv, home-assistant, ical, google-keep, grocy, mealie, \
             kitchenowl, tandoor"
        ),
        "{stderr}"
    );

    for (kind, file) in [
        ("home-assistant", &ha),
        ("ical", &ics),
        ("google-keep", &keep),
    ] {
        let (status, stdout, stderr) = run_cli(
            &[
                "import",
                "--data-dir",
                &data,
                "--household",
                "Smiths",
                "--from",
                kind,
                file,
            ],
            None,
        );
        assert!(status.success(), "{kind}: {stderr}");
        assert!(
            stdout.starts_with("Imported 1 list with 1 item"),
            "{kind}: {stdout}"
        );
    }
    let mut got = lists(&anna);
    got.sort();
    assert_eq!(
        got,
        [
            (
                "Groceries".to_string(),
                vec!["3 lemons [Produce]".to_string()]
            ),
            (
                "Hardware".to_string(),
                vec!["2 light bulbs [Household]".to_string()]
            ),
            (
                "Shopping list".to_string(),
                vec!["2 cup milk [Dairy & Eggs]".to_string()]
            ),
        ]
    );
}

/// Grocy and Mealie through their APIs (fakes of them on loopback, shaped as their API
/// docs show): lists with products, amounts, units, notes and groups or labels; a refused
/// token, an answer of another shape or an address nothing answers on changes nothing.
#[test]
fn aisle_import_from_grocy_and_mealie_through_their_apis() {
    use crate::fake::{Behaviour, Fake};
    use serde_json::json;
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let data = server.data_dir().to_str().unwrap().to_string();
    let grocy = Fake::start(&[
        (
            "/api/objects/shopping_lists",
            Behaviour::json(json!([{"id": 1, "name": "Weekly"}])),
        ),
        (
            "/api/objects/product_groups",
            Behaviour::json(json!([{"id": "2", "name": "Dairy & Eggs"}])),
        ),
        (
            "/api/objects/quantity_units",
            Behaviour::json(json!([{"id": 3, "name": "Pack", "name_plural": "Packs"}])),
        ),
        (
            "/api/objects/products",
            Behaviour::json(json!([{"id": "5", "name": "Milk", "product_group_id": "2"}])),
        ),
        (
            "/api/objects/shopping_list",
            Behaviour::json(json!([
                {"id": 1, "product_id": "5", "amount": "2", "qu_id": "3", "note": "lactose free",
                 "shopping_list_id": "1", "done": "0"},
                {"id": 2, "product_id": null, "amount": "1", "note": "2 kg potatoes",
                 "shopping_list_id": 1, "done": 0},
                {"id": 3, "product_id": 5, "amount": 1, "note": null, "shopping_list_id": 1, "done": 1}
            ])),
        ),
    ]);
    let mealie = Fake::start(&[
        (
            "/api/households/shopping/lists",
            Behaviour::json(json!({
            "page": 1, "per_page": -1, "total": 1, "total_pages": 1,
            "items": [{"id": "b1e2", "name": "Party"}]})),
        ),
        (
            "/api/households/shopping/lists/b1e2",
            Behaviour::json(json!({
            "id": "b1e2", "name": "Party", "listItems": [
                {"quantity": 3.0, "unit": {"name": "bottle"}, "food": {"name": "lemonade"},
                 "note": "", "checked": false, "label": {"name": "Beverages"}, "display": "3 bottle lemonade"},
                {"quantity": 0.0, "unit": null, "food": null, "note": "1 bag ice", "checked": false,
                 "label": null, "display": "1 bag ice"},
                {"quantity": 1.0, "unit": null, "food": {"name": "napkins"}, "note": "", "checked": true,
                 "label": null, "display": "napkins"}
            ]})),
        ),
    ]);
    let import = |kind: &str, url: &str, token: &str| {
        run_cli(
            &[
                "import",
                "--data-dir",
                &data,
                "--household",
                "Smiths",
                "--from",
                kind,
                "--url",
                url,
                "--token",
                token,
            ],
            None,
        )
    };

    // Refusals first: each a sentence, nothing changed.
    let before = snapshot(&server);
    let refused = Fake::start(&[("/api", Behaviour::Json(401, "{\"error\": \"no\"}".into()))]);
    let strange = Fake::start(&[("/api", Behaviour::Malformed)]);
    let nobody = format!("http://127.0.0.1:{}", common::free_port());
    for (kind, url, why) in [
        ("grocy", refused.base(), "Grocy refused the token"),
        ("mealie", strange.base(), "not what aisle expects"),
        ("kitchenowl", refused.base(), "KitchenOwl refused the token"),
        ("tandoor", strange.base(), "not what aisle expects"),
        ("grocy", nobody, "could not be reached"),
        (
            "grocy",
            "ftp://x".to_string(),
            "must start with http:// or https://",
        ),
    ] {
        let (status, _, stderr) = import(kind, &url, "t0ken");
        assert!(!status.success(), "{kind} {url}");
        assert!(
            stderr.contains(why) && stderr.contains("nothing was imported"),
            "{kind} {url}: {stderr}"
        );
        assert_eq!(snapshot(&server), before, "{kind} {url} changed nothing");
    }
    let (status, _, stderr) = run_cli(
        &[
            "import",
            "--data-dir",
            &data,
            "--household",
            "Smiths",
            "--from",
            "grocy",
        ],
        None,
    );
    assert!(
        !status.success() && stderr.contains("needs --url"),
        "{stderr}"
    );

    let (status, stdout, stderr) = import("grocy", &grocy.base(), "t0ken");
    assert!(status.success(), "{stderr}");
    assert!(
        stdout.starts_with("Imported 1 list with 2 items"),
        "{stdout}"
    );
    let (status, stdout, stderr) = import("mealie", &mealie.base(), "t0ken");
    assert!(status.success(), "{stderr}");
    assert!(
        stdout.starts_with("Imported 1 list with 2 items"),
        "{stdout}"
    );
    let mut got = lists(&anna);
    got.sort();
    assert_eq!(
        got,
        [
            (
                "Party".to_string(),
                vec![
                    "3 bottle lemonade [Beverages]".to_string(),
                    "1 bag ice [Frozen]".to_string()
                ]
            ),
            (
                "Weekly".to_string(),
                vec![
                    "2 pack Milk [Dairy & Eggs]".to_string(),
                    "2 kg potatoes [Produce]".to_string()
                ]
            ),
        ]
    );
    // Done and checked items are history, suggested from now on.
    assert_eq!(
        anna.get("/api/v1/suggestions?q=nap").json(),
        json!(["napkins"])
    );

    // The household page does the same, with the address and token in the form.
    let url = grocy.base();
    let resp = post_import(
        &anna,
        &[("kind", "grocy"), ("url", &url), ("token", "t0ken")],
        None,
    );
    assert_eq!(resp.status, 303, "{}", resp.describe());
    let home = anna.get(resp.redirected()).body;
    assert!(home.contains("Imported 1 list with 2 items"), "{home}");
    assert!(home.contains("“Weekly” already existed"), "{home}");
    let before = snapshot(&server);
    for fields in [
        vec![("kind", "grocy"), ("url", url.as_str()), ("token", "")],
        vec![("kind", "csv")],
    ] {
        let resp = post_import(&anna, &fields, None);
        assert_eq!(resp.status, 422, "{fields:?}: {}", resp.describe());
        assert!(resp.body.contains("nothing was imported"), "{}", resp.body);
    }
    assert_eq!(snapshot(&server), before);
}

/// KitchenOwl and Tandoor through their APIs (fakes on loopback): KitchenOwl's items with
/// their descriptions read as amounts or kept as notes; Tandoor's entries, paged, and its
/// supermarkets' category orders as stores.
#[test]
fn aisle_import_from_kitchenowl_and_tandoor_through_their_apis() {
    use crate::fake::{Behaviour, Fake};
    use serde_json::json;
    let server = Server::start();
    let anna = server.user_client("anna", "Smiths", true);
    let data = server.data_dir().to_str().unwrap().to_string();
    let owl = Fake::start(&[
        (
            "/api/household",
            Behaviour::json(json!([{"id": 7, "name": "Home"}])),
        ),
        (
            "/api/household/7/shoppinglist",
            Behaviour::json(json!([{"id": 3, "name": "Groceries"}])),
        ),
        (
            "/api/shoppinglist/3/items",
            Behaviour::json(json!([
                {"id": 1, "name": "Milk", "description": "2 l", "category": {"id": 1, "name": "Dairy & Eggs"}},
                {"id": 2, "name": "Bread", "description": "the seeded one", "category": null},
                {"id": 3, "name": "", "description": ""}
            ])),
        ),
    ]);
    let tandoor = Fake::start(&[
        (
            "/api/supermarket/",
            Behaviour::json(json!([{"id": 1, "name": "Corner shop",
            "category_to_supermarket": [
                {"category": {"name": "Bakery"}, "order": 1},
                {"category": {"name": "Produce"}, "order": 0}
            ]}])),
        ),
        (
            "/api/shopping-list-entry/",
            Behaviour::json(json!({"count": 3, "next": null, "results": [
                {"id": 1, "food": {"name": "carrots", "supermarket_category": {"name": "Produce"}},
                 "unit": {"name": "kg"}, "amount": 1.5, "checked": false},
                {"id": 2, "food": {"name": "flour", "supermarket_category": null},
                 "unit": null, "amount": 0, "checked": false},
                {"id": 3, "food": {"name": "yeast"}, "unit": null, "amount": 1, "checked": true}
            ]})),
        ),
    ]);
    let import = |kind: &str, url: &str| {
        run_cli(
            &[
                "import",
                "--data-dir",
                &data,
                "--household",
                "Smiths",
                "--from",
                kind,
                "--url",
                url,
                "--token",
                "t0ken",
            ],
            None,
        )
    };
    let (status, stdout, stderr) = import("kitchenowl", &owl.base());
    assert!(status.success(), "{stderr}");
    assert!(
        stdout.starts_with("Imported 1 list with 2 items"),
        "{stdout}"
    );
    let (status, stdout, stderr) = import("tandoor", &tandoor.base());
    assert!(status.success(), "{stderr}");
    assert!(
        stdout.starts_with("Imported 1 list with 2 items, 1 store"),
        "{stdout}"
    );
    let mut got = lists(&anna);
    got.sort();
    assert_eq!(
        got,
        [
            (
                "Groceries".to_string(),
                vec![
                    "2 l Milk [Dairy & Eggs]".to_string(),
                    "Bread [Bakery]".to_string()
                ]
            ),
            (
                "Shopping list".to_string(),
                vec![
                    "1.5 kg carrots [Produce]".to_string(),
                    "flour [Pantry]".to_string()
                ]
            ),
        ]
    );
    let notes = anna.items(lists_named(&anna, "Groceries"));
    assert_eq!(notes[1]["note"], "the seeded one");
    // The supermarket's order is the store's: Produce, then Bakery, then the rest.
    let household = anna.get("/household").body;
    let link = household
        .split("href=\"/stores/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a store link");
    let page = anna.get(&format!("/stores/{link}")).body;
    assert!(page.contains("Corner shop"), "{page}");
    let at = |name: &str| {
        page.find(&format!("data-name=\"{name}\""))
            .unwrap_or_else(|| panic!("{name}: {page}"))
    };
    assert!(
        at("Produce") < at("Bakery") && at("Bakery") < at("Dairy &#38; Eggs"),
        "{page}"
    );
}

fn lists_named(client: &Client, name: &str) -> i64 {
    client
        .get("/api/v1/lists")
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["name"] == name)
        .and_then(|l| l["id"].as_i64())
        .unwrap_or_else(|| panic!("no list {name}"))
}
