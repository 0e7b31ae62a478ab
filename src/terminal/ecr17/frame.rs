//! ECR17 link framing: STX…ETX+LRC application frames, ACK/NAK, SOH…EOT progress frames,
//! and a streaming splitter that survives split reads, glued frames and line noise.

use serde::{Deserialize, Serialize};

pub const SOH: u8 = 0x01;
pub const STX: u8 = 0x02;
pub const ETX: u8 = 0x03;
pub const EOT: u8 = 0x04;
pub const ACK: u8 = 0x06;
pub const NAK: u8 = 0x15;
/// The bytes that can open a frame.
pub const START_BYTES: [u8; 4] = [SOH, STX, ACK, NAK];
/// Bytes that never occur inside a message body or progress text.
pub const FRAMING_BYTES: [u8; 6] = [SOH, STX, ETX, EOT, ACK, NAK];
pub const PROGRESS_TEXT_LEN: usize = 20;
/// Longer than any ECR17 message (a VAS `K` is at most 1050 bytes); beyond it we resync.
pub const MAX_MESSAGE_LEN: usize = 4096;
const LRC_SEED: u8 = 0x7F;

/// Which bytes the LRC covers after the 0x7F seed (names by content, not by any library's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LrcRule {
    /// STX + message + ETX: what the real SmartPOS capture shows.
    #[default]
    StxEtx,
    /// Message + ETX (STX excluded): what some traditional terminals may use.
    EtxOnly,
    /// Message only.
    MessageOnly,
    /// STX + message (ETX excluded).
    StxOnly,
}

impl LrcRule {
    pub const ALL: [LrcRule; 4] = [LrcRule::StxEtx, LrcRule::EtxOnly, LrcRule::MessageOnly, LrcRule::StxOnly];

    pub fn code(self) -> &'static str {
        match self {
            LrcRule::StxEtx => "stx-etx",
            LrcRule::EtxOnly => "etx-only",
            LrcRule::MessageOnly => "message-only",
            LrcRule::StxOnly => "stx-only",
        }
    }

    /// The LRC of `message` (the bytes between STX and ETX) under this rule.
    pub fn compute(self, message: &[u8]) -> u8 {
        let body = message.iter().fold(LRC_SEED, |acc, b| acc ^ b);
        match self {
            LrcRule::StxEtx => body ^ STX ^ ETX,
            LrcRule::EtxOnly => body ^ ETX,
            LrcRule::MessageOnly => body,
            LrcRule::StxOnly => body ^ STX,
        }
    }
}

/// The rules accepted on receipt unless configured otherwise: the two the notes allow.
pub const TOLERANT: [LrcRule; 2] = [LrcRule::StxEtx, LrcRule::EtxOnly];

/// Whether an application frame's LRC checked, and under which rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LrcCheck {
    Valid(LrcRule),
    Invalid { got: u8, expected: u8 },
}

/// One frame taken off the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Ack,
    Nak,
    /// The 20 characters of a SOH…EOT frame, as sent.
    Progress(String),
    /// An application message (without STX/ETX/LRC); answer ACK if the LRC is valid, else NAK.
    Message {
        body: Vec<u8>,
        lrc: LrcCheck,
    },
}

/// `STX message ETX LRC`.
pub fn encode_message(message: &[u8], rule: LrcRule) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 3);
    out.push(STX);
    out.extend_from_slice(message);
    out.push(ETX);
    out.push(rule.compute(message));
    out
}

/// `ctrl ETX LRC` with LRC = 0x7F ^ ctrl ^ ETX, whatever the application-frame rule.
pub fn encode_control(ctrl: u8) -> [u8; 3] {
    [ctrl, ETX, LRC_SEED ^ ctrl ^ ETX]
}

pub const ACK_FRAME: [u8; 3] = [ACK, ETX, LRC_SEED ^ ACK ^ ETX];
pub const NAK_FRAME: [u8; 3] = [NAK, ETX, LRC_SEED ^ NAK ^ ETX];

/// `SOH text EOT`, the text cut or space-padded to 20 ASCII characters.
pub fn encode_progress(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(PROGRESS_TEXT_LEN + 2);
    out.push(SOH);
    let mut bytes: Vec<u8> =
        text.bytes().map(|b| if b.is_ascii_graphic() { b } else { b' ' }).take(PROGRESS_TEXT_LEN).collect();
    bytes.resize(PROGRESS_TEXT_LEN, b' ');
    out.extend_from_slice(&bytes);
    out.push(EOT);
    out
}

/// Accepts a control frame's LRC under any rule, since some ECR17 engines compute it wrongly.
fn control_lrc_ok(ctrl: u8, lrc: u8) -> bool {
    LrcRule::ALL.iter().any(|r| r.compute(&[ctrl]) == lrc)
}

/// The streaming splitter: push bytes as they arrive, pull whole frames out.
#[derive(Debug, Clone)]
pub struct FrameReader {
    buf: Vec<u8>,
    /// Where the unread bytes start: bytes are consumed by moving this, and the buffer is
    /// compacted once per `push` (draining byte by byte made a flood of start bytes quadratic).
    start: usize,
    /// How far past `start` a message head was already searched for its end without finding
    /// one: a message arriving a byte at a time is not scanned again from its start each time.
    searched: usize,
    accept: Vec<LrcRule>,
    discarded: usize,
}

impl Default for FrameReader {
    fn default() -> Self {
        FrameReader::new(&TOLERANT)
    }
}

/// What the splitter can say about the bytes at the head of its buffer.
enum Head {
    NeedMore,
    /// A message head with no framing byte after it up to the end of the buffer.
    Unfinished(usize),
    Skip,
    Take(Frame, usize),
}

impl FrameReader {
    /// A reader accepting application frames whose LRC matches one of `accept`.
    pub fn new(accept: &[LrcRule]) -> Self {
        FrameReader { buf: Vec::new(), start: 0, searched: 0, accept: accept.to_vec(), discarded: 0 }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.drain(..self.start);
        self.start = 0;
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes thrown away as noise so far.
    pub fn discarded(&self) -> usize {
        self.discarded
    }

    /// Bytes held waiting for the rest of a frame.
    pub fn pending(&self) -> usize {
        self.buf.len() - self.start
    }

    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            let unread = &self.buf[self.start..];
            let start = match unread.iter().position(|b| START_BYTES.contains(b)) {
                Some(i) => i,
                None => {
                    self.discarded += unread.len();
                    self.buf.clear();
                    self.start = 0;
                    self.searched = 0;
                    return None;
                }
            };
            self.discarded += start;
            if start > 0 {
                self.start += start;
                self.searched = 0;
            }
            match self.head() {
                Head::NeedMore => return None,
                Head::Unfinished(searched) => {
                    self.searched = searched;
                    return None;
                }
                Head::Skip => {
                    self.discarded += 1;
                    self.start += 1;
                    self.searched = 0;
                }
                Head::Take(frame, len) => {
                    self.start += len;
                    self.searched = 0;
                    return Some(frame);
                }
            }
        }
    }

    fn head(&self) -> Head {
        let b = &self.buf[self.start..];
        match b[0] {
            ACK | NAK => match (b.get(1), b.get(2)) {
                (None, _) | (Some(&ETX), None) => Head::NeedMore,
                (Some(&ETX), Some(&lrc)) if control_lrc_ok(b[0], lrc) => {
                    Head::Take(if b[0] == ACK { Frame::Ack } else { Frame::Nak }, 3)
                }
                _ => Head::Skip,
            },
            SOH => self.progress_head(),
            _ => self.message_head(),
        }
    }

    fn progress_head(&self) -> Head {
        let b = &self.buf[self.start..];
        let text_end = (PROGRESS_TEXT_LEN + 1).min(b.len());
        if b[1..text_end].iter().any(|x| FRAMING_BYTES.contains(x)) {
            return Head::Skip;
        }
        match b.get(PROGRESS_TEXT_LEN + 1) {
            None => Head::NeedMore,
            Some(&EOT) => {
                let text = String::from_utf8_lossy(&b[1..=PROGRESS_TEXT_LEN]).into_owned();
                Head::Take(Frame::Progress(text), PROGRESS_TEXT_LEN + 2)
            }
            Some(_) => Head::Skip,
        }
    }

    fn message_head(&self) -> Head {
        let b = &self.buf[self.start..];
        let from = self.searched.max(1);
        let Some(etx) = b[from..].iter().position(|x| FRAMING_BYTES.contains(x)).map(|i| i + from) else {
            return if b.len() > MAX_MESSAGE_LEN + 1 { Head::Skip } else { Head::Unfinished(b.len()) };
        };
        if b[etx] != ETX || etx > MAX_MESSAGE_LEN + 1 {
            return Head::Skip;
        }
        let Some(&lrc) = b.get(etx + 1) else {
            return Head::NeedMore;
        };
        let body = &b[1..etx];
        let check = match self.accept.iter().find(|r| r.compute(body) == lrc) {
            Some(rule) => LrcCheck::Valid(*rule),
            // A framing byte in the LRC slot is more likely the next frame than a bad LRC.
            None if FRAMING_BYTES.contains(&lrc) => return Head::Skip,
            None => LrcCheck::Invalid {
                got: lrc,
                expected: self.accept.first().copied().unwrap_or_default().compute(body),
            },
        };
        Head::Take(Frame::Message { body: body.to_vec(), lrc: check }, etx + 2)
    }
}

/// Splits a whole capture into frames; also returns how many bytes were noise.
pub fn split_all(bytes: &[u8], accept: &[LrcRule]) -> (Vec<Frame>, usize) {
    let mut reader = FrameReader::new(accept);
    reader.push(bytes);
    let mut frames = Vec::new();
    while let Some(f) = reader.next_frame() {
        frames.push(f);
    }
    (frames, reader.discarded() + reader.pending())
}

#[cfg(test)]
mod tests;
