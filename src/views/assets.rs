//! Static assets embedded in the binary, and their content-hashed URLs
//! (`/assets/{hash}/{file}`, served by `web::assets` with immutable caching). Besides the
//! files of `assets/`, each language's words for the page scripts are an asset too
//! (`i18n/{code}.js`, made from its messages at first use: `i18n::script`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use rust_embed::RustEmbed;

use crate::http::compress::Encoding;
use crate::i18n::script;

/// The files of `assets/` as `build.rs` prepared them: text compressed
/// (`{file}.{hash}.gz` and `.br`), images as they are (`{file}.{hash}`).
#[derive(RustEmbed)]
#[folder = "$OUT_DIR/assets/"]
struct Embedded;

/// The asset name and content hash of an embedded file's name.
fn name_and_hash(embedded: &str) -> Option<(&str, &str)> {
    let plain = embedded
        .strip_suffix(".gz")
        .or_else(|| embedded.strip_suffix(".br"))
        .unwrap_or(embedded);
    plain.rsplit_once('.')
}

/// File name → short content hash, computed once.
static HASHES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let files: Vec<(String, String)> = Embedded::iter()
        .filter_map(|f| {
            let (name, hash) = name_and_hash(&f)?;
            Some((name.to_string(), hash.to_string()))
        })
        .collect();
    let words = script::assets().map(|(name, hash, _)| (name.to_string(), hash.to_string()));
    files.into_iter().chain(words).collect()
});

/// One compressed copy, made the first time it is asked for (`None`: it could not be).
type Lazily = OnceLock<Option<Vec<u8>>>;

/// The languages' scripts compressed (gzip, brotli), by name. They are made at run time,
/// so `build.rs` cannot.
static WORDS_COMPRESSED: LazyLock<HashMap<&'static str, [Lazily; 2]>> = LazyLock::new(|| {
    script::assets()
        .map(|(name, ..)| (name, [OnceLock::new(), OnceLock::new()]))
        .collect()
});

/// A language's script compressed with `encoding`, at the codecs' best levels as
/// `build.rs` compresses the other assets (a few kilobytes: once per process).
fn words_compressed(name: &str, encoding: Encoding) -> Option<Cow<'static, [u8]>> {
    let slots = WORDS_COMPRESSED.get(name)?;
    let (slot, level) = match encoding {
        Encoding::Gzip => (&slots[0], 9),
        Encoding::Brotli => (&slots[1], 11),
    };
    let bytes = slot.get_or_init(|| {
        let text = script::asset(name)?.as_bytes();
        compress_best(text, encoding, level).ok()
    });
    bytes.as_deref().map(Cow::Borrowed)
}

fn compress_best(data: &[u8], encoding: Encoding, level: u32) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    match encoding {
        Encoding::Gzip => {
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
            encoder.write_all(data)?;
            encoder.finish()
        }
        Encoding::Brotli => {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: level as i32,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
            Ok(out)
        }
    }
}

/// The scripts every page loads (deferred, in this order): app.js sets up the helpers the
/// others share, and wires the page up once all have run. `parse/aisle_parse_wasm.js` is
/// wasm-bindgen's glue for [`READER`], which reader.js loads on the list page.
pub const SCRIPTS: [&str; 7] = [
    "app.js",
    "queue.js",
    "rows.js",
    "sheet.js",
    "parse/aisle_parse_wasm.js",
    "reader.js",
    "list.js",
];

/// The server's reader of the add box compiled to WebAssembly (`scripts/build-wasm`).
pub const READER: &str = "parse/aisle_parse_wasm_bg.wasm";

/// The URLs of [`SCRIPTS`], computed once.
pub fn scripts() -> &'static [String] {
    static URLS: LazyLock<Vec<String>> = LazyLock::new(|| SCRIPTS.iter().map(|s| url(s)).collect());
    &URLS
}

/// The URL of an asset, e.g. `/assets/1a2b3c4d5e6f/app.css`.
pub fn url(name: &str) -> String {
    let hash = HASHES.get(name).map(String::as_str).unwrap_or("0");
    format!("/assets/{hash}/{name}")
}

/// The asset's current content hash (the one in its URL).
pub fn hash(name: &str) -> Option<&'static str> {
    HASHES.get(name).map(String::as_str)
}

/// Whether there is an asset (or a language's script) called `name`.
pub fn exists(name: &str) -> bool {
    HASHES.contains_key(name)
}

/// The bytes of an embedded asset (or a language's script). A text asset is inflated
/// from its gzip copy: for the rare client that takes no compression, and the few texts
/// the server reads once.
pub fn data(name: &str) -> Option<Cow<'static, [u8]>> {
    if let Some(words) = script::asset(name) {
        return Some(Cow::Borrowed(words.as_bytes()));
    }
    let hash = HASHES.get(name)?;
    if let Some(file) = Embedded::get(&format!("{name}.{hash}")) {
        return Some(file.data);
    }
    let gz = Embedded::get(&format!("{name}.{hash}.gz"))?.data;
    let mut inflated = Vec::new();
    let mut decoder = flate2::read::GzDecoder::new(&gz[..]);
    std::io::Read::read_to_end(&mut decoder, &mut inflated).ok()?;
    Some(Cow::Owned(inflated))
}

/// The asset compressed with `encoding` (at build time, or once for a language's
/// script), if it is text.
pub fn precompressed(name: &str, encoding: Encoding) -> Option<Cow<'static, [u8]>> {
    if script::asset(name).is_some() {
        return words_compressed(name, encoding);
    }
    let hash = HASHES.get(name)?;
    let suffix = match encoding {
        Encoding::Brotli => "br",
        Encoding::Gzip => "gz",
    };
    Embedded::get(&format!("{name}.{hash}.{suffix}")).map(|f| f.data)
}

/// True when `hash` is the asset's current content hash (its URL may be cached forever).
pub fn is_current(name: &str, hash: &str) -> bool {
    HASHES.get(name).is_some_and(|h| h == hash)
}

/// The text of an embedded asset.
pub fn text(name: &str) -> Option<String> {
    data(name).map(|d| String::from_utf8_lossy(&d).into_owned())
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

    #[test]
    fn text_assets_come_precompressed_and_images_do_not() {
        use std::io::Read;
        let raw = data("app.js").unwrap();
        let gz = precompressed("app.js", Encoding::Gzip).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw.as_ref());
        let br = precompressed("app.js", Encoding::Brotli).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, raw.as_ref());
        assert!(br.len() < gz.len() && gz.len() < raw.len() / 2);
        assert_eq!(raw.as_ref(), std::fs::read("assets/app.js").unwrap());
        assert!(precompressed("app.css", Encoding::Brotli).is_some());
        assert!(precompressed("icons/icon-192.png", Encoding::Gzip).is_none());
        let png = data("icons/icon-192.png").unwrap();
        assert_eq!(
            png.as_ref(),
            std::fs::read("assets/icons/icon-192.png").unwrap()
        );
        assert!(precompressed("nope.js", Encoding::Gzip).is_none());
        assert!(data("nope.js").is_none() && !exists("nope.js") && exists("app.js"));
    }

    #[test]
    fn each_languages_words_are_an_asset_like_the_others() {
        use std::io::Read;
        let de = crate::i18n::Lang::from_code("de").unwrap();
        let url = de.script_url();
        let hash = url.split('/').nth(2).unwrap();
        assert_eq!(url, super::url("i18n/de.js"));
        assert!(is_current("i18n/de.js", hash));
        let raw = data("i18n/de.js").unwrap();
        assert!(text("i18n/de.js").unwrap().starts_with("// aisle"));
        let gz = precompressed("i18n/de.js", Encoding::Gzip).unwrap();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, raw.as_ref());
        let br = precompressed("i18n/de.js", Encoding::Brotli).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, raw.as_ref());
        assert!(br.len() < gz.len() && gz.len() < raw.len() / 2);
        assert!(data("i18n/xx.js").is_none());
    }
}
