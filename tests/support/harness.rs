//! Driving tameio as separate processes for the fault tests: the command that runs it, a
//! simulator process with its received-log, terminal set-up per protocol, and the journal as read from disk.
#![allow(dead_code)] // each test crate (and the example) takes the parts it needs

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long one tameio command may run before the harness calls it hung (a safety net: a
/// hang is reported as a failure instead of stalling the matrix; nothing is timed).
pub const HUNG_AFTER: Duration = Duration::from_secs(180);

/// The ECR17 simulator's terminal id (its default).
pub const ECR17_TID: &str = "37105051";
/// The WebECR simulator's terminal and integration user (its defaults).
pub const WEBECR_TID: &str = "64999964";
pub const WEBECR_USER: &str = "tameio-sandbox";
pub const WEBECR_PASSWORD: &str = "sandbox-password";
/// The name every fault test gives its terminal.
pub const TERMINAL: &str = "pos";

/// How to run tameio: a built binary (tests), or this very executable with a marker as its
/// first argument (the example, which then behaves as tameio).
#[derive(Debug, Clone)]
pub struct Tameio {
    program: PathBuf,
    prefix: Vec<OsString>,
}

impl Tameio {
    pub fn binary(path: impl Into<PathBuf>) -> Tameio {
        Tameio { program: path.into(), prefix: Vec::new() }
    }

    /// The running executable, re-entered with `marker` first.
    pub fn reentrant(marker: &str) -> std::io::Result<Tameio> {
        Ok(Tameio { program: std::env::current_exe()?, prefix: vec![marker.into()] })
    }

    /// `tameio` with a clean environment for faults and data folders, in English.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.prefix)
            .env("LANG", "en_US.UTF-8")
            .env_remove("TAMEIO_FAULT")
            .env_remove("RUST_LOG")
            .env_remove("TAMEIO_DATA_DIR")
            .env_remove("TAMEIO_TERMINAL_PASSWORD");
        cmd
    }

    /// `tameio --data-dir DIR ARGS…`.
    pub fn at(&self, dir: &Path, args: &[&str]) -> Command {
        let mut cmd = self.command();
        cmd.arg("--data-dir").arg(dir).args(args);
        cmd
    }

    /// Runs a command to its end (or until it hangs).
    pub fn run(&self, dir: &Path, args: &[&str]) -> Ran {
        run(self.at(dir, args))
    }
}

/// What a finished command did.
#[derive(Debug, Clone)]
pub struct Ran {
    pub what: String,
    /// The exit code; `None` when a signal (or abort) ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub hung: bool,
}

impl Ran {
    /// The last JSON object printed on stdout.
    pub fn json(&self) -> Value {
        self.stdout.lines().rev().find_map(|l| serde_json::from_str(l).ok()).unwrap_or(Value::Null)
    }

    /// Ended by something other than one of tameio's own exit codes (0..=4): an abort, a
    /// signal, a panic.
    pub fn died(&self) -> bool {
        !matches!(self.code, Some(0..=4))
    }

    /// One line for reports: the command, how it ended and the gist of what it said.
    pub fn summary(&self) -> String {
        let end = match (self.hung, self.code) {
            (true, _) => "HUNG (killed)".to_string(),
            (false, Some(c)) => format!("exit {c}"),
            (false, None) => "killed by a signal".to_string(),
        };
        let said = |s: &str| {
            plain(s.trim().lines().last().unwrap_or_default()).chars().take(240).collect::<String>()
        };
        format!("`{}` {end}; out: {}; err: {}", self.what, said(&self.stdout), said(&self.stderr))
    }
}

/// Runs a command to its end; one that cannot start is reported like one that died.
pub fn run(cmd: Command) -> Ran {
    let what = describe(&cmd);
    match Running::spawn(cmd) {
        Ok(running) => running.wait(),
        Err(e) => Ran { what, code: None, stdout: String::new(), stderr: e, hung: false },
    }
}

/// A command running in the background, its output collected as it comes.
pub struct Running {
    pub child: Child,
    what: String,
    out: Option<JoinHandle<String>>,
    err: Option<JoinHandle<String>>,
}

fn collect(mut from: impl Read + Send + 'static) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = from.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

impl Running {
    pub fn spawn(mut cmd: Command) -> Result<Running, String> {
        let what = describe(&cmd);
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().map_err(|e| format!("cannot start {what}: {e}"))?;
        let out = child.stdout.take().map(collect);
        let err = child.stderr.take().map(collect);
        Ok(Running { child, what, out, err })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL (Unix) / TerminateProcess: nothing after it runs in the child.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
    }

    /// True once it has ended.
    pub fn finished(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Waits for the end; a command still running after `HUNG_AFTER` is killed and marked hung.
    pub fn wait(mut self) -> Ran {
        let started = Instant::now();
        let mut hung = false;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if started.elapsed() > HUNG_AFTER => {
                    hung = true;
                    let _ = self.child.kill();
                    break self.child.wait().ok();
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(_) => break None,
            }
        };
        let text = |h: Option<JoinHandle<String>>| h.and_then(|h| h.join().ok()).unwrap_or_default();
        Ran {
            what: self.what,
            code: status.and_then(|s| s.code()),
            stdout: text(self.out.take()),
            stderr: text(self.err.take()),
            hung,
        }
    }
}

/// Text without terminal colour codes (the log lines on stderr carry them).
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // ESC [ … letter
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn describe(cmd: &Command) -> String {
    let args: Vec<String> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
    // The data folder is noise in a report; the subcommand is what matters.
    let skip = args.iter().position(|a| a == "--data-dir").map(|i| i..i + 2);
    let shown: Vec<&str> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !skip.as_ref().is_some_and(|r| r.contains(i)) && !a.starts_with("__"))
        .map(|(_, a)| a.as_str())
        .collect();
    let fault = cmd
        .get_envs()
        .find(|(k, _)| *k == "TAMEIO_FAULT")
        .and_then(|(_, v)| v.map(|v| format!("TAMEIO_FAULT={} ", v.to_string_lossy())))
        .unwrap_or_default();
    format!("{fault}tameio {}", shown.join(" "))
}

/// The terminal families the fault tests cover (AADE 1155 in both versions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proto {
    Ecr17,
    Aade01,
    Aade10,
    WebEcr,
}

impl Proto {
    pub const ALL: [Proto; 4] = [Proto::Ecr17, Proto::Aade01, Proto::Aade10, Proto::WebEcr];

    pub fn title(self) -> &'static str {
        match self {
            Proto::Ecr17 => "ECR17",
            Proto::Aade01 => "AADE v01",
            Proto::Aade10 => "AADE v10",
            Proto::WebEcr => "WebECR",
        }
    }

    /// `ecr17`, `aade01`, `aade10`, `webecr` (for command-line filters).
    pub fn code(self) -> &'static str {
        match self {
            Proto::Ecr17 => "ecr17",
            Proto::Aade01 => "aade01",
            Proto::Aade10 => "aade10",
            Proto::WebEcr => "webecr",
        }
    }

    fn sim_args(self) -> Vec<&'static str> {
        let listen = ["--listen", "127.0.0.1:0"];
        let mut args = match self {
            Proto::Ecr17 => vec!["sim", "ecr17", "--terminal-id", ECR17_TID],
            Proto::Aade01 => vec!["sim", "aade1155", "--version", "01"],
            Proto::Aade10 => vec!["sim", "aade1155", "--version", "10"],
            Proto::WebEcr => vec!["sim", "webecr"],
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

    /// A financial request in the simulator's log (a sale: ECR17 `P`, AADE `A`, WebECR `txninit`).
    pub fn is_financial(self, v: &Value) -> bool {
        match self {
            Proto::Ecr17 => v["code"] == "P",
            Proto::Aade01 | Proto::Aade10 => v["code"] == "A",
            Proto::WebEcr => v["endpoint"] == "txninit",
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
        let mut child = tameio
            .at(dir, &proto.sim_args())
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
        if let Some(v) = self.seen.iter().find(|v| hit(v)) {
            return Ok(v.clone());
        }
        loop {
            match self.next(quiet) {
                Some(v) if hit(&v) => return Ok(v),
                Some(_) => {}
                None => {
                    return Err(format!(
                        "the {} simulator went quiet; it logged {:?}",
                        self.proto.title(),
                        self.seen
                    ));
                }
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
    let mut args: Vec<String> = ["terminal", "add", TERMINAL].map(String::from).to_vec();
    match sim.proto {
        Proto::Ecr17 => args.extend(
            ["--protocol", "ecr17", "--addr", &sim.addr, "--terminal-id", ECR17_TID].map(String::from),
        ),
        Proto::Aade01 | Proto::Aade10 => {
            args.extend(["--protocol", "aade1155", "--addr", &sim.addr].map(String::from))
        }
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

/// One row of `attempts`.
#[derive(Debug, Clone)]
pub struct AttemptRow {
    pub id: String,
    pub state: String,
    pub note: String,
    pub order_id: Option<i64>,
    pub amount_cents: i64,
}

/// One row of `attempt_events`.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub attempt_id: String,
    pub state: String,
    pub note: String,
}

/// One row of `tenders` (card ones carry their attempt).
#[derive(Debug, Clone)]
pub struct TenderRow {
    pub order_id: i64,
    pub kind: String,
    pub amount_cents: i64,
    pub attempt_id: Option<String>,
}

/// One row of `receipts`.
#[derive(Debug, Clone)]
pub struct ReceiptRow {
    pub number: i64,
    pub order_id: i64,
    pub total_cents: i64,
}

/// The journal and the books as the database holds them (read-only).
#[derive(Debug, Clone, Default)]
pub struct Books {
    pub attempts: Vec<AttemptRow>,
    pub events: Vec<EventRow>,
    pub tenders: Vec<TenderRow>,
    pub receipts: Vec<ReceiptRow>,
    /// Results kept as matching no attempt (their outcome JSON).
    pub unmatched: Vec<String>,
}

impl Books {
    pub fn read(dir: &Path) -> Result<Books, String> {
        use rusqlite::{Connection, OpenFlags};
        let path = dir.join("tameio.db");
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let err = |e: rusqlite::Error| format!("reading {}: {e}", path.display());
        let mut books = Books::default();
        let mut q = conn
            .prepare("SELECT id, state, note, order_id, amount_cents FROM attempts ORDER BY created_at, id")
            .map_err(err)?;
        books.attempts = q
            .query_map([], |r| {
                Ok(AttemptRow {
                    id: r.get(0)?,
                    state: r.get(1)?,
                    note: r.get(2)?,
                    order_id: r.get(3)?,
                    amount_cents: r.get(4)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut q =
            conn.prepare("SELECT attempt_id, state, note FROM attempt_events ORDER BY id").map_err(err)?;
        books.events = q
            .query_map([], |r| Ok(EventRow { attempt_id: r.get(0)?, state: r.get(1)?, note: r.get(2)? }))
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut q = conn
            .prepare("SELECT order_id, kind, amount_cents, attempt_id FROM tenders ORDER BY id")
            .map_err(err)?;
        books.tenders = q
            .query_map([], |r| {
                Ok(TenderRow {
                    order_id: r.get(0)?,
                    kind: r.get(1)?,
                    amount_cents: r.get(2)?,
                    attempt_id: r.get(3)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut q =
            conn.prepare("SELECT number, order_id, total_cents FROM receipts ORDER BY id").map_err(err)?;
        books.receipts = q
            .query_map([], |r| {
                Ok(ReceiptRow { number: r.get(0)?, order_id: r.get(1)?, total_cents: r.get(2)? })
            })
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut q = conn.prepare("SELECT outcome FROM unmatched_results ORDER BY id").map_err(err)?;
        books.unmatched = q.query_map([], |r| r.get(0)).and_then(Iterator::collect).map_err(err)?;
        Ok(books)
    }

    pub fn events_of(&self, attempt: &str) -> Vec<&EventRow> {
        self.events.iter().filter(|e| e.attempt_id == attempt).collect()
    }

    /// The journal rows of one attempt, for a report.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for a in &self.attempts {
            out.push_str(&format!(
                "attempt {} order {:?} {} cents: {} ({})",
                a.id, a.order_id, a.amount_cents, a.state, a.note
            ));
            let trail: Vec<String> = self
                .events_of(&a.id)
                .iter()
                .map(
                    |e| if e.note.is_empty() { e.state.clone() } else { format!("{} ({})", e.state, e.note) },
                )
                .collect();
            out.push_str(&format!("; events: {}", trail.join(" → ")));
        }
        let tenders: Vec<String> = self
            .tenders
            .iter()
            .map(|t| format!("{} {} on order {}", t.kind, t.amount_cents, t.order_id))
            .collect();
        let receipts: Vec<String> = self
            .receipts
            .iter()
            .map(|r| format!("#{} order {} {}", r.number, r.order_id, r.total_cents))
            .collect();
        out.push_str(&format!("; tenders: [{}]; receipts: [{}]", tenders.join(", "), receipts.join(", ")));
        if !self.unmatched.is_empty() {
            out.push_str(&format!("; unmatched results kept: {}", self.unmatched.join(", ")));
        }
        out
    }
}
