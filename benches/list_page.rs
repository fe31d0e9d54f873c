//! Rendering a 60-item list page (`aisle::views::lists::ListPage`), the way `GET /lists/{id}`
//! does after its queries: from a real (in-memory) database with migrations applied, the
//! items added through the parser, 10 of them checked off.
//! Run with `cargo bench --bench list_page`.

use std::collections::HashSet;
use std::hint::black_box;

use aisle::db::{categories, history, households, items, lists, migrate, prices, stores};
use aisle::domain::price::Total;
use aisle::domain::{item, money};
use aisle::ids::{HouseholdId, ListId};
use aisle::views::lists::{ListPage, RowWords, builtins, group_items};
use aisle::views::{self, Chrome};
use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::Connection;

const ITEMS: &str = "2 cups milk, 1 loaf bread, 12 eggs, 250g butter, cheddar cheese, greek yogurt,
apples, bananas, 1 kg carrots, 2 kg potatoes, onions, garlic, tomatoes (ripe), cucumbers,
lettuce, spinach, broccoli, bell peppers, lemons, limes, oranges, strawberries, blueberries,
grapes, avocados, mushrooms, zucchini, chicken breast, 500 g ground beef, salmon fillets,
bacon, ham, sausages, tofu, 1 kg rice, pasta, flour, sugar, olive oil, 2 cans chopped tomatoes,
black beans, chickpeas, peanut butter, strawberry jam, honey, rolled oats, cereal, coffee,
black tea, orange juice, sparkling water, beer, red wine, tortilla chips, crackers,
dark chocolate, cookies, ice cream, frozen peas, toilet paper";

struct Fixture {
    conn: Connection,
    household: HouseholdId,
    list: ListId,
}

fn fixture() -> Fixture {
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .expect("pragma");
    migrate::migrate(&mut conn).expect("migrations");
    let household = households::create(&conn, "Bench", 0).expect("household");
    stores::create(&conn, household, "Corner shop").expect("store");
    stores::create(&conn, household, "Supermarket").expect("store");
    let list = lists::create(&conn, household, "Weekly shop", 0).expect("list");
    let new = item::from_text(ITEMS).expect("the items parse");
    let (_, added) = items::add(
        &conn,
        household,
        list,
        &new,
        aisle::db::activity::Stamp::system(1),
    )
    .expect("add");
    assert_eq!(added.len(), 60, "60 items on the list");
    for it in added.iter().step_by(6) {
        items::set_checked(
            &conn,
            household,
            list,
            it.id,
            true,
            aisle::db::activity::Stamp::system(2),
        )
        .expect("check");
    }
    Fixture {
        conn,
        household,
        list,
    }
}

fn chrome(title: &str) -> Chrome {
    Chrome {
        title: title.to_string(),
        csrf: "q2Xb7mJ0cWkQ1yq4a6TQ6aGdq2f3bMZr".into(),
        username: Some("bench".into()),
        user_id: Some(aisle::ids::UserId(1)),
        is_admin: true,
        flash: None,
        css: aisle::views::assets::url("app.css"),
        scripts: aisle::views::assets::scripts(),
        icon: aisle::views::assets::url("icons/icon-192.png"),
        t: aisle::i18n::Lang::EN,
    }
}

/// What the handler reads from the database.
struct Read {
    list: lists::List,
    items: Vec<items::Item>,
    order: Vec<categories::Category>,
    stores: Vec<stores::Store>,
    suggestions: Vec<String>,
    total: Total,
    due: Vec<aisle::db::rhythms::DueItem>,
    templates: Vec<aisle::db::templates::Template>,
}

fn query(f: &Fixture) -> Read {
    let (h, id) = (f.household, f.list);
    let conn = &f.conn.unchecked_transaction().expect("read transaction");
    let list = lists::get(conn, h, id).expect("list");
    let items = items::for_list(conn, h, id).expect("items");
    let waiting: HashSet<String> = items
        .iter()
        .filter(|i| !i.checked)
        .map(|i| aisle::domain::category::name_key(&i.name))
        .collect();
    Read {
        order: aisle::db::aisle::order(conn, h, list.store_id)
            .expect("categories")
            .into_categories(),
        due: aisle::db::rhythms::due(conn, h, 0, &waiting, 6).expect("due"),
        templates: aisle::db::templates::all(conn, h).expect("templates"),
        stores: stores::list(conn, h).expect("stores"),
        suggestions: history::most_used_except(conn, h, &waiting, 8).expect("suggestions"),
        total: prices::total_of(conn, h, &items, list.store_id).expect("total"),
        items,
        list,
    }
}

/// The page from what the handler read: grouping in aisle order, then the view.
fn page(r: &Read) -> ListPage<'_> {
    let (groups, done) = group_items(&r.items, &r.order, aisle::i18n::Lang::EN);
    ListPage {
        builtins: builtins(&r.order),
        chrome: chrome(&r.list.name),
        words: RowWords::new(aisle::i18n::Lang::EN),
        list: r.list.clone(),
        groups,
        done,
        stores: r.stores.clone(),
        suggestions: r.suggestions.clone(),
        text: String::new(),
        error: None,
        undo: None,
        total_label: money::format(r.total.amount_minor, &r.total.currency),
        total: r.total.clone(),
        staples: Vec::new(),
        due: r.due.clone(),
        templates: r.templates.clone(),
        watch: Default::default(),
        notify_script: aisle::views::assets::url("notify.js"),
        categories: Vec::new(),
    }
}

/// As the handler renders: into a buffer sized for the whole page.
fn render(page: &ListPage<'_>) -> String {
    views::render_sized(page, page.size_estimate())
        .expect("render")
        .0
}

fn bench(c: &mut Criterion) {
    let f = fixture();
    let data = query(&f);
    let built = page(&data);
    let html = render(&built);
    assert!(html.contains("Weekly shop") && html.len() > 10_000);

    let mut g = c.benchmark_group("list_page_60_items");
    g.bench_function("render", |b| b.iter(|| render(black_box(&built))));
    // askama's own buffer (sized from the template's text), for comparison.
    g.bench_function("render, askama's buffer", |b| {
        b.iter(|| askama::Template::render(black_box(&built)))
    });
    g.bench_function("group + render", |b| {
        b.iter(|| render(&page(black_box(&data))))
    });
    g.bench_function("queries (in-memory SQLite) + group + render", |b| {
        b.iter(|| render(&page(&query(black_box(&f)))))
    });
    g.finish();
}

/// A store walked 20 times, 30 check-offs a trip (600: all the learning reads), in
/// categories of the household; the list page pays for this on every list using the store.
fn walked_store(f: &Fixture) -> aisle::ids::StoreId {
    let store = stores::create(&f.conn, f.household, "Walked").expect("store");
    let order = categories::ordered(&f.conn, f.household, None).expect("categories");
    let mut insert = f
        .conn
        .prepare(
            "INSERT INTO activity (household_id, list_id, item_id, user_id, kind, name,
                 name_key, category_id, store_id, at_ms)
             VALUES (?1, ?2, NULL, NULL, 'check', ?3, ?3, ?4, ?5, ?6)",
        )
        .expect("insert");
    for trip in 0..20i64 {
        for i in 0..30i64 {
            let category = order[(i as usize / 3) % order.len()].id;
            let at = trip * 86_400_000 + i * 30_000;
            insert
                .execute(rusqlite::params![
                    f.household,
                    f.list,
                    format!("item {i}"),
                    category,
                    store,
                    at
                ])
                .expect("check-off");
        }
    }
    store
}

fn learned_order(c: &mut Criterion) {
    let f = fixture();
    let store = walked_store(&f);
    let learned = aisle::db::aisle::order(&f.conn, f.household, Some(store)).expect("order");
    assert_eq!(learned.trips, 20);
    let mut g = c.benchmark_group("aisle_order");
    g.bench_function("no store (default order)", |b| {
        b.iter(|| aisle::db::aisle::order(&f.conn, f.household, None).expect("order"))
    });
    g.bench_function("a store learned from 600 check-offs", |b| {
        b.iter(|| {
            aisle::db::aisle::order(&f.conn, f.household, Some(black_box(store))).expect("order")
        })
    });
    g.finish();
}

criterion_group!(benches, bench, learned_order);
criterion_main!(benches);
