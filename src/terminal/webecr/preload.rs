//! Preloaded (deferred) receipts on WebECR: a sale `txninit` with `PreloadTransaction` that waits
//! on the terminal, and collecting what became of each one by its `CustomerReference`.

use super::client::Client;
use super::codec::{IntentResult, TxnInit, txn_type};
use super::flow::{not_reached, settle};
use super::outcome::Verdict;
use crate::terminal::{Outcome, TerminalError};

/// The longest `CustomerReference` the backend takes.
const MAX_REFERENCE: usize = 50;

/// The `txninit` body of a preload: asynchronous, keyed by the order's reference.
pub fn body(client: &Client, order_ref: &str, cents: i64) -> Result<TxnInit, TerminalError> {
    let reference = order_ref.trim();
    if reference.is_empty() || reference.len() > MAX_REFERENCE {
        return Err(TerminalError::Invalid(format!(
            "order reference {reference:?} must be 1..50 characters"
        )));
    }
    let opts = &client.opts;
    Ok(TxnInit {
        txn_type: txn_type::SALE,
        amount: cents,
        tip_amount: Some(0),
        currency_code: if opts.currency_code == 0 { super::codec::EURO } else { opts.currency_code },
        preload_transaction: Some(true),
        preload_expiration: Some(opts.preload_expiration_minutes.max(1)),
        customer_reference: reference.to_string(),
        ..TxnInit::default()
    })
}

/// Sends the preload; it then waits on the terminal, so nothing is polled here.
pub async fn send(client: &Client, body: &TxnInit) -> Result<(), TerminalError> {
    client.require_key()?;
    let path = client.terminal_path().await.map_err(not_reached)?;
    client.ready().await.map_err(not_reached)?;
    tracing::info!(reference = %body.customer_reference, amount = body.amount, "WebECR preload");
    let intent = client.txninit(&path, body).await?;
    match intent.result() {
        Some(IntentResult::Busy) => Err(TerminalError::Busy),
        Some(IntentResult::MaxTransactions) => Err(TerminalError::Invalid(super::outcome::BATCH_FULL.into())),
        _ => Ok(()),
    }
}

/// Looks up each waiting preload; final ones go through `keep`, those still waiting are skipped.
pub async fn collect(
    client: &Client,
    waiting: &[String],
    keep: &mut (dyn for<'r, 'o> FnMut(&'r str, &'o Outcome) -> bool + Send),
) -> Result<Vec<(String, Outcome)>, TerminalError> {
    client.require_key()?;
    let mut kept = Vec::new();
    for reference in waiting.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let intents = match client.intents_by_reference(reference).await {
            Ok(found) => found,
            Err(e) => {
                tracing::warn!(reference, error = %e, "WebECR: preload lookup failed");
                continue;
            }
        };
        let Some(intent) = intents.into_iter().find(|i| i.void != Some(true)) else { continue };
        let outcome = match (intent.result(), settle(client, &intent).await) {
            // The spec names no expiry result; the backend ends an unpaid preload as FAILED (inferred).
            (Some(IntentResult::Failed), _) => Outcome::Cancelled {
                message: format!(
                    "expired: preload {reference} left the terminal unpaid (intent {})",
                    intent.id_text()
                ),
            },
            (_, Verdict::Final(o)) => o,
            (_, Verdict::NotCharged { why, .. }) => Outcome::Cancelled { message: why },
            (_, Verdict::Unknown(why)) => {
                tracing::warn!(reference, %why, "WebECR: preload result unknown; left waiting");
                continue;
            }
            (_, Verdict::InProgress(_)) => continue,
        };
        if keep(reference, &outcome) {
            kept.push((reference.to_string(), outcome));
        }
    }
    Ok(kept)
}
