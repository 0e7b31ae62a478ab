//! ECR17 against public evidence over loopback: the real client meets, byte for byte, results
//! shorter than the Nexi tables (padosoft's test payloads), a malformed frame after a result,
//! and result `09`, which proves no outcome and must leave the attempt open.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use crate::support::ecr17::scripted::{self, Scripted, receipt_end, vector_message};
use crate::support::ecr17::{options, sale};
use tameio::domain::money::Money;
use tameio::terminal::ecr17::Ecr17Terminal;
use tameio::terminal::session::{self, Attempt, AttemptState, MemoryJournal};
use tameio::terminal::{
    Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol, Recovery, RecoveryContext, Terminal,
};

/// padosoft's payloads carry terminal id `12345678`.
const PADOSOFT_TID: &str = "12345678";

/// Each test its own terminal name: a session holds its terminal's name process-wide.
fn terminal_for(server: &Scripted, name: &str) -> Ecr17Terminal {
    Ecr17Terminal::new(name, &server.addr.to_string(), "00000000", "00000001", options())
}

async fn script(replies: &[(u8, Vec<Vec<u8>>)]) -> Scripted {
    scripted::start(replies.iter().cloned().collect::<HashMap<_, _>>()).await
}

/// padosoft/laravel-ecr17 tests/Unit/Response/Ecr17ResponseTest.php, "parses a payment with
/// currency exchange (DCC)": a `V` result of 107 bytes (the Nexi table says 117). Sent after a
/// `P`, followed by a `U` whose length field is not a number and by the slip's last part: the
/// payment is approved with every field the payload has, and the bad `U` costs nothing.
#[tokio::test]
async fn a_short_dcc_result_is_approved_and_a_bad_frame_after_it_is_skipped() {
    let dcc = vector_message("padosoft_dcc_result");
    assert_eq!(dcc.len(), 107);
    let bad_host_data = format!("{PADOSOFT_TID}0U000000ZZZ").into_bytes();
    let server = script(&[(b'P', vec![dcc, bad_host_data, receipt_end(PADOSOFT_TID)])]).await;
    let journal = MemoryJournal::new();
    let term = terminal_for(&server, "dcc-short");
    let a = session::run(&journal, &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    let Some(Outcome::Approved(ok)) = &a.outcome else { panic!("{a:?}") };
    assert_eq!(ok.auth_code, "ABC123");
    assert_eq!(ok.stan, "000042");
    assert_eq!(ok.transaction_id, "000099");
    assert_eq!(ok.masked_pan, "******1111");
    assert_eq!(ok.host_amount, "650");
    assert_eq!(ok.action_code, "000");
    assert!(ok.receipt_text.contains("GRAZIE"), "the slip after the bad frame was still read");
    assert_eq!(server.count(b'P'), 1);
}

/// The same 107-byte `V` handed back by `G` goes through the same tolerant reading: recovery
/// weighs it (here: its host time, 29 July 15:20, is not this attempt's) instead of failing on
/// its length, and keeps it as an unmatched result.
#[tokio::test]
async fn a_short_result_returned_by_g_is_read_by_the_same_path() {
    let stored = vector_message("padosoft_dcc_result");
    let server = scripted::start_with(HashMap::new(), Some(stored)).await;
    let term = terminal_for(&server, "g-short");
    let lost = Attempt {
        id: uuid::Uuid::now_v7(),
        terminal: "g-short".into(),
        protocol: Protocol::Ecr17,
        kind: PaymentKind::Sale,
        amount: Money::from_cents(650),
        order_id: None,
        reference: "P 650".into(),
        state: AttemptState::Unknown,
        created_at: chrono::Utc::now().to_rfc3339(),
        outcome: None,
        note: String::new(),
    };
    let verdict = term.recover_with(&lost, &RecoveryContext::default()).await.unwrap();
    match verdict {
        Recovery::Undecided { evidence, unmatched: Some(Outcome::Approved(found)) } => {
            assert!(evidence.contains("host time 2111520"), "{evidence}");
            assert_eq!(found.stan, "000042");
            assert_eq!(found.host_amount, "650");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count(b'G'), 1);
}

/// A payment whose link drops after the ACK is recovered with `G`; the terminal's 107-byte
/// copy is weighed, not refused, so the attempt stays Unknown with that result as evidence.
#[tokio::test]
async fn a_lost_payment_recovers_through_a_short_g_copy() {
    let stored = vector_message("padosoft_dcc_result");
    let server = scripted::start_with([(b'P', vec![Vec::new()])].into_iter().collect(), Some(stored)).await;
    let journal = MemoryJournal::new();
    let a = session::run(&journal, &terminal_for(&server, "g-lost"), &sale(650), &ProgressSink::none())
        .await
        .unwrap();
    assert_eq!(a.state, AttemptState::Unknown, "{a:?}");
    assert!(a.note.contains("STAN 000042"), "the G copy was read: {}", a.note);
    assert!(!a.note.contains("recovery failed"), "{}", a.note);
    assert_eq!(server.count(b'P'), 1);
}

/// padosoft "parses a positive pre-auth": an `e` of 67 bytes (Nexi: 106) ends after the host
/// time; the approval stands with its pre-authorisation code, the missing STAN empty.
#[tokio::test]
async fn a_short_preauth_result_is_approved() {
    let server =
        script(&[(b'p', vec![vector_message("padosoft_preauth_ok"), receipt_end(PADOSOFT_TID)])]).await;
    let term = terminal_for(&server, "preauth-short");
    let req = PaymentRequest::new(PaymentKind::PreAuth, Money::from_cents(50_000));
    let a = session::run(&MemoryJournal::new(), &term, &req, &ProgressSink::none()).await.unwrap();
    let Some(Outcome::Approved(ok)) = &a.outcome else { panic!("{a:?}") };
    assert_eq!(ok.preauth_code, "000000123");
    assert_eq!(ok.host_amount, "50000");
    assert_eq!(ok.auth_code, "AUTH01");
    assert_eq!(ok.stan, "");
}

/// padosoft "parses a negative close": a `C` decline of 34 bytes (Nexi: 44) still tells the
/// manager why the batch did not close.
#[tokio::test]
async fn a_short_close_session_decline_is_reported() {
    let server =
        script(&[(b'C', vec![vector_message("padosoft_close_ko"), receipt_end(PADOSOFT_TID)])]).await;
    let totals = terminal_for(&server, "close-short").close_batch().await.unwrap();
    assert!(!totals.ok);
    assert_eq!(totals.message, "SBILANCIO");
    assert_eq!(totals.action_code, "100");
    assert_eq!(totals.result_code, "01");
}

/// Result `09` ("unknown TAG received from the host", Nexi's result table, NEXI-SPEC payment
/// page; padosoft maps it to its own `UnknownTag`, not to KO): no source says the card was not
/// charged. The attempt is not booked as declined, stays Unknown after `G` returns the same
/// result, and the payment is never sent again — not by recovery at start-up either.
#[tokio::test]
async fn result_09_leaves_the_attempt_unknown_and_is_never_retried() {
    let nine = vector_message("constructed_payment_09");
    let server = script(&[(b'P', vec![nine, receipt_end(PADOSOFT_TID)])]).await;
    let journal = MemoryJournal::new();
    let term = terminal_for(&server, "result-09");
    let a = session::run(&journal, &term, &sale(650), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Unknown, "{a:?}");
    assert_eq!(a.outcome, None, "nothing booked");
    assert!(a.note.contains("result 09"), "{}", a.note);
    assert!(a.note.contains("does not say whether the card was charged"), "{}", a.note);
    assert!(!journal.states(a.id).contains(&AttemptState::Declined));
    let again = session::recover_all(&journal, &term).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].state, AttemptState::Unknown, "{:?}", again[0]);
    assert_eq!(server.count(b'P'), 1, "a 09 is never retried");
    // A new payment on this terminal is refused while the 09 attempt is open.
    let next = session::run(&journal, &term, &sale(650), &ProgressSink::none()).await;
    assert!(matches!(next, Err(session::SessionError::UnresolvedAttempt { .. })), "{next:?}");
    assert_eq!(server.count(b'P'), 1);
}
