//! What the catalogue is told about a product from outside, in aisle's terms (a provider's
//! answer is converted into this by `lookup`).

/// A product as a provider describes it, ready for the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductInfo {
    pub barcode: String,
    pub name: String,
    pub brand: Option<String>,
    /// The pack size as printed (`500 g`).
    pub quantity_label: Option<String>,
}
