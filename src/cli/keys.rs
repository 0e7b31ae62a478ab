//! `tameio terminal keys NAME --pin PIN [--init] [--master-key HEX] [--session-key] [--json]`:
//! the AADE 1155 v10 key set-up of one terminal (init echo, master key, session key load).

use clap::Args;

use super::{EXIT_OK, block_on, print_json};
use crate::fl;
use crate::i18n::I18n;
use crate::register::{KeySetup, Register, RegisterError};

#[derive(Debug, Args)]
pub struct KeysArgs {
    /// The configured AADE 1155 terminal.
    pub name: String,
    /// A manager's PIN.
    #[arg(long)]
    pub pin: String,
    /// Send the init echo (the terminal then fetches its master key from AADE).
    #[arg(long)]
    pub init: bool,
    /// Keep this master key (32 hex digits) for the terminal, in the secrets file.
    #[arg(long, env = "TAMEIO_AADE_MASTER_KEY", hide_env_values = true)]
    pub master_key: Option<String>,
    /// Make a new session key and load it (`MAC_K` with its KCV). With neither `--init` nor
    /// `--session-key`: the init echo, then a session key.
    #[arg(long)]
    pub session_key: bool,
    #[arg(long)]
    pub json: bool,
}

pub fn run(register: &Register, i18n: &I18n, args: KeysArgs) -> Result<u8, RegisterError> {
    let by = register.authorize_manager(&args.pin)?;
    let setup = KeySetup { init_echo: args.init, master_key: args.master_key, session_key: args.session_key };
    let done = block_on(register.set_up_terminal_keys(&by, &args.name, setup))?;
    if args.json {
        print_json(&serde_json::to_value(&done).unwrap_or_default());
        return Ok(EXIT_OK);
    }
    let name = done.terminal.clone();
    if done.master_key_kept {
        println!("{}", fl!(i18n, "cli-terminal-keys-master", name = name.clone()));
    }
    if let Some(text) = &done.echo {
        let tid = done.tid.clone().unwrap_or_default();
        println!(
            "{}",
            fl!(i18n, "cli-terminal-keys-echo", name = name.clone(), text = text.clone(), tid = tid)
        );
    }
    if let Some(kcv) = &done.session_key_kcv {
        println!("{}", fl!(i18n, "cli-terminal-keys-session", name = name, kcv = kcv.clone()));
    }
    Ok(EXIT_OK)
}
