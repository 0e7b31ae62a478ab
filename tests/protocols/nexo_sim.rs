//! The nexo client against its simulator over loopback: through `session::run` with a journal
//! that proves nothing left before `prepare` (approve, decline, lost result and garbage
//! recovered by TransactionStatus while Busy, disconnect, busy, Abort on a second connection,
//! a new Login after NotAllowed, refund, reversal, both repeated layouts), then end to end
//! through the register: `terminal add`, `pay`, `recover`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Output;
use std::sync::Arc;

use crate::support::binary::shown;
use tameio::domain::money::Money;
use tameio::terminal::nexo::sim::{NexoSim, RepeatedLayout, SimConfig, SimServer, spawn_in_process};
use tameio::terminal::nexo::{NexoOptions, NexoTerminal};
use tameio::terminal::session::{self, AttemptState};
use tameio::terminal::{Outcome, PaymentKind, PaymentRequest, ProbedJournal, ProgressSink, Terminal};

const POIID: &str = "A-POIID";

fn sim_config() -> SimConfig {
    SimConfig { step_ms: 20, slow_ms: 50, busy_after_ms: 0, busy_polls: 2, ..SimConfig::default() }
}

/// Back-off short enough for tests; tries enough for a loaded machine. Nothing here is timed.
fn options() -> NexoOptions {
    NexoOptions {
        poiid: POIID.into(),
        busy_backoff_ms: 10,
        busy_backoff_max_ms: 40,
        busy_tries: 3,
        status_tries: 10,
        request_timeout_ms: 30_000,
        payment_timeout_ms: 60_000,
        ..NexoOptions::default()
    }
}

fn terminal(server: &SimServer) -> NexoTerminal {
    // One name per simulator: the session serialises payments per terminal name in-process.
    let name = format!("pax-{}", server.addr.port());
    NexoTerminal::new(&name, &server.addr.to_string(), "ECR1", options()).unwrap()
}

fn spy(sim: &Arc<NexoSim>) -> ProbedJournal {
    let sim = sim.clone();
    ProbedJournal::new(move || sim.received().len())
}

fn categories(sim: &NexoSim) -> Vec<String> {
    sim.received().into_iter().map(|r| r.category).collect()
}

fn count(sim: &NexoSim, category: &str) -> usize {
    categories(sim).iter().filter(|c| *c == category).count()
}

fn sale(cents: i64) -> PaymentRequest {
    PaymentRequest::new(PaymentKind::Sale, Money::from_cents(cents))
}

async fn pay(server: &SimServer, req: &PaymentRequest) -> session::Attempt {
    let journal = spy(&server.sim);
    let before = server.sim.received().len();
    let attempt = session::run(&journal, &terminal(server), req, &ProgressSink::none()).await.unwrap();
    assert_eq!(journal.seen_at_prepare(), [before], "journalled before the first byte");
    attempt
}

#[tokio::test]
async fn approve_keeps_the_receipts_and_logs_in_first() {
    let server = spawn_in_process(sim_config()).await.unwrap();
    let attempt = pay(&server, &sale(1200)).await;
    let Some(Outcome::Approved(a)) = &attempt.outcome else { panic!("{attempt:?}") };
    assert_eq!(a.masked_pan, "516815******9659");
    assert!(a.receipt_text.contains("KÖP: 12,00 EUR"), "{}", a.receipt_text);
    assert_eq!(a.host_amount, "1200");
    assert_eq!(categories(&server.sim), ["Login", "Payment"]);
    let got = server.sim.received();
    assert_eq!((got[1].amount.as_deref(), got[1].payment_type.as_deref()), (Some("12.00"), Some("Normal")));
    assert_eq!((got[1].sale_id.as_str(), got[1].poi_id.as_str()), ("ECR1", POIID));
    assert_eq!((got[1].accepted, got[1].scenario.as_deref()), (Some(true), Some("approve")));
}

#[tokio::test]
async fn decline_carries_the_hosts_code() {
    let server = spawn_in_process(sim_config()).await.unwrap();
    let attempt = pay(&server, &sale(1261)).await;
    assert_eq!(attempt.state, AttemptState::Declined);
    let Some(Outcome::Declined { code, .. }) = &attempt.outcome else { panic!() };
    assert_eq!(code, "05");
}

#[tokio::test]
async fn a_lost_result_is_recovered_by_transaction_status_through_busy_never_paid_twice() {
    for layout in [RepeatedLayout::Swedbank, RepeatedLayout::Standard] {
        for cents in [1264, 1268] {
            let server = spawn_in_process(SimConfig { layout, ..sim_config() }).await.unwrap();
            let attempt = pay(&server, &sale(cents)).await;
            assert_eq!(attempt.state, AttemptState::Approved, "{layout:?} {cents}: {attempt:?}");
            assert_eq!(attempt.note, "recovered from the terminal");
            assert_eq!(count(&server.sim, "Payment"), 1, "never a second Payment");
            // Two Busy answers, then the result.
            assert_eq!(count(&server.sim, "TransactionStatus"), 3);
            assert_eq!(server.sim.approved_payments(), 1);
        }
    }
}

#[tokio::test]
async fn a_disconnect_mid_payment_stays_unknown_for_a_manager() {
    // NotFound proves nothing (review N-1), cold or after an approved sale, on both profiles.
    for strict in [false, true] {
        let server = spawn_in_process(SimConfig { strict, ..sim_config() }).await.unwrap();
        for warm in [false, true] {
            if warm {
                assert_eq!(pay(&server, &sale(1200)).await.state, AttemptState::Approved);
            }
            let attempt = pay(&server, &sale(1270)).await;
            assert_eq!(attempt.state, AttemptState::Unknown, "strict {strict} warm {warm}: {attempt:?}");
            assert!(attempt.note.contains("NotFound"), "{}", attempt.note);
        }
        assert_eq!(count(&server.sim, "Payment"), 3);
        assert_eq!(server.sim.approved_payments(), 1);
    }
}

/// Strict profile: the payment went through, its answer was lost, and the register that
/// recovers it has logged in again, so TransactionStatus by its ServiceID says NotFound.
#[tokio::test]
async fn strict_a_payment_found_not_by_service_id_is_recovered_by_the_last_transaction() {
    let server = spawn_in_process(SimConfig { strict: true, ..sim_config() }).await.unwrap();
    server.sim.set_busy_polls(1000);
    let journal = spy(&server.sim);
    let lost = session::run(&journal, &terminal(&server), &sale(1264), &ProgressSink::none()).await.unwrap();
    assert_eq!(lost.state, AttemptState::Unknown, "{lost:?}");
    server.sim.set_busy_polls(0);
    // A restarted register: a new client, a new Login, a new login session on the terminal.
    let done = session::recover_all(&journal, &terminal(&server)).await.unwrap();
    assert_eq!(done[0].state, AttemptState::Approved, "charged, never \"not processed\": {done:?}");
    assert_eq!(count(&server.sim, "Payment"), 1);
    assert_eq!(count(&server.sim, "Login"), 2);
    assert_eq!(server.sim.approved_payments(), 1);
}

/// Strict profile: a Payment refused Busy goes again under a new ServiceID (review N-2); the
/// terminal refuses a ServiceID used twice in a login session.
#[tokio::test]
async fn strict_a_payment_retried_after_busy_gets_a_new_service_id() {
    let config = SimConfig { strict: true, busy_after_ms: 500, ..sim_config() };
    let server = spawn_in_process(config).await.unwrap();
    assert_eq!(pay(&server, &sale(1200)).await.state, AttemptState::Approved);
    let journal = spy(&server.sim);
    let opts = NexoOptions { busy_tries: 200, busy_backoff_max_ms: 10, ..options() };
    let name = format!("pax-{}", server.addr.port());
    let term = NexoTerminal::new(&name, &server.addr.to_string(), "ECR1", opts).unwrap();
    let second = session::run(&journal, &term, &sale(1300), &ProgressSink::none()).await.unwrap();
    assert_eq!(second.state, AttemptState::Approved, "{second:?}");
    let payments: Vec<_> = server.sim.received().into_iter().filter(|r| r.category == "Payment").collect();
    assert!(payments.len() >= 3, "at least one Busy refusal: {payments:?}");
    let mut ids: Vec<&str> = payments.iter().map(|r| r.service_id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), payments.len(), "every try its own ServiceID: {payments:?}");
}

/// Strict profile: a message the terminal rejects comes back as `EventNotification Reject`
/// instead of an answer (review N-7): refused, nothing started, never a protocol error that
/// leaves the payment unknown.
#[tokio::test]
async fn strict_a_rejected_message_is_refused_not_unknown() {
    let server = spawn_in_process(SimConfig { strict: true, ..sim_config() }).await.unwrap();
    let term = terminal(&server);
    let header = term.client().header("Payment", "0000000077");
    let spec = tameio::terminal::nexo::messages::PaymentSpec {
        refund: false,
        amount: Money::from_cents(1200),
        cash_back: Money::ZERO,
        currency: "EUR".into(),
        sale_transaction_id: "0000000077".into(),
        time_stamp: "2026-12-07T23:00:00+01:00".into(),
    };
    let first = term.client().payment(&header, &spec).await.unwrap();
    assert!(first.response.is_success(), "{first:?}");
    let again = term.client().payment(&header, &spec).await;
    let Err(e) = again else { panic!("{again:?}") };
    assert!(!e.may_have_reached_terminal(), "{e}");
    assert!(e.to_string().contains("rejected"), "{e}");
    assert_eq!(server.sim.approved_payments(), 1);
}

#[tokio::test]
async fn busy_is_retried_then_refused_with_nothing_charged() {
    let server = spawn_in_process(sim_config()).await.unwrap();
    let attempt = pay(&server, &sale(1269)).await;
    assert_eq!(attempt.state, AttemptState::Failed, "{attempt:?}");
    assert_eq!(count(&server.sim, "Payment"), 3, "busy_tries");
    assert!(server.sim.received().iter().all(|r| r.accepted != Some(true)), "none taken on");
    assert_eq!(count(&server.sim, "TransactionStatus"), 0);
}

#[tokio::test]
async fn abort_on_a_second_connection_cancels_the_open_payment() {
    let server = spawn_in_process(SimConfig { step_ms: 60_000, ..sim_config() }).await.unwrap();
    let term = terminal(&server);
    let journal = spy(&server.sim);
    let req = sale(1200);
    let none = ProgressSink::none();
    let sim = server.sim.clone();
    let aborter = async {
        // The Abort goes out once the terminal holds the Payment.
        while count(&sim, "Payment") == 0 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        // As the GUI does it: by the terminal's name, without holding the driver.
        tameio::terminal::nexo::abort_open_payment(term.name()).await.unwrap()
    };
    let (attempt, sent) = tokio::join!(session::run(&journal, &term, &req, &none), aborter);
    assert!(sent);
    let attempt = attempt.unwrap();
    assert_eq!(attempt.state, AttemptState::Cancelled, "{attempt:?}");
    assert_eq!(categories(&server.sim), ["Login", "Payment", "Abort"]);
    assert!(!term.abort().await.unwrap(), "nothing open any more");
    assert!(!tameio::terminal::nexo::abort_open_payment(term.name()).await.unwrap());
}

#[tokio::test]
async fn not_allowed_means_log_in_again() {
    let server = spawn_in_process(sim_config()).await.unwrap();
    let term = terminal(&server);
    let journal = spy(&server.sim);
    let first = session::run(&journal, &term, &sale(500), &ProgressSink::none()).await.unwrap();
    assert_eq!(first.state, AttemptState::Approved);
    server.sim.forget_logins();
    let second = session::run(&journal, &term, &sale(700), &ProgressSink::none()).await.unwrap();
    assert_eq!(second.state, AttemptState::Approved, "{second:?}");
    assert_eq!(categories(&server.sim), ["Login", "Payment", "Payment", "Login", "Payment"]);
    assert_eq!(server.sim.approved_payments(), 2);
}

#[tokio::test]
async fn refund_and_reversal_of_the_last_payment() {
    let server = spawn_in_process(sim_config()).await.unwrap();
    let refund = pay(&server, &PaymentRequest::new(PaymentKind::Refund, Money::from_cents(300))).await;
    assert_eq!(refund.state, AttemptState::Approved);
    assert_eq!(server.sim.received()[1].payment_type.as_deref(), Some("Refund"));

    let sold = pay(&server, &sale(900)).await;
    let Some(Outcome::Approved(a)) = &sold.outcome else { panic!() };
    let mut void = PaymentRequest::new(PaymentKind::Void, Money::from_cents(900));
    void.original = Some("not-the-last".into());
    let refused = pay(&server, &void).await;
    assert_eq!(refused.state, AttemptState::Failed, "a reversal names the last payment only");
    void.attempt_id = uuid::Uuid::now_v7();
    void.original = Some(a.transaction_id.clone());
    let reversed = pay(&server, &void).await;
    assert_eq!(reversed.state, AttemptState::Approved, "{reversed:?}");
    let Some(Outcome::Approved(r)) = &reversed.outcome else { panic!() };
    assert_eq!(r.transaction_id, a.transaction_id);
    assert!(r.receipt_text.contains("Makulering"));
    assert_eq!(count(&server.sim, "Reversal"), 1);
    assert_eq!(server.sim.approved_payments(), 1, "the refund stays, the sale is reversed");
}

#[tokio::test]
async fn the_batch_closes_by_reconciliation_with_the_periods_card_total_read_before_by_get_totals() {
    let server = spawn_in_process(sim_config()).await.unwrap();
    pay(&server, &sale(1200)).await;
    let refund = pay(&server, &PaymentRequest::new(PaymentKind::Refund, Money::from_cents(300))).await;
    assert_eq!(refund.state, AttemptState::Approved);
    let sold = pay(&server, &sale(900)).await;
    let Some(Outcome::Approved(a)) = &sold.outcome else { panic!() };
    let mut void = PaymentRequest::new(PaymentKind::Void, Money::from_cents(900));
    void.original = Some(a.transaction_id.clone());
    assert_eq!(pay(&server, &void).await.state, AttemptState::Approved);

    // 12,00 + 9,00 sold, 3,00 refunded, 9,00 reversed: 9,00 in the period. Reading the
    // running totals (GetTotals) closes nothing.
    for _ in 0..2 {
        let running = terminal(&server).totals().await.unwrap();
        assert_eq!(
            (running.ok, running.terminal_total, running.terminal_id.as_str()),
            (true, Money::from_cents(900), "1")
        );
    }
    let closed = terminal(&server).close_batch().await.unwrap();
    assert!(closed.ok, "{closed:?}");
    assert_eq!(closed.terminal_total, Money::from_cents(900));
    assert_eq!(closed.terminal_id, "1", "the terminal's POIReconciliationID");
    assert!(closed.receipt_text.contains("Debit × 2: 21.00"), "{}", closed.receipt_text);
    assert!(closed.receipt_text.contains("ReverseDebit × 1: 9.00"), "{}", closed.receipt_text);
    // The next period starts empty.
    let again = terminal(&server).close_batch().await.unwrap();
    assert_eq!((again.ok, again.terminal_total, again.terminal_id.as_str()), (true, Money::ZERO, "2"));
    assert_eq!(count(&server.sim, "Reconciliation"), 2);
}

/// Review N-3: a Swedbank terminal (the strict profile) refuses Reconciliation and GetTotals.
/// The driver asks once, remembers, and answers "not supported" without asking again.
#[tokio::test]
async fn strict_a_terminal_without_totals_is_asked_once() {
    let server = spawn_in_process(SimConfig { strict: true, ..sim_config() }).await.unwrap();
    let term = terminal(&server);
    let refused = term.close_batch().await;
    assert!(matches!(refused, Err(tameio::terminal::TerminalError::NotSupported(_))), "{refused:?}");
    assert!(matches!(term.totals().await, Err(tameio::terminal::TerminalError::NotSupported(_))));
    assert!(matches!(term.close_batch().await, Err(tameio::terminal::TerminalError::NotSupported(_))));
    assert_eq!(count(&server.sim, "Reconciliation"), 1, "probed once");
    assert_eq!(count(&server.sim, "GetTotals"), 0, "remembered for GetTotals too");
}

// ---- end to end through the register ----

fn tameio(dir: &Path, args: &[&str]) -> Output {
    crate::support::binary::at(dir, args).env("TAMEIO_KEEP_DEMO_PINS", "true").output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().rev().find_map(|l| serde_json::from_str(l).ok()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_pays_and_recovers_after_the_connection_drops() {
    let server = spawn_in_process(SimConfig { busy_polls: 1, ..sim_config() }).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let addr = server.addr.to_string();
    let run = move |args: Vec<String>| {
        let d = d.clone();
        tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            tameio(&d, &args)
        })
    };
    let args = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let add = run(args(&format!(
        "terminal add pos --protocol nexo --addr {addr} --option poiid={POIID} --option busy_backoff_ms=10 --option status_tries=3"
    )))
    .await
    .unwrap();
    assert!(add.status.success(), "{}", shown(&add));

    let status = run(args("terminal status pos --json")).await.unwrap();
    assert_eq!(status.status.code(), Some(0), "{}", shown(&status));
    assert_eq!(json(&status)["status"]["terminal_id"], "1710000520");
    assert_eq!(json(&status)["status"]["operational"], true);

    let paid = run(args("pay 12.00 --terminal pos --json")).await.unwrap();
    assert_eq!(paid.status.code(), Some(0), "{}", shown(&paid));
    assert_eq!(json(&paid)["state"], "approved");

    // The answer is cut and the terminal stays Busy past the register's tries: unknown (4).
    server.sim.set_busy_polls(1000);
    let lost = run(args("pay 7.64 --terminal pos --json")).await.unwrap();
    assert_eq!(lost.status.code(), Some(4), "{}", shown(&lost));
    assert_eq!(json(&lost)["state"], "unknown");
    // A second payment is refused while that one is open: never a second charge.
    let blocked = run(args("pay 7.64 --terminal pos --json")).await.unwrap();
    assert_ne!(blocked.status.code(), Some(0), "{}", shown(&blocked));
    assert_eq!(count(&server.sim, "Payment"), 2);

    server.sim.set_busy_polls(1);
    let recovered = run(args("recover --json")).await.unwrap();
    assert_eq!(recovered.status.code(), Some(0), "{}", shown(&recovered));
    assert!(shown(&recovered).contains("approved"), "{}", shown(&recovered));
    assert_eq!(count(&server.sim, "Payment"), 2, "recovery sends no Payment");
    assert_eq!(server.sim.approved_payments(), 2);

    let again = run(args("pay 5.00 --terminal pos --json")).await.unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", shown(&again));

    // The end of the day: Reconciliation closes the terminal's period with its card total.
    let closed = run(args("batch close --terminal pos --pin 9999")).await.unwrap();
    assert_eq!(closed.status.code(), Some(0), "{}", shown(&closed));
    let z = json(&closed);
    assert_eq!(z["terminal_totals"]["ok"], true, "{z}");
    assert_eq!(z["terminal_totals"]["terminal_total"], 1200 + 764 + 500, "{z}");
    assert_eq!(count(&server.sim, "Reconciliation"), 1);
}

/// Review N-3 through the register: a terminal without Reconciliation (the strict profile)
/// gets the register's own close, a Z with nothing closed on the terminal, never an error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strict_batch_close_without_reconciliation_is_the_registers_own() {
    let server = spawn_in_process(SimConfig { strict: true, ..sim_config() }).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let addr = server.addr.to_string();
    let out = tokio::task::spawn_blocking(move || {
        let add = format!("terminal add pos --protocol nexo --addr {addr} --option poiid={POIID}");
        let add: Vec<&str> = add.split_whitespace().collect();
        let added = tameio(&d, &add);
        assert!(added.status.success(), "{}", shown(&added));
        let paid = tameio(&d, &["pay", "12.00", "--terminal", "pos", "--json"]);
        assert_eq!(paid.status.code(), Some(0), "{}", shown(&paid));
        tameio(&d, &["batch", "close", "--terminal", "pos", "--pin", "9999"])
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(count(&server.sim, "Reconciliation"), 1, "asked once, refused");
    assert!(shown(&out).contains("batch_close"), "the Z says the terminal closes its own: {}", shown(&out));
}

#[tokio::test]
async fn recovery_asks_only_as_the_terminal_it_was_sent_to() {
    let server = spawn_in_process(sim_config()).await.unwrap();
    server.sim.set_busy_polls(1000);
    let journal = spy(&server.sim);
    let term = terminal(&server);
    let lost = session::run(&journal, &term, &sale(1264), &ProgressSink::none()).await.unwrap();
    assert_eq!(lost.state, AttemptState::Unknown, "{lost:?}");

    // The same terminal name, now configured with another SaleID: nothing is concluded.
    let name = format!("pax-{}", server.addr.port());
    let renamed = NexoTerminal::new(&name, &server.addr.to_string(), "ECR2", options()).unwrap();
    server.sim.set_busy_polls(0);
    let still = session::recover_all(&journal, &renamed).await.unwrap();
    assert_eq!(still[0].state, AttemptState::Unknown, "{still:?}");
    assert!(still[0].note.contains("now configured"), "{}", still[0].note);

    let done = session::recover_all(&journal, &term).await.unwrap();
    assert_eq!(done[0].state, AttemptState::Approved, "{done:?}");
    assert_eq!(count(&server.sim, "Payment"), 1);
}
