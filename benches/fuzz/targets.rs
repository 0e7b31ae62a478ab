//! The decoders the fuzz bench drives and the corpus replay test replays: one entry each,
//! with its seeds (valid inputs from the test vectors) and how to mutate them.
//! Included by `benches/fuzz.rs` and `tests/decoders/fuzz_corpus.rs` (`#[path]`).

use std::path::PathBuf;

use tameio::config::Settings;
use tameio::domain::{Barcode, Money, MoneyStyle, Quantity};
use tameio::terminal::aade1155::body::Body;
use tameio::terminal::aade1155::frame::{Frame as AadeFrame, Splitter};
use tameio::terminal::aade1155::{self, greek, message as aade_message, reply as aade_reply, result};
use tameio::terminal::ecr17::frame::{FrameReader, LrcRule, MAX_MESSAGE_LEN, encode_message, split_all};
use tameio::terminal::ecr17::reply::{Reply as Ecr17Reply, render_receipt};
use tameio::terminal::ecr17::result::CardResult;
use tameio::terminal::ecr17::{self, message::Request as Ecr17Request};
use tameio::terminal::webecr::WebEcrSecrets;
use tameio::terminal::webecr::codec::{
    EcrKeyExchange, Intent, Page, Redeem, TerminalEntry, Tokens, Transaction,
};
use tameio::terminal::webecr::jwt;

/// How the bench mutates a target's seeds beyond plain byte mutation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// ECR17 application messages: mutate the body, then frame it again with a valid LRC.
    Ecr17Wire,
    /// AADE 1155 payloads: mutate, then put a matching two-byte size in front.
    AadeWire,
    /// Bodies without framing (parsers): byte mutation plus the protocol's separators.
    Fields,
    /// JSON text: token-level mutation (numbers, nesting, long strings, types).
    Json,
    /// TOML text: key/value and table mutation.
    Toml,
    /// Short text a cashier types.
    Typed,
    /// Hex text of a capture: mutate the bytes, then hex them.
    Hex,
}

/// One decoder under test. `run` must not panic; it returns a count of the output's
/// size (items, bytes) that the bench checks against the input's size.
pub struct Target {
    pub name: &'static str,
    pub shape: Shape,
    pub seeds: fn() -> Vec<Vec<u8>>,
    pub run: fn(&[u8]) -> usize,
}

/// Inputs longer than this are cut: the bound every allocation check is relative to.
pub const MAX_INPUT: usize = 70_000;

pub const TARGETS: &[Target] = &[
    Target { name: "ecr17-splitter", shape: Shape::Ecr17Wire, seeds: ecr17_wire_seeds, run: ecr17_splitter },
    Target { name: "ecr17-message", shape: Shape::Fields, seeds: ecr17_message_seeds, run: ecr17_message },
    Target { name: "ecr17-reply", shape: Shape::Fields, seeds: ecr17_reply_seeds, run: ecr17_reply },
    Target { name: "aade-splitter", shape: Shape::AadeWire, seeds: aade_wire_seeds, run: aade_splitter },
    Target { name: "aade-body", shape: Shape::Fields, seeds: aade_body_seeds, run: aade_body },
    Target { name: "aade-result", shape: Shape::Fields, seeds: aade_result_seeds, run: aade_result },
    Target { name: "webecr-json", shape: Shape::Json, seeds: webecr_seeds, run: webecr_json },
    Target { name: "settings-toml", shape: Shape::Toml, seeds: settings_seeds, run: settings_toml },
    Target { name: "secrets-toml", shape: Shape::Toml, seeds: secrets_seeds, run: secrets_toml },
    Target { name: "cli-amount", shape: Shape::Typed, seeds: amount_seeds, run: cli_amount },
    Target { name: "cli-quantity", shape: Shape::Typed, seeds: quantity_seeds, run: cli_quantity },
    Target { name: "cli-barcode", shape: Shape::Typed, seeds: barcode_seeds, run: cli_barcode },
    Target { name: "cli-item", shape: Shape::Typed, seeds: item_seeds, run: cli_item },
    Target { name: "frame-decode", shape: Shape::Hex, seeds: frame_decode_seeds, run: frame_decode },
    Target { name: "webecr-decode", shape: Shape::Json, seeds: webecr_vector_seeds, run: webecr_decode },
    Target { name: "nexo-xml", shape: Shape::Fields, seeds: nexo_seeds, run: nexo_xml },
];

/// `tests/corpus/<target>/`.
pub fn corpus_dir(target: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(target)
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

// ---- ECR17 ----

const ECR17_MESSAGES: &[&[u8]] = &[
    b"371050510E000000000000000001234CLI1234562111520200000000003000002000031",
    b"371050510E01OPERAZIONE ANNULLATA    00000000000300000000003000003000000",
    b"371050510E000000000000000001234CLI1234562111520200000000003000002000031000000006500000000000",
    b"371050510E000000000000000001234CLI00000021115212000000000030000030000320000000000000",
    b"371050510e000000000000000001234CLI123456000500001234567890002111520000200000000003000002000031000000000000",
    b"371050510s000000000031072621222SYSEMV  204",
    b"371050510C0000000000000012340000000000001234",
    b"371050510T000000000000001234000000",
    b"371050510S\x7fPAGAMENTO EUR 6,50}ACQ. 00000000003}",
    b"371050510G000000010000",
    b"371050510S0000000100000000",
    b"371050510R000000000000",
    b"123456780E1",
    b"123456780s",
];

fn ecr17_requests() -> Vec<Vec<u8>> {
    use tameio::terminal::ecr17::message::PaymentCode;
    let mut out = Vec::new();
    let reqs = [
        Ecr17Request::Status,
        Ecr17Request::EcrPrint { enable: true },
        Ecr17Request::Payment {
            code: PaymentCode::Payment,
            cash_register: "00000001".into(),
            additional_data: false,
            card_present: true,
            payment_type: 0,
            amount: 650,
            receipt_text: "GRAZIE".into(),
        },
        Ecr17Request::LastResult { cash_register: "00000001".into(), additional_data: false },
        Ecr17Request::Reversal {
            cash_register: "00000001".into(),
            stan: "000000".into(),
            additional_data: true,
        },
        Ecr17Request::CloseSession { cash_register: "00000001".into(), additional_data: false },
        Ecr17Request::Reprint { to_ecr: true, service: false },
    ];
    for r in reqs {
        if let Ok(m) = r.encode("37105051") {
            out.push(m);
        }
    }
    out
}

fn ecr17_message_seeds() -> Vec<Vec<u8>> {
    let mut out = ecr17_requests();
    out.extend(ECR17_MESSAGES.iter().map(|m| m.to_vec()));
    out
}

fn ecr17_reply_seeds() -> Vec<Vec<u8>> {
    ecr17_message_seeds()
}

fn ecr17_wire_seeds() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> =
        ecr17_message_seeds().iter().map(|m| encode_message(m, LrcRule::StxEtx)).collect();
    out.push(tameio::terminal::ecr17::frame::ACK_FRAME.to_vec());
    out.push(tameio::terminal::ecr17::frame::NAK_FRAME.to_vec());
    out.push(tameio::terminal::ecr17::frame::encode_progress("INSERIRE CARTA"));
    // Glued: an ACK, a progress frame and a result in one read.
    let mut glued = tameio::terminal::ecr17::frame::ACK_FRAME.to_vec();
    glued.extend(tameio::terminal::ecr17::frame::encode_progress("ATTENDERE"));
    glued.extend(encode_message(ECR17_MESSAGES[0], LrcRule::EtxOnly));
    out.push(glued);
    out
}

/// Pushes `bytes` in chunks whose size the first byte picks (split reads), pulls every frame.
fn ecr17_splitter(bytes: &[u8]) -> usize {
    let chunk = usize::from(bytes.first().copied().unwrap_or(1)).max(1);
    let mut reader = FrameReader::default();
    let mut out = 0;
    for part in bytes.chunks(chunk) {
        reader.push(part);
        while let Some(f) = reader.next_frame() {
            out += ecr17::decode::log_frame(&f).len().min(1) + 1;
        }
        // The splitter never holds more than one unfinished frame.
        assert!(reader.pending() <= MAX_MESSAGE_LEN + 3, "ECR17 splitter holds {} bytes", reader.pending());
    }
    let (frames, noise) = split_all(bytes, &LrcRule::ALL);
    assert!(noise <= bytes.len());
    out + frames.len()
}

fn ecr17_message(bytes: &[u8]) -> usize {
    match Ecr17Request::parse(bytes) {
        Ok((tid, req)) => {
            let _ = req.encode(&tid);
            tid.len() + 1
        }
        Err(e) => e.to_string().len().min(1),
    }
}

fn ecr17_reply(bytes: &[u8]) -> usize {
    let mut out = render_receipt(bytes).len();
    if let Ok(r) = Ecr17Reply::parse(bytes) {
        let _ = r.encode();
        out += 1;
    }
    if let Ok(c) = CardResult::parse(bytes) {
        let _ = c.encode();
        out += usize::from(c.is_ok());
    }
    out
}

// ---- AADE 1155 ----

const AADE_PAYLOADS: &[&str] = &[
    "ECR0101A/S000677/F2500:978:2/D20211122123652/R8/H121/T000677/G:0:0:0:0/M123456789",
    "MEL0101A/S000677/F2500",
    "MEL0101R/S000677/C33",
    "ECR0201X/Hello from ECR",
    "MEL0201X/Hello from ECR/T64999999:1.5.22.2",
    "MEL0101R/S000728/C00/DVisa Credit:************3489:2000:1500:11:64999999:000091:133030119089:000065:787032:20211126180454",
    "MEL0201R/S000727/C00/DVisa Credit:************3489:500:500:11:64999999:000091:133030119082:000064:787031:20211126175004/P",
    "MEL0101E/999",
    "MEL0303E/001",
    "ECR0210A/S001008/F2500:978:2/D20220524102517/RABC00111222/H121/T1020/M0/Q59D19E7D",
    "ECR0110O/S001058/F150:978:2/RABC00111222/T1051/QF7167A9F",
    "ECR0110L/RABC00111222/D20220711110645/Q6C483FCE",
    "ECR0210U/RABC00111222/CUNBIND_POS:1",
    "ECR0110W/S001573/F5000:978:2/D20220711105009/RABC00111222/H121/T1228/M0/Q30ADD8A3",
    "ECR0110A/S000011/F100:978:2/RABC00111222/D20240412124019/M0/H0/T11/QD93EDE48",
];

/// A payload with Greek print data (ISO-8859-7) after `/P`.
fn greek_result() -> Vec<u8> {
    let mut p = AADE_PAYLOADS[6].as_bytes().to_vec();
    p.extend(greek::encode("ΕΓΚΡΙΘΗΚΕ\nΠΟΣΟ: 5,00 €\nΑΝΤΙΓΡΑΦΟ"));
    p
}

fn aade_payloads() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = AADE_PAYLOADS.iter().map(|p| p.as_bytes().to_vec()).collect();
    out.push(greek_result());
    out
}

fn sized(payload: &[u8]) -> Vec<u8> {
    let len = u16::try_from(payload.len()).unwrap_or(u16::MAX);
    let mut v = len.to_be_bytes().to_vec();
    v.extend_from_slice(&payload[..usize::from(len)]);
    v
}

fn aade_wire_seeds() -> Vec<Vec<u8>> {
    let payloads = aade_payloads();
    let mut out: Vec<Vec<u8>> = payloads.iter().map(|p| sized(p)).collect();
    out.push([sized(&payloads[1]), sized(&payloads[2])].concat());
    out
}

fn aade_splitter(bytes: &[u8]) -> usize {
    let chunk = usize::from(bytes.first().copied().unwrap_or(1)).max(1);
    let mut s = Splitter::default();
    let mut out = 0;
    for part in bytes.chunks(chunk) {
        s.push(part);
        while let Some(f) = s.next_frame() {
            out += 1;
            if let Ok(f) = f {
                out += aade_body(&f.body).min(1);
                let _ = f.encode();
            }
        }
        assert!(s.pending() <= 2 + usize::from(u16::MAX), "AADE splitter holds {} bytes", s.pending());
    }
    out + AadeFrame::decode(bytes).map(|f| f.body.len()).unwrap_or(0).min(1)
}

/// Bodies are what follows the 7-byte header.
fn aade_body_seeds() -> Vec<Vec<u8>> {
    aade_payloads().into_iter().map(|p| p.get(7..).unwrap_or_default().to_vec()).collect()
}

fn aade_body(bytes: &[u8]) -> usize {
    let mut out = greek::decode(bytes).len().min(1) + result::render_print(bytes).len().min(1);
    if let Ok(b) = Body::parse(bytes) {
        let _ = b.encode();
        out += 1;
    }
    if let Ok(r) = aade_message::Request::parse(bytes) {
        let _ = r.encode();
        out += 1;
    }
    if let Ok(r) = aade_reply::Reply::parse(bytes) {
        let _ = r.encode();
        if let aade_reply::Reply::Result(res) = &r {
            let _ = (res.to_outcome(), res.print_text(), res.approved());
        }
        out += 1;
    }
    out
}

fn aade_result_seeds() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = aade_body_seeds().into_iter().filter(|b| b.first() == Some(&b'R')).collect();
    out.push(b"Visa Credit:************3489:2000:1500:11:64999999:000091:133030119089:000065:787032:20211126180454".to_vec());
    out
}

fn aade_result(bytes: &[u8]) -> usize {
    let text = lossy(bytes);
    let mut out = 0;
    if let Ok(c) = result::CardData::parse(&text) {
        let _ = (c.encode(), c.amount_cents());
        out += 1;
    }
    if let Ok(b) = Body::parse(bytes)
        && let Ok(r) = result::PosResult::from_body(&b)
    {
        let _ = (r.to_outcome(), r.body().encode(), r.print_text());
        out += 1;
    }
    out + usize::from(!result::response_meaning(&text).is_empty())
}

// ---- WebECR ----

const WEBECR_JSON: &[&str] = &[
    r#"{"Id":"1060","Status":3,"Result":1,"TxnType":0,"Amount":100,"TipAmount":0,"CurrencyCode":978,"Instalments":0,
 "CustomerReference":"b7775c92-0be9-4005-9450-e45769e593e2","Terminal":"358154",
 "Transaction":{"Id":"8091750","TxnType":0,"Timestamp":"2023-11-13T10:45:24Z","CardPAN":"516732******6411",
   "Approved":true,"Voided":false,"STAN":1,"BatchNumber":1,"Acquirer":"75","TID":"90000001","MID":"9000000001",
   "Amount":100,"Instalments":1,"RRN":"001003","AuthCode":"104525","CurrencyCode":978},
 "InitialTransaction":null}"#,
    r#"{"count":1,"next":null,"previous":null,"results":[{"id":"5","Status":3,"Result":1,"TxnType":0,
"Amount":1000,"TipAmount":0,"CurrencyCode":978,"Instalments":0,
"CustomerReference":"e95d0038-6e5f-4874-84fe-e102ee6b87ca","Terminal":"14833","CustomerEmail":null,
"CustomerPhone":null,"Transaction":null,"InitialTransaction":null,"TransactionId":null}]}"#,
    r#"{"id":"6","Status":3,"Result":1,"Void":false,"Transaction":"8083099"}"#,
    r#"{"Id":"8083099","TxnType":0,"Timestamp":"2023-02-15T15:35:16Z","VoidTimestamp":null,
"CardPAN":"491791******7889","Approved":true,"Voided":false,"STAN":13,"BatchNumber":143,"Acquirer":11,
"TID":"64999942","MID":"1234814","Amount":200,"TipAmount":0,"CashbackAmount":0,"LoyaltyRedemptionAmount":0,
"Instalments":0,"RRN":"304610013134","AuthCode":"892148","OriginalRRN":null,"OriginalAuthCode":null,
"CurrencyCode":978,"CustomerReference":null}"#,
    r#"{"count":1,"next":"https://backend.example/api/terminal/?page=2","previous":null,"results":[{"id":"358046","TerminalID":"64999964","Merchant":"11719","Acquirer":"11"}]}"#,
    r#"{"Id":"Zg6xxfx_R1eXTOs39BPzqQ","Type":"webecr"}"#,
    r#"{"access":"eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDAsImlhdCI6MTcwMDAwMDAwMH0.x","refresh":"r"}"#,
    r#"{"EcrId":"ABC00111222","SessionKey":"8FF79564430DD13EF06B5F199278FADC","Kcv":"4C8166"}"#,
];

fn webecr_seeds() -> Vec<Vec<u8>> {
    WEBECR_JSON.iter().map(|j| j.as_bytes().to_vec()).collect()
}

fn webecr_json(bytes: &[u8]) -> usize {
    let mut out = 0;
    if let Ok(i) = serde_json::from_slice::<Intent>(bytes) {
        let _ = (i.status(), i.result(), i.id_text(), i.transaction_object().is_some());
        out += 1;
    }
    if let Ok(p) = serde_json::from_slice::<Page<Intent>>(bytes) {
        out += p.results.len().min(1);
    }
    if let Ok(p) = serde_json::from_slice::<Page<TerminalEntry>>(bytes) {
        out += p.results.len().min(1);
    }
    if let Ok(p) = serde_json::from_slice::<Page<Transaction>>(bytes) {
        out += p.results.len().min(1);
    }
    out += usize::from(serde_json::from_slice::<Transaction>(bytes).is_ok());
    out += usize::from(serde_json::from_slice::<Redeem>(bytes).is_ok());
    out += usize::from(serde_json::from_slice::<EcrKeyExchange>(bytes).is_ok());
    if let Ok(t) = serde_json::from_slice::<Tokens>(bytes) {
        out += usize::from(jwt::claims(&t.access).and_then(|c| c.lifetime_secs()).is_some());
    }
    out + usize::from(jwt::claims(&lossy(bytes)).is_some())
}

// ---- settings and secrets ----

const SETTINGS: &str = r#"language = "el"
portable = false
paper = "80mm"
printer = ""

[shop]
name = "Φούρνος Αθηνά"
address = "Ερμού 1, Αθήνα"
vat_number = "123456789"
"#;

fn settings_seeds() -> Vec<Vec<u8>> {
    vec![SETTINGS.as_bytes().to_vec(), b"language = \"it\"\n".to_vec(), b"[shop]\nname = 3\n".to_vec()]
}

fn settings_toml(bytes: &[u8]) -> usize {
    let (_settings, problems) = Settings::parse(&lossy(bytes));
    problems.len()
}

fn secrets_seeds() -> Vec<Vec<u8>> {
    vec![
        b"[webecr.\"cloud\"]\nusername = \"u\"\npassword = \"p\"\napi_key = \"k\"\n".to_vec(),
        b"[webecr.t]\nusername = \"shop\"\npassword = \"s3cret\"\n\n[webecr.other]\napi_key = \"Zg6x\"\n"
            .to_vec(),
    ]
}

fn secrets_toml(bytes: &[u8]) -> usize {
    let text = lossy(bytes);
    // The register reads the whole file as a table first (`register::secrets`).
    let tables = text.parse::<toml::Table>().map_or(0, |t| t.len().min(1));
    tables
        + usize::from(WebEcrSecrets::parse(&text, "t").is_ok())
        + usize::from(WebEcrSecrets::parse(&text, "cloud").is_ok())
}

// ---- what a cashier types on the command line ----

fn typed(list: &[&str]) -> Vec<Vec<u8>> {
    list.iter().map(|s| s.as_bytes().to_vec()).collect()
}

fn amount_seeds() -> Vec<Vec<u8>> {
    typed(&["6,50", "1.234,50", "€1,234.50", "0", "12", "0,01", "99999999,99", " 3.5 ", "-1"])
}

fn cli_amount(bytes: &[u8]) -> usize {
    let s = lossy(bytes);
    usize::from(Money::parse(&s, MoneyStyle::Continental).is_ok())
        + usize::from(Money::parse(&s, MoneyStyle::English).is_ok())
}

fn quantity_seeds() -> Vec<Vec<u8>> {
    typed(&["1", "2", "0,5", "1.250", "100", "0"])
}

fn cli_quantity(bytes: &[u8]) -> usize {
    usize::from(Quantity::parse(&lossy(bytes)).is_ok())
}

fn barcode_seeds() -> Vec<Vec<u8>> {
    typed(&["5200000001012", "5201234567890", "96385074", "0000000000000"])
}

fn cli_barcode(bytes: &[u8]) -> usize {
    usize::from(Barcode::parse(&lossy(bytes)).is_ok())
}

fn item_seeds() -> Vec<Vec<u8>> {
    typed(&["5200000001012x2", "5201234567890", "901@2,50", "901@2,50x3", "301*0,5", "101X4"])
}

/// The `--item` grammar of `tameio sale` (`CODE[@PRICE][xQTY]`), as `cli::sale` splits it.
fn cli_item(bytes: &[u8]) -> usize {
    let item = lossy(bytes);
    let (code, qty) = item.rsplit_once(['x', 'X', '*']).unwrap_or((&item, "1"));
    let mut out = usize::from(Quantity::parse(qty).is_ok());
    match code.split_once('@') {
        Some((code, price)) => {
            out += usize::from(Money::parse(price, MoneyStyle::Continental).is_ok());
            out += code.len().min(1);
        }
        None => out += usize::from(Barcode::parse(code).is_ok()),
    }
    out
}

// ---- `tameio frame decode` ----

/// Raw capture bytes; the bench hexes them (with the separators the decoder allows).
fn frame_decode_seeds() -> Vec<Vec<u8>> {
    let mut out = ecr17_wire_seeds();
    out.extend(aade_wire_seeds());
    out.extend(aade_payloads());
    out
}

fn frame_decode(bytes: &[u8]) -> usize {
    let text = lossy(bytes);
    let mut out = 0;
    if let Ok(v) = ecr17::decode_frame(&text) {
        out += v["frames"].as_array().map_or(0, Vec::len);
    }
    if let Ok(v) = aade1155::decode_frame(&text) {
        out += v["frames"].as_array().map_or(0, Vec::len);
    }
    out
}

// ---- captures from public evidence (tests/vectors) ----

/// The files of `tests/vectors/<folder>/` whose name ends in `ext`.
fn vector_files(folder: &str, ext: &str) -> Vec<Vec<u8>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors").join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn webecr_vector_seeds() -> Vec<Vec<u8>> {
    let mut out = vector_files("webecr", "json");
    out.extend(webecr_seeds());
    out
}

/// `tameio frame decode --protocol webecr`'s reading of a captured answer (the client's
/// lenient reading and its judgement of the money).
fn webecr_decode(bytes: &[u8]) -> usize {
    tameio::terminal::webecr::decode::decode_body(&lossy(bytes))
        .map_or(0, |v| v.as_object().map_or(1, |o| o.len()))
}

fn nexo_seeds() -> Vec<Vec<u8>> {
    vector_files("nexo", "xml")
}

/// The nexo codec on a message from the terminal, and `frame decode --protocol nexo`.
fn nexo_xml(bytes: &[u8]) -> usize {
    use tameio::terminal::nexo::codec;
    let text = lossy(bytes);
    let mut out = usize::from(codec::parse(&text).is_ok());
    out += codec::element_paths(&text).map_or(0, |p| p.len().min(1));
    out + tameio::terminal::nexo::decode::decode_body(&text)
        .map_or(0, |v| v.as_object().map_or(1, |o| o.len()))
}
