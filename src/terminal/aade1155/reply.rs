//! Typed terminal messages: echo reply, CONFIRMED, RESULT and `E/<code>` errors, read by
//! field letter from a terminal frame's body.

use serde::Serialize;

use super::body::{Body, BodyError};
use super::message::TxnLetter;
use super::result::PosResult;

/// Everything a terminal sends.
// Replies are read once per message; boxing the result would only burden every match.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// `X/<text>/T<tid>:<app-version>` (`INIT:<ecr-id>` as the text after an init echo).
    EchoReply {
        text: String,
        tid: String,
        app_version: String,
    },
    /// `<letter>/S<session>/F<amount>[/R<ecr>/T<receipt>]`.
    Confirmed {
        letter: char,
        session: String,
        amount: String,
        ecr: Option<String>,
        receipt: Option<String>,
    },
    Result(PosResult),
    /// `E/<code>`; `000` is OK.
    Error {
        code: String,
    },
}

impl Reply {
    pub fn parse(bytes: &[u8]) -> Result<Reply, BodyError> {
        let b = Body::parse(bytes)?;
        match b.kind {
            'X' => {
                let text = b.fields.first().cloned().unwrap_or_default();
                let t = b.find_from(1, 'T').ok_or(BodyError::Missing('T'))?;
                let (tid, ver) = t.split_once(':').unwrap_or((t, ""));
                Ok(Reply::EchoReply { text, tid: tid.into(), app_version: ver.into() })
            }
            'R' => Ok(Reply::Result(PosResult::from_body(&b)?)),
            'E' => Ok(Reply::Error { code: b.fields.first().cloned().ok_or(BodyError::Missing('E'))? }),
            k if TxnLetter::from_letter(k).is_some() => Ok(Reply::Confirmed {
                letter: k,
                session: b.get('S')?.to_string(),
                amount: b.get('F')?.to_string(),
                ecr: b.opt('R'),
                receipt: b.opt('T'),
            }),
            k => Err(BodyError::Unknown(k)),
        }
    }

    pub fn body(&self) -> Body {
        match self {
            Reply::EchoReply { text, tid, app_version } => {
                let mut b = Body::new('X');
                b.push_raw(text).push('T', &format!("{tid}:{app_version}"));
                b
            }
            Reply::Confirmed { letter, session, amount, ecr, receipt } => {
                let mut b = Body::new(*letter);
                b.push('S', session).push('F', amount);
                for (l, v) in [('R', ecr), ('T', receipt)] {
                    if let Some(v) = v {
                        b.push(l, v);
                    }
                }
                b
            }
            Reply::Result(r) => r.body(),
            Reply::Error { code } => {
                let mut b = Body::new('E');
                b.push_raw(code);
                b
            }
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        self.body().encode()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Reply {
        let r = Reply::parse(text.as_bytes()).unwrap();
        assert_eq!(String::from_utf8_lossy(&r.encode()), text);
        r
    }

    #[test]
    fn mellon_replies() {
        let c = round_trip("A/S000677/F2500");
        assert_eq!(
            c,
            Reply::Confirmed {
                letter: 'A',
                session: "000677".into(),
                amount: "2500".into(),
                ecr: None,
                receipt: None
            }
        );
        let e = round_trip("X/Hello from ECR/T64999999:1.5.22.2");
        assert_eq!(
            e,
            Reply::EchoReply {
                text: "Hello from ECR".into(),
                tid: "64999999".into(),
                app_version: "1.5.22.2".into()
            }
        );
        assert_eq!(round_trip("E/999"), Reply::Error { code: "999".into() });
        assert!(matches!(round_trip("R/S000677/C33"), Reply::Result(r) if r.code == "33"));
    }

    #[test]
    fn version_10_replies() {
        let c = round_trip("A/S001008/F2500/RABC00111222/T1020");
        assert!(matches!(c, Reply::Confirmed { ecr: Some(ref e), .. } if e == "ABC00111222"));
        let init = round_trip("X/INIT:CFB77000028/T80011693:1.0");
        assert!(matches!(init, Reply::EchoReply { ref text, .. } if text == "INIT:CFB77000028"));
        assert!(Reply::parse(b"K/x").is_err());
    }
}
