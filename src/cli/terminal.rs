//! Terminal commands: recover, terminal add/list/status, batch close (payments are in `pay`,
//! simulators and frame decoding in `tools`). Each runs its async work on a runtime of its own.

use clap::{Args, Subcommand};
use serde_json::json;

use super::{EXIT_DECLINED, EXIT_FAILURE, EXIT_OK, EXIT_UNKNOWN, block_on, print_json};
use crate::domain::Money;
use crate::i18n::I18n;
use crate::register::{Recovered, Register, RegisterError};
use crate::terminal::{Attempt, AttemptState, Outcome, Progress, Protocol, TerminalConfig};

#[derive(Debug, Args)]
pub struct TerminalTarget {
    /// A configured terminal.
    #[arg(long, conflicts_with_all = ["protocol", "addr"])]
    pub terminal: Option<String>,
    /// An unconfigured terminal: its protocol …
    #[arg(long, requires = "addr")]
    pub protocol: Option<String>,
    /// … and its address, HOST:PORT.
    #[arg(long)]
    pub addr: Option<String>,
    #[arg(long)]
    pub terminal_id: Option<String>,
    /// Test rigs only: an unconfigured terminal is saved although the demo users still have
    /// the demo PINs (refused without it).
    #[arg(long, hide = true, env = "TAMEIO_KEEP_DEMO_PINS")]
    pub keep_demo_pins: bool,
}

#[derive(Debug, Args)]
pub struct PayArgs {
    /// The amount, as typed: `12,40`.
    pub amount: String,
    #[arg(long, default_value = "sale")]
    pub kind: String,
    /// The pre-authorisation code, for incremental and completion.
    #[arg(long)]
    pub preauth_code: Option<String>,
    /// A tip on top of the amount, as typed (Greek terminals).
    #[arg(long)]
    pub tip: Option<String>,
    /// Pay in this many instalments (Greek terminals).
    #[arg(long, value_parser = clap::value_parser!(u8).range(2..))]
    pub instalments: Option<u8>,
    /// A mail or telephone order: the card is not present (same as `--kind moto`).
    #[arg(long)]
    pub moto: bool,
    /// The cardholder's signature, when the terminal asks for one (nexo): `yes` it matches,
    /// `no` the payment is refused (full integration) or reversed (light). Default: the
    /// terminal's `confirm_signature` option.
    #[arg(long, value_parser = ["yes", "no"])]
    pub confirm_signature: Option<String>,
    #[command(flatten)]
    pub target: TerminalTarget,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum TerminalCommand {
    /// Walk the acquirer's test script with a technician at the terminal and write a PDF
    /// report: `terminal certify front -o report.pdf`.
    Certify(super::certify::CertifyArgs),
    /// Remove a terminal (a manager's PIN): `terminal remove front --pin 9999`. Refused while
    /// a payment on it is still open.
    Remove {
        name: String,
        #[arg(long)]
        pin: String,
    },
    /// Configure a terminal: `terminal add front --protocol ecr17 --addr 192.168.1.50:8081 --terminal-id 12345678`.
    Add {
        name: String,
        #[arg(long)]
        protocol: String,
        #[arg(long, default_value = "")]
        addr: String,
        #[arg(long, default_value = "")]
        terminal_id: String,
        #[arg(long, default_value = "")]
        cash_register_id: String,
        /// Protocol options as KEY=VALUE (e.g. `lrc=stx_etx`).
        #[arg(long = "option")]
        options: Vec<String>,
        /// Cloud terminals: the backend's base URL (else the environment's preset).
        #[arg(long)]
        base_url: Option<String>,
        /// Cloud terminals: the integration's user; the password goes to the secrets file.
        #[arg(long, default_value = "")]
        username: String,
        #[arg(long, default_value = "", env = "TAMEIO_TERMINAL_PASSWORD", hide_env_values = true)]
        password: String,
        /// Test rigs only: add the terminal although the demo users still have the demo
        /// PINs (refused without it).
        #[arg(long, hide = true, env = "TAMEIO_KEEP_DEMO_PINS")]
        keep_demo_pins: bool,
    },
    /// Pair a cloud (WebECR) terminal with the code its screen shows.
    Pair {
        name: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// AADE 1155 key set-up (a manager's PIN): `terminal keys front --pin 9999` sends the init
    /// echo and loads a new session key; `--master-key HEX` keeps the master key first.
    Keys(super::keys::KeysArgs),
    /// Ask a terminal for its id, status and software release.
    Status {
        name: Option<String>,
        #[arg(long)]
        protocol: Option<String>,
        #[arg(long)]
        addr: Option<String>,
        #[arg(long)]
        terminal_id: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, hide = true, env = "TAMEIO_KEEP_DEMO_PINS")]
        keep_demo_pins: bool,
    },
}

/// Who the audit log names for a terminal command that asks for no PIN: the account that
/// ran it on the shop PC.
fn cli_actor() -> String {
    let account = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_default();
    if account.trim().is_empty() { "cli".into() } else { format!("cli ({})", account.trim()) }
}

fn protocol(code: &str) -> Result<Protocol, RegisterError> {
    Protocol::from_code(code).ok_or_else(|| RegisterError::BadInput(format!("unknown protocol “{code}”")))
}

/// An unconfigured terminal given on the command line is saved under `PROTOCOL@ADDR`, so that
/// `tameio recover` can find it again; a new one, like `terminal add`, waits for the demo
/// PINs to be changed.
fn ad_hoc_terminal(
    register: &Register,
    t: &TerminalTarget,
    protocol_code: &str,
    addr: &str,
) -> Result<String, RegisterError> {
    let protocol = protocol(protocol_code)?;
    let name = format!("{}@{addr}", protocol.code());
    if !t.keep_demo_pins && !register.terminals()?.iter().any(|c| c.name == name) {
        register.refuse_demo_pins()?;
    }
    let tid = t.terminal_id.as_deref();
    let config = TerminalConfig {
        name: name.clone(),
        protocol,
        addr: addr.to_string(),
        terminal_id: tid.unwrap_or_default().to_string(),
        cash_register_id: register.register_id(),
        options: serde_json::Value::Null,
    };
    register.save_terminal(&config, &cli_actor())?;
    Ok(name)
}

pub(super) fn target_name(register: &Register, t: &TerminalTarget) -> Result<String, RegisterError> {
    match (&t.terminal, &t.protocol, &t.addr) {
        (Some(name), _, _) => Ok(name.clone()),
        (None, Some(p), Some(addr)) => ad_hoc_terminal(register, t, p, addr),
        (None, None, Some(addr)) => ad_hoc_terminal(register, t, "ecr17", addr),
        _ => Ok(register.terminal_name(None)),
    }
}

pub fn attempt_json(a: &Attempt, i18n: &I18n) -> serde_json::Value {
    let approval = match &a.outcome {
        Some(Outcome::Approved(ap)) => Some(ap),
        _ => None,
    };
    let message = match &a.outcome {
        Some(Outcome::Declined { message, code, .. }) => format!("{message} ({code})"),
        Some(Outcome::Cancelled { message }) => message.clone(),
        _ => a.note.clone(),
    };
    let state = match a.state {
        AttemptState::Prepared | AttemptState::Sent => "unknown",
        other => other.code(),
    };
    json!({
        "attempt": a.id.to_string(),
        "terminal": a.terminal,
        "kind": a.kind.code(),
        "state": state,
        "amount_cents": a.amount.cents(),
        "amount": i18n.money(a.amount),
        "auth_code": approval.map(|ap| ap.auth_code.clone()),
        "masked_pan": approval.map(|ap| ap.masked_pan.clone()),
        "stan": approval.map(|ap| ap.stan.clone()),
        "terminal_id": approval.map(|ap| ap.terminal_id.clone()),
        "tip_cents": approval.map(|ap| ap.tip.cents()),
        "message": message,
    })
}

pub(super) fn exit_for(a: &Attempt) -> u8 {
    match a.state {
        AttemptState::Approved => EXIT_OK,
        AttemptState::Declined | AttemptState::Cancelled => EXIT_DECLINED,
        AttemptState::Failed => EXIT_FAILURE,
        AttemptState::Prepared | AttemptState::Sent | AttemptState::Unknown => EXIT_UNKNOWN,
    }
}

pub(super) fn print_attempt(a: &Attempt, i18n: &I18n, as_json: bool) {
    let v = attempt_json(a, i18n);
    if as_json {
        print_json(&v);
    } else {
        let extra = [&v["auth_code"], &v["masked_pan"], &v["stan"]]
            .iter()
            .filter_map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join("  ");
        println!(
            "{}  {}  {}  {}  {}  {}",
            a.id,
            a.terminal,
            a.state.code(),
            i18n.money(a.amount),
            extra,
            v["message"].as_str().unwrap_or_default()
        );
    }
}

pub(super) fn progress_text(p: &Progress) -> String {
    match p {
        Progress::Display(text) => text.trim().to_string(),
        other => format!("{other:?}"),
    }
}

pub fn recover(register: &Register, i18n: &I18n, as_json: bool) -> Result<u8, RegisterError> {
    let Recovered { attempts, busy } = block_on(register.recover_report(None))?;
    if as_json {
        let list: Vec<_> = attempts.iter().map(|a| attempt_json(a, i18n)).collect();
        let held: Vec<_> = busy.iter().map(|(t, pid)| json!({ "terminal": t, "pid": pid })).collect();
        print_json(&json!({
            "attempts": list,
            "still_open": attempts.iter().filter(|a| a.state.is_open()).count(),
            "busy": held,
        }));
    } else {
        for a in &attempts {
            print_attempt(a, i18n, false);
        }
    }
    // Another tameio drives a terminal: its attempts are its own; say so and fail.
    for (terminal, pid) in &busy {
        let e = RegisterError::TerminalBusy { terminal: terminal.clone(), pid: *pid };
        eprintln!("{}", e.message(i18n));
    }
    Ok(if !busy.is_empty() {
        EXIT_FAILURE
    } else if attempts.iter().any(|a| a.state.is_open()) {
        EXIT_UNKNOWN
    } else {
        EXIT_OK
    })
}

pub fn terminal(register: &Register, i18n: &I18n, cmd: TerminalCommand) -> Result<u8, RegisterError> {
    match cmd {
        TerminalCommand::Certify(args) => return super::certify::certify(register, i18n, &args),
        TerminalCommand::Pair { name, code, json: as_json } => {
            let paired = block_on(register.pair_terminal(&name, &code, &cli_actor()))?;
            let v = json!({ "terminal": name, "tid": paired.tid, "merchant": paired.merchant, "acquirer": paired.acquirer });
            if as_json {
                print_json(&v);
            } else {
                println!("{name}: paired with terminal {} ({})", paired.tid, paired.merchant);
            }
        }
        TerminalCommand::Add {
            name,
            protocol: p,
            addr,
            terminal_id,
            cash_register_id,
            options,
            base_url,
            username,
            password,
            keep_demo_pins,
        } => {
            if !keep_demo_pins {
                register.refuse_demo_pins()?;
            }
            let mut opts = serde_json::Map::new();
            for o in options {
                let (k, v) = o
                    .split_once('=')
                    .ok_or_else(|| RegisterError::BadInput(format!("option “{o}” is not KEY=VALUE")))?;
                let value = serde_json::from_str(v).unwrap_or_else(|_| json!(v));
                opts.insert(k.to_string(), value);
            }
            let cash_register_id =
                if cash_register_id.is_empty() { register.register_id() } else { cash_register_id };
            if let Some(url) = base_url {
                opts.insert("base_url".into(), json!(url));
                opts.entry("environment").or_insert(json!("custom"));
            }
            let config = TerminalConfig {
                name,
                protocol: protocol(&p)?,
                addr,
                terminal_id,
                cash_register_id,
                options: opts.into(),
            };
            if config.protocol == Protocol::WebEcr {
                register.add_webecr_terminal(config.clone(), &username, &password, &cli_actor())?;
            } else {
                register.save_terminal(&config, &cli_actor())?;
            }
            // The settings as stored: key material stays in the secrets file.
            print_json(
                &serde_json::to_value(crate::register::split_key_material(&config).0).unwrap_or_default(),
            );
        }
        TerminalCommand::Keys(args) => return super::keys::run(register, i18n, args),
        TerminalCommand::Remove { name, pin } => {
            let by = register.authorize_manager(&pin)?;
            register.remove_terminal(&by, &name)?;
            println!("{}", crate::fl!(i18n, "cli-terminal-removed", name = name));
        }
        TerminalCommand::List { json: as_json } => {
            let list = register.terminals()?;
            if as_json {
                print_json(&json!({ "terminals": list }));
            } else {
                for t in list {
                    println!("{:<20} {:<8} {:<22} {}", t.name, t.protocol.code(), t.addr, t.terminal_id);
                }
            }
        }
        TerminalCommand::Status { name, protocol: p, addr, terminal_id, json: as_json, keep_demo_pins } => {
            let target = TerminalTarget { terminal: name, protocol: p, addr, terminal_id, keep_demo_pins };
            let name = target_name(register, &target)?;
            let status = block_on(register.terminal_status(&name))?;
            if as_json {
                print_json(&json!({ "terminal": name, "status": status }));
            } else {
                println!(
                    "{name}: {} {} ({}) {}",
                    status.terminal_id, status.status_text, status.status_code, status.software_release
                );
            }
            let _ = i18n;
        }
    }
    Ok(EXIT_OK)
}

/// `batch close`'s drawer: the cash counted and the day's opening float, as typed.
pub struct DrawerArgs {
    pub counted_cash: Option<String>,
    pub float: Option<String>,
}

pub fn close_batch(
    register: &Register,
    i18n: &I18n,
    terminal: Option<String>,
    cash: DrawerArgs,
    user: Option<String>,
    pin: Option<String>,
) -> Result<u8, RegisterError> {
    let manager =
        register.cli_operator(user.as_deref().or(Some(crate::register::DEMO_MANAGER.0)), pin.as_deref())?;
    let counted: Option<Money> = cash.counted_cash.map(|c| register.parse_amount(&c)).transpose()?;
    if let Some(float) = cash.float.map(|f| register.parse_amount(&f)).transpose()? {
        register.set_opening_float(&manager, float)?;
    }
    let closure = block_on(register.close_batch(&manager, terminal.as_deref(), counted))?;
    print_json(&serde_json::to_value(&closure).unwrap_or_default());
    let _ = i18n;
    Ok(EXIT_OK)
}
