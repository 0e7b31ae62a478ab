//! Document commands: receipt PDF, printing and reprints, X/Z reports.

use std::path::PathBuf;

use clap::Subcommand;

use super::{EXIT_OK, block_on};
use crate::domain::Lang;
use crate::fl;
use crate::i18n::I18n;
use crate::register::{self, Register, RegisterError};

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Totals since the last closure; nothing is closed.
    X {
        #[command(flatten)]
        out: DocumentOut,
        /// Cash counted in the drawer, to show the difference.
        #[arg(long)]
        counted_cash: Option<String>,
    },
    /// The Z report of a batch closure (the latest by default).
    Z {
        number: Option<i64>,
        #[command(flatten)]
        out: DocumentOut,
    },
    /// The accountant's report over a period: per VAT rate, tender, terminal and cashier, a row
    /// per day or month, the Z reports closed in it. Text, --json, or -o FILE.pdf / FILE.csv.
    Period(super::report_period::PeriodArgs),
}

#[derive(Debug, clap::Args)]
pub struct DocumentOut {
    /// Write a PDF here instead of printing text.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    #[arg(long, default_value = "80mm")]
    pub paper: String,
    #[arg(long)]
    pub lang: Option<String>,
}

pub fn lang(register: &Register, code: Option<&str>) -> Result<Lang, RegisterError> {
    match code {
        None => Ok(register.settings().lang()),
        Some(c) => Lang::from_tag(c)
            .ok_or_else(|| RegisterError::BadInput(format!("unknown language “{c}” (el, it, en)"))),
    }
}

fn write(path: &PathBuf, bytes: &[u8]) -> Result<(), RegisterError> {
    std::fs::write(path, bytes).map_err(|e| RegisterError::BadInput(format!("{}: {e}", path.display())))
}

/// `receipt pdf NUMBER -o FILE`: the receipt as issued, as a PDF.
pub fn receipt_pdf(register: &Register, number: i64, out: &DocumentOut) -> Result<u8, RegisterError> {
    let receipt = register.receipt(number)?;
    let path = out.output.clone().unwrap_or_else(|| PathBuf::from(format!("receipt-{number}.pdf")));
    let bytes = register.receipt_pdf(
        &receipt,
        None,
        register::paper_named(&out.paper)?,
        lang(register, out.lang.as_deref())?,
    )?;
    write(&path, &bytes)?;
    println!("{}", path.display());
    Ok(EXIT_OK)
}

/// `receipt reprint NUMBER`: a counted copy (manager), printed, as PDF, or as text.
pub fn reprint(
    register: &Register,
    i18n: &I18n,
    number: i64,
    manager: (Option<String>, Option<String>),
    printer: Option<String>,
    out: &DocumentOut,
) -> Result<u8, RegisterError> {
    let by = register
        .cli_operator(manager.0.as_deref().or(Some(crate::register::DEMO_MANAGER.0)), manager.1.as_deref())?;
    let receipt = register.receipt(number)?;
    let (receipt, copy) = register.next_copy(&by, receipt.number)?;
    let lang = lang(register, out.lang.as_deref())?;
    // The copy is counted once it exists: a printer that refused it counts nothing.
    if let Some(path) = &out.output {
        write(path, &register.receipt_pdf(&receipt, Some(copy), register::paper_named(&out.paper)?, lang)?)?;
    } else if printer.is_some() || !register.settings().printer.is_empty() {
        block_on(register.print_receipt(&receipt, Some(copy), printer.as_deref()))?;
    } else {
        print!("{}", register.receipt_text(&receipt, Some(copy), lang));
    }
    let copy = register.copy_made(&by, number, copy)?;
    eprintln!("{}", fl!(i18n, "cli-reprint-done", number = number, copy = copy));
    Ok(EXIT_OK)
}

pub fn report(register: &Register, cmd: ReportCommand) -> Result<u8, RegisterError> {
    let (layout, out, title, z) = match cmd {
        ReportCommand::Period(args) => return super::report_period::period(register, &args),
        ReportCommand::X { out, counted_cash } => {
            let counted = counted_cash.map(|c| register.parse_amount(&c)).transpose()?;
            let layout = register.x_report_layout(
                counted,
                register::paper_named(&out.paper)?,
                lang(register, out.lang.as_deref())?,
            )?;
            (layout, out, "X".to_string(), None)
        }
        ReportCommand::Z { number, out } => {
            let (closure, layout) = register.z_report_layout(
                number,
                register::paper_named(&out.paper)?,
                lang(register, out.lang.as_deref())?,
            )?;
            (layout, out, format!("Z {}", closure.number), Some(closure))
        }
    };
    match &out.output {
        Some(path) => {
            let paper = register::paper_named(&out.paper)?;
            let pdf = match &z {
                // The Z's PDF carries its chart of sales per hour.
                Some(closure) => {
                    register.z_pdf(closure, &layout, paper, lang(register, out.lang.as_deref())?)?
                }
                None => register.report_pdf(&layout, paper, &title)?,
            };
            write(path, &pdf)?;
            println!("{}", path.display());
        }
        None => print!("{}", register.report_text(&layout)),
    }
    Ok(EXIT_OK)
}
