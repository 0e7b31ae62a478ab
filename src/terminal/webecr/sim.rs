//! A simulated WebECR backend and terminal over HTTP (axum on 127.0.0.1), for demo mode and
//! tests: login and token expiry, pairing codes on a clock tests advance, the vendor sandbox
//! amounts, the shared fault scenarios, and a log of every transaction request received.

use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use tokio::net::TcpListener;

use super::codec::Intent;
use crate::terminal::sim::{Noise, Numbered, ReceivedLog, Scenario};

mod routes;
mod shape;

/// The sim clock starts here (seconds since the epoch) and moves only by `advance`.
const EPOCH: i64 = 1_750_000_000;

/// How the simulated backend behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimConfig {
    pub username: String,
    pub password: String,
    /// The TID printed on the terminal.
    pub tid: String,
    /// The backend's id of the terminal.
    pub backend_id: String,
    pub merchant: String,
    pub acquirer: String,
    pub scenario: Scenario,
    /// Let amounts pick the behaviour (`Behaviour::for_amount`).
    pub amount_table: bool,
    pub access_ttl_secs: i64,
    pub refresh_ttl_secs: i64,
    /// Pairing codes expire after this long (FinConnect: 15 minutes).
    pub code_ttl_secs: i64,
    /// 3rd-party servicer mode: every call but login and redeem needs the paired key.
    pub require_api_key: bool,
    /// Polls a long-running intent needs before it completes (22.22 and `slow`).
    pub slow_polls: u32,
    /// Sim seconds after which a long-running intent completes anyway (the sandbox's 150 s).
    pub slow_secs: i64,
    /// Print pairing codes and one JSON line per transaction request on stdout.
    pub echo: bool,
    pub page_size: usize,
    pub seed: u64,
    /// The card number of approved transactions, masked or not: tests hand it a full test
    /// card to check that the register masks it.
    pub pan: String,
    /// How transactions are written in answers (the spec's types, or what other backends send).
    pub shape: AnswerShape,
    /// Every approved transaction gets a 21-digit TransactionId (the Greek market's rule);
    /// off: only those sent with ProviderData or EcrTokenData, as in the spec's examples.
    pub legal_ids: bool,
    /// Also serve the API without `/v2/` (`/api/terminal/…`), for settings that name a single
    /// base; off: only Mellon's layout (`/api/token/`, `/api/v2/…`).
    pub legacy_paths: bool,
    /// Also serve the older `/api/v2/` beside `/api/v2.2/` (never in the strict profile).
    pub older_api: bool,
    /// The strict real-terminal profile (review W-1, W-3): an intent shows its `Transaction`
    /// only once approved (so a pending void has none) and `/api/v2/` is not served.
    pub strict: bool,
    /// myDATA validation this merchant needs on sales (400 without it).
    pub validation: super::fiscal::sim::SimValidation,
}

/// How the simulated backend writes a transaction object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerShape {
    /// As the spec's tables type it (`STAN`, `BatchNumber` numbers; `Id` text).
    #[default]
    Spec,
    /// Identifiers and counters as zero-padded text (`"STAN":"000013"`, `"BatchNumber":"001"`,
    /// `"Id"` of the intent as a number).
    PaddedText,
    /// The older v2 object of the public C# client (Raphael-Bairaktaris/ECRAndEFTPOS,
    /// TransactionResponseModel.cs): `TxnId`, `TransactionType`, `Batch`, numeric `TID`/`MID`,
    /// and fields the spec does not list.
    OlderObject,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            username: "tameio-sandbox".into(),
            password: "sandbox-password".into(),
            tid: "64999964".into(),
            backend_id: "358046".into(),
            merchant: "11719".into(),
            acquirer: "75".into(),
            scenario: Scenario::Approve,
            amount_table: true,
            access_ttl_secs: 300,
            refresh_ttl_secs: 86_400,
            code_ttl_secs: 15 * 60,
            require_api_key: true,
            slow_polls: 3,
            slow_secs: 150,
            echo: false,
            page_size: 100,
            seed: 0x5EED,
            pan: "516732******4242".into(),
            shape: AnswerShape::Spec,
            legal_ids: true,
            legacy_paths: true,
            older_api: true,
            strict: false,
            validation: super::fiscal::sim::SimValidation::None,
        }
    }
}

/// What the simulated terminal does with one transaction request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Behaviour {
    Approve,
    Decline,
    Cancel,
    /// Answers `Status 2`; completes (approved) after `slow_polls` polls or `slow_secs`.
    LongWait,
    /// Creates and approves the intent, then cuts the HTTP answer.
    DropAfterApproval,
    /// Approves, then answers with a body that is not JSON.
    Garbage,
    /// Cuts the connection before any intent exists.
    DropBeforeIntent,
    Busy,
    MaxTransactions,
    /// Completes with `Result 5`: the device never reported.
    ResultUnknown,
}

impl Behaviour {
    /// The amount table (whole amounts, the vendor sandboxes' first):
    ///
    /// | amount | behaviour |
    /// |---|---|
    /// | 9.99 | declined |
    /// | 22.22 | approved after a long wait (polled) |
    /// | 13.13 | connection lost during approval (intent approved, answer cut) |
    /// | 33.33 | cancelled on the terminal |
    /// | 55.55 | completed with result UNKNOWN |
    /// | 77.77 | MAX_TRANSACTIONS (close the batch first) |
    /// | x.61 decline, x.62 slow = long wait, x.64 lost-result = answer cut after approval, x.68 garbage body, x.69 busy, x.70 disconnect = cut before any intent | shared `Scenario` table |
    ///
    /// Other shared scenarios (no-ack, split, glued, nak-once) mean nothing over HTTP: approve.
    pub fn for_amount(configured: Scenario, cents: i64, table: bool) -> Behaviour {
        if table {
            match cents {
                999 => return Behaviour::Decline,
                2222 => return Behaviour::LongWait,
                1313 => return Behaviour::DropAfterApproval,
                3333 => return Behaviour::Cancel,
                5555 => return Behaviour::ResultUnknown,
                7777 => return Behaviour::MaxTransactions,
                _ => {}
            }
        }
        match Scenario::pick(configured, Some(cents), table) {
            Scenario::Decline => Behaviour::Decline,
            Scenario::Slow => Behaviour::LongWait,
            Scenario::LostResult => Behaviour::DropAfterApproval,
            Scenario::Garbage => Behaviour::Garbage,
            Scenario::Busy => Behaviour::Busy,
            Scenario::DisconnectMidPayment => Behaviour::DropBeforeIntent,
            _ => Behaviour::Approve,
        }
    }
}

/// One request the simulator received on a transaction endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub seq: u64,
    /// `txninit` or `txnvoid`.
    pub endpoint: String,
    pub reference: String,
    pub amount: i64,
    pub behaviour: Option<Behaviour>,
    /// A new intent was created (a possible charge).
    pub created_intent: bool,
    pub note: String,
}

impl Received {
    /// A call on `endpoint` as it arrives: numbered when logged, nothing decided yet.
    pub(crate) fn arriving(endpoint: &str, reference: &str, amount: i64) -> Self {
        Received {
            seq: 0,
            endpoint: endpoint.into(),
            reference: reference.into(),
            amount,
            behaviour: None,
            created_intent: false,
            note: String::new(),
        }
    }
}

impl Numbered for Received {
    fn set_seq(&mut self, seq: u64) {
        self.seq = seq;
    }
}

/// One intent the backend holds, with what it still has to do.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub intent: Intent,
    /// Polls left before a long-running intent completes.
    pub polls_left: u32,
    pub created_at: i64,
    /// A preload: when it leaves the terminal unpaid (sim clock).
    pub expires_at: Option<i64>,
}

#[derive(Debug)]
pub(crate) struct State {
    pub now: i64,
    /// Pairing codes: (code, expires at, used).
    pub codes: Vec<(String, i64, bool)>,
    /// API keys: (key, revoked).
    pub keys: Vec<(String, bool)>,
    pub access: Vec<(String, i64)>,
    pub refresh: Vec<(String, i64)>,
    pub intents: Vec<Held>,
    pub next_id: u64,
    pub stan: i64,
    pub logins: u32,
    /// The query keys of every `transactionintent/` request, in order.
    pub intent_filters: Vec<Vec<String>>,
    pub refreshes: u32,
    pub rejected_tokens: u32,
    pub noise: Noise,
    /// What `ecrbind` and `ecrkeyexchange` left.
    pub fiscal: super::fiscal::sim::SimFiscal,
}

/// A simulated WebECR backend with one terminal; share it between server task and test.
#[derive(Debug)]
pub struct WebEcrSim {
    pub(crate) config: SimConfig,
    state: Mutex<State>,
    log: ReceivedLog<Received>,
}

impl WebEcrSim {
    pub fn new(config: SimConfig) -> Arc<Self> {
        let state = State {
            now: EPOCH,
            codes: Vec::new(),
            keys: Vec::new(),
            access: Vec::new(),
            refresh: Vec::new(),
            intents: Vec::new(),
            next_id: 1000,
            stan: 0,
            logins: 0,
            intent_filters: Vec::new(),
            refreshes: 0,
            rejected_tokens: 0,
            noise: Noise::new(config.seed),
            fiscal: super::fiscal::sim::SimFiscal::default(),
        };
        let log = ReceivedLog::new("WebECR", config.echo);
        Arc::new(WebEcrSim { config, state: Mutex::new(state), log })
    }

    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every API key and token it handed out (for tests that look for them where they must
    /// not be).
    pub fn issued_secrets(&self) -> Vec<String> {
        let st = self.state();
        let keys = st.keys.iter().map(|(k, _)| k.clone());
        keys.chain(st.access.iter().chain(st.refresh.iter()).map(|(t, _)| t.clone())).collect()
    }

    /// A fresh 8-digit pairing code, valid `code_ttl_secs` of sim time (printed when echoing).
    pub fn new_pairing_code(&self) -> String {
        let mut st = self.state();
        let code = format!("{:08}", st.noise.next_u64() % 100_000_000);
        let expires = st.now + self.config.code_ttl_secs;
        st.codes.push((code.clone(), expires, false));
        if self.config.echo {
            println!("{{\"pairing_code\":\"{code}\",\"valid_minutes\":{}}}", self.config.code_ttl_secs / 60);
        }
        code
    }

    /// Moves the sim clock (token and code expiry, long waits, preload expiry). Nothing sleeps.
    pub fn advance(&self, secs: i64) {
        let mut st = self.state();
        st.now += secs;
        let now = st.now;
        // An expired preload ends as FAILED (the spec names no expiry result).
        for held in st.intents.iter_mut().filter(|h| h.intent.status != 3) {
            if held.expires_at.is_some_and(|at| at <= now) {
                held.intent.status = 3;
                held.intent.result = Some(4);
            }
        }
    }

    /// The customer pays a waiting preload on the terminal; false when none waits under
    /// this `CustomerReference`.
    pub fn pay_preload(&self, reference: &str) -> bool {
        let mut st = self.state();
        let waiting = st.intents.iter().position(|h| {
            h.expires_at.is_some()
                && h.intent.status != 3
                && h.intent.customer_reference.as_deref() == Some(reference)
        });
        let Some(index) = waiting else { return false };
        let mut intent = st.intents[index].intent.clone();
        intent.status = 3;
        intent.result = Some(1);
        routes::approve(self, &mut st, &mut intent, false);
        st.intents[index].intent = intent;
        true
    }

    /// The sim clock, seconds since the epoch.
    pub fn now(&self) -> i64 {
        self.state().now
    }

    /// The merchant revokes every key pairing handed out.
    pub fn revoke_keys(&self) {
        self.state().keys.iter_mut().for_each(|k| k.1 = true);
    }

    /// Completes every long-running intent now (a late result for the next poll).
    pub fn finish_pending(&self) {
        self.state().intents.iter_mut().for_each(|h| h.polls_left = 0);
    }

    /// The query keys of every intent-list request received (sorted per request).
    pub fn intent_filters(&self) -> Vec<Vec<String>> {
        self.state().intent_filters.clone()
    }

    pub fn logins(&self) -> u32 {
        self.state().logins
    }

    pub fn refreshes(&self) -> u32 {
        self.state().refreshes
    }

    /// Calls refused for an expired or unknown access token.
    pub fn rejected_tokens(&self) -> u32 {
        self.state().rejected_tokens
    }

    /// Every transaction request received, in order.
    pub fn received(&self) -> Vec<Received> {
        self.log.entries()
    }

    /// Intents (possible charges) created for this `CustomerReference`.
    pub fn intents_for(&self, reference: &str) -> usize {
        self.state()
            .intents
            .iter()
            .filter(|h| h.intent.customer_reference.as_deref() == Some(reference))
            .count()
    }

    /// All intents held, in creation order.
    pub fn intents(&self) -> Vec<Intent> {
        self.state().intents.iter().map(|h| h.intent.clone()).collect()
    }

    pub(crate) fn log(&self, entry: Received) {
        self.log.push(entry);
    }
}

/// Serves the backend on `listener` until the task ends.
pub async fn serve(listener: TcpListener, sim: Arc<WebEcrSim>) -> std::io::Result<()> {
    axum::serve(listener, routes::router(sim)).await
}

/// A simulator running in this process (demo mode, tests).
pub type SimServer = crate::terminal::sim::SimServer<WebEcrSim>;

impl SimServer {
    /// What to configure as `--base-url` (the token calls; alone, every call).
    pub fn base_url(&self) -> String {
        format!("http://{}/api", self.addr)
    }

    /// What to configure as `api_url`: Mellon's `/v2.2/` beside the unversioned token calls.
    pub fn api_url(&self) -> String {
        format!("http://{}/api/v2.2", self.addr)
    }
}

/// Binds 127.0.0.1 on a free port and serves there on the current tokio runtime.
pub async fn spawn_in_process(config: SimConfig) -> std::io::Result<SimServer> {
    let sim = WebEcrSim::new(config);
    if sim.config.echo {
        sim.new_pairing_code();
    }
    crate::terminal::sim::spawn_local(sim, "WebECR", serve).await
}
