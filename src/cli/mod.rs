//! The command line: parse, call `register`, print. A contract tests and users rely on
//! (see ARCHITECTURE.md): `--data-dir`, `--json`, exit codes 0/1/2/3/4.

mod attempts;
mod batch;
mod certify;
mod deferred;
mod documents;
mod fiscal;
mod keys;
mod pay;
mod terminal;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use fluent_bundle::FluentValue;
use serde_json::json;

use crate::config::Places;
use crate::domain::{Cart, Receipt};
use crate::fl;
use crate::i18n::I18n;
use crate::register::{ChainReport, ReceiptFilter};
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
    Sale(SaleArgs),
    /// Receipts: list, show.
    #[command(subcommand)]
    Receipt(ReceiptCommand),
    /// Database integrity, audit chain, backup.
    #[command(subcommand)]
    Db(DbCommand),
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
    Sim(terminal::SimCommand),
    /// Deferred (preloaded) receipts paid on the terminal later.
    #[command(subcommand)]
    Deferred(deferred::DeferredCommand),
    /// X and Z reports.
    #[command(subcommand)]
    Report(documents::ReportCommand),
    /// Card batches.
    #[command(subcommand)]
    Batch(BatchCommand),
    /// Decode captured traffic to JSON.
    #[command(subcommand)]
    Frame(FrameCommand),
    /// The shop's myDATA link for card payments (`[fiscal]` in tameio.toml) and its keys.
    #[command(subcommand)]
    Fiscal(fiscal::FiscalCommand),
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

#[derive(Debug, Subcommand)]
pub enum FrameCommand {
    /// `frame decode --protocol ecr17 HEX` (or `-` to read stdin).
    Decode {
        #[arg(long, default_value = "ecr17")]
        protocol: String,
        input: String,
    },
}

#[derive(Debug, Args)]
pub struct SaleArgs {
    /// BARCODE or PLU, optionally with a quantity: `5201234567890x2`, `301x0.5`; an open-price
    /// item (department key) with its price: `901@2,50`, `901@2,50x3`.
    #[arg(long = "item", required = true)]
    pub items: Vec<String>,
    /// Cash handed over, as typed: `20`, `20,00`.
    #[arg(long, required_unless_present = "card", conflicts_with = "card")]
    pub cash: Option<String>,
    /// Pay the whole sale by card on the default terminal (or `--terminal`), through the
    /// journal: exit 0 paid, 3 declined, 4 outcome unknown or booking pending (recover later).
    #[arg(long)]
    pub card: bool,
    #[arg(long, requires = "card")]
    pub terminal: Option<String>,
    /// The cardholder's signature, when the terminal asks for one (nexo): `yes` it matches,
    /// `no` the payment is reversed. Default: the terminal's `confirm_signature` option.
    #[arg(long, requires = "card", value_parser = ["yes", "no"])]
    pub confirm_signature: Option<String>,
    /// The cashier (default: the first cashier).
    #[arg(long)]
    pub user: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    List {
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        last4: Option<String>,
        #[arg(long)]
        limit: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    Show {
        number: i64,
        #[arg(long)]
        json: bool,
    },
    /// The receipt as issued, as a PDF: `receipt pdf 12 -o r12.pdf --paper 58mm --lang el`.
    Pdf {
        number: i64,
        #[command(flatten)]
        out: documents::DocumentOut,
    },
    /// A copy (marked COPY, counted, audited; manager PIN) to the printer, a PDF or the screen.
    /// `receipt print` is the same: any print after the sale is a copy.
    #[command(alias = "print")]
    Reprint {
        number: i64,
        #[arg(long)]
        printer: Option<String>,
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        pin: Option<String>,
        #[command(flatten)]
        out: documents::DocumentOut,
    },
}

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

/// Runs one command; returns the process exit code.
pub fn run(cli: Cli, places: &Places) -> ExitCode {
    // These need no database.
    let standalone = matches!(&cli.command, Some(Command::Sim(_)) | Some(Command::Frame(_)));
    if standalone {
        let i18n = I18n::new(crate::config::Settings::load(&places.settings()).0.lang());
        let result = match cli.command {
            Some(Command::Sim(terminal::SimCommand::Printer { listen, out, mode })) => {
                documents::sim_printer(&listen, out, &mode)
            }
            Some(Command::Sim(terminal::SimCommand::Aade1155 { listen, scenario, version })) => {
                terminal::sim_aade1155(listen, scenario, version)
            }
            Some(Command::Sim(terminal::SimCommand::Webecr { listen, scenario })) => {
                terminal::sim_webecr(listen, scenario)
            }
            Some(Command::Sim(terminal::SimCommand::Nexo {
                listen,
                scenario,
                step_ms,
                busy_after_ms,
                pos,
                signature,
            })) => terminal::sim_nexo(listen, scenario, step_ms, busy_after_ms, pos, signature),
            Some(Command::Sim(terminal::SimCommand::Ecr17 { listen, scenario, terminal_id, step_ms })) => {
                terminal::sim_ecr17(listen, scenario, terminal_id, step_ms)
            }
            Some(Command::Frame(FrameCommand::Decode { protocol, input })) => {
                terminal::frame_decode(&protocol, &input, &i18n)
            }
            _ => Ok(EXIT_OK),
        };
        return finish(result, &i18n);
    }
    if let Some(Command::Db(DbCommand::Restore { file, yes, pin })) = cli.command {
        let i18n = I18n::new(crate::config::Settings::load(&places.settings()).0.lang());
        return finish(restore(places, &i18n, &file, yes, pin.as_deref()), &i18n);
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
        Some(Command::Sale(args)) => sale(&register, &i18n, &args),
        Some(Command::Receipt(cmd)) => receipt(&register, &i18n, cmd),
        Some(Command::Db(cmd)) => db(&register, &i18n, cmd),
        Some(Command::Report(cmd)) => documents::report(&register, cmd),
        Some(Command::Deferred(cmd)) => deferred::run(&register, &i18n, cmd),
        Some(Command::Pay(args)) => pay::pay(&register, &i18n, &args),
        Some(Command::Recover { json }) => terminal::recover(&register, &i18n, json),
        Some(Command::Attempt(cmd)) => attempts::run(&register, &i18n, cmd),
        Some(Command::Terminal(cmd)) => terminal::terminal(&register, &i18n, cmd),
        Some(Command::User(cmd)) => users::run(&register, &i18n, cmd),
        Some(Command::Fiscal(cmd)) => fiscal::run(&register, &i18n, cmd),
        Some(Command::Batch(BatchCommand::Close { terminal, counted_cash, user, pin })) => {
            terminal::close_batch(&register, &i18n, terminal, counted_cash, user, pin)
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

/// `5201234567890x2` → ("5201234567890", "2"); `901@2,50x3` → ("901@2,50", "3").
fn split_item(item: &str) -> (&str, &str) {
    item.rsplit_once(['x', 'X', '*']).unwrap_or((item, "1"))
}

fn sale(register: &Register, i18n: &I18n, args: &SaleArgs) -> Result<u8, RegisterError> {
    let operator = register.cli_operator(args.user.as_deref(), None)?;
    let mut cart = Cart::default();
    for item in &args.items {
        let (code, qty) = split_item(item);
        let quantity = register.parse_quantity(qty)?;
        match code.split_once('@') {
            Some((code, price)) => {
                let price = register.parse_amount(price)?;
                register.ring_up_priced(&mut cart, code, quantity, price)?
            }
            None => register.ring_up(&mut cart, code, quantity)?,
        };
    }
    let Some(cash) = &args.cash else {
        return pay::card_sale(register, i18n, &operator, &cart, args);
    };
    let given = register.parse_amount(cash)?;
    let receipt = register.cash_sale(&operator, &cart, given)?;
    if args.json {
        print_json(&receipt_json(&receipt));
    } else {
        print!("{}", receipt_text(i18n, &receipt));
        println!(
            "{}",
            fl!(
                i18n,
                "cli-sale-done",
                number = receipt.number,
                total = i18n.money(receipt.total),
                change = i18n.money(receipt.change())
            )
        );
    }
    Ok(EXIT_OK)
}

pub(crate) fn receipt_json(r: &Receipt) -> serde_json::Value {
    json!({
        "number": r.number,
        "register_id": r.register_id,
        "kind": r.kind,
        "issued_at": r.issued_at,
        "cashier": r.cashier,
        "lines": r.lines.iter().map(|l| json!({
            "name": l.name, "plu": l.plu, "quantity": l.quantity.label(), "unit_price_cents": l.unit_price.cents(),
            "discount_cents": l.discount.cents(), "amount_cents": l.amount.cents(), "vat_bp": l.vat.bp(),
        })).collect::<Vec<_>>(),
        "order_discount_cents": r.order_discount.cents(),
        "vat": r.vat.iter().map(|s| json!({
            "rate_bp": s.rate.bp(), "net_cents": s.net.cents(), "vat_cents": s.vat.cents(), "gross_cents": s.gross.cents(),
        })).collect::<Vec<_>>(),
        "total_cents": r.total.cents(),
        "tenders": r.tenders.iter().map(|t| json!({
            "kind": t.kind, "amount_cents": t.amount.cents(), "given_cents": t.given.cents(), "change_cents": t.change.cents(),
            "card": t.card,
        })).collect::<Vec<_>>(),
        "change_cents": r.change().cents(),
    })
}

/// A compact text rendering for the terminal (the printed layout lives in `print`).
fn receipt_text(i18n: &I18n, r: &Receipt) -> String {
    let mut out = String::new();
    let title = match r.kind {
        crate::domain::ReceiptKind::Sale => i18n.tr("receipt-title"),
        crate::domain::ReceiptKind::Refund => i18n.tr("receipt-refund-title"),
    };
    out.push_str(&format!(
        "{title}\n{}  {}\n",
        fl!(i18n, "receipt-number", number = r.number),
        i18n.datetime(&r.issued_at)
    ));
    for l in &r.lines {
        out.push_str(&format!(
            "{:<28} {:>5} x {:>9} {:>10}\n",
            l.name,
            l.quantity.label(),
            i18n.money_plain(l.unit_price),
            i18n.money_plain(l.amount)
        ));
        if !l.discount.is_zero() {
            out.push_str(&format!(
                "  {:<46} {:>10}\n",
                i18n.tr("receipt-discount"),
                i18n.money_plain(-l.discount)
            ));
        }
    }
    if !r.order_discount.is_zero() {
        out.push_str(&format!(
            "{:<48} {:>10}\n",
            i18n.tr("receipt-order-discount"),
            i18n.money_plain(-r.order_discount)
        ));
    }
    out.push_str(&format!("{:<48} {:>10}\n", i18n.tr("receipt-total"), i18n.money(r.total)));
    for s in &r.vat {
        out.push_str(&format!(
            "{} {:>5}%  {} {:>9}  {} {:>9}  {} {:>9}\n",
            i18n.tr("receipt-vat"),
            s.rate.percent_label(),
            i18n.tr("receipt-net"),
            i18n.money_plain(s.net),
            i18n.tr("receipt-vat"),
            i18n.money_plain(s.vat),
            i18n.tr("receipt-gross"),
            i18n.money_plain(s.gross)
        ));
    }
    for t in &r.tenders {
        let kind = match t.kind {
            crate::domain::TenderKind::Cash => i18n.tr("receipt-cash"),
            crate::domain::TenderKind::Card => i18n.tr("receipt-card"),
        };
        out.push_str(&format!("{:<48} {:>10}\n", kind, i18n.money_plain(t.amount)));
        if !t.change.is_zero() {
            out.push_str(&format!("  {:<46} {:>10}\n", i18n.tr("receipt-given"), i18n.money_plain(t.given)));
            out.push_str(&format!(
                "  {:<46} {:>10}\n",
                i18n.tr("receipt-change"),
                i18n.money_plain(t.change)
            ));
        }
    }
    out
}

fn receipt(register: &Register, i18n: &I18n, cmd: ReceiptCommand) -> Result<u8, RegisterError> {
    match cmd {
        ReceiptCommand::List { date, last4, limit, json } => {
            let filter = ReceiptFilter { date, card_last4: last4, limit, ..Default::default() };
            let list = register.receipts(&filter)?;
            if json {
                print_json(&json!({ "receipts": list }));
            } else if list.is_empty() {
                println!("{}", i18n.tr("cli-no-receipts"));
            } else {
                for r in list {
                    println!(
                        "{:>6}  {}  {:>12}  {}",
                        r.number,
                        i18n.datetime(&r.issued_at),
                        i18n.money(r.total),
                        r.card_last4
                    );
                }
            }
        }
        ReceiptCommand::Pdf { number, out } => return documents::receipt_pdf(register, number, &out),
        ReceiptCommand::Reprint { number, printer, user, pin, out } => {
            return documents::reprint(register, i18n, number, (user, pin), printer, &out);
        }
        ReceiptCommand::Show { number, json } => {
            let r = register.receipt(number)?;
            if json {
                print_json(&receipt_json(&r));
            } else {
                print!("{}", receipt_text(i18n, &r));
            }
        }
    }
    Ok(EXIT_OK)
}

fn db(register: &Register, i18n: &I18n, cmd: DbCommand) -> Result<u8, RegisterError> {
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
fn restore(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_split_into_code_and_quantity() {
        assert_eq!(split_item("5201234567890x2"), ("5201234567890", "2"));
        assert_eq!(split_item("301*0,5"), ("301", "0,5"));
        assert_eq!(split_item("101"), ("101", "1"));
    }
}
