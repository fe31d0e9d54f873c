//! JSON a phone keeps and asks for again on every list view (`GET /api/v1/names`,
//! `/categories/learned`): sent with an ETag of its bytes, so the page asks with
//! `If-None-Match` (the ETag of the copy it keeps in Cache Storage) and a household whose
//! names did not change costs a 304 without a body. Still `no-store` (the default): the
//! page's own copy is forgotten at logout, the browser's HTTP cache would not be.

use std::io::Cursor;

use rocket::http::{ContentType, Header, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;

/// A JSON body answered with its ETag, or 304 when the client has it already.
pub struct Tagged(String);

impl Tagged {
    pub fn json(value: &impl Serialize) -> Result<Tagged, Error> {
        serde_json::to_string(value)
            .map(Tagged)
            .map_err(|e| Error::Internal(e.to_string()))
    }

    /// Weak: the same JSON sent gzip- or brotli-compressed is the same to the phone.
    fn etag(&self) -> String {
        let digest = Sha256::digest(self.0.as_bytes());
        let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        format!("W/\"{hex}\"")
    }
}

impl<'r> Responder<'r, 'static> for Tagged {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let etag = self.etag();
        let matched = req
            .headers()
            .get("If-None-Match")
            .flat_map(|v| v.split(','))
            .any(|t| t.trim().trim_start_matches("W/") == etag.trim_start_matches("W/"));
        let mut res = Response::build();
        res.header(ContentType::JSON)
            .header(Header::new("ETag", etag));
        if matched {
            return res.status(Status::NotModified).ok();
        }
        res.sized_body(self.0.len(), Cursor::new(self.0)).ok()
    }
}
