//! Bulk loading, for the data generator (`examples/grow`) only: years of history written
//! through the store's own functions in minutes. The register never calls this.
//!
//! Every store function opens its write transaction through [`begin`]: on its own that is a
//! `BEGIN IMMEDIATE`; inside the generator's open batch it is a savepoint, so thousands of
//! sales share one commit (a sale's own failure still rolls back only that sale).

use std::ops::Deref;

use rusqlite::{Connection, Savepoint, Transaction};

use super::{Result, Store};

/// A store function's write transaction: its own, or a savepoint in a bulk batch.
pub(crate) enum Tx<'c> {
    Own(Transaction<'c>),
    InBatch(Savepoint<'c>),
}

/// Starts a store function's transaction. Outside bulk mode the connection is always in
/// autocommit between calls (each function commits or drops, i.e. rolls back, its own), so
/// an open transaction here can only be the generator's batch.
pub(crate) fn begin(conn: &mut Connection) -> rusqlite::Result<Tx<'_>> {
    if conn.is_autocommit() { conn.transaction().map(Tx::Own) } else { conn.savepoint().map(Tx::InBatch) }
}

impl Tx<'_> {
    pub(crate) fn commit(self) -> rusqlite::Result<()> {
        match self {
            Tx::Own(tx) => tx.commit(),
            Tx::InBatch(sp) => sp.commit(),
        }
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        match self {
            Tx::Own(tx) => tx,
            Tx::InBatch(sp) => sp,
        }
    }
}

impl Store {
    /// Bulk mode: commits stop waiting for the disk (`synchronous=OFF`: a power cut may lose
    /// the last of them, acceptable only for generated data), a larger page cache, and one
    /// open batch that [`Store::bulk_commit`] commits. The schema's own indexes (schema 8)
    /// keep the generator's per-sale reads fast.
    pub fn begin_bulk(&self) -> Result<()> {
        let conn = self.conn();
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "cache_size", -262_144)?;
        conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
        // Each sale's savepoint journals the pages it changes: in memory, not a temp file.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(())
    }

    /// Commits the batch so far and opens the next.
    pub fn bulk_commit(&self) -> Result<()> {
        self.conn().execute_batch("COMMIT; BEGIN IMMEDIATE")?;
        Ok(())
    }

    /// Commits the batch, then back to the register's settings: `synchronous=FULL`, the WAL
    /// checkpointed into the database file and emptied.
    pub fn end_bulk(&self) -> Result<()> {
        let conn = self.conn();
        if !conn.is_autocommit() {
            conn.execute_batch("COMMIT")?;
        }
        conn.pragma_update(None, "wal_autocheckpoint", 1000)?;
        conn.pragma_update(None, "cache_size", -2000)?;
        conn.pragma_update(None, "temp_store", "DEFAULT")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
