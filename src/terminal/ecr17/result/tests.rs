//! Result-layout tests: the notes' constructed §9.5 messages and the §9.1 capture parse field
//! by field, and every layout survives encode → parse unchanged.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::terminal::ecr17::reply::{
    RECEIPT_END, Reply, SessionTotals, StatusReply, receipt_messages, render_receipt,
};

const E_OK: &[u8] = b"371050510E000000000000000001234CLI1234562111520200000000003000002000031";
const E_KO: &[u8] = b"371050510E01OPERAZIONE ANNULLATA    00000000000300000000003000003000000";
const E_X: &[u8] =
    b"371050510E000000000000000001234CLI1234562111520200000000003000002000031000000006500000000000";
const E_S: &[u8] = b"371050510E000000000000000001234CLI00000021115212000000000030000030000320000000000000";
const E_PRE: &[u8] = b"371050510e000000000000000001234CLI123456000500001234567890002111520000200000000003000002000031000000000000";

/// `E_OK` field by field: the base the other messages differ from.
fn e_ok() -> CardResult {
    CardResult {
        tid: "37105051".into(),
        layout: Some(Layout::Payment),
        result_code: "00".into(),
        pan: "0000000000000001234".into(),
        entry_mode: "CLI".into(),
        auth_code: "123456".into(),
        host_time: "2111520".into(),
        card_type: "2".into(),
        acquirer_id: "00000000003".into(),
        stan: "000002".into(),
        online_id: "000031".into(),
        ..CardResult::default()
    }
}

#[test]
fn the_notes_results_parse_field_by_field_and_encode_back() {
    let ok = e_ok();
    let cases = [
        (E_OK, ok.clone()),
        (
            E_KO,
            CardResult {
                tid: ok.tid.clone(),
                layout: Some(Layout::Payment),
                result_code: "01".into(),
                reason: "OPERAZIONE ANNULLATA".into(),
                card_type: "3".into(),
                acquirer_id: "00000000003".into(),
                stan: "000003".into(),
                online_id: "000000".into(),
                ..CardResult::default()
            },
        ),
        (
            E_X,
            CardResult {
                layout: Some(Layout::Extended),
                action_code: "000".into(),
                amount: Some(650),
                ..ok.clone()
            },
        ),
        (
            E_S,
            CardResult {
                layout: Some(Layout::Reversal),
                auth_code: "000000".into(),
                host_time: "2111521".into(),
                stan: "000003".into(),
                online_id: "000032".into(),
                action_code: "000".into(),
                ..ok.clone()
            },
        ),
        // A pre-authorisation: its card type at 71.
        (
            E_PRE,
            CardResult {
                layout: Some(Layout::PreAuth),
                amount: Some(50000),
                preauth_code: "123456789".into(),
                action_code: "000".into(),
                ..ok.clone()
            },
        ),
    ];
    for (bytes, want) in cases {
        let got = CardResult::parse(bytes).unwrap();
        assert_eq!(got, want);
        assert_eq!(got.encode().unwrap(), bytes);
    }
    assert!(e_ok().is_ok());
    assert!(!CardResult::parse(E_KO).unwrap().is_ok());
}

fn sample(layout: Layout, ok: bool) -> CardResult {
    // `i` has one flat layout: its fields are present whatever the result code.
    let full = ok || layout == Layout::Incremental;
    CardResult {
        tid: "37105051".into(),
        layout: Some(layout),
        result_code: if ok { "00".into() } else { "01".into() },
        pan: if full { "0000049350000001234".into() } else { String::new() },
        entry_mode: if full { "ICC".into() } else { String::new() },
        auth_code: if full { "A1B2C3".into() } else { String::new() },
        host_time: if full { "0011030".into() } else { String::new() },
        reason: if ok || layout == Layout::Incremental { String::new() } else { "CARTA RIFIUTATA".into() },
        card_type: if layout == Layout::Incremental { String::new() } else { "1".into() },
        acquirer_id: "ACQ42".into(),
        stan: "000777".into(),
        online_id: "000888".into(),
        action_code: match layout {
            Layout::Payment => String::new(),
            _ => "116".into(),
        },
        amount: match layout {
            Layout::Extended | Layout::Dcc => Some(1234),
            Layout::PreAuth if ok => Some(5000),
            _ => None,
        },
        preauth_code: if ok && layout == Layout::PreAuth { "000000042".into() } else { String::new() },
        dcc: matches!(layout, Layout::Dcc | Layout::ClosureDcc).then(|| Dcc {
            applied: true,
            rate: "00011234".into(),
            currency: "USD".into(),
            foreign_amount: "000000001386".into(),
            decimals: "2".into(),
        }),
    }
}

#[test]
fn every_layout_round_trips_in_both_branches() {
    let layouts = [
        Layout::Payment,
        Layout::Reversal,
        Layout::Extended,
        Layout::Dcc,
        Layout::PreAuth,
        Layout::Incremental,
        Layout::Closure,
        Layout::ClosureDcc,
    ];
    for layout in layouts {
        for ok in [true, false] {
            let want = sample(layout, ok);
            let bytes = want.encode().unwrap();
            assert_eq!(bytes.len(), layout.message_len(), "{layout:?}");
            assert_eq!(bytes[9], layout.code());
            let got = CardResult::parse(&bytes).unwrap();
            assert_eq!(got, want, "{layout:?} ok={ok}");
        }
    }
}

#[test]
fn longer_results_are_accepted_and_short_ones_need_their_key_fields() {
    let mut long = E_PRE.to_vec();
    long.extend_from_slice(b"0000");
    assert_eq!(CardResult::parse(&long).unwrap().preauth_code, "123456789");
    // Trailing fields may be missing: they read empty, a cut one too.
    let cut = CardResult::parse(&E_PRE[..100]).unwrap();
    assert_eq!((cut.stan.as_str(), cut.online_id.as_str()), ("000002", "000031"));
    let bare = CardResult::parse(&E_PRE[..67]).unwrap();
    assert_eq!((bare.host_time.as_str(), bare.stan.as_str(), bare.card_type.as_str()), ("2111520", "", ""));
    let half = CardResult::parse(&E_PRE[..86]).unwrap();
    assert_eq!(half.stan, "", "a STAN cut in half is no STAN");
    // The key fields of the branch are not optional.
    assert!(matches!(CardResult::parse(&E_PRE[..66]), Err(MessageError::TooShort { .. })));
    assert!(matches!(CardResult::parse(&E_OK[..46]), Err(MessageError::TooShort { .. })));
    assert!(matches!(CardResult::parse(&E_KO[..35]), Err(MessageError::TooShort { .. })));
    assert!(CardResult::parse(b"371050510Q00").is_err());
    assert!(CardResult::parse(b"371050510EX0").is_err(), "a result code is two digits");
    // `09` has no published branch: its code alone is read.
    assert_eq!(CardResult::parse(b"371050510E09").unwrap().result_code, "09");
}

#[test]
fn an_e_result_takes_its_layout_from_the_request_or_its_tail() {
    // An `X` answer without its trailing zeros (82 bytes) still carries the host amount.
    let x = CardResult::parse(&E_X[..82]).unwrap();
    assert_eq!((x.layout, x.amount), (Some(Layout::Extended), Some(650)));
    // A reversal answer without its trailing zeros is no payment approval.
    assert_eq!(CardResult::parse(&E_S[..74]).unwrap().layout, Some(Layout::Reversal));
    assert_eq!(CardResult::parse_with(&E_S[..74], Some(b'S')).unwrap().layout, Some(Layout::Reversal));
    assert_eq!(CardResult::parse_with(E_X, Some(b'P')).unwrap().layout, Some(Layout::Payment));
    assert_eq!(CardResult::parse_with(&E_X[..74], Some(b'X')).unwrap().amount, None);
}

#[test]
fn smartpos_status_reply_parses() {
    let Reply::Status(s) = Reply::parse(b"371050510s000000000031072621222SYSEMV  204").unwrap() else {
        panic!()
    };
    assert_eq!(s.tid, "37105051");
    assert_eq!(s.terminal_time, "3107262122");
    assert_eq!(s.status, "2");
    assert_eq!(s.status_text(), "operational");
    assert_eq!(s.release, "SYSEMV  204");
    let back = Reply::Status(StatusReply { ..s }).encode().unwrap();
    assert_eq!(back, b"371050510s000000000031072621222SYSEMV  204");
}

#[test]
fn close_and_totals_results_parse() {
    let c = Reply::parse(b"371050510C0000000000000012340000000000001234").unwrap();
    assert_eq!(
        c,
        Reply::Totals(SessionTotals {
            tid: "37105051".into(),
            closed: true,
            result_code: "00".into(),
            terminal_total: 1234,
            host_total: Some(1234),
            ..Default::default()
        })
    );
    assert_eq!(c.encode().unwrap(), b"371050510C0000000000000012340000000000001234");
    let t = Reply::parse(b"371050510T000000000000001234000000").unwrap();
    let Reply::Totals(tt) = &t else { panic!() };
    assert_eq!((tt.closed, tt.terminal_total, tt.host_total), (false, 1234, None));
    assert_eq!(t.encode().unwrap(), b"371050510T000000000000001234000000");
    let ko = SessionTotals {
        tid: "37105051".into(),
        closed: true,
        result_code: "01".into(),
        reason: "HOST NON RAGGIUNG".into(),
        action_code: "907".into(),
        ..Default::default()
    };
    let bytes = Reply::Totals(ko.clone()).encode().unwrap();
    assert_eq!(bytes.len(), 44);
    assert_eq!(Reply::parse(&bytes).unwrap(), Reply::Totals(ko));
}

#[test]
fn receipt_parts_join_and_render() {
    let mut msg = b"371050510S\x7fPAGAMENTO EUR 6,50}ACQ. 00000000003}".to_vec();
    msg.extend_from_slice(&RECEIPT_END);
    let Reply::Receipt(part) = Reply::parse(&msg).unwrap() else { panic!() };
    assert!(part.is_last());
    assert_eq!(render_receipt(&part.text), "PAGAMENTO EUR 6,50\nACQ. 00000000003");
    // A byte past ASCII in the text (a code page's euro sign) keeps the part; a header does not.
    let Reply::Receipt(odd) = Reply::parse(b"371050510S\x80 6,50}").unwrap() else { panic!() };
    assert_eq!(odd.text, b"\x80 6,50}");
    assert!(Reply::parse(b"3710505\x800S 6,50}").is_err());
    let long: Vec<u8> = [b"X".repeat(30), b"}".to_vec(), b"Y".repeat(400), RECEIPT_END.to_vec()].concat();
    let parts = receipt_messages("37105051", &long).unwrap();
    assert_eq!(parts.len(), 3);
    let joined: Vec<u8> = parts
        .iter()
        .flat_map(|m| match Reply::parse(m).unwrap() {
            Reply::Receipt(p) => p.text,
            _ => panic!(),
        })
        .collect();
    assert_eq!(joined, long);
    let text = render_receipt(&joined);
    assert_eq!(text.lines().next().unwrap(), "X".repeat(24));
    assert!(text.lines().all(|l| l.len() <= 24));
}

#[test]
fn host_data_round_trips() {
    let u = Reply::HostData(crate::terminal::ecr17::reply::HostData {
        tid: "37105051".into(),
        data: "TOKEN123".into(),
    });
    let bytes = u.encode().unwrap();
    assert_eq!(&bytes[10..19], b"000000008");
    assert_eq!(Reply::parse(&bytes).unwrap(), u);
}
