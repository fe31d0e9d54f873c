//! Checks of the merged configuration, run before anything binds.

use std::ops::RangeInclusive;
use std::path::Path;

use tracing_subscriber::filter::Targets;

use super::error::{ConfigError, ScheduleError};
use super::options::{Config, TlsMode};

/// A job schedule: cron with seconds (`sec min hour day month weekday`), blank = off.
pub fn parse_schedule(raw: &str) -> Result<Option<cron::Schedule>, ScheduleError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<cron::Schedule>().map(Some).map_err(|e| {
        let e = e.to_string();
        ScheduleError {
            raw: raw.to_string(),
            reason: e.lines().last().unwrap_or_default().trim().to_string(),
        }
    })
}

/// The certificates of the PEM file `path` (`oidc_issuer_ca`): at least one, and nothing
/// in the file that does not read.
pub fn issuer_roots(path: &Path) -> Result<Vec<ureq::tls::Certificate<'static>>, String> {
    let pem = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(ureq::tls::PemItem::Certificate(cert)) => certs.push(cert),
            Ok(_) => {}
            Err(e) => return Err(format!("{} does not read as PEM: {e}", path.display())),
        }
    }
    if certs.is_empty() {
        return Err(format!("{} holds no PEM certificate", path.display()));
    }
    Ok(certs)
}

/// `Err` naming `option` unless `ok`.
fn check(ok: bool, option: &str, message: impl Into<String>) -> Result<(), ConfigError> {
    match ok {
        true => Ok(()),
        false => Err(ConfigError::invalid(option, message)),
    }
}

/// `Err` naming `option` when `value` is outside `range`.
fn within<T>(option: &str, value: T, range: RangeInclusive<T>) -> Result<(), ConfigError>
where
    T: PartialOrd + std::fmt::Display,
{
    let message = format!("{value} is outside {}..={}", range.start(), range.end());
    check(range.contains(&value), option, message)
}

fn is_http_url(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://"))
        && url.len() > "http://".len()
        && !url.contains(char::is_whitespace)
}

fn is_domain(d: &str) -> bool {
    !d.is_empty()
        && d.len() <= 253
        && d.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

impl Config {
    /// Checks every option; the error names the first bad one.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.listen_addr()?;
        let ok = !self.data_dir.as_os_str().is_empty();
        check(ok, "data-dir", "must not be empty")?;
        within("session-days", self.session_days, 1..=3650)?;
        within("security-log-days", self.security_log_days, 1..=3650)?;
        within("login-max-failures", self.login_max_failures, 1..=1000)?;
        within("login-window-secs", self.login_window_secs, 1..=86_400)?;
        for (option, raw) in [
            ("backup-schedule", &self.backup_schedule),
            ("refresh-schedule", &self.refresh_schedule),
            ("cleanup-schedule", &self.cleanup_schedule),
        ] {
            parse_schedule(raw).map_err(|e| ConfigError::invalid(option, e.to_string()))?;
        }
        let kept = self.backup_keep_daily + self.backup_keep_weekly + self.backup_keep_monthly;
        let message = "keep at least one backup (daily, weekly or monthly)";
        check(kept > 0, "backup-keep-daily", message)?;
        for (option, url) in [
            ("off-url", &self.off_url),
            ("open-prices-url", &self.open_prices_url),
        ] {
            let message = format!("`{url}` is not an http(s) URL");
            check(is_http_url(url), option, message)?;
        }
        within("lookup-timeout-ms", self.lookup_timeout_ms, 100..=60_000)?;
        let contact = &self.lookup_contact;
        let ok = !contact.trim().is_empty() && !contact.chars().any(char::is_control);
        let message = "give an email address or URL the providers can reach you at";
        check(ok, "lookup-contact", message)?;
        self.validate_tls()?;
        self.public_origin()?;
        within("idle-timeout-secs", self.idle_timeout_secs, 1..=3600)?;
        within("max-connections", self.max_connections, 1..=1_000_000)?;
        within("notify-batch-secs", self.notify_batch_secs, 1..=3600)?;
        if let Some(contact) = &self.push_contact {
            let ok = (contact.starts_with("mailto:") && contact.contains('@'))
                || contact.starts_with("https://");
            let message = "give a mailto: address (mailto:you@example.org) or an https address";
            check(ok, "push-contact", message)?;
        }
        self.validate_sso()?;
        let (max, per_client) = (self.max_connections, self.max_connections_per_client);
        let message = format!("{per_client} is outside 1..={max} (max-connections)");
        let ok = (1..=max).contains(&per_client);
        check(ok, "max-connections-per-client", message)?;
        let message = format!("`{}` is not a log filter such as `info`", self.log);
        check(self.log.parse::<Targets>().is_ok(), "log", message)
    }

    fn validate_sso(&self) -> Result<(), ConfigError> {
        let set = |o: &Option<String>| o.as_deref().is_some_and(|v| !v.trim().is_empty());
        let (issuer, client) = (set(&self.oidc_issuer), set(&self.oidc_client_id));
        let message = "single sign-on needs both oidc-issuer and oidc-client-id";
        check(
            issuer == client,
            if issuer {
                "oidc-client-id"
            } else {
                "oidc-issuer"
            },
            message,
        )?;
        if let Some(url) = &self.oidc_issuer {
            let message = format!("`{url}` is not an http(s) URL such as https://auth.example.org");
            check(is_http_url(url), "oidc-issuer", message)?;
        }
        let message = "single sign-on is off (no oidc-issuer): this option would do nothing";
        for (option, value) in [
            ("oidc-client-secret", &self.oidc_client_secret),
            ("oidc-name", &self.oidc_name),
            ("oidc-household", &self.oidc_household),
        ] {
            check(issuer || value.is_none(), option, message)?;
        }
        if let Some(path) = &self.oidc_issuer_ca {
            check(issuer, "oidc-issuer-ca", message)?;
            issuer_roots(path)
                .map_err(|message| ConfigError::invalid("oidc-issuer-ca", message))?;
        }
        Ok(())
    }

    fn validate_tls(&self) -> Result<(), ConfigError> {
        if self.tls == TlsMode::Off {
            return Ok(());
        }
        let message = "must differ from --listen (the plain port redirects to HTTPS)";
        let ok = self.tls_listen_addr()? != self.listen_addr()?;
        check(ok, "tls-listen", message)?;
        match self.tls {
            TlsMode::Acme => {
                let message = "acme needs at least one domain";
                check(!self.acme_domain.is_empty(), "acme-domain", message)?;
                for d in &self.acme_domain {
                    let message = format!("`{d}` is not a domain name");
                    check(is_domain(d), "acme-domain", message)?;
                }
                let url = &self.acme_directory;
                let ok = url.starts_with("https://") || url.starts_with("http://");
                check(ok, "acme-directory", format!("`{url}` is not a URL"))?;
                if let Some(ca) = &self.acme_directory_ca {
                    let message = format!("{} is not a file", ca.display());
                    check(ca.is_file(), "acme-directory-ca", message)?;
                }
            }
            TlsMode::Files => {
                for (option, path) in [("tls-cert", &self.tls_cert), ("tls-key", &self.tls_key)] {
                    let Some(path) = path else {
                        return check(false, option, "files mode needs --tls-cert and --tls-key");
                    };
                    let message = format!("{} is not a file", path.display());
                    check(path.is_file(), option, message)?;
                }
            }
            TlsMode::LocalCa | TlsMode::Off => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_are_checked_and_blank_means_off() {
        assert!(parse_schedule(" ").unwrap().is_none());
        assert!(parse_schedule("0 0 3 * * *").unwrap().is_some());
        let e = parse_schedule("every night").unwrap_err().to_string();
        assert!(e.starts_with("`every night` is not a schedule ("), "{e}");
        let c = Config {
            backup_schedule: "61 * * * * *".into(),
            ..Config::default()
        };
        let e = c.validate().unwrap_err().to_string();
        assert!(e.starts_with("invalid option `backup-schedule`: "), "{e}");
    }

    #[test]
    fn ranges_name_the_option_and_the_bounds() {
        let c = Config {
            session_days: 0,
            ..Config::default()
        };
        let e = c.validate().unwrap_err().to_string();
        assert_eq!(e, "invalid option `session-days`: 0 is outside 1..=3650");
        let c = Config {
            lookup_timeout_ms: 60_001,
            ..Config::default()
        };
        let e = c.validate().unwrap_err().to_string();
        assert!(
            e.contains("`lookup-timeout-ms`: 60001 is outside 100..=60000"),
            "{e}"
        );
    }
}
