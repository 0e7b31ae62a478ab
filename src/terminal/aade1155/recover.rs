//! Recovery of a lost outcome, exact by session number: `O` for the attempt's session, then
//! `L` when the terminal has none stored (or lacks `O`). Version 01 has no recovery command.
//! A result found here is not acknowledged: the session does that once it is journalled.

use super::client::{Answer, Step, Unacked, refused};
use super::reply::Reply;
use super::{Aade1155Terminal, PosResult};
use crate::terminal::{Attempt, Outcome, Recovery, TerminalError};

/// The verdict, and the result it rests on while it waits for its acknowledgement.
pub(super) type Found = (Recovery, Option<Unacked>);

/// `recorded`: (session, outcome) the journal holds; a result equal to one of them is
/// acknowledged on the way, so one a crash left unacknowledged does not hide ours.
pub(super) async fn recover(
    t: &Aade1155Terminal,
    attempt: &Attempt,
    recorded: &[(String, Outcome)],
) -> Result<Found, TerminalError> {
    if !t.opts().is_a1155() {
        let evidence = "protocol version 01 has no recovery command: check the terminal's own journal";
        return Ok((Recovery::Undecided { evidence: evidence.into(), unmatched: None }, None));
    }
    let session = attempt.reference.trim().to_string();
    let cents = attempt.amount.cents().max(0) as u64;
    let o = t.resend_one_request(&session, cents, &session);
    let o_said = match t.client.ask(&o, t.opts().query_timeout_ms).await? {
        Answer::Result(u) if u.result.session == session => {
            let verdict = judge(attempt, &u.result, "O");
            return Ok((verdict, Some(u)));
        }
        Answer::Result(u) => {
            // Not ours: the connection closes without an acknowledgement, the terminal keeps it.
            let evidence = format!("O for session {session} returned session {}", u.result.session);
            return Ok((Recovery::Undecided { evidence, unmatched: Some(u.result.to_outcome()) }, None));
        }
        Answer::Reply(Reply::Error { code }) if code == "100" || code == "500" => format!("O: E/{code}"),
        Answer::Reply(Reply::Error { code }) => return Err(refused(&code)),
        Answer::Reply(other) => {
            return Err(TerminalError::Protocol(format!("unexpected reply to O: {other:?}")));
        }
    };
    by_list(t, attempt, &session, &o_said, recorded).await
}

/// `L`: ours ends the walk unacknowledged (held for the session); one already recorded is
/// acknowledged and the walk goes on; the first stranger ends it, left on the terminal for the
/// deferred refresh, and is reported as unmatched.
async fn by_list(
    t: &Aade1155Terminal,
    attempt: &Attempt,
    session: &str,
    o_said: &str,
    recorded: &[(String, Outcome)],
) -> Result<Found, TerminalError> {
    let mut decide = |r: &PosResult| match r.session.as_str() {
        s if s == session => Step::Hold,
        // Only the very result the journal holds: a different one under a recorded session (a
        // manager's decision the terminal contradicts) is kept for a person, never acknowledged.
        s if recorded.iter().any(|(known, o)| known == s && *o == r.to_outcome()) => Step::Ack,
        _ => Step::Stop,
    };
    let walked = t.client.resend_all(&t.ecr_id, &mut decide).await?;
    if let Some(ours) = walked.held {
        let verdict = judge(attempt, &ours.result, "L");
        return Ok((verdict, Some(ours)));
    }
    let stranger = walked.left.into_iter().next();
    let evidence = match &stranger {
        Some(s) => format!(
            "{o_said}; L offered session {} first (not ours, left unacknowledged on the terminal)",
            s.session
        ),
        None => format!("{o_said}; L: no unacknowledged result for session {session}"),
    };
    Ok((Recovery::Undecided { evidence, unmatched: stranger.map(|s| s.to_outcome()) }, None))
}

/// Our session came back: it resolves unless an approval names another amount or none that
/// can be read (review A-1: then a manager decides, with the approval shown).
fn judge(attempt: &Attempt, r: &PosResult, how: &str) -> Recovery {
    let outcome = match r.checked_outcome(Some(attempt.amount.cents())) {
        Ok(outcome) => outcome,
        Err(why) => {
            let evidence = format!("{how} returned session {}: {why}", r.session);
            return Recovery::Undecided { evidence, unmatched: Some(r.to_outcome()) };
        }
    };
    let amount = r.card.as_ref().and_then(|c| c.amount_cents());
    if let (Outcome::Approved(_), Some(a)) = (&outcome, amount)
        && i64::try_from(a).ok() != Some(attempt.amount.cents())
    {
        let evidence =
            format!("{how} returned session {} for {a} cents, not {}", r.session, attempt.amount.cents());
        return Recovery::Undecided { evidence, unmatched: Some(outcome) };
    }
    tracing::info!(attempt = %attempt.id, session = %r.session, how, "AADE 1155 recovery");
    Recovery::Resolved(outcome)
}
