//! Refunds by line: what each line of a sale was paid, and what giving back part of a line
//! costs. One rule, for the register, the store and the screen alike.

use super::cart::{Quantity, spread};
use super::money::Money;
use super::receipt::Receipt;

/// What each line of a sale receipt was paid: its amount less its share of the order discount,
/// spread exactly as the cart spread it (in proportion, remainders to the largest lines).
pub fn paid_per_line(receipt: &Receipt) -> Vec<Money> {
    let grosses: Vec<Money> = receipt.lines.iter().map(|l| l.amount).collect();
    let shares = spread(receipt.order_discount, &grosses);
    grosses.iter().zip(&shares).map(|(g, s)| *g - *s).collect()
}

/// What is left of one line after earlier refunds: quantity and money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineBalance {
    pub sold: Quantity,
    pub paid: Money,
    /// Given back so far: quantity and money.
    pub back: (Quantity, Money),
}

impl LineBalance {
    pub fn quantity_left(&self) -> i64 {
        self.sold.milli() - self.back.0.milli()
    }

    pub fn money_left(&self) -> Money {
        self.paid - self.back.1
    }

    /// The money for giving back `quantity` of this line: in proportion to what the line was
    /// paid (rounded half away from zero), and the last of a line takes exactly what is left,
    /// so the parts always add up to what was paid. `None` when more than is left is asked.
    pub fn amount_for(&self, quantity: Quantity) -> Option<Money> {
        let q = quantity.milli();
        let left = self.quantity_left();
        if q <= 0 || q > left || self.sold.milli() <= 0 {
            return None;
        }
        if q == left {
            return Some(self.money_left());
        }
        Some(self.paid.mul_div(q, self.sold.milli()).min(self.money_left()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::{ReceiptKind, ReceiptLine, Unit, VatRate};

    fn line(amount: i64, milli: i64) -> ReceiptLine {
        ReceiptLine {
            name: "x".into(),
            plu: 1,
            quantity: Quantity::from_milli(milli),
            unit: Unit::Piece,
            unit_price: Money::from_cents(amount * 1000 / milli),
            discount: Money::ZERO,
            amount: Money::from_cents(amount),
            vat: VatRate(2400),
        }
    }

    fn receipt(lines: Vec<ReceiptLine>, order_discount: i64) -> Receipt {
        let total = lines.iter().map(|l| l.amount).sum::<Money>() - Money::from_cents(order_discount);
        Receipt {
            number: 1,
            register_id: "1".into(),
            order_id: 1,
            kind: ReceiptKind::Sale,
            refund_of: None,
            issued_at: String::new(),
            cashier: String::new(),
            lines,
            order_discount: Money::from_cents(order_discount),
            vat: Vec::new(),
            total,
            tenders: Vec::new(),
        }
    }

    #[test]
    fn the_order_discount_is_shared_as_the_cart_shared_it() {
        let r = receipt(vec![line(1000, 3000), line(500, 1000)], 100);
        let paid = paid_per_line(&r);
        assert_eq!(paid, vec![Money::from_cents(933), Money::from_cents(467)]);
        assert_eq!(paid.iter().copied().sum::<Money>(), r.total);
    }

    #[test]
    fn parts_of_a_line_add_up_to_what_it_was_paid() {
        let mut b = LineBalance {
            sold: Quantity::pieces(3),
            paid: Money::from_cents(1000),
            back: (Quantity::from_milli(0), Money::ZERO),
        };
        let mut total = Money::ZERO;
        for _ in 0..3 {
            let one = b.amount_for(Quantity::ONE).unwrap();
            total += one;
            b.back = (Quantity::from_milli(b.back.0.milli() + 1000), b.back.1 + one);
        }
        assert_eq!(total, Money::from_cents(1000), "333 + 333 + 334");
        assert_eq!(b.amount_for(Quantity::ONE), None, "nothing left on the line");
    }

    #[test]
    fn never_more_than_is_left() {
        let b = LineBalance {
            sold: Quantity::pieces(2),
            paid: Money::from_cents(800),
            back: (Quantity::ONE, Money::from_cents(400)),
        };
        assert_eq!(b.amount_for(Quantity::pieces(2)), None);
        assert_eq!(b.amount_for(Quantity::ONE), Some(Money::from_cents(400)));
        assert_eq!(b.amount_for(Quantity::from_milli(0)), None);
    }
}
