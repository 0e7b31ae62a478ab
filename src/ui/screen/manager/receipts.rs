//! Receipts for a manager: search by number, date, amount or the card's last four digits,
//! view one as printed, reprint it as a counted COPY, refund or void it (see `refund`).

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use crate::domain::{Money, Receipt, ReceiptKind};
use crate::fl;
use crate::register::{Operator, RefundError, RefundMode, RefundPlan, Refunded, RegisterError};
use crate::register::{ReceiptFilter, ReceiptSummary};
use crate::terminal::Progress;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Answer, Job};
use crate::ui::request::{PrintFor, Work};
use crate::ui::screen::manager::refund::RefundPane;
use crate::ui::screen::receipt::{document, printed_notice, saved_notice};
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

/// The open receipt's column: wide enough for three Greek action labels on two lines.
const DETAIL_WIDTH: f32 = 440.0;

#[derive(Debug, Default)]
pub struct Pane {
    pub number: String,
    pub date: String,
    pub amount: String,
    pub last4: String,
    pub results: Vec<ReceiptSummary>,
    /// The receipt on show, with its copy number when it was just reprinted.
    pub open: Option<(Receipt, Option<i64>)>,
    pub notice: Option<Notice>,
    pub refund: RefundPane,
    /// What to do with the copy a reprint is making (print it, or save it as PDF).
    pub then: Option<AfterCopy>,
}

/// A manager never prints an uncounted original: Print and PDF first record a counted COPY.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterCopy {
    Print,
    Pdf,
}

#[derive(Debug, Clone)]
pub enum Message {
    Number(String),
    Date(String),
    Amount(String),
    Last4(String),
    Search,
    Found(Answer<Vec<ReceiptSummary>>),
    Open(i64),
    Opened(Answer<(Receipt, Option<i64>)>),
    /// Records a counted copy and shows it (no printing).
    Reprint(i64),
    /// Records a counted copy and prints it (F6).
    Print,
    /// Records a counted copy and saves it as PDF (F7).
    SavePdf,
    Printed(Answer<()>),
    Saved(Answer<String>),
    /// What the open receipt allows (refund, void, cash).
    Plan(Answer<RefundPlan>),
    /// Asks the question for this way of refunding.
    Refund(RefundMode),
    /// The answer to the question: go ahead or not.
    Confirm(bool),
    RefundProgress(Progress),
    Refunded(Answer<Box<Refunded>>),
    /// Start (true) or stop picking lines to give back (F4 / Esc).
    Pick(bool),
    /// The line under the cursor while picking.
    PickLine(usize),
    /// A key while picking: ↑ ↓, digits, `*`, ⌫.
    PickKey(Action),
}

pub enum Out {
    Run(Job),
    Work(Work),
}

impl Pane {
    pub fn search_job_all() -> Job {
        Job::FindReceipts(ReceiptFilter { limit: Some(100), ..ReceiptFilter::default() })
    }

    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Out> {
        let open = self.open.as_ref().map(|(r, c)| (Box::new(r.clone()), *c));
        match message {
            Message::Print | Message::SavePdf => {
                let (receipt, _) = open?;
                let then = if matches!(message, Message::Print) { AfterCopy::Print } else { AfterCopy::Pdf };
                self.then = Some(then);
                return Some(Out::Run(Job::Reprint { by: by.clone(), number: receipt.number }));
            }
            Message::Opened(Ok((receipt, Some(copy))))
                if self.then.is_some() && open.as_ref().is_some_and(|(r, _)| r.number == receipt.number) =>
            {
                // Now print or save the copy: it is counted once it exists.
                let then = self.then.take();
                self.open = Some((receipt.clone(), Some(copy)));
                let receipt = Box::new(receipt);
                let to = PrintFor::Manager(by.clone());
                return Some(match then {
                    Some(AfterCopy::Pdf) => Out::Run(Job::SavePdf { receipt, copy: Some(copy), to }),
                    _ => Out::Work(Work::Print { receipt, copy: Some(copy), to }),
                });
            }
            Message::Printed(Ok(())) if let Some((r, Some(copy))) = &self.open => {
                self.notice =
                    Some(Notice::done(fl!(ctx.i18n, "receipts-reprinted", number = r.number, copy = *copy)))
            }
            Message::Printed(answer) => self.notice = Some(printed_notice(answer, ctx)),
            Message::Saved(answer) => self.notice = Some(saved_notice(answer, ctx)),
            Message::Plan(Ok(plan)) => {
                if let Some(s) = self.results.iter_mut().find(|s| s.number == plan.number) {
                    let all_back = matches!(plan.closed, Some(RefundError::AlreadyRefunded(_)));
                    s.refunded = all_back;
                    s.part_refunded = plan.refunded_before && !all_back;
                }
                if open.is_some_and(|(r, _)| r.number == plan.number) {
                    self.refund.plan = Some(plan);
                }
            }
            Message::Pick(true) => self.refund.start_picking(),
            Message::Pick(false) => self.refund.picking = None,
            Message::PickLine(i) => {
                if let Some(p) = &mut self.refund.picking {
                    p.cursor = i;
                }
            }
            Message::PickKey(action) => {
                self.refund.pick_key(action);
            }
            Message::Plan(Err(f)) => self.notice = Some(Notice::error(f.text)),
            Message::Refund(mode) if self.refund.can(mode) => {
                if let Err(why) = self.refund.ask(mode, ctx) {
                    self.notice = Some(Notice::error(why));
                }
            }
            Message::Refund(_) => {}
            Message::Confirm(go) => {
                let mode = self.refund.confirm.take()?;
                let (receipt, _) = open.filter(|_| go)?;
                self.notice = None;
                self.refund.working = Some(String::new());
                self.refund.picking = None;
                let lines = std::mem::take(&mut self.refund.chosen);
                return Some(Out::Work(Work::Refund { by: by.clone(), number: receipt.number, mode, lines }));
            }
            Message::RefundProgress(p) => self.refund.progress(&p, ctx),
            Message::Refunded(answer) => return self.refunded(answer, ctx),
            other => return self.update_search(other, by, ctx).map(Out::Run),
        }
        None
    }

    /// The refund's result: the notice, the list updated, the plan asked again.
    fn refunded(&mut self, answer: Answer<Box<Refunded>>, ctx: &Ctx) -> Option<Out> {
        self.refund.working = None;
        match answer {
            Ok(done) => {
                self.notice = Some(self.refund.result(&done, ctx));
                if let Some(r) = &done.receipt {
                    let original = r.refund_of.unwrap_or_default();
                    self.results.insert(
                        0,
                        ReceiptSummary {
                            number: r.number,
                            kind: ReceiptKind::Refund,
                            issued_at: r.issued_at.clone(),
                            total: r.total,
                            card_last4: self
                                .results
                                .iter()
                                .find(|s| s.number == original)
                                .map(|s| s.card_last4.clone())
                                .unwrap_or_default(),
                            reprints: 0,
                            refunded: false,
                            by_hand: false,
                            part_refunded: false,
                        },
                    );
                }
            }
            Err(f) => self.notice = Some(Notice::error(f.text)),
        }
        let number = self.open.as_ref().map(|(r, _)| r.number)?;
        Some(Out::Run(Job::RefundPlan(number)))
    }

    fn update_search(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Job> {
        match message {
            Message::Number(s) => self.number = digits(&s),
            Message::Date(s) => self.date = s,
            Message::Amount(s) => self.amount = s,
            Message::Last4(s) => self.last4 = digits(&s).chars().take(4).collect(),
            Message::Search => match self.filter(ctx) {
                Ok(filter) => {
                    // A new search closes the receipt on show, so no copy or refund can land on
                    // a receipt the list no longer shows (one being refunded stays to its end).
                    if self.refund.working.is_none() {
                        self.open = None;
                        self.then = None;
                        self.refund = RefundPane::default();
                    }
                    return Some(Job::FindReceipts(filter));
                }
                Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
            },
            Message::Found(Ok(rows)) => {
                self.notice = rows.is_empty().then(|| Notice::warning(ctx.i18n.tr("receipts-none")));
                self.results = rows;
            }
            Message::Opened(Ok(open)) => {
                self.notice = open.1.map(|copy| {
                    Notice::done(fl!(ctx.i18n, "receipts-reprinted", number = open.0.number, copy = copy))
                });
                let number = open.0.number;
                if self.refund.working.is_none() {
                    self.refund = RefundPane::default();
                }
                self.open = Some(open);
                return Some(Job::RefundPlan(number));
            }
            Message::Found(Err(f)) | Message::Opened(Err(f)) => {
                self.then = None;
                self.notice = Some(Notice::error(f.text));
            }
            Message::Open(number) => return Some(Job::OpenReceipt(number)),
            Message::Reprint(number) => return Some(Job::Reprint { by: by.clone(), number }),
            _ => {}
        }
        None
    }

    /// A key on the receipts tab: F6 print a copy, F7 PDF copy, F10 / F5 / F9 refund to card,
    /// void, refund in cash, Enter answers the question (or searches).
    pub fn key(&self, action: Action) -> Option<Message> {
        let open = self.open.is_some() && self.refund.working.is_none();
        let picking = open && self.refund.picking.is_some() && self.refund.confirm.is_none();
        match action {
            Action::Enter if self.refund.confirm.is_some() => Some(Message::Confirm(true)),
            Action::Enter if picking => {
                let mode = if self.refund.cash_only() || !self.refund.can(RefundMode::Refund) {
                    RefundMode::Cash
                } else {
                    RefundMode::Refund
                };
                Some(Message::Refund(mode))
            }
            Action::Enter => Some(Message::Search),
            Action::Up
            | Action::Down
            | Action::Digit(_)
            | Action::Decimal
            | Action::Backspace
            | Action::Times
                if picking =>
            {
                Some(Message::PickKey(action))
            }
            _ if !open || self.refund.confirm.is_some() => None,
            Action::Discount => Some(Message::Pick(true)),
            // While items are picked the copy's buttons are hidden, and so are their keys.
            Action::Print if self.refund.picking.is_none() => Some(Message::Print),
            Action::Pdf if self.refund.picking.is_none() => Some(Message::SavePdf),
            // F10 and F5 are about a card: a sale paid in cash shows no such buttons, and F10
            // must not start its cash refund (F9 does, as its one button says).
            Action::Card if !self.refund.cash_only() => Some(Message::Refund(RefundMode::Refund)),
            Action::Void if !self.refund.cash_only() && self.refund.picking.is_none() => {
                Some(Message::Refund(RefundMode::Void))
            }
            Action::Cash => Some(Message::Refund(RefundMode::Cash)),
            _ => None,
        }
    }

    /// ↑ / ↓ through the list: opens the previous or next receipt.
    pub fn step(&mut self, down: bool) -> Option<Job> {
        let current =
            self.open.as_ref().and_then(|(r, _)| self.results.iter().position(|s| s.number == r.number));
        let next = match current {
            None => 0,
            Some(i) if down => (i + 1).min(self.results.len().saturating_sub(1)),
            Some(i) => i.saturating_sub(1),
        };
        self.results.get(next).map(|r| Job::OpenReceipt(r.number))
    }

    fn filter(&self, ctx: &Ctx) -> Result<ReceiptFilter, RegisterError> {
        let total = if self.amount.trim().is_empty() {
            None
        } else {
            Some(
                Money::parse(&self.amount, ctx.i18n_style())
                    .map_err(|source| RegisterError::Amount { input: self.amount.clone(), source })?,
            )
        };
        let date = match self.date.trim() {
            "" => None,
            d => Some(iso_date(d).ok_or_else(|| RegisterError::BadInput(ctx.i18n.tr("receipts-bad-date")))?),
        };
        Ok(ReceiptFilter {
            number: self.number.parse().ok(),
            date,
            total,
            card_last4: (!self.last4.is_empty()).then(|| self.last4.clone()),
            limit: Some(100),
        })
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let field = |label: String, value: &'a str, on: fn(String) -> Message| {
            column![
                text(label).size(theme::SMALL),
                text_input("", value).on_input(on).on_submit(Message::Search).padding(10).size(theme::BODY),
            ]
            .spacing(2)
            .width(Length::Fill)
        };
        let search = row![
            field(i18n.tr("receipts-number"), &self.number, Message::Number),
            field(i18n.tr("receipts-date"), &self.date, Message::Date),
            field(i18n.tr("receipts-amount"), &self.amount, Message::Amount),
            field(i18n.tr("receipts-last4"), &self.last4, Message::Last4),
            container(widget::action(
                i18n.tr("receipts-search"),
                "Enter",
                Some(Message::Search),
                theme::buttons::primary
            ))
            .width(Length::Fixed(150.0)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::End);
        let open_number = self.open.as_ref().map(|(r, _)| r.number);
        let rows = self.results.iter().fold(column![].spacing(2), |col, r| {
            let kind = match r.kind {
                ReceiptKind::Sale if r.refunded => format!(" ({})", i18n.tr("refund-refunded")),
                ReceiptKind::Sale if r.part_refunded => format!(" ({})", i18n.tr("refund-part-refunded")),
                ReceiptKind::Sale => String::new(),
                ReceiptKind::Refund => format!(" ({})", i18n.tr("receipt-refund-title")),
            };
            // A payment a manager decided by hand is marked, so it can be checked against the bank.
            let kind = if r.by_hand { format!("{kind} · {}", i18n.tr("receipts-by-hand")) } else { kind };
            let card = if r.card_last4.is_empty() {
                String::new()
            } else {
                format!("•••• {}", r.card_last4)
            };
            col.push(
                button(
                    row![
                        text(format!("{}{kind}", r.number)).width(Length::FillPortion(2)),
                        text(i18n.datetime(&r.issued_at)).width(Length::FillPortion(3)),
                        text(card).width(Length::FillPortion(2)),
                        text(i18n.money(r.total)).width(Length::FillPortion(2)).align_x(iced::Alignment::End),
                    ]
                    .spacing(8),
                )
                .on_press(Message::Open(r.number))
                .width(Length::Fill)
                .padding([10, 8])
                .style(theme::buttons::row(open_number == Some(r.number))),
            )
        });
        let picking = self.refund.picking.is_some();
        let detail: Element<'a, Message> = match &self.open {
            Some((receipt, copy)) => column![
                match (&self.refund.picking, &self.refund.plan) {
                    (Some(p), Some(plan)) =>
                        container(p.view(plan, ctx, Message::PickLine)).height(Length::Fill),
                    _ => container(scrollable(document(receipt, *copy, ctx)).height(Length::Fill)),
                },
                // While picking lines the copy's buttons give the list their room (1024×768).
                row(if picking {
                    vec![]
                } else {
                    vec![
                        widget::action(
                            i18n.tr("receipts-print-copy"),
                            Action::Print.label(),
                            Some(Message::Print),
                            theme::buttons::primary,
                        ),
                        widget::action(
                            i18n.tr("receipts-pdf-copy"),
                            Action::Pdf.label(),
                            Some(Message::SavePdf),
                            theme::buttons::key,
                        ),
                    ]
                })
                .spacing(6),
                self.refund.view(ctx, Message::Refund, Message::Confirm, Message::Pick),
            ]
            .spacing(8)
            .width(Length::Fixed(DETAIL_WIDTH))
            .into(),
            None => container(text(i18n.tr("receipts-pick")).style(theme::texts::muted))
                .width(Length::Fixed(DETAIL_WIDTH))
                .into(),
        };
        let mut col = column![search].spacing(10);
        if let Some(n) = &self.notice {
            col = col.push(widget::notice(n));
        }
        // ↑ ↓ open the previous or next receipt: said over the list they walk.
        let walk = text(fl!(i18n, "receipts-keys", up = Action::Up.label(), down = Action::Down.label()))
            .size(theme::SMALL)
            .style(theme::texts::muted);
        let list = column![walk, scrollable(rows).height(Length::Fill).width(Length::Fill)].spacing(4);
        col.push(row![list, detail].spacing(12)).into()
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// `23/11/2026` or `2026-11-23` → `2026-11-23`.
fn iso_date(input: &str) -> Option<String> {
    let parsed = chrono::NaiveDate::parse_from_str(input, "%d/%m/%Y")
        .or_else(|_| chrono::NaiveDate::parse_from_str(input, "%Y-%m-%d"))
        .ok()?;
    Some(parsed.format("%Y-%m-%d").to_string())
}
