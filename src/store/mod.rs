//! SQLite storage: opening with the right pragmas, migrations by `user_version`, and one
//! file per table family. Only `register` calls this module.

mod attempts;
mod audit;
mod batches;
pub(crate) mod bulk;
pub(crate) mod cached;
mod catalog;
mod catalog_admin;
mod catalog_import;
mod catalog_search;
mod check;
mod deferred;
mod demo;
mod error;
mod orders;
mod parked;
mod pending;
mod period;
mod pins;
mod progress;
mod receipts;
mod refund_lines;
mod restore;
mod rows;
mod seals;
mod signatures;
mod terminals;
pub mod trace;
mod users;
mod utc;

pub use deferred::{NewDeferred, UnmatchedDeferred};
pub use demo::demo_products;
pub use error::{Result, StoreError};

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

use crate::config::BACKUP_DIR;

pub use crate::domain::{BatchClosure, RegisterTotals};
pub use attempts::UnmatchedResult;
pub use audit::{AuditEntry, ChainReport};
pub use batches::{BatchCloseRequest, BatchCloseState};
pub use check::whole::WholeCheck;
pub use orders::OrderRecord;
pub use parked::{ParkReason, ParkedRow, ReturnedOrder};
pub use pending::Booking;
#[cfg(test)]
pub(crate) use pending::test_hook as pending_test_hook;
pub use pins::{PinSubject, PinTry, PinVerdict, pin_delay};
pub use progress::{CheckPhase, CheckProgress, Progress};
pub use refund_lines::{LineBack, PendingRefund, balances as refund_balances};
pub use restore::{Exclusive, copy_checked};
pub use seals::Seals;
pub use terminals::StoredTerminal;
pub use users::Shift;
pub use utc::set_clock;

/// Each migration brings the schema from version `i` to `i + 1`.
/// Schema 2 also rewrites stored times in Rust (`utc::to_utc`); schema 8 indexes the card
/// bookings in Rust (`pending::index_bookings`); schema 10 fills the product search words in Rust
/// (`catalog_search::index_all`).
const MIGRATIONS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("schema_2.sql"),
    include_str!("schema_3.sql"),
    include_str!("schema_4.sql"),
    include_str!("schema_5.sql"),
    include_str!("schema_6.sql"),
    include_str!("schema_7.sql"),
    include_str!("schema_8.sql"),
    include_str!("schema_9.sql"),
    include_str!("schema_10.sql"),
];

/// The schema that brought the shop's own catalogue (departments, barcodes, versions, words).
const CATALOG_SCHEMA: i64 = 10;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// A database from an older version, migrated on open after a backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    pub from: i64,
    pub to: i64,
    /// The copy taken before the first migration step.
    pub backup: PathBuf,
}

/// A free file name in `dir` for a backup: `tameio-2026-12-01T1512-LABEL.db` (local time),
/// with `-2`, `-3`… when that minute is taken already.
pub fn backup_path(dir: &Path, label: &str) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y-%m-%dT%H%M");
    let first = dir.join(format!("tameio-{stamp}-{label}.db"));
    let mut candidate = first.clone();
    let mut n = 2;
    while candidate.exists() {
        candidate = dir.join(format!("tameio-{stamp}-{label}-{n}.db"));
        n += 1;
    }
    candidate
}

/// The register's database. One connection behind a mutex: SQLite serialises writers anyway,
/// and callers on async threads go through `spawn_blocking`.
pub struct Store {
    conn: Mutex<Connection>,
    /// The schema version found on open (0: created now).
    found_version: i64,
    upgrade: Option<Upgrade>,
}

impl Store {
    /// Opens (creating or migrating) the database; an older one is first copied into
    /// `backups/` beside it.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)?;
        let backups = path.parent().map(|d| d.join(BACKUP_DIR));
        Self::init(conn, backups.as_deref())
    }

    /// Opens a copy being checked (a file to restore): migrated if older, with no backup of
    /// its own, since the file it was copied from stays as it is.
    pub fn open_copy(path: &Path) -> Result<Store> {
        Self::init(Connection::open(path)?, None)
    }

    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, None)
    }

    /// The upgrade done on open, if the database was from an older version.
    pub fn upgrade(&self) -> Option<&Upgrade> {
        self.upgrade.as_ref()
    }

    /// True when this open created the database.
    pub fn created_now(&self) -> bool {
        self.found_version == 0
    }

    fn init(mut conn: Connection, backups: Option<&Path>) -> Result<Store> {
        trace::attach(&mut conn)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(cached::CACHE_CAPACITY);
        // A newer database is refused before any pragma below writes to its header.
        let found_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if found_version > known {
            return Err(StoreError::TooNew { found: found_version, known });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a committed payment attempt survives a power cut.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Deleted and overwritten content is zeroed, so a redaction leaves no old bytes behind.
        conn.pragma_update(None, "secure_delete", true)?;
        // Every read-then-write (tender, audit chain, receipt number) takes the write lock up
        // front: a deferred transaction fails at once with "database is locked" when another
        // process wrote in between, instead of waiting out the busy timeout.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let upgrade = migrate(&mut conn, backups)?;
        Ok(Store { conn: Mutex::new(conn), found_version, upgrade })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (transactions roll back).
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `PRAGMA integrity_check`; "ok" or SQLite's list of problems.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        self.sqlite_check("integrity_check")
    }

    /// `PRAGMA quick_check`: the pages and rows of every table, without matching each index
    /// against its table (one pass over the file instead of one per index).
    pub fn quick_check(&self) -> Result<Vec<String>> {
        self.sqlite_check("quick_check")
    }

    fn sqlite_check(&self, pragma: &str) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// An online copy of the database (consistent even while the register works).
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        let conn = self.conn();
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
        Ok(())
    }

    /// An online copy of the database file at `database`, through a read-only connection of
    /// its own: the register's connection stays free (a copy of years of history takes a
    /// minute), and WAL lets the register write meanwhile; the copy is the database as it
    /// was when the copy began.
    pub fn snapshot(database: &Path, target: &Path) -> Result<()> {
        let conn = Connection::open_with_flags(database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
        Ok(())
    }

    /// Leaves WAL mode (the last step before the file is moved: everything in one file).
    pub fn into_single_file(self) -> Result<()> {
        let conn = self.conn.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::Conflict(format!("journal mode stays {mode}")));
        }
        conn.close().map_err(|(_, e)| StoreError::from(e))
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn().query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// Brings the schema to the current version in one transaction. A database that holds data
/// (version 1 or more) is first copied into `backups` (`…-v1-to-v5.db`): the copy is the
/// way back should the new version misbehave. A newer database is refused untouched.
fn migrate(conn: &mut Connection, backups: Option<&Path>) -> Result<Option<Upgrade>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::TooNew { found: version, known });
    }
    if version == known {
        return Ok(None);
    }
    let mut upgrade = None;
    if let (true, Some(dir)) = (version > 0, backups) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Conflict(format!("{}: {e}", dir.display())))?;
        let target = backup_path(dir, &format!("v{version}-to-v{known}"));
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
        tracing::info!(from = version, to = known, backup = %target.display(), "database backed up before its upgrade");
        upgrade = Some(Upgrade { from: version, to: known, backup: target });
    }
    let tx = conn.transaction()?;
    // Another process may have upgraded it while this one waited for the write lock.
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        if i as i64 + 1 == utc::SCHEMA {
            utc::to_utc(&tx, &chrono::Local)?;
        }
        if i as i64 + 1 == pending::SCHEMA {
            pending::index_bookings(&tx)?;
        }
        if i as i64 + 1 == CATALOG_SCHEMA {
            catalog_search::index_all(&tx)?;
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    if version > 0 {
        tracing::info!(from = version, to = known, "database upgraded");
    }
    Ok(upgrade)
}

/// The time as stored everywhere: UTC, `YYYY-MM-DDThh:mm:ssZ`; shown through `domain::time`.
pub fn now() -> String {
    crate::domain::time::stamp(utc::now_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let Ok(dir) = dir else { return };
        let path = dir.path().join("t.db");
        {
            let conn = Connection::open(&path).map_err(|e| e.to_string());
            let Ok(conn) = conn else { return };
            let _ = conn.pragma_update(None, "user_version", 99);
        }
        let err = Store::open(&path).err();
        assert!(
            matches!(err, Some(StoreError::TooNew { found: 99, known }) if known == MIGRATIONS.len() as i64),
            "{err:?}"
        );
        let conn = Connection::open(&path).ok();
        let version: Option<i64> =
            conn.and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)).ok());
        assert_eq!(version, Some(99));
    }

    #[test]
    fn fresh_database_is_migrated() {
        let store = Store::open_in_memory().ok();
        assert_eq!(store.and_then(|s| s.schema_version().ok()), Some(MIGRATIONS.len() as i64));
    }
}
