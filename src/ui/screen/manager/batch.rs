//! Batch close: the X report (totals per tender and VAT rate since the last close), the cash
//! a manager counted, the close itself (Z), and the history with cash differences marked.

use iced::widget::{column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use crate::domain::Money;
use crate::fl;
use crate::register::{Operator, RegisterError};
use crate::store::{BatchClosure, RegisterTotals};
use crate::ui::app::Ctx;
use crate::ui::jobs::{Answer, Job};
use crate::ui::theme;
use crate::ui::widget::{self, Notice, amount_row};

#[derive(Debug, Default)]
pub struct Pane {
    pub totals: Option<RegisterTotals>,
    pub closures: Vec<BatchClosure>,
    pub counted: String,
    /// The close was asked for once; the next press does it.
    pub confirming: bool,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Answer<(RegisterTotals, Vec<BatchClosure>)>),
    Counted(String),
    AskClose,
    Confirm,
    Cancel,
    Closed(Answer<BatchClosure>),
}

/// Cash the drawer should hold for these totals.
pub fn expected_cash(totals: &RegisterTotals) -> Money {
    totals.tenders.get("cash").copied().unwrap_or(Money::ZERO)
}

impl Pane {
    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Job> {
        match message {
            Message::Loaded(Ok((totals, closures))) => {
                self.totals = Some(totals);
                self.closures = closures;
            }
            Message::Counted(s) => {
                self.counted = s;
                self.confirming = false;
            }
            Message::AskClose => match self.counted_cash(ctx) {
                Ok(_) => {
                    self.confirming = true;
                    self.notice = Some(Notice::warning(ctx.i18n.tr("batch-confirm")));
                }
                Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
            },
            Message::Cancel => {
                self.confirming = false;
                self.notice = None;
            }
            Message::Confirm if self.confirming => {
                self.confirming = false;
                match self.counted_cash(ctx) {
                    Ok(counted) => return Some(Job::CloseBatch { by: by.clone(), counted }),
                    Err(e) => self.notice = Some(Notice::error(e.message(&ctx.i18n))),
                }
            }
            Message::Confirm => {}
            Message::Closed(Ok(closure)) => {
                self.notice = Some(Notice::done(fl!(ctx.i18n, "batch-closed", number = closure.number)));
                self.counted.clear();
                return Some(Job::LoadBatch);
            }
            Message::Loaded(Err(f)) | Message::Closed(Err(f)) => self.notice = Some(Notice::error(f.text)),
        }
        None
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
                .push(text(range).size(14))
                .push(amount_row(i18n.tr("batch-sales"), t.sales.to_string(), theme::BODY))
                .push(amount_row(i18n.tr("batch-refunds"), t.refunds.to_string(), theme::BODY));
            for (kind, amount) in &t.tenders {
                let label = match kind.as_str() {
                    "cash" => i18n.tr("receipt-cash"),
                    "card" => fl!(i18n, "batch-card-count", count = t.card_count),
                    other => other.to_string(),
                };
                report = report.push(amount_row(label, i18n.money(*amount), theme::BODY));
            }
            for v in &t.vat {
                report = report.push(amount_row(
                    fl!(i18n, "cart-vat-line", rate = v.rate.percent_label()),
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
        let counted = column![
            text(i18n.tr("batch-counted")).size(14),
            text_input("", &self.counted).on_input(Message::Counted).on_submit(Message::AskClose).padding(10),
        ]
        .spacing(2);
        let buttons = if self.confirming {
            row![
                widget::action(
                    i18n.tr("batch-close-confirm"),
                    "",
                    Some(Message::Confirm),
                    theme::buttons::danger
                ),
                widget::action(i18n.tr("action-back"), "", Some(Message::Cancel), theme::buttons::key),
            ]
        } else {
            row![widget::action(i18n.tr("batch-close"), "", Some(Message::AskClose), theme::buttons::primary)]
        }
        .spacing(8);
        let mut left = column![report, counted, buttons].spacing(12);
        if let Some(n) = &self.notice {
            left = left.push(widget::notice(n));
        }
        let history = self
            .closures
            .iter()
            .fold(column![text(i18n.tr("batch-history")).size(theme::TITLE)].spacing(6), |col, c| {
                col.push(closure_row(c, ctx))
            });
        row![
            container(scrollable(left).spacing(6).height(Length::Fill))
                .padding(12)
                .width(Length::FillPortion(5))
                .style(theme::panels::panel),
            container(scrollable(history).height(Length::Fill))
                .padding(12)
                .width(Length::FillPortion(6))
                .style(theme::panels::panel),
        ]
        .spacing(12)
        .into()
    }
}

fn closure_row<'a>(c: &'a BatchClosure, ctx: &'a Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let expected = expected_cash(&c.register);
    let mut col = column![
        amount_row(
            fl!(i18n, "batch-closure", number = c.number, date = i18n.datetime(&c.closed_at)),
            i18n.money(c.register.total),
            theme::BODY,
        ),
        amount_row(i18n.tr("batch-expected-cash"), i18n.money(expected), 14.0),
    ]
    .spacing(2);
    if let Some(counted) = c.counted_cash {
        let diff = counted - expected;
        col = col.push(amount_row(i18n.tr("batch-counted"), i18n.money(counted), 14.0));
        let line: Element<'a, Message> = if diff.is_zero() {
            text(format!("✓ {}", i18n.tr("batch-diff-none"))).size(14).style(theme::texts::success).into()
        } else {
            let amount = i18n.money(diff.abs());
            let words = if diff.is_negative() {
                fl!(i18n, "batch-diff-short", amount = amount)
            } else {
                fl!(i18n, "batch-diff-over", amount = amount)
            };
            text(format!("✗ {words}")).size(14).style(theme::texts::danger).into()
        };
        col = col.push(line);
    }
    container(col).padding(8).width(Length::Fill).style(theme::panels::panel).into()
}
