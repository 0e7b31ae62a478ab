//! What the terminal's results do to preloads: a paid one is booked in one transaction; one
//! that books nothing is kept for a manager, never acknowledged to the terminal, one row
//! however often the terminal offers it again.

use crate::store::bulk::begin;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::super::{Result, Store, StoreError, audit, now, orders};
use crate::domain::{Receipt, Tender};
use crate::terminal::{AttemptState, Outcome};

/// A kept result: which terminal, under which reference, what it said and why it is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmatchedDeferred {
    pub id: i64,
    pub terminal: String,
    /// The reference the result carried (AADE 1155: its session; `POSTXN` when none).
    pub reference: String,
    pub outcome: Outcome,
    pub evidence: String,
    pub first_seen: String,
    pub last_seen: String,
    /// How many refreshes the terminal offered it in.
    pub times_seen: i64,
}

/// The same result offered again has the same fingerprint (reference and the approval's keys).
fn fingerprint(reference: &str, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Approved(a) => {
            format!("{reference}|approved|{}|{}|{}|{}|{}", a.terminal_id, a.stan, a.rrn, a.auth_code, a.when)
        }
        Outcome::Declined { code, .. } => format!("{reference}|declined|{code}"),
        Outcome::Cancelled { .. } => format!("{reference}|cancelled"),
    }
}

impl Store {
    /// Books a paid preload in one transaction: its card tender (issuing the receipt when it
    /// covers the order) and the row marked paid.
    pub fn book_deferred_card(
        &self,
        register_id: &str,
        id: i64,
        tender: &Tender,
        actor: &str,
    ) -> Result<Option<Receipt>> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let (order_id, state): (i64, String) =
            tx.query_row("SELECT order_id, state FROM deferred_receipts WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if state != "waiting" {
            return Err(StoreError::Conflict(format!("deferred receipt {id} is no longer waiting")));
        }
        let receipt = orders::apply_tender(&tx, register_id, order_id, tender, actor)?;
        tx.execute(
            "UPDATE deferred_receipts SET state = 'paid', updated_at = ?2 WHERE id = ?1",
            params![id, now()],
        )?;
        audit::append(&tx, actor, "deferred.state", &id.to_string(), "{\"state\":\"paid\"}")?;
        tx.commit()?;
        Ok(receipt)
    }

    /// The states and outcomes of this register's payment attempts on `terminal` under
    /// `reference` (a result a refresh meets may be a payment's, not a preload's).
    pub fn attempts_by_reference(
        &self,
        terminal: &str,
        reference: &str,
    ) -> Result<Vec<(AttemptState, Option<Outcome>)>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, state, outcome FROM attempts WHERE terminal = ?1 AND reference = ?2 ORDER BY created_at DESC",
        )?;
        let rows = stmt.query_map(params![terminal, reference], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, state, outcome) = row?;
            let damaged = |what: &str| StoreError::Corrupt(format!("attempt {id}: {what}"));
            let state = AttemptState::from_code(&state)
                .ok_or_else(|| damaged(&format!("state '{state}' unknown")))?;
            let outcome = match outcome {
                Some(json) => Some(
                    serde_json::from_str(&json).map_err(|e| damaged(&format!("outcome unreadable ({e})")))?,
                ),
                None => None,
            };
            out.push((state, outcome));
        }
        Ok(out)
    }

    /// Keeps a result no waiting preload can take (first sight audited); seen again, only its
    /// count, time and evidence move.
    pub fn keep_unmatched_deferred(
        &self,
        terminal: &str,
        reference: &str,
        outcome: &Outcome,
        evidence: &str,
    ) -> Result<UnmatchedDeferred> {
        let json = serde_json::to_string(outcome)?;
        let key = fingerprint(reference, outcome);
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let at = now();
        let known: Option<i64> = tx
            .query_row(
                "SELECT id FROM deferred_unmatched WHERE terminal = ?1 AND fingerprint = ?2",
                params![terminal, key],
                |r| r.get(0),
            )
            .optional()?;
        let id = match known {
            Some(id) => {
                tx.execute(
                    "UPDATE deferred_unmatched SET last_seen = ?2, times_seen = times_seen + 1, evidence = ?3
                     WHERE id = ?1",
                    params![id, at, evidence],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO deferred_unmatched
                       (terminal, reference, fingerprint, outcome, evidence, first_seen, last_seen)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                    params![terminal, reference, key, json, evidence, at],
                )?;
                let id = tx.last_insert_rowid();
                let detail = serde_json::json!({ "terminal": terminal, "reference": reference, "outcome": outcome, "evidence": evidence });
                audit::append(&tx, "terminal", "deferred.unmatched", &id.to_string(), &detail.to_string())?;
                id
            }
        };
        let row = tx.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)?;
        tx.commit()?;
        row
    }

    /// Kept results not yet settled by a manager, newest first.
    pub fn unmatched_deferred(&self) -> Result<Vec<UnmatchedDeferred>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare(&format!("{SELECT} WHERE resolved_at IS NULL ORDER BY last_seen DESC, id DESC"))?;
        let rows = stmt.query_map([], from_row)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row??);
        }
        Ok(out)
    }

    /// The id of a manual card tender (fault mode) this approval is the terminal's copy of.
    pub fn manual_card_tender(&self, terminal_id: &str, auth_code: &str) -> Result<Option<i64>> {
        if auth_code.trim().is_empty() {
            return Ok(None);
        }
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM tenders WHERE kind = 'card' AND attempt_id IS NULL AND json_extract(card, '$.manual') = 1
                   AND json_extract(card, '$.auth_code') = ?1 AND json_extract(card, '$.terminal_id') = ?2",
                params![auth_code, terminal_id],
                |r| r.get(0),
            )
            .optional()?)
    }
}

const SELECT: &str = "SELECT id, terminal, reference, outcome, evidence, first_seen, last_seen, times_seen
    FROM deferred_unmatched";

/// The row; an outcome that no longer parses is an error naming the row.
fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<UnmatchedDeferred>> {
    let id: i64 = r.get(0)?;
    let outcome: String = r.get(3)?;
    let outcome = match serde_json::from_str(&outcome) {
        Ok(o) => o,
        Err(e) => {
            let problem = format!("unmatched deferred result {id}: outcome unreadable ({e})");
            return Ok(Err(StoreError::Corrupt(problem)));
        }
    };
    Ok(Ok(UnmatchedDeferred {
        id,
        terminal: r.get(1)?,
        reference: r.get(2)?,
        outcome,
        evidence: r.get(4)?,
        first_seen: r.get(5)?,
        last_seen: r.get(6)?,
        times_seen: r.get(7)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terminal::Approval;

    #[test]
    fn a_result_offered_twice_is_kept_once_and_counted() {
        let store = Store::open_in_memory().unwrap();
        let paid = Outcome::Approved(Approval {
            stan: "7".into(),
            auth_code: "123456".into(),
            ..Approval::default()
        });
        let first = store.keep_unmatched_deferred("front", "POSTXN", &paid, "matches no preload").unwrap();
        let again = store.keep_unmatched_deferred("front", "POSTXN", &paid, "still no preload").unwrap();
        assert_eq!((first.id, again.times_seen, again.evidence.as_str()), (again.id, 2, "still no preload"));
        let other = Outcome::declined("33", "declined");
        store.keep_unmatched_deferred("front", "000042", &other, "x").unwrap();
        assert_eq!(store.unmatched_deferred().unwrap().len(), 2);
        let log = store.audit_entries(10).unwrap();
        assert_eq!(log.iter().filter(|e| e.action == "deferred.unmatched").count(), 2, "first sight only");
    }
}
