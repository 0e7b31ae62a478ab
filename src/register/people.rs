//! People at the register: the users and their shifts, signing in and manager PINs (one check
//! for the GUI and the command line, with a back-off and a lock kept in the database,
//! `store::pins`), and the unlocking of a locked user.

use super::{Operator, Register, RegisterError, Result, SetupError, User, require_manager};
use crate::domain::{Money, Role};
use crate::store::{PinSubject, PinTry, PinVerdict, Shift, pin_delay};

/// Who unlocks through `tameio user unlock` (the data folder's owner, not a signed-in user).
pub const RECOVERY_ACTOR: &str = "recovery (data folder)";

impl Register {
    pub fn users(&self) -> Result<Vec<User>> {
        Ok(self.store.users()?)
    }

    pub fn user_by_name(&self, name: &str) -> Result<User> {
        self.users()?
            .into_iter()
            .find(|u| u.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| RegisterError::NoUser(name.to_string()))
    }

    /// Opens the operator's shift (or continues the one left open) with a cash float.
    pub fn open_shift(&self, by: &Operator, float: Money) -> Result<Shift> {
        Ok(self.store.open_shift(&self.register_id(), by.user_id, float, &by.name)?)
    }

    pub fn close_shift(&self, by: &Operator, shift_id: i64) -> Result<()> {
        Ok(self.store.close_shift(shift_id, &by.name)?)
    }

    /// The one PIN check: refused while locked, slowed down after a few wrong PINs, counted
    /// before the PIN is looked at.
    fn check_pin_for(&self, subject: PinSubject, pin: &str) -> Result<Operator> {
        // What can never be a PIN (letters, too long) is bad input: refused before it is
        // counted, so a typo neither writes nor locks.
        super::admin::check_pin(pin)?;
        let before = match self.store.begin_pin_try(subject)? {
            PinTry::Locked => return Err(self.locked(subject)),
            PinTry::Go { before } => before,
        };
        let wait = pin_delay(before);
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
        match self.store.finish_pin_try(subject, pin)? {
            PinVerdict::Right(user) => Ok(user.into()),
            PinVerdict::Wrong { failed } => Err(RegisterError::WrongPin { failed }),
            PinVerdict::Locked { name } => Err(RegisterError::PinLocked { name }),
        }
    }

    fn locked(&self, subject: PinSubject) -> RegisterError {
        let name = match subject {
            PinSubject::User(id) => self.store.user(id).map(|u| u.name).unwrap_or_else(|_| id.to_string()),
            PinSubject::ManagerPrompt => String::new(),
        };
        RegisterError::PinLocked { name }
    }

    pub fn sign_in(&self, user_id: i64, pin: &str) -> Result<Operator> {
        let operator = self.check_pin_for(PinSubject::User(user_id), pin)?;
        self.store.audit(&operator.name, "user.sign_in", &user_id.to_string(), "{}")?;
        // A manager signed in by name and PIN opens a locked manager prompt again.
        if operator.is_manager() && self.store.pin_locked(PinSubject::ManagerPrompt)? {
            self.store.unlock_pins(PinSubject::ManagerPrompt, &operator.name)?;
        }
        // Signing in starts the cashier's shift, or continues the one left open.
        self.open_shift(&operator, Money::ZERO)?;
        Ok(operator)
    }

    /// A manager's PIN typed to allow something (void a line, open the manager menu), naming
    /// no user: counted, slowed down and locked as a user's own PIN is.
    pub fn authorize_manager(&self, pin: &str) -> Result<Operator> {
        self.check_pin_for(PinSubject::ManagerPrompt, pin)
    }

    /// The operator a command-line run acts as (the command line runs on the shop PC itself).
    pub fn cli_operator(&self, name: Option<&str>, pin: Option<&str>) -> Result<Operator> {
        let user = match name {
            Some(n) => self.user_by_name(n)?,
            None => self
                .users()?
                .into_iter()
                .find(|u| u.role == Role::Cashier)
                .ok_or_else(|| RegisterError::NoUser("cashier".into()))?,
        };
        match pin {
            Some(pin) => self.sign_in(user.id, pin),
            None => Ok(Operator { user_id: user.id, name: user.name, role: Role::Cashier }),
        }
    }

    /// Whether the user takes no PIN until a manager unlocks them.
    pub fn is_locked(&self, user_id: i64) -> Result<bool> {
        Ok(self.store.pin_locked(PinSubject::User(user_id))?)
    }

    /// A manager lets a locked user (never themselves: they could not have signed in) try
    /// PINs again; audited. Whether the user was locked.
    pub fn unlock_user(&self, by: &Operator, user_id: i64) -> Result<bool> {
        require_manager(by)?;
        Ok(self.store.unlock_pins(PinSubject::User(user_id), &by.name)?)
    }

    /// The recovery step when no manager can sign in (`tameio user unlock`): whoever can
    /// run tameio on this data folder could edit the database anyway, so the step asks for
    /// no PIN; it is audited as the data folder's owner. `None` unlocks the manager prompt.
    pub fn recovery_unlock(&self, name: Option<&str>) -> Result<bool> {
        let subject = match name {
            Some(n) => {
                let user = self
                    .store
                    .staff()?
                    .into_iter()
                    .map(|(u, _)| u)
                    .find(|u| u.name.eq_ignore_ascii_case(n))
                    .ok_or_else(|| RegisterError::NoUser(n.to_string()))?;
                PinSubject::User(user.id)
            }
            None => PinSubject::ManagerPrompt,
        };
        tracing::warn!(subject = %subject.key(), "PIN lock lifted from the command line");
        Ok(self.store.unlock_pins(subject, RECOVERY_ACTOR)?)
    }

    /// Refuses a real terminal while a demo user still has the demo PIN (from the README).
    pub fn refuse_demo_pins(&self) -> Result<()> {
        let names = self.store.demo_pins_in_use()?;
        if names.is_empty() { Ok(()) } else { Err(SetupError::DemoPins(names.join(", ")).into()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::domain::{DEMO_CASHIER, DEMO_MANAGER, Lang, PIN_LOCK_AFTER};
    use crate::i18n::I18n;

    fn locked(r: Result<Operator>) -> String {
        match r {
            Err(RegisterError::PinLocked { name }) => name,
            other => panic!("not locked: {other:?}"),
        }
    }

    #[test]
    fn a_locked_manager_is_unlocked_by_another_manager_and_the_lock_is_audited() {
        let reg = Register::in_memory(Settings::default()).unwrap();
        let nikos = reg.user_by_name(DEMO_MANAGER.0).unwrap();
        let boss: Operator = nikos.clone().into();
        let eleni = reg.add_user(&boss, "Eleni", Role::Manager, "2468").unwrap();
        for n in 1..PIN_LOCK_AFTER {
            assert!(
                matches!(reg.sign_in(nikos.id, "0000"), Err(RegisterError::WrongPin { failed }) if failed == n)
            );
        }
        assert_eq!(locked(reg.sign_in(nikos.id, "0000")), "Nikos");
        assert_eq!(
            locked(reg.sign_in(nikos.id, DEMO_MANAGER.1)),
            "Nikos",
            "the right PIN waits for a manager"
        );
        assert_eq!(locked(reg.authorize_manager(DEMO_MANAGER.1)), "Nikos", "nor opens the manager prompt");
        assert!(reg.is_locked(nikos.id).unwrap());

        let maria = reg.sign_in(reg.user_by_name(DEMO_CASHIER.0).unwrap().id, DEMO_CASHIER.1).unwrap();
        assert!(matches!(reg.unlock_user(&maria, nikos.id), Err(RegisterError::NeedsManager)));
        let eleni = reg.sign_in(eleni.id, "2468").unwrap();
        assert!(reg.unlock_user(&eleni, nikos.id).unwrap());
        assert_eq!(reg.sign_in(nikos.id, DEMO_MANAGER.1).unwrap().name, "Nikos");
        let unlocks = reg.store.audit_entries(100).unwrap();
        assert!(unlocks.iter().any(|e| e.action == "pin.unlock" && e.actor == "Eleni"), "{unlocks:?}");
        assert!(unlocks.iter().any(|e| e.action == "user.pin_locked"), "{unlocks:?}");
    }

    #[test]
    fn the_manager_prompt_locks_too_and_the_recovery_step_opens_it() {
        let reg = Register::in_memory(Settings::default()).unwrap();
        for _ in 1..PIN_LOCK_AFTER {
            assert!(matches!(reg.authorize_manager("0000"), Err(RegisterError::WrongPin { .. })));
        }
        assert_eq!(locked(reg.authorize_manager("0000")), "");
        assert_eq!(locked(reg.authorize_manager(DEMO_MANAGER.1)), "");
        assert!(reg.recovery_unlock(None).unwrap());
        assert_eq!(reg.authorize_manager(DEMO_MANAGER.1).unwrap().name, "Nikos");
        let entries = reg.store.audit_entries(100).unwrap();
        assert!(entries.iter().any(|e| e.action == "pin.unlock" && e.actor == RECOVERY_ACTOR), "{entries:?}");
        assert!(matches!(reg.recovery_unlock(Some("Nobody")), Err(RegisterError::NoUser(_))));

        // Locked again, it opens when a manager signs in with their own name and PIN.
        for _ in 0..PIN_LOCK_AFTER {
            assert!(reg.authorize_manager("0000").is_err());
        }
        assert_eq!(locked(reg.authorize_manager(DEMO_MANAGER.1)), "");
        let maria = reg.user_by_name(DEMO_CASHIER.0).unwrap();
        reg.sign_in(maria.id, DEMO_CASHIER.1).unwrap();
        assert_eq!(locked(reg.authorize_manager(DEMO_MANAGER.1)), "", "a cashier opens nothing");
        reg.sign_in(reg.user_by_name(DEMO_MANAGER.0).unwrap().id, DEMO_MANAGER.1).unwrap();
        assert_eq!(reg.authorize_manager(DEMO_MANAGER.1).unwrap().name, "Nikos");
    }

    #[test]
    fn a_pin_no_user_can_have_is_bad_input_and_not_counted() {
        let reg = Register::in_memory(Settings::default()).unwrap();
        let nikos = reg.user_by_name(DEMO_MANAGER.0).unwrap();
        for _ in 0..2 * PIN_LOCK_AFTER {
            assert!(matches!(
                reg.sign_in(nikos.id, "12a4"),
                Err(RegisterError::Setup(SetupError::PinNotDigits))
            ));
            assert!(matches!(reg.authorize_manager("123"), Err(RegisterError::Setup(SetupError::PinLength))));
        }
        assert!(!reg.is_locked(nikos.id).unwrap());
        assert_eq!(reg.sign_in(nikos.id, DEMO_MANAGER.1).unwrap().name, "Nikos");
    }

    #[test]
    fn lock_messages_are_translated() {
        for lang in Lang::ALL {
            let i18n = I18n::new(lang);
            for e in [
                RegisterError::PinLocked { name: "Nikos".into() },
                RegisterError::PinLocked { name: "".into() },
            ] {
                let m = e.message(&i18n);
                assert!(!m.is_empty() && !m.contains("err-"), "{lang:?} {m}");
            }
        }
    }
}
