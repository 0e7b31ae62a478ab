//! The payment journal: attempts and their states, written before and after every exchange.
//! `store` implements `Journal` on SQLite; `MemoryJournal` serves tests and demo mode.

use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Outcome, PaymentKind, Protocol};
use crate::domain::money::Money;

/// Where a payment attempt stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttemptState {
    /// Committed, nothing sent yet.
    Prepared,
    /// Bytes may have left; the outcome is not known yet.
    Sent,
    Approved,
    Declined,
    Cancelled,
    /// The request may have reached the terminal and its outcome was lost. Never resend.
    Unknown,
    /// Never reached the terminal: safe to try again.
    Failed,
}

impl AttemptState {
    pub const ALL: [AttemptState; 7] = [
        AttemptState::Prepared,
        AttemptState::Sent,
        AttemptState::Approved,
        AttemptState::Declined,
        AttemptState::Cancelled,
        AttemptState::Unknown,
        AttemptState::Failed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AttemptState::Prepared => "prepared",
            AttemptState::Sent => "sent",
            AttemptState::Approved => "approved",
            AttemptState::Declined => "declined",
            AttemptState::Cancelled => "cancelled",
            AttemptState::Unknown => "unknown",
            AttemptState::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<AttemptState> {
        AttemptState::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Prepared, Sent and Unknown attempts still need an answer.
    pub fn is_open(self) -> bool {
        matches!(self, AttemptState::Prepared | AttemptState::Sent | AttemptState::Unknown)
    }

    pub fn from_outcome(outcome: &Outcome) -> AttemptState {
        match outcome {
            Outcome::Approved(_) => AttemptState::Approved,
            Outcome::Declined { .. } => AttemptState::Declined,
            Outcome::Cancelled { .. } => AttemptState::Cancelled,
        }
    }
}

/// One payment attempt on one terminal, as the journal keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub id: Uuid,
    /// The terminal's configured name.
    pub terminal: String,
    pub protocol: Protocol,
    pub kind: PaymentKind,
    pub amount: Money,
    pub order_id: Option<i64>,
    /// The protocol's own reference (ECR17 has no id: see `Ecr17Terminal::reference`).
    pub reference: String,
    pub state: AttemptState,
    /// RFC 3339, the register's clock when the attempt was prepared.
    pub created_at: String,
    pub outcome: Option<Outcome>,
    /// Why the attempt is in its state (error text, recovery evidence, who forced it).
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    #[error("no payment attempt {0}")]
    NotFound(Uuid),
    #[error("journal storage failed: {0}")]
    Storage(String),
}

/// The session's durable record. Each call must be committed when it returns.
pub trait Journal: Send + Sync {
    /// Commits a new attempt in state `Prepared`, before any byte is sent.
    fn prepare(&self, attempt: &Attempt) -> Result<(), JournalError>;
    fn set_state(&self, id: Uuid, state: AttemptState, note: &str) -> Result<(), JournalError>;
    /// Stores the final outcome; the state follows from it.
    fn finish(&self, id: Uuid, outcome: &Outcome) -> Result<(), JournalError>;
    /// Attempts in Prepared, Sent or Unknown, oldest first; `None` = every terminal.
    fn open_attempts(&self, terminal: Option<&str>) -> Result<Vec<Attempt>, JournalError>;
    /// Outcomes of finished attempts (of one terminal, or all), newest first, at most `limit`.
    /// Recovery uses them so a result already recorded for one attempt never settles another.
    fn recent_outcomes(
        &self,
        terminal: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(Uuid, Outcome)>, JournalError>;
    /// This terminal's attempts that have an outcome, as (protocol reference, outcome), newest
    /// first: a result equal to one of them is recorded, so recovery may acknowledge it.
    fn recorded_results(&self, terminal: &str, limit: usize) -> Result<Vec<(String, Outcome)>, JournalError> {
        let _ = (terminal, limit);
        Ok(Vec::new())
    }
    /// Keeps a result that matched no attempt, so the operator can reconcile it.
    fn record_unmatched(&self, terminal: &str, outcome: &Outcome, evidence: &str)
    -> Result<(), JournalError>;
    /// A manager settles an attempt by hand; `store` also writes this to the audit log.
    fn force(&self, id: Uuid, outcome: &Outcome, by_whom: &str) -> Result<(), JournalError> {
        self.finish(id, outcome)?;
        self.set_state(id, AttemptState::from_outcome(outcome), &format!("forced by {by_whom}"))
    }
}

/// One call made on a `MemoryJournal`, in order, so tests can check the sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JournalCall {
    Prepare(Uuid),
    SetState(Uuid, AttemptState),
    Finish(Uuid, AttemptState),
    Unmatched(String),
}

/// A result that matched nothing, as kept by `MemoryJournal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub terminal: String,
    pub outcome: Outcome,
    pub evidence: String,
}

#[derive(Debug, Default)]
struct Inner {
    attempts: Vec<Attempt>,
    calls: Vec<JournalCall>,
    unmatched: Vec<Unmatched>,
}

/// An in-memory journal that also records every call made on it.
#[derive(Debug, Default)]
pub struct MemoryJournal {
    inner: Mutex<Inner>,
}

impl MemoryJournal {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere must not make the journal unreadable.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn calls(&self) -> Vec<JournalCall> {
        self.lock().calls.clone()
    }

    pub fn attempts(&self) -> Vec<Attempt> {
        self.lock().attempts.clone()
    }

    pub fn attempt(&self, id: Uuid) -> Option<Attempt> {
        self.lock().attempts.iter().find(|a| a.id == id).cloned()
    }

    pub fn unmatched(&self) -> Vec<Unmatched> {
        self.lock().unmatched.clone()
    }

    fn update(&self, id: Uuid, call: JournalCall, f: impl FnOnce(&mut Attempt)) -> Result<(), JournalError> {
        let mut inner = self.lock();
        let attempt = inner.attempts.iter_mut().find(|a| a.id == id).ok_or(JournalError::NotFound(id))?;
        f(attempt);
        inner.calls.push(call);
        Ok(())
    }
}

impl MemoryJournal {
    /// The states attempt `id` went through, in order, as the calls recorded them.
    pub fn states(&self, id: Uuid) -> Vec<AttemptState> {
        self.calls()
            .into_iter()
            .filter_map(|c| match c {
                JournalCall::Prepare(i) if i == id => Some(AttemptState::Prepared),
                JournalCall::SetState(i, s) | JournalCall::Finish(i, s) if i == id => Some(s),
                _ => None,
            })
            .collect()
    }
}

/// A `MemoryJournal` that notes, at each `prepare`, what a probe reports — in tests, how many
/// requests a simulator had received — so a test proves an attempt was committed before its
/// first byte left.
pub struct ProbedJournal {
    pub inner: MemoryJournal,
    probe: Box<dyn Fn() -> usize + Send + Sync>,
    seen: Mutex<Vec<usize>>,
}

impl ProbedJournal {
    pub fn new(probe: impl Fn() -> usize + Send + Sync + 'static) -> Self {
        ProbedJournal { inner: MemoryJournal::new(), probe: Box::new(probe), seen: Mutex::new(Vec::new()) }
    }

    /// What the probe said at each `prepare`, in order.
    pub fn seen_at_prepare(&self) -> Vec<usize> {
        self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn states(&self, id: Uuid) -> Vec<AttemptState> {
        self.inner.states(id)
    }
}

impl Journal for ProbedJournal {
    fn recorded_results(&self, terminal: &str, limit: usize) -> Result<Vec<(String, Outcome)>, JournalError> {
        self.inner.recorded_results(terminal, limit)
    }
    fn prepare(&self, attempt: &Attempt) -> Result<(), JournalError> {
        self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((self.probe)());
        self.inner.prepare(attempt)
    }
    fn set_state(&self, id: Uuid, state: AttemptState, note: &str) -> Result<(), JournalError> {
        self.inner.set_state(id, state, note)
    }
    fn finish(&self, id: Uuid, outcome: &Outcome) -> Result<(), JournalError> {
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

impl Journal for MemoryJournal {
    fn recorded_results(&self, terminal: &str, limit: usize) -> Result<Vec<(String, Outcome)>, JournalError> {
        let inner = self.lock();
        Ok(inner
            .attempts
            .iter()
            .rev()
            .filter(|a| a.terminal == terminal && !a.reference.trim().is_empty())
            .filter_map(|a| a.outcome.clone().map(|o| (a.reference.trim().to_string(), o)))
            .take(limit)
            .collect())
    }

    fn prepare(&self, attempt: &Attempt) -> Result<(), JournalError> {
        let mut inner = self.lock();
        if inner.attempts.iter().any(|a| a.id == attempt.id) {
            return Err(JournalError::Storage(format!("attempt {} exists", attempt.id)));
        }
        let mut row = attempt.clone();
        row.state = AttemptState::Prepared;
        inner.attempts.push(row);
        inner.calls.push(JournalCall::Prepare(attempt.id));
        Ok(())
    }

    fn set_state(&self, id: Uuid, state: AttemptState, note: &str) -> Result<(), JournalError> {
        self.update(id, JournalCall::SetState(id, state), |a| {
            a.state = state;
            a.note = note.to_string();
        })
    }

    fn finish(&self, id: Uuid, outcome: &Outcome) -> Result<(), JournalError> {
        let state = AttemptState::from_outcome(outcome);
        self.update(id, JournalCall::Finish(id, state), |a| {
            a.state = state;
            a.outcome = Some(outcome.clone());
        })
    }

    fn open_attempts(&self, terminal: Option<&str>) -> Result<Vec<Attempt>, JournalError> {
        let inner = self.lock();
        Ok(inner
            .attempts
            .iter()
            .filter(|a| a.state.is_open() && terminal.is_none_or(|t| a.terminal == t))
            .cloned()
            .collect())
    }

    fn recent_outcomes(
        &self,
        terminal: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(Uuid, Outcome)>, JournalError> {
        let inner = self.lock();
        Ok(inner
            .attempts
            .iter()
            .rev()
            .filter(|a| terminal.is_none_or(|t| a.terminal == t))
            .filter_map(|a| a.outcome.clone().map(|o| (a.id, o)))
            .take(limit)
            .collect())
    }

    fn record_unmatched(
        &self,
        terminal: &str,
        outcome: &Outcome,
        evidence: &str,
    ) -> Result<(), JournalError> {
        let mut inner = self.lock();
        inner.unmatched.push(Unmatched {
            terminal: terminal.to_string(),
            outcome: outcome.clone(),
            evidence: evidence.to_string(),
        });
        inner.calls.push(JournalCall::Unmatched(terminal.to_string()));
        Ok(())
    }
}

#[cfg(test)]
impl Attempt {
    /// A prepared ECR17 sale of 6.50 on `terminal`, for the tests of every journal.
    pub(crate) fn sample(terminal: &str) -> Attempt {
        Attempt {
            id: Uuid::now_v7(),
            terminal: terminal.into(),
            protocol: Protocol::Ecr17,
            kind: PaymentKind::Sale,
            amount: Money::from_cents(650),
            order_id: None,
            reference: "ref".into(),
            state: AttemptState::Prepared,
            created_at: "2026-11-23T10:00:00+01:00".into(),
            outcome: None,
            note: String::new(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn state_codes_round_trip() {
        for s in AttemptState::ALL {
            assert_eq!(AttemptState::from_code(s.code()), Some(s));
        }
        assert_eq!(AttemptState::from_code("nope"), None);
    }

    #[test]
    fn memory_journal_tracks_open_attempts_and_calls() {
        let j = MemoryJournal::new();
        let a = Attempt::sample("till-1");
        let b = Attempt::sample("till-2");
        j.prepare(&a).unwrap();
        j.prepare(&b).unwrap();
        assert!(j.prepare(&a).is_err());
        j.set_state(a.id, AttemptState::Unknown, "timeout").unwrap();
        j.finish(b.id, &Outcome::Cancelled { message: "x".into() }).unwrap();
        let open = j.open_attempts(Some("till-1")).unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].state, AttemptState::Unknown);
        assert!(j.open_attempts(Some("till-2")).unwrap().is_empty());
        j.force(a.id, &Outcome::declined("01", "no"), "anna").unwrap();
        assert_eq!(j.attempt(a.id).unwrap().note, "forced by anna");
        assert_eq!(j.calls()[0], JournalCall::Prepare(a.id));
        assert!(j.set_state(Uuid::now_v7(), AttemptState::Failed, "").is_err());
    }
}
