//! The cardholder's signature on the merchant copy (nexo light integration: the terminal
//! approves and marks its slip `SignatureBlock`). The cashier compares it with the card: a
//! matching signature is noted, a refused one is reversed by a void attempt of its own, through
//! the journal like any payment, and the sale's receipt is voided. And the slip of a declined
//! card, which the customer may have printed.

use serde_json::json;
use uuid::Uuid;

use super::{Operator, Register, Result};
use crate::domain::OrderStatus;
use crate::terminal::{
    Approval, Attempt, AttemptState, Journal, Outcome, PaymentKind, PaymentRequest, ProgressSink,
    TerminalConfig, session,
};

use super::refunds::{RefundError, RefundMode, Refunded};
use crate::print::{self, Block, Layout, Style};

/// An approved sale whose signature nobody checked (the register closed during the check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UncheckedSignature {
    pub attempt: Uuid,
    /// The receipt it paid.
    pub receipt: i64,
    pub amount: crate::domain::Money,
}

/// The approval of an attempt whose slip asks for the cardholder's signature (sales only: a
/// refund's slip is the merchant's to sign).
pub fn signature_to_check(attempt: &Attempt) -> Option<&Approval> {
    match (&attempt.state, &attempt.outcome) {
        (AttemptState::Approved, Some(Outcome::Approved(a)))
            if a.signature_required && attempt.kind.is_sale() =>
        {
            Some(a)
        }
        _ => None,
    }
}

impl Register {
    /// Today's (the last 24 hours') approved sales whose signature was never confirmed or
    /// refused, oldest first: told at start-up so a person looks at the merchant copy.
    pub fn unchecked_signatures(&self) -> Result<Vec<UncheckedSignature>> {
        let since = crate::domain::time::stamp(chrono::Utc::now() - chrono::Duration::hours(24));
        let rows = self.store.unchecked_signatures(&self.register_id(), &since)?;
        Ok(rows
            .into_iter()
            .map(|(attempt, receipt, amount)| UncheckedSignature { attempt, receipt, amount })
            .collect())
    }

    /// The answer to a signature question when nobody is asked (the command line without
    /// `--confirm-signature`): the terminal's `confirm_signature` option, else "no".
    pub fn signature_default(&self, terminal: &str) -> bool {
        let stored = self.store.terminal(terminal).ok().flatten();
        let config = stored.and_then(|s| serde_json::from_str::<TerminalConfig>(&s.config).ok());
        config.is_some_and(|c| c.options.get("confirm_signature").and_then(|v| v.as_bool()) == Some(true))
    }

    /// The cashier saw the signature match: noted in the audit log, nothing is sent. Refused
    /// once a refund or void of the sale is approved or under way (the card was given back).
    pub fn confirm_signature(&self, by: &Operator, attempt: Uuid) -> Result<()> {
        let attempt = self.store.attempt(attempt)?;
        signature_to_check(&attempt).ok_or(RefundError::NoSignature(attempt.id))?;
        if let Some(order_id) = attempt.order_id
            && let Some(back) = self.given_back(order_id)?
        {
            let number = self.receipt_for_order(order_id)?.map_or(order_id, |r| r.number);
            return Err(match back.state.is_open() {
                true => RefundError::Pending(number),
                false => RefundError::AlreadyRefunded(number),
            }
            .into());
        }
        let detail = json!({ "confirmed": true, "order_id": attempt.order_id });
        self.store.audit(&by.name, "card.signature", &attempt.id.to_string(), &detail.to_string())?;
        Ok(())
    }

    /// The signature did not match: the payment is reversed on its terminal while it is still
    /// the terminal's last transaction — a void attempt of its own (committed before it is sent,
    /// never resent) — and the receipt voided.
    /// The cashier who rang the sale up may do this without a manager; only for this payment,
    /// only while nothing of its receipt was given back.
    ///
    /// Once the terminal may have the give-back, the answer is the journal's attempt (approved
    /// and not booked yet, or unknown), never an error: the sale must not be taken as paid.
    pub async fn refuse_signature(
        &self,
        by: &Operator,
        attempt: Uuid,
        progress: &ProgressSink,
    ) -> Result<Refunded> {
        let attempt = self.store.attempt(attempt)?;
        let approval = signature_to_check(&attempt).ok_or(RefundError::NoSignature(attempt.id))?.clone();
        let order_id = attempt.order_id.ok_or(RefundError::NoSignature(attempt.id))?;
        let Some(receipt) = self.receipt_for_order(order_id)? else {
            // The card paid part of a sale still open: reverse that part, give the sale up.
            let detail = json!({ "confirmed": false, "order_id": order_id, "mode": "part" });
            self.store.audit(&by.name, "card.signature", &attempt.id.to_string(), &detail.to_string())?;
            return match self.reverse_part(by, &attempt, &approval, progress).await {
                Ok(refunded) => Ok(refunded),
                Err(e) => self.under_way_or(order_id, e),
            };
        };
        let plan = self.refund_plan(receipt.number)?;
        let ours = plan.card.as_ref().is_some_and(|c| c.attempt_id == attempt.id.to_string());
        if !ours {
            return Err(RefundError::NoCard(receipt.number).into());
        }
        if plan.refunded_before {
            return Err(RefundError::AlreadyRefunded(receipt.number).into());
        }
        // Only a void names this payment. A refund would go to whatever card is presented —
        // after a refused signature, maybe not the one that paid — so once another payment
        // reached the terminal (another till, the command line) a manager decides.
        let mode = match &plan.void {
            Ok(()) => RefundMode::Void,
            Err(why) => return Err(why.clone().into()),
        };
        let detail = json!({ "confirmed": false, "order_id": order_id, "receipt": receipt.number, "mode": format!("{mode:?}") });
        self.store.audit(&by.name, "card.signature", &attempt.id.to_string(), &detail.to_string())?;
        match self.give_back(by, receipt.number, &[], mode, progress).await {
            Ok(refunded) => Ok(refunded),
            Err(e) => self.under_way_or(order_id, e),
        }
    }

    /// After a failed give-back: the attempt the terminal approved or may have (its booking
    /// failed, or its outcome was lost) as the answer, the journal's word; else the error.
    fn under_way_or(&self, order_id: i64, error: super::RegisterError) -> Result<Refunded> {
        match self.given_back(order_id)? {
            Some(back) => {
                tracing::error!(attempt = %back.id, error = %error, "refused signature: the give-back is not settled");
                Ok(Refunded { attempt: Some(back), receipt: None })
            }
            None => {
                tracing::warn!(order = order_id, error = %error, "refused signature: nothing was given back");
                Err(error)
            }
        }
    }

    /// The card part of a split sale still open: reversed on its terminal by a void attempt of
    /// its own (committed before it is sent, never resent); once approved the order is given
    /// up, no receipt issued, and the cart is still on screen to be paid another way.
    async fn reverse_part(
        &self,
        by: &Operator,
        paid: &Attempt,
        approval: &Approval,
        progress: &ProgressSink,
    ) -> Result<Refunded> {
        let order_id = paid.order_id.ok_or(RefundError::NoSignature(paid.id))?;
        let original = approval.transaction_id.trim().to_string();
        if original.is_empty() {
            // A Reversal is sent only when the terminal's last payment is this one, by its id.
            let detail = "no terminal transaction id".to_string();
            return Err(RefundError::CannotRefund { terminal: paid.terminal.clone(), detail }.into());
        }
        let terminal = self.terminal(&paid.terminal).await?;
        terminal.check_kind(PaymentKind::Void)?;
        let journal: &dyn Journal = self.store.as_ref();
        if !journal.open_attempts(Some(terminal.name())).map_err(session::SessionError::from)?.is_empty() {
            for open in session::recover_all(journal, terminal.as_ref()).await? {
                self.book_recovered(&open, "recovery");
            }
        }
        // Again with the terminal held: still open, and not reversed by another process.
        if self.order(order_id)?.status != OrderStatus::Open {
            return Err(RefundError::AlreadyRefunded(order_id).into());
        }
        if self.given_back(order_id)?.is_some() {
            return Err(RefundError::Pending(order_id).into());
        }
        let mut req = PaymentRequest::new(PaymentKind::Void, paid.amount);
        req.cash_register_id = self.register_id();
        req.order_id = Some(order_id);
        req.original = Some(original);
        let void = session::run(journal, terminal.as_ref(), &req, progress).await?;
        drop(terminal);
        tracing::info!(attempt = %void.id, state = ?void.state, "refused signature: part reversed");
        self.settle_part_reversal(&void, &by.name)?;
        Ok(Refunded { attempt: Some(void), receipt: None })
    }

    /// Gives up the open order of an approved reversal of its card part (the refusal itself,
    /// or recovery after a crash); `false`: not such a reversal, or settled already.
    pub(super) fn settle_part_reversal(&self, void: &Attempt, actor: &str) -> Result<bool> {
        let Some(order_id) = void.order_id else { return Ok(false) };
        if void.kind != PaymentKind::Void || void.state != AttemptState::Approved {
            return Ok(false);
        }
        if self.order(order_id)?.status != OrderStatus::Open {
            return Ok(false);
        }
        self.store.void_order_reversed(order_id, void.id, actor)?;
        tracing::info!(order = order_id, attempt = %void.id, "order given up: its card part was reversed");
        Ok(true)
    }

    /// Asks the terminal again about a refused signature's give-back whose outcome was lost
    /// (recovery books it when approved): the attempt as the journal now has it, with the
    /// refund receipt once booked.
    pub async fn check_give_back(&self, terminal: &str, attempt: Uuid) -> Result<Refunded> {
        self.recover(Some(terminal)).await?;
        let attempt = self.store.attempt(attempt)?;
        let receipt = match (attempt.state, attempt.order_id) {
            (AttemptState::Approved, Some(order_id)) => {
                self.store.refund_receipts_of(&self.register_id(), order_id)?.into_iter().next_back()
            }
            _ => None,
        };
        Ok(Refunded { attempt: Some(attempt), receipt })
    }

    /// The newest void or refund of this order that is approved or still open.
    fn given_back(&self, order_id: i64) -> Result<Option<Attempt>> {
        let attempts = self.store.attempts_of_order(order_id)?;
        Ok(attempts.into_iter().rev().find(|a| {
            matches!(a.kind, PaymentKind::Void | PaymentKind::Refund)
                && (a.state == AttemptState::Approved || a.state.is_open())
        }))
    }
}

impl Register {
    /// Prints the terminal's slip of a declined card for the customer (nexo sends it even on
    /// failure, with the host's real code): the shop header, then the slip as the terminal
    /// wrote it. Nothing is stored; the slip stays with the attempt.
    pub async fn print_declined_slip(&self, attempt: Uuid) -> Result<()> {
        let attempt = self.store.attempt(attempt)?;
        let slip = match &attempt.outcome {
            Some(Outcome::Declined { receipt_text, .. }) if !receipt_text.trim().is_empty() => receipt_text,
            _ => return Err(super::RegisterError::Conflict(format!("attempt {} has no slip", attempt.id))),
        };
        let settings = self.settings();
        if settings.printer.is_empty() {
            return Err(super::RegisterError::NoPrinter);
        }
        let lang = settings.lang();
        let i18n = crate::i18n::I18n::new(lang);
        let paper = self.paper();
        let mut layout = Layout::new(paper.columns());
        print::receipt::shop_header(&mut layout, &settings, &i18n);
        layout.center(i18n.tr("print-declined-slip"), Style::LARGE);
        layout.push(Block::Rule);
        layout.push(Block::Verbatim(slip.clone()));
        let job = print::layout_escpos(&layout, lang, paper);
        Ok(print::send(&settings.printer, &job).await?)
    }
}
