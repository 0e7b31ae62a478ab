//! The terminal's RESULT: response code, the `D` card data (11 subfields in version 01, 16 in
//! version 10), `/P` print data; the meaning of every response and error code.

use serde::Serialize;

use super::body::{Body, BodyError};
use super::greek;
use crate::domain::money::Money;
use crate::terminal::{Approval, Outcome, wirelog};

/// The session of a RESULT started on the terminal without a register session.
pub const POS_SESSION: &str = "POSTXN";

/// `D`: what an approval tells about card and acquirer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CardData {
    pub card_type: String,
    /// v10 only: `00` sale, `01` void, `02` refund, `03` pre-auth, `04` mail order, `05` instalments.
    pub txn_type: Option<String>,
    pub masked_pan: String,
    /// Minor units (v10 writes a minus sign for refunds).
    pub amount: String,
    /// After loyalty or tip.
    pub final_amount: String,
    /// v10 only.
    pub tip: Option<String>,
    pub loyalty: Option<String>,
    pub cashback: Option<String>,
    pub acquirer: String,
    pub tid: String,
    pub batch: String,
    /// May be empty (offline) or `batch.stan` (NBG's short form).
    pub rrn: String,
    pub stan: String,
    pub auth_code: String,
    /// `YYYYMMDDhhmmss`.
    pub when: String,
    /// v10 only: `txn-ecr-status` `0`..`5`.
    pub ecr_status: Option<String>,
}

impl CardData {
    /// The subfields in wire order, one list for both versions: version 10 (16 subfields)
    /// adds the transaction type, tip, loyalty, cash-back and ECR status to version 01's 11.
    pub fn parse(d: &str) -> Result<CardData, BodyError> {
        let v10 = match d.split(':').count() {
            11 => false,
            16 => true,
            n => return Err(BodyError::Bad('D', format!("{n} subfields, want 11 (v01) or 16 (v10)"))),
        };
        let mut subfields = d.split(':').map(str::to_string);
        let mut next = || subfields.next().unwrap_or_default();
        // Struct fields are read in the order written here: the wire's.
        Ok(CardData {
            card_type: next(),
            txn_type: v10.then(&mut next),
            masked_pan: next(),
            amount: next(),
            final_amount: next(),
            tip: v10.then(&mut next),
            loyalty: v10.then(&mut next),
            cashback: v10.then(&mut next),
            acquirer: next(),
            tid: next(),
            batch: next(),
            rrn: next(),
            stan: next(),
            auth_code: next(),
            when: next(),
            ecr_status: v10.then(&mut next),
        })
    }

    /// Version 10 (a transaction type) writes all 16 subfields, a missing optional one empty;
    /// version 01 the 11 it has.
    pub fn encode(&self) -> String {
        let v10 = self.txn_type.is_some();
        let always = |v: &String| Some(v.clone());
        let in_v10 = |v: &Option<String>| v10.then(|| v.clone().unwrap_or_default());
        [
            always(&self.card_type),
            self.txn_type.clone(),
            always(&self.masked_pan),
            always(&self.amount),
            always(&self.final_amount),
            in_v10(&self.tip),
            in_v10(&self.loyalty),
            in_v10(&self.cashback),
            always(&self.acquirer),
            always(&self.tid),
            always(&self.batch),
            always(&self.rrn),
            always(&self.stan),
            always(&self.auth_code),
            always(&self.when),
            in_v10(&self.ecr_status),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(":")
    }

    /// The amount as unsigned minor units (a refund's minus sign dropped).
    pub fn amount_cents(&self) -> Option<u64> {
        self.amount.trim_start_matches('-').parse().ok()
    }
}

/// `R/S…[/R/T/M]/C…[/D…][/P…]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct PosResult {
    pub session: String,
    /// v10: the ECR id, receipt and custom data echoed.
    pub ecr: Option<String>,
    pub receipt: Option<String>,
    pub custom: Option<String>,
    pub code: String,
    /// `D` read in the layout of its subfield count (`CardData::parse`).
    pub card: Option<CardData>,
    /// `D` as the terminal wrote it, when that is not `card` (review A-1: a count of subfields
    /// neither version has, kept rather than the whole RESULT thrown away; the strict
    /// simulator's own order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card_raw: Option<String>,
    /// Raw `/P` print data (ISO-8859-7 with control codes).
    #[serde(skip)]
    pub print: Option<Vec<u8>>,
}

impl PosResult {
    pub fn from_body(b: &Body) -> Result<PosResult, BodyError> {
        Ok(PosResult {
            session: b.get('S')?.to_string(),
            ecr: b.opt('R'),
            receipt: b.opt('T'),
            custom: b.opt('M'),
            code: b.get('C')?.to_string(),
            card: b.find('D').and_then(|d| CardData::parse(d).ok()),
            card_raw: b.find('D').filter(|d| CardData::parse(d).is_err()).map(str::to_string),
            print: b.print.clone(),
        })
    }

    /// v01 order `S C D P`; v10 order `S R T M C D P`.
    pub fn body(&self) -> Body {
        let mut b = Body::new('R');
        b.push('S', &self.session);
        for (letter, v) in [('R', &self.ecr), ('T', &self.receipt), ('M', &self.custom)] {
            if let Some(v) = v {
                b.push(letter, v);
            }
        }
        b.push('C', &self.code);
        match (&self.card_raw, &self.card) {
            (Some(raw), _) => {
                b.push('D', raw);
            }
            (None, Some(card)) => {
                b.push('D', &card.encode());
            }
            (None, None) => {}
        }
        b.print = self.print.clone();
        b
    }

    pub fn approved(&self) -> bool {
        self.code == "00"
    }

    /// The card slip as text, when the terminal sent print data.
    pub fn print_text(&self) -> String {
        self.print.as_deref().map(render_print).unwrap_or_default()
    }

    /// The outcome without the amount asked for (a result collected by `L`, a stranger shown
    /// to a manager): an approval whose amount cannot be read is still an approval here, with
    /// no amount, no tip and its `D` in `raw`.
    pub fn to_outcome(&self) -> Outcome {
        self.checked_outcome(None).unwrap_or_else(|evidence| self.approval(None, evidence))
    }

    /// The outcome with the `D` amounts checked (review A-2): a tip is booked only when
    /// `final − amount = tip` and the amount is the one asked for (`asked_cents`, when known);
    /// otherwise no tip, and what disagreed goes with the approval's `raw`. `Err` (why): an
    /// approval whose amount cannot be read (review A-1: `D` in no known layout), for a manager
    /// to decide, never a decline.
    pub fn checked_outcome(&self, asked_cents: Option<i64>) -> Result<Outcome, String> {
        if !self.approved() {
            let message = response_meaning(&self.code).to_string();
            return Ok(if self.code == "03" {
                Outcome::Cancelled { message }
            } else {
                Outcome::declined(self.code.clone(), message)
            });
        }
        let Some(card) = &self.card else {
            return match &self.card_raw {
                Some(raw) => Err(format!(
                    "approved (C00), but D has {} subfields, neither version's 11 or 16, so the amount cannot \
                     be read: D{}",
                    raw.split(':').count(),
                    wirelog::mask_card_numbers(raw)
                )),
                None => Ok(self.approval(None, String::new())),
            };
        };
        let signed = |v: &str| v.trim().parse::<i64>().ok();
        let Some(amount) = signed(&card.amount) else {
            return Err(format!(
                "approved (C00), but D's amount {:?} cannot be read: D{}",
                card.amount,
                wirelog::mask_card_numbers(&card.encode())
            ));
        };
        let mut notes = Vec::new();
        let charged_as_asked = asked_cents.is_none_or(|asked| asked == amount.abs());
        if let Some(asked) = asked_cents.filter(|_| !charged_as_asked) {
            notes.push(format!("D amount {amount} is not the {asked} asked for: booked as asked"));
        }
        let tip = card.tip.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(signed);
        let final_amount = signed(&card.final_amount);
        let agree = |tip: i64| final_amount.is_some_and(|f| f - amount == tip);
        let booked_tip = match tip {
            None | Some(Some(0)) => 0,
            Some(Some(t)) if t > 0 && agree(t) && charged_as_asked => t,
            Some(_) => {
                notes.push(format!(
                    "tip {:?} not booked: final {:?} − amount {:?} does not make it",
                    card.tip.as_deref().unwrap_or_default(),
                    card.final_amount,
                    card.amount
                ));
                0
            }
        };
        let evidence = if notes.is_empty() {
            String::new()
        } else {
            format!("{}; D{}", notes.join("; "), wirelog::mask_card_numbers(&card.encode()))
        };
        // Amounts that disagree tell nothing about what the host processed beyond `amount`.
        let host = if notes.is_empty() { card.final_amount.clone() } else { amount.abs().to_string() };
        let mut outcome = self.approval(Some(host), evidence);
        if let Outcome::Approved(a) = &mut outcome {
            a.tip = Money::from_cents(booked_tip);
        }
        Ok(outcome)
    }

    /// The approval as `D` tells it, with `host_amount` and `raw` as checked (no tip).
    fn approval(&self, host_amount: Option<String>, raw: String) -> Outcome {
        let c = self.card.clone().unwrap_or_default();
        Outcome::Approved(Approval {
            auth_code: c.auth_code,
            // Whatever the terminal sent, at most the first six and the last four digits.
            masked_pan: wirelog::mask_pan(&c.masked_pan),
            stan: c.stan,
            rrn: c.rrn,
            terminal_id: c.tid,
            acquirer_id: c.acquirer,
            card_brand: c.card_type,
            // Compose myDATA's transactionId with `fiscal::transaction_id` where the parts allow.
            transaction_id: String::new(),
            receipt_text: wirelog::mask_card_numbers(&self.print_text()),
            when: c.when,
            action_code: self.code.clone(),
            host_amount: host_amount.unwrap_or_default(),
            raw,
            ..Approval::default()
        })
    }
}

/// Columns of the card slip as text: the Mellon example slip's lines all fit (the longest,
/// "SAP.LABEL: Visa Credit", has 22), and its right-aligned parts end here.
pub const SLIP_COLUMNS: usize = 24;

/// Print data to plain text: `0A` new line, `1B 0C` the cut between copies, `1B 43` centres
/// the line and `1B 52` right-aligns the rest of it (Mellon's dumps send `26/11/2021`, `1B 52`,
/// `17:50`: two fields, never `26/11/202117:50`), other `ESC x` codes (logos, size) dropped.
pub fn render_print(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut line = SlipLine::default();
    let mut bytes = raw.iter();
    while let Some(&b) = bytes.next() {
        match b {
            0x1B => match bytes.next() {
                Some(0x0C) => {
                    line.end(&mut out);
                    out.push_str("\n- - - - - - - -\n");
                }
                Some(0x43) => line.centre = true,
                Some(0x52) => line.right = Some(Vec::new()),
                _ => {}
            },
            0x0A => {
                line.end(&mut out);
                out.push('\n');
            }
            b if b < 0x20 => {}
            b => line.push(b),
        }
    }
    line.end(&mut out);
    out
}

/// One slip line being read: its left (or centred) text and the right-aligned rest.
#[derive(Default)]
struct SlipLine {
    left: Vec<u8>,
    right: Option<Vec<u8>>,
    centre: bool,
}

impl SlipLine {
    fn push(&mut self, b: u8) {
        self.right.as_mut().unwrap_or(&mut self.left).push(b);
    }

    /// Lays the line out and starts the next one (alignment resets at each new line).
    fn end(&mut self, out: &mut String) {
        let SlipLine { left, right, centre } = std::mem::take(self);
        let left = greek::decode(&left);
        let width = |s: &str| s.chars().count();
        match right.map(|r| greek::decode(&r)) {
            Some(right) => {
                let gap = SLIP_COLUMNS.saturating_sub(width(&left) + width(&right)).max(1);
                out.push_str(&left);
                out.extend(std::iter::repeat_n(' ', gap));
                out.push_str(&right);
            }
            None if centre && !left.trim().is_empty() => {
                let pad = SLIP_COLUMNS.saturating_sub(width(&left)) / 2;
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(&left);
            }
            None => out.push_str(&left),
        }
    }
}

/// What a RESULT response code means.
pub fn response_meaning(code: &str) -> &'static str {
    match code {
        "00" => "approved",
        "33" => "declined",
        "03" => "cancelled by the user or timed out",
        "04" => "declined by the terminal",
        "05" => "declined by the host",
        "06" => "communication problem",
        "09" => "host unreachable",
        "66" => "terminal system error",
        _ => "not approved",
    }
}

/// What an `E/<code>` reply means.
pub fn error_meaning(code: &str) -> &'static str {
    match code {
        "000" => "accepted",
        "001" => "protocol variant or version not supported",
        "002" => "duplicate request: same session number as the previous transaction",
        "003" => "syntax error in the message",
        "004" => "currency differs from the terminal's",
        "100" => "internal terminal error (or no stored result)",
        "999" => "terminal busy",
        "500" => "invalid command",
        "501" => "wrong parameter",
        "502" => "MAC missing",
        "503" => "MAC error",
        "504" => "MAC not supported",
        "777" => "EFTPOS not connected",
        _ => "unknown error",
    }
}

/// What a v10 `txn-ecr-status` means.
pub fn ecr_status_meaning(code: &str) -> &'static str {
    match code {
        "0" => "started by the register, completed normally",
        "1" => "started by the register, result not delivered at the time",
        "2" => "paid on the terminal from a receipt the register preloaded",
        "3" => "started on the terminal from an earlier terminal record",
        "4" => "started on the terminal without receipt data (register failure)",
        "5" => "register-terminal link impossible (infrastructure failure)",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APPROVED: &str = "R/S000728/C00/DVisa Credit:************3489:2000:1500:11:64999999:000091:133030119089:000065:787032:20211126180454";

    #[test]
    fn mellon_approval_maps_to_an_outcome() {
        let b = Body::parse(APPROVED.as_bytes()).unwrap();
        let r = PosResult::from_body(&b).unwrap();
        assert_eq!(r.body().encode(), APPROVED.as_bytes());
        let c = r.card.clone().unwrap();
        assert_eq!(
            (c.amount_cents(), c.final_amount.as_str(), c.acquirer.as_str()),
            (Some(2000), "1500", "11")
        );
        let Outcome::Approved(a) = r.to_outcome() else { panic!() };
        assert_eq!(
            (a.auth_code.as_str(), a.rrn.as_str(), a.stan.as_str()),
            ("787032", "133030119089", "000065")
        );
        assert_eq!((a.terminal_id.as_str(), a.card_brand.as_str()), ("64999999", "Visa Credit"));
        assert_eq!((a.when.as_str(), a.host_amount.as_str()), ("20211126180454", "1500"));
    }

    #[test]
    fn declines_cancels_and_v10_layout() {
        let r = PosResult::from_body(&Body::parse(b"R/S000677/C33").unwrap()).unwrap();
        assert_eq!(r.to_outcome(), Outcome::declined("33", "declined"));
        let c = PosResult { code: "03".into(), ..PosResult::default() };
        assert!(matches!(c.to_outcome(), Outcome::Cancelled { .. }));
        let v10 = "R/S001008/RABC00111222/T1020/M0/C00/DVisa:00:************3489:2500:2700:200:0:0:11:64999999:91:133030119089:65:787032:20220524102530:0";
        let r = PosResult::from_body(&Body::parse(v10.as_bytes()).unwrap()).unwrap();
        let card = r.card.clone().unwrap();
        assert_eq!((card.tip.as_deref(), card.ecr_status.as_deref()), (Some("200"), Some("0")));
        let Outcome::Approved(ok) = r.to_outcome() else { panic!() };
        assert_eq!((ok.tip, ok.host_amount.as_str()), (Money::from_cents(200), "2700"));
        assert_eq!(r.body().encode(), v10.as_bytes());
        assert!(CardData::parse("a:b:c").is_err());
        assert_eq!(CardData { amount: "-500".into(), ..CardData::default() }.amount_cents(), Some(500));
    }

    #[test]
    fn a_tip_is_booked_only_when_the_d_amounts_agree() {
        let parsed = |d: &str| {
            PosResult::from_body(&Body::parse(format!("R/S000001/C00/D{d}").as_bytes()).unwrap()).unwrap()
        };
        let tipped =
            parsed("Visa:00:************3489:2500:2700:200:0:0:11:64999999:91:1:65:787032:20220524102530:0");
        let Outcome::Approved(a) = tipped.checked_outcome(Some(2500)).unwrap() else { panic!() };
        assert_eq!((a.tip, a.raw.as_str()), (Money::from_cents(200), ""));
        // The amount asked for is not the amount charged: no tip, the mismatch kept.
        let Outcome::Approved(a) = tipped.checked_outcome(Some(2400)).unwrap() else { panic!() };
        assert_eq!(a.tip, Money::ZERO);
        assert!(
            a.raw.contains("not the 2400 asked for") && a.raw.contains("tip \"200\" not booked"),
            "{}",
            a.raw
        );
        // Another order (v01's subfields, then v10's): the sixth is the terminal id.
        let other =
            parsed("Visa:************3489:2500:2500:11:64999999:91:1:65:787032:20220524102530:00:0:0:0:0");
        let Outcome::Approved(a) = other.checked_outcome(Some(2500)).unwrap() else { panic!() };
        assert_eq!(a.tip, Money::ZERO, "{a:?}");
        assert!(a.raw.contains("not booked"), "{}", a.raw);
    }

    #[test]
    fn an_approval_whose_d_does_not_split_keeps_its_status_and_raw_d() {
        let d = "Visa:00:************3489:2500:2500:0:0:0:11:64999999:91:1:65:787032:20220524102530:0:9";
        let body = format!("R/S000001/C00/D{d}");
        let r = PosResult::from_body(&Body::parse(body.as_bytes()).unwrap()).unwrap();
        assert!(r.approved() && r.card.is_none());
        assert_eq!(r.body().encode(), body.as_bytes(), "kept byte for byte");
        let why = r.checked_outcome(Some(2500)).unwrap_err();
        assert!(why.contains("17 subfields") && why.contains("C00"), "{why}");
        let Outcome::Approved(shown) = r.to_outcome() else { panic!("an approval for the manager") };
        assert_eq!(shown.tip, Money::ZERO);
        assert!(shown.raw.contains("17 subfields"), "{}", shown.raw);
        let unreadable =
            PosResult::from_body(&Body::parse(b"R/S1/C00/DVisa:x:abc:1:2:3:4:5:6:7:8").unwrap()).unwrap();
        assert!(unreadable.checked_outcome(None).is_err(), "an amount that is no number");
        let declined = PosResult::from_body(&Body::parse(b"R/S1/C33/Da:b").unwrap()).unwrap();
        assert!(matches!(declined.checked_outcome(Some(1)), Ok(Outcome::Declined { .. })));
    }

    #[test]
    fn a_full_pan_from_the_terminal_leaves_as_first_six_and_last_four() {
        let print = greek::encode("ΚΑΡΤΑ 5555555555554444\nΕΓΚΡΙΣΗ");
        let result = PosResult {
            code: "00".into(),
            card: Some(CardData { masked_pan: "5555555555554444".into(), ..CardData::default() }),
            print: Some(print),
            ..PosResult::default()
        };
        let Outcome::Approved(a) = result.to_outcome() else { panic!("not approved") };
        assert_eq!(a.masked_pan, "555555******4444");
        assert!(a.receipt_text.contains("************4444"), "{}", a.receipt_text);
        assert!(a.receipt_text.contains("ΚΑΡΤΑ"), "{}", a.receipt_text);
    }

    #[test]
    fn right_aligned_rest_keeps_its_separator() {
        // Mellon ECR integration v1.00B, §6.5 example 3 (the 1035-byte RESULT): date `1B 52`
        // `1B 4E` time, and `ΠΟΣΟ/ΑΜΤ:` `1B 52` `1B 42` amount.
        let mut raw = b"26/11/2021\x1b\x52\x1b\x4e17:50\n\x1b\x42".to_vec();
        raw.extend_from_slice(&greek::encode("ΠΟΣΟ/ΑΜΤ:"));
        raw.extend_from_slice(b"\x1b\x52\x1b\x425,00 EUR\n");
        let text = render_print(&raw);
        assert_eq!(text, "26/11/2021         17:50\nΠΟΣΟ/ΑΜΤ:       5,00 EUR\n");
        assert!(!text.contains("202117:50"));
        let long = render_print(b"ABCDEFGHIJKLMNOPQRSTUVW\x1b\x52XYZ");
        assert_eq!(long, "ABCDEFGHIJKLMNOPQRSTUVW XYZ", "at least one space when it does not fit");
    }

    #[test]
    fn print_data_renders_greek_text() {
        let mut raw = vec![0x1B, 0x01, 0x0A, 0x1B, 0x43];
        raw.extend_from_slice(&greek::encode("ΑΓΟΡΑ 5,00€"));
        raw.extend_from_slice(&[0x0A, 0x1B, 0x0C, 0x1B, 0x4E]);
        raw.extend_from_slice(b"COPY");
        assert_eq!(render_print(&raw), "\n      ΑΓΟΡΑ 5,00€\n\n- - - - - - - -\nCOPY");
        assert_eq!(error_meaning("999"), "terminal busy");
        assert_eq!(ecr_status_meaning("2"), "paid on the terminal from a receipt the register preloaded");
    }
}
