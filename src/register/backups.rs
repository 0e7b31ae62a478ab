//! Backups: the copy taken before an upgrade (in `store`), the daily automatic copy with its
//! retention count, and what the register says about them.

use std::path::{Path, PathBuf};

use fluent_bundle::FluentValue;

use super::{Register, Result};
use crate::i18n::I18n;
pub use crate::store::Upgrade;
use crate::store::backup_path;

/// The label of the daily automatic backups; only these are pruned.
const DAILY: &str = "daily";

impl Register {
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

    /// Takes today's automatic backup unless one exists, then keeps the newest `backup_keep`.
    /// A database created by this open has nothing to keep yet. Returns the new file, if any.
    pub(super) fn daily_backup(&self) -> Result<Option<PathBuf>> {
        let keep = self.settings().backup_keep as usize;
        let Some(places) = &self.places else { return Ok(None) };
        if keep == 0 || self.store.created_now() {
            return Ok(None);
        }
        let dir = places.backups();
        let today = chrono::Local::now().format("tameio-%Y-%m-%dT").to_string();
        if daily_backups(&dir).iter().any(|name| name.starts_with(&today)) {
            return Ok(None);
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| super::RegisterError::Storage(format!("{}: {e}", dir.display())))?;
        let target = backup_path(&dir, DAILY);
        self.store.backup_to(&target)?;
        tracing::info!(backup = %target.display(), "daily backup taken");
        let mut names = daily_backups(&dir);
        names.sort();
        let surplus = names.len().saturating_sub(keep);
        for name in names.iter().take(surplus) {
            let old = dir.join(name);
            match std::fs::remove_file(&old) {
                Ok(()) => tracing::info!(backup = %old.display(), "old daily backup removed"),
                Err(e) => tracing::warn!(backup = %old.display(), error = %e, "old daily backup not removed"),
            }
        }
        Ok(Some(target))
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
