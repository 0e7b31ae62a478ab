//! The verdict on the audit chain (`db check`): whole, or broken at its first bad entry. The
//! store reads the chain and answers with it; the register and `db check` show it.

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
