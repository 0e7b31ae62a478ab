//! The body grammar: a type letter, then `/`-separated fields that are found by their letter,
//! never by position; `/P` print data after the `D` field runs verbatim to the end.

use super::greek;

/// A body that is not even a type letter and fields.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("empty body")]
    Empty,
    #[error("type {0:?} is not a capital letter")]
    BadType(char),
    #[error("no '/' after the type letter")]
    NoSlash,
    #[error("field {0} missing")]
    Missing(char),
    #[error("field {0}: {1}")]
    Bad(char, String),
    #[error("unknown message type {0}")]
    Unknown(char),
}

/// A body split into fields, in the order received (so it re-encodes byte for byte).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Body {
    pub kind: char,
    /// Each field as sent, letter included (`S000677`); non-ASCII read as ISO-8859-7.
    pub fields: Vec<String>,
    /// The raw bytes after `/P`, when present.
    pub print: Option<Vec<u8>>,
}

impl Body {
    pub fn new(kind: char) -> Self {
        Body { kind, fields: Vec::new(), print: None }
    }

    pub fn parse(bytes: &[u8]) -> Result<Body, BodyError> {
        let (&first, rest) = bytes.split_first().ok_or(BodyError::Empty)?;
        let kind = first as char;
        if !kind.is_ascii_uppercase() {
            return Err(BodyError::BadType(kind));
        }
        let mut body = Body::new(kind);
        if rest.is_empty() {
            return Ok(body);
        }
        let mut rest = rest.strip_prefix(b"/").ok_or(BodyError::NoSlash)?;
        let mut seen_d = false;
        loop {
            if seen_d && rest.first() == Some(&b'P') {
                body.print = Some(rest[1..].to_vec());
                return Ok(body);
            }
            let end = rest.iter().position(|b| *b == b'/').unwrap_or(rest.len());
            let field = greek::decode(&rest[..end]);
            seen_d |= field.starts_with('D');
            body.fields.push(field);
            if end == rest.len() {
                return Ok(body);
            }
            rest = &rest[end + 1..];
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![self.kind as u8];
        for f in &self.fields {
            out.push(b'/');
            out.extend_from_slice(&greek::encode(f));
        }
        if let Some(p) = &self.print {
            out.extend_from_slice(b"/P");
            out.extend_from_slice(p);
        }
        out
    }

    /// Appends `letter` + value.
    pub fn push(&mut self, letter: char, value: &str) -> &mut Self {
        self.fields.push(format!("{letter}{value}"));
        self
    }

    /// Appends a field with no letter (the echo text).
    pub fn push_raw(&mut self, value: &str) -> &mut Self {
        self.fields.push(value.to_string());
        self
    }

    /// The value of the first field with this letter, from field `from` on.
    pub fn find_from(&self, from: usize, letter: char) -> Option<&str> {
        self.fields.iter().skip(from).find_map(|f| f.strip_prefix(letter))
    }

    pub fn find(&self, letter: char) -> Option<&str> {
        self.find_from(0, letter)
    }

    pub fn get(&self, letter: char) -> Result<&str, BodyError> {
        self.find(letter).ok_or(BodyError::Missing(letter))
    }

    pub fn opt(&self, letter: char) -> Option<String> {
        self.find(letter).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_by_letter_in_any_order() {
        let a =
            Body::parse(b"A/S000011/F100:978:2/RABC00111222/D20240412124019/M0/H0/T11/QD93EDE48").unwrap();
        let b = Body::parse(b"A/S001008/F2500:978:2/D20220524102517/RABC00111222/H121/T1020/M0/Q59D19E7D")
            .unwrap();
        assert_eq!((a.get('R').unwrap(), b.get('R').unwrap()), ("ABC00111222", "ABC00111222"));
        assert_eq!((a.get('D').unwrap(), b.get('T').unwrap()), ("20240412124019", "1020"));
        assert_eq!(a.find('G'), None);
        assert_eq!(a.get('G'), Err(BodyError::Missing('G')));
    }

    #[test]
    fn print_data_runs_to_the_end_after_d() {
        let mut raw = b"R/S000727/C00/DVisa:****:500:500:11:6499:91:1330:64:787031:20211126175004/P".to_vec();
        raw.extend_from_slice(&[0x1B, 0x01, 0x0A]);
        raw.extend_from_slice(b"26/11/2021 ");
        raw.extend_from_slice(&greek::encode("ΠΟΣΟ/AMT: 5,00"));
        let b = Body::parse(&raw).unwrap();
        assert_eq!(b.fields.len(), 3);
        assert_eq!(greek::decode(b.print.as_deref().unwrap()), "\u{1b}\u{1}\n26/11/2021 ΠΟΣΟ/AMT: 5,00");
        assert_eq!(b.encode(), raw);
        // Before any D field a P field is an ordinary field.
        let p = Body::parse(b"R/PX/S1").unwrap();
        assert_eq!(p.fields, ["PX", "S1"]);
    }

    #[test]
    fn bad_bodies() {
        assert_eq!(Body::parse(b""), Err(BodyError::Empty));
        assert_eq!(Body::parse(b"a/S1"), Err(BodyError::BadType('a')));
        assert_eq!(Body::parse(b"AS1"), Err(BodyError::NoSlash));
        assert_eq!(Body::parse(b"L").unwrap().fields.len(), 0);
    }
}
