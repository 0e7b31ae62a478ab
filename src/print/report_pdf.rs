//! The Z report as PDF: its layout on the report's paper, then an A4 page with the day's
//! sales per hour (the chart `print::chart` draws for the period report too).

use printpdf::PdfDocument;

use super::chart::{PdfBars, chart_page};
use super::error::PrintError;
use super::layout::{Layout, Paper};
use super::pdf::{FontEmbedding, layout_pages, save};
use crate::domain::{BatchClosure, Money, RegisterTotals};
use crate::fl;
use crate::i18n::I18n;

/// The sales per hour, from the first hour with a receipt to the last, hours without any
/// shown as zero; labels `08`, `09`, …
pub fn hourly_bars(totals: &RegisterTotals) -> Vec<(String, Money)> {
    let (Some(first), Some(last)) = (totals.hourly.keys().next(), totals.hourly.keys().next_back()) else {
        return Vec::new();
    };
    (*first..=*last)
        .map(|h| (format!("{h:02}"), totals.hourly.get(&h).copied().unwrap_or_default()))
        .collect()
}

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
    let bars = hourly_bars(&closure.register);
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hours_without_sales_are_zero_bars_between_the_first_and_the_last() {
        let mut t = RegisterTotals::default();
        assert!(hourly_bars(&t).is_empty());
        t.hourly.insert(9, Money::from_cents(1_250));
        t.hourly.insert(12, Money::from_cents(-300));
        let bars = hourly_bars(&t);
        let labels: Vec<&str> = bars.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(labels, ["09", "10", "11", "12"]);
        assert_eq!(bars[1].1, Money::ZERO);
        assert_eq!(bars[3].1, Money::from_cents(-300));
    }
}
