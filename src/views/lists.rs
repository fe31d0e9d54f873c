//! The list pages' views: all lists, one list (its rows grouped in aisle order), an item's
//! edit page and a list's delete page.

use askama::Template;

use super::*;

#[derive(Template)]
#[template(path = "lists.html")]
pub struct ListsPage {
    pub chrome: Chrome,
    pub open: Vec<ListSummary>,
    pub archived: Vec<ListSummary>,
    pub name: String,
    pub error: Option<String>,
}

/// An item as shown on the list page.
pub struct ItemView<'a> {
    pub id: ItemId,
    pub image: Option<&'a str>,
    pub name: &'a str,
    pub amount: String,
    pub note: Option<&'a str>,
    pub checked: bool,
    /// Where app.js places the row when it changes: its category ("" for none) and its
    /// sort position within it.
    pub category: &'a str,
    pub position: i64,
}

impl<'a> ItemView<'a> {
    /// The row of `item`, its amount written in `lang` ("1,5 l", "3 Dosen").
    pub fn new(item: &'a Item, lang: Lang) -> ItemView<'a> {
        ItemView {
            id: item.id,
            image: item.image.as_deref(),
            name: &item.name,
            amount: lang.amount(item.quantity, item.unit.as_deref()),
            note: item.note.as_deref(),
            checked: item.checked,
            category: item.category.as_deref().unwrap_or(""),
            position: item.position,
        }
    }
}

#[derive(Default)]
pub struct Group<'a> {
    /// The category's name, or the page language's "Other" for the items without one.
    pub name: Cow<'a, str>,
    /// The category's name, or "" for the items without one.
    pub key: &'a str,
    pub items: Vec<ItemView<'a>>,
}

/// Groups open items by category in the given aisle order; checked items go to `done`.
/// Every category has its group, empty or not (the page shows those with items, and
/// gives app.js the order of all). Amounts are written in `lang`.
pub fn group_items<'a>(
    items: &'a [Item],
    order: &'a [Category],
    lang: Lang,
) -> (Vec<Group<'a>>, Vec<ItemView<'a>>) {
    let mut groups: Vec<Group> = order
        .iter()
        .map(|c| Group {
            name: Cow::Borrowed(&c.name),
            key: &c.name,
            items: Vec::new(),
        })
        .collect();
    let mut uncategorised = Vec::new();
    let mut done = Vec::new();
    for item in items {
        if item.checked {
            done.push(ItemView::new(item, lang));
            continue;
        }
        match item
            .category_id
            .and_then(|id| order.iter().position(|c| c.id == id))
        {
            Some(at) => groups[at].items.push(ItemView::new(item, lang)),
            None => uncategorised.push(ItemView::new(item, lang)),
        }
    }
    if !uncategorised.is_empty() {
        groups.push(Group {
            name: Cow::Owned(lang.category("Other")),
            key: "",
            items: uncategorised,
        });
    }
    (groups, done)
}

/// The words on every row of a list page, formatted once per page. The labels that name
/// an item end with its name, in every language (`rows.js` fills the blank row's the same
/// way), so a row appends the name to them.
pub struct RowWords {
    pub check_off: String,
    pub uncheck: String,
    pub edit: String,
    pub remove: String,
}

impl RowWords {
    pub fn new(lang: Lang) -> RowWords {
        RowWords {
            check_off: lang.get("list-check-off"),
            uncheck: lang.get("list-uncheck"),
            edit: lang.arg("list-edit-label", "name", ""),
            remove: lang.arg("list-remove-label", "name", ""),
        }
    }
}

#[derive(Template)]
#[template(path = "list.html")]
pub struct ListPage<'a> {
    pub chrome: Chrome,
    pub words: RowWords,
    pub list: List,
    pub groups: Vec<Group<'a>>,
    pub done: Vec<ItemView<'a>>,
    pub stores: Vec<Store>,
    pub suggestions: Vec<String>,
    pub text: String,
    pub error: Option<String>,
    /// Ids of just-deleted items, for the undo button ("1,2,3").
    pub undo: Option<(String, usize)>,
    pub total: crate::domain::price::Total,
    pub total_label: String,
    /// Saved products not on the list yet.
    pub staples: Vec<crate::db::products::Product>,
    /// Items bought regularly that are due again and not on the list.
    pub due: Vec<crate::db::rhythms::DueItem>,
    pub templates: Vec<crate::db::templates::Template>,
    /// What the viewer wants to be told about this list.
    pub watch: crate::db::watchers::Watch,
    /// The URL of `notify.js`, loaded by this page only.
    pub notify_script: String,
    /// The household's category names, in aisle order: the edit sheet's choices.
    pub categories: Vec<&'a str>,
    /// What the household calls each default category (`{"Dairy & Eggs": "Milchprodukte &
    /// Eier"}`), as JSON: the phone's reader names the dictionary's category by its key.
    pub builtins: String,
}

/// The `builtins` of a [`ListPage`]: each default category's key and the household's name
/// for it.
pub fn builtins(order: &[Category]) -> String {
    let named: std::collections::BTreeMap<&str, &str> = order
        .iter()
        .filter_map(|c| Some((c.builtin.as_deref()?, c.name.as_str())))
        .collect();
    serde_json::to_string(&named).unwrap_or_default()
}

impl ListPage<'_> {
    /// Room for the whole page (see `render_sized`): measured ~580 bytes per item (each
    /// row has its check button, edit link and remove button) and ~10 KB for the rest of
    /// a 60-item list (45 KB, with the rows' blank templates); a little more of each, so
    /// the buffer never grows.
    pub fn size_estimate(&self) -> usize {
        let items = self.done.len() + self.groups.iter().map(|g| g.items.len()).sum::<usize>();
        let chips = self.suggestions.len() + self.staples.len() + self.stores.len();
        let more = 384 * self.due.len() + 768 * self.templates.len();
        // The rest: ~10 KB of page, and the categories twice (the edit sheet, the phone).
        13 * 1024 + 600 * items + 128 * chips + more
    }

    /// Whether the list has no item to show.
    pub fn is_empty(&self) -> bool {
        self.done.is_empty() && self.groups.iter().all(|g| g.items.is_empty())
    }

    /// The household's categories in this list's aisle order, as JSON (`["Produce", …]`):
    /// where rows.js puts a group that was not on the page yet.
    pub fn category_order(&self) -> String {
        serde_json::to_string(&self.categories).unwrap_or_default()
    }

    /// The URL of the add box's reader (WebAssembly), which reader.js loads.
    pub fn reader_url(&self) -> String {
        assets::url(assets::READER)
    }

    /// The estimated total's words before and after its amount (shown in bold between
    /// them): ("Estimated total: ", "").
    pub fn total_parts(&self) -> (String, String) {
        around(self.chrome.t, "list-total", &[], "amount")
    }

    /// What a template's button reads out: "Add the template Weekly (12 items)".
    pub fn template_label(&self, template: &crate::db::templates::Template) -> String {
        self.chrome.t.with(
            "list-add-template",
            &[
                ("name", Arg::Text(&template.name)),
                ("n", template.items.len().into()),
            ],
        )
    }

    /// A saved template in the list's settings: "Template “Weekly”: milk, bread".
    pub fn template_text(&self, template: &crate::db::templates::Template) -> String {
        let items = template.items.join(", ");
        self.chrome.t.with(
            "list-template",
            &[
                ("name", Arg::Text(&template.name)),
                ("items", Arg::Text(&items)),
            ],
        )
    }

    /// What a due item's button reads out: "Add milk: every ~7 days, last bought …".
    pub fn due_label(&self, due: &crate::db::rhythms::DueItem) -> String {
        self.chrome.t.with(
            "list-due-add",
            &[("name", Arg::Text(&due.name)), ("why", Arg::Text(&due.why))],
        )
    }

    /// Decimals of the household's currency, for app.js to write the total as the page does.
    pub fn total_decimals(&self) -> u32 {
        crate::domain::money::decimals(&self.total.currency)
    }

    /// A row with every optional part present and no values: the `<template>` app.js
    /// fills to render a row as the server does.
    pub fn blank_row(&self, checked: bool) -> ItemView<'static> {
        ItemView {
            id: ItemId(0),
            image: Some(""),
            name: "",
            amount: "0".into(),
            note: Some(""),
            checked,
            category: "",
            position: 0,
        }
    }
}

#[derive(Template)]
#[template(path = "item_edit.html")]
pub struct ItemEditPage {
    pub chrome: Chrome,
    pub list: List,
    pub item_id: ItemId,
    pub name: String,
    pub quantity: String,
    pub unit: String,
    pub note: String,
    pub category: Option<CategoryId>,
    pub categories: Vec<Category>,
    /// The units to choose from: canonical name (the value sent) and the word shown.
    pub units: Vec<(&'static str, String)>,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "list_delete.html")]
pub struct ListDeletePage {
    pub chrome: Chrome,
    pub list: List,
    pub items: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{categories, households, items, lists, stores};

    #[test]
    fn a_60_item_list_page_fits_its_size_estimate_without_much_to_spare() {
        let conn = crate::db::test_conn();
        let household = households::create(&conn, "Home", 0).expect("household");
        stores::create(&conn, household, "Corner shop").expect("store");
        let list = lists::create(&conn, household, "Weekly shop", 0).expect("list");
        let text: Vec<String> = (1..=60)
            .map(|i| format!("{i} kg organic grocery number {i} (the usual brand)"))
            .collect();
        let new = crate::domain::item::from_text(&text.join(", ")).expect("parses");
        let (_, added) = items::add(
            &conn,
            household,
            list,
            &new,
            crate::db::activity::Stamp::system(1),
        )
        .expect("add");
        for it in added.iter().step_by(5) {
            items::set_checked(
                &conn,
                household,
                list,
                it.id,
                true,
                crate::db::activity::Stamp::system(2),
            )
            .expect("check");
        }
        let all = items::for_list(&conn, household, list).expect("items");
        let order = categories::ordered(&conn, household, None).expect("categories");
        let (groups, done) = group_items(&all, &order, Lang::EN);
        let mut chrome = Chrome::bare("Weekly shop", Lang::EN);
        chrome.csrf = "q2Xb7mJ0cWkQ1yq4a6TQ6aGdq2f3bMZr".into();
        chrome.username = Some("sam".into());
        let page = ListPage {
            words: RowWords::new(chrome.t),
            chrome,
            list: lists::get(&conn, household, list).expect("list"),
            groups,
            done,
            stores: stores::list(&conn, household).expect("stores"),
            suggestions: (1..=8).map(|i| format!("favourite {i}")).collect(),
            text: String::new(),
            error: None,
            undo: None,
            total: crate::domain::price::Total {
                amount_minor: 0,
                currency: "EUR".into(),
                priced: 0,
                unpriced: 60,
            },
            total_label: String::new(),
            staples: Vec::new(),
            due: (1..=3)
                .map(|i| crate::db::rhythms::DueItem {
                    name: format!("staple number {i}"),
                    why: "every ~7 days, last bought 8 days ago".into(),
                    interval_days: 7.0,
                    last_bought_ms: 0,
                    due_ms: 0,
                })
                .collect(),
            templates: (1..=2)
                .map(|i| crate::db::templates::Template {
                    id: crate::ids::TemplateId(i),
                    name: format!("Template {i}"),
                    items: (1..=12).map(|n| format!("item {n}")).collect(),
                })
                .collect(),
            watch: Default::default(),
            notify_script: assets::url("notify.js"),
            categories: order.iter().map(|c| c.name.as_str()).collect(),
            builtins: builtins(&order),
        };
        let estimate = page.size_estimate();
        let html = render_sized(&page, estimate).expect("renders").0;
        assert_eq!(all.len(), 60);
        for item in [&all[0], &all[5]] {
            let remove = Lang::EN.arg("list-remove-label", "name", item.name.as_str());
            assert!(
                html.contains(&format!("aria-label=\"{remove}\"")),
                "{remove}"
            );
        }
        // Fits, so the buffer never grew.
        assert!(html.len() <= estimate, "{} > {estimate}", html.len());
        assert!(
            estimate < html.len() * 3 / 2,
            "{estimate} for {}",
            html.len()
        );
    }

    #[test]
    fn a_rows_labels_are_its_words_then_the_items_name_in_every_language() {
        for lang in Lang::all() {
            let words = RowWords::new(lang);
            let name = "2 % Milch <fettarm>";
            for (id, start) in [
                ("list-edit-label", &words.edit),
                ("list-remove-label", &words.remove),
            ] {
                assert_eq!(
                    lang.arg(id, "name", name),
                    format!("{start}{name}"),
                    "{lang} {id}"
                );
            }
        }
    }
}
