//! The console door to tameio on Windows. The release `tameio.exe` is a GUI-subsystem program
//! (no console window opens with the register), so what it prints never reaches the console it
//! was started from. The MSI installs this small console program beside it as `tameio.com`:
//! typed in a console, `tameio db check` finds `tameio.com` first (`PATHEXT` lists `.COM`
//! before `.EXE`), which runs `tameio.exe`, copies what it prints to the console (through
//! pipes, which a GUI-subsystem program writes to like any other) and returns its exit code.
//! The console's input is handed down as it is. The Start menu still starts `tameio.exe`.
//!
//! It needs nothing of the library, so it stays small and builds in a moment.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::thread::JoinHandle;

/// The real program, beside this one.
fn program() -> std::io::Result<PathBuf> {
    let me = std::env::current_exe()?;
    Ok(me.with_file_name(format!("tameio{}", std::env::consts::EXE_SUFFIX)))
}

fn main() -> ExitCode {
    let program = match program() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("tameio: cannot find the program beside this one: {e}");
            return ExitCode::FAILURE;
        }
    };
    let child = Command::new(&program)
        .args(std::env::args_os().skip(1))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            eprintln!("tameio: cannot start {}: {e}", program.display());
            return ExitCode::FAILURE;
        }
    };
    let out = child.stdout.take().map(|from| copy(from, std::io::stdout()));
    let err = child.stderr.take().map(|from| copy(from, std::io::stderr()));
    let status = child.wait();
    for copier in [out, err].into_iter().flatten() {
        let _ = copier.join();
    }
    match status {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            None => ExitCode::FAILURE,
        },
        Err(e) => {
            eprintln!("tameio: lost {}: {e}", program.display());
            ExitCode::FAILURE
        }
    }
}

/// Copies a child's output as it comes (a progress line shows at once, not at the end).
fn copy(mut from: impl Read + Send + 'static, mut to: impl Write + Send + 'static) -> JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 || to.write_all(&buf[..n]).and_then(|()| to.flush()).is_err() {
                break;
            }
        }
    })
}
