//! ECR17 settings kept in `TerminalConfig::options`: LRC rule, timeouts, receipt handling.
//! Defaults follow the notes §7 (Nexi publishes no numbers); every key is optional.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::frame::{LrcRule, TOLERANT};

/// The SmartPOS PosConnector port; used when the address has none.
pub const DEFAULT_PORT: u16 = 8081;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ecr17Options {
    /// LRC rule for frames we send; receipt always also accepts STX..ETX and message+ETX.
    pub lrc: LrcRule,
    pub connect_timeout_ms: u64,
    /// Wait for the peer's ACK after each frame.
    pub ack_timeout_ms: u64,
    pub retransmit_delay_ms: u64,
    /// Link-level repeats after a NAK (or an ACK timeout where allowed); 3 per the spec.
    pub max_retransmissions: u8,
    /// Also repeat a financial request whose ACK never came. Off: an unACKed request may
    /// still have been taken, so we wait for its result instead of risking a double charge.
    pub retransmit_financial_on_ack_timeout: bool,
    /// Result wait for payments, pre-auths, reversals and verifications.
    pub payment_timeout_ms: u64,
    pub status_timeout_ms: u64,
    /// Result wait for `G`, `T` and `R`.
    pub query_timeout_ms: u64,
    /// Result wait for the close session `C`.
    pub close_timeout_ms: u64,
    /// After the result, how long to wait for the rest of the receipt.
    pub receipt_idle_ms: u64,
    /// Send `E1` first so the card slip comes to the register (falls back if NAKed).
    pub receipt_on_ecr: bool,
    /// Use `X` instead of `P` for sales: its result carries the amount, which makes
    /// recovery by `G` match on amount too.
    pub extended_payment: bool,
    /// 0 automatic, 1 debit only, 2 credit only, 3 other.
    pub payment_type: u8,
    /// How far (seconds) host and register clocks may disagree when matching a `G` result.
    pub recover_window_secs: u32,
}

impl Default for Ecr17Options {
    fn default() -> Self {
        Ecr17Options {
            lrc: LrcRule::StxEtx,
            connect_timeout_ms: 5_000,
            ack_timeout_ms: 2_000,
            retransmit_delay_ms: 200,
            max_retransmissions: 3,
            retransmit_financial_on_ack_timeout: false,
            payment_timeout_ms: 120_000,
            status_timeout_ms: 10_000,
            query_timeout_ms: 30_000,
            close_timeout_ms: 60_000,
            receipt_idle_ms: 3_000,
            receipt_on_ecr: true,
            extended_payment: false,
            payment_type: 0,
            recover_window_secs: 300,
        }
    }
}

impl Ecr17Options {
    /// The rules accepted on receipt: the tolerant pair plus whatever we send with.
    pub fn accepted_lrc(&self) -> Vec<LrcRule> {
        let mut rules = vec![self.lrc];
        rules.extend(TOLERANT.iter().filter(|r| **r != self.lrc));
        rules
    }

    pub fn ms(value: u64) -> Duration {
        Duration::from_millis(value)
    }
}
