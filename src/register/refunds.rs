//! Refunds and voids of paid receipts: the card part through the terminal that took it (by the
//! journal-first session, never resent), the cash part in cash, booked as one refund receipt.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock, Mutex};

use chrono::Timelike;

use super::{Operator, Register, RegisterError, Result, card_details, require_manager};
use crate::domain::{Money, OrderStatus, Receipt, ReceiptKind, Tender, TenderKind};
use crate::store::{PendingRefund, refund_balances};
use crate::terminal::{
    Attempt, AttemptState, Journal, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol,
    TerminalError, session,
};

mod plan;

use plan::cash_back;
pub use plan::{CardPart, LineLeft, RefundError, RefundLine, RefundMode, RefundPlan};

/// What a refund came to: the terminal's attempt (none for cash) and the refund receipt,
/// issued only when the money really went back.
#[derive(Debug, Clone)]
pub struct Refunded {
    pub attempt: Option<Attempt>,
    pub receipt: Option<Receipt>,
}

/// Orders with a refund under way in this process (by store, as tests run several registers):
/// one refund per receipt at a time.
static REFUNDING: LazyLock<Mutex<HashSet<(usize, i64)>>> = LazyLock::new(Default::default);

/// Holds an order's refund flag; dropping it (also on cancellation) releases it.
struct Refunding((usize, i64));

impl Refunding {
    fn claim(register: &Register, order_id: i64) -> Option<Refunding> {
        let key = (Arc::as_ptr(&register.store) as usize, order_id);
        let mut set = REFUNDING.lock().unwrap_or_else(|p| p.into_inner());
        if set.insert(key) { Some(Refunding(key)) } else { None }
    }
}

impl Drop for Refunding {
    fn drop(&mut self) {
        REFUNDING.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.0);
    }
}

impl Register {
    /// Refunds a paid sale in full, in cash (card refunds go through the terminal first).
    pub fn refund_cash(&self, by: &Operator, number: i64) -> Result<Receipt> {
        require_manager(by)?;
        let original = self.receipt(number)?;
        let tender = Tender {
            kind: TenderKind::Cash,
            amount: -original.total,
            given: -original.total,
            change: Money::ZERO,
            card: None,
        };
        Ok(self.store.refund(&self.register_id(), number, vec![tender], &by.name)?)
    }

    /// What a manager may do to this receipt now (no terminal is asked).
    pub fn refund_plan(&self, number: i64) -> Result<RefundPlan> {
        let receipt = self.receipt(number)?;
        let closed = self.refund_blocker(&receipt)?.err();
        let cash: Money =
            receipt.tenders.iter().filter(|t| t.kind == TenderKind::Cash).map(|t| t.amount).sum();
        let cards: Vec<&Tender> = receipt.tenders.iter().filter(|t| t.kind == TenderKind::Card).collect();
        let card = match cards.as_slice() {
            [one] => self.card_part(one)?,
            _ => None,
        };
        let (refund, void) = match (&card, cards.len()) {
            (_, 0) => (Ok(()), Err(RefundError::NoCard(number))),
            (None, _) => (Err(RefundError::NoCard(number)), Err(RefundError::NoCard(number))),
            (Some(c), _) => (self.can_refund(c), self.can_void(c)),
        };
        let done = self.store.refunded_lines(receipt.order_id)?;
        let lines = refund_balances(&receipt, &done)
            .into_iter()
            .zip(&receipt.lines)
            .enumerate()
            .map(|(index, (balance, l))| LineLeft { index, name: l.name.clone(), unit: l.unit, balance })
            .collect();
        let earlier = self.store.refund_receipts_of(&self.register_id(), receipt.order_id)?;
        let card_back: Money = earlier
            .iter()
            .flat_map(|r| &r.tenders)
            .filter(|t| t.kind == TenderKind::Card)
            .map(|t| -t.amount)
            .sum();
        let card_left = card.as_ref().map_or(Money::ZERO, |c| c.amount - card_back);
        Ok(RefundPlan {
            number,
            total: receipt.total,
            cash,
            card,
            closed,
            refund,
            void,
            lines,
            card_left,
            refunded_before: !earlier.is_empty(),
        })
    }

    /// Gives a paid sale's money back (all that is left of it): see `refund_lines`.
    pub async fn refund_receipt(
        &self,
        by: &Operator,
        number: i64,
        mode: RefundMode,
        progress: &ProgressSink,
    ) -> Result<Refunded> {
        self.refund_lines(by, number, &[], mode, progress).await
    }

    /// Gives back these lines of a paid sale (none picked: all that is left): the card part
    /// through its terminal (refund or void), the rest in cash. Approved → the refund receipt
    /// for those lines; declined or unknown → nothing booked.
    pub async fn refund_lines(
        &self,
        by: &Operator,
        number: i64,
        picked: &[RefundLine],
        mode: RefundMode,
        progress: &ProgressSink,
    ) -> Result<Refunded> {
        require_manager(by)?;
        self.give_back(by, number, picked, mode, progress).await
    }

    /// `refund_lines` once the operator may (a manager; the cashier for a refused signature).
    pub(super) async fn give_back(
        &self,
        by: &Operator,
        number: i64,
        picked: &[RefundLine],
        mode: RefundMode,
        progress: &ProgressSink,
    ) -> Result<Refunded> {
        let receipt = self.receipt(number)?;
        let _claim = Refunding::claim(self, receipt.order_id).ok_or(RefundError::Pending(number))?;
        // A refund approved earlier (say, resolved at recovery) is booked, never sent again.
        self.settle_refunds_of(receipt.order_id, &by.name)?;
        let plan = self.refund_plan(number)?;
        if let Some(closed) = plan.closed.clone() {
            return Err(closed.into());
        }
        let backs = plan.quote(picked)?;
        let (on_card, cash) = plan.split(mode, &backs)?;
        if on_card.is_zero() {
            let booked =
                self.store.refund_lines_of(&self.register_id(), number, &backs, cash_back(cash), &by.name)?;
            tracing::info!(receipt = number, refund = booked.number, "refunded in cash");
            return Ok(Refunded { attempt: None, receipt: Some(booked) });
        }
        let card = plan.card.clone().ok_or(RefundError::NoCard(number))?;
        let kind = if mode == RefundMode::Void { PaymentKind::Void } else { PaymentKind::Refund };
        let pending = PendingRefund { order_id: receipt.order_id, card: on_card, cash, lines: backs };
        let attempt = self.send_refund(&card, kind, &pending, progress).await?;
        let booked = self.settle_refund_attempt(&attempt, &by.name)?;
        if booked.is_none()
            && matches!(
                attempt.state,
                AttemptState::Declined | AttemptState::Cancelled | AttemptState::Failed
            )
        {
            // No money moved: the lines are free to be refunded another way.
            self.store.clear_refund_pending(receipt.order_id)?;
        }
        Ok(Refunded { attempt: Some(attempt), receipt: booked })
    }

    /// Runs the refund or void through the session: committed before sending, never resent.
    async fn send_refund(
        &self,
        card: &CardPart,
        kind: PaymentKind,
        pending: &PendingRefund,
        progress: &ProgressSink,
    ) -> Result<Attempt> {
        let order_id = pending.order_id;
        let terminal = self.terminal(&card.terminal).await?;
        terminal.check_kind(kind).map_err(|e| match e {
            TerminalError::NotSupported(what) => RegisterError::from(RefundError::CannotRefund {
                terminal: card.terminal.clone(),
                detail: what.into(),
            }),
            other => RegisterError::Terminal(other),
        })?;
        let journal: &dyn Journal = self.store.as_ref();
        if !journal.open_attempts(Some(terminal.name())).map_err(session::SessionError::from)?.is_empty() {
            session::recover_all(journal, terminal.as_ref()).await?;
        }
        // Again just before sending, holding the terminal: an approved refund of it (recovered
        // now, or by another process) is booked and blocks a second one.
        self.settle_refunds_of(order_id, "recovery")?;
        let original = self.store.receipt_of_order(&self.register_id(), order_id)?;
        let original = original.ok_or(RegisterError::NoOrder(order_id))?;
        self.refund_blocker(&original)??;
        // Again with the terminal held: another process may have given back some of these
        // lines, or of the card payment, since they were picked (a second refund of the same
        // line must never reach the terminal).
        let now = self.refund_plan(original.number)?;
        if let Some(closed) = now.closed.clone() {
            return Err(closed.into());
        }
        let picked: Vec<RefundLine> =
            pending.lines.iter().map(|b| RefundLine { index: b.index, quantity: b.quantity }).collect();
        let unchanged = now.quote(&picked).is_ok_and(|again| again == pending.lines);
        if !unchanged || pending.card > now.card_left {
            return Err(RefundError::Changed(original.number).into());
        }
        if kind == PaymentKind::Void {
            // A void reverses the terminal's last transaction: still ours, now that we hold it?
            now.void?;
        }
        // Which lines this refund gives back, committed before a byte leaves: an approval found
        // later (recovery, a manager) books exactly these.
        self.store.set_refund_pending(pending)?;
        let mut req = PaymentRequest::new(kind, pending.card);
        req.cash_register_id = self.register_id();
        req.order_id = Some(order_id);
        req.original = match (card.protocol, kind) {
            (Protocol::Ecr17, _) => Some(card.stan.clone()),
            (Protocol::WebEcr, PaymentKind::Void) => Some(card.attempt_id.clone()),
            (Protocol::WebEcr, _) => Some(card.transaction_id.clone()).filter(|t| !t.is_empty()),
            // nexo reverses the terminal's last payment only when it is this one.
            (Protocol::Nexo, _) => Some(card.transaction_id.clone()).filter(|t| !t.is_empty()),
            _ => None,
        };
        let attempt = session::run(journal, terminal.as_ref(), &req, progress).await?;
        tracing::info!(attempt = %attempt.id, state = ?attempt.state, kind = kind.code(), "card refund attempt");
        Ok(attempt)
    }

    /// Books an approved refund or void attempt on its order, once (recovery, a manager's
    /// decision and the refund itself all come here).
    pub(super) fn settle_refund_attempt(&self, attempt: &Attempt, actor: &str) -> Result<Option<Receipt>> {
        let (Some(order_id), Some(Outcome::Approved(approval))) = (attempt.order_id, &attempt.outcome) else {
            return Ok(None);
        };
        if !matches!(attempt.kind, PaymentKind::Refund | PaymentKind::Void) {
            return Ok(None);
        }
        if self.order(order_id)?.status != OrderStatus::Paid {
            return Ok(None);
        }
        let Some(original) = self.store.receipt_of_order(&self.register_id(), order_id)? else {
            return Ok(None);
        };
        // Booked already (a sale stays open for more refunds after one of some lines).
        let id = attempt.id.to_string();
        let earlier = self.store.refund_receipts_of(&self.register_id(), order_id)?;
        if earlier
            .iter()
            .flat_map(|r| &r.tenders)
            .any(|t| t.card.as_ref().is_some_and(|c| c.attempt_id == id))
        {
            return Ok(None);
        }
        let mut card = card_details(&attempt.id.to_string(), &attempt.terminal, attempt.protocol, approval);
        if card.masked_pan.is_empty() {
            // A reversal's result may carry no card: keep the original's masked number.
            let first = original.tenders.iter().find_map(|t| t.card.as_ref());
            card.masked_pan = first.map(|c| c.masked_pan.clone()).unwrap_or_default();
        }
        // Money back, the tip too: a reversal takes back the whole transaction, tip included.
        let tip = match attempt.kind {
            PaymentKind::Void => {
                original.tenders.iter().find_map(|t| t.card.as_ref()).map_or(Money::ZERO, |c| c.tip)
            }
            _ => card.tip,
        };
        card.tip = -tip.abs();
        let tender = Tender {
            kind: TenderKind::Card,
            amount: -attempt.amount,
            given: Money::ZERO,
            change: Money::ZERO,
            card: Some(card),
        };
        let pending = self.store.refund_pending(order_id)?.filter(|p| p.card == attempt.amount);
        let (lines, cash) = match pending {
            Some(p) => (p.lines, p.cash),
            None => {
                // An approval with no lines committed (sent before refunds by line): the whole
                // sale, the card's part on the card and the rest in cash, as it was then.
                let backs = self.refund_plan(original.number)?.quote(&[])?;
                let total: Money = backs.iter().map(|b| b.amount).sum();
                (backs, total - attempt.amount)
            }
        };
        let mut tenders = cash_back(cash);
        tenders.push(tender);
        Ok(Some(self.store.refund_lines_of(&self.register_id(), original.number, &lines, tenders, actor)?))
    }

    fn settle_refunds_of(&self, order_id: i64, actor: &str) -> Result<()> {
        for attempt in self.store.attempts_of_order(order_id)? {
            self.settle_refund_attempt(&attempt, actor)?;
        }
        Ok(())
    }

    /// Whether this receipt may be refunded at all now.
    fn refund_blocker(&self, receipt: &Receipt) -> Result<Result<(), RefundError>> {
        if receipt.kind != ReceiptKind::Sale {
            return Ok(Err(RefundError::NotASale(receipt.number)));
        }
        if self.order(receipt.order_id)?.status != OrderStatus::Paid {
            return Ok(Err(RefundError::AlreadyRefunded(receipt.number)));
        }
        let pending = self.store.attempts_of_order(receipt.order_id)?.into_iter().any(|a| {
            matches!(a.kind, PaymentKind::Refund | PaymentKind::Void)
                && matches!(a.state, AttemptState::Prepared | AttemptState::Sent | AttemptState::Unknown)
        });
        Ok(if pending { Err(RefundError::Pending(receipt.number)) } else { Ok(()) })
    }

    /// The card tender as a terminal could take it back; `None` for a payment recorded by hand.
    fn card_part(&self, tender: &Tender) -> Result<Option<CardPart>> {
        let Some(card) = tender.card.as_ref().filter(|c| !c.manual && !c.terminal.is_empty()) else {
            return Ok(None);
        };
        let Ok(id) = card.attempt_id.parse::<uuid::Uuid>() else { return Ok(None) };
        let attempt = match self.store.attempt(id) {
            Ok(a) => a,
            Err(crate::store::StoreError::NotFound(_)) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let transaction_id = match &attempt.outcome {
            Some(Outcome::Approved(a)) => a.transaction_id.clone(),
            _ => String::new(),
        };
        Ok(Some(CardPart {
            terminal: card.terminal.clone(),
            protocol: attempt.protocol,
            amount: tender.amount,
            masked_pan: card.masked_pan.clone(),
            attempt_id: card.attempt_id.clone(),
            stan: card.stan.clone(),
            transaction_id,
        }))
    }

    fn can_refund(&self, card: &CardPart) -> Result<(), RefundError> {
        match card.protocol {
            // nexo: a Payment of type Refund to the card presented again.
            Protocol::Aade1155 | Protocol::WebEcr | Protocol::Nexo => Ok(()),
            _ => Err(RefundError::CannotRefund {
                terminal: card.terminal.clone(),
                detail: format!("{} has no refund message", card.protocol.code()),
            }),
        }
    }

    /// A void needs the payment in the terminal's open batch; ECR17 and AADE reverse only the
    /// terminal's last transaction (their void names no original).
    fn can_void(&self, card: &CardPart) -> Result<(), RefundError> {
        let by_last = match card.protocol {
            // nexo reverses the terminal's last transaction only (a Reversal names no other).
            Protocol::Ecr17 | Protocol::Aade1155 | Protocol::Nexo => true,
            Protocol::WebEcr => false,
            _ => {
                return Err(RefundError::CannotRefund {
                    terminal: card.terminal.clone(),
                    detail: format!("{} has no void", card.protocol.code()),
                });
            }
        };
        if card.protocol == Protocol::Nexo && card.transaction_id.trim().is_empty() {
            // A Reversal is sent only when the terminal's last payment is this one, by its id.
            return Err(RefundError::CannotRefund {
                terminal: card.terminal.clone(),
                detail: "no terminal transaction id".into(),
            });
        }
        let attempts = self.store.recent_attempts(200).unwrap_or_default();
        let paid_at =
            attempts.iter().find(|a| a.id.to_string() == card.attempt_id).map(|a| a.created_at.clone());
        if by_last {
            let last =
                attempts.iter().find(|a| a.terminal == card.terminal && a.state == AttemptState::Approved);
            if last.is_none_or(|a| a.id.to_string() != card.attempt_id) {
                return Err(RefundError::NotLast { terminal: card.terminal.clone() });
            }
        }
        // Instants, not wall-clock times: a close in the repeated autumn hour still compares right.
        let time = |s: &str| crate::domain::time::instant_in(s, &chrono::Local);
        let paid_at = paid_at.as_deref().and_then(time).and_then(|p| p.with_nanosecond(0));
        let closed_since =
            self.store.batch_closures(&self.register_id()).unwrap_or_default().iter().any(|b| {
                b.terminal == card.terminal
                    && matches!((time(&b.closed_at), paid_at), (Some(c), Some(p)) if c >= p)
            });
        if closed_since {
            return Err(RefundError::BatchClosed { terminal: card.terminal.clone() });
        }
        Ok(())
    }
}
