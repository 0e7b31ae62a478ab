//! UTC in the store: the clock every row is stamped with, and schema 2, which turns the local
//! times without offset of older databases into UTC so that text order is time order again.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Transaction, params};

use super::{Result, audit};
use crate::domain::time;

/// The schema version whose migration runs [`to_utc`].
pub(super) const SCHEMA: i64 = 2;

/// Time columns by table. The audit log keeps the times it was written with: its hash chain
/// covers them, and it is ordered by id, not time.
pub(super) const COLUMNS: &[(&str, &[&str])] = &[
    ("shifts", &["opened_at", "closed_at"]),
    ("orders", &["created_at", "updated_at"]),
    ("attempts", &["created_at", "updated_at"]),
    ("attempt_events", &["at"]),
    ("unmatched_results", &["at"]),
    ("tenders", &["created_at"]),
    ("receipts", &["issued_at"]),
    ("reprints", &["at"]),
    ("deferred_receipts", &["expires_at", "created_at", "updated_at"]),
    ("batch_closures", &["closed_at"]),
    ("terminals", &["created_at"]),
];

thread_local! {
    /// A fixed clock for this thread: tests replaying a DST change, the data generator writing
    /// years of history. Unset in the register, whose rows get the real time.
    static CLOCK: std::cell::Cell<Option<DateTime<Utc>>> = const { std::cell::Cell::new(None) };
}

/// Stamps rows written on this thread from now on with `at` (`None`: the real clock again).
/// Only tests and the data generator (`examples/grow`) set it; the register never does.
pub fn set_clock(at: Option<DateTime<Utc>>) {
    CLOCK.with(|c| c.set(at));
}

pub(super) fn now_utc() -> DateTime<Utc> {
    CLOCK.with(std::cell::Cell::get).unwrap_or_else(Utc::now)
}

/// A time handed to the store by a caller (RFC 3339 with any offset, or local wall-clock time)
/// in its stored form; `None` when it is not a time.
pub(super) fn normalize(value: &str) -> Option<String> {
    time::instant_in(value, &chrono::Local).map(time::stamp)
}

/// What schema 2 changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Converted {
    pub values: usize,
    /// Values that are no time at all, left as they were for `db check` to name.
    pub unreadable: usize,
}

/// Rewrites every stored time as UTC; values without offset are wall-clock time in `tz`.
/// Receipt bodies keep the time printed on them (their hash seals them).
pub(super) fn to_utc<Tz: TimeZone>(tx: &Transaction<'_>, tz: &Tz) -> Result<Converted> {
    let mut done = Converted::default();
    tx.execute_batch("DROP TRIGGER IF EXISTS receipts_immutable")?;
    for (table, columns) in COLUMNS {
        for column in *columns {
            convert_column(tx, table, column, tz, &mut done)?;
        }
    }
    tx.execute_batch(
        "CREATE TRIGGER receipts_immutable BEFORE UPDATE ON receipts
         BEGIN SELECT RAISE(ABORT, 'receipts are immutable'); END;",
    )?;
    if done.values > 0 || done.unreadable > 0 {
        let detail =
            serde_json::json!({ "schema": SCHEMA, "to_utc": done.values, "unreadable": done.unreadable });
        audit::append(tx, "tameio", "db.migrate", &format!("schema {SCHEMA}"), &detail.to_string())?;
    }
    Ok(done)
}

fn convert_column<Tz: TimeZone>(
    tx: &Transaction<'_>,
    table: &str,
    column: &str,
    tz: &Tz,
    done: &mut Converted,
) -> Result<()> {
    let rows: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL ORDER BY rowid"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut previous: Option<DateTime<Utc>> = None;
    for (rowid, value) in rows {
        let at = match DateTime::parse_from_rfc3339(&value) {
            Ok(t) => Some(t.with_timezone(&Utc)),
            Err(_) => time::parse_wall(&value).and_then(|w| pick(&time::candidates_in(w, tz), previous)),
        };
        let Some(at) = at else {
            tracing::warn!(table, column, rowid, value, "not a time; left for db check");
            done.unreadable += 1;
            continue;
        };
        previous = Some(at);
        let stamped = time::stamp(at);
        if stamped != value {
            tx.execute(
                &format!("UPDATE {table} SET {column} = ?2 WHERE rowid = ?1"),
                params![rowid, stamped],
            )?;
            done.values += 1;
        }
    }
    Ok(())
}

/// Rows were written in time order: in the repeated hour, the first pass unless the row
/// before is already past it.
fn pick(candidates: &[DateTime<Utc>], previous: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    candidates
        .iter()
        .copied()
        .find(|t| previous.is_none_or(|p| *t >= p))
        .or_else(|| candidates.last().copied())
}

#[cfg(test)]
mod tests;
