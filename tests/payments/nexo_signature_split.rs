//! A refused signature on the card part of a split sale (nexo light integration): the card
//! part is reversed by a void attempt of its own and the open order given up, no receipt; and
//! when the reversal's answer cannot be recorded, the next recovery learns it from the terminal
//! and gives the order up then, with nothing sent twice. Run alone in a test process of its
//! own (`support::alone`): it sets the process-wide fault plan.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tameio::domain::{Cart, Money, OrderStatus, Quantity};
use tameio::register::Register;
use tameio::terminal::nexo::sim::{SimConfig, SimServer, spawn_in_process};
use tameio::terminal::{AttemptState, PaymentKind, ProgressSink, Protocol, TerminalConfig};

fn register_on(server: &SimServer) -> Register {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = register.authorize_manager("9999").unwrap();
    let config = TerminalConfig {
        name: "pax".into(),
        protocol: Protocol::Nexo,
        addr: server.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::json!({ "poiid": "A-POIID", "busy_backoff_ms": 10 }),
    };
    register.add_terminal(&boss, &config).unwrap();
    register
}

/// A sale of 4,20 + 4,50 with 3,00 of it paid by card: the order stays open.
async fn part_paid(register: &Register) -> (i64, tameio::register::CardPayment) {
    let cashier = register.cli_operator(None, None).unwrap();
    let mut cart = Cart::default();
    for code in ["5200000001013", "5200000001020"] {
        register.ring_up(&mut cart, code, Quantity::ONE).unwrap();
    }
    let order = register.open_order(&cashier, &cart).unwrap();
    let paid = register
        .pay_card(&cashier, order, Money::from_cents(300), "pax", &ProgressSink::none())
        .await
        .unwrap();
    assert!(paid.receipt.is_none() && !paid.remaining.is_zero(), "a part only: {paid:?}");
    assert!(paid.check_signature, "{:?}", paid.attempt);
    (order, paid)
}

fn count(server: &SimServer, category: &str) -> usize {
    server.sim.received().iter().filter(|r| r.category == category).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_signature_on_a_card_part_reverses_it_and_gives_the_order_up() {
    if !crate::support::alone(
        module_path!(),
        "a_refused_signature_on_a_card_part_reverses_it_and_gives_the_order_up",
    ) {
        return;
    }
    let server = spawn_in_process(SimConfig {
        step_ms: 10,
        busy_after_ms: 0,
        signature: true,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let register = register_on(&server);
    let cashier = register.cli_operator(None, None).unwrap();

    // Straight through.
    let (order, paid) = part_paid(&register).await;
    let back = register.refuse_signature(&cashier, paid.attempt.id, &ProgressSink::none()).await.unwrap();
    let void = back.attempt.expect("a void attempt of its own");
    assert_eq!(
        (void.kind, void.state, void.order_id),
        (PaymentKind::Void, AttemptState::Approved, Some(order))
    );
    assert!(back.receipt.is_none(), "no receipt was ever issued");
    assert_eq!(register.order(order).unwrap().status, OrderStatus::Voided);
    assert_eq!((count(&server, "Payment"), count(&server, "Reversal")), (1, 1));
    assert_eq!(server.sim.approved_payments(), 0);
    assert!(register.receipts(&Default::default()).unwrap().is_empty());

    // The reversal's answer arrives but cannot be recorded (the disk, every try).
    let (order, paid) = part_paid(&register).await;
    tameio::fault::set_plan("fail:before-result-commit");
    let back = register.refuse_signature(&cashier, paid.attempt.id, &ProgressSink::none()).await.unwrap();
    tameio::fault::set_plan("");
    let open = back.attempt.expect("the journal's attempt, not an error");
    assert!(open.state.is_open(), "{open:?}");
    assert_eq!(register.order(order).unwrap().status, OrderStatus::Open, "not given up on a guess");
    // Confirming the signature now is refused: a give-back is under way.
    assert!(register.confirm_signature(&cashier, paid.attempt.id).is_err());

    // Recovery asks the terminal (TransactionStatus), books the reversal, gives the order up.
    register.recover(None).await.unwrap();
    assert_eq!(register.attempt(open.id).unwrap().state, AttemptState::Approved);
    assert_eq!(register.order(order).unwrap().status, OrderStatus::Voided);
    assert_eq!((count(&server, "Payment"), count(&server, "Reversal")), (2, 2), "nothing sent twice");
    assert_eq!(server.sim.approved_payments(), 0);
}
