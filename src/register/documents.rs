//! Receipts and reports as documents: text for the screen, PDF, and ESC/POS jobs sent to the
//! shop's printer. A printer problem never loses a receipt: it stays stored and reprintable.

use super::{Register, RegisterError, Result};
use crate::domain::{Lang, Money, Receipt};
use crate::print::{self, Layout, Paper};
use crate::store::{BatchClosure, now};

impl Register {
    /// The paper from settings (80 mm when unreadable).
    pub fn paper(&self) -> Paper {
        Paper::from_code(&self.settings().paper).unwrap_or(Paper::Roll80)
    }

    pub fn receipt_text(&self, receipt: &Receipt, copy: Option<i64>, lang: Lang) -> String {
        print::receipt_text(receipt, &self.settings(), lang, self.paper(), copy)
    }

    pub fn receipt_pdf(
        &self,
        receipt: &Receipt,
        copy: Option<i64>,
        paper: Paper,
        lang: Lang,
    ) -> Result<Vec<u8>> {
        Ok(print::receipt_pdf(receipt, &self.settings(), lang, paper, copy)?)
    }

    /// Sends a receipt to the printer (the settings' one unless given). The drawer opens for
    /// an original paid in cash.
    pub async fn print_receipt(
        &self,
        receipt: &Receipt,
        copy: Option<i64>,
        printer: Option<&str>,
    ) -> Result<()> {
        let settings = self.settings();
        let target = printer.map(str::to_string).unwrap_or(settings.printer.clone());
        if target.is_empty() {
            return Err(RegisterError::NoPrinter);
        }
        let job = print::receipt_escpos(receipt, &settings, settings.lang(), self.paper(), copy);
        Ok(print::send(&target, &job).await?)
    }

    pub fn x_report_layout(&self, counted_cash: Option<Money>, paper: Paper, lang: Lang) -> Result<Layout> {
        let totals = self.x_report()?;
        Ok(print::x_report(&totals, counted_cash, &now(), &self.settings(), lang, paper))
    }

    /// The Z report of closure `number`, or of the latest one.
    pub fn z_report_layout(
        &self,
        number: Option<i64>,
        paper: Paper,
        lang: Lang,
    ) -> Result<(BatchClosure, Layout)> {
        let closures = self.batch_closures()?;
        let closure = match number {
            Some(n) => closures.into_iter().find(|c| c.number == n),
            None => closures.into_iter().next(),
        }
        .ok_or_else(|| RegisterError::Conflict("no batch closure yet".into()))?;
        let layout = print::z_report(&closure, &self.settings(), lang, paper);
        Ok((closure, layout))
    }
}
