//! `tameio frame decode --protocol webecr FILE|-`: a captured WebECR JSON body (an HTTP
//! message's headers, if present, are skipped) to JSON that says what it means — through the
//! same tolerant reading and the same judgement the client uses.

use serde_json::{Map, Value, json};

use super::codec::{Intent, IntentResult, IntentStatus, Transaction};
use super::lenient;
use super::outcome::{self, Verdict};
use crate::terminal::{Outcome, capture};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("not JSON: {0}")]
    Json(String),
    #[error("nothing to decode")]
    Empty,
    #[error("cannot read the capture file: {0}")]
    File(String),
}

/// What `frame decode --protocol webecr` is given: the name of a file holding the capture,
/// or the capture itself (JSON, or an HTTP message around it).
pub fn decode_input(input: &str) -> Result<Value, DecodeError> {
    let inline = |t: &str| t.starts_with(['{', '[', '"']) || t.starts_with("HTTP/") || t.contains('\n');
    decode_body(&capture::read(input, inline).map_err(DecodeError::File)?)
}

/// Items of a page described at most; the rest are counted (`items_not_shown`).
pub const MAX_ITEMS_SHOWN: usize = 1000;

/// Decodes one captured body: an intent, a transaction, a page of either (or of terminals),
/// a request (`txninit`, `txnvoid`, redeem, bind, key exchange) or the token answer.
pub fn decode_body(input: &str) -> Result<Value, DecodeError> {
    let body = capture::strip_http_head(input.trim_start_matches('\u{feff}')).trim();
    if body.is_empty() {
        return Err(DecodeError::Empty);
    }
    let value: Value = serde_json::from_str(body).map_err(|e| DecodeError::Json(e.to_string()))?;
    let mut out = describe(&value);
    if let Some(m) = out.as_object_mut() {
        m.insert("protocol".into(), json!("webecr"));
    }
    Ok(out)
}

fn describe(v: &Value) -> Value {
    let Some(m) = v.as_object() else {
        return json!({ "kind": "unrecognised", "note": "not a JSON object" });
    };
    let has = |k: &str| m.contains_key(k);
    if has("results") {
        return page(m);
    }
    if has("Status") || has("status") {
        return intent(v);
    }
    if has("OriginalIdentifier") {
        return json!({ "kind": "txnvoid request", "body": v });
    }
    if has("Approved") || has("STAN") || has("TxnId") || has("RRN") {
        return transaction(v);
    }
    if (has("TxnType") && has("CustomerReference")) || has("CurrencyCode") {
        return json!({ "kind": "txninit request", "body": v });
    }
    if has("TerminalID") {
        return json!({ "kind": "terminal", "body": v });
    }
    if has("SessionKey") || has("Kcv") {
        return json!({ "kind": "ecrkeyexchange", "body": v });
    }
    if has("EcrId") {
        return json!({ "kind": "ecrbind", "body": v });
    }
    if has("access") || has("refresh") || has("password") {
        // Tokens and passwords are secrets: say what is there, never the value.
        let present: Vec<&String> = m.keys().collect();
        return json!({ "kind": "token", "fields": present, "note": "values not shown" });
    }
    if m.get("Type").and_then(Value::as_str) == Some("webecr") {
        let answer = has("Id") || has("id");
        let kind = if answer { "redeem answer (API key not shown)" } else { "redeem request" };
        return json!({ "kind": kind, "code": m.get("Code") });
    }
    json!({ "kind": "unrecognised", "fields": m.keys().collect::<Vec<_>>() })
}

fn page(m: &Map<String, Value>) -> Value {
    let items = m.get("results").and_then(Value::as_array).cloned().unwrap_or_default();
    let shown: Vec<Value> = items.iter().take(MAX_ITEMS_SHOWN).map(describe).collect();
    let mut out = json!({
        "kind": "page",
        "count": m.get("count"),
        "next": m.get("next"),
        "previous": m.get("previous"),
        "items": shown,
    });
    if items.len() > MAX_ITEMS_SHOWN {
        out["items_not_shown"] = json!(items.len() - MAX_ITEMS_SHOWN);
    }
    out
}

/// An intent: where it stands, what it means for the money, and the approval a receipt gets.
fn intent(v: &Value) -> Value {
    let i: Intent = match lenient::intent(v) {
        Ok(i) => i,
        Err(e) => return json!({ "kind": "intent", "error": e, "verdict": "unknown" }),
    };
    let (verdict, detail) = match outcome::judge(&i, None) {
        Verdict::Final(Outcome::Approved(_)) => ("approved", None),
        Verdict::Final(Outcome::Declined { message, .. }) => ("declined", Some(message)),
        Verdict::Final(Outcome::Cancelled { message }) => ("cancelled", Some(message)),
        Verdict::NotCharged { why, .. } => ("not charged", Some(why)),
        Verdict::Unknown(why) => {
            ("unknown", Some(why.split("; the backend said").next().unwrap_or("").to_string()))
        }
        Verdict::InProgress(_) => ("in progress", None),
    };
    let mut out = json!({
        "kind": if i.void == Some(true) { "void intent" } else { "intent" },
        "id": i.id_text(),
        "status": i.status,
        "status_name": status_name(i.status()),
        "result": i.result,
        "result_name": i.result().map(result_name),
        "verdict": verdict,
        "txn_type": i.txn_type,
        "amount": i.amount,
        "tip_amount": i.tip_amount,
        "currency_code": i.currency_code,
        "customer_reference": i.customer_reference,
        "terminal": i.terminal.as_ref().map(ToString::to_string),
        "transaction_id": i.transaction_id,
        "transaction": i.transaction.as_ref().map(|t| t.id_text()),
        "initial_transaction": i.initial_transaction.as_ref().map(|t| t.id_text()),
    });
    if let Some(d) = detail {
        out["detail"] = json!(d);
    }
    if verdict == "approved" {
        out["approval"] = serde_json::to_value(outcome::approval(&i, None)).unwrap_or(Value::Null);
    }
    out
}

fn transaction(v: &Value) -> Value {
    let t: Transaction = lenient::transaction(v);
    json!({
        "kind": "transaction",
        "id": t.id.to_string(),
        "approved": t.approved,
        "voided": t.voided,
        "stan": t.stan.as_ref().map(ToString::to_string),
        "batch_number": t.batch_number.as_ref().map(ToString::to_string),
        "masked_pan": t.card_pan.as_deref().map(outcome::mask),
        "rrn": t.rrn,
        "auth_code": t.auth_code,
        "tid": t.tid,
        "acquirer": t.acquirer.as_ref().map(ToString::to_string),
        "amount": t.amount,
        "tip_amount": t.tip_amount,
        "timestamp": t.timestamp,
        "customer_reference": t.customer_reference,
    })
}

fn status_name(s: IntentStatus) -> String {
    match s {
        IntentStatus::Pending => "pending".into(),
        IntentStatus::Sent => "sent".into(),
        IntentStatus::Completed => "completed".into(),
        IntentStatus::Other(n) => format!("unknown status {n}"),
    }
}

fn result_name(r: IntentResult) -> String {
    match r {
        IntentResult::Approved => "approved".into(),
        IntentResult::Declined => "declined".into(),
        IntentResult::Cancelled => "cancelled".into(),
        IntentResult::Failed => "failed".into(),
        IntentResult::Unknown => "unknown".into(),
        IntentResult::Busy => "busy".into(),
        IntentResult::MaxTransactions => "max transactions".into(),
        IntentResult::Other(n) => format!("unknown result {n}"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_http_capture_is_read_after_its_headers() {
        let capture = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"Status\":2,\"Result\":0,\"id\":\"9\"}";
        let v = decode_body(capture).unwrap();
        assert_eq!((v["kind"].as_str(), v["verdict"].as_str()), (Some("intent"), Some("in progress")));
        assert_eq!(decode_body("  "), Err(DecodeError::Empty));
        assert!(matches!(decode_body("<html>"), Err(DecodeError::Json(_))));
    }

    #[test]
    fn secrets_in_a_capture_are_not_repeated() {
        let v = decode_body(r#"{"access":"eyJ.secret.x","refresh":"eyJ.other.y"}"#).unwrap();
        assert!(!v.to_string().contains("secret"));
        let v = decode_body(r#"{"Id":"Zg6xxfx_R1eXTOs39BPzqQ","Type":"webecr"}"#).unwrap();
        assert!(!v.to_string().contains("Zg6xxfx"));
    }
}
