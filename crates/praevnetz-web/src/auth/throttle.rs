//! Login throttling, per account and per client address: after too many failures within a
//! window, further attempts are refused until the oldest failure leaves the window. The counts
//! live in memory (a restart forgets them; several web nodes each count their own).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures allowed per account within [`WINDOW`].
pub const PER_ACCOUNT: usize = 5;
/// Failures allowed per client address within [`WINDOW`] (an office behind one address has
/// many users).
pub const PER_ADDRESS: usize = 30;
/// The window failures are counted in.
pub const WINDOW: Duration = Duration::from_mins(15);
/// Entries kept before stale ones are swept.
const SWEEP_AT: usize = 10_000;

#[derive(Debug, Default)]
struct Counter {
    failures: HashMap<String, VecDeque<Instant>>,
}

impl Counter {
    fn blocked(&mut self, key: &str, limit: usize, now: Instant) -> Option<Duration> {
        let failures = self.failures.get_mut(key)?;
        while failures
            .front()
            .is_some_and(|t| now.duration_since(*t) >= WINDOW)
        {
            failures.pop_front();
        }
        if failures.len() >= limit {
            failures
                .front()
                .map(|oldest| WINDOW.saturating_sub(now.duration_since(*oldest)))
        } else {
            None
        }
    }

    fn fail(&mut self, key: &str, limit: usize, now: Instant) {
        if self.failures.len() >= SWEEP_AT {
            self.failures
                .retain(|_, f| f.back().is_some_and(|t| now.duration_since(*t) < WINDOW));
        }
        let failures = self.failures.entry(key.to_owned()).or_default();
        failures.push_back(now);
        while failures.len() > limit {
            failures.pop_front();
        }
    }
}

/// Counts failed logins.
#[derive(Debug, Default)]
pub struct Throttle {
    accounts: Mutex<Counter>,
    addresses: Mutex<Counter>,
}

impl Throttle {
    /// How long a login for `account` (the normalised e-mail, whether it exists or not) from
    /// `address` must wait, if it must.
    pub fn wait(&self, account: &str, address: Option<IpAddr>, now: Instant) -> Option<Duration> {
        let by_account = self
            .accounts
            .lock()
            .ok()
            .and_then(|mut c| c.blocked(account, PER_ACCOUNT, now));
        let by_address = address.and_then(|a| {
            self.addresses
                .lock()
                .ok()
                .and_then(|mut c| c.blocked(&a.to_string(), PER_ADDRESS, now))
        });
        by_account.max(by_address)
    }

    /// Records a failed login.
    pub fn fail(&self, account: &str, address: Option<IpAddr>, now: Instant) {
        if let Ok(mut c) = self.accounts.lock() {
            c.fail(account, PER_ACCOUNT, now);
        }
        if let (Some(address), Ok(mut c)) = (address, self.addresses.lock()) {
            c.fail(&address.to_string(), PER_ADDRESS, now);
        }
    }

    /// Forgets an account's failures after a successful login.
    pub fn succeed(&self, account: &str) {
        if let Ok(mut c) = self.accounts.lock() {
            c.failures.remove(account);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));

    #[test]
    fn an_account_is_blocked_after_five_failures_until_the_window_moves_on() {
        let throttle = Throttle::default();
        let start = Instant::now();
        for i in 0..PER_ACCOUNT {
            assert_eq!(throttle.wait("a@x.de", HOME, start), None, "attempt {i}");
            throttle.fail("a@x.de", HOME, start);
        }
        let wait = throttle.wait("a@x.de", HOME, start).unwrap();
        assert_eq!(wait, WINDOW);
        // Other accounts from the same address are not blocked yet.
        assert_eq!(throttle.wait("b@x.de", HOME, start), None);
        assert_eq!(throttle.wait("a@x.de", HOME, start + WINDOW), None);
    }

    #[test]
    fn an_address_is_blocked_after_many_failures_on_any_accounts() {
        let throttle = Throttle::default();
        let now = Instant::now();
        for i in 0..PER_ADDRESS {
            throttle.fail(&format!("user{i}@x.de"), HOME, now);
        }
        assert!(throttle.wait("new@x.de", HOME, now).is_some());
        assert_eq!(throttle.wait("new@x.de", None, now), None);
    }

    #[test]
    fn success_forgets_the_accounts_failures() {
        let throttle = Throttle::default();
        let now = Instant::now();
        for _ in 0..PER_ACCOUNT {
            throttle.fail("a@x.de", None, now);
        }
        throttle.succeed("a@x.de");
        assert_eq!(throttle.wait("a@x.de", None, now), None);
    }
}
