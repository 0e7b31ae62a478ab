//! `tameio db`: the integrity check, a backup, and restoring one (before the register opens).

use std::cell::{Cell, RefCell};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Subcommand;
use fluent_bundle::FluentValue;
use serde_json::json;

use super::{EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, print_json};
use crate::config::Places;
use crate::fl;
use crate::i18n::I18n;
use crate::register::ChainReport;
use crate::register::{CheckPhase, CheckProgress, CheckScope, Register, RegisterError};

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// `PRAGMA integrity_check`, the whole audit chain, every receipt's seal and every row a
    /// strict read would refuse. A progress line goes to stderr when it is a terminal.
    Check {
        #[arg(long)]
        json: bool,
        /// For daily use: only the seals of the receipts issued in the last DAYS days (7 when
        /// not given) and the audit chain from the first entry of those days on. Does NOT
        /// run SQLite's integrity check, read older receipts or audit entries, or scan every
        /// row: run the whole check for those (weekly, and before trusting a backup).
        #[arg(long, value_name = "DAYS", num_args = 0..=1, default_missing_value = "7")]
        quick: Option<u32>,
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
        DbCommand::Check { json, quick } => {
            let scope = quick.map_or(CheckScope::Full, |days| CheckScope::Quick { days });
            let line = ProgressLine::on_stderr(i18n);
            let check = register.check_db_with(scope, &|p| line.show(p));
            line.clear();
            let check = check?;
            if json {
                print_json(&json!({ "ok": check.is_ok(), "check": check }));
            } else {
                if check.quick_days.is_none() && check.integrity != ["ok"] {
                    println!("{}", fl!(i18n, "cli-db-integrity", detail = check.integrity.join("; ")));
                }
                if let ChainReport::Broken { entry, reason } = &check.chain {
                    println!("{}", fl!(i18n, "cli-db-chain-broken", entry = *entry, reason = reason.clone()));
                }
                for p in check.receipt_problems.iter().chain(&check.row_problems) {
                    println!("{}", fl!(i18n, "cli-db-receipt-problem", detail = p.clone()));
                }
                if let (true, ChainReport::Intact { entries }, Some(days)) =
                    (check.is_ok(), &check.chain, check.quick_days)
                {
                    let receipts = check.receipts_checked;
                    println!(
                        "{}",
                        fl!(i18n, "cli-db-quick-ok", days = days, entries = *entries, receipts = receipts)
                    );
                } else if let (true, ChainReport::Intact { entries }) = (check.is_ok(), &check.chain) {
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
    use std::io::BufRead;
    let actor = match pin {
        Some(pin) => {
            let (register, _) = Register::open(places)?;
            register.authorize_manager(pin)?.name
        }
        None => crate::register::RECOVERY_ACTOR.to_string(),
    };
    let line = ProgressLine::on_stderr(i18n);
    let candidate = Register::check_restore_file_with(places, file, &|p| line.show(p));
    line.clear();
    let candidate = candidate?;
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

/// `db check`'s progress, one line on stderr redrawn in place (`\r`), only when stderr is a
/// terminal: a script or a log file gets the result alone. The phases run side by side: the
/// line shows each one begun and not yet done.
struct ProgressLine<'a> {
    i18n: &'a I18n,
    on: bool,
    /// Each phase's last figures, in the order they began.
    phases: RefCell<Vec<CheckProgress>>,
    /// The text last drawn: the line is redrawn when it changes.
    drawn: RefCell<String>,
    width: Cell<usize>,
}

impl<'a> ProgressLine<'a> {
    fn on_stderr(i18n: &'a I18n) -> ProgressLine<'a> {
        ProgressLine {
            i18n,
            on: std::io::stderr().is_terminal(),
            phases: RefCell::default(),
            drawn: RefCell::default(),
            width: Cell::new(0),
        }
    }

    fn show(&self, p: CheckProgress) {
        if !self.on {
            return;
        }
        let mut phases = self.phases.borrow_mut();
        match phases.iter_mut().find(|q| q.phase == p.phase) {
            Some(q) => *q = p,
            None => phases.push(p),
        }
        let running: Vec<String> =
            phases.iter().filter(|q| q.done < q.total || q.total == 0).map(|q| self.part(q)).collect();
        let text = running.join(" · ");
        if text.is_empty() || *self.drawn.borrow() == text {
            return;
        }
        // Padded to the last line's width, so a shorter line leaves nothing of it behind.
        let width = self.width.get().max(text.chars().count());
        self.width.set(width);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{text:<width$}");
        let _ = err.flush();
        *self.drawn.borrow_mut() = text;
    }

    /// One phase's part of the line: its name and how far it is.
    fn part(&self, p: &CheckProgress) -> String {
        let phase = self.i18n.tr(match p.phase {
            CheckPhase::Integrity => "cli-db-phase-integrity",
            CheckPhase::AuditChain => "cli-db-phase-audit",
            CheckPhase::Receipts => "cli-db-phase-receipts",
            CheckPhase::Rows => "cli-db-phase-rows",
        });
        match p.phase {
            CheckPhase::Integrity => format!("{phase} …"),
            _ => {
                let percent = (p.done.min(p.total) * 100).checked_div(p.total).unwrap_or(0);
                format!("{phase} {percent} %")
            }
        }
    }

    /// Wipes the line, so what follows starts on a clean one.
    fn clear(&self) {
        if self.on && self.width.get() > 0 {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{:width$}\r", "", width = self.width.get());
            let _ = err.flush();
        }
    }
}
