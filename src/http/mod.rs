//! What both surfaces (`web` pages and the JSON `api`) share about HTTP: request guards
//! (who is asking, CSRF and origin, the client's address), JSON bodies, the one place
//! errors become responses, and the fairings every response passes through.

pub mod allow;
pub mod body;
pub mod compress;
pub mod error;
pub mod guards;
pub mod headers;
pub mod json;
pub mod metrics;
pub mod plain;
pub mod tagged;
