//! Fixed-position fields of ECR17 messages, addressed 1-based exactly as the spec tables are,
//! so every layout in `message.rs`/`result.rs` can be checked against the notes line by line.

/// Why a message could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    #[error("message too short for {code:?}: {len} bytes, need {need}")]
    TooShort { code: char, len: usize, need: usize },
    #[error("unknown message code {0:?}")]
    UnknownCode(char),
    #[error("bad {name}: {value:?}")]
    BadField { name: &'static str, value: String },
    #[error("message is not ASCII")]
    NotAscii,
}

pub(crate) fn bad(name: &'static str, value: impl Into<String>) -> MessageError {
    MessageError::BadField { name, value: value.into() }
}

/// Builds a fixed-length message, every byte `'0'` until set (reserved fields are zeros).
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn new(len: usize) -> Self {
        Writer { buf: vec![b'0'; len] }
    }

    /// Copies `value` (already the right width) to 1-based `pos`.
    pub fn raw(&mut self, pos: usize, value: &[u8]) -> &mut Self {
        let at = pos - 1;
        if self.buf.len() < at + value.len() {
            self.buf.resize(at + value.len(), b'0');
        }
        self.buf[at..at + value.len()].copy_from_slice(value);
        self
    }

    /// A number, right-aligned and zero-filled; fails if it does not fit.
    pub fn num(
        &mut self,
        name: &'static str,
        pos: usize,
        len: usize,
        value: u64,
    ) -> Result<&mut Self, MessageError> {
        let text = format!("{value:0len$}");
        if text.len() > len {
            return Err(bad(name, text));
        }
        Ok(self.raw(pos, text.as_bytes()))
    }

    /// Digits given as text (ids, STAN), right-aligned and zero-filled.
    pub fn digits(
        &mut self,
        name: &'static str,
        pos: usize,
        len: usize,
        value: &str,
    ) -> Result<&mut Self, MessageError> {
        let v = value.trim();
        if v.len() > len || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(name, value));
        }
        Ok(self.raw(pos, format!("{v:0>len$}").as_bytes()))
    }

    /// Text, left-aligned and blank-filled, cut to `len`.
    pub fn left(&mut self, pos: usize, len: usize, value: &str) -> &mut Self {
        let mut t: Vec<u8> = ascii(value).into_bytes();
        t.truncate(len);
        t.resize(len, b' ');
        self.raw(pos, &t)
    }

    /// Text, right-aligned and blank-filled on the left; fails if longer than `len`.
    pub fn right(
        &mut self,
        name: &'static str,
        pos: usize,
        len: usize,
        value: &str,
    ) -> Result<&mut Self, MessageError> {
        let t = ascii(value);
        if t.len() > len {
            return Err(bad(name, value));
        }
        Ok(self.raw(pos, format!("{t:>len$}").as_bytes()))
    }

    /// A single byte.
    pub fn byte(&mut self, pos: usize, value: u8) -> &mut Self {
        self.raw(pos, &[value])
    }

    pub fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }
}

/// Printable ASCII only: anything else would be a control byte on a terminal's printer.
pub(crate) fn ascii(value: &str) -> String {
    value.chars().map(|c| if (' '..='~').contains(&c) { c } else { '?' }).collect()
}

/// Reads a message laid out by 1-based positions.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    msg: &'a [u8],
    code: char,
}

impl<'a> Reader<'a> {
    pub fn new(msg: &'a [u8]) -> Result<Self, MessageError> {
        if !msg.is_ascii() {
            return Err(MessageError::NotAscii);
        }
        let code = msg.get(9).map(|b| *b as char).unwrap_or('?');
        Ok(Reader { msg, code })
    }

    pub fn len(&self) -> usize {
        self.msg.len()
    }

    pub fn need(&self, need: usize) -> Result<(), MessageError> {
        if self.msg.len() < need {
            return Err(MessageError::TooShort { code: self.code, len: self.msg.len(), need });
        }
        Ok(())
    }

    /// The raw field text (the message is known to be ASCII); empty when the message ends
    /// before the field does (a cut field is no value, not a shorter one).
    pub fn str(&self, pos: usize, len: usize) -> &'a str {
        if !self.has(pos, len) {
            return "";
        }
        std::str::from_utf8(&self.msg[pos - 1..pos - 1 + len]).unwrap_or_default()
    }

    /// True when the whole field at 1-based `pos` is in the message.
    pub fn has(&self, pos: usize, len: usize) -> bool {
        pos >= 1 && self.msg.len() >= pos - 1 + len
    }

    /// A number when the field is present and all digits; `None` otherwise.
    pub fn opt_num(&self, pos: usize, len: usize) -> Option<u64> {
        let s = self.str(pos, len);
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    }

    /// True when every byte of the field is an ASCII digit (and the field is present).
    pub fn digits(&self, pos: usize, len: usize) -> bool {
        let s = self.str(pos, len);
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }

    pub fn string(&self, pos: usize, len: usize) -> String {
        self.str(pos, len).to_string()
    }

    /// Text with the blank filler removed.
    pub fn text(&self, pos: usize, len: usize) -> String {
        self.str(pos, len).trim().to_string()
    }

    pub fn num(&self, name: &'static str, pos: usize, len: usize) -> Result<i64, MessageError> {
        let s = self.str(pos, len);
        s.trim().parse().map_err(|_| bad(name, s))
    }

    pub fn byte(&self, pos: usize) -> u8 {
        self.msg.get(pos - 1).copied().unwrap_or(b'0')
    }

    /// The terminal id (pos 1, 8 chars).
    pub fn tid(&self) -> String {
        self.string(1, 8)
    }

    pub fn code(&self) -> char {
        self.code
    }

    pub fn rest(&self, pos: usize) -> &'a [u8] {
        &self.msg[(pos - 1).min(self.msg.len())..]
    }
}

/// The 10-byte header: terminal id, `'0'`, message code.
pub(crate) fn header(tid: &str, code: u8, len: usize) -> Result<Writer, MessageError> {
    let mut w = Writer::new(len);
    w.digits("terminal id", 1, 8, tid)?;
    w.byte(9, b'0').byte(10, code);
    Ok(w)
}

pub(crate) fn flag(b: bool) -> u8 {
    if b { b'1' } else { b'0' }
}
