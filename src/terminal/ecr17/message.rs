//! ECR17 requests (ECR → terminal): building them byte-exact from the spec's layouts, and
//! reading them back, which the simulator and `frame decode` need.

use serde::Serialize;

pub use super::field::MessageError;
use super::field::{Reader, bad, flag, header};

/// `P` payment, `X` extended payment (returns the host amount), `p` pre-authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PaymentCode {
    Payment,
    Extended,
    PreAuth,
}

/// `i` incremental authorisation or `c` closure (capture) of a pre-authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AdjustCode {
    Incremental,
    Closure,
}

/// One request the ECR can send. Cash register ids are up to 8 digits; amounts are cents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "request", rename_all = "snake_case")]
pub enum Request {
    /// `s`: terminal status.
    Status,
    /// `P` / `X` / `p`, 167 bytes.
    Payment {
        code: PaymentCode,
        cash_register: String,
        additional_data: bool,
        card_present: bool,
        /// 0 automatic, 1 debit only, 2 credit only, 3 other.
        payment_type: u8,
        amount: u64,
        /// Printed at the end of the terminal's receipt; right-aligned in 128 characters.
        receipt_text: String,
    },
    /// `i` / `c`, 176 bytes.
    Adjust {
        code: AdjustCode,
        cash_register: String,
        additional_data: bool,
        amount: u64,
        receipt_text: String,
        preauth_code: String,
    },
    /// `S`: reverse the last transaction; STAN `000000` = no check. 26 bytes.
    Reversal { cash_register: String, stan: String, additional_data: bool },
    /// `H`: card verification, 39 bytes.
    Verify { cash_register: String, additional_data: bool, payment_type: u8 },
    /// `C`: close the accounting session, 26 bytes.
    CloseSession { cash_register: String, additional_data: bool },
    /// `T`: read the terminal's totals, 26 bytes (a 23-byte form is also read).
    Totals { cash_register: String, additional_data: bool },
    /// `G`: resend the last stored result, 22 bytes.
    LastResult { cash_register: String, additional_data: bool },
    /// `E`: `true` = send the next receipt to the ECR as `S` messages. 11 bytes.
    EcrPrint { enable: bool },
    /// `R`: reprint the last financial (`service` false) or service receipt. 22 bytes.
    Reprint { to_ecr: bool, service: bool },
}

impl Request {
    /// The message code byte.
    pub fn code(&self) -> u8 {
        match self {
            Request::Status => b's',
            Request::Payment { code: PaymentCode::Payment, .. } => b'P',
            Request::Payment { code: PaymentCode::Extended, .. } => b'X',
            Request::Payment { code: PaymentCode::PreAuth, .. } => b'p',
            Request::Adjust { code: AdjustCode::Incremental, .. } => b'i',
            Request::Adjust { code: AdjustCode::Closure, .. } => b'c',
            Request::Reversal { .. } => b'S',
            Request::Verify { .. } => b'H',
            Request::CloseSession { .. } => b'C',
            Request::Totals { .. } => b'T',
            Request::LastResult { .. } => b'G',
            Request::EcrPrint { .. } => b'E',
            Request::Reprint { .. } => b'R',
        }
    }

    /// True for requests that move money or leave a stored result: never resend after an ACK.
    pub fn is_financial(&self) -> bool {
        matches!(self.code(), b'P' | b'X' | b'p' | b'i' | b'c' | b'S' | b'H')
    }

    /// The amount in cents, for requests that carry one.
    pub fn amount(&self) -> Option<u64> {
        match self {
            Request::Payment { amount, .. } | Request::Adjust { amount, .. } => Some(*amount),
            _ => None,
        }
    }

    /// The message bytes (without STX/ETX/LRC) for terminal `tid` (`00000000` = any).
    pub fn encode(&self, tid: &str) -> Result<Vec<u8>, MessageError> {
        let code = self.code();
        let msg =
            match self {
                Request::Status => header(tid, code, 10)?.finish(),
                Request::Payment { .. } => self.encode_payment(tid)?,
                Request::Adjust { .. } => self.encode_adjust(tid)?,
                Request::Reversal { cash_register, stan, additional_data } => {
                    let mut w = header(tid, code, 26)?;
                    w.digits("cash register id", 11, 8, cash_register)?
                        .digits("STAN", 19, 6, stan)?
                        .byte(25, flag(*additional_data));
                    w.finish()
                }
                Request::Verify { cash_register, additional_data, payment_type } => {
                    let mut w = header(tid, code, 39)?;
                    w.digits("cash register id", 11, 8, cash_register)?
                        .byte(19, flag(*additional_data))
                        .num("payment type", 23, 1, u64::from(*payment_type))?;
                    w.finish()
                }
                Request::CloseSession { cash_register, additional_data }
                | Request::Totals { cash_register, additional_data } => {
                    let mut w = header(tid, code, 26)?;
                    w.digits("cash register id", 11, 8, cash_register)?.byte(19, flag(*additional_data));
                    w.finish()
                }
                Request::LastResult { cash_register, additional_data } => {
                    let mut w = header(tid, code, 22)?;
                    w.digits("cash register id", 11, 8, cash_register)?.byte(19, flag(*additional_data));
                    w.finish()
                }
                Request::EcrPrint { enable } => header(tid, code, 11)?.byte(11, flag(*enable)).finish(),
                Request::Reprint { to_ecr, service } => {
                    header(tid, code, 22)?.byte(11, flag(*to_ecr)).byte(12, flag(*service)).finish()
                }
            };
        Ok(msg)
    }

    fn encode_payment(&self, tid: &str) -> Result<Vec<u8>, MessageError> {
        let Request::Payment {
            cash_register,
            additional_data,
            card_present,
            payment_type,
            amount,
            receipt_text,
            ..
        } = self
        else {
            return Err(bad("request", "not a payment"));
        };
        let mut w = header(tid, self.code(), 167)?;
        w.digits("cash register id", 11, 8, cash_register)?
            .byte(19, flag(*additional_data))
            .byte(22, flag(*card_present))
            .num("payment type", 23, 1, u64::from(*payment_type))?
            .num("amount", 24, 8, *amount)?
            .right("receipt text", 32, 128, receipt_text)?;
        Ok(w.finish())
    }

    fn encode_adjust(&self, tid: &str) -> Result<Vec<u8>, MessageError> {
        let Request::Adjust { cash_register, additional_data, amount, receipt_text, preauth_code, .. } = self
        else {
            return Err(bad("request", "not an adjustment"));
        };
        let mut w = header(tid, self.code(), 176)?;
        w.digits("cash register id", 11, 8, cash_register)?
            .byte(19, flag(*additional_data))
            .num("amount", 24, 8, *amount)?
            .right("receipt text", 32, 128, receipt_text)?
            .digits("pre-authorisation code", 160, 9, preauth_code)?;
        Ok(w.finish())
    }

    /// Reads a request (the terminal's view); returns the terminal id it was addressed to.
    /// Lengths must be exact (`T` may also be 23 bytes), as a terminal NAKs anything else, and
    /// every field must have its shape (digits, `0`/`1` flags): a terminal's `S` receipt part
    /// of 26 bytes is not a reversal request just because its code and length match.
    pub fn parse(msg: &[u8]) -> Result<(String, Request), MessageError> {
        let r = Reader::new(msg)?;
        r.need(10)?;
        if r.byte(9) != b'0' || !r.digits(1, 8) {
            return Err(bad("header", r.string(1, 10)));
        }
        let exact = |len: usize| {
            if r.len() == len { Ok(()) } else { Err(bad("length", r.len().to_string())) }
        };
        let reg = || r.string(11, 8);
        let data = |pos: usize| r.byte(pos) == b'1';
        let req = match r.code() {
            's' => exact(10).map(|_| Request::Status)?,
            'P' | 'X' | 'p' | 'i' | 'c' | 'S' | 'H' => parse_card_request(r)?,
            'C' => exact(26)
                .and_then(|_| shaped(r, &[(11, 8), (20, 7)], &[19]))
                .map(|_| Request::CloseSession { cash_register: reg(), additional_data: data(19) })?,
            'T' if r.len() == 23 || r.len() == 26 => {
                shaped(r, &[(11, 8), (20, r.len() - 19)], &[19])?;
                Request::Totals { cash_register: reg(), additional_data: data(19) }
            }
            'T' => return Err(bad("length", r.len().to_string())),
            'G' => exact(22)
                .and_then(|_| shaped(r, &[(11, 8), (20, 3)], &[19]))
                .map(|_| Request::LastResult { cash_register: reg(), additional_data: data(19) })?,
            'E' => exact(11)
                .and_then(|_| shaped(r, &[], &[11]))
                .map(|_| Request::EcrPrint { enable: data(11) })?,
            'R' => exact(22)
                .and_then(|_| shaped(r, &[(13, 10)], &[11, 12]))
                .map(|_| Request::Reprint { to_ecr: data(11), service: data(12) })?,
            other => return Err(MessageError::UnknownCode(other)),
        };
        Ok((r.tid(), req))
    }
}

/// Checks that the `(pos, len)` fields are all digits and the `flags` are `0` or `1`.
fn shaped(r: Reader<'_>, digits: &[(usize, usize)], flags: &[usize]) -> Result<(), MessageError> {
    if let Some((pos, len)) = digits.iter().find(|(pos, len)| !r.digits(*pos, *len)) {
        return Err(bad("numeric field", format!("{:?} at {pos}", r.str(*pos, *len))));
    }
    if let Some(pos) = flags.iter().find(|pos| !matches!(r.byte(**pos), b'0' | b'1')) {
        return Err(bad("flag", format!("{:?} at {pos}", r.byte(*pos) as char)));
    }
    Ok(())
}

/// The requests that involve a card: `P`, `X`, `p`, `i`, `c`, `S`, `H`.
fn parse_card_request(r: Reader<'_>) -> Result<Request, MessageError> {
    let (want, digits, flags): (usize, &[(usize, usize)], &[usize]) = match r.code() {
        'P' | 'X' | 'p' => (167, &[(11, 8), (20, 2), (23, 1), (24, 8), (160, 8)], &[19, 22]),
        'i' | 'c' => (176, &[(11, 8), (20, 4), (24, 8), (160, 9), (169, 8)], &[19]),
        'S' => (26, &[(11, 8), (19, 6), (26, 1)], &[25]),
        _ => (39, &[(11, 8), (20, 2), (22, 1), (23, 1), (24, 16)], &[19]),
    };
    if r.len() != want {
        return Err(bad("length", r.len().to_string()));
    }
    shaped(r, digits, flags)?;
    let cash_register = r.string(11, 8);
    let data = |pos: usize| r.byte(pos) == b'1';
    let req = match r.code() {
        c @ ('P' | 'X' | 'p') => Request::Payment {
            code: match c {
                'P' => PaymentCode::Payment,
                'X' => PaymentCode::Extended,
                _ => PaymentCode::PreAuth,
            },
            cash_register,
            additional_data: data(19),
            card_present: data(22),
            payment_type: r.num("payment type", 23, 1)? as u8,
            amount: r.num("amount", 24, 8)? as u64,
            receipt_text: r.text(32, 128),
        },
        c @ ('i' | 'c') => Request::Adjust {
            code: if c == 'i' { AdjustCode::Incremental } else { AdjustCode::Closure },
            cash_register,
            additional_data: data(19),
            amount: r.num("amount", 24, 8)? as u64,
            receipt_text: r.text(32, 128),
            preauth_code: r.string(160, 9),
        },
        'S' => Request::Reversal { cash_register, stan: r.string(19, 6), additional_data: data(25) },
        _ => Request::Verify {
            cash_register,
            additional_data: data(19),
            payment_type: r.num("payment type", 23, 1)? as u8,
        },
    };
    Ok(req)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn text(req: &Request, tid: &str) -> String {
        String::from_utf8(req.encode(tid).unwrap()).unwrap()
    }

    fn reg(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn fixed_requests_match_the_notes() {
        assert_eq!(text(&Request::Status, "00000000"), "000000000s");
        let g = Request::LastResult { cash_register: reg("1"), additional_data: false };
        assert_eq!(text(&g, "37105051"), "371050510G000000010000");
        let s =
            Request::Reversal { cash_register: reg("00000001"), stan: reg("000000"), additional_data: false };
        assert_eq!(text(&s, "37105051"), "371050510S0000000100000000");
        let t = Request::Totals { cash_register: reg("1"), additional_data: false };
        assert_eq!(text(&t, "37105051"), "371050510T0000000100000000");
        let c = Request::CloseSession { cash_register: reg("1"), additional_data: false };
        assert_eq!(text(&c, "37105051"), "371050510C0000000100000000");
        assert_eq!(
            text(&Request::Reprint { to_ecr: false, service: false }, "37105051"),
            "371050510R000000000000"
        );
        assert_eq!(
            text(&Request::Reprint { to_ecr: true, service: true }, "37105051"),
            "371050510R110000000000"
        );
        assert_eq!(text(&Request::EcrPrint { enable: true }, "12345678"), "123456780E1");
        let h = Request::Verify { cash_register: reg("1"), additional_data: false, payment_type: 0 };
        assert_eq!(text(&h, "12345678").len(), 39);
    }

    fn payment(amount: u64, receipt_text: &str) -> Request {
        Request::Payment {
            code: PaymentCode::Payment,
            cash_register: reg("87654321"),
            additional_data: false,
            card_present: false,
            payment_type: 0,
            amount,
            receipt_text: receipt_text.into(),
        }
    }

    #[test]
    fn payment_layout_matches_the_rs_facts() {
        let m = payment(650, "").encode("12345678").unwrap();
        assert_eq!(m.len(), 167);
        assert_eq!(&m[..10], b"123456780P");
        assert_eq!(&m[10..18], b"87654321");
        assert_eq!(&m[23..31], b"00000650");
        assert!(m[31..159].iter().all(|b| *b == b' '));
        assert_eq!(&m[159..167], b"00000000");
        let m = payment(650, "ABC").encode("12345678").unwrap();
        assert_eq!(&m[156..159], b"ABC");
        assert_eq!(m[155], b' ');
    }

    #[test]
    fn computed_payment_frame_lrc_matches_section_9_4() {
        let mut req = payment(650, "");
        if let Request::Payment { cash_register, .. } = &mut req {
            *cash_register = reg("00000001");
        }
        let m = req.encode("12345678").unwrap();
        assert_eq!(crate::terminal::ecr17::frame::LrcRule::StxEtx.compute(&m), 0x24);
        assert_eq!(crate::terminal::ecr17::frame::LrcRule::EtxOnly.compute(&m), 0x26);
    }

    #[test]
    fn adjust_layout_has_the_preauth_code_at_160() {
        let req = Request::Adjust {
            code: AdjustCode::Closure,
            cash_register: reg("1"),
            additional_data: false,
            amount: 50000,
            receipt_text: String::new(),
            preauth_code: reg("123456789"),
        };
        let m = req.encode("37105051").unwrap();
        assert_eq!(m.len(), 176);
        assert_eq!(m[9], b'c');
        assert_eq!(&m[19..23], b"0000");
        assert_eq!(&m[159..168], b"123456789");
        assert_eq!(&m[168..], b"00000000");
    }

    #[test]
    fn every_request_parses_back() {
        let all = [
            Request::Status,
            payment(1, "TEST SCAMBIO IMPORTO"),
            Request::Adjust {
                code: AdjustCode::Incremental,
                cash_register: reg("00000001"),
                additional_data: true,
                amount: 99,
                receipt_text: "X".into(),
                preauth_code: reg("000000042"),
            },
            Request::Reversal { cash_register: reg("00000001"), stan: reg("000123"), additional_data: false },
            Request::Verify { cash_register: reg("00000001"), additional_data: false, payment_type: 2 },
            Request::CloseSession { cash_register: reg("00000001"), additional_data: false },
            Request::Totals { cash_register: reg("00000001"), additional_data: false },
            Request::LastResult { cash_register: reg("00000001"), additional_data: false },
            Request::EcrPrint { enable: true },
            Request::Reprint { to_ecr: true, service: false },
        ];
        for req in all {
            let m = req.encode("37105051").unwrap();
            let (tid, back) = Request::parse(&m).unwrap();
            assert_eq!(tid, "37105051");
            assert_eq!(back, req);
        }
        assert!(Request::parse(b"371050510T000000010000000").is_err());
        assert!(matches!(Request::parse(b"371050510T0000000100000"), Ok((_, Request::Totals { .. }))));
        assert!(matches!(Request::parse(b"371050510K0000"), Err(MessageError::UnknownCode('K'))));
    }

    /// A terminal's receipt part (`S`, 26 bytes: Nexi "Send ticket" layout, text ending in six
    /// `0x7D` and `0x1B`) has a reversal's code and length but not its digits and flags.
    #[test]
    fn a_receipt_part_is_no_reversal() {
        let mut part = b"371050510SESERCENTE".to_vec();
        part.extend_from_slice(&[0x7D; 6]);
        part.push(0x1B);
        assert_eq!(part.len(), 26);
        assert!(Request::parse(&part).is_err());
        // JS mauroamore/test1 nexi-ecr-lan/test/codec.test.js builds this reversal request.
        let js = Request::parse(b"371050510S0000000100000000").unwrap().1;
        assert!(matches!(js, Request::Reversal { ref stan, .. } if stan == "000000"));
        assert!(Request::parse(b"371050510S000000010000002A").is_err());
        assert!(Request::parse(b"371050510G00000001X000").is_err());
    }

    #[test]
    fn bad_fields_are_refused() {
        assert!(payment(100_000_000, "").encode("12345678").is_err());
        assert!(payment(1, &"x".repeat(129)).encode("12345678").is_err());
        assert!(Request::Status.encode("1234").is_ok());
        assert!(Request::Status.encode("ABCDEFGH").is_err());
        let r = Request::Reversal { cash_register: reg("1"), stan: reg("1234567"), additional_data: false };
        assert!(r.encode("12345678").is_err());
    }
}
