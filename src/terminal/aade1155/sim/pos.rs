//! What the simulated terminal decides: approvals and declines in the version's RESULT layout,
//! its counters and totals, and the Greek card slip (ISO-8859-7) for variant `02`.

use chrono::Local;

use super::super::greek;
use super::super::message::{AmountRequest, TxnLetter};
use super::super::result::{CardData, PosResult};
use super::{Preload, SimConfig, State};

/// The v10 `txnType` of a request letter.
fn txn_type(letter: TxnLetter) -> &'static str {
    match letter {
        TxnLetter::Void => "01",
        TxnLetter::Refund => "02",
        TxnLetter::Completion => "03",
        TxnLetter::MailOrder => "04",
        TxnLetter::Instalments => "05",
        _ => "00",
    }
}

fn card(cfg: &SimConfig, st: &mut State, amount: u64, negative: bool, v10: Option<(&str, &str)>) -> CardData {
    st.stan += 1;
    let signed = if negative { format!("-{amount}") } else { amount.to_string() };
    CardData {
        card_type: "VISA".into(),
        txn_type: v10.map(|(t, _)| t.to_string()),
        masked_pan: cfg.pan.clone(),
        amount: signed.clone(),
        final_amount: signed,
        tip: v10.map(|_| "0".into()),
        loyalty: v10.map(|_| "0".into()),
        cashback: v10.map(|_| "0".into()),
        acquirer: "11".into(),
        tid: cfg.tid.clone(),
        batch: "000001".into(),
        rrn: format!("{:012}", 512_000_000_000_u64 + u64::from(st.stan)),
        stan: format!("{:06}", st.stan),
        auth_code: format!("{:06}", (u64::from(st.stan) * 7919) % 1_000_000),
        when: Local::now().format("%Y%m%d%H%M%S").to_string(),
        ecr_status: v10.map(|(_, s)| s.to_string()),
    }
}

/// `D` as the strict profile writes it: version 01's subfields, then the v10 ones; with
/// `d_extra` one more subfield at the end. `None`: the ILIAS order (`CardData::encode`).
fn written_d(cfg: &SimConfig, c: &CardData) -> Option<String> {
    let v10 = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut d = match (cfg.strict, c.txn_type.is_some()) {
        (true, true) => [
            c.card_type.clone(),
            c.masked_pan.clone(),
            c.amount.clone(),
            c.final_amount.clone(),
            c.acquirer.clone(),
            c.tid.clone(),
            c.batch.clone(),
            c.rrn.clone(),
            c.stan.clone(),
            c.auth_code.clone(),
            c.when.clone(),
            v10(&c.txn_type),
            v10(&c.tip),
            v10(&c.loyalty),
            v10(&c.cashback),
            v10(&c.ecr_status),
        ]
        .join(":"),
        _ if cfg.d_extra => c.encode(),
        _ => return None,
    };
    if cfg.d_extra && c.txn_type.is_some() {
        d.push_str(":0");
    }
    Some(d)
}

/// Carries out an accepted amount request; the caller stores and sends the result.
pub(super) fn process(
    cfg: &SimConfig,
    st: &mut State,
    req: &AmountRequest,
    version: &str,
    variant: &str,
    decline: bool,
) -> PosResult {
    let v10 = version == "10";
    let amount = req.amount.cents().unwrap_or(0);
    let mut r = PosResult { session: req.session.clone(), code: "00".into(), ..PosResult::default() };
    if v10 {
        r.ecr = Some(req.ecr.clone());
        r.receipt = Some(req.receipt.clone());
        r.custom = Some(req.custom.clone());
    }
    st.previous_session = Some(req.session.clone());
    if decline {
        r.code = "33".into();
        return r;
    }
    let negative = v10 && req.letter == TxnLetter::Refund;
    let c = card(cfg, st, amount, negative, v10.then_some((txn_type(req.letter), "0")));
    let sign = if matches!(req.letter, TxnLetter::Refund | TxnLetter::Void) { -1 } else { 1 };
    st.totals += sign * amount as i64;
    if variant == "02" {
        r.print = Some(slip(cfg, &c, amount));
    }
    r.card_raw = written_d(cfg, &c);
    r.card = Some(c);
    r
}

/// The RESULT of a preloaded receipt paid on the terminal (ECR status `2`).
pub(super) fn preload_paid(cfg: &SimConfig, st: &mut State, p: &Preload) -> PosResult {
    let c = card(cfg, st, p.amount, false, Some(("00", "2")));
    st.totals += p.amount as i64;
    PosResult {
        session: p.session.clone(),
        ecr: Some(p.ecr.clone()),
        receipt: Some(p.receipt.clone()),
        custom: Some("0".into()),
        code: "00".into(),
        card_raw: written_d(cfg, &c),
        card: Some(c),
        print: None,
    }
}

/// A sale keyed on the terminal without a register session: session `POSTXN`, ECR status
/// `4` (`iliasPs/ecrTest` `Constants.POSTXN` and its txn-ecr-status notes).
pub(super) fn started_on_terminal(cfg: &SimConfig, st: &mut State, amount: u64) -> PosResult {
    let c = card(cfg, st, amount, false, Some(("00", "4")));
    st.totals += amount as i64;
    PosResult {
        session: super::super::result::POS_SESSION.into(),
        ecr: Some(String::new()),
        receipt: Some(String::new()),
        custom: Some(String::new()),
        code: "00".into(),
        card_raw: written_d(cfg, &c),
        card: Some(c),
        print: None,
    }
}

/// Merchant copy, the pause mark `1B 0C`, customer copy; Greek in ISO-8859-7.
fn slip(cfg: &SimConfig, c: &CardData, amount: u64) -> Vec<u8> {
    let euro = format!("{},{:02}€", amount / 100, amount % 100);
    let copy = |who: &str| {
        let mut out = vec![0x1B, 0x01, 0x0A, 0x1B, 0x43];
        out.extend_from_slice(&greek::encode(&format!("ΠΡΟΣΟΜΟΙΩΤΗΣ TAMEIO\nTID {}\n", cfg.tid)));
        out.extend_from_slice(&[0x1B, 0x42]);
        out.extend_from_slice(&greek::encode(&format!("ΑΓΟΡΑ/SALE\nΠΟΣΟ/AMT: {euro}\n")));
        out.extend_from_slice(&[0x1B, 0x4E]);
        let text = format!("{}\nΕΓΚΡΙΣΗ/AUTH {} STAN {}\n{who}\n", c.masked_pan, c.auth_code, c.stan);
        out.extend_from_slice(&greek::encode(&text));
        out
    };
    let mut out = copy("ΑΝΤΙΤΥΠΟ ΕΜΠΟΡΟΥ");
    out.extend_from_slice(&[0x1B, 0x0C]);
    out.extend_from_slice(&copy("ΑΝΤΙΤΥΠΟ ΚΑΤΟΧΟΥ"));
    out.extend_from_slice(&[0x1B, 0x4E, 0x0A, 0x0A, 0x0A]);
    out
}
