//! The shop's myDATA setting: how a card payment is tied to its fiscal document (none, an
//! e-invoicing provider's signature, or a fiscal device's ECR token). Keys live elsewhere.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{FieldOrder, FiscalError};

/// Which proof the terminal (or its backend) needs with a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FiscalMode {
    /// No validation data is sent (the merchant is not set up for validation).
    #[default]
    None,
    /// ΥΠΑΗΕΣ: a provider signature over the document data (WebECR `ProviderData`).
    Provider,
    /// ΦΗΜ/ΦΗΜΑΣ: the fiscal device's MACed AMOUNT command (WebECR `EcrTokenData`, socket `/Q`).
    FiscalDevice,
}

impl FiscalMode {
    pub const ALL: [FiscalMode; 3] = [FiscalMode::None, FiscalMode::Provider, FiscalMode::FiscalDevice];

    pub fn code(self) -> &'static str {
        match self {
            FiscalMode::None => "none",
            FiscalMode::Provider => "provider",
            FiscalMode::FiscalDevice => "fiscal-device",
        }
    }

    pub fn from_code(code: &str) -> Option<FiscalMode> {
        FiscalMode::ALL.into_iter().find(|m| m.code().eq_ignore_ascii_case(code.trim()))
    }
}

/// `[fiscal]` in `tameio.toml`. Every key is optional; the default sends nothing.
///
/// ```toml
/// [fiscal]
/// mode = "provider"          # none | provider | fiscal-device
/// provider_id = "999"        # the provider's AADE id (WebECR ProviderId, myDATA SigningAuthor)
/// field_order = "nexi-guide" # or "public": where Amount goes in the signed string
/// ecr_id = "ABC00111222"     # the fiscal device's registry number (fiscal-device mode)
/// ```
/// The provider's private key (`provider_key`, PEM) and the master key (`master_key`, 32 hex
/// digits) go to `[fiscal]` in the secrets file, never here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FiscalSettings {
    pub mode: FiscalMode,
    pub provider_id: String,
    pub field_order: FieldOrder,
    pub ecr_id: String,
}

impl FiscalSettings {
    /// What a payment in this mode cannot go without.
    pub fn check(&self) -> Result<(), FiscalError> {
        match self.mode {
            FiscalMode::None => Ok(()),
            FiscalMode::Provider => {
                let id = self.provider_id.trim();
                if id.is_empty() || id.len() > 20 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(FiscalError::Invalid(format!("provider id {id:?}: 1..20 letters or digits")));
                }
                Ok(())
            }
            FiscalMode::FiscalDevice => super::EcrToken::new(&self.ecr_id, "000000").map(|_| ()),
        }
    }
}

/// The 6-digit session number (AMOUNT `S`, myDATA `SessionNumber`) of an attempt: taken from
/// its uuid's random bits, so the register can say it again when it books the tender.
pub fn session_number(attempt: Uuid) -> String {
    let (_, _, _, tail) = attempt.as_fields();
    let n = tail.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    format!("{:06}", n % 1_000_000)
}

/// When an attempt was made, from its uuid v7 (`None` for any other uuid).
pub fn attempt_time(attempt: Uuid) -> Option<chrono::DateTime<chrono::Utc>> {
    let (secs, nanos) = attempt.get_timestamp()?.to_unix();
    chrono::DateTime::from_timestamp(i64::try_from(secs).ok()?, nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_by_code_and_checks() {
        assert_eq!(FiscalMode::from_code("Fiscal-Device"), Some(FiscalMode::FiscalDevice));
        assert_eq!(FiscalMode::from_code("ecr"), None);
        let mut s = FiscalSettings::default();
        assert!(s.check().is_ok());
        s.mode = FiscalMode::Provider;
        assert!(s.check().is_err(), "a provider id is needed");
        s.provider_id = "999".into();
        assert!(s.check().is_ok());
        s.mode = FiscalMode::FiscalDevice;
        assert!(s.check().is_err(), "an ECR id is needed");
        s.ecr_id = "ABC00111222".into();
        assert!(s.check().is_ok());
    }

    #[test]
    fn session_and_time_come_back_from_the_attempt_id() {
        let id = Uuid::parse_str("019ad5f0-1a2b-7c3d-8e4f-0123456789ab").unwrap_or_default();
        assert_eq!(session_number(id), session_number(id));
        assert_eq!(session_number(id).len(), 6);
        // 0x019ad5f01a2b ms since the epoch.
        let at = attempt_time(id).map(|t| t.timestamp_millis());
        assert_eq!(at, Some(0x019a_d5f0_1a2b));
        assert_eq!(attempt_time(Uuid::nil()), None);
    }
}
