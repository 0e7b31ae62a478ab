//! `tameio frame decode --protocol nexo FILE|-`: a captured nexo XML message (an HTTP
//! message's headers, if present, are skipped) as JSON, receipts decoded beside it.

use serde_json::{Value, json};

use super::codec::{self, Message, ResponseBody};
use super::receipt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("not a nexo message: {0}")]
    Xml(String),
    #[error("nothing to decode")]
    Empty,
    #[error("cannot read the capture file: {0}")]
    File(String),
}

/// The longest capture file read.
pub const MAX_CAPTURE_FILE: u64 = 4 * 1024 * 1024;

/// The name of a file holding the capture, or the capture itself.
pub fn decode_input(input: &str) -> Result<Value, DecodeError> {
    let text = input.trim_start_matches('\u{feff}').trim();
    let path = std::path::Path::new(text);
    if text.is_empty() || text.starts_with('<') || text.starts_with("POST ") || text.starts_with("HTTP/") {
        return decode_body(text);
    }
    if !path.is_file() {
        return decode_body(text);
    }
    let file =
        std::fs::File::open(path).map_err(|e| DecodeError::File(format!("{}: {e}", path.display())))?;
    let mut body = String::new();
    std::io::Read::read_to_string(&mut std::io::Read::take(file, MAX_CAPTURE_FILE + 1), &mut body)
        .map_err(|e| DecodeError::File(format!("{}: {e}", path.display())))?;
    if body.len() as u64 > MAX_CAPTURE_FILE {
        return Err(DecodeError::File(format!("{}: longer than {MAX_CAPTURE_FILE} bytes", path.display())));
    }
    decode_body(&body)
}

/// One message as JSON: `{"protocol":"nexo","envelope":…,"header":{…},"body":{…},"receipts":[…]}`.
pub fn decode_body(input: &str) -> Result<Value, DecodeError> {
    let body = strip_http_head(input.trim_start_matches('\u{feff}')).trim();
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

/// Skips an HTTP request or status line and its headers, when the capture has them.
fn strip_http_head(text: &str) -> &str {
    let t = text.trim_start();
    if !(t.starts_with("POST ") || t.starts_with("HTTP/")) {
        return t;
    }
    t.split_once("\r\n\r\n").or_else(|| t.split_once("\n\n")).map(|(_, body)| body).unwrap_or("")
}
