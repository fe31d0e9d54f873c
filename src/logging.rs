//! `tracing` setup: readable (coloured) on a terminal, plain lines anywhere else — a pipe,
//! a file, `docker logs`, systemd's journal.

use std::io::IsTerminal;

use tracing::Level;
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::{Targets, filter_fn};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

pub fn init(filter: &str) {
    // Rocket logs through `log`; keep its chatter to errors. Its `rocket::server` errors
    // are a client's "no matching route" (a 404, not a fault of ours) or a handler's
    // panic, and `web::error` logs every 5xx answer itself, with method and path.
    let targets = format!("{filter},rocket=error,rocket::server=off,_=error")
        .parse::<Targets>()
        .unwrap_or_else(|_| Targets::new().with_default(Level::INFO));
    let under_journald = std::env::var_os("JOURNAL_STREAM").is_some();
    let builder = tracing_subscriber::fmt()
        .with_max_level(LevelFilter::TRACE)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(use_colour(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            under_journald,
        ));
    // Rocket's generated route code says at WARN when a request guard fails ("Request guard
    // `CurrentUser` failed"): that is a logged-out visitor or a bad token, answered 401 or
    // a redirect to the login page, not something to act on. Its target is the handler's
    // module with `::_` appended, a suffix no log line of aisle's own has.
    let not_guard_chatter =
        filter_fn(|meta| !meta.target().ends_with("::_") || *meta.level() == Level::ERROR);
    let result = if under_journald {
        builder
            .without_time()
            .finish()
            .with(targets)
            .with(not_guard_chatter)
            .try_init()
    } else {
        builder
            .finish()
            .with(targets)
            .with(not_guard_chatter)
            .try_init()
    };
    if let Err(e) = result {
        eprintln!("logging was already set up: {e}");
    }
}

/// Colours only for a person at a terminal who has not asked for none (`NO_COLOR`).
fn use_colour(stderr_is_terminal: bool, no_color: bool, under_journald: bool) -> bool {
    stderr_is_terminal && !no_color && !under_journald
}

#[cfg(test)]
mod tests {
    use tracing_subscriber::filter::Targets;

    use super::use_colour;

    #[test]
    fn log_filters_are_levels_per_target() {
        for good in ["info", "debug", "aisle=debug", "warn,aisle::jobs=trace"] {
            assert!(good.parse::<Targets>().is_ok(), "{good}");
        }
        for bad in ["aisle=loud", "aisle=warn=info"] {
            assert!(bad.parse::<Targets>().is_err(), "{bad}");
        }
    }

    #[test]
    fn colour_only_on_a_terminal() {
        assert!(use_colour(true, false, false));
        assert!(!use_colour(false, false, false), "a pipe or a file");
        assert!(!use_colour(true, true, false), "NO_COLOR");
        assert!(!use_colour(true, false, true), "journald");
    }
}
