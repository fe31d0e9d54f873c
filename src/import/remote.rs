//! Apps aisle reads through their APIs, with the URL and token the household gives: Grocy
//! (`GROCY-API-KEY`) and Mealie (a bearer token). Blocking (ureq): call it off the async
//! workers. Each answer is capped in size and time; a wrong URL, a refused token or an
//! answer of another shape is a sentence, and nothing is imported.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::Value;

use super::builder::{Builder, Fields};
use crate::domain::Invalid;

/// Longest one API call may take, and most bytes one answer may have.
const TIMEOUT: Duration = Duration::from_secs(20);
const MAX_BODY: u64 = 8 * 1024 * 1024;

/// An app's API at `base` (its address as the household reaches it, e.g.
/// `http://192.168.1.20:9283`), with the token it gave the household.
struct Api {
    app: &'static str,
    base: String,
    header: (&'static str, String),
    agent: ureq::Agent,
}

impl Api {
    fn new(app: &'static str, base: &str, header: (&'static str, String)) -> Result<Api, Invalid> {
        let base = base.trim().trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(Invalid(format!(
                "the {app} address must start with http:// or https:// (e.g. http://192.168.1.20:9283)"
            )));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        Ok(Api {
            app,
            base,
            header,
            agent,
        })
    }

    /// `GET base + path` as JSON.
    fn get(&self, path: &str) -> Result<Value, Invalid> {
        let app = self.app;
        let url = format!("{}{path}", self.base);
        let mut response = self
            .agent
            .get(&url)
            .header(self.header.0, &self.header.1)
            .header("Accept", "application/json")
            .call()
            .map_err(|e| Invalid(format!("{app} at {} could not be reached ({e})", self.base)))?;
        match response.status().as_u16() {
            200 => {}
            401 | 403 => {
                return Err(Invalid(format!(
                    "{app} refused the token: check it (and that it may read the shopping list)"
                )));
            }
            404 => {
                return Err(Invalid(format!(
                    "{app} has no {path} at {}: check the address",
                    self.base
                )));
            }
            status => return Err(Invalid(format!("{app} answered {status} to {path}"))),
        }
        response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .read_json()
            .map_err(|e| {
                Invalid(format!(
                    "{app}'s answer to {path} is not what aisle expects ({e})"
                ))
            })
    }
}

/// A field that some versions send as a number and others as a string.
fn id(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn array<'v>(app: &str, what: &str, v: &'v Value) -> Result<&'v Vec<Value>, Invalid> {
    v.as_array()
        .ok_or_else(|| Invalid(format!("{app}'s {what} is not a list: check the address")))
}

/// Names by id of one of Grocy's objects (`product_groups`, `quantity_units`…).
fn names(api: &Api, entity: &str) -> Result<HashMap<String, String>, Invalid> {
    let all = api.get(&format!("/api/objects/{entity}"))?;
    Ok(array(api.app, entity, &all)?
        .iter()
        .filter_map(|o| Some((id(&o["id"])?, o["name"].as_str()?.to_string())))
        .collect())
}

/// Grocy: its shopping lists with their items (product, amount and unit, note, the
/// product's group as the category; done ones as history).
pub fn grocy(b: &mut Builder, base: &str, token: &str) -> Result<(), Invalid> {
    let api = Api::new("Grocy", base, ("GROCY-API-KEY", token.to_string()))?;
    let lists = names(&api, "shopping_lists")?;
    let groups = names(&api, "product_groups")?;
    let units = names(&api, "quantity_units")?;
    let all = api.get("/api/objects/products")?;
    let products: HashMap<String, (String, Option<String>)> = array("Grocy", "products", &all)?
        .iter()
        .filter_map(|p| {
            let group = id(&p["product_group_id"]).and_then(|g| groups.get(&g).cloned());
            Some((id(&p["id"])?, (p["name"].as_str()?.to_string(), group)))
        })
        .collect();
    let entries = api.get("/api/objects/shopping_list")?;
    for e in array("Grocy", "shopping list", &entries)? {
        let list = id(&e["shopping_list_id"])
            .and_then(|l| lists.get(&l).cloned())
            .unwrap_or_else(|| "Shopping list".into());
        let done = matches!(id(&e["done"]).as_deref(), Some("1" | "true"));
        let note = e["note"].as_str().filter(|n| !n.trim().is_empty());
        match id(&e["product_id"]).and_then(|p| products.get(&p)) {
            Some((name, group)) => {
                let amount = id(&e["amount"]);
                let unit = id(&e["qu_id"]).and_then(|u| units.get(&u).cloned());
                b.fields(
                    &list,
                    Fields {
                        name,
                        quantity: amount.as_deref(),
                        unit: unit.as_deref(),
                        note,
                        category: group.as_deref(),
                        done,
                    },
                );
            }
            // An entry without a product is a note: the item as typed.
            None => b.text(&list, note.unwrap_or(""), done),
        }
    }
    Ok(())
}

/// Mealie: every shopping list with its items (food, quantity and unit, note, label as the
/// category; checked ones as history).
pub fn mealie(b: &mut Builder, base: &str, token: &str) -> Result<(), Invalid> {
    let api = Api::new("Mealie", base, ("Authorization", format!("Bearer {token}")))?;
    let page = api.get("/api/households/shopping/lists?page=1&perPage=-1")?;
    for summary in array("Mealie", "shopping lists", &page["items"])? {
        let Some(list_id) = id(&summary["id"]) else {
            continue;
        };
        let list = api.get(&format!("/api/households/shopping/lists/{list_id}"))?;
        let name = list["name"].as_str().unwrap_or("Shopping list").to_string();
        for item in array("Mealie", "list items", &list["listItems"])? {
            let done = item["checked"].as_bool().unwrap_or(false);
            let note = item["note"].as_str().filter(|n| !n.trim().is_empty());
            let label = item["label"]["name"]
                .as_str()
                .or_else(|| item["food"]["label"]["name"].as_str());
            match item["food"]["name"].as_str() {
                Some(food) => {
                    let quantity = item["quantity"]
                        .as_f64()
                        .filter(|q| *q > 0.0)
                        .map(|q| q.to_string());
                    let unit = item["unit"]["name"].as_str();
                    b.fields(
                        &name,
                        Fields {
                            name: food,
                            quantity: quantity.as_deref(),
                            unit,
                            note,
                            category: label,
                            done,
                        },
                    );
                }
                // A free-text item: its note (or what Mealie shows) as typed.
                None => {
                    let typed = note.or_else(|| item["display"].as_str()).unwrap_or("");
                    b.fields(
                        &name,
                        Fields {
                            name: typed,
                            category: label,
                            done,
                            ..Fields::default()
                        },
                    );
                }
            }
        }
    }
    Ok(())
}

/// The items of a DRF-style answer: a plain array, or `{results, next}` pages, whose
/// `next` is followed only on the same address (at most 50 pages).
fn all_pages(api: &Api, path: &str) -> Result<Vec<Value>, Invalid> {
    let mut out = Vec::new();
    let mut next = Some(path.to_string());
    for _ in 0..50 {
        let Some(path) = next.take() else { break };
        let page = api.get(&path)?;
        match page {
            Value::Array(items) => {
                out.extend(items);
                break;
            }
            page => {
                out.extend(array(api.app, "answer", &page["results"])?.iter().cloned());
                next = page["next"]
                    .as_str()
                    .and_then(|n| n.strip_prefix(api.base.as_str()))
                    .map(str::to_string);
            }
        }
    }
    Ok(out)
}

/// KitchenOwl: every household the token may read, each shopping list with its items
/// (the description read as an amount where it is one, else kept as the note; the
/// category as the category).
pub fn kitchenowl(b: &mut Builder, base: &str, token: &str) -> Result<(), Invalid> {
    let api = Api::new(
        "KitchenOwl",
        base,
        ("Authorization", format!("Bearer {token}")),
    )?;
    let households = api.get("/api/household")?;
    for household in array("KitchenOwl", "households", &households)? {
        let Some(h) = id(&household["id"]) else {
            continue;
        };
        let lists = api.get(&format!("/api/household/{h}/shoppinglist"))?;
        for list in array("KitchenOwl", "shopping lists", &lists)? {
            let Some(l) = id(&list["id"]) else { continue };
            let name = list["name"].as_str().unwrap_or("Shopping list").to_string();
            let items = api.get(&format!("/api/shoppinglist/{l}/items"))?;
            for item in array("KitchenOwl", "list items", &items)? {
                let Some(food) = item["name"].as_str() else {
                    continue;
                };
                let description = item["description"].as_str().map(str::trim).unwrap_or("");
                let category = item["category"]["name"]
                    .as_str()
                    .or_else(|| item["category"].as_str());
                let amount = crate::domain::parse::parse_amount(description);
                let (quantity, unit) = match amount {
                    Some((q, u)) => (Some(q.to_string()), u.map(|u| u.as_str().to_string())),
                    None => (None, None),
                };
                b.fields(
                    &name,
                    Fields {
                        name: food,
                        quantity: quantity.as_deref(),
                        unit: unit.as_deref(),
                        note: Some(description).filter(|d| amount.is_none() && !d.is_empty()),
                        category,
                        done: false,
                    },
                );
            }
        }
    }
    Ok(())
}

/// Tandoor: its shopping list entries (food, amount, unit, the food's supermarket
/// category; checked ones as history) and its supermarkets' category orders as stores.
pub fn tandoor(b: &mut Builder, base: &str, token: &str) -> Result<(), Invalid> {
    let api = Api::new(
        "Tandoor",
        base,
        ("Authorization", format!("Bearer {token}")),
    )?;
    for market in all_pages(&api, "/api/supermarket/")? {
        let Some(name) = market["name"].as_str() else {
            continue;
        };
        let mut order: Vec<(i64, String)> = market["category_to_supermarket"]
            .as_array()
            .map(|links| {
                links
                    .iter()
                    .filter_map(|l| {
                        let category = l["category"]["name"].as_str()?.to_string();
                        Some((l["order"].as_i64().unwrap_or(0), category))
                    })
                    .collect()
            })
            .unwrap_or_default();
        order.sort();
        let order: Vec<String> = order.into_iter().map(|(_, c)| c).collect();
        b.store(name, &order);
    }
    for entry in all_pages(&api, "/api/shopping-list-entry/")? {
        let Some(food) = entry["food"]["name"].as_str() else {
            continue;
        };
        let amount = entry["amount"]
            .as_f64()
            .filter(|a| *a > 0.0)
            .map(|a| a.to_string());
        b.fields(
            "Shopping list",
            Fields {
                name: food,
                quantity: amount.as_deref(),
                unit: entry["unit"]["name"].as_str(),
                note: None,
                category: entry["food"]["supermarket_category"]["name"].as_str(),
                done: entry["checked"].as_bool().unwrap_or(false),
            },
        );
    }
    Ok(())
}
