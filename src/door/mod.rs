//! The front door: aisle's own HTTP server in front of Rocket, always. It listens on the
//! configured addresses, terminates TLS when it is on, and passes requests on to Rocket on
//! a loopback port. Rocket 0.5 cannot time out a connection that never sends a complete
//! request, nor close idle keep-alives, nor cap connections; the front door does all three
//! (see `conn` and `limits`), so slow or silent clients cannot use up the process's open
//! files. It writes the lists' live-update streams itself once Rocket has allowed them
//! (see `live`), so an open phone holds no connection to Rocket. It also vouches for the client's address to Rocket with a per-process secret
//! (`DOOR_HEADER`), so no other local process can claim an address.
//!
//! Start-up: the listeners are bound first (a port in use or a bad certificate is an error
//! before anything says ready), Rocket then binds its loopback port and lifts off (which
//! tells systemd READY=1), and only then does the front door accept: a client in between
//! waits in the listen backlog instead of getting a 502.

mod body;
mod conn;
mod error;
mod headers;
pub mod limits;
mod live;
mod proxy;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioExecutor, TokioTimer};
use hyper_util::server::conn::auto;
use rustls_acme::ResolvesServerCertAcme;
use tokio::net::{TcpListener, TcpStream};

use crate::config::{Config, TlsMode};
use crate::tls::{Acceptor, CertStatus};
pub use error::DoorError;
pub use headers::{CLIENT_IP_HEADER, DOOR_HEADER, REACHED_IP_HEADER};
pub use limits::{Connections, client_key};
pub use live::LIVE_HEADER;
pub use proxy::Upstream;
use proxy::{Port, Proxy};

/// The front door with its listeners bound, not yet serving.
pub struct FrontDoor {
    plain: TcpListener,
    tls: Option<(TcpListener, Acceptor)>,
    acme: Option<Arc<ResolvesServerCertAcme>>,
    idle: Duration,
    /// For the links the redirect to HTTPS builds.
    config: Config,
}

impl FrontDoor {
    /// Where phones are served: the HTTPS port when TLS is on (`true`), else the HTTP one.
    pub fn serving_port(&self) -> std::io::Result<(u16, bool)> {
        Ok(match &self.tls {
            Some((listener, _)) => (listener.local_addr()?.port(), true),
            None => (self.plain.local_addr()?.port(), false),
        })
    }
}

async fn listen(addr: SocketAddr) -> Result<TcpListener, DoorError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| DoorError::Listen { addr, source })
}

/// Sets up the certificates (when TLS is on) and binds the listeners.
pub async fn bind(config: &Config, status: &Arc<CertStatus>) -> Result<FrontDoor, DoorError> {
    let (tls, acme) = if config.tls == TlsMode::Off {
        (None, None)
    } else {
        let (acceptor, acme) = crate::tls::setup(config, status)?;
        let listener = listen(config.tls_listen_addr()?).await?;
        (Some((listener, acceptor)), acme)
    };
    let addr = config.listen_addr()?;
    let plain = listen(addr).await?;
    match config.tls {
        TlsMode::Off => tracing::info!(http = %addr, "front door is listening"),
        mode => {
            tracing::info!(https = %config.tls_listen, http = %addr, ?mode, "front door is listening")
        }
    }
    Ok(FrontDoor {
        plain,
        tls,
        acme,
        idle: Duration::from_secs(config.idle_timeout_secs),
        config: config.clone(),
    })
}

async fn accept(listener: Option<&TcpListener>) -> std::io::Result<(TcpStream, SocketAddr)> {
    match listener {
        Some(l) => l.accept().await,
        None => std::future::pending().await,
    }
}

/// Serves until `shutdown`, passing requests on to Rocket at the address `upstream` tells
/// once Rocket listens; open connections get up to five seconds to finish.
pub async fn serve(
    door: FrontDoor,
    upstream: tokio::sync::oneshot::Receiver<Upstream>,
    secret: &str,
    connections: Arc<Connections>,
    shutdown: rocket::Shutdown,
) -> Result<(), DoorError> {
    let FrontDoor {
        plain,
        tls,
        acme,
        idle,
        config,
    } = door;
    let mut stop = shutdown.clone();
    let upstream = tokio::select! {
        lifted = upstream => lifted.map_err(|_| DoorError::NoUpstream)?,
        _ = &mut stop => return Ok(()),
    };
    let proxy = Arc::new(Proxy::new(
        upstream,
        config,
        secret,
        acme,
        shutdown.clone(),
    )?);
    let mut both = auto::Builder::new(TokioExecutor::new());
    both.http1()
        .timer(TokioTimer::new())
        .header_read_timeout(idle);
    let http1 = Arc::new(both.clone().http1_only());
    let both = Arc::new(both);
    let plain_port = if tls.is_some() {
        Port::Redirect
    } else {
        Port::Plain
    };
    loop {
        let (accepted, port) = tokio::select! {
            a = plain.accept() => (a, plain_port),
            a = accept(tls.as_ref().map(|(l, _)| l)) => (a, Port::Tls),
            _ = &mut stop => break,
        };
        let (tcp, peer) = match accepted {
            Ok(a) => a,
            Err(e) => {
                // Out of open files, most likely: give closing connections a moment.
                tracing::warn!("cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Some(permit) = connections.admit(peer.ip()) else {
            drop(tcp);
            continue;
        };
        let _ = tcp.set_nodelay(true);
        let reached = tcp.local_addr().ok().map(|a| a.ip());
        let proxy = Arc::clone(&proxy);
        let stop = shutdown.clone();
        let handler = move |req| {
            let proxy = Arc::clone(&proxy);
            async move { proxy.handle(req, peer, reached, port).await }
        };
        if port == Port::Tls {
            let Some((_, acceptor)) = &tls else { continue };
            let (acceptor, builder) = (acceptor.clone(), Arc::clone(&both));
            tokio::spawn(async move {
                // The handshake is bounded like a request head.
                if let Ok(Some(stream)) = tokio::time::timeout(idle, acceptor.accept(tcp)).await {
                    conn::serve(&builder, stream, handler, idle, stop, permit).await;
                }
            });
        } else {
            let builder = Arc::clone(&http1);
            tokio::spawn(async move {
                conn::serve(&builder, tcp, handler, idle, stop, permit).await;
            });
        }
    }
    drop(plain);
    drop(tls);
    if tokio::time::timeout(Duration::from_secs(5), connections.all_closed())
        .await
        .is_err()
    {
        tracing::warn!("some connections were still open after 5 s; closing them");
    }
    Ok(())
}
