use std::sync::atomic::Ordering;

use super::*;
use crate::domain::{Cart, Lang, Quantity, ReceiptFilter, TenderKind};
use crate::store::orders::CRASH_AFTER_COUNTER;

fn store_with_demo() -> Store {
    let store = Store::open_in_memory().unwrap();
    store.seed_demo_if_empty().unwrap();
    store
}

fn cart_of(store: &Store, codes: &[(&str, i64)]) -> Cart {
    let mut cart = Cart::default();
    for (code, qty) in codes {
        let p = store.product_by_code(code).unwrap().unwrap();
        cart.add(&p, Quantity::pieces(*qty), Lang::El).unwrap();
    }
    cart
}

#[test]
fn cash_sales_are_numbered_from_one() {
    let store = store_with_demo();
    let cart = cart_of(&store, &[("101", 2), ("401", 1), ("602", 1)]);
    let r1 = store.cash_sale("1", 1, &cart, Money::from_cents(5000), "Maria").unwrap();
    let r2 = store.cash_sale("1", 1, &cart, Money::from_cents(2340), "Maria").unwrap();
    assert_eq!((r1.number, r2.number), (1, 2));
    assert_eq!(r1.total, Money::from_cents(840 + 990 + 350));
    assert_eq!(r1.change(), Money::from_cents(5000 - 2180));
    assert_eq!(store.receipt("1", 2).unwrap(), r2);
    assert!(store.verify_receipts().unwrap().is_empty());
}

#[test]
fn not_enough_cash_changes_nothing() {
    let store = store_with_demo();
    let cart = cart_of(&store, &[("401", 1)]);
    assert!(store.cash_sale("1", 1, &cart, Money::from_cents(500), "Maria").is_err());
    let orders: i64 = store.conn().query_row("SELECT count(*) FROM orders", [], |r| r.get(0)).unwrap();
    assert_eq!(orders, 0);
}

#[test]
fn numbering_stays_gapless_when_a_sale_dies_between_statements() {
    let store = store_with_demo();
    let cart = cart_of(&store, &[("103", 1)]);
    store.cash_sale("1", 1, &cart, Money::from_cents(200), "Maria").unwrap();
    CRASH_AFTER_COUNTER.store(true, Ordering::SeqCst);
    let crashed = store.cash_sale("1", 1, &cart, Money::from_cents(200), "Maria");
    CRASH_AFTER_COUNTER.store(false, Ordering::SeqCst);
    assert!(crashed.is_err());
    let next = store.cash_sale("1", 1, &cart, Money::from_cents(200), "Maria").unwrap();
    assert_eq!(next.number, 2);
    let orders: i64 = store.conn().query_row("SELECT count(*) FROM orders", [], |r| r.get(0)).unwrap();
    assert_eq!(orders, 2, "the crashed sale left nothing behind");
}

#[test]
fn mixed_tenders_issue_the_receipt_once_covered() {
    let store = store_with_demo();
    let cart = cart_of(&store, &[("401", 2)]);
    let order = store.create_order("1", 1, &cart, "Maria").unwrap();
    let part = Tender::cash_part(Money::from_cents(1980), Money::from_cents(1000)).unwrap();
    assert!(store.add_tender("1", order, &part, "Maria").unwrap().is_none());
    let card = crate::domain::CardDetails { masked_pan: "************1234".into(), ..Default::default() };
    let rest = Tender::card(Money::from_cents(980), Money::from_cents(980), card).unwrap();
    let receipt = store.add_tender("1", order, &rest, "Maria").unwrap().unwrap();
    assert_eq!(receipt.tenders.len(), 2);
    let found = store
        .receipts("1", &ReceiptFilter { card_last4: Some("1234".into()), ..Default::default() })
        .unwrap();
    assert_eq!(found.len(), 1);
    assert!(store.void_order(order, "Maria").is_err());
}

#[test]
fn refund_and_reprint() {
    let store = store_with_demo();
    let cart = cart_of(&store, &[("505", 3)]);
    let sale = store.cash_sale("1", 1, &cart, Money::from_cents(1000), "Maria").unwrap();
    let tender = Tender {
        kind: TenderKind::Cash,
        amount: -sale.total,
        given: -sale.total,
        change: Money::ZERO,
        card: None,
    };
    let refund = store.refund("1", sale.number, vec![tender.clone()], "Nikos").unwrap();
    assert_eq!(refund.total, -sale.total);
    assert_eq!(refund.number, 2);
    assert!(store.refund("1", sale.number, vec![tender], "Nikos").is_err());
    assert_eq!(store.record_reprint("1", 1, 2, "Nikos").unwrap(), 1);
    assert_eq!(store.record_reprint("1", 1, 2, "Nikos").unwrap(), 2);
    let x = store.register_totals("1").unwrap();
    assert_eq!((x.sales, x.refunds, x.total), (1, 1, Money::ZERO));
}

#[test]
fn an_edited_receipt_is_caught() {
    let store = store_with_demo();
    let cart = cart_of(&store, &[("505", 1)]);
    store.cash_sale("1", 1, &cart, Money::from_cents(1000), "Maria").unwrap();
    store
        .conn()
        .execute_batch(
            "DROP TRIGGER receipts_immutable; UPDATE receipts SET body = replace(body, '189', '100');",
        )
        .unwrap();
    let problems = store.verify_receipts().unwrap();
    assert!(!problems.is_empty());
    assert!(problems.iter().all(|p| p.contains("1/1")), "{problems:?}");
    assert!(problems[0].contains("changed"), "{problems:?}");
}

#[test]
fn batch_close_numbers_and_resets_totals() {
    let store = store_with_demo();
    let cart = cart_of(&store, &[("101", 1), ("503", 1)]);
    store.cash_sale("1", 1, &cart, Money::from_cents(1000), "Maria").unwrap();
    let z1 = store.close_batch("1", "", None, Some(Money::from_cents(619)), Some(2), "Nikos").unwrap();
    assert_eq!(z1.number, 1);
    assert_eq!(z1.register.total, Money::from_cents(619));
    assert_eq!(z1.register.vat.len(), 2);
    assert_eq!(store.register_totals("1").unwrap().sales, 0);
    let z2 = store.close_batch("1", "", None, None, Some(2), "Nikos").unwrap();
    assert_eq!(z2.number, 2);
    assert_eq!(store.batch_closures("1").unwrap().len(), 2);
}

#[test]
fn the_search_picks_by_day_amount_or_card_and_finds_a_refund_by_its_amount() {
    let store = store_with_demo();
    let feta =
        store.cash_sale("1", 1, &cart_of(&store, &[("505", 1)]), Money::from_cents(1000), "Maria").unwrap();
    store.cash_sale("1", 1, &cart_of(&store, &[("101", 1)]), Money::from_cents(1000), "Maria").unwrap();
    let order = store.create_order("1", 1, &cart_of(&store, &[("505", 1)]), "Maria").unwrap();
    let card = crate::domain::CardDetails { masked_pan: "************4321".into(), ..Default::default() };
    let paid = Tender::card(feta.total, feta.total, card).unwrap();
    let by_card = store.add_tender("1", order, &paid, "Maria").unwrap().unwrap();
    let back = Tender {
        kind: TenderKind::Cash,
        amount: -feta.total,
        given: -feta.total,
        change: Money::ZERO,
        card: None,
    };
    let refund = store.refund("1", feta.number, vec![back], "Nikos").unwrap();
    let numbers = |filter: ReceiptFilter| -> Vec<i64> {
        store.receipts_in("1", &filter, &chrono::Utc).unwrap().iter().map(|r| r.number).collect()
    };
    let amount = ReceiptFilter { total: Some(feta.total), ..Default::default() };
    assert_eq!(
        numbers(amount.clone()),
        [refund.number, by_card.number, feta.number],
        "both signs, newest first"
    );
    assert_eq!(numbers(ReceiptFilter { limit: Some(1), ..amount.clone() }), [refund.number]);
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(numbers(ReceiptFilter { date: Some(today.clone()), ..Default::default() }), [4, 3, 2, 1]);
    let day_and_amount = ReceiptFilter { date: Some(today), ..amount.clone() };
    assert_eq!(numbers(day_and_amount), [refund.number, by_card.number, feta.number]);
    let card = ReceiptFilter { card_last4: Some("4321".into()), ..amount };
    assert_eq!(numbers(card), [by_card.number], "the card picks, the amount filters");
    let elsewhere = ReceiptFilter { date: Some("2020-02-02".into()), ..Default::default() };
    assert!(numbers(elsewhere).is_empty());
    let wrong_amount = ReceiptFilter { number: Some(2), total: Some(feta.total), ..Default::default() };
    assert!(numbers(wrong_amount).is_empty(), "receipt 2 is not of that amount");
    let found =
        store.receipts("1", &ReceiptFilter { number: Some(feta.number), ..Default::default() }).unwrap();
    assert!(found[0].refunded && !found[0].part_refunded, "{found:?}");
}
