//! User commands: a new PIN given by a manager, and the recovery step that lifts a PIN lock
//! when no manager can sign in (it needs only access to the data folder; it is audited).

use clap::Subcommand;

use serde_json::json;

use super::{EXIT_BAD_INPUT, EXIT_OK, print_json};
use crate::domain::Role;
use crate::fl;
use crate::i18n::I18n;
use crate::register::{Register, RegisterError};

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Every user: name, role, whether they may sign in, whether wrong PINs locked them.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Give a user a new PIN (a manager's PIN): `user pin Maria --new-pin 4821 --pin 9999`.
    /// A new PIN also lifts a lock.
    Pin {
        name: String,
        #[arg(long, env = "TAMEIO_NEW_PIN", hide_env_values = true)]
        new_pin: String,
        /// The manager who allows it (default: the demo manager's name).
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: String,
    },
    /// Recovery: let a user locked after too many wrong PINs try again, or with
    /// `--manager-prompt` the manager PIN prompt. Asks for no PIN (whoever runs it can
    /// write the data folder anyway); written to the audit log.
    Unlock {
        #[arg(required_unless_present = "manager_prompt", conflicts_with = "manager_prompt")]
        name: Option<String>,
        #[arg(long)]
        manager_prompt: bool,
    },
}

pub fn run(register: &Register, i18n: &I18n, cmd: UserCommand) -> Result<u8, RegisterError> {
    match cmd {
        UserCommand::List { json: as_json } => {
            let staff = register.staff()?;
            if as_json {
                let users: Vec<_> = staff
                    .iter()
                    .map(|s| {
                        json!({ "name": s.user.name, "role": s.user.role.code(), "active": s.active,
                                "locked": s.locked, "failed_pins": s.user.failed_pins })
                    })
                    .collect();
                print_json(&json!({ "users": users }));
            } else {
                for s in staff {
                    let state = match (s.active, s.locked) {
                        (_, true) => i18n.tr("settings-user-locked"),
                        (true, false) => i18n.tr("settings-user-active"),
                        (false, false) => i18n.tr("settings-user-inactive"),
                    };
                    let role = match s.user.role {
                        Role::Manager => i18n.tr("role-manager"),
                        Role::Cashier => i18n.tr("role-cashier"),
                    };
                    println!("{:<20} {:<12} {state}", s.user.name, role);
                }
            }
            Ok(EXIT_OK)
        }
        UserCommand::Pin { name, new_pin, user, pin } => {
            let manager = register
                .cli_operator(user.as_deref().or(Some(crate::register::DEMO_MANAGER.0)), Some(&pin))?;
            let target = register.staff()?.into_iter().find(|s| s.user.name.eq_ignore_ascii_case(&name));
            let Some(target) = target else { return Err(RegisterError::NoUser(name)) };
            register.set_pin(&manager, target.user.id, &new_pin)?;
            println!("{}", fl!(i18n, "cli-user-pin-changed", name = target.user.name));
            Ok(EXIT_OK)
        }
        UserCommand::Unlock { name, manager_prompt } => {
            if name.is_none() && !manager_prompt {
                return Ok(EXIT_BAD_INPUT);
            }
            let was_locked = register.recovery_unlock(name.as_deref())?;
            let shown = name.unwrap_or_else(|| fl!(i18n, "cli-manager-prompt"));
            let id = if was_locked { "cli-user-unlocked" } else { "cli-user-not-locked" };
            println!("{}", i18n.tr_args(id, &[("name", fluent_bundle::FluentValue::from(shown))]));
            Ok(EXIT_OK)
        }
    }
}
