//! Named steps of a payment where the fault matrix kills or fails the process on purpose.
//! Inert unless `TAMEIO_FAULT` names a step: `crash:after-request`, `fail:book-tender`, ...
//! A step may name its passage: `crash:before-result-commit#2` strikes only the second time
//! the process reaches it (the reversal after a payment, say), `#2+` from the second on;
//! without `#N` it strikes every time.

use std::sync::{LazyLock, Mutex};

/// The steps of one card payment, in order, as the fault matrix names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// The attempt row is committed; nothing has been sent.
    AttemptCommitted,
    /// The financial request has been written to the terminal (or the backend).
    RequestWritten,
    /// The terminal acknowledged the request (ECR17/AADE ACK, WebECR intent created).
    Acknowledged,
    /// The result arrived; the journal has not committed it yet.
    ResultReceived,
    /// The journal committed the result; the terminal is not acknowledged, nothing booked.
    ResultCommitted,
    /// The approval is committed; the tender is not booked yet.
    BookTender,
    /// The tender is inserted (same transaction); the receipt is not issued yet.
    IssueReceipt,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::AttemptCommitted,
        Step::RequestWritten,
        Step::Acknowledged,
        Step::ResultReceived,
        Step::ResultCommitted,
        Step::BookTender,
        Step::IssueReceipt,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Step::AttemptCommitted => "after-attempt-commit",
            Step::RequestWritten => "after-request",
            Step::Acknowledged => "after-ack",
            Step::ResultReceived => "before-result-commit",
            Step::ResultCommitted => "after-result-commit",
            Step::BookTender => "book-tender",
            Step::IssueReceipt => "issue-receipt",
        }
    }

    pub fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code.trim())
    }
}

/// What `TAMEIO_FAULT` asks for at one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Die at once, like SIGKILL: no destructor, no flush, no rollback of committed data.
    Crash,
    /// Fail the step with an error (a full disk, a database locked past the timeout).
    Fail,
}

/// One planned fault: what, where, and the passages it strikes (first, last; from 1).
type Planned = (Action, Step, (u32, u32));

static PLAN: LazyLock<Mutex<Vec<Planned>>> =
    LazyLock::new(|| Mutex::new(std::env::var("TAMEIO_FAULT").map(|v| parse(&v)).unwrap_or_default()));

/// How often this process has reached each step (for `#N`).
static PASSED: LazyLock<Mutex<std::collections::HashMap<Step, u32>>> = LazyLock::new(Default::default);

/// Replaces the plan, as `TAMEIO_FAULT` would (a test binary of its own drives the GUI
/// through a failing step this way; nothing else calls it).
pub fn set_plan(spec: &str) {
    *PLAN.lock().unwrap_or_else(|p| p.into_inner()) = parse(spec);
    PASSED.lock().unwrap_or_else(|p| p.into_inner()).clear();
}

/// Whether `action` is planned at this passage of `step` (counted by `crash_point`).
fn planned(action: Action, step: Step) -> bool {
    let passage = PASSED.lock().unwrap_or_else(|p| p.into_inner()).get(&step).copied().unwrap_or(0);
    PLAN.lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .any(|&(a, s, (first, last))| a == action && s == step && (first..=last).contains(&passage))
}

fn parse(spec: &str) -> Vec<Planned> {
    spec.split(',')
        .filter_map(|part| {
            let (action, step) = part.trim().split_once(':')?;
            let action = match action {
                "crash" => Action::Crash,
                "fail" => Action::Fail,
                _ => return None,
            };
            let (step, passages) = match step.split_once('#') {
                Some((step, n)) => {
                    let (n, on) = match n.trim().strip_suffix('+') {
                        Some(n) => (n, true),
                        None => (n.trim(), false),
                    };
                    let first: u32 = n.parse().ok().filter(|n| *n > 0)?;
                    (step, (first, if on { u32::MAX } else { first }))
                }
                None => (step, (1, u32::MAX)),
            };
            Some((action, Step::from_code(step)?, passages))
        })
        .collect()
}

/// Kills the process here when the plan says so (the fault matrix's SIGKILL at a named step).
pub fn crash_point(step: Step) {
    *PASSED.lock().unwrap_or_else(|p| p.into_inner()).entry(step).or_insert(0) += 1;
    if planned(Action::Crash, step) {
        tracing::error!(step = step.code(), "TAMEIO_FAULT: crashing on purpose");
        std::process::abort();
    }
}

/// Fails this step when the plan says so; also passes through `crash_point`.
pub fn fail_if(step: Step) -> Result<(), String> {
    crash_point(step);
    if planned(Action::Fail, step) {
        return Err(format!("TAMEIO_FAULT: {} failed on purpose", step.code()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_names_actions_and_steps_and_ignores_the_rest() {
        let plan = parse(
            "crash:after-request, fail:book-tender,explode:after-ack,crash:nowhere,crash:after-ack#2,fail:after-ack#0,fail:after-ack#3+",
        );
        assert_eq!(
            plan,
            vec![
                (Action::Crash, Step::RequestWritten, (1, u32::MAX)),
                (Action::Fail, Step::BookTender, (1, u32::MAX)),
                (Action::Crash, Step::Acknowledged, (2, 2)),
                (Action::Fail, Step::Acknowledged, (3, u32::MAX)),
            ]
        );
        for step in Step::ALL {
            assert_eq!(Step::from_code(step.code()), Some(step));
        }
    }
}
