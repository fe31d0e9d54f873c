//! Command-line interface. Every flag can also be given as an `AISLE_*` environment variable.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use crate::config::ConfigArgs;

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
    /// Back up the database now (works while the server runs; removes no other backup).
    Backup(BackupArgs),
    /// Replace the database with a backup (the server must be stopped).
    Restore(RestoreArgs),
    /// Scheduled jobs: list them, or run one now.
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Add an export's lists, stores and products to a household, and say what was added
    /// (works while the server runs).
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// What the file is: `aisle` (a household export), `text` (one item a line), `csv`,
    /// `home-assistant` (.shopping_list.json), `ical` (to-dos, .ics), `google-keep`
    /// (a Takeout note's .json), or `grocy`, `mealie`, `kitchenowl` or `tandoor` (through
    /// their API: --url, --token).
    #[arg(long, default_value = "aisle")]
    pub from: String,
    /// For the apps read through their API: their address as this machine reaches it.
    #[arg(long)]
    pub url: Option<String>,
    /// For the apps read through their API: the token (key) the app made for aisle; `-` reads it
    /// from standard input (so it is not in the shell's history or the process list).
    #[arg(long)]
    pub token: Option<String>,
    /// The household to add it to (it must exist).
    #[arg(long)]
    pub household: String,
    /// The file to import (not for the apps read through their API); its name (without extension)
    /// names the list where the file has no list name of its own.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Write the backup here instead of into the backup directory (there it is named
    /// aisle-manual-….db).
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

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (creating the household if it does not exist).
    Add(UserAddArgs),
    /// Remove a user's second factors and passkeys (authenticator app, recovery codes,
    /// passkeys): for someone who lost their phone and their codes when no other admin can
    /// reset them.
    ResetFactors(UserResetFactorsArgs),
}

#[derive(Debug, Args)]
pub struct UserResetFactorsArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    #[arg(long)]
    pub username: String,
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
    /// The language a household this command creates is set up in: its default
    /// categories are named in it (`en`, `de`, … as in `locales/`). Default: English.
    #[arg(long, value_name = "CODE")]
    pub language: Option<String>,
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
