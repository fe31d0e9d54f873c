//! The body of the front door's answers.

use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::Bytes;

pub type Body = BoxBody<Bytes, hyper::Error>;

/// A body held whole.
pub fn full(bytes: Bytes) -> Body {
    Full::new(bytes).map_err(|never| match never {}).boxed()
}
