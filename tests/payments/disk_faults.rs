//! The final commit fails (issue 10, "Disk"): the cashier is told "approved, booking pending"
//! (exit 4), nothing is lost, and `tameio recover` books the sale once when the disk is back.
//! Faults: `TAMEIO_FAULT=fail:<step>` (a full disk) and a real lock held by another writer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support;

use std::path::Path;
use std::time::Duration;

use support::binary::harness as tameio;
use support::books::Books;
use support::matrix::{self, Case, DISK_STEPS, Fault, Verdict};
use support::process::{Ran, Running, Tameio, run};
use support::terminals::{Proto, Sim, TERMINAL, add_terminal};
use tameio::fault::Step;

/// An ECR17 simulator process with the terminal `pos` configured on it.
fn ecr17(t: &Tameio, dir: &Path) -> Sim {
    let mut sim = Sim::start(t, Proto::Ecr17, &dir.join("sim")).unwrap();
    add_terminal(t, dir, &mut sim, &[]).unwrap();
    sim
}

/// Told approved with the booking pending: exit 4, never "refused".
fn booking_pending(sale: &Ran) {
    let v = sale.json();
    assert_eq!(sale.code, Some(4), "{}", sale.summary());
    assert_eq!(v["attempt"]["state"], "approved", "{v}");
    assert!(v["booking_pending"].is_string(), "{v}");
    assert!(v["receipt"].is_null(), "{v}");
}

/// `recover` books it: one approved attempt, one card tender, one receipt, one `P`.
fn recovered_once(t: &Tameio, dir: &Path, sim: &mut Sim) -> Books {
    let recover = t.run(dir, &["recover", "--json"]);
    assert_eq!(recover.code, Some(0), "{}", recover.summary());
    let again = t.run(dir, &["recover", "--json"]);
    assert_eq!(again.code, Some(0), "{}", again.summary());
    let books = Books::read(dir).unwrap();
    assert_eq!(books.attempts.len(), 1, "{}", books.describe());
    assert_eq!(books.attempts[0].state, "approved", "{}", books.describe());
    assert_eq!(books.tenders.len(), 1, "{}", books.describe());
    assert_eq!(books.receipts.len(), 1, "{}", books.describe());
    assert_eq!(books.receipts[0].total_cents, books.attempts[0].amount_cents);
    let listed = t.run(dir, &["receipt", "list", "--json"]);
    assert_eq!(listed.json()["receipts"].as_array().map(Vec::len), Some(1), "{}", listed.summary());
    let taken = sim.financial().iter().filter(|v| Proto::Ecr17.took(v)).count();
    assert_eq!(taken, 1, "charged once: {:?}", sim.seen);
    books
}

#[test]
fn booking_the_tender_fails_then_recovery_books_it() {
    let t = tameio();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut sim = ecr17(&t, dir);
    let mut sale = t.at(dir, &["sale", "--item", "401", "--card", "--terminal", TERMINAL, "--json"]);
    sale.env("TAMEIO_FAULT", "fail:book-tender");
    booking_pending(&run(sale));
    // Nothing lost: the approval is in the journal, only the tender is missing.
    let books = Books::read(dir).unwrap();
    assert_eq!(books.attempts[0].state, "approved", "{}", books.describe());
    assert!(books.tenders.is_empty() && books.receipts.is_empty(), "{}", books.describe());
    recovered_once(&t, dir, &mut sim);
}

#[test]
fn committing_the_result_fails_then_recovery_asks_and_books_it() {
    let t = tameio();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut sim = ecr17(&t, dir);
    let mut sale = t.at(dir, &["sale", "--item", "401", "--card", "--terminal", TERMINAL, "--json"]);
    sale.env("TAMEIO_FAULT", "fail:before-result-commit");
    booking_pending(&run(sale));
    // Nothing lost: the attempt is open in the journal, so recovery asks the terminal.
    let books = Books::read(dir).unwrap();
    assert_eq!(books.attempts[0].state, "sent", "{}", books.describe());
    recovered_once(&t, dir, &mut sim);
    assert!(sim.seen.iter().any(|v| v["code"] == "G"), "recovery asked the terminal: {:?}", sim.seen);
}

/// Another writer holds the database (`BEGIN IMMEDIATE`) from before the result arrives until
/// the paying process has given up: longer than the busy timeout times the session's tries.
#[test]
fn a_database_locked_by_another_writer_leaves_the_booking_pending() {
    let t = tameio();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut sim = ecr17(&t, dir);
    // .62: the slow scenario, so the lock is in place well before the result comes.
    let sale = ["sale", "--item", "901@9,62", "--card", "--terminal", TERMINAL, "--json"];
    let paying = Running::spawn(t.at(dir, &sale)).unwrap();
    sim.wait_for(Duration::from_secs(60), |v| Proto::Ecr17.took(v)).unwrap();

    let other = rusqlite::Connection::open(dir.join("tameio.db")).unwrap();
    other.busy_timeout(Duration::from_secs(30)).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Held until the paying process ends: every commit it tried met the lock.
    let paid = paying.wait();
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);

    booking_pending(&paid);
    let books = Books::read(dir).unwrap();
    assert_eq!(books.attempts[0].state, "sent", "the outcome could not be written: {}", books.describe());
    recovered_once(&t, dir, &mut sim);
}

/// The same two disk faults through the fault matrix, on every protocol.
#[test]
fn every_protocol_keeps_a_failed_final_commit_for_recovery() {
    let t = tameio();
    let mut failures = Vec::new();
    for step in DISK_STEPS {
        for proto in Proto::ALL {
            let cell = matrix::run_case(&t, Case::new(proto, Fault::Fail(step)));
            match &cell.verdict {
                Verdict::Pass => {}
                // AADE v01 cannot be asked again for an answer the register did not keep.
                Verdict::Manager(_) if proto == Proto::Aade01 && step == Step::ResultReceived => {}
                _ => failures.push(cell.report()),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
