//! Turns the language files (`src/lang/<code>.toml`: the parser's words) and the grocery
//! dictionaries (`src/category/dictionary/<code>.toml`) into Rust data at build time, so
//! that neither the server nor the list page's WebAssembly parses TOML when it runs (the
//! TOML parser was two fifths of the WebAssembly). A file that does not fit the format, or
//! a word or dictionary key that means two things, fails the build, saying where
//! (`src/lang/merge.rs`, which the crate's tests also compile; README.md in `src/lang/`).

#[path = "src/category/key.rs"]
#[allow(dead_code)]
mod key;
#[path = "src/lang/merge.rs"]
mod merge;

use std::path::{Path, PathBuf};

use merge::{Dictionaries, Languages, Source};

const LANGUAGES: &str = "src/lang";
const DICTIONARIES: &str = "src/category/dictionary";
const UNITS: &str = "src/units.rs";
const KEY: &str = "src/category/key.rs";

/// The `.toml` files of a folder as (file name, text), English (the source) first.
fn files(dir: &str) -> Vec<(String, String)> {
    println!("cargo:rerun-if-changed={dir}");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = file_name(&path);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, text)
        })
        .collect();
    files.sort_by_key(|(name, _)| (name != "en.toml", name.clone()));
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The canonical units: the variants of `enum Unit` in units.rs, lowercase.
fn units() -> Vec<String> {
    println!("cargo:rerun-if-changed={UNITS}");
    let text = std::fs::read_to_string(UNITS).expect("read units.rs");
    let body = text
        .split_once("pub enum Unit {")
        .and_then(|(_, rest)| rest.split_once('}'))
        .map(|(body, _)| body)
        .expect("units.rs has `pub enum Unit { … }`");
    body.lines()
        .map(|line| line.split_once("//").map_or(line, |(code, _)| code))
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed={KEY}");
    let units = units();
    let units: Vec<&str> = units.iter().map(String::as_str).collect();
    let languages = files(LANGUAGES);
    let sources: Vec<Source> = languages
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let languages =
        Languages::read(&sources, &units).unwrap_or_else(|e| panic!("{LANGUAGES}: {e}"));
    let dictionaries = files(DICTIONARIES);
    let sources: Vec<Source> = dictionaries
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let dictionaries = Dictionaries::read(&sources, &languages, key::name_key)
        .unwrap_or_else(|e| panic!("{DICTIONARIES}: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("lang.rs"), languages.rust()).expect("write lang.rs");
    std::fs::write(out.join("dictionary.rs"), dictionaries.rust()).expect("write dictionary.rs");
}
