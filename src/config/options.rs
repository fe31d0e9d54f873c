//! The options: one struct, its defaults, and the choices some options take.

use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::PathBuf;

use super::error::ConfigError;
use super::lenient;

/// SQLite's `synchronous` pragma as offered to operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Synchronous {
    Full,
    Normal,
}

impl Synchronous {
    pub fn pragma(self) -> &'static str {
        match self {
            Synchronous::Full => "FULL",
            Synchronous::Normal => "NORMAL",
        }
    }
}

/// How aisle serves HTTPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum TlsMode {
    Off,
    Acme,
    Files,
    LocalCa,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
pub enum AcmeChallenge {
    #[serde(rename = "tls-alpn-01")]
    #[value(name = "tls-alpn-01")]
    TlsAlpn01,
    #[serde(rename = "http-01")]
    #[value(name = "http-01")]
    Http01,
}

pub const LETS_ENCRYPT: &str = "https://acme-v02.api.letsencrypt.org/directory";
pub const LETS_ENCRYPT_STAGING: &str = "https://acme-staging-v02.api.letsencrypt.org/directory";

/// The effective configuration. Every field has a flag and an `AISLE_*` variable.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub data_dir: PathBuf,
    pub listen: String,
    #[serde(deserialize_with = "lenient::choice")]
    pub synchronous: Synchronous,
    pub session_days: u32,
    pub security_log_days: u32,
    pub login_max_failures: u32,
    pub login_window_secs: u64,
    pub secure_cookies: bool,
    pub log: String,
    pub backup_schedule: String,
    pub refresh_schedule: String,
    pub cleanup_schedule: String,
    pub backup_dir: Option<PathBuf>,
    pub backup_keep_daily: u32,
    pub backup_keep_weekly: u32,
    pub backup_keep_monthly: u32,
    pub lookups: bool,
    pub off_url: String,
    pub open_prices_url: String,
    pub lookup_contact: String,
    pub lookup_timeout_ms: u64,
    #[serde(deserialize_with = "lenient::choice")]
    pub tls: TlsMode,
    pub tls_listen: String,
    /// A list in the file; comma-separated in the environment.
    #[serde(deserialize_with = "lenient::list")]
    pub acme_domain: Vec<String>,
    pub acme_email: Option<String>,
    pub acme_directory: String,
    pub acme_directory_ca: Option<PathBuf>,
    #[serde(deserialize_with = "lenient::choice")]
    pub acme_challenge: AcmeChallenge,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    #[serde(deserialize_with = "lenient::list")]
    pub tls_names: Vec<String>,
    /// The address people reach aisle at (scheme, host, port), used in every link aisle
    /// builds; derived from the ACME domain or the listen address when unset.
    pub public_url: Option<String>,
    /// Seconds a connection may go without a request under way before it is closed.
    pub idle_timeout_secs: u64,
    /// Open connections at most (over all clients).
    pub max_connections: u32,
    /// Open connections at most from one client address (IPv6: one /64).
    pub max_connections_per_client: u32,
    /// Announce aisle on the local network by multicast DNS (`_aisle._tcp`).
    pub mdns: bool,
    /// Seconds a member's adds are gathered into one notification ("Anna added 3 items").
    pub notify_batch_secs: u64,
    /// The contact push services see in aisle's Web Push signature (a `mailto:` or https
    /// address); the public address when it is https, else a placeholder.
    pub push_contact: Option<String>,
    /// Single sign-on: the OpenID Connect provider's issuer URL (discovery is read from
    /// `<issuer>/.well-known/openid-configuration`); unset, single sign-on is off.
    pub oidc_issuer: Option<String>,
    /// Single sign-on: the certificate authority (PEM) the provider's HTTPS certificate
    /// is checked against instead of the public ones (a household's own CA).
    pub oidc_issuer_ca: Option<PathBuf>,
    /// Single sign-on: the client id aisle is registered under at the provider.
    pub oidc_client_id: Option<String>,
    /// Single sign-on: the client's secret (unset for a public client); never printed.
    pub oidc_client_secret: Option<String>,
    /// Single sign-on: the provider's name on the login button ("Log in with Authelia").
    pub oidc_name: Option<String>,
    /// Single sign-on: the household people the provider knows but aisle does not join as
    /// members at their first sign-in; unset, they are refused until linked.
    pub oidc_household: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("./data"),
            listen: "0.0.0.0:8080".to_string(),
            synchronous: Synchronous::Full,
            session_days: 30,
            security_log_days: 365,
            login_max_failures: 5,
            login_window_secs: 15 * 60,
            secure_cookies: false,
            log: "info".to_string(),
            backup_schedule: "0 0 3 * * *".to_string(),
            refresh_schedule: "0 0 4 * * *".to_string(),
            cleanup_schedule: "0 30 3 * * *".to_string(),
            backup_dir: None,
            backup_keep_daily: 7,
            backup_keep_weekly: 4,
            backup_keep_monthly: 6,
            lookups: true,
            off_url: "https://world.openfoodfacts.org".to_string(),
            open_prices_url: "https://prices.openfoodfacts.org".to_string(),
            lookup_contact: "self-hosted".to_string(),
            lookup_timeout_ms: 4_000,
            tls: TlsMode::Off,
            tls_listen: "0.0.0.0:443".to_string(),
            acme_domain: Vec::new(),
            acme_email: None,
            acme_directory: LETS_ENCRYPT.to_string(),
            acme_directory_ca: None,
            acme_challenge: AcmeChallenge::TlsAlpn01,
            tls_cert: None,
            tls_key: None,
            tls_names: Vec::new(),
            public_url: None,
            idle_timeout_secs: 10,
            max_connections: 1024,
            max_connections_per_client: 256,
            mdns: true,
            notify_batch_secs: 30,
            push_contact: None,
            oidc_issuer: None,
            oidc_issuer_ca: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_name: None,
            oidc_household: None,
        }
    }
}

impl Config {
    pub fn tls_listen_addr(&self) -> Result<SocketAddr, ConfigError> {
        socket_addr("tls-listen", &self.tls_listen, "0.0.0.0:443")
    }

    pub fn listen_addr(&self) -> Result<SocketAddr, ConfigError> {
        socket_addr("listen", &self.listen, "0.0.0.0:8080")
    }

    /// Cookies are `Secure` and HSTS is sent when aisle serves HTTPS (or sits behind it).
    pub fn https(&self) -> bool {
        self.secure_cookies || self.tls != TlsMode::Off
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("aisle.db")
    }

    pub fn backup_dir(&self) -> PathBuf {
        self.backup_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("backups"))
    }

    /// Single sign-on is on: the provider and the client are configured.
    pub fn sso(&self) -> bool {
        self.oidc_issuer.is_some() && self.oidc_client_id.is_some()
    }

    /// The effective configuration as TOML, secrets replaced by "(redacted)".
    pub fn dump(&self) -> String {
        let mut shown = self.clone();
        if shown.oidc_client_secret.is_some() {
            shown.oidc_client_secret = Some("(redacted)".to_string());
        }
        toml::to_string(&shown).unwrap_or_else(|e| format!("# cannot print config: {e}\n"))
    }
}

fn socket_addr(option: &str, raw: &str, example: &str) -> Result<SocketAddr, ConfigError> {
    raw.parse().map_err(|_| {
        let message = format!("`{raw}` is not an address:port such as {example}");
        ConfigError::invalid(option, message)
    })
}
