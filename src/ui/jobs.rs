//! Register calls the screens ask for. Each is synchronous SQLite, so the app runs it on a
//! blocking thread (`spawn`); tests run it inline (`run`) and feed the answer back.

use std::sync::Arc;

use iced::Task;

use super::app::Message;
use super::catalog::Catalog;
use super::screen::{cash, checkout, manager, signin};
use crate::config::Settings;
use crate::domain::{Cart, Money, Role};
use crate::i18n::I18n;
use crate::register::{Operator, Register, RegisterError};
use crate::store::ReceiptFilter;

/// A failed call, already in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub text: String,
    /// Set for a wrong PIN: how many in a row.
    pub wrong_pins: Option<i64>,
}

impl Failure {
    pub fn of(e: &RegisterError, i18n: &I18n) -> Failure {
        let wrong_pins = match e {
            RegisterError::WrongPin { failed } => Some(*failed),
            _ => None,
        };
        Failure { text: e.message(i18n), wrong_pins }
    }
}

pub type Answer<T> = Result<T, Failure>;

#[derive(Debug, Clone)]
pub enum Job {
    LoadUsers,
    LoadCatalog,
    SignIn {
        user_id: i64,
        pin: String,
    },
    /// Any manager's PIN, to authorise one action of a cashier.
    ManagerPin {
        pin: String,
    },
    CashSale {
        by: Operator,
        cart: Cart,
        given: Money,
    },
    FindReceipts(ReceiptFilter),
    OpenReceipt(i64),
    Reprint {
        by: Operator,
        number: i64,
    },
    LoadBatch,
    CloseBatch {
        by: Operator,
        counted: Option<Money>,
    },
    SaveSettings {
        by: Operator,
        settings: Box<Settings>,
    },
}

/// Runs the job on tokio's blocking pool; the answer comes back as a message.
pub fn spawn(reg: Arc<Register>, i18n: Arc<I18n>, job: Job) -> Task<Message> {
    Task::perform(async move { tokio::task::spawn_blocking(move || run(&reg, &i18n, job)).await }, |joined| {
        match joined {
            Ok(message) => message,
            Err(e) => {
                tracing::error!(error = %e, "a register call panicked");
                Message::Ignore
            }
        }
    })
}

/// Runs the job here and now (tests, benchmarks, and inside `spawn`).
pub fn run(reg: &Register, i18n: &I18n, job: Job) -> Message {
    let fail = |e: RegisterError| Failure::of(&e, i18n);
    match job {
        Job::LoadUsers => Message::SignIn(signin::Message::Users(reg.users().map_err(fail))),
        Job::LoadCatalog => Message::CatalogLoaded(
            reg.products().map(|p| Arc::new(Catalog::new(p))).map_err(|e| Failure::of(&e, i18n)),
        ),
        Job::SignIn { user_id, pin } => {
            Message::SignIn(signin::Message::Answer(reg.sign_in(user_id, &pin).map_err(fail)))
        }
        Job::ManagerPin { pin } => {
            Message::Checkout(checkout::Message::ManagerAnswer(manager_pin(reg, &pin).map_err(fail)))
        }
        Job::CashSale { by, cart, given } => {
            Message::Cash(cash::Message::Answer(reg.cash_sale(&by, &cart, given).map_err(fail)))
        }
        Job::FindReceipts(filter) => Message::Manager(manager::Message::Receipts(
            manager::receipts::Message::Found(reg.receipts(&filter).map_err(fail)),
        )),
        Job::OpenReceipt(number) => Message::Manager(manager::Message::Receipts(
            manager::receipts::Message::Opened(reg.receipt(number).map(|r| (r, None)).map_err(fail)),
        )),
        Job::Reprint { by, number } => {
            Message::Manager(manager::Message::Receipts(manager::receipts::Message::Opened(
                reg.reprint(&by, number).map(|(r, c)| (r, Some(c))).map_err(fail),
            )))
        }
        Job::LoadBatch => {
            let loaded = reg.x_report().and_then(|x| Ok((x, reg.batch_closures()?)));
            Message::Manager(manager::Message::Batch(manager::batch::Message::Loaded(loaded.map_err(fail))))
        }
        Job::CloseBatch { by, counted } => Message::Manager(manager::Message::Batch(
            manager::batch::Message::Closed(reg.close_register_batch(&by, counted).map_err(fail)),
        )),
        Job::SaveSettings { by, settings } => {
            let saved = reg.save_settings((*settings).clone(), &by).map(|()| settings);
            Message::Manager(manager::Message::Settings(manager::settings::Message::Saved(
                saved.map_err(fail),
            )))
        }
    }
}

/// Tries the PIN against each manager. Each wrong try counts on that manager's account.
fn manager_pin(reg: &Register, pin: &str) -> Result<Operator, RegisterError> {
    let mut last = RegisterError::NeedsManager;
    for user in reg.users()?.into_iter().filter(|u| u.role == Role::Manager) {
        match reg.sign_in(user.id, pin) {
            Ok(op) => return Ok(op),
            Err(e) => last = e,
        }
    }
    Err(last)
}
