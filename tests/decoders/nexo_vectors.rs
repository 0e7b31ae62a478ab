//! `tameio frame decode --protocol nexo` on every Swedbank sample in tests/vectors/nexo/ (see
//! its README for their source and licence): as a file and on standard input, the same JSON;
//! what is no nexo message exits 2 with a message naming the problem.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Output, Stdio};

fn decode(arg: &str, stdin: Option<&str>) -> Output {
    let mut child = crate::support::binary::command()
        .args(["frame", "decode", "--protocol", "nexo", arg])
        .env("LANG", "en_US.UTF-8")
        .env_remove("TAMEIO_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

#[test]
fn every_sample_decodes_from_a_file_and_from_stdin_alike() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/nexo");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("xml") {
            continue;
        }
        let by_file = decode(path.to_str().unwrap(), None);
        assert_eq!(
            by_file.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&by_file.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&by_file.stdout).unwrap();
        assert_eq!(v["protocol"], "nexo");
        let name = path.file_name().unwrap().to_str().unwrap();
        let category = v["header"]["@MessageCategory"].as_str().unwrap();
        assert!(name.contains(&format!("__{category}")), "{name}: {v}");
        let by_stdin = decode("-", Some(&std::fs::read_to_string(&path).unwrap()));
        assert_eq!(by_stdin.stdout, by_file.stdout, "{name}");
        seen += 1;
    }
    assert_eq!(seen, 29);
}

#[test]
fn what_is_no_nexo_message_is_refused_with_a_reason() {
    for bad in ["<html><body>502</body></html>", "{\"json\":true}", "<SaleToPOIResponse><MessageHeader"] {
        let out = decode("-", Some(bad));
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("not a nexo XML message"), "{bad}: {said}");
    }
    let empty = decode("-", Some(""));
    assert_eq!(empty.status.code(), Some(2));
}
