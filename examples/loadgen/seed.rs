//! The dataset: grocery words, and the bulk history written straight into the SQLite
//! file (schema of src/db/migrations) while the server is not running. The live lists
//! are made through the API instead, so they are parsed and categorised like real ones.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, params};

/// Grocery names the built-in dictionary knows (most of them), none a unit or a number.
pub const GROCERIES: &[&str] = &[
    "milk",
    "bread",
    "eggs",
    "butter",
    "cheddar cheese",
    "greek yogurt",
    "apples",
    "bananas",
    "carrots",
    "potatoes",
    "onions",
    "garlic",
    "tomatoes",
    "cucumbers",
    "lettuce",
    "spinach",
    "broccoli",
    "bell peppers",
    "lemons",
    "limes",
    "oranges",
    "strawberries",
    "blueberries",
    "grapes",
    "avocados",
    "mushrooms",
    "zucchini",
    "chicken breast",
    "ground beef",
    "salmon fillets",
    "bacon",
    "ham",
    "sausages",
    "tofu",
    "rice",
    "pasta",
    "flour",
    "sugar",
    "olive oil",
    "canned tomatoes",
    "black beans",
    "chickpeas",
    "peanut butter",
    "strawberry jam",
    "honey",
    "rolled oats",
    "cereal",
    "coffee",
    "black tea",
    "orange juice",
    "sparkling water",
    "beer",
    "red wine",
    "tortilla chips",
    "crackers",
    "dark chocolate",
    "cookies",
    "ice cream",
    "frozen peas",
    "frozen pizza",
    "toilet paper",
    "paper towels",
    "dish soap",
    "laundry detergent",
    "trash bags",
    "shampoo",
    "toothpaste",
    "deodorant",
    "diapers",
    "baby wipes",
    "cat food",
    "dog food",
    "cat litter",
    "mayonnaise",
    "ketchup",
    "mustard",
    "soy sauce",
    "vinegar",
    "sea salt",
    "black pepper",
    "cinnamon",
    "basil",
    "parsley",
    "cilantro",
    "ginger",
    "celery",
    "sweet potatoes",
    "corn tortillas",
    "hummus",
    "cream cheese",
    "sour cream",
    "heavy cream",
    "mozzarella",
    "parmesan",
];

const BRANDS: &[&str] = &[
    "Acme",
    "Green Valley",
    "Sunny Farm",
    "Nordic Gold",
    "Blue Hill",
    "Old Mill",
    "Happy Hen",
    "Riverside",
    "Mountain Fresh",
    "Golden Field",
    "Little Oak",
    "Harvest Moon",
    "Coastal",
    "Prairie",
    "Evergreen",
    "Maple Lane",
    "Silver Spoon",
    "Red Barn",
    "Wild Meadow",
    "Stonebridge",
];

const VARIANTS: &[&str] = &[
    "organic",
    "family pack",
    "light",
    "classic",
    "value",
    "extra",
];

/// A small deterministic generator (splitmix64): the same dataset on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// The add-form text for a list of `n` distinct items in assorted spellings
/// (`2 milk`, `500g flour`, `1 1/2 kg potatoes`, `bread (wholemeal)`…).
pub fn list_text(n: usize, offset: usize) -> String {
    (0..n.min(GROCERIES.len()))
        .map(|i| {
            let name = GROCERIES[(i + offset) % GROCERIES.len()];
            match i % 6 {
                0 => name.to_string(),
                1 => format!("2 {name}"),
                2 => format!("500g {name}"),
                3 => format!("1 1/2 kg {name}"),
                4 => format!("{name} (organic)"),
                _ => format!("3 x {name}"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What someone types into the add box: three items, e.g. `2 cups milk, 1 loaf bread, 3 eggs`.
pub fn add_text(rng: &mut Rng) -> String {
    let units = ["", "kg ", "cups ", "packs ", "g "];
    (0..3)
        .map(|_| {
            let name = GROCERIES[rng.below(GROCERIES.len())];
            let q = 1 + rng.below(3);
            let unit = units[rng.below(units.len())];
            format!("{q} {unit}{name}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the bulk seed went.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Seeded {
    pub history_items: u64,
    pub archived_lists: u64,
    pub products: u64,
    /// True when the products went into the `products` catalogue table; false when the
    /// schema had none and they were written as household item history instead.
    pub products_in_catalogue: bool,
    /// Names in the household history (autocomplete), per household summed.
    pub history_names: u64,
    /// Products named like every other grocery of the lists (items added with that name
    /// link to them), with `prices` observations in all: the lists' estimated totals.
    pub priced_products: u64,
    pub prices: u64,
    pub seconds: f64,
}

fn open(db: &Path) -> Result<Connection, String> {
    let conn = Connection::open(db).map_err(|e| format!("open {}: {e}", db.display()))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF;
         PRAGMA busy_timeout = 5000;",
    )
    .map_err(|e| e.to_string())?;
    Ok(conn)
}

fn sql(e: rusqlite::Error) -> String {
    format!("seeding: {e}")
}

/// The households of users `bench0..`, in that order.
pub fn households(db: &Path, usernames: &[String]) -> Result<Vec<i64>, String> {
    let conn = open(db)?;
    usernames
        .iter()
        .map(|u| {
            conn.query_row(
                "SELECT household_id FROM users WHERE username = ?1",
                [u],
                |r| r.get(0),
            )
            .map_err(|e| format!("user {u}: {e}"))
        })
        .collect()
}

/// Archived lists of 60 checked items (`items` in all, spread over the households), the
/// households' typing history, and `products` products in their catalogues.
pub fn history(db: &Path, households: &[i64], items: u64, products: u64) -> Result<Seeded, String> {
    let t0 = std::time::Instant::now();
    let mut conn = open(db)?;
    let mut rng = Rng::new(7);
    let now = now_ms();
    let tx = conn.transaction().map_err(sql)?;
    let mut seeded = Seeded::default();
    let h_count = households.len().max(1) as u64;
    for (hi, &h) in households.iter().enumerate() {
        let share = items / h_count + u64::from((hi as u64) < items % h_count);
        seeded.archived_lists += archive(&tx, h, share, 0, &mut rng, now)?;
        seeded.history_items += share;
        let products_share = products / h_count + u64::from((hi as u64) < products % h_count);
        let (written, in_table) = record_products(&tx, h, products_share, hi, &mut rng, now)?;
        seeded.products += written;
        seeded.products_in_catalogue = in_table;
        seeded.history_names += record_history(&tx, h, &mut rng, now)?;
        let (products, prices) = record_priced_groceries(&tx, h, &mut rng, now)?;
        seeded.priced_products += products;
        seeded.prices += prices;
    }
    tx.commit().map_err(sql)?;
    settle(db, &conn)?;
    seeded.seconds = t0.elapsed().as_secs_f64();
    Ok(seeded)
}

/// Adds archived lists of checked items to `household` until the database file holds at
/// least `target` bytes: years of history, with notes. Returns the file size.
pub fn grow(db: &Path, household: i64, target: u64) -> Result<u64, String> {
    let mut conn = open(db)?;
    let mut rng = Rng::new(11);
    let now = now_ms();
    for _round in 0..400 {
        let size = file_size(&conn)?;
        if size >= target {
            break;
        }
        let tx = conn.transaction().map_err(sql)?;
        archive(&tx, household, 30_000, 120, &mut rng, now)?;
        tx.commit().map_err(sql)?;
    }
    settle(db, &conn)?;
    file_size(&conn)
}

/// Checkpoints and syncs the seeded database (written with `synchronous = OFF`): unsynced
/// pages would make the server's first checkpoint stall every commit behind it.
fn settle(db: &Path, conn: &Connection) -> Result<(), String> {
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .map_err(sql)?;
    std::fs::File::open(db)
        .and_then(|f| f.sync_all())
        .map_err(|e| format!("sync {}: {e}", db.display()))
}

fn file_size(conn: &Connection) -> Result<u64, String> {
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .map_err(sql)?;
    let size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .map_err(sql)?;
    Ok(u64::try_from(pages * size).unwrap_or(0))
}

/// `items` checked items in archived lists of 60; `note_len` > 0 gives each a note.
fn archive(
    tx: &Connection,
    household: i64,
    items: u64,
    note_len: usize,
    rng: &mut Rng,
    now: i64,
) -> Result<u64, String> {
    let categories: Vec<i64> = tx
        .prepare("SELECT id FROM categories WHERE household_id = ?1 ORDER BY position")
        .and_then(|mut s| {
            s.query_map([household], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()
        })
        .map_err(sql)?;
    let mut new_list = tx
        .prepare_cached(
            "INSERT INTO lists (household_id, name, archived, version, created_ms, updated_ms)
             VALUES (?1, ?2, 1, ?3, ?4, ?4)",
        )
        .map_err(sql)?;
    let mut new_item = tx
        .prepare_cached(
            "INSERT INTO items (list_id, name, quantity, unit, note, category_id, checked,
                                position, version, deleted, created_ms, updated_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, 0, ?9, ?10)",
        )
        .map_err(sql)?;
    let units = [
        None,
        Some("kg"),
        Some("g"),
        Some("l"),
        Some("pack"),
        Some("bottle"),
    ];
    let note_words = [
        "organic",
        "the big one",
        "on sale",
        "for Sunday",
        "ask at the counter",
        "no sugar",
        "store brand",
        "if fresh",
    ];
    let mut lists = 0;
    let mut left = items;
    let mut week: i64 = 0;
    while left > 0 {
        let n = left.min(60);
        week += 1;
        let created = now - week * 7 * 86_400_000;
        new_list
            .execute(params![
                household,
                format!("Week {week}"),
                (2 * n) as i64,
                created
            ])
            .map_err(sql)?;
        let list = tx.last_insert_rowid();
        for pos in 0..n {
            let name = GROCERIES[rng.below(GROCERIES.len())];
            let quantity = (rng.below(3) > 0).then(|| (1 + rng.below(6)) as f64);
            let unit = units[rng.below(units.len())];
            let note = (note_len > 0).then(|| {
                let mut s = String::new();
                while s.len() < note_len {
                    if !s.is_empty() {
                        s.push(' ');
                    }
                    s.push_str(note_words[rng.below(note_words.len())]);
                }
                s
            });
            let category = categories.get(rng.below(categories.len())).copied();
            let changed = created + (pos as i64) * 60_000;
            new_item
                .execute(params![
                    list,
                    name,
                    quantity,
                    unit,
                    note,
                    category,
                    pos as i64,
                    (n + pos + 1) as i64,
                    created,
                    changed
                ])
                .map_err(sql)?;
        }
        left -= n;
        lists += 1;
    }
    Ok(lists)
}

/// The name of product `i` of a household: `{brand} {grocery} {variant}`, unique per household.
fn product_name(i: usize, salt: usize) -> (String, &'static str) {
    let combos = BRANDS.len() * GROCERIES.len() * VARIANTS.len();
    // 7919 is prime and does not divide `combos`: i ↦ k is a permutation.
    let k = (i * 7919 + salt * 104_729) % combos;
    let brand = BRANDS[k % BRANDS.len()];
    let product = GROCERIES[(k / BRANDS.len()) % GROCERIES.len()];
    let variant = VARIANTS[(k / BRANDS.len() / GROCERIES.len()) % VARIANTS.len()];
    let name = if i < combos {
        format!("{product} {variant}")
    } else {
        format!("{product} {variant} {i}")
    };
    (name, brand)
}

/// A valid EAN-13 (the check digit computed) from a 12-digit number.
fn ean13(n: u64) -> String {
    let digits = format!("{:012}", n % 1_000_000_000_000);
    let sum: u32 = digits
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i.is_multiple_of(2) { 1 } else { 3 })
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

/// Whether the schema has table `name` (the seed also runs against older builds).
fn has_table(tx: &Connection, name: &str) -> Result<bool, String> {
    tx.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get(0),
    )
    .map_err(sql)
}

/// `n` products in the household's catalogue (`products`, from a lookup), or — on a
/// schema without that table — as named household history. True when the table was used.
fn record_products(
    tx: &Connection,
    household: i64,
    n: u64,
    salt: usize,
    rng: &mut Rng,
    now: i64,
) -> Result<(u64, bool), String> {
    let mut written = 0;
    if has_table(tx, "products")? {
        let mut stmt = tx
            .prepare_cached(
                "INSERT OR IGNORE INTO products (household_id, barcode, name, brand, quantity_label,
                     source, saved, created_ms, updated_ms, refreshed_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'off', ?6, ?7, ?7, ?7)",
            )
            .map_err(sql)?;
        let sizes = ["500 g", "1 l", "250 g", "6 x 330 ml", "1 kg", "400 g"];
        for i in 0..n as usize {
            let (name, brand) = product_name(i, salt);
            let barcode = ean13(400_000_000_000 + (salt as u64) * 1_000_000 + i as u64);
            let size = sizes[rng.below(sizes.len())];
            let saved = rng.below(20) == 0;
            let at = now - rng.below(365) as i64 * 86_400_000;
            written += stmt
                .execute(params![household, barcode, name, brand, size, saved, at])
                .map_err(sql)? as u64;
        }
        return Ok((written, true));
    }
    let mut stmt = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO item_history (household_id, name_key, name, uses, last_used_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(sql)?;
    for i in 0..n as usize {
        let (name, brand) = product_name(i, salt);
        let name = format!("{brand} {name}");
        let key = aisle::domain::category::name_key(&name);
        let uses = 1 + rng.below(40) as i64;
        let last = now - rng.below(365) as i64 * 86_400_000;
        written += stmt
            .execute(params![household, key, name, uses, last])
            .map_err(sql)? as u64;
    }
    Ok((written, false))
}

/// What the household has typed before (the autocomplete): every grocery word, used a few
/// to a hundred times.
fn record_history(tx: &Connection, household: i64, rng: &mut Rng, now: i64) -> Result<u64, String> {
    let mut stmt = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO item_history (household_id, name_key, name, uses, last_used_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(sql)?;
    let mut written = 0;
    for name in GROCERIES {
        let key = aisle::domain::category::name_key(name);
        let uses = 1 + rng.below(100) as i64;
        let last = now - rng.below(90) as i64 * 86_400_000;
        written += stmt
            .execute(params![household, key, name, uses, last])
            .map_err(sql)? as u64;
    }
    Ok(written)
}

/// Price observations per priced product: fortnightly for a year.
const PRICES_PER_PRODUCT: i64 = 26;

/// Every other grocery of the lists as a product of the household's catalogue (as after it
/// scanned its usual milk), each with a year of fortnightly prices, so that the list pages'
/// items link to products (by name, when they are added) and their estimated totals have
/// prices to find. Nothing on a schema without prices. Returns (products, prices).
fn record_priced_groceries(
    tx: &Connection,
    household: i64,
    rng: &mut Rng,
    now: i64,
) -> Result<(u64, u64), String> {
    if !has_table(tx, "prices")? {
        return Ok((0, 0));
    }
    let currency: String = tx
        .query_row(
            "SELECT currency FROM households WHERE id = ?1",
            [household],
            |r| r.get(0),
        )
        .map_err(sql)?;
    let mut product = tx
        .prepare_cached(
            "INSERT INTO products (household_id, name, source, created_ms, updated_ms)
             VALUES (?1, ?2, 'manual', ?3, ?3)",
        )
        .map_err(sql)?;
    let mut price = tx
        .prepare_cached(
            "INSERT INTO prices (household_id, product_id, place, amount_minor, currency,
                 observed_on, source, external_id, created_ms)
             VALUES (?1, ?2, 'Bench market', ?3, ?4, ?5, 'open_prices', ?6, ?7)",
        )
        .map_err(sql)?;
    let (mut products, mut prices) = (0, 0);
    for name in GROCERIES.iter().step_by(2) {
        product
            .execute(params![household, name, now])
            .map_err(sql)?;
        let id = tx.last_insert_rowid();
        products += 1;
        let base = 50 + rng.below(900) as i64;
        for k in 0..PRICES_PER_PRODUCT {
            let at = now - k * 14 * 86_400_000;
            let day = chrono::DateTime::from_timestamp_millis(at)
                .map(|t| t.date_naive().to_string())
                .ok_or("a price date out of range")?;
            let amount = base + rng.below(40) as i64 - 20;
            prices += price
                .execute(params![
                    household,
                    id,
                    amount,
                    currency,
                    day,
                    format!("bench-{id}-{k}"),
                    now
                ])
                .map_err(sql)? as u64;
        }
    }
    Ok((products, prices))
}
