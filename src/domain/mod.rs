//! Pure logic: no I/O, no HTTP, no SQL.

pub mod barcode;
pub mod chart;
mod error;
pub mod item;
pub mod merge;
pub mod money;
pub mod ops;
pub mod price;
pub mod product;
pub mod retention;
pub mod rhythm;
pub mod walk;

pub use aisle_parse::{category, parse, text, units};
pub use error::{Error, Invalid};
