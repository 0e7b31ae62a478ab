//! Tenders: how an order is paid. Cash with change due, card (an approved attempt), and any
//! mix of them on one order.

use serde::{Deserialize, Serialize};

use super::money::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TenderKind {
    Cash,
    Card,
}

impl TenderKind {
    pub fn code(self) -> &'static str {
        match self {
            TenderKind::Cash => "cash",
            TenderKind::Card => "card",
        }
    }

    pub fn from_code(code: &str) -> Option<TenderKind> {
        match code {
            "cash" => Some(TenderKind::Cash),
            "card" => Some(TenderKind::Card),
            _ => None,
        }
    }
}

/// What the terminal said about an approved card payment, as printed on the receipt.
/// The PAN is masked by the terminal; nothing more of the card ever reaches tameio.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardDetails {
    pub attempt_id: String,
    pub terminal: String,
    pub terminal_id: String,
    pub auth_code: String,
    pub masked_pan: String,
    pub stan: String,
    pub rrn: String,
    pub card_brand: String,
    /// Greece: the 21-digit transactionId myDATA's payment details need.
    pub transaction_id: String,
    /// The terminal's own receipt, when the protocol returns one.
    pub terminal_receipt: String,
    /// Fault mode: recorded by hand by a manager while the terminal worked stand-alone.
    #[serde(default)]
    pub manual: bool,
    /// The tip the terminal charged on top of the tender's amount (not part of the order).
    #[serde(default)]
    pub tip: Money,
    /// The manager who decided this payment's outcome by hand (from the terminal's slip),
    /// when the terminal could not say; empty when the terminal did.
    #[serde(default)]
    pub resolved_by: String,
    /// Greece: myDATA `paymentMethodDetails` (TID, transactionId, provider signature or ECR
    /// token) as the register composed it; absent elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mydata: Option<serde_json::Value>,
}

/// The name of the simulated terminal used when none is configured.
pub const DEMO_TERMINAL: &str = "demo";

impl CardDetails {
    /// Paid on the demo terminal: no real card was charged.
    pub fn is_demo(&self) -> bool {
        self.terminal == DEMO_TERMINAL
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tender {
    pub kind: TenderKind,
    /// What this tender pays of the order (never more than was due).
    pub amount: Money,
    /// Cash handed over (≥ amount); zero for cards.
    pub given: Money,
    pub change: Money,
    pub card: Option<CardDetails>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TenderError {
    #[error("the amount must be above zero")]
    NonPositive,
    #[error("cash given {given} is less than the {due} due")]
    NotEnoughCash { given: Money, due: Money },
    #[error("nothing is due")]
    NothingDue,
    #[error("a card pays at most what is due ({due})")]
    CardOverpays { due: Money },
}

impl Tender {
    /// Cash that settles the rest of the order: `given` must cover `due`; the rest is change.
    pub fn cash_settling(due: Money, given: Money) -> Result<Tender, TenderError> {
        if due.cents() <= 0 {
            return Err(TenderError::NothingDue);
        }
        if given.cents() <= 0 {
            return Err(TenderError::NonPositive);
        }
        if given < due {
            return Err(TenderError::NotEnoughCash { given, due });
        }
        Ok(Tender { kind: TenderKind::Cash, amount: due, given, change: given - due, card: None })
    }

    /// Part of the order in cash (`amount`), `given` handed over for it: the change is
    /// `given − amount` (split payments ask what was given for the cash part).
    pub fn cash_part_given(due: Money, amount: Money, given: Money) -> Result<Tender, TenderError> {
        if given < amount {
            return Err(TenderError::NotEnoughCash { given, due: amount });
        }
        if amount >= due {
            return Tender::cash_settling(due, given);
        }
        let mut tender = Tender::cash_part(due, amount)?;
        tender.given = given;
        tender.change = given - amount;
        Ok(tender)
    }

    /// Part of the order in cash, no change (mixed payments).
    pub fn cash_part(due: Money, amount: Money) -> Result<Tender, TenderError> {
        if amount.cents() <= 0 {
            return Err(TenderError::NonPositive);
        }
        if amount >= due {
            return Tender::cash_settling(due, amount);
        }
        Ok(Tender { kind: TenderKind::Cash, amount, given: amount, change: Money::ZERO, card: None })
    }

    pub fn card(due: Money, amount: Money, card: CardDetails) -> Result<Tender, TenderError> {
        if amount.cents() <= 0 {
            return Err(TenderError::NonPositive);
        }
        if amount > due {
            return Err(TenderError::CardOverpays { due });
        }
        Ok(Tender { kind: TenderKind::Card, amount, given: amount, change: Money::ZERO, card: Some(card) })
    }
}

impl Tender {
    /// The tip charged with this tender (cards only; zero otherwise).
    pub fn tip(&self) -> Money {
        self.card.as_ref().map(|c| c.tip).unwrap_or_default()
    }

    /// What the customer was charged with this tender: its amount plus any tip.
    pub fn charged(&self) -> Money {
        self.amount + self.tip()
    }
}

/// What is still due on an order after these tenders.
pub fn remaining(total: Money, tenders: &[Tender]) -> Money {
    total - tenders.iter().map(|t| t.amount).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(c: i64) -> Money {
        Money::from_cents(c)
    }

    #[test]
    fn cash_gives_change() {
        let t = Tender::cash_settling(m(2081), m(5000)).ok();
        assert_eq!(t.map(|t| (t.amount, t.change)), Some((m(2081), m(2919))));
        assert_eq!(
            Tender::cash_settling(m(2081), m(2000)),
            Err(TenderError::NotEnoughCash { given: m(2000), due: m(2081) })
        );
    }

    #[test]
    fn mixed_tenders_cover_the_order() {
        let cash = Tender::cash_part(m(2081), m(1000)).ok();
        let tenders: Vec<Tender> = cash.into_iter().collect();
        assert_eq!(remaining(m(2081), &tenders), m(1081));
        assert_eq!(
            Tender::card(m(1081), m(2000), CardDetails::default()),
            Err(TenderError::CardOverpays { due: m(1081) })
        );
    }

    #[test]
    fn a_tip_is_charged_on_top_and_pays_nothing_of_the_order() {
        let card = CardDetails { tip: m(300), terminal: DEMO_TERMINAL.into(), ..CardDetails::default() };
        let tender = Tender::card(m(2000), m(2000), card).ok();
        assert_eq!(
            tender.as_ref().map(|t| (t.amount, t.tip(), t.charged())),
            Some((m(2000), m(300), m(2300)))
        );
        assert_eq!(remaining(m(2000), &tender.iter().cloned().collect::<Vec<_>>()), Money::ZERO);
        assert!(tender.and_then(|t| t.card).is_some_and(|c| c.is_demo()));
        // Stored before tips were booked: no tip.
        let old: Option<CardDetails> = serde_json::from_str(
            r#"{"attempt_id":"","terminal":"t","terminal_id":"","auth_code":"","masked_pan":"","stan":"","rrn":"","card_brand":"","transaction_id":"","terminal_receipt":""}"#,
        )
        .ok();
        assert_eq!(old.map(|c| c.tip), Some(Money::ZERO));
    }
}
