//! The card payment screen: what the terminal is doing now, its own display text, the amount
//! and a timer; then approved, declined, failed (nothing charged) or unknown (wait or resolve).

use iced::widget::{column, container, row, text};
use iced::{Alignment, Element, Length, Task};

use crate::domain::{Money, Receipt};
use crate::fl;
use crate::register::{CardPayment, Operator, Refunded, signature_to_check};
use crate::terminal::{Approval, Attempt, AttemptState, Outcome, Progress};
use crate::ui::ctx::Ctx;
use crate::ui::jobs::{Answer, Job, PinFor};
use crate::ui::keys::Action;
use crate::ui::link::Work;
use crate::ui::screen::signature::{Approved, SignatureCheck, slip_view};
use crate::ui::theme;
use crate::ui::widget::{self, Notice, keypad};

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

#[derive(Debug, Clone, Default)]
pub struct Resolve {
    pub pin: String,
    pub manager: Option<Operator>,
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
            Message::Key(action) => self.key(action, &by),
            Message::TryAgain => self.try_again(&by),
            Message::OtherTender => self.other_tender(),
            Message::Back => self.back(ctx),
            Message::Wait => self.wait(),
            Message::Resolve => self.start_resolve(&by),
            Message::ManagerAnswer(Ok(manager)) => {
                if let Some(r) = &mut self.resolve {
                    r.manager = Some(manager);
                    self.notice = None;
                }
                None
            }
            Message::ManagerAnswer(Err(f)) => {
                self.notice = Some(Notice::error(f.text));
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
        if let Some(why) = pending {
            // What the journal says wins; the error is only the reason it is not complete.
            match self.phase {
                Phase::Approved => self.phase = Phase::BookingPending(why),
                _ => self.notice = Some(Notice::error(why)),
            }
        }
        if self.phase != Phase::Unknown {
            self.resolve = None;
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

    /// The declined card's slip to the printer, for the customer.
    fn print_slip(&mut self) -> Option<Event> {
        if self.slip.is_empty() || !matches!(self.phase, Phase::Declined(_)) {
            return None;
        }
        let attempt = self.attempt.as_ref()?.id;
        Some(Event::Work(Work::PrintSlip { attempt }))
    }

    /// An approved payment moves on: the receipt when it covered the sale, else the rest.
    fn went_through(&mut self, approved: Approved) -> Option<Event> {
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
    fn signature_answer(&mut self, confirmed: bool, by: &Operator) -> Option<Event> {
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
    fn reversed(&mut self, answer: Answer<Box<Refunded>>, ctx: &Ctx) {
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
        self.notice = None;
    }

    /// Nothing was given back: the payment stands, the question is asked again.
    fn back_to_signature(&mut self, why: String) {
        self.phase = Phase::Signature;
        if let Some(c) = &mut self.signature {
            c.answered = false;
            c.refused = true;
        }
        self.notice = Some(Notice::error(why));
    }

    /// Enter on an unknown give-back: ask the terminal again.
    fn check_reversal(&mut self) -> Option<Event> {
        if self.phase != Phase::ReversalUnknown {
            return None;
        }
        let attempt = self.reversal.as_ref()?.id;
        self.notice = None;
        Some(Event::Work(Work::CheckReversal { terminal: self.terminal.clone(), attempt }))
    }

    /// Only a result that proves nothing was charged allows another try.
    pub fn may_try_again(&self) -> bool {
        matches!(self.phase, Phase::Declined(_) | Phase::Cancelled(_) | Phase::Failed(_) | Phase::Refused(_))
            && self.order_id.is_some()
    }

    fn may_leave(&self) -> bool {
        matches!(self.phase, Phase::Opening)
            || self.may_try_again()
            || (matches!(self.phase, Phase::Refused(_)) && self.order_id.is_none())
    }

    fn key(&mut self, action: Action, by: &Operator) -> Option<Event> {
        if let Some(r) = &mut self.resolve
            && r.manager.is_none()
        {
            match action {
                Action::Digit(d) if r.pin.len() < 12 => r.pin.push(d),
                Action::Backspace => {
                    r.pin.pop();
                }
                Action::Escape => self.resolve = None,
                Action::Enter if !r.pin.is_empty() => {
                    let pin = std::mem::take(&mut r.pin);
                    return Some(Event::Run(Job::ManagerPin { pin, to: PinFor::Card }));
                }
                _ => {}
            }
            return None;
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
                if self.may_leave() { Some(Event::Back(self.order_id)) } else { None }
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
            self.notice = Some(Notice::warning(ctx.i18n.tr("pay-cannot-leave")));
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
        Some(Event::Work(Work::Recover { terminal: self.terminal.clone(), attempt: Box::new(attempt) }))
    }

    fn start_resolve(&mut self, by: &Operator) -> Option<Event> {
        if self.phase != Phase::Unknown {
            return None;
        }
        let manager = by.is_manager().then(|| by.clone());
        self.resolve = Some(Resolve { pin: String::new(), manager });
        None
    }

    fn force(&mut self, approved: bool, ctx: &Ctx) -> Option<Event> {
        let manager = self.resolve.as_ref()?.manager.clone()?;
        let attempt = self.attempt.clone()?;
        let outcome = if approved {
            Outcome::Approved(Approval { auth_code: "MANUAL".into(), ..Approval::default() })
        } else {
            Outcome::declined(String::new(), ctx.i18n.tr("pay-resolved-not-charged"))
        };
        self.phase = Phase::Checking;
        Some(Event::Work(Work::Force { by: manager, attempt: Box::new(attempt), outcome: Box::new(outcome) }))
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let (status, style): (String, fn(&iced::Theme) -> container::Style) = self.status_line(ctx);
        let minutes = format!("{}:{:02}", self.seconds / 60, self.seconds % 60);
        let display = if self.display.is_empty() { "—".to_string() } else { self.display.clone() };
        let mut left = column![
            text(fl!(i18n, "pay-title", terminal = self.terminal.clone())).size(theme::TITLE),
            widget::amount_row(i18n.tr("pay-amount"), i18n.money(self.amount), theme::TOTAL),
            container(text(status).size(32).wrapping(text::Wrapping::WordOrGlyph))
                .padding([16, 16])
                .width(Length::Fill)
                .style(style),
            row![
                text(fl!(i18n, "pay-terminal-says", text = display)).size(20).width(Length::Fill),
                text(fl!(i18n, "pay-timer", time = minutes)).size(20),
            ]
            .spacing(12),
        ]
        .spacing(16)
        .width(Length::Fill);
        if let Some(a) = &self.attempt
            && matches!(self.phase, Phase::Unknown | Phase::Checking)
        {
            left = left.push(text(i18n.tr("pay-unknown-help")).size(theme::BODY));
            if !a.note.is_empty() && self.details {
                left = left.push(text(fl!(i18n, "pay-evidence", note = a.note.clone())).size(theme::SMALL));
            }
        }
        if let Phase::BookingPending(why) = &self.phase {
            left = left.push(text(i18n.tr("pay-booking-pending-help")).size(theme::BODY));
            if self.details {
                left = left.push(text(fl!(i18n, "pay-evidence", note = why.clone())).size(theme::SMALL));
            }
        }
        if let Some(c) = self.signature.as_ref().filter(|c| !c.answered) {
            let help =
                if c.approved.is_some() { "signature-help-reverse" } else { "signature-help-terminal" };
            left = left.push(text(i18n.tr(help)).size(theme::BODY));
        }
        if let Phase::Reversed(_) = self.phase {
            left = left.push(text(i18n.tr("signature-reversed-help")).size(theme::BODY));
        }
        if let Some(n) = &self.notice {
            left = left.push(widget::notice(n));
        }
        let right: Element<'a, Message> = match (&self.resolve, &self.signature) {
            (Some(r), _) => self.resolve_view(r, ctx),
            (None, Some(c)) => c.view(ctx),
            (None, None) if !self.slip.is_empty() && matches!(self.phase, Phase::Declined(_)) => {
                slip_view(i18n.tr("pay-slip"), &self.slip)
            }
            (None, None) => self.steps_view(ctx),
        };
        container(
            column![
                row![left, right].spacing(24).align_y(Alignment::Start).height(Length::Fill),
                self.actions(ctx)
            ]
            .spacing(12),
        )
        .padding(16)
        .into()
    }

    /// The big status line's words (and whether it is a warning), for tests and the view.
    pub fn status_text(&self, ctx: &Ctx) -> (String, bool) {
        let (text, _) = self.status_line(ctx);
        (
            text,
            matches!(
                self.phase,
                Phase::Unknown | Phase::Checking | Phase::BookingPending(_) | Phase::Booking
            ),
        )
    }

    fn status_line(&self, ctx: &Ctx) -> (String, fn(&iced::Theme) -> container::Style) {
        let i18n = &ctx.i18n;
        let panel: fn(&iced::Theme) -> container::Style = theme::panels::panel;
        match &self.phase {
            Phase::Opening => (i18n.tr("pay-opening"), panel),
            Phase::Paying if self.signature.as_ref().is_some_and(|c| !c.answered) => {
                (format!("✎ {}", i18n.tr("signature-check")), theme::panels::warning)
            }
            Phase::Signature => (format!("✎ {}", i18n.tr("signature-check")), theme::panels::warning),
            Phase::Reversing => (format!("… {}", i18n.tr("signature-reversing")), theme::panels::warning),
            Phase::Reversed(Some(n)) => {
                (format!("↺ {}", fl!(i18n, "signature-reversed", number = *n)), theme::panels::info)
            }
            Phase::Reversed(None) => {
                (format!("↺ {}", i18n.tr("signature-reversed-pending")), theme::panels::info)
            }
            Phase::ReversalUnknown => {
                (format!("? {}", i18n.tr("signature-reversal-unknown")), theme::panels::warning)
            }
            Phase::Paying if self.abort != Abort::None => {
                (format!("… {}", i18n.tr("pay-cancelling")), theme::panels::info)
            }
            Phase::Paying => (format!("… {}", now_text(self.now.as_ref(), ctx)), theme::panels::info),
            Phase::Approved => (format!("✓ {}", i18n.tr("pay-approved")), theme::panels::success),
            Phase::BookingPending(_) | Phase::Booking => {
                (format!("✓ {}", i18n.tr("pay-approved-booking-pending")), theme::panels::warning)
            }
            Phase::Declined(r) => {
                (format!("✗ {}", fl!(i18n, "pay-declined", reason = r.clone())), theme::panels::error)
            }
            Phase::Cancelled(r) => {
                (format!("✗ {}", fl!(i18n, "pay-cancelled", reason = r.clone())), theme::panels::error)
            }
            Phase::Failed(note) => (format!("✗ {}", self.failed_text(note, ctx)), theme::panels::error),
            Phase::Refused(r) => (format!("✗ {r}"), theme::panels::error),
            Phase::Unknown => (format!("? {}", i18n.tr("pay-unknown")), theme::panels::warning),
            Phase::Checking => (format!("… {}", i18n.tr("pay-checking")), theme::panels::warning),
        }
    }

    /// Why a payment that moved no money failed, told from the same events the step list
    /// shows: refused by a busy terminal, refused after it reached the terminal, or never sent.
    fn failed_text(&self, note: &str, ctx: &Ctx) -> String {
        let reached = self.events.iter().any(|p| matches!(p, Progress::Sent | Progress::Acknowledged));
        let id = if note == crate::terminal::TerminalError::Busy.to_string() {
            "pay-failed-busy"
        } else if reached {
            "pay-failed-refused"
        } else {
            "pay-failed"
        };
        ctx.i18n.tr(id)
    }

    /// The step list: the terminal's events, then how it ended in the status line's own
    /// words (one source of truth for both).
    pub fn steps(&self, ctx: &Ctx) -> Vec<String> {
        let skip = self.events.len().saturating_sub(12);
        let mut steps: Vec<String> = self.events.iter().skip(skip).map(|p| event_text(p, ctx)).collect();
        if !self.in_flight() && !matches!(self.phase, Phase::Opening) {
            steps.push(self.status_line(ctx).0);
        }
        steps
    }

    /// What happened so far, newest last, so the cashier sees the payment move.
    fn steps_view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let steps = self.steps(ctx).into_iter().fold(column![].spacing(4), |col, step| {
            col.push(text(step).size(theme::SMALL).style(theme::texts::muted))
        });
        container(steps).padding(12).width(Length::Fixed(300.0)).into()
    }

    fn resolve_view<'a>(&'a self, r: &'a Resolve, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let body: Element<'a, Message> = match &r.manager {
            None => column![
                text(i18n.tr("manager-pin-prompt")).size(theme::BODY),
                text(if r.pin.is_empty() { "–".into() } else { "●".repeat(r.pin.len()) }).size(28),
                keypad::view(Message::Key, i18n.tr("key-enter-ok"), ctx.decimal()),
            ]
            .spacing(8)
            .into(),
            Some(m) => column![
                text(fl!(i18n, "pay-resolve-by", name = m.name.clone())).size(theme::BODY),
                text(i18n.tr("pay-resolve-help")).size(theme::SMALL),
                widget::action(
                    format!("✓ {}", i18n.tr("pay-resolve-approved")),
                    "",
                    Some(Message::Force(true)),
                    theme::buttons::success
                ),
                widget::action(
                    format!("✗ {}", i18n.tr("pay-resolve-not-charged")),
                    "",
                    Some(Message::Force(false)),
                    theme::buttons::danger
                ),
            ]
            .spacing(8)
            .into(),
        };
        container(body).padding(12).width(Length::Fixed(300.0)).style(theme::panels::panel).into()
    }

    fn actions<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let b = |id: &str, key: &'static str, msg: Message, style| {
            widget::action(i18n.tr(id), key, Some(msg), style)
        };
        let mut r = row![].spacing(8);
        if let Some(c) =
            self.signature.as_ref().filter(|_| matches!(self.phase, Phase::Paying | Phase::Signature))
        {
            let on = |m: Message| (!c.answered).then_some(m);
            let go_on = if c.refused { "signature-leave" } else { "signature-ok" };
            r = r.push(widget::action(
                i18n.tr(go_on),
                "Enter",
                on(Message::SignatureOk),
                theme::buttons::primary,
            ));
            r = r.push(widget::action(
                i18n.tr("signature-refuse"),
                Action::Void.label(),
                on(Message::SignatureRefused),
                theme::buttons::danger,
            ));
            if self.phase == Phase::Signature {
                return r.into();
            }
        }
        match &self.phase {
            Phase::Signature => {}
            Phase::Reversed(_) => r = r.push(b("action-back", "Esc", Message::Back, theme::buttons::key)),
            Phase::ReversalUnknown => {
                r = r.push(b("pay-wait", "Enter", Message::CheckReversal, theme::buttons::primary));
            }
            Phase::Reversing => {
                r = r.push(text(i18n.tr("signature-reversing")).size(theme::BODY).style(theme::texts::muted))
            }
            Phase::Opening => r = r.push(b("action-back", "Esc", Message::Back, theme::buttons::key)),
            Phase::BookingPending(_) => {
                r = r.push(b("pay-book-now", "Enter", Message::Book, theme::buttons::primary));
                r = r.push(self.details_button(ctx));
            }
            Phase::Paying if self.can_abort => {
                let on = self.may_cancel().then_some(Message::Cancel);
                r = r.push(widget::action(i18n.tr("pay-cancel"), "Esc", on, theme::buttons::danger));
            }
            Phase::Paying | Phase::Checking | Phase::Approved | Phase::Booking => {
                r = r.push(
                    text(i18n.tr("pay-cancel-on-terminal")).size(theme::BODY).style(theme::texts::muted),
                )
            }
            Phase::Unknown => {
                r = r.push(b("pay-wait", "Enter", Message::Wait, theme::buttons::primary));
                r = r.push(b("pay-resolve", Action::Manager.label(), Message::Resolve, theme::buttons::key));
                r = r.push(self.details_button(ctx));
            }
            _ => {
                if self.may_try_again() {
                    r = r.push(b("pay-try-again", "Enter", Message::TryAgain, theme::buttons::primary));
                    if !self.slip.is_empty() && matches!(self.phase, Phase::Declined(_)) {
                        let print = Action::Print.label();
                        r = r.push(b("pay-print-slip", print, Message::PrintSlip, theme::buttons::key));
                    }
                    r = r.push(b(
                        "pay-other-tender",
                        Action::Cash.label(),
                        Message::OtherTender,
                        theme::buttons::key,
                    ));
                }
                r = r.push(b("action-back", "Esc", Message::Back, theme::buttons::key));
            }
        }
        r.into()
    }
}

impl CardPay {
    /// Shows or hides the protocol's own words (F2).
    fn details_button<'a>(&self, ctx: &'a Ctx) -> Element<'a, Message> {
        let id = if self.details { "pay-details-hide" } else { "pay-details-show" };
        widget::action(ctx.i18n.tr(id), Action::Search.label(), Some(Message::Details), theme::buttons::key)
    }
}

/// The declined or cancelled reason, as the terminal gave it, in words when it gave none.
fn reason(message: &str, code: &str, i18n: &crate::i18n::I18n) -> String {
    match (message.trim(), code.trim()) {
        ("", "") => i18n.tr("pay-no-reason"),
        ("", c) => fl!(i18n, "pay-reason-code", code = c.to_string()),
        (m, "") => m.to_string(),
        (m, c) => format!("{m} ({c})"),
    }
}

/// What the terminal is doing now, in the cashier's words.
pub fn now_text(p: Option<&Progress>, ctx: &Ctx) -> String {
    let id = match p {
        None | Some(Progress::Connecting) => "pay-connecting",
        Some(Progress::Sent | Progress::Acknowledged | Progress::Display(_)) => "pay-sent",
        Some(Progress::InsertCard) => "pay-insert-card",
        Some(Progress::EnterPin) => "pay-enter-pin",
        Some(Progress::Authorising | Progress::HostLink(true)) => "pay-authorising",
        Some(Progress::HostLink(false)) => "pay-host-down",
        Some(Progress::Retrying(_)) => "pay-retrying",
        Some(Progress::ResultReceived) => "pay-result",
        Some(Progress::Recovering) => "pay-recovering",
        Some(Progress::SignatureCheck(_)) => "signature-check",
    };
    ctx.i18n.tr(id)
}

/// A progress event as one line for diagnostics.
pub fn event_text(p: &Progress, ctx: &Ctx) -> String {
    match p {
        Progress::Display(t) => fl!(ctx.i18n, "pay-terminal-says", text = t.trim().to_string()),
        Progress::Retrying(n) => format!("{} ({n})", now_text(Some(p), ctx)),
        Progress::HostLink(true) => ctx.i18n.tr("diag-host-up"),
        Progress::Acknowledged => ctx.i18n.tr("diag-acknowledged"),
        other => now_text(Some(other), ctx),
    }
}
