//! The simulated terminal's periods: GetTotals reads the open one, Reconciliation closes it,
//! both with the card totals of what it approved since the last close.

use super::{Done, NexoSim, State};
use crate::terminal::nexo::codec::{self, *};

/// Closes the period: its card totals (see `period_totals`).
pub(super) fn reconciliation(sim: &NexoSim) -> ResponseBody {
    let mut st = sim.lock();
    let transaction_totals = period_totals(&st);
    st.reconciled = st.done.len();
    st.reconciliations += 1;
    ResponseBody::ReconciliationResponse(ReconciliationResponse {
        reconciliation_type: "SaleReconciliation".into(),
        poi_reconciliation_id: Some(st.reconciliations.to_string()),
        response: Response::success(),
        transaction_totals,
    })
}

/// The open period's totals, closing nothing.
pub(super) fn get_totals(sim: &NexoSim) -> ResponseBody {
    let st = sim.lock();
    ResponseBody::GetTotalsResponse(GetTotalsResponse {
        poi_reconciliation_id: Some((st.reconciliations + 1).to_string()),
        response: Response::success(),
        transaction_totals: period_totals(&st),
    })
}

/// The card totals of what the terminal approved since the last reconciliation: sales as
/// Debit, refunds as Credit, reversed sales as ReverseDebit.
fn period_totals(st: &State) -> Vec<TransactionTotals> {
    let approved = |d: &Done| match &d.body {
        ResponseBody::PaymentResponse(p) if p.response.is_success() => Some(p.clone()),
        _ => None,
    };
    let amount_of = |p: &PaymentResponse| {
        p.payment_result
            .as_ref()
            .and_then(|r| r.amounts_resp.as_ref())
            .and_then(|a| codec::cents(&a.authorized_amount))
    };
    let mut sums: [(u32, i64); 3] = [(0, 0); 3];
    let mut currency = None;
    for d in &st.done[st.reconciled..] {
        let (slot, cents) = match &d.body {
            ResponseBody::PaymentResponse(_) => {
                let Some(p) = approved(d) else { continue };
                let refund =
                    p.payment_result.as_ref().and_then(|r| r.payment_type.as_deref()) == Some("Refund");
                currency = currency.or_else(|| {
                    p.payment_result
                        .as_ref()
                        .and_then(|r| r.amounts_resp.as_ref())
                        .and_then(|a| a.currency.clone())
                });
                (usize::from(refund), amount_of(&p).unwrap_or(0))
            }
            ResponseBody::ReversalResponse(r) if r.response.is_success() => {
                let id = r.poi_data.as_ref().map(|p| p.poi_transaction_id.transaction_id.clone());
                let original =
                    st.done.iter().filter_map(approved).find(|p| {
                        p.poi_data.as_ref().map(|d| d.poi_transaction_id.transaction_id.clone()) == id
                    });
                (2, original.as_ref().and_then(amount_of).unwrap_or(0))
            }
            _ => continue,
        };
        sums[slot].0 += 1;
        sums[slot].1 += cents;
    }
    let payment_totals = ["Debit", "Credit", "ReverseDebit"]
        .iter()
        .zip(sums)
        .filter(|(_, (count, _))| *count > 0)
        .map(|(kind, (count, cents))| PaymentTotals {
            transaction_type: kind.to_string(),
            transaction_count: count.to_string(),
            transaction_amount: codec::decimal(crate::domain::Money::from_cents(cents)),
        })
        .collect::<Vec<_>>();
    match payment_totals.is_empty() {
        true => Vec::new(),
        false => vec![TransactionTotals {
            payment_instrument_type: "Card".into(),
            card_brand: Some("Mastercard".into()),
            payment_currency: currency,
            payment_totals,
            ..TransactionTotals::default()
        }],
    }
}
