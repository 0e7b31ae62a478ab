//! The append-only, hash-chained audit log: every entry's hash covers the previous hash,
//! so an edited, inserted or deleted row breaks the chain where it happened.
//!
//! Redaction (key material written by older versions): the entry keeps its stored hash and
//! link, its detail is rewritten, and a later chained `audit.redact` entry names it (id, stored
//! hash, SHA-256 of the new detail). The verifier accepts a changed entry only when such a
//! later entry attests exactly that hash and that detail, so a redaction is itself in the chain
//! and nothing else may change.

use crate::store::bulk::begin;
use crate::store::cached::Cached;
use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::progress::{Phase, Progress, Ticker};
use super::{Result, Store, now};
pub use crate::domain::ChainReport;

/// The action of the entry that attests redactions.
pub const REDACT_ACTION: &str = "audit.redact";

/// Changed entries kept waiting for a later redaction to attest them before the walk stops.
const MAX_UNATTESTED: usize = 10_000;

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
        // By the largest id (one index step), not a walk from the end that the plan calls a scan.
        .one("SELECT hash FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)", [], |r| r.get(0))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(GENESIS.to_string()),
            other => Err(other),
        })?;
    let at = now();
    let hash = hash_of(&prev, &at, actor, action, subject, detail);
    conn.run(
        "INSERT INTO audit_log (at, actor, action, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![at, actor, action, subject, detail, prev, hash],
    )?;
    Ok(())
}

impl Store {
    pub fn audit(&self, actor: &str, action: &str, subject: &str, detail: &str) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        append(&tx, actor, action, subject, detail)?;
        tx.commit()?;
        Ok(())
    }

    pub fn audit_entries(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], entry_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Walks the whole chain and names the first entry that does not hold.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        self.verify_audit_chain_from(1, &|_| {})
    }

    /// Walks the chain from entry `first` (1: all of it) to its end, in one streaming read,
    /// and names the first entry that does not hold; `entries` counts those walked.
    pub fn verify_audit_chain_from(&self, first: i64, progress: Progress<'_>) -> Result<ChainReport> {
        let conn = self.conn();
        let first = first.max(1);
        let last: i64 = conn.one("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?;
        let total = u64::try_from(last - first + 1).unwrap_or(0);
        let mut expected_prev = GENESIS.to_string();
        if first > 1 {
            let before: Option<String> =
                conn.one("SELECT hash FROM audit_log WHERE id = ?1", [first - 1], |r| r.get(0)).optional()?;
            let Some(before) = before else {
                let reason = format!("entry {} is missing (next is {first})", first - 1);
                return Ok(ChainReport::Broken { entry: first - 1, reason });
            };
            expected_prev = before;
        }
        let mut stmt = conn.prepare_cached(
            "SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit_log
             WHERE id >= ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([first])?;
        let mut expected_id = first;
        let mut count = 0;
        let mut ticker = Ticker::new(Phase::AuditChain, total, progress);
        // Entries whose content does not match their hash, until a later `audit.redact` attests
        // them: id -> (stored hash, SHA-256 of the detail now stored).
        let mut changed: BTreeMap<i64, (String, String)> = BTreeMap::new();
        let first_changed = |changed: &BTreeMap<i64, (String, String)>, before: i64| {
            changed.keys().next().filter(|id| **id < before).map(|id| ChainReport::Broken {
                entry: *id,
                reason: "its content was changed after it was written".to_string(),
            })
        };
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let fields: [String; 5] = [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?];
            let prev: String = r.get(6)?;
            let hash: String = r.get(7)?;
            if id != expected_id {
                let reason = format!("entry {expected_id} is missing (next is {id})");
                let broken = ChainReport::Broken { entry: expected_id, reason };
                return Ok(first_changed(&changed, expected_id).unwrap_or(broken));
            }
            if prev != expected_prev {
                let reason = "its link to the previous entry does not match".to_string();
                let broken = ChainReport::Broken { entry: id, reason };
                return Ok(first_changed(&changed, id).unwrap_or(broken));
            }
            let [at, actor, action, subject, detail] = &fields;
            if hash_of(&prev, at, actor, action, subject, detail) != hash {
                changed.insert(id, (hash.clone(), sha256_hex(detail)));
                // Memory stays bounded on a log changed throughout: no redaction attests that many.
                if changed.len() > MAX_UNATTESTED {
                    return Ok(
                        first_changed(&changed, i64::MAX).unwrap_or(ChainReport::Intact { entries: 0 })
                    );
                }
            } else if action == REDACT_ACTION {
                for (entry, entry_hash, detail_sha) in attested(detail) {
                    if changed.get(&entry) == Some(&(entry_hash, detail_sha)) {
                        changed.remove(&entry);
                    }
                }
            }
            expected_prev = hash;
            expected_id += 1;
            count += 1;
            ticker.tick();
        }
        ticker.done();
        Ok(first_changed(&changed, i64::MAX).unwrap_or(ChainReport::Intact { entries: count }))
    }

    /// The first entry written at or after `since` (a stored timestamp), found by halving the
    /// ids: entries are appended in time order. `None` when every entry is older.
    pub fn audit_entry_since(&self, since: &str) -> Result<Option<i64>> {
        let conn = self.conn();
        let (mut low, mut high): (i64, i64) =
            conn.one("SELECT coalesce(min(id), 1), coalesce(max(id), 0) FROM audit_log", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let mut stmt = conn.prepare_cached("SELECT at FROM audit_log WHERE id >= ?1 ORDER BY id LIMIT 1")?;
        let mut found = None;
        while low <= high {
            let mid = low + (high - low) / 2;
            let at: Option<String> = stmt.query_row([mid], |r| r.get(0)).optional()?;
            match at {
                Some(at) if at.as_str() >= since => {
                    found = Some(mid);
                    high = mid - 1;
                }
                _ => low = mid + 1,
            }
        }
        Ok(found)
    }

    /// Entries whose detail contains any of `needles` (to find what older versions wrote
    /// there), in one pass over the log.
    pub fn audit_entries_containing(&self, needles: &[&str]) -> Result<Vec<AuditEntry>> {
        if needles.is_empty() {
            return Ok(Vec::new());
        }
        let any = (1..=needles.len()).map(|i| format!("instr(detail, ?{i}) > 0")).collect::<Vec<_>>();
        let sql = format!(
            "SELECT id, at, actor, action, subject, detail FROM audit_log WHERE {} ORDER BY id",
            any.join(" OR ")
        );
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(needles), entry_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// [`Store::audit_entries_containing`] among the entries after `after` only, with the last
    /// id looked at: a scan repeated at every start-up reads what is new since the last one
    /// (see [`Store::scan_mark`]), not the whole log again.
    pub fn audit_entries_containing_after(
        &self,
        needles: &[&str],
        after: i64,
    ) -> Result<(Vec<AuditEntry>, i64)> {
        let upto: i64 = self.conn().one("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?;
        if needles.is_empty() || upto <= after {
            return Ok((Vec::new(), upto.max(after)));
        }
        let any = (1..=needles.len()).map(|i| format!("instr(detail, ?{i}) > 0")).collect::<Vec<_>>();
        let (from, to) = (needles.len() + 1, needles.len() + 2);
        let sql = format!(
            "SELECT id, at, actor, action, subject, detail FROM audit_log
             WHERE id > ?{from} AND id <= ?{to} AND ({}) ORDER BY id",
            any.join(" OR ")
        );
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut args: Vec<rusqlite::types::Value> = needles.iter().map(|n| n.to_string().into()).collect();
        args.extend([after.into(), upto.into()]);
        let rows = stmt.query_map(rusqlite::params_from_iter(args), entry_from_row)?;
        Ok((rows.collect::<Result<_, _>>()?, upto))
    }

    /// The last audit id the scan `name` has read (0: none yet).
    pub fn scan_mark(&self, name: &str) -> Result<i64> {
        Ok(self
            .conn()
            .one("SELECT upto FROM scan_marks WHERE name = ?1", [name], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }

    /// Records that the scan `name` has dealt with every audit entry up to `upto`.
    pub fn set_scan_mark(&self, name: &str, upto: i64) -> Result<()> {
        self.conn().run(
            "INSERT INTO scan_marks (name, upto) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET upto = max(upto, excluded.upto)",
            params![name, upto],
        )?;
        Ok(())
    }

    /// Rewrites the details of `entries` (id, new detail) and the settings of `terminals`
    /// (name, new config) in one transaction, attested by a chained `audit.redact` entry; then
    /// empties the WAL so the old bytes leave it too (deleted content is zeroed: `secure_delete`).
    pub fn redact(
        &self,
        entries: &[(i64, String)],
        terminals: &[(String, String)],
        actor: &str,
        reason: &str,
    ) -> Result<()> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        for (name, config) in terminals {
            tx.run("UPDATE terminals SET config = ?2 WHERE name = ?1", params![name, config])?;
        }
        let mut attested = Vec::new();
        if !entries.is_empty() {
            tx.execute_batch("DROP TRIGGER audit_append_only;")?;
            for (id, detail) in entries {
                let hash: String = tx.one("SELECT hash FROM audit_log WHERE id = ?1", [id], |r| r.get(0))?;
                tx.run("UPDATE audit_log SET detail = ?2 WHERE id = ?1", params![id, detail])?;
                attested
                    .push(serde_json::json!({ "id": id, "hash": hash, "detail_sha256": sha256_hex(detail) }));
            }
            tx.execute_batch(APPEND_ONLY_TRIGGER)?;
            let detail = serde_json::json!({ "reason": reason, "entries": attested }).to_string();
            append(&tx, actor, REDACT_ACTION, "audit_log", &detail)?;
        }
        tx.commit()?;
        conn.one("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// An entry from a row selected as `id, at, actor, action, subject, detail`.
fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        subject: r.get(4)?,
        detail: r.get(5)?,
    })
}

/// The trigger of schema 1, put back after a redaction.
const APPEND_ONLY_TRIGGER: &str = "CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;";

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The (id, stored hash, detail SHA-256) triples an `audit.redact` detail attests.
fn attested(detail: &str) -> Vec<(i64, String, String)> {
    let value: serde_json::Value = serde_json::from_str(detail).unwrap_or_default();
    let entries = value.get("entries").and_then(|e| e.as_array()).cloned().unwrap_or_default();
    entries
        .iter()
        .filter_map(|e| {
            let text = |k: &str| e.get(k).and_then(|v| v.as_str()).map(str::to_string);
            Some((e.get("id")?.as_i64()?, text("hash")?, text("detail_sha256")?))
        })
        .collect()
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

    /// Runs `updates` on the log behind the store's back, its append-only trigger dropped
    /// first, as someone editing the database file would.
    fn rewrite(store: &Store, updates: &str) {
        store.conn().execute_batch(&format!("DROP TRIGGER audit_append_only; {updates}")).unwrap();
    }

    /// The first entry the verifier names as broken, and why.
    fn first_break(store: &Store) -> (i64, String) {
        match store.verify_audit_chain().unwrap() {
            ChainReport::Broken { entry, reason } => (entry, reason),
            other => panic!("not caught: {other:?}"),
        }
    }

    #[test]
    fn intact_chain_verifies() {
        let store = store_with_entries(5);
        assert_eq!(store.verify_audit_chain().unwrap(), ChainReport::Intact { entries: 5 });
    }

    #[test]
    fn an_edited_entry_is_named() {
        let store = store_with_entries(5);
        rewrite(&store, r#"UPDATE audit_log SET detail = '{"amount":1}' WHERE id = 3;"#);
        assert_eq!(first_break(&store).0, 3);
    }

    #[test]
    fn a_deleted_entry_is_named() {
        let store = store_with_entries(5);
        store.conn().execute_batch("DROP TRIGGER audit_kept; DELETE FROM audit_log WHERE id = 2;").unwrap();
        let (entry, reason) = first_break(&store);
        assert_eq!(entry, 2);
        assert!(reason.contains("missing"));
    }

    #[test]
    fn a_redaction_attested_in_the_chain_verifies_and_nothing_else_may_change() {
        let store = store_with_entries(2);
        store
            .audit("ana", "terminal.set", "t", r#"{"session_key":"00112233445566778899AABBCCDDEEFF"}"#)
            .unwrap();
        store.audit("ana", "test.action", "after", "{}").unwrap();
        store.redact(&[(3, r#"{"session_key":"***"}"#.into())], &[], "tameio", "key material").unwrap();
        assert_eq!(store.verify_audit_chain().unwrap(), ChainReport::Intact { entries: 5 });
        assert!(store.audit_entries_containing(&["0011223344"]).unwrap().is_empty());
        let last = &store.audit_entries(1).unwrap()[0];
        assert_eq!(last.action, REDACT_ACTION);
        assert!(store.conn().run("UPDATE audit_log SET actor = 'x'", []).is_err());
        // A later edit of the redacted entry is not covered by the attestation.
        rewrite(&store, r#"UPDATE audit_log SET detail = '{"session_key":"+++"}' WHERE id = 3;"#);
        assert_eq!(first_break(&store).0, 3);
    }

    #[test]
    fn a_change_without_attestation_is_named_before_a_later_break() {
        let store = store_with_entries(5);
        rewrite(
            &store,
            "UPDATE audit_log SET detail = 'x' WHERE id = 2;
             UPDATE audit_log SET prev_hash = 'y' WHERE id = 4;",
        );
        assert_eq!(first_break(&store).0, 2);
    }

    #[test]
    fn the_log_refuses_updates() {
        let store = store_with_entries(1);
        let conn = store.conn();
        assert!(conn.run("UPDATE audit_log SET actor = 'x'", []).is_err());
        assert!(conn.run("DELETE FROM audit_log", []).is_err());
    }
}
