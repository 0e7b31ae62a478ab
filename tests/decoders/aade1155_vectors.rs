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

/// Every file under `tests/vectors/aade1155/` (sources in its README and in each file's `#`
/// lines), with the type letters of its frames in order: Mellon's PDF dumps (`mellon_*`),
/// iliasPs/ecrTest's unit-test hex and demo frames (`ilias_*`), Viva's AADE FIM control page
/// (`viva_*`) and the WebECR v2.5.7 example (`webecr_*`).
const VECTOR_FILES: &[(&str, &str)] = &[
    ("ilias_ack_body.hex", "R"),
    ("ilias_body_completion.hex", "P"),
    ("ilias_body_instalments.hex", "I"),
    ("ilias_body_mail_order.hex", "M"),
    ("ilias_body_refund.hex", "Z"),
    ("ilias_body_sale.hex", "A"),
    ("ilias_body_void.hex", "V"),
    ("ilias_control_unbind.hex", "U"),
    ("ilias_echo.hex", "X"),
    ("ilias_init_echo_production.hex", "X"),
    ("ilias_init_echo_test.hex", "X"),
    ("ilias_mac_k.hex", "U"),
    ("ilias_preload.hex", "W"),
    ("ilias_resend_all.hex", "L"),
    ("ilias_resend_one.hex", "O"),
    ("ilias_sale.hex", "A"),
    ("mellon_approved_sale.hex", "AAR"),
    ("mellon_approved_sale_print.hex", "AAR"),
    ("mellon_bad_version.hex", "AE"),
    ("mellon_busy.hex", "AE"),
    ("mellon_currency.hex", "AE"),
    ("mellon_declined_sale.hex", "AAR"),
    ("mellon_echo.hex", "XX"),
    ("viva_mac_k.hex", "U"),
    ("webecr_amount.hex", "A"),
];

fn vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/aade1155")
}

fn vector_text(name: &str) -> String {
    std::fs::read_to_string(vectors_dir().join(name)).unwrap()
}

/// The bytes of a vector file: its hex without the `#` comments.
fn vector_bytes(name: &str) -> Vec<u8> {
    let hex: String = vector_text(name)
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(h, _)| h))
        .flat_map(|l| l.split_whitespace())
        .collect();
    hex::decode(hex).unwrap()
}

#[test]
fn the_vector_table_names_every_file_and_each_file_its_source() {
    let mut on_disk: Vec<String> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".hex"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = VECTOR_FILES.iter().map(|(n, _)| *n).collect();
    assert_eq!(on_disk, listed);
    let readme = vector_text("README.md");
    for (name, _) in VECTOR_FILES {
        assert!(vector_text(name).starts_with("# Source: "), "{name} names its source first");
        let family = name.split('_').next().unwrap();
        assert!(readme.contains(&format!("`{name}`")) || name.starts_with("ilias_body_"), "{name} in README");
        assert!(readme.contains(&family.to_uppercase()), "{family} source in README");
    }
}

/// The decode path of `tameio frame decode --protocol aade1155` on each file as it is, comments
/// included: every frame known, none an error, the types in order; and the bytes round-trip.
#[test]
fn every_vector_file_decodes_through_frame_decode() {
    for (name, types) in VECTOR_FILES {
        let v = decode_frame(&vector_text(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let frames = v["frames"].as_array().unwrap();
        let got: String = frames.iter().map(|f| f["type"].as_str().unwrap_or("?")).collect();
        assert_eq!(got, *types, "{name}: {v}");
        assert_eq!(v["trailing_bytes"], 0, "{name}");
        for f in frames {
            assert!(f.get("error").is_none(), "{name}: {f}");
            assert!(!f["message"].is_null(), "{name}: no typed message in {f}");
        }
        let bytes = vector_bytes(name);
        let sized = frames[0]["size"].is_u64();
        let webecr_order = name.starts_with("webecr_");
        if sized {
            let mut splitter = tameio::terminal::aade1155::frame::Splitter::default();
            splitter.push(&bytes);
            let mut again = Vec::new();
            while let Some(frame) = splitter.next_frame() {
                let frame = frame.unwrap();
                assert_eq!(Body::parse(&frame.body).unwrap().encode(), frame.body, "{name}");
                assert_eq!(typed_bytes(&frame.body, frame.is_from_ecr()), frame.body, "typed: {name}");
                again.extend(frame.encode().unwrap());
            }
            assert_eq!(again, bytes, "framing: {name}");
        } else if frames[0]["direction"].is_string() {
            let frame = Frame::from_payload(&bytes).unwrap();
            assert_eq!(Body::parse(&frame.body).unwrap().encode(), frame.body, "{name}");
            if !webecr_order {
                assert_eq!(typed_bytes(&frame.body, frame.is_from_ecr()), frame.body, "typed: {name}");
            }
        } else {
            assert_eq!(Request::parse(&bytes).unwrap().encode(), bytes, "body: {name}");
        }
    }
}

/// The command itself, each file on standard input: exit 0 and the same frames.
#[test]
fn tameio_frame_decode_reads_every_vector_file() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    for (name, types) in VECTOR_FILES {
        let mut child = crate::support::binary::command()
            .args([
                "--data-dir",
                dir.path().to_str().unwrap(),
                "frame",
                "decode",
                "--protocol",
                "aade1155",
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(vector_text(name).as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let got: String =
            v["frames"].as_array().unwrap().iter().map(|f| f["type"].as_str().unwrap_or("?")).collect();
        assert_eq!(got, *types, "{name}");
    }
}

/// Every public v10 amount-family request, `W`, `O` and `L` carries `/Q` (the 8 characters may
/// be empty); `U`, `X` and the `R` ack never do. Sources: the ILIAS and WebECR files above.
#[test]
fn every_public_v10_amount_request_carries_q() {
    for (name, _) in VECTOR_FILES {
        let v = decode_frame(&vector_text(name)).unwrap();
        for f in v["frames"].as_array().unwrap() {
            let from_ecr = f["from"] == "ecr";
            let v10 = f["version"] == "10" || f["version"].is_null() && !name.starts_with("mellon_");
            let kind = f["type"].as_str().unwrap();
            let has_q = f["fields"].as_array().unwrap().iter().any(|x| x["letter"] == "Q");
            if from_ecr && v10 && "AVPMZIWOL".contains(kind) {
                assert!(has_q, "{name}: {kind} without /Q");
            }
            if "UXR".contains(kind) {
                assert!(!has_q, "{name}: {kind} with /Q");
            }
        }
    }
}
