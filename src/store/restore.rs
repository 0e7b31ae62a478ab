//! Restoring a backup, the SQL half: reading a file that claims to be a tameio database
//! without writing to it, and taking the current database away from every other process.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{MIGRATIONS, Result, StoreError, backup_path};

/// Tables every tameio database has had since schema 1.
const TABLES: &[&str] = &["orders", "receipts", "attempts", "audit_log"];

/// Copies `file` to `target` (a consistent copy, `VACUUM INTO`) after checking, read-only,
/// that it is a tameio database this version can open. Returns its schema version.
pub fn copy_checked(file: &Path, target: &Path) -> Result<i64> {
    let not_ours = |why: String| StoreError::NotTameio(format!("{}: {why}", file.display()));
    if !file.is_file() {
        return Err(not_ours("no such file".into()));
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_ours(e.to_string()))?;
    let version: i64 =
        conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| not_ours(e.to_string()))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::TooNew { found: version, known });
    }
    for table in TABLES {
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .map_err(|e| not_ours(e.to_string()))?;
        if version == 0 || found == 0 {
            return Err(not_ours(format!("no {table} table (schema {version})")));
        }
    }
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
    Ok(version)
}

/// The current database, held by this process alone until dropped: no other connection is
/// open (a running register or command keeps one), a copy is in `backups/`, and a write lock
/// keeps newcomers out while the file is replaced.
pub struct Exclusive {
    conn: Option<Connection>,
    /// The copy of the database as it was, when there was one.
    pub backup: Option<PathBuf>,
}

impl Exclusive {
    pub fn take(db: &Path, backups: &Path) -> Result<Exclusive> {
        if !db.exists() {
            return Ok(Exclusive { conn: None, backup: None });
        }
        let conn = Connection::open(db)?;
        conn.busy_timeout(std::time::Duration::from_secs(1))?;
        // Leaving WAL mode needs the only connection: any other holder (the GUI, a command)
        // makes SQLite keep WAL, or answer busy.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|_| StoreError::InUse)?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::InUse);
        }
        std::fs::create_dir_all(backups)
            .map_err(|e| StoreError::Conflict(format!("{}: {e}", backups.display())))?;
        let target = backup_path(backups, "before-restore");
        conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
        conn.execute_batch("BEGIN EXCLUSIVE").map_err(|_| StoreError::InUse)?;
        Ok(Exclusive { conn: Some(conn), backup: Some(target) })
    }
}

impl Drop for Exclusive {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let _ = conn.execute_batch("ROLLBACK");
        }
    }
}
