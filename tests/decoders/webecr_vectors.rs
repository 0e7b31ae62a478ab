//! Every WebECR vector under tests/vectors/webecr/ goes through `decode_input`, the function
//! `tameio frame decode --protocol webecr FILE` calls, and says what the spec says it means.
//! Sources per file in tests/vectors/webecr/README.md: the Mellon WebECR v2.5.7 PDF
//! (arbdoescode/ECR-POS: documentation/EFTPOS-WebECRv2.5.7.pdf) and the public C# client's
//! models (Raphael-Bairaktaris/ECRAndEFTPOS).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;
use tameio::terminal::webecr::decode_input;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/webecr")
}

fn vector(name: &str) -> Value {
    decode_input(dir().join(name).to_str().unwrap()).unwrap()
}

#[test]
fn every_vector_decodes_and_is_named_in_the_readme() {
    let readme = std::fs::read_to_string(dir().join("README.md")).unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        assert!(readme.contains(&format!("`{name}`")), "{name} has no source in README.md");
        let v = decode_input(path.to_str().unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v["protocol"], "webecr", "{name}");
        let kind = v["kind"].as_str().unwrap_or("");
        assert!(!kind.is_empty() && kind != "unrecognised", "{name}: {v}");
        seen += 1;
    }
    assert!(seen >= 14, "only {seen} vectors");
}

/// SPEC §3.7.5 example response: approved, STAN 1 as on the slip, no TransactionId.
#[test]
fn the_spec_sale_answer_is_approved() {
    let v = vector("txninit_sale_answer.json");
    assert_eq!((v["kind"].as_str(), v["verdict"].as_str()), (Some("intent"), Some("approved")));
    let a = &v["approval"];
    assert_eq!(a["stan"], "000001");
    assert_eq!(a["rrn"], "001003");
    assert_eq!(a["auth_code"], "104525");
    assert_eq!(a["masked_pan"], "************6411");
    assert_eq!(a["acquirer_id"], "75");
    assert_eq!(v["transaction_id"], Value::Null);
}

/// SPEC §3.7.5 Provider-Data answer: `Id` a number, the 21-digit TransactionId kept.
#[test]
fn the_provider_data_answer_carries_the_legal_id() {
    let v = vector("txninit_provider_data_answer.json");
    assert_eq!((v["id"].as_str(), v["verdict"].as_str()), (Some("1060"), Some("approved")));
    assert_eq!(v["transaction_id"], "075121702285176315144");
    assert_eq!(v["approval"]["transaction_id"], "075121702285176315144");
}

/// The same money with STAN/BatchNumber as zero-padded text, and in the older v2 object
/// (CS `TxnId`, `TransactionType`, numeric TID/RRN/AuthCode): still approved, same slip data.
#[test]
fn tolerant_shapes_read_as_the_spec_shape() {
    for name in ["derived_padded_text_sale_answer.json", "derived_older_v2_intent.json"] {
        let v = vector(name);
        assert_eq!(v["verdict"], "approved", "{name}: {v}");
        let a = &v["approval"];
        assert_eq!((a["stan"].as_str(), a["rrn"].as_str()), (Some("000001"), Some("121702285176")), "{name}");
        assert_eq!(a["auth_code"], "315144", "{name}");
        assert_eq!(v["transaction"], "8091750", "{name}");
    }
}

/// SPEC §3.7.7 and §3.7.8 examples: lists with their items judged one by one.
#[test]
fn lists_describe_their_items() {
    let intents = vector("intent_list.json");
    assert_eq!((intents["kind"].as_str(), intents["count"].as_u64()), (Some("page"), Some(1)));
    let item = &intents["items"][0];
    assert_eq!((item["id"].as_str(), item["verdict"].as_str()), (Some("5"), Some("approved")));
    let txns = vector("transaction_list.json");
    let t = &txns["items"][0];
    assert_eq!(
        (t["kind"].as_str(), t["acquirer"].as_str(), t["stan"].as_str()),
        (Some("transaction"), Some("11"), Some("13"))
    );
    assert_eq!(vector("terminal_list.json")["items"][0]["kind"], "terminal");
}

#[test]
fn requests_and_secrets() {
    assert_eq!(vector("txninit_sale_request.json")["kind"], "txninit request");
    assert_eq!(vector("txninit_provider_data_request.json")["kind"], "txninit request");
    assert_eq!(vector("txninit_ecr_token_request.json")["kind"], "txninit request");
    assert_eq!(vector("ecrbind.json")["kind"], "ecrbind");
    assert_eq!(vector("ecrkeyexchange.json")["kind"], "ecrkeyexchange");
    assert_eq!(vector("redeem_request.json")["code"], "8413239096");
    let key = vector("redeem_answer.json");
    assert!(!key.to_string().contains("Zg6xxfx_R1eXTOs39BPzqQ"), "the API key is a secret: {key}");
}

/// The command itself: a file, standard input, and a body that is not JSON (exit 2).
#[test]
fn the_command_decodes_a_file_and_stdin() {
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str], stdin: Option<&str>| {
        let mut child = crate::support::binary::command()
            .arg("--data-dir")
            .arg(data.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(text) = stdin {
            std::io::Write::write_all(child.stdin.as_mut().unwrap(), text.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    };
    let file = dir().join("txninit_provider_data_answer.json");
    let out = run(&["frame", "decode", "--protocol", "webecr", file.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, vector("txninit_provider_data_answer.json"), "the command prints what decode_input gives");
    let body = std::fs::read_to_string(dir().join("intent_list.json")).unwrap();
    let out = run(&["frame", "decode", "--protocol", "webecr", "-"], Some(&body));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["items"][0]["verdict"], "approved");
    let out = run(&["frame", "decode", "--protocol", "webecr", "-"], Some("<html>502</html>"));
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
}
