//! The WebECR driver against its simulated backend over loopback HTTP, through
//! `session::run` with a `MemoryJournal`: every sandbox amount, lost answers recovered by
//! CustomerReference with exactly one intent, and the money-safe failure modes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::webecr::*;
use tameio::terminal::session::{self, AttemptState, MemoryJournal};
use tameio::terminal::webecr::sim::SimConfig;
use tameio::terminal::{Outcome, Progress, ProgressSink, Recovery, Terminal};

/// One sale of `cents` through the session on a fresh simulator.
async fn one_sale(
    cents: i64,
    name: &str,
) -> (session::Attempt, MemoryJournal, tameio::terminal::webecr::sim::SimServer, Vec<Progress>) {
    let server = start_default().await;
    let term = paired(name, &server).await;
    let journal = MemoryJournal::new();
    let (sink, mut rx) = ProgressSink::channel();
    let attempt = session::run(&journal, &term, &sale(cents), &sink).await.unwrap();
    let progress = drain(&mut rx);
    (attempt, journal, server, progress)
}

#[tokio::test]
async fn approve_with_one_intent_and_the_receipt_data() {
    let (a, journal, server, progress) = one_sale(1250, "webecr-approve").await;
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    assert_eq!(journal.states(a.id), [AttemptState::Prepared, AttemptState::Sent, AttemptState::Approved]);
    assert_eq!(a.reference, a.id.to_string(), "CustomerReference = the attempt id");
    assert_eq!(server.sim.intents_for(&a.id.to_string()), 1);
    assert_eq!(txninits(&server), 1);
    let Some(Outcome::Approved(ok)) = &a.outcome else { panic!("{a:?}") };
    assert_eq!(ok.masked_pan, "************4242");
    assert_eq!(ok.terminal_id, TID);
    assert_eq!(ok.stan, "000001");
    assert_eq!(ok.rrn.len(), 12);
    assert_eq!(ok.auth_code.len(), 6);
    assert_eq!(ok.host_amount, "1250");
    assert!(!ok.transaction_id.is_empty());
    for p in [Progress::Connecting, Progress::Sent, Progress::ResultReceived] {
        assert!(progress.contains(&p), "{p:?} missing from {progress:?}");
    }
}

#[tokio::test]
async fn nine_ninety_nine_is_declined() {
    let (a, journal, server, _) = one_sale(999, "webecr-decline").await;
    assert_eq!(a.state, AttemptState::Declined);
    assert_eq!(journal.states(a.id), [AttemptState::Prepared, AttemptState::Sent, AttemptState::Declined]);
    assert!(matches!(&a.outcome, Some(Outcome::Declined { code, .. }) if code == "DECLINED"));
    assert_eq!(server.sim.intents_for(&a.id.to_string()), 1);
}

#[tokio::test]
async fn twenty_two_twenty_two_is_approved_after_polling() {
    let (a, journal, server, progress) = one_sale(2222, "webecr-long").await;
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    assert_eq!(journal.states(a.id), [AttemptState::Prepared, AttemptState::Sent, AttemptState::Approved]);
    assert_eq!(txninits(&server), 1, "polled, never resent");
    assert_eq!(server.sim.intents_for(&a.id.to_string()), 1);
    assert!(progress.contains(&Progress::Display("WebECR: on the terminal".into())), "{progress:?}");
    assert!(progress.contains(&Progress::Authorising));
    assert!(progress.contains(&Progress::ResultReceived));
}

/// 13.13 (and the shared lost-result, garbage): the answer is lost after the intent was
/// approved; the attempt goes Unknown and recovery by CustomerReference finds it.
#[tokio::test]
async fn lost_answers_are_recovered_by_customer_reference_with_one_intent() {
    for (cents, name) in [(1313, "webecr-1313"), (1064, "webecr-lost"), (1068, "webecr-garbage")] {
        let (a, journal, server, progress) = one_sale(cents, name).await;
        assert_eq!(a.state, AttemptState::Approved, "{cents}: {a:?}");
        assert_eq!(
            journal.states(a.id),
            [
                AttemptState::Prepared,
                AttemptState::Sent,
                AttemptState::Unknown,
                AttemptState::Approved,
                AttemptState::Approved
            ],
            "{cents}"
        );
        assert!(progress.contains(&Progress::Recovering));
        assert_eq!(server.sim.intents_for(&a.id.to_string()), 1, "{cents}: exactly one intent");
        assert_eq!(txninits(&server), 1, "{cents}: never resent");
        assert_eq!(a.note, "recovered from the terminal");
    }
}

/// A txninit cut off before the backend made its intent: "no intent" proves nothing while the
/// backend's own request time runs (it may still create it), only afterwards that nothing was
/// charged. Until then the attempt stays unknown: never "try again" on a maybe-charged card.
#[tokio::test]
async fn disconnect_before_the_intent_is_unknown_until_the_backend_time_is_over_then_not_processed() {
    let server = start_default().await;
    let term = paired("webecr-disconnect", &server).await;
    let journal = MemoryJournal::new();
    let a = session::run(&journal, &term, &sale(1070), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Unknown, "{a:?}");
    let states = journal.states(a.id);
    assert_eq!(states[..3], [AttemptState::Prepared, AttemptState::Sent, AttemptState::Unknown]);
    assert!(states.iter().all(|s| *s != AttemptState::Failed), "{states:?}");
    assert!(a.note.contains("may still be under way"), "{}", a.note);

    // Asked again once the backend cannot be creating it any more: nothing was charged.
    let mut old = a.clone();
    old.created_at = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    let verdict = term.recover(&old).await.unwrap();
    let Recovery::NotProcessed { evidence } = verdict else { panic!("{verdict:?}") };
    assert!(evidence.contains("no intent with CustomerReference"), "{evidence}");
    assert_eq!(server.sim.intents_for(&a.id.to_string()), 0);
    assert_eq!(txninits(&server), 1, "never resent");
}

#[tokio::test]
async fn busy_and_a_full_batch_charge_nothing_and_say_so() {
    let (a, _, server, _) = one_sale(1069, "webecr-busy").await;
    assert_eq!(a.state, AttemptState::Failed, "{a:?}");
    assert!(a.note.contains("busy"), "{}", a.note);
    assert_eq!(txninits(&server), 1);
    let (a, _, _, _) = one_sale(7777, "webecr-maxtx").await;
    assert_eq!(a.state, AttemptState::Failed, "{a:?}");
    assert!(a.note.contains("close the batch"), "{}", a.note);
}

#[tokio::test]
async fn cancelled_and_device_never_reported() {
    let (a, _, _, _) = one_sale(3333, "webecr-cancel").await;
    assert_eq!(a.state, AttemptState::Cancelled, "{a:?}");
    let (a, journal, server, _) = one_sale(5555, "webecr-unknown").await;
    assert_eq!(a.state, AttemptState::Unknown, "{a:?}");
    assert!(a.note.contains("never reported"), "{}", a.note);
    assert_eq!(journal.states(a.id).last(), Some(&AttemptState::Unknown));
    assert_eq!(server.sim.intents_for(&a.id.to_string()), 1);
}

#[tokio::test]
async fn shared_decline_cents_work_too() {
    let (a, _, _, _) = one_sale(661, "webecr-61").await;
    assert_eq!(a.state, AttemptState::Declined);
}

/// Polling gives up (Unknown, recovery still undecided), the result comes late, and a later
/// `recover_all` settles it: never a second `txninit`.
#[tokio::test]
async fn a_late_result_is_accepted_by_recovery() {
    let server = start(SimConfig { slow_polls: u32::MAX, slow_secs: i64::MAX, ..SimConfig::default() }).await;
    let mut opts = options(&server);
    opts.sync_timeout_secs = 0;
    opts.request_grace_secs = 1;
    opts.poll_total_secs = 1;
    opts.recover_wait_secs = 0;
    let term = paired_with("webecr-late", &server, &opts).await;
    let journal = MemoryJournal::new();
    let a = session::run(&journal, &term, &sale(2222), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Unknown, "{a:?}");
    assert!(a.note.contains("still in progress") || a.note.contains("recovery"), "{}", a.note);
    // The session refuses a new payment while this one is open.
    let refused = session::run(&journal, &term, &sale(100), &ProgressSink::none()).await;
    assert!(refused.is_err());
    server.sim.finish_pending();
    let done = session::recover_all(&journal, &term).await.unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].state, AttemptState::Approved, "{done:?}");
    assert_eq!(txninits(&server), 1);
    assert_eq!(server.sim.intents_for(&a.id.to_string()), 1);
}

#[tokio::test]
async fn a_duplicate_customer_reference_returns_the_same_intent() {
    let server = start_default().await;
    let term = paired("webecr-dup", &server).await;
    let req = sale(500);
    let body = term.txninit_for(&req).unwrap();
    let client = term.client();
    let path = client.terminal_path().await.unwrap();
    let first = client.txninit(&path, &body).await.unwrap();
    let second = client.txninit(&path, &body).await.unwrap();
    assert_eq!(first.id_text(), second.id_text());
    assert_eq!(server.sim.intents_for(&req.attempt_id.to_string()), 1);
    let log = server.sim.received();
    assert_eq!(log.len(), 2);
    assert!(log[1].note.contains("duplicate") && !log[1].created_intent);
}

#[tokio::test]
async fn an_unreachable_backend_fails_without_unknown() {
    let server = start_default().await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let mut opts = options(&server);
    opts.base_url = format!("http://127.0.0.1:{port}/api");
    let mut s = secrets(&server);
    s.api_key = "some-key".into();
    let term = tameio::terminal::webecr::WebEcrTerminal::new(&config("webecr-down", &opts), s).unwrap();
    let journal = MemoryJournal::new();
    let a = session::run(&journal, &term, &sale(100), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Failed, "{a:?}");
    assert_eq!(journal.states(a.id), [AttemptState::Prepared, AttemptState::Sent, AttemptState::Failed]);
}

#[tokio::test]
async fn void_by_the_original_attempt_and_preauth_completion() {
    let server = start_default().await;
    let term = paired("webecr-void", &server).await;
    let journal = MemoryJournal::new();
    let paid = session::run(&journal, &term, &sale(1500), &ProgressSink::none()).await.unwrap();
    assert_eq!(paid.state, AttemptState::Approved);
    let mut void = tameio::terminal::PaymentRequest::new(tameio::terminal::PaymentKind::Void, paid.amount);
    void.original = Some(paid.id.to_string());
    let v = session::run(&journal, &term, &void, &ProgressSink::none()).await.unwrap();
    assert_eq!(v.state, AttemptState::Approved, "{v:?}");
    assert_eq!(v.reference, format!("void {}", paid.id));
    let voided = server.sim.intents().into_iter().filter(|i| i.void == Some(true)).count();
    assert_eq!(voided, 1);
    // Recovery of the void looks at the original transaction.
    let found = term.recover(&v).await.unwrap();
    assert!(matches!(found, tameio::terminal::Recovery::Resolved(Outcome::Approved(_))), "{found:?}");

    let pre = tameio::terminal::PaymentRequest::new(
        tameio::terminal::PaymentKind::PreAuth,
        tameio::domain::money::Money::from_cents(8000),
    );
    let p = session::run(&journal, &term, &pre, &ProgressSink::none()).await.unwrap();
    let Some(Outcome::Approved(ok)) = &p.outcome else { panic!("{p:?}") };
    assert!(!ok.preauth_code.is_empty());
    let mut done = tameio::terminal::PaymentRequest::new(
        tameio::terminal::PaymentKind::Completion,
        tameio::domain::money::Money::from_cents(7000),
    );
    done.preauth_code = Some(ok.preauth_code.clone());
    let c = session::run(&journal, &term, &done, &ProgressSink::none()).await.unwrap();
    assert_eq!(c.state, AttemptState::Approved, "{c:?}");
    let last = server.sim.intents().pop().unwrap();
    assert_eq!(
        (last.txn_type, last.initial_transaction.map(|t| t.id_text())),
        (Some(3), Some(ok.preauth_code.clone()))
    );
}

#[tokio::test]
async fn tip_instalments_and_moto_come_from_the_request() {
    use tameio::domain::money::Money;
    use tameio::terminal::{PaymentKind, PaymentRequest};
    let server = start_default().await;
    let term = paired("webecr-extras", &server).await;
    let journal = MemoryJournal::new();
    let mut tipped = sale(2000);
    tipped.tip = Money::from_cents(250);
    tipped.instalments = 3;
    let a = session::run(&journal, &term, &tipped, &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    let Some(Outcome::Approved(ok)) = &a.outcome else { panic!("{a:?}") };
    assert_eq!(ok.tip, Money::from_cents(250), "the transaction's TipAmount");
    let mut moto = PaymentRequest::new(PaymentKind::Moto, Money::from_cents(3000));
    moto.instalments = 2;
    let m = session::run(&journal, &term, &moto, &ProgressSink::none()).await.unwrap();
    assert_eq!(m.state, AttemptState::Approved, "{m:?}");
    let sent: Vec<_> = server
        .sim
        .intents()
        .into_iter()
        .map(|i| (i.txn_type, i.amount, i.tip_amount, i.instalments))
        .collect();
    assert_eq!(sent, [(Some(0), Some(2000), Some(250), Some(3)), (Some(4), Some(3000), Some(0), Some(2))]);
    let mut tipped_refund = PaymentRequest::new(PaymentKind::Refund, Money::from_cents(500));
    tipped_refund.tip = Money::from_cents(100);
    assert!(term.pay(&tipped_refund, &ProgressSink::none()).await.is_err());
    assert_eq!(txninits(&server), 2, "refused before sending");
}
