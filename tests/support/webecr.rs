//! Shared helpers of the WebECR integration tests: the simulated backend on loopback, a
//! terminal with fast polling and generous timeouts, pairing, and journal state sequences.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use tameio::domain::money::Money;
use tameio::terminal::webecr::sim::{SimConfig, SimServer, spawn_in_process};
use tameio::terminal::webecr::{WebEcrOptions, WebEcrSecrets, WebEcrTerminal};
use tameio::terminal::{PaymentKind, PaymentRequest, Progress, Protocol, TerminalConfig};
use tokio::sync::mpsc::UnboundedReceiver;

pub const TID: &str = "64999964";
pub const BACKEND_ID: &str = "358046";

pub async fn start(config: SimConfig) -> SimServer {
    spawn_in_process(config).await.unwrap()
}

pub async fn start_default() -> SimServer {
    start(SimConfig::default()).await
}

/// Fast polling; timeouts long enough for a loaded 2-core machine (none is what a test checks).
pub fn options(server: &SimServer) -> WebEcrOptions {
    WebEcrOptions {
        base_url: server.base_url(),
        api_url: server.api_url(),
        sync_timeout_secs: 10,
        request_grace_secs: 20,
        request_timeout_secs: 20,
        poll_interval_ms: 10,
        poll_total_secs: 60,
        recover_wait_secs: 20,
        recover_grace_ms: 20,
        token_refresh_margin_secs: 0,
        ..WebEcrOptions::default()
    }
}

pub fn config(name: &str, opts: &WebEcrOptions) -> TerminalConfig {
    TerminalConfig {
        name: name.into(),
        protocol: Protocol::WebEcr,
        addr: String::new(),
        terminal_id: TID.into(),
        cash_register_id: String::new(),
        options: serde_json::to_value(opts).unwrap(),
    }
}

pub fn secrets(server: &SimServer) -> WebEcrSecrets {
    let c = server.sim.config();
    WebEcrSecrets { username: c.username.clone(), password: c.password.clone(), api_key: String::new() }
}

pub fn unpaired_with(name: &str, server: &SimServer, opts: &WebEcrOptions) -> WebEcrTerminal {
    WebEcrTerminal::new(&config(name, opts), secrets(server)).unwrap()
}

/// A terminal paired with a fresh code from the simulator.
pub async fn paired_with(name: &str, server: &SimServer, opts: &WebEcrOptions) -> WebEcrTerminal {
    let term = unpaired_with(name, server, opts);
    let code = server.sim.new_pairing_code();
    let p = term.pair(&code).await.unwrap();
    assert_eq!(p.terminal_backend_id, BACKEND_ID);
    term
}

pub async fn paired(name: &str, server: &SimServer) -> WebEcrTerminal {
    paired_with(name, server, &options(server)).await
}

pub fn sale(cents: i64) -> PaymentRequest {
    PaymentRequest::new(PaymentKind::Sale, Money::from_cents(cents))
}

pub fn drain(rx: &mut UnboundedReceiver<Progress>) -> Vec<Progress> {
    let mut out = Vec::new();
    while let Ok(p) = rx.try_recv() {
        out.push(p);
    }
    out
}

/// How many `txninit` requests the simulator received.
pub fn txninits(server: &SimServer) -> usize {
    server.sim.received().iter().filter(|r| r.endpoint == "txninit").count()
}
