//! Receipts and reports as documents: text for the screen, PDF, and ESC/POS jobs sent to the
//! shop's printer. A printer problem never loses a receipt: it stays stored and reprintable.

use super::{Operator, ReceiptFilter, ReceiptSummary, Register, RegisterError, Result, require_manager};
use crate::domain::{Lang, Money, Receipt};
use crate::print::{self, Layout, Paper};
use crate::store::{BatchClosure, StoreError, now};

/// A Z report as issued after a close: always saved as a PDF, printed when a printer is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZIssued {
    pub number: i64,
    pub pdf: String,
    /// `None` when no printer is set up; else whether the printer took it (in the user's words).
    pub printed: Option<std::result::Result<(), String>>,
}

/// A paper size as typed: `80mm`, `58mm` or `a4`.
pub fn paper_named(code: &str) -> Result<Paper> {
    Paper::from_code(code)
        .ok_or_else(|| RegisterError::BadInput(format!("unknown paper “{code}” (80mm, 58mm, a4)")))
}

impl Register {
    pub fn receipts(&self, filter: &ReceiptFilter) -> Result<Vec<ReceiptSummary>> {
        Ok(self.store.receipts(&self.register_id(), filter)?)
    }

    pub fn receipt(&self, number: i64) -> Result<Receipt> {
        self.store.receipt(&self.register_id(), number).map_err(|e| match e {
            StoreError::NotFound(_) => RegisterError::NoReceipt(number),
            other => other.into(),
        })
    }

    /// The copy a reprint makes: manager only, and the copy number it will carry. Nothing is
    /// counted until the copy exists (`copy_made`): a reprint the printer refused is no copy.
    pub fn next_copy(&self, by: &Operator, number: i64) -> Result<(Receipt, i64)> {
        require_manager(by)?;
        let receipt = self.receipt(number)?;
        let copy = self.store.next_copy_number(&self.register_id(), number)?;
        Ok((receipt, copy))
    }

    /// A copy was printed or saved: counted and audited now. Two managers copying the same
    /// receipt at once both printed the same number; the second is counted as the next one.
    pub fn copy_made(&self, by: &Operator, number: i64, printed: i64) -> Result<i64> {
        require_manager(by)?;
        let copy = self.store.record_reprint(&self.register_id(), number, by.user_id, &by.name)?;
        if copy != printed {
            tracing::warn!(number, printed, counted = copy, "two copies of one receipt made at once");
        }
        Ok(copy)
    }

    /// The paper from settings (80 mm when unreadable).
    pub fn paper(&self) -> Paper {
        Paper::from_code(&self.settings().paper).unwrap_or(Paper::Roll80)
    }

    pub fn receipt_text(&self, receipt: &Receipt, copy: Option<i64>, lang: Lang) -> String {
        print::receipt_text(receipt, &self.settings(), lang, self.paper(), copy)
    }

    /// The receipt as a compact console table (`tameio sale`, `receipt show`).
    pub fn receipt_summary(&self, receipt: &Receipt, i18n: &crate::i18n::I18n) -> String {
        print::text::receipt_summary(receipt, i18n)
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

    /// A report's layout as a PDF titled `title`.
    pub fn report_pdf(&self, layout: &Layout, paper: Paper, title: &str) -> Result<Vec<u8>> {
        Ok(print::layout_pdf(layout, paper, title)?)
    }

    /// A Z report as a PDF: its layout, then its chart of sales per hour.
    pub fn z_pdf(
        &self,
        closure: &BatchClosure,
        layout: &Layout,
        paper: Paper,
        lang: Lang,
    ) -> Result<Vec<u8>> {
        Ok(print::z_pdf(closure, layout, paper, lang, &format!("Z {}", closure.number))?)
    }

    /// A report's layout as plain text.
    pub fn report_text(&self, layout: &Layout) -> String {
        print::layout_text(layout)
    }

    /// The Z report of closure `number`, or of the latest one.
    pub fn z_report_layout(
        &self,
        number: Option<i64>,
        paper: Paper,
        lang: Lang,
    ) -> Result<(BatchClosure, Layout)> {
        let closure = match number {
            Some(n) => self.store.batch_closure(&self.register_id(), n)?,
            None => self.store.recent_batch_closures(&self.register_id(), 1)?.into_iter().next(),
        }
        .ok_or_else(|| RegisterError::Conflict("no batch closure yet".into()))?;
        let layout = print::z_report(&closure, &self.settings(), lang, paper);
        Ok((closure, layout))
    }

    /// Saves closure `number`'s Z report as a PDF under the data dir's `reports/` folder and
    /// sends it to the shop's printer when one is set. A printer problem is reported, never
    /// an error: the Z is stored and its PDF written either way.
    pub async fn issue_z_report(&self, number: i64, i18n: &crate::i18n::I18n) -> Result<ZIssued> {
        let lang = i18n.lang();
        let (closure, layout) = self.z_report_layout(Some(number), self.paper(), lang)?;
        let pdf = self.z_pdf(&closure, &layout, self.paper(), lang)?;
        let dir =
            self.places().map(|p| p.data_dir.clone()).unwrap_or_else(std::env::temp_dir).join("reports");
        let path = dir.join(format!("z-{}.pdf", closure.number));
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, pdf))
            .map_err(|e| RegisterError::Storage(format!("{}: {e}", path.display())))?;
        let target = self.settings().printer;
        let printed = if target.is_empty() {
            None
        } else {
            let job = print::layout_escpos(&layout, lang, self.paper());
            Some(print::send(&target, &job).await.map_err(|e| RegisterError::from(e).message(i18n)))
        };
        Ok(ZIssued { number: closure.number, pdf: path.display().to_string(), printed })
    }
}
