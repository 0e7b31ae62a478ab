//! Every SQL statement the store runs, handed to an observer: the query-plan test
//! (tests/store/query_plans.rs) checks each one's `EXPLAIN QUERY PLAN`. Nobody watches in a
//! shop; a connection opened while no observer is set is not traced at all.

use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};

/// Called with a statement's SQL text (parameters as `?N`) each time it starts.
pub type Observer = Arc<dyn Fn(&str) + Send + Sync>;

static OBSERVER: Mutex<Option<Observer>> = Mutex::new(None);

/// Sets (or clears) the observer of the statements run on connections opened from now on,
/// in this whole process.
pub fn observe_statements(observer: Option<Observer>) {
    *OBSERVER.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = observer;
}

/// Hands this connection's statements to the observer, if one is set.
pub(super) fn attach(conn: &mut Connection) -> rusqlite::Result<()> {
    let observer = OBSERVER.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
    let Some(observer) = observer else { return Ok(()) };
    conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_STMT,
        Some(move |event: TraceEvent<'_>| {
            if let TraceEvent::Stmt(stmt, _) = event {
                observer(&stmt.sql());
            }
        }),
    )
}
