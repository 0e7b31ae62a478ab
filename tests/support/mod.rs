//! What the test crates share: tameio run as the tests' built binary ([`binary`]), the fault
//! harness of issue 10 (processes, simulators, the books read back, the matrix and its judge;
//! the fault-matrix example includes those parts too), the UI, ECR17 and WebECR helpers, the
//! print fixture, and waiting for a condition instead of sleeping.
// Each test crate takes the parts it needs, so every crate leaves some of them unused.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod binary;
pub mod books;
pub mod ecr17;
pub mod fixture;
pub mod judge;
pub mod matrix;
pub mod process;
pub mod register;
pub mod terminals;
pub mod ui;
pub mod webecr;

use std::time::{Duration, Instant};

/// Polls `ready` until it holds; panics saying `what` did not happen once `within` has passed.
pub fn wait_until(within: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !ready() {
        assert!(Instant::now() < deadline, "{what}: not within {within:?}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// [`wait_until`] for async tests: the runtime's other tasks (a simulator) go on meanwhile.
pub async fn wait_until_async(within: Duration, what: &str, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !ready() {
        assert!(Instant::now() < deadline, "{what}: not within {within:?}");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// For a test that changes what the whole process shares (a fault plan): runs it again, alone,
/// in a test process of its own, and says whether this is that process. Its first line:
/// `if !support::alone(module_path!(), "its_name") { return; }`. The other tests of the crate
/// never see the plan, and the test still fails the suite when it fails there.
pub fn alone(module: &str, test: &str) -> bool {
    const ALONE: &str = "TAMEIO_TEST_ALONE";
    // The name the test harness knows it by: its module path without the crate's name.
    let name = match module.split_once("::") {
        Some((_, path)) => format!("{path}::{test}"),
        None => test.to_string(),
    };
    if std::env::var(ALONE).is_ok_and(|v| v == name) {
        return true;
    }
    let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args([name.as_str(), "--exact", "--test-threads=1", "--nocapture"])
        .env(ALONE, &name)
        .output()
        .expect("the test binary runs again");
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && said.contains("1 passed"), "{name}, run alone:\n{said}");
    false
}
