//! What every sandbox shares: the server and its route tables, notifications, hosted-page
//! pieces, records, test cards, outcomes, the facade of accessors and the `/__sandbox/`
//! control router.

use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{SecondsFormat, Utc};

pub mod cards;
pub mod control;
pub mod error;
pub(crate) mod facade;
pub mod listen;
pub mod notify;
pub mod outcome;
pub(crate) mod page;
pub mod record;
pub(crate) mod server;

/// Locks a mutex, ignoring poisoning (the sandbox state stays usable).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Current time as RFC 3339 with microseconds and `+00:00`.
pub(crate) fn now_iso() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, false)
}
