//! Backups and checks: `db check`, the copy taken before an upgrade (in `store`), the daily
//! automatic copy with its retention count, what the register says about them, and restoring
//! one (`db restore`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use fluent_bundle::FluentValue;

use super::{Register, RegisterError, Result, guard};
use crate::config::{Places, Settings};
pub use crate::domain::ChainReport;
use crate::i18n::I18n;
pub use crate::store::Upgrade;
use crate::store::{Exclusive, Store, backup_path, copy_checked};

pub use crate::domain::{CheckPhase, CheckProgress};

/// How much `db check` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckScope {
    /// SQLite's integrity check, the whole audit chain, every receipt's seal and every row.
    Full,
    /// For daily use: the seals of the receipts issued in the last `days` days and the audit
    /// chain from the first entry of those days on. Not read: SQLite's integrity check, the
    /// older receipts and audit entries, and the row-by-row scan.
    Quick { days: u32 },
}

/// What `db check` found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DbCheck {
    /// SQLite's answer ("ok"); empty when a quick check left it out.
    pub integrity: Vec<String>,
    pub chain: ChainReport,
    pub receipt_problems: Vec<String>,
    /// Values a strict read refuses, one per damaged row and column.
    pub row_problems: Vec<String>,
    pub receipts_checked: i64,
    /// The days a quick check covered; none for a whole check.
    pub quick_days: Option<u32>,
}

impl DbCheck {
    pub fn is_ok(&self) -> bool {
        let integrity = self.integrity == ["ok"] || (self.quick_days.is_some() && self.integrity.is_empty());
        integrity
            && matches!(self.chain, ChainReport::Intact { .. })
            && self.receipt_problems.is_empty()
            && self.row_problems.is_empty()
    }
}

/// Why a file was not restored.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("not a tameio database: {0}")]
    NotTameio(String),
    #[error("the file fails the database check: {}", .0.join("; "))]
    FailsCheck(Vec<String>),
    #[error("the database is open in another tameio")]
    InUse,
    /// Nobody said yes (no terminal to ask on, and no `--yes`).
    #[error("not confirmed")]
    NotConfirmed,
}

impl RestoreError {
    pub fn message(&self, i18n: &I18n) -> String {
        let s = |v: &str| FluentValue::from(v.to_string());
        match self {
            RestoreError::NotTameio(detail) => {
                i18n.tr_args("err-restore-not-tameio", &[("detail", s(detail))])
            }
            RestoreError::FailsCheck(problems) => {
                i18n.tr_args("err-restore-check-failed", &[("detail", s(&problems.join("; ")))])
            }
            RestoreError::InUse => i18n.tr("err-restore-in-use"),
            RestoreError::NotConfirmed => i18n.tr("err-restore-not-confirmed"),
        }
    }
}

/// A file checked for restore: copied into the data folder, migrated if older, and passed by
/// `db check`. Nothing is replaced until [`RestoreCandidate::restore`]; dropped, the copy goes.
pub struct RestoreCandidate {
    file: PathBuf,
    copy: TempCopy,
    register: Register,
    /// The schema version of the file as it is.
    pub schema: i64,
    pub check: DbCheck,
}

/// What a restore did.
#[derive(Debug, Clone)]
pub struct Restored {
    pub file: PathBuf,
    pub database: PathBuf,
    /// The database that was replaced, kept in `backups/` (none when there was none).
    pub previous: Option<PathBuf>,
}

/// A file removed (with its WAL companions) when dropped.
struct TempCopy(PathBuf);

impl Drop for TempCopy {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = self.0.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(name));
        }
    }
}

fn storage(what: &Path, e: std::io::Error) -> RegisterError {
    RegisterError::Storage(format!("{}: {e}", what.display()))
}

impl RestoreCandidate {
    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn audit_entries(&self) -> i64 {
        match self.check.chain {
            ChainReport::Intact { entries } => entries,
            ChainReport::Broken { .. } => 0,
        }
    }

    /// Replaces the database in `places` with this file: only when no other tameio has it
    /// open, after a copy of it into `backups/`, with a `db.restore` entry (who, from which
    /// file) at the end of the restored audit chain. The file itself is never changed.
    pub fn restore(self, places: &Places, actor: &str) -> Result<Restored> {
        let RestoreCandidate { file, copy, register, schema, .. } = self;
        let database = places.database();
        let held = Exclusive::take(&database, &places.backups())?;
        let detail = serde_json::json!({
            "file": file.display().to_string(),
            "schema": schema,
            "previous": held.backup.as_ref().map(|p| p.display().to_string()),
        });
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        register.store.audit(actor, "db.restore", &name, &detail.to_string())?;
        let Register { store, .. } = register;
        let store = Arc::try_unwrap(store)
            .map_err(|_| RegisterError::Storage("the copy to restore is still in use".into()))?;
        store.into_single_file()?;
        let previous = held.backup.clone();
        // Windows cannot replace a file another handle has open: the lock goes first there
        // (a tameio opening it in that instant makes the rename fail: nothing is replaced).
        #[cfg(windows)]
        drop(held);
        std::fs::rename(&copy.0, &database).map_err(|e| storage(&database, e))?;
        #[cfg(unix)]
        if let Ok(dir) = std::fs::File::open(&places.data_dir) {
            let _ = dir.sync_all();
        }
        #[cfg(not(windows))]
        drop(held);
        tracing::warn!(file = %file.display(), actor, previous = ?previous, "database restored");
        Ok(Restored { file, database, previous })
    }
}

/// The label of the daily automatic backups; only these are pruned.
const DAILY: &str = "daily";

impl Register {
    pub fn check_db(&self) -> Result<DbCheck> {
        self.check_db_with(CheckScope::Full, &|_| {})
    }

    /// `db check`, telling `progress` how far each phase is. Each phase is one streaming read
    /// (with index lookups), so time grows with the rows and memory does not.
    pub fn check_db_with(&self, scope: CheckScope, progress: &dyn Fn(CheckProgress)) -> Result<DbCheck> {
        self.store.begin_scan()?;
        let checked = self.check_db_scanning(scope, progress);
        let restored = self.store.end_scan();
        let checked = checked?;
        restored?;
        Ok(checked)
    }

    fn check_db_scanning(&self, scope: CheckScope, progress: &dyn Fn(CheckProgress)) -> Result<DbCheck> {
        match scope {
            CheckScope::Full => {
                let whole = self.store.check_whole(progress)?;
                Ok(DbCheck {
                    integrity: whole.integrity,
                    chain: whole.chain,
                    receipt_problems: whole.seals.problems,
                    row_problems: whole.rows,
                    receipts_checked: whole.seals.checked as i64,
                    quick_days: None,
                })
            }
            CheckScope::Quick { days } => {
                let since =
                    crate::domain::time::stamp(chrono::Utc::now() - chrono::Duration::days(days.into()));
                let chain = match self.store.audit_entry_since(&since)? {
                    Some(first) => self.store.verify_audit_chain_from(first, progress)?,
                    None => ChainReport::Intact { entries: 0 },
                };
                let seals = self.store.verify_receipts_since(Some(&since), progress)?;
                Ok(DbCheck {
                    integrity: Vec::new(),
                    chain,
                    receipt_problems: seals.problems,
                    row_problems: Vec::new(),
                    receipts_checked: seals.checked as i64,
                    quick_days: Some(days),
                })
            }
        }
    }

    pub fn backup(&self, target: &Path) -> Result<()> {
        Ok(self.store.backup_to(target)?)
    }
    /// Checks a file offered for restore without touching it or the current database: a
    /// tameio database of a known schema, copied, migrated if older, and passing `db check`.
    pub fn check_restore_file(places: &Places, file: &Path) -> Result<RestoreCandidate> {
        Self::check_restore_file_with(places, file, &|_| {})
    }

    /// [`Register::check_restore_file`], telling `progress` how far the check is.
    pub fn check_restore_file_with(
        places: &Places,
        file: &Path,
        progress: &dyn Fn(CheckProgress),
    ) -> Result<RestoreCandidate> {
        std::fs::create_dir_all(&places.data_dir).map_err(|e| storage(&places.data_dir, e))?;
        let copy = TempCopy(places.data_dir.join(format!(".restore-{}.db", std::process::id())));
        drop(TempCopy(copy.0.clone()));
        let schema = copy_checked(file, &copy.0)?;
        let store = Store::open_copy(&copy.0)?;
        let register = Register {
            store: Arc::new(store),
            settings: RwLock::new(Settings::load(&places.settings()).0),
            places: None,
            locks: guard::Locks::Memory(Arc::default()),
            demo: Register::new_demo_slot(),
            demo_step_ms: 0,
            daily: Default::default(),
        };
        let check = register.check_db_with(CheckScope::Full, progress)?;
        if !check.is_ok() {
            let mut problems: Vec<String> = check.integrity.iter().filter(|i| *i != "ok").cloned().collect();
            if let ChainReport::Broken { entry, reason } = &check.chain {
                problems.push(format!("audit chain broken at entry {entry}: {reason}"));
            }
            problems.extend(check.receipt_problems.iter().chain(&check.row_problems).cloned());
            return Err(RestoreError::FailsCheck(problems).into());
        }
        Ok(RestoreCandidate { file: file.to_path_buf(), copy, register, schema, check })
    }

    /// The upgrade done when this register opened its database, if it was from an older version.
    pub fn upgrade(&self) -> Option<&Upgrade> {
        self.store.upgrade()
    }

    /// "Database upgraded from version 1 to 5; the old one is kept at PATH", in the user's language.
    pub fn upgrade_note(&self, i18n: &I18n) -> Option<String> {
        self.upgrade().map(|u| {
            i18n.tr_args(
                "db-upgraded",
                &[
                    ("from", FluentValue::from(u.from)),
                    ("to", FluentValue::from(u.to)),
                    ("path", FluentValue::from(u.backup.display().to_string())),
                ],
            )
        })
    }

    /// Starts today's automatic backup unless one exists, on a thread of its own with its own
    /// connection (start-up does not wait for a copy of years of history), then keeps the
    /// newest `backup_keep`. A database created by this open has nothing to keep yet. The
    /// register waits for the copy when it is dropped ([`DailyBackup`]).
    pub(super) fn start_daily_backup(&self) -> Result<()> {
        let keep = self.settings().backup_keep as usize;
        let Some(places) = &self.places else { return Ok(()) };
        if keep == 0 || self.store.created_now() {
            return Ok(());
        }
        let dir = places.backups();
        remove_stale_partials(&dir);
        let today = chrono::Local::now().format("tameio-%Y-%m-%dT").to_string();
        if daily_backups(&dir).iter().any(|name| name.starts_with(&today)) {
            return Ok(());
        }
        std::fs::create_dir_all(&dir).map_err(|e| storage(&dir, e))?;
        let target = backup_path(&dir, DAILY);
        let database = places.database();
        let thread = std::thread::Builder::new()
            .name("daily-backup".into())
            .spawn(move || match take_daily(&database, &target, &dir, keep) {
                Ok(()) => tracing::info!(backup = %target.display(), "daily backup taken"),
                Err(e) => tracing::error!(error = %e, "the daily backup could not be taken"),
            })
            .map_err(|e| RegisterError::Storage(format!("daily backup: {e}")))?;
        self.daily.set(thread);
        Ok(())
    }

    /// Waits until the daily backup started by this open is written (or failed).
    pub fn wait_for_daily_backup(&self) {
        self.daily.wait();
    }
}

/// The daily backup's thread, waited for when the register goes: a command that exits at
/// once still leaves a whole copy behind.
#[derive(Default)]
pub(super) struct DailyBackup(std::sync::Mutex<Option<std::thread::JoinHandle<()>>>);

impl DailyBackup {
    fn set(&self, thread: std::thread::JoinHandle<()>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(thread);
    }

    fn wait(&self) {
        let thread = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(thread) = thread
            && thread.join().is_err()
        {
            tracing::error!("the daily backup's thread panicked");
        }
    }
}

impl Drop for DailyBackup {
    fn drop(&mut self) {
        self.wait();
    }
}

/// The suffix of a backup being written: renamed to its name only when whole, so a program
/// stopped half-way never leaves a file that looks like today's backup.
const PARTIAL: &str = ".partial";

/// Copies the database into `target` (through `target.partial`), then prunes old daily
/// backups down to `keep`.
fn take_daily(database: &Path, target: &Path, dir: &Path, keep: usize) -> Result<()> {
    let mut partial = target.as_os_str().to_owned();
    partial.push(PARTIAL);
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    Store::snapshot(database, &partial)?;
    std::fs::rename(&partial, target).map_err(|e| storage(target, e))?;
    let mut names = daily_backups(dir);
    names.sort();
    let surplus = names.len().saturating_sub(keep);
    for name in names.iter().take(surplus) {
        let old = dir.join(name);
        match std::fs::remove_file(&old) {
            Ok(()) => tracing::info!(backup = %old.display(), "old daily backup removed"),
            Err(e) => tracing::warn!(backup = %old.display(), error = %e, "old daily backup not removed"),
        }
    }
    Ok(())
}

/// Removes the half-written copies of programs stopped while copying: those not written to
/// for ten minutes (a copy in progress, by another tameio, writes every moment).
fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let stale = entry.file_name().to_string_lossy().ends_with(PARTIAL)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > std::time::Duration::from_secs(600));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The names of the daily backups in `dir` (`tameio-…-daily.db`, `tameio-…-daily-2.db`).
fn daily_backups(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n.starts_with("tameio-") && n.ends_with(".db") && n.contains(&format!("-{DAILY}")))
        .collect()
}
