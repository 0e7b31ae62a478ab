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

impl Register {
    /// First run, "add my terminal": the demo manager and cashier get PINs of their own
    /// (real terminals wait for that); the manager, signed in with the new PIN, comes back.
    pub fn first_run_pins(&self, manager_pin: &str, cashier_pin: &str) -> Result<crate::register::Operator> {
        use crate::domain::{DEMO_CASHIER, DEMO_MANAGER};
        if self.places.is_some() && !self.first_run_pending() {
            return Err(RegisterError::Storage("already set up".into()));
        }
        super::admin::check_pin(manager_pin)?;
        super::admin::check_pin(cashier_pin)?;
        let boss = self.authorize_manager(DEMO_MANAGER.1)?;
        let cashier = self.user_by_name(DEMO_CASHIER.0)?.id;
        self.set_pin(&boss, cashier, cashier_pin)?;
        self.set_pin(&boss, boss.user_id, manager_pin)?;
        self.authorize_manager(manager_pin)
    }
}
