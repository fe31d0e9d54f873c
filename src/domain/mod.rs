//! Pure logic: no I/O, no HTTP, no SQL.

pub mod barcode;
pub mod category;
pub mod chart;
mod error;
pub mod item;
pub mod merge;
pub mod money;
pub mod ops;
pub mod parse;
pub mod price;
pub mod product;
pub mod retention;
pub mod text;
pub mod units;

pub use error::{Error, Invalid};
