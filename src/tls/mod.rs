//! The TLS front door. Rocket 0.5 takes one fixed certificate at launch, so when TLS is on
//! Rocket listens on loopback and aisle terminates TLS itself (HTTP/1.1 and HTTP/2) in
//! front of it, passing each request on with the real client address (`X-Real-IP`). The
//! plain port answers ACME HTTP-01 challenges and health checks, and redirects the rest to
//! HTTPS. Certificates: ACME (rustls-acme, renewed without a restart), own files (reloaded
//! when they change) or aisle's local CA.

pub mod certs;
mod proxy;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use rustls::ServerConfig;
use rustls_acme::caches::DirCache;
use rustls_acme::{AcmeConfig, ResolvesServerCertAcme, UseChallenge};
use tokio::net::TcpListener;
use tokio_rustls::LazyConfigAcceptor;
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
enum Acceptor {
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
fn acme_client_config(config: &Config) -> Result<Arc<rustls::ClientConfig>, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(ca) = &config.acme_directory_ca {
        for cert in
            CertificateDer::pem_file_iter(ca).map_err(|e| format!("{}: {e}", ca.display()))?
        {
            roots
                .add(cert.map_err(|e| format!("{}: {e}", ca.display()))?)
                .map_err(|e| format!("{}: {e}", ca.display()))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let client = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(client))
}

/// Sets up certificates for the configured mode. Returns the acceptor and, for ACME, the
/// resolver that also answers HTTP-01 challenges.
fn setup(
    config: &Config,
    status: &CertStatus,
) -> Result<(Acceptor, Option<Arc<ResolvesServerCertAcme>>), String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = || {
        ServerConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())
            .map(|b| b.with_no_client_auth())
    };
    match config.tls {
        TlsMode::Off => Err("TLS is off".into()),
        TlsMode::Files => {
            let (cert, key) = match (&config.tls_cert, &config.tls_key) {
                (Some(c), Some(k)) => (c, k),
                _ => return Err("files mode needs --tls-cert and --tls-key".into()),
            };
            let resolver = certs::FileResolver::new(cert, key, Arc::clone(&status.expires))?;
            Ok((
                Acceptor::Fixed(alpn(builder()?.with_cert_resolver(Arc::new(resolver)))),
                None,
            ))
        }
        TlsMode::LocalCa => {
            let ca = certs::LocalCa {
                dir: config.data_dir.join("tls"),
            };
            ca.ensure(&certs::default_names(&config.tls_names))?;
            let resolver = certs::FileResolver::new(
                &ca.server_cert(),
                &ca.server_key(),
                Arc::clone(&status.expires),
            )?;
            Ok((
                Acceptor::Fixed(alpn(builder()?.with_cert_resolver(Arc::new(resolver)))),
                None,
            ))
        }
        TlsMode::Acme => {
            let cache_dir = config.data_dir.join("acme");
            let mut acme = AcmeConfig::new_with_client_config(
                &config.acme_domain,
                acme_client_config(config)?,
            )
            .contact(config.acme_email.iter().map(|e| format!("mailto:{e}")))
            .cache(DirCache::new(cache_dir.clone()))
            .directory(&config.acme_directory);
            if config.acme_challenge == AcmeChallenge::Http01 {
                acme = acme.challenge_type(UseChallenge::Http01);
            }
            let mut state = acme.state();
            let resolver = state.resolver();
            let mut default = builder()?.with_cert_resolver(
                Arc::clone(&resolver) as Arc<dyn rustls::server::ResolvesServerCert>
            );
            default.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
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
                    default: Arc::new(default),
                    challenge,
                },
                Some(resolver),
            ))
        }
    }
}

/// The expiry of the certificate rustls-acme cached (it keeps key and chain in one file).
fn newest_cached_expiry(dir: &std::path::Path) -> Option<i64> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("cached_cert_"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .filter_map(|pem| certs::expiry_of_pem(&pem))
        .max()
}

/// The front door with its listeners bound, not yet serving.
pub struct FrontDoor {
    acceptor: Acceptor,
    acme: Option<Arc<ResolvesServerCertAcme>>,
    https: TcpListener,
    http: TcpListener,
    https_port: u16,
}

/// Sets up the certificates and binds both listeners, so that a port in use or a bad
/// certificate is reported before anything says the server is ready.
pub async fn bind(config: &Config, status: &Arc<CertStatus>) -> Result<FrontDoor, String> {
    let (acceptor, acme) = setup(config, status)?;
    let https_addr = config.tls_listen_addr().map_err(|e| e.to_string())?;
    let http_addr = config.listen_addr().map_err(|e| e.to_string())?;
    let https = TcpListener::bind(https_addr)
        .await
        .map_err(|e| format!("cannot listen on {https_addr}: {e}"))?;
    let http = TcpListener::bind(http_addr)
        .await
        .map_err(|e| format!("cannot listen on {http_addr}: {e}"))?;
    tracing::info!(https = %https_addr, http = %http_addr, mode = ?config.tls, "TLS front door is listening");
    Ok(FrontDoor {
        acceptor,
        acme,
        https,
        http,
        https_port: https_addr.port(),
    })
}

/// Serves until `shutdown`, passing requests on to Rocket at the address `upstream` tells
/// once Rocket listens; in-flight requests get up to five seconds to finish.
pub async fn serve(
    door: FrontDoor,
    upstream: tokio::sync::oneshot::Receiver<SocketAddr>,
    shutdown: rocket::Shutdown,
) -> Result<(), String> {
    let FrontDoor {
        acceptor,
        acme,
        https,
        http,
        https_port,
    } = door;
    let mut stop = shutdown.clone();
    let upstream = tokio::select! {
        addr = upstream => addr.map_err(|_| "Rocket stopped before it listened")?,
        _ = &mut stop => return Ok(()),
    };
    let proxy = proxy::Proxy::new(upstream, https_port);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = https.accept() => {
                let Ok((tcp, peer)) = accepted else { continue };
                let acceptor = acceptor.clone();
                let proxy = proxy.clone();
                let watcher = graceful.watcher();
                tokio::spawn(async move {
                    let tls = match acceptor {
                        Acceptor::Fixed(cfg) => tokio_rustls::TlsAcceptor::from(cfg).accept(tcp).await,
                        Acceptor::Acme { default, challenge } => {
                            let Ok(start) = LazyConfigAcceptor::new(rustls::server::Acceptor::default(), tcp).await else { return };
                            if rustls_acme::is_tls_alpn_challenge(&start.client_hello()) {
                                tracing::info!("answering a TLS-ALPN-01 challenge");
                                let _ = start.into_stream(challenge).await;
                                return;
                            }
                            start.into_stream(default).await
                        }
                    };
                    if let Ok(tls) = tls {
                        proxy.serve_tls(tls, peer, watcher).await;
                    }
                });
            }
            accepted = http.accept() => {
                let Ok((tcp, peer)) = accepted else { continue };
                let proxy = proxy.clone();
                let acme = acme.clone();
                let watcher = graceful.watcher();
                tokio::spawn(async move { proxy.serve_plain(tcp, peer, acme, watcher).await });
            }
            _ = &mut stop => break,
        }
    }
    drop(https);
    drop(http);
    if tokio::time::timeout(std::time::Duration::from_secs(5), graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("some connections were still open after 5 s; closing them");
    }
    Ok(())
}
