//! The whole `db check` on every core: SQLite's integrity check, the audit chain, the seals
//! and the parts of the row check read different tables, so each runs on a read-only
//! connection of its own, side by side, and their progress is summed per phase.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use rusqlite::{Connection, OpenFlags};

use super::{RowPart, SCAN_CACHE_KIB, SCAN_MMAP_BYTES};
use crate::store::progress::{CheckPhase, CheckProgress, Progress};
use crate::store::{ChainReport, MIGRATIONS, Result, Seals, Store, StoreError};

/// At most this many connections read at once: past it the disk, not the CPU, is the limit
/// (and each holds its own page cache).
const MAX_READERS: usize = 4;

/// One piece of the whole check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store) enum Job {
    Integrity,
    Chain,
    Seals,
    Rows(RowPart),
}

impl Job {
    /// The whole check, longest pieces first so that the short ones fill the gaps at the end
    /// (measured on a million receipts: SQLite's check and the orders with their lines are
    /// the longest, then the receipts' bodies and seals).
    pub(in crate::store) const WHOLE: [Job; 9] = [
        Job::Integrity,
        Job::Rows(RowPart::Orders),
        Job::Rows(RowPart::Receipts),
        Job::Seals,
        Job::Chain,
        Job::Rows(RowPart::Times),
        Job::Rows(RowPart::Tenders),
        Job::Rows(RowPart::Attempts),
        Job::Rows(RowPart::Others),
    ];

    fn phase(self) -> CheckPhase {
        match self {
            Job::Integrity => CheckPhase::Integrity,
            Job::Chain => CheckPhase::AuditChain,
            Job::Seals => CheckPhase::Receipts,
            Job::Rows(_) => CheckPhase::Rows,
        }
    }

    fn run(self, store: &Store, progress: Progress<'_>) -> Result<Done> {
        let began = std::time::Instant::now();
        let done = self.run_timed(store, progress);
        // In the log, so that a slow check on a shop's machine can be read part by part.
        tracing::info!(part = ?self, seconds = began.elapsed().as_secs_f64(), ok = done.is_ok(), "db check part");
        done
    }

    fn run_timed(self, store: &Store, progress: Progress<'_>) -> Result<Done> {
        Ok(match self {
            Job::Integrity => {
                progress(CheckProgress { phase: CheckPhase::Integrity, done: 0, total: 1 });
                let said = store.integrity_check()?;
                progress(CheckProgress { phase: CheckPhase::Integrity, done: 1, total: 1 });
                Done::Integrity(said)
            }
            Job::Chain => Done::Chain(store.verify_audit_chain_from(1, progress)?),
            Job::Seals => Done::Seals(store.verify_receipts_since(None, progress)?),
            Job::Rows(part) => Done::Rows(part.check(store, progress)?),
        })
    }
}

/// What one piece found.
#[derive(Debug)]
pub(in crate::store) enum Done {
    Integrity(Vec<String>),
    Chain(ChainReport),
    Seals(Seals),
    Rows(Vec<String>),
}

impl Done {
    pub(in crate::store) fn into_rows(self) -> Vec<String> {
        match self {
            Done::Rows(found) => found,
            _ => Vec::new(),
        }
    }
}

/// What the whole check found.
#[derive(Debug)]
pub struct WholeCheck {
    pub integrity: Vec<String>,
    pub chain: ChainReport,
    pub seals: Seals,
    /// The row check's findings, in [`RowPart::ALL`]'s order.
    pub rows: Vec<String>,
}

impl Store {
    /// Everything `db check` reads, on as many read-only connections as the machine has cores
    /// (up to [`MAX_READERS`]); an in-memory database is read on its one connection.
    pub fn check_whole(&self, progress: Progress<'_>) -> Result<WholeCheck> {
        let readers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_READERS);
        let mut done: BTreeMap<usize, Done> =
            run(self, &Job::WHOLE, readers, progress)?.into_iter().enumerate().collect();
        let mut take = |job: Job| {
            let at = Job::WHOLE.iter().position(|j| *j == job);
            at.and_then(|at| done.remove(&at))
                .ok_or_else(|| StoreError::Conflict(format!("{job:?} did not run")))
        };
        let (Done::Integrity(integrity), Done::Chain(chain), Done::Seals(seals)) =
            (take(Job::Integrity)?, take(Job::Chain)?, take(Job::Seals)?)
        else {
            return Err(StoreError::Conflict("a check answered for another".into()));
        };
        let mut rows = Vec::new();
        for part in RowPart::ALL {
            rows.extend(take(Job::Rows(part))?.into_rows());
        }
        Ok(WholeCheck { integrity, chain, seals, rows })
    }

    /// The file this store's connection reads, if it is one (not in memory).
    pub(in crate::store) fn file(&self) -> Option<std::path::PathBuf> {
        let conn = self.conn();
        conn.path().filter(|p| !p.is_empty()).map(std::path::PathBuf::from)
    }

    /// Another connection to the same file, read-only, set up for a whole-database scan.
    pub(in crate::store) fn scan_reader(file: &std::path::Path) -> Result<Store> {
        let conn =
            Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "mmap_size", SCAN_MMAP_BYTES)?;
        conn.pragma_update(None, "cache_size", SCAN_CACHE_KIB)?;
        let found_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found_version != MIGRATIONS.len() as i64 {
            return Err(StoreError::Conflict(format!("schema {found_version} changed under the check")));
        }
        Ok(Store { conn: std::sync::Mutex::new(conn), found_version, upgrade: None })
    }
}

/// Runs `jobs` on up to `readers` connections and returns what each found, in `jobs`'
/// order. `progress` is told, on this thread only, each phase's rows summed over its jobs.
pub(in crate::store) fn run(
    store: &Store,
    jobs: &[Job],
    readers: usize,
    progress: Progress<'_>,
) -> Result<Vec<Done>> {
    let sums = RefCell::new(Sums::new(store, jobs)?);
    let file = store.file().filter(|_| readers > 1 && jobs.len() > 1);
    let Some(file) = file else {
        let mut done = Vec::with_capacity(jobs.len());
        for (at, job) in jobs.iter().enumerate() {
            done.push(job.run(store, &|p| sums.borrow_mut().tell(at, p, progress))?);
        }
        return Ok(done);
    };
    let readers: Vec<Store> =
        (0..readers.min(jobs.len())).map(|_| Store::scan_reader(&file)).collect::<Result<_>>()?;
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<Event>();
    let mut done: Vec<Option<Result<Done>>> = jobs.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        for reader in readers {
            let (tx, next) = (tx.clone(), &next);
            scope.spawn(move || {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(at) else { break };
                    let answer = job.run(&reader, &|p| {
                        let _ = tx.send(Event::Progress(at, p));
                    });
                    let failed = answer.is_err();
                    let _ = tx.send(Event::Done(at, answer));
                    if failed {
                        // The others finish what they hold; nothing new is started.
                        next.store(jobs.len(), Ordering::Relaxed);
                    }
                }
            });
        }
        drop(tx);
        for event in rx {
            match event {
                Event::Progress(at, p) => sums.borrow_mut().tell(at, p, progress),
                Event::Done(at, answer) => done[at] = Some(answer),
            }
        }
    });
    done.into_iter()
        .zip(jobs)
        .map(|(answer, job)| {
            answer.unwrap_or_else(|| Err(StoreError::Conflict(format!("{job:?} did not run"))))
        })
        .collect()
}

/// What a worker tells the thread that reports.
enum Event {
    Progress(usize, CheckProgress),
    Done(usize, Result<Done>),
}

/// The rows done and to do of each job, summed per phase for the progress bar. A job that
/// has not started counts with the rows it is expected to read.
struct Sums {
    jobs: Vec<(CheckPhase, u64, u64)>,
}

impl Sums {
    fn new(store: &Store, jobs: &[Job]) -> Result<Sums> {
        let conn = store.conn();
        let expected = |job: &Job| -> Result<u64> {
            match job {
                Job::Rows(part) => part.rows_about(&conn),
                _ => Ok(0),
            }
        };
        let jobs = jobs.iter().map(|job| Ok((job.phase(), 0, expected(job)?))).collect::<Result<_>>()?;
        Ok(Sums { jobs })
    }

    fn tell(&mut self, at: usize, p: CheckProgress, progress: Progress<'_>) {
        let Some(job) = self.jobs.get_mut(at) else { return };
        *job = (p.phase, p.done, p.total);
        let (done, total) = self
            .jobs
            .iter()
            .filter(|(phase, _, _)| *phase == p.phase)
            .fold((0, 0), |(done, total), (_, d, t)| (done + d, total + (*t).max(*d)));
        progress(CheckProgress { phase: p.phase, done, total });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phase_of_several_jobs_counts_all_of_them_from_the_start() {
        let store = Store::open_in_memory().unwrap();
        let jobs = [Job::Rows(RowPart::Attempts), Job::Rows(RowPart::Tenders), Job::Chain];
        let mut sums = Sums::new(&store, &jobs).unwrap();
        sums.jobs[0].2 = 10;
        sums.jobs[1].2 = 30;
        let seen = std::cell::RefCell::new(Vec::new());
        let tell = |p| seen.borrow_mut().push(p);
        sums.tell(0, CheckProgress { phase: CheckPhase::Rows, done: 5, total: 10 }, &tell);
        sums.tell(2, CheckProgress { phase: CheckPhase::AuditChain, done: 1, total: 7 }, &tell);
        sums.tell(1, CheckProgress { phase: CheckPhase::Rows, done: 32, total: 32 }, &tell);
        let rows = |done, total| CheckProgress { phase: CheckPhase::Rows, done, total };
        assert_eq!(
            seen.into_inner(),
            [rows(5, 40), CheckProgress { phase: CheckPhase::AuditChain, done: 1, total: 7 }, rows(37, 42)]
        );
    }
}
