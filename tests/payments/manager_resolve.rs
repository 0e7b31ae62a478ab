//! What recovery cannot prove stays open for a manager, who decides it from the terminal's own
//! journal: `tameio attempt list` shows it, `tameio attempt resolve` settles it (audited) and
//! books the sale once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support;

use support::books::Books;
use support::terminals::{Proto, Sim, TERMINAL, add_terminal};

#[test]
fn a_payment_recovery_cannot_prove_is_listed_then_decided_by_a_manager_and_booked_once() {
    let t = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut sim = Sim::start(&t, Proto::Ecr17, &dir.join("sim")).unwrap();
    add_terminal(&t, dir, &mut sim, &[]).unwrap();

    // .70: the link drops mid-payment and the terminal keeps no result: unknown.
    let sale = t.run(dir, &["sale", "--item", "901@9,70", "--card", "--terminal", TERMINAL, "--json"]);
    assert_eq!(sale.code, Some(4), "{}", sale.summary());
    t.run(dir, &["recover"]);
    let list = t.run(dir, &["attempt", "list", "--json"]);
    assert_eq!(list.code, Some(4), "{}", list.summary());
    let id = list.json()["open"][0]["attempt"].as_str().unwrap().to_string();

    let cashier = t.run(dir, &["attempt", "resolve", &id, "--approved", "--user", "Maria", "--pin", "1111"]);
    assert_eq!(cashier.code, Some(1), "a cashier may not decide: {}", cashier.summary());
    let bad = t.run(dir, &["attempt", "resolve", "not-an-id", "--not-charged", "--pin", "9999"]);
    assert_eq!(bad.code, Some(2), "{}", bad.summary());

    let args = ["attempt", "resolve", &id, "--approved", "--auth-code", "123456", "--pin", "9999", "--json"];
    let decided = t.run(dir, &args);
    assert_eq!(decided.code, Some(0), "{}", decided.summary());
    assert_eq!(decided.json()["attempt"]["state"], "approved");
    assert_eq!(decided.json()["receipt"], 1, "{}", decided.summary());
    assert_eq!(t.run(dir, &["attempt", "list"]).code, Some(0), "nothing left open");
    // Deciding again is refused: it is not open any more.
    assert_ne!(t.run(dir, &args).code, Some(0));

    let books = Books::read(dir).unwrap();
    assert_eq!(books.receipts.len(), 1, "{}", books.describe());
    assert_eq!(books.tenders.len(), 1, "booked once: {}", books.describe());
}

/// A manager decided "not charged" while the terminal was away; it comes back holding the
/// approval unacknowledged. Recovery of a later payment must keep that approval for a person
/// (unmatched), never acknowledge it away as if the journal held it (AADE v10, `L` only).
#[test]
fn a_terminal_result_that_contradicts_a_managers_decision_is_kept_never_acknowledged() {
    use support::process;
    use tameio::terminal::aade1155;
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let config = aade1155::sim::SimConfig { resend_one: false, ..aade1155::sim::SimConfig::default() };
    let server = rt.block_on(aade1155::sim::spawn_in_process(config)).unwrap();
    let t = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let addr = server.addr.to_string();
    let add = ["terminal", "add", TERMINAL, "--protocol", "aade1155", "--addr", &addr, "--keep-demo-pins"];
    assert_eq!(t.run(dir, &add).code, Some(0));

    // The sale dies after CONFIRMED: the terminal approves and keeps its RESULT unacknowledged.
    let mut first = t.at(dir, &["sale", "--item", "401", "--card", "--terminal", TERMINAL, "--json"]);
    first.env("TAMEIO_FAULT", "crash:after-ack");
    assert!(process::run(first).died());
    let list = t.run(dir, &["attempt", "list", "--json"]);
    let id = list.json()["open"][0]["attempt"].as_str().unwrap().to_string();
    let decided = t.run(dir, &["attempt", "resolve", &id, "--not-charged", "--pin", "9999"]);
    assert_eq!(decided.code, Some(0), "{}", decided.summary());

    // A later payment whose result is lost: recovery walks L and meets the first approval.
    t.run(dir, &["sale", "--item", "901@9,64", "--card", "--terminal", TERMINAL, "--json"]);
    t.run(dir, &["recover", "--json"]);
    let books = Books::read(dir).unwrap();
    assert!(
        books.unmatched.iter().any(|o| o.contains("approved")),
        "the contradicting approval is kept for a manager: {}",
        books.describe()
    );
    assert!(
        server.sim.unacknowledged().iter().any(|r| r.card.is_some()),
        "and left on the terminal, not acknowledged away: {:?}",
        server.sim.received()
    );
}
