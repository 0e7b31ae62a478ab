//! The journal-first payment session (ARCHITECTURE "The payment rule"): commit the attempt,
//! send, commit the outcome; a lost outcome becomes Unknown and is recovered, never resent.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use uuid::Uuid;

pub use super::journal::{
    Attempt, AttemptState, Journal, JournalCall, JournalError, MemoryJournal, Unmatched,
};
use super::{Outcome, PaymentRequest, Progress, ProgressSink, Recovery, Terminal};

/// Why the session refused or could not record a payment.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("a payment is already in progress on terminal {0}")]
    TerminalBusy(String),
    #[error("terminal {terminal} has an unresolved payment attempt {id}; recover it first")]
    UnresolvedAttempt { terminal: String, id: Uuid },
    #[error("payment attempt {0} is not open")]
    NotOpen(Uuid),
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The terminal answered but the journal could not store it: show the outcome anyway.
    #[error("the terminal answered but the journal failed: {source}")]
    NotRecorded { outcome: Outcome, source: JournalError },
}

/// Terminal names with a session in flight in this process.
static IN_FLIGHT: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(Default::default);

/// Holds a terminal's in-flight flag; dropping it (also on cancellation) releases it.
struct InFlight(String);

impl InFlight {
    fn claim(terminal: &str) -> Result<InFlight, SessionError> {
        let mut set = IN_FLIGHT.lock().unwrap_or_else(|p| p.into_inner());
        if !set.insert(terminal.to_string()) {
            return Err(SessionError::TerminalBusy(terminal.to_string()));
        }
        Ok(InFlight(terminal.to_string()))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.0);
    }
}

/// True while a session holds the terminal (for the GUI's "busy" badge).
pub fn is_in_flight(terminal: &str) -> bool {
    IN_FLIGHT.lock().unwrap_or_else(|p| p.into_inner()).contains(terminal)
}

/// Runs one payment: Prepared (committed) → Sent → outcome, or Unknown → one recovery try,
/// or Failed when nothing reached the terminal. The journal is called inline: keep it fast.
pub async fn run(
    journal: &dyn Journal,
    terminal: &dyn Terminal,
    request: &PaymentRequest,
    progress: &ProgressSink,
) -> Result<Attempt, SessionError> {
    let _flag = InFlight::claim(terminal.name())?;
    refuse_if_unresolved(journal, terminal.name())?;
    let mut attempt = new_attempt(terminal, request);
    journal.prepare(&attempt)?;
    if let Err(e) = journal.set_state(attempt.id, AttemptState::Sent, "") {
        // Nothing has been sent, so the attempt may honestly be closed as Failed.
        let _ = journal.set_state(attempt.id, AttemptState::Failed, &e.to_string());
        return Err(e.into());
    }
    attempt.state = AttemptState::Sent;
    match terminal.pay(request, progress).await {
        Ok(outcome) => settle(journal, &mut attempt, outcome, "")?,
        Err(e) if e.may_have_reached_terminal() => {
            tracing::warn!(attempt = %attempt.id, error = %e, "payment outcome lost");
            mark(journal, &mut attempt, AttemptState::Unknown, &e.to_string())?;
            progress.emit(Progress::Recovering);
            recover_one(journal, terminal, &mut attempt).await?;
        }
        Err(e) => mark(journal, &mut attempt, AttemptState::Failed, &e.to_string())?,
    }
    Ok(attempt)
}

/// Resolves every open attempt of this terminal (at start-up, or on the operator's request):
/// Prepared ones never sent anything and fail; Sent/Unknown ones ask the terminal.
pub async fn recover_all(
    journal: &dyn Journal,
    terminal: &dyn Terminal,
) -> Result<Vec<Attempt>, SessionError> {
    let _flag = InFlight::claim(terminal.name())?;
    let mut open = journal.open_attempts(Some(terminal.name()))?;
    // Newest first: a last-result query can only ever answer for the most recent one.
    open.reverse();
    let mut done = Vec::with_capacity(open.len());
    for mut attempt in open {
        match attempt.state {
            AttemptState::Prepared => {
                let note = "never sent (found prepared at recovery)";
                mark(journal, &mut attempt, AttemptState::Failed, note)?;
            }
            _ if attempt.protocol != terminal.protocol() => {
                let note = format!("terminal now speaks {}", terminal.protocol().code());
                mark(journal, &mut attempt, AttemptState::Unknown, &note)?;
            }
            _ => {
                if attempt.state == AttemptState::Sent {
                    mark(journal, &mut attempt, AttemptState::Unknown, "found sent at recovery")?;
                }
                recover_one(journal, terminal, &mut attempt).await?;
            }
        }
        done.push(attempt);
    }
    Ok(done)
}

/// A manager settles an open attempt by hand (after checking the terminal's own journal).
pub fn force(
    journal: &dyn Journal,
    id: Uuid,
    outcome: &Outcome,
    by_whom: &str,
) -> Result<Attempt, SessionError> {
    let mut attempt = journal
        .open_attempts(None)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(SessionError::NotOpen(id))?;
    let _flag = InFlight::claim(&attempt.terminal)?;
    journal.force(id, outcome, by_whom)?;
    attempt.state = AttemptState::from_outcome(outcome);
    attempt.outcome = Some(outcome.clone());
    attempt.note = format!("forced by {by_whom}");
    Ok(attempt)
}

fn refuse_if_unresolved(journal: &dyn Journal, terminal: &str) -> Result<(), SessionError> {
    match journal.open_attempts(Some(terminal))?.into_iter().next() {
        Some(open) => Err(SessionError::UnresolvedAttempt { terminal: terminal.to_string(), id: open.id }),
        None => Ok(()),
    }
}

fn new_attempt(terminal: &dyn Terminal, request: &PaymentRequest) -> Attempt {
    Attempt {
        id: request.attempt_id,
        terminal: terminal.name().to_string(),
        protocol: terminal.protocol(),
        kind: request.kind,
        amount: request.amount,
        order_id: request.order_id,
        reference: terminal.reference(request),
        state: AttemptState::Prepared,
        created_at: chrono::Local::now().to_rfc3339(),
        outcome: None,
        note: String::new(),
    }
}

/// Asks the terminal once; whatever it cannot prove leaves the attempt Unknown.
async fn recover_one(
    journal: &dyn Journal,
    terminal: &dyn Terminal,
    attempt: &mut Attempt,
) -> Result<(), SessionError> {
    let before = attempt.note.clone();
    match terminal.recover(attempt).await {
        Ok(Recovery::Resolved(outcome)) => {
            settle(journal, attempt, outcome, "recovered from the terminal")?;
        }
        Ok(Recovery::Undecided { evidence, unmatched }) => {
            if let Some(found) = &unmatched {
                journal.record_unmatched(&attempt.terminal, found, &evidence)?;
            }
            let note = join_note(&before, &evidence);
            mark(journal, attempt, AttemptState::Unknown, &note)?;
        }
        Ok(Recovery::NotProcessed { evidence }) => {
            mark(journal, attempt, AttemptState::Failed, &join_note(&before, &evidence))?;
        }
        Err(e) => {
            let note = join_note(&before, &format!("recovery failed: {e}"));
            mark(journal, attempt, AttemptState::Unknown, &note)?;
        }
    }
    Ok(())
}

fn join_note(before: &str, after: &str) -> String {
    if before.is_empty() { after.to_string() } else { format!("{before}; {after}") }
}

fn mark(
    journal: &dyn Journal,
    attempt: &mut Attempt,
    state: AttemptState,
    note: &str,
) -> Result<(), SessionError> {
    journal.set_state(attempt.id, state, note)?;
    attempt.state = state;
    attempt.note = note.to_string();
    Ok(())
}

fn settle(
    journal: &dyn Journal,
    attempt: &mut Attempt,
    outcome: Outcome,
    note: &str,
) -> Result<(), SessionError> {
    if let Err(source) = journal.finish(attempt.id, &outcome) {
        tracing::error!(attempt = %attempt.id, ?outcome, "outcome not recorded");
        return Err(SessionError::NotRecorded { outcome, source });
    }
    if !note.is_empty() {
        journal.set_state(attempt.id, AttemptState::from_outcome(&outcome), note)?;
        attempt.note = note.to_string();
    }
    attempt.state = AttemptState::from_outcome(&outcome);
    attempt.outcome = Some(outcome);
    Ok(())
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
