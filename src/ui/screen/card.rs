//! The card payment screen: what the terminal is doing now, its own display text, the amount
//! and a timer; then approved, declined, failed (nothing charged) or unknown (wait or resolve).

use iced::Task;

use crate::domain::{Money, Receipt};
use crate::fl;
use crate::register::{CardPayment, Operator, Refunded, signature_to_check};
use crate::terminal::{Attempt, AttemptState, Outcome, Progress};
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::Work;
use crate::ui::request::{Answer, Job};
use crate::ui::screen::signature::{Approved, SignatureCheck};
use crate::ui::widget::Notice;

mod resolve;
mod signature_flow;
mod view;
mod words;

pub use resolve::{Resolve, evidence_sentence};
use words::reason;
pub use words::{event_text, now_text};

/// Progress events kept for the diagnostics view.
const KEEP_EVENTS: usize = 50;
/// How often an approved payment that is not booked yet is booked again on its own.
const BOOK_RETRY_SECONDS: u64 = 5;

#[derive(Debug)]
pub struct CardPay {
    /// The order being paid, once committed.
    pub order_id: Option<i64>,
    /// What this card payment asks for.
    pub amount: Money,
    pub terminal: String,
    pub phase: Phase,
    /// The last event that says what the terminal is doing.
    pub now: Option<Progress>,
    /// The terminal's own display text, as sent.
    pub display: String,
    pub events: Vec<Progress>,
    /// Seconds since the payment was sent.
    pub seconds: u64,
    /// The attempt as the register last reported it.
    pub attempt: Option<Attempt>,
    /// A manager resolving an unknown outcome by hand.
    pub resolve: Option<Resolve>,
    pub notice: Option<Notice>,
    /// The technical evidence (protocol words) is shown on request only.
    pub details: bool,
    /// Esc came before the order was committed: give it up when it is.
    abandon: bool,
    /// The register can ask this terminal to cancel the payment it holds (nexo Abort).
    pub can_abort: bool,
    /// Where the cashier's cancel stands; the payment's own answer is still what ends it.
    abort: Abort,
    /// A signature for the cashier to check (the terminal asks, or its approved slip says so).
    pub signature: Option<SignatureCheck>,
    /// The terminal's slip of a declined card (nexo sends one), to show and print.
    pub slip: Vec<String>,
    /// The give-back of a refused signature, as the journal last had it.
    pub reversal: Option<Attempt>,
    /// "Ask again" (Enter) is with the terminal: its answer is said even when nothing changed.
    asked_again: bool,
}

/// The cashier's cancel of a payment the terminal holds (nexo Abort).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Abort {
    #[default]
    None,
    /// Asked for before the request reached the terminal: sent once it has.
    Wanted,
    /// Handed to the terminal link, not answered yet.
    Asking,
    /// The terminal took it; asking again is allowed (an Abort moves no money).
    Asked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// Committing the order; nothing has gone to the terminal.
    Opening,
    /// The request is with the terminal.
    Paying,
    Approved,
    Declined(String),
    Cancelled(String),
    /// Never reached the terminal: nothing charged, safe to try again.
    Failed(String),
    /// The outcome was lost: never try again, wait or resolve by hand.
    Unknown,
    /// A manager decided by hand that nothing was charged (named): not a decline by the
    /// card's bank; safe to try again or take another tender.
    NotCharged(String),
    /// "Wait" pressed: asking the terminal again.
    Checking,
    /// The terminal approved; the register has not booked the tender yet (retried on its own).
    /// The customer has paid: no other tender, no second try, no leaving.
    BookingPending(String),
    /// Booking again now.
    Booking,
    /// The register refused before anything was sent (busy terminal, open attempt, offline).
    Refused(String),
    /// Approved, and the merchant copy asks for the cardholder's signature: the cashier checks
    /// it before the sale goes on (nexo light integration).
    Signature,
    /// The signature was refused: the payment is being reversed (a void attempt of its own).
    Reversing,
    /// Given back: nothing charged; this receipt voids the sale's (`None`: approved by the
    /// terminal, the receipt is booked at the next recovery).
    Reversed(Option<i64>),
    /// The give-back's outcome was lost: no new payment until the terminal says (Enter asks).
    ReversalUnknown,
}

#[derive(Debug, Clone)]
pub enum Message {
    Key(Action),
    Opened(Answer<(i64, Money)>),
    Progress(Progress),
    Done(Answer<Box<CardPayment>>),
    TryAgain,
    OtherTender,
    Back,
    Wait,
    Resolve,
    ManagerAnswer(Answer<Operator>),
    /// Book the approved payment again (Enter, or on its own every few seconds).
    Book,
    /// Show or hide the technical evidence (F2).
    Details,
    /// The manager's decision: approved (true) or not charged (false).
    Force(bool),
    /// Cancel the payment the terminal holds (Esc or the button; nexo only).
    Cancel,
    /// The terminal took the cancel request (`false`: no payment was open any more).
    Aborted(Answer<bool>),
    /// The signature matches (Enter) or not (F5).
    SignatureOk,
    SignatureRefused,
    /// A confirmed signature was noted: the sale goes on.
    SignatureNoted(Answer<()>),
    /// The terminal took the cashier's answer to its question (`false`: it no longer waited).
    SignatureAnswered(bool),
    /// The reversal after a refused signature ended.
    Reversed(Answer<Box<Refunded>>),
    /// Ask the terminal again about a give-back whose outcome was lost (Enter).
    CheckReversal,
    /// Print the declined card's slip for the customer (F6), and the printer's answer.
    PrintSlip,
    SlipPrinted(Answer<()>),
    Tick,
}

pub enum Event {
    Run(Job),
    Work(Work),
    /// The order is covered: show the receipt.
    Paid(Receipt),
    /// Take the rest (or all of it) another way: cash on this order.
    Cash {
        order_id: i64,
        due: Money,
    },
    /// Give up this payment: back to the sale (the order, if any, is voided).
    Back(Option<i64>),
}

type Step = (Task<Message>, Option<Event>);

impl CardPay {
    /// A card payment of `amount`; with no order yet the cart is committed first.
    pub fn new(order_id: Option<i64>, amount: Money, terminal: String) -> CardPay {
        CardPay {
            order_id,
            amount,
            terminal,
            phase: Phase::Opening,
            now: None,
            display: String::new(),
            events: Vec::new(),
            seconds: 0,
            attempt: None,
            resolve: None,
            notice: None,
            details: false,
            abandon: false,
            can_abort: false,
            abort: Abort::None,
            signature: None,
            slip: Vec::new(),
            reversal: None,
            asked_again: false,
        }
    }

    /// True while a request may be with the terminal (no lock, no leaving, ask before closing).
    pub fn in_flight(&self) -> bool {
        matches!(self.phase, Phase::Paying | Phase::Checking | Phase::Booking | Phase::Reversing)
    }

    /// The approved payment waits for the cashier's signature check: closing the window now
    /// would leave the signature unchecked, so it asks first.
    pub fn awaiting_signature(&self) -> bool {
        self.phase == Phase::Signature
    }

    /// True while the outcome is not known or not booked: the window asks before it closes.
    pub fn unsettled(&self) -> bool {
        self.in_flight()
            || matches!(self.phase, Phase::Unknown | Phase::BookingPending(_) | Phase::ReversalUnknown)
    }

    /// The work that sends the payment (after the order is committed).
    pub fn start(&mut self, by: &Operator) -> Option<Event> {
        let order_id = self.order_id?;
        self.phase = Phase::Paying;
        self.now = Some(Progress::Connecting);
        self.display.clear();
        self.slip.clear();
        self.signature = None;
        self.seconds = 0;
        self.notice = None;
        self.abort = Abort::None;
        Some(Event::Work(Work::PayCard {
            by: by.clone(),
            order_id,
            amount: self.amount,
            terminal: self.terminal.clone(),
        }))
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Step {
        let none = (Task::none(), None);
        let Some(by) = ctx.operator.clone() else { return none };
        let event = match message {
            Message::Opened(Ok((order_id, due))) => {
                self.order_id = Some(order_id);
                self.amount = self.amount.min(due);
                if self.abandon { Some(Event::Back(Some(order_id))) } else { self.start(&by) }
            }
            Message::Opened(Err(f)) => {
                self.phase = Phase::Refused(f.text);
                None
            }
            Message::Progress(p) => {
                self.progress(p);
                self.abort_when_sent()
            }
            Message::Cancel => self.cancel(),
            Message::Aborted(answer) => {
                self.aborted(answer, ctx);
                None
            }
            Message::Done(answer) => self.done(answer, ctx),
            Message::Tick => {
                if self.in_flight() || matches!(self.phase, Phase::BookingPending(_)) {
                    self.seconds += 1;
                }
                // An approved payment not booked yet is booked again on its own.
                let due = self.seconds.is_multiple_of(BOOK_RETRY_SECONDS);
                if matches!(self.phase, Phase::BookingPending(_)) && due { self.book(&by) } else { None }
            }
            Message::Book => self.book(&by),
            Message::Details => {
                self.details = !self.details;
                None
            }
            Message::Key(action) => self.key(action, ctx),
            Message::TryAgain => self.try_again(&by),
            Message::OtherTender => self.other_tender(),
            Message::Back => self.back(ctx),
            Message::Wait => self.wait(),
            Message::Resolve => self.start_resolve(&by),
            Message::ManagerAnswer(answer) => {
                self.manager_answer(answer);
                None
            }
            Message::Force(approved) => self.force(approved, ctx),
            Message::SignatureOk => self.signature_answer(true, &by),
            Message::SignatureRefused => self.signature_answer(false, &by),
            Message::SignatureNoted(Err(f)) => {
                // Not noted (the card was given back meanwhile, or the disk): the sale does not
                // go on as confirmed; the cashier sees why and may try again.
                if let Some(c) = &mut self.signature {
                    c.answered = false;
                }
                self.notice = Some(Notice::error(f.text));
                None
            }
            Message::SignatureNoted(Ok(())) => {
                self.signature.take().and_then(|c| c.approved).and_then(|a| self.went_through(a))
            }
            Message::SignatureAnswered(taken) => {
                if !taken {
                    self.notice = Some(Notice::warning(ctx.i18n.tr("signature-too-late")));
                }
                self.signature = None;
                None
            }
            Message::Reversed(answer) => {
                self.reversed(answer, ctx);
                None
            }
            Message::PrintSlip => self.print_slip(),
            Message::CheckReversal => self.check_reversal(),
            Message::SlipPrinted(answer) => {
                self.notice = Some(match answer {
                    Ok(()) => Notice::done(ctx.i18n.tr("pay-slip-printed")),
                    Err(f) => Notice::error(f.text),
                });
                None
            }
        };
        (Task::none(), event)
    }

    fn progress(&mut self, p: Progress) {
        match &p {
            Progress::Display(t) => self.display = t.trim().to_string(),
            Progress::SignatureCheck(copy) if self.phase == Phase::Paying => {
                self.signature = Some(SignatureCheck::asked(copy.clone()));
            }
            Progress::Acknowledged | Progress::HostLink(true) => {}
            _ => self.now = Some(p.clone()),
        }
        if self.events.len() == KEEP_EVENTS {
            self.events.remove(0);
        }
        self.events.push(p);
    }

    fn done(&mut self, answer: Answer<Box<CardPayment>>, ctx: &Ctx) -> Option<Event> {
        let i18n = &ctx.i18n;
        let payment = match answer {
            Ok(p) => p,
            Err(f) if matches!(self.phase, Phase::Booking | Phase::BookingPending(_)) => {
                // The terminal approved: a failed booking stays "booking pending", retried.
                self.phase = Phase::BookingPending(f.text);
                return None;
            }
            Err(f) => {
                // Refused before sending; if an attempt is open the session said so itself.
                self.asked_again = false;
                self.phase = if self.phase == Phase::Checking {
                    Phase::Unknown
                } else {
                    Phase::Refused(f.text.clone())
                };
                if self.phase == Phase::Unknown {
                    self.notice = Some(Notice::error(f.text));
                }
                return None;
            }
        };
        let CardPayment { attempt, receipt, remaining, pending, check_signature } = *payment;
        self.slip = match &attempt.outcome {
            Some(Outcome::Declined { receipt_text, .. }) => {
                receipt_text.lines().map(str::to_string).collect()
            }
            _ => Vec::new(),
        };
        self.phase = match (&attempt.state, &attempt.outcome) {
            (AttemptState::Approved, _) => Phase::Approved,
            (AttemptState::Declined, _) if attempt.note.starts_with("forced by ") => {
                Phase::NotCharged(attempt.note.trim_start_matches("forced by ").trim().to_string())
            }
            (AttemptState::Declined, Some(Outcome::Declined { code, message, .. })) => {
                Phase::Declined(reason(message, code, i18n))
            }
            // The cashier asked for it: said in their words; the terminal's are in the details.
            (AttemptState::Cancelled, _) if self.abort != Abort::None => {
                Phase::Cancelled(i18n.tr("pay-aborted-by-cashier"))
            }
            (AttemptState::Cancelled, Some(Outcome::Cancelled { message })) => {
                Phase::Cancelled(reason(message, "", i18n))
            }
            (AttemptState::Declined, _) => Phase::Declined(i18n.tr("pay-no-reason")),
            (AttemptState::Cancelled, _) => Phase::Cancelled(i18n.tr("pay-no-reason")),
            (AttemptState::Failed, _) => Phase::Failed(attempt.note.clone()),
            _ => Phase::Unknown,
        };
        if let Some(why) = pending.clone() {
            // What the journal says wins; the error is only the reason it is not complete.
            match self.phase {
                Phase::Approved => self.phase = Phase::BookingPending(why),
                _ => self.notice = Some(Notice::error(why)),
            }
        }
        if self.phase != Phase::Unknown {
            self.resolve = None;
        }
        if std::mem::take(&mut self.asked_again) && self.phase == Phase::Unknown && pending.is_none() {
            // Asking again changed nothing: say so, with the time, or the cashier sees no answer.
            let time = chrono::Local::now().format("%H:%M").to_string();
            self.notice = Some(Notice::warning(fl!(i18n, "pay-asked-again", time = time)));
        }
        // The terminal's own question, if any, is over with the payment.
        self.signature = None;
        let approved = Approved { receipt, remaining };
        if self.phase == Phase::Approved
            && check_signature
            && let Some(a) = signature_to_check(&attempt)
        {
            self.signature = Some(SignatureCheck::after_approval(&a.receipt_text, approved));
            self.phase = Phase::Signature;
            self.attempt = Some(attempt);
            return None;
        }
        self.attempt = Some(attempt);
        if self.phase == Phase::Approved { self.went_through(approved) } else { None }
    }

    /// Only a result that proves nothing was charged allows another try.
    pub fn may_try_again(&self) -> bool {
        matches!(
            self.phase,
            Phase::Declined(_)
                | Phase::Cancelled(_)
                | Phase::Failed(_)
                | Phase::Refused(_)
                | Phase::NotCharged(_)
        ) && self.order_id.is_some()
    }

    fn may_leave(&self) -> bool {
        matches!(self.phase, Phase::Opening)
            || self.may_try_again()
            || (matches!(self.phase, Phase::Refused(_)) && self.order_id.is_none())
    }

    fn key(&mut self, action: Action, ctx: &Ctx) -> Option<Event> {
        let by = ctx.operator.as_ref()?;
        if self.resolve.is_some() {
            return self.resolve_key(action, ctx);
        }
        let asked = self.signature.as_ref().is_some_and(|c| !c.answered)
            && matches!(self.phase, Phase::Paying | Phase::Signature);
        match action {
            Action::Enter if asked => self.signature_answer(true, by),
            Action::Void if asked => self.signature_answer(false, by),
            // Esc while the terminal itself asks: "no" at once (it then refuses the payment),
            // rather than an Abort the terminal would hold until the question times out.
            Action::Escape if asked && self.phase == Phase::Paying => self.signature_answer(false, by),
            Action::Enter | Action::Escape if matches!(self.phase, Phase::Reversed(_)) => {
                Some(Event::Back(None))
            }
            Action::Print => self.print_slip(),
            Action::Enter if self.phase == Phase::ReversalUnknown => self.check_reversal(),
            Action::Enter if matches!(self.phase, Phase::BookingPending(_)) => self.book(by),
            Action::Enter if self.phase == Phase::Unknown => self.wait(),
            Action::Manager if self.phase == Phase::Unknown => self.start_resolve(by),
            Action::Search if self.attempt.is_some() => {
                self.details = !self.details;
                None
            }
            Action::Enter | Action::Card if self.may_try_again() => self.try_again(by),
            Action::Cash => self.other_tender(),
            Action::Escape => {
                if self.resolve.take().is_some() {
                    return None;
                }
                if self.phase == Phase::Opening {
                    self.abandon = true;
                    return self.order_id.is_none().then_some(Event::Back(None));
                }
                if self.phase == Phase::Paying {
                    return self.cancel();
                }
                if self.may_leave() {
                    return Some(Event::Back(self.order_id));
                }
                self.notice = Some(Notice::warning(self.why_stay(ctx)));
                None
            }
            _ => None,
        }
    }

    /// The request is with the terminal (sent, not answered): the only time Abort applies.
    fn with_terminal(&self) -> bool {
        self.phase == Phase::Paying && self.events.iter().any(|p| matches!(p, Progress::Sent))
    }

    /// Esc or Cancel while paying: where the protocol can abort, ask (again, once the last
    /// Abort was answered); elsewhere nothing (the cashier cancels on the terminal).
    fn cancel(&mut self) -> Option<Event> {
        if !self.can_abort || self.phase != Phase::Paying || !self.may_cancel() {
            return None;
        }
        self.abort = Abort::Wanted;
        self.abort_when_sent()
    }

    /// Whether Esc or the Cancel button would ask the terminal now.
    fn may_cancel(&self) -> bool {
        matches!(self.abort, Abort::None | Abort::Asked)
    }

    /// Sends the Abort asked for, once the request has reached the terminal.
    fn abort_when_sent(&mut self) -> Option<Event> {
        if self.abort != Abort::Wanted || !self.with_terminal() {
            return None;
        }
        self.abort = Abort::Asking;
        Some(Event::Work(Work::Abort { terminal: self.terminal.clone() }))
    }

    /// The Abort's own answer only says whether the terminal took it; the payment's outcome
    /// (cancelled, or approved if the card was quicker) comes through the payment itself.
    fn aborted(&mut self, answer: Answer<bool>, ctx: &Ctx) {
        if self.abort != Abort::Asking || self.phase != Phase::Paying {
            return;
        }
        match answer {
            Ok(_) => self.abort = Abort::Asked,
            Err(f) => {
                self.abort = Abort::None;
                self.notice = Some(Notice::warning(fl!(ctx.i18n, "pay-cancel-failed", reason = f.text)));
            }
        }
    }

    fn try_again(&mut self, by: &Operator) -> Option<Event> {
        if !self.may_try_again() {
            return None;
        }
        self.events.clear();
        self.attempt = None;
        self.start(by)
    }

    fn other_tender(&mut self) -> Option<Event> {
        if !self.may_try_again() {
            return None;
        }
        self.order_id.map(|order_id| Event::Cash { order_id, due: self.amount })
    }

    fn back(&mut self, ctx: &Ctx) -> Option<Event> {
        if let Phase::Reversed(_) = self.phase {
            // The sale's order was paid and voided: back to the sale, whose cart is unchanged.
            return Some(Event::Back(None));
        }
        if self.may_leave() {
            Some(Event::Back(self.order_id))
        } else {
            self.notice = Some(Notice::warning(self.why_stay(ctx)));
            None
        }
    }

    fn book(&mut self, by: &Operator) -> Option<Event> {
        if !matches!(self.phase, Phase::BookingPending(_)) {
            return None;
        }
        let attempt = self.attempt.clone()?;
        self.phase = Phase::Booking;
        Some(Event::Work(Work::Book { by: by.clone(), attempt: Box::new(attempt) }))
    }

    fn wait(&mut self) -> Option<Event> {
        if self.phase != Phase::Unknown {
            return None;
        }
        let attempt = self.attempt.clone()?;
        self.phase = Phase::Checking;
        self.notice = None;
        self.asked_again = true;
        Some(Event::Work(Work::Recover { terminal: self.terminal.clone(), attempt: Box::new(attempt) }))
    }
}
