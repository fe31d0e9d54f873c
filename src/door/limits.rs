//! How many connections are open, in all and per client, and who may open one more.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use prometheus_client::metrics::counter::Counter;
use tokio::sync::watch;

/// The open connections of the front door. Shown on /metrics.
pub struct Connections {
    max_total: usize,
    max_per_client: u32,
    per_client: Mutex<HashMap<IpAddr, u32>>,
    open: watch::Sender<usize>,
    refused: Counter,
}

/// One admitted connection; it counts as open until dropped.
pub struct Permit {
    connections: Arc<Connections>,
    client: IpAddr,
}

/// Who a client is, for the per-client caps here and the login throttle: the address, or
/// the /64 of an IPv6 one (a single host usually has a whole /64 to pick from, as a home
/// behind IPv4 NAT has one address).
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

/// Open files a connection may take: the client's socket, and while a request is under
/// way the two ends of a loopback connection to Rocket.
const FILES_PER_CONNECTION: u64 = 3;
/// Open files kept for everything else: the database, listeners, logs, backups.
const FILES_RESERVED: u64 = 64;

/// The process's soft limit on open files (Linux), if it can be read.
fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// `wanted` connections, or fewer when the open-file limit cannot hold that many.
pub fn fit_to_open_files(wanted: u32) -> u32 {
    let Some(limit) = open_files_limit() else {
        return wanted;
    };
    let fits = limit.saturating_sub(FILES_RESERVED) / FILES_PER_CONNECTION;
    let fits = u32::try_from(fits).unwrap_or(u32::MAX).max(1);
    if fits < wanted {
        tracing::warn!(
            "max_connections {wanted} needs more open files than the limit of {limit} allows; \
             serving at most {fits} connections (raise LimitNOFILE= or `ulimit -n`)"
        );
        return fits;
    }
    wanted
}

impl Connections {
    pub fn new(max_total: u32, max_per_client: u32) -> Arc<Connections> {
        Arc::new(Connections {
            max_total: max_total as usize,
            max_per_client: max_per_client.min(max_total),
            per_client: Mutex::new(HashMap::new()),
            open: watch::channel(0).0,
            refused: Counter::default(),
        })
    }

    /// A permit for one more connection from `peer`, or `None` when that would pass either
    /// cap (the caller closes the connection at once).
    pub fn admit(self: &Arc<Self>, peer: IpAddr) -> Option<Permit> {
        let client = client_key(peer);
        let mut map = self.per_client.lock().unwrap_or_else(|e| e.into_inner());
        let mine = map.get(&client).copied().unwrap_or(0);
        if *self.open.borrow() >= self.max_total || mine >= self.max_per_client {
            drop(map);
            let before = self.refused.inc();
            // Once, then every 1000th: a flood must not flood the log too.
            if before.is_multiple_of(1000) {
                tracing::warn!(
                    client = %client,
                    "connection refused: too many open connections (refused so far: {})",
                    before + 1
                );
            }
            return None;
        }
        map.insert(client, mine + 1);
        self.open.send_modify(|n| *n += 1);
        Some(Permit {
            connections: Arc::clone(self),
            client,
        })
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        *self.open.borrow()
    }

    /// Connections refused so far because a cap was reached.
    pub fn refused(&self) -> u64 {
        self.refused.get()
    }

    /// The refused count as a metric (shares the count).
    pub fn refused_counter(&self) -> Counter {
        self.refused.clone()
    }

    /// Waits until no connection is open.
    pub async fn all_closed(&self) {
        let mut open = self.open.subscribe();
        let _ = open.wait_for(|n| *n == 0).await;
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let c = &self.connections;
        let mut map = c.per_client.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.client);
            }
        }
        drop(map);
        c.open.send_modify(|n| *n = n.saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_hold_in_all_and_per_client_and_free_up_on_drop() {
        let c = Connections::new(3, 2);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "::ffff:192.0.2.2".parse().unwrap();
        let a1 = c.admit(a).unwrap();
        let _a2 = c.admit(a).unwrap();
        assert!(c.admit(a).is_none(), "third from one client");
        let _b1 = c.admit(b).unwrap();
        assert!(
            c.admit("192.0.2.2".parse().unwrap()).is_none(),
            "over the total"
        );
        assert_eq!((c.open(), c.refused()), (3, 2));
        drop(a1);
        assert_eq!(c.open(), 2);
        assert!(c.admit(a).is_some());
    }

    #[test]
    fn one_ipv6_64_counts_as_one_client() {
        let c = Connections::new(10, 1);
        let _first = c.admit("2001:db8::1".parse().unwrap()).unwrap();
        assert!(c.admit("2001:db8::ffff:2".parse().unwrap()).is_none());
        assert!(c.admit("2001:db8:0:1::1".parse().unwrap()).is_some());
    }
}
