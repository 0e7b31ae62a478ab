//! Shared helpers of the ECR17 integration tests: a simulator on loopback, a terminal with
//! short but generous timeouts, and a journal that checks nothing was sent before `prepare`.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod scripted;

use std::sync::Arc;

use tameio::domain::money::Money;
use tameio::terminal::ecr17::sim::{Ecr17Sim, SimConfig, SimServer, spawn_in_process};
use tameio::terminal::ecr17::{Ecr17Options, Ecr17Terminal};
use tameio::terminal::sim::Scenario;
use tameio::terminal::{PaymentKind, PaymentRequest, Progress};
use tokio::sync::mpsc::UnboundedReceiver;

pub const TID: &str = "37105051";

pub fn sim_config(scenario: Scenario) -> SimConfig {
    SimConfig { scenario, slow_step_ms: 50, ack_timeout_ms: 5_000, ..SimConfig::default() }
}

pub async fn start(scenario: Scenario) -> SimServer {
    spawn_in_process(sim_config(scenario)).await.unwrap()
}

/// Timeouts long enough for a loaded 2-core machine; none of them is what a test checks.
pub fn options() -> Ecr17Options {
    Ecr17Options {
        ack_timeout_ms: 5_000,
        retransmit_delay_ms: 10,
        payment_timeout_ms: 30_000,
        query_timeout_ms: 15_000,
        status_timeout_ms: 15_000,
        close_timeout_ms: 15_000,
        receipt_idle_ms: 5_000,
        ..Ecr17Options::default()
    }
}

pub fn terminal(name: &str, server: &SimServer) -> Ecr17Terminal {
    terminal_with(name, server, options())
}

pub fn terminal_with(name: &str, server: &SimServer, opts: Ecr17Options) -> Ecr17Terminal {
    Ecr17Terminal::new(name, &server.addr.to_string(), "00000000", "00000001", opts)
}

pub fn sale(cents: i64) -> PaymentRequest {
    PaymentRequest::new(PaymentKind::Sale, Money::from_cents(cents))
}

/// The journal tests run payments with: it notes, at each `prepare`, how many frames the
/// simulator had received (a `G` asked for the baseline STAN before the attempt is no payment).
pub type Spy = tameio::terminal::ProbedJournal;

pub fn spy(sim: &Arc<Ecr17Sim>) -> Spy {
    let sim = sim.clone();
    Spy::new(move || sim.received().iter().filter(|r| r.code != "G").count())
}

/// Every `prepare` happened while the simulator had received nothing more than before.
pub fn assert_prepared_before_sending(spy: &Spy, frames_before: usize) {
    let seen = spy.seen_at_prepare();
    assert!(!seen.is_empty());
    assert!(seen.iter().all(|n| *n == frames_before), "frames at prepare: {seen:?}");
}

pub fn drain(rx: &mut UnboundedReceiver<Progress>) -> Vec<Progress> {
    let mut out = Vec::new();
    while let Ok(p) = rx.try_recv() {
        out.push(p);
    }
    out
}

/// How many request frames with this code the simulator refused (NAKed).
pub fn refused(sim: &Ecr17Sim, code: char) -> usize {
    sim.received().iter().filter(|r| !r.accepted && r.code == code.to_string()).count()
}
