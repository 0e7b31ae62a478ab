//! The terminals of the fault tests: each protocol's simulator as a process of its own, with
//! its received-log, and the terminal `pos` configured (and paired) on it.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use super::process::Tameio;

/// The ECR17 simulator's terminal id (its default).
pub const ECR17_TID: &str = "37105051";
/// The WebECR simulator's terminal and integration user (its defaults).
pub const WEBECR_TID: &str = "64999964";
pub const WEBECR_USER: &str = "tameio-sandbox";
pub const WEBECR_PASSWORD: &str = "sandbox-password";
/// The name every fault test gives its terminal.
pub const TERMINAL: &str = "pos";
/// The POIID the nexo terminal is configured with.
pub const NEXO_POIID: &str = "A-POIID";

/// The terminal families the fault tests cover (AADE 1155 in both versions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proto {
    Ecr17,
    Aade01,
    Aade10,
    WebEcr,
    Nexo,
}

impl Proto {
    pub const ALL: [Proto; 5] = [Proto::Ecr17, Proto::Aade01, Proto::Aade10, Proto::WebEcr, Proto::Nexo];

    pub fn title(self) -> &'static str {
        match self {
            Proto::Ecr17 => "ECR17",
            Proto::Aade01 => "AADE v01",
            Proto::Aade10 => "AADE v10",
            Proto::WebEcr => "WebECR",
            Proto::Nexo => "nexo",
        }
    }

    /// `ecr17`, `aade01`, `aade10`, `webecr` (for command-line filters).
    pub fn code(self) -> &'static str {
        match self {
            Proto::Ecr17 => "ecr17",
            Proto::Aade01 => "aade01",
            Proto::Aade10 => "aade10",
            Proto::WebEcr => "webecr",
            Proto::Nexo => "nexo",
        }
    }

    /// The simulator has a strict real-terminal profile (`tameio sim … --strict`).
    pub fn has_strict_profile(self) -> bool {
        true
    }

    fn sim_args(self) -> Vec<&'static str> {
        let listen = ["--listen", "127.0.0.1:0"];
        let mut args = match self {
            Proto::Ecr17 => vec!["sim", "ecr17", "--terminal-id", ECR17_TID],
            Proto::Aade01 => vec!["sim", "aade1155", "--version", "01"],
            Proto::Aade10 => vec!["sim", "aade1155", "--version", "10"],
            Proto::WebEcr => vec!["sim", "webecr"],
            // A short Busy after each payment: back-to-back payments must not run out of retries.
            Proto::Nexo => vec!["sim", "nexo", "--busy-after-ms", "300"],
        };
        args.extend(listen);
        args
    }

    /// Words on the simulator's stderr just before its address.
    fn marker(self) -> &'static str {
        match self {
            Proto::WebEcr => "WebECR simulator on http://",
            _ => "listening on ",
        }
    }

    /// A financial request in the simulator's log (a sale: ECR17 `P`, AADE `A`, WebECR `txninit`,
    /// nexo `Payment`).
    pub fn is_financial(self, v: &Value) -> bool {
        match self {
            Proto::Ecr17 => v["code"] == "P",
            Proto::Aade01 | Proto::Aade10 => v["code"] == "A",
            Proto::WebEcr => v["endpoint"] == "txninit",
            Proto::Nexo => v["category"] == "Payment",
        }
    }

    /// The simulator took this financial request on (it may have charged the card).
    pub fn took(self, v: &Value) -> bool {
        self.is_financial(v)
            && match self {
                Proto::WebEcr => v["created_intent"] == true,
                _ => v["accepted"] == true,
            }
    }

    /// The simulator took it and its scenario ends in an approval (the card is charged).
    pub fn approves(self, v: &Value) -> bool {
        if !self.took(v) {
            return false;
        }
        match self {
            Proto::WebEcr => {
                let b = v["behaviour"].as_str().unwrap_or_default();
                ["approve", "long-wait", "drop-after-approval", "garbage"].contains(&b)
            }
            _ => {
                let s = v["scenario"].as_str().unwrap_or_default();
                !["decline", "busy", "disconnect-mid-payment"].contains(&s)
            }
        }
    }

    /// Terminal options every fault test uses: short pauses where the defaults only wait.
    pub fn base_options(self) -> Vec<String> {
        match self {
            Proto::Ecr17 => vec![],
            Proto::Aade01 => vec!["version=\"01\"".into(), "busy_backoff_ms=100".into()],
            Proto::Aade10 => vec!["version=\"10\"".into(), "busy_backoff_ms=100".into()],
            Proto::WebEcr => vec!["poll_interval_ms=300".into(), "recover_grace_ms=500".into()],
            Proto::Nexo => vec![format!("poiid={NEXO_POIID}"), "busy_backoff_ms=100".into()],
        }
    }

    /// Options that make the `slow` scenario outlast the register's wait for a result.
    pub fn short_timeout_options(self) -> Vec<String> {
        match self {
            // The slow ECR17 simulator takes 3 × 1 s after the ACK.
            Proto::Ecr17 => vec!["payment_timeout_ms=1000".into()],
            // The slow AADE simulator waits 1 s before its RESULT.
            Proto::Aade01 | Proto::Aade10 => vec!["result_timeout_ms=300".into()],
            // The long-waiting intent completes on the third poll; polling gives up after two.
            Proto::WebEcr => vec![
                "poll_total_secs=1".into(),
                "sync_timeout_secs=1".into(),
                "request_grace_secs=1".into(),
                "poll_interval_ms=2000".into(),
            ],
            // The slow nexo simulator holds the Payment past a one-second wait.
            Proto::Nexo => vec!["payment_timeout_ms=1000".into()],
        }
    }
}

/// A simulated terminal in a process of its own (`tameio sim …`), with what it received.
pub struct Sim {
    pub proto: Proto,
    child: Child,
    /// `HOST:PORT` (WebECR: `HOST:PORT/api`).
    pub addr: String,
    lines: mpsc::Receiver<Value>,
    /// Every JSON line it printed so far, in order.
    pub seen: Vec<Value>,
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sim {
    /// Starts one with its settings and logs in `dir` (never the user's own folders).
    pub fn start(tameio: &Tameio, proto: Proto, dir: &Path) -> Result<Sim, String> {
        Sim::start_profile(tameio, proto, dir, false)
    }

    /// The same, in its strict real-terminal profile when `strict`.
    pub fn start_profile(tameio: &Tameio, proto: Proto, dir: &Path, strict: bool) -> Result<Sim, String> {
        let mut args = proto.sim_args();
        if strict {
            args.push("--strict");
        }
        let mut child = tameio
            .at(dir, &args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the {} simulator: {e}", proto.title()))?;
        let mut stderr = BufReader::new(child.stderr.take().ok_or("no simulator stderr")?);
        let mut addr = String::new();
        let mut said = String::new();
        loop {
            let mut line = String::new();
            if stderr.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            said.push_str(&line);
            if let Some(rest) = line.split(proto.marker()).nth(1) {
                addr = rest.split([',', ' ']).next().unwrap_or_default().trim().to_string();
                break;
            }
        }
        if addr.is_empty() {
            let _ = child.kill();
            return Err(format!("the {} simulator did not say where it listens: {said}", proto.title()));
        }
        // Keep draining stderr: a full pipe would stall the simulator.
        std::thread::spawn(move || stderr.lines().map_while(Result::ok).for_each(drop));
        let stdout = BufReader::new(child.stdout.take().ok_or("no simulator stdout")?);
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str(&line) {
                    let _ = tx.send(v);
                }
            }
        });
        Ok(Sim { proto, child, addr, lines, seen: Vec::new() })
    }

    /// `http://HOST:PORT/api` for WebECR.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The next line it prints, waiting at most `wait`.
    fn next(&mut self, wait: Duration) -> Option<Value> {
        let v = self.lines.recv_timeout(wait).ok()?;
        self.seen.push(v.clone());
        Some(v)
    }

    /// Waits for a line that matches (already seen ones count). `Err` when it went quiet
    /// for `quiet` or ended.
    pub fn wait_for(&mut self, quiet: Duration, hit: impl Fn(&Value) -> bool) -> Result<Value, String> {
        self.wait_for_nth(quiet, 1, hit)
    }

    /// Waits for the `n`th line that matches (counting those already seen).
    pub fn wait_for_nth(
        &mut self,
        quiet: Duration,
        n: usize,
        hit: impl Fn(&Value) -> bool,
    ) -> Result<Value, String> {
        loop {
            if let Some(v) = self.seen.iter().filter(|v| hit(v)).nth(n.saturating_sub(1)) {
                return Ok(v.clone());
            }
            if self.next(quiet).is_none() {
                let title = self.proto.title();
                return Err(format!("the {title} simulator went quiet; it logged {:?}", self.seen));
            }
        }
    }

    /// Stops the simulator and returns everything it logged: each line was flushed before it
    /// answered, so reading its output to the end misses nothing and waits on no clock.
    pub fn finish(&mut self) -> &[Value] {
        let _ = self.child.kill();
        let _ = self.child.wait();
        while let Ok(v) = self.lines.recv() {
            self.seen.push(v);
        }
        &self.seen
    }

    /// Financial requests in its log (as `Proto::is_financial`); stops the simulator.
    pub fn financial(&mut self) -> Vec<Value> {
        let proto = self.proto;
        self.finish().iter().filter(|v| proto.is_financial(v)).cloned().collect()
    }
}

/// Configures the terminal `pos` on this simulator (and pairs it, for WebECR).
pub fn add_terminal(tameio: &Tameio, dir: &Path, sim: &mut Sim, options: &[String]) -> Result<(), String> {
    // A test rig keeps the demo PINs its commands use (`--keep-demo-pins`, hidden).
    let mut args: Vec<String> = ["terminal", "add", TERMINAL, "--keep-demo-pins"].map(String::from).to_vec();
    match sim.proto {
        Proto::Ecr17 => args.extend(
            ["--protocol", "ecr17", "--addr", &sim.addr, "--terminal-id", ECR17_TID].map(String::from),
        ),
        Proto::Aade01 | Proto::Aade10 => {
            args.extend(["--protocol", "aade1155", "--addr", &sim.addr].map(String::from))
        }
        Proto::Nexo => args.extend(["--protocol", "nexo", "--addr", &sim.addr].map(String::from)),
        Proto::WebEcr => args.extend(
            [
                "--protocol",
                "webecr",
                "--base-url",
                &sim.base_url(),
                "--terminal-id",
                WEBECR_TID,
                "--username",
                WEBECR_USER,
                "--password",
                WEBECR_PASSWORD,
            ]
            .map(String::from),
        ),
    }
    for o in options {
        args.extend(["--option".to_string(), o.clone()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let added = tameio.run(dir, &args);
    if added.code != Some(0) {
        return Err(format!("terminal add failed: {}", added.summary()));
    }
    if sim.proto == Proto::WebEcr {
        let line = sim.wait_for(Duration::from_secs(30), |v| v["pairing_code"].is_string())?;
        let code = line["pairing_code"].as_str().unwrap_or_default().to_string();
        let paired = tameio.run(dir, &["terminal", "pair", TERMINAL, "--code", &code]);
        if paired.code != Some(0) {
            return Err(format!("terminal pair failed: {}", paired.summary()));
        }
    }
    Ok(())
}
