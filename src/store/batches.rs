//! Batch closures (Z reports): the register's own totals since the last closure, stored
//! beside the terminal's totals under a gapless closure number, and the journal of batch
//! closes with a terminal (asked, answered, done) so a crash between them loses no Z.

use crate::store::bulk::{Tx, begin};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::error::{corrupt, unreadable};
use super::rows;
use super::{Result, Store, StoreError, audit, now};
use crate::domain::time::local_in;
use crate::domain::{BatchClosure, Money, ReceiptKind, RegisterTotals, VatRate, vat};
use chrono::Timelike;

/// The register's totals over receipts after its last closure, up to `upto` (inclusive) if given.
fn totals_between(conn: &Connection, register_id: &str, upto: Option<i64>) -> Result<RegisterTotals> {
    let after: i64 = conn.query_row(
        "SELECT coalesce(max(last_receipt), 0) FROM batch_closures WHERE register_id = ?1",
        [register_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT number, body FROM receipts WHERE register_id = ?1 AND number > ?2 AND (?3 IS NULL OR number <= ?3)
         ORDER BY number",
    )?;
    let bodies = stmt.query_map(params![register_id, after, upto], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut t = RegisterTotals::default();
    let mut per_rate: Vec<(VatRate, Money)> = Vec::new();
    // Each PLU's department (the catalogue: a day's lines are few, the products read once).
    let departments: std::collections::HashMap<u32, String> = conn
        .prepare_cached("SELECT plu, category FROM products")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for row in bodies {
        let (number, body) = row?;
        let receipt = rows::receipt_body(&rows::receipt_name(register_id, number), &body)?;
        t.first_receipt.get_or_insert(receipt.number);
        t.last_receipt = Some(receipt.number);
        match receipt.kind {
            ReceiptKind::Sale => t.sales += 1,
            ReceiptKind::Refund => t.refunds += 1,
        }
        t.total += receipt.total;
        for line in &receipt.lines {
            let department = departments.get(&line.plu).cloned().unwrap_or_default();
            *t.departments.entry(department).or_default() += line.amount;
        }
        // Money given back counts against the day, whatever sign the refund tender was written with.
        let signed = |m: Money| if receipt.kind == ReceiptKind::Refund && m.cents() > 0 { -m } else { m };
        for tender in &receipt.tenders {
            *t.tenders.entry(tender.kind.code().to_string()).or_default() += signed(tender.amount);
            if !tender.tip().is_zero() {
                *t.tips.entry(tender.kind.code().to_string()).or_default() += signed(tender.tip());
            }
            if let Some(card) = &tender.card {
                t.card_count += 1;
                let part = t.terminals.entry(card.terminal.clone()).or_default();
                part.charged += signed(tender.charged());
                part.count += 1;
                part.demo = card.is_demo();
                if card.manual || !card.resolved_by.is_empty() {
                    part.by_hand += signed(tender.charged());
                    part.by_hand_count += 1;
                }
            }
        }
        if let Some(hour) = local_in(&receipt.issued_at, &chrono::Local).map(|t| t.hour() as u8) {
            *t.hourly.entry(hour).or_default() += receipt.total;
        }
        per_rate.extend(receipt.vat.iter().map(|s| (s.rate, s.gross)));
    }
    t.vat = vat::summarise(per_rate);
    t.opening_float = day_float(conn, register_id)?;
    Ok(t)
}

/// Shifts opened on the register since its last Z: the day's drawer.
const SINCE_LAST_Z: &str = "register_id = ?1 AND opened_at > coalesce(
        (SELECT max(closed_at) FROM batch_closures WHERE register_id = ?1), '')";

/// The opening float of the day: the floats of the shifts opened since the last Z.
fn day_float(conn: &Connection, register_id: &str) -> Result<Money> {
    let sql = format!("SELECT coalesce(sum(opening_float_cents), 0) FROM shifts WHERE {SINCE_LAST_Z}");
    Ok(Money::from_cents(conn.query_row(&sql, [register_id], |r| r.get(0))?))
}

/// Where a batch close with a terminal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchCloseState {
    /// Committed before the terminal was asked; its answer is not recorded (yet).
    Pending,
    /// The terminal's totals are recorded (or a manager confirmed the close); the Z is due.
    Answered,
    /// The Z is stored.
    Done,
    /// The terminal provably closed nothing (it was never reached, or busy).
    Failed,
    /// A manager found the terminal did not close; nothing to issue.
    Abandoned,
}

impl BatchCloseState {
    pub fn code(self) -> &'static str {
        match self {
            BatchCloseState::Pending => "pending",
            BatchCloseState::Answered => "answered",
            BatchCloseState::Done => "done",
            BatchCloseState::Failed => "failed",
            BatchCloseState::Abandoned => "abandoned",
        }
    }

    pub fn from_code(code: &str) -> Option<BatchCloseState> {
        [Self::Pending, Self::Answered, Self::Done, Self::Failed, Self::Abandoned]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Still waiting for the terminal's answer or for its Z.
    pub fn is_unfinished(self) -> bool {
        matches!(self, BatchCloseState::Pending | BatchCloseState::Answered)
    }
}

/// One batch close with a terminal, as journalled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchCloseRequest {
    pub id: i64,
    pub register_id: String,
    pub terminal: String,
    pub user_id: Option<i64>,
    /// Who asked for the close.
    pub actor: String,
    pub counted_cash: Option<Money>,
    /// The register's last receipt when the close was asked: the Z covers receipts up to it.
    pub last_receipt: i64,
    pub state: BatchCloseState,
    pub requested_at: String,
    pub answered_at: Option<String>,
    /// The terminal's totals as it sent them (`BatchTotals` as JSON).
    pub terminal_totals: Option<serde_json::Value>,
    /// The Z issued for it, once done.
    pub closure_number: Option<i64>,
    /// Why it is in its state (the terminal's error, a manager's decision).
    pub note: String,
}

const REQUEST_COLUMNS: &str =
    "id, register_id, terminal, user_id, actor, counted_cash_cents, last_receipt, state,
     requested_at, answered_at, terminal_totals, closure_number, note";

fn request_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(BatchCloseRequest, String, Option<String>)> {
    let request = BatchCloseRequest {
        id: r.get(0)?,
        register_id: r.get(1)?,
        terminal: r.get(2)?,
        user_id: r.get(3)?,
        actor: r.get(4)?,
        counted_cash: r.get::<_, Option<i64>>(5)?.map(Money::from_cents),
        last_receipt: r.get(6)?,
        state: BatchCloseState::Pending,
        requested_at: r.get(8)?,
        answered_at: r.get(9)?,
        terminal_totals: None,
        closure_number: r.get(11)?,
        note: r.get(12)?,
    };
    Ok((request, r.get(7)?, r.get(10)?))
}

/// Parses the stored state and totals; a row that does not parse is named, never guessed.
fn finish_request(row: (BatchCloseRequest, String, Option<String>)) -> Result<BatchCloseRequest> {
    let (mut request, state, totals) = row;
    request.state = BatchCloseState::from_code(&state).ok_or_else(|| {
        StoreError::Corrupt(format!("batch close request {}: unknown state “{state}”", request.id))
    })?;
    request.terminal_totals = totals.map(|t| serde_json::from_str(&t)).transpose().map_err(|e| {
        StoreError::Corrupt(format!("batch close request {}: terminal totals: {e}", request.id))
    })?;
    Ok(request)
}

fn request_in(conn: &Connection, id: i64) -> Result<BatchCloseRequest> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM batch_close_requests WHERE id = ?1");
    let row = conn
        .query_row(&sql, [id], request_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("batch close request {id}")))?;
    finish_request(row)
}

fn unfinished_in(conn: &Connection, register_id: Option<&str>) -> Result<Vec<BatchCloseRequest>> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM batch_close_requests
         WHERE state IN ('pending', 'answered') AND (?1 IS NULL OR register_id = ?1) ORDER BY id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([register_id], request_from_row)?;
    rows.map(|r| finish_request(r?)).collect()
}

/// Moves a request from `from` to `to` (with its note), or fails naming the state it is in.
fn transition(
    tx: &Tx<'_>,
    id: i64,
    from: BatchCloseState,
    to: BatchCloseState,
    note: &str,
) -> Result<BatchCloseRequest> {
    let request = request_in(tx, id)?;
    if request.state != from {
        return Err(StoreError::Conflict(format!(
            "batch close request {id} is {}, not {}",
            request.state.code(),
            from.code()
        )));
    }
    tx.execute(
        "UPDATE batch_close_requests SET state = ?2, note = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, to.code(), note, now()],
    )?;
    Ok(BatchCloseRequest { state: to, note: note.to_string(), ..request })
}

/// What goes into one new closure row.
struct NewClosure<'a> {
    register_id: &'a str,
    terminal: &'a str,
    terminal_totals: Option<serde_json::Value>,
    counted_cash: Option<Money>,
    user_id: Option<i64>,
    /// The last receipt it covers; `None` = every receipt so far.
    upto: Option<i64>,
}

/// Stores the next numbered closure (the Z) inside the caller's transaction.
fn insert_closure(tx: &Tx<'_>, new: NewClosure<'_>, actor: &str) -> Result<BatchClosure> {
    let register = totals_between(tx, new.register_id, new.upto)?;
    let number: i64 = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM batch_closures WHERE register_id = ?1",
        [new.register_id],
        |r| r.get(0),
    )?;
    let closed_at = now();
    tx.execute(
        "INSERT INTO batch_closures (register_id, number, terminal, closed_at, user_id, first_receipt, last_receipt,
                                     register_totals, terminal_totals, counted_cash_cents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            new.register_id,
            number,
            new.terminal,
            closed_at,
            new.user_id,
            register.first_receipt,
            register.last_receipt,
            serde_json::to_string(&register)?,
            new.terminal_totals.as_ref().map(serde_json::Value::to_string),
            new.counted_cash.map(Money::cents)
        ],
    )?;
    let detail =
        serde_json::json!({ "total_cents": register.total.cents(), "last_receipt": register.last_receipt });
    audit::append(tx, actor, "batch.close", &format!("{}/{number}", new.register_id), &detail.to_string())?;
    Ok(BatchClosure {
        number,
        register_id: new.register_id.to_string(),
        terminal: new.terminal.to_string(),
        closed_at,
        register,
        terminal_totals: new.terminal_totals,
        counted_cash: new.counted_cash,
    })
}

fn refuse_while_unfinished(tx: &Tx<'_>, register_id: &str) -> Result<()> {
    match unfinished_in(tx, Some(register_id))?.first() {
        Some(open) => Err(StoreError::Conflict(format!(
            "the batch close with terminal {} (request {}) is {}: finish it first",
            open.terminal,
            open.id,
            open.state.code()
        ))),
        None => Ok(()),
    }
}

impl Store {
    /// The X report: totals since the last closure, nothing closed.
    pub fn register_totals(&self, register_id: &str) -> Result<RegisterTotals> {
        totals_between(&self.conn(), register_id, None)
    }

    /// The day's opening float as a manager gives it (at the close): kept on the first shift
    /// opened since the last Z (the others' floats zeroed so it is not counted twice), or on
    /// a shift recorded now for `user_id` when none was opened since. Audited.
    pub fn set_opening_float(
        &self,
        register_id: &str,
        user_id: i64,
        float: Money,
        actor: &str,
    ) -> Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let sql = format!("SELECT id FROM shifts WHERE {SINCE_LAST_Z} ORDER BY id LIMIT 1");
        let first: Option<i64> = tx.query_row(&sql, [register_id], |r| r.get(0)).optional()?;
        let shift = match first {
            Some(id) => {
                let zero =
                    format!("UPDATE shifts SET opening_float_cents = 0 WHERE {SINCE_LAST_Z} AND id <> ?2");
                tx.execute(&zero, params![register_id, id])?;
                tx.execute(
                    "UPDATE shifts SET opening_float_cents = ?2 WHERE id = ?1",
                    params![id, float.cents()],
                )?;
                id
            }
            None => {
                let at = now();
                tx.execute(
                    "INSERT INTO shifts (register_id, user_id, opened_at, closed_at, opening_float_cents)
                     VALUES (?1, ?2, ?3, ?3, ?4)",
                    params![register_id, user_id, at, float.cents()],
                )?;
                tx.last_insert_rowid()
            }
        };
        let detail = serde_json::json!({ "float_cents": float.cents() }).to_string();
        audit::append(&tx, actor, "shift.float", &shift.to_string(), &detail)?;
        tx.commit()?;
        Ok(())
    }

    /// A terminal's batch closed by a certification run: journalled as done, in no Z (the
    /// run's own test payments are no sales of the register), so the close is on record.
    pub fn record_certification_close(
        &self,
        register_id: &str,
        terminal: &str,
        totals: &serde_json::Value,
        actor: &str,
    ) -> Result<BatchCloseRequest> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let last_receipt = last_receipt(&tx, register_id)?;
        let at = now();
        tx.execute(
            "INSERT INTO batch_close_requests (register_id, terminal, actor, last_receipt, state, requested_at,
                                               answered_at, terminal_totals, note, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'done', ?5, ?5, ?6, 'certification run: in no Z', ?5)",
            params![register_id, terminal, actor, last_receipt, at, totals.to_string()],
        )?;
        let id = tx.last_insert_rowid();
        let detail = serde_json::json!({ "request": id, "certification": true });
        audit::append(
            &tx,
            actor,
            "batch.close.certify",
            &format!("{register_id}/{terminal}"),
            &detail.to_string(),
        )?;
        let request = request_in(&tx, id)?;
        tx.commit()?;
        Ok(request)
    }

    /// Closes the register's batch in one step (no terminal, or a caller that asked it already).
    pub fn close_batch(
        &self,
        register_id: &str,
        terminal: &str,
        terminal_totals: Option<serde_json::Value>,
        counted_cash: Option<Money>,
        user_id: Option<i64>,
        actor: &str,
    ) -> Result<BatchClosure> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        refuse_while_unfinished(&tx, register_id)?;
        let new = NewClosure { register_id, terminal, terminal_totals, counted_cash, user_id, upto: None };
        let closure = insert_closure(&tx, new, actor)?;
        tx.commit()?;
        Ok(closure)
    }

    /// Step 1 of a close with a terminal, committed before the terminal is asked.
    pub fn begin_batch_close(
        &self,
        register_id: &str,
        terminal: &str,
        counted_cash: Option<Money>,
        user_id: Option<i64>,
        actor: &str,
    ) -> Result<BatchCloseRequest> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        refuse_while_unfinished(&tx, register_id)?;
        let last_receipt = last_receipt(&tx, register_id)?;
        let at = now();
        tx.execute(
            "INSERT INTO batch_close_requests (register_id, terminal, user_id, actor, counted_cash_cents, last_receipt,
                                               state, requested_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?7)",
            params![register_id, terminal, user_id, actor, counted_cash.map(Money::cents), last_receipt, at],
        )?;
        let id = tx.last_insert_rowid();
        let detail = serde_json::json!({ "request": id, "last_receipt": last_receipt });
        audit::append(
            &tx,
            actor,
            "batch.close.ask",
            &format!("{register_id}/{terminal}"),
            &detail.to_string(),
        )?;
        let request = request_in(&tx, id)?;
        tx.commit()?;
        Ok(request)
    }

    /// Step 2: the terminal's totals, committed as soon as they arrive.
    pub fn batch_close_answered(
        &self,
        id: i64,
        totals: &serde_json::Value,
        note: &str,
    ) -> Result<BatchCloseRequest> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let mut request = transition(&tx, id, BatchCloseState::Pending, BatchCloseState::Answered, note)?;
        let at = now();
        tx.execute(
            "UPDATE batch_close_requests SET terminal_totals = ?2, answered_at = ?3 WHERE id = ?1",
            params![id, totals.to_string(), at],
        )?;
        tx.commit()?;
        request.terminal_totals = Some(totals.clone());
        request.answered_at = Some(at);
        Ok(request)
    }

    /// The terminal provably closed nothing (never reached): the request ends here.
    pub fn batch_close_failed(&self, id: i64, note: &str) -> Result<BatchCloseRequest> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let request = transition(&tx, id, BatchCloseState::Pending, BatchCloseState::Failed, note)?;
        tx.commit()?;
        Ok(request)
    }

    /// The answer was lost: the request stays pending, with why, for a manager.
    pub fn batch_close_unanswered(&self, id: i64, note: &str) -> Result<BatchCloseRequest> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let request = transition(&tx, id, BatchCloseState::Pending, BatchCloseState::Pending, note)?;
        tx.commit()?;
        Ok(request)
    }

    /// Step 3: the Z of an answered close, in the transaction that marks the request done.
    /// Done already: the Z it issued, never a second one.
    pub fn complete_batch_close(&self, id: i64, actor: &str) -> Result<BatchClosure> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let request = request_in(&tx, id)?;
        if let (BatchCloseState::Done, Some(number)) = (request.state, request.closure_number) {
            drop(tx);
            drop(conn);
            return self.batch_closure(&request.register_id, number)?.ok_or_else(|| {
                StoreError::Corrupt(format!("batch close request {id}: Z {number} is missing"))
            });
        }
        let note = request.note.clone();
        transition(&tx, id, BatchCloseState::Answered, BatchCloseState::Done, &note)?;
        let new = NewClosure {
            register_id: &request.register_id,
            terminal: &request.terminal,
            terminal_totals: request.terminal_totals.clone(),
            counted_cash: request.counted_cash,
            user_id: request.user_id,
            upto: Some(request.last_receipt),
        };
        let closure = insert_closure(&tx, new, actor)?;
        tx.execute(
            "UPDATE batch_close_requests SET closure_number = ?2 WHERE id = ?1",
            params![id, closure.number],
        )?;
        tx.commit()?;
        Ok(closure)
    }

    /// A manager's decision on a close whose answer was lost: the terminal closed (its totals
    /// from the slip, if typed) and the Z is due, or it did not and the request is abandoned.
    pub fn resolve_batch_close(
        &self,
        id: i64,
        terminal_closed: bool,
        terminal_totals: Option<&serde_json::Value>,
        actor: &str,
    ) -> Result<BatchCloseRequest> {
        let mut conn = self.conn();
        let tx = begin(&mut conn)?;
        let to = if terminal_closed { BatchCloseState::Answered } else { BatchCloseState::Abandoned };
        let note = format!("{}; decided by {actor}", if terminal_closed { "closed" } else { "not closed" });
        let mut request = transition(&tx, id, BatchCloseState::Pending, to, &note)?;
        if let Some(totals) = terminal_totals.filter(|_| terminal_closed) {
            tx.execute(
                "UPDATE batch_close_requests SET terminal_totals = ?2 WHERE id = ?1",
                params![id, totals.to_string()],
            )?;
            request.terminal_totals = Some(totals.clone());
        }
        let detail = serde_json::json!({ "request": id, "terminal_closed": terminal_closed });
        let subject = format!("{}/{}", request.register_id, request.terminal);
        audit::append(&tx, actor, "batch.close.resolve", &subject, &detail.to_string())?;
        tx.commit()?;
        Ok(request)
    }

    /// Closes with a terminal not finished yet (pending or answered), of one register or all.
    pub fn unfinished_batch_closes(&self, register_id: Option<&str>) -> Result<Vec<BatchCloseRequest>> {
        unfinished_in(&self.conn(), register_id)
    }

    pub fn batch_close_request(&self, id: i64) -> Result<BatchCloseRequest> {
        request_in(&self.conn(), id)
    }

    /// Every Z report of the register, newest first.
    pub fn batch_closures(&self, register_id: &str) -> Result<Vec<BatchClosure>> {
        self.closures(register_id, None, -1)
    }

    /// The newest `limit` Z reports, newest first (the batch-close screen: years of daily Zs
    /// are not read to show the last few).
    pub fn recent_batch_closures(&self, register_id: &str, limit: i64) -> Result<Vec<BatchClosure>> {
        self.closures(register_id, None, limit)
    }

    pub fn batch_closure(&self, register_id: &str, number: i64) -> Result<Option<BatchClosure>> {
        Ok(self.closures(register_id, Some(number), 1)?.into_iter().next())
    }

    /// Closure `number`, or the newest `limit` (-1: all), newest first.
    fn closures(&self, register_id: &str, number: Option<i64>, limit: i64) -> Result<Vec<BatchClosure>> {
        let conn = self.conn();
        let only = if number.is_some() { "AND number = ?2" } else { "AND ?2 IS NULL" };
        let mut stmt = conn.prepare(&format!(
            "SELECT number, terminal, closed_at, register_totals, terminal_totals, counted_cash_cents
             FROM batch_closures WHERE register_id = ?1 {only} ORDER BY number DESC LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![register_id, number, limit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<i64>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (number, terminal, closed_at, reg, term, cash) = row?;
            out.push(BatchClosure {
                number,
                register_id: register_id.to_string(),
                terminal,
                closed_at,
                register: serde_json::from_str(&reg).map_err(|e| {
                    corrupt(&closure_name(register_id, number), "register_totals", unreadable(e))
                })?,
                terminal_totals: term.map(|t| serde_json::from_str(&t)).transpose().map_err(|e| {
                    corrupt(&closure_name(register_id, number), "terminal_totals", unreadable(e))
                })?,
                counted_cash: cash.map(Money::from_cents),
            });
        }
        Ok(out)
    }
}

/// `batch closure 1/3`
fn closure_name(register_id: &str, number: i64) -> String {
    format!("batch closure {register_id}/{number}")
}

/// The register's last receipt number (0 before the first): a batch close covers up to it.
fn last_receipt(conn: &rusqlite::Connection, register_id: &str) -> Result<i64> {
    let sql = "SELECT coalesce(max(number), 0) FROM receipts WHERE register_id = ?1";
    Ok(conn.query_row(sql, [register_id], |r| r.get(0))?)
}

#[cfg(test)]
mod tests;
