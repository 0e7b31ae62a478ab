//! `tameio frame decode --protocol ecr17 HEX`: captured bytes to JSON — each frame, its
//! message code and fields by name, whether its LRC checks and under which rule.

use serde_json::{Value, json};

use crate::terminal::capture::hex_bytes;
pub use crate::terminal::capture::{DecodeError, MAX_FRAMES_SHOWN};

use super::frame::{Frame, LrcCheck, LrcRule, START_BYTES, split_all};
use super::message::Request;
use super::outcome::Verdict;
use super::reply::Reply;
use crate::terminal::Outcome;

/// Decodes a hex capture (spaces, colons and `0x` allowed): several frames, or one bare
/// message without STX/ETX. Always `{"protocol", "frames": [...], "noise_bytes"}`.
pub fn decode_frame(input: &str) -> Result<Value, DecodeError> {
    let bytes = hex_bytes(input)?;
    if !bytes.iter().any(|b| START_BYTES.contains(b)) {
        let mut msg = describe_message(&bytes);
        msg["frame"] = json!("bare message");
        return Ok(json!({ "protocol": "ecr17", "frames": [msg], "noise_bytes": 0 }));
    }
    let (frames, noise) = split_all(&bytes, &LrcRule::ALL);
    // Each shown frame costs a JSON tree: a long capture shows its first ones and a count.
    let not_shown = frames.len().saturating_sub(MAX_FRAMES_SHOWN);
    let frames: Vec<Value> = frames.iter().take(MAX_FRAMES_SHOWN).map(describe).collect();
    let mut out = json!({ "protocol": "ecr17", "frames": frames, "noise_bytes": noise });
    if not_shown > 0 {
        out["frames_not_shown"] = json!(not_shown);
    }
    Ok(out)
}

fn describe(frame: &Frame) -> Value {
    match frame {
        Frame::Ack => json!({ "frame": "ack", "lrc": { "valid": true } }),
        Frame::Nak => json!({ "frame": "nak", "lrc": { "valid": true } }),
        Frame::Progress(text) => json!({ "frame": "progress", "text": text }),
        Frame::Message { body, lrc } => {
            let mut v = describe_message(body);
            v["frame"] = json!("application");
            let expected: serde_json::Map<String, Value> = LrcRule::ALL
                .iter()
                .map(|r| (r.code().to_string(), json!(format!("0x{:02X}", r.compute(body)))))
                .collect();
            v["lrc"] = match lrc {
                LrcCheck::Valid(rule) => json!({
                    "value": format!("0x{:02X}", rule.compute(body)),
                    "valid": true,
                    "rule": rule.code(),
                    "by_rule": expected,
                }),
                LrcCheck::Invalid { got, .. } => json!({
                    "value": format!("0x{got:02X}"),
                    "valid": false,
                    "rule": null,
                    "by_rule": expected,
                }),
            };
            v
        }
    }
}

/// The message text, its code, which way it went and its fields. A request is tried first
/// (their lengths are exact), then a terminal message.
fn describe_message(body: &[u8]) -> Value {
    let text = String::from_utf8_lossy(body).into_owned();
    let code = body.get(9).map(|b| (*b as char).to_string());
    let (direction, fields) = match Request::parse(body) {
        Ok((tid, req)) => ("ecr_to_terminal", with_tid(serde_json::to_value(req), &tid)),
        Err(req_err) => match Reply::parse(body) {
            Ok(reply) => ("terminal_to_ecr", reply_fields(&reply)),
            Err(reply_err) => {
                ("unknown", json!({ "as_request": req_err.to_string(), "as_reply": reply_err.to_string() }))
            }
        },
    };
    json!({ "message": text, "length": body.len(), "code": code, "direction": direction, "fields": fields })
}

/// A reply's fields; a card result also says what it proves (`uncertain` for `09`).
fn reply_fields(reply: &Reply) -> Value {
    let mut v = serde_json::to_value(reply).unwrap_or(Value::Null);
    if let (Reply::Card(card), Value::Object(m)) = (reply, &mut v) {
        let outcome = match super::outcome::verdict(card, "") {
            Verdict::Proven(Outcome::Approved(_)) => "approved",
            Verdict::Proven(Outcome::Declined { .. }) => "declined",
            Verdict::Proven(Outcome::Cancelled { .. }) => "cancelled",
            Verdict::Uncertain(_) => "uncertain",
        };
        m.insert("outcome".into(), json!(outcome));
        if let Some(layout) = card.layout {
            m.insert("layout_length".into(), json!(layout.message_len()));
        }
    }
    v
}

/// Frames as the protocol log shows them: control bytes by name, message text as sent with
/// the card number (the `pan` field of whatever layout the message has) cut to its last four.
/// A message that parses as nothing known gets the log's blanket mask of long digit runs.
pub fn log_frames(bytes: &[u8]) -> Vec<String> {
    let (frames, _) = split_all(bytes, &LrcRule::ALL);
    frames.iter().map(log_frame).collect()
}

pub fn log_frame(frame: &Frame) -> String {
    match frame {
        Frame::Ack => "<ACK>".into(),
        Frame::Nak => "<NAK>".into(),
        Frame::Progress(text) => format!("<SOH>{text}<EOT>"),
        Frame::Message { body, lrc } => {
            let described = describe_message(body);
            let mut text = String::from_utf8_lossy(body).into_owned();
            if described["direction"] == "unknown" {
                text = crate::terminal::wirelog::mask(&text);
            } else if let Some(pan) = find_pan(&described["fields"]) {
                let keep = pan.len().saturating_sub(4);
                text = text.replace(&pan, &format!("{}{}", "*".repeat(keep), &pan[keep..]));
            }
            let bad = if matches!(lrc, LrcCheck::Invalid { .. }) { " (bad LRC)" } else { "" };
            format!("<STX>{}<ETX>{bad}", crate::terminal::wirelog::printable(text.as_bytes()))
        }
    }
}

/// The first non-empty `pan` field, at any depth.
fn find_pan(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => m.iter().find_map(|(k, v)| match v {
            Value::String(s) if k == "pan" && s.chars().any(|c| c.is_ascii_digit()) => {
                Some(s.trim().to_string())
            }
            other => find_pan(other),
        }),
        Value::Array(items) => items.iter().find_map(find_pan),
        _ => None,
    }
}

fn with_tid(v: Result<Value, serde_json::Error>, tid: &str) -> Value {
    match v {
        Ok(Value::Object(mut m)) => {
            m.insert("tid".into(), json!(tid));
            Value::Object(m)
        }
        Ok(other) => other,
        Err(_) => Value::Null,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn smartpos_capture_decodes() {
        let v = decode_frame(
            "06 03 7A 02 33373130353035313073303030303030303030303331303732363231323232535953454D5620203230340338",
        )
        .unwrap();
        let frames = v["frames"].as_array().unwrap();
        assert_eq!(frames[0]["frame"], "ack");
        let reply = &frames[1];
        assert_eq!(reply["code"], "s");
        assert_eq!(reply["direction"], "terminal_to_ecr");
        assert_eq!(reply["lrc"]["valid"], true);
        assert_eq!(reply["lrc"]["rule"], "stx-etx");
        assert_eq!(reply["lrc"]["value"], "0x38");
        assert_eq!(reply["fields"]["release"], "SYSEMV  204");
        assert_eq!(reply["fields"]["status"], "2");
    }

    #[test]
    fn requests_bare_messages_and_bad_lrcs() {
        let v = decode_frame("02 30 30 30 30 30 30 30 30 30 73 03 3D").unwrap();
        assert_eq!(v["frames"][0]["direction"], "ecr_to_terminal");
        assert_eq!(v["frames"][0]["fields"]["request"], "status");
        let bare = decode_frame(&hex::encode("371050510G000000010000")).unwrap();
        assert_eq!(bare["frames"][0]["frame"], "bare message");
        assert_eq!(bare["frames"][0]["fields"]["request"], "last_result");
        let bad = decode_frame("02 30 30 30 30 30 30 30 30 30 73 03 55").unwrap();
        assert_eq!(bad["frames"][0]["lrc"]["valid"], false);
        assert_eq!(bad["frames"][0]["lrc"]["by_rule"]["stx-etx"], "0x3D");
        assert!(decode_frame("zz").is_err());
        assert!(decode_frame("").is_err());
    }
}
