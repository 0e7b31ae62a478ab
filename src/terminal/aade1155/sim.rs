//! The AADE 1155 terminal simulator over real TCP, for demo mode and tests: shared fault
//! scenarios, results kept until acknowledged (`O`/`L`), preloads paid "on the terminal".

use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use tokio::net::TcpListener;

use super::result::PosResult;
use crate::terminal::sim::{Numbered, ReceivedLog, Scenario, serve_one_at_a_time};

mod conn;
mod pos;

/// How the simulated terminal behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimConfig {
    pub tid: String,
    pub app_version: String,
    /// The terminals' direction tag: `POS` (ILIAS) or `MEL` (Mellon).
    pub direction: String,
    /// `10` speaks versions 01 and 10; `01` only the Mellon basic protocol.
    pub version: String,
    pub scenario: Scenario,
    /// Let the amount's cents pick the scenario (`Scenario::for_amount`).
    pub amount_table: bool,
    /// ISO 4217 numeric; another currency in a request gets `E/004`.
    pub currency: String,
    /// Pause before the RESULT (0 = at once); `slow` uses `slow_step_ms`.
    pub step_ms: u64,
    pub slow_step_ms: u64,
    /// How long to wait for the register's `R` acknowledgement of a RESULT.
    pub ack_timeout_ms: u64,
    /// A connection that sends nothing this long is closed.
    pub idle_timeout_ms: u64,
    /// The master key (32 hex digits) to decrypt `MAC_K` with; empty = keep it encrypted.
    pub master_key: String,
    /// Answer `O` (resend one result); off = `E/500`, so registers must fall back to `L`.
    pub resend_one: bool,
    /// Print one JSON line per received request on stdout (for `tameio sim`).
    pub echo_json: bool,
    /// The card number in `D` and the print data, masked or not: tests hand it a full test
    /// card to check that the register masks it.
    pub pan: String,
    /// The strict real-terminal profile (review 3, §6): version 10 writes `D` in another order
    /// than ILIAS's (version 01's eleven subfields first, the five v10 ones after them), as a
    /// terminal following no published v10 layout may.
    pub strict: bool,
    /// Version 10 writes one more `D` subfield than either layout has (review A-1).
    pub d_extra: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            tid: "80011693".into(),
            app_version: "TAMEIO-SIM-1".into(),
            direction: "POS".into(),
            version: "10".into(),
            scenario: Scenario::Approve,
            amount_table: true,
            currency: "978".into(),
            step_ms: 0,
            slow_step_ms: 1_000,
            ack_timeout_ms: 5_000,
            idle_timeout_ms: 60_000,
            master_key: String::new(),
            resend_one: true,
            echo_json: false,
            pan: "************4242".into(),
            strict: false,
            d_extra: false,
        }
    }
}

/// One request the simulator received, whether it took it or refused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub seq: u64,
    /// The type letter (`A`, `O`, `L`, `R`…), `?` when unreadable.
    pub code: String,
    /// Processed (a financial request: CONFIRMED sent; others: answered normally).
    pub accepted: bool,
    pub scenario: Option<Scenario>,
    pub session: Option<String>,
    pub amount: Option<u64>,
    /// The frame's header and body as text.
    pub message: String,
    /// Why it was refused, or what happened.
    pub note: String,
}

impl Numbered for Received {
    fn set_seq(&mut self, seq: u64) {
        self.seq = seq;
    }
}

/// A receipt the register preloaded with `W`, waiting to be paid on the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preload {
    pub session: String,
    pub amount: u64,
    pub ecr: String,
    pub receipt: String,
}

/// A RESULT kept until the register acknowledges it.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub result: PosResult,
    pub variant: String,
}

#[derive(Debug, Default)]
pub(crate) struct State {
    pub previous_session: Option<String>,
    pub unacked: Vec<Stored>,
    pub preloads: Vec<Preload>,
    pub stan: u32,
    /// Sessions already answered `E/999` once (the `nak-once` scenario: busy once).
    pub busied: Vec<String>,
    pub ecr_id: Option<String>,
    /// The loaded session key (decrypted when the master key is configured).
    pub session_key: Option<Vec<u8>>,
    /// Cents approved (refunds and voids subtract).
    pub totals: i64,
    /// RESULTs of other sessions to push on the next financial connection (`start_on_terminal`).
    pub interjected: Vec<PosResult>,
}

/// A simulated AADE 1155 terminal; share it between the server task and the test.
#[derive(Debug)]
pub struct Aade1155Sim {
    pub(crate) config: SimConfig,
    state: Mutex<State>,
    log: ReceivedLog<Received>,
}

impl Aade1155Sim {
    pub fn new(config: SimConfig) -> Arc<Self> {
        let log = ReceivedLog::new("AADE 1155", config.echo_json);
        Arc::new(Aade1155Sim { config, state: Mutex::new(State::default()), log })
    }

    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every request received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.log.entries()
    }

    /// How many requests of this type were received at all.
    pub fn count(&self, code: char) -> usize {
        self.received().iter().filter(|r| r.code == code.to_string()).count()
    }

    /// How many requests of this type were accepted (processed).
    pub fn accepted(&self, code: char) -> usize {
        self.received().iter().filter(|r| r.accepted && r.code == code.to_string()).count()
    }

    /// How many requests of this type were refused (`E/…` instead of processing).
    pub fn refused(&self, code: char) -> usize {
        self.received().iter().filter(|r| !r.accepted && r.code == code.to_string()).count()
    }

    /// Results still waiting for the register's acknowledgement.
    pub fn unacknowledged(&self) -> Vec<PosResult> {
        self.state().unacked.iter().map(|s| s.result.clone()).collect()
    }

    pub fn preloads(&self) -> Vec<Preload> {
        self.state().preloads.clone()
    }

    pub fn totals(&self) -> i64 {
        self.state().totals
    }

    pub fn session_key(&self) -> Option<Vec<u8>> {
        self.state().session_key.clone()
    }

    /// The customer pays a preloaded receipt on the terminal: its RESULT (ECR status `2`)
    /// waits for the register's `L`. `None` when no such preload exists.
    pub fn pay_on_terminal(&self, session: &str) -> Option<PosResult> {
        let mut st = self.state();
        let at = st.preloads.iter().position(|p| p.session == session)?;
        let p = st.preloads.remove(at);
        let result = pos::preload_paid(&self.config, &mut st, &p);
        st.unacked.push(Stored { result: result.clone(), variant: "01".into() });
        Some(result)
    }

    /// A sale keyed on the terminal itself, with no register session (`POSTXN`, ECR status
    /// `4`): its RESULT is pushed on the next financial request's connection, after that
    /// request's CONFIRMED and before its RESULT, and kept until acknowledged (`L`).
    pub fn start_on_terminal(&self, cents: u64) -> PosResult {
        let mut st = self.state();
        let result = pos::started_on_terminal(&self.config, &mut st, cents);
        st.interjected.push(result.clone());
        result
    }

    pub(crate) fn log(&self, entry: Received) {
        self.log.push(entry);
    }
}

/// Serves registers one connection at a time, as a terminal does: while one request runs,
/// another register's connection waits unanswered.
pub async fn serve(listener: TcpListener, sim: Arc<Aade1155Sim>) -> std::io::Result<()> {
    serve_one_at_a_time(
        listener,
        sim,
        "AADE 1155",
        |sim, stream| async move { conn::handle(&sim, stream).await },
    )
    .await
}

/// A simulator running in this process (demo mode, tests).
pub type SimServer = crate::terminal::sim::SimServer<Aade1155Sim>;

/// Binds 127.0.0.1 on a free port and serves there on the current tokio runtime.
pub async fn spawn_in_process(config: SimConfig) -> std::io::Result<SimServer> {
    crate::terminal::sim::spawn_local(Aade1155Sim::new(config), "AADE 1155", serve).await
}
