//! Every field of an import checked with the rules of the forms before anything is
//! written. The result is the document as it will be stored: names tidied, name keys
//! made afresh from their text, currencies upper-cased.

use std::collections::HashSet;
use std::fmt::Display;
use std::net::IpAddr;

use super::doc::{
    ExCategory, ExCorrection, ExHistory, ExItem, ExList, ExPrice, ExProduct, ExSecurityEntry,
    ExStore, ExTemplate, ExTemplateItem, Export, FORMAT, VERSION,
};
use crate::db::security_log::{Event, METHODS};
use crate::domain::category::name_key;
use crate::domain::units::Unit;
use crate::domain::{barcode, money, text};
use crate::error::{Error, Result};

/// Most times one history entry may say a name was added.
pub const MAX_USES: i64 = 1_000_000;
/// Longest Open Prices report id accepted.
pub const MAX_EXTERNAL_ID_CHARS: usize = 100;
/// 9999-12-31T23:59:59.999Z: the latest time an import may bring.
pub(super) const MAX_MS: i64 = 253_402_300_799_999;

const MAX_LISTS: usize = 1_000;
const MAX_ITEMS: usize = 100_000;
const MAX_STORES: usize = 200;
const MAX_CATEGORIES: usize = 200;
const MAX_HISTORY: usize = 100_000;
const MAX_CORRECTIONS: usize = 100_000;
const MAX_PRODUCTS: usize = 20_000;
const MAX_PRICES: usize = 200_000;
const MAX_TEMPLATES: usize = 1_000;
const MAX_SECURITY_LOG: usize = 100_000;

const PICTURE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/webp"];

fn refuse(place: &str, why: impl Display) -> Error {
    Error::invalid(format!("{place}: {why}"))
}

/// `Err` at `place` with `why` unless `ok`.
fn ensure<D: Display>(ok: bool, place: &str, why: impl FnOnce() -> D) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(refuse(place, why()))
    }
}

/// A short, printable rendering of text from the document for messages.
fn quoted(raw: &str) -> String {
    let mut s: String = raw
        .chars()
        .take(40)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if raw.chars().count() > 40 {
        s.push('…');
    }
    format!("“{s}”")
}

fn name(place: &str, what: &str, raw: &str) -> Result<String> {
    text::name(what, raw).map_err(|e| refuse(place, e))
}

fn opt_name(place: &str, what: &str, raw: &Option<String>) -> Result<Option<String>> {
    raw.as_deref().map(|s| name(place, what, s)).transpose()
}

fn within(place: &str, what: &str, value: i64, min: i64, max: i64) -> Result<i64> {
    ensure((min..=max).contains(&value), place, || {
        format!("{what} must be between {min} and {max} (got {value})")
    })?;
    Ok(value)
}

fn at_most(what: &str, count: usize, max: usize) -> Result<()> {
    if count > max {
        return Err(Error::invalid(format!(
            "too much at once: at most {max} {what} (the file has {count})"
        )));
    }
    Ok(())
}

/// Category names the document uses, each checked once.
struct Categories(HashSet<String>);

impl Categories {
    fn name(&mut self, place: &str, raw: &str) -> Result<String> {
        let n = name(place, "the category name", raw)?;
        self.0.insert(n.clone());
        Ok(n)
    }
}

/// Checks `doc` whole (`now`: the server's time); the first problem found is the error,
/// naming where it is.
pub(super) fn validated(doc: &Export, now: i64) -> Result<Export> {
    if doc.format != FORMAT {
        return Err(Error::invalid(format!(
            "this is not an aisle household export (format {})",
            quoted(&doc.format)
        )));
    }
    if doc.version > VERSION {
        return Err(Error::invalid(format!(
            "this export has version {}, newer than this aisle reads ({VERSION})",
            doc.version
        )));
    }
    if !doc.prices.is_empty() {
        return Err(Error::invalid(
            "the export has prices outside its products; each price belongs in its product's `prices`",
        ));
    }
    at_most("lists", doc.lists.len(), MAX_LISTS)?;
    let items = doc.lists.iter().map(|l| l.items.len()).sum();
    at_most("items", items, MAX_ITEMS)?;
    at_most("stores", doc.stores.len(), MAX_STORES)?;
    at_most("categories", doc.categories.len(), MAX_CATEGORIES)?;
    at_most("history entries", doc.history.len(), MAX_HISTORY)?;
    at_most(
        "category corrections",
        doc.corrections.len(),
        MAX_CORRECTIONS,
    )?;
    at_most("products", doc.products.len(), MAX_PRODUCTS)?;
    let prices = doc.products.iter().map(|p| p.prices.len()).sum();
    at_most("prices", prices, MAX_PRICES)?;
    at_most("templates", doc.templates.len(), MAX_TEMPLATES)?;
    let template_items = doc.templates.iter().map(|t| t.items.len()).sum();
    at_most("template items", template_items, MAX_ITEMS)?;

    let household = name("the household", "the household name", &doc.household)?;
    let currency = doc
        .currency
        .as_deref()
        .map(|c| currency("the household's currency", c))
        .transpose()?;
    let mut cats = Categories(HashSet::new());
    let mut categories = Vec::with_capacity(doc.categories.len());
    for (n, c) in doc.categories.iter().enumerate() {
        let place = format!("category {} ({})", n + 1, quoted(&c.name));
        let name = cats.name(&place, &c.name)?;
        let twice = categories.iter().any(|k: &ExCategory| k.name == name);
        ensure(!twice, &place, || "the export names this category twice")?;
        let position = within(&place, "the position", c.position, 0, text::MAX_POSITION)?;
        categories.push(ExCategory { name, position });
    }
    let stores = check_stores(doc, &mut cats)?;
    let store_names: HashSet<&str> = stores.iter().map(|s| s.name.as_str()).collect();
    let products = check_products(doc, &store_names)?;
    let lists = check_lists(doc, &store_names, products.len(), &mut cats)?;
    let mut history = Vec::with_capacity(doc.history.len());
    for (n, h) in doc.history.iter().enumerate() {
        let place = format!("history entry {} ({})", n + 1, quoted(&h.name));
        history.push(ExHistory {
            name: name(&place, "the name", &h.name)?,
            uses: within(&place, "the number of uses", h.uses, 0, MAX_USES)?,
            last_used_ms: within(&place, "the time last used", h.last_used_ms, 0, MAX_MS)?,
        });
    }
    let mut corrections = Vec::with_capacity(doc.corrections.len());
    for (n, c) in doc.corrections.iter().enumerate() {
        let place = format!("category correction {} ({})", n + 1, quoted(&c.name_key));
        let key = name_key(&name(&place, "the item name", &c.name_key)?);
        let why = || "the item name has no letters or digits";
        ensure(!key.is_empty(), &place, why)?;
        corrections.push(ExCorrection {
            name_key: key,
            category: cats.name(&place, &c.category)?,
        });
    }
    if cats.0.len() > MAX_CATEGORIES {
        return Err(Error::invalid(format!(
            "too much at once: at most {MAX_CATEGORIES} different categories (the file uses {})",
            cats.0.len()
        )));
    }
    let templates = check_templates(doc)?;
    let security_log = check_security_log(doc, now)?;
    Ok(Export {
        format: FORMAT.into(),
        version: doc.version,
        exported_ms: doc.exported_ms,
        household,
        currency,
        categories,
        stores,
        lists,
        history,
        corrections,
        products,
        templates,
        security_log,
        prices: Vec::new(),
    })
}

/// A household's security log entries: events a household has, by the methods aisle logs,
/// from real addresses, not in the future (an export says what happened, not what will).
fn check_security_log(doc: &Export, now: i64) -> Result<Vec<ExSecurityEntry>> {
    at_most(
        "security log entries",
        doc.security_log.len(),
        MAX_SECURITY_LOG,
    )?;
    let mut entries = Vec::with_capacity(doc.security_log.len());
    for (n, e) in doc.security_log.iter().enumerate() {
        let place = format!("security log entry {}", n + 1);
        let event = e.event.parse::<Event>().ok();
        ensure(event.is_some(), &place, || {
            format!("{} is not an event aisle logs", quoted(&e.event))
        })?;
        let of_a_household = event.is_some_and(|e| !e.is_instance_only());
        ensure(of_a_household, &place, || {
            format!(
                "{} is logged by the instance, not by a household",
                quoted(&e.event)
            )
        })?;
        if let Some(m) = e.method.as_deref() {
            ensure(METHODS.contains(&m), &place, || {
                format!("{} is not a method aisle logs", quoted(m))
            })?;
        }
        let address = e
            .address
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty());
        if let Some(a) = address {
            ensure(a.parse::<IpAddr>().is_ok(), &place, || {
                format!("{} is not an IP address", quoted(a))
            })?;
        }
        entries.push(ExSecurityEntry {
            at_ms: within(&place, "the time", e.at_ms, 0, now)?,
            event: e.event.clone(),
            username: name(&place, "the username", &e.username)?,
            by: opt_name(&place, "the name of who did it", &e.by)?,
            method: e.method.clone(),
            address: address.map(str::to_string),
            success: e.success,
            detail: opt_name(&place, "the detail", &e.detail)?,
        });
    }
    Ok(entries)
}

fn check_templates(doc: &Export) -> Result<Vec<ExTemplate>> {
    let mut templates: Vec<ExTemplate> = Vec::with_capacity(doc.templates.len());
    for (n, t) in doc.templates.iter().enumerate() {
        let place = format!("template {} ({})", n + 1, quoted(&t.name));
        let called = name(&place, "the template name", &t.name)?;
        let twice = templates.iter().any(|k| k.name == called);
        ensure(!twice, &place, || "the export names this template twice")?;
        ensure(
            !t.items.is_empty(),
            &place,
            || "a template needs at least one item",
        )?;
        let mut items = Vec::with_capacity(t.items.len());
        for (m, i) in t.items.iter().enumerate() {
            let item_place = format!("{place}, item {} ({})", m + 1, quoted(&i.name));
            let quantity = i
                .quantity
                .map(text::quantity)
                .transpose()
                .map_err(|e| refuse(&item_place, e))?;
            if let Some(u) = &i.unit {
                let why = || format!("{} is not a unit aisle knows", quoted(u));
                ensure(Unit::from_canonical(u).is_some(), &item_place, why)?;
            }
            let note = match &i.note {
                Some(n) => text::note(n).map_err(|e| refuse(&item_place, e))?,
                None => None,
            };
            items.push(ExTemplateItem {
                name: name(&item_place, "the item name", &i.name)?,
                quantity,
                unit: i.unit.clone(),
                note,
            });
        }
        templates.push(ExTemplate {
            name: called,
            items,
        });
    }
    Ok(templates)
}

fn check_stores(doc: &Export, cats: &mut Categories) -> Result<Vec<ExStore>> {
    let mut stores: Vec<ExStore> = Vec::with_capacity(doc.stores.len());
    for (n, s) in doc.stores.iter().enumerate() {
        let place = format!("store {} ({})", n + 1, quoted(&s.name));
        let name = name(&place, "the store name", &s.name)?;
        let twice = stores.iter().any(|k| k.name == name);
        ensure(!twice, &place, || "the export names this store twice")?;
        at_most(
            "categories in a store's order",
            s.order.len(),
            MAX_CATEGORIES,
        )?;
        let order: Vec<String> = s
            .order
            .iter()
            .map(|c| cats.name(&place, c))
            .collect::<Result<_>>()?;
        let placed_by_hand = match &s.placed_by_hand {
            Some(hand) => {
                let mut kept = Vec::with_capacity(hand.len());
                for c in hand {
                    let c = cats.name(&place, c)?;
                    let why = || format!("{} is placed by hand but not in its order", quoted(&c));
                    ensure(order.contains(&c), &place, why)?;
                    kept.push(c);
                }
                Some(kept)
            }
            None => None,
        };
        stores.push(ExStore {
            name,
            order,
            placed_by_hand,
            locked: s.locked,
        });
    }
    Ok(stores)
}

fn store_ref(place: &str, raw: &Option<String>, stores: &HashSet<&str>) -> Result<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    let name = name(place, "the store name", raw)?;
    ensure(stores.contains(name.as_str()), place, || {
        format!("the store {} is not among the export's stores", quoted(raw))
    })?;
    Ok(Some(name))
}

fn check_lists(
    doc: &Export,
    stores: &HashSet<&str>,
    products: usize,
    cats: &mut Categories,
) -> Result<Vec<ExList>> {
    let mut lists = Vec::with_capacity(doc.lists.len());
    for (n, l) in doc.lists.iter().enumerate() {
        let list_place = format!("list {} ({})", n + 1, quoted(&l.name));
        let mut items = Vec::with_capacity(l.items.len());
        for (m, i) in l.items.iter().enumerate() {
            let place = format!("{list_place}, item {} ({})", m + 1, quoted(&i.name));
            items.push(check_item(&place, i, products, cats)?);
        }
        lists.push(ExList {
            name: name(&list_place, "the list name", &l.name)?,
            archived: l.archived,
            store: store_ref(&list_place, &l.store, stores)?,
            items,
        });
    }
    Ok(lists)
}

fn check_item(place: &str, i: &ExItem, products: usize, cats: &mut Categories) -> Result<ExItem> {
    let quantity = i
        .quantity
        .map(text::quantity)
        .transpose()
        .map_err(|e| refuse(place, e))?;
    if let Some(u) = &i.unit {
        let why = || format!("{} is not a unit aisle knows", quoted(u));
        ensure(Unit::from_canonical(u).is_some(), place, why)?;
    }
    let note = match &i.note {
        Some(n) => text::note(n).map_err(|e| refuse(place, e))?,
        None => None,
    };
    if let Some(p) = i.product {
        ensure(p < products, place, || {
            format!(
                "its product is number {p} of the export's products, which has {products} (counting from 0)"
            )
        })?;
    }
    Ok(ExItem {
        name: name(place, "the item name", &i.name)?,
        quantity,
        unit: i.unit.clone(),
        note,
        category: i
            .category
            .as_deref()
            .map(|c| cats.name(place, c))
            .transpose()?,
        checked: i.checked,
        position: within(place, "the position", i.position, 0, text::MAX_POSITION)?,
        product: i.product,
    })
}

fn check_products(doc: &Export, stores: &HashSet<&str>) -> Result<Vec<ExProduct>> {
    let mut barcodes = HashSet::new();
    let mut products = Vec::with_capacity(doc.products.len());
    for (n, p) in doc.products.iter().enumerate() {
        let place = format!("product {} ({})", n + 1, quoted(&p.name));
        let long = p.barcode.as_ref().is_some_and(|c| c.chars().count() > 32);
        let why = || "a barcode has 8 (EAN-8), 12 (UPC-A) or 13 (EAN-13) digits";
        ensure(!long, &place, why)?;
        let code = p
            .barcode
            .as_deref()
            .map(barcode::validate)
            .transpose()
            .map_err(|e| refuse(&place, e))?;
        if let Some(code) = &code {
            let why = || format!("the export has barcode {code} twice");
            ensure(barcodes.insert(code.clone()), &place, why)?;
        }
        source(&place, &p.source, ["manual", "off"])?;
        if let Some(pic) = &p.picture {
            let hex = pic.sha256.len() == 64
                && pic
                    .sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            let why = || "the picture's sha256 must be 64 lowercase hexadecimal digits";
            ensure(hex, &place, why)?;
            ensure(
                PICTURE_TYPES.contains(&pic.content_type.as_str()),
                &place,
                || {
                    format!(
                        "the picture's type must be image/png, image/jpeg or image/webp (got {})",
                        quoted(&pic.content_type)
                    )
                },
            )?;
        }
        let mut prices = Vec::with_capacity(p.prices.len());
        for (m, price) in p.prices.iter().enumerate() {
            prices.push(check_price(
                &format!("{place}, price {}", m + 1),
                price,
                stores,
            )?);
        }
        products.push(ExProduct {
            name: name(&place, "the product name", &p.name)?,
            brand: opt_name(&place, "the brand", &p.brand)?,
            barcode: code,
            quantity_label: opt_name(&place, "the pack size", &p.quantity_label)?,
            source: p.source.clone(),
            staple: p.staple,
            picture: p.picture.clone(),
            prices,
        });
    }
    Ok(products)
}

/// `Ok` when `raw` is one of the two sources `known`.
fn source(place: &str, raw: &str, [a, b]: [&str; 2]) -> Result<()> {
    ensure(raw == a || raw == b, place, || {
        format!("the source must be `{a}` or `{b}` (got {})", quoted(raw))
    })
}

/// A currency code, with a message that never repeats a long text back.
fn currency(place: &str, raw: &str) -> Result<String> {
    let why = || "the currency must be a code such as EUR, USD or GBP";
    ensure(raw.chars().count() <= 8, place, why)?;
    money::currency(raw).map_err(|e| refuse(place, e))
}

/// One price as the import takes it (the export also skips what this refuses).
pub(super) fn check_price(place: &str, p: &ExPrice, stores: &HashSet<&str>) -> Result<ExPrice> {
    let currency = currency(place, &p.currency)?;
    let max = money::max_minor(&currency);
    let observed_on = chrono::NaiveDate::parse_from_str(&p.observed_on, "%Y-%m-%d")
        .map_err(|_| {
            refuse(
                place,
                format!("{} is not a date like 2026-11-22", quoted(&p.observed_on)),
            )
        })?
        .to_string();
    source(place, &p.source, ["manual", "open_prices"])?;
    if let Some(id) = &p.external_id {
        let ok = !id.is_empty()
            && id.chars().count() <= MAX_EXTERNAL_ID_CHARS
            && !id.chars().any(char::is_control);
        ensure(ok, place, || {
            format!(
                "the Open Prices id must be 1 to {MAX_EXTERNAL_ID_CHARS} characters without control characters"
            )
        })?;
    }
    Ok(ExPrice {
        store: store_ref(place, &p.store, stores)?,
        place: opt_name(place, "the place", &p.place)?,
        amount_minor: within(
            place,
            "the amount (in cents, or the currency's smallest unit)",
            p.amount_minor,
            0,
            max,
        )?,
        currency,
        pack_size: opt_name(place, "the pack size", &p.pack_size)?,
        observed_on,
        source: p.source.clone(),
        external_id: p.external_id.clone(),
    })
}
