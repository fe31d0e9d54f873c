//! `tracing` setup: readable on a terminal, plain lines under systemd's journal.

use tracing_subscriber::EnvFilter;

pub fn init(filter: &str) {
    // Rocket logs through `log`; keep its chatter to warnings.
    let filter = EnvFilter::try_new(format!("{filter},rocket=error,_=error"))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let under_journald = std::env::var_os("JOURNAL_STREAM").is_some();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    let result = if under_journald {
        builder.with_ansi(false).without_time().try_init()
    } else {
        builder.try_init()
    };
    if let Err(e) = result {
        eprintln!("logging was already set up: {e}");
    }
}
