//! Who is connected to the host now: each open connection by the client's
//! address, for 设置 → 局域网共享; and the addresses readers can type to
//! reach this computer.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;

/// The open connections.
#[derive(Default)]
pub struct Clients {
    next: AtomicU64,
    open: Mutex<HashMap<u64, (IpAddr, Instant)>>,
}

/// One client computer and its open connections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Client {
    pub address: String,
    pub connections: usize,
    /// Seconds since its oldest open connection was made.
    pub connected_for: u64,
}

/// Keeps a connection in the list while it is open.
pub struct Connected {
    clients: Arc<Clients>,
    id: u64,
}

impl Drop for Connected {
    fn drop(&mut self) {
        let mut open = self.clients.open.lock().unwrap_or_else(|e| e.into_inner());
        open.remove(&self.id);
    }
}

impl Clients {
    /// Counts a new connection from `remote` until the guard is dropped;
    /// `None`, counting nothing, when that computer already has `most` open:
    /// one address cannot take every connection the host has.
    pub fn connected(
        self: &Arc<Self>,
        remote: SocketAddr,
        most: usize,
        total: usize,
    ) -> Option<Connected> {
        let ip = remote.ip().to_canonical();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        // Once the host is three-quarters full, a computer already holding
        // a quarter of its share gets no more: the last quarter is kept for
        // the others, however many computers hold their whole share.
        let filling = open.len() * 4 >= total * 3;
        let cap = if filling { (most / 4).max(1) } else { most };
        if open.values().filter(|(from, _)| *from == ip).count() >= cap {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        open.insert(id, (ip, Instant::now()));
        Some(Connected {
            clients: self.clone(),
            id,
        })
    }

    /// Each client computer with its open connections, longest connected first.
    pub fn list(&self) -> Vec<Client> {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let mut by_ip: HashMap<IpAddr, (usize, Instant)> = HashMap::new();
        for (ip, since) in open.values() {
            let entry = by_ip.entry(*ip).or_insert((0, *since));
            entry.0 += 1;
            entry.1 = entry.1.min(*since);
        }
        let mut list: Vec<Client> = by_ip
            .into_iter()
            .map(|(ip, (connections, since))| Client {
                address: ip.to_canonical().to_string(),
                connections,
                connected_for: since.elapsed().as_secs(),
            })
            .collect();
        list.sort_by(|a, b| {
            b.connected_for
                .cmp(&a.connected_for)
                .then(a.address.cmp(&b.address))
        });
        list
    }
}

/// The addresses on which readers reach a host listening on `listen`: for
/// `0.0.0.0` every IPv4 address of this computer's network cards (not the
/// loopback), else the one it listens on.
pub fn reader_urls(listen: SocketAddr, https: bool) -> Vec<String> {
    let scheme = if https { "https" } else { "http" };
    let port = listen.port();
    let ips: Vec<IpAddr> = if listen.ip().is_unspecified() {
        let mut ips: Vec<IpAddr> = if_addrs::get_if_addrs()
            .unwrap_or_default()
            .into_iter()
            .filter(|i| !i.is_loopback() && !i.is_link_local() && i.ip().is_ipv4())
            .map(|i| i.ip())
            .collect();
        ips.sort();
        ips.dedup();
        if ips.is_empty() {
            ips.push(IpAddr::from([127, 0, 0, 1]));
        }
        ips
    } else {
        vec![listen.ip()]
    };
    ips.into_iter()
        .map(|ip| match ip {
            IpAddr::V6(v6) => format!("{scheme}://[{v6}]:{port}/"),
            IpAddr::V4(v4) => format!("{scheme}://{v4}:{port}/"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_are_listed_by_computer_while_open() {
        let clients = Arc::new(Clients::default());
        let a1 = clients.connected("192.168.1.20:50001".parse().unwrap(), 9, 1000);
        let _a2 = clients.connected("192.168.1.20:50002".parse().unwrap(), 9, 1000);
        let b = clients.connected("192.168.1.31:50003".parse().unwrap(), 9, 1000);
        let list = clients.list();
        assert_eq!(list.len(), 2);
        let a = list.iter().find(|c| c.address == "192.168.1.20").unwrap();
        assert_eq!(a.connections, 2);
        drop(a1);
        drop(b);
        let list = clients.list();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].connections, 1);
    }

    #[test]
    fn one_computer_holds_at_most_its_share_of_connections() {
        let clients = Arc::new(Clients::default());
        let held: Vec<_> = (0..3)
            .map(|i| clients.connected(format!("10.0.0.5:{}", 4000 + i).parse().unwrap(), 3, 1000))
            .collect();
        assert!(held.iter().all(Option::is_some));
        assert!(
            clients
                .connected("10.0.0.5:5000".parse().unwrap(), 3, 1000)
                .is_none()
        );
        assert!(
            clients
                .connected("10.0.0.6:5000".parse().unwrap(), 3, 1000)
                .is_some()
        );
        drop(held);
        assert!(
            clients
                .connected("10.0.0.5:5000".parse().unwrap(), 3, 1000)
                .is_some()
        );
    }

    #[test]
    fn a_filling_host_keeps_its_last_quarter_for_other_computers() {
        let clients = Arc::new(Clients::default());
        // 100 in all, 40 each: three hoarders reach 75, then each may keep
        // no more than 10 and the rest stays free for others.
        let mut held = Vec::new();
        for hoarder in 1..=3 {
            for port in 0..40 {
                if let Some(c) = clients.connected(
                    format!("10.0.1.{hoarder}:{}", 6000 + port).parse().unwrap(),
                    40,
                    100,
                ) {
                    held.push(c);
                }
            }
        }
        assert!(held.len() < 100, "{}", held.len());
        for other in 1..=20 {
            assert!(
                clients
                    .connected(format!("10.0.2.{other}:7000").parse().unwrap(), 40, 100)
                    .is_some(),
                "computer {other} still gets in"
            );
        }
    }

    #[test]
    fn readers_are_given_this_computers_addresses() {
        let one = reader_urls("192.168.1.5:7443".parse().unwrap(), true);
        assert_eq!(one, ["https://192.168.1.5:7443/"]);
        let all = reader_urls("0.0.0.0:7443".parse().unwrap(), false);
        assert!(!all.is_empty());
        assert!(
            all.iter()
                .all(|u| u.starts_with("http://") && u.ends_with(":7443/"))
        );
        assert!(all.iter().all(|u| !u.contains("0.0.0.0")));
    }
}
