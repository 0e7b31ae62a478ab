//! Reports: the accountant's period report on screen (from / to, by day or month), its totals
//! and a bar chart of the net takings, saved as PDF or CSV beside the Z reports. By keys alone:
//! Tab between the dates, Enter shows, F1 / F2 by day / month, F7 PDF, F6 CSV.

use iced::widget::{column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use crate::domain::period::{bar_label, parse_wall};
use crate::fl;
use crate::register::{PeriodBy, PeriodFormat, PeriodReport};
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Answer, Job};
use crate::ui::theme;
use crate::ui::widget::chart::{Bars, bar_chart};
use crate::ui::widget::{self, Notice, amount_row};

/// The totals' column: the chart takes the rest of a 1024-pixel screen.
const TOTALS_WIDTH: f32 = 390.0;
const CHART_HEIGHT: f32 = 260.0;
/// The chart's width on a 1024-pixel screen: what the totals and the margins leave.
const CHART_WIDTH: f32 = 520.0;
/// The id of the "from" field, focused when the tab opens.
pub const FROM_ID: &str = "reports-from";

#[derive(Debug)]
pub struct Pane {
    pub from: String,
    pub to: String,
    pub by: PeriodBy,
    pub report: Option<Box<PeriodReport>>,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    From(String),
    To(String),
    By(PeriodBy),
    Show,
    Loaded(Answer<Box<PeriodReport>>),
    Save(PeriodFormat),
    Saved(Answer<String>),
}

impl Default for Pane {
    /// This month so far.
    fn default() -> Pane {
        let today = chrono::Local::now().date_naive();
        Pane {
            from: today.format("01/%m/%Y").to_string(),
            to: today.format("%d/%m/%Y").to_string(),
            by: PeriodBy::Day,
            report: None,
            notice: None,
        }
    }
}

impl Pane {
    /// The report asked for when the tab opens.
    pub fn enter(&mut self, ctx: &Ctx) -> Option<Job> {
        self.job(ctx)
    }

    fn job(&mut self, ctx: &Ctx) -> Option<Job> {
        let from = parse_wall(&self.from, false);
        let to = parse_wall(&self.to, true);
        if from.is_none() || to.is_none() {
            self.notice = Some(Notice::error(ctx.i18n.tr("reports-bad-date")));
            return None;
        }
        Some(Job::PeriodReport { from: self.from.clone(), to: self.to.clone(), by: self.by })
    }

    /// Enter shows, F1 / F2 by day / month, F7 saves the PDF, F6 the CSV.
    pub fn key(&self, action: Action) -> Option<Message> {
        match action {
            Action::Enter => Some(Message::Show),
            Action::Exact => Some(Message::By(PeriodBy::Day)),
            Action::Search => Some(Message::By(PeriodBy::Month)),
            Action::Pdf => Some(Message::Save(PeriodFormat::Pdf)),
            Action::Print => Some(Message::Save(PeriodFormat::Csv)),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Job> {
        match message {
            Message::From(s) => self.from = s,
            Message::To(s) => self.to = s,
            Message::By(by) => {
                self.by = by;
                return self.job(ctx);
            }
            Message::Show => {
                self.notice = None;
                return self.job(ctx);
            }
            Message::Loaded(Ok(report)) => {
                self.notice =
                    (report.totals.receipts() == 0).then(|| Notice::warning(ctx.i18n.tr("reports-empty")));
                self.report = Some(report);
            }
            Message::Save(format) => {
                let report = self.report.clone()?;
                return Some(Job::SavePeriod { report, format });
            }
            Message::Saved(Ok(path)) => {
                self.notice = Some(Notice::done(fl!(ctx.i18n, "reports-saved", path = path)));
            }
            Message::Loaded(Err(f)) | Message::Saved(Err(f)) => self.notice = Some(Notice::error(f.text)),
        }
        None
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let field = |label: String, value: &'a str, on: fn(String) -> Message, id: Option<&'static str>| {
            let mut input =
                text_input("", value).on_input(on).on_submit(Message::Show).padding(10).size(theme::BODY);
            if let Some(id) = id {
                input = input.id(iced::widget::Id::new(id));
            }
            column![text(label).size(theme::SMALL), input].spacing(2).width(Length::Fill)
        };
        let by = |id: &str, key: Action, by: PeriodBy| {
            let style = if self.by == by { theme::buttons::primary } else { theme::buttons::key };
            container(widget::action(i18n.tr(id), key.label(), Some(Message::By(by)), style))
                .width(Length::Fixed(150.0))
        };
        let top = row![
            field(i18n.tr("reports-from"), &self.from, Message::From, Some(FROM_ID)),
            field(i18n.tr("reports-to"), &self.to, Message::To, None),
            by("reports-by-day", Action::Exact, PeriodBy::Day),
            by("reports-by-month", Action::Search, PeriodBy::Month),
            container(widget::action(
                i18n.tr("reports-show"),
                "Enter",
                Some(Message::Show),
                theme::buttons::key
            ))
            .width(Length::Fixed(130.0)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::End);
        let mut page = column![top].spacing(10);
        if let Some(n) = &self.notice {
            page = page.push(widget::notice(n));
        }
        let Some(report) = &self.report else {
            return page.into();
        };
        let save = row![
            widget::action(
                i18n.tr("reports-pdf"),
                Action::Pdf.label(),
                Some(Message::Save(PeriodFormat::Pdf)),
                theme::buttons::primary
            ),
            widget::action(
                i18n.tr("reports-csv"),
                Action::Print.label(),
                Some(Message::Save(PeriodFormat::Csv)),
                theme::buttons::key
            ),
        ]
        .spacing(6);
        let left = column![scrollable(totals(report, ctx)).height(Length::Fill), save]
            .spacing(8)
            .width(Length::Fixed(TOTALS_WIDTH));
        page.push(row![left, chart(report, ctx)].spacing(16).height(Length::Fill)).into()
    }
}

fn totals<'a>(report: &'a PeriodReport, ctx: &'a Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let t = &report.totals;
    let mut col = column![].spacing(4);
    if let (Some(first), Some(last)) = (t.first_receipt, t.last_receipt) {
        col = col.push(
            text(fl!(
                i18n,
                "reports-receipts",
                first = first,
                last = last,
                sales = t.sales,
                refunds = t.refunds
            ))
            .size(theme::SMALL),
        );
    }
    col = col
        .push(amount_row(i18n.tr("period-sales-total"), i18n.money(t.sales_total), theme::BODY))
        .push(amount_row(i18n.tr("period-refunds-total"), i18n.money(t.refunds_total), theme::BODY));
    for r in &t.vat {
        col = col.push(amount_row(
            fl!(i18n, "cart-vat-line", rate = i18n.percent(r.rate)),
            fl!(
                i18n,
                "cart-vat-amounts",
                net = i18n.money_plain(r.net.net),
                vat = i18n.money_plain(r.net.vat)
            ),
            theme::BODY,
        ));
    }
    for (code, amount) in &t.tenders {
        let label = match code.as_str() {
            "cash" => i18n.tr("receipt-cash"),
            "card" => i18n.tr("receipt-card"),
            other => other.to_string(),
        };
        col = col.push(amount_row(label, i18n.money(*amount), theme::BODY));
    }
    col = col
        .push(text(fl!(i18n, "reports-z-count", count = report.z_reports.len() as i64)).size(theme::SMALL))
        .push(amount_row(i18n.tr("receipt-total"), i18n.money(t.total), theme::TITLE));
    col.into()
}

/// The net takings per day or month (the chart is shared with the X report's sales per hour).
fn chart<'a>(report: &'a PeriodReport, ctx: &'a Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let (x_title, title) = match report.by {
        PeriodBy::Day => (i18n.tr("period-day"), i18n.tr("period-chart-by-day")),
        PeriodBy::Month => (i18n.tr("period-month"), i18n.tr("period-chart-by-month")),
    };
    let bars = report.rows.iter().map(|r| (bar_label(&r.key, report.by), r.totals.total.cents())).collect();
    let chart = Bars {
        title,
        x_title,
        y_title: i18n.tr("period-chart-amount"),
        bars,
        height: CHART_HEIGHT,
        width: CHART_WIDTH,
    };
    bar_chart(chart, i18n)
}
