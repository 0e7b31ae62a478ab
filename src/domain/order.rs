//! Orders: a cart that has been committed to the register, with its life cycle.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderStatus {
    /// Rung up, not yet (fully) paid.
    Open,
    /// Tenders cover it; its receipt is issued.
    Paid,
    /// Cancelled before it was paid.
    Voided,
    /// Paid, then refunded in full.
    Refunded,
    /// Sent to the terminal as a preloaded (deferred) receipt, waiting for the customer.
    Deferred,
}

impl OrderStatus {
    pub fn code(self) -> &'static str {
        match self {
            OrderStatus::Open => "open",
            OrderStatus::Paid => "paid",
            OrderStatus::Voided => "voided",
            OrderStatus::Refunded => "refunded",
            OrderStatus::Deferred => "deferred",
        }
    }

    pub fn from_code(code: &str) -> Option<OrderStatus> {
        [Self::Open, Self::Paid, Self::Voided, Self::Refunded, Self::Deferred]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Cashier,
    Manager,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Cashier => "cashier",
            Role::Manager => "manager",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        match code {
            "cashier" => Some(Role::Cashier),
            "manager" => Some(Role::Manager),
            _ => None,
        }
    }
}
