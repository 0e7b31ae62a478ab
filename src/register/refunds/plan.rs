//! What a receipt allows back: the refund modes, the plan a manager picks lines from, how the
//! money splits between card and cash, and why a refund is refused. Pure: no terminal is asked.

use fluent_bundle::FluentValue;

use crate::domain::refund::LineBalance;
use crate::domain::{Money, Quantity, Tender, TenderKind, Unit};
use crate::i18n::I18n;
use crate::store::LineBack;
use crate::terminal::Protocol;

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
    /// Another till gave back some of these lines (or of the card payment) since they were
    /// picked: nothing was sent; pick again.
    #[error("items of receipt {0} were given back meanwhile; nothing was sent")]
    Changed(i64),
    #[error("terminal {terminal} cannot refund this payment: {detail}")]
    CannotRefund { terminal: String, detail: String },
    #[error("terminal {terminal} can void only its last transaction")]
    NotLast { terminal: String },
    #[error("terminal {terminal} closed its batch after this payment")]
    BatchClosed { terminal: String },
    #[error("receipt {0} has no card payment a terminal can take back")]
    NoCard(i64),
    #[error("more of {line} than is left on the receipt")]
    TooMuch { line: String },
    #[error("no line picked to refund")]
    NothingPicked,
    #[error("a void takes back the whole card payment, never a part")]
    VoidIsWhole,
    /// A refused signature reverses only an approved payment the terminal asked to be signed.
    #[error("payment {0} asked for no signature")]
    NoSignature(uuid::Uuid),
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
            RefundError::Changed(n) => {
                i18n.tr_args("refund-err-changed", &[("number", FluentValue::from(*n))])
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
            RefundError::TooMuch { line } => i18n.tr_args("refund-err-too-much", &[("line", s(line))]),
            RefundError::NothingPicked => i18n.tr("refund-err-nothing"),
            RefundError::VoidIsWhole => i18n.tr("refund-err-void-whole"),
            RefundError::NoSignature(_) => i18n.tr("signature-err-none"),
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
    /// Each line of the sale with what is left of it to give back.
    pub lines: Vec<LineLeft>,
    /// The card payment not yet given back (refunds of some lines took part of it).
    pub card_left: Money,
    /// Some lines were refunded already.
    pub refunded_before: bool,
}

/// A line of the sale as a refund sees it: its name and unit, what was sold, paid and given
/// back so far (`LineBalance`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineLeft {
    pub index: usize,
    pub name: String,
    pub unit: Unit,
    pub balance: LineBalance,
}

/// What a manager picks to give back: a line of the sale and how much of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundLine {
    pub index: usize,
    pub quantity: Quantity,
}

impl RefundPlan {
    pub fn can(&self, mode: RefundMode) -> bool {
        if self.closed.is_some() {
            return false;
        }
        match mode {
            RefundMode::Refund => self.refund.is_ok(),
            RefundMode::Void => self.card.is_some() && self.void.is_ok() && !self.refunded_before,
            RefundMode::Cash => true,
        }
    }

    /// What giving back `picked` costs, line by line (nothing picked: all that is left). A line
    /// never gives back more than is left on it.
    pub fn quote(&self, picked: &[RefundLine]) -> Result<Vec<LineBack>, RefundError> {
        let wanted: Vec<RefundLine> = if picked.is_empty() {
            self.lines
                .iter()
                .filter(|l| l.balance.quantity_left() > 0)
                .map(|l| RefundLine {
                    index: l.index,
                    quantity: Quantity::from_milli(l.balance.quantity_left()),
                })
                .collect()
        } else {
            picked.iter().copied().filter(|p| p.quantity.milli() > 0).collect()
        };
        let mut backs = Vec::with_capacity(wanted.len());
        for w in wanted {
            let line = self.lines.iter().find(|l| l.index == w.index).ok_or(RefundError::NothingPicked)?;
            let amount = line
                .balance
                .amount_for(w.quantity)
                .ok_or_else(|| RefundError::TooMuch { line: line.name.clone() })?;
            backs.push(LineBack { index: w.index, quantity: w.quantity, amount });
        }
        if backs.is_empty() {
            return Err(RefundError::NothingPicked);
        }
        Ok(backs)
    }

    /// How these lines go back this way: (on the card, in cash). To the card goes what is left
    /// of the card payment, at most the refund; a void takes back the whole card payment, so
    /// only with everything on the receipt.
    pub fn split(&self, mode: RefundMode, backs: &[LineBack]) -> Result<(Money, Money), RefundError> {
        let amount: Money = backs.iter().map(|b| b.amount).sum();
        match (mode, &self.card) {
            (RefundMode::Cash, _) => Ok((Money::ZERO, amount)),
            (RefundMode::Refund, Some(_)) => {
                self.refund.clone()?;
                let card = amount.min(self.card_left).max(Money::ZERO);
                Ok((card, amount - card))
            }
            (RefundMode::Refund, None) => self.refund.clone().map(|()| (Money::ZERO, amount)),
            (RefundMode::Void, None) => {
                Err(self.void.clone().err().unwrap_or(RefundError::NoCard(self.number)))
            }
            (RefundMode::Void, Some(card)) => {
                self.void.clone()?;
                if self.refunded_before || amount != self.total {
                    return Err(RefundError::VoidIsWhole);
                }
                Ok((card.amount, amount - card.amount))
            }
        }
    }
}

/// The cash part of a refund as a (negative) tender; none for nothing.
pub(super) fn cash_back(cash: Money) -> Vec<Tender> {
    if cash <= Money::ZERO {
        return Vec::new();
    }
    vec![Tender { kind: TenderKind::Cash, amount: -cash, given: -cash, change: Money::ZERO, card: None }]
}
