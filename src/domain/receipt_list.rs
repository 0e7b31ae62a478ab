//! The receipts list a manager searches: one row per issued receipt, and the filter that
//! picks the rows.

use serde::Serialize;

use super::money::Money;
use super::receipt::ReceiptKind;

/// A row of the receipts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceiptSummary {
    pub number: i64,
    pub kind: ReceiptKind,
    pub issued_at: String,
    pub total: Money,
    pub card_last4: String,
    pub reprints: i64,
    /// A sale that a later refund receipt took back.
    pub refunded: bool,
    /// A card payment on it whose outcome a manager decided by hand (the terminal could not say).
    pub by_hand: bool,
    /// A sale of which some lines (not all) were refunded.
    pub part_refunded: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ReceiptFilter {
    pub number: Option<i64>,
    /// `YYYY-MM-DD`, a day on the shop's clock (23 or 25 hours on a DST change).
    pub date: Option<String>,
    pub total: Option<Money>,
    pub card_last4: Option<String>,
    pub limit: Option<i64>,
}
