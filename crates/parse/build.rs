//! Turns the grocery dictionary (`src/category/dictionary.toml`) into Rust data at build
//! time, so that neither the server nor the list page's WebAssembly parses TOML when it
//! runs (the TOML parser was two fifths of the WebAssembly). A file that is not a table of
//! phrase lists fails the build, saying why; `category::phrases` checks the categories.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

const SOURCE: &str = "src/category/dictionary.toml";

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    let text = std::fs::read_to_string(SOURCE).expect("read the dictionary");
    let file: BTreeMap<String, Vec<String>> =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let mut rust = String::from(
        "/// `dictionary.toml` as written: each category with its phrases (build.rs).\n\
         const FILE: &[(&str, &[&str])] = &[\n",
    );
    for (category, phrases) in &file {
        // Debug of a `str` is a valid Rust string literal.
        let _ = writeln!(rust, "    ({category:?}, &{phrases:?}),");
    }
    rust.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("dictionary.rs"), rust).expect("write dictionary.rs");
}
