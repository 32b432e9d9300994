//! Peak memory of one scenario, measured in a child process so that nothing else the test
//! binary did counts: for tests that bound memory, such as a 100 MB response body read
//! against the body limit.
//!
//! ```no_run
//! use payments_core::http::test_util::memory::peak_rss_growth_in_child;
//!
//! #[test]
//! fn big_bodies_keep_memory_bounded() {
//!     let growth = peak_rss_growth_in_child(
//!         "big_bodies_keep_memory_bounded",
//!         || vec![0u8; 1024],                      // warm-up, before the baseline
//!         |buffer| drop(std::hint::black_box(buffer)), // what is measured
//!     )
//!     .unwrap();
//!     if let Some(kib) = growth {
//!         assert!(kib < 24 * 1024, "peak RSS grew by {kib} KiB");
//!     }
//! }
//! ```

use std::process::Command;

/// Set to the test's name in the child process.
const CHILD_ENV: &str = "PAYMENTS_TEST_UTIL_MEMORY_CHILD";
/// The child's one line of report on stdout.
const REPORT: &str = "PEAK_RSS_GROWTH_KIB=";

/// The peak resident set size of this process (`VmHWM` in `/proc/self/status`), in KiB;
/// `None` where the system does not report it.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// How much the peak RSS grows while `measured` runs.
///
/// `test` is the calling test's full name, as `cargo test -- --exact` takes it. In the
/// test run itself this starts the test binary again for that one test and returns
/// `Ok(Some(growth_kib))` from its report. In that child it runs `setup` (servers, clients,
/// a warm-up call, so pools and buffers exist before the baseline), reads the peak, runs
/// `measured`, reports the growth and returns `Ok(None)`: the caller asserts only on
/// `Some`.
///
/// # Errors
///
/// When the child cannot be started, fails (its output is in the message), or reports
/// nothing, and when the system does not report the peak RSS.
pub fn peak_rss_growth_in_child<S>(
    test: &str,
    setup: impl FnOnce() -> S,
    measured: impl FnOnce(S),
) -> Result<Option<u64>, String> {
    if std::env::var(CHILD_ENV).as_deref() == Ok(test) {
        let state = setup();
        let before = peak_rss_kib().ok_or("no VmHWM in /proc/self/status")?;
        measured(state);
        let after = peak_rss_kib().ok_or("no VmHWM in /proc/self/status")?;
        println!("{REPORT}{}", after.saturating_sub(before));
        return Ok(None);
    }
    let exe = std::env::current_exe().map_err(|e| format!("no test binary: {e}"))?;
    let out = Command::new(exe)
        .args(["--exact", test, "--nocapture"])
        .env(CHILD_ENV, test)
        .output()
        .map_err(|e| format!("could not start the child for {test}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "the child for {test} failed: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    stdout
        .lines()
        .find_map(|l| l.strip_prefix(REPORT))
        .and_then(|v| v.trim().parse().ok())
        .map(Some)
        .ok_or_else(|| format!("the child for {test} reported no peak: {stdout}"))
}
