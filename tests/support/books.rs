//! The journal and the books of a data folder as the database holds them, read-only, for the
//! fault tests' checks and reports.

use std::path::Path;

/// One row of `attempts`.
#[derive(Debug, Clone)]
pub struct AttemptRow {
    pub id: String,
    pub state: String,
    pub note: String,
    pub order_id: Option<i64>,
    pub amount_cents: i64,
}

/// One row of `attempt_events`.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub attempt_id: String,
    pub state: String,
    pub note: String,
}

/// One row of `tenders` (card ones carry their attempt).
#[derive(Debug, Clone)]
pub struct TenderRow {
    pub order_id: i64,
    pub kind: String,
    pub amount_cents: i64,
    pub attempt_id: Option<String>,
}

/// One row of `receipts`.
#[derive(Debug, Clone)]
pub struct ReceiptRow {
    pub number: i64,
    pub order_id: i64,
    pub total_cents: i64,
}

/// The journal and the books as the database holds them (read-only).
#[derive(Debug, Clone, Default)]
pub struct Books {
    pub attempts: Vec<AttemptRow>,
    pub events: Vec<EventRow>,
    pub tenders: Vec<TenderRow>,
    pub receipts: Vec<ReceiptRow>,
    /// Results kept as matching no attempt (their outcome JSON).
    pub unmatched: Vec<String>,
}

impl Books {
    pub fn read(dir: &Path) -> Result<Books, String> {
        use rusqlite::{Connection, OpenFlags};
        let path = dir.join("tameio.db");
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let err = |e: rusqlite::Error| format!("reading {}: {e}", path.display());
        let mut books = Books::default();
        let mut q = conn
            .prepare("SELECT id, state, note, order_id, amount_cents FROM attempts ORDER BY created_at, id")
            .map_err(err)?;
        books.attempts = q
            .query_map([], |r| {
                Ok(AttemptRow {
                    id: r.get(0)?,
                    state: r.get(1)?,
                    note: r.get(2)?,
                    order_id: r.get(3)?,
                    amount_cents: r.get(4)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut q =
            conn.prepare("SELECT attempt_id, state, note FROM attempt_events ORDER BY id").map_err(err)?;
        books.events = q
            .query_map([], |r| Ok(EventRow { attempt_id: r.get(0)?, state: r.get(1)?, note: r.get(2)? }))
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut q = conn
            .prepare("SELECT order_id, kind, amount_cents, attempt_id FROM tenders ORDER BY id")
            .map_err(err)?;
        books.tenders = q
            .query_map([], |r| {
                Ok(TenderRow {
                    order_id: r.get(0)?,
                    kind: r.get(1)?,
                    amount_cents: r.get(2)?,
                    attempt_id: r.get(3)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut q =
            conn.prepare("SELECT number, order_id, total_cents FROM receipts ORDER BY id").map_err(err)?;
        books.receipts = q
            .query_map([], |r| {
                Ok(ReceiptRow { number: r.get(0)?, order_id: r.get(1)?, total_cents: r.get(2)? })
            })
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut q = conn.prepare("SELECT outcome FROM unmatched_results ORDER BY id").map_err(err)?;
        books.unmatched = q.query_map([], |r| r.get(0)).and_then(Iterator::collect).map_err(err)?;
        Ok(books)
    }

    pub fn events_of(&self, attempt: &str) -> Vec<&EventRow> {
        self.events.iter().filter(|e| e.attempt_id == attempt).collect()
    }

    /// The journal rows of one attempt, for a report.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for a in &self.attempts {
            if !out.is_empty() {
                out.push_str(" | ");
            }
            out.push_str(&format!(
                "attempt {} order {:?} {} cents: {} ({})",
                a.id, a.order_id, a.amount_cents, a.state, a.note
            ));
            let trail: Vec<String> = self
                .events_of(&a.id)
                .iter()
                .map(
                    |e| if e.note.is_empty() { e.state.clone() } else { format!("{} ({})", e.state, e.note) },
                )
                .collect();
            out.push_str(&format!("; events: {}", trail.join(" → ")));
        }
        let tenders: Vec<String> = self
            .tenders
            .iter()
            .map(|t| format!("{} {} on order {}", t.kind, t.amount_cents, t.order_id))
            .collect();
        let receipts: Vec<String> = self
            .receipts
            .iter()
            .map(|r| format!("#{} order {} {}", r.number, r.order_id, r.total_cents))
            .collect();
        out.push_str(&format!("; tenders: [{}]; receipts: [{}]", tenders.join(", "), receipts.join(", ")));
        if !self.unmatched.is_empty() {
            out.push_str(&format!("; unmatched results kept: {}", self.unmatched.join(", ")));
        }
        out
    }
}
