#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::domain::{CardDetails, Cart, Lang, Quantity, Tender};

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn store_with_demo() -> Store {
    let store = Store::open_in_memory().unwrap();
    store.seed_demo_if_empty().unwrap();
    store
}

fn cart_of(store: &Store, code: &str) -> Cart {
    let mut cart = Cart::default();
    let p = store.product_by_code(code).unwrap().unwrap();
    cart.add(&p, Quantity::pieces(1), Lang::El).unwrap();
    cart
}

/// A card sale of one item (9,90) with `tip` charged on top; returns its receipt number.
fn tipped_card_sale(store: &Store, tip: i64) -> i64 {
    let order = store.create_order("1", 1, &cart_of(store, "401"), "Maria").unwrap();
    let card = CardDetails { terminal: "front".into(), tip: m(tip), ..CardDetails::default() };
    let tender = Tender::card(m(990), m(990), card).unwrap();
    store.add_tender("1", order, &tender, "Maria").unwrap().expect("paid").number
}

#[test]
fn tips_are_totalled_beside_the_card_sales_and_refunded_with_them() {
    let store = store_with_demo();
    tipped_card_sale(&store, 150);
    let second = tipped_card_sale(&store, 50);
    let x = store.register_totals("1").unwrap();
    assert_eq!((x.tendered("card"), x.tips_of("card"), x.card_charged()), (m(1980), m(200), m(2180)));
    assert_eq!(x.tips_of("cash"), Money::ZERO);

    let sale = store.receipt("1", second).unwrap();
    let back: Vec<Tender> = sale.tenders.iter().map(|t| Tender { amount: -t.amount, ..t.clone() }).collect();
    store.refund("1", second, back, "Nikos").unwrap();
    let x = store.register_totals("1").unwrap();
    assert_eq!((x.tendered("card"), x.tips_of("card"), x.card_charged()), (m(990), m(150), m(1140)));
}

#[test]
fn a_close_answered_before_a_crash_is_completed_into_one_z() {
    let store = store_with_demo();
    tipped_card_sale(&store, 100);
    let asked = store.begin_batch_close("1", "front", Some(m(0)), Some(2), "Nikos").unwrap();
    assert_eq!((asked.state, asked.last_receipt), (BatchCloseState::Pending, 1));
    // A sale after the terminal was asked belongs to the next batch.
    tipped_card_sale(&store, 0);
    let totals = serde_json::json!({ "ok": true, "terminal_total": 1090 });
    store.batch_close_answered(asked.id, &totals, "").unwrap();
    // The crash: the Z was never stored. Nothing else may close meanwhile.
    assert!(matches!(store.close_batch("1", "", None, None, Some(2), "Nikos"), Err(StoreError::Conflict(_))));
    assert!(store.begin_batch_close("1", "front", None, Some(2), "Nikos").is_err());
    assert_eq!(store.unfinished_batch_closes(Some("1")).unwrap().len(), 1);

    let z = store.complete_batch_close(asked.id, "recovery").unwrap();
    let again = store.complete_batch_close(asked.id, "recovery").unwrap();
    assert_eq!(z, again, "done already: the same Z, not a second one");
    assert_eq!(store.batch_closures("1").unwrap().len(), 1);
    assert_eq!((z.number, z.register.first_receipt, z.register.last_receipt), (1, Some(1), Some(1)));
    assert_eq!(z.terminal, "front");
    assert_eq!(z.counted_cash, Some(m(0)));
    let check = z.card_reconciliation().unwrap();
    assert_eq!((check.register, check.terminal, check.difference()), (m(1090), m(1090), Money::ZERO));
    assert!(store.unfinished_batch_closes(None).unwrap().is_empty());
    assert_eq!(store.batch_close_request(asked.id).unwrap().closure_number, Some(1));
    // The sale made meanwhile is in the next Z.
    assert_eq!(store.register_totals("1").unwrap().first_receipt, Some(2));
}

#[test]
fn a_lost_answer_waits_for_a_manager() {
    let store = store_with_demo();
    tipped_card_sale(&store, 0);
    let asked = store.begin_batch_close("1", "front", None, Some(2), "Nikos").unwrap();
    store.batch_close_unanswered(asked.id, "the terminal did not answer in time").unwrap();
    assert!(store.complete_batch_close(asked.id, "recovery").is_err(), "no answer, no Z");
    let open = store.unfinished_batch_closes(Some("1")).unwrap();
    assert_eq!(
        (open[0].state, open[0].note.as_str()),
        (BatchCloseState::Pending, "the terminal did not answer in time")
    );

    // The manager reads the terminal's last close slip: it did close.
    let slip = serde_json::json!({ "ok": true, "terminal_total": 990 });
    let decided = store.resolve_batch_close(asked.id, true, Some(&slip), "Nikos").unwrap();
    assert_eq!(decided.state, BatchCloseState::Answered);
    let z = store.complete_batch_close(asked.id, "Nikos").unwrap();
    assert_eq!(z.card_reconciliation().map(|c| c.difference()), Some(Money::ZERO));
    assert!(store.resolve_batch_close(asked.id, false, None, "Nikos").is_err(), "decided once");

    // Another close that never reached the terminal, and one the manager found not closed.
    let failed = store.begin_batch_close("1", "front", None, Some(2), "Nikos").unwrap();
    assert_eq!(store.batch_close_failed(failed.id, "unreachable").unwrap().state, BatchCloseState::Failed);
    let lost = store.begin_batch_close("1", "front", None, Some(2), "Nikos").unwrap();
    let dropped = store.resolve_batch_close(lost.id, false, None, "Nikos").unwrap();
    assert_eq!(dropped.state, BatchCloseState::Abandoned);
    assert_eq!(store.batch_closures("1").unwrap().len(), 1);
    assert!(store.unfinished_batch_closes(None).unwrap().is_empty());
}

#[test]
fn a_refused_close_compares_with_nothing() {
    let closure = BatchClosure {
        number: 1,
        register_id: "1".into(),
        terminal: "front".into(),
        closed_at: String::new(),
        register: RegisterTotals::default(),
        terminal_totals: Some(serde_json::json!({ "ok": false, "terminal_total": 0 })),
        counted_cash: None,
    };
    assert_eq!(closure.card_reconciliation(), None);
}

/// A sale of three items (29,70) paid `card` cents on `terminal` and the rest in cash.
fn card_part_sale(store: &Store, terminal: &str, card: i64, by_hand: bool) -> i64 {
    let mut cart = cart_of(store, "401");
    let p = store.product_by_code("401").unwrap().unwrap();
    cart.add(&p, Quantity::pieces(2), Lang::El).unwrap();
    let order = store.create_order("1", 1, &cart, "Maria").unwrap();
    let details = CardDetails { terminal: terminal.into(), manual: by_hand, ..CardDetails::default() };
    store.add_tender("1", order, &Tender::card(m(2970), m(card), details).unwrap(), "Maria").unwrap();
    let cash = Tender::cash_settling(m(2970 - card), m(2970 - card)).unwrap();
    store.add_tender("1", order, &cash, "Maria").unwrap().expect("paid").number
}

/// Issue 23, item 1: card sales on the demo terminal (23,49 + 12,70) and on an ECR17 one
/// (11,79 + 5,63 + a 17,00 card part of a split). The ECR17 close compared 34,42 with all
/// 70,61 of the register's cards; now each terminal is compared with its own part.
#[test]
fn each_terminal_is_compared_with_its_own_card_payments() {
    let store = store_with_demo();
    for (terminal, card, by_hand) in [
        ("demo", 2349, false),
        ("ecr17", 1179, false),
        ("demo", 1270, false),
        ("ecr17", 563, true),
        ("ecr17", 1700, false),
    ] {
        card_part_sale(&store, terminal, card, by_hand);
    }
    let x = store.register_totals("1").unwrap();
    assert_eq!(x.card_charged(), m(7061), "every card payment of the register");
    let demo = &x.terminals["demo"];
    assert_eq!((demo.charged, demo.count, demo.demo, demo.by_hand_count), (m(3619), 2, true, 0));
    let ecr17 = &x.terminals["ecr17"];
    assert_eq!((ecr17.charged, ecr17.count, ecr17.demo), (m(3442), 3, false));
    assert_eq!((ecr17.by_hand, ecr17.by_hand_count), (m(563), 1), "listed apart, still in its batch");

    let asked = store.begin_batch_close("1", "ecr17", None, Some(2), "Nikos").unwrap();
    store
        .batch_close_answered(asked.id, &serde_json::json!({ "ok": true, "terminal_total": 3442 }), "")
        .unwrap();
    let z = store.complete_batch_close(asked.id, "Nikos").unwrap();
    let check = z.card_reconciliation().unwrap();
    assert_eq!((check.register, check.terminal, check.difference()), (m(3442), m(3442), Money::ZERO));
    assert_eq!(z.register.terminals.len(), 2, "the Z keeps a section per terminal");
}

/// Issue 23, item 8: a cash refund of a sale closed in an earlier Z made the expected cash
/// negative; with the opening float it is what the drawer holds.
#[test]
fn the_drawer_starts_from_the_opening_float() {
    let store = store_with_demo();
    let order = store.create_order("1", 1, &cart_of(&store, "401"), "Maria").unwrap();
    let sale =
        store.add_tender("1", order, &Tender::cash_settling(m(990), m(1000)).unwrap(), "Maria").unwrap();
    let sale = sale.expect("paid");
    store.close_batch("1", "", None, None, Some(2), "Nikos").unwrap();
    // Closed last night (a float typed in the very second of a close belongs to that day).
    store.conn().execute("UPDATE batch_closures SET closed_at = '2026-12-06T21:00:00Z'", []).unwrap();
    assert_eq!(store.register_totals("1").unwrap().opening_float, Money::ZERO, "the day starts empty");

    store.set_opening_float("1", 2, m(2000), "Nikos").unwrap();
    let back =
        vec![Tender { amount: m(-990), given: m(-990), change: Money::ZERO, ..sale.tenders[0].clone() }];
    store.refund("1", sale.number, back, "Nikos").unwrap();
    let x = store.register_totals("1").unwrap();
    assert_eq!((x.tendered("cash"), x.opening_float, x.expected_cash()), (m(-990), m(2000), m(1010)));
    // Typed again: the float replaces the one given before, never adds to it.
    store.set_opening_float("1", 2, m(3000), "Nikos").unwrap();
    assert_eq!(store.register_totals("1").unwrap().expected_cash(), m(2010));
    let z = store.close_batch("1", "", None, Some(m(2000)), Some(2), "Nikos").unwrap();
    assert_eq!(z.register.opening_float, m(3000), "kept with the Z");
    assert_eq!(store.register_totals("1").unwrap().opening_float, Money::ZERO, "the next day starts empty");
}

#[test]
fn a_certification_close_is_journalled_in_no_z() {
    let store = store_with_demo();
    let totals = serde_json::json!({ "ok": true, "terminal_total": 0 });
    let done = store.record_certification_close("1", "ecr17", &totals, "Tech").unwrap();
    assert_eq!(
        (done.state, done.closure_number, done.terminal_totals),
        (BatchCloseState::Done, None, Some(totals))
    );
    assert!(store.unfinished_batch_closes(None).unwrap().is_empty());
    assert!(store.batch_closures("1").unwrap().is_empty(), "no Z");
}

#[test]
fn the_x_and_z_group_the_lines_by_department_refunds_taken_off() {
    let store = store_with_demo();
    let category = |code: &str| store.product_by_code(code).unwrap().unwrap().category;
    tipped_card_sale(&store, 0);
    let second = tipped_card_sale(&store, 0);
    let cart = cart_of(&store, "101");
    let order = store.create_order("1", 1, &cart, "Maria").unwrap();
    let cash = Tender::cash_settling(cart.totals().total, m(5_000)).unwrap();
    store.add_tender("1", order, &cash, "Maria").unwrap().expect("paid");
    let sale = store.receipt("1", second).unwrap();
    let back: Vec<Tender> = sale.tenders.iter().map(|t| Tender { amount: -t.amount, ..t.clone() }).collect();
    store.refund("1", second, back, "Nikos").unwrap();
    let x = store.register_totals("1").unwrap();
    let (card_dep, cash_dep) = (category("401"), category("101"));
    assert_ne!(card_dep, cash_dep, "two departments in the demo catalogue");
    assert_eq!(x.departments[&card_dep], m(990), "two sold, one refunded");
    assert_eq!(x.departments.values().copied().sum::<Money>(), x.total);
    let z = store.close_batch("1", "", None, None, Some(2), "Nikos").unwrap();
    assert_eq!(z.register.departments, x.departments, "the Z keeps what the X showed");
}
