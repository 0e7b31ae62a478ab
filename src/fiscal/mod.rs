//! Greek myDATA payment evidence: the provider-signature input and its ECDSA signing, the
//! ECR-token pieces (3DES session key, KCV), the transactionId and Greek local time.

mod athens;
mod ecr_token;
mod evidence;
mod provider;
mod settings;
mod signer;
mod transaction_id;

pub use athens::{athens_offset_hours, athens_time, signature_timestamp};
pub use ecr_token::{EcrToken, NewSessionKey, decrypt_session_key, encrypt_session_key, kcv, parse_key};
pub use evidence::{PaymentEvidence, Proof};
pub use provider::{FieldOrder, ProviderInput};
pub use settings::{FiscalMode, FiscalSettings, attempt_time, session_number};
pub use signer::{P256Signer, ProviderSigner, verify_base64};
pub use transaction_id::transaction_id;

/// Why building or signing myDATA evidence failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FiscalError {
    #[error("invalid key: {0}")]
    Key(String),
    #[error("signing failed: {0}")]
    Signing(String),
    #[error("invalid signature: {0}")]
    Signature(String),
    #[error("cannot build the transactionId: {0}")]
    TransactionId(String),
    #[error("invalid value: {0}")]
    Invalid(String),
}
