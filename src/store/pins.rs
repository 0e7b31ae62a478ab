//! Wrong PINs in a row, per user and for the manager PIN prompt, kept in the database so a
//! restart or a second process starts where the last one stopped; a lock after too many.

use crate::store::bulk::begin;
use std::time::Duration;

use rusqlite::{OptionalExtension, params};

use super::users::pin_matches;
use super::{Result, Store, StoreError, audit, now};
use crate::domain::{DEMO_CASHIER, DEMO_MANAGER, PIN_FREE_TRIES, PIN_LOCK_AFTER, User};

/// Whom a PIN is tried for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinSubject {
    User(i64),
    /// "A manager's PIN" typed to allow something, naming no user.
    ManagerPrompt,
}

impl PinSubject {
    pub fn key(self) -> String {
        match self {
            PinSubject::User(id) => format!("user:{id}"),
            PinSubject::ManagerPrompt => "manager-prompt".into(),
        }
    }
}

/// The start of a try: refused, or counted and to be checked after `before` wrong ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinTry {
    Locked,
    Go { before: i64 },
}

/// How a try ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinVerdict {
    Right(User),
    Wrong {
        failed: i64,
    },
    /// This wrong PIN locked the subject, or the PIN is a locked manager's.
    Locked {
        name: String,
    },
}

/// The wait before a try that follows `before` wrong PINs: none for the first three, then
/// 1, 2, 4 … seconds (at most 16).
pub fn pin_delay(before: i64) -> Duration {
    if before < PIN_FREE_TRIES {
        return Duration::ZERO;
    }
    let doublings = u32::try_from(before - PIN_FREE_TRIES).unwrap_or(4).min(4);
    Duration::from_secs(1 << doublings)
}

fn is_locked(failed: i64, locked_at: Option<&str>) -> bool {
    locked_at.is_some() || failed >= PIN_LOCK_AFTER
}

impl Store {
    /// Counts the try as wrong before the PIN is looked at, so neither a crash nor a second
    /// process gets a free one; refused (and audited) while the subject is locked.
    pub fn begin_pin_try(&self, subject: PinSubject) -> Result<PinTry> {
        let key = subject.key();
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let row: Option<(i64, Option<String>)> = tx
            .query_row("SELECT failed, locked_at FROM pin_guard WHERE subject = ?1", [&key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (failed, locked_at) = row.unwrap_or((0, None));
        if is_locked(failed, locked_at.as_deref()) {
            audit::append(&tx, "-", "pin.refused_locked", &key, "{}")?;
            tx.commit()?;
            return Ok(PinTry::Locked);
        }
        tx.execute(
            "INSERT INTO pin_guard (subject, failed, last_try_at) VALUES (?1, 1, ?2)
             ON CONFLICT (subject) DO UPDATE SET failed = failed + 1, last_try_at = excluded.last_try_at",
            params![key, now()],
        )?;
        tx.commit()?;
        Ok(PinTry::Go { before: failed })
    }

    /// Ends a try begun with `begin_pin_try`: a right PIN clears the count, a wrong one keeps
    /// it and, at `PIN_LOCK_AFTER`, locks the subject. Wrong PINs and locks are audited.
    pub fn finish_pin_try(&self, subject: PinSubject, pin: &str) -> Result<PinVerdict> {
        let found = match subject {
            PinSubject::User(id) => self.user_with_pin(id, pin)?,
            PinSubject::ManagerPrompt => self.manager_with_pin(pin)?,
        };
        let key = subject.key();
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        if let Some(user) = found {
            let own = PinSubject::User(user.id).key();
            let row: Option<(i64, Option<String>)> = tx
                .query_row("SELECT failed, locked_at FROM pin_guard WHERE subject = ?1", [&own], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            // Through the prompt, a locked manager's right PIN still opens nothing.
            if subject == PinSubject::ManagerPrompt
                && row.as_ref().is_some_and(|(f, at)| is_locked(*f, at.as_deref()))
            {
                audit::append(&tx, "-", "pin.refused_locked", &own, "{}")?;
                tx.commit()?;
                return Ok(PinVerdict::Locked { name: user.name });
            }
            tx.execute("UPDATE pin_guard SET failed = 0 WHERE subject = ?1", [&key])?;
            if let PinSubject::User(id) = subject {
                tx.execute("UPDATE users SET failed_pins = 0 WHERE id = ?1", [id])?;
            }
            tx.commit()?;
            return Ok(PinVerdict::Right(User { failed_pins: 0, ..user }));
        }
        let failed: i64 = tx
            .query_row("SELECT failed FROM pin_guard WHERE subject = ?1", [&key], |r| r.get(0))
            .optional()?
            .unwrap_or(1);
        let (wrong, locked, name) = match subject {
            PinSubject::User(id) => {
                tx.execute("UPDATE users SET failed_pins = ?1 WHERE id = ?2", params![failed, id])?;
                let name: String =
                    tx.query_row("SELECT name FROM users WHERE id = ?1", [id], |r| r.get(0))?;
                ("user.pin_wrong", "user.pin_locked", name)
            }
            PinSubject::ManagerPrompt => ("manager.pin_wrong", "manager.pin_locked", String::new()),
        };
        let detail = serde_json::json!({ "failed": failed }).to_string();
        audit::append(&tx, "-", wrong, &key, &detail)?;
        if failed >= PIN_LOCK_AFTER {
            tx.execute("UPDATE pin_guard SET locked_at = ?2 WHERE subject = ?1", params![key, now()])?;
            audit::append(&tx, "-", locked, &key, &detail)?;
            tx.commit()?;
            tracing::warn!(subject = %key, failed, "locked after too many wrong PINs");
            return Ok(PinVerdict::Locked { name });
        }
        tx.commit()?;
        Ok(PinVerdict::Wrong { failed })
    }

    /// Clears the subject's wrong PINs and its lock, audited with who did it; whether it was
    /// locked.
    pub fn unlock_pins(&self, subject: PinSubject, actor: &str) -> Result<bool> {
        let key = subject.key();
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        if let PinSubject::User(id) = subject {
            let n = tx.execute("UPDATE users SET failed_pins = 0 WHERE id = ?1", [id])?;
            if n == 0 {
                return Err(StoreError::NotFound(format!("user {id}")));
            }
        }
        let row: Option<(i64, Option<String>)> = tx
            .query_row("SELECT failed, locked_at FROM pin_guard WHERE subject = ?1", [&key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (failed, locked_at) = row.unwrap_or((0, None));
        let was_locked = is_locked(failed, locked_at.as_deref());
        tx.execute("DELETE FROM pin_guard WHERE subject = ?1", [&key])?;
        let detail = serde_json::json!({ "was_locked": was_locked, "failed": failed }).to_string();
        audit::append(&tx, actor, "pin.unlock", &key, &detail)?;
        tx.commit()?;
        Ok(was_locked)
    }

    /// Whether the subject takes no PIN until unlocked.
    pub fn pin_locked(&self, subject: PinSubject) -> Result<bool> {
        let row: Option<(i64, Option<String>)> = self
            .conn()
            .query_row("SELECT failed, locked_at FROM pin_guard WHERE subject = ?1", [subject.key()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(row.is_some_and(|(f, at)| is_locked(f, at.as_deref())))
    }

    /// Users locked after too many wrong PINs (the settings list marks them).
    pub fn pin_locked_users(&self) -> Result<Vec<i64>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT CAST(substr(subject, 6) AS INTEGER) FROM pin_guard
             WHERE subject LIKE 'user:%' AND (locked_at IS NOT NULL OR failed >= ?1)",
        )?;
        let rows = stmt.query_map([PIN_LOCK_AFTER], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The demo users (still active, by name) whose PIN is still the demo one.
    pub fn demo_pins_in_use(&self) -> Result<Vec<String>> {
        let mut in_use = Vec::new();
        for (name, pin) in [DEMO_CASHIER, DEMO_MANAGER] {
            let row: Option<(i64, String)> = self
                .conn()
                .query_row("SELECT id, pin_hash FROM users WHERE name = ?1 AND active = 1", [name], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            if let Some((id, hash)) = row
                && pin_matches(id, pin, &hash)?
            {
                in_use.push(name.to_string());
            }
        }
        Ok(in_use)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;

    fn wrong(store: &Store, subject: PinSubject) -> PinVerdict {
        assert!(matches!(store.begin_pin_try(subject).unwrap(), PinTry::Go { .. }));
        store.finish_pin_try(subject, "0000").unwrap()
    }

    #[test]
    fn wrong_pins_lock_the_user_across_a_reopen_until_unlocked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open(&path).unwrap();
        let maria = store.add_user("Maria", Role::Cashier, "2580", "setup").unwrap();
        let me = PinSubject::User(maria.id);
        for n in 1..PIN_LOCK_AFTER {
            assert_eq!(wrong(&store, me), PinVerdict::Wrong { failed: n });
        }
        assert_eq!(wrong(&store, me), PinVerdict::Locked { name: "Maria".into() });
        drop(store);
        let store = Store::open(&path).unwrap();
        assert!(store.pin_locked(me).unwrap());
        assert_eq!(store.begin_pin_try(me).unwrap(), PinTry::Locked, "the right PIN is not even looked at");
        assert!(store.unlock_pins(me, "Nikos").unwrap());
        assert_eq!(store.begin_pin_try(me).unwrap(), PinTry::Go { before: 0 });
        assert!(matches!(store.finish_pin_try(me, "2580").unwrap(), PinVerdict::Right(_)));
        let actions: Vec<String> = store
            .conn()
            .prepare("SELECT action || ' ' || actor FROM audit_log WHERE action LIKE '%pin%' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(actions.iter().filter(|a| *a == "user.pin_wrong -").count(), PIN_LOCK_AFTER as usize);
        assert!(actions.contains(&"user.pin_locked -".to_string()), "{actions:?}");
        assert!(actions.contains(&"pin.refused_locked -".to_string()), "{actions:?}");
        assert!(actions.contains(&"pin.unlock Nikos".to_string()), "{actions:?}");
    }

    #[test]
    fn a_try_counts_before_it_is_checked_and_a_right_pin_clears_the_count() {
        let store = Store::open_in_memory().unwrap();
        let u = store.add_user("Maria", Role::Cashier, "2580", "setup").unwrap();
        let me = PinSubject::User(u.id);
        wrong(&store, me);
        // A process killed between the two steps leaves its try counted.
        assert_eq!(store.begin_pin_try(me).unwrap(), PinTry::Go { before: 1 });
        assert_eq!(store.begin_pin_try(me).unwrap(), PinTry::Go { before: 2 });
        assert!(
            matches!(store.finish_pin_try(me, "2580").unwrap(), PinVerdict::Right(u) if u.failed_pins == 0)
        );
        assert_eq!(store.begin_pin_try(me).unwrap(), PinTry::Go { before: 0 });
    }

    #[test]
    fn the_manager_prompt_locks_and_a_locked_managers_pin_opens_nothing() {
        let store = Store::open_in_memory().unwrap();
        let boss = store.add_user("Nikos", Role::Manager, "4826", "setup").unwrap();
        for _ in 0..PIN_LOCK_AFTER {
            wrong(&store, PinSubject::ManagerPrompt);
        }
        assert_eq!(store.begin_pin_try(PinSubject::ManagerPrompt).unwrap(), PinTry::Locked);
        store.unlock_pins(PinSubject::ManagerPrompt, "recovery").unwrap();
        for _ in 0..PIN_LOCK_AFTER {
            wrong(&store, PinSubject::User(boss.id));
        }
        assert!(matches!(store.begin_pin_try(PinSubject::ManagerPrompt).unwrap(), PinTry::Go { .. }));
        assert_eq!(
            store.finish_pin_try(PinSubject::ManagerPrompt, "4826").unwrap(),
            PinVerdict::Locked { name: "Nikos".into() }
        );
        // A new PIN given by a manager lifts the lock.
        store.set_pin(boss.id, "1357", "Eleni").unwrap();
        assert!(!store.pin_locked(PinSubject::User(boss.id)).unwrap());
    }

    #[test]
    fn the_back_off_grows_after_the_free_tries() {
        let secs: Vec<u64> = (0..10).map(|n| pin_delay(n).as_secs()).collect();
        assert_eq!(secs, [0, 0, 0, 1, 2, 4, 8, 16, 16, 16]);
    }

    #[test]
    fn demo_pins_in_use_are_named_until_changed() {
        let store = Store::open_in_memory().unwrap();
        store.seed_demo_if_empty().unwrap();
        assert_eq!(store.demo_pins_in_use().unwrap(), ["Maria", "Nikos"]);
        let maria = store.users().unwrap().into_iter().find(|u| u.name == "Maria").unwrap();
        store.set_pin(maria.id, "3715", "Nikos").unwrap();
        assert_eq!(store.demo_pins_in_use().unwrap(), ["Nikos"]);
    }
}
