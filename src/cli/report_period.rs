//! `tameio report period`: the accountant's report over any period, as text, JSON, PDF or CSV.

use std::path::PathBuf;

use super::documents::lang;
use super::{EXIT_OK, print_json};
use crate::register::{DecimalMark, PeriodBy, Register, RegisterError};

#[derive(Debug, clap::Args)]
pub struct PeriodArgs {
    /// The first day (2026-12-01 or 01/12/2026), or a date and time (2026-12-01 14:30).
    #[arg(long)]
    pub from: String,
    /// The last day, included; or a date and time, where the period stops.
    #[arg(long)]
    pub to: String,
    /// A row per `day` or per `month`.
    #[arg(long, default_value = "day")]
    pub by: String,
    /// Write the report here instead: FILE.pdf (with a chart) or FILE.csv (for accounting software).
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// The report as JSON (amounts in cents); with -o, only where it was written.
    #[arg(long)]
    pub json: bool,
    /// The CSV's decimal mark: `point` or `comma` (default: the register's language; fields are
    /// separated by `;` when the mark is a comma).
    #[arg(long)]
    pub decimal: Option<String>,
    #[arg(long)]
    pub lang: Option<String>,
}

pub fn period(register: &Register, args: &PeriodArgs) -> Result<u8, RegisterError> {
    let by = PeriodBy::from_code(&args.by)
        .ok_or_else(|| RegisterError::BadInput(format!("--by “{}”: day or month", args.by)))?;
    let mark = args
        .decimal
        .as_deref()
        .map(|d| {
            DecimalMark::from_code(d)
                .ok_or_else(|| RegisterError::BadInput(format!("--decimal “{d}”: point or comma")))
        })
        .transpose()?;
    let lang = lang(register, args.lang.as_deref())?;
    let report = register.period_report(&args.from, &args.to, by)?;
    let Some(path) = &args.output else {
        if args.json {
            print_json(&serde_json::to_value(&report).map_err(|e| RegisterError::Storage(e.to_string()))?);
        } else {
            print!("{}", register.period_text(&report, lang));
        }
        return Ok(EXIT_OK);
    };
    let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let bytes = match extension.as_str() {
        "pdf" => register.period_pdf(&report, lang)?,
        "csv" => register.period_csv(&report, mark, lang).into_bytes(),
        _ => {
            return Err(RegisterError::BadInput(format!(
                "{}: the file's name must end in .pdf or .csv",
                path.display()
            )));
        }
    };
    std::fs::write(path, bytes).map_err(|e| RegisterError::BadInput(format!("{}: {e}", path.display())))?;
    if args.json {
        print_json(&serde_json::json!({ "path": path.display().to_string() }));
    } else {
        println!("{}", path.display());
    }
    Ok(EXIT_OK)
}
