//! Running tameio as separate processes for the fault tests: the command that runs it (a
//! built binary or the example re-entered), commands run to their end or in the background.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long one tameio command may run before the harness calls it hung (a safety net: a
/// hang is reported as a failure instead of stalling the matrix; nothing is timed).
pub const HUNG_AFTER: Duration = Duration::from_secs(180);

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
