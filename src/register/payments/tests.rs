//! The payment rule at the register: an approval that cannot be booked stays "booking
//! pending" (never refused, never paid twice), recovery goes on past what it cannot book, and
//! card payments never go to the demo terminal behind the cashier's back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::config::Settings;
use crate::domain::{Cart, Quantity};
use crate::domain::{DEMO_CASHIER, DEMO_MANAGER};

fn setup() -> (Register, Operator, Operator) {
    let reg = Register::in_memory(Settings::default()).unwrap();
    let boss = reg.user_by_name(DEMO_MANAGER.0).unwrap().into();
    let maria = reg.user_by_name(DEMO_CASHIER.0).unwrap().into();
    (reg, boss, maria)
}

fn order(reg: &Register, by: &Operator) -> (i64, Money) {
    let mut cart = Cart::default();
    reg.ring_up(&mut cart, "401", Quantity::pieces(1)).unwrap();
    let id = reg.open_order(by, &cart).unwrap();
    (id, reg.order(id).unwrap().remaining())
}

/// An attempt on the demo terminal for this order, left "sent" (its answer never recorded).
fn sent_attempt(reg: &Register, order_id: i64, amount: Money) -> Attempt {
    let attempt = Attempt {
        id: Uuid::now_v7(),
        terminal: DEMO_TERMINAL.into(),
        protocol: Protocol::Ecr17,
        kind: PaymentKind::Sale,
        amount,
        order_id: Some(order_id),
        reference: "r".into(),
        state: AttemptState::Prepared,
        created_at: chrono::Utc::now().to_rfc3339(),
        outcome: None,
        note: String::new(),
    };
    let journal: &dyn Journal = reg.store.as_ref();
    journal.prepare(&attempt).unwrap();
    journal.set_state(attempt.id, AttemptState::Sent, "").unwrap();
    attempt
}

fn fail_next_bookings(n: u32) {
    crate::store::pending_test_hook::FAIL_BOOKINGS.with(|f| f.set(n));
}

#[tokio::test]
async fn an_approval_that_cannot_be_booked_is_pending_and_blocks_every_other_way_to_pay() {
    let (reg, _, maria) = setup();
    let (order_id, due) = order(&reg, &maria);
    fail_next_bookings(2);
    let paid = reg.pay_card(&maria, order_id, due, DEMO_TERMINAL, &ProgressSink::none()).await.unwrap();
    assert_eq!(paid.attempt.state, AttemptState::Approved, "what the journal says, not an error");
    assert!(paid.pending.as_deref().is_some_and(|p| p.contains("disk full")), "{:?}", paid.pending);
    assert!(paid.receipt.is_none());

    // The customer has paid: no cash, no void, no second card payment on this order.
    assert!(matches!(reg.pay_cash(&maria, order_id, due), Err(RegisterError::Conflict(_))));
    assert!(matches!(reg.void_order(&maria, order_id), Err(RegisterError::Conflict(_))));
    let again = reg.pay_card(&maria, order_id, due, DEMO_TERMINAL, &ProgressSink::none()).await;
    assert!(again.is_err(), "a second card attempt while the first is unbooked: {again:?}");
    assert_eq!(reg.store.attempts_of_order(order_id).unwrap().len(), 1, "nothing more was sent");

    // "Book now" (or the screen's own retry) books it once; recovery then finds nothing to do.
    let booked = reg.card_payment(paid.attempt.clone(), &maria.name).unwrap();
    assert!(booked.pending.is_none());
    let receipt = booked.receipt.expect("the receipt is issued with the booking");
    assert_eq!(receipt.total, due);
    reg.recover(None).await.unwrap();
    assert!(reg.card_payment(paid.attempt, &maria.name).unwrap().receipt.is_some());
    assert_eq!(reg.order(order_id).unwrap().tenders.len(), 1, "booked exactly once");
    assert!(reg.unbooked_approvals().unwrap().is_empty());
}

#[tokio::test]
async fn recovery_books_what_it_can_and_goes_on_past_what_it_cannot() {
    let (reg, _, maria) = setup();
    let (first, due1) = order(&reg, &maria);
    let (second, due2) = order(&reg, &maria);
    fail_next_bookings(2);
    let a = reg.pay_card(&maria, first, due1, DEMO_TERMINAL, &ProgressSink::none()).await.unwrap();
    let b = reg.pay_card(&maria, second, due2, DEMO_TERMINAL, &ProgressSink::none()).await.unwrap();
    assert!(a.pending.is_some() && b.pending.is_some());
    assert_eq!(reg.unbooked_approvals().unwrap().len(), 2);

    // The first booking at recovery fails again; the second must still be booked.
    fail_next_bookings(1);
    reg.recover(None).await.unwrap();
    let left = reg.unbooked_approvals().unwrap();
    assert_eq!(left.len(), 1, "one booked, one still pending");
    assert_eq!(left[0].id, a.attempt.id);
    assert!(reg.receipt_for_order(second).unwrap().is_some());

    // The next recovery books the rest.
    reg.recover(None).await.unwrap();
    assert!(reg.unbooked_approvals().unwrap().is_empty());
    assert!(reg.receipt_for_order(first).unwrap().is_some());
}

#[tokio::test]
async fn card_payments_never_fall_back_to_the_demo_terminal() {
    let (reg, boss, maria) = setup();
    assert_eq!(reg.terminal_name(None), DEMO_TERMINAL, "a register with no terminal is in demo mode");
    let front = TerminalConfig {
        name: "front".into(),
        protocol: Protocol::Ecr17,
        addr: "127.0.0.1:9".into(),
        terminal_id: "12345678".into(),
        cash_register_id: String::new(),
        options: serde_json::Value::Null,
    };
    reg.add_terminal(&boss, &front).unwrap();
    assert_eq!(reg.terminal_name(None), "", "configured but not chosen: no terminal");
    let (order_id, due) = order(&reg, &maria);
    let name = reg.terminal_name(None);
    let refused = reg.pay_card(&maria, order_id, due, &name, &ProgressSink::none()).await;
    assert!(matches!(refused, Err(RegisterError::NoDefaultTerminal)), "{refused:?}");
    assert!(reg.store.attempts_of_order(order_id).unwrap().is_empty(), "nothing was sent anywhere");
    let missing = reg.pay_card(&maria, order_id, due, "gone", &ProgressSink::none()).await;
    assert!(matches!(missing, Err(RegisterError::NoTerminal(_))), "{missing:?}");
}

#[tokio::test]
async fn a_terminal_held_elsewhere_is_busy_for_status_payments_and_manual_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let places = crate::config::Places { data_dir: dir.path().to_path_buf(), portable: false };
    let (one, _) = Register::open(&places).unwrap();
    let (two, _) = Register::open(&places).unwrap();
    let held = one.terminal(DEMO_TERMINAL).await.unwrap();
    match two.terminal_status(DEMO_TERMINAL).await {
        Err(RegisterError::TerminalBusy { terminal, pid }) => {
            assert_eq!((terminal.as_str(), pid), (DEMO_TERMINAL, std::process::id()));
        }
        other => panic!("not busy: {other:?}"),
    }
    assert!(matches!(two.hold_terminal_now(DEMO_TERMINAL), Err(RegisterError::TerminalBusy { .. })));
    drop(held);
    assert!(two.hold_terminal_now(DEMO_TERMINAL).is_ok());
}

#[test]
fn a_read_then_write_waits_for_another_process_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let places = crate::config::Places { data_dir: dir.path().to_path_buf(), portable: false };
    let (reg, _) = Register::open(&places).unwrap();
    let maria: Operator = reg.user_by_name(DEMO_CASHIER.0).unwrap().into();
    let (order_id, due) = order(&reg, &maria);
    // Another process (the CLI beside the GUI) holds the write lock and commits a change.
    let other = rusqlite::Connection::open(places.database()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; UPDATE users SET name = name;").unwrap();
    let writer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        other.execute_batch("COMMIT").unwrap();
    });
    // A deferred transaction would read first, then fail with SQLITE_BUSY_SNAPSHOT once the
    // other writer committed; an immediate one waits for the lock and goes through.
    let receipt = reg.pay_cash(&maria, order_id, due).unwrap();
    writer.join().unwrap();
    assert!(receipt.is_some());
}

#[tokio::test]
async fn one_device_under_two_names_is_still_driven_by_one_holder() {
    let (reg, boss, _) = setup();
    let config = |name: &str, addr: &str| TerminalConfig {
        name: name.into(),
        protocol: Protocol::Ecr17,
        addr: addr.into(),
        terminal_id: "12345678".into(),
        cash_register_id: String::new(),
        options: serde_json::Value::Null,
    };
    reg.add_terminal(&boss, &config("Cassa 1", "192.168.1.50:8081")).unwrap();
    reg.add_terminal(&boss, &config("cassa1", " 192.168.1.50:8081")).unwrap();
    reg.add_terminal(&boss, &config("back", "192.168.1.51:8081")).unwrap();
    let held = reg.terminal("Cassa 1").await.unwrap();
    match reg.hold_terminal_now("cassa1") {
        Err(RegisterError::TerminalBusy { terminal, .. }) => assert_eq!(terminal, "cassa1"),
        other => panic!("the same device under another name was free: {other:?}"),
    }
    assert!(reg.hold_terminal_now("back").is_ok(), "another device is free");
    drop(held);
    assert!(reg.hold_terminal_now("cassa1").is_ok());
}

#[tokio::test]
async fn booking_an_approval_never_overwrites_a_managers_decision_taken_meanwhile() {
    let (reg, boss, maria) = setup();
    let (order_id, due) = order(&reg, &maria);
    // The terminal approved but the journal failed: it still says "sent" for this attempt.
    let attempt = sent_attempt(&reg, order_id, due);
    // A manager, reading the terminal's slip, decides "not charged".
    let declined = Outcome::declined(String::new(), "not charged");
    reg.force_attempt(&boss, attempt.id, &declined).unwrap();
    // The payment screen's retry comes with the approval it saw: refused, decision kept.
    let seen = Attempt {
        state: AttemptState::Approved,
        outcome: Some(Outcome::Approved(Approval { auth_code: "1".into(), ..Approval::default() })),
        ..attempt.clone()
    };
    let shown = reg.card_payment(seen, &maria.name).unwrap();
    assert_eq!(shown.attempt.state, AttemptState::Declined, "the screen follows the journal");
    assert_eq!(reg.attempt(attempt.id).unwrap().state, AttemptState::Declined);
    assert!(reg.order(order_id).unwrap().tenders.is_empty(), "nothing booked against the decision");
}

#[tokio::test]
async fn a_batch_is_not_closed_while_a_payment_on_its_terminal_is_open() {
    let (reg, boss, maria) = setup();
    let (order_id, due) = order(&reg, &maria);
    let attempt = sent_attempt(&reg, order_id, due);
    let journal: &dyn Journal = reg.store.as_ref();
    journal.set_state(attempt.id, AttemptState::Unknown, "lost").unwrap();
    let refused = reg.close_batch(&boss, Some(DEMO_TERMINAL), None).await;
    assert!(
        matches!(refused, Err(RegisterError::Session(session::SessionError::UnresolvedAttempt { .. }))),
        "{refused:?}"
    );
    assert!(reg.batch_closures().unwrap().is_empty(), "no Z while the terminal's totals may differ");
}
