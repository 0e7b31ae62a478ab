//! What the simulated terminal decides: results for each request per the notes §5 layouts,
//! its running totals, pre-authorisations, last result and the receipts it prints.

use chrono::Local;

use super::super::field::MessageError;
use super::super::message::{AdjustCode, PaymentCode, Request};
use super::super::recover::host_time_of;
use super::super::reply::{RECEIPT_END, Reply, SessionTotals, StatusReply};
use super::super::result::{CardResult, Layout};
use super::{Ecr17Sim, State};

/// A processed financial request: the result message and its receipt.
pub(super) struct Processed {
    pub result: Vec<u8>,
    pub receipt: Vec<u8>,
}

const ACQUIRER: &str = "00000000003";

pub(super) fn status_reply(sim: &Ecr17Sim) -> Result<Vec<u8>, MessageError> {
    Reply::Status(StatusReply {
        tid: sim.config.tid.clone(),
        terminal_time: Local::now().format("%d%m%y%H%M").to_string(),
        status: "2".into(),
        release: sim.config.release.clone(),
    })
    .encode()
}

/// `T` reads the total; `C` also closes the session (host total = terminal total here).
pub(super) fn totals_reply(sim: &Ecr17Sim, close: bool) -> Result<(Vec<u8>, Vec<u8>), MessageError> {
    let mut st = sim.state();
    let total = st.totals.max(0) as u64;
    let msg = Reply::Totals(SessionTotals {
        tid: sim.config.tid.clone(),
        closed: close,
        result_code: "00".into(),
        terminal_total: total,
        host_total: close.then_some(total),
        ..Default::default()
    })
    .encode()?;
    let receipt =
        slip(&["CHIUSURA CONTABILE", &format!("TOTALE EUR {}", euro(total as i64))], &sim.config.tid);
    if close {
        st.totals = 0;
        st.last_service_receipt = Some(receipt.clone());
    }
    Ok((msg, receipt))
}

/// Carries out a financial request: the result is stored for `G` before it is sent.
pub(super) fn process(sim: &Ecr17Sim, req: &Request, decline: bool) -> Result<Processed, MessageError> {
    let mut st = sim.state();
    st.stan += 1;
    st.online += 1;
    let mut card = CardResult {
        tid: sim.config.tid.clone(),
        result_code: "00".into(),
        pan: sim.config.pan.clone(),
        entry_mode: "CLI".into(),
        auth_code: format!("{:06}", (u64::from(st.stan) * 7919) % 1_000_000),
        host_time: host_time_of(Local::now()),
        card_type: "2".into(),
        acquirer_id: ACQUIRER.into(),
        stan: format!("{:06}", st.stan),
        online_id: format!("{:06}", st.online),
        layout: Some(layout_for(req)),
        ..Default::default()
    };
    if card.layout != Some(Layout::Payment) {
        card.action_code = "000".into();
    }
    let refusal = if decline { Some("CARTA RIFIUTATA") } else { apply(&mut st, req, &mut card) };
    if let Some(reason) = refusal {
        card = refused(card, reason);
    }
    let result = card.encode()?;
    let receipt = receipt_for(req, &card, &sim.config.tid);
    st.last_result = Some(result.clone());
    st.last_receipt = Some(receipt.clone());
    Ok(Processed { result, receipt })
}

/// The KO form of a result: reason, card type "other", no card details.
fn refused(card: CardResult, reason: &str) -> CardResult {
    let layout = card.layout;
    let mut card = CardResult {
        result_code: "01".into(),
        reason: reason.into(),
        card_type: "3".into(),
        host_time: String::new(),
        pan: String::new(),
        entry_mode: String::new(),
        auth_code: String::new(),
        ..card
    };
    if layout == Some(Layout::PreAuth) {
        card.amount = None;
        card.preauth_code.clear();
    }
    if layout != Some(Layout::Payment) {
        card.action_code = "116".into();
    }
    card
}

fn receipt_for(req: &Request, card: &CardResult, tid: &str) -> Vec<u8> {
    let what = match req.code() {
        b'S' => "STORNO",
        b'p' => "PRE-AUTORIZZAZIONE",
        b'i' => "INCREMENTO",
        b'c' => "CHIUSURA PRE-AUT.",
        b'H' => "VERIFICA CARTA",
        _ => "PAGAMENTO",
    };
    let amount = req.amount().map(|a| format!("IMPORTO EUR {}", euro(a as i64))).unwrap_or_default();
    let outcome = if card.is_ok() {
        "TRANSAZIONE ESEGUITA".to_string()
    } else {
        format!("NON ESEGUITA: {}", card.reason)
    };
    let auth = format!("AUT. {} STAN {}", card.auth_code, card.stan);
    slip(&[what, &amount, "CARTA ************4242", &auth, &outcome], tid)
}

/// Applies an accepted request to the terminal's books; `Some(reason)` refuses it.
fn apply(st: &mut State, req: &Request, card: &mut CardResult) -> Option<&'static str> {
    match req {
        Request::Payment { code, amount, .. } => {
            if *code != PaymentCode::Payment {
                card.amount = Some(*amount);
            }
            if *code == PaymentCode::PreAuth {
                card.preauth_code = format!("{:09}", 500_000_000 + st.stan);
                st.preauths.insert(card.preauth_code.clone(), *amount);
                return None;
            }
            st.totals += *amount as i64;
            st.last_payment = Some((card.stan.clone(), *amount as i64));
            None
        }
        Request::Adjust { code, amount, preauth_code, .. } => {
            if !st.preauths.contains_key(preauth_code) {
                return Some("PREAUT. NON TROVATA");
            }
            if *code == AdjustCode::Closure {
                st.preauths.remove(preauth_code);
                st.totals += *amount as i64;
                st.last_payment = Some((card.stan.clone(), *amount as i64));
            } else if let Some(held) = st.preauths.get_mut(preauth_code) {
                *held += amount;
            }
            None
        }
        Request::Reversal { stan, .. } => {
            card.auth_code = "000000".into();
            match st.last_payment.clone() {
                Some((last, _)) if stan != "000000" && *stan != last => Some("STAN NON CORRISPONDE"),
                None => Some("NESSUNA OPERAZIONE"),
                Some((_, amount)) => {
                    st.totals -= amount;
                    st.last_payment = None;
                    None
                }
            }
        }
        _ => None,
    }
}

fn layout_for(req: &Request) -> Layout {
    match req {
        Request::Payment { code: PaymentCode::Extended, .. } => Layout::Extended,
        Request::Payment { code: PaymentCode::PreAuth, .. } => Layout::PreAuth,
        Request::Adjust { code: AdjustCode::Incremental, .. } => Layout::Incremental,
        Request::Adjust { code: AdjustCode::Closure, .. } => Layout::Closure,
        Request::Reversal { .. } => Layout::Reversal,
        _ => Layout::Payment,
    }
}

fn euro(cents: i64) -> String {
    format!("{},{:02}", cents / 100, (cents % 100).abs())
}

/// A slip in the terminal's receipt encoding: DEL-bold header, `}` line ends, the end mark.
fn slip(lines: &[&str], tid: &str) -> Vec<u8> {
    let mut out = vec![0x7F];
    out.extend_from_slice(b"NEXI - SIMULATORE ECR17}");
    let fixed = [
        format!("TERMINALE {tid}"),
        format!("ACQ. {ACQUIRER}"),
        Local::now().format("%d/%m/%y %H:%M").to_string(),
    ];
    for line in fixed.iter().map(String::as_str).chain(lines.iter().copied()).filter(|l| !l.is_empty()) {
        out.extend_from_slice(line.as_bytes());
        out.push(0x7D);
    }
    out.extend_from_slice(b"}CONSERVARE LO SCONTRINO}GRAZIE E ARRIVEDERCI}");
    out.extend_from_slice(&RECEIPT_END);
    out
}
