//! How the batch-close tab looks: the X report with a section per terminal and the sales per
//! hour, the drawer and the close, and the history of Zs with their differences marked.

use fluent_bundle::FluentValue;
use iced::widget::{Column, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use super::{COUNTED_ID, FLOAT_ID, Message, Pane};
use crate::domain::report::{CLOSED_ON_TERMINAL, TerminalCards};
use crate::domain::{BatchClosure, Money, RegisterTotals};
use crate::fl;
use crate::register::ZIssued;
use crate::terminal::BatchTotals;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::theme;
use crate::ui::widget::chart::{Bars, bar_chart};
use crate::ui::widget::{self, Notice, amount_row};

/// The sales-per-hour chart on the X report's half of a 1024-pixel screen.
const CHART_HEIGHT: f32 = 140.0;
const CHART_WIDTH: f32 = 380.0;

impl Pane {
    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let mut report = column![text(i18n.tr("batch-x-title")).size(theme::TITLE)].spacing(6);
        if let Some(t) = &self.totals {
            report = x_report(report, t, ctx);
        }
        let mut drawer = column![
            text(i18n.tr("batch-float")).size(theme::SMALL),
            text_input(
                &i18n.money_plain(self.totals.as_ref().map(|t| t.opening_float).unwrap_or_default()),
                &self.float
            )
            .id(FLOAT_ID)
            .on_input(Message::Float)
            .padding(8),
            text(i18n.tr("batch-counted")).size(theme::SMALL),
            // Enter in the field answers the question on show (it has the keyboard, not the key map).
            text_input("", &self.counted)
                .id(COUNTED_ID)
                .on_input(Message::Counted)
                .on_submit(if self.confirming.is_some() { Message::Confirm } else { Message::AskClose })
                .padding(8),
        ]
        .spacing(4);
        if let Some(t) = &self.totals {
            let expected = self.expected(t, ctx);
            drawer =
                drawer.push(amount_row(i18n.tr("batch-expected-cash"), i18n.money(expected), theme::BODY));
            if let Ok(Some(c)) = self.counted_cash(ctx) {
                drawer = drawer.push(cash_difference(c, expected, ctx));
            }
        }
        let mut close = column![].spacing(10);
        if let Some(t) = &self.totals {
            close = close.push(self.terminal_view(t, ctx));
        }
        close = close.push(drawer).push(self.buttons(ctx));
        if let Some(n) = &self.notice {
            close = close.push(widget::notice(n));
        }
        // The newest Z's reprint (F6) sits beside the title: at 1024×768 its row may be
        // scrolled below the panel, and a key must be seen where it works.
        let mut head = row![text(i18n.tr("batch-history")).size(theme::TITLE).width(Length::Fill)]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        if let Some(newest) = self.closures.first() {
            head = head.push(
                container(widget::action(
                    format!("{} · Z {}", i18n.tr("batch-z-print"), newest.number),
                    Action::Print.label(),
                    Some(Message::IssueZ(newest.number)),
                    theme::buttons::key,
                ))
                .width(Length::Fixed(260.0)),
            );
        }
        let history =
            self.closures.iter().fold(column![head].spacing(6), |col, c| col.push(closure_row(c, ctx)));
        row![
            container(scrollable(report).spacing(6).height(Length::Fill))
                .padding(12)
                .width(Length::FillPortion(1))
                .style(theme::panels::panel),
            column![
                container(scrollable(close).spacing(6))
                    .padding(12)
                    .width(Length::Fill)
                    .style(theme::panels::panel),
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

    /// Close (and confirm / back); for a protocol without a close the main action closes the
    /// register's side and says so; the register-only close once the terminal failed.
    fn buttons<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        if self.confirming.is_some() {
            return row![
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
            .spacing(8)
            .into();
        }
        let label = if self.closes_on_terminal { "batch-close-on-terminal" } else { "batch-close" };
        let mut r = row![widget::action(
            i18n.tr(label),
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
        r.spacing(8).into()
    }

    /// The terminal's running totals beside the register's card payments on that terminal.
    fn terminal_view<'a>(&'a self, t: &RegisterTotals, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let title = text(fl!(i18n, "batch-terminal-title", name = self.terminal.clone())).size(theme::BODY);
        let mut col = column![title].spacing(4);
        let mine = self.register_card_here(t);
        if self.closes_on_terminal {
            return container(
                col.push(amount_row(i18n.tr("batch-register-card"), i18n.money(mine), theme::BODY)).push(
                    text(i18n.tr("batch-no-close-in-protocol"))
                        .size(theme::SMALL)
                        .style(theme::texts::warning),
                ),
            )
            .padding(8)
            .width(Length::Fill)
            .style(theme::panels::panel)
            .into();
        }
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
                    .push(amount_row(i18n.tr("batch-register-card"), i18n.money(mine), theme::BODY))
                    .push(agreement(term.terminal_total, mine, ctx));
            }
        }
        container(col).padding(8).width(Length::Fill).style(theme::panels::panel).into()
    }
}

/// The X report: receipts, tenders, card payments per terminal, VAT, total, sales per hour.
fn x_report<'a>(mut report: Column<'a, Message>, t: &RegisterTotals, ctx: &'a Ctx) -> Column<'a, Message> {
    let i18n = &ctx.i18n;
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
                .push(amount_row(i18n.tr("print-card-charged"), i18n.money(*amount + tips), theme::SMALL));
        }
    }
    for (name, part) in &t.terminals {
        report = report.push(terminal_part(name, part, ctx));
    }
    for v in &t.vat {
        report = report.push(amount_row(
            fl!(i18n, "cart-vat-line", rate = i18n.percent(v.rate)),
            fl!(i18n, "cart-vat-amounts", net = i18n.money_plain(v.net), vat = i18n.money_plain(v.vat)),
            theme::BODY,
        ));
    }
    report = report.push(amount_row(i18n.tr("receipt-total"), i18n.money(t.total), theme::TITLE));
    let bars: Vec<(String, i64)> = t.hourly_bars().into_iter().map(|(h, m)| (h, m.cents())).collect();
    if !bars.is_empty() {
        let chart = Bars {
            title: i18n.tr("chart-sales-per-hour"),
            x_title: i18n.tr("chart-hour"),
            y_title: i18n.tr("period-chart-amount"),
            bars,
            height: CHART_HEIGHT,
            width: CHART_WIDTH,
        };
        report = report.push(bar_chart(chart, i18n));
    }
    report
}

/// One terminal's card payments in the X report; demo and by-hand ones marked.
fn terminal_part<'a>(name: &str, part: &TerminalCards, ctx: &Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let mut col = column![amount_row(
        fl!(i18n, "batch-terminal-part", name = name, count = part.count),
        i18n.money(part.charged),
        theme::SMALL,
    )]
    .spacing(2);
    if part.demo {
        col = col.push(text(i18n.tr("print-terminal-demo")).size(theme::SMALL).style(theme::texts::warning));
    }
    if part.by_hand_count > 0 {
        col = col.push(
            row![
                text(fl!(i18n, "print-terminal-by-hand", count = part.by_hand_count))
                    .size(theme::SMALL)
                    .style(theme::texts::warning)
                    .width(Length::Fill),
                text(i18n.money(part.by_hand)).size(theme::SMALL).style(theme::texts::warning),
            ]
            .spacing(8),
        );
    }
    container(col).padding(6).width(Length::Fill).style(theme::panels::panel).into()
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

/// The terminal's totals stored with a closure, with how they compare to the register's
/// card payments on that terminal; a protocol without a close says it closed on the terminal.
fn closure_terminal<'a>(c: &BatchClosure, ctx: &Ctx) -> Option<Element<'a, Message>> {
    let json = c.terminal_totals.clone()?;
    let i18n = &ctx.i18n;
    let name = fl!(i18n, "batch-history-terminal", name = c.terminal.clone());
    if json.get("batch_close").and_then(serde_json::Value::as_str) == Some(CLOSED_ON_TERMINAL) {
        let words = i18n.tr("print-close-on-terminal");
        return Some(
            column![text(name).size(theme::SMALL), text(words).size(theme::SMALL)].spacing(2).into(),
        );
    }
    let term: BatchTotals = serde_json::from_value(json).ok()?;
    let mut col = column![amount_row(name, i18n.money(term.terminal_total), theme::SMALL)].spacing(2);
    if let Some(host) = term.host_total {
        col = col.push(amount_row(i18n.tr("batch-history-host"), i18n.money(host), theme::SMALL));
    }
    col = col.push(agreement(term.terminal_total, c.register.charged_on(&c.terminal), ctx));
    Some(col.into())
}

/// One closure of the history, with its own "print the Z" (F6 is on the newest's, by the title).
fn closure_row<'a>(c: &'a BatchClosure, ctx: &'a Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let expected = c.register.expected_cash();
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
            "",
            Some(Message::IssueZ(c.number)),
            theme::buttons::key,
        ))
        .width(Length::Fixed(220.0)),
    );
    container(col).padding(8).width(Length::Fill).style(theme::panels::panel).into()
}

/// Where the Z went: saved as a PDF always, printed when a printer took it.
pub(super) fn z_notice(z: &ZIssued, ctx: &Ctx) -> Notice {
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
