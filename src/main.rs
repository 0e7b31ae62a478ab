//! tameio's entry point: the command line, or the GUI when no subcommand is given.

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
