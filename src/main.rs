//! tameio's entry point: the command line, or the GUI when no subcommand is given.
// A release build on Windows is a GUI-subsystem program: double-clicking it opens no console
// window. The price: its CLI output does not reach the console it was started from (attaching
// to the parent console needs `unsafe`, which the crate forbids); pipe it (`tameio.exe db check
// | more`) or use a debug/console build for scripting. See the README's Install section.
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
