//! Configuration: defaults < TOML file < `AISLE_*` environment < flags, validated before
//! anything binds.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cli::ConfigArgs;

mod net;
pub use net::Origin;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid option `{option}`: {message}")]
    Invalid {
        option: &'static str,
        message: String,
    },
}

/// SQLite's `synchronous` pragma as offered to operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// The effective configuration. Every field has a flag and an `AISLE_*` variable.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub data_dir: PathBuf,
    pub listen: String,
    pub synchronous: Synchronous,
    pub session_days: u32,
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
    pub tls: TlsMode,
    pub tls_listen: String,
    pub acme_domain: Vec<String>,
    pub acme_email: Option<String>,
    pub acme_directory: String,
    pub acme_directory_ca: Option<PathBuf>,
    pub acme_challenge: AcmeChallenge,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
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
}

/// How aisle serves HTTPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TlsMode {
    Off,
    Acme,
    Files,
    LocalCa,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AcmeChallenge {
    #[serde(rename = "tls-alpn-01")]
    TlsAlpn01,
    #[serde(rename = "http-01")]
    Http01,
}

pub const LETS_ENCRYPT: &str = "https://acme-v02.api.letsencrypt.org/directory";
pub const LETS_ENCRYPT_STAGING: &str = "https://acme-staging-v02.api.letsencrypt.org/directory";

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("./data"),
            listen: "0.0.0.0:8080".to_string(),
            synchronous: Synchronous::Full,
            session_days: 30,
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
        }
    }
}

fn parse_num<T: std::str::FromStr>(option: &'static str, raw: &str) -> Result<T, ConfigError> {
    raw.trim().parse().map_err(|_| ConfigError::Invalid {
        option,
        message: format!("`{raw}` is not a whole number"),
    })
}

/// A job schedule: cron with seconds (`sec min hour day month weekday`), blank = off.
pub fn parse_schedule(raw: &str) -> Result<Option<cron::Schedule>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<cron::Schedule>().map(Some).map_err(|e| {
        let e = e.to_string();
        let e = e.lines().last().unwrap_or_default().trim();
        format!("`{raw}` is not a schedule ({e}); use cron with seconds, e.g. \"0 0 3 * * *\" for 03:00 daily, or blank for off")
    })
}

fn parse_bool(option: &'static str, raw: &str) -> Result<bool, ConfigError> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(ConfigError::Invalid {
            option,
            message: format!("`{raw}` is not true or false"),
        }),
    }
}

impl Config {
    /// Builds the configuration from the layers and validates it.
    pub fn load(args: &ConfigArgs) -> Result<Config, ConfigError> {
        let mut config = match &args.config {
            Some(path) => Config::from_file(path)?,
            None => Config::default(),
        };
        if let Some(v) = &args.data_dir {
            config.data_dir = v.clone();
        }
        if let Some(v) = &args.listen {
            config.listen = v.clone();
        }
        if let Some(v) = &args.synchronous {
            config.synchronous = match v.trim().to_ascii_lowercase().as_str() {
                "full" => Synchronous::Full,
                "normal" => Synchronous::Normal,
                _ => {
                    return Err(ConfigError::Invalid {
                        option: "synchronous",
                        message: format!("`{v}` is not `full` or `normal`"),
                    });
                }
            };
        }
        if let Some(v) = &args.session_days {
            config.session_days = parse_num("session-days", v)?;
        }
        if let Some(v) = &args.login_max_failures {
            config.login_max_failures = parse_num("login-max-failures", v)?;
        }
        if let Some(v) = &args.login_window_secs {
            config.login_window_secs = parse_num("login-window-secs", v)?;
        }
        if let Some(v) = &args.secure_cookies {
            config.secure_cookies = parse_bool("secure-cookies", v)?;
        }
        if let Some(v) = &args.log {
            config.log = v.clone();
        }
        if let Some(v) = &args.backup_schedule {
            config.backup_schedule = v.clone();
        }
        if let Some(v) = &args.refresh_schedule {
            config.refresh_schedule = v.clone();
        }
        if let Some(v) = &args.cleanup_schedule {
            config.cleanup_schedule = v.clone();
        }
        if let Some(v) = &args.backup_dir {
            config.backup_dir = Some(v.clone());
        }
        if let Some(v) = &args.backup_keep_daily {
            config.backup_keep_daily = parse_num("backup-keep-daily", v)?;
        }
        if let Some(v) = &args.backup_keep_weekly {
            config.backup_keep_weekly = parse_num("backup-keep-weekly", v)?;
        }
        if let Some(v) = &args.backup_keep_monthly {
            config.backup_keep_monthly = parse_num("backup-keep-monthly", v)?;
        }
        if let Some(v) = &args.lookups {
            config.lookups = parse_bool("lookups", v)?;
        }
        if let Some(v) = &args.off_url {
            config.off_url = v.clone();
        }
        if let Some(v) = &args.open_prices_url {
            config.open_prices_url = v.clone();
        }
        if let Some(v) = &args.lookup_contact {
            config.lookup_contact = v.clone();
        }
        if let Some(v) = &args.lookup_timeout_ms {
            config.lookup_timeout_ms = parse_num("lookup-timeout-ms", v)?;
        }
        if let Some(v) = &args.tls {
            config.tls = match v.trim().to_ascii_lowercase().as_str() {
                "off" => TlsMode::Off,
                "acme" => TlsMode::Acme,
                "files" => TlsMode::Files,
                "local-ca" => TlsMode::LocalCa,
                _ => {
                    return Err(ConfigError::Invalid {
                        option: "tls",
                        message: format!("`{v}` is not off, acme, files or local-ca"),
                    });
                }
            };
        }
        if let Some(v) = &args.tls_listen {
            config.tls_listen = v.clone();
        }
        if !args.acme_domain.is_empty() {
            config.acme_domain = args.acme_domain.clone();
        }
        if let Some(v) = &args.acme_email {
            config.acme_email = Some(v.clone());
        }
        if let Some(v) = &args.acme_directory {
            config.acme_directory = v.clone();
        }
        if let Some(v) = &args.acme_directory_ca {
            config.acme_directory_ca = Some(v.clone());
        }
        if let Some(v) = &args.acme_challenge {
            config.acme_challenge = match v.trim().to_ascii_lowercase().as_str() {
                "tls-alpn-01" => AcmeChallenge::TlsAlpn01,
                "http-01" => AcmeChallenge::Http01,
                _ => {
                    return Err(ConfigError::Invalid {
                        option: "acme-challenge",
                        message: format!("`{v}` is not tls-alpn-01 or http-01"),
                    });
                }
            };
        }
        if let Some(v) = &args.tls_cert {
            config.tls_cert = Some(v.clone());
        }
        if let Some(v) = &args.tls_key {
            config.tls_key = Some(v.clone());
        }
        if !args.tls_name.is_empty() {
            config.tls_names = args.tls_name.clone();
        }
        if let Some(v) = &args.public_url {
            config.public_url = Some(v.clone()).filter(|v| !v.trim().is_empty());
        }
        if let Some(v) = &args.idle_timeout_secs {
            config.idle_timeout_secs = parse_num("idle-timeout-secs", v)?;
        }
        if let Some(v) = &args.max_connections {
            config.max_connections = parse_num("max-connections", v)?;
        }
        if let Some(v) = &args.max_connections_per_client {
            config.max_connections_per_client = parse_num("max-connections-per-client", v)?;
        }
        if config.acme_directory.trim() == "staging" {
            config.acme_directory = LETS_ENCRYPT_STAGING.to_string();
        }
        config.validate()?;
        Ok(config)
    }

    fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    /// Checks every option; the error names the first bad one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.listen_addr()?;
        if self.data_dir.as_os_str().is_empty() {
            return Err(ConfigError::Invalid {
                option: "data-dir",
                message: "must not be empty".into(),
            });
        }
        if !(1..=3650).contains(&self.session_days) {
            return Err(ConfigError::Invalid {
                option: "session-days",
                message: format!("{} is outside 1..=3650", self.session_days),
            });
        }
        if !(1..=1000).contains(&self.login_max_failures) {
            return Err(ConfigError::Invalid {
                option: "login-max-failures",
                message: format!("{} is outside 1..=1000", self.login_max_failures),
            });
        }
        if !(1..=86_400).contains(&self.login_window_secs) {
            return Err(ConfigError::Invalid {
                option: "login-window-secs",
                message: format!("{} is outside 1..=86400", self.login_window_secs),
            });
        }
        for (option, raw) in [
            ("backup-schedule", &self.backup_schedule),
            ("refresh-schedule", &self.refresh_schedule),
            ("cleanup-schedule", &self.cleanup_schedule),
        ] {
            parse_schedule(raw).map_err(|message| ConfigError::Invalid { option, message })?;
        }
        if self.backup_keep_daily + self.backup_keep_weekly + self.backup_keep_monthly == 0 {
            return Err(ConfigError::Invalid {
                option: "backup-keep-daily",
                message: "keep at least one backup (daily, weekly or monthly)".into(),
            });
        }
        for (option, url) in [
            ("off-url", &self.off_url),
            ("open-prices-url", &self.open_prices_url),
        ] {
            let ok = (url.starts_with("http://") || url.starts_with("https://"))
                && url.len() > "http://".len()
                && !url.contains(char::is_whitespace);
            if !ok {
                return Err(ConfigError::Invalid {
                    option,
                    message: format!("`{url}` is not an http(s) URL"),
                });
            }
        }
        if !(100..=60_000).contains(&self.lookup_timeout_ms) {
            return Err(ConfigError::Invalid {
                option: "lookup-timeout-ms",
                message: format!("{} is outside 100..=60000", self.lookup_timeout_ms),
            });
        }
        if self.lookup_contact.trim().is_empty()
            || self.lookup_contact.chars().any(char::is_control)
        {
            return Err(ConfigError::Invalid {
                option: "lookup-contact",
                message: "give an email address or URL the providers can reach you at".into(),
            });
        }
        self.validate_tls()?;
        self.validate_connections()?;
        if tracing_subscriber::EnvFilter::try_new(&self.log).is_err() {
            return Err(ConfigError::Invalid {
                option: "log",
                message: format!("`{}` is not a log filter such as `info`", self.log),
            });
        }
        Ok(())
    }

    fn validate_tls(&self) -> Result<(), ConfigError> {
        let invalid = |option, message: String| Err(ConfigError::Invalid { option, message });
        if self.tls == TlsMode::Off {
            return Ok(());
        }
        let tls_addr = self.tls_listen_addr()?;
        if tls_addr == self.listen_addr()? {
            return invalid(
                "tls-listen",
                "must differ from --listen (the plain port redirects to HTTPS)".into(),
            );
        }
        match self.tls {
            TlsMode::Acme => {
                if self.acme_domain.is_empty() {
                    return invalid("acme-domain", "acme needs at least one domain".into());
                }
                for d in &self.acme_domain {
                    let ok = !d.is_empty()
                        && d.len() <= 253
                        && d.split('.').all(|l| {
                            !l.is_empty()
                                && l.len() <= 63
                                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        });
                    if !ok {
                        return invalid("acme-domain", format!("`{d}` is not a domain name"));
                    }
                }
                if !self.acme_directory.starts_with("https://")
                    && !self.acme_directory.starts_with("http://")
                {
                    return invalid(
                        "acme-directory",
                        format!("`{}` is not a URL", self.acme_directory),
                    );
                }
                if let Some(ca) = &self.acme_directory_ca
                    && !ca.is_file()
                {
                    return invalid(
                        "acme-directory-ca",
                        format!("{} is not a file", ca.display()),
                    );
                }
            }
            TlsMode::Files => {
                for (option, path) in [("tls-cert", &self.tls_cert), ("tls-key", &self.tls_key)] {
                    match path {
                        None => {
                            return invalid(
                                option,
                                "files mode needs --tls-cert and --tls-key".into(),
                            );
                        }
                        Some(p) if !p.is_file() => {
                            return invalid(option, format!("{} is not a file", p.display()));
                        }
                        Some(_) => {}
                    }
                }
            }
            TlsMode::LocalCa | TlsMode::Off => {}
        }
        Ok(())
    }

    pub fn tls_listen_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.tls_listen.parse().map_err(|_| ConfigError::Invalid {
            option: "tls-listen",
            message: format!(
                "`{}` is not an address:port such as 0.0.0.0:443",
                self.tls_listen
            ),
        })
    }

    /// Cookies are `Secure` and HSTS is sent when aisle serves HTTPS (or sits behind it).
    pub fn https(&self) -> bool {
        self.secure_cookies || self.tls != TlsMode::Off
    }

    pub fn listen_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.listen.parse().map_err(|_| ConfigError::Invalid {
            option: "listen",
            message: format!(
                "`{}` is not an address:port such as 0.0.0.0:8080",
                self.listen
            ),
        })
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("aisle.db")
    }

    pub fn backup_dir(&self) -> PathBuf {
        self.backup_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("backups"))
    }

    /// The effective configuration as TOML. No option is secret yet; secrets added later
    /// must be replaced by "(redacted)" here.
    pub fn dump(&self) -> String {
        toml::to_string(self).unwrap_or_else(|e| format!("# cannot print config: {e}\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_file_and_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("aisle.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:9000\"\nsession_days = 7\n").unwrap();
        let args = ConfigArgs {
            config: Some(file),
            session_days: Some("9".into()),
            ..Default::default()
        };
        let c = Config::load(&args).unwrap();
        assert_eq!(c.listen, "127.0.0.1:9000");
        assert_eq!(c.session_days, 9);
        assert_eq!(c.synchronous, Synchronous::Full);
    }

    #[test]
    fn bad_options_are_named() {
        let args = ConfigArgs {
            listen: Some("nonsense".into()),
            ..Default::default()
        };
        let e = Config::load(&args).unwrap_err().to_string();
        assert!(e.contains("`listen`"), "{e}");
        let args = ConfigArgs {
            session_days: Some("0".into()),
            ..Default::default()
        };
        assert!(
            Config::load(&args)
                .unwrap_err()
                .to_string()
                .contains("session-days")
        );
    }

    #[test]
    fn schedules_are_checked_and_blank_means_off() {
        let args = ConfigArgs {
            backup_schedule: Some("every night".into()),
            ..Default::default()
        };
        let e = Config::load(&args).unwrap_err().to_string();
        assert!(e.contains("`backup-schedule`"), "{e}");
        let args = ConfigArgs {
            cleanup_schedule: Some(" ".into()),
            ..Default::default()
        };
        let c = Config::load(&args).unwrap();
        assert_eq!(
            parse_schedule(&c.cleanup_schedule).unwrap().map(|_| ()),
            None
        );
        assert!(parse_schedule(&c.backup_schedule).unwrap().is_some());
    }

    #[test]
    fn unknown_file_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("aisle.toml");
        std::fs::write(&file, "lisen = \"x\"\n").unwrap();
        let args = ConfigArgs {
            config: Some(file),
            ..Default::default()
        };
        assert!(
            Config::load(&args)
                .unwrap_err()
                .to_string()
                .contains("lisen")
        );
    }
}
