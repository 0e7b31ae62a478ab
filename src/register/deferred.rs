//! Deferred (preloaded) receipts: an order sent to the terminal and paid there later; the
//! register collects the terminal's results, books the card tender and issues the receipt.
//! A result that books nothing is kept for a manager and left unacknowledged on the terminal.

use serde::Serialize;

use super::{Operator, Register, RegisterError, Result};
use crate::domain::{CardDetails, Cart, Tender};
use crate::domain::{DeferredReceipt, DeferredState};
use crate::store::{self, NewDeferred};
use crate::terminal::{Journal, Outcome, Protocol, WaitingPreload};

/// The deferred list as a manager sees it: the preloads, the terminal results kept because
/// they book nothing, and the terminals the last refresh could not ask. Reads as the list of
/// preloads.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DeferredOverview {
    pub receipts: Vec<DeferredReceipt>,
    pub unmatched: Vec<UnmatchedDeferred>,
    pub not_reached: Vec<NotReached>,
    /// The till's terminal when it cannot take preloaded receipts (F8 is not offered).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_preload: Option<String>,
}

impl std::ops::Deref for DeferredOverview {
    type Target = [DeferredReceipt];

    fn deref(&self) -> &Self::Target {
        &self.receipts
    }
}

/// A terminal result kept because it books nothing: which terminal, under which reference,
/// what it said and why it is kept (the register's copy of the stored row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmatchedDeferred {
    pub id: i64,
    pub terminal: String,
    /// The reference the result carried (AADE 1155: its session; `POSTXN` when none).
    pub reference: String,
    pub outcome: Outcome,
    pub evidence: String,
    pub first_seen: String,
    pub last_seen: String,
    /// How many refreshes the terminal offered it in.
    pub times_seen: i64,
}

impl From<store::UnmatchedDeferred> for UnmatchedDeferred {
    fn from(u: store::UnmatchedDeferred) -> Self {
        let store::UnmatchedDeferred {
            id,
            terminal,
            reference,
            outcome,
            evidence,
            first_seen,
            last_seen,
            times_seen,
        } = u;
        UnmatchedDeferred { id, terminal, reference, outcome, evidence, first_seen, last_seen, times_seen }
    }
}

/// A terminal a refresh could not ask (busy in another tameio, unreachable…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotReached {
    pub terminal: String,
    pub reason: String,
}

/// One kept result as a line for a manager, in their language.
pub fn describe_unmatched(u: &UnmatchedDeferred, i18n: &crate::i18n::I18n) -> String {
    let outcome = match &u.outcome {
        Outcome::Approved(a) => {
            let amount =
                a.host_amount.trim().parse::<i64>().map(|c| i18n.money(crate::domain::Money::from_cents(c)));
            crate::fl!(i18n, "deferred-outcome-approved", amount = amount.unwrap_or_default())
        }
        Outcome::Declined { .. } => i18n.tr("deferred-outcome-declined"),
        Outcome::Cancelled { .. } => i18n.tr("deferred-outcome-cancelled"),
    };
    crate::fl!(
        i18n,
        "deferred-unmatched-row",
        terminal = u.terminal.clone(),
        reference = u.reference.clone(),
        outcome = outcome,
        times = u.times_seen,
        evidence = u.evidence.clone()
    )
}

/// What one result from the terminal came to; only booked ones are acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Taken {
    /// A waiting preload is paid (or closed) by it now.
    Booked,
    /// Recorded before (its acknowledgement was lost): acknowledge it now.
    AlreadyBooked,
    /// Matches nothing that can take it: kept for a manager, left on the terminal.
    Kept,
    /// The result of a payment attempt still open: payment recovery settles it.
    ForRecovery,
}

impl Register {
    /// The reference a preload of this order is sent with (the terminal derives its own from it).
    fn order_ref(&self, order_id: i64) -> String {
        format!("{}-{order_id}", self.register_id())
    }

    /// Sends the cart to the terminal as a preloaded receipt. The order and the reference the
    /// terminal will know it by are committed first, so a preload that went out (even if the
    /// process dies before the terminal answers) is always matched by a later refresh.
    pub async fn defer_order(
        &self,
        by: &Operator,
        cart: &Cart,
        terminal_name: &str,
    ) -> Result<DeferredReceipt> {
        if cart.is_empty() {
            return Err(crate::domain::CartError::Empty.into());
        }
        if !self.can_preload(terminal_name) {
            // Refused before anything is recorded: no "cancelled" preload left behind.
            return Err(RegisterError::Terminal(crate::terminal::TerminalError::NotSupported(
                "preloaded receipts",
            )));
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
        let reference_of = |order_id| terminal.preload_reference(&self.order_ref(order_id));
        let row = self.store.create_deferred_as(&new, &by.name, &reference_of)?;
        match terminal.preload(&self.order_ref(row.order_id), row.total).await {
            Ok(reference) if reference == row.reference => Ok(row),
            Ok(reference) => {
                // A driver that chose otherwise after all: the terminal's word is what matches.
                tracing::warn!(deferred = row.id, journalled = %row.reference, %reference, "preload reference changed");
                self.store.set_deferred_reference(row.id, &reference)?;
                Ok(DeferredReceipt { reference, ..row })
            }
            Err(e) if !e.may_have_reached_terminal() => {
                self.store.set_deferred_state(row.id, DeferredState::Cancelled, &by.name)?;
                Err(e.into())
            }
            // It may be on the terminal: it stays waiting under its journalled reference.
            Err(e) => {
                tracing::warn!(deferred = row.id, reference = %row.reference, error = %e, "preload outcome unknown");
                Ok(row)
            }
        }
    }

    pub fn deferred_receipts(&self, only_waiting: bool) -> Result<Vec<DeferredReceipt>> {
        Ok(self.store.deferred_receipts(only_waiting)?)
    }

    /// The preloads and the results kept for a manager.
    pub fn deferred_overview(&self) -> Result<DeferredOverview> {
        Ok(DeferredOverview {
            receipts: self.store.deferred_receipts(false)?,
            unmatched: self.store.unmatched_deferred()?.into_iter().map(UnmatchedDeferred::from).collect(),
            not_reached: Vec::new(),
            no_preload: Some(self.terminal_name(None)).filter(|t| !t.is_empty() && !self.can_preload(t)),
        })
    }

    /// Asks each terminal with waiting preloads for its results and books the paid ones. A
    /// terminal that cannot be asked is reported and the others are still asked.
    pub async fn refresh_deferred(&self) -> Result<DeferredOverview> {
        let waiting = self.store.deferred_receipts(true)?;
        let mut terminals: Vec<String> = waiting.iter().map(|d| d.terminal.clone()).collect();
        terminals.sort();
        terminals.dedup();
        let mut not_reached = Vec::new();
        for name in terminals {
            let mine: Vec<&DeferredReceipt> = waiting.iter().filter(|d| d.terminal == name).collect();
            if let Err(e) = self.refresh_terminal(&name, &mine).await {
                tracing::warn!(terminal = %name, error = %e, "collecting preload results failed");
                not_reached.push(NotReached { terminal: name, reason: e.to_string() });
            }
        }
        Ok(DeferredOverview { not_reached, ..self.deferred_overview()? })
    }

    /// One terminal, held (its cross-process guard) for the whole collection.
    async fn refresh_terminal(&self, name: &str, waiting: &[&DeferredReceipt]) -> Result<()> {
        let terminal = self.terminal(name).await?;
        let protocol = terminal.protocol();
        let preloads: Vec<WaitingPreload> = waiting
            .iter()
            .map(|d| WaitingPreload {
                reference: d.reference.clone(),
                order_ref: self.order_ref(d.order_id),
                amount: d.total,
            })
            .collect();
        terminal
            .collect_waiting(&preloads, &mut |reference: &str, outcome: &Outcome| {
                // Acknowledged only once it is booked (committed).
                match self.take_deferred_result(name, protocol, reference, outcome) {
                    Ok(taken) => matches!(taken, Taken::Booked | Taken::AlreadyBooked),
                    Err(e) => {
                        tracing::error!(error = %e, reference, "could not store a terminal result");
                        false
                    }
                }
            })
            .await?;
        Ok(())
    }

    /// What one result from the terminal comes to: it books its waiting preload, or was
    /// booked before, or belongs to an open payment, or is kept for a manager.
    fn take_deferred_result(
        &self,
        terminal: &str,
        protocol: Protocol,
        reference: &str,
        outcome: &Outcome,
    ) -> Result<Taken> {
        let row = self.store.deferred_by_reference(terminal, reference)?;
        if let Some(d) = row.as_ref().filter(|d| d.state == DeferredState::Waiting) {
            self.book_deferred_result(d, terminal, protocol, outcome)?;
            return Ok(Taken::Booked);
        }
        let payments = self.store.attempts_by_reference(terminal, reference)?;
        if payments.iter().any(|(state, _)| state.is_open()) {
            return Ok(Taken::ForRecovery);
        }
        if payments.iter().any(|(_, o)| o.as_ref() == Some(outcome)) {
            return Ok(Taken::AlreadyBooked);
        }
        if let Outcome::Approved(a) = outcome
            && self.store.manual_card_tender(&a.terminal_id, &a.auth_code)?.is_some()
        {
            // Fault mode: a payment a manager booked by hand comes back; the journal reconciles it.
            let journal: &dyn Journal = self.store.as_ref();
            journal
                .record_unmatched(terminal, outcome, &format!("resent by the terminal as {reference}"))
                .map_err(|e| RegisterError::Storage(e.to_string()))?;
            return Ok(Taken::AlreadyBooked);
        }
        let evidence = match &row {
            Some(d) if d.state == DeferredState::Paid && self.paid_with(d, outcome)? => {
                return Ok(Taken::AlreadyBooked);
            }
            Some(d) => format!("preload #{} under {reference} is {} already", d.id, d.state.code()),
            None => format!("{reference} matches no waiting preload and no payment of this register"),
        };
        tracing::warn!(terminal, reference, %evidence, "terminal result kept for a manager");
        self.store.keep_unmatched_deferred(terminal, reference, outcome, &evidence)?;
        Ok(Taken::Kept)
    }

    /// True when this approval is the one the paid preload's card tender was booked from.
    fn paid_with(&self, d: &DeferredReceipt, outcome: &Outcome) -> Result<bool> {
        let Outcome::Approved(a) = outcome else { return Ok(false) };
        let order = self.order(d.order_id)?;
        Ok(order
            .tenders
            .iter()
            .filter_map(|t| t.card.as_ref())
            .any(|c| c.auth_code == a.auth_code && c.stan == a.stan && c.terminal_id == a.terminal_id))
    }

    /// Books one result for a waiting preload: the card tender and the row in one transaction.
    fn book_deferred_result(
        &self,
        d: &DeferredReceipt,
        terminal: &str,
        protocol: Protocol,
        outcome: &Outcome,
    ) -> Result<()> {
        match outcome {
            Outcome::Approved(_) if self.order(d.order_id)?.remaining().is_zero() => {
                // Paid by a booking an older tameio interrupted: only the row is behind.
                self.store.set_deferred_state(d.id, DeferredState::Paid, "terminal")?;
            }
            Outcome::Approved(approval) => {
                let order = self.order(d.order_id)?;
                let tender = Tender::card(
                    order.remaining(),
                    order.remaining(),
                    super::card_details("", terminal, protocol, approval),
                )?;
                self.store.book_deferred_card(&self.register_id(), d.id, &tender, "terminal")?;
            }
            // WebECR reports a preload that left the terminal unpaid this way.
            Outcome::Cancelled { message } if message.starts_with("expired") => {
                self.store.set_deferred_state(d.id, DeferredState::Expired, "terminal")?;
            }
            Outcome::Declined { .. } | Outcome::Cancelled { .. } => {
                self.store.set_deferred_state(d.id, DeferredState::Cancelled, "terminal")?;
            }
        }
        Ok(())
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
