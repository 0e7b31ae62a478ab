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
    /// Per tender kind ("cash", "card"): net of change, tips not included.
    pub tenders: BTreeMap<String, Money>,
    /// Per tender kind: tips charged on top (cards only), net of refunds.
    #[serde(default)]
    pub tips: BTreeMap<String, Money>,
    pub card_count: i64,
    pub vat: Vec<VatSummary>,
}

impl RegisterTotals {
    /// What a tender kind took for the sales, without tips.
    pub fn tendered(&self, kind: &str) -> Money {
        self.tenders.get(kind).copied().unwrap_or_default()
    }

    /// The tips taken with a tender kind.
    pub fn tips_of(&self, kind: &str) -> Money {
        self.tips.get(kind).copied().unwrap_or_default()
    }

    /// Everything charged to cards, tips included: what a terminal's batch total adds up to.
    pub fn card_charged(&self) -> Money {
        self.tendered("card") + self.tips_of("card")
    }
}

/// A closure's card totals side by side: the register's (tips included) and the terminal's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardReconciliation {
    pub register: Money,
    pub terminal: Money,
}

impl CardReconciliation {
    /// Terminal minus register: zero when they agree.
    pub fn difference(&self) -> Money {
        self.terminal - self.register
    }
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

impl BatchClosure {
    /// The terminal's batch total (its `terminal_total`) beside the register's card total with
    /// tips; `None` when no terminal total was stored with this closure.
    pub fn card_reconciliation(&self) -> Option<CardReconciliation> {
        let json = self.terminal_totals.as_ref()?;
        if json.get("ok").and_then(serde_json::Value::as_bool) == Some(false) {
            return None; // the terminal refused to close: its totals compare with nothing
        }
        let terminal = json.get("terminal_total")?.as_i64()?;
        Some(CardReconciliation {
            register: self.register.card_charged(),
            terminal: Money::from_cents(terminal),
        })
    }
}
