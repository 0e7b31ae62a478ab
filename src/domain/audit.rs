//! The verdict on the audit chain (`db check`): whole, or broken at its first bad entry, and how
//! far a check is (its phase and rows). The store answers with them; the register and `db
//! check` show them.

use serde::Serialize;

/// What `db check` found in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ChainReport {
    Intact {
        entries: i64,
    },
    /// The first entry whose stored hash or link does not match.
    Broken {
        entry: i64,
        reason: String,
    },
}

/// The parts of `db check`, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckPhase {
    /// SQLite's own check of the file (no row count: told at its start and end).
    Integrity,
    AuditChain,
    /// Each receipt's seal: body hash, audit entry, number.
    Receipts,
    /// Every row a strict read would refuse.
    Rows,
}

/// Where a check is: `done` of `total` rows in `phase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckProgress {
    pub phase: CheckPhase,
    pub done: u64,
    pub total: u64,
}
