//! `tameio db`: the integrity check, a backup, and restoring one (before the register opens).

use std::path::PathBuf;

use clap::Subcommand;
use fluent_bundle::FluentValue;
use serde_json::json;

use super::{EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, print_json};
use crate::config::Places;
use crate::fl;
use crate::i18n::I18n;
use crate::register::ChainReport;
use crate::register::{Register, RegisterError};

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// `PRAGMA integrity_check`, the audit chain and every receipt's seal.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// An online copy of the database.
    Backup { target: PathBuf },
    /// Replace the database with FILE (a backup): FILE must be a tameio database that passes
    /// `db check`; asked once; the current database is copied to `backups/` first; audited.
    /// Refused while another tameio (the register, a command) has the database open.
    Restore {
        file: PathBuf,
        /// Do not ask (scripts).
        #[arg(long)]
        yes: bool,
        /// A manager's PIN: the restore is audited under that manager (else as the data
        /// folder's owner).
        #[arg(long)]
        pin: Option<String>,
    },
}

pub fn db(register: &Register, i18n: &I18n, cmd: DbCommand) -> Result<u8, RegisterError> {
    match cmd {
        DbCommand::Check { json } => {
            let check = register.check_db()?;
            if json {
                print_json(&json!({ "ok": check.is_ok(), "check": check }));
            } else {
                if check.integrity != ["ok"] {
                    println!("{}", fl!(i18n, "cli-db-integrity", detail = check.integrity.join("; ")));
                }
                if let ChainReport::Broken { entry, reason } = &check.chain {
                    println!("{}", fl!(i18n, "cli-db-chain-broken", entry = *entry, reason = reason.clone()));
                }
                for p in check.receipt_problems.iter().chain(&check.row_problems) {
                    println!("{}", fl!(i18n, "cli-db-receipt-problem", detail = p.clone()));
                }
                if let (true, ChainReport::Intact { entries }) = (check.is_ok(), &check.chain) {
                    println!(
                        "{}",
                        i18n.tr_args(
                            "cli-db-ok",
                            &[
                                ("entries", FluentValue::from(*entries)),
                                ("receipts", FluentValue::from(check.receipts_checked))
                            ]
                        )
                    );
                }
            }
            Ok(if check.is_ok() { EXIT_OK } else { EXIT_FAILURE })
        }
        DbCommand::Backup { target } => {
            register.backup(&target)?;
            println!("{}", fl!(i18n, "cli-backup-done", path = target.display().to_string()));
            Ok(EXIT_OK)
        }
        // Handled in `run`, before the database is opened.
        DbCommand::Restore { .. } => Ok(EXIT_BAD_INPUT),
    }
}

/// `db restore FILE`: check the file, ask once, replace. The register is not open meanwhile
/// (a manager's PIN is checked on the current database, which is then closed again).
pub fn restore(
    places: &Places,
    i18n: &I18n,
    file: &std::path::Path,
    yes: bool,
    pin: Option<&str>,
) -> Result<u8, RegisterError> {
    use std::io::{BufRead, IsTerminal, Write};
    let actor = match pin {
        Some(pin) => {
            let (register, _) = Register::open(places)?;
            register.authorize_manager(pin)?.name
        }
        None => crate::register::RECOVERY_ACTOR.to_string(),
    };
    let candidate = Register::check_restore_file(places, file)?;
    eprintln!(
        "{}",
        i18n.tr_args(
            "cli-restore-checked",
            &[
                ("file", FluentValue::from(file.display().to_string())),
                ("schema", FluentValue::from(candidate.schema)),
                ("receipts", FluentValue::from(candidate.check.receipts_checked)),
                ("entries", FluentValue::from(candidate.audit_entries())),
            ]
        )
    );
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(crate::register::RestoreError::NotConfirmed.into());
        }
        eprint!("{} ", fl!(i18n, "cli-restore-ask", path = places.database().display().to_string()));
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        let _ = stdin.lock().read_line(&mut answer);
        let answer = answer.trim().to_lowercase();
        let words = i18n.tr("cli-restore-yes-words");
        if answer.is_empty() || !words.split(',').any(|w| w.trim() == answer) {
            eprintln!("{}", i18n.tr("cli-restore-cancelled"));
            return Ok(EXIT_FAILURE);
        }
    }
    let restored = candidate.restore(places, &actor)?;
    let previous = restored.previous.as_ref().map(|p| p.display().to_string());
    println!(
        "{}",
        i18n.tr_args(
            "cli-restore-done",
            &[
                ("file", FluentValue::from(restored.file.display().to_string())),
                ("previous", FluentValue::from(previous.unwrap_or_else(|| "-".into()))),
            ]
        )
    );
    Ok(EXIT_OK)
}
