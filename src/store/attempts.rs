//! The payment journal on SQLite: `terminal::session` writes every attempt here, committed
//! (synchronous=FULL) before a byte is sent and after every change of state.

use crate::store::bulk::begin;
use crate::store::cached::Cached;
use rusqlite::{Connection, OptionalExtension, params};
use uuid::Uuid;

use super::error::{corrupt, not_a_time, unknown, unreadable};
use super::{Store, StoreError, audit, now};
use crate::domain::{Money, time};
use crate::terminal::{Attempt, AttemptState, Journal, JournalError, Outcome, PaymentKind, Protocol};

/// A result the terminal gave that matched no attempt: kept and shown, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnmatchedResult {
    pub id: i64,
    pub terminal: String,
    pub outcome: Outcome,
    pub evidence: String,
    pub at: String,
}

fn storage(e: impl std::fmt::Display) -> JournalError {
    JournalError::Storage(e.to_string())
}

pub(super) const COLUMNS: &str = "id, terminal, protocol, kind, amount_cents, order_id, reference, state, created_at, outcome, note, updated_at";

/// An attempt row as SQLite holds it, before its codes are checked.
pub(super) struct AttemptRow {
    id: String,
    terminal: String,
    protocol: String,
    kind: String,
    amount_cents: i64,
    order_id: Option<i64>,
    reference: String,
    state: String,
    created_at: String,
    outcome: Option<String>,
    note: String,
    updated_at: String,
}

pub(super) fn attempt_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttemptRow> {
    Ok(AttemptRow {
        id: r.get(0)?,
        terminal: r.get(1)?,
        protocol: r.get(2)?,
        kind: r.get(3)?,
        amount_cents: r.get(4)?,
        order_id: r.get(5)?,
        reference: r.get(6)?,
        state: r.get(7)?,
        created_at: r.get(8)?,
        outcome: r.get(9)?,
        note: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

impl AttemptRow {
    /// The attempt, or the first value that is not what was written: never a guess.
    pub(super) fn decode(self) -> Result<Attempt, StoreError> {
        let row = format!("attempt {}", self.id);
        let id = Uuid::parse_str(&self.id).map_err(|_| corrupt(&row, "id", "is not a uuid"))?;
        let protocol = Protocol::from_code(&self.protocol)
            .ok_or_else(|| corrupt(&row, "protocol", unknown(&self.protocol)))?;
        let kind =
            PaymentKind::from_code(&self.kind).ok_or_else(|| corrupt(&row, "kind", unknown(&self.kind)))?;
        let state = AttemptState::from_code(&self.state)
            .ok_or_else(|| corrupt(&row, "state", unknown(&self.state)))?;
        for (column, value) in [("created_at", &self.created_at), ("updated_at", &self.updated_at)] {
            if time::instant_in(value, &chrono::Local).is_none() {
                return Err(corrupt(&row, column, not_a_time(value)));
            }
        }
        let outcome: Option<Outcome> = self
            .outcome
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| corrupt(&row, "outcome", unreadable(e)))?;
        Ok(Attempt {
            id,
            terminal: self.terminal,
            protocol,
            kind,
            amount: Money::from_cents(self.amount_cents),
            order_id: self.order_id,
            reference: self.reference,
            state,
            created_at: self.created_at,
            outcome,
            note: self.note,
        })
    }
}

/// Every attempt the query yields, failing on the first damaged one.
fn decode_all(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<Attempt>, StoreError> {
    let rows = stmt.query_map(params, attempt_row)?;
    rows.map(|r| r.map_err(StoreError::from).and_then(AttemptRow::decode)).collect()
}

fn event(conn: &Connection, id: Uuid, state: AttemptState, note: &str) -> rusqlite::Result<()> {
    conn.run(
        "INSERT INTO attempt_events (attempt_id, at, state, note) VALUES (?1, ?2, ?3, ?4)",
        params![id.to_string(), now(), state.code(), note],
    )?;
    Ok(())
}

fn update_state(conn: &Connection, id: Uuid, state: AttemptState, note: &str) -> Result<(), JournalError> {
    let n = conn
        .run(
            "UPDATE attempts SET state = ?2, note = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.to_string(), state.code(), note, now()],
        )
        .map_err(storage)?;
    if n == 0 {
        return Err(JournalError::NotFound(id));
    }
    event(conn, id, state, note).map_err(storage)
}

impl Journal for Store {
    fn recorded_results(&self, terminal: &str, limit: usize) -> Result<Vec<(String, Outcome)>, JournalError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT id, reference, outcome FROM attempts
                 WHERE terminal = ?1 AND outcome IS NOT NULL AND trim(reference) <> ''
                 ORDER BY created_at DESC, id DESC LIMIT ?2",
            )
            .map_err(storage)?;
        let rows = stmt
            .query_map(params![terminal, limit as i64], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .map_err(storage)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, reference, outcome) = row.map_err(storage)?;
            let outcome = serde_json::from_str(&outcome)
                .map_err(|e| JournalError::Storage(format!("attempt {id}: outcome unreadable ({e})")))?;
            out.push((reference.trim().to_string(), outcome));
        }
        Ok(out)
    }

    fn prepare(&self, a: &Attempt) -> Result<(), JournalError> {
        let created_at = super::utc::normalize(&a.created_at).ok_or_else(|| {
            JournalError::Storage(format!("attempt {}: created_at {}", a.id, not_a_time(&a.created_at)))
        })?;
        let mut conn = self.conn();
        let tx = begin(&mut conn).map_err(storage)?;
        tx.run(
            "INSERT INTO attempts (id, terminal, protocol, kind, amount_cents, order_id, reference, state, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'prepared', ?8, ?9, ?10)",
            params![
                a.id.to_string(),
                a.terminal,
                a.protocol.code(),
                a.kind.code(),
                a.amount.cents(),
                a.order_id,
                a.reference,
                a.note,
                created_at,
                now()
            ],
        )
        .map_err(storage)?;
        event(&tx, a.id, AttemptState::Prepared, "").map_err(storage)?;
        tx.commit().map_err(storage)
    }

    fn set_state(&self, id: Uuid, state: AttemptState, note: &str) -> Result<(), JournalError> {
        let mut conn = self.conn();
        let tx = begin(&mut conn).map_err(storage)?;
        update_state(&tx, id, state, note)?;
        tx.commit().map_err(storage)
    }

    fn finish(&self, id: Uuid, outcome: &Outcome) -> Result<(), JournalError> {
        let state = AttemptState::from_outcome(outcome);
        let json = serde_json::to_string(outcome).map_err(storage)?;
        let mut conn = self.conn();
        let tx = begin(&mut conn).map_err(storage)?;
        // Only an open attempt takes an outcome: a late answer never overwrites one already
        // recorded (or a manager's decision).
        let n = tx
            .run(
                "UPDATE attempts SET state = ?2, outcome = ?3, updated_at = ?4
                 WHERE id = ?1 AND state IN ('prepared', 'sent', 'unknown')",
                params![id.to_string(), state.code(), json, now()],
            )
            .map_err(storage)?;
        if n == 0 {
            let found: Option<String> = tx
                .one("SELECT state FROM attempts WHERE id = ?1", [id.to_string()], |r| r.get(0))
                .optional()
                .map_err(storage)?;
            return Err(match found {
                Some(now) => JournalError::Storage(format!("attempt {id} is {now} already")),
                None => JournalError::NotFound(id),
            });
        }
        event(&tx, id, state, "").map_err(storage)?;
        tx.commit().map_err(storage)
    }

    fn open_attempts(&self, terminal: Option<&str>) -> Result<Vec<Attempt>, JournalError> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM attempts
                 WHERE state IN ('prepared', 'sent', 'unknown') AND (?1 IS NULL OR terminal = ?1)
                 ORDER BY created_at, id"
            ))
            .map_err(storage)?;
        decode_all(&mut stmt, [terminal]).map_err(storage)
    }

    fn recent_outcomes(
        &self,
        terminal: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(Uuid, Outcome)>, JournalError> {
        let conn = self.conn();
        // One statement per case: `?1 IS NULL OR terminal = ?1` would keep SQLite from the
        // terminal's index and walk every attempt of every terminal.
        let sql = match terminal {
            Some(_) => {
                "SELECT id, outcome FROM attempts WHERE terminal = ?1 AND outcome IS NOT NULL
                 ORDER BY created_at DESC, id DESC LIMIT ?2"
            }
            None => {
                "SELECT id, outcome FROM attempts WHERE ?1 IS NULL AND outcome IS NOT NULL
                 ORDER BY created_at DESC, id DESC LIMIT ?2"
            }
        };
        let mut stmt = conn.prepare_cached(sql).map_err(storage)?;
        let rows = stmt
            .query_map(params![terminal, limit as i64], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(storage)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, outcome) = row.map_err(storage)?;
            // A damaged row could be the very result now being matched: refuse, never skip it.
            let row = format!("attempt {id}");
            let uuid = Uuid::parse_str(&id).map_err(|_| storage(corrupt(&row, "id", "is not a uuid")))?;
            let outcome = serde_json::from_str(&outcome)
                .map_err(|e| storage(corrupt(&row, "outcome", unreadable(e))))?;
            out.push((uuid, outcome));
        }
        Ok(out)
    }

    fn record_unmatched(
        &self,
        terminal: &str,
        outcome: &Outcome,
        evidence: &str,
    ) -> Result<(), JournalError> {
        let json = serde_json::to_string(outcome).map_err(storage)?;
        let mut conn = self.conn();
        let tx = begin(&mut conn).map_err(storage)?;
        // Asked again (each recovery run asks ECR17 `G` anew), the terminal repeats the same
        // result: it is kept once, not once per asking.
        let kept: bool = tx
            .one(
                "SELECT EXISTS (SELECT 1 FROM unmatched_results WHERE terminal = ?1 AND outcome = ?2 AND resolved = 0)",
                params![terminal, json],
                |r| r.get(0),
            )
            .map_err(storage)?;
        if kept {
            return Ok(());
        }
        // Fault mode: a payment a manager booked by hand while the link was down comes back
        // when the terminal resends its results; it is reconciled, not a stray result.
        let manual_tender: Option<i64> = match outcome {
            Outcome::Approved(a) if !a.auth_code.is_empty() => tx
                .one(
                    "SELECT id FROM tenders WHERE kind = 'card' AND attempt_id IS NULL AND json_extract(card, '$.manual') = 1
                       AND json_extract(card, '$.auth_code') = ?1 AND json_extract(card, '$.terminal_id') = ?2",
                    params![a.auth_code, a.terminal_id],
                    |r| r.get(0),
                )
                .optional()
                .map_err(storage)?,
            _ => None,
        };
        tx.run(
            "INSERT INTO unmatched_results (terminal, outcome, evidence, at, resolved) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![terminal, json, evidence, now(), manual_tender.is_some()],
        )
        .map_err(storage)?;
        match manual_tender {
            Some(tender) => {
                let detail = serde_json::json!({ "tender": tender, "outcome": outcome }).to_string();
                audit::append(&tx, "terminal", "card.manual.reconciled", terminal, &detail)
                    .map_err(storage)?
            }
            None => audit::append(&tx, "terminal", "attempt.unmatched", terminal, &json).map_err(storage)?,
        }
        tx.commit().map_err(storage)
    }

    /// A manager's decision: the outcome, the state and the audit entry in one transaction.
    fn force(&self, id: Uuid, outcome: &Outcome, by_whom: &str) -> Result<(), JournalError> {
        let state = AttemptState::from_outcome(outcome);
        let json = serde_json::to_string(outcome).map_err(storage)?;
        let mut conn = self.conn();
        let tx = begin(&mut conn).map_err(storage)?;
        let before: Option<String> = tx
            .one("SELECT state FROM attempts WHERE id = ?1", [id.to_string()], |r| r.get(0))
            .optional()
            .map_err(storage)?;
        let Some(before) = before else { return Err(JournalError::NotFound(id)) };
        tx.run("UPDATE attempts SET outcome = ?2 WHERE id = ?1", params![id.to_string(), json])
            .map_err(storage)?;
        update_state(&tx, id, state, &format!("forced by {by_whom}"))?;
        let detail = serde_json::json!({ "from": before, "to": state.code(), "outcome": outcome });
        audit::append(&tx, by_whom, "attempt.force", &id.to_string(), &detail.to_string())
            .map_err(storage)?;
        tx.commit().map_err(storage)
    }
}

impl Store {
    pub fn attempt(&self, id: Uuid) -> Result<Attempt, StoreError> {
        self.conn()
            .one(&format!("SELECT {COLUMNS} FROM attempts WHERE id = ?1"), [id.to_string()], attempt_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("attempt {id}")))?
            .decode()
    }

    pub fn attempts_of_order(&self, order_id: i64) -> Result<Vec<Attempt>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {COLUMNS} FROM attempts WHERE order_id = ?1 ORDER BY id"))?;
        decode_all(&mut stmt, [order_id])
    }

    pub fn recent_attempts(&self, limit: i64) -> Result<Vec<Attempt>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached(&format!("SELECT {COLUMNS} FROM attempts ORDER BY id DESC LIMIT ?1"))?;
        decode_all(&mut stmt, [limit])
    }

    pub fn unmatched_results(&self) -> Result<Vec<UnmatchedResult>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT id, terminal, outcome, evidence, at FROM unmatched_results WHERE resolved = 0 ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let outcome: String = r.get(2)?;
            Ok((r.get(0)?, r.get(1)?, outcome, r.get(3)?, r.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, terminal, outcome, evidence, at): (i64, String, String, String, String) = row?;
            let outcome = serde_json::from_str(&outcome)
                .map_err(|e| corrupt(&format!("unmatched result {id}"), "outcome", unreadable(e)))?;
            out.push(UnmatchedResult { id, terminal, outcome, evidence, at });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_move_through_their_states_durably() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.db");
        let a = Attempt::sample("front");
        {
            let store = Store::open(&path).unwrap();
            store.prepare(&a).unwrap();
            store.set_state(a.id, AttemptState::Sent, "").unwrap();
        }
        // A new process sees the attempt as open: it must be recovered before anything else.
        let store = Store::open(&path).unwrap();
        let open = store.open_attempts(Some("front")).unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].state, AttemptState::Sent);
        assert_eq!(open[0].amount, a.amount);
        let outcome = Outcome::declined("05", "do not honour");
        store.finish(a.id, &outcome).unwrap();
        assert!(store.open_attempts(None).unwrap().is_empty());
        assert_eq!(store.attempt(a.id).unwrap().outcome, Some(outcome));
    }

    #[test]
    fn forcing_is_audited_and_unmatched_results_are_kept() {
        let store = Store::open_in_memory().unwrap();
        let a = Attempt::sample("front");
        store.prepare(&a).unwrap();
        store.set_state(a.id, AttemptState::Unknown, "lost").unwrap();
        let outcome = Outcome::Cancelled { message: "not charged".into() };
        store.force(a.id, &outcome, "Nikos").unwrap();
        assert_eq!(store.attempt(a.id).unwrap().state, AttemptState::Cancelled);
        let log = store.audit_entries(5).unwrap();
        assert!(log.iter().any(|e| e.action == "attempt.force" && e.actor == "Nikos"));
        store.record_unmatched("front", &outcome, "G answered 9,99").unwrap();
        store.record_unmatched("front", &outcome, "G answered 9,99 again").unwrap();
        assert_eq!(store.unmatched_results().unwrap().len(), 1, "the same result is kept once");
        assert!(matches!(store.force(Uuid::now_v7(), &outcome, "x"), Err(JournalError::NotFound(_))));
    }
}
