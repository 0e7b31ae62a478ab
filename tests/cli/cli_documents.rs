//! Documents from the command line: receipt PDF, counted reprints to a (simulated) printer,
//! and X/Z reports after a batch close.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::binary::tameio;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn sale(dir: &Path) {
    let out = tameio(dir, &["sale", "--item", "101x2", "--item", "503", "--cash", "20"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn receipt_pdf_is_small_and_speaks_greek() {
    let dir = tempfile::tempdir().unwrap();
    sale(dir.path());
    let pdf = dir.path().join("r1.pdf");
    let out = tameio(
        dir.path(),
        &["receipt", "pdf", "1", "-o", pdf.to_str().unwrap(), "--lang", "el", "--paper", "58mm"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
    if let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("ΑΠΟΔΕΙΞΗ"), "{text}");
        assert!(text.contains("10,39"), "{text}");
    }
    assert_eq!(tameio(dir.path(), &["receipt", "pdf", "7", "-o", "x.pdf"]).status.code(), Some(2));
    assert_eq!(tameio(dir.path(), &["receipt", "pdf", "1", "--paper", "a3"]).status.code(), Some(2));
}

#[test]
fn reprints_need_a_manager_and_are_counted_copies() {
    let dir = tempfile::tempdir().unwrap();
    sale(dir.path());
    let wrong = tameio(dir.path(), &["receipt", "reprint", "1", "--pin", "0000"]);
    assert_eq!(wrong.status.code(), Some(1));
    let cashier = tameio(dir.path(), &["receipt", "reprint", "1", "--user", "Maria", "--pin", "1111"]);
    assert!(String::from_utf8_lossy(&cashier.stderr).contains("Only a manager"));

    let mut printer = crate::support::binary::command()
        .args(["sim", "printer", "--listen", "127.0.0.1:0", "--out"])
        .arg(dir.path().join("jobs"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(printer.stderr.take().unwrap());
    let mut addr = None;
    for line in stderr.lines().map_while(Result::ok) {
        if let Some(rest) = line.strip_prefix("printer simulator on ") {
            addr = rest.split(',').next().map(str::to_string);
            break;
        }
    }
    let addr = addr.expect("printer simulator address");
    let out = tameio(dir.path(), &["receipt", "reprint", "1", "--pin", "9999", "--printer", &addr]);
    let _ = printer.kill();
    let _ = printer.wait();
    // The printer is gone now: that reprint fails and is no copy (not counted, not audited).
    let refused = tameio(dir.path(), &["receipt", "reprint", "1", "--pin", "9999", "--printer", &addr]);
    assert!(!refused.status.success());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let preview = std::fs::read_to_string(dir.path().join("jobs/job-0001.txt")).unwrap();
    assert!(preview.contains("COPY"), "{preview}");

    let second = tameio(dir.path(), &["receipt", "reprint", "1", "--pin", "9999"]);
    assert!(String::from_utf8_lossy(&second.stdout).contains("Copy no. 2"));
    let list: serde_json::Value =
        serde_json::from_slice(&tameio(dir.path(), &["receipt", "list", "--json"]).stdout).unwrap();
    assert_eq!(list["receipts"][0]["reprints"], 2);
}

#[test]
fn x_then_z_report() {
    let dir = tempfile::tempdir().unwrap();
    sale(dir.path());
    let x = tameio(dir.path(), &["report", "x"]);
    assert!(String::from_utf8_lossy(&x.stdout).contains("10.39"));
    assert_eq!(tameio(dir.path(), &["report", "z"]).status.code(), Some(1), "no closure yet");
    let close = tameio(dir.path(), &["batch", "close", "--pin", "9999", "--counted-cash", "10,39"]);
    assert!(close.status.success(), "{}", String::from_utf8_lossy(&close.stderr));
    let z = tameio(dir.path(), &["report", "z", "1", "--lang", "el"]);
    let text = String::from_utf8_lossy(&z.stdout);
    assert!(text.contains("10,39"), "{text}");
    let pdf = dir.path().join("z.pdf");
    assert!(tameio(dir.path(), &["report", "z", "-o", pdf.to_str().unwrap()]).status.success());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let x_after = tameio(dir.path(), &["report", "x"]);
    assert!(!String::from_utf8_lossy(&x_after.stdout).contains("10.39"));
}
