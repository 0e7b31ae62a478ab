//! Unit tests of the session state machine against a scripted in-memory terminal.
//! The ECR17 client against its simulator is tested in `tests/protocols/ecr17_*.rs`.

#![allow(clippy::unwrap_used)]

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use tokio::sync::Notify;

use super::*;
use crate::domain::money::Money;
use crate::terminal::{Approval, PaymentKind, Protocol, TerminalError, TerminalStatus};

#[derive(Default)]
struct Scripted {
    name: String,
    pays: Mutex<VecDeque<Result<Outcome, TerminalError>>>,
    recoveries: Mutex<VecDeque<Result<Recovery, TerminalError>>>,
    pay_calls: AtomicUsize,
    gate: Option<Arc<Notify>>,
    entered: Arc<Notify>,
}

impl Scripted {
    fn new(name: &str) -> Self {
        Scripted { name: name.into(), ..Default::default() }
    }
    fn pay(self, r: Result<Outcome, TerminalError>) -> Self {
        self.pays.lock().unwrap().push_back(r);
        self
    }
    fn recovery(self, r: Result<Recovery, TerminalError>) -> Self {
        self.recoveries.lock().unwrap().push_back(r);
        self
    }
}

#[async_trait]
impl Terminal for Scripted {
    fn name(&self) -> &str {
        &self.name
    }
    fn protocol(&self) -> Protocol {
        Protocol::Ecr17
    }
    async fn status(&self) -> Result<TerminalStatus, TerminalError> {
        Ok(TerminalStatus::default())
    }
    async fn pay(&self, _: &PaymentRequest, _: &ProgressSink) -> Result<Outcome, TerminalError> {
        self.pay_calls.fetch_add(1, Ordering::SeqCst);
        self.entered.notify_one();
        if let Some(gate) = &self.gate {
            gate.notified().await;
        }
        self.pays.lock().unwrap().pop_front().unwrap_or(Err(TerminalError::Timeout))
    }
    async fn recover(&self, _: &Attempt) -> Result<Recovery, TerminalError> {
        self.recoveries.lock().unwrap().pop_front().unwrap_or(Err(TerminalError::Timeout))
    }
}

fn approved() -> Outcome {
    Outcome::Approved(Approval { auth_code: "123456".into(), ..Default::default() })
}

fn sale() -> PaymentRequest {
    PaymentRequest::new(PaymentKind::Sale, Money::from_cents(650))
}

fn states(j: &MemoryJournal) -> Vec<JournalCall> {
    j.calls()
}

#[tokio::test]
async fn approved_payment_is_prepared_sent_then_finished() {
    let j = MemoryJournal::new();
    let t = Scripted::new("s-approve").pay(Ok(approved()));
    let req = sale();
    let a = run(&j, &t, &req, &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(
        states(&j),
        vec![
            JournalCall::Prepare(req.attempt_id),
            JournalCall::SetState(req.attempt_id, AttemptState::Sent),
            JournalCall::Finish(req.attempt_id, AttemptState::Approved),
        ]
    );
}

#[tokio::test]
async fn nothing_sent_means_failed_and_retry_allowed() {
    let j = MemoryJournal::new();
    let t =
        Scripted::new("s-unreach").pay(Err(TerminalError::Unreachable("refused".into()))).pay(Ok(approved()));
    let a = run(&j, &t, &sale(), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Failed);
    let b = run(&j, &t, &sale(), &ProgressSink::none()).await.unwrap();
    assert_eq!(b.state, AttemptState::Approved);
}

#[tokio::test]
async fn lost_outcome_goes_unknown_then_recovers() {
    let j = MemoryJournal::new();
    let t = Scripted::new("s-lost")
        .pay(Err(TerminalError::LinkLost("eof".into())))
        .recovery(Ok(Recovery::Resolved(approved())));
    let req = sale();
    let a = run(&j, &t, &req, &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    let calls = states(&j);
    assert_eq!(calls[2], JournalCall::SetState(req.attempt_id, AttemptState::Unknown));
    assert_eq!(calls[3], JournalCall::Finish(req.attempt_id, AttemptState::Approved));
}

#[tokio::test]
async fn undecided_stays_unknown_keeps_the_stray_result_and_blocks_new_payments() {
    let j = MemoryJournal::new();
    let t = Scripted::new("s-undecided")
        .pay(Err(TerminalError::Timeout))
        .recovery(Ok(Recovery::Undecided { evidence: "older".into(), unmatched: Some(approved()) }))
        .pay(Ok(approved()));
    let a = run(&j, &t, &sale(), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Unknown);
    assert!(a.note.contains("older"));
    assert_eq!(j.unmatched().len(), 1);
    let refused = run(&j, &t, &sale(), &ProgressSink::none()).await;
    assert!(matches!(refused, Err(SessionError::UnresolvedAttempt { id, .. }) if id == a.id));
    assert_eq!(t.pay_calls.load(Ordering::SeqCst), 1, "never resent while unknown");
    let forced = force(&j, a.id, &approved(), "manager").unwrap();
    assert_eq!(forced.state, AttemptState::Approved);
    assert!(matches!(force(&j, a.id, &approved(), "m"), Err(SessionError::NotOpen(_))));
    assert_eq!(run(&j, &t, &sale(), &ProgressSink::none()).await.unwrap().state, AttemptState::Approved);
}

#[tokio::test]
async fn a_result_already_recorded_elsewhere_does_not_resolve_a_lost_attempt() {
    let j = MemoryJournal::new();
    let earlier =
        Outcome::Approved(Approval { stan: "000007".into(), auth_code: "1".into(), ..Default::default() });
    let t = Scripted::new("s-dup")
        .pay(Ok(earlier.clone()))
        .pay(Err(TerminalError::LinkLost("eof".into())))
        .recovery(Ok(Recovery::Resolved(earlier)));
    let first = run(&j, &t, &sale(), &ProgressSink::none()).await.unwrap();
    let lost = run(&j, &t, &sale(), &ProgressSink::none()).await.unwrap();
    assert_eq!(lost.state, AttemptState::Unknown);
    assert!(lost.note.contains(&first.id.to_string()), "{}", lost.note);
}

#[tokio::test]
async fn second_payment_on_the_same_terminal_is_refused() {
    let j = Arc::new(MemoryJournal::new());
    let gate = Arc::new(Notify::new());
    let t = Arc::new(Scripted { gate: Some(gate.clone()), ..Scripted::new("s-busy").pay(Ok(approved())) });
    let entered = t.entered.clone();
    let first = {
        let (j, t) = (j.clone(), t.clone());
        tokio::spawn(async move { run(&*j, &*t, &sale(), &ProgressSink::none()).await })
    };
    entered.notified().await;
    assert!(is_in_flight("s-busy"));
    let second = run(&*j, &*t, &sale(), &ProgressSink::none()).await;
    assert!(matches!(second, Err(SessionError::TerminalBusy(_))));
    gate.notify_one();
    assert_eq!(first.await.unwrap().unwrap().state, AttemptState::Approved);
    assert!(!is_in_flight("s-busy"));
    assert_eq!(j.attempts().len(), 1);
}

#[tokio::test]
async fn recover_all_fails_prepared_and_resolves_sent() {
    let j = MemoryJournal::new();
    let t = Scripted::new("s-startup").recovery(Ok(Recovery::NotProcessed { evidence: "proof".into() }));
    let mut sent = new_attempt(&t, &sale());
    j.prepare(&sent).unwrap();
    j.set_state(sent.id, AttemptState::Sent, "").unwrap();
    sent.state = AttemptState::Sent;
    let prepared = new_attempt(&t, &sale());
    j.prepare(&prepared).unwrap();
    let done = recover_all(&j, &t).await.unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!(j.attempt(prepared.id).unwrap().state, AttemptState::Failed);
    let s = j.attempt(sent.id).unwrap();
    assert_eq!(s.state, AttemptState::Failed);
    assert!(s.note.contains("proof"));
    assert!(j.open_attempts(None).unwrap().is_empty());
}

/// A journal whose `finish` fails for chosen attempts (a full disk, a locked database).
struct FailingFinish {
    inner: MemoryJournal,
    /// (attempt, failures left)
    fail: Mutex<Vec<(Uuid, usize)>>,
}

impl Journal for FailingFinish {
    fn prepare(&self, a: &Attempt) -> Result<(), JournalError> {
        self.inner.prepare(a)
    }
    fn set_state(&self, id: Uuid, state: AttemptState, note: &str) -> Result<(), JournalError> {
        self.inner.set_state(id, state, note)
    }
    fn finish(&self, id: Uuid, outcome: &Outcome) -> Result<(), JournalError> {
        let mut fail = self.fail.lock().unwrap();
        if let Some((_, left)) = fail.iter_mut().find(|(f, left)| *f == id && *left > 0) {
            *left -= 1;
            return Err(JournalError::Storage("disk full".into()));
        }
        self.inner.finish(id, outcome)
    }
    fn open_attempts(&self, terminal: Option<&str>) -> Result<Vec<Attempt>, JournalError> {
        self.inner.open_attempts(terminal)
    }
    fn recent_outcomes(&self, t: Option<&str>, limit: usize) -> Result<Vec<(Uuid, Outcome)>, JournalError> {
        self.inner.recent_outcomes(t, limit)
    }
    fn record_unmatched(&self, t: &str, o: &Outcome, e: &str) -> Result<(), JournalError> {
        self.inner.record_unmatched(t, o, e)
    }
}

#[tokio::test]
async fn recovery_goes_on_past_an_attempt_it_cannot_record() {
    let j = FailingFinish { inner: MemoryJournal::new(), fail: Mutex::new(Vec::new()) };
    let t = Scripted::new("s-goes-on")
        .recovery(Ok(Recovery::Resolved(approved())))
        .recovery(Ok(Recovery::NotProcessed { evidence: "not on the terminal".into() }));
    let older = new_attempt(&t, &sale());
    let newer = new_attempt(&t, &sale());
    for a in [&older, &newer] {
        j.prepare(a).unwrap();
        j.set_state(a.id, AttemptState::Sent, "").unwrap();
    }
    // Newest first: its approval cannot be written, the older one must still be settled.
    j.fail.lock().unwrap().push((newer.id, FINISH_TRIES as usize));
    let done = recover_all(&j, &t).await.unwrap();
    assert_eq!(done.len(), 2);
    let n = done.iter().find(|a| a.id == newer.id).unwrap();
    assert!(n.note.contains("could not record"), "{}", n.note);
    assert!(j.inner.attempt(newer.id).unwrap().state.is_open(), "still open: asked again next time");
    assert_eq!(j.inner.attempt(older.id).unwrap().state, AttemptState::Failed);
}

#[tokio::test]
async fn an_outcome_is_committed_on_a_second_try_and_otherwise_handed_back_with_its_attempt() {
    let j = FailingFinish { inner: MemoryJournal::new(), fail: Mutex::new(Vec::new()) };
    let t = Scripted::new("s-retry").pay(Ok(approved())).pay(Ok(approved()));
    let mut first = sale();
    j.fail.lock().unwrap().push((first.attempt_id, 1));
    let a = run(&j, &t, &first, &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "one failed commit is tried again");

    first = sale();
    j.fail.lock().unwrap().push((first.attempt_id, FINISH_TRIES as usize));
    match run(&j, &t, &first, &ProgressSink::none()).await {
        Err(SessionError::NotRecorded { attempt, .. }) => {
            assert_eq!(attempt.state, AttemptState::Approved, "the cashier sees what the terminal said");
            assert_eq!(j.inner.attempt(first.attempt_id).unwrap().state, AttemptState::Sent);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn asking_again_and_finding_the_same_does_not_grow_the_note() {
    let first = join_note("link lost", "G: nothing stored");
    assert_eq!(first, "link lost; G: nothing stored");
    assert_eq!(join_note(&first, "G: nothing stored"), first);
    assert_eq!(join_note(&first, "G: a result"), "link lost; G: nothing stored; G: a result");
    assert_eq!(join_note("", "x"), "x");
    // The same finding stored masked once and read whole again is not added twice.
    let whole = "G returned 4539578763621486 STAN 000001";
    let stored = join_note("link lost", &crate::terminal::wirelog::mask_card_numbers(whole));
    assert_ne!(stored, format!("link lost; {whole}"), "the card number is masked");
    assert_eq!(join_note(&stored, whole), stored);
}
