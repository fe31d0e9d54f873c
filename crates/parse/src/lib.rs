//! What people type into aisle, read: the item parser, units, the grocery dictionary and
//! the checks of typed text.
//!
//! Pure and free of I/O, so that the server and the phone run the same code: the server
//! links this crate, and `crates/parse-wasm` compiles it to WebAssembly for the list
//! page, which reads an add made offline exactly as the server will (DESIGN.md "Item text
//! parsing", docs/ARCHITECTURE.md).

pub mod category;
mod error;
mod lang;
pub mod parse;
pub mod pieces;
pub mod text;
pub mod units;

pub use error::Invalid;
