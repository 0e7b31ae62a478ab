//! The certification run (`tameio terminal certify`) end to end against each protocol's
//! simulator, run as a process of its own like a real terminal: every step the protocol
//! offers passes, the lost link is kept open or settled by the protocol's recovery (never
//! sent twice), and the PDF report and the audit entry are written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support;

use serde_json::Value;
use support::terminals::{Proto, Sim, TERMINAL, add_terminal};

fn certify(proto: Proto) -> (Value, Vec<Value>, std::path::PathBuf, tempfile::TempDir) {
    let tameio = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tameio.toml"), "language = \"en\"\n").unwrap();
    let mut sim = Sim::start(&tameio, proto, dir.path()).unwrap();
    add_terminal(&tameio, dir.path(), &mut sim, &proto.base_options()).unwrap();
    let report = dir.path().join("out").join("report.pdf");
    let report_arg = report.display().to_string();
    let ran = tameio.run(
        dir.path(),
        &["terminal", "certify", TERMINAL, "--yes", "--pin", "9999", "--json", "-o", &report_arg],
    );
    let run = ran.json();
    assert!(run.is_object(), "{}", ran.summary());
    let financial = sim.financial();
    (run, financial, report, dir)
}

fn verdicts(run: &Value) -> Vec<(String, String)> {
    run["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["step"].as_str().unwrap().to_string(), s["verdict"].as_str().unwrap().to_string()))
        .collect()
}

fn check(proto: Proto, not_offered: &[&str]) {
    let (run, financial, report, dir) = certify(proto);
    let got = verdicts(&run);
    let steps: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        steps,
        ["status", "sale", "void-last", "decline", "lost-link", "recover", "totals", "batch-close"],
        "{run}"
    );
    for (step, verdict) in &got {
        let want = if not_offered.contains(&step.as_str()) { "not-offered" } else { "passed" };
        assert_eq!(verdict, want, "{} step {step}: {run}", proto.title());
    }
    // Sale, decline and the lost link: one request taken each, none repeated (a request the
    // terminal refused as busy, and so never started, may be asked again).
    let sales = financial.iter().filter(|v| proto.took(v)).count();
    assert_eq!(sales, 3, "{} sent {sales} sales: {financial:?}", proto.title());
    let pdf = std::fs::read(&report).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "the report is a PDF");
    assert_eq!(run["report"].as_str(), Some(report.display().to_string().as_str()));
    // Each payment step names its journal attempt, and the log holds the protocol's traffic.
    let sale = &run["steps"][1];
    assert!(sale["attempt"].is_string(), "{sale}");
    assert!(!sale["log"].as_array().unwrap().is_empty(), "the sale's protocol log: {sale}");
    let tameio = crate::support::binary::harness();
    let open = tameio.run(dir.path(), &["attempt", "list"]);
    if not_offered.contains(&"recover") {
        assert_eq!(open.code, Some(4), "the lost payment waits for a manager: {}", open.summary());
    } else {
        assert_eq!(open.code, Some(0), "nothing left open: {}", open.summary());
    }
}

#[test]
fn ecr17_passes_every_step() {
    check(Proto::Ecr17, &[]);
}

#[test]
fn aade1155_v10_passes_every_step_it_offers() {
    check(Proto::Aade10, &["totals", "batch-close"]);
}

#[test]
fn aade1155_v01_passes_every_step_it_offers() {
    // Version 01 has no way to ask about a lost result: the report says so, and a manager
    // decides the payment.
    check(Proto::Aade01, &["recover", "totals", "batch-close"]);
}

#[test]
fn nexo_passes_every_step_it_offers() {
    check(Proto::Nexo, &[]);
}

#[test]
fn webecr_passes_every_step_it_offers() {
    check(Proto::WebEcr, &["totals", "batch-close"]);
}

/// A step that fails is reported as failed, the run goes on, and the exit code says so.
#[test]
fn an_unreachable_terminal_fails_its_steps_and_the_run() {
    let tameio = crate::support::binary::harness();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tameio.toml"), "language = \"en\"\n").unwrap();
    // A port nobody listens on: bound, then released.
    let addr = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let added = tameio.run(
        dir.path(),
        &[
            "terminal",
            "add",
            "gone",
            "--protocol",
            "ecr17",
            "--addr",
            &addr,
            "--terminal-id",
            "12345678",
            "--keep-demo-pins",
        ],
    );
    assert_eq!(added.code, Some(0), "{}", added.summary());
    let ran = tameio.run(dir.path(), &["terminal", "certify", "gone", "--yes", "--pin", "9999", "--json"]);
    assert_eq!(ran.code, Some(1), "{}", ran.summary());
    let run = ran.json();
    let got = verdicts(&run);
    assert_eq!(got[0], ("status".to_string(), "failed".to_string()), "{run}");
    assert_eq!(got[1], ("sale".to_string(), "failed".to_string()), "{run}");
    assert_eq!(got[2], ("void-last".to_string(), "skipped".to_string()), "no sale, no void: {run}");
    let report = run["report"].as_str().unwrap();
    assert!(report.contains("reports"), "saved in the data folder's reports/: {report}");
    assert!(std::path::Path::new(report).exists());
    let wrong_pin = tameio.run(dir.path(), &["terminal", "certify", "gone", "--yes", "--pin", "1111"]);
    assert_ne!(wrong_pin.code, Some(0), "a cashier cannot run it: {}", wrong_pin.summary());
}
