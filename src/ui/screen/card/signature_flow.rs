//! The payment screen's signature check: the answer to the terminal's own question (full
//! integration), or after an approval whose slip asks for it (light): noted, or reversed.

use super::words::reason;
use super::{CardPay, Event, Phase};
use crate::fl;
use crate::register::{Operator, Refunded};
use crate::terminal::{AttemptState, Outcome, Progress};
use crate::ui::ctx::Ctx;
use crate::ui::request::Answer;
use crate::ui::request::Work;
use crate::ui::screen::signature::Approved;
use crate::ui::widget::Notice;

impl CardPay {
    /// The declined card's slip to the printer, for the customer.
    pub(super) fn print_slip(&mut self) -> Option<Event> {
        if self.slip.is_empty() || !matches!(self.phase, Phase::Declined(_)) {
            return None;
        }
        let attempt = self.attempt.as_ref()?.id;
        Some(Event::Work(Work::PrintSlip { attempt }))
    }

    /// An approved payment moves on: the receipt when it covered the sale, else the rest.
    pub(super) fn went_through(&mut self, approved: Approved) -> Option<Event> {
        self.phase = Phase::Approved;
        if let Some(receipt) = approved.receipt {
            return Some(Event::Paid(receipt));
        }
        match self.order_id {
            Some(order_id) if !approved.remaining.is_zero() => {
                Some(Event::Cash { order_id, due: approved.remaining })
            }
            _ => None,
        }
    }

    /// The cashier's answer about the signature: to the terminal that asks, or (light
    /// integration, approved already) noted on yes and reversed on no.
    pub(super) fn signature_answer(&mut self, confirmed: bool, by: &Operator) -> Option<Event> {
        let check = self.signature.as_mut().filter(|c| !c.answered)?;
        match &check.approved {
            None if self.phase == Phase::Paying => {
                check.answered = true;
                Some(Event::Work(Work::AnswerSignature { terminal: self.terminal.clone(), confirmed }))
            }
            Some(_) if self.phase == Phase::Signature => {
                let attempt = self.attempt.as_ref()?.id;
                check.answered = true;
                self.notice = None;
                if confirmed && check.refused {
                    // Refused but not reversible here: the sale goes on unconfirmed.
                    let approved = self.signature.take().and_then(|c| c.approved)?;
                    return self.went_through(approved);
                }
                if confirmed {
                    return Some(Event::Work(Work::ConfirmSignature { by: by.clone(), attempt }));
                }
                self.phase = Phase::Reversing;
                self.now = Some(Progress::Connecting);
                self.events.clear();
                self.seconds = 0;
                Some(Event::Work(Work::RefuseSignature { by: by.clone(), attempt }))
            }
            _ => None,
        }
    }

    /// The give-back's end: reversed (the sale's receipt voided, nothing charged), unknown (no
    /// new payment until the terminal says), or nothing moved and the payment stands: the
    /// cashier may try again or let it be.
    pub(super) fn reversed(&mut self, answer: Answer<Box<Refunded>>, ctx: &Ctx) {
        if !matches!(self.phase, Phase::Reversing | Phase::ReversalUnknown) {
            return;
        }
        let Refunded { attempt, receipt } = match answer {
            Ok(r) => *r,
            // Asking again failed: still unknown, never "not reversed".
            Err(f) if self.phase == Phase::ReversalUnknown => {
                self.notice = Some(Notice::error(f.text));
                return;
            }
            Err(f) => {
                self.back_to_signature(fl!(ctx.i18n, "signature-reversal-failed", reason = f.text));
                return;
            }
        };
        self.phase = match (receipt, &attempt) {
            (Some(void), _) => Phase::Reversed(Some(void.number)),
            (None, Some(a)) if a.state == AttemptState::Approved => Phase::Reversed(None),
            (None, Some(a)) if a.state.is_open() => Phase::ReversalUnknown,
            (None, Some(a)) => {
                let said = match &a.outcome {
                    // Never reached the terminal: the register's words, not the link's.
                    _ if a.state == AttemptState::Failed => ctx.i18n.tr("signature-reversal-not-sent"),
                    Some(Outcome::Declined { message, code, .. }) => reason(message, code, &ctx.i18n),
                    Some(Outcome::Cancelled { message }) => reason(message, "", &ctx.i18n),
                    _ => reason(&a.note, "", &ctx.i18n),
                };
                self.back_to_signature(fl!(ctx.i18n, "signature-reversal-failed", reason = said));
                return;
            }
            (None, None) => {
                self.back_to_signature(fl!(
                    ctx.i18n,
                    "signature-reversal-failed",
                    reason = ctx.i18n.tr("pay-no-reason")
                ));
                return;
            }
        };
        self.reversal = attempt;
        self.signature = None;
        self.notice = None;
    }

    /// Nothing was given back: the payment stands, the question is asked again.
    pub(super) fn back_to_signature(&mut self, why: String) {
        self.phase = Phase::Signature;
        if let Some(c) = &mut self.signature {
            c.answered = false;
            c.refused = true;
        }
        self.notice = Some(Notice::error(why));
    }

    /// Enter on an unknown give-back: ask the terminal again.
    pub(super) fn check_reversal(&mut self) -> Option<Event> {
        if self.phase != Phase::ReversalUnknown {
            return None;
        }
        let attempt = self.reversal.as_ref()?.id;
        self.notice = None;
        Some(Event::Work(Work::CheckReversal { terminal: self.terminal.clone(), attempt }))
    }
}
