//! Deferred receipts on AADE 1155 through the register: the preload's reference is journalled
//! before the `W` leaves (a crash after sending still leaves a row a refresh matches), and a
//! refresh books what matches, acknowledges only that, keeps a stranger for a manager without
//! acknowledging it, and touches no terminal another holder has.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use crate::support::register::{cart, manager};
use tameio::domain::{DeferredState, Money};
use tameio::register::Register;
use tameio::terminal::aade1155::sim::{SimConfig, SimServer, spawn_in_process};
use tameio::terminal::aade1155::{Aade1155Options, Aade1155Terminal};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{Protocol, TerminalConfig};

async fn sim(scenario: Scenario) -> SimServer {
    let config = SimConfig {
        scenario,
        amount_table: false,
        slow_step_ms: 3_000,
        ack_timeout_ms: 5_000,
        ..SimConfig::default()
    };
    spawn_in_process(config).await.unwrap()
}

/// A register with the AADE 1155 terminal `name` on `sim` (ECR id `1`).
fn register_on(sim: &SimServer, name: &str, query_timeout_ms: u64) -> Register {
    let register = Register::in_memory(Default::default()).unwrap();
    let config = TerminalConfig {
        name: name.into(),
        protocol: Protocol::Aade1155,
        addr: sim.addr.to_string(),
        terminal_id: String::new(),
        cash_register_id: "1".into(),
        options: serde_json::json!({ "query_timeout_ms": query_timeout_ms, "ack_linger_ms": 500 }),
    };
    register.add_terminal(&manager(&register), &config).unwrap();
    register
}

#[tokio::test(flavor = "multi_thread")]
async fn the_preload_reference_is_journalled_before_the_w_leaves() {
    // The terminal takes the W but answers late; the process "dies" as soon as the W is out.
    let sim = sim(Scenario::Slow).await;
    let register = register_on(&sim, "gr-defer-crash", 15_000);
    let boss = manager(&register);
    let sale = cart(&register, &["101", "401"]);
    let sent = async {
        while sim.sim.preloads().is_empty() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::select! {
        done = register.defer_order(&boss, &sale, "gr-defer-crash") => panic!("the W was answered early: {done:?}"),
        () = sent => {}
    }
    let on_terminal = sim.sim.preloads()[0].clone();
    let rows = register.deferred_receipts(false).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].state, DeferredState::Waiting);
    assert_eq!(rows[0].reference, on_terminal.session, "the row names what the terminal holds");
    assert_eq!(on_terminal.amount, rows[0].total.cents() as u64);

    // After the "restart": the customer pays on the terminal; a refresh matches it by reference.
    sim.sim.pay_on_terminal(&on_terminal.session).unwrap();
    let list = register.refresh_deferred().await.unwrap();
    assert_eq!(list.receipts[0].state, DeferredState::Paid);
    assert!(list.receipts[0].receipt_number.is_some());
    assert!(list.unmatched.is_empty());
    assert!(sim.sim.unacknowledged().is_empty(), "booked, then acknowledged");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_preload_whose_answer_is_lost_waits_under_its_reference() {
    let sim = sim(Scenario::LostResult).await;
    let register = register_on(&sim, "gr-defer-lost", 1_500);
    let boss = manager(&register);
    let row = register.defer_order(&boss, &cart(&register, &["401"]), "gr-defer-lost").await.unwrap();
    assert_eq!(row.state, DeferredState::Waiting, "it may be on the terminal");
    assert_eq!(row.reference, sim.sim.preloads()[0].session);
    assert_eq!(row.reference.len(), 6);
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_books_the_match_and_keeps_the_stranger_unacknowledged() {
    let sim = sim(Scenario::Approve).await;
    let register = register_on(&sim, "gr-defer-stranger", 15_000);
    let boss = manager(&register);

    // Another register's preload, paid on the terminal first: nothing here can book it.
    let other =
        Aade1155Terminal::new("other", &sim.addr.to_string(), "2", Aade1155Options::default()).unwrap();
    let stranger = other.preload("9-777001", Money::from_cents(555)).await.unwrap();
    sim.sim.pay_on_terminal(&stranger).unwrap();

    let ours = register.defer_order(&boss, &cart(&register, &["101"]), "gr-defer-stranger").await.unwrap();
    sim.sim.pay_on_terminal(&ours.reference).unwrap();
    assert_eq!(sim.sim.unacknowledged()[0].session, stranger, "the stranger waits first in line");

    let list = register.refresh_deferred().await.unwrap();
    let paid = list.receipts.iter().find(|d| d.id == ours.id).unwrap();
    assert_eq!(paid.state, DeferredState::Paid);
    let receipt = register.receipt(paid.receipt_number.unwrap()).unwrap();
    assert_eq!(receipt.total, ours.total);
    assert_eq!(list.unmatched.len(), 1, "{:?}", list.unmatched);
    assert_eq!(list.unmatched[0].reference, stranger);
    assert!(list.unmatched[0].outcome.is_approved());
    let left: Vec<String> = sim.sim.unacknowledged().into_iter().map(|r| r.session).collect();
    assert_eq!(left, std::slice::from_ref(&stranger), "only the booked one was acknowledged");
    let acks: Vec<_> = sim.sim.received().into_iter().filter(|r| r.code == "R").collect();
    assert!(acks.iter().all(|r| r.session.as_deref() == Some(ours.reference.as_str())), "{acks:?}");

    // The next preload, paid behind the stranger, is booked too; the stranger is kept once.
    let next = register.defer_order(&boss, &cart(&register, &["401"]), "gr-defer-stranger").await.unwrap();
    sim.sim.pay_on_terminal(&next.reference).unwrap();
    let again = register.refresh_deferred().await.unwrap();
    assert_eq!(again.receipts.iter().find(|d| d.id == next.id).unwrap().state, DeferredState::Paid);
    assert_eq!(again.unmatched.len(), 1);
    assert_eq!(again.unmatched[0].times_seen, 2);
    assert_eq!(register.receipts(&Default::default()).unwrap().len(), 2, "each booked once");
    assert_eq!(sim.sim.unacknowledged().len(), 1, "the stranger, still unacknowledged");
    assert_eq!(register.deferred_overview().unwrap().unmatched.len(), 1, "shown in the list too");
}

#[tokio::test(flavor = "multi_thread")]
async fn refresh_leaves_alone_a_terminal_another_holder_has() {
    let sim = sim(Scenario::Approve).await;
    let register = register_on(&sim, "gr-defer-held", 15_000);
    let boss = manager(&register);
    let row = register.defer_order(&boss, &cart(&register, &["401"]), "gr-defer-held").await.unwrap();
    sim.sim.pay_on_terminal(&row.reference).unwrap();
    let before = sim.sim.received().len();

    let guard = register.hold_terminal_now("gr-defer-held").unwrap();
    let list = register.refresh_deferred().await.unwrap();
    assert_eq!(list.not_reached.len(), 1, "{:?}", list.not_reached);
    assert_eq!(list.not_reached[0].terminal, "gr-defer-held");
    assert_eq!(sim.sim.received().len(), before, "nothing sent while another holds the terminal");
    assert_eq!(list.receipts[0].state, DeferredState::Waiting);
    drop(guard);

    let list = register.refresh_deferred().await.unwrap();
    assert!(list.not_reached.is_empty());
    assert_eq!(list.receipts[0].state, DeferredState::Paid);
}
