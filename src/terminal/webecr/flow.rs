//! A payment's life on WebECR: `txninit` (synchronous where allowed), then polling the intent
//! by `CustomerReference` until it completes; voids; and recovery of an attempt whose answer
//! was lost, by the same exact-match lookup.

use std::time::Duration;

use tokio::time::Instant;

use super::client::Client;
use super::codec::{Intent, TxnRef, TxnVoid, VOID_BY_INTENT, VOID_BY_TRANSACTION};
use super::is_attempt_id;
use super::outcome::{self, Verdict};
use crate::terminal::{Outcome, PaymentRequest, Progress, ProgressSink, Recovery, TerminalError};

/// How a running intent is found again while polling.
enum Lookup {
    /// Our attempt id (`CustomerReference`).
    Reference(String),
    /// A void intent, by its own id among those since `since` (ISO 8601, UTC).
    Void { id: String, since: String },
}

/// Carries out a payment: nothing before `txninit` may count as sent.
pub async fn pay(
    client: &Client,
    body: &super::codec::TxnInit,
    progress: &ProgressSink,
) -> Result<Outcome, TerminalError> {
    client.require_key()?;
    progress.emit(Progress::Connecting);
    let path = client.terminal_path().await.map_err(not_reached)?;
    client.ready().await.map_err(not_reached)?;
    progress.emit(Progress::Sent);
    tracing::info!(reference = %body.customer_reference, txn_type = body.txn_type, amount = body.amount, "WebECR txninit");
    let intent = client.txninit(&path, body).await?;
    crate::fault::crash_point(crate::fault::Step::Acknowledged);
    follow(client, intent, Lookup::Reference(body.customer_reference.clone()), progress).await
}

/// Voids the transaction `req.original` names: `intent:ID`, `transaction:ID`, the attempt id
/// of the original payment, a 21-digit TransactionId, or a bare intent id.
pub async fn void(
    client: &Client,
    req: &PaymentRequest,
    progress: &ProgressSink,
) -> Result<Outcome, TerminalError> {
    client.require_key()?;
    let original = req.original.as_deref().map(str::trim).filter(|o| !o.is_empty());
    let original = original.ok_or(TerminalError::Invalid("a void needs the original transaction".into()))?;
    progress.emit(Progress::Connecting);
    let path = client.terminal_path().await.map_err(not_reached)?;
    let (identifier, kind) = void_target(client, original).await.map_err(not_reached)?;
    // The time window the void is looked for in: a little before it is sent, for clock skew.
    let since = (chrono::Utc::now() - chrono::Duration::minutes(10)).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    client.ready().await.map_err(not_reached)?;
    progress.emit(Progress::Sent);
    let body = TxnVoid {
        original_identifier: identifier,
        original_identifier_type: kind,
        customer_email: None,
        customer_phone: None,
    };
    let intent = client.txnvoid(&path, &body).await?;
    let id = intent.id_text();
    follow(client, intent, Lookup::Void { id, since }, progress).await
}

/// What the void names and its type.
async fn void_target(client: &Client, original: &str) -> Result<(String, u8), TerminalError> {
    if let Some(id) = original.strip_prefix("intent:") {
        return Ok((id.trim().to_string(), VOID_BY_INTENT));
    }
    if let Some(id) = original.strip_prefix("transaction:") {
        return Ok((id.trim().to_string(), VOID_BY_TRANSACTION));
    }
    if is_attempt_id(original) {
        let found = client.intents_by_reference(original).await?;
        let approved = found.iter().find(|i| i.void != Some(true) && i.result == Some(1) && i.status == 3);
        let intent =
            approved.ok_or(TerminalError::Invalid(format!("no approved intent for payment {original}")))?;
        return Ok((intent.id_text(), VOID_BY_INTENT));
    }
    if is_transaction_id(original) {
        return Ok((original.to_string(), VOID_BY_TRANSACTION));
    }
    Ok((original.to_string(), VOID_BY_INTENT))
}

/// The 21-digit unique payment id of Greek law (acquirer 3 + RRN 12 + auth code 6).
pub fn is_transaction_id(text: &str) -> bool {
    text.len() == 21 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Polls until the intent completes or `poll_total` (which outlasts the `txninit` timeout)
/// runs out. After `txninit` every failure may have charged the card.
async fn follow(
    client: &Client,
    mut intent: Intent,
    lookup: Lookup,
    progress: &ProgressSink,
) -> Result<Outcome, TerminalError> {
    let deadline = Instant::now() + Duration::from_secs(client.opts.poll_total());
    let mut last = None;
    loop {
        outcome::report(progress, &mut last, intent.status());
        match settle(client, &intent).await {
            Verdict::Final(o) => return Ok(o),
            Verdict::NotCharged { busy: true, why } => {
                tracing::info!(%why, "WebECR: busy");
                return Err(TerminalError::Busy);
            }
            Verdict::NotCharged { why, .. } => return Err(TerminalError::Invalid(why)),
            Verdict::Unknown(why) => return Err(TerminalError::Protocol(why)),
            Verdict::InProgress(_) => {}
        }
        if Instant::now() >= deadline {
            return Err(TerminalError::Timeout);
        }
        tokio::time::sleep(Duration::from_millis(client.opts.poll_interval_ms.max(1))).await;
        match find(client, &lookup).await {
            Ok(Some(found)) => intent = found,
            Ok(None) => tracing::warn!("WebECR: the intent is not listed (yet); polling on"),
            Err(e) => tracing::warn!(error = %e, "WebECR poll failed; polling on"),
        }
    }
}

async fn find(client: &Client, lookup: &Lookup) -> Result<Option<Intent>, TerminalError> {
    Ok(match lookup {
        Lookup::Reference(r) => client.intents_by_reference(r).await?.into_iter().next(),
        Lookup::Void { id, since } => client.void_intent(id, since).await?,
    })
}

/// Judges an intent, fetching its transaction when a list item only referenced it.
pub(super) async fn settle(client: &Client, intent: &Intent) -> Verdict {
    let needs_details = matches!(intent.transaction, Some(TxnRef::Id(_))) && intent.result == Some(1);
    let mut details = None;
    if let (true, Some(reference)) = (needs_details, intent.customer_reference.as_deref()) {
        let wanted = intent.transaction.as_ref().map(TxnRef::id_text).unwrap_or_default();
        match client.transactions_by_reference(reference).await {
            Ok(list) => details = list.into_iter().find(|t| t.id.to_string() == wanted),
            Err(e) => tracing::warn!(error = %e, "WebECR: transaction details unavailable"),
        }
    }
    outcome::judge(intent, details.as_ref())
}

/// What became of the intent with this `CustomerReference`. None at all, twice, is proof
/// the backend never took the request, once its `txninit` can no longer be under way
/// (`settled_for` = how long ago the attempt was sent; `None` when that is not known).
pub async fn recover(
    client: &Client,
    reference: &str,
    settled_for: Option<Duration>,
) -> Result<Recovery, TerminalError> {
    let mut found = client.intents_by_reference(reference).await?;
    if found.is_empty() {
        tokio::time::sleep(Duration::from_millis(client.opts.recover_grace_ms)).await;
        found = client.intents_by_reference(reference).await?;
    }
    if found.len() > 1 {
        let evidence = format!("{} intents carry CustomerReference {reference}", found.len());
        return Ok(Recovery::Undecided { evidence, unmatched: None });
    }
    let Some(mut intent) = found.pop() else {
        // A synchronous txninit cut off on our side may still create its intent until the
        // backend's own request time is over: until then "none" proves nothing.
        let window = Duration::from_secs(client.opts.txninit_http_secs());
        if settled_for.is_none_or(|age| age < window) {
            let evidence = format!(
                "no intent with CustomerReference {reference} yet; the request may still be under way (ask again after {} s)",
                window.as_secs()
            );
            return Ok(Recovery::Undecided { evidence, unmatched: None });
        }
        let evidence = format!("the WebECR backend has no intent with CustomerReference {reference}");
        return Ok(Recovery::NotProcessed { evidence });
    };
    let deadline = Instant::now() + Duration::from_secs(u64::from(client.opts.recover_wait_secs));
    loop {
        match settle(client, &intent).await {
            Verdict::Final(o) => return Ok(Recovery::Resolved(o)),
            Verdict::NotCharged { why, .. } => return Ok(Recovery::NotProcessed { evidence: why }),
            Verdict::Unknown(evidence) => return Ok(Recovery::Undecided { evidence, unmatched: None }),
            Verdict::InProgress(s) if Instant::now() >= deadline => {
                let evidence = format!(
                    "intent {} still in progress ({s:?}){}",
                    intent.id_text(),
                    outcome::said(&intent)
                );
                return Ok(Recovery::Undecided { evidence, unmatched: None });
            }
            Verdict::InProgress(_) => {}
        }
        tokio::time::sleep(Duration::from_millis(client.opts.poll_interval_ms.max(1))).await;
        if let Some(again) = client.intents_by_reference(reference).await?.pop() {
            intent = again;
        }
    }
}

/// A void is proven when the original payment's transaction shows `Voided`.
pub async fn recover_void(client: &Client, original: &str) -> Result<Recovery, TerminalError> {
    let original = original.trim();
    if !is_attempt_id(original) {
        let evidence = format!("void of {original}: no lookup key; check the terminal");
        return Ok(Recovery::Undecided { evidence, unmatched: None });
    }
    let voided =
        client.transactions_by_reference(original).await?.into_iter().find(|t| t.voided == Some(true));
    Ok(match voided {
        Some(t) => {
            let intent = Intent {
                status: 3,
                result: Some(1),
                transaction: Some(TxnRef::Object(Box::new(t))),
                ..Intent::default()
            };
            Recovery::Resolved(Outcome::Approved(outcome::approval(&intent, None)))
        }
        None => Recovery::Undecided {
            evidence: format!("the transaction of payment {original} is not (yet) voided"),
            unmatched: None,
        },
    })
}

/// Before the request went out nothing can have been charged.
pub(super) fn not_reached(e: TerminalError) -> TerminalError {
    if e.may_have_reached_terminal() { TerminalError::Unreachable(e.to_string()) } else { e }
}
