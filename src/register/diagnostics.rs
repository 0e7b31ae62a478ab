//! What Diagnostics shows of the terminals' traffic: the protocol log, already masked.

use super::Register;
use crate::terminal::wirelog::{self, WireEntry};

impl Register {
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
}
