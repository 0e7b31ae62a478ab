//! The append-only, hash-chained audit log: every entry's hash covers the previous hash,
//! so an edited, inserted or deleted row breaks the chain where it happened.

use rusqlite::{Connection, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{Result, Store, now};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// What `db check` found in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ChainReport {
    Intact {
        entries: i64,
    },
    /// The first entry whose stored hash or link does not match.
    Broken {
        entry: i64,
        reason: String,
    },
}

fn hash_of(prev: &str, at: &str, actor: &str, action: &str, subject: &str, detail: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, actor, action, subject, detail] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Appends an entry inside the caller's transaction, so it commits with what it records.
pub(crate) fn append(
    conn: &Connection,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    let prev: String = conn
        .query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(GENESIS.to_string()),
            other => Err(other),
        })?;
    let at = now();
    let hash = hash_of(&prev, &at, actor, action, subject, detail);
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![at, actor, action, subject, detail, prev, hash],
    )?;
    Ok(())
}

impl Store {
    pub fn audit(&self, actor: &str, action: &str, subject: &str, detail: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        append(&tx, actor, action, subject, detail)?;
        tx.commit()?;
        Ok(())
    }

    pub fn audit_entries(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Walks the whole chain and names the first entry that does not hold.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut expected_prev = GENESIS.to_string();
        let mut expected_id = 1_i64;
        let mut count = 0;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let fields: [String; 5] = [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?];
            let prev: String = r.get(6)?;
            let hash: String = r.get(7)?;
            if id != expected_id {
                let reason = format!("entry {expected_id} is missing (next is {id})");
                return Ok(ChainReport::Broken { entry: expected_id, reason });
            }
            if prev != expected_prev {
                let reason = "its link to the previous entry does not match".to_string();
                return Ok(ChainReport::Broken { entry: id, reason });
            }
            let [at, actor, action, subject, detail] = &fields;
            if hash_of(&prev, at, actor, action, subject, detail) != hash {
                let reason = "its content was changed after it was written".to_string();
                return Ok(ChainReport::Broken { entry: id, reason });
            }
            expected_prev = hash;
            expected_id += 1;
            count += 1;
        }
        Ok(ChainReport::Intact { entries: count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_entries(n: usize) -> Store {
        let store = Store::open_in_memory().unwrap();
        for i in 0..n {
            store.audit("ana", "test.action", &format!("s{i}"), "{}").unwrap();
        }
        store
    }

    #[test]
    fn intact_chain_verifies() {
        let store = store_with_entries(5);
        assert_eq!(store.verify_audit_chain().unwrap(), ChainReport::Intact { entries: 5 });
    }

    #[test]
    fn an_edited_entry_is_named() {
        let store = store_with_entries(5);
        {
            let conn = store.conn();
            conn.execute_batch(
                "DROP TRIGGER audit_append_only;
                 UPDATE audit_log SET detail = '{\"amount\":1}' WHERE id = 3;",
            )
            .unwrap();
        }
        match store.verify_audit_chain().unwrap() {
            ChainReport::Broken { entry, .. } => assert_eq!(entry, 3),
            other => panic!("not caught: {other:?}"),
        }
    }

    #[test]
    fn a_deleted_entry_is_named() {
        let store = store_with_entries(5);
        {
            let conn = store.conn();
            conn.execute_batch("DROP TRIGGER audit_kept; DELETE FROM audit_log WHERE id = 2;").unwrap();
        }
        match store.verify_audit_chain().unwrap() {
            ChainReport::Broken { entry, reason } => {
                assert_eq!(entry, 2);
                assert!(reason.contains("missing"));
            }
            other => panic!("not caught: {other:?}"),
        }
    }

    #[test]
    fn the_log_refuses_updates() {
        let store = store_with_entries(1);
        let conn = store.conn();
        assert!(conn.execute("UPDATE audit_log SET actor = 'x'", []).is_err());
        assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    }
}
