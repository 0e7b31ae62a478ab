//! myDATA `paymentMethodDetails` for a card payment (type 7): TID, transactionId and either
//! the provider's signature or the ECR token.

use serde::{Deserialize, Serialize};

use super::EcrToken;

/// Which proof ties the payment to the fiscal document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Proof {
    /// Provider path (ΥΠΑΗΕΣ): the approval-decision number and the base64 signature.
    ProvidersSignature { signing_author: String, signature: String },
    /// Fiscal-device path (ΦΗΜ): ECR id and session number.
    EcrToken(EcrToken),
}

/// What the register reports to myDATA for one card payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentEvidence {
    /// myDATA payment type: 7 = POS / e-POS.
    pub method_type: u8,
    pub amount_cents: i64,
    pub tip_cents: i64,
    pub tid: String,
    /// Empty when it could not be composed (see `transaction_id`).
    pub transaction_id: String,
    pub proof: Option<Proof>,
}

impl PaymentEvidence {
    pub fn pos(amount_cents: i64, tid: &str, transaction_id: &str, proof: Option<Proof>) -> Self {
        PaymentEvidence {
            method_type: 7,
            amount_cents,
            tip_cents: 0,
            tid: tid.to_string(),
            transaction_id: transaction_id.to_string(),
            proof,
        }
    }
}
