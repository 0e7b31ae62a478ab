//! Typed AADE 1155 requests (register → terminal): echo, the amount family, resend one or all,
//! acknowledge, control. Built from a `Body` by field letter; encoded in the notes' order.

use serde::Serialize;

use super::body::{Body, BodyError};

/// The message types that carry an amount for the terminal to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TxnLetter {
    /// `A`.
    Sale,
    /// `H` (v1.00B).
    CashAdvance,
    /// `I` (v10): where the instalment count goes is not shown; probably `M` (inferred).
    Instalments,
    /// `Z`.
    Refund,
    /// `V`.
    Void,
    /// `P` (v10): pre-authorisation completion.
    Completion,
    /// `M` (v10): mail/telephone order.
    MailOrder,
    /// `W` (v10): preload a receipt to be paid later on the terminal.
    Preload,
}

impl TxnLetter {
    pub const ALL: [TxnLetter; 8] = [
        TxnLetter::Sale,
        TxnLetter::CashAdvance,
        TxnLetter::Instalments,
        TxnLetter::Refund,
        TxnLetter::Void,
        TxnLetter::Completion,
        TxnLetter::MailOrder,
        TxnLetter::Preload,
    ];

    pub fn letter(self) -> char {
        match self {
            TxnLetter::Sale => 'A',
            TxnLetter::CashAdvance => 'H',
            TxnLetter::Instalments => 'I',
            TxnLetter::Refund => 'Z',
            TxnLetter::Void => 'V',
            TxnLetter::Completion => 'P',
            TxnLetter::MailOrder => 'M',
            TxnLetter::Preload => 'W',
        }
    }

    pub fn from_letter(c: char) -> Option<TxnLetter> {
        TxnLetter::ALL.into_iter().find(|t| t.letter() == c)
    }

    /// True for the letters version `01` knows.
    pub fn in_base_protocol(self) -> bool {
        matches!(self, TxnLetter::Sale | TxnLetter::CashAdvance | TxnLetter::Refund | TxnLetter::Void)
    }
}

/// An amount with its ISO 4217 numeric currency and exponent (`F2500:978:2`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amount {
    /// Minor units as sent (digits; ILIAS tolerates a `.`).
    pub minor: String,
    pub currency: String,
    pub exponent: String,
}

impl Amount {
    pub fn euro_cents(cents: u64) -> Self {
        Amount { minor: cents.to_string(), currency: "978".into(), exponent: "2".into() }
    }

    pub fn cents(&self) -> Option<u64> {
        self.minor.parse().ok()
    }

    fn parse(v: &str) -> Result<Amount, BodyError> {
        let mut parts = v.split(':');
        let minor = parts.next().unwrap_or_default().to_string();
        let (currency, exponent) = (parts.next(), parts.next());
        let ok = !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        match (ok, currency, exponent, parts.next()) {
            (true, Some(c), Some(e), None) => Ok(Amount { minor, currency: c.into(), exponent: e.into() }),
            _ => Err(BodyError::Bad('F', format!("{v:?} is not amount:currency:exponent"))),
        }
    }

    fn encode(&self) -> String {
        format!("{}:{}:{}", self.minor, self.currency, self.exponent)
    }
}

/// `A`/`H`/`I`/`Z`/`V`/`P`/`M`/`W`: `S F D R H T [G] M [Q]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AmountRequest {
    pub letter: TxnLetter,
    /// 6 digits, new for every transaction: the attempt's reference.
    pub session: String,
    pub amount: Amount,
    /// `YYYYMMDDhhmmss`, the register's clock.
    pub when: String,
    /// v01: cash-register number; v10: the ECR (fiscal device) id.
    pub ecr: String,
    pub operator: String,
    pub receipt: String,
    /// `G` as sent after the letter (`:0:0:0:0`); version 01 only.
    pub vat: Option<String>,
    /// `M` custom data (`0` when unused).
    pub custom: String,
    /// `Q`: 8 hex characters (algorithm unpublished); `Some("")` is the empty `/Q` version 10
    /// sends while the MAC is off.
    pub mac: Option<String>,
}

/// Everything a register sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum Request {
    /// `X/<text>`; the init echo carries `:<ecr-id>` in the text.
    Echo {
        text: String,
    },
    Amount(AmountRequest),
    /// `O/S/F/R/T[/Q]`: send again the RESULT of one session.
    ResendOne {
        session: String,
        amount: Amount,
        ecr: String,
        receipt: String,
        mac: Option<String>,
    },
    /// `L/R/D[/Q]`: send every unacknowledged RESULT.
    ResendAll {
        ecr: String,
        when: String,
        mac: Option<String>,
    },
    /// `R/S/R/F/T`: the register acknowledges a RESULT (`T` may hold `receipt:receipt2`).
    Ack {
        session: String,
        ecr: String,
        amount: String,
        receipt: String,
    },
    /// `U/R/C<command>[:params]`: control (`MAC_K:<key>`, `UNBIND_POS:0|1`).
    Control {
        ecr: String,
        command: String,
        mac: Option<String>,
    },
}

impl Request {
    /// The init echo: `template` with `{ecr}` replaced by the ECR id. The production frame quoted
    /// in `iliasPs/ecrTest` `MessageHandler.kt` is `ECR0110X/CFB77000028` (template `{ecr}`, the
    /// default); its own tests send `X/CFB77000028:1234` (a text, then `:` and the id).
    pub fn init_echo(template: &str, ecr_id: &str) -> Request {
        Request::Echo { text: template.replace("{ecr}", ecr_id) }
    }

    pub fn letter(&self) -> char {
        match self {
            Request::Echo { .. } => 'X',
            Request::Amount(a) => a.letter.letter(),
            Request::ResendOne { .. } => 'O',
            Request::ResendAll { .. } => 'L',
            Request::Ack { .. } => 'R',
            Request::Control { .. } => 'U',
        }
    }

    pub fn parse(bytes: &[u8]) -> Result<Request, BodyError> {
        let b = Body::parse(bytes)?;
        let s = |c: char| b.get(c).map(str::to_string);
        Ok(match b.kind {
            'X' => Request::Echo { text: b.fields.first().cloned().unwrap_or_default() },
            'O' => Request::ResendOne {
                session: s('S')?,
                amount: Amount::parse(b.get('F')?)?,
                ecr: s('R')?,
                receipt: s('T')?,
                mac: b.opt('Q'),
            },
            'L' => Request::ResendAll { ecr: s('R')?, when: s('D')?, mac: b.opt('Q') },
            'R' => Request::Ack { session: s('S')?, ecr: s('R')?, amount: s('F')?, receipt: s('T')? },
            'U' => Request::Control { ecr: s('R')?, command: s('C')?, mac: b.opt('Q') },
            k => {
                let letter = TxnLetter::from_letter(k).ok_or(BodyError::Unknown(k))?;
                Request::Amount(AmountRequest {
                    letter,
                    session: s('S')?,
                    amount: Amount::parse(b.get('F')?)?,
                    when: s('D')?,
                    ecr: s('R')?,
                    operator: s('H')?,
                    receipt: s('T')?,
                    vat: b.opt('G'),
                    custom: b.opt('M').unwrap_or_default(),
                    mac: b.opt('Q'),
                })
            }
        })
    }

    /// The body in the notes' field order (`Q` last; see `with_mac`).
    pub fn body(&self) -> Body {
        let mut b = Body::new(self.letter());
        match self {
            Request::Echo { text } => {
                b.push_raw(text);
            }
            Request::Amount(a) => {
                b.push('S', &a.session).push('F', &a.amount.encode()).push('D', &a.when);
                b.push('R', &a.ecr).push('H', &a.operator).push('T', &a.receipt);
                if let Some(g) = &a.vat {
                    b.push('G', g);
                }
                b.push('M', &a.custom);
                push_mac(&mut b, &a.mac);
            }
            Request::ResendOne { session, amount, ecr, receipt, mac } => {
                b.push('S', session).push('F', &amount.encode()).push('R', ecr).push('T', receipt);
                push_mac(&mut b, mac);
            }
            Request::ResendAll { ecr, when, mac } => {
                b.push('R', ecr).push('D', when);
                push_mac(&mut b, mac);
            }
            Request::Ack { session, ecr, amount, receipt } => {
                b.push('S', session).push('R', ecr).push('F', amount).push('T', receipt);
            }
            Request::Control { ecr, command, mac } => {
                b.push('R', ecr).push('C', command);
                push_mac(&mut b, mac);
            }
        }
        b
    }

    pub fn encode(&self) -> Vec<u8> {
        self.body().encode()
    }

    /// The session this request is about, if any.
    pub fn session(&self) -> Option<&str> {
        match self {
            Request::Amount(a) => Some(&a.session),
            Request::ResendOne { session, .. } | Request::Ack { session, .. } => Some(session),
            _ => None,
        }
    }

    /// True for the version-10 requests every public example sends with a `/Q` field: the amount
    /// family (`W` included), `O` and `L`. The public v10 parser (`iliasPs/ecrTest`
    /// `DataTransformer.kt`) requires the literal `/Q` on the amount family, its 8 characters
    /// optional; `U`, `X` and the `R` ack carry none in any example.
    pub fn carries_q(&self) -> bool {
        matches!(self, Request::Amount(_) | Request::ResendOne { .. } | Request::ResendAll { .. })
    }

    /// The `/Q` field as received: `None` absent, `Some("")` present and empty.
    pub fn mac(&self) -> Option<&str> {
        match self {
            Request::Amount(AmountRequest { mac, .. })
            | Request::ResendOne { mac, .. }
            | Request::ResendAll { mac, .. }
            | Request::Control { mac, .. } => mac.as_deref(),
            Request::Echo { .. } | Request::Ack { .. } => None,
        }
    }

    /// Clears the MAC so the text before `/Q` can be MACed, or sets it (`Some("")`: an empty
    /// `/Q`, as version 10 sends it while the MAC is off).
    pub fn set_mac(&mut self, value: Option<String>) {
        match self {
            Request::Amount(AmountRequest { mac, .. })
            | Request::ResendOne { mac, .. }
            | Request::ResendAll { mac, .. }
            | Request::Control { mac, .. } => *mac = value,
            Request::Echo { .. } | Request::Ack { .. } => {}
        }
    }
}

fn push_mac(b: &mut Body, mac: &Option<String>) {
    if let Some(q) = mac {
        b.push('Q', q);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parse then encode: the same bytes (for bodies in the notes' order).
    fn round_trip(text: &str) -> Request {
        let r = Request::parse(text.as_bytes()).unwrap();
        assert_eq!(String::from_utf8(r.encode()).unwrap(), text);
        r
    }

    #[test]
    fn mellon_sale_and_echo() {
        let r = round_trip("A/S000728/F2000:978:2/D20211126180144/RE8/HA21/T000728/G:0:0:0:0/M123456789");
        let Request::Amount(a) = r else { panic!() };
        assert_eq!((a.letter, a.session.as_str(), a.amount.cents()), (TxnLetter::Sale, "000728", Some(2000)));
        assert_eq!((a.ecr.as_str(), a.operator.as_str(), a.receipt.as_str()), ("E8", "A21", "000728"));
        assert_eq!(a.vat.as_deref(), Some(":0:0:0:0"));
        assert_eq!(round_trip("X/Hello from ECR"), Request::Echo { text: "Hello from ECR".into() });
    }

    #[test]
    fn version_10_requests() {
        let a = round_trip("A/S001008/F2500:978:2/D20220524102517/RABC00111222/H121/T1020/M0/Q59D19E7D");
        assert_eq!(a.session(), Some("001008"));
        let Request::Amount(a) = a else { panic!() };
        assert_eq!((a.vat, a.mac.as_deref()), (None, Some("59D19E7D")));
        for l in ['V', 'P', 'M', 'Z', 'I'] {
            let text = format!("{l}/S00108/F2500:978:2/D20220524102517/RABC00111222/H121/T1020/M0/Q59D19E7D");
            let Request::Amount(r) = round_trip(&text) else { panic!() };
            assert_eq!(r.letter.letter(), l);
        }
        let o = round_trip("O/S001058/F150:978:2/RABC00111222/T1051/QF7167A9F");
        assert!(matches!(o, Request::ResendOne { ref receipt, .. } if receipt == "1051"));
        let l = round_trip("L/RABC00111222/D20220711110645/Q6C483FCE");
        assert!(matches!(l, Request::ResendAll { ref when, .. } if when == "20220711110645"));
        let u = round_trip("U/RABC00111222/CUNBIND_POS:1");
        assert!(matches!(u, Request::Control { ref command, .. } if command == "UNBIND_POS:1"));
        let w = round_trip("W/S001573/F5000:978:2/D20220711105009/RABC00111222/H121/T1228/M0/Q30ADD8A3");
        assert!(matches!(w, Request::Amount(AmountRequest { letter: TxnLetter::Preload, .. })));
        let r = round_trip("R/S001/RABC001/F123.45/T987:654");
        assert!(matches!(r, Request::Ack { ref receipt, .. } if receipt == "987:654"));
        assert_eq!(Request::init_echo("{ecr}", "CFB77000028").encode(), b"X/CFB77000028");
        assert_eq!(Request::init_echo("HELLO:{ecr}", "CFB77000028").encode(), b"X/HELLO:CFB77000028");
    }

    #[test]
    fn webecr_order_is_read_by_letter() {
        let text = "A/S000011/F100:978:2/RABC00111222/D20240412124019/M0/H0/T11/QD93EDE48";
        let Request::Amount(a) = Request::parse(text.as_bytes()).unwrap() else { panic!() };
        assert_eq!((a.when.as_str(), a.operator.as_str(), a.receipt.as_str()), ("20240412124019", "0", "11"));
        assert_eq!(Body::parse(text.as_bytes()).unwrap().encode(), text.as_bytes());
    }

    #[test]
    fn missing_and_unknown() {
        assert_eq!(Request::parse(b"A/S1/F1:978:2"), Err(BodyError::Missing('D')));
        assert_eq!(Request::parse(b"K/S1"), Err(BodyError::Unknown('K')));
        assert!(matches!(Request::parse(b"A/S1/F1:978/D1/R1/H1/T1"), Err(BodyError::Bad('F', _))));
    }
}
