//! Backup polling: fetch an order until it reaches a final status or a deadline.
//!
//! Webhooks can be lost. For orders older than about ten minutes that are not final
//! yet, poll `get_order` as a safety net (`NoPaynClient::poll_order`).

use std::time::{Duration, Instant};

use crate::models::Order;

/// How `poll_order` polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PollOptions {
    /// Pause between two fetches (default 5 s).
    pub interval: Duration,
    /// Time after which polling stops and the last order is returned (default 10 min).
    pub timeout: Duration,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions {
            interval: Duration::from_secs(5),
            timeout: Duration::from_secs(600),
        }
    }
}

impl PollOptions {
    /// The defaults: every 5 s for at most 10 minutes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the pause between two fetches.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Sets the overall time limit.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The moment polling stops (`None`: too far away to represent, so never).
    pub(crate) fn deadline(&self, start: Instant) -> Option<Instant> {
        start.checked_add(self.timeout)
    }

    /// How long to wait before the next fetch, or `None` to stop and return `order`.
    pub(crate) fn next_delay(&self, order: &Order, deadline: Option<Instant>) -> Option<Duration> {
        if order.is_final() {
            return None;
        }
        match deadline {
            None => Some(self.interval),
            Some(deadline) => {
                let left = deadline.checked_duration_since(Instant::now())?;
                if left.is_zero() {
                    None
                } else {
                    Some(self.interval.min(left))
                }
            }
        }
    }
}
