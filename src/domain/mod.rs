//! Pure logic: no I/O, no HTTP, no SQL.

pub mod category;
pub mod item;
pub mod ops;
pub mod parse;
pub mod retention;
pub mod text;
pub mod units;
