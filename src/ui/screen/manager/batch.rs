//! Batch close: the X report (totals per tender and VAT rate since the last close, card
//! payments per terminal, sales per hour), the drawer (opening float, cash counted, over or
//! short), this terminal's running totals against its own card payments, the close itself
//! (Z, the terminal's batch with the register's), and the history with differences marked.

mod view;

use crate::domain::Money;
use crate::domain::{BatchClosure, RegisterTotals};
use crate::fl;
use crate::register::{Operator, RegisterError, ZIssued};
use crate::terminal::BatchTotals;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::Work;
use crate::ui::request::{Answer, Failure, Job};
use crate::ui::widget::Notice;

/// The counted-cash field (tests click into it).
pub const COUNTED_ID: &str = "batch-counted";
/// The opening-float field.
pub const FLOAT_ID: &str = "batch-float";

#[derive(Debug, Default)]
pub struct Pane {
    pub totals: Option<RegisterTotals>,
    pub closures: Vec<BatchClosure>,
    pub counted: String,
    /// The day's opening float as typed; empty: the float the shifts were opened with.
    pub float: String,
    /// The terminal whose batch closes with the register's.
    pub terminal: String,
    /// The terminal's running totals; `None` while asking.
    pub terminal_totals: Option<Answer<BatchTotals>>,
    /// The terminal could not close its batch: the register's side may close alone.
    pub terminal_down: bool,
    /// The terminal's protocol has no batch close (AADE 1155): the main action closes the
    /// register's side, and the batch is closed on the terminal itself.
    pub closes_on_terminal: bool,
    /// The close was asked for once; the next press does it.
    pub confirming: Option<Closing>,
    /// A close just made: its Z is issued once the pane has reloaded.
    pub closed: Option<i64>,
    pub notice: Option<Notice>,
}

/// Which close was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// The terminal's batch and the register's, as one numbered Z.
    WithTerminal,
    /// The register's batch only (the terminal cannot be reached).
    RegisterOnly,
}

/// What the pane asks the app to run.
#[derive(Debug)]
pub enum Out {
    Run(Job),
    Work(Work),
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Answer<(RegisterTotals, Vec<BatchClosure>)>),
    TerminalTotals(Answer<BatchTotals>),
    /// The terminal's protocol has no batch close (nor totals to ask for).
    ClosesOnTerminal,
    Counted(String),
    Float(String),
    AskClose,
    /// Close the register's side only (offered when the terminal failed).
    AskRegisterOnly,
    Confirm,
    Cancel,
    Closed(Answer<BatchClosure>),
    /// The terminal could not close its batch; nothing was closed.
    TerminalFailed(Failure),
    /// Print (and save) the Z report of this closure again.
    IssueZ(i64),
    ZIssued(Answer<ZIssued>),
}

/// Cash the drawer should hold for these totals: the opening float plus the cash taken.
pub fn expected_cash(totals: &RegisterTotals) -> Money {
    totals.expected_cash()
}

/// The card total the register took on every terminal, tips included.
pub fn register_card(totals: &RegisterTotals) -> Money {
    totals.card_charged()
}

impl Pane {
    /// A key on the batch tab: Enter closes (asks first, then does it), Esc takes the question
    /// back, F5 closes the register's side alone when the terminal failed, F6 issues the newest
    /// Z again.
    pub fn key(&self, action: Action) -> Option<Message> {
        match action {
            Action::Enter if self.confirming.is_some() => Some(Message::Confirm),
            Action::Enter => Some(Message::AskClose),
            Action::Escape if self.confirming.is_some() => Some(Message::Cancel),
            Action::Void if self.terminal_down && self.confirming.is_none() => Some(Message::AskRegisterOnly),
            Action::Print => self.closures.first().map(|c| Message::IssueZ(c.number)),
            _ => None,
        }
    }

    /// The pane for closing with this terminal.
    pub fn new(terminal: String) -> Pane {
        Pane { terminal, ..Pane::default() }
    }

    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Out> {
        match message {
            Message::Loaded(Ok((totals, closures))) => {
                self.totals = Some(totals);
                self.closures = closures;
                self.terminal_totals = None;
                if let Some(number) = self.closed.take() {
                    // The Z of a close just made is saved and printed before anything else.
                    return Some(Out::Work(Work::IssueZ(number)));
                }
                return Some(Out::Work(Work::TerminalTotals(self.terminal.clone())));
            }
            Message::TerminalTotals(answer) => self.terminal_totals = Some(answer),
            Message::ClosesOnTerminal => self.closes_on_terminal = true,
            Message::Counted(s) => {
                self.counted = s;
                self.confirming = None;
            }
            Message::Float(s) => {
                self.float = s;
                self.confirming = None;
            }
            Message::AskClose => self.ask(Closing::WithTerminal, ctx),
            Message::AskRegisterOnly if self.terminal_down => self.ask(Closing::RegisterOnly, ctx),
            Message::AskRegisterOnly => {}
            Message::Cancel => {
                self.confirming = None;
                self.notice = None;
            }
            Message::Confirm => {
                let closing = self.confirming.take()?;
                match self.counted_cash(ctx).and_then(|c| Ok((c, self.opening_float(ctx)?))) {
                    Ok((counted, float)) => return Some(self.close(closing, by, counted, float)),
                    Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
                }
            }
            Message::Closed(Ok(closure)) => {
                self.notice = Some(Notice::done(fl!(ctx.i18n, "batch-closed", number = closure.number)));
                self.counted.clear();
                self.float.clear();
                self.terminal_down = false;
                self.closed = Some(closure.number);
                return Some(Out::Run(Job::LoadBatch));
            }
            Message::IssueZ(number) => return Some(Out::Work(Work::IssueZ(number))),
            Message::ZIssued(answer) => {
                self.notice = Some(match answer {
                    Ok(z) => view::z_notice(&z, ctx),
                    Err(f) => Notice::error(f.text),
                });
                if self.terminal_totals.is_none() {
                    // After a close the terminal's new (empty) batch is read again.
                    return Some(Out::Work(Work::TerminalTotals(self.terminal.clone())));
                }
            }
            Message::TerminalFailed(f) => {
                self.terminal_down = true;
                self.notice = Some(Notice::error(fl!(ctx.i18n, "batch-terminal-failed", reason = f.text)));
            }
            Message::Loaded(Err(f)) | Message::Closed(Err(f)) => self.notice = Some(Notice::error(f.text)),
        }
        None
    }

    /// Asks once, saying what will happen.
    fn ask(&mut self, closing: Closing, ctx: &Ctx) {
        match self.counted_cash(ctx).and_then(|_| self.opening_float(ctx)) {
            Ok(_) => {
                self.confirming = Some(closing);
                let id = match closing {
                    Closing::WithTerminal if self.closes_on_terminal => "batch-confirm-on-terminal",
                    Closing::WithTerminal => "batch-confirm-terminal",
                    Closing::RegisterOnly => "batch-confirm-register-only",
                };
                self.notice = Some(Notice::warning(ctx.i18n.tr(id)));
            }
            Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
        }
    }

    fn close(&self, closing: Closing, by: &Operator, counted: Option<Money>, float: Option<Money>) -> Out {
        let by = by.clone();
        match closing {
            Closing::WithTerminal => {
                Out::Work(Work::CloseBatch { by, terminal: self.terminal.clone(), counted, float })
            }
            Closing::RegisterOnly => Out::Run(Job::CloseBatch { by, counted, float }),
        }
    }

    fn counted_cash(&self, ctx: &Ctx) -> Result<Option<Money>, RegisterError> {
        amount(&self.counted, ctx)
    }

    /// The float typed at the close; `None`: the one the day's shifts were opened with.
    fn opening_float(&self, ctx: &Ctx) -> Result<Option<Money>, RegisterError> {
        let float = amount(&self.float, ctx)?;
        match float {
            Some(f) if f.is_negative() => Err(RegisterError::Amount {
                input: self.float.clone(),
                source: crate::domain::MoneyError::Malformed(self.float.clone()),
            }),
            other => Ok(other),
        }
    }

    /// What the drawer should hold: the float (as typed, or the day's) plus the cash taken.
    pub fn expected(&self, t: &RegisterTotals, ctx: &Ctx) -> Money {
        let float = self.opening_float(ctx).ok().flatten().unwrap_or(t.opening_float);
        float + t.tendered("cash")
    }

    /// The register's card payments on this pane's terminal, tips included.
    pub fn register_card_here(&self, t: &RegisterTotals) -> Money {
        t.charged_on(&self.terminal)
    }
}

/// An amount field: empty is `None`.
fn amount(input: &str, ctx: &Ctx) -> Result<Option<Money>, RegisterError> {
    if input.trim().is_empty() {
        return Ok(None);
    }
    Money::parse(input, ctx.i18n_style())
        .map(Some)
        .map_err(|source| RegisterError::Amount { input: input.to_string(), source })
}
