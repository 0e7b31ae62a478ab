//! The Z report as PDF: its layout on the report's paper, then an A4 page with the day's
//! sales per hour (the chart `print::chart` draws for the period report too).

use printpdf::PdfDocument;

use super::chart::{PdfBars, chart_page};
use super::error::PrintError;
use super::layout::{Layout, Paper};
use super::pdf::{FontEmbedding, layout_pages, save};
use crate::domain::BatchClosure;
use crate::fl;
use crate::i18n::I18n;

/// The Z's pages, then its chart of sales per hour (left out when the Z has no receipts).
pub fn z_pdf(
    closure: &BatchClosure,
    layout: &Layout,
    paper: Paper,
    i18n: &I18n,
    title: &str,
) -> Result<Vec<u8>, PrintError> {
    let mut doc = PdfDocument::new(title);
    let mut pages = layout_pages(&mut doc, layout, paper, FontEmbedding::Subset)?;
    let bars = closure.register.hourly_bars();
    if !bars.is_empty() {
        let chart = PdfBars {
            title: fl!(i18n, "chart-sales-per-hour"),
            span: format!(
                "{} · {}",
                fl!(i18n, "print-z-number", number = closure.number),
                i18n.datetime(&closure.closed_at)
            ),
            x_title: fl!(i18n, "chart-hour"),
            y_title: fl!(i18n, "period-chart-amount"),
            bars,
        };
        pages.push(chart_page(&mut doc, &chart, i18n)?);
    }
    Ok(save(doc, pages))
}
