//! `tameio sim` and `tameio frame decode`: the technician's tools. They need no database; the
//! simulators and decoders themselves are `register::tools`.

use clap::Subcommand;

use super::{EXIT_OK, block_on, print_json};
use crate::fl;
use crate::i18n::I18n;
use crate::register::RegisterError;
use crate::register::tools::{self, NexoSimOptions, Simulator};

#[derive(Debug, Subcommand)]
pub enum SimCommand {
    /// A simulated AADE 1155 terminal (Greece, LAN) until Ctrl-C.
    Aade1155 {
        #[arg(long, default_value = "127.0.0.1:4000")]
        listen: String,
        #[arg(long, default_value = "approve")]
        scenario: String,
        /// 01 (base protocol) or 10 (A.1155 extensions).
        #[arg(long, default_value = "10")]
        version: String,
        /// The strict real-terminal profile: version 10 writes D in another order than ILIAS's.
        #[arg(long)]
        strict: bool,
    },
    /// A simulated WebECR backend with its terminal (Greece, cloud); prints pairing codes.
    Webecr {
        #[arg(long, default_value = "127.0.0.1:8089")]
        listen: String,
        #[arg(long, default_value = "approve")]
        scenario: String,
        /// The strict real-terminal profile: a pending void shows no Transaction; no /api/v2/.
        #[arg(long)]
        strict: bool,
    },
    /// A simulated nexo Retailer terminal (PAX, Swedbank Pay) over HTTP until Ctrl-C; prints
    /// one JSON line per request received.
    Nexo {
        #[arg(long, default_value = "127.0.0.1:11000")]
        listen: String,
        #[arg(long, default_value = "approve")]
        scenario: String,
        /// How long the card dialog holds the payment open, in milliseconds.
        #[arg(long, default_value_t = 300)]
        step_ms: u64,
        /// How long the terminal answers Busy after each payment, in milliseconds.
        #[arg(long, default_value_t = 3000)]
        busy_after_ms: u64,
        /// Full integration: the register's listener (HOST:PORT) to post display texts to.
        #[arg(long)]
        pos: Option<String>,
        /// Approved sales need the cardholder's signature: full integration asks the register's
        /// listener; light integration marks the merchant copy for the register to check.
        #[arg(long)]
        signature: bool,
        /// The strict real-terminal profile: every Login a new session, TransactionStatus by
        /// ServiceID only within it, a ServiceID used twice refused.
        #[arg(long)]
        strict: bool,
    },
    /// An ESC/POS printer on TCP: writes each job raw (.bin) and as a text preview (.txt).
    Printer {
        #[arg(long, default_value = "127.0.0.1:9100")]
        listen: String,
        #[arg(long, default_value = "printer-out")]
        out: std::path::PathBuf,
        /// normal, off, paper-out
        #[arg(long, default_value = "normal")]
        mode: String,
    },
    /// A simulated ECR17 terminal until Ctrl-C; prints one JSON line per request received.
    Ecr17 {
        #[arg(long, default_value = "127.0.0.1:8081")]
        listen: String,
        #[arg(long, default_value = "approve")]
        scenario: String,
        #[arg(long)]
        terminal_id: Option<String>,
        /// Pause between progress steps, in milliseconds.
        #[arg(long, default_value_t = 0)]
        step_ms: u64,
        /// The strict real-terminal profile: E1 (receipt to the register) left unanswered.
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FrameCommand {
    /// `frame decode --protocol ecr17 HEX` (or `-` to read stdin).
    Decode {
        #[arg(long, default_value = "ecr17")]
        protocol: String,
        input: String,
    },
}

/// Runs the simulator `sim` is given on its address until Ctrl-C.
pub fn sim(cmd: SimCommand) -> Result<u8, RegisterError> {
    block_on(async move {
        let sim = match cmd {
            SimCommand::Printer { listen, out, mode } => tools::printer_sim(&listen, out, &mode).await?,
            SimCommand::Aade1155 { listen, scenario, version, strict } => {
                tools::aade1155_sim(&listen, &scenario, &version, strict).await?
            }
            SimCommand::Webecr { listen, scenario, strict } => {
                tools::webecr_sim(&listen, &scenario, strict).await?
            }
            SimCommand::Nexo { listen, scenario, step_ms, busy_after_ms, pos, signature, strict } => {
                let options = NexoSimOptions { scenario, step_ms, busy_after_ms, pos, signature, strict };
                tools::nexo_sim(&listen, options).await?
            }
            SimCommand::Ecr17 { listen, scenario, terminal_id, step_ms, strict } => {
                tools::ecr17_sim(&listen, &scenario, terminal_id, step_ms, strict).await?
            }
        };
        until_ctrl_c(sim).await
    })?;
    Ok(EXIT_OK)
}

async fn until_ctrl_c(sim: Simulator) -> Result<(), RegisterError> {
    eprintln!("{}", sim.banner());
    tokio::select! {
        r = sim.serve() => r?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

/// The longest capture `frame decode -` reads from standard input.
const MAX_CAPTURE_TEXT: u64 = 4 * 1024 * 1024;

pub fn frame(cmd: FrameCommand, i18n: &I18n) -> Result<u8, RegisterError> {
    let FrameCommand::Decode { protocol, input } = cmd;
    let bad = |text: String| RegisterError::BadInput(text);
    let input = if input == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(
            &mut std::io::Read::take(std::io::stdin(), MAX_CAPTURE_TEXT + 1),
            &mut s,
        )
        .map_err(|e| bad(fl!(i18n, "err-frame-not-hex", detail = e.to_string())))?;
        if s.len() as u64 > MAX_CAPTURE_TEXT {
            return Err(bad(fl!(i18n, "err-frame-too-long", limit = MAX_CAPTURE_TEXT)));
        }
        s
    } else {
        input
    };
    let value = tools::decode_frame(&protocol, &input).map_err(|e| bad(e.message(i18n)))?;
    print_json(&value);
    Ok(EXIT_OK)
}
