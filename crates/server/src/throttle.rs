//! Sign-in throttling: failed attempts counted per account and per address over a sliding
//! window; over the limit, sign-in is refused (429) until the window has passed.
//!
//! Hand-written (a map of timestamps): rate-limiter crates such as `governor` count every
//! request, but a trainee who signs in correctly many times must never be locked out; only
//! failures count here. In memory: a restart forgets it, which only helps an attacker once.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures allowed per 工号 in a window.
pub const PER_ACCOUNT: usize = 5;
/// Failures allowed per client address in a window (a hall may share one address).
pub const PER_ADDRESS: usize = 30;

#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, VecDeque<i64>>>,
}

impl Throttle {
    /// Minutes to wait, if either key is over its limit.
    pub fn blocked(&self, account: &str, address: &str, now: i64) -> Option<i64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let mut wait = None;
        for (key, limit) in [(format!("a:{account}"), PER_ACCOUNT), (format!("ip:{address}"), PER_ADDRESS)] {
            if let Some(times) = map.get_mut(&key) {
                while times.front().is_some_and(|t| *t <= now - WINDOW_MS) {
                    times.pop_front();
                }
                if times.len() >= limit {
                    let until = times[times.len() - limit] + WINDOW_MS;
                    let minutes = ((until - now) as f64 / 60_000.0).ceil().max(1.0) as i64;
                    wait = Some(wait.map_or(minutes, |w: i64| w.max(minutes)));
                }
            }
        }
        wait
    }

    pub fn failed(&self, account: &str, address: &str, now: i64) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Guessing many made-up 工号 must not grow the map without end: forget old failures.
        if map.len() > 10_000 {
            map.retain(|_, times| times.back().is_some_and(|t| *t > now - WINDOW_MS));
        }
        for key in [format!("a:{account}"), format!("ip:{address}")] {
            map.entry(key).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    pub fn succeeded(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&format!("a:{account}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_block_the_account_until_the_window_passes() {
        let t = Throttle::default();
        for i in 0..PER_ACCOUNT as i64 {
            assert_eq!(t.blocked("1001", "ip", i), None);
            t.failed("1001", "ip", i);
        }
        assert_eq!(t.blocked("1001", "ip", 10), Some(15));
        assert_eq!(t.blocked("1002", "ip", 10), None, "another account from the same address");
        assert_eq!(t.blocked("1001", "ip", WINDOW_MS + 10), None);
    }

    #[test]
    fn many_accounts_from_one_address_are_blocked_per_address() {
        let t = Throttle::default();
        for i in 0..PER_ADDRESS {
            t.failed(&format!("u{i}"), "10.0.0.9", 1);
        }
        assert!(t.blocked("new", "10.0.0.9", 2).is_some());
        assert!(t.blocked("new", "10.0.0.10", 2).is_none());
    }

    #[test]
    fn success_clears_the_account() {
        let t = Throttle::default();
        for _ in 0..PER_ACCOUNT {
            t.failed("1001", "ip", 1);
        }
        t.succeeded("1001");
        assert_eq!(t.blocked("1001", "ip", 2), None);
    }
}
