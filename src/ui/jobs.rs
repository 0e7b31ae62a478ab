//! Register calls the screens ask for. Each is synchronous SQLite, so the app runs it on a
//! blocking thread (`spawn`); tests run it inline (`run`) and feed the answer back.

use std::sync::Arc;

use iced::Task;

use super::app::Message;
use super::catalog::Catalog;
use super::link::{self, PrintFor};
use super::screen::{card, deferred, receipt};
use super::screen::{cash, checkout, first_run, manager, signin};
use crate::config::Settings;
use crate::domain::{Cart, Money, Receipt};
use crate::i18n::I18n;
use crate::register::{DeferredState, ReceiptFilter};
use crate::register::{Operator, Register, RegisterError};

/// Who asked for a manager's PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinFor {
    Checkout,
    Card,
}

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
    /// A manager's PIN (counted for back-off), to authorise one action; the answer goes to `to`.
    ManagerPin {
        pin: String,
        to: PinFor,
    },
    /// Resolves what the terminals left open before anyone may sell (start-up).
    BootRecover,
    /// Voids a cart line through the register (audited, with who allowed it).
    VoidLine {
        by: Operator,
        allowed_by: Option<Operator>,
        cart: Cart,
        index: usize,
    },
    /// Puts a sale aside for its owner: the cashier's F3, or the lock (`by_lock`).
    ParkCart {
        owner: Operator,
        cart: Cart,
        by_lock: bool,
    },
    /// The parked sales this person may recall.
    LoadParked {
        by: Operator,
    },
    RecallCart {
        by: Operator,
        id: i64,
    },
    /// After a sign-in: the sale the lock put aside for this person, back on screen.
    ResumeAfterLock {
        by: Operator,
    },
    /// Commits the cart as an open order before a card is charged.
    OpenOrder {
        by: Operator,
        cart: Cart,
    },
    /// Split: opens the order and takes this much cash on it first.
    SplitCash {
        by: Operator,
        cart: Cart,
        amount: Money,
    },
    /// Cash for the rest of an open order.
    CashOnOrder {
        by: Operator,
        order_id: i64,
        given: Money,
    },
    /// Gives up an open order (only possible while no card paid on it).
    VoidOrder {
        by: Operator,
        order_id: i64,
    },
    SavePdf {
        receipt: Box<Receipt>,
        copy: Option<i64>,
        to: PrintFor,
    },
    LoadDeferred,
    CloseDeferred {
        by: Operator,
        id: i64,
        state: DeferredState,
    },
    LoadDiagnostics,
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
    /// First run, "add my terminal": PINs of their own for the demo manager and cashier.
    FirstRunPins {
        manager_pin: String,
        cashier_pin: String,
    },
    /// The first-run screen's settings: a fresh data folder's first ones, or a manager's.
    FirstRunSave {
        by: Option<Operator>,
        settings: Box<Settings>,
    },
    /// What the open receipt allows: refund, void, cash.
    RefundPlan(i64),
    /// Writes the support bundle into the data folder.
    SupportBundle,
    /// Users, VAT classes and terminals from the settings tab.
    Settings(manager::settings::Call),
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
        Job::ManagerPin { pin, to } => {
            let answer = reg.authorize_manager(&pin).map_err(fail);
            match to {
                PinFor::Checkout => Message::Checkout(checkout::Message::ManagerAnswer(answer)),
                PinFor::Card => Message::Card(card::Message::ManagerAnswer(answer)),
            }
        }
        Job::BootRecover => {
            let recovered = link::block_on(reg.recover(None));
            // Sales whose signature nobody checked (the register closed during the check).
            let unchecked = reg.unchecked_signatures().unwrap_or_else(|e| {
                tracing::error!(error = %e, "signatures to check not read");
                Vec::new()
            });
            Message::Booted(recovered.map(|attempts| (attempts, unchecked)).map_err(fail))
        }
        Job::VoidLine { by, allowed_by, mut cart, index } => {
            let name = cart.lines.get(index).map(|l| l.name.clone()).unwrap_or_default();
            let voided = reg.void_line(&by, allowed_by.as_ref(), &mut cart, index).map(|()| (cart, name));
            Message::Checkout(checkout::Message::Voided(voided.map_err(fail)))
        }
        Job::ParkCart { owner, cart, by_lock } => {
            let parked = reg.park_cart(&owner, &cart, by_lock).map_err(fail);
            if by_lock {
                Message::LockParked(parked)
            } else {
                Message::Checkout(checkout::Message::Parked(parked))
            }
        }
        Job::LoadParked { by } => {
            Message::Checkout(checkout::Message::ParkedList(reg.parked_sales(&by).map_err(fail)))
        }
        Job::RecallCart { by, id } => {
            Message::Checkout(checkout::Message::Recalled(reg.recall_cart(&by, id).map_err(fail)))
        }
        Job::ResumeAfterLock { by } => {
            let resumed = reg.resume_after_lock(&by).map_err(fail);
            Message::Resumed(by, resumed)
        }
        Job::OpenOrder { by, cart } => {
            let opened = reg.open_order(&by, &cart).and_then(|id| Ok((id, reg.order(id)?.remaining())));
            Message::Card(card::Message::Opened(opened.map_err(fail)))
        }
        Job::SplitCash { by, cart, amount } => {
            let paid = reg.open_order(&by, &cart).and_then(|id| {
                let receipt = reg.pay_cash(&by, id, amount)?.map(Box::new);
                Ok((id, reg.order(id)?.remaining(), receipt))
            });
            Message::Split(super::screen::split::Message::CashTaken(paid.map_err(fail)))
        }
        Job::CashOnOrder { by, order_id, given } => {
            let paid = reg.pay_cash(&by, order_id, given).and_then(|r| {
                r.ok_or_else(|| RegisterError::Conflict(format!("order {order_id} is not covered yet")))
            });
            Message::Cash(cash::Message::Answer(paid.map_err(fail)))
        }
        Job::VoidOrder { by, order_id } => {
            Message::OrderLeft(reg.void_order(&by, order_id).map(|()| order_id).map_err(fail))
        }
        Job::SavePdf { receipt, copy, to } => {
            let saved = link::save_pdf(reg, &receipt, copy, i18n.lang());
            match to {
                PrintFor::Receipt => Message::Receipt(receipt::Message::Saved(saved.map_err(fail))),
                PrintFor::Manager => Message::Manager(manager::Message::Receipts(
                    manager::receipts::Message::Saved(saved.map_err(fail)),
                )),
            }
        }
        Job::LoadDeferred => {
            Message::Deferred(deferred::Message::Loaded(reg.deferred_overview().map_err(fail)))
        }
        Job::CloseDeferred { by, id, state } => {
            let closed = reg.close_deferred(&by, id, state).and_then(|()| reg.deferred_overview());
            Message::Deferred(deferred::Message::Closed(closed.map_err(fail)))
        }
        Job::LoadDiagnostics => Message::DiagnosticsLoaded(reg.open_attempts().map_err(fail)),
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
        Job::RefundPlan(number) => Message::Manager(manager::Message::Receipts(
            manager::receipts::Message::Plan(reg.refund_plan(number).map_err(fail)),
        )),
        Job::SupportBundle => {
            let dir = reg.places().map(|p| p.data_dir.join("support")).unwrap_or_else(std::env::temp_dir);
            let written = reg.support_bundle(&dir).map(|p| p.display().to_string());
            Message::SupportWritten(written.map_err(fail))
        }
        Job::SaveSettings { by, settings } => {
            let saved = reg.save_settings((*settings).clone(), &by).map(|()| settings);
            Message::Manager(manager::Message::Settings(manager::settings::Message::Saved(
                saved.map_err(fail),
            )))
        }
        Job::FirstRunPins { manager_pin, cashier_pin } => Message::FirstRun(first_run::Message::PinsSet(
            reg.first_run_pins(&manager_pin, &cashier_pin).map_err(fail),
        )),
        Job::FirstRunSave { by, settings } => {
            let saved = match &by {
                Some(by) => reg.save_settings((*settings).clone(), by),
                None => reg.save_first_run((*settings).clone()),
            };
            Message::FirstRun(first_run::Message::Saved(saved.map(|()| settings).map_err(fail)))
        }
        Job::Settings(call) => {
            Message::Manager(manager::Message::Settings(manager::settings::calls::run(reg, fail, call)))
        }
    }
}
