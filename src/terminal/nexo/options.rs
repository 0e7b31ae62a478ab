//! nexo settings kept in `TerminalConfig::options` (`--option poiid=ID` and friends); every
//! key is optional. Timeouts follow the notes §6 (Swedbank gives no payment timeout).

use serde::{Deserialize, Serialize};

/// The port every Swedbank example uses; taken when the address has none.
pub const DEFAULT_PORT: u16 = 11000;
/// The path the terminal serves.
pub const PATH: &str = "/EPASSaleToPOI/3.1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NexoOptions {
    /// The POIID the register chose and Swedbank's TMS knows; it selects the terminal's
    /// configuration (a new one makes the terminal download parameters: Busy for a while).
    #[serde(deserialize_with = "text")]
    pub poiid: String,
    /// The SaleID, constant for the login session; empty = the register's id.
    #[serde(deserialize_with = "text")]
    pub sale_id: String,
    /// ISO 4217 letters (`EUR`, `SEK`, `NOK`, `DKK`).
    #[serde(deserialize_with = "text")]
    pub currency: String,
    /// `light` (client only) or `full` (the terminal posts to a listener on the register).
    #[serde(deserialize_with = "text")]
    pub mode: String,
    /// Full integration: where the register listens for the terminal's own requests.
    pub listen: String,
    /// Signatures are accepted without asking the cashier (the full integration's InputRequest
    /// answered yes; light integration's `SignatureBlock` not checked). Off: the cashier is
    /// asked on screen; the command line, which cannot ask, refuses unless
    /// `--confirm-signature yes`.
    pub confirm_signature: bool,
    /// How long the terminal's signature question waits for the cashier before it is answered
    /// "no" (the terminal then refuses the payment: nothing is charged).
    pub signature_wait_secs: u64,
    /// The terminal's display language (`OperatorLanguage`).
    #[serde(deserialize_with = "text")]
    pub language: String,
    pub connect_timeout_ms: u64,
    /// Login, Logout, TransactionStatus, Reversal, Abort.
    pub request_timeout_ms: u64,
    /// The Payment POST stays open for the whole card dialog: no short timeout.
    pub payment_timeout_ms: u64,
    /// First wait after a Busy answer; doubled each time up to `busy_backoff_max_ms`.
    pub busy_backoff_ms: u64,
    pub busy_backoff_max_ms: u64,
    /// Tries of a request refused as Busy before it was started (Login, Payment, Reversal).
    pub busy_tries: u32,
    /// Tries of TransactionStatus while the terminal answers Busy (the payment runs on).
    pub status_tries: u32,
}

impl Default for NexoOptions {
    fn default() -> Self {
        NexoOptions {
            poiid: String::new(),
            sale_id: String::new(),
            currency: "EUR".into(),
            mode: "light".into(),
            listen: "0.0.0.0:11000".into(),
            confirm_signature: false,
            signature_wait_secs: 120,
            language: "en".into(),
            connect_timeout_ms: 5_000,
            request_timeout_ms: 30_000,
            payment_timeout_ms: 300_000,
            busy_backoff_ms: 1_000,
            busy_backoff_max_ms: 5_000,
            busy_tries: 4,
            status_tries: 20,
        }
    }
}

/// A text option given on the command line may arrive as a number (`--option poiid=1234`).
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Ok(s),
        serde_json::Value::Null => Ok(String::new()),
        other => Ok(other.to_string()),
    }
}

impl NexoOptions {
    pub fn full(&self) -> bool {
        self.mode.trim().eq_ignore_ascii_case("full")
    }

    /// The wait before the `try_no`-th repeat (from 1) after a Busy answer.
    pub fn backoff_ms(&self, try_no: u32) -> u64 {
        let doubled = self.busy_backoff_ms.saturating_mul(1u64 << try_no.saturating_sub(1).min(16));
        doubled.min(self.busy_backoff_max_ms.max(self.busy_backoff_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let o = NexoOptions { busy_backoff_ms: 100, busy_backoff_max_ms: 350, ..NexoOptions::default() };
        assert_eq!(
            [o.backoff_ms(1), o.backoff_ms(2), o.backoff_ms(3), o.backoff_ms(40)],
            [100, 200, 350, 350]
        );
    }

    #[test]
    fn unknown_and_missing_keys_take_defaults() {
        let o: NexoOptions =
            serde_json::from_value(serde_json::json!({"poiid": 1234, "mode": "Full"})).unwrap_or_default();
        assert_eq!(o.poiid, "1234");
        assert!(o.full());
        assert_eq!(o.currency, "EUR");
    }
}
