//! The provider-signature input: UID, MARK, timestamp, amounts and TID joined with `;`.
//! Nexi's guide order by default; the order of the public samples (FT, Viva) as an option.

use serde::{Deserialize, Serialize};

/// Where `Amount` goes in the signed string (an open question, mydata.md §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldOrder {
    /// Nexi's Greek integration guide ("aligned with Token Crypto document by Mellon"):
    /// `Uid;Mark;SignatureTimestamp;NetAmount;VatAmount;TotalAmount;Amount;TID`.
    #[default]
    NexiGuide,
    /// The public samples (fiskaltrust's Viva data, WebECR's validation list):
    /// `Uid;Mark;SignatureTimestamp;Amount;NetAmount;VatAmount;TotalAmount;TID`.
    Public,
}

/// What the e-invoicing provider signs for one card payment. Amounts in integer cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderInput {
    /// The document UID as the provider produced it.
    pub uid: String,
    /// The myDATA MARK; empty while not yet known (gives `;;`).
    pub mark: String,
    /// `YYYYMMDDhhmmss` in Greek local time (see `signature_timestamp`).
    pub timestamp: String,
    /// The amount to charge on the card.
    pub amount: i64,
    pub net: i64,
    pub vat: i64,
    /// The document total.
    pub total: i64,
    /// The terminal id.
    pub tid: String,
}

impl ProviderInput {
    /// The exact string that is signed.
    pub fn signed_data(&self, order: FieldOrder) -> String {
        let (a, n, v, t) = (self.amount, self.net, self.vat, self.total);
        let amounts = match order {
            FieldOrder::NexiGuide => [n, v, t, a],
            FieldOrder::Public => [a, n, v, t],
        };
        let amounts: Vec<String> = amounts.iter().map(i64::to_string).collect();
        format!("{};{};{};{};{}", self.uid, self.mark, self.timestamp, amounts.join(";"), self.tid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viva_sample() -> ProviderInput {
        ProviderInput {
            uid: "fb35d169-42a3-4064-ad7c-ac92e3c0fe30".into(),
            mark: String::new(),
            timestamp: "20241105125841".into(),
            amount: 10000,
            net: 10000,
            vat: 2400,
            total: 10000,
            tid: "16009303".into(),
        }
    }

    #[test]
    fn public_order_matches_the_published_samples() {
        assert_eq!(
            viva_sample().signed_data(FieldOrder::Public),
            "fb35d169-42a3-4064-ad7c-ac92e3c0fe30;;20241105125841;10000;10000;2400;10000;16009303"
        );
        let ft = ProviderInput {
            uid: "4680AFE5D58088BF8C55F57A5B5DBB15936B51DE".into(),
            mark: String::new(),
            timestamp: "20241015153111".into(),
            amount: 4600,
            net: 9,
            vat: 1,
            total: 10,
            tid: "16007793".into(),
        };
        assert_eq!(
            ft.signed_data(FieldOrder::Public),
            "4680AFE5D58088BF8C55F57A5B5DBB15936B51DE;;20241015153111;4600;9;1;10;16007793"
        );
    }

    #[test]
    fn nexi_order_puts_amount_after_total_and_is_the_default() {
        let mut s = viva_sample();
        s.amount = 5000;
        s.mark = "400001234567890".into();
        assert_eq!(
            s.signed_data(FieldOrder::default()),
            "fb35d169-42a3-4064-ad7c-ac92e3c0fe30;400001234567890;20241105125841;10000;2400;10000;5000;16009303"
        );
        let order: FieldOrder = serde_json::from_str("\"public\"").unwrap();
        assert_eq!(order, FieldOrder::Public);
    }
}
