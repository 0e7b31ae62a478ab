//! Bulk loading, for the data generator (`examples/grow`) only: years of history written
//! through the store's own functions in minutes. The register never calls this.

use super::{Result, Store};

impl Store {
    /// Bulk mode: commits stop waiting for the disk (`synchronous=OFF`: a power cut may lose
    /// the last of them, acceptable only for generated data) and a larger page cache. The
    /// schema's own indexes (schema 8) keep the generator's per-sale reads fast.
    pub fn begin_bulk(&self) -> Result<()> {
        let conn = self.conn();
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "cache_size", -262_144)?;
        conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
        Ok(())
    }

    /// Back to the register's settings: `synchronous=FULL`, the WAL
    /// checkpointed into the database file and emptied.
    pub fn end_bulk(&self) -> Result<()> {
        let conn = self.conn();
        conn.pragma_update(None, "wal_autocheckpoint", 1000)?;
        conn.pragma_update(None, "cache_size", -2000)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
