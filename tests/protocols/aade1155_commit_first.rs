//! AADE 1155 v10: the register acknowledges a RESULT (`R`) only after its journal committed
//! it. A journal that cannot commit means no `R`: the terminal keeps the result, offers it
//! again, and recovery books it once the journal works.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tameio::domain::money::Money;
use tameio::terminal::aade1155::sim::{Aade1155Sim, SimConfig, SimServer, spawn_in_process};
use tameio::terminal::aade1155::{Aade1155Options, Aade1155Terminal};
use tameio::terminal::session::{self, Attempt, AttemptState, Journal, JournalError, MemoryJournal};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{Outcome, PaymentKind, PaymentRequest, ProgressSink};
use uuid::Uuid;

/// What the terminal held when the journal was asked to commit an outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AtCommit {
    acknowledgements: usize,
    unacknowledged: usize,
}

/// A journal that notes the simulator's state at every `finish` and fails it while `broken`.
struct WatchedJournal {
    inner: MemoryJournal,
    sim: Arc<Aade1155Sim>,
    broken: AtomicBool,
    seen: Mutex<Vec<AtCommit>>,
}

impl WatchedJournal {
    fn new(sim: &Arc<Aade1155Sim>) -> Self {
        WatchedJournal {
            inner: MemoryJournal::new(),
            sim: sim.clone(),
            broken: AtomicBool::new(false),
            seen: Mutex::new(Vec::new()),
        }
    }

    fn seen(&self) -> Vec<AtCommit> {
        self.seen.lock().unwrap().clone()
    }
}

impl Journal for WatchedJournal {
    fn prepare(&self, attempt: &Attempt) -> Result<(), JournalError> {
        self.inner.prepare(attempt)
    }
    fn set_state(&self, id: Uuid, state: AttemptState, note: &str) -> Result<(), JournalError> {
        self.inner.set_state(id, state, note)
    }
    fn finish(&self, id: Uuid, outcome: &Outcome) -> Result<(), JournalError> {
        let seen = AtCommit {
            acknowledgements: self.sim.count('R'),
            unacknowledged: self.sim.unacknowledged().len(),
        };
        self.seen.lock().unwrap().push(seen);
        if self.broken.load(Ordering::SeqCst) {
            return Err(JournalError::Storage("disk full".into()));
        }
        self.inner.finish(id, outcome)
    }
    fn open_attempts(&self, terminal: Option<&str>) -> Result<Vec<Attempt>, JournalError> {
        self.inner.open_attempts(terminal)
    }
    fn recent_outcomes(
        &self,
        terminal: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(Uuid, Outcome)>, JournalError> {
        self.inner.recent_outcomes(terminal, limit)
    }
    fn record_unmatched(
        &self,
        terminal: &str,
        outcome: &Outcome,
        evidence: &str,
    ) -> Result<(), JournalError> {
        self.inner.record_unmatched(terminal, outcome, evidence)
    }
}

async fn start(scenario: Scenario) -> SimServer {
    let config = SimConfig { scenario, amount_table: false, ack_timeout_ms: 10_000, ..SimConfig::default() };
    spawn_in_process(config).await.unwrap()
}

fn terminal(name: &str, server: &SimServer) -> Aade1155Terminal {
    let opts = Aade1155Options {
        confirm_timeout_ms: 15_000,
        result_timeout_ms: 30_000,
        query_timeout_ms: 15_000,
        ack_linger_ms: 15_000,
        ..Aade1155Options::default()
    };
    Aade1155Terminal::new(name, &server.addr.to_string(), "CFB77000028", opts).unwrap()
}

fn sale(cents: i64) -> PaymentRequest {
    PaymentRequest::new(PaymentKind::Sale, Money::from_cents(cents))
}

#[tokio::test]
async fn the_result_is_acknowledged_only_after_the_journal_committed_it() {
    let server = start(Scenario::Approve).await;
    let journal = WatchedJournal::new(&server.sim);
    let term = terminal("gr-commit-first", &server);
    let a = session::run(&journal, &term, &sale(2500), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved);
    assert_eq!(
        journal.seen(),
        [AtCommit { acknowledgements: 0, unacknowledged: 1 }],
        "when the outcome was committed, the terminal still held the result unacknowledged"
    );
    assert_eq!(server.sim.count('R'), 1, "acknowledged once, after the commit");
    assert!(server.sim.unacknowledged().is_empty());
}

#[tokio::test]
async fn a_failed_commit_sends_no_acknowledgement_and_the_terminal_offers_the_result_again() {
    let server = start(Scenario::Approve).await;
    let journal = WatchedJournal::new(&server.sim);
    journal.broken.store(true, Ordering::SeqCst);
    let term = terminal("gr-commit-fails", &server);
    let err = session::run(&journal, &term, &sale(2500), &ProgressSink::none()).await.unwrap_err();
    assert!(matches!(err, session::SessionError::NotRecorded { .. }), "{err:?}");
    assert_eq!(server.sim.count('R'), 0, "nothing recorded, nothing acknowledged");
    let held = server.sim.unacknowledged();
    assert_eq!(held.len(), 1, "the terminal still holds the result");

    // The disk is back: recovery asks for the very session and books it, then acknowledges.
    journal.broken.store(false, Ordering::SeqCst);
    let done = session::recover_all(&journal, &term).await.unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0].state, AttemptState::Approved, "{:?}", done[0]);
    assert_eq!(done[0].reference, held[0].session);
    assert_eq!(server.sim.count('O'), 1, "offered again by O");
    assert_eq!(server.sim.count('A'), 1, "never resent");
    let last = journal.seen().last().cloned().unwrap();
    assert_eq!(
        last,
        AtCommit { acknowledgements: 0, unacknowledged: 1 },
        "recovery commits before its R too"
    );
    assert_eq!(server.sim.count('R'), 1);
    assert!(server.sim.unacknowledged().is_empty());
}

#[tokio::test]
async fn a_result_recovered_by_l_is_acknowledged_after_its_commit() {
    let config = SimConfig {
        scenario: Scenario::LostResult,
        amount_table: false,
        resend_one: false,
        ack_timeout_ms: 10_000,
        ..SimConfig::default()
    };
    let server = spawn_in_process(config).await.unwrap();
    let journal = WatchedJournal::new(&server.sim);
    let term = terminal("gr-commit-first-l", &server);
    let a = session::run(&journal, &term, &sale(1200), &ProgressSink::none()).await.unwrap();
    assert_eq!(a.state, AttemptState::Approved, "{a:?}");
    assert_eq!(journal.seen(), [AtCommit { acknowledgements: 0, unacknowledged: 1 }]);
    assert_eq!((server.sim.accepted('L'), server.sim.count('R')), (1, 1));
    assert!(server.sim.unacknowledged().is_empty());
}
