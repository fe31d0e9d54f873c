//! The network-facing options: the public URL links are built from, and the limits on
//! open connections.

use std::net::IpAddr;

use super::error::ConfigError;
use super::options::{Config, TlsMode};

/// An origin: scheme, host and port (the port filled in from the scheme when absent),
/// all lower-case. Two URLs are the same site for a browser when their origins are equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub scheme: String,
    pub host: String,
    pub port: u16,
}

impl Origin {
    /// `scheme://host[:port]` with nothing after it; `None` for anything else (a path, a
    /// query, user info, a scheme other than http or https, an empty or odd host).
    pub fn parse(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        Origin::from_authority(&scheme, rest)
    }

    /// The origin of an http(s) URL, whatever path, query or fragment follows it.
    pub fn of_url(url: &str) -> Option<Origin> {
        let (scheme, rest) = url.trim().split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next()?;
        Origin::parse(&format!("{scheme}://{authority}"))
    }

    /// The origin of `host[:port]` (a `Host` header) reached by `scheme`.
    pub fn from_authority(scheme: &str, authority: &str) -> Option<Origin> {
        let default = match scheme {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !p.contains(']') => (h, Some(p)),
            _ => (authority, None),
        };
        let port = match port {
            Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().ok().filter(|p| *p != 0)?
            }
            Some(_) => return None,
            None => default,
        };
        let ok = if let Some(inner) = host.strip_prefix('[') {
            inner.strip_suffix(']').is_some_and(|v6| {
                !v6.is_empty()
                    && v6
                        .bytes()
                        .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
            })
        } else {
            !host.is_empty()
                && host.len() <= 253
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        };
        ok.then(|| Origin {
            scheme: scheme.to_string(),
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    /// `scheme://host`, with `:port` unless it is the scheme's default.
    pub fn url(&self) -> String {
        let default = if self.scheme == "https" { 443 } else { 80 };
        if self.port == default {
            format!("{}://{}", self.scheme, self.host)
        } else {
            format!("{}://{}:{}", self.scheme, self.host, self.port)
        }
    }
}

impl Config {
    /// The origin every link aisle builds starts with: `public_url` when set; with ACME,
    /// `https://` and the first domain; otherwise the (TLS) listen address. When that is
    /// unspecified (`0.0.0.0`, `[::]`), the local address the connection `reached` (the
    /// machine's own address the phone used, vouched for by the front door), else
    /// `localhost`. Never a request's `Host`.
    pub fn public_origin_via(&self, reached: Option<IpAddr>) -> Result<Origin, ConfigError> {
        let invalid = |message: String| ConfigError::invalid("public-url", message);
        if let Some(url) = &self.public_url {
            let trimmed = url.trim();
            let bare = trimmed.strip_suffix('/').unwrap_or(trimmed);
            let origin = Origin::parse(bare).ok_or_else(|| {
                invalid(format!(
                    "`{url}` is not an absolute http(s) URL without a path, such as \
                     https://lists.example.org or http://192.168.1.10:8080"
                ))
            })?;
            if self.tls != TlsMode::Off && origin.scheme != "https" {
                return Err(invalid(format!(
                    "`{url}` must start with https:// when aisle serves HTTPS itself"
                )));
            }
            return Ok(origin);
        }
        let (scheme, addr) = if self.tls == TlsMode::Off {
            ("http", self.listen_addr()?)
        } else {
            ("https", self.tls_listen_addr()?)
        };
        let host = match self.acme_domain.first() {
            Some(domain) if self.tls == TlsMode::Acme => domain.to_ascii_lowercase(),
            _ => {
                let ip = match reached.map(|ip| ip.to_canonical()) {
                    Some(ip) if addr.ip().is_unspecified() && !ip.is_unspecified() => ip,
                    _ => addr.ip(),
                };
                match ip {
                    _ if ip.is_unspecified() => "localhost".to_string(),
                    IpAddr::V6(v6) => format!("[{v6}]"),
                    IpAddr::V4(v4) => v4.to_string(),
                }
            }
        };
        Ok(Origin {
            scheme: scheme.to_string(),
            host,
            port: addr.port(),
        })
    }

    /// [`Config::public_origin_via`] without a connection to go by.
    pub fn public_origin(&self) -> Result<Origin, ConfigError> {
        self.public_origin_via(None)
    }

    /// [`Config::public_origin_via`] as a URL without a trailing slash. Checked by `validate`.
    pub fn public_url_via(&self, reached: Option<IpAddr>) -> String {
        self.public_origin_via(reached)
            .map(|o| o.url())
            .unwrap_or_else(|_| "http://localhost".to_string())
    }

    /// [`Config::public_url_via`] without a connection to go by (the startup log).
    pub fn public_url(&self) -> String {
        self.public_url_via(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let a = Origin::parse("HTTP://Example.org").unwrap();
        let realm = Origin::of_url("https://Auth.example.org:8443/realms/home?x#y").unwrap();
        assert_eq!(realm.url(), "https://auth.example.org:8443");
        assert_eq!(Origin::of_url("http://example.org/").unwrap(), a);
        assert_eq!(a, Origin::parse("http://example.org:80").unwrap());
        assert_ne!(a, Origin::parse("https://example.org").unwrap());
        assert_ne!(a, Origin::parse("http://example.org:8080").unwrap());
        assert_eq!(
            Origin::from_authority("https", "[::1]:8443").unwrap().url(),
            "https://[::1]:8443"
        );
        for bad in [
            "example.org",
            "ftp://example.org",
            "http://",
            "http://example.org/path",
            "http://user@example.org",
            "http://example.org?q",
            "http://example.org:99999",
            "http://example.org:",
            "http://exa mple.org",
            "null",
        ] {
            assert_eq!(Origin::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_public_url_is_checked_and_defaults_from_the_listen_address() {
        let mut c = Config::default();
        assert_eq!(c.public_url(), "http://localhost:8080");
        // Listening on every address: links use the address the phone reached.
        let lan = Some(IpAddr::from([192, 168, 1, 20]));
        assert_eq!(c.public_url_via(lan), "http://192.168.1.20:8080");
        let mapped = "::ffff:192.168.1.20".parse().ok();
        assert_eq!(c.public_url_via(mapped), "http://192.168.1.20:8080");
        c.listen = "[::]:8080".into();
        let v6 = "fd00::20".parse().ok();
        assert_eq!(c.public_url_via(v6), "http://[fd00::20]:8080");
        c.listen = "192.168.1.10:80".into();
        assert_eq!(c.public_url(), "http://192.168.1.10");
        // A specific listen address wins over the one reached.
        assert_eq!(c.public_url_via(lan), "http://192.168.1.10");
        c.public_url = Some("https://Lists.Example.org/".into());
        assert_eq!(c.public_url(), "https://lists.example.org");
        assert_eq!(c.public_url_via(lan), "https://lists.example.org");
        c.public_url = Some("https://lists.example.org/app".into());
        let e = c.validate().unwrap_err().to_string();
        assert!(e.contains("`public-url`"), "{e}");
        c.public_url = None;
        c.tls = TlsMode::Acme;
        c.acme_domain = vec!["aisle.example.org".into()];
        c.tls_listen = "0.0.0.0:443".into();
        assert_eq!(c.public_url(), "https://aisle.example.org");
        c.public_url = Some("http://aisle.example.org".into());
        assert!(c.public_origin().is_err(), "plain http with TLS on");
    }
}
