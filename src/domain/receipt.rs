//! The receipt: the immutable document issued when an order is paid. Everything a printer
//! or a tax office needs is inside it, so a reprint never depends on today's catalogue.

use serde::{Deserialize, Serialize};

use super::cart::{Cart, Quantity};
use super::catalog::Unit;
use super::money::Money;
use super::tender::Tender;
use super::vat::{VatRate, VatSummary};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptLine {
    pub name: String,
    pub plu: u32,
    pub quantity: Quantity,
    pub unit: Unit,
    pub unit_price: Money,
    /// The line's own discount (the order discount is shown once, below the lines).
    pub discount: Money,
    /// Price × quantity − line discount.
    pub amount: Money,
    pub vat: VatRate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReceiptKind {
    Sale,
    Refund,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Gapless per register.
    pub number: i64,
    pub register_id: String,
    pub order_id: i64,
    pub kind: ReceiptKind,
    /// The receipt this one refunds.
    pub refund_of: Option<i64>,
    /// UTC, `YYYY-MM-DDThh:mm:ssZ` (local time without offset on receipts before schema 2).
    pub issued_at: String,
    pub cashier: String,
    pub lines: Vec<ReceiptLine>,
    pub order_discount: Money,
    pub vat: Vec<VatSummary>,
    pub total: Money,
    pub tenders: Vec<Tender>,
}

impl Receipt {
    pub fn lines_of(cart: &Cart) -> Vec<ReceiptLine> {
        cart.lines
            .iter()
            .map(|l| ReceiptLine {
                name: l.name.clone(),
                plu: l.plu,
                quantity: l.quantity,
                unit: l.unit,
                unit_price: l.unit_price,
                discount: l.discount_amount(),
                amount: l.shown_amount(),
                vat: l.vat,
            })
            .collect()
    }

    pub fn change(&self) -> Money {
        self.tenders.iter().map(|t| t.change).sum()
    }

    /// The identifier carried in the receipt's QR code.
    pub fn identifier(&self) -> String {
        format!("tameio:{}:{}:{}", self.register_id, self.number, self.total.cents())
    }
}
