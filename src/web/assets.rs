//! Static assets embedded in the binary, served under content-hashed URLs with
//! immutable caching: `/assets/{hash}/{file}`.

use std::path::PathBuf;

use rocket::http::{ContentType, Header, Status};
use rocket::response::{self, Responder, Response};
use rocket::{Request, Route, get, routes};

use crate::views::assets;

pub struct Asset {
    body: std::borrow::Cow<'static, [u8]>,
    content_type: ContentType,
    immutable: bool,
}

impl<'r> Responder<'r, 'static> for Asset {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let cache = if self.immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        Response::build()
            .header(self.content_type)
            .header(Header::new("Cache-Control", cache))
            .sized_body(self.body.len(), std::io::Cursor::new(self.body))
            .ok()
    }
}

fn content_type(name: &str) -> ContentType {
    name.rsplit_once('.')
        .and_then(|(_, ext)| ContentType::from_extension(ext))
        .unwrap_or(ContentType::Binary)
}

/// Serves an asset; a stale hash still gets the current file, but not cached forever.
#[get("/assets/<hash>/<file..>")]
fn asset(hash: &str, file: PathBuf) -> Result<Asset, Status> {
    let name = file.to_str().ok_or(Status::NotFound)?;
    Ok(Asset {
        body: assets::data(name).ok_or(Status::NotFound)?,
        content_type: content_type(name),
        immutable: assets::is_current(name, hash),
    })
}

pub fn routes() -> Vec<Route> {
    routes![asset]
}
