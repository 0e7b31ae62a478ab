//! The fault matrix's fast subset under `cargo test`: ECR17 at every crash step, one step per
//! other protocol, a few network and disk cells. The whole matrix: `cargo run --release
//! --example fault_matrix` (same code, tests/support/matrix.rs).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/harness.rs"]
mod harness;
#[path = "support/matrix.rs"]
mod matrix;

use harness::{Proto, Tameio};
use matrix::{Case, Fault, Verdict};
use tameio::fault::Step;
use tameio::terminal::sim::Scenario;

fn check(proto: Proto, fault: Fault) {
    let tameio = Tameio::binary(env!("CARGO_BIN_EXE_tameio"));
    let cell = matrix::run_case(&tameio, Case::new(proto, fault));
    assert!(cell.ok(), "{}", cell.report());
    assert!(!matches!(cell.verdict, Verdict::NotApplicable(_)), "{}", cell.report());
}

macro_rules! cells {
    ($($name:ident: $proto:expr, $fault:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check($proto, $fault);
            }
        )*
    };
}

cells! {
    ecr17_crash_after_attempt_commit: Proto::Ecr17, Fault::Crash(Step::AttemptCommitted);
    ecr17_crash_after_request: Proto::Ecr17, Fault::Crash(Step::RequestWritten);
    ecr17_crash_after_ack: Proto::Ecr17, Fault::Crash(Step::Acknowledged);
    ecr17_crash_before_result_commit: Proto::Ecr17, Fault::Crash(Step::ResultReceived);
    ecr17_crash_after_result_commit: Proto::Ecr17, Fault::Crash(Step::ResultCommitted);
    ecr17_crash_before_booking_the_tender: Proto::Ecr17, Fault::Crash(Step::BookTender);
    ecr17_crash_before_issuing_the_receipt: Proto::Ecr17, Fault::Crash(Step::IssueReceipt);
    aade10_crash_after_confirmed: Proto::Aade10, Fault::Crash(Step::Acknowledged);
    aade01_crash_after_result_commit: Proto::Aade01, Fault::Crash(Step::ResultCommitted);
    webecr_crash_after_intent_created: Proto::WebEcr, Fault::Crash(Step::Acknowledged);
    ecr17_lost_result: Proto::Ecr17, Fault::Wire(Scenario::LostResult);
    ecr17_slow_past_the_timeout: Proto::Ecr17, Fault::PastTimeout;
    aade10_garbage: Proto::Aade10, Fault::Wire(Scenario::Garbage);
    webecr_answer_cut_after_approval: Proto::WebEcr, Fault::Wire(Scenario::LostResult);
    ecr17_booking_commit_fails: Proto::Ecr17, Fault::Fail(Step::BookTender);
}

/// The matrix has a cell for every named step on every protocol, and only the cells that
/// cannot happen are marked so before anything runs.
#[test]
fn every_step_has_a_row_on_every_protocol() {
    let cases = Case::all();
    for step in Step::ALL {
        for proto in Proto::ALL {
            assert!(cases.contains(&Case::new(proto, Fault::Crash(step))), "{proto:?} {step:?}");
        }
    }
    // Only AADE v01 (no recovery command) and a terminal that kept nothing may leave a manager
    // the decision; every crash step on the other protocols must resolve.
    for proto in [Proto::Ecr17, Proto::Aade10, Proto::WebEcr] {
        for step in Step::ALL {
            assert!(matrix::manager_allowed(Case::new(proto, Fault::Crash(step))).is_none());
        }
    }
    assert!(matrix::manager_allowed(Case::new(Proto::Aade01, Fault::Crash(Step::ResultReceived))).is_some());
}
