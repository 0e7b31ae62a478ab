//! The fault matrix's fast subset under `cargo test`: ECR17 at every crash step, one step per
//! other protocol, a few network, disk and recovery cells. The whole matrix: `cargo run --release
//! --example fault_matrix` (same code, tests/support/matrix.rs).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support;

use support::matrix::{self, Case, Fault, Verdict};
use support::terminals::Proto;
use tameio::fault::Step;
use tameio::terminal::sim::Scenario;

fn check(case: Case) {
    let tameio = crate::support::binary::harness();
    let cell = matrix::run_case(&tameio, case);
    assert!(cell.ok(), "{}", cell.report());
    assert!(!matches!(cell.verdict, Verdict::NotApplicable(_)), "{}", cell.report());
}

macro_rules! cells {
    ($($name:ident: $proto:expr, $fault:expr $(, $warm:ident)?;)*) => {
        $(
            #[test]
            fn $name() {
                check(cells!(@case $proto, $fault $(, $warm)?));
            }
        )*
    };
    (@case $proto:expr, $fault:expr) => { Case::new($proto, $fault) };
    (@case $proto:expr, $fault:expr, warm) => { Case::warm($proto, $fault) };
    (@case $proto:expr, $fault:expr, strict) => { Case::new($proto, $fault).strict() };
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
    ecr17_warm_lost_result: Proto::Ecr17, Fault::Wire(Scenario::LostResult), warm;
    ecr17_recovery_dies_before_committing_the_result: Proto::Ecr17, Fault::RecoverCrash(Step::ResultReceived);
    aade10_recovery_dies_before_committing_the_result: Proto::Aade10, Fault::RecoverCrash(Step::ResultReceived);
    nexo_killed_while_its_payment_is_open: Proto::Nexo, Fault::Crash(Step::RequestWritten);
    nexo_crash_before_result_commit: Proto::Nexo, Fault::Crash(Step::ResultReceived);
    nexo_answer_cut_after_approval: Proto::Nexo, Fault::Wire(Scenario::LostResult);
    nexo_slow_past_the_timeout: Proto::Nexo, Fault::PastTimeout;
    // The strict profiles (review 3): the payment went through, and the restarted register's
    // TransactionStatus by ServiceID answers NotFound in its new login session (N-1).
    nexo_strict_answer_cut_after_approval: Proto::Nexo, Fault::Wire(Scenario::LostResult), strict;
    nexo_strict_crash_before_result_commit: Proto::Nexo, Fault::Crash(Step::ResultReceived), strict;
    nexo_strict_disconnect_mid_payment: Proto::Nexo, Fault::Wire(Scenario::DisconnectMidPayment), strict;
    // v10 `D` in another order (A-2), recovered by `O` after a crash; `E1` unanswered (E-1).
    aade10_strict_crash_after_confirmed: Proto::Aade10, Fault::Crash(Step::Acknowledged), strict;
    ecr17_strict_crash_before_result_commit: Proto::Ecr17, Fault::Crash(Step::ResultReceived), strict;
    webecr_strict_crash_before_result_commit: Proto::WebEcr, Fault::Crash(Step::ResultReceived), strict;
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
    for proto in [Proto::Ecr17, Proto::Aade10, Proto::WebEcr, Proto::Nexo] {
        for step in Step::ALL {
            assert!(matrix::manager_allowed(Case::new(proto, Fault::Crash(step))).is_none());
        }
    }
    assert!(matrix::manager_allowed(Case::new(Proto::Aade01, Fault::Crash(Step::ResultReceived))).is_some());
}

/// The judge itself: a cell that went right passes; a double charge, a lost booking, a booking
/// of a decline and a cashier told "declined" for a charged card each fail it.
mod the_judge {
    use super::*;
    use serde_json::json;
    use support::books::{AttemptRow, Books, ReceiptRow, TenderRow};
    use support::judge::Observed;
    use support::process::Ran;

    fn ran(code: Option<i32>, stdout: &str, stderr: &str) -> Ran {
        Ran { what: "tameio".into(), code, stdout: stdout.into(), stderr: stderr.into(), hung: false }
    }

    fn paid_books() -> Books {
        Books {
            attempts: vec![AttemptRow {
                id: "a1".into(),
                state: "approved".into(),
                note: String::new(),
                order_id: Some(1),
                amount_cents: 990,
            }],
            events: Vec::new(),
            tenders: vec![TenderRow {
                order_id: 1,
                kind: "card".into(),
                amount_cents: 990,
                attempt_id: Some("a1".into()),
            }],
            receipts: vec![ReceiptRow { number: 1, order_id: 1, total_cents: 990 }],
            unmatched: Vec::new(),
        }
    }

    /// ECR17 killed after its request went out, recovered through `G` and booked.
    fn went_right() -> Observed {
        Observed {
            prior_order: None,
            sale: ran(None, "", "TAMEIO_FAULT: crashing on purpose step=\"after-request\""),
            faulty_recover: None,
            recovers: vec![ran(Some(0), r#"{"attempts":[{"state":"approved"}]}"#, "")],
            again: ran(Some(0), r#"{"attempts":[],"still_open":0}"#, ""),
            receipts_listed: Some(1),
            db_check: ran(Some(0), r#"{"ok":true}"#, ""),
            log: vec![
                json!({"code": "P", "accepted": true, "scenario": "approve"}),
                json!({"code": "G", "accepted": true, "scenario": null}),
            ],
            books: paid_books(),
        }
    }

    fn judged(fault: Fault, o: &Observed) -> Verdict {
        support::judge::judge(Case::new(Proto::Ecr17, fault), false, o).verdict
    }

    fn fails_with(verdict: Verdict, words: &str) {
        match verdict {
            Verdict::Fail(why) => assert!(why.iter().any(|w| w.contains(words)), "{why:?}"),
            other => panic!("expected a failure naming {words:?}, got {other:?}"),
        }
    }

    const AFTER_REQUEST: Fault = Fault::Crash(Step::RequestWritten);

    #[test]
    fn a_cell_that_went_right_passes() {
        assert_eq!(judged(AFTER_REQUEST, &went_right()), Verdict::Pass);
    }

    #[test]
    fn a_second_charge_fails() {
        let mut o = went_right();
        o.log.push(json!({"code": "P", "accepted": true, "scenario": "approve"}));
        fails_with(judged(AFTER_REQUEST, &o), "DOUBLE CHARGE");
    }

    #[test]
    fn an_approval_left_unbooked_fails() {
        let mut o = went_right();
        o.books.tenders.clear();
        o.books.receipts.clear();
        o.receipts_listed = Some(0);
        fails_with(judged(AFTER_REQUEST, &o), "expected 1");
    }

    #[test]
    fn a_booked_decline_fails() {
        let mut o = went_right();
        o.log[0] = json!({"code": "P", "accepted": true, "scenario": "decline"});
        fails_with(judged(AFTER_REQUEST, &o), "the journal says approved");
    }

    #[test]
    fn a_cashier_told_declined_for_a_charged_card_fails() {
        let mut o = went_right();
        o.sale = ran(Some(3), r#"{"attempt":{"state":"declined"}}"#, "");
        fails_with(judged(Fault::Wire(Scenario::Slow), &o), "told declined");
    }

    #[test]
    fn the_same_stray_result_kept_twice_fails() {
        let mut o = went_right();
        o.books.unmatched = vec!["{\"Declined\":{}}".into(); 2];
        fails_with(judged(AFTER_REQUEST, &o), "kept 2 times");
    }

    #[test]
    fn a_sale_that_did_not_die_at_its_step_fails() {
        let mut o = went_right();
        o.sale = ran(Some(0), r#"{"receipt":{"number":1}}"#, "");
        fails_with(judged(AFTER_REQUEST, &o), "did not die");
    }
}

/// After a crash the next sale on the terminal, not `recover`, is what runs first: it must
/// settle and book the crashed sale before it sends its own request, each card charged once.
#[test]
fn the_next_sale_books_what_a_crash_left_before_it_pays() {
    use support::books::Books;
    use support::terminals::{Sim, TERMINAL, add_terminal};
    let t = crate::support::binary::harness();
    for proto in [Proto::Ecr17, Proto::Aade10, Proto::WebEcr] {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        let mut sim = Sim::start(&t, proto, &dir.join("sim")).unwrap();
        add_terminal(&t, dir, &mut sim, &proto.base_options()).unwrap();
        let sale = ["sale", "--item", "401", "--card", "--terminal", TERMINAL, "--json"];
        let mut crashing = t.at(dir, &sale);
        crashing.env("TAMEIO_FAULT", "crash:after-ack");
        let first = support::process::run(crashing);
        assert!(first.died(), "{proto:?}: {}", first.summary());

        let second = t.run(dir, &sale);
        assert_eq!(second.code, Some(0), "{proto:?}: {}", second.summary());
        let books = Books::read(dir).unwrap();
        assert_eq!(books.attempts.len(), 2, "{proto:?}: {}", books.describe());
        assert!(books.attempts.iter().all(|a| a.state == "approved"), "{proto:?}: {}", books.describe());
        let mut paid: Vec<i64> = books.receipts.iter().map(|r| r.order_id).collect();
        paid.sort();
        assert_eq!(paid, [1, 2], "{proto:?}: one receipt per order: {}", books.describe());

        let recover = t.run(dir, &["recover", "--json"]);
        assert_eq!(recover.json()["attempts"], serde_json::json!([]), "{proto:?}: {}", recover.summary());
        let taken = sim.financial().iter().filter(|v| proto.took(v)).count();
        assert_eq!(taken, 2, "{proto:?}: one charge per sale: {:?}", sim.seen);
    }
}

/// AADE 1155 v10 on a terminal without `O` (E/500: recovery walks `L`). A crash between the
/// commit and the `R` leaves that RESULT unacknowledged on the terminal; a later sale whose
/// result is lost must still be recovered from the terminal, which holds it.
#[test]
fn aade10_a_stale_unacknowledged_result_does_not_block_a_later_recovery() {
    use support::books::Books;
    use support::terminals::TERMINAL;
    use tameio::terminal::aade1155;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let config = aade1155::sim::SimConfig { resend_one: false, ..aade1155::sim::SimConfig::default() };
    let server = rt.block_on(aade1155::sim::spawn_in_process(config)).unwrap();
    let t = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let addr = server.addr.to_string();
    let add = ["terminal", "add", TERMINAL, "--keep-demo-pins", "--protocol", "aade1155", "--addr", &addr];
    assert_eq!(t.run(dir, &add).code, Some(0));

    let mut first = t.at(dir, &["sale", "--item", "401", "--card", "--terminal", TERMINAL, "--json"]);
    first.env("TAMEIO_FAULT", "crash:after-result-commit");
    assert!(support::process::run(first).died());
    assert_eq!(t.run(dir, &["recover", "--json"]).code, Some(0), "the first sale is booked");

    // .64: the terminal approves and keeps the RESULT, the register never gets it.
    let second = t.run(dir, &["sale", "--item", "901@9,64", "--card", "--terminal", TERMINAL, "--json"]);
    let recover = t.run(dir, &["recover", "--json"]);
    let books = Books::read(dir).unwrap();
    assert_eq!(server.sim.accepted('A'), 2, "{:?}", server.sim.received());
    assert_eq!(
        (recover.code, books.receipts.len()),
        (Some(0), 2),
        "sale: {}\nrecover: {}\njournal: {}",
        second.summary(),
        recover.summary(),
        books.describe()
    );
}
