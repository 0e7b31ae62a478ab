//! `tameio fiscal`: the shop's myDATA link (none / provider / fiscal-device, `[fiscal]` in
//! tameio.toml), its keys in the secrets file, and the ECR-token key exchange with a terminal.

use std::path::PathBuf;

use clap::Subcommand;
use fluent_bundle::FluentValue;

use super::{EXIT_OK, block_on, print_json};
use crate::i18n::I18n;
use crate::register::{DEMO_MANAGER, Register, RegisterError};

#[derive(Debug, Subcommand)]
pub enum FiscalCommand {
    /// The setting and which keys are set (never their values).
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Sets the mode: `fiscal mode provider --provider-id 999 --pin 9999`, `fiscal mode
    /// fiscal-device --ecr-id ABC00111222 --pin 9999`, `fiscal mode none --pin 9999`.
    Mode {
        /// none, provider or fiscal-device.
        mode: String,
        /// The e-invoicing provider's AADE id (provider mode).
        #[arg(long)]
        provider_id: Option<String>,
        /// The fiscal device's registry number (fiscal-device mode).
        #[arg(long)]
        ecr_id: Option<String>,
        /// Where Amount goes in the signed string: nexi-guide or public.
        #[arg(long)]
        field_order: Option<String>,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: String,
    },
    /// Keeps a key from FILE in the secrets file: provider_key (PEM) or master_key (32 hex).
    Key {
        name: String,
        file: PathBuf,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: String,
    },
    /// Binds the fiscal device to TERMINAL and exchanges a fresh session key with it.
    Bind {
        terminal: String,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: String,
    },
}

pub fn run(register: &Register, i18n: &I18n, cmd: FiscalCommand) -> Result<u8, RegisterError> {
    let manager = |user: &Option<String>, pin: &str| {
        register.cli_operator(user.as_deref().or(Some(DEMO_MANAGER.0)), Some(pin))
    };
    match cmd {
        FiscalCommand::Show { json } => {
            let f = register.fiscal_settings();
            let keys = ["provider_key", "master_key"].map(|k| (k, register.fiscal_key_is_set(k)));
            if json {
                let set: serde_json::Map<String, serde_json::Value> =
                    keys.iter().map(|(k, v)| ((*k).to_string(), (*v).into())).collect();
                print_json(&serde_json::json!({ "fiscal": f, "keys_set": set }));
                return Ok(EXIT_OK);
            }
            let mode = FluentValue::from(f.mode.code());
            println!("{}", i18n.tr_args("cli-fiscal-mode", &[("mode", mode)]));
            for (name, value) in [("provider_id", &f.provider_id), ("ecr_id", &f.ecr_id)] {
                println!("  {name} = {value}");
            }
            for (name, set) in keys {
                let id = if set { "cli-fiscal-key-set" } else { "cli-fiscal-key-unset" };
                println!("  {}", i18n.tr_args(id, &[("name", FluentValue::from(name))]));
            }
            Ok(EXIT_OK)
        }
        FiscalCommand::Mode { mode, provider_id, ecr_id, field_order, user, pin } => {
            let by = manager(&user, &pin)?;
            let f = register.fiscal_settings_as_typed(&mode, provider_id, ecr_id, field_order)?;
            register.save_fiscal_settings(&by, f.clone())?;
            let mode = FluentValue::from(f.mode.code());
            println!("{}", i18n.tr_args("cli-fiscal-mode", &[("mode", mode)]));
            Ok(EXIT_OK)
        }
        FiscalCommand::Key { name, file, user, pin } => {
            let by = manager(&user, &pin)?;
            let value = std::fs::read_to_string(&file)
                .map_err(|e| RegisterError::BadInput(format!("{}: {e}", file.display())))?;
            register.set_fiscal_key(&by, &name, &value)?;
            println!("{}", i18n.tr_args("cli-fiscal-key-set", &[("name", FluentValue::from(name))]));
            Ok(EXIT_OK)
        }
        FiscalCommand::Bind { terminal, user, pin } => {
            let by = manager(&user, &pin)?;
            let kcv = block_on(register.bind_fiscal_device(&by, &terminal))?;
            let args = [("terminal", FluentValue::from(terminal)), ("kcv", FluentValue::from(kcv))];
            println!("{}", i18n.tr_args("cli-fiscal-bound", &args));
            Ok(EXIT_OK)
        }
    }
}
