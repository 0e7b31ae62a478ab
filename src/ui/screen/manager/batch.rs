//! Batch close: the X report (totals per tender and VAT rate since the last close), the cash
//! a manager counted, the terminal's running totals beside them, the close itself (Z, the
//! terminal's batch with the register's), and the history with differences marked.

use fluent_bundle::FluentValue;
use iced::widget::{column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use crate::domain::Money;
use crate::domain::{BatchClosure, RegisterTotals};
use crate::fl;
use crate::register::{Operator, RegisterError, ZIssued};
use crate::terminal::BatchTotals;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::Work;
use crate::ui::request::{Answer, Failure, Job};
use crate::ui::theme;
use crate::ui::widget::{self, Notice, amount_row};

/// The counted-cash field (tests click into it).
pub const COUNTED_ID: &str = "batch-counted";

#[derive(Debug, Default)]
pub struct Pane {
    pub totals: Option<RegisterTotals>,
    pub closures: Vec<BatchClosure>,
    pub counted: String,
    /// The terminal whose batch closes with the register's.
    pub terminal: String,
    /// The terminal's running totals; `None` while asking.
    pub terminal_totals: Option<Answer<BatchTotals>>,
    /// The terminal could not close its batch: the register's side may close alone.
    pub terminal_down: bool,
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
    Counted(String),
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

/// Cash the drawer should hold for these totals.
pub fn expected_cash(totals: &RegisterTotals) -> Money {
    totals.tenders.get("cash").copied().unwrap_or(Money::ZERO)
}

/// The card total the register took, tips included, to compare with the terminal's.
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
            Message::Counted(s) => {
                self.counted = s;
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
                match self.counted_cash(ctx) {
                    Ok(counted) => return Some(self.close(closing, by, counted)),
                    Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
                }
            }
            Message::Closed(Ok(closure)) => {
                self.notice = Some(Notice::done(fl!(ctx.i18n, "batch-closed", number = closure.number)));
                self.counted.clear();
                self.terminal_down = false;
                self.closed = Some(closure.number);
                return Some(Out::Run(Job::LoadBatch));
            }
            Message::IssueZ(number) => return Some(Out::Work(Work::IssueZ(number))),
            Message::ZIssued(answer) => {
                self.notice = Some(match answer {
                    Ok(z) => z_notice(&z, ctx),
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
        match self.counted_cash(ctx) {
            Ok(_) => {
                self.confirming = Some(closing);
                let id = match closing {
                    Closing::WithTerminal => "batch-confirm-terminal",
                    Closing::RegisterOnly => "batch-confirm-register-only",
                };
                self.notice = Some(Notice::warning(ctx.i18n.tr(id)));
            }
            Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
        }
    }

    fn close(&self, closing: Closing, by: &Operator, counted: Option<Money>) -> Out {
        match closing {
            Closing::WithTerminal => {
                Out::Work(Work::CloseBatch { by: by.clone(), terminal: self.terminal.clone(), counted })
            }
            Closing::RegisterOnly => Out::Run(Job::CloseBatch { by: by.clone(), counted }),
        }
    }

    fn counted_cash(&self, ctx: &Ctx) -> Result<Option<Money>, RegisterError> {
        if self.counted.trim().is_empty() {
            return Ok(None);
        }
        Money::parse(&self.counted, ctx.i18n_style())
            .map(Some)
            .map_err(|source| RegisterError::Amount { input: self.counted.clone(), source })
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let mut report = column![text(i18n.tr("batch-x-title")).size(theme::TITLE)].spacing(6);
        if let Some(t) = &self.totals {
            let range = match (t.first_receipt, t.last_receipt) {
                (Some(a), Some(b)) => fl!(i18n, "batch-range", first = a, last = b),
                _ => i18n.tr("batch-empty"),
            };
            report = report
                .push(text(range).size(theme::SMALL))
                .push(amount_row(i18n.tr("batch-sales"), t.sales.to_string(), theme::BODY))
                .push(amount_row(i18n.tr("batch-refunds"), t.refunds.to_string(), theme::BODY));
            for (kind, amount) in &t.tenders {
                let label = match kind.as_str() {
                    "cash" => i18n.tr("receipt-cash"),
                    "card" => fl!(i18n, "batch-card-count", count = t.card_count),
                    other => other.to_string(),
                };
                report = report.push(amount_row(label, i18n.money(*amount), theme::BODY));
                let tips = t.tips_of(kind);
                if !tips.is_zero() {
                    report = report
                        .push(amount_row(i18n.tr("print-tips"), i18n.money(tips), theme::SMALL))
                        .push(amount_row(
                            i18n.tr("print-card-charged"),
                            i18n.money(*amount + tips),
                            theme::SMALL,
                        ));
                }
            }
            for v in &t.vat {
                report = report.push(amount_row(
                    fl!(i18n, "cart-vat-line", rate = i18n.percent(v.rate)),
                    fl!(
                        i18n,
                        "cart-vat-amounts",
                        net = i18n.money_plain(v.net),
                        vat = i18n.money_plain(v.vat)
                    ),
                    theme::BODY,
                ));
            }
            report = report.push(amount_row(i18n.tr("receipt-total"), i18n.money(t.total), theme::TITLE));
            let expected = expected_cash(t);
            report =
                report.push(amount_row(i18n.tr("batch-expected-cash"), i18n.money(expected), theme::BODY));
        }
        let mut counted = column![
            text(i18n.tr("batch-counted")).size(theme::SMALL),
            // Enter in the field answers the question on show (it has the keyboard, not the key map).
            text_input("", &self.counted)
                .id(COUNTED_ID)
                .on_input(Message::Counted)
                .on_submit(if self.confirming.is_some() { Message::Confirm } else { Message::AskClose })
                .padding(10),
        ]
        .spacing(4);
        if let (Some(t), Ok(Some(c))) = (&self.totals, self.counted_cash(ctx)) {
            counted = counted.push(cash_difference(c, expected_cash(t), ctx));
        }
        let buttons = if self.confirming.is_some() {
            row![
                widget::action(
                    i18n.tr("batch-close-confirm"),
                    Action::Enter.label(),
                    Some(Message::Confirm),
                    theme::buttons::danger
                ),
                widget::action(
                    i18n.tr("action-back"),
                    Action::Escape.label(),
                    Some(Message::Cancel),
                    theme::buttons::key
                ),
            ]
        } else {
            let mut r = row![widget::action(
                i18n.tr("batch-close"),
                Action::Enter.label(),
                Some(Message::AskClose),
                theme::buttons::primary
            )];
            if self.terminal_down {
                r = r.push(widget::action(
                    i18n.tr("batch-close-register-only"),
                    Action::Void.label(),
                    Some(Message::AskRegisterOnly),
                    theme::buttons::key,
                ));
            }
            r
        }
        .spacing(8);
        // Right: what a manager compares and does; the close button never scrolls away.
        let mut close = column![].spacing(12);
        if let Some(t) = &self.totals {
            close = close.push(self.terminal_view(t, ctx));
        }
        close = close.push(counted).push(buttons);
        if let Some(n) = &self.notice {
            close = close.push(widget::notice(n));
        }
        let history =
            self.closures.iter().enumerate().fold(
                column![text(i18n.tr("batch-history")).size(theme::TITLE)].spacing(6),
                |col, (i, c)| col.push(closure_row(c, i == 0, ctx)),
            );
        row![
            container(scrollable(report).spacing(6).height(Length::Fill))
                .padding(12)
                .width(Length::FillPortion(1))
                .style(theme::panels::panel),
            column![
                container(close).padding(12).width(Length::Fill).style(theme::panels::panel),
                container(scrollable(history).spacing(6).height(Length::Fill))
                    .padding(12)
                    .width(Length::Fill)
                    .height(Length::Fill)
                    .style(theme::panels::panel),
            ]
            .spacing(12)
            .width(Length::FillPortion(1)),
        ]
        .spacing(12)
        .into()
    }
}

impl Pane {
    /// The terminal's running totals beside the register's card total, agreeing or not.
    fn terminal_view<'a>(&'a self, t: &RegisterTotals, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let title = text(fl!(i18n, "batch-terminal-title", name = self.terminal.clone())).size(theme::BODY);
        let mut col = column![title].spacing(4);
        match &self.terminal_totals {
            None => {
                col = col.push(
                    text(i18n.tr("batch-terminal-asking")).size(theme::SMALL).style(theme::texts::muted),
                )
            }
            Some(Err(f)) => {
                let words = fl!(i18n, "batch-terminal-unreachable", reason = f.text.clone());
                col = col.push(text(format!("✗ {words}")).size(theme::SMALL).style(theme::texts::danger));
            }
            Some(Ok(term)) => {
                if !term.ok {
                    let words = fl!(
                        i18n,
                        "batch-terminal-refused",
                        code = term.result_code.clone(),
                        reason = term.message.clone()
                    );
                    col = col.push(text(format!("✗ {words}")).size(theme::SMALL).style(theme::texts::danger));
                }
                col = col
                    .push(amount_row(
                        i18n.tr("batch-terminal-total"),
                        i18n.money(term.terminal_total),
                        theme::BODY,
                    ))
                    .push(amount_row(
                        i18n.tr("batch-register-card"),
                        i18n.money(register_card(t)),
                        theme::BODY,
                    ))
                    .push(agreement(term.terminal_total, register_card(t), ctx));
            }
        }
        container(col).padding(8).width(Length::Fill).style(theme::panels::panel).into()
    }
}

/// ✓ or ✗ with words: whether the terminal's card total matches the register's.
fn agreement<'a>(terminal: Money, register: Money, ctx: &Ctx) -> Element<'a, Message> {
    difference(
        terminal - register,
        ["batch-terminal-match", "batch-terminal-less", "batch-terminal-more"],
        ctx,
    )
}

/// ✓ or ✗ with words: the cash counted against the cash the drawer should hold.
fn cash_difference<'a>(counted: Money, expected: Money, ctx: &Ctx) -> Element<'a, Message> {
    difference(counted - expected, ["batch-diff-none", "batch-diff-short", "batch-diff-over"], ctx)
}

/// A difference in words: none (green ✓), or short / over by how much (red ✗). `ids` are the
/// messages for none, short and over; the last two take `$amount`.
fn difference<'a>(diff: Money, ids: [&str; 3], ctx: &Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let [none, short, over] = ids;
    if diff.is_zero() {
        return text(format!("✓ {}", i18n.tr(none))).size(theme::SMALL).style(theme::texts::success).into();
    }
    let amount = i18n.money(diff.abs());
    let words = if diff.is_negative() {
        i18n.tr_args(short, &[("amount", FluentValue::from(amount))])
    } else {
        i18n.tr_args(over, &[("amount", FluentValue::from(amount))])
    };
    text(format!("✗ {words}")).size(theme::SMALL).style(theme::texts::danger).into()
}

/// The terminal's totals stored with a closure, with how they compare to the register's.
fn closure_terminal<'a>(c: &BatchClosure, ctx: &Ctx) -> Option<Element<'a, Message>> {
    let json = c.terminal_totals.clone()?;
    let term: BatchTotals = serde_json::from_value(json).ok()?;
    let i18n = &ctx.i18n;
    let mut col = column![amount_row(
        fl!(i18n, "batch-history-terminal", name = c.terminal.clone()),
        i18n.money(term.terminal_total),
        theme::SMALL,
    )]
    .spacing(2);
    if let Some(host) = term.host_total {
        col = col.push(amount_row(i18n.tr("batch-history-host"), i18n.money(host), theme::SMALL));
    }
    col = col.push(agreement(term.terminal_total, register_card(&c.register), ctx));
    Some(col.into())
}

/// One closure of the history; the newest one's "print the Z" answers F6.
fn closure_row<'a>(c: &'a BatchClosure, newest: bool, ctx: &'a Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let expected = expected_cash(&c.register);
    let mut col = column![
        amount_row(
            fl!(i18n, "batch-closure", number = c.number, date = i18n.datetime(&c.closed_at)),
            i18n.money(c.register.total),
            theme::BODY,
        ),
        amount_row(i18n.tr("batch-expected-cash"), i18n.money(expected), theme::SMALL),
    ]
    .spacing(2);
    if let Some(counted) = c.counted_cash {
        col = col
            .push(amount_row(i18n.tr("batch-counted"), i18n.money(counted), theme::SMALL))
            .push(cash_difference(counted, expected, ctx));
    }
    if let Some(term) = closure_terminal(c, ctx) {
        col = col.push(term);
    }
    col = col.push(
        container(widget::action(
            i18n.tr("batch-z-print"),
            if newest { Action::Print.label() } else { "" },
            Some(Message::IssueZ(c.number)),
            theme::buttons::key,
        ))
        .width(Length::Fixed(220.0)),
    );
    container(col).padding(8).width(Length::Fill).style(theme::panels::panel).into()
}

/// Where the Z went: saved as a PDF always, printed when a printer took it.
fn z_notice(z: &ZIssued, ctx: &Ctx) -> Notice {
    let i18n = &ctx.i18n;
    match &z.printed {
        None => Notice::done(fl!(i18n, "batch-z-saved", number = z.number, path = z.pdf.clone())),
        Some(Ok(())) => Notice::done(fl!(i18n, "batch-z-printed", number = z.number, path = z.pdf.clone())),
        Some(Err(why)) => Notice::warning(fl!(
            i18n,
            "batch-z-not-printed",
            number = z.number,
            path = z.pdf.clone(),
            reason = why.clone()
        )),
    }
}
