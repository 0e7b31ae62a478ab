//! tameio's entry point: the command line, or the GUI when no subcommand is given.
// A release build on Windows is a GUI-subsystem program: double-clicking it opens no console
// window. Its command-line output reaches a console through `tameio.com` (src/bin/
// tameio-console.rs), which the MSI installs beside it; attaching to the parent console
// instead would need `unsafe`, which the crate forbids.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use tameio::cli::{self, Cli};
use tameio::config::Places;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return cli::usage_error(e),
    };
    let places = Places::resolve(cli.data_dir.as_deref());
    let _log_guard = tameio::logging::init(&places, cli.command.is_none());
    if cli.command.is_none() {
        return tameio::ui::run(places);
    }
    cli::run(cli, &places)
}
