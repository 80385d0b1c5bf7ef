//! The client's address behind reverse proxies (`drill serve --trusted-proxy`), for sign-in
//! throttling and the audit log.
//!
//! `X-Forwarded-For` is whatever the client and each proxy on the way wrote: a client can put
//! any address in it. So it is read only when the connection itself comes from a proxy the
//! host named as trusted, and then from the right: each trusted proxy appends the address it
//! saw, so the right-most address that is not a trusted proxy is the one the outermost trusted
//! proxy saw connect, the client. Whatever lies left of it may be made up and is never used.
//! Without `--trusted-proxy` the header is ignored and the socket's peer is the client.
//!
//! CIDR parsing and matching is the `ipnet` crate's; the walk over the header is hand-written
//! (a few lines, the rule above; the RFC 7239 `Forwarded` header is not read).

use axum::http::HeaderMap;
pub use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8` → a network (a bare address is a /32 or /128).
pub fn parse_trusted(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("--trusted-proxy {text} 不是有效的 IP 地址或网段（例如 10.0.0.1 或 10.0.0.0/8）"))
}

fn is_trusted(ip: IpAddr, trusted: &[IpNet]) -> bool {
    // An IPv4 peer on an IPv6 socket arrives as ::ffff:a.b.c.d.
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    trusted.iter().any(|net| net.contains(&ip))
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5678`, `[::1]:80`).
fn parse_hop(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    text.parse::<IpAddr>().ok().or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// The client's address: the peer's, unless the peer is a trusted proxy; then the right-most
/// `X-Forwarded-For` entry that is not a trusted proxy (all trusted: the left-most). An entry
/// that is not an address stops the walk at the last address read, since nothing trustworthy
/// lies beyond it. `None` peer (in-process tests): `local`.
pub fn client_address(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> String {
    let Some(peer) = peer else { return "local".to_owned() };
    if !is_trusted(peer, trusted) {
        return peer.to_string();
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter(|h| !h.trim().is_empty())
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Some(ip) = parse_hop(hop) else { break };
        client = ip;
        if !is_trusted(ip, trusted) {
            break;
        }
    }
    client.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| parse_trusted(n).unwrap()).collect()
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn the_header_is_ignored_unless_the_peer_is_trusted() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(client_address(ip("198.51.100.7"), &xff(&["203.0.113.1"]), &trusted), "198.51.100.7");
        assert_eq!(client_address(ip("198.51.100.7"), &xff(&["203.0.113.1"]), &[]), "198.51.100.7");
        assert_eq!(client_address(ip("10.1.2.3"), &xff(&["203.0.113.1"]), &[]), "10.1.2.3", "no --trusted-proxy");
    }

    #[test]
    fn from_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() {
        let trusted = nets(&["10.0.0.0/8", "192.0.2.1"]);
        // The client wrote 6.6.6.6 itself; the proxy appended what it saw.
        assert_eq!(client_address(ip("10.1.2.3"), &xff(&["6.6.6.6, 203.0.113.7"]), &trusted), "203.0.113.7");
        // Two trusted proxies in a row, the header split over two lines.
        assert_eq!(
            client_address(ip("192.0.2.1"), &xff(&["6.6.6.6, 203.0.113.7", "10.9.9.9"]), &trusted),
            "203.0.113.7"
        );
        // Ports and IPv6.
        assert_eq!(client_address(ip("10.1.2.3"), &xff(&["203.0.113.7:5123"]), &trusted), "203.0.113.7");
        assert_eq!(client_address(ip("10.1.2.3"), &xff(&["[2001:db8::5]:443"]), &trusted), "2001:db8::5");
        // No header from a trusted proxy: the proxy is all we know.
        assert_eq!(client_address(ip("10.1.2.3"), &HeaderMap::new(), &trusted), "10.1.2.3");
        // Every hop trusted: the left-most.
        assert_eq!(client_address(ip("10.1.2.3"), &xff(&["10.0.0.8, 10.0.0.9"]), &trusted), "10.0.0.8");
        // Garbage stops the walk at the last address read.
        assert_eq!(client_address(ip("10.1.2.3"), &xff(&["203.0.113.7, junk, 10.0.0.9"]), &trusted), "10.0.0.9");
        // An IPv4 peer on a dual-stack socket.
        assert_eq!(client_address(ip("::ffff:10.1.2.3"), &xff(&["203.0.113.7"]), &trusted), "203.0.113.7");
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        assert_eq!(parse_trusted("10.0.0.1").unwrap().to_string(), "10.0.0.1/32");
        assert_eq!(parse_trusted(" fd00::/8 ").unwrap().to_string(), "fd00::/8");
        let e = parse_trusted("10.0.0.0/33").unwrap_err();
        assert!(e.contains("不是有效的 IP 地址或网段"), "{e}");
        assert!(parse_trusted("proxy.local").is_err());
    }
}
