//! The payment rule end to end: `tameio pay` is killed (SIGKILL) after its request went out;
//! `tameio recover` resolves the attempt through ECR17 `G`, and exactly one `P` was ever sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

struct Sim {
    child: Child,
    addr: String,
    lines: mpsc::Receiver<serde_json::Value>,
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_sim() -> Sim {
    start("ecr17", "listening on ")
}

/// Starts `tameio sim PROTOCOL` on a free port and reads its address from its first words.
fn start(protocol: &str, marker: &str) -> Sim {
    let mut child = crate::support::binary::command()
        .args(["sim", protocol, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut addr = String::new();
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(rest) = line.split(marker).nth(1) {
            addr = rest.split([',', ' ']).next().unwrap().trim().to_string();
            break;
        }
    }
    assert!(!addr.is_empty(), "the simulator did not say where it listens");
    // Keep reading its stderr: a closed pipe would fail the simulator's next message.
    std::thread::spawn(move || stderr.lines().map_while(Result::ok).for_each(drop));
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if let Ok(v) = serde_json::from_str(&line) {
                let _ = tx.send(v);
            }
        }
    });
    Sim { child, addr, lines }
}

fn tameio(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = crate::support::binary::at(dir, args);
    // Unconfigured terminals (`--addr`) are saved; this rig keeps the demo PINs it uses.
    cmd.env("TAMEIO_KEEP_DEMO_PINS", "true");
    cmd
}

fn run(dir: &Path, args: &[&str]) -> Output {
    tameio(dir, args).output().unwrap()
}

/// Waits for the simulator to report a request with this code.
fn wait_for(sim: &Sim, code: &str, seen: &mut Vec<serde_json::Value>) {
    loop {
        let v = sim.lines.recv_timeout(Duration::from_secs(60)).expect("the simulator went quiet");
        seen.push(v.clone());
        if v["code"] == code && v["accepted"] == true {
            return;
        }
    }
}

#[test]
fn killed_mid_payment_then_recovered_with_one_charge() {
    let sim = start_sim();
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    // Cents .62 pick the simulator's `slow` scenario: the result comes seconds after the ACK.
    let mut pay =
        tameio(dir.path(), &["pay", "7,62", "--addr", &sim.addr, "--terminal-id", "37105051", "--json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
    wait_for(&sim, "P", &mut seen);
    pay.kill().unwrap(); // SIGKILL
    let status = pay.wait().unwrap();
    assert!(!status.success());

    // The journal holds the attempt as open: a new payment must not go out before recovery.
    let conn = rusqlite::Connection::open(dir.path().join("tameio.db")).unwrap();
    let state: String = conn.query_row("SELECT state FROM attempts", [], |r| r.get(0)).unwrap();
    assert!(state == "sent" || state == "prepared", "journal state after the kill: {state}");
    drop(conn);

    let out = run(dir.path(), &["recover", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{report}");
    let attempts = report["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 1);
    assert_eq!(attempts[0]["state"], "approved");
    assert_eq!(attempts[0]["amount_cents"], 762);

    // Recovery asked with G and never resent the payment.
    while let Ok(v) = sim.lines.recv_timeout(Duration::from_millis(300)) {
        seen.push(v);
    }
    let count = |code: &str| seen.iter().filter(|v| v["code"] == code && v["accepted"] == true).count();
    assert_eq!(count("P"), 1, "{seen:?}");
    assert!(count("G") >= 1, "{seen:?}");

    // A second recover finds nothing open; a new payment goes through.
    let again: serde_json::Value =
        serde_json::from_slice(&run(dir.path(), &["recover", "--json"]).stdout).unwrap();
    assert_eq!(again["attempts"].as_array().unwrap().len(), 0);
    let next = run(dir.path(), &["pay", "1,00", "--addr", &sim.addr, "--terminal-id", "37105051", "--json"]);
    assert_eq!(next.status.code(), Some(0));
}

#[test]
fn pay_exit_codes_follow_the_outcome() {
    let sim = start_sim();
    let dir = tempfile::tempdir().unwrap();
    let pay = |amount: &str| {
        run(dir.path(), &["pay", amount, "--addr", &sim.addr, "--terminal-id", "37105051", "--json"])
    };
    let approved = pay("4,00");
    assert_eq!(approved.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&approved.stdout).unwrap();
    for key in
        ["attempt", "state", "amount_cents", "auth_code", "masked_pan", "stan", "terminal_id", "message"]
    {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
    assert_eq!(pay("4,61").status.code(), Some(3), "declined");
    let lost = pay("4,64");
    let v: serde_json::Value = serde_json::from_slice(&lost.stdout).unwrap();
    assert_eq!(v["state"], "approved", "a lost result is recovered at once through G: {v}");
    assert_eq!(pay("abc").status.code(), Some(2));
    let status =
        run(dir.path(), &["terminal", "status", "--addr", &sim.addr, "--terminal-id", "37105051", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(v["status"]["terminal_id"], "37105051");
}

#[test]
fn an_unreachable_terminal_charges_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    drop(listener);
    let out = run(dir.path(), &["pay", "2,00", "--addr", &addr, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["state"], "failed");
}

#[test]
fn frame_decode_checks_the_real_smartpos_capture() {
    let dir = tempfile::tempdir().unwrap();
    // The ECR status request from the SmartPOS capture: STX 000000000s ETX LRC 0x3D.
    let out = run(dir.path(), &["frame", "decode", "--protocol", "ecr17", "0230303030303030303073033d"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let frame = &v["frames"][0];
    assert_eq!(frame["code"], "s", "{v}");
    assert_eq!(frame["lrc"]["valid"], true, "{v}");
    assert_eq!(frame["lrc"]["rule"], "stx-etx", "{v}");
    assert_eq!(run(dir.path(), &["frame", "decode", "--protocol", "ecr17", "zz"]).status.code(), Some(2));
}

/// Kills `tameio pay` once the simulator logged the payment request, then recovers.
fn kill_then_recover(
    dir: &Path,
    sim: &Sim,
    pay_args: &[&str],
    is_payment: impl Fn(&serde_json::Value) -> bool,
) {
    let mut args = vec!["pay", "7,62"];
    args.extend_from_slice(pay_args);
    args.push("--json");
    let mut pay = tameio(dir, &args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut seen = Vec::new();
    loop {
        let Ok(v) = sim.lines.recv_timeout(Duration::from_secs(60)) else {
            let _ = pay.kill();
            let out = pay.wait_with_output().unwrap();
            panic!(
                "the simulator at {} went quiet after {seen:?}; pay said {} {}",
                sim.addr,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let hit = is_payment(&v);
        seen.push(v);
        if hit {
            break;
        }
    }
    pay.kill().unwrap();
    let _ = pay.wait();
    let out = run(dir, &["recover", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert_eq!(report["attempts"][0]["state"], "approved", "{report}");
    while let Ok(v) = sim.lines.recv_timeout(Duration::from_millis(500)) {
        seen.push(v);
    }
    assert_eq!(seen.iter().filter(|v| is_payment(v)).count(), 1, "exactly one payment request: {seen:?}");
}

#[test]
fn aade1155_killed_mid_payment_is_recovered_through_o_or_l() {
    let sim = start("aade1155", "listening on ");
    let dir = tempfile::tempdir().unwrap();
    let sale = |v: &serde_json::Value| v["code"] == "A" && v["accepted"] == true;
    kill_then_recover(dir.path(), &sim, &["--protocol", "aade1155", "--addr", &sim.addr], sale);
}

#[test]
fn webecr_killed_mid_payment_is_recovered_by_customer_reference() {
    let sim = start("webecr", "WebECR simulator on http://");
    let dir = tempfile::tempdir().unwrap();
    let base = format!("http://{}/api", sim.addr.trim_end_matches("/api"));
    let add = run(
        dir.path(),
        &[
            "terminal",
            "add",
            "cloud",
            "--keep-demo-pins",
            "--protocol",
            "webecr",
            "--base-url",
            &base,
            "--terminal-id",
            "64999964",
            "--username",
            "tameio-sandbox",
            "--password",
            "sandbox-password",
        ],
    );
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    let code = loop {
        let v = sim.lines.recv_timeout(Duration::from_secs(30)).expect("a pairing code");
        if let Some(code) = v["pairing_code"].as_str() {
            break code.to_string();
        }
    };
    let pair = run(dir.path(), &["terminal", "pair", "cloud", "--code", &code]);
    assert!(pair.status.success(), "{}", String::from_utf8_lossy(&pair.stderr));
    let txn = |v: &serde_json::Value| v.get("pairing_code").is_none() && v.to_string().contains("762");
    kill_then_recover(dir.path(), &sim, &["--terminal", "cloud"], txn);
}

#[test]
fn pay_sends_instalments_and_moto_and_refuses_an_aade_tip() {
    let sim = start("aade1155", "listening on ");
    let dir = tempfile::tempdir().unwrap();
    let target = ["--protocol", "aade1155", "--addr", sim.addr.as_str(), "--json"];
    let pay = |extra: &[&str]| {
        let mut args = vec!["pay"];
        args.extend_from_slice(extra);
        args.extend_from_slice(&target);
        run(dir.path(), &args)
    };
    let codes = |seen: &mut Vec<serde_json::Value>, code: &str| wait_for(&sim, code, seen);
    let mut seen = Vec::new();
    let out = pay(&["300,00", "--instalments", "3"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    codes(&mut seen, "I");
    let out = pay(&["42,00", "--moto"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "moto", "{v}");
    codes(&mut seen, "M");
    // A tip has no field in AADE 1155: refused before sending, nothing charged.
    let out = pay(&["10,00", "--tip", "1,00"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((out.status.code(), v["state"].as_str()), (Some(1), Some("failed")), "{v}");
    assert_eq!(pay(&["10,00", "--instalments", "1"]).status.code(), Some(2), "one instalment is a sale");
    assert_eq!(pay(&["10,00", "--moto", "--kind", "refund"]).status.code(), Some(2));
    assert!(seen.iter().all(|v| v["code"] != "A"), "{seen:?}");
}
