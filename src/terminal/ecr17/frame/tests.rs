//! Frame tests: the notes' §9 vectors (the real SmartPOS capture first) and proptests of the
//! streaming splitter against random bytes, random splits and noise between valid frames.

#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

use super::*;

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s.replace(' ', "")).unwrap()
}

fn frames(bytes: &[u8]) -> Vec<Frame> {
    split_all(bytes, &TOLERANT).0
}

#[test]
fn smartpos_status_request_is_byte_exact() {
    let wire = unhex("02 30 30 30 30 30 30 30 30 30 73 03 3D");
    assert_eq!(encode_message(b"000000000s", LrcRule::StxEtx), wire);
    assert_eq!(LrcRule::EtxOnly.compute(b"000000000s"), 0x3F);
    assert_eq!(LrcRule::MessageOnly.compute(b"000000000s"), 0x3C);
}

#[test]
fn smartpos_ack_and_reply_in_one_read_decode() {
    let read = unhex(
        "06 03 7A 02 33373130353035313073303030303030303030303331303732363231323232535953454D5620203230340338",
    );
    let got = frames(&read);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0], Frame::Ack);
    let Frame::Message { body, lrc } = &got[1] else { panic!("{got:?}") };
    assert_eq!(body.as_slice(), b"371050510s000000000031072621222SYSEMV  204");
    assert_eq!(*lrc, LrcCheck::Valid(LrcRule::StxEtx));
    assert_eq!(LrcRule::EtxOnly.compute(body), 0x3A);
}

#[test]
fn control_frames_use_seed_ctrl_etx() {
    assert_eq!(ACK_FRAME, [0x06, 0x03, 0x7A]);
    assert_eq!(NAK_FRAME, [0x15, 0x03, 0x69]);
    assert_eq!(encode_control(ACK), ACK_FRAME);
    // Tolerated: an engine that XORs its own mode over the control byte (06 03 79 / 06 03 78).
    assert_eq!(frames(&unhex("06 03 79 06 03 78 15 03 69")), vec![Frame::Ack, Frame::Ack, Frame::Nak]);
}

#[test]
fn notes_lrc_table_matches() {
    let cases: [(&[u8], u8); 11] = [
        (b"371050510G000000010000", 0x0C),
        (b"371050510S0000000100000000", 0x18),
        (b"371050510T0000000100000000", 0x1F),
        (b"371050510C0000000100000000", 0x08),
        (b"371050510R000000000000", 0x18),
        (b"371050510R110000000000", 0x18),
        (b"123456780E1", 0x32),
        (b"123456780s", 0x35),
        (b"371050510E000000000000000001234CLI1234562111520200000000003000002000031", 0x4F),
        (b"371050510C0000000000000012340000000000001234", 0x09),
        (b"371050510T000000000000001234000000", 0x1A),
    ];
    for (msg, lrc) in cases {
        assert_eq!(LrcRule::StxEtx.compute(msg), lrc, "{}", String::from_utf8_lossy(msg));
    }
    assert_eq!(LrcRule::MessageOnly.compute(b"A"), 0x3E);
    assert_eq!(LrcRule::MessageOnly.compute(b"AB"), 0x7C);
}

#[test]
fn stx_exclusive_frames_are_accepted_and_reported() {
    let body = b"371050510T000000000000001234000000";
    let got = frames(&encode_message(body, LrcRule::EtxOnly));
    assert_eq!(got, vec![Frame::Message { body: body.to_vec(), lrc: LrcCheck::Valid(LrcRule::EtxOnly) }]);
    let strict = split_all(&encode_message(body, LrcRule::EtxOnly), &[LrcRule::StxEtx]).0;
    assert!(matches!(strict[0], Frame::Message { lrc: LrcCheck::Invalid { got: 0x18, expected: 0x1A }, .. }));
}

#[test]
fn receipt_message_with_control_bytes_decodes() {
    let wire = unhex(
        "02 33 37 31 30 35 30 35 31 30 53 7F 50 41 47 41 4D 45 4E 54 4F 20 45 55 52 20 36 2C 35 30 7D 41 43 51 2E 20 30 30 30 30 30 30 30 30 30 30 33 7D 7D 7D 7D 7D 7D 7D 1B 03 04",
    );
    let got = frames(&wire);
    let Frame::Message { body, lrc } = &got[0] else { panic!() };
    assert_eq!(body.len(), 54);
    assert_eq!(*lrc, LrcCheck::Valid(LrcRule::StxEtx));
}

#[test]
fn progress_frames_are_twenty_characters() {
    let wire = encode_progress("CONNESSIONE HOST");
    assert_eq!(wire.len(), 22);
    assert_eq!(frames(&wire), vec![Frame::Progress("CONNESSIONE HOST    ".into())]);
}

#[test]
fn bad_lrc_is_reported_for_a_nak() {
    let mut wire = encode_message(b"371050510s", LrcRule::StxEtx);
    *wire.last_mut().unwrap() ^= 0x40;
    assert!(matches!(frames(&wire)[0], Frame::Message { lrc: LrcCheck::Invalid { .. }, .. }));
}

#[test]
fn nasty_noise_before_frames_loses_nothing() {
    let ack = ACK_FRAME.to_vec();
    let msg = encode_message(b"371050510T000000000000001234000000", LrcRule::StxEtx);
    let prog = encode_progress("ATTENDERE");
    for noise in
        [&b"\x02AB"[..], b"\x06\x03", b"\x06", b"\x01AAAA", b"\x02A\x03", b"\x15\x03\x00", b"\x02\x02\x02"]
    {
        for good in [&ack, &msg, &prog] {
            let mut wire = noise.to_vec();
            wire.extend_from_slice(good);
            let got = frames(&wire);
            assert_eq!(got.last(), frames(good).last(), "noise {noise:02x?}");
        }
    }
}

#[test]
fn partial_frames_wait_for_more() {
    let wire = encode_message(b"371050510s", LrcRule::StxEtx);
    let mut r = FrameReader::default();
    for b in &wire[..wire.len() - 1] {
        r.push(&[*b]);
        assert_eq!(r.next_frame(), None);
    }
    r.push(&wire[wire.len() - 1..]);
    assert!(matches!(r.next_frame(), Some(Frame::Message { .. })));
    assert_eq!(r.pending(), 0);
}

fn valid_frame() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(ACK_FRAME.to_vec()),
        Just(NAK_FRAME.to_vec()),
        "[ -~]{0,20}".prop_map(|t| encode_progress(&t)),
        (proptest::collection::vec(0x20u8..0x80, 1..300), prop::bool::ANY).prop_map(|(m, stx)| {
            encode_message(&m, if stx { LrcRule::StxEtx } else { LrcRule::EtxOnly })
        }),
    ]
}

fn feed(bytes: &[u8], cuts: &[usize]) -> Vec<Frame> {
    let mut r = FrameReader::default();
    let mut out = Vec::new();
    let mut at = 0;
    for cut in cuts.iter().map(|c| c % (bytes.len() + 1)).chain([bytes.len()]) {
        let cut = cut.max(at);
        r.push(&bytes[at..cut]);
        at = cut;
        while let Some(f) = r.next_frame() {
            out.push(f);
        }
    }
    out
}

proptest! {
    #[test]
    fn random_bytes_never_panic_and_splits_do_not_matter(
        bytes in proptest::collection::vec(any::<u8>(), 0..2000),
        mut cuts in proptest::collection::vec(any::<usize>(), 0..40),
    ) {
        cuts.sort_unstable_by_key(|c| c % (bytes.len() + 1));
        let whole = frames(&bytes);
        prop_assert_eq!(feed(&bytes, &cuts), whole);
    }

    #[test]
    fn valid_frames_between_noise_all_come_out(
        parts in proptest::collection::vec(
            (valid_frame(), proptest::collection::vec(any::<u8>().prop_filter("no start byte", |b| !START_BYTES.contains(b)), 0..30)),
            1..20,
        ),
        mut cuts in proptest::collection::vec(any::<usize>(), 0..60),
    ) {
        let mut wire = Vec::new();
        let mut expected = Vec::new();
        for (frame, noise) in &parts {
            wire.extend_from_slice(noise);
            wire.extend_from_slice(frame);
            expected.extend(frames(frame));
        }
        cuts.sort_unstable_by_key(|c| c % (wire.len() + 1));
        prop_assert_eq!(feed(&wire, &cuts), expected);
    }
}
