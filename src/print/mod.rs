//! Receipts and reports on paper and PDF: one layout per document, rendered as text, PDF or
//! ESC/POS bytes; sending to a receipt printer, and a printer simulator for demo and tests.

pub mod chart;
pub mod codepage;
pub mod error;
pub mod escpos;
pub mod layout;
pub mod pdf;
pub mod period;
pub mod period_csv;
pub mod period_pdf;
pub mod receipt;
pub mod report;
pub mod report_pdf;
pub mod sim;
pub mod text;
pub mod writer;

pub use error::PrintError;
pub use layout::{Block, Layout, Paper, Row, Style};
pub use sim::{SimMode, serve, serve_printer_sim};
pub use writer::{PrinterTarget, Timeouts, send, send_with};

use crate::config::Settings;
use crate::domain::period::{DecimalMark, PeriodReport};
use crate::domain::{BatchClosure, Lang, Money, Receipt, RegisterTotals};
use crate::fl;
use crate::i18n::I18n;

/// The layout of a receipt; `copy` is the reprint's copy number, `None` for the original.
pub fn receipt_layout(
    receipt: &Receipt,
    settings: &Settings,
    lang: Lang,
    paper: Paper,
    copy: Option<i64>,
) -> Layout {
    receipt::build_receipt(receipt, settings, &I18n::new(lang), paper.columns(), copy)
}

/// The receipt as plain text (screen preview, logs).
pub fn receipt_text(
    receipt: &Receipt,
    settings: &Settings,
    lang: Lang,
    paper: Paper,
    copy: Option<i64>,
) -> String {
    text::render_text(&receipt_layout(receipt, settings, lang, paper, copy))
}

/// The receipt as a PDF with the font subset and embedded.
pub fn receipt_pdf(
    receipt: &Receipt,
    settings: &Settings,
    lang: Lang,
    paper: Paper,
    copy: Option<i64>,
) -> Result<Vec<u8>, PrintError> {
    let i18n = I18n::new(lang);
    let layout = receipt::build_receipt(receipt, settings, &i18n, paper.columns(), copy);
    pdf::render_pdf(&layout, paper, &fl!(i18n, "receipt-number", number = receipt.number))
}

/// The receipt as one ESC/POS job; an original with cash opens the drawer. A4 prints as 80 mm.
pub fn receipt_escpos(
    receipt: &Receipt,
    settings: &Settings,
    lang: Lang,
    paper: Paper,
    copy: Option<i64>,
) -> Vec<u8> {
    let paper = roll(paper);
    escpos::render_escpos(&receipt_layout(receipt, settings, lang, paper, copy), lang, paper)
}

/// The X report. `printed_at` is a stored time (`store::now()`), printed on the shop clock.
pub fn x_report(
    totals: &RegisterTotals,
    counted_cash: Option<Money>,
    printed_at: &str,
    settings: &Settings,
    lang: Lang,
    paper: Paper,
) -> Layout {
    report::x_report_layout(totals, counted_cash, printed_at, settings, &I18n::new(lang), paper.columns())
}

/// The Z report of a closed batch.
pub fn z_report(closure: &BatchClosure, settings: &Settings, lang: Lang, paper: Paper) -> Layout {
    report::z_report_layout(closure, settings, &I18n::new(lang), paper.columns())
}

/// The Z report as PDF: its pages, then the day's sales per hour as a chart.
pub fn z_pdf(
    closure: &BatchClosure,
    layout: &Layout,
    paper: Paper,
    lang: Lang,
    title: &str,
) -> Result<Vec<u8>, PrintError> {
    report_pdf::z_pdf(closure, layout, paper, &I18n::new(lang), title)
}

/// The accountant's period report (A4 width). `printed_at` is a stored time.
pub fn period_layout(report: &PeriodReport, printed_at: &str, settings: &Settings, lang: Lang) -> Layout {
    period::period_layout(report, printed_at, settings, &I18n::new(lang))
}

/// The period report as PDF: the chart page, then the report.
pub fn period_pdf(
    report: &PeriodReport,
    printed_at: &str,
    settings: &Settings,
    lang: Lang,
) -> Result<Vec<u8>, PrintError> {
    let i18n = I18n::new(lang);
    let layout = period::period_layout(report, printed_at, settings, &i18n);
    period_pdf::period_pdf(report, &layout, &i18n, &fl!(i18n, "period-title"))
}

/// The period report as CSV for the accountant's software.
pub fn period_csv(report: &PeriodReport, mark: DecimalMark) -> String {
    period_csv::period_csv(report, mark)
}

/// Any layout as text.
pub fn layout_text(layout: &Layout) -> String {
    text::render_text(layout)
}

/// Any layout as PDF; `title` goes into the document information.
pub fn layout_pdf(layout: &Layout, paper: Paper, title: &str) -> Result<Vec<u8>, PrintError> {
    pdf::render_pdf(layout, paper, title)
}

/// Any layout as an ESC/POS job (reports: build them with the roll's paper).
pub fn layout_escpos(layout: &Layout, lang: Lang, paper: Paper) -> Vec<u8> {
    escpos::render_escpos(layout, lang, roll(paper))
}

/// Thermal printers have rolls; an A4 request prints on the usual 80 mm one.
fn roll(paper: Paper) -> Paper {
    if paper == Paper::A4 { Paper::Roll80 } else { paper }
}
