//! The configuration's command-line flags (`aisle serve --data-dir …`): the top layer.

use std::path::PathBuf;

use clap::Args;
use clap::builder::BoolishValueParser;
use serde::Serialize;

use super::options::{AcmeChallenge, Synchronous, TlsMode};

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
    /// Days the security log keeps an entry.
    #[arg(long)]
    pub security_log_days: Option<u32>,
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
    /// Announce aisle on the local network by multicast DNS (`_aisle._tcp`), so Home
    /// Assistant finds it: on or off.
    #[arg(long, value_parser = BoolishValueParser::new())]
    pub mdns: Option<bool>,
    /// Seconds a member's adds are gathered into one notification ("Anna added 3 items").
    #[arg(long)]
    pub notify_batch_secs: Option<u64>,
    /// The contact push services see in aisle's Web Push signature: a mailto: or https
    /// address (Apple's push service wants a real one).
    #[arg(long)]
    pub push_contact: Option<String>,
    /// Single sign-on: the OpenID Connect provider's issuer URL, e.g.
    /// https://auth.example.org (Authelia, Authentik, Keycloak, kanidm…).
    #[arg(long)]
    pub oidc_issuer: Option<String>,
    /// Single sign-on: the certificate authority (PEM file) that signed the provider's
    /// HTTPS certificate, for a provider with a certificate of the household's own; only
    /// it is then trusted for the provider.
    #[arg(long)]
    pub oidc_issuer_ca: Option<PathBuf>,
    /// Single sign-on: the client id aisle is registered under at the provider.
    #[arg(long)]
    pub oidc_client_id: Option<String>,
    /// Single sign-on: the client's secret (better in the file or the environment than
    /// on a command line other users of the machine can read).
    #[arg(long)]
    pub oidc_client_secret: Option<String>,
    /// Single sign-on: the provider's name on the login button ("Log in with Authelia").
    #[arg(long)]
    pub oidc_name: Option<String>,
    /// Single sign-on: the household that people the provider signs in, but aisle does
    /// not know yet, join as members; unset, they are refused until linked.
    #[arg(long)]
    pub oidc_household: Option<String>,
}
