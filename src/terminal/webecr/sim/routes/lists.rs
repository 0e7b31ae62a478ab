//! The simulated backend's lists: pages by `limit`/`offset` with absolute `next` links, the
//! intent filters the spec lists, and long-running intents moving on as they are polled.

use std::collections::HashMap;

use axum::extract::State as Ext;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde_json::{Value, json};

use super::super::super::codec::{Flex, Intent, TxnRef};
use super::super::{State, WebEcrSim};
use super::reply::{Q, Sim, answer, approve, authorise, lower_id, ok};

/// One page by `limit`/`offset` (default: `page_size`), `next` an absolute link as in the
/// spec's example (`…/?limit=100&offset=100`), the other filters kept.
pub(super) fn page(items: Vec<Value>, size: usize, at: &Here) -> Value {
    let count = items.len();
    let size = size.max(1);
    let number = |k: &str| at.query.get(k).and_then(|v| v.parse::<usize>().ok());
    let limit = number("limit").unwrap_or(size).clamp(1, size);
    let offset = number("offset").unwrap_or(0);
    let results: Vec<Value> = items.into_iter().skip(offset).take(limit).collect();
    let link = |from: usize| {
        let mut params: Vec<(String, String)> = at
            .query
            .iter()
            .filter(|(k, _)| *k != "limit" && *k != "offset")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        params.sort();
        params.push(("limit".into(), limit.to_string()));
        params.push(("offset".into(), from.to_string()));
        reqwest::Url::parse_with_params(&format!("http://{}{}", at.host, at.path), &params)
            .map(|u| Value::String(u.to_string()))
            .unwrap_or(Value::Null)
    };
    let next = if offset + limit < count { link(offset + limit) } else { Value::Null };
    let previous = if offset > 0 { link(offset.saturating_sub(limit)) } else { Value::Null };
    json!({ "count": count, "next": next, "previous": previous, "results": results })
}

/// Where a list request came in: host, path and query (for the page links).
pub(super) struct Here {
    host: String,
    path: String,
    query: HashMap<String, String>,
}

impl Here {
    pub(super) fn new(headers: &HeaderMap, uri: &Uri, q: Q) -> Here {
        let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1").to_string();
        Here { host, path: uri.path().to_string(), query: q.0 }
    }
}

/// The intent as the backend shows it. Strict: `Transaction` "only if result = APPROVED"
/// (§3.7.7), so a pending void has none (the usual profile keeps it, review W-3).
pub(super) fn shown(sim: &WebEcrSim, intent: &Intent) -> Intent {
    let mut i = intent.clone();
    if sim.config.strict && i.result != Some(1) {
        i.transaction = None;
    }
    i
}

/// The list shape: lowercase `id`, transactions as references.
fn list_item(sim: &WebEcrSim, intent: &Intent) -> Value {
    let mut i = shown(sim, intent);
    i.transaction = i.transaction.map(|t| TxnRef::Id(Flex::Text(t.id_text())));
    i.initial_transaction = i.initial_transaction.map(|t| TxnRef::Id(Flex::Text(t.id_text())));
    lower_id(answer(sim, &i))
}

/// A poll of a long-running intent brings it closer to completion.
fn tick(sim: &WebEcrSim, st: &mut State, index: usize) {
    let now = st.now;
    let held = &mut st.intents[index];
    // Preloads wait for the customer (`pay_preload`) or their expiry, not for polls.
    if held.intent.status == 3 || held.expires_at.is_some() {
        return;
    }
    held.polls_left = held.polls_left.saturating_sub(1);
    if held.polls_left == 0 || now - held.created_at >= sim.config.slow_secs {
        let mut intent = held.intent.clone();
        intent.status = 3;
        intent.result = Some(1);
        // A void completes on the transaction it voided; anything else is a new approval.
        if intent.void != Some(true) {
            approve(sim, st, &mut intent, false);
        }
        st.intents[index].intent = intent;
    }
}

/// The spec's intent filters (§3.7.7) that tameio uses; any other filter is ignored, as a
/// backend may do (`Void` among them: the spec lists no such filter).
fn intent_matches(sim: &WebEcrSim, i: &Intent, q: &HashMap<String, String>) -> bool {
    let i = &shown(sim, i);
    let is = |key: &str, value: Option<String>| q.get(key).is_none_or(|want| value.as_ref() == Some(want));
    let txn = |r: &Option<TxnRef>| r.as_ref().map(TxnRef::id_text);
    is("CustomerReference", i.customer_reference.clone())
        && is("Terminal", i.terminal.as_ref().map(Flex::to_string))
        && is("TID", Some(sim.config.tid.clone()))
        && is("Status", Some(i.status.to_string()))
        && is("Result", i.result.map(|r| r.to_string()))
        && is("TxnType", i.txn_type.map(|t| t.to_string()))
        && is("Transaction", txn(&i.transaction))
        && is("InitialTransaction", txn(&i.initial_transaction))
}

pub(super) async fn intents(Ext(sim): Ext<Sim>, headers: HeaderMap, uri: Uri, q: Q) -> Response {
    if let Some(r) = authorise(&sim, &headers, true) {
        return r;
    }
    let at = Here::new(&headers, &uri, q);
    let mut st = sim.state();
    let mut keys: Vec<String> = at.query.keys().cloned().collect();
    keys.sort();
    st.intent_filters.push(keys);
    let hits: Vec<usize> =
        (0..st.intents.len()).filter(|&n| intent_matches(&sim, &st.intents[n].intent, &at.query)).collect();
    for &n in &hits {
        tick(&sim, &mut st, n);
    }
    let items = hits.iter().map(|&n| list_item(&sim, &st.intents[n].intent)).collect();
    ok(page(items, sim.config.page_size, &at))
}

pub(super) async fn transactions(Ext(sim): Ext<Sim>, headers: HeaderMap, uri: Uri, q: Q) -> Response {
    if let Some(r) = authorise(&sim, &headers, true) {
        return r;
    }
    let at = Here::new(&headers, &uri, q);
    let st = sim.state();
    let items = st
        .intents
        .iter()
        .filter(|h| h.intent.void != Some(true))
        .filter_map(|h| h.intent.transaction_object().cloned())
        .filter(|t| {
            at.query.get("CustomerReference").is_none_or(|r| t.customer_reference.as_ref() == Some(r))
        })
        .map(|t| {
            super::super::shape::transaction(sim.config.shape, serde_json::to_value(t).unwrap_or(Value::Null))
        })
        .collect();
    ok(page(items, sim.config.page_size, &at))
}
