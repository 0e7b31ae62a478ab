//! `tameio frame decode --protocol nexo FILE|-`: a captured nexo XML message (an HTTP
//! message's headers, if present, are skipped) as JSON, receipts decoded beside it.

use serde_json::{Value, json};

use super::codec::{self, Message, ResponseBody};
use super::receipt;
use crate::terminal::capture;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("not a nexo message: {0}")]
    Xml(String),
    #[error("nothing to decode")]
    Empty,
    #[error("cannot read the capture file: {0}")]
    File(String),
}

/// The name of a file holding the capture, or the capture itself.
pub fn decode_input(input: &str) -> Result<Value, DecodeError> {
    let inline = |t: &str| t.starts_with('<') || t.starts_with("POST ") || t.starts_with("HTTP/");
    decode_body(&capture::read(input, inline).map_err(DecodeError::File)?)
}

/// One message as JSON: `{"protocol":"nexo","envelope":…,"header":{…},"body":{…},"receipts":[…]}`.
pub fn decode_body(input: &str) -> Result<Value, DecodeError> {
    let body = capture::strip_http_head(input.trim_start_matches('\u{feff}')).trim();
    if body.is_empty() {
        return Err(DecodeError::Empty);
    }
    let message = codec::parse(body).map_err(|e| match e {
        codec::CodecError::Empty => DecodeError::Empty,
        other => DecodeError::Xml(other.to_string()),
    })?;
    let (envelope, body) = match &message {
        Message::Request(r) => ("SaleToPOIRequest", serde_json::to_value(&r.body)),
        Message::Response(r) => ("SaleToPOIResponse", serde_json::to_value(&r.body)),
    };
    let receipts: Vec<Value> = receipts_of(&message)
        .iter()
        .map(|r| json!({ "qualifier": r.qualifier, "lines": r.lines, "json": r.json }))
        .collect();
    let mut out = json!({
        "protocol": "nexo",
        "envelope": envelope,
        "header": serde_json::to_value(message.header()).unwrap_or(Value::Null),
        "body": body.unwrap_or(Value::Null),
    });
    if !receipts.is_empty()
        && let Some(m) = out.as_object_mut()
    {
        m.insert("receipts".into(), Value::Array(receipts));
    }
    Ok(out)
}

fn receipts_of(message: &Message) -> Vec<receipt::Receipt> {
    let Message::Response(r) = message else {
        return Vec::new();
    };
    let list = match &r.body {
        ResponseBody::PaymentResponse(p) => &p.payment_receipts,
        ResponseBody::ReversalResponse(p) => &p.payment_receipts,
        ResponseBody::TransactionStatusResponse(t) => {
            match t.repeated_message_response.as_ref().and_then(|m| m.payment()) {
                Some(p) => &p.payment_receipts,
                None => return Vec::new(),
            }
        }
        _ => return Vec::new(),
    };
    list.iter().map(receipt::decode).collect()
}
