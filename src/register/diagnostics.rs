//! What Diagnostics shows of the terminals' traffic (the protocol log, already masked) and
//! what a configured terminal can do, asked without talking to it.

use super::{Register, RegisterError};
use crate::terminal::aade1155::Aade1155Options;
use crate::terminal::session::{self, SessionError};
use crate::terminal::wirelog::{self, WireEntry};
use crate::terminal::{Protocol, TerminalConfig};

impl Register {
    /// The sale receipt an order came to, if it was issued (Diagnostics names it beside a
    /// payment attempt of the order).
    pub fn receipt_number_of_order(&self, order_id: i64) -> Option<i64> {
        self.store.receipt_of_order(&self.register_id(), order_id).ok().flatten().map(|r| r.number)
    }

    /// The newest `limit` frames and messages exchanged with `protocol`'s terminals (all
    /// protocols when `None`), oldest first. Card numbers and secrets are masked.
    pub fn protocol_log(&self, protocol: Option<&str>, limit: usize) -> Vec<WireEntry> {
        let mut entries: Vec<WireEntry> = wirelog::recent(wirelog::CAPACITY)
            .into_iter()
            .filter(|e| protocol.is_none_or(|p| e.protocol == p))
            .collect();
        let skip = entries.len().saturating_sub(limit);
        entries.drain(..skip);
        entries
    }

    /// True while a payment session holds `terminal`: the status bar shows it busy, unasked.
    pub fn terminal_in_flight(&self, terminal: &str) -> bool {
        session::is_in_flight(terminal)
    }
}

impl RegisterError {
    /// The attempt a hand decision was about, when it was no longer open: settled elsewhere
    /// (the command line, another till) before the manager decided.
    pub fn attempt_no_longer_open(&self) -> Option<uuid::Uuid> {
        match self {
            RegisterError::Session(SessionError::NotOpen(id)) => Some(*id),
            _ => None,
        }
    }
}

/// Whether this protocol's driver, so configured, can take a preloaded (deferred) receipt:
/// AADE 1155 from version 10 (`W`), WebECR (`PreloadTransaction`); ECR17, the demo terminal
/// and the others cannot. `tests/payments/preload_capability.rs` holds this to what each driver does.
pub fn protocol_can_preload(config: &TerminalConfig) -> bool {
    match config.protocol {
        Protocol::WebEcr => true,
        Protocol::Aade1155 => {
            let opts = match &config.options {
                serde_json::Value::Null => Ok(Aade1155Options::default()),
                o => serde_json::from_value::<Aade1155Options>(o.clone()),
            };
            opts.is_ok_and(|o| o.is_a1155())
        }
        Protocol::Ecr17 | Protocol::Nexo | Protocol::Bridge | Protocol::Xpay => false,
    }
}

impl Register {
    /// Whether F8 (send as a preloaded receipt) may be offered for `terminal` (no terminal
    /// is asked): offered only where the protocol can, so no attempt is left "cancelled".
    pub fn can_preload(&self, terminal: &str) -> bool {
        if terminal.is_empty() || self.is_demo_terminal(terminal) {
            return false;
        }
        let stored = self.store.terminal(terminal).ok().flatten();
        let config = stored.and_then(|s| serde_json::from_str::<TerminalConfig>(&s.config).ok());
        config.is_some_and(|c| protocol_can_preload(&c))
    }
}
