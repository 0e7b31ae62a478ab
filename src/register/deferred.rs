//! Deferred (preloaded) receipts: an order sent to the terminal and paid there later; the
//! register collects the terminal's results, books the card tender and issues the receipt.

use super::{Operator, Register, RegisterError, Result};
use crate::domain::{CardDetails, Cart, Tender};
use crate::store::{DeferredReceipt, DeferredState, NewDeferred};
use crate::terminal::{Outcome, Protocol};

impl Register {
    /// Sends the cart to the terminal as a preloaded receipt. The order is committed first,
    /// so a preload that went out is never lost; it then waits for the customer.
    pub async fn defer_order(
        &self,
        by: &Operator,
        cart: &Cart,
        terminal_name: &str,
    ) -> Result<DeferredReceipt> {
        if cart.is_empty() {
            return Err(crate::domain::CartError::Empty.into());
        }
        let terminal = self.terminal(terminal_name).await?;
        let register_id = self.register_id();
        let new = NewDeferred {
            register_id: &register_id,
            user_id: by.user_id,
            cart,
            terminal: terminal_name,
            reference: "",
            expires_at: None,
        };
        let row = self.store.create_deferred(&new, &by.name)?;
        match terminal.preload(&format!("{register_id}-{}", row.order_id), row.total).await {
            Ok(reference) => {
                self.store.set_deferred_reference(row.id, &reference)?;
                Ok(DeferredReceipt { reference, ..row })
            }
            Err(e) if !e.may_have_reached_terminal() => {
                self.store.set_deferred_state(row.id, DeferredState::Cancelled, &by.name)?;
                Err(e.into())
            }
            // It may be on the terminal: it stays waiting and a later result is matched by amount.
            Err(e) => {
                tracing::warn!(deferred = row.id, error = %e, "preload outcome unknown");
                Ok(row)
            }
        }
    }

    pub fn deferred_receipts(&self, only_waiting: bool) -> Result<Vec<DeferredReceipt>> {
        Ok(self.store.deferred_receipts(only_waiting)?)
    }

    /// Asks each terminal with waiting preloads for its results and books the paid ones.
    pub async fn refresh_deferred(&self) -> Result<Vec<DeferredReceipt>> {
        let waiting = self.store.deferred_receipts(true)?;
        let mut terminals: Vec<String> = waiting.iter().map(|d| d.terminal.clone()).collect();
        terminals.sort();
        terminals.dedup();
        for name in terminals {
            let terminal = self.terminal(&name).await?;
            let protocol = terminal.protocol();
            let references: Vec<String> =
                waiting.iter().filter(|d| d.terminal == name).map(|d| d.reference.clone()).collect();
            let results = terminal
                .collect_results(&references, &mut |reference: &str, outcome: &Outcome| {
                    // Kept (and so acknowledged) only once it is stored.
                    match self.book_deferred_result(&name, protocol, reference, outcome) {
                        Ok(_) => true,
                        Err(e) => {
                            tracing::error!(error = %e, reference, "could not store a terminal result");
                            false
                        }
                    }
                })
                .await;
            if let Err(e) = results {
                tracing::warn!(terminal = %name, error = %e, "collecting preload results failed");
            }
        }
        self.deferred_receipts(false)
    }

    /// Books one result the terminal sent for a preload; results that match no preload are kept
    /// as unmatched, never dropped.
    fn book_deferred_result(
        &self,
        terminal: &str,
        protocol: Protocol,
        reference: &str,
        outcome: &Outcome,
    ) -> Result<bool> {
        let Some(d) = self.store.deferred_by_reference(terminal, reference)? else {
            let journal: &dyn crate::terminal::Journal = self.store.as_ref();
            journal
                .record_unmatched(terminal, outcome, &format!("result for {reference} matches no preload"))
                .map_err(|e| RegisterError::Storage(e.to_string()))?;
            return Ok(false);
        };
        if d.state != DeferredState::Waiting {
            return Ok(false);
        }
        match outcome {
            Outcome::Approved(approval) => {
                let order = self.order(d.order_id)?;
                let tender = Tender::card(
                    order.remaining(),
                    order.remaining(),
                    super::card_details("", terminal, protocol, approval),
                )?;
                self.store.add_tender(&self.register_id(), d.order_id, &tender, "terminal")?;
                self.store.set_deferred_state(d.id, DeferredState::Paid, "terminal")?;
            }
            // WebECR reports a preload that left the terminal unpaid this way.
            Outcome::Cancelled { message } if message.starts_with("expired") => {
                self.store.set_deferred_state(d.id, DeferredState::Expired, "terminal")?;
            }
            Outcome::Declined { .. } | Outcome::Cancelled { .. } => {
                self.store.set_deferred_state(d.id, DeferredState::Cancelled, "terminal")?;
            }
        }
        Ok(true)
    }

    /// Fault mode: the terminal took the card stand-alone (link down); a manager records the
    /// payment by hand from the terminal's slip. Flagged on the tender and audited.
    pub fn record_manual_card(
        &self,
        by: &Operator,
        order_id: i64,
        amount: crate::domain::Money,
        terminal_id: &str,
        auth_code: &str,
    ) -> Result<Option<crate::domain::Receipt>> {
        super::require_manager(by)?;
        if terminal_id.trim().is_empty() || auth_code.trim().is_empty() {
            return Err(RegisterError::BadInput(
                "the terminal id and the authorisation code are both needed".into(),
            ));
        }
        let order = self.order(order_id)?;
        let card = CardDetails {
            terminal_id: terminal_id.trim().to_string(),
            auth_code: auth_code.trim().to_string(),
            manual: true,
            ..CardDetails::default()
        };
        let tender = Tender::card(order.remaining(), amount, card)?;
        let detail = serde_json::json!({ "order": order_id, "amount_cents": amount.cents(), "tid": terminal_id, "auth": auth_code });
        self.store.audit(&by.name, "card.manual", &order_id.to_string(), &detail.to_string())?;
        Ok(self.store.add_tender(&self.register_id(), order_id, &tender, &by.name)?)
    }

    /// A manager marks a waiting preload expired or cancelled (e.g. the customer left).
    pub fn close_deferred(&self, by: &Operator, id: i64, state: DeferredState) -> Result<()> {
        super::require_manager(by)?;
        Ok(self.store.set_deferred_state(id, state, &by.name)?)
    }
}
