//! Every message a terminal sends the ECR (`s` status, card results, `C`/`T` totals, `S`
//! receipt parts, `U` host data), and the receipt text rendered from the `S` parts.

use serde::Serialize;

use super::field::{MessageError, Reader, header};
use super::result::{CardResult, fit};

/// The end of the last `S` part: six line feeds and ESC.
pub const RECEIPT_END: [u8; 7] = [0x7D, 0x7D, 0x7D, 0x7D, 0x7D, 0x7D, 0x1B];
/// At most this many receipt characters per `S` message.
pub const RECEIPT_PART_LEN: usize = 200;

/// The `s` reply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StatusReply {
    pub tid: String,
    /// `DDMMYYhhmm`.
    pub terminal_time: String,
    /// `0`..`6`, see `status_text`.
    pub status: String,
    pub release: String,
}

impl StatusReply {
    pub fn status_text(&self) -> &'static str {
        match self.status.as_str() {
            "0" => "not configured",
            "1" => "configured, parameter download not done",
            "2" => "operational",
            "3" => "not aligned (first parameter download needed)",
            "4" => "key corrupted",
            "5" => "parameter download requested by the host",
            "6" => "software update pending",
            _ => "unknown status",
        }
    }
}

/// `C` (close session, with the host total) or `T` (terminal total only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SessionTotals {
    pub tid: String,
    /// True for `C`.
    pub closed: bool,
    pub result_code: String,
    pub terminal_total: u64,
    pub host_total: Option<u64>,
    pub reason: String,
    pub action_code: String,
}

/// One `S` message: part of a receipt, with the control bytes as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReceiptPart {
    pub tid: String,
    #[serde(serialize_with = "lossy")]
    pub text: Vec<u8>,
}

impl ReceiptPart {
    /// True when this part ends the receipt (`0x1B`).
    pub fn is_last(&self) -> bool {
        self.text.last() == Some(&0x1B)
    }
}

fn lossy<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&String::from_utf8_lossy(bytes))
}

/// A terminal `U`: data returned by the acquirer host.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HostData {
    pub tid: String,
    pub data: String,
}

/// Any message from the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "message", rename_all = "snake_case")]
pub enum Reply {
    Status(StatusReply),
    Card(CardResult),
    Totals(SessionTotals),
    Receipt(ReceiptPart),
    HostData(HostData),
}

impl Reply {
    pub fn parse(msg: &[u8]) -> Result<Reply, MessageError> {
        let r = Reader::new(msg)?;
        r.need(10)?;
        let reply = match r.code() {
            's' => {
                r.need(31)?;
                Reply::Status(StatusReply {
                    tid: r.tid(),
                    terminal_time: r.string(21, 10),
                    status: r.string(31, 1),
                    release: String::from_utf8_lossy(r.rest(32)).into_owned(),
                })
            }
            'E' | 'V' | 'e' | 'i' | 'c' | 'v' => Reply::Card(CardResult::parse(msg)?),
            c @ ('C' | 'T') => Reply::Totals(parse_totals(r, c == 'C')?),
            'S' => Reply::Receipt(ReceiptPart { tid: r.tid(), text: r.rest(11).to_vec() }),
            'U' => {
                r.need(19)?;
                let n = r.num("host data length", 17, 3)? as usize;
                r.need(19 + n)?;
                Reply::HostData(HostData { tid: r.tid(), data: r.string(20, n) })
            }
            other => return Err(MessageError::UnknownCode(other)),
        };
        Ok(reply)
    }

    pub fn encode(&self) -> Result<Vec<u8>, MessageError> {
        match self {
            Reply::Status(s) => {
                let mut w = header(&s.tid, b's', 31)?;
                w.raw(21, fit(&s.terminal_time, 10, b'0').as_bytes()).raw(31, fit(&s.status, 1, b'0').as_bytes());
                w.raw(32, s.release.as_bytes());
                Ok(w.finish())
            }
            Reply::Card(c) => c.encode(),
            Reply::Totals(t) => encode_totals(t),
            Reply::Receipt(p) => {
                let mut w = header(&p.tid, b'S', 10)?;
                w.raw(11, &p.text);
                Ok(w.finish())
            }
            Reply::HostData(u) => {
                let mut w = header(&u.tid, b'U', 29 + u.data.len())?;
                w.num("host data length", 17, 3, u.data.len() as u64)?.raw(20, u.data.as_bytes());
                Ok(w.finish())
            }
        }
    }
}

fn parse_totals(r: Reader<'_>, closed: bool) -> Result<SessionTotals, MessageError> {
    r.need(if closed { 44 } else { 34 })?;
    let mut t = SessionTotals { tid: r.tid(), closed, result_code: r.string(11, 2), ..Default::default() };
    if !closed || t.result_code == "00" {
        t.terminal_total = r.num("terminal total", 13, 16)? as u64;
    }
    if closed && t.result_code == "00" {
        t.host_total = Some(r.num("host total", 29, 16)? as u64);
    } else if closed {
        t.reason = r.text(13, 19);
        t.action_code = r.string(32, 3);
    }
    Ok(t)
}

fn encode_totals(t: &SessionTotals) -> Result<Vec<u8>, MessageError> {
    let mut w = header(&t.tid, if t.closed { b'C' } else { b'T' }, if t.closed { 44 } else { 34 })?;
    w.raw(11, fit(&t.result_code, 2, b'0').as_bytes());
    if t.closed && t.result_code != "00" {
        w.left(13, 19, &t.reason).raw(32, fit(&t.action_code, 3, b'0').as_bytes());
    } else {
        w.num("terminal total", 13, 16, t.terminal_total)?;
        if t.closed {
            w.num("host total", 29, 16, t.host_total.unwrap_or(0))?;
        }
    }
    Ok(w.finish())
}

/// Cuts a receipt (control bytes included, ending in `RECEIPT_END`) into `S` messages.
pub fn receipt_messages(tid: &str, receipt: &[u8]) -> Result<Vec<Vec<u8>>, MessageError> {
    receipt
        .chunks(RECEIPT_PART_LEN)
        .map(|chunk| Reply::Receipt(ReceiptPart { tid: tid.to_string(), text: chunk.to_vec() }).encode())
        .collect()
}

/// Renders joined `S` texts as plain lines: `}` breaks the line, DEL and the other format
/// bytes are commands (not printed), lines wrap at 24 (12 double-width, 42 compressed).
pub fn render_receipt(raw: &[u8]) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut width = 24;
    for &b in raw {
        match b {
            0x1B => break,
            0x7D => {
                lines.push(std::mem::take(&mut line));
                width = 24;
            }
            0x7F | 0x7E => {}
            0x7B | 0x7C => width = 12,
            0x5E => width = 42,
            b if (0x20..0x7F).contains(&b) => {
                if line.len() == width {
                    lines.push(std::mem::take(&mut line));
                }
                line.push(b as char);
            }
            _ => {}
        }
    }
    lines.push(line);
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines.iter().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n")
}
