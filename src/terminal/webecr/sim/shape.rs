//! How the simulated backend writes its answers: the spec's types, identifiers and counters
//! as zero-padded text, or the older v2 transaction object. Tests use these to prove that an
//! approved payment reads as approved whatever the shape.

use serde_json::{Map, Value, json};

use super::AnswerShape;

/// An intent answer or list item, with its transaction object (if any) reshaped.
pub fn intent(shape: AnswerShape, mut v: Value) -> Value {
    if let Some(m) = v.as_object_mut() {
        if shape == AnswerShape::PaddedText {
            for key in ["Id", "id"] {
                if let Some(n) = m.get(key).and_then(numeric) {
                    m.insert(key.into(), json!(n));
                }
            }
        }
        for key in ["Transaction", "InitialTransaction"] {
            if let Some(t) = m.get_mut(key).filter(|t| t.is_object()) {
                *t = transaction(shape, t.take());
            }
        }
    }
    v
}

/// A transaction object as the chosen shape writes it.
pub fn transaction(shape: AnswerShape, mut v: Value) -> Value {
    let Some(m) = v.as_object_mut() else { return v };
    match shape {
        AnswerShape::Spec => {}
        AnswerShape::PaddedText => {
            pad(m, "STAN", 6);
            pad(m, "BatchNumber", 3);
            if let Some(n) = m.get("Acquirer").and_then(numeric) {
                m.insert("Acquirer".into(), json!(n));
            }
        }
        AnswerShape::OlderObject => {
            if let Some(id) = m.remove("Id") {
                m.insert("TxnId".into(), numeric(&id).map_or(id, |n| json!(n)));
            }
            if let Some(kind) = m.remove("TxnType") {
                m.insert("TransactionType".into(), kind);
            }
            if let Some(batch) = m.get("BatchNumber").cloned() {
                m.insert("Batch".into(), batch);
            }
            for key in ["TID", "MID"] {
                if let Some(n) = m.get(key).and_then(numeric) {
                    m.insert(key.into(), json!(n));
                }
            }
            m.insert("CardHash".into(), json!("9f1c2e"));
            m.insert("PosEntryMode".into(), json!(7));
            m.insert("Cryptogram".into(), json!(""));
            m.insert("HostResponseCode".into(), json!(0));
            m.insert("Voucher".into(), json!(""));
        }
    }
    v
}

fn numeric(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn pad(m: &mut Map<String, Value>, key: &str, width: usize) {
    if let Some(n) = m.get(key).and_then(numeric) {
        m.insert(key.into(), json!(format!("{n:0width$}")));
    }
}
