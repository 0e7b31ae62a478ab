//! What every simulated route answers with: a JSON answer or a refusal, the bearer and API-key
//! check, an approved transaction attached to an intent, and the intent's answer shape.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::super::super::codec::{Flex, Intent, Transaction, TxnRef};
use super::super::{State, WebEcrSim};

pub(super) type Sim = Arc<WebEcrSim>;
pub(super) type Q = Query<HashMap<String, String>>;

pub(super) fn refuse(status: StatusCode, detail: &str) -> Response {
    (status, axum::Json(json!({ "detail": detail }))).into_response()
}

pub(super) fn ok(value: Value) -> Response {
    (StatusCode::OK, axum::Json(value)).into_response()
}

/// The refusal, unless the bearer token is valid by the sim clock (and, when `key`, the
/// paired key is known and not revoked).
pub(super) fn authorise(sim: &WebEcrSim, headers: &HeaderMap, key: bool) -> Option<Response> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let bearer = header("authorization");
    let token = bearer.strip_prefix("Bearer ").unwrap_or("");
    let mut st = sim.state();
    let now = st.now;
    if !st.access.iter().any(|(t, exp)| t == token && *exp > now) {
        st.rejected_tokens += 1;
        return Some(refuse(StatusCode::UNAUTHORIZED, "token not valid"));
    }
    if key && sim.config.require_api_key {
        let api_key = header("x-api-key");
        match st.keys.iter().find(|(k, _)| *k == api_key) {
            Some((_, false)) => {}
            Some((_, true)) => return Some(refuse(StatusCode::UNAUTHORIZED, "api key revoked")),
            None => return Some(refuse(StatusCode::FORBIDDEN, "api key required: pair first")),
        }
    }
    None
}

/// `authorise` (API key included) for a call on terminal `id`; 404 for any terminal but this one.
pub(super) fn authorise_terminal(sim: &WebEcrSim, headers: &HeaderMap, id: &str) -> Option<Response> {
    if let Some(r) = authorise(sim, headers, true) {
        return Some(r);
    }
    (id != sim.config.backend_id).then(|| refuse(StatusCode::NOT_FOUND, "no such terminal"))
}

/// Attaches an approved transaction (and a 21-digit TransactionId when fiscal data came).
pub(in crate::terminal::webecr::sim) fn approve(
    sim: &WebEcrSim,
    st: &mut State,
    intent: &mut Intent,
    fiscal: bool,
) {
    st.stan += 1;
    st.next_id += 1;
    let rrn = format!("{:012}", 100_000 + st.stan);
    let auth = format!("{:06}", st.noise.next_u64() % 1_000_000);
    let when =
        chrono::DateTime::from_timestamp(st.now, 0).map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    let t = Transaction {
        id: Flex::Text(st.next_id.to_string()),
        txn_type: intent.txn_type,
        timestamp: when,
        void_timestamp: None,
        card_pan: Some(sim.config.pan.clone()),
        approved: Some(true),
        voided: Some(false),
        stan: Some(Flex::Int(st.stan)),
        batch_number: Some(Flex::Int(1)),
        acquirer: Some(Flex::Text(sim.config.acquirer.clone())),
        tid: Some(sim.config.tid.clone()),
        mid: Some("9000000001".into()),
        amount: intent.amount,
        tip_amount: intent.tip_amount,
        cashback_amount: Some(0),
        loyalty_redemption_amount: Some(0),
        instalments: intent.instalments,
        rrn: Some(rrn.clone()),
        auth_code: Some(auth.clone()),
        original_rrn: None,
        original_auth_code: None,
        currency_code: intent.currency_code,
        customer_reference: intent.customer_reference.clone(),
    };
    if fiscal || sim.config.legal_ids {
        intent.transaction_id = Some(format!("{:0>3}{rrn}{auth}", sim.config.acquirer));
    }
    intent.transaction = Some(TxnRef::Object(Box::new(t)));
}

/// The `txninit` answer shape: `Id`, the transaction as an object.
/// A transaction shows only once the intent is completed ("only applicable if result =
/// APPROVED"); a pending void keeps it inside, for the `Transaction` filter.
pub(super) fn answer(sim: &WebEcrSim, intent: &Intent) -> Value {
    let mut shown = intent.clone();
    if shown.status != 3 {
        shown.transaction = None;
    }
    super::super::shape::intent(sim.config.shape, serde_json::to_value(&shown).unwrap_or(Value::Null))
}

/// Lists and void answers spell the id `id`.
pub(super) fn lower_id(mut v: Value) -> Value {
    if let Some(map) = v.as_object_mut()
        && let Some(id) = map.remove("Id")
    {
        map.insert("id".into(), id);
    }
    v
}
