//! The cart a cashier fills: lines with quantities and discounts, an order discount, and the
//! totals computed under the rounding rule of `vat.rs`.

use serde::{Deserialize, Serialize};

use super::catalog::{Lang, Product, Unit};
use super::money::Money;
use super::vat::{VatRate, VatSummary, summarise};

/// A quantity in thousandths: 1000 is one piece or one kilogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Quantity(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CartError {
    #[error("quantity must be above zero")]
    NonPositiveQuantity,
    #[error("a piece quantity must be whole")]
    FractionalPieces,
    #[error("quantity too large")]
    QuantityTooLarge,
    #[error("no line {0}")]
    NoSuchLine(usize),
    #[error("a discount cannot exceed what it applies to")]
    DiscountTooLarge,
    #[error("a discount must be above zero")]
    NonPositiveDiscount,
    #[error("the cart is empty")]
    Empty,
    #[error("this item has no fixed price: its price must be typed")]
    NeedsPrice,
    #[error("a price must be above zero")]
    NonPositivePrice,
}

impl Quantity {
    pub const ONE: Quantity = Quantity(1000);
    const MAX: i64 = 100_000_000;

    pub const fn from_milli(milli: i64) -> Self {
        Quantity(milli)
    }

    pub fn pieces(n: i64) -> Self {
        Quantity(n.saturating_mul(1000))
    }

    pub const fn milli(self) -> i64 {
        self.0
    }

    /// `3`, `0,250`, `1.5`: what a cashier types for pieces or kilograms.
    pub fn parse(input: &str) -> Result<Quantity, CartError> {
        let s = input.trim().replace(',', ".");
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let valid = !s.is_empty()
            && !s.starts_with('-')
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
            && frac.len() <= 3
            && !(int.is_empty() && frac.is_empty());
        if s.starts_with('-') {
            return Err(CartError::NonPositiveQuantity);
        }
        if !valid {
            return Err(CartError::FractionalPieces);
        }
        let whole: i64 =
            if int.is_empty() { 0 } else { int.parse().map_err(|_| CartError::QuantityTooLarge)? };
        let frac_milli: i64 = format!("{frac:0<3}").parse().unwrap_or(0);
        let milli = whole
            .checked_mul(1000)
            .and_then(|w| w.checked_add(frac_milli))
            .ok_or(CartError::QuantityTooLarge)?;
        let q = Quantity(milli);
        q.check()?;
        Ok(q)
    }

    fn check(self) -> Result<(), CartError> {
        if self.0 <= 0 {
            Err(CartError::NonPositiveQuantity)
        } else if self.0 > Self::MAX {
            Err(CartError::QuantityTooLarge)
        } else {
            Ok(())
        }
    }

    /// `2`, `0.250`: plain, for text and JSON.
    pub fn label(self) -> String {
        if self.0 % 1000 == 0 {
            (self.0 / 1000).to_string()
        } else {
            format!("{}.{:03}", self.0 / 1000, self.0 % 1000)
        }
    }
}

/// A discount on a line or on the whole order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Discount {
    /// Basis points: 1000 is 10 %.
    Percent(u32),
    Amount(Money),
}

impl Discount {
    /// The amount taken off `gross` (never more than `gross`).
    pub fn of(self, gross: Money) -> Result<Money, CartError> {
        let off = match self {
            Discount::Percent(0) => return Err(CartError::NonPositiveDiscount),
            Discount::Percent(bp) if bp > 10_000 => return Err(CartError::DiscountTooLarge),
            Discount::Percent(bp) => gross.mul_div(i64::from(bp), 10_000),
            Discount::Amount(m) if m.cents() <= 0 => return Err(CartError::NonPositiveDiscount),
            Discount::Amount(m) if m > gross => return Err(CartError::DiscountTooLarge),
            Discount::Amount(m) => m,
        };
        Ok(off)
    }
}

/// One line of the cart: a snapshot of the product as sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub product_id: i64,
    pub plu: u32,
    pub name: String,
    pub unit_price: Money,
    pub vat: VatRate,
    pub unit: Unit,
    pub quantity: Quantity,
    pub discount: Option<Discount>,
}

impl CartLine {
    /// A line of `product` at `price`, named in `lang`, without a discount.
    fn new(product: &Product, quantity: Quantity, price: Money, lang: Lang) -> CartLine {
        CartLine {
            product_id: product.id,
            plu: product.plu,
            name: product.names.get(lang).to_string(),
            unit_price: price,
            vat: product.vat,
            unit: product.unit,
            quantity,
            discount: None,
        }
    }

    /// Price × quantity, rounded once.
    pub fn gross_before_discount(&self) -> Money {
        self.unit_price.mul_div(self.quantity.milli(), 1000)
    }

    pub fn discount_amount(&self) -> Money {
        self.discount.and_then(|d| d.of(self.gross_before_discount()).ok()).unwrap_or(Money::ZERO)
    }

    pub fn gross(&self) -> Money {
        self.gross_before_discount() - self.discount_amount()
    }

    /// The one rule for the amount a line shows, in the cart and on the printed receipt:
    /// price × quantity less the line's own discount. An order discount is shown once, below
    /// the lines (its share per line only feeds the VAT), so the lines and the receipt agree.
    pub fn shown_amount(&self) -> Money {
        self.gross()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub order_discount: Option<Discount>,
}

/// What a cart comes to: per line, per VAT rate and in total, all in agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Each line's gross after its own discount and its share of the order discount.
    pub line_totals: Vec<Money>,
    pub order_discount: Money,
    pub vat: Vec<VatSummary>,
    pub total: Money,
}

impl Cart {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Appends a line at the bottom (nothing moves under the cashier's finger). An open-price
    /// product (price zero in the catalogue) needs [`Cart::add_priced`].
    pub fn add(&mut self, product: &Product, quantity: Quantity, lang: Lang) -> Result<usize, CartError> {
        if product.is_open_price() {
            return Err(CartError::NeedsPrice);
        }
        self.push(CartLine::new(product, quantity, product.price, lang))
    }

    /// Appends an open-price product (a department key such as "various 24 %") at the price
    /// the cashier typed.
    pub fn add_priced(
        &mut self,
        product: &Product,
        quantity: Quantity,
        price: Money,
        lang: Lang,
    ) -> Result<usize, CartError> {
        if price.is_zero() || price.is_negative() {
            return Err(CartError::NonPositivePrice);
        }
        self.push(CartLine::new(product, quantity, price, lang))
    }

    /// Appends `line` once its quantity suits its unit; its index.
    fn push(&mut self, line: CartLine) -> Result<usize, CartError> {
        line.quantity.check()?;
        if line.unit == Unit::Piece && line.quantity.milli() % 1000 != 0 {
            return Err(CartError::FractionalPieces);
        }
        self.lines.push(line);
        Ok(self.lines.len() - 1)
    }

    pub fn set_quantity(&mut self, index: usize, quantity: Quantity) -> Result<(), CartError> {
        quantity.check()?;
        let line = self.lines.get_mut(index).ok_or(CartError::NoSuchLine(index))?;
        if line.unit == Unit::Piece && quantity.milli() % 1000 != 0 {
            return Err(CartError::FractionalPieces);
        }
        let before = line.quantity;
        line.quantity = quantity;
        if let Some(Err(e)) = line.discount.map(|d| d.of(line.gross_before_discount())) {
            line.quantity = before;
            return Err(e);
        }
        Ok(())
    }

    pub fn discount_line(&mut self, index: usize, discount: Option<Discount>) -> Result<(), CartError> {
        let line = self.lines.get_mut(index).ok_or(CartError::NoSuchLine(index))?;
        if let Some(d) = discount {
            d.of(line.gross_before_discount())?;
        }
        line.discount = discount;
        Ok(())
    }

    pub fn discount_order(&mut self, discount: Option<Discount>) -> Result<(), CartError> {
        if let Some(d) = discount {
            let sum: Money = self.lines.iter().map(CartLine::gross).sum();
            d.of(sum)?;
        }
        self.order_discount = discount;
        Ok(())
    }

    pub fn void_line(&mut self, index: usize) -> Result<CartLine, CartError> {
        if index >= self.lines.len() {
            return Err(CartError::NoSuchLine(index));
        }
        Ok(self.lines.remove(index))
    }

    /// The totals. The order discount is spread over the lines in proportion to their gross,
    /// remainders to the largest lines, so that every line's share is whole cents and the
    /// shares add up to the discount exactly.
    pub fn totals(&self) -> Totals {
        let grosses: Vec<Money> = self.lines.iter().map(CartLine::gross).collect();
        let sum: Money = grosses.iter().copied().sum();
        let order_discount = self.order_discount.and_then(|d| d.of(sum).ok()).unwrap_or(Money::ZERO);
        let shares = spread(order_discount, &grosses);
        let line_totals: Vec<Money> = grosses.iter().zip(&shares).map(|(g, s)| *g - *s).collect();
        let vat = summarise(self.lines.iter().zip(&line_totals).map(|(l, t)| (l.vat, *t)));
        Totals { total: line_totals.iter().copied().sum(), line_totals, order_discount, vat }
    }
}

/// Splits `amount` over `weights` in proportion, in whole cents, summing to `amount` exactly.
pub(crate) fn spread(amount: Money, weights: &[Money]) -> Vec<Money> {
    let total: i64 = weights.iter().map(|w| w.cents()).sum();
    if amount.is_zero() || total <= 0 {
        return vec![Money::ZERO; weights.len()];
    }
    let mut shares: Vec<i64> = weights
        .iter()
        .map(|w| (i128::from(amount.cents()) * i128::from(w.cents()) / i128::from(total)) as i64)
        .collect();
    let mut left = amount.cents() - shares.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weights[i]));
    for &i in order.iter().cycle().take(weights.len() * 2) {
        if left == 0 {
            break;
        }
        shares[i] += 1;
        left -= 1;
    }
    debug_assert_eq!(left, 0);
    shares.into_iter().map(Money::from_cents).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalog::Names;
    use proptest::prelude::*;

    fn product(id: i64, cents: i64, vat: u32, unit: Unit) -> Product {
        Product {
            id,
            plu: id as u32,
            barcode: None,
            names: Names { en: format!("p{id}"), ..Names::default() },
            category: String::new(),
            price: Money::from_cents(cents),
            vat: VatRate(vat),
            unit,
        }
    }

    #[test]
    fn quantities_parse() {
        assert_eq!(Quantity::parse("3"), Ok(Quantity(3000)));
        assert_eq!(Quantity::parse("0,250"), Ok(Quantity(250)));
        assert_eq!(Quantity::parse("1.5"), Ok(Quantity(1500)));
        assert_eq!(Quantity::parse("-2"), Err(CartError::NonPositiveQuantity));
        assert_eq!(Quantity::parse("0"), Err(CartError::NonPositiveQuantity));
        assert!(Quantity::parse("abc").is_err());
        assert_eq!(Quantity(250).label(), "0.250");
    }

    #[test]
    fn example_from_the_ui_sketch() {
        let mut cart = Cart::default();
        cart.add(&product(1, 420, 1300, Unit::Piece), Quantity::pieces(2), Lang::En).ok();
        cart.add(&product(2, 990, 1300, Unit::Piece), Quantity::ONE, Lang::En).ok();
        cart.discount_line(1, Some(Discount::Percent(1000))).ok();
        cart.add(&product(3, 350, 2400, Unit::Piece), Quantity::ONE, Lang::En).ok();
        let t = cart.totals();
        assert_eq!(
            t.line_totals,
            vec![Money::from_cents(840), Money::from_cents(891), Money::from_cents(350)]
        );
        assert_eq!(t.total, Money::from_cents(2081));
        assert_eq!(t.vat[0].rate, VatRate(2400));
        assert_eq!(t.vat[0].vat, Money::from_cents(68));
        assert_eq!(t.vat[1].vat, Money::from_cents(199));
        assert_eq!(t.vat[1].net, Money::from_cents(1532));
    }

    #[test]
    fn with_an_order_discount_the_lines_show_what_the_receipt_prints() {
        let mut cart = Cart::default();
        cart.add(&product(1, 420, 1300, Unit::Piece), Quantity::pieces(2), Lang::En).ok();
        cart.add(&product(2, 990, 1300, Unit::Piece), Quantity::ONE, Lang::En).ok();
        cart.discount_order(Some(Discount::Percent(1000))).ok();
        let shown: Vec<Money> = cart.lines.iter().map(CartLine::shown_amount).collect();
        let printed: Vec<Money> = crate::domain::Receipt::lines_of(&cart).iter().map(|l| l.amount).collect();
        assert_eq!(shown, printed);
        assert_eq!(shown, vec![Money::from_cents(840), Money::from_cents(990)]);
        // The lines less the order discount shown once below them make the total.
        let t = cart.totals();
        assert_eq!(shown.iter().copied().sum::<Money>() - t.order_discount, t.total);
    }

    #[test]
    fn bad_edits_change_nothing() {
        let mut cart = Cart::default();
        cart.add(&product(1, 100, 2400, Unit::Piece), Quantity::ONE, Lang::En).ok();
        let before = cart.clone();
        assert_eq!(
            cart.add(&product(1, 100, 2400, Unit::Piece), Quantity(500), Lang::En),
            Err(CartError::FractionalPieces)
        );
        assert_eq!(
            cart.discount_line(0, Some(Discount::Amount(Money::from_cents(101)))),
            Err(CartError::DiscountTooLarge)
        );
        assert_eq!(cart.set_quantity(3, Quantity::ONE), Err(CartError::NoSuchLine(3)));
        assert_eq!(cart.set_quantity(0, Quantity(-1000)), Err(CartError::NonPositiveQuantity));
        assert_eq!(cart, before);
    }

    #[test]
    fn weighed_items() {
        let mut cart = Cart::default();
        cart.add(&product(1, 1299, 1300, Unit::Kg), Quantity(345), Lang::En).ok();
        assert_eq!(cart.totals().total, Money::from_cents(448));
    }

    proptest! {
        #[test]
        fn sums_always_agree(
            lines in proptest::collection::vec((1i64..50_000, 0usize..6, 1i64..5_000, 0u32..5_000, any::<bool>()), 1..40),
            order_pct in 0u32..5_000,
        ) {
            let rates = [2400, 1300, 600, 1700, 900, 400];
            let mut cart = Cart::default();
            for (i, (price, rate, qty, disc, weighed)) in lines.iter().enumerate() {
                let unit = if *weighed { Unit::Kg } else { Unit::Piece };
                let q = if *weighed { Quantity(*qty) } else { Quantity::pieces(qty % 20 + 1) };
                let idx = cart.add(&product(i as i64, *price, rates[*rate], unit), q, Lang::En).ok();
                if let (true, Some(idx)) = (*disc > 0, idx) {
                    cart.discount_line(idx, Some(Discount::Percent(*disc))).ok();
                }
            }
            if order_pct > 0 { cart.discount_order(Some(Discount::Percent(order_pct))).ok(); }
            let t = cart.totals();
            let line_sum: Money = t.line_totals.iter().copied().sum();
            prop_assert_eq!(line_sum, t.total);
            let rate_sum: Money = t.vat.iter().map(|s| s.gross).sum();
            prop_assert_eq!(rate_sum, t.total);
            for s in &t.vat {
                prop_assert_eq!(s.net + s.vat, s.gross);
                prop_assert!(s.vat.cents() >= 0 && s.vat <= s.gross);
            }
            let before: Money = cart.lines.iter().map(CartLine::gross).sum();
            prop_assert_eq!(before - t.order_discount, t.total);
        }
    }
}
