//! What Open Food Facts and Open Prices answer, in the shapes aisle reads.

use serde_json::Value;

use super::client::{Client, Fetched, Limit, LookupError};
use super::{Lookups, MAX_IMAGE};
use crate::domain::price::ReportedPrice;
use crate::domain::product::ProductInfo;

/// A product as Open Food Facts describes it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct OffProduct {
    pub code: String,
    pub name: String,
    pub brand: Option<String>,
    pub quantity: Option<String>,
    pub image_url: Option<String>,
}

/// A price as Open Prices reports it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OpenPrice {
    pub id: String,
    pub amount: f64,
    pub currency: String,
    pub date: String,
    pub place: Option<String>,
}

impl OffProduct {
    /// The product as the catalogue takes it.
    pub fn info(&self) -> ProductInfo {
        ProductInfo {
            barcode: self.code.clone(),
            name: self.name.clone(),
            brand: self.brand.clone(),
            quantity_label: self.quantity.clone(),
        }
    }
}

impl OpenPrice {
    /// The report as aisle keeps it, when it is in the household's `currency` and
    /// [`Self::minor_units`] takes it.
    pub fn report(&self, currency: &str) -> Option<ReportedPrice> {
        if self.currency != currency {
            return None;
        }
        Some(ReportedPrice {
            external_id: self.id.clone(),
            place: self.place.clone(),
            amount_minor: self.minor_units(currency)?,
            currency: self.currency.clone(),
            observed_on: self.date.clone(),
        })
    }

    /// The amount in minor units of `currency` when the report is one aisle keeps: a real
    /// date written `YYYY-MM-DD` and an amount the price form would take. Anything else is
    /// skipped with a debug line (an export must import again, and an import refuses it).
    fn minor_units(&self, currency: &str) -> Option<i64> {
        let dated = chrono::NaiveDate::parse_from_str(&self.date, "%Y-%m-%d")
            .is_ok_and(|d| d.to_string() == self.date);
        let minor = (self.amount * 10f64.powi(crate::domain::money::decimals(currency) as i32))
            .round() as i64;
        let priced = (0..=crate::domain::money::max_minor(currency)).contains(&minor);
        if !(dated && priced) {
            tracing::debug!(id = %self.id, date = %self.date, amount = self.amount,
                "Open Prices report skipped: not a date like 2026-11-22 or not a grocery price");
            return None;
        }
        Some(minor)
    }
}

const FIELDS: &str =
    "code,product_name,generic_name,brands,quantity,image_front_small_url,image_small_url";

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.chars().take(200).collect())
}

fn parse_product(code: &str, p: &Value) -> Option<OffProduct> {
    let name = text(p, "product_name").or_else(|| text(p, "generic_name"))?;
    Some(OffProduct {
        code: text(p, "code").unwrap_or_else(|| code.to_string()),
        name,
        brand: text(p, "brands").map(|b| b.split(',').next().unwrap_or("").trim().to_string()),
        quantity: text(p, "quantity"),
        image_url: text(p, "image_front_small_url")
            .or_else(|| text(p, "image_small_url"))
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
    })
}

/// The provider answered with something unusable: logged with the reason, which the user
/// is not shown.
fn unusable(provider: &str, why: String) -> LookupError {
    tracing::warn!(provider, reason = %why, "lookup answer unusable");
    LookupError::BadGateway(provider.into(), why)
}

/// GETs `url` from `client` under `limit` and reads its JSON; `None` when the provider
/// says it has no such thing (HTTP 404).
fn get_json(client: &Client, url: &str, limit: &Limit) -> Result<Option<Value>, LookupError> {
    let Fetched::Body(body, _) = client.get(url, limit)? else {
        return Ok(None);
    };
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| unusable(client.name, format!("malformed JSON: {e}")))
}

/// What `read` takes of the entries of the array `key` in the answer to `url`; none when
/// the provider has no such thing.
fn entries<T>(
    client: &Client,
    url: &str,
    limit: &Limit,
    key: &str,
    read: impl FnMut(&Value) -> Option<T>,
) -> Result<Vec<T>, LookupError> {
    let Some(v) = get_json(client, url, limit)? else {
        return Ok(Vec::new());
    };
    let array = v
        .get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| unusable(client.name, format!("no `{key}` in the answer")))?;
    Ok(array.iter().filter_map(read).collect())
}

impl Lookups {
    /// `GET {off}/api/v2/product/{code}` → `{code, status: 0|1, product}`.
    pub fn off_product(&self, code: &str) -> Result<Option<OffProduct>, LookupError> {
        let url = format!("{}/api/v2/product/{code}?fields={FIELDS}", self.off_url);
        let Some(v) = get_json(&self.off, &url, &self.product_reads)? else {
            return Ok(None);
        };
        if v.get("status").and_then(Value::as_i64) != Some(1) {
            return Ok(None);
        }
        let product = v
            .get("product")
            .ok_or_else(|| unusable(self.off.name, "status 1 without a product".into()))?;
        Ok(parse_product(code, product))
    }

    /// `GET {off}/cgi/search.pl?search_terms=…&json=1` → `{products: [...]}`.
    pub fn off_search(&self, terms: &str) -> Result<Vec<OffProduct>, LookupError> {
        let q: String = url_encode(terms);
        let url = format!(
            "{}/cgi/search.pl?search_terms={q}&json=1&page_size=10&fields={FIELDS}",
            self.off_url
        );
        entries(&self.off, &url, &self.searches, "products", |p| {
            let code = text(p, "code")?;
            crate::domain::barcode::validate(&code).ok()?;
            parse_product(&code, p)
        })
    }

    /// `GET {prices}/api/v1/prices?product_code={code}&order_by=-date&size=…` →
    /// `{items, page, pages, size, total}`.
    pub fn open_prices(&self, code: &str) -> Result<Vec<OpenPrice>, LookupError> {
        let url = format!(
            "{}/api/v1/prices?product_code={code}&order_by=-date&size=50",
            self.prices_url
        );
        entries(&self.prices, &url, &self.price_reads, "items", |i| {
            let amount = i
                .get("price")
                .and_then(Value::as_f64)
                .filter(|p| p.is_finite() && *p >= 0.0)?;
            Some(OpenPrice {
                id: i
                    .get("id")
                    .map(|id| id.to_string().trim_matches('"').to_string())?,
                amount,
                currency: text(i, "currency")?.to_ascii_uppercase(),
                date: text(i, "date")?.chars().take(10).collect(),
                place: i
                    .get("location")
                    .and_then(|l| text(l, "osm_name").or_else(|| text(l, "osm_display_name"))),
            })
        })
    }

    /// A product picture (PNG, JPEG or WebP, at most `MAX_IMAGE` bytes).
    pub fn image(&self, url: &str) -> Result<(Vec<u8>, String), LookupError> {
        let bad = |why: String| unusable(self.images.name, why);
        let Fetched::Body(body, content_type) = self.images.get(url, &self.image_reads)? else {
            return Err(bad("no such image".into()));
        };
        let ct = content_type.unwrap_or_default();
        let ct = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !matches!(ct.as_str(), "image/png" | "image/jpeg" | "image/webp")
            || body.len() as u64 > MAX_IMAGE
        {
            return Err(bad(format!("not a picture ({ct})")));
        }
        Ok((body, ct))
    }
}

/// Percent-encodes a query value.
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_are_read_leniently() {
        let p = serde_json::json!({"product_name": " Nutella ", "brands": "Ferrero, Nutella", "quantity": "400 g",
            "image_front_small_url": "https://images.example/1.jpg"});
        let got = parse_product("3017620422003", &p).unwrap();
        assert_eq!(got.name, "Nutella");
        assert_eq!(got.brand.as_deref(), Some("Ferrero"));
        assert!(parse_product("1", &serde_json::json!({"brands": "x"})).is_none());
        assert_eq!(url_encode("oat milk & co"), "oat+milk+%26+co");
    }

    #[test]
    fn only_reports_with_a_real_date_and_a_grocery_price_are_kept() {
        let price = |amount: f64, date: &str| OpenPrice {
            id: "1".into(),
            amount,
            currency: "EUR".into(),
            date: date.into(),
            place: None,
        };
        assert_eq!(price(2.49, "2026-01-10").minor_units("EUR"), Some(249));
        assert_eq!(
            price(100_000.0, "2026-01-10").minor_units("EUR"),
            Some(10_000_000)
        );
        assert_eq!(price(250.0, "2026-01-10").minor_units("JPY"), Some(250));
        for (amount, date) in [
            (2.49, "2026-13-45"),
            (2.49, "2026-1-2"),
            (2.49, "yesterday!"),
            (2.49, ""),
            (100_000.01, "2026-01-10"),
            (1e300, "2026-01-10"),
        ] {
            assert_eq!(
                price(amount, date).minor_units("EUR"),
                None,
                "{amount} {date}"
            );
            assert_eq!(price(amount, date).report("EUR"), None, "{amount} {date}");
        }
        // Only reports in the household's currency are kept, in its minor units.
        assert_eq!(price(2.49, "2026-01-10").report("GBP"), None);
        assert_eq!(
            price(2.49, "2026-01-10").report("EUR"),
            Some(ReportedPrice {
                external_id: "1".into(),
                place: None,
                amount_minor: 249,
                currency: "EUR".into(),
                observed_on: "2026-01-10".into(),
            })
        );
    }
}
