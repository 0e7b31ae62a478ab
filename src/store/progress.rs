//! How far a long check is (phase, rows done of all) and the problems it collects, kept
//! apart from the checks themselves so that each of them can report without importing the others.

use super::error::{Result, StoreError};
pub use crate::domain::{CheckPhase, CheckProgress};

/// Told at the start and end of each phase and every few thousand rows in between.
pub type Progress<'a> = &'a dyn Fn(CheckProgress);
pub(super) use CheckPhase as Phase;

/// Counts the rows of one phase and tells `progress` now and then.
pub(super) struct Ticker<'a> {
    phase: CheckPhase,
    done: u64,
    total: u64,
    progress: Progress<'a>,
}

impl<'a> Ticker<'a> {
    /// Rows between two reports: often enough for a bar, rare enough to cost nothing.
    const EVERY: u64 = 4096;

    pub(super) fn new(phase: CheckPhase, total: u64, progress: Progress<'a>) -> Ticker<'a> {
        progress(CheckProgress { phase, done: 0, total });
        Ticker { phase, done: 0, total, progress }
    }

    pub(super) fn tick(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(Self::EVERY) {
            let total = self.total.max(self.done);
            (self.progress)(CheckProgress { phase: self.phase, done: self.done, total });
        }
    }

    pub(super) fn count(&self) -> u64 {
        self.done
    }

    pub(super) fn done(self) {
        (self.progress)(CheckProgress { phase: self.phase, done: self.done, total: self.done });
    }
}

/// Problems listed before the rest are only counted: a file damaged throughout is named as
/// such without holding a line per row in memory.
pub(super) const MAX_LISTED: usize = 1000;

/// Collects problems instead of stopping at the first.
#[derive(Default)]
pub(super) struct Findings {
    listed: Vec<String>,
    more: usize,
}

impl Findings {
    pub(super) fn note<T>(&mut self, result: Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(StoreError::Corrupt(problem)) => {
                self.push(problem);
                None
            }
            Err(other) => {
                self.push(other.to_string());
                None
            }
        }
    }

    pub(super) fn push(&mut self, problem: String) {
        if self.listed.len() < MAX_LISTED {
            self.listed.push(problem);
        } else {
            self.more += 1;
        }
    }

    pub(super) fn into_list(mut self) -> Vec<String> {
        if self.more > 0 {
            self.listed.push(format!("… and {} more problems not listed", self.more));
        }
        self.listed
    }
}
