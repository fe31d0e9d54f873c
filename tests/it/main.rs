//! The integration tests, one crate: each file here is a module of one test binary, so the
//! shared harness (`tests/common`, `tests/fake`) and the test code are compiled and linked
//! once, not once per file. Every test starts its own `aisle` process (own data dir, own
//! loopback port, own environment through `common::aisle_command`), so the modules share
//! nothing but this process, and nothing here sets process-wide state (environment
//! variables, current directory, a global logger, a default crypto provider). Keep it that way:
//! tests of different modules run at the same time.
//!
//! One area alone: `cargo test --test it sync_live::`.
//!
//! Two test crates stay apart, for a reason:
//! - `tests/e2e/` drives headless Chromium through chromedriver;
//! - `tests/packaging.rs` inspects the release artefacts that scripts/test builds before
//!   `cargo test` (the static binary, the .deb, the container image) and installs and
//!   purges the package on the machine, as root; a quick `cargo test --test it` needs
//!   none of that.
//!
//! They use the same `tests/common` helpers (`e2e` by `#[path]`, as here).

#![allow(clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../fake/mod.rs"]
mod fake;

mod account_deletion;
mod api;
mod backups;
mod bad_input;
mod bench_smoke;
mod compression;
mod error_pages;
mod front_door;
mod history;
mod i18n_account;
mod i18n_household;
mod i18n_lists;
mod i18n_pages;
mod import_export;
mod import_summary;
mod invites;
mod isolation;
mod links_and_origins;
mod lists_and_items;
mod login_throttle;
mod mdns;
mod moving_in;
mod notifications;
mod openapi;
mod operations;
mod passkeys;
mod privilege;
mod products;
mod products_faults;
mod products_offline;
mod products_prices;
mod push;
mod restore_checks;
mod security_log;
mod server_log;
mod setup_and_auth;
mod setup_currency;
mod sso;
mod sso_tls;
mod staples;
mod stores;
mod sync;
mod sync_limits;
mod sync_live;
mod sync_refusals;
mod tls;
mod two_step;
mod upgrade_and_staples;
