//! Setup asks the household's currency, suggested from the browser's region (issue 20);
//! a code that is not three letters is refused and nothing is created.

use crate::common::*;

fn currency(server: &Server) -> String {
    sqlite(server)
        .query_row("SELECT currency FROM households", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn setup_asks_the_currency_suggested_by_the_browsers_region() {
    let server = Server::start();
    let token = server.setup_token();
    let visitor = server.client();
    let page = |languages: Option<&str>| {
        let headers: Vec<(&str, &str)> = languages
            .map(|l| vec![("Accept-Language", l)])
            .unwrap_or_default();
        let page = visitor.send("GET", &format!("/setup?token={token}"), &headers, None);
        assert_eq!(page.status, 200, "{}", page.describe());
        page.body
    };
    let field = |currency: &str| {
        format!(r#"<input id="currency" name="currency" value="{currency}" required"#)
    };
    assert!(page(Some("de-CH,de;q=0.9")).contains(&field("CHF")));
    assert!(page(Some("en-GB,en;q=0.8")).contains(&field("GBP")));
    assert!(page(Some("en")).contains(&field("EUR")), "no region: EUR");
    assert!(page(None).contains(&field("EUR")));

    let submit = |currency: &str| {
        visitor.submit(
            "/setup",
            &[
                ("token", &token),
                ("household", "The Smiths"),
                ("currency", currency),
                ("username", "alice"),
                ("password", PASSWORD),
            ],
        )
    };
    let refused = submit("EURO");
    assert_refused(&refused, 422, "a four-letter currency");
    assert!(
        refused
            .message()
            .contains("not a currency code such as EUR"),
        "{}",
        refused.message()
    );
    assert!(
        refused.body.contains(&field("EURO")),
        "what was typed is kept"
    );
    assert_eq!(db_count(&server, "SELECT count(*) FROM households"), 0);

    assert_eq!(submit(" gbp ").redirected(), "/");
    assert_eq!(currency(&server), "GBP");
    let household = visitor.get("/household").body;
    assert!(household.contains(r#"id="currency" name="currency" value="GBP""#));
}
