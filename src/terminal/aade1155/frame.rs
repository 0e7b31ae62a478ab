//! AADE 1155 framing: a big-endian u16 size (bytes that follow), a 7-byte ASCII header
//! (direction, variant, version), the body; and a splitter for split and glued TCP reads.

use serde::Serialize;

/// Direction (3) + variant (2) + version (2).
pub const HEADER_LEN: usize = 7;
/// Variant `01`: the terminal prints its own receipt.
pub const VARIANT_POS_PRINTS: &str = "01";
/// Variant `02`: the register prints; an approved RESULT carries `/P` print data.
pub const VARIANT_ECR_PRINTS: &str = "02";
/// Version `01`: Mellon's basic protocol.
pub const VERSION_BASE: &str = "01";
/// Version `10`: the A.1155 extension (recovery, preload, MAC).
pub const VERSION_A1155: &str = "10";
/// The register's direction tag; terminals send `MEL` (Mellon) or `POS`.
pub const FROM_ECR: &str = "ECR";

/// A malformed frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    #[error("frame size {0} is shorter than the 7-byte header")]
    TooShort(usize),
    #[error("frame of {0} bytes does not fit the 2-byte size")]
    TooLong(usize),
    #[error("the size says {want} bytes follow but {got} do")]
    SizeMismatch { want: usize, got: usize },
    #[error("bad header {0:?} (want 3 letters, 2 digits, 2 digits)")]
    BadHeader(String),
}

/// One message on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Frame {
    /// `ECR`, `MEL` or `POS` (any 3 letters are accepted).
    pub direction: String,
    pub variant: String,
    pub version: String,
    /// The body bytes: ASCII, except print data inside `/P` (ISO-8859-7 for Greek).
    #[serde(skip)]
    pub body: Vec<u8>,
}

impl Frame {
    pub fn new(direction: &str, variant: &str, version: &str, body: impl Into<Vec<u8>>) -> Self {
        Frame {
            direction: direction.to_string(),
            variant: variant.to_string(),
            version: version.to_string(),
            body: body.into(),
        }
    }

    pub fn is_from_ecr(&self) -> bool {
        self.direction.eq_ignore_ascii_case(FROM_ECR)
    }

    /// The message type letter (first body byte).
    pub fn kind(&self) -> Option<char> {
        self.body.first().map(|b| *b as char)
    }

    /// Size, header and body, ready to write.
    pub fn encode(&self) -> Result<Vec<u8>, FrameError> {
        let header = format!("{}{}{}", self.direction, self.variant, self.version);
        check_header(header.as_bytes())?;
        let size = HEADER_LEN + self.body.len();
        let size16 = u16::try_from(size).map_err(|_| FrameError::TooLong(size))?;
        let mut out = Vec::with_capacity(2 + size);
        out.extend_from_slice(&size16.to_be_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&self.body);
        Ok(out)
    }

    /// Exactly one whole frame, size bytes included.
    pub fn decode(bytes: &[u8]) -> Result<Frame, FrameError> {
        let Some((size, rest)) = bytes.split_first_chunk::<2>() else {
            return Err(FrameError::TooShort(bytes.len()));
        };
        let want = usize::from(u16::from_be_bytes(*size));
        if want != rest.len() {
            return Err(FrameError::SizeMismatch { want, got: rest.len() });
        }
        Frame::from_payload(rest)
    }

    /// Header and body without the size (as WebECR carries it, or a log line).
    pub fn from_payload(payload: &[u8]) -> Result<Frame, FrameError> {
        if payload.len() < HEADER_LEN {
            return Err(FrameError::TooShort(payload.len()));
        }
        let (header, body) = payload.split_at(HEADER_LEN);
        check_header(header)?;
        let text = |r: std::ops::Range<usize>| String::from_utf8_lossy(&header[r]).into_owned();
        Ok(Frame { direction: text(0..3), variant: text(3..5), version: text(5..7), body: body.to_vec() })
    }
}

fn check_header(h: &[u8]) -> Result<(), FrameError> {
    let ok = h.len() == HEADER_LEN
        && h[..3].iter().all(u8::is_ascii_alphabetic)
        && h[3..].iter().all(u8::is_ascii_digit);
    if ok { Ok(()) } else { Err(FrameError::BadHeader(String::from_utf8_lossy(h).into_owned())) }
}

/// Cuts a TCP byte stream into frames: keeps partial frames, yields glued ones one by one.
#[derive(Debug, Default)]
pub struct Splitter {
    buf: Vec<u8>,
    /// Where the unread bytes start: frames are taken by moving this, and the buffer is
    /// compacted once per `push` (draining per frame made a flood of tiny frames quadratic).
    start: usize,
}

impl Splitter {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.drain(..self.start);
        self.start = 0;
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes received but not yet part of a whole frame (at most one frame: 2 + 65535).
    pub fn pending(&self) -> usize {
        self.buf.len() - self.start
    }

    /// The next whole frame. A frame that cannot be AADE — a size under the 7-byte header, or
    /// header bytes off the `[A-Z]{3}\d{4}` shape — is reported as soon as the bytes that show
    /// it are in, not after waiting for the length its first two bytes claim (an HTTP reply
    /// claims 18,516). Already whole, it is consumed by its size and the next one follows;
    /// still partial, everything held is dropped (the stream cannot be resynchronised).
    pub fn next_frame(&mut self) -> Option<Result<Frame, FrameError>> {
        let unread = &self.buf[self.start..];
        let size: [u8; 2] = unread.get(..2)?.try_into().ok()?;
        let total = 2 + usize::from(u16::from_be_bytes(size));
        let head = &unread[2..unread.len().min(2 + HEADER_LEN)];
        let bad = if total - 2 < HEADER_LEN {
            Some(FrameError::TooShort(total - 2))
        } else if !header_prefix_ok(head) {
            Some(FrameError::BadHeader(String::from_utf8_lossy(head).into_owned()))
        } else {
            None
        };
        if let Some(e) = bad {
            self.start = if unread.len() >= total { self.start + total } else { self.buf.len() };
            return Some(Err(e));
        }
        let frame = unread.get(2..total)?;
        let decoded = Frame::from_payload(frame);
        self.start += total;
        Some(decoded)
    }
}

/// True while the header bytes received so far can still become `[A-Za-z]{3}[0-9]{4}`.
fn header_prefix_ok(head: &[u8]) -> bool {
    head.iter().enumerate().all(|(i, b)| if i < 3 { b.is_ascii_alphabetic() } else { b.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SALE: &str = "ECR0101A/S000677/F2500:978:2/D20211122123652/R8/H121/T000677/G:0:0:0:0/M123456789";

    fn wire(payload: &str) -> Vec<u8> {
        let mut v = (payload.len() as u16).to_be_bytes().to_vec();
        v.extend_from_slice(payload.as_bytes());
        v
    }

    #[test]
    fn the_documented_sale_frame() {
        let bytes = wire(SALE);
        assert_eq!(&bytes[..11], &[0x00, 0x51, 0x45, 0x43, 0x52, 0x30, 0x31, 0x30, 0x31, 0x41, 0x2F]);
        let f = Frame::decode(&bytes).unwrap();
        assert_eq!((f.direction.as_str(), f.variant.as_str(), f.version.as_str()), ("ECR", "01", "01"));
        assert_eq!(f.kind(), Some('A'));
        assert!(f.is_from_ecr());
        assert_eq!(f.encode().unwrap(), bytes);
    }

    #[test]
    fn malformed_frames() {
        assert_eq!(Frame::decode(&[0x00]), Err(FrameError::TooShort(1)));
        assert!(matches!(Frame::decode(&wire("ECR01")), Err(FrameError::TooShort(5))));
        assert!(matches!(Frame::decode(&wire("EC10101A/x")), Err(FrameError::BadHeader(_))));
        let mut short = wire(SALE);
        short.pop();
        assert!(matches!(Frame::decode(&short), Err(FrameError::SizeMismatch { want: 81, got: 80 })));
        assert!(Frame::new("ECR", "01", "01", vec![b'X'; 70_000]).encode().is_err());
    }

    #[test]
    fn split_and_glued_streams() {
        let a = wire("MEL0101A/S000677/F2500");
        let b = wire("MEL0101R/S000677/C33");
        let mut all = a.clone();
        all.extend_from_slice(&b);
        // Glued: both in one read.
        let mut s = Splitter::default();
        s.push(&all);
        assert_eq!(s.next_frame().unwrap().unwrap().kind(), Some('A'));
        assert_eq!(s.next_frame().unwrap().unwrap().kind(), Some('R'));
        assert!(s.next_frame().is_none());
        // Split: one byte at a time, across the frame boundary too.
        let mut s = Splitter::default();
        let mut got = Vec::new();
        for byte in &all {
            s.push(std::slice::from_ref(byte));
            while let Some(f) = s.next_frame() {
                got.push(f.unwrap());
            }
        }
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].encode().unwrap(), b);
        assert_eq!(s.pending(), 0);
        // A bad header is reported and skipped; the next frame still comes.
        let mut s = Splitter::default();
        s.push(&wire("1230101X/x"));
        s.push(&a);
        assert!(s.next_frame().unwrap().is_err());
        assert!(s.next_frame().unwrap().is_ok());
    }

    #[test]
    fn a_header_that_cannot_be_aade_is_reported_at_once() {
        // An HTTP reply read as a frame claims 0x4854 = 18,516 bytes; 3 bytes tell it is not AADE.
        let mut s = Splitter::default();
        s.push(b"HTTP/1.1 ");
        assert!(matches!(s.next_frame(), Some(Err(FrameError::BadHeader(_)))));
        assert_eq!(s.pending(), 0, "nothing held for the claimed length");
        // A header still on its way waits; one byte off the shape ends it.
        let mut s = Splitter::default();
        s.push(&[0x00, 0x51, b'E', b'C']);
        assert!(s.next_frame().is_none());
        s.push(b"R0");
        assert!(s.next_frame().is_none());
        s.push(b"x");
        assert!(matches!(s.next_frame(), Some(Err(FrameError::BadHeader(h))) if h == "ECR0x"));
        // A size under the header is reported from the two size bytes alone.
        let mut s = Splitter::default();
        s.push(&[0x00, 0x03, b'E']);
        assert!(matches!(s.next_frame(), Some(Err(FrameError::TooShort(3)))));
    }
}
