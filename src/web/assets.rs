//! Static assets embedded in the binary, served under content-hashed URLs with
//! immutable caching: `/assets/{hash}/{file}`.
//!
//! Text assets go brotli- or gzip-compressed when the client accepts it, from the copies
//! `build.rs` compressed at build time (no CPU per request; a client that takes neither
//! gets the gzip copy inflated); the languages' scripts
//! (`i18n/{code}.js`, made at run time) are compressed once, when first asked for. Each representation has its
//! own strong `ETag` (the content hash, plus the coding), so `If-None-Match` answers 304.

use std::path::PathBuf;

use rocket::http::{ContentType, Header, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use rocket::{Route, get, routes};

use crate::http::compress::{self, Encoding};
use crate::views::assets;

fn content_type(name: &str) -> ContentType {
    name.rsplit_once('.')
        .and_then(|(_, ext)| ContentType::from_extension(ext))
        .unwrap_or(ContentType::Binary)
}

/// An asset, sent in the coding the client prefers, or 304 when it has that already.
struct Asset {
    name: String,
    cache: &'static str,
}

impl<'r> Responder<'r, 'static> for Asset {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let hash = assets::hash(&self.name).unwrap_or("0");
        let offered: Vec<Encoding> = [Encoding::Brotli, Encoding::Gzip]
            .into_iter()
            .filter(|e| assets::precompressed(&self.name, *e).is_some())
            .collect();
        let accept = req.headers().get_one("Accept-Encoding");
        let chosen = compress::negotiate(accept, &offered)
            .and_then(|e| Some((e, assets::precompressed(&self.name, e)?)));
        let (etag, encoding, body) = match chosen {
            Some((e, bytes)) => (format!("\"{hash}-{}\"", e.token()), Some(e), bytes),
            None => {
                let raw = assets::data(&self.name).ok_or(Status::NotFound)?;
                (format!("\"{hash}\""), None, raw)
            }
        };
        let matched = req
            .headers()
            .get("If-None-Match")
            .flat_map(|v| v.split(','))
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == etag || t == "*");
        let mut res = Response::build();
        res.header(content_type(&self.name))
            .header(Header::new("Cache-Control", self.cache))
            .header(Header::new("ETag", etag));
        if matched {
            // No body, but the headers a 200 would carry (RFC 9110, 15.4.5).
            return res.status(Status::NotModified).ok();
        }
        if let Some(e) = encoding {
            res.header(Header::new("Content-Encoding", e.token()));
        }
        res.sized_body(body.len(), std::io::Cursor::new(body)).ok()
    }
}

/// Serves an asset; a stale hash still gets the current file, but not cached forever.
#[get("/assets/<hash>/<file..>")]
fn asset(hash: &str, file: PathBuf) -> Result<Asset, Status> {
    let name = file.to_str().ok_or(Status::NotFound)?;
    if !assets::exists(name) {
        return Err(Status::NotFound);
    }
    let cache = if assets::is_current(name, hash) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Ok(Asset {
        name: name.to_string(),
        cache,
    })
}

pub fn routes() -> Vec<Route> {
    routes![asset]
}
