//! VAT rates in basis points and the one rounding rule that keeps every sum in agreement.
//!
//! Rule (documented in README): prices are VAT-inclusive. Each line's gross is rounded to the
//! cent once; the VAT of a rate is computed once, on the sum of that rate's line grosses,
//! as `round_half_away(gross × rate / (10000 + rate))`, and net = gross − VAT. So line sums,
//! per-rate summaries and the order total always agree, to the cent, by construction.

use serde::{Deserialize, Serialize};

use super::money::Money;

/// A VAT rate in basis points: 2400 is 24 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct VatRate(pub u32);

impl VatRate {
    pub const fn bp(self) -> u32 {
        self.0
    }

    /// `24`, `5.5`: for people.
    pub fn percent_label(self) -> String {
        if self.0.is_multiple_of(100) {
            format!("{}", self.0 / 100)
        } else {
            let s = format!("{}.{:02}", self.0 / 100, self.0 % 100);
            s.trim_end_matches('0').to_string()
        }
    }

    /// The VAT contained in a VAT-inclusive gross amount.
    pub fn vat_of_gross(self, gross: Money) -> Money {
        gross.mul_div(i64::from(self.0), 10_000 + i64::from(self.0))
    }
}

/// The market whose VAT table and receipt words the shop uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Market {
    #[default]
    Greece,
    Italy,
}

impl Market {
    /// The legal rates, each with the letter printed beside a receipt line.
    /// Greece: 24/13/6 and the reduced island rates 17/9/4 (myDATA categories 1-6).
    pub fn vat_classes(self) -> &'static [VatClass] {
        const GREECE: &[VatClass] = &[
            VatClass { letter: 'A', rate: VatRate(2400) },
            VatClass { letter: 'B', rate: VatRate(1300) },
            VatClass { letter: 'C', rate: VatRate(600) },
            VatClass { letter: 'D', rate: VatRate(1700) },
            VatClass { letter: 'E', rate: VatRate(900) },
            VatClass { letter: 'F', rate: VatRate(400) },
        ];
        const ITALY: &[VatClass] = &[
            VatClass { letter: 'A', rate: VatRate(2200) },
            VatClass { letter: 'B', rate: VatRate(1000) },
            VatClass { letter: 'C', rate: VatRate(500) },
            VatClass { letter: 'D', rate: VatRate(400) },
        ];
        match self {
            Market::Greece => GREECE,
            Market::Italy => ITALY,
        }
    }

    pub fn letter_of(self, rate: VatRate) -> char {
        self.vat_classes().iter().find(|c| c.rate == rate).map_or('?', |c| c.letter)
    }

    pub fn is_legal(self, rate: VatRate) -> bool {
        self.vat_classes().iter().any(|c| c.rate == rate)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatClass {
    pub letter: char,
    pub rate: VatRate,
}

/// One rate's line of the VAT summary: net + vat == gross, always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatSummary {
    pub rate: VatRate,
    pub gross: Money,
    pub vat: Money,
    pub net: Money,
}

impl VatSummary {
    pub fn of_gross(rate: VatRate, gross: Money) -> Self {
        let vat = rate.vat_of_gross(gross);
        VatSummary { rate, gross, vat, net: gross - vat }
    }
}

/// Sums line grosses per rate (ascending by rate, highest first on paper is the printer's choice).
pub fn summarise<I: IntoIterator<Item = (VatRate, Money)>>(lines: I) -> Vec<VatSummary> {
    let mut per_rate: std::collections::BTreeMap<VatRate, Money> = Default::default();
    for (rate, gross) in lines {
        *per_rate.entry(rate).or_default() += gross;
    }
    per_rate.into_iter().rev().map(|(rate, gross)| VatSummary::of_gross(rate, gross)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vat_of_inclusive_prices() {
        assert_eq!(VatRate(2400).vat_of_gross(Money::from_cents(1240)), Money::from_cents(240));
        assert_eq!(VatRate(1300).vat_of_gross(Money::from_cents(1130)), Money::from_cents(130));
        assert_eq!(VatRate(2200).vat_of_gross(Money::from_cents(122)), Money::from_cents(22));
        assert_eq!(VatRate(2400).vat_of_gross(Money::from_cents(-1240)), Money::from_cents(-240));
    }

    #[test]
    fn labels_and_letters() {
        assert_eq!(VatRate(2400).percent_label(), "24");
        assert_eq!(VatRate(550).percent_label(), "5.5");
        assert_eq!(Market::Greece.letter_of(VatRate(600)), 'C');
        assert_eq!(Market::Italy.letter_of(VatRate(2200)), 'A');
        assert!(!Market::Italy.is_legal(VatRate(2400)));
    }

    #[test]
    fn summary_groups_by_rate() {
        let s = summarise([
            (VatRate(2400), Money::from_cents(100)),
            (VatRate(1300), Money::from_cents(50)),
            (VatRate(2400), Money::from_cents(24)),
        ]);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].rate, VatRate(2400));
        assert_eq!(s[0].gross, Money::from_cents(124));
        assert_eq!(s[0].net + s[0].vat, s[0].gross);
    }
}
