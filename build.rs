//! Prepares the files under `assets/` for embedding, once, at build time: text assets are
//! compressed at the codecs' best levels (gzip 9, brotli 11), so serving them costs no CPU
//! per request and the Pi never spends the second or so brotli 11 takes; images are copied
//! as they are. Everything goes to `$OUT_DIR/assets/`, which `views::assets` embeds, named
//! `{file}.{hash}.{gz|br}` (text) or `{file}.{hash}` (images), where `hash` is the content
//! hash in the asset's URL. Text assets are embedded compressed only: the rare client that
//! takes neither coding gets the gzip copy inflated (the binary is smaller by the whole
//! text of the assets).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Extensions of the assets worth compressing (images are compressed already).
/// WebAssembly is not text, but its code compresses as well as text does.
const TEXT: [&str; 7] = ["css", "js", "svg", "json", "webmanifest", "html", "wasm"];

fn main() {
    println!("cargo:rerun-if-changed=assets");
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("assets");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).expect("create $OUT_DIR/assets");
    compress_dir(Path::new("assets"), Path::new(""), &out);
}

fn compress_dir(root: &Path, rel: &Path, out: &Path) {
    let mut entries: Vec<_> = fs::read_dir(root.join(rel))
        .expect("read assets/")
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let rel = rel.join(entry.file_name());
        let path = root.join(&rel);
        if path.is_dir() {
            compress_dir(root, &rel, out);
            continue;
        }
        let text = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| TEXT.contains(&e));
        let data = fs::read(&path).expect("read an asset");
        let hash: String = Sha256::digest(&data)[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let target = out.join(format!("{}.{hash}", rel.display()));
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).expect("create a folder in $OUT_DIR");
        }
        if text {
            fs::write(with_suffix(&target, "gz"), gzip(&data)).expect("write a .gz");
            fs::write(with_suffix(&target, "br"), brotli(&data)).expect("write a .br");
        } else {
            fs::write(&target, &data).expect("copy an asset");
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("brotli in memory");
    out
}
