//! The journal-first payment session (ARCHITECTURE "The payment rule"): commit the attempt,
//! send, commit the outcome; a lost outcome becomes Unknown and is recovered, never resent.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use uuid::Uuid;

pub use super::journal::{
    Attempt, AttemptState, Journal, JournalCall, JournalError, MemoryJournal, Unmatched,
};
use super::{Outcome, PaymentRequest, Progress, ProgressSink, Recovery, RecoveryContext, Terminal};

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
    /// The attempt stays open in the journal, so recovery asks the terminal again.
    #[error("the terminal answered but the journal failed: {source}")]
    NotRecorded { attempt: Box<Attempt>, outcome: Box<Outcome>, source: JournalError },
    /// The request may have left and the journal could not record what followed: the attempt
    /// stays open (sent or unknown) for recovery.
    #[error("the payment's outcome could not be recorded: {source}")]
    LeftOpen { attempt: Box<Attempt>, source: JournalError },
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
    if request.kind.is_sale() && no_recorded_stan(journal, terminal.name())? {
        // Nothing in the journal to tell this attempt's result from an older one: note what
        // the terminal holds now, before the request leaves.
        if let Some(note) = terminal.baseline().await {
            attempt.reference = format!("{} {note}", attempt.reference);
        }
    }
    journal.prepare(&attempt)?;
    crate::fault::crash_point(crate::fault::Step::AttemptCommitted);
    if let Err(e) = journal.set_state(attempt.id, AttemptState::Sent, "") {
        // Nothing has been sent, so the attempt may honestly be closed as Failed.
        let _ = journal.set_state(attempt.id, AttemptState::Failed, &e.to_string());
        return Err(e.into());
    }
    attempt.state = AttemptState::Sent;
    match after_sending(journal, terminal, request, progress, &mut attempt).await {
        Ok(()) => Ok(attempt),
        // The request may have left: the journal still holds the attempt open, so the caller
        // must say "unknown" (exit 4), never "failed".
        Err(SessionError::Journal(source)) => {
            Err(SessionError::LeftOpen { attempt: Box::new(attempt), source })
        }
        Err(e) => Err(e),
    }
}

async fn after_sending(
    journal: &dyn Journal,
    terminal: &dyn Terminal,
    request: &PaymentRequest,
    progress: &ProgressSink,
    attempt: &mut Attempt,
) -> Result<(), SessionError> {
    match terminal.pay(request, progress).await {
        Ok(outcome) => {
            settle(journal, attempt, outcome, "")?;
            // Only a committed outcome is acknowledged (AADE 1155 `R`); else the terminal keeps it.
            terminal.acknowledge(attempt).await;
        }
        Err(e) if e.may_have_reached_terminal() => {
            tracing::warn!(attempt = %attempt.id, error = %e, "payment outcome lost");
            mark(journal, attempt, AttemptState::Unknown, &e.to_string())?;
            progress.emit(Progress::Recovering);
            recover_one(journal, terminal, attempt).await?;
        }
        Err(e) => mark(journal, attempt, AttemptState::Failed, &e.to_string())?,
    }
    Ok(())
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
        // One attempt that cannot be written must not block the others: say so and go on.
        if let Err(e) = recover_open(journal, terminal, &mut attempt).await {
            tracing::error!(attempt = %attempt.id, error = %e, "recovery could not record this attempt");
            attempt.note = join_note(&attempt.note, &format!("recovery could not record: {e}"));
        }
        done.push(attempt);
    }
    Ok(done)
}

async fn recover_open(
    journal: &dyn Journal,
    terminal: &dyn Terminal,
    attempt: &mut Attempt,
) -> Result<(), SessionError> {
    match attempt.state {
        AttemptState::Prepared => {
            let note = "never sent (found prepared at recovery)";
            mark(journal, attempt, AttemptState::Failed, note)
        }
        _ if attempt.protocol != terminal.protocol() => {
            let note = format!("terminal now speaks {}", terminal.protocol().code());
            mark(journal, attempt, AttemptState::Unknown, &note)
        }
        _ => {
            if attempt.state == AttemptState::Sent {
                mark(journal, attempt, AttemptState::Unknown, "found sent at recovery")?;
            }
            recover_one(journal, terminal, attempt).await
        }
    }
}

/// A manager settles an open attempt by hand (after checking the terminal's own journal).
pub fn force(
    journal: &dyn Journal,
    id: Uuid,
    outcome: &Outcome,
    by_whom: &str,
) -> Result<Attempt, SessionError> {
    let mut attempt =
        journal.open_attempts(None)?.into_iter().find(|a| a.id == id).ok_or(SessionError::NotOpen(id))?;
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
        created_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
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
    let mut verdict = terminal.recover_with(attempt, &recovery_context(journal, attempt)?).await;
    if let Ok(Recovery::Resolved(found)) = &verdict
        && let Some(owner) = already_recorded(journal, attempt, found)?
    {
        let evidence = format!("the terminal's last result is already recorded for attempt {owner}");
        verdict = Ok(Recovery::Undecided { evidence, unmatched: None });
    }
    match verdict {
        Ok(Recovery::Resolved(outcome)) => {
            settle(journal, attempt, outcome, "recovered from the terminal")?;
            terminal.acknowledge(attempt).await;
        }
        Ok(Recovery::Undecided { evidence, unmatched }) => {
            if let Some(found) = &unmatched {
                let shown = super::wirelog::mask_card_numbers(&evidence);
                journal.record_unmatched(&attempt.terminal, found, &shown)?;
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

/// How many finished attempts a recovered result is compared with (all terminals: two
/// configured names may reach one device, and the approval key holds its terminal id).
const RECENT_OUTCOMES: usize = 200;

/// True when no approval with a STAN is recorded on this terminal (a new register or terminal).
fn no_recorded_stan(journal: &dyn Journal, terminal: &str) -> Result<bool, SessionError> {
    let recent = journal.recent_outcomes(Some(terminal), RECENT_OUTCOMES)?;
    Ok(!recent.iter().any(|(_, o)| matches!(o, Outcome::Approved(a) if !a.stan.trim().is_empty())))
}

/// What recovery may weigh besides the attempt: the STAN of the newest approval recorded on
/// this terminal for another attempt (ECR17 `G` matches by STAN progression).
fn recovery_context(journal: &dyn Journal, attempt: &Attempt) -> Result<RecoveryContext, SessionError> {
    let recent = journal.recent_outcomes(Some(&attempt.terminal), RECENT_OUTCOMES)?;
    let last = recent.into_iter().find_map(|(id, o)| match o {
        Outcome::Approved(a) if id != attempt.id && !a.stan.trim().is_empty() => Some((id, a)),
        _ => None,
    });
    Ok(RecoveryContext {
        last_stan: last.as_ref().map(|(_, a)| a.stan.clone()),
        last_attempt: last.as_ref().map(|(id, _)| *id),
        last_terminal_id: last.map(|(_, a)| a.terminal_id).unwrap_or_default(),
        recorded: journal.recorded_results(&attempt.terminal, RECENT_OUTCOMES)?,
    })
}

/// The attempt that already holds this very approval (same STAN, transaction, auth and time).
fn already_recorded(
    journal: &dyn Journal,
    attempt: &Attempt,
    found: &Outcome,
) -> Result<Option<Uuid>, SessionError> {
    let Outcome::Approved(new) = found else {
        return Ok(None);
    };
    if new.stan.is_empty() && new.transaction_id.is_empty() {
        return Ok(None);
    }
    let key = |a: &super::Approval| {
        (a.terminal_id.clone(), a.stan.clone(), a.transaction_id.clone(), a.auth_code.clone(), a.when.clone())
    };
    let recent = journal.recent_outcomes(None, RECENT_OUTCOMES)?;
    Ok(recent.into_iter().find_map(|(id, o)| match o {
        Outcome::Approved(old) if id != attempt.id && key(&old) == key(new) => Some(id),
        _ => None,
    }))
}

fn finish_with_retries(journal: &dyn Journal, id: Uuid, outcome: &Outcome) -> Result<(), JournalError> {
    let mut tries = 0;
    loop {
        tries += 1;
        let result = crate::fault::fail_if(crate::fault::Step::ResultReceived)
            .map_err(JournalError::Storage)
            .and_then(|()| journal.finish(id, outcome));
        match result {
            Err(JournalError::Storage(e)) if tries < FINISH_TRIES => {
                tracing::warn!(attempt = %id, error = %e, tries, "committing the outcome failed; trying again");
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

/// The evidence so far and what the latest asking found; the same finding again (each restart
/// asks) is not written twice, so the note says what was learnt, not how often it was asked.
/// The note with `after` added, unless it says that already. Compared with card numbers
/// masked: a finding may have been stored masked once and come back whole (it was appended
/// twice before).
fn join_note(before: &str, after: &str) -> String {
    let mask = super::wirelog::mask_card_numbers;
    let masked = mask(after);
    if before.is_empty() {
        after.to_string()
    } else if before.split("; ").any(|part| part == after || mask(part) == masked)
        || before.ends_with(after)
        || mask(before).ends_with(&masked)
    {
        before.to_string()
    } else {
        format!("{before}; {after}")
    }
}

fn mark(
    journal: &dyn Journal,
    attempt: &mut Attempt,
    state: AttemptState,
    note: &str,
) -> Result<(), SessionError> {
    // Notes carry what terminals said (ECR17 bodies among them): card numbers masked.
    let note = &super::wirelog::mask_card_numbers(note);
    journal.set_state(attempt.id, state, note)?;
    attempt.state = state;
    attempt.note = note.to_string();
    Ok(())
}

/// How often the session tries to commit an outcome before it gives up (the SQLite busy
/// timeout already waits for other writers inside each try).
const FINISH_TRIES: u32 = 3;

fn settle(
    journal: &dyn Journal,
    attempt: &mut Attempt,
    outcome: Outcome,
    note: &str,
) -> Result<(), SessionError> {
    if let Err(source) = finish_with_retries(journal, attempt.id, &outcome) {
        tracing::error!(attempt = %attempt.id, ?outcome, error = %source, "outcome not recorded");
        let mut seen = attempt.clone();
        seen.state = AttemptState::from_outcome(&outcome);
        seen.outcome = Some(outcome.clone());
        return Err(SessionError::NotRecorded {
            attempt: Box::new(seen),
            outcome: Box::new(outcome),
            source,
        });
    }
    crate::fault::crash_point(crate::fault::Step::ResultCommitted);
    if !note.is_empty() {
        let note = &super::wirelog::mask_card_numbers(note);
        // The outcome is committed; a note that cannot be written must not turn it into an error.
        if let Err(e) = journal.set_state(attempt.id, AttemptState::from_outcome(&outcome), note) {
            tracing::warn!(attempt = %attempt.id, error = %e, "recovery note not written");
        }
        attempt.note = note.to_string();
    }
    attempt.state = AttemptState::from_outcome(&outcome);
    attempt.outcome = Some(outcome);
    Ok(())
}

#[cfg(test)]
mod tests;
