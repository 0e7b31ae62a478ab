//! Every message a terminal sends the ECR (`s` status, card results, `C`/`T` totals, `S`
//! receipt parts, `U` host data), and the receipt text rendered from the `S` parts.

use serde::Serialize;

use super::field::{MessageError, Reader, bad, header};
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

/// One part of a VAS `K` response (BancomatPAY, Alipay, WeChat QR on traditional POS),
/// decoded for diagnostics: tameio sends no `K` request itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VasPart {
    pub tid: String,
    /// True when more parts follow (concatenation flag `1`).
    pub more: bool,
    /// `001` for the first part, counting up.
    pub part: String,
    /// The length field at pos 23 as sent (the doc's; public test payloads leave it `0000`).
    pub declared_length: String,
    /// The XML from pos 27: `declared_length` bytes when that fits, else all that came.
    pub xml: String,
    /// `RESPID` (`0` = OK), `RESPMSG`, `ECRVASID` and `ORDER_ID` items of an `<ecrres>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
}

impl VasPart {
    fn parse(r: Reader<'_>) -> Result<VasPart, MessageError> {
        r.need(26)?;
        let flag = r.byte(15);
        if !matches!(flag, b'0' | b'1') || !r.digits(16, 3) {
            return Err(bad("VAS part header", r.string(11, 8)));
        }
        let rest = r.rest(27);
        let declared = r.opt_num(23, 4).map(|n| n as usize).filter(|n| *n > 0 && *n <= rest.len());
        let xml = String::from_utf8_lossy(&rest[..declared.unwrap_or(rest.len())]).into_owned();
        Ok(VasPart {
            tid: r.tid(),
            more: flag == b'1',
            part: r.string(16, 3),
            declared_length: r.string(23, 4),
            response_id: xml_item(&xml, "RESPID"),
            response_message: xml_item(&xml, "RESPMSG"),
            service: xml_item(&xml, "ECRVASID"),
            order_id: xml_item(&xml, "ORDER_ID"),
            xml,
        })
    }
}

/// The text of `<p k="NAME">text</p>` in a VAS XML, trimmed; `None` when absent.
fn xml_item(xml: &str, name: &str) -> Option<String> {
    let open = format!("<p k=\"{name}\">");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find("</p>")? + start;
    Some(xml[start..end].trim().to_string())
}

/// Any message from the terminal.
// A handful per exchange: size does not matter, plain matching does.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "message", rename_all = "snake_case")]
pub enum Reply {
    Status(StatusReply),
    Card(CardResult),
    Totals(SessionTotals),
    Receipt(ReceiptPart),
    HostData(HostData),
    Vas(VasPart),
}

impl Reply {
    /// A terminal message read without knowing the request (`G` copies, `frame decode`).
    pub fn parse(msg: &[u8]) -> Result<Reply, MessageError> {
        Self::parse_with(msg, None)
    }

    /// A terminal message answering `request` (its code), which picks an `E` result's layout.
    pub fn parse_with(msg: &[u8], request: Option<u8>) -> Result<Reply, MessageError> {
        // A receipt is printed "as is" and never parsed: a byte past ASCII in its text (a
        // currency sign in some code page) must not cost the slip, only its header must be ASCII.
        if msg.len() >= 10 && msg[9] == b'S' && msg[..10].is_ascii() && !msg.is_ascii() {
            let tid = String::from_utf8_lossy(&msg[..8]).into_owned();
            return Ok(Reply::Receipt(ReceiptPart { tid, text: msg[10..].to_vec() }));
        }
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
            'E' | 'V' | 'e' | 'i' | 'c' | 'v' => Reply::Card(CardResult::parse_with(msg, request)?),
            c @ ('C' | 'T') => Reply::Totals(parse_totals(r, c == 'C')?),
            'S' => Reply::Receipt(ReceiptPart { tid: r.tid(), text: r.rest(11).to_vec() }),
            'U' => {
                r.need(19)?;
                let n = r.num("host data length", 17, 3)? as usize;
                r.need(19 + n)?;
                Reply::HostData(HostData { tid: r.tid(), data: r.string(20, n) })
            }
            'K' => Reply::Vas(VasPart::parse(r)?),
            other => return Err(MessageError::UnknownCode(other)),
        };
        Ok(reply)
    }

    pub fn encode(&self) -> Result<Vec<u8>, MessageError> {
        match self {
            Reply::Status(s) => {
                let mut w = header(&s.tid, b's', 31)?;
                w.raw(21, fit(&s.terminal_time, 10, b'0').as_bytes())
                    .raw(31, fit(&s.status, 1, b'0').as_bytes());
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
            Reply::Vas(k) => {
                let mut w = header(&k.tid, b'K', 26)?;
                w.byte(15, if k.more { b'1' } else { b'0' }).digits("VAS part", 16, 3, &k.part)?;
                w.num("VAS length", 23, 4, k.xml.len() as u64)?.raw(27, k.xml.as_bytes());
                Ok(w.finish())
            }
        }
    }
}

/// `C`/`T` with the key fields of their branch (totals when `00`, the reason otherwise);
/// the trailing action code and fillers may be missing (public payloads drop them).
fn parse_totals(r: Reader<'_>, closed: bool) -> Result<SessionTotals, MessageError> {
    r.need(12)?;
    if !r.digits(11, 2) {
        return Err(bad("result code", r.string(11, 2)));
    }
    let mut t = SessionTotals { tid: r.tid(), closed, result_code: r.string(11, 2), ..Default::default() };
    let ok = t.result_code == "00";
    if !closed || ok {
        r.need(28)?;
        t.terminal_total = r.num("terminal total", 13, 16)? as u64;
    }
    if closed && ok {
        r.need(44)?;
        t.host_total = Some(r.num("host total", 29, 16)? as u64);
    } else if closed {
        r.need(31)?;
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
