//! Orders, their lines, tenders and receipt bodies as SQLite holds them, decoded strictly: a
//! value tameio never writes is an error naming its row and column, never a default.

use rusqlite::Row;

use super::error::{corrupt, unknown, unreadable};
use super::{Result, StoreError};
use crate::domain::{
    CartLine, Discount, Money, OrderStatus, Quantity, Receipt, ReceiptKind, Tender, TenderKind, Unit, VatRate,
};

pub(super) const ORDER_COLUMNS: &str =
    "id, status, user_id, order_discount, order_discount_cents, total_cents";

pub(super) struct OrderRow {
    pub id: i64,
    pub status: String,
    pub user_id: i64,
    pub order_discount: Option<String>,
    pub order_discount_cents: i64,
    pub total_cents: i64,
}

pub(super) fn order_row(r: &Row<'_>) -> rusqlite::Result<OrderRow> {
    Ok(OrderRow {
        id: r.get(0)?,
        status: r.get(1)?,
        user_id: r.get(2)?,
        order_discount: r.get(3)?,
        order_discount_cents: r.get(4)?,
        total_cents: r.get(5)?,
    })
}

impl OrderRow {
    pub fn name(&self) -> String {
        format!("order {}", self.id)
    }

    pub fn status(&self) -> Result<OrderStatus> {
        OrderStatus::from_code(&self.status)
            .ok_or_else(|| corrupt(&self.name(), "status", unknown(&self.status)))
    }

    pub fn discount(&self) -> Result<Option<Discount>> {
        self.order_discount
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| corrupt(&self.name(), "order_discount", unreadable(e)))
    }
}

pub(super) const LINE_COLUMNS: &str = "id, order_id, product_id, plu, name, unit_price_cents, quantity_milli, unit, vat_bp, discount, amount_cents";

pub(super) struct LineRow {
    pub id: i64,
    pub order_id: i64,
    product_id: i64,
    plu: u32,
    name: String,
    unit_price_cents: i64,
    quantity_milli: i64,
    unit: String,
    vat_bp: u32,
    discount: Option<String>,
    pub amount_cents: i64,
}

pub(super) fn line_row(r: &Row<'_>) -> rusqlite::Result<LineRow> {
    Ok(LineRow {
        id: r.get(0)?,
        order_id: r.get(1)?,
        product_id: r.get(2)?,
        plu: r.get(3)?,
        name: r.get(4)?,
        unit_price_cents: r.get(5)?,
        quantity_milli: r.get(6)?,
        unit: r.get(7)?,
        vat_bp: r.get(8)?,
        discount: r.get(9)?,
        amount_cents: r.get(10)?,
    })
}

impl LineRow {
    pub fn name(&self) -> String {
        format!("order line {} (order {})", self.id, self.order_id)
    }

    pub fn decode(&self) -> Result<CartLine> {
        let discount: Option<Discount> = self
            .discount
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| corrupt(&self.name(), "discount", unreadable(e)))?;
        Ok(CartLine {
            product_id: self.product_id,
            plu: self.plu,
            name: self.name.clone(),
            unit_price: Money::from_cents(self.unit_price_cents),
            quantity: Quantity::from_milli(self.quantity_milli),
            unit: unit(&self.name(), &self.unit)?,
            vat: VatRate(self.vat_bp),
            discount,
        })
    }
}

/// `piece`, `kg` or `l`, as `Unit::code` writes them.
pub(super) fn unit(row: &str, code: &str) -> Result<Unit> {
    [Unit::Piece, Unit::Kg, Unit::L]
        .into_iter()
        .find(|u| u.code() == code)
        .ok_or_else(|| corrupt(row, "unit", unknown(code)))
}

pub(super) const TENDER_COLUMNS: &str = "id, order_id, kind, amount_cents, given_cents, change_cents, card";

pub(super) struct TenderRow {
    pub id: i64,
    pub order_id: i64,
    kind: String,
    amount_cents: i64,
    given_cents: i64,
    change_cents: i64,
    card: Option<String>,
}

pub(super) fn tender_row(r: &Row<'_>) -> rusqlite::Result<TenderRow> {
    Ok(TenderRow {
        id: r.get(0)?,
        order_id: r.get(1)?,
        kind: r.get(2)?,
        amount_cents: r.get(3)?,
        given_cents: r.get(4)?,
        change_cents: r.get(5)?,
        card: r.get(6)?,
    })
}

impl TenderRow {
    pub fn name(&self) -> String {
        format!("tender {} (order {})", self.id, self.order_id)
    }

    pub fn decode(&self) -> Result<Tender> {
        let kind = TenderKind::from_code(&self.kind)
            .ok_or_else(|| corrupt(&self.name(), "kind", unknown(&self.kind)))?;
        let card = self
            .card
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| corrupt(&self.name(), "card", unreadable(e)))?;
        Ok(Tender {
            kind,
            amount: Money::from_cents(self.amount_cents),
            given: Money::from_cents(self.given_cents),
            change: Money::from_cents(self.change_cents),
            card,
        })
    }
}

/// A receipt's kind column: `sale` or `refund`.
pub(super) fn receipt_kind(row: &str, code: &str) -> Result<ReceiptKind> {
    match code {
        "sale" => Ok(ReceiptKind::Sale),
        "refund" => Ok(ReceiptKind::Refund),
        other => Err(corrupt(row, "kind", unknown(other))),
    }
}

/// A receipt's sealed body.
pub(super) fn receipt_body(row: &str, body: &str) -> Result<Receipt> {
    serde_json::from_str(body).map_err(|e| corrupt(row, "body", unreadable(e)))
}

/// `receipt 1/42`
pub(super) fn receipt_name(register_id: &str, number: i64) -> String {
    format!("receipt {register_id}/{number}")
}

/// A row of `table` whose columns SQLite could not even hand over as their types.
pub(super) fn sqlite(table: &str, e: rusqlite::Error) -> StoreError {
    StoreError::Corrupt(format!("{table}: a row {}", unreadable(e)))
}
