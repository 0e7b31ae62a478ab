//! The register calls the settings tab makes: quick ones run on a blocking thread through
//! `jobs::Job::Settings`, printer and terminal ones as async work through `link::Work::Settings`.

use super::{Message, certify, terminals, users, vat};
use crate::domain::{Lang, Role, VatRate};
use crate::i18n::I18n;
use crate::print::Paper;
use crate::register::{CertStep, Certification, Operator, Register, RegisterError};
use crate::terminal::ProgressSink;
use crate::terminal::TerminalConfig;
use crate::ui::jobs::Failure;

/// Synchronous calls (SQLite, the settings file).
#[derive(Debug, Clone)]
pub enum Call {
    LoadStaff,
    AddUser { by: Operator, name: String, role: Role, pin: String },
    SetPin { by: Operator, user_id: i64, name: String, pin: String },
    SetActive { by: Operator, user_id: i64, name: String, active: bool },
    Unlock { by: Operator, user_id: i64, name: String },
    LoadVat,
    MoveVat { by: Operator, from: VatRate, to: VatRate },
    LoadTerminals,
    AddTerminal { by: Operator, config: Box<TerminalConfig>, username: String, password: String },
    RemoveTerminal { by: Operator, name: String },
}

/// Calls that talk to a printer or a terminal.
#[derive(Debug, Clone)]
pub enum Remote {
    TestPrint {
        by: Operator,
        printer: String,
        paper: Paper,
        lang: Lang,
    },
    TerminalStatus(String),
    Pair {
        by: Operator,
        name: String,
        code: String,
    },
    /// AADE 1155 key set-up: init echo and a new session key (the master key kept first).
    TerminalKeys {
        by: Operator,
        name: String,
        master_key: Option<String>,
    },
    CertifyStart {
        by: Operator,
        name: String,
    },
    CertifyStep {
        run: Box<Certification>,
        step: CertStep,
    },
    CertifySave(Box<Certification>),
}

pub fn run(reg: &Register, fail: impl Fn(RegisterError) -> Failure, call: Call) -> Message {
    use users::Change;
    let staff_after = |change: Result<Change, RegisterError>| {
        let answer = change.and_then(|c| Ok((c, reg.staff()?)));
        Message::Users(users::Message::Changed(answer.map_err(&fail)))
    };
    match call {
        Call::LoadStaff => Message::Users(users::Message::Loaded(reg.staff().map_err(&fail))),
        Call::AddUser { by, name, role, pin } => {
            staff_after(reg.add_user(&by, &name, role, &pin).map(|u| Change::Added(u.name)))
        }
        Call::SetPin { by, user_id, name, pin } => {
            staff_after(reg.set_pin(&by, user_id, &pin).map(|()| Change::Pin(name)))
        }
        Call::SetActive { by, user_id, name, active } => {
            staff_after(reg.set_user_active(&by, user_id, active).map(|()| Change::Active(name, active)))
        }
        Call::Unlock { by, user_id, name } => {
            staff_after(reg.unlock_user(&by, user_id).map(|_| Change::Unlocked(name)))
        }
        Call::LoadVat => Message::Vat(vat::Message::Loaded(reg.vat_classes().map_err(&fail))),
        Call::MoveVat { by, from, to } => {
            let moved = reg.move_vat_class(&by, from, to).and_then(|n| Ok((n, reg.vat_classes()?)));
            Message::Vat(vat::Message::Moved(moved.map_err(&fail)))
        }
        Call::LoadTerminals => Message::Terminals(terminals::Message::Loaded(reg.terminals().map_err(&fail))),
        Call::AddTerminal { by, config, username, password } => {
            let name = config.name.clone();
            let added = reg
                .configure_terminal(&by, *config, &username, &password)
                .and_then(|()| Ok((name, reg.terminals()?)));
            Message::Terminals(terminals::Message::Added(added.map_err(&fail)))
        }
        Call::RemoveTerminal { by, name } => {
            let removed = reg.remove_terminal(&by, &name).and_then(|()| Ok((name, reg.terminals()?)));
            Message::Terminals(terminals::Message::Removed(removed.map_err(&fail)))
        }
    }
}

pub async fn remote(
    reg: &Register,
    i18n: &I18n,
    fail: impl Fn(RegisterError) -> Failure,
    call: Remote,
) -> Message {
    match call {
        Remote::TestPrint { by, printer, paper, lang } => {
            let printed = reg.print_test_page(&by, Some(&printer), Some(paper), lang).await.map(|()| printer);
            Message::Printer(super::printer::Message::Tested(printed.map_err(&fail)))
        }
        Remote::TerminalStatus(name) => {
            let status = reg.terminal_status(&name).await.map_err(&fail);
            Message::Terminals(terminals::Message::Status(name, status))
        }
        Remote::TerminalKeys { by, name, master_key } => {
            let setup = crate::register::KeySetup { init_echo: true, master_key, session_key: true };
            let done = reg.set_up_terminal_keys(&by, &name, setup).await.map_err(&fail);
            let message = super::terminal_keys::Message::Done(name, done);
            Message::Terminals(terminals::Message::Keys(message))
        }
        Remote::Pair { by, name, code } => {
            let paired = reg.pair_terminal_by(&by, &name, &code).await;
            let answer = paired.and_then(|p| Ok((p.tid, reg.terminals()?)));
            Message::Terminals(terminals::Message::Paired(name, answer.map_err(&fail)))
        }
        Remote::CertifyStart { by, name } => {
            let run = reg.start_certification(&by, &name).await.map(Box::new);
            Message::Terminals(terminals::Message::CertStarted(name, run.map_err(&fail)))
        }
        Remote::CertifyStep { mut run, step } => {
            // Progress goes nowhere here: the step's outcome and its log are what the run keeps.
            reg.run_certification_step(&mut run, step, i18n, &ProgressSink::none()).await;
            Message::Terminals(terminals::Message::Cert(certify::Message::Stepped(run)))
        }
        Remote::CertifySave(run) => {
            let saved = reg.save_certification(&run, i18n, None);
            Message::Terminals(terminals::Message::Cert(certify::Message::Saved(saved.map_err(&fail))))
        }
    }
}
