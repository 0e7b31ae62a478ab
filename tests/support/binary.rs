//! tameio as the tests run it: the binary cargo built for them, in English, with nothing from
//! the shell that would change what it does.

use std::path::Path;
use std::process::{Command, Output};

use super::process::Tameio;

/// The built `tameio` binary.
pub const TAMEIO: &str = env!("CARGO_BIN_EXE_tameio");

/// `tameio` in English, with no data folder, log level, fault plan or PIN from the shell.
pub fn command() -> Command {
    let mut cmd = Command::new(TAMEIO);
    cmd.env("LANG", "en_US.UTF-8")
        .env_remove("RUST_LOG")
        .env_remove("TAMEIO_DATA_DIR")
        .env_remove("TAMEIO_FAULT")
        .env_remove("TAMEIO_NEW_PIN")
        .env_remove("TAMEIO_TERMINAL_PASSWORD");
    cmd
}

/// `tameio --data-dir DIR ARGS…`, for a test to add to before it runs.
pub fn at(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = command();
    cmd.arg("--data-dir").arg(dir).args(args);
    cmd
}

/// `tameio --data-dir DIR ARGS…` run to its end.
pub fn tameio(dir: &Path, args: &[&str]) -> Output {
    at(dir, args).output().unwrap()
}

/// What a finished command printed, standard output then standard error.
pub fn shown(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// The fault harness's runner on the built binary.
pub fn harness() -> Tameio {
    Tameio::binary(TAMEIO)
}
