//! First run: a data folder with no settings file yet. Its first settings are saved without a
//! signed-in manager, once; after that only a manager changes them (`save_settings`).

use super::{Register, RegisterError, Result};
use crate::config::Settings;

impl Register {
    /// No settings file in the data folder yet. An in-memory register never is (tests).
    pub fn first_run_pending(&self) -> bool {
        self.places.as_ref().is_some_and(|p| !p.settings().exists())
    }

    /// Writes the first settings of a fresh data folder; refused once a settings file exists.
    pub fn save_first_run(&self, settings: Settings) -> Result<()> {
        if let Some(places) = &self.places {
            let path = places.settings();
            if path.exists() {
                return Err(RegisterError::Storage(format!("{}: already set up", path.display())));
            }
            settings.save(&path).map_err(|e| RegisterError::Storage(e.to_string()))?;
        }
        self.store.audit("first-run", "settings.save", "tameio.toml", "{}")?;
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings;
        Ok(())
    }
}
