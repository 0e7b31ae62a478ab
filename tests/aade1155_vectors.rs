//! Every frame and body in the AADE 1155 notes (§9): the documented size, fields by letter,
//! `tameio frame decode` output, and a byte-for-byte re-encoding — framing, body and typed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use tameio::terminal::aade1155::body::Body;
use tameio::terminal::aade1155::decode_frame;
use tameio::terminal::aade1155::frame::Frame;
use tameio::terminal::aade1155::message::Request;
use tameio::terminal::aade1155::reply::Reply;

/// (size as documented, the bytes after the size).
const SIZED: &[(u16, &str)] = &[
    (0x0051, "ECR0101A/S000677/F2500:978:2/D20211122123652/R8/H121/T000677/G:0:0:0:0/M123456789"),
    (0x0016, "MEL0101A/S000677/F2500"),
    (0x0014, "MEL0101R/S000677/C33"),
    (0x0017, "ECR0201X/Hello from ECR"),
    (0x002A, "MEL0201X/Hello from ECR/T64999999:1.5.22.2"),
    (
        0x0079,
        "MEL0101R/S000728/C00/DVisa Credit:************3489:2000:1500:11:64999999:000091:133030119089:000065:787032:20211126180454",
    ),
    (0x000C, "MEL0101E/999"),
    (0x000C, "MEL0101E/004"),
    (0x000C, "MEL0303E/001"),
    (0x0052, "ECR0101A/S000728/F2000:978:2/D20211126180144/RE8/HA21/T000728/G:0:0:0:0/M123456789"),
    (0x0016, "MEL0101A/S000728/F2000"),
    (0x0051, "ECR0201A/S000727/F500:978:2/D20211126174706/RE8/HA21/T000727/G:0:0:0:0/M123456789"),
    (0x0015, "MEL0201A/S000727/F500"),
    (0x0051, "ECR0101A/S000673/F2500:978:2/D20211122114720/R8/H121/T000673/G:0:0:0:0/M123456789"),
    (0x0051, "ECR0101A/S000674/F2500:100:2/D20211122115927/R8/H121/T000674/G:0:0:0:0/M123456789"),
    (0x0050, "ECR0303A/S000675/F2500:978:2/D20211122115927/R8/H121/T000674/G:0:0:0:0/M12345678"),
    (0x0051, "ECR0210A/S001008/F2500:978:2/D20220524102517/RABC00111222/H121/T1020/M0/Q59D19E7D"),
    (0x0038, "ECR0110O/S001058/F150:978:2/RABC00111222/T1051/QF7167A9F"),
    (0x002F, "ECR0110L/RABC00111222/D20220711110645/Q6C483FCE"),
    (0x0023, "ECR0210U/RABC00111222/CUNBIND_POS:1"),
    (0x0051, "ECR0110W/S001573/F5000:978:2/D20220711105009/RABC00111222/H121/T1228/M0/Q30ADD8A3"),
    (0x0017, "ECR0210X/Hello from ECR"),
    // WebECR's version-10 AMOUNT, size computed (it travels without one there).
    (0x004C, "ECR0110A/S000011/F100:978:2/RABC00111222/D20240412124019/M0/H0/T11/QD93EDE48"),
];

fn wire(payload: &[u8]) -> Vec<u8> {
    let mut v = (payload.len() as u16).to_be_bytes().to_vec();
    v.extend_from_slice(payload);
    v
}

/// Re-encodes one body as its typed message; `None` when it does not keep the field order.
fn typed_bytes(body: &[u8], from_ecr: bool) -> Vec<u8> {
    if from_ecr { Request::parse(body).unwrap().encode() } else { Reply::parse(body).unwrap().encode() }
}

#[test]
fn every_sized_frame_has_its_size_and_round_trips() {
    for (size, payload) in SIZED {
        let bytes = wire(payload.as_bytes());
        assert_eq!(u16::from_be_bytes([bytes[0], bytes[1]]), *size, "{payload}");
        let frame = Frame::decode(&bytes).unwrap();
        assert_eq!(frame.encode().unwrap(), bytes, "framing: {payload}");
        assert_eq!(Body::parse(&frame.body).unwrap().encode(), frame.body, "body: {payload}");
        let webecr_order = payload.contains("/RABC00111222/D2024");
        if !webecr_order {
            assert_eq!(typed_bytes(&frame.body, frame.is_from_ecr()), frame.body, "typed: {payload}");
        }
    }
}

fn decoded(payload: &str) -> Value {
    let v = decode_frame(&hex::encode(wire(payload.as_bytes()))).unwrap();
    assert_eq!(v["frames"].as_array().unwrap().len(), 1);
    assert_eq!(v["trailing_bytes"], 0);
    v["frames"][0].clone()
}

#[test]
fn decode_gives_the_documented_fields() {
    let sale = decoded(SIZED[0].1);
    assert_eq!(
        (sale["direction"].as_str(), sale["variant"].as_str(), sale["version"].as_str()),
        (Some("ECR"), Some("01"), Some("01"))
    );
    assert_eq!((sale["name"].as_str(), sale["size"].as_u64()), (Some("sale"), Some(81)));
    let m = &sale["message"];
    assert_eq!((m["session"].as_str(), m["amount"]["minor"].as_str()), (Some("000677"), Some("2500")));
    assert_eq!(
        (m["amount"]["currency"].as_str(), m["amount"]["exponent"].as_str()),
        (Some("978"), Some("2"))
    );
    assert_eq!(
        (m["ecr"].as_str(), m["operator"].as_str(), m["custom"].as_str()),
        (Some("8"), Some("121"), Some("123456789"))
    );
    let ok = decoded(SIZED[5].1);
    assert_eq!(ok["name"], "result");
    let d = &ok["message"]["card"];
    assert_eq!(
        (d["card_type"].as_str(), d["masked_pan"].as_str()),
        (Some("Visa Credit"), Some("************3489"))
    );
    assert_eq!(
        (d["amount"].as_str(), d["final_amount"].as_str(), d["acquirer"].as_str()),
        (Some("2000"), Some("1500"), Some("11"))
    );
    assert_eq!(
        (d["rrn"].as_str(), d["stan"].as_str(), d["auth_code"].as_str()),
        (Some("133030119089"), Some("000065"), Some("787032"))
    );
    let echo = decoded(SIZED[4].1);
    assert_eq!(
        (echo["message"]["tid"].as_str(), echo["message"]["app_version"].as_str()),
        (Some("64999999"), Some("1.5.22.2"))
    );
    let bad = decoded("MEL0303E/001");
    assert_eq!(
        (bad["variant"].as_str(), bad["meaning"].as_str()),
        (Some("03"), Some("protocol variant or version not supported"))
    );
    let o = decoded(SIZED[17].1);
    assert_eq!(
        (o["name"].as_str(), o["message"]["mac"].as_str()),
        (Some("resend one result"), Some("F7167A9F"))
    );
    let u = decoded(SIZED[19].1);
    assert_eq!(u["message"]["command"], "UNBIND_POS:1");
    let w = decoded(SIZED[20].1);
    assert_eq!((w["name"].as_str(), w["message"]["letter"].as_str()), (Some("preload"), Some("preload")));
    let web = decoded(SIZED[22].1);
    assert_eq!(
        (web["message"]["when"].as_str(), web["message"]["receipt"].as_str()),
        (Some("20240412124019"), Some("11"))
    );
    let fields = web["fields"].as_array().unwrap();
    let letters: String = fields.iter().map(|f| f["letter"].as_str().unwrap()).collect();
    assert_eq!(letters, "SFRDMHTQ", "the order as received");
}

#[test]
fn the_1035_byte_variant_02_result_with_print_data() {
    let head = "MEL0201R/S000727/C00/DVisa Credit:************3489:500:500:11:64999999:000091:133030119082:000064:787031:20211126175004/P";
    let mut print = vec![0x1B, 0x01, 0x0A, 0x1B, 0x4E];
    print.extend_from_slice(b"TEST W4");
    // Stand-in for the PDF's lines (with the `/` and `:` they contain), to the documented 914 bytes.
    let filler = b"\n26/11/2021 18:04 \xD0\xCF\xD3\xCF/AMT: 5,00";
    while print.len() + filler.len() + 7 <= 914 {
        print.extend_from_slice(filler);
    }
    print.resize(914 - 7, b' ');
    print.extend_from_slice(&[0x1B, 0x4E, 0x0A, 0x0A, 0x0A, 0x0A, 0x0A]);
    let mut payload = head.as_bytes().to_vec();
    payload.extend_from_slice(&print);
    let bytes = wire(&payload);
    assert_eq!(&bytes[..2], &[0x04, 0x0B], "size 1035");
    let frame = Frame::decode(&bytes).unwrap();
    let Reply::Result(r) = Reply::parse(&frame.body).unwrap() else { panic!() };
    assert_eq!(r.print.as_deref(), Some(&print[..]));
    assert!(r.print_text().contains("ΠΟΣΟ/AMT: 5,00"));
    assert_eq!(Reply::Result(r).encode(), frame.body);
    let v = decode_frame(&hex::encode(&bytes)).unwrap();
    assert_eq!(v["frames"][0]["print_data"]["bytes"], 914);
}

#[test]
fn bodies_given_without_frames() {
    for (body, kind) in [
        ("R/S001/RABC001/F123.45/T987:654", "ack"),
        ("A/S00108/F2500:978:2/D20220524102517/RABC00111222/H121/T1020/M0/Q59D19E7D", "amount"),
    ] {
        assert_eq!(Request::parse(body.as_bytes()).unwrap().encode(), body.as_bytes());
        assert_eq!(body.len(), if kind == "amount" { 73 } else { body.len() });
        let v = decode_frame(&hex::encode(body)).unwrap();
        assert_eq!(v["frames"][0]["from"], "ecr", "{body}");
    }
    let glued = [wire(SIZED[1].1.as_bytes()), wire(SIZED[2].1.as_bytes())].concat();
    let v = decode_frame(&hex::encode(glued)).unwrap();
    assert_eq!(v["frames"].as_array().unwrap().len(), 2);
}
