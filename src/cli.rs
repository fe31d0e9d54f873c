//! Command-line interface. Every flag can also be given as an `AISLE_*` environment variable.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
}

/// Options that make up the configuration: defaults < file < environment < flags.
#[derive(Debug, Clone, Default, Args)]
pub struct ConfigArgs {
    /// TOML configuration file.
    #[arg(long, env = "AISLE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Directory holding aisle.db (created if missing).
    #[arg(long, env = "AISLE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Address and port to listen on, e.g. 0.0.0.0:8080.
    #[arg(long, env = "AISLE_LISTEN")]
    pub listen: Option<String>,
    /// SQLite synchronous mode: full (default, survives power cuts) or normal.
    #[arg(long, env = "AISLE_SYNCHRONOUS")]
    pub synchronous: Option<String>,
    /// Days a login lasts without use (sliding).
    #[arg(long, env = "AISLE_SESSION_DAYS")]
    pub session_days: Option<String>,
    /// Failed logins allowed per client address and per username within the window.
    #[arg(long, env = "AISLE_LOGIN_MAX_FAILURES")]
    pub login_max_failures: Option<String>,
    /// The login-throttling window in seconds.
    #[arg(long, env = "AISLE_LOGIN_WINDOW_SECS")]
    pub login_window_secs: Option<String>,
    /// Mark cookies Secure (set this when a TLS proxy sits in front of aisle).
    #[arg(long, env = "AISLE_SECURE_COOKIES")]
    pub secure_cookies: Option<String>,
    /// Log filter, e.g. info, debug, aisle=debug.
    #[arg(long, env = "AISLE_LOG")]
    pub log: Option<String>,
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
