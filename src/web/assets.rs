//! Static assets embedded in the binary, served under content-hashed URLs with
//! immutable caching: `/assets/{hash}/{file}`.

use std::borrow::Cow;
use std::path::PathBuf;

use rocket::http::{ContentType, Status};
use rocket::{Route, get, routes};

use crate::views::assets;
use crate::web::reply::WithHeader;

type Asset = WithHeader<(ContentType, Cow<'static, [u8]>)>;

fn content_type(name: &str) -> ContentType {
    name.rsplit_once('.')
        .and_then(|(_, ext)| ContentType::from_extension(ext))
        .unwrap_or(ContentType::Binary)
}

/// Serves an asset; a stale hash still gets the current file, but not cached forever.
#[get("/assets/<hash>/<file..>")]
fn asset(hash: &str, file: PathBuf) -> Result<Asset, Status> {
    let name = file.to_str().ok_or(Status::NotFound)?;
    let body = (
        content_type(name),
        assets::data(name).ok_or(Status::NotFound)?,
    );
    let cache = if assets::is_current(name, hash) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Ok(WithHeader::new(body, "Cache-Control", cache))
}

pub fn routes() -> Vec<Route> {
    routes![asset]
}
