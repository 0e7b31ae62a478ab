//! A batch close whose terminal answer was lost, from the command line: it blocks the next
//! close, `batch pending` shows it, and a manager's `batch resolve` issues the Z once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::binary::shown as text;
use crate::support::binary::tameio;
use tameio::config::Places;
use tameio::register::Register;

#[test]
fn a_lost_close_answer_waits_for_the_managers_word() {
    let dir = tempfile::tempdir().unwrap();
    let sale = tameio(dir.path(), &["sale", "--item", "401", "--cash", "20"]);
    assert!(sale.status.success(), "{}", text(&sale));
    let request = {
        let (register, _) = Register::open(&Places::resolve(Some(dir.path()))).unwrap();
        let store = register.store();
        let asked = store.begin_batch_close(&register.register_id(), "front", None, None, "Nikos").unwrap();
        store.batch_close_unanswered(asked.id, "the terminal did not answer in time").unwrap();
        asked.id
    };

    let refused = tameio(dir.path(), &["batch", "close", "--pin", "9999"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(text(&refused).contains("terminal front is not finished"), "{}", text(&refused));

    let pending = tameio(dir.path(), &["batch", "pending"]);
    assert!(pending.status.success(), "{}", text(&pending));
    let shown = text(&pending);
    assert!(shown.contains(&format!("Batch close {request} with terminal front")), "{shown}");
    assert!(shown.contains("did not answer in time"), "{shown}");

    let both = tameio(dir.path(), &["batch", "resolve", &request.to_string(), "--closed", "--not-closed"]);
    assert_eq!(both.status.code(), Some(2), "{}", text(&both));
    let id = request.to_string();
    let resolve = ["batch", "resolve", id.as_str(), "--closed", "--terminal-total", "0", "--pin", "9999"];
    let resolved = tameio(dir.path(), &resolve);
    assert!(resolved.status.success(), "{}", text(&resolved));
    let z: serde_json::Value = serde_json::from_slice(&resolved.stdout).unwrap();
    assert_eq!((z["number"].as_i64(), z["terminal"].as_str()), (Some(1), Some("front")));
    assert_eq!(z["register"]["sales"].as_i64(), Some(1));
    assert_eq!(tameio(dir.path(), &resolve).status.code(), Some(1), "decided once");

    let none = tameio(dir.path(), &["batch", "pending"]);
    assert!(text(&none).contains("No batch close is waiting"), "{}", text(&none));
    let closed = tameio(dir.path(), &["batch", "close", "--pin", "9999"]);
    assert!(closed.status.success(), "{}", text(&closed));
}

/// Issue 23, items 8 and 23 from the command line: yesterday's cash sale refunded today made
/// the expected cash negative; with the opening float given at the close the drawer adds up,
/// and the Z's PDF carries the sales per hour.
#[test]
fn the_float_given_at_the_close_keeps_the_drawer_right_and_the_z_pdf_has_its_chart() {
    use tameio::domain::{Money, Tender};
    let dir = tempfile::tempdir().unwrap();
    let sale = tameio(dir.path(), &["sale", "--item", "401", "--cash", "20"]);
    assert!(sale.status.success(), "{}", text(&sale));
    let yesterday = tameio(dir.path(), &["batch", "close", "--pin", "9999"]);
    assert!(yesterday.status.success(), "{}", text(&yesterday));
    // Z 1 was closed last night (a float typed in the very second of a close is that day's).
    let places = Places::resolve(Some(dir.path()));
    let db = rusqlite::Connection::open(places.database()).unwrap();
    db.execute("UPDATE batch_closures SET closed_at = '2026-12-06T21:00:00Z'", []).unwrap();
    drop(db);
    {
        let (register, _) = Register::open(&places).unwrap();
        let store = register.store();
        let sold = store.receipt(&register.register_id(), 1).unwrap();
        let back: Vec<Tender> = sold
            .tenders
            .iter()
            .map(|t| Tender { amount: -t.amount, given: -t.amount, change: Money::ZERO, ..t.clone() })
            .collect();
        store.refund(&register.register_id(), 1, back, "Nikos").unwrap();
    }
    let closed =
        tameio(dir.path(), &["batch", "close", "--float", "50", "--counted-cash", "40.10", "--pin", "9999"]);
    assert!(closed.status.success(), "{}", text(&closed));
    let z: serde_json::Value = serde_json::from_slice(&closed.stdout).unwrap();
    assert_eq!(z["register"]["opening_float"].as_i64(), Some(5000), "{z}");
    assert_eq!(z["register"]["tenders"]["cash"].as_i64(), Some(-990), "the refund gives cash back");

    let out = dir.path().join("z2.pdf");
    let pdf = tameio(dir.path(), &["report", "z", "2", "-o", out.to_str().unwrap()]);
    assert!(pdf.status.success(), "{}", text(&pdf));
    let shown = crate::support::fixture::pdf_text(&std::fs::read(&out).unwrap());
    for want in ["Opening float", "50.00", "40.10", "Cash matches", "Sales per hour", "Hour"] {
        assert!(shown.contains(want), "{want} missing in the Z's PDF:\n{shown}");
    }
}
