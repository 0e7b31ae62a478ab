//! ECR17 results of card operations (terminal → ECR): `E`/`V` (payment, verification,
//! reversal, extended, DCC), `e` (pre-auth), `i` (incremental), `c`/`v` (closure).

use serde::Serialize;

use super::field::{MessageError, Reader, Writer, bad, header};

/// Which published layout a card result has; for `E` the length tells which request it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// `E`, 71 bytes: answer to `P` or `H`.
    Payment,
    /// `E`, 84 bytes: answer to the reversal `S`.
    Reversal,
    /// `E`, 92 bytes: answer to `X`, with the host-processed amount.
    Extended,
    /// `V`, 117 bytes: answer to `P` with DCC data.
    Dcc,
    /// `e`, 106 bytes: answer to `p`.
    PreAuth,
    /// `i`, 75 bytes: answer to `i`.
    Incremental,
    /// `c`, 74 bytes: answer to `c`.
    Closure,
    /// `v`, 109 bytes: answer to `c` with DCC data.
    ClosureDcc,
}

impl Layout {
    pub fn code(self) -> u8 {
        match self {
            Layout::Payment | Layout::Reversal | Layout::Extended => b'E',
            Layout::Dcc => b'V',
            Layout::PreAuth => b'e',
            Layout::Incremental => b'i',
            Layout::Closure => b'c',
            Layout::ClosureDcc => b'v',
        }
    }

    pub fn message_len(self) -> usize {
        match self {
            Layout::Payment => 71,
            Layout::Reversal => 84,
            Layout::Extended => 92,
            Layout::Dcc => 117,
            Layout::PreAuth => 106,
            Layout::Incremental => 75,
            Layout::Closure => 74,
            Layout::ClosureDcc => 109,
        }
    }

    /// The layout of a result whose request is not known (a `G` copy). Results may come
    /// shorter than the Nexi tables (public test payloads drop trailing fillers), so an `E`
    /// past 71 bytes is an `X` answer when it carries a host amount, else a reversal's.
    pub fn detect(code: char, msg: &[u8]) -> Option<Layout> {
        let layout = match code {
            'E' if msg.len() <= 71 => Layout::Payment,
            'E' => {
                let amount = msg.get(74..82).filter(|a| a.iter().all(u8::is_ascii_digit));
                if amount.is_some_and(|a| a.iter().any(|b| *b != b'0')) || msg.len() >= 92 {
                    Layout::Extended
                } else {
                    Layout::Reversal
                }
            }
            'V' => Layout::Dcc,
            'e' => Layout::PreAuth,
            'i' => Layout::Incremental,
            'c' => Layout::Closure,
            'v' => Layout::ClosureDcc,
            _ => return None,
        };
        Some(layout)
    }

    /// The layout of a result answering `request` (the live exchange knows what it asked).
    pub fn answering(code: char, msg: &[u8], request: u8) -> Option<Layout> {
        match (code, request) {
            ('E', b'P' | b'H') => Some(Layout::Payment),
            ('E', b'X') => Some(Layout::Extended),
            ('E', b'S') => Some(Layout::Reversal),
            _ => Layout::detect(code, msg),
        }
    }

    /// The bytes a result needs: its code and the key fields of its branch (approved: up to
    /// the host time; declined: the reason). Trailing fields may be missing and read empty.
    pub fn key_len(self, result_code: &str) -> usize {
        match (self, result_code) {
            // An undocumented branch: the code alone says what matters (nothing is proven).
            (_, code) if !matches!(code, "00" | "01" | "05") => 12,
            (Layout::PreAuth, "00") => 67,
            (Layout::Incremental, "00") => 70,
            (Layout::Incremental, _) => 12,
            (_, "00") => 47,
            _ => 36,
        }
    }

    /// Which request codes may have produced this layout.
    pub fn answers(self) -> &'static [u8] {
        match self {
            Layout::Payment => b"PH",
            Layout::Reversal => b"S",
            Layout::Extended => b"X",
            Layout::Dcc => b"P",
            Layout::PreAuth => b"p",
            Layout::Incremental => b"i",
            Layout::Closure | Layout::ClosureDcc => b"c",
        }
    }
}

/// The DCC block of `V` and `v` results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dcc {
    /// Only when true was the card charged in another currency; otherwise the rest is filler.
    pub applied: bool,
    /// Exchange rate with 4 implied decimals.
    pub rate: String,
    pub currency: String,
    pub foreign_amount: String,
    pub decimals: String,
}

/// A parsed card result. Fields absent from a layout or branch are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CardResult {
    pub tid: String,
    pub layout: Option<Layout>,
    /// `00` OK, `01` KO, `05` card not present, `09` unknown TAG from the host.
    pub result_code: String,
    /// As sent: right-aligned, zero-filled, already truncated by the terminal.
    pub pan: String,
    pub entry_mode: String,
    pub auth_code: String,
    /// Host date/time `DDDHHMM` (day of the year, 1-based).
    pub host_time: String,
    pub reason: String,
    /// `1` PagoBANCOMAT, `2` credit, `3` other.
    pub card_type: String,
    pub acquirer_id: String,
    pub stan: String,
    pub online_id: String,
    pub action_code: String,
    /// Cents: host-processed (`X`), original (`V`) or pre-authorised (`e`).
    pub amount: Option<u64>,
    pub preauth_code: String,
    pub dcc: Option<Dcc>,
}

impl CardResult {
    pub fn is_ok(&self) -> bool {
        self.result_code == "00"
    }

    /// A result read without knowing its request (a `G` copy, `frame decode`).
    pub fn parse(msg: &[u8]) -> Result<CardResult, MessageError> {
        Self::parse_with(msg, None)
    }

    /// A result answering `request`; tolerant of a short message as long as its code and the
    /// key fields of its branch are there (see `Layout::key_len`).
    pub fn parse_with(msg: &[u8], request: Option<u8>) -> Result<CardResult, MessageError> {
        let r = Reader::new(msg)?;
        r.need(12)?;
        let layout = match request {
            Some(req) => Layout::answering(r.code(), msg, req),
            None => Layout::detect(r.code(), msg),
        }
        .ok_or(MessageError::UnknownCode(r.code()))?;
        if !r.digits(11, 2) {
            return Err(bad("result code", r.string(11, 2)));
        }
        let mut out = CardResult {
            tid: r.tid(),
            layout: Some(layout),
            result_code: r.string(11, 2),
            ..CardResult::default()
        };
        r.need(layout.key_len(&out.result_code))?;
        match layout {
            Layout::PreAuth => out.read_preauth(r),
            Layout::Incremental => out.read_incremental(r),
            _ => out.read_common(r, layout),
        }
        Ok(out)
    }

    fn read_common(&mut self, r: Reader<'_>, layout: Layout) {
        if self.is_ok() {
            self.pan = r.string(13, 19);
            self.entry_mode = r.text(32, 3);
            self.auth_code = r.string(35, 6);
            self.host_time = r.string(41, 7);
        } else {
            self.reason = r.text(13, 24);
            // Only the verification `H` puts an action code here; elsewhere it is zeros.
            if !matches!(r.str(37, 3), "000" | "") {
                self.action_code = r.string(37, 3);
            }
        }
        self.card_type = r.string(48, 1);
        self.acquirer_id = r.text(49, 11);
        self.stan = r.string(60, 6);
        self.online_id = r.string(66, 6);
        if layout != Layout::Payment {
            self.action_code = r.string(72, 3);
        }
        match layout {
            Layout::Extended => self.amount = r.opt_num(75, 8),
            Layout::Dcc => {
                self.amount = r.opt_num(75, 8);
                self.dcc = read_dcc(r, 83);
            }
            Layout::ClosureDcc => self.dcc = read_dcc(r, 75),
            _ => {}
        }
    }

    fn read_preauth(&mut self, r: Reader<'_>) {
        if self.is_ok() {
            self.pan = r.string(13, 19);
            self.entry_mode = r.text(32, 3);
            self.auth_code = r.string(35, 6);
            self.amount = r.opt_num(41, 8);
            self.preauth_code = r.string(49, 9);
            self.action_code = r.string(58, 3);
            self.host_time = r.string(61, 7);
        } else {
            self.reason = r.text(13, 24);
            self.action_code = r.string(37, 3);
        }
        // The spec says pos 48, but only pos 71 is free in both branches (see the notes §5.3).
        self.card_type = r.string(71, 1);
        self.acquirer_id = r.text(72, 11);
        self.stan = r.string(83, 6);
        self.online_id = r.string(89, 6);
    }

    fn read_incremental(&mut self, r: Reader<'_>) {
        self.pan = r.string(13, 19);
        self.entry_mode = r.text(32, 3);
        self.acquirer_id = r.text(35, 11);
        self.auth_code = r.string(46, 6);
        self.stan = r.string(52, 6);
        self.online_id = r.string(58, 6);
        self.host_time = r.string(64, 7);
        self.action_code = r.string(71, 3);
    }

    /// The message bytes for this result (the simulator's side).
    pub fn encode(&self) -> Result<Vec<u8>, MessageError> {
        let layout = self.layout.unwrap_or(Layout::Payment);
        let mut w = header(&self.tid, layout.code(), layout.message_len())?;
        w.raw(11, fit(&self.result_code, 2, b'0').as_bytes());
        match layout {
            Layout::PreAuth => self.write_preauth(&mut w)?,
            Layout::Incremental => self.write_incremental(&mut w),
            _ => self.write_common(&mut w, layout)?,
        }
        Ok(w.finish())
    }

    fn write_common(&self, w: &mut Writer, layout: Layout) -> Result<(), MessageError> {
        if self.is_ok() {
            w.raw(13, pan(&self.pan).as_bytes()).left(32, 3, &self.entry_mode);
            w.raw(35, fit(&self.auth_code, 6, b'0').as_bytes())
                .raw(41, fit(&self.host_time, 7, b'0').as_bytes());
        } else {
            w.left(13, 24, &self.reason);
            if layout == Layout::Payment && !self.action_code.is_empty() {
                w.raw(37, fit(&self.action_code, 3, b'0').as_bytes());
            }
        }
        w.raw(48, fit(&self.card_type, 1, b'3').as_bytes()).left(49, 11, &self.acquirer_id);
        w.raw(60, fit(&self.stan, 6, b'0').as_bytes()).raw(66, fit(&self.online_id, 6, b'0').as_bytes());
        if layout != Layout::Payment {
            w.raw(72, fit(&self.action_code, 3, b'0').as_bytes());
        }
        let amount = self.amount.unwrap_or(0);
        match layout {
            Layout::Extended => {
                w.num("host amount", 75, 8, amount)?;
            }
            Layout::Dcc => {
                w.num("original amount", 75, 8, amount)?;
                write_dcc(w, 83, self.dcc.as_ref());
            }
            Layout::ClosureDcc => write_dcc(w, 75, self.dcc.as_ref()),
            _ => {}
        }
        Ok(())
    }

    fn write_preauth(&self, w: &mut Writer) -> Result<(), MessageError> {
        if self.is_ok() {
            w.raw(13, pan(&self.pan).as_bytes()).left(32, 3, &self.entry_mode);
            w.raw(35, fit(&self.auth_code, 6, b'0').as_bytes());
            w.num("pre-authorised amount", 41, 8, self.amount.unwrap_or(0))?;
            w.raw(49, fit(&self.preauth_code, 9, b'0').as_bytes());
            w.raw(58, fit(&self.action_code, 3, b'0').as_bytes())
                .raw(61, fit(&self.host_time, 7, b'0').as_bytes());
        } else {
            w.left(13, 24, &self.reason).raw(37, fit(&self.action_code, 3, b'0').as_bytes());
        }
        w.raw(71, fit(&self.card_type, 1, b'3').as_bytes()).left(72, 11, &self.acquirer_id);
        w.raw(83, fit(&self.stan, 6, b'0').as_bytes()).raw(89, fit(&self.online_id, 6, b'0').as_bytes());
        Ok(())
    }

    fn write_incremental(&self, w: &mut Writer) {
        w.raw(13, pan(&self.pan).as_bytes()).left(32, 3, &self.entry_mode).left(35, 11, &self.acquirer_id);
        w.raw(46, fit(&self.auth_code, 6, b'0').as_bytes()).raw(52, fit(&self.stan, 6, b'0').as_bytes());
        w.raw(58, fit(&self.online_id, 6, b'0').as_bytes()).raw(64, fit(&self.host_time, 7, b'0').as_bytes());
        w.raw(71, fit(&self.action_code, 3, b'0').as_bytes());
    }
}

/// The DCC block from its flag at `at`; `None` when the message ends before the flag.
fn read_dcc(r: Reader<'_>, at: usize) -> Option<Dcc> {
    if !r.has(at, 1) {
        return None;
    }
    Some(Dcc {
        applied: r.byte(at) == b'1',
        rate: r.string(at + 1, 8),
        currency: r.text(at + 9, 3),
        foreign_amount: r.string(at + 12, 12),
        decimals: r.string(at + 24, 1),
    })
}

fn write_dcc(w: &mut Writer, at: usize, dcc: Option<&Dcc>) {
    let d = dcc.cloned().unwrap_or_default();
    w.byte(at, if d.applied { b'1' } else { b'0' }).raw(at + 1, fit(&d.rate, 8, b'0').as_bytes());
    w.left(at + 9, 3, &d.currency).raw(at + 12, fit(&d.foreign_amount, 12, b'0').as_bytes());
    w.raw(at + 24, fit(&d.decimals, 1, b'0').as_bytes());
}

/// `value` right-aligned in exactly `len` bytes, filled with `fill`, cut on the left.
pub(crate) fn fit(value: &str, len: usize, fill: u8) -> String {
    let v: String = super::field::ascii(value);
    let v = &v[v.len().saturating_sub(len)..];
    let mut out = String::with_capacity(len);
    out.extend(std::iter::repeat_n(fill as char, len - v.len()));
    out.push_str(v);
    out
}

fn pan(value: &str) -> String {
    fit(value, 19, b'0')
}

#[cfg(test)]
mod tests;
