//! The store's error, and the helpers every strict read uses to name a damaged value by its
//! table, row and column. A leaf: it imports nothing else of `store`.

use std::fmt::Display;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    #[error("the database is from a newer tameio (schema {found}, this version knows {known})")]
    TooNew { found: i64, known: i64 },
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// A file offered for restore that is no tameio database.
    #[error("not a tameio database: {0}")]
    NotTameio(String),
    /// Another connection (a running register or command) has the database open.
    #[error("the database is open in another tameio")]
    InUse,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::FromSqlConversionFailure(index, kind, inner) => {
                match inner.downcast::<Damaged>() {
                    Ok(damaged) => StoreError::Corrupt(damaged.0),
                    Err(inner) => {
                        StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(index, kind, inner))
                    }
                }
            }
            other => StoreError::Sqlite(other),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A request the stored state refuses (an order already paid, a receipt already refunded…).
pub(crate) fn conflict(msg: impl Into<String>) -> StoreError {
    StoreError::Conflict(msg.into())
}

/// `tender 5 (order 17): kind 'xyz' unknown`
pub(crate) fn corrupt(row: &str, column: &str, problem: impl Display) -> StoreError {
    StoreError::Corrupt(format!("{row}: {column} {problem}"))
}

pub(crate) fn unknown(value: &str) -> String {
    format!("'{value}' unknown")
}

pub(crate) fn unreadable(e: impl Display) -> String {
    format!("unreadable ({e})")
}

pub(crate) fn not_a_time(value: &str) -> String {
    format!("'{value}' is not a time")
}

/// A value a row closure refused, carried through rusqlite back to a `StoreError::Corrupt`.
#[derive(Debug)]
struct Damaged(String);

impl Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Damaged {}

/// For row closures (`rusqlite::Result`): the value in column `index` is damaged.
pub(crate) fn damaged(index: usize, e: StoreError) -> rusqlite::Error {
    let message = match e {
        StoreError::Corrupt(m) => m,
        other => other.to_string(),
    };
    rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(Damaged(message)))
}
