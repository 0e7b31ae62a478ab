//! Deferred (preloaded) receipts from the command line: send one, list them, collect results.

use clap::Subcommand;
use serde_json::json;

use super::sale::split_item;
use super::{EXIT_OK, block_on, print_json};
use crate::domain::Cart;
use crate::i18n::I18n;
use crate::register::DeferredReceipt;
use crate::register::{DeferredOverview, Register, RegisterError};

#[derive(Debug, Subcommand)]
pub enum DeferredCommand {
    /// Send a cart to the terminal as a preloaded receipt, paid there later.
    Send {
        #[arg(long = "item", required = true)]
        items: Vec<String>,
        #[arg(long)]
        terminal: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The preloads, and the terminal results kept for a manager.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Ask the terminals for paid preloads and issue their receipts; results that book
    /// nothing are kept (and listed) for a manager, not acknowledged to the terminal.
    Refresh {
        #[arg(long)]
        json: bool,
    },
}

/// The list, then what a manager must look at: kept results and terminals not asked.
fn show_overview(overview: &DeferredOverview, i18n: &I18n, as_json: bool) {
    if as_json {
        print_json(&json!({
            "deferred": overview.receipts,
            "unmatched": overview.unmatched,
            "not_reached": overview.not_reached,
        }));
        return;
    }
    show(&overview.receipts, i18n, false);
    if !overview.unmatched.is_empty() {
        println!("\n{}", i18n.tr("deferred-unmatched-title"));
        for u in &overview.unmatched {
            println!("{:>5}  {}", u.id, crate::register::describe_unmatched(u, i18n));
        }
    }
    for n in &overview.not_reached {
        eprintln!(
            "{}",
            crate::fl!(
                i18n,
                "deferred-not-reached",
                terminal = n.terminal.clone(),
                reason = n.reason.clone()
            )
        );
    }
}

fn show(list: &[DeferredReceipt], i18n: &I18n, as_json: bool) {
    if as_json {
        print_json(&json!({ "deferred": list }));
        return;
    }
    for d in list {
        let receipt = d.receipt_number.map(|n| format!("#{n}")).unwrap_or_default();
        println!(
            "{:>5}  {:<10} {:<12} {:>12}  {}  {}",
            d.id,
            d.state.code(),
            d.terminal,
            i18n.money(d.total),
            d.reference,
            receipt
        );
    }
}

pub fn run(register: &Register, i18n: &I18n, cmd: DeferredCommand) -> Result<u8, RegisterError> {
    match cmd {
        DeferredCommand::Send { items, terminal, json: as_json } => {
            let by = register.cli_operator(None, None)?;
            let mut cart = Cart::default();
            for item in &items {
                let (code, qty) = split_item(item);
                register.ring_up(&mut cart, code, register.parse_quantity(qty)?)?;
            }
            let name = register.terminal_name(terminal.as_deref());
            let sent = block_on(register.defer_order(&by, &cart, &name))?;
            show(&[sent], i18n, as_json);
        }
        DeferredCommand::List { json: as_json } => {
            show_overview(&register.deferred_overview()?, i18n, as_json)
        }
        DeferredCommand::Refresh { json: as_json } => {
            let overview = block_on(register.refresh_deferred())?;
            show_overview(&overview, i18n, as_json);
            // A terminal not asked (held by another tameio, unreachable) is a failure to report.
            if !overview.not_reached.is_empty() {
                return Ok(super::EXIT_FAILURE);
            }
        }
    }
    Ok(EXIT_OK)
}
