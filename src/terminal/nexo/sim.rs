//! A simulated PAX terminal speaking nexo over HTTP (axum on 127.0.0.1), for demo mode and
//! tests: the login session, Payment held open for the card dialog, Abort on a second
//! connection, Busy after each payment, TransactionStatus, Reversal, and the shared faults.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State as Extract;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response as HttpResponse};
use serde::Serialize;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::time::Instant;

use super::codec::{self, *};
use crate::terminal::sim::{Numbered, ReceivedLog, Scenario};

mod answers;
mod pos;
mod totals;

/// Where TransactionStatus puts the repeated body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RepeatedLayout {
    /// Directly under `RepeatedMessageResponse` (Swedbank's sample).
    #[default]
    Swedbank,
    /// Inside `RepeatedResponseMessageBody` (the nexo standard, Adyen).
    Standard,
}

/// How the simulated terminal behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimConfig {
    pub scenario: Scenario,
    /// Let the amount's cents pick the scenario (`Scenario::for_amount`).
    pub amount_table: bool,
    /// How long the card dialog holds the Payment POST open.
    pub step_ms: u64,
    /// Added for the `slow` scenario.
    pub slow_ms: u64,
    /// Busy after each payment (about 3 s on a real terminal).
    pub busy_after_ms: u64,
    /// Also answer this many TransactionStatus requests after each payment with Busy (tests
    /// count tries, never time).
    pub busy_polls: u32,
    pub layout: RepeatedLayout,
    pub serial: String,
    pub merchant_id: String,
    pub acquirer_poi_id: String,
    /// The card number the terminal reports (masked, as a terminal does).
    pub masked_pan: String,
    /// One JSON line per request on stdout (`tameio sim nexo`).
    pub echo: bool,
    /// Full integration: the register's listener (`HOST:PORT`) the terminal posts to.
    pub pos: Option<String>,
    /// Approved card payments need a signature: full integration asks the register's listener;
    /// light integration marks the merchant copy (`SignatureBlock`) for the register to check.
    pub signature: bool,
    /// The strict real-terminal profile (review 3, §6): each Login starts a new login session;
    /// TransactionStatus by MessageReference finds only messages of the current session (so a
    /// restarted register gets `NotFound` for a payment that went through), a ServiceID used
    /// twice within a session is rejected (`EventNotification Reject` as the answer), and device messages to the register's listener
    /// are numbered from the start again; Reconciliation and GetTotals are refused
    /// (`UnavailableService`: not in Swedbank's MessageCategory list, review N-3).
    pub strict: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            scenario: Scenario::Approve,
            amount_table: true,
            step_ms: 300,
            slow_ms: 3_000,
            busy_after_ms: 3_000,
            busy_polls: 0,
            layout: RepeatedLayout::Swedbank,
            serial: "1710000520".into(),
            merchant_id: "10020001".into(),
            acquirer_poi_id: "877888".into(),
            masked_pan: "516815******9659".into(),
            echo: false,
            pos: None,
            signature: false,
            strict: false,
        }
    }
}

/// One request as the simulator received it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub seq: u64,
    pub category: String,
    pub service_id: String,
    pub sale_id: String,
    pub poi_id: String,
    /// `RequestedAmount` of a Payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    /// `Normal` or `Refund` of a Payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<String>,
    /// A Payment the terminal took on (not refused as Busy or NotAllowed): it may charge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<bool>,
    /// The scenario a Payment got (`Scenario::code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

impl Numbered for Received {
    fn set_seq(&mut self, seq: u64) {
        self.seq = seq;
    }
}

/// A finished financial request, as TransactionStatus repeats it.
#[derive(Debug, Clone)]
struct Done {
    header: MessageHeader,
    body: ResponseBody,
    /// The login session it was taken in.
    session: u64,
}

struct Running {
    header: MessageHeader,
    abort: Arc<Notify>,
    /// The login session the payment was taken in.
    session: u64,
}

#[derive(Default)]
struct State {
    /// (SaleID, POIID) pairs with a login session, and the number of that session.
    logged_in: HashMap<(String, String), u64>,
    /// The last login session started.
    sessions: u64,
    /// Strict: (SaleID, POIID, ServiceID) used in the current login sessions.
    service_ids: HashSet<(String, String, String)>,
    running: Option<Running>,
    busy_until: Option<Instant>,
    done: Vec<Done>,
    next_poi_tx: u64,
    busy_polls: u32,
    busy_polls_left: u32,
    /// How much of `done` earlier reconciliations closed, and how many there were.
    reconciled: usize,
    reconciliations: u64,
}

pub struct NexoSim {
    pub config: SimConfig,
    state: Mutex<State>,
    received: ReceivedLog<Received>,
    pos_addr: Mutex<Option<String>>,
    pos: pos::Pos,
}

pub type SimServer = crate::terminal::sim::SimServer<NexoSim>;

impl NexoSim {
    pub fn new(config: SimConfig) -> Arc<Self> {
        let received = ReceivedLog::new("nexo", config.echo);
        let state = State { next_poi_tx: 8_778_880_185, busy_polls: config.busy_polls, ..State::default() };
        let pos_addr = Mutex::new(config.pos.clone());
        Arc::new(NexoSim { config, state: Mutex::new(state), received, pos_addr, pos: pos::Pos::default() })
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.entries()
    }

    /// Full integration: the register's listener, as entered in the terminal's admin menu.
    pub fn set_pos(&self, addr: &str) {
        *self.pos_addr.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(addr.to_string());
    }

    fn pos_addr(&self) -> Option<String> {
        self.pos_addr.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// The terminal restarted: every login session is gone (requests get `NotAllowed`).
    pub fn forget_logins(&self) {
        self.lock().logged_in.clear();
    }

    /// Payments the terminal approved and still holds as approved (a reversal undoes one).
    pub fn approved_payments(&self) -> usize {
        let st = self.lock();
        let approved = st
            .done
            .iter()
            .filter(|d| matches!(&d.body, ResponseBody::PaymentResponse(p) if p.response.is_success()));
        let reversed = st
            .done
            .iter()
            .filter(|d| matches!(&d.body, ResponseBody::ReversalResponse(r) if r.response.is_success()));
        approved.count() - reversed.count()
    }

    /// From now on, this many TransactionStatus requests after each payment (and right now)
    /// are answered Busy.
    pub fn set_busy_polls(&self, polls: u32) {
        let mut st = self.lock();
        st.busy_polls = polls;
        st.busy_polls_left = polls;
    }

    /// Busy for a TransactionStatus: the payment runs, the rest after it, or a Busy poll left.
    fn status_busy(&self) -> bool {
        let mut st = self.lock();
        if st.busy_polls_left > 0 {
            st.busy_polls_left -= 1;
            return true;
        }
        st.running.is_some() || st.busy_until.is_some_and(|t| Instant::now() < t)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn logged_in(&self, h: &MessageHeader) -> bool {
        self.lock().logged_in.contains_key(&(h.sale_id.clone(), h.poi_id.clone()))
    }

    /// The login session of `h`'s SaleID and POIID (0: none).
    fn session_of(&self, h: &MessageHeader) -> u64 {
        self.lock().logged_in.get(&(h.sale_id.clone(), h.poi_id.clone())).copied().unwrap_or(0)
    }

    /// Strict: true when `h`'s ServiceID was used before in this login session (noted now).
    fn reused_service_id(&self, h: &MessageHeader) -> bool {
        let key = (h.sale_id.clone(), h.poi_id.clone(), h.service_id.clone().unwrap_or_default());
        self.config.strict && !self.lock().service_ids.insert(key)
    }

    /// Busy while a payment runs and for `busy_after_ms` after one.
    fn busy(&self) -> bool {
        let st = self.lock();
        st.running.is_some() || st.busy_until.is_some_and(|t| Instant::now() < t)
    }

    /// Notes a request; a Payment with whether it was taken on and its scenario.
    fn record(&self, req: &SaleToPoiRequest, taken: Option<(bool, Scenario)>) {
        let (amount, payment_type) = match &req.body {
            RequestBody::PaymentRequest(p) => (
                Some(p.payment_transaction.amounts_req.requested_amount.clone()),
                p.payment_data.as_ref().and_then(|d| d.payment_type.clone()),
            ),
            _ => (None, None),
        };
        self.received.push(Received {
            seq: 0,
            category: req.header.message_category.clone(),
            service_id: req.header.service_id.clone().unwrap_or_default(),
            sale_id: req.header.sale_id.clone(),
            poi_id: req.header.poi_id.clone(),
            amount,
            payment_type,
            accepted: taken.map(|t| t.0),
            scenario: taken.map(|t| t.1.code().to_string()),
        });
    }

    fn finish(&self, header: &MessageHeader, body: Option<ResponseBody>) {
        let mut st = self.lock();
        let session = st.running.take().map_or(0, |r| r.session);
        st.busy_until = Some(Instant::now() + Duration::from_millis(self.config.busy_after_ms));
        st.busy_polls_left = st.busy_polls;
        if let Some(body) = body {
            st.done.push(Done { header: header.response(), body, session });
        }
    }

    fn next_poi_transaction(&self) -> TransactionId {
        let mut st = self.lock();
        st.next_poi_tx += 1;
        TransactionId {
            transaction_id: st.next_poi_tx.to_string(),
            time_stamp: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }
    }
}

/// Serves until the task ends. Every path answers, as the notes advise for the listener.
pub async fn serve(listener: TcpListener, sim: Arc<NexoSim>) -> std::io::Result<()> {
    let app = Router::new().fallback(axum::routing::post(handle)).with_state(sim);
    axum::serve(listener, app).await
}

/// Starts a simulator on a free loopback port of the current runtime.
pub async fn spawn_in_process(config: SimConfig) -> std::io::Result<SimServer> {
    crate::terminal::sim::spawn_local(NexoSim::new(config), "nexo", serve).await
}

async fn handle(Extract(sim): Extract<Arc<NexoSim>>, body: Bytes) -> HttpResponse {
    let Ok(text) = std::str::from_utf8(&body) else {
        return (StatusCode::BAD_REQUEST, "not UTF-8").into_response();
    };
    let req = match codec::parse_request(text) {
        Ok(req) => req,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    let h = &req.header;
    let needs_login = !matches!(req.body, RequestBody::LoginRequest(_) | RequestBody::AbortRequest(_));
    if needs_login && !sim.logged_in(h) {
        let payment = matches!(req.body, RequestBody::PaymentRequest(_));
        sim.record(&req, payment.then_some((false, sim.config.scenario)));
        return reply(h, answers::refused(&req.body, "NotAllowed", "Not logged in"));
    }
    let is_payment = matches!(req.body, RequestBody::PaymentRequest(_));
    if needs_login && sim.reused_service_id(h) {
        // Unique per terminal within a login session (Swedbank's message format): rejected.
        sim.record(&req, is_payment.then_some((false, sim.config.scenario)));
        return match codec::request_xml(&answers::reject(h, "ServiceID already used in this login session")) {
            Ok(xml) => {
                (StatusCode::OK, [("content-type", "application/xml; charset=utf-8")], xml).into_response()
            }
            Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        };
    }
    if !is_payment {
        sim.record(&req, None);
    }
    match &req.body {
        RequestBody::LoginRequest(_) => {
            let mut st = sim.lock();
            st.sessions += 1;
            let session = st.sessions;
            st.logged_in.insert((h.sale_id.clone(), h.poi_id.clone()), session);
            st.service_ids.retain(|(sale, poi, _)| *sale != h.sale_id || *poi != h.poi_id);
            drop(st);
            if sim.config.strict {
                sim.pos.restart_ids();
            }
            reply(h, answers::login(&sim.config))
        }
        RequestBody::LogoutRequest(_) => {
            sim.lock().logged_in.remove(&(h.sale_id.clone(), h.poi_id.clone()));
            reply(h, ResponseBody::LogoutResponse(LogoutResponse { response: Response::success() }))
        }
        RequestBody::AbortRequest(a) => {
            let st = sim.lock();
            if let Some(run) =
                st.running.as_ref().filter(|r| r.header.service_id == a.message_reference.service_id)
            {
                run.abort.notify_one();
            }
            StatusCode::NO_CONTENT.into_response()
        }
        RequestBody::TransactionStatusRequest(_) if sim.status_busy() => {
            reply(h, answers::refused(&req.body, "Busy", "Transaction in progress"))
        }
        RequestBody::TransactionStatusRequest(t) => reply(h, status(&sim, h, t.message_reference.as_ref())),
        RequestBody::PaymentRequest(p) => payment(&sim, &req, p).await,
        RequestBody::ReversalRequest(_) if sim.busy() => {
            reply(h, answers::refused(&req.body, "Busy", "Busy"))
        }
        RequestBody::ReversalRequest(r) => {
            let body = reversal(&sim, h, r);
            reply(h, body)
        }
        // Strict: Swedbank's terminals have neither (review N-3).
        RequestBody::ReconciliationRequest(_) | RequestBody::GetTotalsRequest(_) if sim.config.strict => {
            reply(h, answers::refused(&req.body, "UnavailableService", "not supported by this terminal"))
        }
        RequestBody::ReconciliationRequest(_) if sim.busy() => {
            reply(h, answers::refused(&req.body, "Busy", "Busy"))
        }
        RequestBody::ReconciliationRequest(_) => reply(h, totals::reconciliation(&sim)),
        RequestBody::GetTotalsRequest(_) => reply(h, totals::get_totals(&sim)),
        _ => (StatusCode::BAD_REQUEST, "not served by the simulator").into_response(),
    }
}

fn reply(request: &MessageHeader, body: ResponseBody) -> HttpResponse {
    let resp = SaleToPoiResponse { header: request.response(), body };
    match codec::response_xml(&resp) {
        Ok(xml) => {
            (StatusCode::OK, [("content-type", "application/xml; charset=utf-8")], xml).into_response()
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// Headers go out, then the body fails: the register's connection is cut mid-answer.
fn cut() -> HttpResponse {
    let parts: Vec<Result<Bytes, std::io::Error>> =
        vec![Ok(Bytes::from_static(b"<?xml")), Err(std::io::Error::other("simulated connection loss"))];
    HttpResponse::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/xml")
        .body(Body::from_stream(futures_util::stream::iter(parts)))
        .unwrap_or_default()
}

async fn payment(sim: &Arc<NexoSim>, req: &SaleToPoiRequest, p: &PaymentRequest) -> HttpResponse {
    let h = &req.header;
    let cents = codec::cents(&p.payment_transaction.amounts_req.requested_amount);
    let scenario = Scenario::pick(sim.config.scenario, cents, sim.config.amount_table);
    let refused = |c: &str, t: &str| answers::refused(&RequestBody::PaymentRequest(p.clone()), c, t);
    let abort = Arc::new(Notify::new());
    {
        // Checked and taken under one lock: a second payment meanwhile is told Busy.
        let mut st = sim.lock();
        let busy = st.running.is_some() || st.busy_until.is_some_and(|t| Instant::now() < t);
        if busy || scenario == Scenario::Busy {
            drop(st);
            sim.record(req, Some((false, scenario)));
            return reply(h, refused("Busy", "Terminal busy"));
        }
        let session = st.logged_in.get(&(h.sale_id.clone(), h.poi_id.clone())).copied().unwrap_or(0);
        st.running = Some(Running { header: h.clone(), abort: abort.clone(), session });
    }
    sim.record(req, Some((true, scenario)));
    // The card dialog goes on whatever becomes of the register's connection, as on a real
    // terminal: a register that crashed or gave up waiting finds the result by
    // TransactionStatus once it is done (the HTTP handler may be dropped; this task is not).
    let dialog = tokio::spawn(card_dialog(sim.clone(), h.clone(), p.clone(), scenario, abort));
    let Ok((body, aborted)) = dialog.await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "the simulated card dialog failed").into_response();
    };
    let Some(body) = body else { return cut() };
    match scenario {
        Scenario::LostResult if !aborted => cut(),
        Scenario::Garbage if !aborted => {
            (StatusCode::OK, "<SaleToPOIResponse><MessageHeader").into_response()
        }
        _ => reply(h, body),
    }
}

/// The terminal's side of one payment, start to end: the result is stored (`finish`) before
/// it is returned. `None`: the terminal gave the dialog up and stored nothing (the link drops).
async fn card_dialog(
    sim: Arc<NexoSim>,
    h: MessageHeader,
    p: PaymentRequest,
    scenario: Scenario,
    abort: Arc<Notify>,
) -> (Option<ResponseBody>, bool) {
    let h = &h;
    let p = &p;
    let pos = sim.pos_addr();
    if let Some(pos) = &pos {
        sim.pos.display(pos, h, &["Present card"]).await;
    }
    let hold = sim.config.step_ms + if scenario == Scenario::Slow { sim.config.slow_ms } else { 0 };
    let aborted = tokio::select! {
        _ = tokio::time::sleep(Duration::from_millis(hold)) => false,
        _ = abort.notified() => true,
    };
    if !aborted && scenario == Scenario::DisconnectMidPayment {
        // The terminal gives up the dialog and stores nothing.
        sim.finish(h, None);
        return (None, false);
    }
    if let Some(pos) = pos.as_deref().filter(|_| !aborted) {
        sim.pos.display(pos, h, &["Enter PIN"]).await;
        sim.pos.display(pos, h, &["Authorising"]).await;
    }
    let poi = sim.next_poi_transaction();
    let signed = match pos.as_deref() {
        Some(pos) if sim.config.signature && !aborted && scenario != Scenario::Decline => {
            let amount = &p.payment_transaction.amounts_req.requested_amount;
            sim.pos.signature(pos, h, &["Merchant copy", amount, "Signature: ____________"]).await
        }
        _ => true,
    };
    let body = if aborted {
        answers::payment_failure(p, &poi, "Aborted", "Aborted by the sale system", None)
    } else if scenario == Scenario::Decline {
        answers::payment_failure(p, &poi, "Refusal", "Declined", Some((&sim.config, "05")))
    } else if !signed {
        answers::payment_failure(p, &poi, "Refusal", "Signature refused", None)
    } else {
        // Light integration: the register has the merchant copy signed.
        answers::approved(&sim.config, p, &poi, sim.config.signature && pos.is_none())
    };
    if let Some(pos) = &pos {
        let approved = matches!(&body, ResponseBody::PaymentResponse(r) if r.response.is_success());
        sim.pos.display(pos, h, &[if approved { "Approved" } else { "Declined" }]).await;
    }
    sim.finish(h, Some(body.clone()));
    (Some(body), aborted)
}

fn status(sim: &NexoSim, h: &MessageHeader, wanted: Option<&MessageReference>) -> ResponseBody {
    let session = sim.session_of(h);
    let st = sim.lock();
    let mine = |d: &&Done| d.header.sale_id == h.sale_id && d.header.poi_id == h.poi_id;
    // Strict: a ServiceID names a message only within its login session.
    let this_session = |d: &&Done| !sim.config.strict || d.session == session;
    let found = match wanted {
        None => st.done.iter().rev().find(mine),
        Some(r) => st.done.iter().rev().filter(mine).filter(this_session).find(|d| {
            d.header.service_id == r.service_id
                && r.message_category.as_ref().is_none_or(|c| *c == d.header.message_category)
        }),
    };
    let Some(found) = found else {
        let body = TransactionStatusResponse {
            response: Response::failure("NotFound", "No such transaction"),
            ..Default::default()
        };
        return ResponseBody::TransactionStatusResponse(body);
    };
    let (payment, reversal) = match &found.body {
        ResponseBody::PaymentResponse(p) => (Some(p.clone()), None),
        ResponseBody::ReversalResponse(r) => (None, Some(r.clone())),
        _ => (None, None),
    };
    let repeated = match sim.config.layout {
        RepeatedLayout::Swedbank => RepeatedMessageResponse {
            message_header: Some(found.header.clone()),
            payment_response: payment,
            reversal_response: reversal,
            body: None,
        },
        RepeatedLayout::Standard => RepeatedMessageResponse {
            message_header: Some(found.header.clone()),
            body: Some(RepeatedBody { payment_response: payment, reversal_response: reversal }),
            ..RepeatedMessageResponse::default()
        },
    };
    ResponseBody::TransactionStatusResponse(TransactionStatusResponse {
        response: Response::success(),
        message_reference: None,
        repeated_message_response: Some(repeated),
    })
}

/// Only the last transaction, and only if it was an approved payment with that id.
fn reversal(sim: &NexoSim, h: &MessageHeader, r: &ReversalRequest) -> ResponseBody {
    let wanted = &r.original_poi_transaction.poi_transaction_id;
    let last = {
        let st = sim.lock();
        st.done.iter().rev().find(|d| d.header.sale_id == h.sale_id && d.header.poi_id == h.poi_id).cloned()
    };
    let reversible = match last.as_ref().map(|d| &d.body) {
        Some(ResponseBody::PaymentResponse(p)) => {
            p.response.is_success() && p.poi_data.as_ref().is_some_and(|d| d.poi_transaction_id == *wanted)
        }
        _ => false,
    };
    let body = if reversible {
        answers::reversed(&sim.config, wanted)
    } else {
        ReversalResponse {
            response: Response::failure("Refusal", "Only the last approved transaction"),
            ..Default::default()
        }
    };
    let body = ResponseBody::ReversalResponse(body);
    if reversible {
        let session = sim.session_of(h);
        sim.lock().done.push(Done { header: h.response(), body: body.clone(), session });
    }
    body
}
