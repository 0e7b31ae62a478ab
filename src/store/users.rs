//! Users with roles and argon2-hashed PINs; wrong PINs are counted per user (`pins`).

use crate::store::bulk::begin;
use crate::store::cached::Cached;
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::error::{corrupt, damaged, unknown, unreadable};
use super::{Result, Store, StoreError, audit};
use crate::domain::{Role, User};

pub fn hash_pin(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Corrupt(format!("hashing a PIN: {e}")))
}

/// Whether the PIN is the user's; a hash that is no hash is damage, not a wrong PIN.
pub(super) fn pin_matches(user_id: i64, pin: &str, stored: &str) -> Result<bool> {
    let hash = PasswordHash::new(stored)
        .map_err(|e| corrupt(&format!("user {user_id}"), "pin_hash", unreadable(e)))?;
    Ok(Argon2::default().verify_password(pin.as_bytes(), &hash).is_ok())
}

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let id: i64 = r.get(0)?;
    let role: String = r.get(2)?;
    Ok(User {
        id,
        name: r.get(1)?,
        role: Role::from_code(&role)
            .ok_or_else(|| damaged(2, corrupt(&format!("user {id}"), "role", unknown(&role))))?,
        failed_pins: r.get(3)?,
    })
}

impl Store {
    pub fn add_user(&self, name: &str, role: Role, pin: &str, actor: &str) -> Result<User> {
        let hash = hash_pin(pin)?;
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        tx.run(
            "INSERT INTO users (name, role, pin_hash) VALUES (?1, ?2, ?3)",
            params![name, role.code(), hash],
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                StoreError::Conflict(format!("user {name} exists"))
            }
            other => other.into(),
        })?;
        let id = tx.last_insert_rowid();
        audit::append(&tx, actor, "user.add", name, &format!("{{\"role\":\"{}\"}}", role.code()))?;
        tx.commit()?;
        Ok(User { id, name: name.to_string(), role, failed_pins: 0 })
    }

    pub fn set_pin(&self, user_id: i64, pin: &str, actor: &str) -> Result<()> {
        let hash = hash_pin(pin)?;
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let n =
            tx.run("UPDATE users SET pin_hash = ?1, failed_pins = 0 WHERE id = ?2", params![hash, user_id])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("user {user_id}")));
        }
        // A new PIN given by a manager also lifts a lock.
        tx.run("DELETE FROM pin_guard WHERE subject = ?1", [super::PinSubject::User(user_id).key()])?;
        audit::append(&tx, actor, "user.pin", &user_id.to_string(), "{}")?;
        tx.commit()?;
        Ok(())
    }

    pub fn users(&self) -> Result<Vec<User>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, role, failed_pins FROM users WHERE active = 1 ORDER BY role, name",
        )?;
        let rows = stmt.query_map([], user_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn user(&self, id: i64) -> Result<User> {
        self.conn()
            .one("SELECT id, name, role, failed_pins FROM users WHERE id = ?1", [id], user_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("user {id}")))
    }

    /// Every user, signed-in-able or not, with whether they are active (the settings list).
    pub fn staff(&self) -> Result<Vec<(User, bool)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, role, failed_pins, active FROM users ORDER BY active DESC, role, name",
        )?;
        let rows = stmt.query_map([], |r| Ok((user_from_row(r)?, r.get::<_, bool>(4)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Lets a user sign in again, or not; the last active manager always stays.
    pub fn set_user_active(&self, user_id: i64, active: bool, actor: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let role: Option<String> =
            tx.one("SELECT role FROM users WHERE id = ?1", [user_id], |r| r.get(0)).optional()?;
        let Some(role) = role else { return Err(StoreError::NotFound(format!("user {user_id}"))) };
        if !active && role == Role::Manager.code() {
            let others: i64 = tx.one(
                "SELECT count(*) FROM users WHERE role = 'manager' AND active = 1 AND id != ?1",
                [user_id],
                |r| r.get(0),
            )?;
            if others == 0 {
                return Err(StoreError::Conflict("the last manager cannot be deactivated".into()));
            }
        }
        tx.run("UPDATE users SET active = ?1 WHERE id = ?2", params![active, user_id])?;
        let action = if active { "user.activate" } else { "user.deactivate" };
        audit::append(&tx, actor, action, &user_id.to_string(), "{}")?;
        tx.commit()?;
        Ok(())
    }

    /// The active manager whose PIN this is, if any (nothing counted: see `finish_pin_try`).
    pub fn manager_with_pin(&self, pin: &str) -> Result<Option<User>> {
        let rows: Vec<(i64, String)> = {
            let conn = self.conn();
            let mut stmt =
                conn.prepare_cached("SELECT id, pin_hash FROM users WHERE role = 'manager' AND active = 1")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut broken = None;
        let found = rows.into_iter().find(|(id, hash)| {
            pin_matches(*id, pin, hash).unwrap_or_else(|e| {
                broken.get_or_insert(e);
                false
            })
        });
        match (found, broken) {
            (Some((id, _)), _) => Ok(Some(self.user(id)?)),
            // A damaged hash is reported, not taken for a wrong PIN.
            (None, Some(e)) => Err(e),
            (None, None) => Ok(None),
        }
    }

    /// The active user with this id if the PIN is theirs (nothing counted: see `finish_pin_try`).
    pub(super) fn user_with_pin(&self, user_id: i64, pin: &str) -> Result<Option<User>> {
        let stored: Option<String> = self
            .conn()
            .one("SELECT pin_hash FROM users WHERE id = ?1 AND active = 1", [user_id], |r| r.get(0))
            .optional()?;
        let Some(hash) = stored else {
            return Err(StoreError::NotFound(format!("user {user_id}")));
        };
        Ok(if pin_matches(user_id, pin, &hash)? { Some(self.user(user_id)?) } else { None })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_hashed_and_checked() {
        let store = Store::open_in_memory().unwrap();
        let u = store.add_user("Maria", Role::Cashier, "1234", "setup").unwrap();
        let stored: String = store.conn().one("SELECT pin_hash FROM users", [], |r| r.get(0)).unwrap();
        assert!(stored.starts_with("$argon2"));
        assert_eq!(store.user_with_pin(u.id, "0000").unwrap(), None);
        assert_eq!(store.user_with_pin(u.id, "1234").unwrap().map(|u| u.name), Some("Maria".into()));
        assert!(matches!(store.add_user("Maria", Role::Manager, "1", "x"), Err(StoreError::Conflict(_))));
    }

    #[test]
    fn users_are_deactivated_but_never_the_last_manager() {
        let store = Store::open_in_memory().unwrap();
        let boss = store.add_user("Nikos", Role::Manager, "9999", "setup").unwrap();
        let maria = store.add_user("Maria", Role::Cashier, "1111", "setup").unwrap();
        store.set_user_active(maria.id, false, "Nikos").unwrap();
        assert_eq!(store.users().unwrap().len(), 1, "only active users may sign in");
        assert!(store.user_with_pin(maria.id, "1111").is_err());
        let staff = store.staff().unwrap();
        assert_eq!(staff.len(), 2);
        assert!(staff.iter().any(|(u, active)| u.id == maria.id && !active));
        assert!(matches!(store.set_user_active(boss.id, false, "Nikos"), Err(StoreError::Conflict(_))));
        store.set_user_active(maria.id, true, "Nikos").unwrap();
        assert_eq!(store.user_with_pin(maria.id, "1111").unwrap().map(|u| u.name), Some("Maria".into()));
        let actions: i64 = store
            .conn()
            .one("SELECT count(*) FROM audit_log WHERE action LIKE 'user.%activate'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(actions, 2);
    }
}

/// A cashier's shift at the register, with the cash float they started with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shift {
    pub id: i64,
    pub register_id: String,
    pub user_id: i64,
    pub opened_at: String,
    pub opening_float: crate::domain::Money,
}

impl Store {
    /// The user's open shift on this register, or a new one with this float.
    pub fn open_shift(
        &self,
        register_id: &str,
        user_id: i64,
        float: crate::domain::Money,
        actor: &str,
    ) -> Result<Shift> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let open: Option<(i64, String, i64)> = tx
            .one(
                "SELECT id, opened_at, opening_float_cents FROM shifts
                 WHERE register_id = ?1 AND user_id = ?2 AND closed_at IS NULL ORDER BY id DESC LIMIT 1",
                params![register_id, user_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let shift = match open {
            Some((id, opened_at, cents)) => Shift {
                id,
                register_id: register_id.to_string(),
                user_id,
                opened_at,
                opening_float: crate::domain::Money::from_cents(cents),
            },
            None => {
                let opened_at = super::now();
                tx.run(
                    "INSERT INTO shifts (register_id, user_id, opened_at, opening_float_cents) VALUES (?1, ?2, ?3, ?4)",
                    params![register_id, user_id, opened_at, float.cents()],
                )?;
                let id = tx.last_insert_rowid();
                let detail = serde_json::json!({ "float_cents": float.cents() }).to_string();
                audit::append(&tx, actor, "shift.open", &id.to_string(), &detail)?;
                Shift { id, register_id: register_id.to_string(), user_id, opened_at, opening_float: float }
            }
        };
        tx.commit()?;
        Ok(shift)
    }

    pub fn close_shift(&self, shift_id: i64, actor: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let n = tx.run(
            "UPDATE shifts SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
            params![shift_id, super::now()],
        )?;
        if n == 0 {
            return Err(StoreError::Conflict(format!("shift {shift_id} is not open")));
        }
        audit::append(&tx, actor, "shift.close", &shift_id.to_string(), "{}")?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod shift_tests {
    use super::*;
    use crate::domain::Money;

    #[test]
    fn a_shift_is_opened_once_and_closed() {
        let store = Store::open_in_memory().unwrap();
        let u = store.add_user("Maria", Role::Cashier, "1111", "setup").unwrap();
        let s1 = store.open_shift("1", u.id, Money::from_cents(5000), "Maria").unwrap();
        let s2 = store.open_shift("1", u.id, Money::ZERO, "Maria").unwrap();
        assert_eq!(s1, s2, "signing in again continues the open shift");
        store.close_shift(s1.id, "Maria").unwrap();
        assert!(store.close_shift(s1.id, "Maria").is_err());
        assert_ne!(store.open_shift("1", u.id, Money::ZERO, "Maria").unwrap().id, s1.id);
    }
}
