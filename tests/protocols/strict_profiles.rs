//! The ECR17 and AADE 1155 drivers against their simulators' strict real-terminal profiles
//! (review 3, §6: where simulator and client made the same assumption): `E1` left unanswered
//! (E-1), a v10 `D` in another order than ILIAS's, and one with a subfield more.
//! The nexo strict profile is in `nexo_sim.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tameio::domain::money::Money;
use tameio::terminal::aade1155::sim::{SimConfig as AadeSim, spawn_in_process as aade_sim};
use tameio::terminal::aade1155::{Aade1155Options, Aade1155Terminal};
use tameio::terminal::ecr17::sim::spawn_in_process as ecr17_sim;
use tameio::terminal::session::{self, Attempt, AttemptState};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{Approval, Outcome, PaymentKind, PaymentRequest, ProgressSink};

use crate::support::ecr17;

fn approval(a: &Attempt) -> &Approval {
    match &a.outcome {
        Some(Outcome::Approved(ok)) => ok,
        other => panic!("not approved: {other:?} ({a:?})"),
    }
}

#[tokio::test]
async fn ecr17_a_terminal_silent_to_e1_is_paid_without_it_and_not_asked_again() {
    let server = ecr17_sim(tameio::terminal::ecr17::sim::SimConfig {
        strict: true,
        ..ecr17::sim_config(Scenario::Approve)
    })
    .await
    .unwrap();
    let spy = ecr17::spy(&server.sim);
    // Nothing here is timed: a short ACK wait only keeps the four silent E1 tries quick.
    let term = ecr17::terminal_with(
        "strict-e1",
        &server,
        tameio::terminal::ecr17::Ecr17Options { ack_timeout_ms: 300, ..ecr17::options() },
    );
    for cents in [650, 700] {
        let a = session::run(&spy, &term, &ecr17::sale(cents), &ProgressSink::none()).await.unwrap();
        assert_eq!(a.state, AttemptState::Approved, "nothing financial was sent before E1: {a:?}");
        assert!(!approval(&a).receipt_text.contains("NEXI"), "the receipt stayed on the terminal");
    }
    let e1 = server.sim.received().iter().filter(|r| r.code == "E").count();
    assert_eq!(e1, 4, "one send and three retransmissions, then never again in this process");
    assert_eq!(server.sim.accepted('P'), 2);
}

/// The AADE sims' test timeouts, version 10 (the `D` layouts the strict profile reorders).
fn aade_options() -> Aade1155Options {
    crate::aade1155_sim::options("10")
}

async fn aade_sale(
    config: AadeSim,
    cents: i64,
    name: &str,
) -> (Attempt, tameio::terminal::aade1155::sim::SimServer) {
    let server = aade_sim(AadeSim { ack_timeout_ms: 10_000, ..config }).await.unwrap();
    let sim = server.sim.clone();
    let spy = tameio::terminal::ProbedJournal::new(move || sim.received().len());
    let term = Aade1155Terminal::new(name, &server.addr.to_string(), "CFB77000028", aade_options()).unwrap();
    let req = PaymentRequest::new(PaymentKind::Sale, Money::from_cents(cents));
    let attempt = session::run(&spy, &term, &req, &ProgressSink::none()).await.unwrap();
    (attempt, server)
}

#[tokio::test]
async fn aade_v10_d_in_another_order_books_no_tip_by_position() {
    // .64: the RESULT is lost and found again by `O`: both ways read the same `D`.
    for cents in [2500, 2564] {
        let (a, server) = aade_sale(AadeSim { strict: true, ..AadeSim::default() }, cents, "strict-d").await;
        assert_eq!(a.state, AttemptState::Approved, "{a:?}");
        let ok = approval(&a);
        assert_eq!(ok.tip, Money::ZERO, "the sixth subfield here is the terminal id, not a tip: {ok:?}");
        assert!(ok.raw.contains("not booked"), "the mismatch is kept with the attempt: {}", ok.raw);
        assert_eq!(server.sim.count('A'), 1);
    }
}

#[tokio::test]
async fn aade_an_approval_whose_d_does_not_split_is_left_to_a_manager() {
    let (a, server) = aade_sale(AadeSim { d_extra: true, ..AadeSim::default() }, 2500, "strict-d17").await;
    assert_eq!(a.state, AttemptState::Unknown, "never declined, never booked on a guess: {a:?}");
    assert!(a.note.contains("C00") && a.note.contains("17 subfields"), "{}", a.note);
    assert_eq!(server.sim.count('A'), 1, "never resent");
    assert_eq!(server.sim.unacknowledged().len(), 1, "left on the terminal for the manager's look");
}
