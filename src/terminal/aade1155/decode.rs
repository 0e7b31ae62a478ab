//! `tameio frame decode --protocol aade1155 HEX`: captured bytes to JSON — each frame's size,
//! header, type, fields by letter and by name, and `/P` print data rendered as text.

use serde_json::{Value, json};

use crate::terminal::capture::hex_bytes;
pub use crate::terminal::capture::{DecodeError, MAX_FRAMES_SHOWN};

use super::body::Body;
use super::frame::{Frame, Splitter};
use super::message::Request;
use super::reply::Reply;
use super::result::{error_meaning, render_print};

/// Decodes a hex capture (spaces, colons, `0x` and `#` comments to the end of a line allowed):
/// frames with their size, or one header + body without the size (WebECR, logs), or a bare body.
pub fn decode_frame(input: &str) -> Result<Value, DecodeError> {
    let uncommented: String =
        input.lines().map(|l| l.split_once('#').map_or(l, |(hex, _)| hex)).collect::<Vec<_>>().join(" ");
    let bytes = hex_bytes(&uncommented)?;
    let mut splitter = Splitter::default();
    splitter.push(&bytes);
    let mut frames = Vec::new();
    let mut not_shown = 0usize;
    while let Some(next) = splitter.next_frame() {
        // Each shown frame costs a JSON tree: a long capture shows its first ones and a count.
        if frames.len() == MAX_FRAMES_SHOWN {
            not_shown += 1;
            continue;
        }
        frames.push(next.map(|f| describe(&f, true)).unwrap_or_else(|e| json!({ "error": e.to_string() })));
    }
    // Not sized frames (nothing whole, or only frames that cannot be AADE): one header + body
    // without the size, or a bare body, when the bytes read as one.
    let all_bad = not_shown == 0 && frames.iter().all(|f| f.get("error").is_some());
    let unsized_reads = || Frame::from_payload(&bytes).is_ok() || Body::parse(&bytes).is_ok();
    if frames.is_empty() || splitter.pending() > 0 || all_bad && unsized_reads() {
        let one = match Frame::from_payload(&bytes) {
            Ok(f) => describe(&f, false),
            Err(_) => describe_body(&bytes, None),
        };
        return Ok(json!({ "protocol": "aade1155", "frames": [one], "trailing_bytes": 0 }));
    }
    let mut out = json!({ "protocol": "aade1155", "frames": frames, "trailing_bytes": splitter.pending() });
    if not_shown > 0 {
        out["frames_not_shown"] = json!(not_shown);
    }
    Ok(out)
}

fn describe(f: &Frame, sized: bool) -> Value {
    let mut v = describe_body(&f.body, Some(f.is_from_ecr()));
    v["direction"] = json!(f.direction);
    v["variant"] = json!(f.variant);
    v["version"] = json!(f.version);
    v["size"] = if sized { json!(7 + f.body.len()) } else { Value::Null };
    v
}

/// The body's type, fields by letter and the typed message. `from_ecr` `None` = try both.
fn describe_body(bytes: &[u8], from_ecr: Option<bool>) -> Value {
    let body = match Body::parse(bytes) {
        Ok(b) => b,
        Err(e) => return json!({ "error": e.to_string(), "text": String::from_utf8_lossy(bytes) }),
    };
    let fields: Vec<Value> = body
        .fields
        .iter()
        .map(|f| {
            let letter = f.chars().next().filter(char::is_ascii_uppercase);
            let value = if letter.is_some() { &f[1..] } else { f.as_str() };
            json!({ "letter": letter.map(String::from), "value": value, "subfields": value.split(':').collect::<Vec<_>>() })
        })
        .collect();
    let as_request = || Request::parse(bytes).ok().and_then(|r| serde_json::to_value(r).ok());
    let as_reply = || Reply::parse(bytes).ok().and_then(|r| serde_json::to_value(r).ok());
    let (from, message) = match from_ecr {
        Some(true) => ("ecr", as_request()),
        Some(false) => ("terminal", as_reply()),
        None => match as_request() {
            Some(m) => ("ecr", Some(m)),
            None => ("terminal", as_reply()),
        },
    };
    let mut v = json!({
        "type": body.kind.to_string(),
        "name": type_name(body.kind, from == "ecr"),
        "from": from,
        "length": bytes.len(),
        "fields": fields,
        "message": message,
    });
    if body.kind == 'E'
        && let Some(code) = body.fields.first()
    {
        v["meaning"] = json!(error_meaning(code));
    }
    if let Some(p) = &body.print {
        v["print_data"] = json!({ "bytes": p.len(), "hex": hex::encode_upper(p), "text": render_print(p) });
    }
    v
}

fn type_name(kind: char, from_ecr: bool) -> &'static str {
    match (kind, from_ecr) {
        ('X', true) => "echo",
        ('X', false) => "echo reply",
        ('R', true) => "acknowledge",
        ('R', false) => "result",
        ('E', false) => "error",
        ('A', true) => "sale",
        ('H', true) => "cash advance",
        ('I', true) => "instalments",
        ('Z', true) => "refund",
        ('V', true) => "void",
        ('P', true) => "completion",
        ('M', true) => "mail order",
        ('W', true) => "preload",
        ('O', true) => "resend one result",
        ('L', true) => "resend unacknowledged results",
        ('U', true) => "control",
        ('A' | 'H' | 'I' | 'Z' | 'V' | 'P' | 'M', false) => "confirmed",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sized_frames_unsized_and_bare_bodies() {
        let v = decode_frame("00 0C 4D 45 4C 30 31 30 31 45 2F 39 39 39").unwrap();
        let f = &v["frames"][0];
        assert_eq!((f["direction"].as_str(), f["type"].as_str()), (Some("MEL"), Some("E")));
        assert_eq!((f["name"].as_str(), f["meaning"].as_str()), (Some("error"), Some("terminal busy")));
        assert_eq!(f["size"], 12);
        let bare = decode_frame(&hex::encode("ECR0110L/RABC00111222/D20220711110645/Q6C483FCE")).unwrap();
        assert_eq!(bare["frames"][0]["version"], "10");
        assert_eq!(bare["frames"][0]["size"], Value::Null);
        assert_eq!(bare["frames"][0]["message"]["request"], "resend_all");
        let body = decode_frame(&hex::encode("R/S001/RABC001/F123.45/T987:654")).unwrap();
        assert_eq!(body["frames"][0]["message"]["request"], "ack");
        let commented =
            decode_frame("# an annotated capture\n00 0C 4D 45 4C 30 31 30 31 # MEL0101\n45 2F 39 39 39")
                .unwrap();
        assert_eq!(commented["frames"][0]["meaning"], "terminal busy");
        assert!(decode_frame("zz").is_err());
        assert!(decode_frame(" ").is_err());
    }
}
