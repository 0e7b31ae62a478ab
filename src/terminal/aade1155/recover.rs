//! Recovery of a lost outcome, exact by session number: `O` for the attempt's session, then
//! `L` when the terminal has none stored (or lacks `O`). Version 01 has no recovery command.

use super::client::refused;
use super::message::{Amount, Request};
use super::reply::Reply;
use super::{Aade1155Terminal, PosResult};
use crate::terminal::{Attempt, Outcome, Recovery, TerminalError};

pub(super) async fn recover(t: &Aade1155Terminal, attempt: &Attempt) -> Result<Recovery, TerminalError> {
    if !t.opts().is_a1155() {
        let evidence = "protocol version 01 has no recovery command: check the terminal's own journal";
        return Ok(Recovery::Undecided { evidence: evidence.into(), unmatched: None });
    }
    let session = attempt.reference.trim().to_string();
    let cents = attempt.amount.cents().max(0) as u64;
    let o = Request::ResendOne {
        session: session.clone(),
        amount: Amount {
            minor: cents.to_string(),
            currency: t.opts().currency.clone(),
            exponent: t.opts().exponent.clone(),
        },
        ecr: t.ecr_id.clone(),
        receipt: session.clone(),
        mac: None,
    };
    let o_said = match t.client.query(&o, t.opts().query_timeout_ms).await {
        Ok(Reply::Result(r)) if r.session == session => return Ok(judge(attempt, &r, "O")),
        Ok(Reply::Result(r)) => {
            let evidence = format!("O for session {session} returned session {}", r.session);
            return Ok(Recovery::Undecided { evidence, unmatched: Some(r.to_outcome()) });
        }
        Ok(Reply::Error { code }) if code == "100" || code == "500" => format!("O: E/{code}"),
        Ok(Reply::Error { code }) => return Err(refused(&code)),
        Ok(other) => return Err(TerminalError::Protocol(format!("unexpected reply to O: {other:?}"))),
        Err(e) => return Err(e),
    };
    by_list(t, attempt, &session, &o_said).await
}

/// `L`: ours is acknowledged and resolves; the first stranger stops the walk unacknowledged
/// (it stays on the terminal for `resend_unacknowledged`) and is reported as unmatched.
async fn by_list(
    t: &Aade1155Terminal,
    attempt: &Attempt,
    session: &str,
    o_said: &str,
) -> Result<Recovery, TerminalError> {
    let mut stranger: Option<PosResult> = None;
    let found = t
        .client
        .resend_all(&t.ecr_id, &mut |r| {
            if r.session == session {
                true
            } else {
                stranger = Some(r.clone());
                false
            }
        })
        .await?;
    if let Some(ours) = found.iter().find(|r| r.session == session) {
        return Ok(judge(attempt, ours, "L"));
    }
    let evidence = match &stranger {
        Some(s) => format!(
            "{o_said}; L offered session {} first (not ours, left unacknowledged on the terminal)",
            s.session
        ),
        None => format!("{o_said}; L: no unacknowledged result for session {session}"),
    };
    Ok(Recovery::Undecided { evidence, unmatched: stranger.map(|s| s.to_outcome()) })
}

/// Our session came back: it resolves unless an approval names another amount.
fn judge(attempt: &Attempt, r: &PosResult, how: &str) -> Recovery {
    let outcome = r.to_outcome();
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
