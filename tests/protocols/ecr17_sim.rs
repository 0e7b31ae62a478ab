//! The ECR17 client against its simulator over loopback, through `session::run`, one test per
//! scenario: journal states in order, nothing sent before `prepare`, never a second `P`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use crate::support::ecr17::*;
use tameio::terminal::session::{self, AttemptState, SessionError};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{Outcome, Progress, ProgressSink, Terminal};

/// Runs one sale of `cents` through the session on a fresh simulator with `scenario`.
async fn one_sale(
    scenario: Scenario,
    cents: i64,
    name: &str,
) -> (session::Attempt, Spy, tameio::terminal::ecr17::sim::SimServer, Vec<Progress>) {
    let server = start(scenario).await;
    let spy = spy(&server.sim);
    let term = terminal(name, &server);
    let (sink, mut rx) = ProgressSink::channel();
    let attempt = session::run(&spy, &term, &sale(cents), &sink).await.unwrap();
    assert_prepared_before_sending(&spy, 0);
    let progress = drain(&mut rx);
    (attempt, spy, server, progress)
}

#[tokio::test]
async fn approve() {
    let (a, spy, server, progress) = one_sale(Scenario::Approve, 650, "sim-approve").await;
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(spy.states(a.id), [AttemptState::Prepared, AttemptState::Sent, AttemptState::Approved]);
    assert_eq!(server.sim.accepted('P'), 1);
    assert_eq!(server.sim.accepted('E'), 1, "E1 before the payment");
    let Some(Outcome::Approved(ok)) = &a.outcome else { panic!("{a:?}") };
    assert_eq!(ok.masked_pan, "****4242");
    assert_eq!(ok.terminal_id, TID);
    assert_eq!(ok.stan, "000001");
    assert!(ok.receipt_text.contains("NEXI - SIMULATORE ECR17"), "{}", ok.receipt_text);
    assert!(ok.receipt_text.contains("IMPORTO EUR 6,50"));
    for p in [
        Progress::Connecting,
        Progress::Sent,
        Progress::Acknowledged,
        Progress::InsertCard,
        Progress::EnterPin,
        Progress::Authorising,
        Progress::ResultReceived,
    ] {
        assert!(progress.contains(&p), "{p:?} missing from {progress:?}");
    }
    assert!(progress.contains(&Progress::Display("INSERIRE CARTA      ".into())));
    assert_eq!(server.sim.totals(), 650);
}

#[tokio::test]
async fn decline() {
    let (a, spy, server, _) = one_sale(Scenario::Decline, 650, "sim-decline").await;
    assert_eq!(a.state, AttemptState::Declined);
    assert_eq!(spy.states(a.id), [AttemptState::Prepared, AttemptState::Sent, AttemptState::Declined]);
    assert_eq!(a.outcome, Some(Outcome::declined("01", "CARTA RIFIUTATA")));
    assert_eq!(server.sim.accepted('P'), 1);
    assert_eq!(server.sim.totals(), 0);
}

#[tokio::test]
async fn busy_terminal_refuses_and_nothing_is_charged() {
    let (a, spy, server, progress) = one_sale(Scenario::Busy, 650, "sim-busy").await;
    assert_eq!(a.state, AttemptState::Failed, "{a:?}");
    assert_eq!(spy.states(a.id), [AttemptState::Prepared, AttemptState::Sent, AttemptState::Failed]);
    assert_eq!(server.sim.accepted('P'), 0);
    assert_eq!(refused(&server.sim, 'P'), 4, "one send and three retransmissions");
    assert!(progress.contains(&Progress::Retrying(3)));
    // Failed means safe to try again: the session does not block the terminal.
    let term = terminal("sim-busy", &server);
    let again = session::run(&spy, &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(again.state, AttemptState::Failed);
}

#[tokio::test]
async fn slow() {
    let (a, _, server, progress) = one_sale(Scenario::Slow, 650, "sim-slow").await;
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(server.sim.accepted('P'), 1);
    let shown: Vec<_> = progress
        .iter()
        .filter_map(|p| if let Progress::Display(t) = p { Some(t.trim()) } else { None })
        .collect();
    assert_eq!(shown, ["INSERIRE CARTA", "DIGITARE PIN", "CONNESSIONE HOST"]);
}

#[tokio::test]
async fn split_frames() {
    let (a, _, server, _) = one_sale(Scenario::Split, 650, "sim-split").await;
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(server.sim.accepted('P'), 1);
    let Some(Outcome::Approved(ok)) = &a.outcome else { panic!() };
    assert!(ok.receipt_text.contains("GRAZIE E ARRIVEDERCI"), "whole receipt: {}", ok.receipt_text);
}

#[tokio::test]
async fn glued_frames() {
    let (a, _, server, progress) = one_sale(Scenario::Glued, 650, "sim-glued").await;
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(server.sim.accepted('P'), 1);
    assert!(progress.contains(&Progress::EnterPin));
}

#[tokio::test]
async fn nak_once_is_retransmitted_once() {
    let (a, _, server, progress) = one_sale(Scenario::NakOnce, 650, "sim-nak").await;
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(server.sim.accepted('P'), 1);
    assert_eq!(refused(&server.sim, 'P'), 1);
    assert!(progress.contains(&Progress::Retrying(1)));
}

#[tokio::test]
async fn no_ack_result_counts_as_ack_and_is_not_resent() {
    let (a, _, server, _) = one_sale(Scenario::NoAck, 650, "sim-noack").await;
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(server.sim.received().iter().filter(|r| r.code == "P").count(), 1);
}

#[tokio::test]
async fn garbage_and_a_bad_lrc_are_survived() {
    let (a, _, server, _) = one_sale(Scenario::Garbage, 650, "sim-garbage").await;
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(server.sim.accepted('P'), 1);
}

#[tokio::test]
async fn lost_result_goes_unknown_then_g_resolves_it() {
    let (a, spy, server, progress) = one_sale(Scenario::LostResult, 650, "sim-lost").await;
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    assert_eq!(
        spy.states(a.id),
        [
            AttemptState::Prepared,
            AttemptState::Sent,
            AttemptState::Unknown,
            AttemptState::Approved,
            AttemptState::Approved
        ]
    );
    assert!(progress.contains(&Progress::Recovering));
    assert_eq!(server.sim.accepted('P'), 1);
    // One `G` for the baseline STAN before the request (a new register), one to recover.
    assert_eq!(server.sim.accepted('G'), 2);
    assert!(a.reference.ends_with("after-stan none"), "{}", a.reference);
    assert_eq!(a.note, "recovered from the terminal");
}

#[tokio::test]
async fn disconnect_mid_payment_stays_unknown_and_blocks_the_terminal() {
    let (a, spy, server, _) = one_sale(Scenario::DisconnectMidPayment, 650, "sim-disc").await;
    assert_eq!(a.state, AttemptState::Unknown, "{a:?}");
    assert!(a.note.contains("no stored result"), "{}", a.note);
    assert_eq!(server.sim.accepted('P'), 1);
    assert_eq!(server.sim.accepted('G'), 2, "the baseline, then recovery");
    let term = terminal("sim-disc", &server);
    let refused = session::run(&spy, &term, &sale(650), &ProgressSink::none()).await;
    assert!(matches!(refused, Err(SessionError::UnresolvedAttempt { id, .. }) if id == a.id));
    // Start-up recovery asks again and still cannot prove anything.
    let again = session::recover_all(&spy, &term).await.unwrap();
    assert_eq!(again[0].state, AttemptState::Unknown);
    assert_eq!(server.sim.accepted('P'), 1, "never resent");
    let forced = session::force(
        &spy,
        a.id,
        &Outcome::Cancelled { message: "checked on the terminal".into() },
        "manager",
    )
    .unwrap();
    assert_eq!(forced.state, AttemptState::Cancelled);
    assert_eq!(
        session::run(&spy, &term, &sale(650), &ProgressSink::none()).await.unwrap().state,
        AttemptState::Unknown
    );
}

#[tokio::test]
async fn a_stale_last_result_is_not_taken_for_the_lost_payment() {
    let server = start(Scenario::Approve).await;
    let spy = spy(&server.sim);
    let term = terminal("sim-stale", &server);
    let first = session::run(&spy, &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(first.state, AttemptState::Approved);
    // .70 picks disconnect-mid-payment: the terminal's last result is still the first sale's.
    let lost = session::run(&spy, &term, &sale(1270), &ProgressSink::none()).await.unwrap();
    assert_eq!(lost.state, AttemptState::Unknown);
    assert!(lost.note.contains("earlier payment"), "{}", lost.note);
    assert!(spy.inner.unmatched().is_empty());
    assert_eq!(server.sim.accepted('P'), 2);
}

#[tokio::test]
async fn second_concurrent_payment_is_refused() {
    let server = start(Scenario::Approve).await;
    server.sim.pause();
    let spy = Arc::new(spy(&server.sim));
    let term = Arc::new(terminal("sim-concurrent", &server));
    let (sink, mut rx) = ProgressSink::channel();
    let first = {
        let (spy, term) = (spy.clone(), term.clone());
        tokio::spawn(async move { session::run(&*spy, &*term, &sale(650), &sink).await })
    };
    while let Some(p) = rx.recv().await {
        if p == Progress::Authorising {
            break;
        }
    }
    let second = session::run(&*spy, &*term, &sale(990), &ProgressSink::none()).await;
    assert!(matches!(second, Err(SessionError::TerminalBusy(ref n)) if n == "sim-concurrent"), "{second:?}");
    server.sim.resume();
    assert_eq!(first.await.unwrap().unwrap().state, AttemptState::Approved);
    assert_eq!(server.sim.accepted('P'), 1);
    assert_eq!(spy.inner.attempts().len(), 1);
}

#[tokio::test]
async fn unreachable_terminal_fails_without_unknown() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let term = tameio::terminal::ecr17::Ecr17Terminal::new(
        "sim-unreach",
        &addr.to_string(),
        "00000000",
        "1",
        options(),
    );
    let journal = tameio::terminal::MemoryJournal::new();
    let a = session::run(&journal, &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Failed);
    assert!(a.note.contains("cannot reach"), "{}", a.note);
}

#[tokio::test]
async fn crash_after_send_is_recovered_at_start_up() {
    let server = start(Scenario::LostResult).await;
    let spy = spy(&server.sim);
    let term = terminal("sim-crash", &server);
    let req = sale(650);
    // What a crashed register leaves behind: the row says Sent, the terminal charged the card.
    let attempt = session::Attempt {
        id: req.attempt_id,
        terminal: "sim-crash".into(),
        protocol: term.protocol(),
        kind: req.kind,
        amount: req.amount,
        order_id: None,
        // The terminal held no result when the request left (what the session notes by `G`).
        reference: format!("{} after-stan none", term.reference(&req)),
        state: AttemptState::Prepared,
        created_at: chrono::Local::now().to_rfc3339(),
        outcome: None,
        note: String::new(),
    };
    session::Journal::prepare(&spy, &attempt).unwrap();
    session::Journal::set_state(&spy, attempt.id, AttemptState::Sent, "").unwrap();
    assert!(term.pay(&req, &ProgressSink::none()).await.is_err());
    let fresh = terminal("sim-crash", &server);
    let done = session::recover_all(&spy, &fresh).await.unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].state, AttemptState::Approved, "{:?}", done[0]);
    assert_eq!(server.sim.accepted('P'), 1);
}

#[tokio::test]
async fn after_a_restart_the_journal_still_knows_the_stale_result() {
    let server = start(Scenario::Approve).await;
    let spy = spy(&server.sim);
    let before_crash = terminal("sim-restart", &server);
    let first = session::run(&spy, &before_crash, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(first.state, AttemptState::Approved);
    // A new process has no memory of delivered results; only the journal remembers.
    let after_restart = terminal("sim-restart", &server);
    let lost = session::run(&spy, &after_restart, &sale(1270), &ProgressSink::none()).await.unwrap();
    assert_eq!(lost.state, AttemptState::Unknown, "{lost:?}");
    assert!(lost.note.contains(&first.id.to_string()), "{}", lost.note);
}
