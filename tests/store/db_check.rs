//! `db check` tells how far it is (each phase from 0 to all its rows), and `--quick` checks
//! the seals of the last days only: a receipt changed within them is caught, one changed
//! earlier is left to the whole check. The CLI prints what `--quick` left out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::RefCell;
use std::path::Path;

use crate::support::binary::tameio;
use rusqlite::Connection;
use tameio::config::Places;
use tameio::domain::{Cart, Money, Quantity};
use tameio::register::{CheckPhase, CheckProgress, CheckScope, Register};

/// What was printed, without Fluent's isolation marks around each value.
fn plain(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace(['\u{2068}', '\u{2069}'], "")
}

fn sales(places: &Places, n: usize) -> Register {
    let (register, _) = Register::open(places).unwrap();
    let cashier = register.cli_operator(None, None).unwrap();
    for _ in 0..n {
        let mut cart = Cart::default();
        register.ring_up(&mut cart, "401", Quantity::ONE).unwrap();
        register.cash_sale(&cashier, &cart, Money::from_cents(2000)).unwrap();
    }
    register
}

/// Edits receipt `number` behind tameio's back: its body, and its issue time `days_ago`.
fn tamper(db: &Path, number: i64, days_ago: i64) {
    let at = (chrono::Utc::now() - chrono::Duration::days(days_ago)).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let conn = Connection::open(db).unwrap();
    conn.execute_batch("DROP TRIGGER IF EXISTS receipts_immutable").unwrap();
    conn.execute(
        "UPDATE receipts SET issued_at = ?2, body = replace(body, '\"cashier\"', '\"Cashier\"') WHERE number = ?1",
        rusqlite::params![number, at],
    )
    .unwrap();
}

#[test]
fn the_check_tells_each_phase_from_nothing_to_all_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let register = sales(&Places::resolve(Some(dir.path())), 3);
    let seen: RefCell<Vec<CheckProgress>> = RefCell::default();
    let check = register.check_db_with(CheckScope::Full, &|p| seen.borrow_mut().push(p)).unwrap();
    assert!(check.is_ok(), "{check:?}");
    assert_eq!(check.receipts_checked, 3);
    let seen = seen.into_inner();
    // The phases run side by side (each on a connection of its own): every one is told, in
    // whatever order they interleave.
    let phases = [CheckPhase::Integrity, CheckPhase::AuditChain, CheckPhase::Receipts, CheckPhase::Rows];
    for phase in phases {
        let of: Vec<&CheckProgress> = seen.iter().filter(|p| p.phase == phase).collect();
        assert_eq!(of.first().map(|p| p.done), Some(0), "{phase:?} starts at 0");
        let last = of.last().unwrap();
        assert!(last.done == last.total && last.total > 0, "{phase:?} ends with all done: {last:?}");
        assert!(of.iter().all(|p| p.done <= p.total), "{phase:?}: {of:?}");
        assert!(of.windows(2).all(|w| w[0].done <= w[1].done), "{phase:?} never goes back: {of:?}");
    }
    let receipts = seen.iter().rfind(|p| p.phase == CheckPhase::Receipts).unwrap();
    assert_eq!(receipts.total, 3);
}

#[test]
fn the_quick_check_reads_the_last_days_and_says_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let places = Places::resolve(Some(dir.path()));
    drop(sales(&places, 3));
    tamper(&places.database(), 1, 30);
    let (register, _) = Register::open(&places).unwrap();
    let quick = register.check_db_with(CheckScope::Quick { days: 7 }, &|_| {}).unwrap();
    assert!(quick.is_ok(), "a month-old change is outside a week: {quick:?}");
    assert_eq!((quick.receipts_checked, quick.quick_days), (2, Some(7)));
    assert!(quick.integrity.is_empty(), "no integrity check in a quick one");
    let full = register.check_db().unwrap();
    assert!(!full.is_ok() && full.receipt_problems.iter().any(|p| p.contains("1/1")), "{full:?}");
    let month = register.check_db_with(CheckScope::Quick { days: 40 }, &|_| {}).unwrap();
    assert!(month.receipt_problems.iter().any(|p| p.contains("1/1")), "{month:?}");
    drop(register);

    tamper(&places.database(), 3, 0);
    let out = tameio(dir.path(), &["db", "check", "--quick"]);
    let said = plain(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("receipt 1/3: its content was changed"), "{said}");
    assert!(!said.contains("1/1"), "receipt 1 is older than the week: {said}");
    assert!(out.stderr.is_empty(), "no progress line when stderr is not a terminal");

    let restored = Connection::open(places.database()).unwrap();
    restored
        .execute(
            "UPDATE receipts SET body = replace(body, '\"Cashier\"', '\"cashier\"') WHERE number = 3",
            [],
        )
        .unwrap();
    drop(restored);
    let out = tameio(dir.path(), &["db", "check", "--quick", "3"]);
    let said = plain(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("Quick check OK (last 3 days)") && said.contains("Not checked"), "{said}");
}
