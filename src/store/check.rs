//! The scan behind `tameio db check`: reads every row and lists each value a strict read
//! would refuse, instead of stopping at the first.

use rusqlite::Connection;

use super::attempts::{self, AttemptRow};
use super::error::{corrupt, not_a_time, unknown, unreadable};
use super::progress::{Findings, Phase, Progress, Ticker};
use super::rows::{self, LINE_COLUMNS, ORDER_COLUMNS, TENDER_COLUMNS};
use super::{Result, Store, utc};
use crate::domain::{Cart, Money, ReceiptKind, Role, time};

/// The largest rowid of each table: rows are never deleted from the history tables, so it
/// is their count, read in one index step (a progress bar needs no exact figure).
fn rows_about(conn: &Connection, tables: &[&str]) -> Result<u64> {
    let mut total = 0;
    for table in tables {
        let n: i64 =
            conn.query_row(&format!("SELECT coalesce(max(rowid), 0) FROM {table}"), [], |r| r.get(0))?;
        total += u64::try_from(n).unwrap_or(0);
    }
    Ok(total)
}

/// Memory mapped for a whole-database scan (SQLite caps it at its build's maximum, 2 GB by
/// default): a page read becomes a memory read instead of a system call, a sixth of `db
/// check`'s time on a million receipts (measured with `perf`).
const SCAN_MMAP_BYTES: i64 = 1 << 34;
/// The page cache for a scan, in KiB (negative: SQLite's unit for a size in KiB).
const SCAN_CACHE_KIB: i64 = -131_072;

impl Store {
    /// Settings for reading every row of years of history (`db check`): the file memory
    /// mapped and a larger page cache. [`Store::end_scan`] puts back the register's.
    pub fn begin_scan(&self) -> Result<()> {
        let conn = self.conn();
        conn.pragma_update(None, "mmap_size", SCAN_MMAP_BYTES)?;
        conn.pragma_update(None, "cache_size", SCAN_CACHE_KIB)?;
        Ok(())
    }

    /// Back to the register's settings after [`Store::begin_scan`].
    pub fn end_scan(&self) -> Result<()> {
        let conn = self.conn();
        conn.pragma_update(None, "mmap_size", 0)?;
        conn.pragma_update(None, "cache_size", -2000)?;
        Ok(())
    }

    /// Reads every attempt, order (with its lines), tender and receipt, and the other rows
    /// with codes or JSON in them, and names each value a strict read would refuse.
    pub fn check_rows(&self) -> Result<Vec<String>> {
        self.check_rows_with(&|_| {})
    }

    /// [`Store::check_rows`], telling `progress` how far it is. One streaming read per table
    /// and an index lookup per order's lines: time and memory grow with the rows, no faster.
    pub fn check_rows_with(&self, progress: Progress<'_>) -> Result<Vec<String>> {
        let parts = RowPart::ALL.map(whole::Job::Rows);
        let done = whole::run(self, &parts, 1, progress)?;
        Ok(done.into_iter().flat_map(whole::Done::into_rows).collect())
    }
}

/// The row check in parts that read different tables, so that `db check` can run them side
/// by side; their findings are listed in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowPart {
    Attempts,
    Orders,
    Tenders,
    Receipts,
    Others,
    Times,
}

impl RowPart {
    pub(super) const ALL: [RowPart; 6] = [
        RowPart::Attempts,
        RowPart::Orders,
        RowPart::Tenders,
        RowPart::Receipts,
        RowPart::Others,
        RowPart::Times,
    ];

    /// About how many rows the part reads (for the progress bar, before it starts).
    pub(super) fn rows_about(self, conn: &Connection) -> Result<u64> {
        match self {
            RowPart::Attempts => rows_about(conn, &["attempts"]),
            RowPart::Orders => rows_about(conn, &["orders"]),
            RowPart::Tenders => rows_about(conn, &["tenders"]),
            RowPart::Receipts => rows_about(conn, &["receipts"]),
            RowPart::Others => Ok(0),
            RowPart::Times => {
                let tables: Vec<&str> = time_columns().map(|(table, _)| table).collect();
                rows_about(conn, &tables)
            }
        }
    }

    /// Runs the part on `store`'s connection and lists what it found.
    pub(super) fn check(self, store: &Store, progress: Progress<'_>) -> Result<Vec<String>> {
        let conn = store.conn();
        let mut found = Findings::default();
        let mut ticker = Ticker::new(Phase::Rows, self.rows_about(&conn)?, progress);
        match self {
            RowPart::Attempts => check_attempts(&conn, &mut found, &mut ticker)?,
            RowPart::Orders => check_orders(&conn, &mut found, &mut ticker)?,
            RowPart::Tenders => {
                check_tenders(&conn, &mut found, &mut ticker)?;
                double_bookings(&conn, &mut found)?;
            }
            RowPart::Receipts => check_receipts(&conn, &mut found, &mut ticker)?,
            RowPart::Others => check_others(&conn, &mut found)?,
            RowPart::Times => check_times(&conn, &mut found, &mut ticker)?,
        }
        ticker.done();
        Ok(found.into_list())
    }
}

/// Card approvals booked on more than one tender (only a database written before booking was
/// exactly-once can hold one: the index `tenders_attempt` is UNIQUE otherwise).
fn double_bookings(conn: &Connection, found: &mut Findings) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT attempt_id, group_concat(id, ', ') FROM tenders WHERE attempt_id IS NOT NULL
         GROUP BY attempt_id HAVING count(*) > 1 ORDER BY attempt_id",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (attempt, tenders) = row?;
        found.push(format!("card payment {attempt} is booked on more than one tender ({tenders})"));
    }
    Ok(())
}

fn check_attempts(conn: &Connection, found: &mut Findings, ticker: &mut Ticker<'_>) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT {} FROM attempts ORDER BY rowid", attempts::COLUMNS))?;
    for row in stmt.query_map([], attempts::attempt_row)? {
        ticker.tick();
        found.note(row.map_err(|e| rows::sqlite("attempts", e)).and_then(AttemptRow::decode));
    }
    Ok(())
}

fn check_orders(conn: &Connection, found: &mut Findings, ticker: &mut Ticker<'_>) -> Result<()> {
    let mut orders = conn.prepare(&format!("SELECT {ORDER_COLUMNS} FROM orders ORDER BY id"))?;
    let mut lines = conn
        .prepare(&format!("SELECT {LINE_COLUMNS} FROM order_lines WHERE order_id = ?1 ORDER BY position"))?;
    for order in orders.query_map([], rows::order_row)? {
        ticker.tick();
        let Some(order) = found.note(order.map_err(|e| rows::sqlite("orders", e))) else { continue };
        found.note(order.status());
        let discount = found.note(order.discount());
        let mut cart = Cart { lines: Vec::new(), order_discount: discount.flatten() };
        let mut whole = discount.is_some();
        for line in lines.query_map([order.id], rows::line_row)? {
            let Some(line) = found.note(line.map_err(|e| rows::sqlite(&order.name(), e))) else {
                whole = false;
                continue;
            };
            let Some(decoded) = found.note(line.decode()) else {
                whole = false;
                continue;
            };
            if decoded.gross().cents() != line.amount_cents {
                found.push(format!(
                    "{}: amount_cents {} differs from price × quantity − discount ({})",
                    line.name(),
                    line.amount_cents,
                    decoded.gross().cents()
                ));
            }
            cart.lines.push(decoded);
        }
        if !whole {
            continue;
        }
        let totals = cart.totals();
        if totals.total.cents() != order.total_cents {
            found.push(format!(
                "{}: total_cents {} differs from its lines ({})",
                order.name(),
                order.total_cents,
                totals.total.cents()
            ));
        }
        if totals.order_discount.cents() != order.order_discount_cents {
            found.push(format!(
                "{}: order_discount_cents {} differs from its discount ({})",
                order.name(),
                order.order_discount_cents,
                totals.order_discount.cents()
            ));
        }
    }
    Ok(())
}

fn check_tenders(conn: &Connection, found: &mut Findings, ticker: &mut Ticker<'_>) -> Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT {TENDER_COLUMNS} FROM tenders ORDER BY id"))?;
    for tender in stmt.query_map([], rows::tender_row)? {
        ticker.tick();
        if let Some(tender) = found.note(tender.map_err(|e| rows::sqlite("tenders", e))) {
            found.note(tender.decode());
        }
    }
    Ok(())
}

fn check_receipts(conn: &Connection, found: &mut Findings, ticker: &mut Ticker<'_>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT register_id, number, order_id, kind, body FROM receipts ORDER BY register_id, number",
    )?;
    let mut all = stmt.query([])?;
    while let Some(r) = all.next()? {
        ticker.tick();
        let (register, number, order_id): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let (kind, body): (String, String) = (r.get(3)?, r.get(4)?);
        let name = rows::receipt_name(&register, number);
        let kind = found.note(rows::receipt_kind(&name, &kind));
        let Some(receipt) = found.note(rows::receipt_body(&name, &body)) else { continue };
        if kind.is_some_and(|k| k != receipt.kind) {
            found.push(format!("{name}: kind differs from its body"));
        }
        if receipt.order_id != order_id {
            found.push(format!("{name}: order_id {order_id} differs from its body ({})", receipt.order_id));
        }
        let lines: Money = receipt.lines.iter().map(|l| l.amount).sum();
        let recomputed = lines - receipt.order_discount;
        if recomputed != receipt.total {
            found.push(format!(
                "{name}: total {} differs from its lines ({})",
                receipt.total.cents(),
                recomputed.cents()
            ));
        }
        let vat: Money = receipt.vat.iter().map(|s| s.gross).sum();
        if !receipt.vat.is_empty() && vat != receipt.total {
            found.push(format!(
                "{name}: total {} differs from its VAT lines ({})",
                receipt.total.cents(),
                vat.cents()
            ));
        }
        if receipt.kind == ReceiptKind::Refund && receipt.refund_of.is_none() {
            found.push(format!("{name}: a refund that names no receipt"));
        }
    }
    Ok(())
}

/// Codes and JSON outside the four payment tables: users, products, preloads, closures, stray results.
fn check_others(conn: &Connection, found: &mut Findings) -> Result<()> {
    let mut stmt = conn.prepare("SELECT id, role, pin_hash FROM users ORDER BY id")?;
    let users =
        stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for row in users {
        let (id, role, pin_hash) = row?;
        if Role::from_code(&role).is_none() {
            found.push(format!("user {id}: role {}", unknown(&role)));
        }
        if let Err(e) = argon2::password_hash::PasswordHash::new(&pin_hash) {
            found.push(format!("user {id}: pin_hash {}", unreadable(e)));
        }
    }
    let mut stmt = conn.prepare("SELECT id, unit, barcode FROM products ORDER BY id")?;
    let rows_ = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
    })?;
    for row in rows_ {
        let (id, unit, barcode) = row?;
        let name = format!("product {id}");
        found.note(rows::unit(&name, &unit));
        if let Some(b) = barcode {
            found.note(
                crate::domain::Barcode::parse(&b).map_err(|e| corrupt(&name, "barcode", unreadable(e))),
            );
        }
    }
    // From schema 10 a product's barcodes are rows of their own.
    let mut stmt = conn.prepare("SELECT product_id, code FROM product_barcodes ORDER BY product_id, code")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, code) = row?;
        let name = format!("product {id}");
        found
            .note(crate::domain::Barcode::parse(&code).map_err(|e| corrupt(&name, "barcode", unreadable(e))));
    }
    let mut stmt = conn.prepare("SELECT id, state FROM deferred_receipts ORDER BY id")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, state) = row?;
        found.note(super::deferred::state(id, &state));
    }
    let mut stmt = conn.prepare("SELECT id, outcome FROM unmatched_results ORDER BY id")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, outcome) = row?;
        if let Err(e) = serde_json::from_str::<crate::terminal::Outcome>(&outcome) {
            found.push(format!("unmatched result {id}: outcome {}", unreadable(e)));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT register_id, number, register_totals, terminal_totals FROM batch_closures ORDER BY register_id, number",
    )?;
    let closures = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    for row in closures {
        let (register, number, totals, terminal) = row?;
        let name = format!("batch closure {register}/{number}");
        if let Err(e) = serde_json::from_str::<crate::domain::RegisterTotals>(&totals) {
            found.push(format!("{name}: register_totals {}", unreadable(e)));
        }
        if let Some(Err(e)) = terminal.map(|t| serde_json::from_str::<serde_json::Value>(&t)) {
            found.push(format!("{name}: terminal_totals {}", unreadable(e)));
        }
    }
    Ok(())
}

/// The time columns checked by `check_times`: every table's but the attempts' (checked with
/// their row), and the audit log's.
fn time_columns() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    let columns = utc::COLUMNS.iter().copied().filter(|(table, _)| *table != "attempts");
    columns.chain(std::iter::once(("audit_log", &["at"][..])))
}

/// Every stored time parses (attempts are checked with their row); all of a table's time
/// columns in one read of it.
fn check_times(conn: &Connection, found: &mut Findings, ticker: &mut Ticker<'_>) -> Result<()> {
    for (table, cols) in time_columns() {
        let mut stmt =
            conn.prepare(&format!("SELECT rowid, {} FROM {table} ORDER BY rowid", cols.join(", ")))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            ticker.tick();
            let rowid: i64 = r.get(0)?;
            for (i, column) in cols.iter().enumerate() {
                let Some(value) = r.get::<_, Option<String>>(i + 1)? else { continue };
                if time::instant_in(&value, &chrono::Local).is_none() {
                    found.push(format!("{table} row {rowid}: {column} {}", not_a_time(&value)));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
pub(super) mod whole;
