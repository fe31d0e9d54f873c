//! Compressed responses: brotli or gzip, whichever the client prefers by its
//! `Accept-Encoding` (q-values honoured), for text (HTML, CSS, JavaScript, JSON, SVG).
//!
//! The embedded assets are compressed once at build time (`build.rs`) and served as they
//! are by `web::assets`; this fairing compresses the rest (pages, JSON) on the fly, at
//! levels cheap enough for a Pi. It leaves alone: bodies of unknown size (streamed as
//! they come, never buffered), bodies under [`MIN_SIZE`], types that are compressed
//! already (images, a gzip download, the live events stream the front door writes),
//! responses already encoded, and any compressed body that came out no smaller. Every text response says
//! `Vary: Accept-Encoding`, so no cache hands a gzip body to a client that cannot read it.

use std::io::{Cursor, Write};

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{ContentType, Header, Status};
use rocket::{Request, Response};

/// Bodies smaller than this go as they are: the saving would not pay for the CPU.
pub const MIN_SIZE: usize = 1024;
/// Bodies larger than this are compressed on the blocking pool, off the async workers.
const INLINE_MAX: usize = 64 * 1024;
/// gzip level for bodies compressed per request (flate2's default).
const GZIP_LEVEL: u32 = 6;
/// brotli quality for bodies compressed per request: close to gzip 6 in CPU, smaller out.
const BROTLI_QUALITY: i32 = 5;

/// A content coding aisle can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// The `Content-Encoding` token.
    pub fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    /// `data` compressed with this coding (at the per-request level).
    pub fn compress(self, data: &[u8]) -> std::io::Result<Vec<u8>> {
        match self {
            Encoding::Gzip => {
                let mut encoder = flate2::write::GzEncoder::new(
                    Vec::with_capacity(data.len() / 3),
                    flate2::Compression::new(GZIP_LEVEL),
                );
                encoder.write_all(data)?;
                encoder.finish()
            }
            Encoding::Brotli => {
                let mut out = Vec::with_capacity(data.len() / 3);
                let params = brotli::enc::BrotliEncoderParams {
                    quality: BROTLI_QUALITY,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
                Ok(out)
            }
        }
    }
}

/// The q-value `accept` (an `Accept-Encoding` value) gives to `token`: its own entry, else
/// the `*` entry, else 0. A q that does not parse counts as 0 (not acceptable).
fn quality(accept: &str, token: &str) -> f32 {
    let mut star = None;
    for entry in accept.split(',') {
        let mut parts = entry.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q = parts
            .find_map(|p| {
                let (k, v) = p.split_once('=')?;
                k.trim().eq_ignore_ascii_case("q").then(|| v.trim())
            })
            .map_or(1.0, |v| v.parse::<f32>().unwrap_or(0.0));
        if name.eq_ignore_ascii_case(token) {
            return q;
        }
        if name == "*" {
            star = Some(q);
        }
    }
    star.unwrap_or(0.0)
}

/// Which of `offered` to send for this `Accept-Encoding`: the one of highest q above 0,
/// the earlier in `offered` on a tie; `None` means send the body as it is.
pub fn negotiate(accept: Option<&str>, offered: &[Encoding]) -> Option<Encoding> {
    let accept = accept?;
    let mut best: Option<(Encoding, f32)> = None;
    for &encoding in offered {
        let q = quality(accept, encoding.token());
        if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
            best = Some((encoding, q));
        }
    }
    best.map(|(e, _)| e)
}

/// Text worth compressing (and WebAssembly, whose code compresses as well); event streams
/// are text too, but never buffered.
pub fn compressible(content_type: &ContentType) -> bool {
    let (top, sub) = (content_type.top().as_str(), content_type.sub().as_str());
    let sub = sub.to_ascii_lowercase();
    match top.to_ascii_lowercase().as_str() {
        "text" => sub != "event-stream",
        "application" => {
            matches!(
                sub.as_str(),
                "javascript" | "json" | "xml" | "manifest+json" | "wasm"
            ) || sub.ends_with("+json")
                || sub.ends_with("+xml")
        }
        "image" => sub == "svg+xml",
        _ => false,
    }
}

/// Adds `Accept-Encoding` to the response's `Vary` (keeping what it varies by already).
pub fn add_vary(res: &mut Response<'_>) {
    let existing: Vec<String> = res.headers().get("Vary").map(str::to_string).collect();
    if existing
        .iter()
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding") || v.trim() == "*")
    {
        return;
    }
    let mut value = existing.join(", ");
    if !value.is_empty() {
        value.push_str(", ");
    }
    value.push_str("Accept-Encoding");
    res.set_header(Header::new("Vary", value));
}

/// The response fairing that compresses text bodies per request.
pub struct Compression;

#[rocket::async_trait]
impl Fairing for Compression {
    fn info(&self) -> Info {
        Info {
            name: "compression",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        if !res.content_type().is_some_and(|c| compressible(&c)) {
            return;
        }
        add_vary(res);
        let sized = res.body().preset_size().is_some_and(|n| n >= MIN_SIZE);
        let no_body = res.status() == Status::NoContent || res.status() == Status::NotModified;
        if !sized || no_body || res.headers().contains("Content-Encoding") {
            return;
        }
        let accept = req.headers().get_one("Accept-Encoding");
        let Some(encoding) = negotiate(accept, &[Encoding::Brotli, Encoding::Gzip]) else {
            return;
        };
        let body = match res.body_mut().to_bytes().await {
            Ok(body) => body,
            Err(e) => {
                tracing::error!("reading a response to compress it failed: {e}");
                res.set_status(Status::InternalServerError);
                res.set_sized_body(0, Cursor::new(Vec::new()));
                return;
            }
        };
        let (body, compressed) = if body.len() <= INLINE_MAX {
            let compressed = encoding.compress(&body);
            (body, compressed)
        } else {
            let work = tokio::task::spawn_blocking(move || {
                let compressed = encoding.compress(&body);
                (body, compressed)
            });
            match work.await {
                Ok(done) => done,
                Err(e) => {
                    tracing::error!("compressing a response failed: {e}");
                    res.set_status(Status::InternalServerError);
                    res.set_sized_body(0, Cursor::new(Vec::new()));
                    return;
                }
            }
        };
        match compressed {
            Ok(c) if c.len() < body.len() => {
                res.set_header(Header::new("Content-Encoding", encoding.token()));
                res.set_sized_body(c.len(), Cursor::new(c));
            }
            _ => res.set_sized_body(body.len(), Cursor::new(body)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Encoding::{Brotli, Gzip};

    const BOTH: &[Encoding] = &[Brotli, Gzip];

    #[test]
    fn the_client_preference_decides_and_brotli_wins_a_tie() {
        assert_eq!(
            negotiate(Some("gzip, deflate, br, zstd"), BOTH),
            Some(Brotli)
        );
        assert_eq!(negotiate(Some("gzip"), BOTH), Some(Gzip));
        assert_eq!(negotiate(Some("br;q=0.5, gzip;q=0.8"), BOTH), Some(Gzip));
        assert_eq!(negotiate(Some("BR;Q=1, gzip;q=0.8"), BOTH), Some(Brotli));
        assert_eq!(negotiate(Some("*"), BOTH), Some(Brotli));
        assert_eq!(negotiate(Some("br;q=0, *;q=0.1"), BOTH), Some(Gzip));
        assert_eq!(negotiate(Some("gzip"), &[Brotli]), None);
    }

    #[test]
    fn nothing_acceptable_means_the_body_as_it_is() {
        assert_eq!(negotiate(None, BOTH), None);
        assert_eq!(negotiate(Some(""), BOTH), None);
        assert_eq!(negotiate(Some("identity"), BOTH), None);
        assert_eq!(negotiate(Some("gzip;q=0, br;q=0"), BOTH), None);
        assert_eq!(negotiate(Some("*;q=0"), BOTH), None);
        assert_eq!(negotiate(Some("gzip;q=nonsense"), BOTH), None);
        assert_eq!(negotiate(Some("deflate, zstd"), BOTH), None);
    }

    #[test]
    fn text_is_compressible_and_images_and_streams_are_not() {
        for yes in [
            ContentType::HTML,
            ContentType::CSS,
            ContentType::JavaScript,
            ContentType::JSON,
            ContentType::SVG,
            ContentType::Plain,
            ContentType::new("application", "problem+json"),
            ContentType::new("application", "manifest+json"),
            ContentType::WASM,
        ] {
            assert!(compressible(&yes), "{yes}");
        }
        for no in [
            ContentType::PNG,
            ContentType::JPEG,
            ContentType::GZIP,
            ContentType::Binary,
            ContentType::EventStream,
        ] {
            assert!(!compressible(&no), "{no}");
        }
    }

    #[test]
    fn both_codings_round_trip() {
        use std::io::Read;
        let text = "milk, bread, eggs\n".repeat(200);
        let gz = Gzip.compress(text.as_bytes()).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let br = Brotli.compress(text.as_bytes()).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(gz.len() < text.len() / 10 && br.len() < text.len() / 10);
    }

    #[test]
    fn vary_is_added_once_beside_what_is_there() {
        let mut res = Response::new();
        add_vary(&mut res);
        add_vary(&mut res);
        assert_eq!(res.headers().get_one("Vary"), Some("Accept-Encoding"));
        let mut res = Response::new();
        res.set_header(Header::new("Vary", "Cookie"));
        add_vary(&mut res);
        assert_eq!(
            res.headers().get_one("Vary"),
            Some("Cookie, Accept-Encoding")
        );
    }
}
