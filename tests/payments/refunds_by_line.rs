//! Refunds by line and quantity (a returned item): in cash, and to the card through an AADE
//! 1155 terminal's refund through the journal (committed before sending, never resent, an
//! approval found at recovery books exactly the lines it was sent for). A line never gives
//! back more than is left on it; the parts add up to what the sale was paid.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use crate::support::register::manager;
use tameio::domain::{Cart, Discount, Money, Quantity, ReceiptKind, TenderKind};
use tameio::register::{RefundError, RefundLine, RefundMode, Register, RegisterError};
use tameio::terminal::{AttemptState, PaymentKind, ProgressSink, Protocol, TerminalConfig, aade1155};

const FETA: &str = "5200000001013"; // 4,20
const OIL: &str = "401"; // 9,90
const OPEN_PRICE: &str = "901"; // a department key: the price is typed

fn line(index: usize, pieces: i64) -> RefundLine {
    RefundLine { index, quantity: Quantity::pieces(pieces) }
}

fn refund_error<T: std::fmt::Debug>(result: Result<T, RegisterError>) -> RefundError {
    match result {
        Err(RegisterError::Refund(e)) => e,
        other => panic!("expected a refund error: {other:?}"),
    }
}

fn summary(register: &Register, number: i64) -> tameio::register::ReceiptSummary {
    register.receipts(&Default::default()).unwrap().into_iter().find(|s| s.number == number).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_returned_item_is_refunded_in_cash_and_never_more_than_is_left() {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let cashier = register.cli_operator(None, None).unwrap();
    let mut cart = Cart::default();
    register.ring_up(&mut cart, FETA, Quantity::pieces(3)).unwrap();
    register.ring_up(&mut cart, OIL, Quantity::ONE).unwrap();
    let sale = register.cash_sale(&cashier, &cart, Money::from_cents(3000)).unwrap();
    assert_eq!(sale.total, Money::from_cents(2250));
    let none = ProgressSink::none();

    // One of the three feta comes back.
    let one =
        register.refund_lines(&boss, sale.number, &[line(0, 1)], RefundMode::Cash, &none).await.unwrap();
    let r = one.receipt.unwrap();
    assert!(one.attempt.is_none());
    assert_eq!(
        (r.kind, r.refund_of, r.total),
        (ReceiptKind::Refund, Some(sale.number), Money::from_cents(-420))
    );
    assert_eq!(r.lines.len(), 1);
    assert_eq!((r.lines[0].quantity, r.lines[0].amount), (Quantity::ONE, Money::from_cents(-420)));
    assert_eq!(r.tenders[0].kind, TenderKind::Cash);
    assert_eq!(r.vat.iter().map(|v| v.gross).sum::<Money>(), Money::from_cents(-420));
    let s = summary(&register, sale.number);
    assert!(s.part_refunded && !s.refunded, "{s:?}");

    let plan = register.refund_plan(sale.number).unwrap();
    assert!(plan.closed.is_none() && plan.refunded_before);
    assert_eq!(plan.lines[0].balance.quantity_left(), 2000);
    // Three more feta than are left: refused, nothing booked.
    let too_much = register.refund_lines(&boss, sale.number, &[line(0, 3)], RefundMode::Cash, &none).await;
    assert!(matches!(refund_error(too_much), RefundError::TooMuch { .. }));
    assert!(matches!(
        refund_error(register.refund_lines(&boss, sale.number, &[line(7, 1)], RefundMode::Cash, &none).await),
        RefundError::NothingPicked
    ));
    // The rest, all at once (nothing picked): the sale is then refunded in full.
    let rest = register.refund_receipt(&boss, sale.number, RefundMode::Cash, &none).await.unwrap();
    let rest = rest.receipt.unwrap();
    assert_eq!(rest.total, Money::from_cents(-(2250 - 420)));
    assert_eq!(rest.lines.iter().map(|l| l.quantity.milli()).collect::<Vec<_>>(), vec![2000, 1000]);
    let s = summary(&register, sale.number);
    assert!(s.refunded && !s.part_refunded, "{s:?}");
    let again = register.refund_lines(&boss, sale.number, &[line(1, 1)], RefundMode::Cash, &none).await;
    assert_eq!(refund_error(again), RefundError::AlreadyRefunded(sale.number));
    // A full refund in one go is no longer possible once lines went back: the store says so.
    assert!(register.refund_cash(&boss, sale.number).is_err());
    assert!(register.check_db().unwrap().receipt_problems.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn parts_of_a_discounted_sale_add_up_to_what_was_paid() {
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let cashier = register.cli_operator(None, None).unwrap();
    let mut cart = Cart::default();
    register.ring_up(&mut cart, FETA, Quantity::pieces(3)).unwrap();
    register.ring_up(&mut cart, OIL, Quantity::ONE).unwrap();
    register.discount_line(&mut cart, 1, Some(Discount::Percent(1000))).unwrap();
    cart.discount_order(Some(Discount::Amount(Money::from_cents(100)))).unwrap();
    let sale = register.cash_sale(&cashier, &cart, Money::from_cents(5000)).unwrap();
    let none = ProgressSink::none();
    let mut back = Money::ZERO;
    for picked in [vec![line(0, 1)], vec![line(1, 1), line(0, 1)], vec![line(0, 1)]] {
        let r = register.refund_lines(&boss, sale.number, &picked, RefundMode::Cash, &none).await.unwrap();
        let r = r.receipt.unwrap();
        assert_eq!(r.tenders.iter().map(|t| t.amount).sum::<Money>(), r.total);
        back += -r.total;
    }
    assert_eq!(back, sale.total, "to the cent, order discount included");
    assert!(summary(&register, sale.number).refunded);
    let check = register.check_db().unwrap();
    assert!(check.receipt_problems.is_empty() && check.row_problems.is_empty(), "{check:?}");
}

fn aade(name: &str, sim: &aade1155::sim::SimServer, options: serde_json::Value) -> TerminalConfig {
    TerminalConfig {
        name: name.into(),
        protocol: Protocol::Aade1155,
        addr: sim.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options,
    }
}

/// An AADE 1155 simulator whose `,62` amounts answer after `slow_step_ms`.
async fn slow_sim(slow_step_ms: u64) -> aade1155::sim::SimServer {
    let config = aade1155::sim::SimConfig { slow_step_ms, ..aade1155::sim::SimConfig::default() };
    aade1155::sim::spawn_in_process(config).await.unwrap()
}

/// A card sale of `cart` on `terminal`; returns the receipt number.
async fn card_sale(register: &Register, terminal: &str, cart: &Cart) -> i64 {
    let cashier = register.cli_operator(None, None).unwrap();
    let order = register.open_order(&cashier, cart).unwrap();
    let due = register.order(order).unwrap().remaining();
    let paid = register.pay_card(&cashier, order, due, terminal, &ProgressSink::none()).await.unwrap();
    paid.receipt.unwrap_or_else(|| panic!("not paid: {:?}", paid.attempt)).number
}

#[tokio::test(flavor = "multi_thread")]
async fn a_returned_item_goes_back_to_the_card_on_the_terminal() {
    let sim = aade1155::sim::spawn_in_process(aade1155::sim::SimConfig::default()).await.unwrap();
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    register.add_terminal(&boss, &aade("counter", &sim, serde_json::Value::Null)).unwrap();
    let mut cart = Cart::default();
    register.ring_up(&mut cart, FETA, Quantity::pieces(2)).unwrap();
    register.ring_up(&mut cart, OIL, Quantity::ONE).unwrap();
    let number = card_sale(&register, "counter", &cart).await;
    let none = ProgressSink::none();

    let plan = register.refund_plan(number).unwrap();
    let backs = plan.quote(&[line(0, 1)]).unwrap();
    assert_eq!(plan.split(RefundMode::Refund, &backs).unwrap(), (Money::from_cents(420), Money::ZERO));
    assert_eq!(
        plan.split(RefundMode::Void, &backs),
        Err(RefundError::VoidIsWhole),
        "a void is the whole payment"
    );

    let done = register.refund_lines(&boss, number, &[line(0, 1)], RefundMode::Refund, &none).await.unwrap();
    let attempt = done.attempt.unwrap();
    assert_eq!(
        (attempt.kind, attempt.state, attempt.amount),
        (PaymentKind::Refund, AttemptState::Approved, Money::from_cents(420))
    );
    let r = done.receipt.unwrap();
    assert_eq!(r.total, Money::from_cents(-420));
    assert_eq!(r.tenders.len(), 1);
    assert_eq!((r.tenders[0].kind, r.tenders[0].amount), (TenderKind::Card, Money::from_cents(-420)));
    assert_eq!(sim.sim.count('Z'), 1, "one refund message for one refund");

    // What is left of the card payment: the rest goes back to the card too, once.
    let plan = register.refund_plan(number).unwrap();
    assert_eq!(plan.card_left, Money::from_cents(420 + 990));
    assert!(!plan.can(RefundMode::Void), "no void after a part went back");
    let rest = register.refund_receipt(&boss, number, RefundMode::Refund, &none).await.unwrap();
    assert_eq!(rest.attempt.unwrap().amount, Money::from_cents(1410));
    assert!(summary(&register, number).refunded);
    assert_eq!(sim.sim.count('Z'), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_refund_of_a_line_is_booked_for_that_line_at_recovery() {
    // Amounts ending in ,62 are slow on the simulator: the refund's answer comes after the
    // register stopped waiting, so it stays unknown until recovery asks again.
    let sim = slow_sim(2_500).await;
    let register = Register::in_memory(Default::default()).unwrap();
    let boss = manager(&register);
    let options =
        serde_json::json!({ "result_timeout_ms": 800, "query_timeout_ms": 500, "ack_linger_ms": 300 });
    register.add_terminal(&boss, &aade("slow", &sim, options)).unwrap();
    let mut cart = Cart::default();
    register.ring_up_priced(&mut cart, OPEN_PRICE, Quantity::ONE, Money::from_cents(362)).unwrap();
    register.ring_up(&mut cart, OIL, Quantity::ONE).unwrap();
    let number = card_sale(&register, "slow", &cart).await; // 13,52: answered at once
    let none = ProgressSink::none();

    let done = register.refund_lines(&boss, number, &[line(0, 1)], RefundMode::Refund, &none).await.unwrap();
    let attempt = done.attempt.unwrap();
    assert_eq!(attempt.state, AttemptState::Unknown, "{attempt:?}");
    assert!(done.receipt.is_none(), "nothing booked while unknown");
    let s = summary(&register, number);
    assert!(!s.part_refunded && !s.refunded);
    // Never sent again, nor paid back another way, while it is unknown.
    let again = register.refund_lines(&boss, number, &[line(1, 1)], RefundMode::Cash, &none).await;
    assert_eq!(refund_error(again), RefundError::Pending(number));
    assert_eq!(sim.sim.count('Z'), 1);

    // The terminal books the refund after its slow step; recovery asks once it has (its batch
    // then holds the sale less the line).
    let refunded = || sim.sim.totals() == 1352 - 362;
    crate::support::wait_until_async(Duration::from_secs(30), "the terminal booked the refund", refunded)
        .await;
    register.recover(None).await.unwrap();
    assert!(register.open_attempts().unwrap().is_empty());
    let refunds: Vec<_> = register
        .receipts(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|r| r.kind == ReceiptKind::Refund)
        .collect();
    assert_eq!(refunds.len(), 1, "booked once");
    let r = register.receipt(refunds[0].number).unwrap();
    assert_eq!(r.lines.len(), 1, "exactly the line it was sent for: {r:?}");
    assert_eq!(r.total, Money::from_cents(-362));
    assert!(summary(&register, number).part_refunded);
    assert_eq!(sim.sim.count('Z'), 1, "recovery asked; it never sent the refund again");
}

/// Two tills (two registers on one data folder, as the GUI and the CLI are) refund the same
/// returned item at once: the terminal guard lets one through; the other, once it holds the
/// terminal, finds the item given back and sends nothing. One refund reaches the terminal.
#[tokio::test(flavor = "multi_thread")]
async fn two_tills_refunding_the_same_item_send_one_refund() {
    // ,62 is slow on the simulator: the first refund holds the terminal for a while.
    let sim = slow_sim(1_000).await;
    let dir = tempfile::tempdir().unwrap();
    let places = tameio::config::Places::resolve(Some(dir.path()));
    let (one, _) = Register::open(&places).unwrap();
    let (two, _) = Register::open(&places).unwrap();
    one.add_terminal(&manager(&one), &aade("counter", &sim, serde_json::Value::Null)).unwrap();
    let mut cart = Cart::default();
    one.ring_up_priced(&mut cart, OPEN_PRICE, Quantity::ONE, Money::from_cents(962)).unwrap();
    one.ring_up(&mut cart, OIL, Quantity::ONE).unwrap();
    let number = card_sale(&one, "counter", &cart).await; // 19,52: answered at once

    let (boss_one, boss_two) = (manager(&one), manager(&two));
    let none = ProgressSink::none();
    let item = [line(0, 1)];
    // A third till holds the terminal while both plan the same refund, so both plans see the
    // item not yet given back and both wait for the terminal; then it lets go.
    let (three, _) = Register::open(&places).unwrap();
    let held = three.hold_terminal_now("counter").unwrap();
    let let_go = async move {
        // A fixed hold on purpose: long enough for both refunds to be planned and waiting.
        tokio::time::sleep(Duration::from_millis(300)).await;
        drop(held);
    };
    let (a, b, ()) = tokio::join!(
        one.refund_lines(&boss_one, number, &item, RefundMode::Refund, &none),
        two.refund_lines(&boss_two, number, &item, RefundMode::Refund, &none),
        let_go,
    );
    let booked: Vec<_> = [&a, &b].into_iter().filter_map(|r| r.as_ref().ok()?.receipt.clone()).collect();
    assert_eq!(booked.len(), 1, "one refund booked: {a:?} / {b:?}");
    assert_eq!(booked[0].total, Money::from_cents(-962));
    let refused = [a, b].into_iter().find_map(Result::err).expect("the other was refused");
    assert!(
        matches!(
            refused,
            RegisterError::Refund(
                RefundError::Changed(_) | RefundError::Pending(_) | RefundError::TooMuch { .. }
            ) | RegisterError::TerminalBusy { .. }
        ),
        "{refused:?}"
    );
    assert_eq!(
        sim.sim.received().iter().filter(|r| r.code == "Z").count(),
        1,
        "one refund reached the terminal"
    );
    let refunds =
        one.receipts(&Default::default()).unwrap().into_iter().filter(|r| r.total.is_negative()).count();
    assert_eq!(refunds, 1, "one refund receipt");
    let check = one.check_db().unwrap();
    assert!(check.receipt_problems.is_empty() && check.row_problems.is_empty(), "{check:?}");
}
