//! Static assets embedded in the binary, served under content-hashed URLs with
//! immutable caching: `/assets/{hash}/{file}`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::LazyLock;

use rocket::http::{ContentType, Header, Status};
use rocket::response::{self, Responder, Response};
use rocket::{Request, Route, get, routes};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

/// File name → short content hash, computed once.
static HASHES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    Assets::iter()
        .filter_map(|name| {
            let file = Assets::get(&name)?;
            let hash: String = file.metadata.sha256_hash()[..6]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            Some((name.to_string(), hash))
        })
        .collect()
});

/// The URL of an asset, e.g. `/assets/1a2b3c4d5e6f/app.css`.
pub fn url(name: &str) -> String {
    let hash = HASHES.get(name).map(String::as_str).unwrap_or("0");
    format!("/assets/{hash}/{name}")
}

/// The text of an embedded asset.
pub fn text(name: &str) -> Option<String> {
    Assets::get(name).map(|f| String::from_utf8_lossy(&f.data).into_owned())
}

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
    let found = Assets::get(name).ok_or(Status::NotFound)?;
    Ok(Asset {
        body: found.data,
        content_type: content_type(name),
        immutable: HASHES.get(name).is_some_and(|h| h == hash),
    })
}

pub fn routes() -> Vec<Route> {
    routes![asset]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_content_hash() {
        let u = url("app.css");
        assert!(u.starts_with("/assets/") && u.ends_with("/app.css"), "{u}");
        assert_eq!(u.split('/').nth(2).map(str::len), Some(12));
    }
}
