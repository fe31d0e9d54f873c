//! The shapes of the API's refusals, for the OpenAPI document (`openapi.rs`): the
//! problem+json every error is, and the per-op answer of a refused batch of ops.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::ops::Code;

/// One op of a refused batch: refused (`invalid`, `not_found`, with why) or `not_applied`.
#[derive(Serialize, ToSchema)]
pub struct RefusedOp<'a> {
    pub index: usize,
    pub op_id: &'a str,
    pub code: Code,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<&'a str>,
}

/// An error, as `application/problem+json` (RFC 9457).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct Problem {
    /// Always `about:blank`.
    r#type: String,
    /// A short heading for the status ("Not found").
    title: String,
    status: u16,
    /// What happened and what to do, in a plain sentence.
    detail: String,
}

/// A batch of ops refused op by op: a problem whose `results` holds one entry per op of
/// the batch, in order. A request refused as a whole (a body that does not fit) is a
/// plain problem, without `results`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct RefusedBatch {
    r#type: String,
    title: String,
    status: u16,
    detail: String,
    results: Option<Vec<RefusedOp<'static>>>,
}
