//! The check that no issued receipt was changed: each body against its hash and its
//! `receipt.issue` audit entry, and the numbers without a gap. One streaming read of the
//! receipts and one index lookup into the audit log per receipt; `--quick` reads only the
//! receipts of the last days.

use crate::store::cached::Cached;
use rusqlite::{Connection, params};

use super::progress::{Findings, Phase, Progress, Ticker};
use super::receipts::body_hash;
use super::{Result, Store};
use crate::domain::Money;

/// What the seal check reads of a body: its number and total (the rest of it is read by the
/// row check of `db check`; skipping it here halves the seal check's parsing).
#[derive(serde::Deserialize)]
struct Head {
    number: i64,
    total: Money,
}

/// The seal check of one register's receipts numbered `from` on (the whole sequence: 1).
const SEALS: &str = "SELECT r.number, r.body, r.body_sha256, r.total_cents,
        (SELECT a.detail FROM audit_log a WHERE a.action = 'receipt.issue'
           AND a.subject = r.register_id || '/' || r.number)
   FROM receipts r WHERE r.register_id = ?1 AND r.number >= ?2 ORDER BY r.number";

/// What the seal check found, and over how many receipts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seals {
    pub problems: Vec<String>,
    pub checked: u64,
}

impl Store {
    /// Receipts whose stored body no longer matches its hash or its audit entry.
    pub fn verify_receipts(&self) -> Result<Vec<String>> {
        Ok(self.verify_receipts_since(None, &|_| {})?.problems)
    }

    /// [`Store::verify_receipts`] over every register's receipts, or only those from the
    /// first one issued at or after `since` (a stored timestamp) on, telling `progress`.
    pub fn verify_receipts_since(&self, since: Option<&str>, progress: Progress<'_>) -> Result<Seals> {
        let conn = self.conn();
        let mut windows = Vec::new();
        for register in registers(&conn, since.is_none())? {
            // The recent tail: back from the newest receipt to the first one issued before
            // `since`. A receipt whose clock was wrong ends the tail early, never widens it.
            let first = match since {
                None => Some(1),
                Some(since) => conn.one(
                    "SELECT coalesce((SELECT number FROM receipts WHERE register_id = ?1 AND issued_at < ?2
                                      ORDER BY number DESC LIMIT 1), 0) + 1",
                    params![register, since],
                    |r| r.get::<_, Option<i64>>(0),
                )?,
            };
            if let Some(first) = first {
                let last: i64 = conn.one(
                    "SELECT coalesce(max(number), 0) FROM receipts WHERE register_id = ?1",
                    [&register],
                    |r| r.get(0),
                )?;
                windows.push((register, first, last));
            }
        }
        let total = windows.iter().map(|(_, first, last)| u64::try_from(last - first + 1).unwrap_or(0)).sum();
        let mut ticker = Ticker::new(Phase::Receipts, total, progress);
        let mut found = Findings::default();
        for (register, first, _) in &windows {
            check_register(&conn, register, *first, &mut found, &mut ticker)?;
        }
        let checked = ticker.count();
        ticker.done();
        Ok(Seals { problems: found.into_list(), checked })
    }
}

/// The registers whose receipts are checked: every one in the table for a whole check (a
/// streaming read of an index), the counters' (one row per register) for a quick one.
fn registers(conn: &Connection, whole: bool) -> Result<Vec<String>> {
    let sql = match whole {
        true => "SELECT DISTINCT register_id FROM receipts ORDER BY register_id",
        false => "SELECT register_id FROM receipt_counters ORDER BY register_id",
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn check_register(
    conn: &Connection,
    register: &str,
    first: i64,
    found: &mut Findings,
    ticker: &mut Ticker<'_>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(SEALS)?;
    let mut rows = stmt.query(params![register, first])?;
    // The receipt before the window is there (a whole check starts at 1).
    let mut last: Option<i64> = match first {
        1 => None,
        _ => Some(first - 1),
    };
    if let Some(before) = last {
        let there: bool = conn.one(
            "SELECT EXISTS (SELECT 1 FROM receipts WHERE register_id = ?1 AND number = ?2)",
            params![register, before],
            |r| r.get(0),
        )?;
        if !there {
            found.push(format!("register {register}: receipt {before} is missing"));
        }
    }
    while let Some(r) = rows.next()? {
        ticker.tick();
        let number: i64 = r.get(0)?;
        let (body, sha, total): (String, String, i64) = (r.get(1)?, r.get(2)?, r.get(3)?);
        let audit: Option<String> = r.get(4)?;
        if body_hash(&body) != sha {
            found.push(format!("receipt {register}/{number}: its content was changed after it was issued"));
        } else if !audit.as_deref().is_some_and(|a| a.contains(&sha)) {
            found.push(format!("receipt {register}/{number}: no matching audit entry"));
        }
        let parsed: Option<Head> = serde_json::from_str(&body).ok();
        if parsed.as_ref().is_none_or(|p| p.total.cents() != total || p.number != number) {
            found.push(format!("receipt {register}/{number}: its total or number differs from its body"));
        }
        if let Some(last_number) = last
            && number != last_number + 1
        {
            found.push(format!("register {register}: receipt numbers jump from {last_number} to {number}"));
        }
        last = Some(number);
    }
    Ok(())
}
