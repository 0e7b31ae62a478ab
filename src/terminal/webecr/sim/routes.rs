//! The simulated backend's HTTP routes: token, redeem, terminals, txninit, txnvoid and the
//! intent and transaction lists, with bearer and API-key checks against the sim clock.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State as Ext};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::super::codec::{
    Flex, Intent, Login, Redeem, Refresh, TxnInit, TxnRef, TxnVoid, VOID_BY_TRANSACTION,
};
use super::super::jwt::{self, Claims};
use super::{Behaviour, Held, Received, State, WebEcrSim};

mod lists;
mod reply;

use lists::{Here, intents, page, transactions};
pub(super) use reply::approve;
use reply::{Q, Sim, answer, authorise, authorise_terminal, lower_id, ok, refuse};

/// The largest request body the simulated backend reads (a `txninit` is under 2 kB).
pub const MAX_REQUEST_BODY: usize = 64 * 1024;

/// Mellon's layout: token calls unversioned, everything else under `/api/v2.2/` (review W-1);
/// with `older_api` also under the public C# client's `/api/v2/`, with `legacy_paths` also
/// without a version.
pub fn router(sim: Sim) -> Router {
    let mut router = Router::new()
        .route("/api/token/", post(token))
        .route("/api/token/refresh/", post(refresh))
        .route("/api/token/refresh", post(refresh))
        .route("/api/sim/pairing-code/", post(pairing_code));
    router = api_routes(router, "/api/v2.2");
    if sim.config.older_api && !sim.config.strict {
        router = api_routes(router, "/api/v2");
    }
    if sim.config.legacy_paths {
        router = api_routes(router, "/api");
    }
    router.layer(axum::extract::DefaultBodyLimit::max(MAX_REQUEST_BODY)).with_state(sim)
}

fn api_routes(router: Router<Sim>, prefix: &str) -> Router<Sim> {
    router
        .route(&format!("{prefix}/authorization/redeem/"), post(redeem))
        .route(&format!("{prefix}/terminal/"), get(terminals))
        .route(&format!("{prefix}/terminal/{{id}}/txninit/"), post(txninit))
        .route(&format!("{prefix}/terminal/{{id}}/txnvoid/"), post(txnvoid))
        .route(&format!("{prefix}/terminal/{{id}}/ecrbind/"), post(ecrbind))
        .route(&format!("{prefix}/terminal/{{id}}/ecrkeyexchange/"), post(ecrkeyexchange))
        .route(&format!("{prefix}/transactionintent/"), get(intents))
        .route(&format!("{prefix}/transaction/"), get(transactions))
}

/// Headers go out, then the body fails: the client's connection is cut mid-answer.
fn cut() -> Response {
    let parts: Vec<Result<Bytes, std::io::Error>> =
        vec![Ok(Bytes::from_static(b"{\"Id\":")), Err(std::io::Error::other("simulated connection loss"))];
    let body = Body::from_stream(futures_util::stream::iter(parts));
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json")
        .body(body)
        .unwrap_or_default()
}

fn mint(st: &mut State, ttl: i64) -> (String, i64) {
    let exp = st.now + ttl;
    let nonce = format!("{:x}", st.noise.next_u64());
    (jwt::mint(&Claims { iat: Some(st.now), exp: Some(exp) }, &nonce), exp)
}

async fn token(Ext(sim): Ext<Sim>, body: axum::Json<Value>) -> Response {
    let Ok(login) = serde_json::from_value::<Login>(body.0) else {
        return refuse(StatusCode::BAD_REQUEST, "username and password required");
    };
    if login.username != sim.config.username || login.password != sim.config.password {
        return refuse(StatusCode::UNAUTHORIZED, "no active account found with the given credentials");
    }
    let mut st = sim.state();
    st.logins += 1;
    let access = mint(&mut st, sim.config.access_ttl_secs);
    let refresh = mint(&mut st, sim.config.refresh_ttl_secs);
    st.access.push(access.clone());
    st.refresh.push(refresh.clone());
    ok(json!({ "access": access.0, "refresh": refresh.0 }))
}

async fn refresh(Ext(sim): Ext<Sim>, body: axum::Json<Value>) -> Response {
    let Ok(r) = serde_json::from_value::<Refresh>(body.0) else {
        return refuse(StatusCode::BAD_REQUEST, "refresh required");
    };
    let mut st = sim.state();
    let now = st.now;
    if !st.refresh.iter().any(|(t, exp)| *t == r.refresh && *exp > now) {
        return refuse(StatusCode::UNAUTHORIZED, "token is invalid or expired");
    }
    st.refreshes += 1;
    let access = mint(&mut st, sim.config.access_ttl_secs);
    st.access.push(access.clone());
    ok(json!({ "access": access.0 }))
}

async fn redeem(Ext(sim): Ext<Sim>, headers: HeaderMap, body: axum::Json<Value>) -> Response {
    if let Some(r) = authorise(&sim, &headers, false) {
        return r;
    }
    let Ok(req) = serde_json::from_value::<Redeem>(body.0) else {
        return refuse(StatusCode::BAD_REQUEST, "Type and Code required");
    };
    let code = req.code.unwrap_or_default();
    let mut st = sim.state();
    let now = st.now;
    let Some(slot) = st.codes.iter_mut().find(|(c, _, _)| *c == code) else {
        return refuse(StatusCode::BAD_REQUEST, "invalid code");
    };
    if slot.2 {
        return refuse(StatusCode::BAD_REQUEST, "code already used");
    }
    if slot.1 <= now {
        return refuse(StatusCode::BAD_REQUEST, "code expired");
    }
    slot.2 = true;
    let key = jwt::encode(&st.noise.next_u64().to_be_bytes());
    st.keys.push((key.clone(), false));
    ok(json!({ "Id": key, "Type": "webecr" }))
}

async fn pairing_code(Ext(sim): Ext<Sim>) -> Response {
    ok(json!({ "Code": sim.new_pairing_code(), "ValidSeconds": sim.config.code_ttl_secs }))
}

async fn terminals(Ext(sim): Ext<Sim>, headers: HeaderMap, uri: Uri, q: Q) -> Response {
    if let Some(r) = authorise(&sim, &headers, true) {
        return r;
    }
    let c = &sim.config;
    let mut items = vec![
        json!({"id": c.backend_id, "TerminalID": c.tid, "Merchant": c.merchant, "Acquirer": c.acquirer}),
    ];
    if q.get("TerminalID").is_some_and(|t| *t != c.tid) {
        items.clear();
    }
    ok(page(items, c.page_size, &Here::new(&headers, &uri, q)))
}

async fn txninit(
    Ext(sim): Ext<Sim>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::Json<Value>,
) -> Response {
    if let Some(r) = authorise_terminal(&sim, &headers, &id) {
        return r;
    }
    let req = match serde_json::from_value::<TxnInit>(body.0) {
        Ok(r) if !r.customer_reference.is_empty() && r.customer_reference.len() <= 50 && r.amount > 0 => r,
        Ok(_) => {
            return refuse(
                StatusCode::BAD_REQUEST,
                "CustomerReference (1..50) and a positive Amount required",
            );
        }
        Err(e) => return refuse(StatusCode::BAD_REQUEST, &e.to_string()),
    };
    // Spec v2.5.7 §3.7.5: a refund's or completion's InitialTransaction is the original's
    // TransactionId; anything else (the backend's own transaction id) is refused.
    if let Some(initial) = req.initial_transaction.as_deref() {
        let known = sim.state().intents.iter().any(|h| h.intent.transaction_id.as_deref() == Some(initial));
        if !known {
            return refuse(
                StatusCode::BAD_REQUEST,
                "InitialTransaction is not the TransactionId of a transaction",
            );
        }
    }
    let mut entry = Received::arriving("txninit", &req.customer_reference, req.amount);
    let existing = sim
        .state()
        .intents
        .iter()
        .find(|h| h.intent.customer_reference == Some(req.customer_reference.clone()))
        .map(|h| h.intent.clone());
    if let Some(intent) = existing {
        entry.note = "duplicate CustomerReference: the existing intent is returned".into();
        sim.log(entry);
        return ok(answer(&sim, &intent));
    }
    let checked = super::super::fiscal::sim::check_txninit(
        &sim.config.validation,
        &sim.state().fiscal,
        &req,
        &sim.config.tid,
    );
    if let Err(why) = checked {
        entry.note = format!("refused: {why}");
        sim.log(entry);
        return refuse(StatusCode::BAD_REQUEST, &why);
    }
    if req.preload_transaction == Some(true) {
        return preload(&sim, &req, entry);
    }
    let behaviour = Behaviour::for_amount(sim.config.scenario, req.amount, sim.config.amount_table);
    entry.behaviour = Some(behaviour);
    if behaviour == Behaviour::DropBeforeIntent {
        entry.note = "connection cut before the intent was created".into();
        sim.log(entry);
        return cut();
    }
    let intent = create(&sim, &req, behaviour);
    entry.created_intent = true;
    sim.log(entry);
    match behaviour {
        Behaviour::DropAfterApproval => cut(),
        Behaviour::Garbage => (StatusCode::OK, "<html>502 upstream hiccup</html>").into_response(),
        _ => ok(answer(&sim, &intent)),
    }
}

/// A preload waits on the terminal (Status SENT, no result) until paid or expired.
fn preload(sim: &WebEcrSim, req: &TxnInit, mut entry: Received) -> Response {
    let Some(minutes) = req.preload_expiration.filter(|m| *m > 0) else {
        entry.note = "preload without PreloadExpiration refused".into();
        sim.log(entry);
        return refuse(StatusCode::BAD_REQUEST, "PreloadExpiration required with PreloadTransaction");
    };
    // Created as a long wait (SENT, no result); the expiry keeps polls from completing it.
    let intent = create(sim, req, Behaviour::LongWait);
    let mut st = sim.state();
    let expires_at = st.now + i64::from(minutes) * 60;
    if let Some(held) = st.intents.last_mut() {
        held.expires_at = Some(expires_at);
    }
    drop(st);
    entry.created_intent = true;
    entry.note = format!("preload, expires at {expires_at}");
    sim.log(entry);
    ok(answer(sim, &intent))
}

/// Creates the intent as the behaviour wants it and returns it.
fn create(sim: &WebEcrSim, req: &TxnInit, behaviour: Behaviour) -> Intent {
    let mut st = sim.state();
    st.next_id += 1;
    let id = st.next_id;
    let result = match behaviour {
        Behaviour::Decline => 2,
        Behaviour::Cancel => 3,
        Behaviour::ResultUnknown => 5,
        Behaviour::Busy => 6,
        Behaviour::MaxTransactions => 7,
        _ => 1,
    };
    let mut intent = Intent {
        id: Some(Flex::Text(id.to_string())),
        status: 3,
        result: Some(result),
        txn_type: Some(req.txn_type),
        void: Some(false),
        amount: Some(req.amount),
        tip_amount: Some(req.tip_amount.unwrap_or(0)),
        currency_code: Some(req.currency_code),
        instalments: Some(req.instalments.unwrap_or(0)),
        customer_reference: Some(req.customer_reference.clone()),
        terminal: Some(Flex::Text(sim.config.backend_id.clone())),
        initial_transaction: req.initial_transaction.clone().map(|t| TxnRef::Id(Flex::Text(t))),
        ..Intent::default()
    };
    let long = behaviour == Behaviour::LongWait;
    if long {
        intent.status = 2;
        intent.result = None;
    } else if result == 1 {
        approve(sim, &mut st, &mut intent, req.provider_data.is_some() || req.ecr_token_data.is_some());
    }
    let polls_left = if long { sim.config.slow_polls } else { 0 };
    let created_at = st.now;
    st.intents.push(Held { intent: intent.clone(), polls_left, created_at, expires_at: None });
    intent
}

async fn txnvoid(
    Ext(sim): Ext<Sim>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::Json<Value>,
) -> Response {
    if let Some(r) = authorise_terminal(&sim, &headers, &id) {
        return r;
    }
    let Ok(req) = serde_json::from_value::<TxnVoid>(body.0) else {
        return refuse(StatusCode::BAD_REQUEST, "OriginalIdentifier and OriginalIdentifierType required");
    };
    let mut entry = Received::arriving("txnvoid", &req.original_identifier, 0);
    let voided = void_original(&sim, &req);
    entry.created_intent = voided.is_some();
    if voided.is_none() {
        entry.note = "original not found or not voidable".into();
    }
    sim.log(entry);
    match voided {
        Some(intent) => ok(lower_id(answer(&sim, &lists::shown(&sim, &intent)))),
        None => refuse(StatusCode::BAD_REQUEST, "original transaction not found or already voided"),
    }
}

/// Marks the original transaction voided and records the void intent.
fn void_original(sim: &WebEcrSim, req: &TxnVoid) -> Option<Intent> {
    let mut st = sim.state();
    let key = req.original_identifier.as_str();
    let by_txn = req.original_identifier_type == VOID_BY_TRANSACTION;
    let now = st.now;
    let when = chrono::DateTime::from_timestamp(now, 0).map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let held = st.intents.iter_mut().find(|h| {
        h.intent.void != Some(true)
            && if by_txn {
                h.intent.transaction_id.as_deref() == Some(key)
            } else {
                h.intent.id_text() == key
            }
    })?;
    let Some(TxnRef::Object(t)) = held.intent.transaction.as_mut() else { return None };
    if t.voided == Some(true) {
        return None;
    }
    t.voided = Some(true);
    t.void_timestamp = when;
    let txn = t.clone();
    st.next_id += 1;
    // Voids have no `Timeout`: the answer comes at once (SENT) and the void completes on the
    // next poll that sees it.
    let void = Intent {
        id: Some(Flex::Text(st.next_id.to_string())),
        status: 2,
        result: None,
        void: Some(true),
        terminal: Some(Flex::Text(sim.config.backend_id.clone())),
        transaction: Some(TxnRef::Object(txn)),
        ..Intent::default()
    };
    st.intents.push(Held { intent: void.clone(), polls_left: 1, created_at: now, expires_at: None });
    Some(void)
}

/// `ecrbind` and `ecrkeyexchange` (ECR-token set-up): the body echoed, or 400 with why.
async fn ecrbind(
    Ext(sim): Ext<Sim>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::Json<Value>,
) -> Response {
    ecr_setup(&sim, &headers, &id, body.0, false)
}

async fn ecrkeyexchange(
    Ext(sim): Ext<Sim>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::Json<Value>,
) -> Response {
    ecr_setup(&sim, &headers, &id, body.0, true)
}

fn ecr_setup(sim: &WebEcrSim, headers: &HeaderMap, id: &str, body: Value, exchange: bool) -> Response {
    if let Some(r) = authorise_terminal(sim, headers, id) {
        return r;
    }
    use super::super::fiscal::sim as fiscal;
    let mut st = sim.state();
    let echoed = match exchange {
        true => fiscal::key_exchange(&sim.config.validation, &mut st.fiscal, body).map(serde_json::to_value),
        false => fiscal::bind(&mut st.fiscal, body).map(serde_json::to_value),
    };
    match echoed {
        Ok(Ok(v)) => ok(v),
        Ok(Err(e)) => refuse(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(why) => refuse(StatusCode::BAD_REQUEST, &why),
    }
}
