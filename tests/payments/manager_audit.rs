//! Every destructive or money-moving manager action, done once through the register, is in
//! the audit log with who did it and when; the test prints the list it checked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::register::cart;
use tameio::config::Settings;
use tameio::domain::{DEMO_CASHIER, DEMO_MANAGER, DeferredState, Lang, Money, Role, VatRate};
use tameio::register::{Operator, Register, RegisterError};
use tameio::store::NewDeferred;
use tameio::terminal::{Attempt, AttemptState, Journal, Outcome, PaymentKind, Protocol, TerminalConfig};

/// An attempt whose outcome nobody knows, for a manager to decide.
fn unknown_attempt(reg: &Register, terminal: &str) -> uuid::Uuid {
    let open = Attempt {
        id: uuid::Uuid::now_v7(),
        terminal: terminal.into(),
        protocol: Protocol::Ecr17,
        kind: PaymentKind::Sale,
        amount: Money::from_cents(100),
        order_id: None,
        reference: "x".into(),
        state: AttemptState::Prepared,
        created_at: chrono::Local::now().to_rfc3339(),
        outcome: None,
        note: String::new(),
    };
    let journal: &dyn Journal = reg.store().as_ref();
    journal.prepare(&open).unwrap();
    journal.set_state(open.id, AttemptState::Unknown, "link dropped").unwrap();
    open.id
}

#[test]
fn every_manager_action_is_audited_with_who_and_when() {
    let reg = Register::in_memory(Settings::default()).unwrap();
    let boss: Operator = reg.sign_in(reg.user_by_name(DEMO_MANAGER.0).unwrap().id, DEMO_MANAGER.1).unwrap();
    let maria: Operator = reg.sign_in(reg.user_by_name(DEMO_CASHIER.0).unwrap().id, DEMO_CASHIER.1).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut done: Vec<(&str, &str)> = Vec::new();
    let mut did = |what: &'static str, action: &'static str| done.push((what, action));

    // Users: added, new PINs (the demo ones first, as real terminals need), off and on, unlocked.
    let eleni = reg.add_user(&boss, "Eleni", Role::Cashier, "2468").unwrap();
    did("user added", "user.add");
    reg.set_pin(&boss, maria.user_id, "3715").unwrap();
    reg.set_pin(&boss, boss.user_id, "4826").unwrap();
    did("PIN changed", "user.pin");
    reg.set_user_active(&boss, eleni.id, false).unwrap();
    did("user deactivated", "user.deactivate");
    reg.set_user_active(&boss, eleni.id, true).unwrap();
    did("user activated", "user.activate");
    reg.unlock_user(&boss, eleni.id).unwrap();
    did("PIN lock lifted", "pin.unlock");

    // Money: a sale refunded, an open order voided, a cart line voided, a reprint.
    let sale = reg.cash_sale(&maria, &cart(&reg, &["101", "503"]), Money::from_cents(2000)).unwrap();
    reg.refund_cash(&boss, sale.number).unwrap();
    did("refund", "receipt.refund");
    let order = reg.open_order(&maria, &cart(&reg, &["101"])).unwrap();
    reg.void_order(&boss, order).unwrap();
    did("order voided", "order.void");
    let mut open_cart = cart(&reg, &["101", "503"]);
    reg.void_line(&maria, Some(&boss), &mut open_cart, 0).unwrap();
    did("cart line voided", "cart.void_line");
    let (_, copy) = reg.next_copy(&boss, sale.number).unwrap();
    assert_eq!(reg.copy_made(&boss, sale.number, copy).unwrap(), copy);
    did("reprint", "receipt.reprint");
    assert!(matches!(reg.next_copy(&maria, sale.number), Err(RegisterError::NeedsManager)));
    // Fault mode: the terminal took the card alone, the manager books it from the slip.
    let order = reg.open_order(&maria, &cart(&reg, &["101"])).unwrap();
    let due = reg.order(order).unwrap().remaining();
    reg.record_manual_card(&boss, order, due, "12345678", "A1B2C3").unwrap();
    did("card booked by hand", "card.manual");

    // A payment nobody knows the outcome of, decided by hand.
    let config = TerminalConfig {
        name: "office".into(),
        protocol: Protocol::Ecr17,
        addr: "127.0.0.1:9".into(),
        terminal_id: "12345678".into(),
        cash_register_id: "1".into(),
        options: serde_json::Value::Null,
    };
    reg.configure_terminal(&boss, config, "", "").unwrap();
    did("terminal added", "terminal.set");
    let attempt = unknown_attempt(&reg, "office");
    reg.force_attempt(&boss, attempt, &Outcome::Cancelled { message: "not charged".into() }).unwrap();
    did("forced outcome", "attempt.force");
    // A preloaded receipt the customer never paid, closed by hand (before the terminal goes).
    let new = NewDeferred {
        register_id: "1",
        user_id: maria.user_id,
        cart: &cart(&reg, &["101"]),
        terminal: "office",
        reference: "P-1",
        expires_at: None,
    };
    let preload = reg.store().create_deferred(&new, &maria.name).unwrap();
    reg.close_deferred(&boss, preload.id, DeferredState::Cancelled).unwrap();
    did("preload cancelled", "deferred.state");
    reg.remove_terminal(&boss, "office").unwrap();
    did("terminal removed", "terminal.remove");

    // The day closed, VAT moved, settings saved, a test page (to a printer that is off).
    reg.close_register_batch(&boss, Some(Money::from_cents(410))).unwrap();
    did("batch close (Z)", "batch.close");
    reg.move_vat_class(&boss, VatRate(2400), VatRate(1700)).unwrap();
    did("VAT class moved", "catalog.move_vat");
    reg.save_settings(Settings { receipt_footer: "Thank you".into(), ..reg.settings() }, &boss).unwrap();
    did("settings saved", "settings.save");
    let printed = runtime.block_on(reg.print_test_page(&boss, Some("127.0.0.1:9"), None, Lang::En));
    assert!(printed.is_err(), "nothing listens there");
    did("test print", "printer.test");
    assert!(runtime.block_on(reg.print_test_page(&maria, Some("127.0.0.1:9"), None, Lang::En)).is_err());

    let entries = reg.store().audit_entries(1000).unwrap();
    println!("{:<20} {:<18} {:<24} when", "manager action", "audit action", "who");
    for (what, action) in &done {
        // A cashier's void allowed by a manager's PIN names both.
        let by_boss = |e: &&tameio::store::AuditEntry| {
            e.actor == boss.name || e.detail.contains(&format!("\"allowed_by\":\"{}\"", boss.name))
        };
        let entry = entries
            .iter()
            .filter(|e| e.action == *action)
            .find(by_boss)
            .unwrap_or_else(|| panic!("{what}: no {action} entry by {}", boss.name));
        assert!(entry.at.ends_with('Z') && entry.at.len() == 20, "{what}: when {}", entry.at);
        let who = if entry.actor == boss.name {
            entry.actor.clone()
        } else {
            format!("{}, allowed by {}", entry.actor, boss.name)
        };
        println!("{what:<20} {action:<18} {who:<24} {}", entry.at);
    }
    let tests = entries.iter().filter(|e| e.action == "printer.test").count();
    assert_eq!(tests, 1, "a cashier's test print is refused before anything is sent");
    assert!(reg.check_db().unwrap().is_ok());
}
