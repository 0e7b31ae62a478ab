//! The nexo decoders against hostile input: every Swedbank sample cut short, with bytes
//! flipped, or as arbitrary text, read by the codec and by `frame decode`'s path. Errors are
//! fine; a panic is not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use tameio::terminal::nexo::{codec, decode_body};

fn vectors() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/nexo");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("xml"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    out.sort();
    out
}

fn read_everything(text: &str) {
    let _ = codec::parse(text);
    let _ = codec::element_paths(text);
    let _ = decode_body(text);
}

#[test]
fn every_sample_cut_short_anywhere() {
    for xml in vectors() {
        for end in (0..xml.len()).filter(|i| xml.is_char_boundary(*i)) {
            read_everything(&xml[..end]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn samples_with_bytes_flipped(pick in 0usize..29, flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let all = vectors();
        let mut bytes = all[pick % all.len()].clone().into_bytes();
        for (at, value) in flips {
            let i = at % bytes.len();
            bytes[i] = value;
        }
        read_everything(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,400}") {
        read_everything(&text);
    }

    #[test]
    fn envelopes_around_arbitrary_bodies(inner in "[<>/=\" a-zA-Z0-9]{0,200}") {
        read_everything(&format!("<SaleToPOIResponse><MessageHeader MessageCategory=\"Payment\"/>{inner}</SaleToPOIResponse>"));
        read_everything(&format!("<SaleToPOIRequest><MessageHeader/><PaymentRequest>{inner}</PaymentRequest></SaleToPOIRequest>"));
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [1_000, 50_000] {
        let open = "<PaymentResponse>".repeat(depth);
        let close = "</PaymentResponse>".repeat(depth);
        let deep = format!("<SaleToPOIResponse><MessageHeader/>{open}{close}</SaleToPOIResponse>");
        assert_eq!(codec::parse(&deep).unwrap_err(), codec::CodecError::TooDeep);
        read_everything(&deep);
        let open = "<X>".repeat(depth);
        let close = "</X>".repeat(depth);
        read_everything(&format!(
            "<SaleToPOIResponse><MessageHeader/><PaymentResponse>{open}{close}</PaymentResponse></SaleToPOIResponse>"
        ));
    }
}
