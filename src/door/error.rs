//! Why the front door could not start, or stopped.

use std::net::SocketAddr;

/// Why the front door could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum DoorError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Tls(#[from] crate::tls::TlsError),
    #[error("the front door's secret is not a header value")]
    Secret,
    #[error("Rocket stopped before it listened")]
    NoUpstream,
}
