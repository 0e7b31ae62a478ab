//! Statements kept prepared on the connection: a sale runs the same few dozen statements
//! every time, and parsing each one anew was a quarter of the work of a sale (measured with
//! `perf` on the generator). `run` and `one` are `execute` and `query_row` through
//! rusqlite's statement cache.

use rusqlite::{Connection, Params, Row};

/// How many prepared statements the connection keeps (a sale, a card booking and a Z use
/// fewer than this between them).
pub(super) const CACHE_CAPACITY: usize = 256;

pub(crate) trait Cached {
    /// `execute` with the statement kept prepared.
    fn run<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
    /// `query_row` with the statement kept prepared.
    fn one<T, P, F>(&self, sql: &str, params: P, row: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>;
}

impl Cached for Connection {
    fn run<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    fn one<T, P, F>(&self, sql: &str, params: P, row: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, row)
    }
}
