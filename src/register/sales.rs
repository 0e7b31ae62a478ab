//! Selling: the catalogue, the cart (ringing up, discounts, voided lines), open orders and cash
//! on them, and the cash sale in one transaction. Card payments are in `payments`.

use super::{Operator, Register, RegisterError, Result};
use crate::domain::barcode::read_scale_label;
use crate::domain::{Cart, CartError, Discount, Money, OrderStatus, Product, Quantity, Receipt, Tender};
use crate::store::{OrderRecord, StoreError};

impl Register {
    pub fn products(&self) -> Result<Vec<Product>> {
        Ok(self.store.products()?)
    }

    pub fn find(&self, code: &str) -> Result<Product> {
        let code = code.trim();
        self.store.product_by_code(code)?.ok_or_else(|| RegisterError::UnknownCode(code.to_string()))
    }

    pub fn parse_amount(&self, input: &str) -> Result<Money> {
        Money::parse(input, self.settings().money_style())
            .map_err(|source| RegisterError::Amount { input: input.to_string(), source })
    }

    pub fn parse_quantity(&self, input: &str) -> Result<Quantity> {
        Quantity::parse(input).map_err(|e| match e {
            CartError::NonPositiveQuantity => RegisterError::Cart(e),
            _ => RegisterError::BadQuantity(input.to_string()),
        })
    }

    /// Adds the product with this barcode or PLU to the cart; the cart is untouched on error.
    /// A scale label (an in-store code no product carries, read by the shop's layouts) rings
    /// up its product with the label's weight or price; the quantity typed is then ignored.
    pub fn ring_up(&self, cart: &mut Cart, code: &str, quantity: Quantity) -> Result<usize> {
        let settings = self.settings();
        let code = code.trim();
        if let Some(product) = self.store.product_by_code(code)? {
            return Ok(cart.add(&product, quantity, settings.lang())?);
        }
        let Some((product, quantity, price)) = self.scale_label(code)? else {
            return Err(RegisterError::UnknownCode(code.to_string()));
        };
        Ok(match price {
            Some(price) => cart.add_priced(&product, quantity, price, settings.lang())?,
            None => cart.add(&product, quantity, settings.lang())?,
        })
    }

    /// What a scale label rings up (its product, quantity, and price when the label fixes
    /// it); `None` when `code` is no label of the shop's layouts.
    pub fn scale_label(&self, code: &str) -> Result<Option<(Product, Quantity, Option<Money>)>> {
        let Some(label) = read_scale_label(code, &self.settings().scale_labels) else { return Ok(None) };
        let product = self.find(&label.plu.to_string())?;
        let (quantity, price) = label.line(&product)?;
        Ok(Some((product, quantity, price)))
    }

    /// Rings up an open-price product (a department key) at the price typed for it.
    pub fn ring_up_priced(
        &self,
        cart: &mut Cart,
        code: &str,
        quantity: Quantity,
        price: Money,
    ) -> Result<usize> {
        let product = self.find(code)?;
        if !product.is_open_price() {
            return Err(RegisterError::BadInput(format!(
                "“{code}” has a fixed price ({}); leave out “@{}”",
                product.price, price
            )));
        }
        Ok(cart.add_priced(&product, quantity, price, self.settings().lang())?)
    }

    pub fn discount_line(&self, cart: &mut Cart, index: usize, discount: Option<Discount>) -> Result<()> {
        Ok(cart.discount_line(index, discount)?)
    }

    /// Voids a cart line, in the audit log with who allowed it.
    pub fn void_line(
        &self,
        by: &Operator,
        allowed_by: Option<&Operator>,
        cart: &mut Cart,
        index: usize,
    ) -> Result<()> {
        if self.settings().void_needs_manager
            && !by.is_manager()
            && allowed_by.is_none_or(|m| !m.is_manager())
        {
            return Err(RegisterError::NeedsManager);
        }
        let line = cart.void_line(index)?;
        let detail = serde_json::json!({
            "plu": line.plu, "name": line.name, "quantity": line.quantity.label(), "amount_cents": line.gross().cents(),
            "allowed_by": allowed_by.map(|m| m.name.clone()),
        });
        self.store.audit(&by.name, "cart.void_line", "-", &detail.to_string())?;
        Ok(())
    }

    /// A cash sale in one transaction: order, lines, tender, receipt, audit.
    pub fn cash_sale(&self, by: &Operator, cart: &Cart, given: Money) -> Result<Receipt> {
        if cart.is_empty() {
            return Err(CartError::Empty.into());
        }
        Tender::cash_settling(cart.totals().total, given)?;
        Ok(self.store.cash_sale(&self.register_id(), by.user_id, cart, given, &by.name)?)
    }

    /// Commits the cart as an open order, before any card is charged for it.
    pub fn open_order(&self, by: &Operator, cart: &Cart) -> Result<i64> {
        if cart.is_empty() {
            return Err(CartError::Empty.into());
        }
        Ok(self.store.create_order(&self.register_id(), by.user_id, cart, &by.name)?)
    }

    pub fn order(&self, order_id: i64) -> Result<OrderRecord> {
        self.store.order(order_id).map_err(|e| match e {
            StoreError::NotFound(_) => RegisterError::NoOrder(order_id),
            other => other.into(),
        })
    }

    /// Cash on an open order: settles it (with change) when it covers the rest, else a part.
    pub fn pay_cash(&self, by: &Operator, order_id: i64, amount: Money) -> Result<Option<Receipt>> {
        let due = self.order(order_id)?.remaining();
        let tender = Tender::cash_part(due, amount)?;
        Ok(self.store.add_tender(&self.register_id(), order_id, &tender, &by.name)?)
    }

    /// A split payment's cash part, `given` handed over for it (the change goes back now).
    pub fn pay_cash_part(
        &self,
        by: &Operator,
        order_id: i64,
        amount: Money,
        given: Money,
    ) -> Result<Option<Receipt>> {
        let due = self.order(order_id)?.remaining();
        let tender = Tender::cash_part_given(due, amount, given)?;
        Ok(self.store.add_tender(&self.register_id(), order_id, &tender, &by.name)?)
    }

    /// Gives up an unpaid order. One a manager handed back meanwhile (its card payment decided
    /// "not charged" elsewhere) is voided already: the screen that still holds the sale keeps
    /// it, and the parked copy goes, so the sale exists once.
    pub fn void_order(&self, by: &Operator, order_id: i64) -> Result<()> {
        let order = self.order(order_id)?;
        if order.status == OrderStatus::Voided
            && self.store.take_parked_from_order(order_id, &by.name)?.is_some()
        {
            tracing::info!(order_id, "handed-back sale kept by the screen that held it");
            return Ok(());
        }
        Ok(self.store.void_order(order_id, &by.name)?)
    }
}
