//! The accountant's period report: a period typed as dates (or date-times) on the shop's clock,
//! read from the receipts, handed out as text, PDF or CSV, or saved beside the Z reports.

use super::{Register, RegisterError, Result};
use crate::domain::Lang;
use crate::domain::period::{DecimalMark, PeriodBy, PeriodReport, parse_wall};
use crate::print;
use crate::store::now;

/// What a saved period report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodFormat {
    Pdf,
    Csv,
}

impl PeriodFormat {
    pub fn extension(self) -> &'static str {
        match self {
            PeriodFormat::Pdf => "pdf",
            PeriodFormat::Csv => "csv",
        }
    }
}

fn bad_date(input: &str) -> RegisterError {
    RegisterError::BadInput(format!(
        "“{input}” is not a date (2026-12-31 or 31/12/2026, a time may follow: 2026-12-31 14:30)"
    ))
}

impl Register {
    /// The report from `from` to `to` (both included when they are dates; a date-time `to`
    /// is where it stops), with a row per day or month.
    pub fn period_report(&self, from: &str, to: &str, by: PeriodBy) -> Result<PeriodReport> {
        let start = parse_wall(from, false).ok_or_else(|| bad_date(from))?;
        let end = parse_wall(to, true).ok_or_else(|| bad_date(to))?;
        if end <= start {
            return Err(RegisterError::BadInput(format!("the period ends ({to}) before it starts ({from})")));
        }
        Ok(self.store.period_report(&self.register_id(), start, end, by)?)
    }

    pub fn period_text(&self, report: &PeriodReport, lang: Lang) -> String {
        print::layout_text(&print::period_layout(report, &now(), &self.settings(), lang))
    }

    pub fn period_pdf(&self, report: &PeriodReport, lang: Lang) -> Result<Vec<u8>> {
        Ok(print::period_pdf(report, &now(), &self.settings(), lang)?)
    }

    /// The CSV with `mark` as decimal mark, or the language's.
    pub fn period_csv(&self, report: &PeriodReport, mark: Option<DecimalMark>, lang: Lang) -> String {
        print::period_csv(report, mark.unwrap_or(DecimalMark::of(lang)))
    }

    /// Saves the report under the data folder's `reports/` (where the Z reports go) as
    /// `period-2026-12-01-2026-12-31.pdf` (or `.csv`); returns where.
    pub fn save_period(&self, report: &PeriodReport, format: PeriodFormat, lang: Lang) -> Result<String> {
        let bytes = match format {
            PeriodFormat::Pdf => self.period_pdf(report, lang)?,
            PeriodFormat::Csv => self.period_csv(report, None, lang).into_bytes(),
        };
        let dir =
            self.places().map(|p| p.data_dir.clone()).unwrap_or_else(std::env::temp_dir).join("reports");
        let day = |stored: &str, back: i64| {
            crate::domain::time::local_in(stored, &chrono::Local)
                .map(|t| (t - chrono::Duration::seconds(back)).format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let name = format!("period-{}-{}.{}", day(&report.from, 0), day(&report.to, 1), format.extension());
        let path = dir.join(name);
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, bytes))
            .map_err(|e| RegisterError::Storage(format!("{}: {e}", path.display())))?;
        Ok(path.display().to_string())
    }
}
