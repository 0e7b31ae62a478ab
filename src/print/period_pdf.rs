//! The period report as PDF: a first A4 page with a bar chart of the net takings per day or
//! month (drawn by `print::chart`), then the report's layout pages.

use super::chart::{PdfBars, chart_page};
use super::error::PrintError;
use super::layout::{Layout, Paper};
use super::pdf::{FontEmbedding, layout_pages, save};
use crate::domain::period::{PeriodBy, PeriodReport, bar_label};
use crate::fl;
use crate::i18n::I18n;
use printpdf::PdfDocument;

/// The PDF: the chart page first, then the layout (A4).
pub fn period_pdf(
    report: &PeriodReport,
    layout: &Layout,
    i18n: &I18n,
    title: &str,
) -> Result<Vec<u8>, PrintError> {
    let mut doc = PdfDocument::new(title);
    let (title, x_title) = match report.by {
        PeriodBy::Day => (fl!(i18n, "period-chart-by-day"), fl!(i18n, "period-day")),
        PeriodBy::Month => (fl!(i18n, "period-chart-by-month"), fl!(i18n, "period-month")),
    };
    let bars = PdfBars {
        title,
        span: format!("{} – {}", i18n.datetime(&report.from), super::period::until(&report.to, i18n)),
        x_title,
        y_title: fl!(i18n, "period-chart-amount"),
        bars: report.rows.iter().map(|r| (bar_label(&r.key, report.by), r.totals.total)).collect(),
    };
    let mut pages = vec![chart_page(&mut doc, &bars, i18n)?];
    pages.extend(layout_pages(&mut doc, layout, Paper::A4, FontEmbedding::Subset)?);
    Ok(save(doc, pages))
}
