//! Configured terminals by name; the protocol's settings are kept as JSON (never secrets).

use crate::store::bulk::begin;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, audit, now};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredTerminal {
    pub name: String,
    pub protocol: String,
    pub config: String,
}

impl Store {
    pub fn add_terminal(&self, name: &str, protocol: &str, config_json: &str, actor: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        tx.execute(
            "INSERT INTO terminals (name, protocol, config, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(name) DO UPDATE SET protocol = excluded.protocol, config = excluded.config",
            params![name, protocol, config_json, now()],
        )?;
        audit::append(&tx, actor, "terminal.set", name, config_json)?;
        tx.commit()?;
        Ok(())
    }

    pub fn remove_terminal(&self, name: &str, actor: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        if tx.execute("DELETE FROM terminals WHERE name = ?1", [name])? == 0 {
            return Err(StoreError::NotFound(format!("terminal {name}")));
        }
        audit::append(&tx, actor, "terminal.remove", name, "{}")?;
        tx.commit()?;
        Ok(())
    }

    pub fn terminals(&self) -> Result<Vec<StoredTerminal>> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT name, protocol, config FROM terminals ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(StoredTerminal { name: r.get(0)?, protocol: r.get(1)?, config: r.get(2)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn terminal(&self, name: &str) -> Result<Option<StoredTerminal>> {
        Ok(self
            .conn()
            .query_row("SELECT name, protocol, config FROM terminals WHERE name = ?1", [name], |r| {
                Ok(StoredTerminal { name: r.get(0)?, protocol: r.get(1)?, config: r.get(2)? })
            })
            .optional()?)
    }
}
