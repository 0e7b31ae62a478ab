//! Refunds and voids of paid receipts: the card part through the terminal that took it (by the
//! journal-first session, never resent), the cash part in cash, booked as one refund receipt.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock, Mutex};

use chrono::Timelike;
use fluent_bundle::FluentValue;

use super::{Operator, Register, RegisterError, Result, card_details, require_manager};
use crate::domain::{Money, OrderStatus, Receipt, ReceiptKind, Tender, TenderKind};
use crate::i18n::I18n;
use crate::terminal::{
    Attempt, AttemptState, Journal, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol,
    TerminalError, session,
};

/// How a manager gives a sale's money back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundMode {
    /// A refund to the card on its terminal; any cash part in cash.
    Refund,
    /// A reversal of the card payment on its terminal (open batch only); any cash part in cash.
    Void,
    /// Everything in cash (the card was refunded on the terminal itself, or cannot be).
    Cash,
}

/// Why a receipt cannot be refunded (this way), each with a message in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefundError {
    #[error("receipt {0} is itself a refund")]
    NotASale(i64),
    #[error("receipt {0} was already refunded")]
    AlreadyRefunded(i64),
    #[error("a refund of receipt {0} is still being checked with the terminal")]
    Pending(i64),
    #[error("terminal {terminal} cannot refund this payment: {detail}")]
    CannotRefund { terminal: String, detail: String },
    #[error("terminal {terminal} can void only its last transaction")]
    NotLast { terminal: String },
    #[error("terminal {terminal} closed its batch after this payment")]
    BatchClosed { terminal: String },
    #[error("receipt {0} has no card payment a terminal can take back")]
    NoCard(i64),
}

impl RefundError {
    pub fn message(&self, i18n: &I18n) -> String {
        let s = |v: &str| FluentValue::from(v.to_string());
        match self {
            RefundError::NotASale(n) => {
                i18n.tr_args("refund-err-not-a-sale", &[("number", FluentValue::from(*n))])
            }
            RefundError::AlreadyRefunded(n) => {
                i18n.tr_args("refund-err-already", &[("number", FluentValue::from(*n))])
            }
            RefundError::Pending(n) => {
                i18n.tr_args("refund-err-pending", &[("number", FluentValue::from(*n))])
            }
            RefundError::CannotRefund { terminal, .. } => {
                i18n.tr_args("refund-err-cannot", &[("terminal", s(terminal))])
            }
            RefundError::NotLast { terminal } => {
                i18n.tr_args("refund-err-not-last", &[("terminal", s(terminal))])
            }
            RefundError::BatchClosed { terminal } => {
                i18n.tr_args("refund-err-batch-closed", &[("terminal", s(terminal))])
            }
            RefundError::NoCard(_) => i18n.tr("refund-err-no-card"),
        }
    }
}

impl RefundError {
    /// The reason alone, and whether the usual advice ("on the terminal itself, or in cash")
    /// follows: several reasons shown together give that advice once.
    pub fn reason(&self, i18n: &I18n) -> (String, bool) {
        let terminal = |t: &str| [("terminal", FluentValue::from(t.to_string()))];
        match self {
            RefundError::CannotRefund { terminal: t, .. } => {
                (i18n.tr_args("refund-why-cannot", &terminal(t)), true)
            }
            RefundError::NotLast { terminal: t } => (i18n.tr_args("refund-why-not-last", &terminal(t)), true),
            RefundError::NoCard(_) => (i18n.tr("refund-why-no-card"), true),
            other => (other.message(i18n), false),
        }
    }
}

/// The card payment of a receipt, as a refund would take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPart {
    pub terminal: String,
    pub protocol: Protocol,
    pub amount: Money,
    pub masked_pan: String,
    /// The payment's attempt id (what WebECR voids by).
    pub attempt_id: String,
    pub stan: String,
    pub transaction_id: String,
}

impl CardPart {
    pub fn last4(&self) -> String {
        let digits: Vec<char> = self.masked_pan.chars().filter(char::is_ascii_digit).collect();
        digits[digits.len().saturating_sub(4)..].iter().collect()
    }
}

/// What may be done to a receipt: shown before asking, checked again when it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundPlan {
    pub number: i64,
    pub total: Money,
    /// The part paid in cash, given back in cash.
    pub cash: Money,
    /// The card payment, when there is exactly one from a terminal.
    pub card: Option<CardPart>,
    /// Set when nothing at all may be done (a refund itself, already refunded, pending).
    pub closed: Option<RefundError>,
    /// Whether the card's terminal can refund it, and why not.
    pub refund: Result<(), RefundError>,
    /// Whether the card's terminal can void (reverse) it, and why not.
    pub void: Result<(), RefundError>,
}

impl RefundPlan {
    pub fn can(&self, mode: RefundMode) -> bool {
        if self.closed.is_some() {
            return false;
        }
        match mode {
            RefundMode::Refund => self.refund.is_ok(),
            RefundMode::Void => self.card.is_some() && self.void.is_ok(),
            RefundMode::Cash => true,
        }
    }
}

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
        Ok(RefundPlan { number, total: receipt.total, cash, card, closed, refund, void })
    }

    /// Gives a paid sale's money back: the card part through its terminal (refund or void),
    /// the rest in cash. Approved → the refund receipt; declined or unknown → nothing booked.
    pub async fn refund_receipt(
        &self,
        by: &Operator,
        number: i64,
        mode: RefundMode,
        progress: &ProgressSink,
    ) -> Result<Refunded> {
        require_manager(by)?;
        let receipt = self.receipt(number)?;
        let _claim = Refunding::claim(self, receipt.order_id).ok_or(RefundError::Pending(number))?;
        // A refund approved earlier (say, resolved at recovery) is booked, never sent again.
        self.settle_refunds_of(receipt.order_id, &by.name)?;
        let plan = self.refund_plan(number)?;
        if let Some(closed) = plan.closed {
            return Err(closed.into());
        }
        let card = match (mode, plan.card) {
            (RefundMode::Cash, _) => None,
            (RefundMode::Refund, None) if plan.refund.is_ok() => None,
            (_, None) => return Err(RefundError::NoCard(number).into()),
            (_, Some(card)) => Some(card),
        };
        let Some(card) = card else {
            let booked = self.book_refund(&receipt, None, &by.name)?;
            tracing::info!(receipt = number, refund = booked.number, "refunded in cash");
            return Ok(Refunded { attempt: None, receipt: Some(booked) });
        };
        match mode {
            RefundMode::Void => plan.void?,
            _ => plan.refund?,
        }
        let kind = if mode == RefundMode::Void { PaymentKind::Void } else { PaymentKind::Refund };
        let attempt = self.send_refund(&card, kind, receipt.order_id, progress).await?;
        let booked = self.settle_refund_attempt(&attempt, &by.name)?;
        Ok(Refunded { attempt: Some(attempt), receipt: booked })
    }

    /// Runs the refund or void through the session: committed before sending, never resent.
    async fn send_refund(
        &self,
        card: &CardPart,
        kind: PaymentKind,
        order_id: i64,
        progress: &ProgressSink,
    ) -> Result<Attempt> {
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
        if kind == PaymentKind::Void {
            // A void reverses the terminal's last transaction: still ours, now that we hold it?
            self.refund_plan(original.number)?.void?;
        }
        let mut req = PaymentRequest::new(kind, card.amount);
        req.cash_register_id = self.register_id();
        req.order_id = Some(order_id);
        req.original = match (card.protocol, kind) {
            (Protocol::Ecr17, _) => Some(card.stan.clone()),
            (Protocol::WebEcr, PaymentKind::Void) => Some(card.attempt_id.clone()),
            (Protocol::WebEcr, _) => Some(card.transaction_id.clone()).filter(|t| !t.is_empty()),
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
        Ok(Some(self.book_refund(&original, Some(tender), actor)?))
    }

    fn settle_refunds_of(&self, order_id: i64, actor: &str) -> Result<()> {
        for attempt in self.store.attempts_of_order(order_id)? {
            self.settle_refund_attempt(&attempt, actor)?;
        }
        Ok(())
    }

    /// The refund receipt: the card tender given (if any), every cash tender back in cash.
    fn book_refund(&self, original: &Receipt, card: Option<Tender>, actor: &str) -> Result<Receipt> {
        let mut tenders: Vec<Tender> = original
            .tenders
            .iter()
            .filter(|t| t.kind == TenderKind::Cash || card.is_none())
            .map(|t| Tender {
                kind: TenderKind::Cash,
                amount: -t.amount,
                given: -t.amount,
                change: Money::ZERO,
                card: None,
            })
            .collect();
        tenders.extend(card);
        Ok(self.store.refund(&self.register_id(), original.number, tenders, actor)?)
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
            Protocol::Aade1155 | Protocol::WebEcr => Ok(()),
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
            Protocol::Ecr17 | Protocol::Aade1155 => true,
            Protocol::WebEcr => false,
            _ => {
                return Err(RefundError::CannotRefund {
                    terminal: card.terminal.clone(),
                    detail: format!("{} has no void", card.protocol.code()),
                });
            }
        };
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
