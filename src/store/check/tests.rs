//! A value written behind tameio's back is refused on read, naming its row and column, and
//! `check_rows` lists every such row instead of stopping at the first.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::domain::ReceiptFilter;
use crate::domain::{CardDetails, Lang, Quantity, Tender};
use crate::store::StoreError;
use crate::terminal::{Attempt, Journal, JournalError, Outcome};

fn store_with_demo() -> Store {
    let store = Store::open_in_memory().unwrap();
    store.seed_demo_if_empty().unwrap();
    store
}

fn sql(store: &Store, statement: &str) {
    store.conn().execute_batch(statement).unwrap();
}

fn corrupt_message<T: std::fmt::Debug>(result: Result<T>) -> String {
    match result {
        Err(StoreError::Corrupt(message)) => message,
        other => panic!("not refused as damaged: {other:?}"),
    }
}

#[test]
fn a_damaged_attempt_is_refused_with_its_row_and_column_named() {
    let store = Store::open_in_memory().unwrap();
    let cases = [
        ("protocol", "'xyz'", "protocol 'xyz' unknown"),
        ("kind", "'tip'", "kind 'tip' unknown"),
        ("state", "'maybe'", "state 'maybe' unknown"),
        ("outcome", "'{\"Approved\": 7'", "outcome unreadable"),
        ("created_at", "'yesterday'", "created_at 'yesterday' is not a time"),
    ];
    let mut ids = Vec::new();
    for (column, value, expected) in cases {
        let a = Attempt::sample(column);
        store.prepare(&a).unwrap();
        sql(&store, &format!("UPDATE attempts SET {column} = {value} WHERE id = '{}'", a.id));
        let message = corrupt_message(store.attempt(a.id));
        assert!(message.starts_with(&format!("attempt {}: {expected}", a.id)), "{message}");
        // The journal refuses too: recovery must not act on a guess.
        match store.open_attempts(Some(column)) {
            Err(JournalError::Storage(m)) => assert!(m.contains(&message), "{m}"),
            Ok(open) => assert!(column == "state" && open.is_empty(), "{open:?}"),
            Err(other) => panic!("{other:?}"),
        }
        ids.push((a.id, expected));
    }
    let declined = Outcome::declined("05", "no");
    let bad_id = Attempt::sample("bad-id");
    store.prepare(&bad_id).unwrap();
    store.finish(bad_id.id, &declined).unwrap();
    sql(
        &store,
        &format!(
            "PRAGMA foreign_keys = OFF; UPDATE attempts SET id = 'not-a-uuid' WHERE id = '{}'",
            bad_id.id
        ),
    );
    assert_eq!(corrupt_message(store.recent_attempts(10)), "attempt not-a-uuid: id is not a uuid");
    assert!(store.recent_outcomes(None, 10).is_err(), "a damaged result is never skipped");

    let problems = store.check_rows().unwrap();
    assert_eq!(problems.len(), ids.len() + 1, "{problems:#?}");
    for (id, expected) in ids {
        let row = format!("attempt {id}: {expected}");
        assert!(problems.iter().any(|p| p.starts_with(&row)), "{row}: {problems:#?}");
    }
}

/// An open order of two demo items with a cash part paid; (order id, tender id).
fn part_paid_order(store: &Store) -> (i64, i64) {
    let mut cart = Cart::default();
    for code in ["101", "401"] {
        cart.add(&store.product_by_code(code).unwrap().unwrap(), Quantity::ONE, Lang::El).unwrap();
    }
    let order = store.create_order("1", 1, &cart, "Maria").unwrap();
    let part = Tender::cash_part(store.order(order).unwrap().total, Money::from_cents(100)).unwrap();
    assert!(store.add_tender("1", order, &part, "Maria").unwrap().is_none());
    let tender = store.conn().query_row("SELECT max(id) FROM tenders", [], |r| r.get(0)).unwrap();
    (order, tender)
}

/// Raw SQL that damages one value of (order id, tender id).
type Damage = fn(i64, i64) -> String;

#[test]
fn a_damaged_order_line_or_tender_is_refused_never_defaulted() {
    let store = store_with_demo();
    let cases: [(&str, Damage); 6] = [
        ("kind 'xyz' unknown", |_, t| format!("UPDATE tenders SET kind = 'xyz' WHERE id = {t}")),
        ("card unreadable", |_, t| format!("UPDATE tenders SET card = '{{broken' WHERE id = {t}")),
        ("discount unreadable", |o, _| {
            format!("UPDATE order_lines SET discount = 'half' WHERE order_id = {o} AND position = 1")
        }),
        ("unit 'litre' unknown", |o, _| {
            format!("UPDATE order_lines SET unit = 'litre' WHERE order_id = {o} AND position = 1")
        }),
        ("order_discount unreadable", |o, _| {
            format!("UPDATE orders SET order_discount = '??' WHERE id = {o}")
        }),
        ("status 'lost' unknown", |o, _| format!("UPDATE orders SET status = 'lost' WHERE id = {o}")),
    ];
    let mut expected = Vec::new();
    for (problem, damage) in cases {
        let (order, tender) = part_paid_order(&store);
        sql(&store, &damage(order, tender));
        let message = corrupt_message(store.order(order));
        let row = if problem.starts_with("kind") || problem.starts_with("card") {
            format!("tender {tender} (order {order})")
        } else if problem.starts_with("discount") || problem.starts_with("unit") {
            "order line ".to_string()
        } else {
            format!("order {order}")
        };
        assert!(message.starts_with(&row) && message.contains(problem), "{message}");
        let cash = Tender::cash_settling(Money::from_cents(100_000), Money::from_cents(100_000)).unwrap();
        assert!(store.add_tender("1", order, &cash, "Maria").is_err(), "no tender on a damaged order");
        expected.push(message);
    }
    let mut problems = store.check_rows().unwrap();
    problems.sort();
    expected.sort();
    assert_eq!(problems, expected, "each damaged row listed once, none hiding another");
}

#[test]
fn a_receipt_states_the_stored_total_and_a_recomputed_one_that_differs_is_refused() {
    let store = store_with_demo();
    let (order, _) = part_paid_order(&store);
    let total = store.order(order).unwrap().total;
    sql(&store, &format!("UPDATE orders SET total_cents = total_cents + 5 WHERE id = {order}"));
    let card = CardDetails { masked_pan: "****4242".into(), ..CardDetails::default() };
    let rest =
        Tender::card(total + Money::from_cents(5 - 100), total + Money::from_cents(5 - 100), card).unwrap();
    let message = corrupt_message(store.add_tender("1", order, &rest, "terminal"));
    let expected = format!(
        "order {order}: total_cents {} differs from its lines ({})",
        total.cents() + 5,
        total.cents()
    );
    assert_eq!(message, expected);
    assert!(store.receipt_of_order("1", order).unwrap().is_none(), "nothing was booked");
    assert_eq!(store.check_rows().unwrap(), [expected]);
}

#[test]
fn a_damaged_receipt_is_named_by_the_list_the_x_report_and_db_check() {
    let store = store_with_demo();
    let mut cart = Cart::default();
    cart.add(&store.product_by_code("401").unwrap().unwrap(), Quantity::ONE, Lang::El).unwrap();
    for _ in 0..3 {
        store.cash_sale("1", 1, &cart, Money::from_cents(1000), "Maria").unwrap();
    }
    sql(
        &store,
        "DROP TRIGGER receipts_immutable;
         UPDATE receipts SET kind = 'gift' WHERE number = 1;
         UPDATE receipts SET body = '{' WHERE number = 2;
         UPDATE receipts SET body = json_set(body, '$.total', 1) WHERE number = 3;",
    );
    assert_eq!(
        corrupt_message(store.receipts("1", &ReceiptFilter::default())),
        "receipt 1/1: kind 'gift' unknown"
    );
    assert!(corrupt_message(store.receipt("1", 2)).starts_with("receipt 1/2: body unreadable ("));
    assert!(corrupt_message(store.register_totals("1")).starts_with("receipt 1/2: body unreadable ("));
    let problems = store.check_rows().unwrap();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert_eq!(problems[0], "receipt 1/1: kind 'gift' unknown");
    assert!(problems[1].starts_with("receipt 1/2: body unreadable ("), "{problems:#?}");
    assert_eq!(problems[2], "receipt 1/3: total 1 differs from its lines (990)");
    assert_eq!(problems[3], "receipt 1/3: total 1 differs from its VAT lines (990)");
}

#[test]
fn other_damaged_codes_are_named_too() {
    let store = store_with_demo();
    let user = store.users().unwrap()[0].id;
    // The schema's CHECK keeps tameio honest; another tool may have turned it off.
    sql(
        &store,
        &format!("PRAGMA ignore_check_constraints = 1; UPDATE users SET role = 'owner' WHERE id = {user}"),
    );
    assert_eq!(corrupt_message(store.user(user)), format!("user {user}: role 'owner' unknown"));
    let product = store.product_by_code("101").unwrap().unwrap().id;
    sql(&store, &format!("UPDATE products SET unit = 'litre' WHERE id = {product}"));
    assert_eq!(
        corrupt_message(store.product_by_code("101")),
        format!("product {product}: unit 'litre' unknown")
    );

    let d = store.demo_preload("401", "S1", None);
    sql(&store, &format!("UPDATE deferred_receipts SET state = 'parked' WHERE id = {}", d.id));
    assert_eq!(
        corrupt_message(store.deferred_receipts(false)),
        format!("deferred receipt {}: state 'parked' unknown", d.id)
    );

    let outcome = Outcome::Cancelled { message: "x".into() };
    store.record_unmatched("front", &outcome, "evidence").unwrap();
    sql(&store, "UPDATE unmatched_results SET outcome = 'none'");
    assert!(
        corrupt_message(store.unmatched_results()).starts_with("unmatched result 1: outcome unreadable (")
    );
    sql(&store, "UPDATE users SET pin_hash = 'plain 1234' WHERE role = 'manager'");
    assert!(corrupt_message(store.manager_with_pin("1234")).contains(": pin_hash unreadable ("));

    let problems = store.check_rows().unwrap();
    for expected in
        [format!("user {user}: role 'owner' unknown"), format!("product {product}: unit 'litre' unknown")]
    {
        assert!(problems.contains(&expected), "{problems:#?}");
    }
    for fragment in
        ["state 'parked' unknown", "unmatched result 1: outcome unreadable", ": pin_hash unreadable"]
    {
        assert!(problems.iter().any(|p| p.contains(fragment)), "{fragment}: {problems:#?}");
    }
}
