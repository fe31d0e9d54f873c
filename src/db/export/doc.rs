//! The export document: a household as JSON, by names, never ids (see `export`).

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "aisle-household";
pub const VERSION: u32 = 4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub exported_ms: i64,
    pub household: String,
    /// The household's currency (ISO 4217) for prices and list totals (since version 2).
    #[serde(default)]
    pub currency: Option<String>,
    pub categories: Vec<ExCategory>,
    pub stores: Vec<ExStore>,
    pub lists: Vec<ExList>,
    pub history: Vec<ExHistory>,
    pub corrections: Vec<ExCorrection>,
    /// The catalogue: products with their pictures' metadata and prices (since version 2).
    #[serde(default)]
    pub products: Vec<ExProduct>,
    /// The household's list templates (since version 3).
    #[serde(default)]
    pub templates: Vec<ExTemplate>,
    /// The household's security log, oldest first (since version 4).
    #[serde(default)]
    pub security_log: Vec<ExSecurityEntry>,
    /// Version 1 had an always-empty list here; prices now sit inside their product.
    #[serde(default, skip_serializing)]
    pub prices: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExCategory {
    pub name: String,
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExStore {
    pub name: String,
    /// Category names in this store's aisle order.
    pub order: Vec<String>,
    /// The categories of `order` the household placed by hand (learning leaves them be;
    /// since version 3). Absent (older versions): every place counts as set by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed_by_hand: Option<Vec<String>>,
    /// Learning no longer changes the order (since version 3).
    #[serde(default)]
    pub locked: bool,
}

/// An entry of the security log (`db::security_log`), by names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExSecurityEntry {
    pub at_ms: i64,
    /// `login`, `lockout`, `password_change`…
    pub event: String,
    /// Whom it concerns.
    pub username: String,
    /// Who did it, when someone else did.
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    pub success: bool,
    #[serde(default)]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExTemplate {
    pub name: String,
    pub items: Vec<ExTemplateItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExTemplateItem {
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExList {
    pub name: String,
    pub archived: bool,
    pub store: Option<String>,
    pub items: Vec<ExItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExItem {
    pub name: String,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub note: Option<String>,
    pub category: Option<String>,
    pub checked: bool,
    pub position: i64,
    /// The item's product: its place in the document's `products` (0 is the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExHistory {
    pub name: String,
    pub uses: i64,
    pub last_used_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExCorrection {
    pub name_key: String,
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExProduct {
    pub name: String,
    pub brand: Option<String>,
    pub barcode: Option<String>,
    /// The pack size as Open Food Facts gives it (`1 l`).
    pub quantity_label: Option<String>,
    /// `manual` or `off` (from Open Food Facts).
    pub source: String,
    /// A staple (saved product).
    pub staple: bool,
    /// Which picture the product had; the picture itself is not in the document.
    pub picture: Option<ExPicture>,
    /// Oldest first.
    pub prices: Vec<ExPrice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExPicture {
    /// SHA-256 of the picture's bytes, lowercase hex.
    pub sha256: String,
    pub content_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExPrice {
    /// The name of one of the document's stores.
    pub store: Option<String>,
    /// Where Open Prices says it was seen.
    pub place: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub pack_size: Option<String>,
    /// `YYYY-MM-DD`.
    pub observed_on: String,
    /// `manual` or `open_prices`.
    pub source: String,
    /// The report's id at Open Prices (keeps a report from being counted twice).
    pub external_id: Option<String>,
}
