//! TLS for the front door (`crate::door`). Rocket 0.5 takes one fixed certificate at
//! launch, so aisle terminates TLS itself (HTTP/1.1 and HTTP/2) in front of Rocket.
//! Certificates: ACME (rustls-acme, renewed without a restart; its HTTP-01 challenges are
//! answered on the plain port), own files (reloaded when they change) or aisle's local CA.

pub mod certs;
mod error;

pub use error::{TlsError, file_error};

use std::sync::{Arc, Mutex};

use rustls::ServerConfig;
use rustls_acme::caches::DirCache;
use rustls_acme::{AcmeConfig, ResolvesServerCertAcme, UseChallenge};
use tokio::net::TcpStream;
use tokio_rustls::LazyConfigAcceptor;
use tokio_rustls::server::TlsStream;
use tokio_stream::StreamExt;

use crate::config::{AcmeChallenge, Config, TlsMode};

/// What the admin page and /metrics know of the certificate in use.
#[derive(Default)]
pub struct CertStatus {
    /// Unix seconds.
    pub expires: Arc<Mutex<Option<i64>>>,
}

impl CertStatus {
    pub fn expires(&self) -> Option<i64> {
        self.expires.lock().ok().and_then(|e| *e)
    }
}

/// How TLS connections are answered.
#[derive(Clone)]
pub enum Acceptor {
    Fixed(Arc<ServerConfig>),
    Acme {
        default: Arc<ServerConfig>,
        challenge: Arc<ServerConfig>,
    },
}

fn alpn(mut config: ServerConfig) -> Arc<ServerConfig> {
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Arc::new(config)
}

/// How aisle reaches the ACME directory: the public roots, plus `--acme-directory-ca`.
fn acme_client_config(config: &Config) -> Result<Arc<rustls::ClientConfig>, TlsError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(ca) = &config.acme_directory_ca {
        for cert in CertificateDer::pem_file_iter(ca).map_err(file_error(ca))? {
            roots
                .add(cert.map_err(file_error(ca))?)
                .map_err(file_error(ca))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let client = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(client))
}

/// Sets up certificates for the configured mode. Returns the acceptor and, for ACME, the
/// resolver that also answers HTTP-01 challenges.
pub fn setup(
    config: &Config,
    status: &CertStatus,
) -> Result<(Acceptor, Option<Arc<ResolvesServerCertAcme>>), TlsError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = || {
        ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map(|b| b.with_no_client_auth())
    };
    let (cert, key) = match config.tls {
        TlsMode::Off => return Err(TlsError::Off),
        TlsMode::Acme => return acme(config, status, builder()?),
        TlsMode::Files => match (&config.tls_cert, &config.tls_key) {
            (Some(c), Some(k)) => (c.clone(), k.clone()),
            _ => return Err(TlsError::MissingFiles),
        },
        TlsMode::LocalCa => {
            let ca = certs::LocalCa {
                dir: config.data_dir.join("tls"),
            };
            ca.ensure(&certs::default_names(&config.tls_names))?;
            (ca.server_cert(), ca.server_key())
        }
    };
    let resolver = certs::FileResolver::new(&cert, &key, Arc::clone(&status.expires))?;
    let fixed = builder()?.with_cert_resolver(Arc::new(resolver));
    Ok((Acceptor::Fixed(alpn(fixed)), None))
}

/// ACME: a certificate ordered and renewed in the background.
fn acme(
    config: &Config,
    status: &CertStatus,
    builder: rustls::ConfigBuilder<ServerConfig, rustls::server::WantsServerCert>,
) -> Result<(Acceptor, Option<Arc<ResolvesServerCertAcme>>), TlsError> {
    let cache_dir = config.data_dir.join("acme");
    let mut acme =
        AcmeConfig::new_with_client_config(&config.acme_domain, acme_client_config(config)?)
            .contact(config.acme_email.iter().map(|e| format!("mailto:{e}")))
            .cache(DirCache::new(cache_dir.clone()))
            .directory(&config.acme_directory);
    if config.acme_challenge == AcmeChallenge::Http01 {
        acme = acme.challenge_type(UseChallenge::Http01);
    }
    let mut state = acme.state();
    let resolver = state.resolver();
    let default = builder
        .with_cert_resolver(Arc::clone(&resolver) as Arc<dyn rustls::server::ResolvesServerCert>);
    let challenge = state.challenge_rustls_config();
    let expires = Arc::clone(&status.expires);
    // Drives ordering and renewal; a new certificate is used by the next handshake,
    // open connections keep theirs.
    tokio::spawn(async move {
        while let Some(event) = state.next().await {
            match event {
                Ok(ok) => {
                    tracing::info!("acme: {ok:?}");
                    if let Ok(mut e) = expires.lock() {
                        *e = newest_cached_expiry(&cache_dir);
                    }
                }
                Err(err) => tracing::warn!("acme: {err:?}"),
            }
        }
    });
    Ok((
        Acceptor::Acme {
            default: alpn(default),
            challenge,
        },
        Some(resolver),
    ))
}

/// The expiry of the certificate rustls-acme cached (it keeps key and chain in one file).
fn newest_cached_expiry(dir: &std::path::Path) -> Option<i64> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("cached_cert_"))
        .filter_map(|e| certs::expiry_of_pem(&e.path()))
        .max()
}

impl Acceptor {
    /// The TLS handshake of a new connection: `None` when it fails, or when it was an ACME
    /// TLS-ALPN-01 challenge (answered here, nothing more to serve).
    pub async fn accept(&self, tcp: TcpStream) -> Option<TlsStream<TcpStream>> {
        match self {
            Acceptor::Fixed(cfg) => tokio_rustls::TlsAcceptor::from(Arc::clone(cfg))
                .accept(tcp)
                .await
                .ok(),
            Acceptor::Acme { default, challenge } => {
                let start = LazyConfigAcceptor::new(rustls::server::Acceptor::default(), tcp)
                    .await
                    .ok()?;
                if rustls_acme::is_tls_alpn_challenge(&start.client_hello()) {
                    tracing::info!("answering a TLS-ALPN-01 challenge");
                    let _ = start.into_stream(Arc::clone(challenge)).await;
                    return None;
                }
                start.into_stream(Arc::clone(default)).await.ok()
            }
        }
    }
}
