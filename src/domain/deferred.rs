//! Deferred (preloaded) receipts: an order sent to the terminal to be paid there later, and
//! its state as the terminal reports it: waiting, paid, expired or cancelled.

use serde::{Deserialize, Serialize};

use super::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeferredState {
    Waiting,
    Paid,
    Expired,
    Cancelled,
}

impl DeferredState {
    pub fn code(self) -> &'static str {
        match self {
            DeferredState::Waiting => "waiting",
            DeferredState::Paid => "paid",
            DeferredState::Expired => "expired",
            DeferredState::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<DeferredState> {
        [Self::Waiting, Self::Paid, Self::Expired, Self::Cancelled].into_iter().find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeferredReceipt {
    pub id: i64,
    pub order_id: i64,
    pub terminal: String,
    /// The reference the terminal knows the preload by.
    pub reference: String,
    pub state: DeferredState,
    pub total: Money,
    pub expires_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// The receipt issued once it was paid.
    pub receipt_number: Option<i64>,
}
