//! Command-line interface. Every flag can also be given as an `AISLE_*` environment variable.

use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::config::{AcmeChallenge, Synchronous, TlsMode};

#[derive(Debug, Parser)]
#[command(
    name = "aisle",
    version,
    about = "A self-hosted household shopping-list server"
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options for `serve`, the default subcommand.
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (the default).
    Serve(ConfigArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Exit 0 when the server answers ready (for Docker's HEALTHCHECK).
    Healthcheck(HealthcheckArgs),
    /// Check or print the effective configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Back up the database now (works while the server runs).
    Backup(BackupArgs),
    /// Replace the database with a backup (the server must be stopped).
    Restore(RestoreArgs),
    /// Scheduled jobs: list them, or run one now.
    #[command(subcommand)]
    Jobs(JobsCommand),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Write the backup here instead of the backup directory.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// The backup file to restore.
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Each job with its schedule, next firing and last outcome.
    List(ConfigArgs),
    /// Run a job now: backup, refresh_products or cleanup.
    Run(JobsRunArgs),
}

#[derive(Debug, Args)]
pub struct JobsRunArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    pub name: String,
}

/// The configuration's flags; `Config::load` merges those given over the other layers.
#[derive(Debug, Clone, Default, Args, Serialize)]
pub struct ConfigArgs {
    /// TOML configuration file. Every option below is also a key there (`data_dir`) and an
    /// environment variable (`AISLE_DATA_DIR`); a flag wins over the environment, the
    /// environment over the file.
    #[arg(long, env = "AISLE_CONFIG")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
    /// Directory holding aisle.db (created if missing).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Address and port to listen on, e.g. 0.0.0.0:8080.
    #[arg(long)]
    pub listen: Option<String>,
    /// SQLite synchronous mode: full (default, survives power cuts) or normal.
    #[arg(long, ignore_case = true)]
    pub synchronous: Option<Synchronous>,
    /// Days a login lasts without use (sliding).
    #[arg(long)]
    pub session_days: Option<u32>,
    /// Failed logins allowed per client address and per username within the window.
    #[arg(long)]
    pub login_max_failures: Option<u32>,
    /// The login-throttling window in seconds.
    #[arg(long)]
    pub login_window_secs: Option<u64>,
    /// Mark cookies Secure (set this when a TLS proxy sits in front of aisle).
    #[arg(long, value_parser = BoolishValueParser::new())]
    pub secure_cookies: Option<bool>,
    /// Log filter, e.g. info, debug, aisle=debug.
    #[arg(long)]
    pub log: Option<String>,
    /// When to back up (cron with seconds, e.g. "0 0 3 * * *"); blank turns it off.
    #[arg(long)]
    pub backup_schedule: Option<String>,
    /// When to refresh product lookups and prices; blank turns it off.
    #[arg(long)]
    pub refresh_schedule: Option<String>,
    /// When to clean up expired sessions, old tombstones and caches; blank turns it off.
    #[arg(long)]
    pub cleanup_schedule: Option<String>,
    /// Where backups go (default DATA_DIR/backups), e.g. a NAS mount.
    #[arg(long)]
    pub backup_dir: Option<PathBuf>,
    /// Daily backups to keep.
    #[arg(long)]
    pub backup_keep_daily: Option<u32>,
    /// Weekly backups to keep.
    #[arg(long)]
    pub backup_keep_weekly: Option<u32>,
    /// Monthly backups to keep.
    #[arg(long)]
    pub backup_keep_monthly: Option<u32>,
    /// Product lookups on the internet: on or off.
    #[arg(long, value_parser = BoolishValueParser::new())]
    pub lookups: Option<bool>,
    /// Base URL of Open Food Facts.
    #[arg(long)]
    pub off_url: Option<String>,
    /// Base URL of Open Prices.
    #[arg(long)]
    pub open_prices_url: Option<String>,
    /// Contact (email or URL) sent in the User-Agent of lookups, as the providers ask.
    #[arg(long)]
    pub lookup_contact: Option<String>,
    /// The longest a lookup may take, in milliseconds (retries included).
    #[arg(long)]
    pub lookup_timeout_ms: Option<u64>,
    /// HTTPS: off (default), acme, files or local-ca.
    #[arg(long, ignore_case = true)]
    pub tls: Option<TlsMode>,
    /// Address and port for HTTPS when TLS is on (default 0.0.0.0:443).
    #[arg(long)]
    pub tls_listen: Option<String>,
    /// acme: a domain to get a certificate for (repeatable, or comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub acme_domain: Vec<String>,
    /// acme: contact email for the ACME account.
    #[arg(long)]
    pub acme_email: Option<String>,
    /// acme: directory URL (default Let's Encrypt production; `staging` for its staging).
    #[arg(long)]
    pub acme_directory: Option<String>,
    /// acme: an extra root certificate (PEM) to trust for the directory's own HTTPS.
    #[arg(long)]
    pub acme_directory_ca: Option<PathBuf>,
    /// acme: tls-alpn-01 (default) or http-01.
    #[arg(long, ignore_case = true)]
    pub acme_challenge: Option<AcmeChallenge>,
    /// files: certificate chain (PEM); reloaded when it changes.
    #[arg(long)]
    pub tls_cert: Option<PathBuf>,
    /// files: private key (PEM); reloaded when it changes.
    #[arg(long)]
    pub tls_key: Option<PathBuf>,
    /// local-ca: names and addresses phones reach aisle by (repeatable or comma-separated;
    /// `tls_names` in the file, `AISLE_TLS_NAMES` in the environment).
    #[arg(long = "tls-name", value_delimiter = ',')]
    pub tls_names: Vec<String>,
    /// The address people reach aisle at, e.g. https://lists.example.org or
    /// http://192.168.1.10:8080: used in invite links and redirects (never the Host header).
    #[arg(long)]
    pub public_url: Option<String>,
    /// Seconds a connection may go without a request under way (a new one that has not
    /// sent a complete request, or a kept-alive one between requests) before it is closed.
    #[arg(long)]
    pub idle_timeout_secs: Option<u64>,
    /// Open connections at most; further ones are closed at once.
    #[arg(long)]
    pub max_connections: Option<u32>,
    /// Open connections at most from one client address (IPv6: one /64).
    #[arg(long)]
    pub max_connections_per_client: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (creating the household if it does not exist).
    Add(UserAddArgs),
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    #[arg(long)]
    pub username: String,
    /// Household name; created if missing.
    #[arg(long)]
    pub household: String,
    /// Make the user an administrator of the household.
    #[arg(long)]
    pub admin: bool,
    /// Make the user an instance admin: the admin page with jobs, run-now and the backups
    /// of every household (the setup account is one; more are granted on that page).
    #[arg(long)]
    pub instance_admin: bool,
    /// Read the password from standard input (required: passwords never go on the command line).
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user and print it once.
    Create(TokenCreateArgs),
}

#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    #[arg(long)]
    pub username: String,
    /// A label to recognise the token by.
    #[arg(long)]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct HealthcheckArgs {
    /// URL of the readiness endpoint.
    #[arg(
        long,
        env = "AISLE_HEALTHCHECK_URL",
        default_value = "http://127.0.0.1:8080/health/ready"
    )]
    pub url: String,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate the configuration; exit non-zero naming the bad option.
    Check(ConfigArgs),
    /// Print the effective configuration as TOML, secrets redacted.
    Dump(ConfigArgs),
}
