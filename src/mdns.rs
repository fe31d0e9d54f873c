//! The announcement of aisle on the home network by multicast DNS (`_aisle._tcp`), so that
//! Home Assistant (and anything else that browses) finds it without an address typed in.
//! Switched off by `mdns = false`.

use mdns_sd::{ServiceDaemon, ServiceInfo};

use crate::config::{Config, TlsMode};

/// The DNS-SD service type aisle announces.
pub const SERVICE_TYPE: &str = "_aisle._tcp.local.";

/// A running announcement; dropping it says goodbye on the network and stops its thread.
pub struct Announcement {
    daemon: ServiceDaemon,
    fullname: String,
}

impl Drop for Announcement {
    fn drop(&mut self) {
        // Goodbye packets tell browsers at once that aisle is gone; failing that, their
        // records expire on their own. The daemon sends them on its own thread: wait (a
        // little) until it has, or the process may end first.
        if let Ok(sent) = self.daemon.unregister(&self.fullname) {
            let _ = sent.recv_timeout(std::time::Duration::from_secs(1));
        }
        let _ = self.daemon.shutdown();
    }
}

/// What aisle tells browsers: the port phones use, whether it speaks HTTPS there, the
/// path of the app, its version and, when set, the address phones use (`public_url`).
pub struct Service<'a> {
    pub host: &'a str,
    pub port: u16,
    pub https: bool,
    pub public_url: Option<&'a str>,
}

/// Announces aisle as `config` has it serve on `port`, unless `mdns` is off or nothing on
/// the network could reach it (it listens on loopback only, behind a proxy, and no
/// `public_url` says where the proxy is).
pub fn announce_for(config: &Config, port: u16, https: bool) -> Option<Announcement> {
    let url = announced_url(config)?;
    announce(&Service {
        host: &hostname(),
        port,
        https,
        public_url: url.as_deref(),
    })
}

/// Whether to announce (`None`: not) and the address to announce with it: `public_url`
/// when set, the ACME domain's when aisle gets its own certificate (a LAN address would
/// not match it), else none (browsers use the address the announcement came from).
fn announced_url(config: &Config) -> Option<Option<String>> {
    if !config.mdns {
        return None;
    }
    if let Some(url) = &config.public_url {
        return Some(Some(url.clone()));
    }
    let loopback_only = config.listen_addr().is_ok_and(|a| a.ip().is_loopback());
    if loopback_only {
        tracing::info!(
            "not announced on the local network: aisle listens on loopback only; set \
             public_url to the address of the proxy in front of it to announce that"
        );
        return None;
    }
    Some((config.tls == TlsMode::Acme).then(|| config.public_url()))
}

/// Announces aisle on every interface that carries multicast. A failure (no multicast,
/// port 5353 unusable) is logged and aisle serves on without it.
pub fn announce(service: &Service<'_>) -> Option<Announcement> {
    match try_announce(service) {
        Ok(announcement) => {
            tracing::info!(
                service = SERVICE_TYPE,
                port = service.port,
                "announced on the local network (mDNS); set mdns = false to stop"
            );
            Some(announcement)
        }
        Err(e) => {
            tracing::warn!("cannot announce aisle on the local network (mDNS): {e}");
            None
        }
    }
}

fn try_announce(service: &Service<'_>) -> Result<Announcement, mdns_sd::Error> {
    let daemon = ServiceDaemon::new()?;
    // The daemon looks for changed addresses (a new DHCP lease) every 5 s by default;
    // every 30 s keeps an idle Pi's wake-ups down.
    daemon.set_ip_check_interval(30)?;
    let host = hostname_label(service.host);
    let version = env!("CARGO_PKG_VERSION");
    let scheme = if service.https { "https" } else { "http" };
    let mut txt = vec![("path", "/"), ("version", version), ("scheme", scheme)];
    if let Some(url) = service.public_url {
        txt.push(("url", url));
    }
    let info = ServiceInfo::new(
        SERVICE_TYPE,
        &format!("aisle on {host}"),
        &format!("{host}.local."),
        "",
        service.port,
        &txt[..],
    )?
    .enable_addr_auto();
    let fullname = info.get_fullname().to_string();
    daemon.register(info)?;
    Ok(Announcement { daemon, fullname })
}

/// The machine's name as one DNS label: letters, digits and hyphens (`aisle` when none
/// is left).
fn hostname_label(raw: &str) -> String {
    let label: String = raw
        .trim()
        .split('.')
        .next()
        .unwrap_or("")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(63)
        .collect();
    let label = label.trim_matches('-');
    if label.is_empty() {
        "aisle".to_string()
    } else {
        label.to_ascii_lowercase()
    }
}

/// This machine's host name (Linux), for the announcement's instance and host names.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_announced_follows_the_configuration() {
        let config = |f: &dyn Fn(&mut Config)| {
            let mut c = Config::default();
            f(&mut c);
            announced_url(&c)
        };
        assert_eq!(config(&|_| {}), Some(None), "the address it came from");
        assert_eq!(config(&|c| c.mdns = false), None);
        assert_eq!(config(&|c| c.listen = "127.0.0.1:8080".into()), None);
        assert_eq!(
            config(&|c| {
                c.listen = "127.0.0.1:8080".into();
                c.public_url = Some("https://lists.example.org".into());
            }),
            Some(Some("https://lists.example.org".into()))
        );
        assert_eq!(
            config(&|c| {
                c.tls = TlsMode::Acme;
                c.acme_domain = vec!["lists.example.org".into()];
            }),
            Some(Some("https://lists.example.org".into()))
        );
    }

    #[test]
    fn host_names_become_one_dns_label() {
        assert_eq!(hostname_label("pantry-pi\n"), "pantry-pi");
        assert_eq!(hostname_label("NAS.fritz.box"), "nas");
        assert_eq!(hostname_label("küche_1"), "k-che-1");
        assert_eq!(hostname_label(""), "aisle");
        assert_eq!(hostname_label("--"), "aisle");
    }
}
