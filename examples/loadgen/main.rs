//! `loadgen`: the benchmark of docs/PERFORMANCE.md. Run it through
//! `scripts/bench`, which builds the release binary first:
//!
//! ```text
//! cargo run --release --example loadgen -- --bin target/release/aisle [--out DIR] [--smoke] [--keep-data]
//! ```
//!
//! Writes DIR/report.json and DIR/report.md (default DIR: target/bench) and prints the
//! markdown. Exits 1 when the run itself failed, not when a budget is missed.

mod harness;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: loadgen --bin PATH/TO/aisle [--out DIR] [--smoke] [--keep-data]";

fn main() -> ExitCode {
    let mut bin = None;
    let mut out = PathBuf::from("target/bench");
    let mut smoke = false;
    let mut keep_data = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bin" => bin = args.next().map(PathBuf::from),
            "--out" => match args.next() {
                Some(d) => out = PathBuf::from(d),
                None => return usage("--out needs a directory"),
            },
            "--smoke" => smoke = true,
            "--keep-data" => keep_data = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument `{other}`")),
        }
    }
    let Some(bin) = bin else {
        return usage("--bin is required");
    };
    let bin = std::fs::canonicalize(&bin).unwrap_or(bin);
    let opts = harness::Options {
        bin,
        out,
        mode: if smoke { "smoke" } else { "full" }.to_string(),
        scale: if smoke {
            harness::Scale::smoke()
        } else {
            harness::Scale::full()
        },
        keep_data,
    };
    match harness::run(&opts) {
        Ok(report) => {
            println!("{}", report.markdown());
            eprintln!(
                "loadgen: wrote {} and {}",
                opts.out.join("report.json").display(),
                opts.out.join("report.md").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("loadgen: the run failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("loadgen: {problem}\n{USAGE}");
    ExitCode::from(2)
}
