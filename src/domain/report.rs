//! Totals of the register's own sales: an X report so far, or a numbered closure (Z report)
//! stored beside the terminal's totals.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::money::Money;
use super::vat::VatSummary;

/// The `batch_close` a Z's terminal totals carry when the protocol has no batch close (AADE
/// 1155): the register closed its side, the batch is closed on the terminal itself.
pub const CLOSED_ON_TERMINAL: &str = "on-terminal";

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
    /// Card payments per terminal (by its name): each terminal's batch is compared with its
    /// own part only. Empty in Zs stored before it was kept.
    #[serde(default)]
    pub terminals: BTreeMap<String, TerminalCards>,
    /// The cash the drawer started with (ρέστα ταμείου), given at the close.
    #[serde(default)]
    pub opening_float: Money,
    /// Net takings per local hour of the day (0–23), for the sales chart.
    #[serde(default)]
    pub hourly: BTreeMap<u8, Money>,
    /// Per department (code) of the products sold: the lines' amounts, refunds negative,
    /// before an order discount is shared out (as the period report counts them). Empty in
    /// Zs stored before it was kept.
    #[serde(default)]
    pub departments: BTreeMap<String, Money>,
}

/// One terminal's card payments as the register recorded them, net of refunds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalCards {
    /// Charged on this terminal, tips included: what its batch total adds up to.
    pub charged: Money,
    pub count: i64,
    /// The demo (simulated) terminal: no real card was charged.
    #[serde(default)]
    pub demo: bool,
    /// Of `charged`, what a manager recorded by hand (fault mode, or an outcome decided from
    /// the terminal's slip): listed apart so it is checked against the slips.
    #[serde(default)]
    pub by_hand: Money,
    #[serde(default)]
    pub by_hand_count: i64,
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

    /// The register's card total of one terminal, tips included. A Z stored before totals
    /// were kept per terminal has only the register's whole card total.
    pub fn charged_on(&self, terminal: &str) -> Money {
        match self.terminals.is_empty() {
            true => self.card_charged(),
            false => self.terminals.get(terminal).map(|t| t.charged).unwrap_or_default(),
        }
    }

    /// The sales per hour, from the first hour with a receipt to the last, hours without any
    /// as zero; labels `08`, `09`, … (the X and Z charts).
    pub fn hourly_bars(&self) -> Vec<(String, Money)> {
        let (Some(first), Some(last)) = (self.hourly.keys().next(), self.hourly.keys().next_back()) else {
            return Vec::new();
        };
        (*first..=*last)
            .map(|h| (format!("{h:02}"), self.hourly.get(&h).copied().unwrap_or_default()))
            .collect()
    }

    /// Cash the drawer should hold: the opening float plus cash taken, less cash given back.
    pub fn expected_cash(&self) -> Money {
        self.opening_float + self.tendered("cash")
    }
}

/// The counted cash against the expected: over (more in the drawer), short, or exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CashCount {
    Exact,
    Over(Money),
    Short(Money),
}

impl CashCount {
    pub fn of(counted: Money, expected: Money) -> CashCount {
        let diff = counted - expected;
        match diff.cents() {
            0 => CashCount::Exact,
            c if c > 0 => CashCount::Over(diff),
            _ => CashCount::Short(-diff),
        }
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
            register: self.register.charged_on(&self.terminal),
            terminal: Money::from_cents(terminal),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn hours_without_sales_are_zero_bars_between_the_first_and_the_last() {
        let mut t = RegisterTotals::default();
        assert!(t.hourly_bars().is_empty());
        t.hourly.insert(9, Money::from_cents(1_250));
        t.hourly.insert(12, Money::from_cents(-300));
        let bars = t.hourly_bars();
        let labels: Vec<&str> = bars.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(labels, ["09", "10", "11", "12"]);
        assert_eq!((bars[1].1, bars[3].1), (Money::ZERO, Money::from_cents(-300)));
    }

    #[test]
    fn the_drawer_is_over_or_short_against_the_float_plus_cash() {
        let mut t = RegisterTotals { opening_float: Money::from_cents(5_000), ..Default::default() };
        // A cash refund with no cash sale yet: the drawer still holds the float less the refund.
        t.tenders.insert("cash".into(), Money::from_cents(-1_200));
        assert_eq!(t.expected_cash(), Money::from_cents(3_800));
        assert_eq!(CashCount::of(Money::from_cents(3_800), t.expected_cash()), CashCount::Exact);
        assert_eq!(
            CashCount::of(Money::from_cents(4_000), t.expected_cash()),
            CashCount::Over(Money::from_cents(200))
        );
        assert_eq!(
            CashCount::of(Money::from_cents(3_000), t.expected_cash()),
            CashCount::Short(Money::from_cents(800))
        );
    }
}
