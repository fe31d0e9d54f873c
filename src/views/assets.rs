//! Static assets embedded in the binary, and their content-hashed URLs
//! (`/assets/{hash}/{file}`, served by `web::assets` with immutable caching).

use std::collections::HashMap;
use std::sync::LazyLock;

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

/// The bytes of an embedded asset.
pub fn data(name: &str) -> Option<std::borrow::Cow<'static, [u8]>> {
    Assets::get(name).map(|f| f.data)
}

/// True when `hash` is the asset's current content hash (its URL may be cached forever).
pub fn is_current(name: &str, hash: &str) -> bool {
    HASHES.get(name).is_some_and(|h| h == hash)
}

/// The text of an embedded asset.
pub fn text(name: &str) -> Option<String> {
    Assets::get(name).map(|f| String::from_utf8_lossy(&f.data).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_content_hash() {
        let u = url("app.css");
        assert!(u.starts_with("/assets/") && u.ends_with("/app.css"), "{u}");
        assert_eq!(u.split('/').nth(2).map(str::len), Some(12));
        let hash = u.split('/').nth(2).unwrap_or_default();
        assert!(is_current("app.css", hash) && !is_current("app.css", "000000000000"));
    }
}
