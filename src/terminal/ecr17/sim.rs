//! The ECR17 terminal simulator over real TCP, for demo mode and tests: it keeps the last
//! result for `G` and totals for `C`/`T`, applies fault scenarios, and logs every request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::frame::LrcRule;
use crate::terminal::sim::{Numbered, ReceivedLog, Scenario, serve_one_at_a_time};

mod conn;
mod terminal;

/// How the simulated terminal behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimConfig {
    /// Its own terminal id; requests must carry it or `00000000` when `check_tid`.
    pub tid: String,
    pub scenario: Scenario,
    /// Let the amount's cents pick the scenario (see `Scenario::for_amount`).
    pub amount_table: bool,
    pub check_tid: bool,
    /// The pause between progress steps in the `slow` scenario.
    pub slow_step_ms: u64,
    /// Pause before each progress frame otherwise (0 = as fast as possible).
    pub step_ms: u64,
    pub ack_timeout_ms: u64,
    /// A connection that sends nothing this long is closed.
    pub idle_timeout_ms: u64,
    pub release: String,
    /// Send the `S` receipt before the result instead of after it.
    pub receipt_before_result: bool,
    /// Print one JSON line per received request on stdout (for `tameio sim`).
    pub echo_json: bool,
    pub lrc: LrcRule,
    /// The card number the simulated terminal reports (19 digits, zero-padded), masked or not:
    /// tests hand it a full test card to check that the register masks it.
    pub pan: String,
    /// The strict real-terminal profile (review 3, §6): `E1` (receipt to the ECR) is left
    /// unanswered, neither ACK nor NAK, as a terminal without that function may.
    pub strict: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            tid: "37105051".into(),
            scenario: Scenario::Approve,
            amount_table: true,
            check_tid: true,
            slow_step_ms: 1_000,
            step_ms: 0,
            ack_timeout_ms: 2_000,
            idle_timeout_ms: 60_000,
            release: "TAMEIO SIM 1".into(),
            receipt_before_result: false,
            echo_json: false,
            lrc: LrcRule::StxEtx,
            pan: "0000000000000004242".into(),
            strict: false,
        }
    }
}

/// One request frame the simulator received, whether it took it or NAKed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub seq: u64,
    /// The message code (`P`, `G`, …), `?` when unreadable.
    pub code: String,
    /// ACKed (or taken without ACK in `no-ack`) and processed.
    pub accepted: bool,
    pub scenario: Option<Scenario>,
    pub amount: Option<u64>,
    pub message: String,
    pub note: String,
}

impl Numbered for Received {
    fn set_seq(&mut self, seq: u64) {
        self.seq = seq;
    }
}

/// What the terminal remembers between connections.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub last_result: Option<Vec<u8>>,
    pub last_receipt: Option<Vec<u8>>,
    pub last_service_receipt: Option<Vec<u8>>,
    /// Cents in the open accounting session.
    pub totals: i64,
    pub stan: u32,
    pub online: u32,
    /// STAN and amount of the last payment, for the reversal `S`.
    pub last_payment: Option<(String, i64)>,
    pub ecr_print: bool,
    /// Open pre-authorisations by code, with their amount.
    pub preauths: HashMap<String, u64>,
}

/// A simulated ECR17 terminal; share it between the server task and the test.
#[derive(Debug)]
pub struct Ecr17Sim {
    pub(crate) config: SimConfig,
    pub(crate) state: Mutex<State>,
    log: ReceivedLog<Received>,
    paused: watch::Sender<bool>,
}

impl Ecr17Sim {
    pub fn new(config: SimConfig) -> Arc<Self> {
        let log = ReceivedLog::new("ECR17", config.echo_json);
        Arc::new(Ecr17Sim {
            config,
            state: Mutex::new(State::default()),
            log,
            paused: watch::Sender::new(false),
        })
    }

    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every request frame received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.log.entries()
    }

    /// How many requests with this code were accepted (processed).
    pub fn accepted(&self, code: char) -> usize {
        self.received().iter().filter(|r| r.accepted && r.code == code.to_string()).count()
    }

    /// The open session's total in cents.
    pub fn totals(&self) -> i64 {
        self.state().totals
    }

    /// Holds financial results (after the ACK and progress) until `resume`.
    pub fn pause(&self) {
        self.paused.send_replace(true);
    }

    pub fn resume(&self) {
        self.paused.send_replace(false);
    }

    pub(crate) async fn wait_unpaused(&self) {
        let mut rx = self.paused.subscribe();
        let _ = rx.wait_for(|paused| !*paused).await;
    }

    pub(crate) fn log(&self, entry: Received) {
        self.log.push(entry);
    }
}

/// Serves ECR clients one connection at a time, as a terminal does, until the task ends.
pub async fn serve(listener: TcpListener, sim: Arc<Ecr17Sim>) -> std::io::Result<()> {
    serve_one_at_a_time(listener, sim, "ECR17", |sim, stream| async move { conn::handle(&sim, stream).await })
        .await
}

/// A simulator running in this process (demo mode, tests, benches).
pub type SimServer = crate::terminal::sim::SimServer<Ecr17Sim>;

/// Binds 127.0.0.1 on a free port and serves there on the current tokio runtime.
pub async fn spawn_in_process(config: SimConfig) -> std::io::Result<SimServer> {
    crate::terminal::sim::spawn_local(Ecr17Sim::new(config), "ECR17", serve).await
}
