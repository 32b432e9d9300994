//! [`RetryPolicy`] and the retry decision, free of I/O so the async and blocking loops
//! share it.
// The decision is used by the loops of the `runtime` feature (and the tests).
#![cfg_attr(not(feature = "runtime"), allow(dead_code))]

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant, SystemTime};

use super::Idempotency;
use crate::http::{HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// When and how often a call is retried.
///
/// The default makes up to 3 attempts, waits between them with exponential backoff and
/// full jitter (a random wait between zero and `initial_backoff × 2^(n-1)`, capped at
/// `max_backoff`), honours `Retry-After` (seconds or an HTTP date) up to
/// `max_retry_after`, and starts no attempt after the total `budget` (60 s) is spent:
/// a retried attempt's timeout is cut to what is left of the budget.
///
/// What is retried depends on the operation ([`Idempotency`]): a request that certainly
/// was not sent (connection refused, DNS, TLS handshake) always; idempotent and keyed
/// operations also on `429`, `502`, `503`, `504`, connection resets and timeouts; a
/// non-idempotent write never once it may have reached the server.
///
/// ```
/// use std::time::Duration;
/// use payments_core::runtime::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .budget(Duration::from_secs(120));
/// assert_eq!(patient.attempts(), 5);
/// assert_eq!(RetryPolicy::none().attempts(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    budget: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, 200 ms initial backoff, waits capped at 5 s, `Retry-After` honoured up
    /// to 10 s, 60 s budget.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(10),
            budget: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries: every call is sent once.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Total attempts, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff ceiling before the first retry; it doubles with each retry.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest computed wait between two attempts.
    pub fn max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// The longest `Retry-After` honoured. A server asking for a longer wait gets no retry:
    /// the error is returned at once with its `Retry-After` header.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// The total time of a call, attempts and waits included: no retry starts when the
    /// wait would end past it, and a retried attempt's timeout is cut to what is left.
    pub fn budget(mut self, budget: Duration) -> Self {
        self.budget = budget;
        self
    }

    /// The configured number of attempts.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The configured total budget.
    pub fn total_budget(&self) -> Duration {
        self.budget
    }
}

/// Why an attempt is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cause {
    /// The request certainly did not reach the server.
    NotSent(TransportErrorKind),
    /// A transient failure after the request may have been sent.
    Transport(TransportErrorKind),
    /// A retryable status.
    Status(u16),
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cause::NotSent(kind) => write!(f, "{kind} (not sent)"),
            Cause::Transport(kind) => write!(f, "{kind}"),
            Cause::Status(status) => write!(f, "HTTP {status}"),
        }
    }
}

/// What to do after an attempt.
#[derive(Debug)]
pub(crate) enum Step {
    /// Return this result.
    Done(Result<HttpResponse, TransportError>),
    /// Wait, then send again.
    Retry { wait: Duration, cause: Cause },
}

/// A clock: `std::time::Instant::now`, or tokio's (pausable) clock for async calls.
pub(crate) type Clock = fn() -> Instant;

/// The retry state of one call.
pub(crate) struct Attempts<'a> {
    policy: &'a RetryPolicy,
    idempotency: Idempotency,
    clock: Clock,
    started: Instant,
    made: u32,
    seed: u64,
}

/// Statuses retried for idempotent and keyed operations.
pub const RETRYABLE_STATUSES: [u16; 4] = [429, 502, 503, 504];

impl<'a> Attempts<'a> {
    pub(crate) fn new(policy: &'a RetryPolicy, idempotency: Idempotency, clock: Clock) -> Self {
        Self {
            policy,
            idempotency,
            clock,
            started: clock(),
            made: 0,
            seed: RandomState::new().build_hasher().finish(),
        }
    }

    /// Time since the call started.
    pub(crate) fn elapsed(&self) -> Duration {
        (self.clock)().saturating_duration_since(self.started)
    }

    /// Attempts made so far.
    pub(crate) fn made(&self) -> u32 {
        self.made
    }

    /// True when another attempt may follow the current one (so the request must be kept).
    pub(crate) fn may_retry(&self) -> bool {
        self.made < self.policy.max_attempts
    }

    /// The request for the next attempt: the same bytes; from the second attempt on, the
    /// timeout cut to what is left of the budget.
    pub(crate) fn prepare(&mut self, request: &mut HttpRequest) {
        self.made += 1;
        if self.made > 1 {
            let left = self.policy.budget.saturating_sub(self.elapsed());
            request.timeout = Some(request.timeout.map_or(left, |t| t.min(left)));
        }
    }

    /// Decides after an attempt.
    pub(crate) fn after(&mut self, result: Result<HttpResponse, TransportError>) -> Step {
        let cause = match &result {
            Ok(response) => self.status_cause(response.status),
            Err(error) => self.error_cause(error),
        };
        let Some(cause) = cause.filter(|_| self.made < self.policy.max_attempts) else {
            return Step::Done(result);
        };
        let retry_after = match &result {
            Ok(response) => retry_after(&response.headers, SystemTime::now()),
            Err(_) => None,
        };
        let wait = match retry_after {
            Some(asked) if asked > self.policy.max_retry_after => return Step::Done(result),
            Some(asked) => asked,
            None => self.backoff(),
        };
        if self.elapsed() + wait >= self.policy.budget {
            return Step::Done(result);
        }
        Step::Retry { wait, cause }
    }

    fn status_cause(&self, status: u16) -> Option<Cause> {
        let repeatable = self.idempotency != Idempotency::NonIdempotent;
        (repeatable && RETRYABLE_STATUSES.contains(&status)).then_some(Cause::Status(status))
    }

    fn error_cause(&self, error: &TransportError) -> Option<Cause> {
        let kind = error.kind();
        let transient = matches!(
            kind,
            TransportErrorKind::Connect
                | TransportErrorKind::Tls
                | TransportErrorKind::Timeout
                | TransportErrorKind::Io
        );
        if !transient {
            return None;
        }
        if !error.request_may_have_been_sent() {
            return Some(Cause::NotSent(kind));
        }
        (self.idempotency != Idempotency::NonIdempotent).then_some(Cause::Transport(kind))
    }

    /// Full jitter: uniform in `[0, min(max_backoff, initial × 2^(n-1))]`.
    fn backoff(&mut self) -> Duration {
        let exponent = self.made.saturating_sub(1).min(20);
        let ceiling = self
            .policy
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.policy.max_backoff);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        if nanos == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(self.next_random() % (nanos + 1))
    }

    /// splitmix64 over a per-call random seed.
    fn next_random(&mut self) -> u64 {
        self.seed = self.seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The wait a `Retry-After` header asks for: delay-seconds or an HTTP date (a date in the
/// past means no wait). `None` when absent or unreadable.
pub fn retry_after(headers: &crate::http::Headers, now: SystemTime) -> Option<Duration> {
    let value = headers.get("Retry-After")?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Headers;

    fn response(status: u16, retry_after: Option<&str>) -> Result<HttpResponse, TransportError> {
        let mut r = HttpResponse::new(status, "");
        if let Some(v) = retry_after {
            r.headers.append("Retry-After", v);
        }
        Ok(r)
    }

    fn decide(
        policy: &RetryPolicy,
        idem: Idempotency,
        outcome: Result<HttpResponse, TransportError>,
    ) -> Option<Duration> {
        let mut a = Attempts::new(policy, idem, Instant::now);
        a.prepare(&mut HttpRequest::new(crate::http::Method::Get, "http://x"));
        match a.after(outcome) {
            Step::Retry { wait, .. } => Some(wait),
            Step::Done(_) => None,
        }
    }

    #[test]
    fn classification() {
        let p = RetryPolicy::default();
        let refused = || Err(TransportError::new(TransportErrorKind::Connect, "refused"));
        let reset = || Err(TransportError::new(TransportErrorKind::Io, "reset"));
        let timeout = || Err(TransportError::new(TransportErrorKind::Timeout, "t"));
        let too_big = || Err(TransportError::body_too_large(1, 2));
        for idem in [
            Idempotency::Idempotent,
            Idempotency::Keyed,
            Idempotency::NonIdempotent,
        ] {
            assert!(decide(&p, idem, refused()).is_some(), "{idem:?}");
            assert!(decide(&p, idem, too_big()).is_none());
            assert!(decide(&p, idem, Err(TransportError::redirect(307, Some("/x")))).is_none());
            assert!(decide(&p, idem, response(200, None)).is_none());
            assert!(decide(&p, idem, response(500, None)).is_none());
            assert!(decide(&p, idem, response(400, None)).is_none());
        }
        for idem in [Idempotency::Idempotent, Idempotency::Keyed] {
            for status in RETRYABLE_STATUSES {
                assert!(decide(&p, idem, response(status, None)).is_some());
            }
            assert!(decide(&p, idem, reset()).is_some());
            assert!(decide(&p, idem, timeout()).is_some());
        }
        let write = Idempotency::NonIdempotent;
        for status in RETRYABLE_STATUSES {
            assert!(decide(&p, write, response(status, Some("1"))).is_none());
        }
        assert!(decide(&p, write, reset()).is_none());
        assert!(decide(&p, write, timeout()).is_none());
        let connect_timeout = Err(TransportError::new(TransportErrorKind::Timeout, "connect")
            .with_may_have_been_sent(false));
        assert!(decide(&p, write, connect_timeout).is_some());
        assert!(decide(&RetryPolicy::none(), Idempotency::Idempotent, refused()).is_none());
    }

    #[test]
    fn waits() {
        let p = RetryPolicy::default();
        let idem = Idempotency::Idempotent;
        assert_eq!(
            decide(&p, idem, response(503, Some("1"))),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            decide(&p, idem, response(429, Some("0"))),
            Some(Duration::ZERO)
        );
        // longer than max_retry_after: no retry
        assert_eq!(decide(&p, idem, response(429, Some("11"))), None);
        // past the budget: no retry
        let short = RetryPolicy::default().budget(Duration::from_millis(500));
        assert_eq!(decide(&short, idem, response(503, Some("1"))), None);
        for _ in 0..100 {
            let wait = decide(&p, idem, response(503, None)).unwrap();
            assert!(wait <= Duration::from_millis(200), "{wait:?}");
        }
        let zero = RetryPolicy::default().initial_backoff(Duration::ZERO);
        assert_eq!(
            decide(&zero, idem, response(503, None)),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default()
            .max_attempts(30)
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(700));
        let mut a = Attempts::new(&p, Idempotency::Idempotent, Instant::now);
        let mut max_seen = Duration::ZERO;
        for n in 1..=25 {
            a.made = n;
            let ceiling =
                Duration::from_millis(100 * (1 << (n - 1).min(20))).min(Duration::from_millis(700));
            let w = a.backoff();
            assert!(w <= ceiling, "{n}: {w:?} > {ceiling:?}");
            max_seen = max_seen.max(w);
        }
        assert!(max_seen > Duration::from_millis(100));
    }

    #[test]
    fn attempts_are_bounded_and_timeouts_cut() {
        let p = RetryPolicy::default()
            .max_attempts(2)
            .budget(Duration::from_secs(3));
        let mut a = Attempts::new(&p, Idempotency::Idempotent, Instant::now);
        let mut req = HttpRequest::new(crate::http::Method::Get, "http://x");
        a.prepare(&mut req);
        assert_eq!(req.timeout, None);
        assert!(a.may_retry());
        assert!(matches!(
            a.after(response(503, Some("0"))),
            Step::Retry { .. }
        ));
        a.prepare(&mut req);
        assert!(req.timeout.unwrap() <= Duration::from_secs(3));
        assert!(!a.may_retry());
        assert!(matches!(
            a.after(response(503, Some("0"))),
            Step::Done(Ok(_))
        ));
        assert_eq!(a.made(), 2);
    }

    #[test]
    fn retry_after_values() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00
        let mut h = Headers::new();
        assert_eq!(retry_after(&h, now), None);
        h.insert("Retry-After", " 120 ");
        assert_eq!(retry_after(&h, now), Some(Duration::from_secs(120)));
        h.insert("Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT");
        assert_eq!(retry_after(&h, now), Some(Duration::from_secs(30)));
        h.insert("Retry-After", "Wednesday, 21-Oct-15 07:28:05 GMT");
        assert_eq!(retry_after(&h, now), Some(Duration::from_secs(5)));
        h.insert("Retry-After", "Wed, 21 Oct 2015 07:00:00 GMT");
        assert_eq!(retry_after(&h, now), Some(Duration::ZERO));
        h.insert("Retry-After", "soon");
        assert_eq!(retry_after(&h, now), None);
        h.insert("Retry-After", "-1");
        assert_eq!(retry_after(&h, now), None);
    }
}
