//! A split payment's cash part with what the customer gave for it (issue 23 item 20): the
//! change is recorded on the cash tender, never more than was given, and the rest stays due.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use tameio::config::Settings;
use tameio::domain::{Cart, Lang, Money, Quantity, TenderKind};
use tameio::register::Register;

#[test]
fn the_cash_part_records_what_was_given_and_the_change_and_leaves_the_rest_due() {
    let reg = Register::in_memory(Settings::default()).unwrap();
    let by = reg.cli_operator(Some("Maria"), Some("1111")).unwrap();
    let product = reg.products().unwrap().into_iter().find(|p| !p.is_open_price()).unwrap();
    let mut cart = Cart::default();
    cart.add(&product, Quantity::pieces(3), Lang::En).unwrap();
    let total = cart.totals().total;
    assert!(total.cents() > 200, "{total:?}");
    let order = reg.open_order(&by, &cart).unwrap();
    let c = Money::from_cents;

    // Less given than the cash part: refused, nothing recorded.
    assert!(reg.pay_cash_part(&by, order, c(200), c(150)).is_err());
    assert!(reg.order(order).unwrap().tenders.is_empty());

    // 2,00 in cash, a 5,00 note given: 3,00 back, the rest still due (by card).
    assert!(reg.pay_cash_part(&by, order, c(200), c(500)).unwrap().is_none(), "not paid yet");
    let o = reg.order(order).unwrap();
    let t = &o.tenders[0];
    assert_eq!((t.kind, t.amount, t.given, t.change), (TenderKind::Cash, c(200), c(500), c(300)));
    assert_eq!(o.remaining(), total - c(200));
}

#[test]
fn a_cash_part_that_covers_the_rest_settles_the_sale_with_its_change() {
    let reg = Register::in_memory(Settings::default()).unwrap();
    let by = reg.cli_operator(Some("Maria"), Some("1111")).unwrap();
    let product = reg.products().unwrap().into_iter().find(|p| !p.is_open_price()).unwrap();
    let mut cart = Cart::default();
    cart.add(&product, Quantity::ONE, Lang::En).unwrap();
    let total = cart.totals().total;
    let order = reg.open_order(&by, &cart).unwrap();
    let given = total + Money::from_cents(1000);
    let receipt = reg.pay_cash_part(&by, order, total, given).unwrap().expect("paid in full");
    assert_eq!(receipt.change(), Money::from_cents(1000));
    assert_eq!(receipt.tenders[0].given, given);
}
