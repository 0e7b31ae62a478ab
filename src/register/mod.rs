//! The application service: everything a cashier or a manager can do. The GUI and the CLI
//! both call this; neither touches SQL, a socket or a printer directly.

mod abort;
mod admin;
mod backups;
mod batches;
mod certify;
mod deferred;
mod diagnostics;
mod documents;
mod first_run;
mod fiscal_link;
mod guard;
mod pairing;
mod parked;
mod payments;
mod people;
mod refunds;
mod secrets;
pub mod settings_types;
mod signature;
mod support;
mod terminal_keys;

use std::path::Path;
use std::sync::{Arc, RwLock};

use fluent_bundle::FluentValue;

use crate::config::{Places, Settings, SettingsProblem};
use crate::domain::{
    BarcodeError, Cart, CartError, Discount, Money, MoneyError, Product, Quantity, Receipt, Role, Tender,
    TenderError, TenderKind,
};
/// Plain data the GUI and the command line get here (neither imports `store`), from `domain`.
pub use crate::domain::{
    DEMO_MANAGER, DeferredReceipt, DeferredState, PIN_FREE_TRIES, PIN_LOCK_AFTER, ReceiptFilter,
    ReceiptSummary, User,
};
use crate::i18n::I18n;
use crate::store::{BatchClosure, OrderRecord, RegisterTotals, Store, StoreError};
use crate::terminal::TerminalError;
use crate::terminal::session::SessionError;

/// Who is working the register now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
}

impl Operator {
    pub fn is_manager(&self) -> bool {
        self.role == Role::Manager
    }
}

impl From<User> for Operator {
    fn from(u: User) -> Self {
        Operator { user_id: u.id, name: u.name, role: u.role }
    }
}

/// Everything that can go wrong, each with a message in the user's language.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("unknown barcode or PLU {0}")]
    UnknownCode(String),
    #[error("bad barcode: {0}")]
    Barcode(#[from] BarcodeError),
    #[error("bad amount {input}: {source}")]
    Amount { input: String, source: MoneyError },
    #[error("bad quantity {0}")]
    BadQuantity(String),
    #[error(transparent)]
    Cart(#[from] CartError),
    #[error(transparent)]
    Tender(#[from] TenderError),
    #[error("wrong PIN ({failed} in a row)")]
    WrongPin { failed: i64 },
    /// Too many wrong PINs: the user (or, with no name, the manager PIN prompt) takes none
    /// until a manager unlocks it.
    #[error("locked after too many wrong PINs: {name}")]
    PinLocked { name: String },
    #[error("needs a manager")]
    NeedsManager,
    #[error("no user {0}")]
    NoUser(String),
    #[error("no receipt {0}")]
    NoReceipt(i64),
    #[error("no order {0}")]
    NoOrder(i64),
    #[error("not possible now: {0}")]
    Conflict(String),
    #[error("database is newer: {found} > {known}")]
    DatabaseTooNew { found: i64, known: i64 },
    #[error("storage: {0}")]
    Storage(String),
    #[error("{0}")]
    BadInput(String),
    #[error("no terminal {0}")]
    NoTerminal(String),
    /// Terminals are configured but none is chosen for card payments.
    #[error("no terminal is chosen for card payments")]
    NoDefaultTerminal,
    /// Another tameio (or another task of this one) is driving the terminal.
    #[error("terminal {terminal} is busy in another tameio (pid {pid})")]
    TerminalBusy { terminal: String, pid: u32 },
    #[error(transparent)]
    Terminal(#[from] TerminalError),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Print(#[from] crate::print::PrintError),
    #[error("no printer configured")]
    NoPrinter,
    #[error(transparent)]
    Refund(#[from] RefundError),
    #[error(transparent)]
    Setup(#[from] SetupError),
    #[error(transparent)]
    BatchClose(#[from] BatchCloseError),
    #[error(transparent)]
    Restore(#[from] RestoreError),
}

impl From<StoreError> for RegisterError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::TooNew { found, known } => RegisterError::DatabaseTooNew { found, known },
            StoreError::Conflict(c) => RegisterError::Conflict(c),
            StoreError::NotTameio(what) => RegisterError::Restore(RestoreError::NotTameio(what)),
            StoreError::InUse => RegisterError::Restore(RestoreError::InUse),
            StoreError::NotFound(what) => RegisterError::Conflict(format!("{what} not found")),
            other => {
                tracing::error!(error = %other, "storage failure");
                RegisterError::Storage(other.to_string())
            }
        }
    }
}

impl RegisterError {
    /// The message for a cashier or manager, in their language.
    pub fn message(&self, i18n: &I18n) -> String {
        use RegisterError as E;
        let s = |v: &str| FluentValue::from(v.to_string());
        match self {
            E::UnknownCode(code) => i18n.tr_args("err-unknown-code", &[("code", s(code))]),
            E::Barcode(BarcodeError::Length(c) | BarcodeError::CheckDigit(c)) => {
                i18n.tr_args("err-bad-barcode", &[("code", s(c))])
            }
            E::Amount { input, source } => {
                let id = match source {
                    MoneyError::TooPrecise(_) => "err-amount-too-precise",
                    MoneyError::TooLarge(_) => "err-amount-too-large",
                    MoneyError::Empty | MoneyError::Malformed(_) => "err-bad-amount",
                };
                i18n.tr_args(id, &[("input", s(input))])
            }
            E::BadQuantity(input) => i18n.tr_args("err-bad-quantity", &[("input", s(input))]),
            E::Cart(c) => i18n.tr(match c {
                CartError::NonPositiveQuantity => "err-quantity-not-positive",
                CartError::FractionalPieces => "err-fractional-pieces",
                CartError::QuantityTooLarge => "err-quantity-too-large",
                CartError::NoSuchLine(_) => "err-no-line",
                CartError::DiscountTooLarge => "err-discount-too-large",
                CartError::NonPositiveDiscount => "err-discount-not-positive",
                CartError::Empty => "err-empty-cart",
                CartError::NeedsPrice => "err-needs-price",
                CartError::NonPositivePrice => "err-price-not-positive",
            }),
            E::Tender(TenderError::NotEnoughCash { given, due }) => i18n.tr_args(
                "err-not-enough-cash",
                &[("given", s(&i18n.money(*given))), ("due", s(&i18n.money(*due)))],
            ),
            E::Tender(TenderError::CardOverpays { due }) => {
                i18n.tr_args("err-card-overpays", &[("due", s(&i18n.money(*due)))])
            }
            E::Tender(TenderError::NothingDue) => i18n.tr("err-nothing-due"),
            E::Tender(TenderError::NonPositive) => i18n.tr("err-amount-not-positive"),
            E::WrongPin { failed } => {
                i18n.tr_args("err-wrong-pin", &[("failed", FluentValue::from(*failed))])
            }
            E::PinLocked { name } if name.is_empty() => i18n.tr("err-pin-prompt-locked"),
            E::PinLocked { name } => i18n.tr_args("err-pin-locked", &[("name", s(name))]),
            E::NeedsManager => i18n.tr("err-needs-manager"),
            E::NoUser(name) => i18n.tr_args("err-no-user", &[("name", s(name))]),
            E::NoReceipt(n) => i18n.tr_args("err-no-receipt", &[("number", FluentValue::from(*n))]),
            E::NoOrder(n) => i18n.tr_args("err-no-order", &[("order", FluentValue::from(*n))]),
            E::Conflict(detail) => i18n.tr_args("err-conflict", &[("detail", s(detail))]),
            E::DatabaseTooNew { found, known } => i18n.tr_args(
                "err-db-too-new",
                &[("found", FluentValue::from(*found)), ("known", FluentValue::from(*known))],
            ),
            E::Storage(detail) => i18n.tr_args("err-storage", &[("detail", s(detail))]),
            E::BadInput(detail) => i18n.tr_args("err-bad-input", &[("detail", s(detail))]),
            E::NoTerminal(name) => i18n.tr_args("err-no-terminal", &[("name", s(name))]),
            E::Terminal(t) => terminal_message(i18n, t),
            E::Session(SessionError::TerminalBusy(_)) => i18n.tr("err-terminal-busy"),
            E::NoDefaultTerminal => i18n.tr("err-no-default-terminal"),
            E::TerminalBusy { pid, .. } if *pid == std::process::id() => i18n.tr("err-terminal-busy"),
            E::TerminalBusy { terminal, pid } => i18n.tr_args(
                "err-terminal-busy-elsewhere",
                &[("name", s(terminal)), ("pid", FluentValue::from(*pid))],
            ),
            E::Session(SessionError::UnresolvedAttempt { .. }) => i18n.tr("err-terminal-open-attempt"),
            E::Session(other) => i18n.tr_args("err-storage", &[("detail", s(&other.to_string()))]),
            E::Print(p) => p.cashier_message(i18n),
            E::NoPrinter => i18n.tr("err-no-printer"),
            E::Refund(r) => r.message(i18n),
            E::Setup(e) => e.message(i18n),
            E::BatchClose(b) => b.message(i18n),
            E::Restore(r) => r.message(i18n),
        }
    }

    /// The command line's exit code for this error: 2 bad input, 1 anything else.
    pub fn exit_code(&self) -> u8 {
        use RegisterError as E;
        match self {
            E::UnknownCode(_)
            | E::Barcode(_)
            | E::Amount { .. }
            | E::BadQuantity(_)
            | E::Cart(_)
            | E::Tender(_)
            | E::NoUser(_)
            | E::NoReceipt(_)
            | E::NoOrder(_)
            | E::BadInput(_)
            | E::NoTerminal(_)
            | E::NoDefaultTerminal
            | E::Refund(_)
            | E::Setup(_)
            | E::Restore(
                RestoreError::NotTameio(_) | RestoreError::FailsCheck(_) | RestoreError::NotConfirmed,
            )
            | E::Terminal(TerminalError::Invalid(_) | TerminalError::Config(_)) => 2,
            // The terminal answered but the journal has not kept it yet: left for recovery.
            E::Session(SessionError::NotRecorded { .. } | SessionError::LeftOpen { .. }) => 4,
            // The terminal may have closed its batch: left for a manager.
            E::BatchClose(BatchCloseError::Unanswered { .. }) => 4,
            _ => 1,
        }
    }
}

pub use admin::{SetupError, StaffMember, VatClassUse, VatTable, check_pairing_code, check_pin};
pub use backups::{ChainReport, RestoreCandidate, RestoreError, Restored, Upgrade};
pub use batches::{BatchCloseDecision, BatchCloseError, PendingBatchCloses};
pub use certify::{CertStep, Certification, StepResult, Verdict};
pub use deferred::{DeferredOverview, NotReached, UnmatchedDeferred, describe_unmatched};
pub use documents::ZIssued;
pub use guard::{HeldTerminal, TerminalGuard};
pub use parked::ParkedSale;
pub use payments::{CardPayment, DEMO_TERMINAL, PayRequest, Recovered, card_details};
pub use people::RECOVERY_ACTOR;
pub use refunds::{CardPart, LineLeft, RefundError, RefundLine, RefundMode, RefundPlan, Refunded};
pub use secrets::{KEY_OPTIONS, split_key_material};
pub use signature::{UncheckedSignature, signature_to_check};
pub use terminal_keys::{KeySetup, KeysDone};

pub type Result<T, E = RegisterError> = std::result::Result<T, E>;

/// What `db check` found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DbCheck {
    pub integrity: Vec<String>,
    pub chain: ChainReport,
    pub receipt_problems: Vec<String>,
    /// Values a strict read refuses, one per damaged row and column.
    pub row_problems: Vec<String>,
    pub receipts_checked: i64,
}

impl DbCheck {
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && matches!(self.chain, ChainReport::Intact { .. })
            && self.receipt_problems.is_empty()
            && self.row_problems.is_empty()
    }
}

/// Shared by the GUI's tasks as `Arc<Register>`: every method takes `&self`.
pub struct Register {
    store: Arc<Store>,
    settings: RwLock<Settings>,
    places: Option<Places>,
    /// Where the cross-process terminal guards are taken.
    locks: guard::Locks,
    /// The in-process demo terminal, started on first use.
    demo: Arc<tokio::sync::Mutex<Option<crate::terminal::ecr17::sim::SimServer>>>,
    /// Pause between the demo terminal's progress steps (0 in tests).
    demo_step_ms: u64,
}

impl Register {
    /// Opens the register in its data folder: settings, database (migrated), demo data on first run.
    pub fn open(places: &Places) -> Result<(Register, Vec<SettingsProblem>)> {
        std::fs::create_dir_all(&places.data_dir)
            .map_err(|e| RegisterError::Storage(format!("{}: {e}", places.data_dir.display())))?;
        let (settings, problems) = Settings::load(&places.settings());
        let store = Store::open(&places.database())?;
        if store.seed_demo_if_empty()? {
            tracing::info!("first run: demo catalogue and users written");
        }
        let register = Register {
            store: Arc::new(store),
            settings: RwLock::new(settings),
            places: Some(places.clone()),
            locks: guard::Locks::Dir(places.data_dir.join("locks")),
            demo: Register::new_demo_slot(),
            demo_step_ms: 700,
        };
        // Never stops the register from opening: a key left behind is logged and moved next time.
        if let Err(e) = register.move_key_material_out_of_database() {
            tracing::error!(error = %e, "key material could not be moved to the secrets file");
        }
        // Never stops the register from opening either: tomorrow's open tries again.
        if let Err(e) = register.daily_backup() {
            tracing::error!(error = %e, "the daily backup could not be taken");
        }
        Ok((register, problems))
    }

    /// A register on an in-memory database with the demo data (tests, benchmarks).
    pub fn in_memory(settings: Settings) -> Result<Register> {
        let store = Store::open_in_memory()?;
        store.seed_demo_if_empty()?;
        Ok(Register {
            store: Arc::new(store),
            settings: RwLock::new(settings),
            places: None,
            locks: guard::Locks::Memory(Arc::default()),
            demo: Register::new_demo_slot(),
            demo_step_ms: 0,
        })
    }

    /// The same register with the demo terminal's progress steps `ms` apart instead of the
    /// 700 ms that pace them for a cashier (tests on a data folder run them at 0).
    pub fn with_demo_step_ms(mut self, ms: u64) -> Register {
        self.demo_step_ms = ms;
        self
    }

    /// A snapshot of the settings (they may change while the register runs).
    pub fn settings(&self) -> Settings {
        self.settings.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn places(&self) -> Option<&Places> {
        self.places.as_ref()
    }

    pub fn register_id(&self) -> String {
        self.settings().register_id
    }

    /// The shared store, for the terminal journal (`terminal::session` writes through it).
    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub fn save_settings(&self, settings: Settings, by: &Operator) -> Result<()> {
        require_manager(by)?;
        if let Some(places) = &self.places {
            settings.save(&places.settings()).map_err(|e| RegisterError::Storage(e.to_string()))?;
        }
        self.store.audit(&by.name, "settings.save", "tameio.toml", "{}")?;
        *self.settings.write().unwrap_or_else(|p| p.into_inner()) = settings;
        Ok(())
    }

    // ---- people -------------------------------------------------------------------------

    pub fn users(&self) -> Result<Vec<User>> {
        Ok(self.store.users()?)
    }

    pub fn user_by_name(&self, name: &str) -> Result<User> {
        self.users()?
            .into_iter()
            .find(|u| u.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| RegisterError::NoUser(name.to_string()))
    }

    /// Opens the operator's shift (or continues the one left open) with a cash float.
    pub fn open_shift(&self, by: &Operator, float: Money) -> Result<crate::store::Shift> {
        Ok(self.store.open_shift(&self.register_id(), by.user_id, float, &by.name)?)
    }

    pub fn close_shift(&self, by: &Operator, shift_id: i64) -> Result<()> {
        Ok(self.store.close_shift(shift_id, &by.name)?)
    }

    /// Voids a cart line, in the audit log with who allowed it.
    pub fn void_line(
        &self,
        by: &Operator,
        allowed_by: Option<&Operator>,
        cart: &mut Cart,
        index: usize,
    ) -> Result<()> {
        if self.settings().void_needs_manager
            && !by.is_manager()
            && allowed_by.is_none_or(|m| !m.is_manager())
        {
            return Err(RegisterError::NeedsManager);
        }
        let line = cart.void_line(index)?;
        let detail = serde_json::json!({
            "plu": line.plu, "name": line.name, "quantity": line.quantity.label(), "amount_cents": line.gross().cents(),
            "allowed_by": allowed_by.map(|m| m.name.clone()),
        });
        self.store.audit(&by.name, "cart.void_line", "-", &detail.to_string())?;
        Ok(())
    }

    // ---- catalogue and cart -------------------------------------------------------------

    pub fn products(&self) -> Result<Vec<Product>> {
        Ok(self.store.products()?)
    }

    pub fn find(&self, code: &str) -> Result<Product> {
        let code = code.trim();
        self.store.product_by_code(code)?.ok_or_else(|| RegisterError::UnknownCode(code.to_string()))
    }

    pub fn parse_amount(&self, input: &str) -> Result<Money> {
        Money::parse(input, self.settings().money_style())
            .map_err(|source| RegisterError::Amount { input: input.to_string(), source })
    }

    pub fn parse_quantity(&self, input: &str) -> Result<Quantity> {
        Quantity::parse(input).map_err(|e| match e {
            CartError::NonPositiveQuantity => RegisterError::Cart(e),
            _ => RegisterError::BadQuantity(input.to_string()),
        })
    }

    /// Adds the product with this barcode or PLU to the cart; the cart is untouched on error.
    pub fn ring_up(&self, cart: &mut Cart, code: &str, quantity: Quantity) -> Result<usize> {
        let product = self.find(code)?;
        Ok(cart.add(&product, quantity, self.settings().lang())?)
    }

    /// Rings up an open-price product (a department key) at the price typed for it.
    pub fn ring_up_priced(
        &self,
        cart: &mut Cart,
        code: &str,
        quantity: Quantity,
        price: Money,
    ) -> Result<usize> {
        let product = self.find(code)?;
        if !product.is_open_price() {
            return Err(RegisterError::BadInput(format!(
                "“{code}” has a fixed price ({}); leave out “@{}”",
                product.price, price
            )));
        }
        Ok(cart.add_priced(&product, quantity, price, self.settings().lang())?)
    }

    pub fn discount_line(&self, cart: &mut Cart, index: usize, discount: Option<Discount>) -> Result<()> {
        Ok(cart.discount_line(index, discount)?)
    }

    // ---- payment ------------------------------------------------------------------------

    /// A cash sale in one transaction: order, lines, tender, receipt, audit.
    pub fn cash_sale(&self, by: &Operator, cart: &Cart, given: Money) -> Result<Receipt> {
        if cart.is_empty() {
            return Err(CartError::Empty.into());
        }
        Tender::cash_settling(cart.totals().total, given)?;
        Ok(self.store.cash_sale(&self.register_id(), by.user_id, cart, given, &by.name)?)
    }

    /// Commits the cart as an open order, before any card is charged for it.
    pub fn open_order(&self, by: &Operator, cart: &Cart) -> Result<i64> {
        if cart.is_empty() {
            return Err(CartError::Empty.into());
        }
        Ok(self.store.create_order(&self.register_id(), by.user_id, cart, &by.name)?)
    }

    pub fn order(&self, order_id: i64) -> Result<OrderRecord> {
        self.store.order(order_id).map_err(|e| match e {
            StoreError::NotFound(_) => RegisterError::NoOrder(order_id),
            other => other.into(),
        })
    }

    /// Cash on an open order: settles it (with change) when it covers the rest, else a part.
    pub fn pay_cash(&self, by: &Operator, order_id: i64, amount: Money) -> Result<Option<Receipt>> {
        let due = self.order(order_id)?.remaining();
        let tender = Tender::cash_part(due, amount)?;
        Ok(self.store.add_tender(&self.register_id(), order_id, &tender, &by.name)?)
    }

    pub fn void_order(&self, by: &Operator, order_id: i64) -> Result<()> {
        self.order(order_id)?;
        Ok(self.store.void_order(order_id, &by.name)?)
    }

    /// Refunds a paid sale in full, in cash (card refunds go through the terminal first).
    pub fn refund_cash(&self, by: &Operator, number: i64) -> Result<Receipt> {
        require_manager(by)?;
        let original = self.receipt(number)?;
        let tender = Tender {
            kind: TenderKind::Cash,
            amount: -original.total,
            given: -original.total,
            change: Money::ZERO,
            card: None,
        };
        Ok(self.store.refund(&self.register_id(), number, vec![tender], &by.name)?)
    }

    // ---- receipts -----------------------------------------------------------------------

    pub fn receipts(&self, filter: &ReceiptFilter) -> Result<Vec<ReceiptSummary>> {
        Ok(self.store.receipts(&self.register_id(), filter)?)
    }

    pub fn receipt(&self, number: i64) -> Result<Receipt> {
        self.store.receipt(&self.register_id(), number).map_err(|e| match e {
            StoreError::NotFound(_) => RegisterError::NoReceipt(number),
            other => other.into(),
        })
    }

    /// A reprint: manager only, counted and audited; returns the copy number to print.
    pub fn reprint(&self, by: &Operator, number: i64) -> Result<(Receipt, i64)> {
        require_manager(by)?;
        let receipt = self.receipt(number)?;
        let copy = self.store.record_reprint(&self.register_id(), number, by.user_id, &by.name)?;
        Ok((receipt, copy))
    }

    // ---- reports and maintenance ---------------------------------------------------------

    pub fn x_report(&self) -> Result<RegisterTotals> {
        Ok(self.store.register_totals(&self.register_id())?)
    }

    /// Closes the register's own batch (Z report) with the cash a manager counted.
    pub fn close_register_batch(&self, by: &Operator, counted_cash: Option<Money>) -> Result<BatchClosure> {
        require_manager(by)?;
        self.refuse_while_close_unfinished()?;
        Ok(self.store.close_batch(&self.register_id(), "", None, counted_cash, Some(by.user_id), &by.name)?)
    }

    pub fn batch_closures(&self) -> Result<Vec<BatchClosure>> {
        Ok(self.store.batch_closures(&self.register_id())?)
    }

    pub fn check_db(&self) -> Result<DbCheck> {
        // A damaged last receipt must not stop the check: `check_rows` names it below.
        let receipts_checked = self
            .store
            .receipts(&self.register_id(), &ReceiptFilter { limit: Some(1), ..Default::default() })
            .ok()
            .and_then(|list| list.first().map(|r| r.number))
            .unwrap_or(0);
        Ok(DbCheck {
            integrity: self.store.integrity_check()?,
            chain: self.store.verify_audit_chain()?.into(),
            receipt_problems: self.store.verify_receipts()?,
            row_problems: self.store.check_rows()?,
            receipts_checked,
        })
    }

    pub fn backup(&self, target: &Path) -> Result<()> {
        Ok(self.store.backup_to(target)?)
    }
}

fn terminal_message(i18n: &I18n, e: &TerminalError) -> String {
    match e {
        TerminalError::Busy => i18n.tr("err-terminal-busy"),
        TerminalError::Unreachable(_) => i18n.tr("err-terminal-unreachable"),
        TerminalError::NotSupported(op) => {
            // The operation in the user's words where the .ftl has them (`op-<words>`).
            let id = format!(
                "op-{}",
                op.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join("-")
            );
            let words = i18n.tr(&id);
            let op = if words == id { op.to_string() } else { words };
            i18n.tr_args("err-not-supported", &[("operation", FluentValue::from(op))])
        }
        other => i18n.tr_args("err-terminal", &[("detail", FluentValue::from(other.to_string()))]),
    }
}

fn require_manager(by: &Operator) -> Result<()> {
    if by.is_manager() { Ok(()) } else { Err(RegisterError::NeedsManager) }
}
