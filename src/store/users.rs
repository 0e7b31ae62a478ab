//! Users with roles and argon2-hashed PINs; wrong PINs are counted per user.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::{Result, Store, StoreError, audit};
use crate::domain::Role;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// Wrong PINs typed since the last right one.
    pub failed_pins: i64,
}

pub fn hash_pin(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Corrupt(format!("hashing a PIN: {e}")))
}

fn pin_matches(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(2)?;
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        role: Role::from_code(&role).unwrap_or(Role::Cashier),
        failed_pins: r.get(3)?,
    })
}

impl Store {
    pub fn add_user(&self, name: &str, role: Role, pin: &str, actor: &str) -> Result<User> {
        let hash = hash_pin(pin)?;
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
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
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE users SET pin_hash = ?1, failed_pins = 0 WHERE id = ?2",
            params![hash, user_id],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("user {user_id}")));
        }
        audit::append(&tx, actor, "user.pin", &user_id.to_string(), "{}")?;
        tx.commit()?;
        Ok(())
    }

    pub fn users(&self) -> Result<Vec<User>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare("SELECT id, name, role, failed_pins FROM users WHERE active = 1 ORDER BY role, name")?;
        let rows = stmt.query_map([], user_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn user(&self, id: i64) -> Result<User> {
        self.conn()
            .query_row("SELECT id, name, role, failed_pins FROM users WHERE id = ?1", [id], user_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("user {id}")))
    }

    /// Checks a PIN. `Ok(Err(failed_count))` when it is wrong; the count is kept for back-off.
    pub fn check_pin(&self, user_id: i64, pin: &str) -> Result<std::result::Result<User, i64>> {
        let stored: Option<(String, i64)> = self
            .conn()
            .query_row(
                "SELECT pin_hash, failed_pins FROM users WHERE id = ?1 AND active = 1",
                [user_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((hash, _)) = stored else {
            return Err(StoreError::NotFound(format!("user {user_id}")));
        };
        let ok = pin_matches(pin, &hash);
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        if ok {
            tx.execute("UPDATE users SET failed_pins = 0 WHERE id = ?1", [user_id])?;
        } else {
            tx.execute("UPDATE users SET failed_pins = failed_pins + 1 WHERE id = ?1", [user_id])?;
            audit::append(&tx, "-", "user.pin_wrong", &user_id.to_string(), "{}")?;
        }
        let user = tx.query_row(
            "SELECT id, name, role, failed_pins FROM users WHERE id = ?1",
            [user_id],
            user_from_row,
        )?;
        tx.commit()?;
        Ok(if ok { Ok(user) } else { Err(user.failed_pins) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_hashed_and_checked() {
        let store = Store::open_in_memory().unwrap();
        let u = store.add_user("Maria", Role::Cashier, "1234", "setup").unwrap();
        let stored: String = store.conn().query_row("SELECT pin_hash FROM users", [], |r| r.get(0)).unwrap();
        assert!(stored.starts_with("$argon2"));
        assert_eq!(store.check_pin(u.id, "0000").unwrap(), Err(1));
        assert_eq!(store.check_pin(u.id, "0000").unwrap(), Err(2));
        assert_eq!(store.check_pin(u.id, "1234").unwrap().map(|u| u.failed_pins), Ok(0));
        assert!(matches!(store.add_user("Maria", Role::Manager, "1", "x"), Err(StoreError::Conflict(_))));
    }
}
