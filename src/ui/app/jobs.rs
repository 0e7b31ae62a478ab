//! Runs the `Job`s the screens ask for. Each is synchronous SQLite, so the app runs it on a
//! blocking thread (`spawn`); tests run it inline (`run`). The answer goes back, as a message,
//! to the screen that asked.

use std::sync::Arc;

use iced::Task;

use super::link::{self, save_pdf};
use super::message::Message;
use crate::i18n::I18n;
use crate::register::{Register, RegisterError};
use crate::ui::catalog::Catalog;
use crate::ui::request::settings::Call;
use crate::ui::request::{Failure, Job, PinFor, PrintFor};
use crate::ui::screen::manager::settings::{self, terminals, users, vat};
use crate::ui::screen::{card, cash, checkout, deferred, first_run, manager, receipt, signin, split};

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
        Job::LoadCatalog => Message::CatalogLoaded(load_catalog(reg).map_err(fail)),
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
        Job::SplitCash { by, cart, amount, given } => {
            let paid = reg.open_order(&by, &cart).and_then(|id| {
                let receipt = reg.pay_cash_part(&by, id, amount, given)?.map(Box::new);
                Ok((id, reg.order(id)?.remaining(), receipt))
            });
            Message::Split(split::Message::CashTaken(paid.map_err(fail)))
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
            let saved = save_pdf(reg, &receipt, copy, i18n.lang());
            match to {
                PrintFor::Receipt => Message::Receipt(receipt::Message::Saved(saved.map_err(fail))),
                PrintFor::Manager(by) => {
                    let counted = saved.and_then(|path| {
                        copy.map(|c| reg.copy_made(&by, receipt.number, c)).transpose()?;
                        Ok(path)
                    });
                    Message::Manager(manager::Message::Receipts(manager::receipts::Message::Saved(
                        counted.map_err(fail),
                    )))
                }
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
                reg.next_copy(&by, number).map(|(r, c)| (r, Some(c))).map_err(fail),
            )))
        }
        Job::LoadBatch => {
            let loaded = reg.x_report().and_then(|x| Ok((x, reg.batch_closures()?)));
            Message::Manager(manager::Message::Batch(manager::batch::Message::Loaded(loaded.map_err(fail))))
        }
        Job::CloseBatch { by, counted, float } => {
            let closed = match float {
                Some(float) => reg.set_opening_float(&by, float),
                None => Ok(()),
            }
            .and_then(|()| reg.close_register_batch(&by, counted));
            Message::Manager(manager::Message::Batch(manager::batch::Message::Closed(closed.map_err(fail))))
        }
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
        Job::Settings(call) => Message::Manager(manager::Message::Settings(settings_call(reg, fail, call))),
        Job::PeriodReport { from, to, by } => Message::Manager(manager::Message::Reports(
            manager::reports::Message::Loaded(reg.period_report(&from, &to, by).map(Box::new).map_err(fail)),
        )),
        Job::Products(call) => super::products::run(reg, i18n, call),
        Job::SavePeriod { report, format } => Message::Manager(manager::Message::Reports(
            manager::reports::Message::Saved(reg.save_period(&report, format, i18n.lang()).map_err(fail)),
        )),
    }
}

/// The products on sale, found by PLU and by every barcode of theirs (a second or third
/// barcode too).
fn load_catalog(reg: &Register) -> Result<Arc<Catalog>, RegisterError> {
    let products = reg.products()?;
    let more = reg
        .catalog_entries()?
        .into_iter()
        .filter(|e| e.active)
        .flat_map(|e| e.barcodes.into_iter().skip(1).map(move |b| (b.as_str().to_string(), e.plu)))
        .collect();
    Ok(Arc::new(Catalog::with_codes(products, more)))
}

/// The settings tab's quick calls, each answered to the section that asked.
fn settings_call(reg: &Register, fail: impl Fn(RegisterError) -> Failure, call: Call) -> settings::Message {
    use users::Change;
    let staff_after = |change: Result<Change, RegisterError>| {
        let answer = change.and_then(|c| Ok((c, reg.staff()?)));
        settings::Message::Users(users::Message::Changed(answer.map_err(&fail)))
    };
    match call {
        Call::LoadStaff => settings::Message::Users(users::Message::Loaded(reg.staff().map_err(&fail))),
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
        Call::LoadVat => settings::Message::Vat(vat::Message::Loaded(reg.vat_classes().map_err(&fail))),
        Call::MoveVat { by, from, to } => {
            let moved = reg.move_vat_class(&by, from, to).and_then(|n| Ok((n, reg.vat_classes()?)));
            settings::Message::Vat(vat::Message::Moved(moved.map_err(&fail)))
        }
        Call::LoadTerminals => {
            settings::Message::Terminals(terminals::Message::Loaded(reg.terminals().map_err(&fail)))
        }
        Call::AddTerminal { by, config, username, password } => {
            let name = config.name.clone();
            let added = reg
                .configure_terminal(&by, *config, &username, &password)
                .and_then(|()| Ok((name, reg.terminals()?)));
            settings::Message::Terminals(terminals::Message::Added(added.map_err(&fail)))
        }
        Call::RemoveTerminal { by, name } => {
            let removed = reg.remove_terminal(&by, &name).and_then(|()| Ok((name, reg.terminals()?)));
            settings::Message::Terminals(terminals::Message::Removed(removed.map_err(&fail)))
        }
    }
}
