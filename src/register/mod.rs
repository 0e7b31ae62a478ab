//! The application service: everything a cashier or a manager can do. The GUI and the CLI
//! both call this; neither touches SQL, a socket or a printer directly.

mod abort;
mod admin;
mod backups;
mod batches;
mod catalog;
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
mod period;
mod refunds;
mod sales;
mod secrets;
pub mod settings_types;
mod signature;
mod support;
mod terminal_keys;
pub mod tools;

use std::sync::{Arc, RwLock};

use fluent_bundle::FluentValue;

use crate::config::{Places, Settings, SettingsProblem};
/// Plain data the GUI and the command line get here (neither imports `store`), from `domain`.
pub use crate::domain::period::{DecimalMark, PeriodBy, PeriodReport, PeriodTotals};
use crate::domain::{BarcodeError, CartError, MoneyError, Role, RowError, RowProblem, TenderError};
pub use crate::domain::{
    DEMO_MANAGER, DeferredReceipt, DeferredState, PIN_FREE_TRIES, PIN_LOCK_AFTER, ReceiptFilter,
    ReceiptSummary, User,
};
use crate::i18n::I18n;
use crate::store::{Store, StoreError};
use crate::terminal::session::SessionError;
use crate::terminal::{Attempt, TerminalError};

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
    /// A catalogue row or field refused (row 0: not from a file).
    #[error(transparent)]
    Catalog(RowError),
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
            E::Catalog(e) => catalog_message(i18n, e),
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
            | E::Catalog(_)
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

    /// The attempt the terminal answered but the journal could not keep (it stays open for
    /// `tameio recover`), with why it was not kept.
    pub fn unrecorded_attempt(&self) -> Option<(&Attempt, String)> {
        match self {
            RegisterError::Session(
                SessionError::NotRecorded { attempt, source, .. }
                | SessionError::LeftOpen { attempt, source },
            ) => Some((attempt, source.to_string())),
            _ => None,
        }
    }
}

pub use admin::{SetupError, StaffMember, VatClassUse, VatTable, check_pairing_code, check_pin};
pub use backups::{
    ChainReport, CheckPhase, CheckProgress, CheckScope, DbCheck, RestoreCandidate, RestoreError, Restored,
    Upgrade,
};
pub use batches::{BatchCloseDecision, BatchCloseError, PendingBatchCloses};
pub use catalog::SEARCH_LIMIT;
pub use certify::{CertStep, Certification, StepResult, Verdict};
pub use deferred::{DeferredOverview, NotReached, UnmatchedDeferred, describe_unmatched};
pub use documents::{ZIssued, paper_named};
pub use guard::{HeldTerminal, TerminalGuard};
pub use parked::{Decided, ParkedSale};
pub use payments::{CardPayment, DEMO_TERMINAL, PayRequest, Recovered, card_details};
pub use people::RECOVERY_ACTOR;
pub use period::PeriodFormat;
pub use refunds::{CardPart, LineLeft, RefundError, RefundLine, RefundMode, RefundPlan, Refunded};
pub use secrets::{KEY_OPTIONS, split_key_material};
pub use signature::{UncheckedSignature, signature_to_check};
pub use terminal_keys::{KeySetup, KeysDone};

pub type Result<T, E = RegisterError> = std::result::Result<T, E>;

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
    /// Today's automatic backup, copied on a thread of its own.
    daily: backups::DailyBackup,
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
            daily: Default::default(),
        };
        // Never stops the register from opening: a key left behind is logged and moved next time.
        if let Err(e) = register.move_key_material_out_of_database() {
            tracing::error!(error = %e, "key material could not be moved to the secrets file");
        }
        // Never stops the register from opening either: tomorrow's open tries again.
        if let Err(e) = register.start_daily_backup() {
            tracing::error!(error = %e, "the daily backup could not be started");
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
            daily: Default::default(),
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

/// A refused catalogue row or field: where, and why, in the user's language.
fn catalog_message(i18n: &I18n, e: &RowError) -> String {
    let v = |x: &str| FluentValue::from(x.to_string());
    let reason = row_problem_text(i18n, &e.problem);
    let column = v(&e.column);
    if e.row == 0 {
        i18n.tr_args("catalog-err-field", &[("column", column), ("reason", v(&reason))])
    } else {
        i18n.tr_args(
            "catalog-err-row",
            &[("row", FluentValue::from(e.row)), ("column", column), ("reason", v(&reason))],
        )
    }
}

/// Why a catalogue field is refused, in the user's language (a form shows it by its field).
pub fn row_problem_text(i18n: &I18n, problem: &RowProblem) -> String {
    use RowProblem as P;
    let v = |x: &str| FluentValue::from(x.to_string());
    match problem {
        P::MissingColumn(c) => i18n.tr_args("catalog-why-missing-column", &[("value", v(c))]),
        P::FieldCount => i18n.tr("catalog-why-field-count"),
        P::BadPlu(x) => i18n.tr_args("catalog-why-bad-plu", &[("value", v(x))]),
        P::DuplicatePlu(plu) => {
            i18n.tr_args("catalog-why-duplicate-plu", &[("value", FluentValue::from(*plu))])
        }
        P::EmptyName => i18n.tr("catalog-why-empty-name"),
        P::BadBarcode(x) => i18n.tr_args("catalog-why-bad-barcode", &[("value", v(x))]),
        P::CheckDigit(x) => i18n.tr_args("catalog-why-check-digit", &[("value", v(x))]),
        P::DuplicateBarcode { code, plu } => i18n.tr_args(
            "catalog-why-duplicate-barcode",
            &[("value", v(code)), ("plu", FluentValue::from(*plu))],
        ),
        P::BadPrice(x) => i18n.tr_args("catalog-why-bad-price", &[("value", v(x))]),
        P::PriceDecimals(x) => i18n.tr_args("catalog-why-price-decimals", &[("value", v(x))]),
        P::UnknownVat(x) => i18n.tr_args("catalog-why-unknown-vat", &[("value", v(x))]),
        P::BadUnit(x) => i18n.tr_args("catalog-why-bad-unit", &[("value", v(x))]),
        P::BadActive(x) => i18n.tr_args("catalog-why-bad-active", &[("value", v(x))]),
        P::Unquoted => i18n.tr("catalog-why-unquoted"),
    }
}

fn require_manager(by: &Operator) -> Result<()> {
    if by.is_manager() { Ok(()) } else { Err(RegisterError::NeedsManager) }
}
