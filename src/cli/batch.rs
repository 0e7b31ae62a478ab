//! Batch closes a lost terminal answer left unfinished, from the command line: list them, and
//! record a manager's finding (the terminal closed, with the total on its slip, or it did not).

use super::{EXIT_OK, print_json};
use crate::domain::Money;
use crate::fl;
use crate::i18n::I18n;
use crate::register::{BatchCloseDecision, Register, RegisterError};

/// `tameio batch pending`: completes what the terminal answered, lists what waits for a manager.
pub fn pending(register: &Register, i18n: &I18n, json: bool) -> Result<u8, RegisterError> {
    let found = register.complete_pending_batch_closes()?;
    if json {
        print_json(&serde_json::json!({ "completed": found.completed, "waiting": found.unresolved }));
        return Ok(EXIT_OK);
    }
    for z in &found.completed {
        println!("{}", fl!(i18n, "batch-closed", number = z.number));
    }
    if found.unresolved.is_empty() {
        println!("{}", i18n.tr("cli-batch-closes-none"));
    }
    for r in &found.unresolved {
        println!(
            "{}",
            fl!(
                i18n,
                "cli-batch-close-waiting",
                request = r.id,
                terminal = r.terminal.clone(),
                when = i18n.datetime(&r.requested_at),
                name = r.actor.clone(),
                note = r.note.clone()
            )
        );
    }
    Ok(EXIT_OK)
}

/// `tameio batch resolve REQUEST --closed [--terminal-total X] | --not-closed`. Manager PIN.
pub fn resolve(
    register: &Register,
    i18n: &I18n,
    request: i64,
    closed: bool,
    terminal_total: Option<String>,
    user: Option<String>,
    pin: Option<String>,
) -> Result<u8, RegisterError> {
    let manager =
        register.cli_operator(user.as_deref().or(Some(crate::register::DEMO_MANAGER.0)), pin.as_deref())?;
    let total: Option<Money> = terminal_total.map(|t| register.parse_amount(&t)).transpose()?;
    let decision = match closed {
        true => BatchCloseDecision::Closed { terminal_total: total },
        false => BatchCloseDecision::NotClosed,
    };
    match register.resolve_batch_close(&manager, request, decision)? {
        Some(z) => print_json(&serde_json::to_value(&z).unwrap_or_default()),
        None => println!("{}", fl!(i18n, "cli-batch-close-resolved", request = request)),
    }
    Ok(EXIT_OK)
}
