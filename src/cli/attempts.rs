//! Payments a manager settles by hand: the open attempts, the approvals whose booking is
//! pending, and a decision taken from the terminal's own journal or slip (audited).

use clap::Subcommand;
use serde_json::json;
use uuid::Uuid;

use super::terminal::{attempt_json, print_attempt};
use super::{EXIT_OK, EXIT_UNKNOWN, print_json};
use crate::i18n::I18n;
use crate::register::{Register, RegisterError};
use crate::terminal::{Approval, Outcome};

#[derive(Debug, Subcommand)]
pub enum AttemptCommand {
    /// Attempts whose outcome is not known, and approvals not booked yet (exit 4 if any).
    List {
        #[arg(long)]
        json: bool,
    },
    /// A manager decides an open attempt from the terminal's journal or slip:
    /// `attempt resolve ID --approved --auth-code 123456 --pin 9999`, or `--not-charged`.
    Resolve {
        id: String,
        #[arg(long, conflicts_with = "not_charged", required_unless_present = "not_charged")]
        approved: bool,
        #[arg(long)]
        not_charged: bool,
        /// The authorisation code on the terminal's slip.
        #[arg(long, requires = "approved")]
        auth_code: Option<String>,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(register: &Register, i18n: &I18n, cmd: AttemptCommand) -> Result<u8, RegisterError> {
    match cmd {
        AttemptCommand::List { json: as_json } => list(register, i18n, as_json),
        AttemptCommand::Resolve { id, approved, auth_code, user, pin, json: as_json, .. } => {
            let id = Uuid::parse_str(id.trim())
                .map_err(|_| RegisterError::BadInput(format!("“{id}” is not a payment attempt id")))?;
            let by = register
                .cli_operator(user.as_deref().or(Some(crate::register::DEMO_MANAGER.0)), Some(&pin))?;
            let outcome = if approved {
                // The code copied from the slip, or none: never a made-up one (the tender says manual).
                let auth_code = auth_code.unwrap_or_default().trim().to_string();
                Outcome::Approved(Approval { auth_code, ..Approval::default() })
            } else {
                Outcome::declined(String::new(), i18n.tr("pay-resolved-not-charged"))
            };
            let decided = register.decide_attempt(&by, id, &outcome)?;
            let payment = register.card_payment(decided.attempt, &by.name)?;
            let returned_to = decided.returned_to.map(|o| o.name);
            if as_json {
                print_json(&json!({
                    "attempt": attempt_json(&payment.attempt, i18n),
                    "booking_pending": payment.pending,
                    "receipt": payment.receipt.as_ref().map(|r| r.number),
                    "sale_returned_to": returned_to,
                }));
            } else {
                print_attempt(&payment.attempt, i18n, false);
                if let Some(cashier) = returned_to {
                    println!("{}", crate::fl!(i18n, "pay-sale-returned", name = cashier));
                }
            }
            Ok(EXIT_OK)
        }
    }
}

fn list(register: &Register, i18n: &I18n, as_json: bool) -> Result<u8, RegisterError> {
    let open = register.open_attempts()?;
    let unbooked = register.unbooked_approvals()?;
    if as_json {
        let open: Vec<_> = open.iter().map(|a| attempt_json(a, i18n)).collect();
        let unbooked: Vec<_> = unbooked.iter().map(|a| attempt_json(a, i18n)).collect();
        print_json(&json!({ "open": open, "booking_pending": unbooked }));
    } else {
        for a in open.iter().chain(&unbooked) {
            print_attempt(a, i18n, false);
        }
    }
    Ok(if open.is_empty() && unbooked.is_empty() { EXIT_OK } else { EXIT_UNKNOWN })
}
