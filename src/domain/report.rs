//! Totals of the register's own sales: an X report so far, or a numbered closure (Z report)
//! stored beside the terminal's totals.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::money::Money;
use super::vat::VatSummary;

/// What the register itself took since the last closure (an X report; a Z report once closed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterTotals {
    pub first_receipt: Option<i64>,
    pub last_receipt: Option<i64>,
    pub sales: i64,
    pub refunds: i64,
    pub total: Money,
    /// Per tender kind ("cash", "card"): net of change.
    pub tenders: BTreeMap<String, Money>,
    pub card_count: i64,
    pub vat: Vec<VatSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchClosure {
    pub number: i64,
    pub register_id: String,
    pub terminal: String,
    pub closed_at: String,
    pub register: RegisterTotals,
    /// The terminal's own totals as JSON, when a terminal was closed with it.
    pub terminal_totals: Option<serde_json::Value>,
    pub counted_cash: Option<Money>,
}
