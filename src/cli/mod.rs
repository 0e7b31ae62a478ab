//! The command line: parse, call `register`, print. A contract tests and users rely on
//! (see ARCHITECTURE.md): `--data-dir`, `--json`, exit codes 0/1/2/3/4.

mod attempts;
mod batch;
mod certify;
mod db;
mod deferred;
mod documents;
mod fiscal;
mod keys;
mod pay;
mod product;
mod receipts;
mod report_period;
mod sale;
mod terminal;
mod tools;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::json;

use crate::config::Places;
use crate::fl;
use crate::i18n::I18n;
use crate::register::{Register, RegisterError};

pub const EXIT_OK: u8 = 0;
pub const EXIT_FAILURE: u8 = 1;
pub const EXIT_BAD_INPUT: u8 = 2;
pub const EXIT_DECLINED: u8 = 3;
pub const EXIT_UNKNOWN: u8 = 4;

#[derive(Debug, Parser)]
#[command(
    name = "tameio",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("TAMEIO_GIT_COMMIT"), ")"),
    about = "A cash register that never loses track of a card payment")]
pub struct Cli {
    /// Where the database, settings and logs live.
    #[arg(long, global = true, env = "TAMEIO_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// A scripted cash sale: `tameio sale --item 5200000001012x2 --cash 20`.
    Sale(sale::SaleArgs),
    /// Receipts: list, show.
    #[command(subcommand)]
    Receipt(receipts::ReceiptCommand),
    /// Database integrity, audit chain, backup.
    #[command(subcommand)]
    Db(db::DbCommand),
    /// One card payment attempt through the journal.
    Pay(terminal::PayArgs),
    /// Open payment attempts and pending bookings; a manager's decision on one.
    #[command(subcommand)]
    Attempt(attempts::AttemptCommand),
    /// Resolve every open payment attempt with its terminal.
    Recover {
        #[arg(long)]
        json: bool,
    },
    /// Users: a new PIN, and lifting a PIN lock (recovery).
    #[command(subcommand)]
    User(users::UserCommand),
    /// Configure and check terminals.
    #[command(subcommand)]
    Terminal(terminal::TerminalCommand),
    /// A simulated terminal until Ctrl-C.
    #[command(subcommand)]
    Sim(tools::SimCommand),
    /// Deferred (preloaded) receipts paid on the terminal later.
    #[command(subcommand)]
    Deferred(deferred::DeferredCommand),
    /// X and Z reports, and the period report for the accountant.
    #[command(subcommand)]
    Report(documents::ReportCommand),
    /// Card batches.
    #[command(subcommand)]
    Batch(BatchCommand),
    /// Decode captured traffic to JSON.
    #[command(subcommand)]
    Frame(tools::FrameCommand),
    /// The shop's myDATA link for card payments (`[fiscal]` in tameio.toml) and its keys.
    #[command(subcommand)]
    Fiscal(fiscal::FiscalCommand),
    /// The shop's catalogue: add, list, show, set, deactivate, import, export; departments.
    #[command(subcommand)]
    Product(product::ProductCommand),
    /// Help from support: `support bundle [-o DIR]`.
    #[command(subcommand)]
    Support(SupportCommand),
}

#[derive(Debug, Subcommand)]
pub enum SupportCommand {
    /// One text file to email: versions, settings, terminals, database check, open attempts and
    /// recent logs, card numbers masked, no secrets. Written to DIR (default: the current folder).
    Bundle {
        #[arg(short = 'o', long = "out", default_value = ".")]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// Close the terminal's batch and the register's (a numbered Z closure). Manager PIN.
    Close {
        #[arg(long)]
        terminal: Option<String>,
        /// Cash counted in the drawer.
        #[arg(long)]
        counted_cash: Option<String>,
        /// The day's opening float (cash in the drawer at the start), when not given before.
        #[arg(long)]
        float: Option<String>,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: Option<String>,
    },
    /// Completes batch closes the terminal answered before a crash; lists those whose answer
    /// was lost, which wait for a manager.
    Pending {
        #[arg(long)]
        json: bool,
    },
    /// Records whether the terminal closed a batch whose answer was lost (see its last close
    /// slip): `--closed` issues the Z, `--not-closed` lets the batch be closed again. Manager PIN.
    Resolve {
        request: i64,
        #[arg(long, conflicts_with = "not_closed", required_unless_present = "not_closed")]
        closed: bool,
        #[arg(long)]
        not_closed: bool,
        /// The batch total printed on the terminal's close slip.
        #[arg(long, requires = "closed")]
        terminal_total: Option<String>,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: Option<String>,
    },
}

/// Runs one command; returns the process exit code.
pub fn run(cli: Cli, places: &Places) -> ExitCode {
    // These need no database.
    let standalone = matches!(&cli.command, Some(Command::Sim(_)) | Some(Command::Frame(_)));
    if standalone {
        let i18n = I18n::new(crate::config::Settings::load(&places.settings()).0.lang());
        let result = match cli.command {
            Some(Command::Sim(cmd)) => tools::sim(cmd),
            Some(Command::Frame(cmd)) => tools::frame(cmd, &i18n),
            _ => Ok(EXIT_OK),
        };
        return finish(result, &i18n);
    }
    if let Some(Command::Db(db::DbCommand::Restore { file, yes, pin })) = cli.command {
        let i18n = I18n::new(crate::config::Settings::load(&places.settings()).0.lang());
        return finish(db::restore(places, &i18n, &file, yes, pin.as_deref()), &i18n);
    }
    let opened = Register::open(places);
    let (register, problems) = match opened {
        Ok(r) => r,
        Err(e) => {
            let i18n = I18n::new(crate::config::Settings::default().lang());
            eprintln!("{}", e.message(&i18n));
            return ExitCode::from(e.exit_code());
        }
    };
    let i18n = I18n::new(register.settings().lang());
    for p in &problems {
        eprintln!("{}", fl!(i18n, "err-settings-ignored", field = p.field.clone()));
    }
    if let Some(note) = register.upgrade_note(&i18n) {
        eprintln!("{note}");
    }
    let result = match cli.command {
        Some(Command::Sale(args)) => sale::sale(&register, &i18n, &args),
        Some(Command::Receipt(cmd)) => receipts::receipt(&register, &i18n, cmd),
        Some(Command::Db(cmd)) => db::db(&register, &i18n, cmd),
        Some(Command::Report(cmd)) => documents::report(&register, cmd),
        Some(Command::Deferred(cmd)) => deferred::run(&register, &i18n, cmd),
        Some(Command::Pay(args)) => pay::pay(&register, &i18n, &args),
        Some(Command::Recover { json }) => terminal::recover(&register, &i18n, json),
        Some(Command::Attempt(cmd)) => attempts::run(&register, &i18n, cmd),
        Some(Command::Terminal(cmd)) => terminal::terminal(&register, &i18n, cmd),
        Some(Command::User(cmd)) => users::run(&register, &i18n, cmd),
        Some(Command::Fiscal(cmd)) => fiscal::run(&register, &i18n, cmd),
        Some(Command::Product(cmd)) => product::run(&register, &i18n, cmd),
        Some(Command::Batch(BatchCommand::Close { terminal, counted_cash, float, user, pin })) => {
            let cash = terminal::DrawerArgs { counted_cash, float };
            terminal::close_batch(&register, &i18n, terminal, cash, user, pin)
        }
        Some(Command::Batch(BatchCommand::Pending { json })) => batch::pending(&register, &i18n, json),
        Some(Command::Batch(BatchCommand::Resolve {
            request, closed, terminal_total, user, pin, ..
        })) => batch::resolve(&register, &i18n, request, closed, terminal_total, user, pin),
        Some(Command::Support(SupportCommand::Bundle { out, json })) => {
            support_bundle(&register, &i18n, &out, json)
        }
        Some(Command::Sim(_)) | Some(Command::Frame(_)) | None => Ok(EXIT_OK),
    };
    finish(result, &i18n)
}

/// A command line clap cannot read: one line in the user's language above clap's own
/// (English) detail, exit 2. Help and version go out as clap prints them.
pub fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(EXIT_OK));
    }
    let i18n = I18n::new(crate::config::Settings::default().lang());
    eprintln!("{}", fl!(i18n, "err-cli-usage"));
    eprint!("{}", e.render());
    ExitCode::from(2)
}

fn finish(result: Result<u8, RegisterError>, i18n: &I18n) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            tracing::debug!(error = ?e, "command failed");
            eprintln!("{}", e.message(i18n));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Runs async register work (terminals, printers) on a runtime of its own.
fn block_on<T>(f: impl std::future::Future<Output = Result<T, RegisterError>>) -> Result<T, RegisterError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| RegisterError::Storage(e.to_string()))?
        .block_on(f)
}

fn support_bundle(
    register: &Register,
    i18n: &I18n,
    out: &std::path::Path,
    json: bool,
) -> Result<u8, RegisterError> {
    let path = register.support_bundle(out)?;
    if json {
        print_json(&json!({ "path": path.display().to_string() }));
    } else {
        println!("{}", fl!(i18n, "cli-support-written", path = path.display().to_string()));
    }
    Ok(EXIT_OK)
}

fn print_json(value: &serde_json::Value) {
    println!("{value}");
}
