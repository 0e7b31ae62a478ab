//! Writes tameio's man page from the clap definitions to stdout:
//! `cargo run --example man > packaging/linux/tameio.1` (CI checks the committed page is current).

use clap::CommandFactory;
use tameio::cli::Cli;

fn main() -> std::io::Result<()> {
    // The plain version: the committed page must not change with every commit.
    let cmd = Cli::command().version(env!("CARGO_PKG_VERSION"));
    clap_mangen::Man::new(cmd).render(&mut std::io::stdout())
}
