//! `tameio receipt`: list and show receipts (PDFs and reprints are in `documents`), and the
//! JSON form of a receipt that `sale` and `pay` print too.

use clap::Subcommand;
use serde_json::json;

use super::{EXIT_OK, documents, print_json};
use crate::domain::Receipt;
use crate::i18n::I18n;
use crate::register::ReceiptFilter;
use crate::register::{Register, RegisterError};

#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    List {
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        last4: Option<String>,
        #[arg(long)]
        limit: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    Show {
        number: i64,
        #[arg(long)]
        json: bool,
    },
    /// The receipt as issued, as a PDF: `receipt pdf 12 -o r12.pdf --paper 58mm --lang el`.
    Pdf {
        number: i64,
        #[command(flatten)]
        out: documents::DocumentOut,
    },
    /// A copy (marked COPY, counted, audited; manager PIN) to the printer, a PDF or the screen.
    /// `receipt print` is the same: any print after the sale is a copy.
    #[command(alias = "print")]
    Reprint {
        number: i64,
        #[arg(long)]
        printer: Option<String>,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: Option<String>,
        #[command(flatten)]
        out: documents::DocumentOut,
    },
}

pub(crate) fn receipt_json(r: &Receipt) -> serde_json::Value {
    json!({
        "number": r.number,
        "register_id": r.register_id,
        "kind": r.kind,
        "issued_at": r.issued_at,
        "cashier": r.cashier,
        "lines": r.lines.iter().map(|l| json!({
            "name": l.name, "plu": l.plu, "quantity": l.quantity.label(), "unit_price_cents": l.unit_price.cents(),
            "discount_cents": l.discount.cents(), "amount_cents": l.amount.cents(), "vat_bp": l.vat.bp(),
        })).collect::<Vec<_>>(),
        "order_discount_cents": r.order_discount.cents(),
        "vat": r.vat.iter().map(|s| json!({
            "rate_bp": s.rate.bp(), "net_cents": s.net.cents(), "vat_cents": s.vat.cents(), "gross_cents": s.gross.cents(),
        })).collect::<Vec<_>>(),
        "total_cents": r.total.cents(),
        "tenders": r.tenders.iter().map(|t| json!({
            "kind": t.kind, "amount_cents": t.amount.cents(), "given_cents": t.given.cents(), "change_cents": t.change.cents(),
            "card": t.card,
        })).collect::<Vec<_>>(),
        "change_cents": r.change().cents(),
    })
}

pub fn receipt(register: &Register, i18n: &I18n, cmd: ReceiptCommand) -> Result<u8, RegisterError> {
    match cmd {
        ReceiptCommand::List { date, last4, limit, json } => {
            let filter = ReceiptFilter { date, card_last4: last4, limit, ..Default::default() };
            let list = register.receipts(&filter)?;
            if json {
                print_json(&json!({ "receipts": list }));
            } else if list.is_empty() {
                println!("{}", i18n.tr("cli-no-receipts"));
            } else {
                for r in list {
                    println!(
                        "{:>6}  {}  {:>12}  {}",
                        r.number,
                        i18n.datetime(&r.issued_at),
                        i18n.money(r.total),
                        r.card_last4
                    );
                }
            }
        }
        ReceiptCommand::Pdf { number, out } => return documents::receipt_pdf(register, number, &out),
        ReceiptCommand::Reprint { number, printer, user, pin, out } => {
            return documents::reprint(register, i18n, number, (user, pin), printer, &out);
        }
        ReceiptCommand::Show { number, json } => {
            let r = register.receipt(number)?;
            if json {
                print_json(&receipt_json(&r));
            } else {
                print!("{}", register.receipt_summary(&r, i18n));
            }
        }
    }
    Ok(EXIT_OK)
}
