//! Bulk loading, for the data generator (`examples/grow`) only: years of history written
//! through the store's own functions in minutes. The register never calls this.

use super::{Result, Store};

/// Indexes the generator's writes lean on while the history grows (its own per-sale reads
/// look these up); dropped again by [`Store::end_bulk`], so the file it leaves has exactly
/// the schema the register makes, and the benches read it as a shop's would be.
const HELPERS: &[(&str, &str)] = &[
    ("bulk_tenders_order", "tenders(order_id)"),
    ("bulk_tenders_attempt", "tenders(attempt_id)"),
    ("bulk_attempts_order", "attempts(order_id)"),
    ("bulk_receipts_order", "receipts(register_id, order_id)"),
    ("bulk_shifts_open", "shifts(register_id, user_id) WHERE closed_at IS NULL"),
];

impl Store {
    /// Bulk mode: commits stop waiting for the disk (`synchronous=OFF`: a power cut may lose
    /// the last of them, acceptable only for generated data), a larger page cache, and the
    /// helper indexes above.
    pub fn begin_bulk(&self) -> Result<()> {
        let conn = self.conn();
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "cache_size", -262_144)?;
        conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
        for (name, on) in HELPERS {
            conn.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {name} ON {on}"))?;
        }
        Ok(())
    }

    /// Back to the register's settings: helper indexes dropped, `synchronous=FULL`, the WAL
    /// checkpointed into the database file and emptied.
    pub fn end_bulk(&self) -> Result<()> {
        let conn = self.conn();
        for (name, _) in HELPERS {
            conn.execute_batch(&format!("DROP INDEX IF EXISTS {name}"))?;
        }
        conn.pragma_update(None, "wal_autocheckpoint", 1000)?;
        conn.pragma_update(None, "cache_size", -2000)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
