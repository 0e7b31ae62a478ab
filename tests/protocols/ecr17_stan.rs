//! ECR17 `G` recovery through the session weighs the STAN: a stored result whose STAN does not
//! come after the last approval this register recorded on the terminal is not taken for the
//! lost payment, however close its host time; one that comes after it is.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::ecr17::*;
use tameio::domain::money::Money;
use tameio::terminal::session::{self, Attempt, AttemptState, Journal, MemoryJournal};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{Approval, Outcome, PaymentKind, ProgressSink, Protocol};

/// A finished approval on `terminal` with this STAN, as an earlier payment left it.
fn earlier_approval(journal: &MemoryJournal, terminal: &str, stan: &str) {
    let a = Attempt {
        id: uuid::Uuid::now_v7(),
        terminal: terminal.into(),
        protocol: Protocol::Ecr17,
        kind: PaymentKind::Sale,
        amount: Money::from_cents(990),
        order_id: None,
        reference: "P 990".into(),
        state: AttemptState::Prepared,
        created_at: chrono::Utc::now().to_rfc3339(),
        outcome: None,
        note: String::new(),
    };
    journal.prepare(&a).unwrap();
    let approval = Approval {
        stan: stan.into(),
        terminal_id: TID.into(),
        auth_code: "111111".into(),
        ..Approval::default()
    };
    journal.finish(a.id, &Outcome::Approved(approval)).unwrap();
}

#[tokio::test]
async fn a_g_answer_whose_stan_did_not_progress_stays_unknown_with_the_evidence() {
    // The terminal's own counter is at 1 after this payment; the register saw STAN 5 before.
    let server = start(Scenario::LostResult).await;
    let journal = MemoryJournal::new();
    earlier_approval(&journal, "stan-old", "000005");
    let term = terminal("stan-old", &server);
    let a = session::run(&journal, &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Unknown, "{a:?}");
    assert!(a.note.contains("STAN 000001 did not progress past 000005"), "{}", a.note);
    assert_eq!(journal.unmatched().len(), 1, "the terminal's result is kept for the operator");
    assert_eq!(server.sim.accepted('P'), 1, "never resent");
}

#[tokio::test]
async fn a_g_answer_after_the_last_stan_resolves() {
    let server = start(Scenario::LostResult).await;
    let journal = MemoryJournal::new();
    earlier_approval(&journal, "stan-new", "000000");
    let term = terminal("stan-new", &server);
    let a = session::run(&journal, &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    let Some(Outcome::Approved(ok)) = &a.outcome else { panic!("{a:?}") };
    assert_eq!(ok.stan, "000001");
}

/// A new register (nothing in its journal) on a terminal that just ran a payment of its own
/// (another till, or stand-alone): the session notes the terminal's stored STAN before
/// sending, so when this payment leaves no result, `G`'s copy of that earlier payment is not
/// taken for it, however close its host time.
#[tokio::test]
async fn a_new_register_does_not_take_the_terminals_earlier_payment_for_its_lost_one() {
    let server = start(Scenario::Approve).await;
    // The terminal's own earlier payment, through a journal that is not this register's.
    let elsewhere = MemoryJournal::new();
    let other_till = terminal("other-till", &server);
    let earlier = session::run(&elsewhere, &other_till, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(earlier.state, AttemptState::Approved);

    // This register's first payment: .70, the link drops and the terminal keeps no result.
    let journal = MemoryJournal::new();
    let term = terminal("this-till", &server);
    let lost = session::run(&journal, &term, &sale(970), &ProgressSink::none()).await.unwrap();
    assert!(lost.reference.contains("after-stan"), "the baseline is noted: {}", lost.reference);
    assert_eq!(lost.state, AttemptState::Unknown, "{lost:?}");
    assert!(lost.note.contains("held before this payment was sent"), "{}", lost.note);
    assert!(journal.unmatched().is_empty(), "the earlier payment is no stray either");
    assert_eq!(server.sim.accepted('P'), 2, "never resent");
}
