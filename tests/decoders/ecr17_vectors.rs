//! Every file under tests/vectors/ecr17/ (sources in its README.md) through `frame decode`:
//! the library function the command calls and the command itself, each file checked for what
//! it must decode to. A file missing from the table, or a row without its file, fails.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use crate::support::ecr17::scripted::{vector_bytes, vectors_dir};
use serde_json::Value;
use tameio::terminal::ecr17::decode::log_frames;
use tameio::terminal::ecr17::decode_frame;

/// One expectation: the application frame's code, direction, and fields that must hold.
struct Expect {
    file: &'static str,
    code: &'static str,
    direction: &'static str,
    fields: &'static [(&'static str, &'static str)],
}

const fn e(
    file: &'static str,
    code: &'static str,
    direction: &'static str,
    fields: &'static [(&'static str, &'static str)],
) -> Expect {
    Expect { file, code, direction, fields }
}

const T2E: &str = "terminal_to_ecr";
const E2T: &str = "ecr_to_terminal";

/// What each vector decodes to; the source of each file is in the README beside it.
const TABLE: &[Expect] = &[
    // mauroamore/test1 nexi-ecr-lan/test/codec.test.js: the real SmartPOS status exchange.
    e("smartpos_status_request", "s", E2T, &[("request", "status"), ("tid", "00000000")]),
    e(
        "smartpos_status_reply",
        "s",
        T2E,
        &[("message", "status"), ("release", "SYSEMV  204"), ("status", "2")],
    ),
    // The same file's request strings (LRC ours).
    e("js_last_result_request", "G", E2T, &[("request", "last_result"), ("cash_register", "00000001")]),
    e("js_reversal_request", "S", E2T, &[("request", "reversal"), ("stan", "000000")]),
    e("js_totals_request", "T", E2T, &[("request", "totals")]),
    e("js_close_session_request", "C", E2T, &[("request", "close_session")]),
    e("js_reprint_request", "R", E2T, &[("request", "reprint")]),
    e("js_reprint_to_ecr_service_request", "R", E2T, &[("request", "reprint")]),
    // padosoft/laravel-ecr17 tests/Unit/Response/Ecr17ResponseTest.php payloads.
    e(
        "padosoft_payment_ok",
        "E",
        T2E,
        &[("message", "card"), ("outcome", "approved"), ("auth_code", "ABC123"), ("stan", "000042")],
    ),
    e(
        "padosoft_payment_ko",
        "E",
        T2E,
        &[("outcome", "declined"), ("reason", "CARTA RIFIUTATA"), ("stan", "000007")],
    ),
    e(
        "padosoft_dcc_result",
        "V",
        T2E,
        &[("layout", "dcc"), ("outcome", "approved"), ("online_id", "000099"), ("action_code", "000")],
    ),
    e("padosoft_status_reply", "s", T2E, &[("release", "V1.2.3"), ("terminal_time", "0102251530")]),
    e("padosoft_totals", "T", T2E, &[("message", "totals"), ("result_code", "00")]),
    e("padosoft_close_ok", "C", T2E, &[("message", "totals"), ("result_code", "00")]),
    e("padosoft_close_ko", "C", T2E, &[("reason", "SBILANCIO"), ("action_code", "100")]),
    e(
        "padosoft_preauth_ok",
        "e",
        T2E,
        &[("layout", "pre_auth"), ("preauth_code", "000000123"), ("host_time", "2111520"), ("stan", "")],
    ),
    e(
        "padosoft_vas_response",
        "K",
        T2E,
        &[("message", "vas"), ("part", "001"), ("response_id", "0"), ("order_id", "ABC123")],
    ),
    // Nexi "Send ticket" layout (constructed): a receipt part, not a reversal request.
    e("constructed_receipt_part_26", "S", T2E, &[("message", "receipt")]),
    // Nexi result table's `09` on padosoft's decline (constructed).
    e("constructed_payment_09", "E", T2E, &[("result_code", "09"), ("outcome", "uncertain")]),
];

/// VincenzoAccardi/testfolder2migration Setefi/Setefi.vb `ACK_CMD` / `NAK_CMD`.
const CONTROL: &[(&str, &str)] = &[("setefi_ack", "ack"), ("setefi_nak", "nak")];

fn hex_of(file: &str) -> String {
    std::fs::read_to_string(vectors_dir().join(format!("{file}.hex"))).unwrap()
}

fn files_on_disk() -> BTreeSet<String> {
    std::fs::read_dir(vectors_dir())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".hex").map(String::from))
        .collect()
}

/// The application frame of a decoded capture (after any leading ACK).
fn application(decoded: &Value) -> &Value {
    decoded["frames"].as_array().unwrap().iter().find(|f| f["frame"] == "application").unwrap()
}

fn check(row: &Expect, decoded: &Value) {
    assert_eq!(decoded["noise_bytes"], 0, "{}", row.file);
    let frame = application(decoded);
    assert_eq!(frame["lrc"]["valid"], true, "{}: {frame}", row.file);
    assert_eq!(frame["code"], row.code, "{}", row.file);
    assert_eq!(frame["direction"], row.direction, "{}: {frame}", row.file);
    for (name, want) in row.fields {
        assert_eq!(frame["fields"][name], *want, "{}.{name}: {frame}", row.file);
    }
}

#[test]
fn the_table_names_every_vector_file_and_the_readme_every_file() {
    let listed: BTreeSet<String> =
        TABLE.iter().map(|r| r.file).chain(CONTROL.iter().map(|(f, _)| *f)).map(String::from).collect();
    assert_eq!(files_on_disk(), listed);
    let readme = std::fs::read_to_string(vectors_dir().join("README.md")).unwrap();
    for file in &listed {
        assert!(readme.contains(&format!("`{file}.hex`")), "{file} missing from the README");
    }
}

#[test]
fn every_vector_decodes_through_the_library_path() {
    for row in TABLE {
        check(row, &decode_frame(hex_of(row.file).trim()).unwrap());
    }
    for (file, kind) in CONTROL {
        let v = decode_frame(hex_of(file).trim()).unwrap();
        assert_eq!(v["frames"][0]["frame"], *kind, "{file}");
    }
}

#[test]
fn tameio_frame_decode_decodes_every_vector() {
    let dir = tempfile::tempdir().unwrap();
    for file in files_on_disk() {
        let out = crate::support::binary::command()
            .arg("--data-dir")
            .arg(dir.path())
            .args(["frame", "decode", "--protocol", "ecr17", hex_of(&file).trim()])
            .env_remove("RUST_LOG")
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(printed, decode_frame(hex_of(&file).trim()).unwrap(), "{file}");
        if let Some(row) = TABLE.iter().find(|r| r.file == file) {
            check(row, &printed);
        }
    }
}

/// Before fields were checked, a 26-byte receipt part read as a reversal request (code `S`,
/// length 26), in `frame decode` and in the protocol log alike.
#[test]
fn a_receipt_part_is_logged_as_a_receipt_and_a_reversal_as_a_request() {
    let part = decode_frame(hex_of("constructed_receipt_part_26").trim()).unwrap();
    assert_eq!(application(&part)["fields"]["message"], "receipt");
    assert!(application(&part)["fields"].get("request").is_none());
    let logged = log_frames(&vector_bytes("constructed_receipt_part_26"));
    assert_eq!(logged.len(), 1);
    assert!(logged[0].contains("ESERCENTE"), "{logged:?}");
    let reversal = decode_frame(hex_of("js_reversal_request").trim()).unwrap();
    assert_eq!(application(&reversal)["fields"]["request"], "reversal");
}

/// padosoft's VAS payload leaves the length field at pos 23 as `0000`: the XML is all that came.
#[test]
fn the_vas_response_keeps_its_whole_xml() {
    let v = decode_frame(hex_of("padosoft_vas_response").trim()).unwrap();
    let fields = &application(&v)["fields"];
    assert_eq!(fields["more"], false);
    assert_eq!(fields["declared_length"], "0000");
    assert_eq!(fields["response_message"], "OK-APPROVED");
    assert!(fields["xml"].as_str().unwrap().ends_with("</ecrres>"));
}
