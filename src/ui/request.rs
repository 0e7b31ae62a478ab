//! What the screens ask of the register, and how it answers: the data only. A screen returns a
//! `Job` (a quick SQLite call) or a `Work` (talks to a terminal or a printer); the runners in
//! `ui::app` carry it out and bring the answer back to the screen that asked.

use crate::config::Settings;
use crate::domain::{Cart, Money, Receipt};
use crate::i18n::I18n;
use crate::register::{DeferredState, PeriodBy, PeriodFormat, PeriodReport, ReceiptFilter};
use crate::register::{Operator, RefundLine, RefundMode, RegisterError};
use crate::terminal::{Attempt, Outcome};

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
        /// Handed over for `amount` (the change goes back at once).
        given: Money,
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
        /// The day's opening float, when a manager typed it at the close.
        float: Option<Money>,
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
    Settings(settings::Call),
    /// The accountant's period report (Manager · Reports).
    PeriodReport {
        from: String,
        to: String,
        by: PeriodBy,
    },
    /// Saves the report on show as PDF or CSV beside the Z reports.
    SavePeriod {
        report: Box<PeriodReport>,
        format: PeriodFormat,
    },
    /// The Products tab's calls (and the first run's catalogue import).
    Products(products::Call),
}

/// Where a print or PDF answer goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintFor {
    /// The receipt screen after a sale: the original.
    Receipt,
    /// A manager's counted copy: counted for them once it is printed or saved.
    Manager(Operator),
}

#[derive(Debug, Clone)]
pub enum Work {
    /// Is the terminal there? For the status bar.
    Status(String),
    PayCard {
        by: Operator,
        order_id: i64,
        amount: Money,
        terminal: String,
    },
    /// Esc during a payment the terminal holds: ask it to cancel (nexo Abort). The payment's
    /// own answer, not this one, is its outcome.
    Abort {
        terminal: String,
    },
    /// "Wait": ask the terminal again about an attempt whose outcome is unknown.
    Recover {
        terminal: String,
        attempt: Box<Attempt>,
    },
    /// Book an approved payment whose tender is not booked yet.
    Book {
        by: Operator,
        attempt: Box<Attempt>,
    },
    /// A manager decides an unknown attempt by hand.
    Force {
        by: Operator,
        attempt: Box<Attempt>,
        outcome: Box<Outcome>,
    },
    /// A manager decides an attempt from the diagnostics view (e.g. one left from a crash).
    ForceOpen {
        by: Operator,
        attempt: Box<Attempt>,
        approved: bool,
    },
    Defer {
        by: Operator,
        cart: Cart,
        terminal: String,
    },
    RefreshDeferred,
    /// The terminal's settings (protocol, address), for diagnostics.
    TerminalConfig(String),
    /// The terminal's running totals, for the batch close.
    TerminalTotals(String),
    /// Closes the terminal's batch and the register's, as one Z.
    CloseBatch {
        by: Operator,
        terminal: String,
        counted: Option<Money>,
        /// The day's opening float, when a manager typed it at the close.
        float: Option<Money>,
    },
    /// Saves (and prints, when a printer is set) the Z report of closure `number`.
    IssueZ(i64),
    Print {
        receipt: Box<Receipt>,
        copy: Option<i64>,
        to: PrintFor,
    },
    /// A manager refunds or voids a paid receipt (through its card's terminal, or in cash).
    Refund {
        by: Operator,
        number: i64,
        mode: RefundMode,
        /// The lines picked (none: all that is left on the receipt).
        lines: Vec<RefundLine>,
    },
    /// The settings tab's test print, terminal test and pairing.
    Settings(settings::Remote),
    /// The cashier found the signature on the merchant copy matching (noted, nothing sent).
    ConfirmSignature {
        by: Operator,
        attempt: uuid::Uuid,
    },
    /// The signature did not match: the approved payment is reversed by a void attempt.
    RefuseSignature {
        by: Operator,
        attempt: uuid::Uuid,
    },
    /// The cashier's answer to the terminal's own signature question (nexo full integration).
    AnswerSignature {
        terminal: String,
        confirmed: bool,
    },
    /// Ask the terminal again about a refused signature's give-back whose outcome was lost.
    CheckReversal {
        terminal: String,
        attempt: uuid::Uuid,
    },
    /// The declined card's slip to the shop's printer.
    PrintSlip {
        attempt: uuid::Uuid,
    },
}

/// The settings tab's calls: users, VAT classes and terminals (`Job::Settings`), and the test
/// print, terminal test, pairing, keys and certification (`Work::Settings`).
pub mod settings {
    use crate::domain::{Lang, Role, VatRate};
    use crate::register::settings_types::Paper;
    use crate::register::{CertStep, Certification, Operator};
    use crate::terminal::TerminalConfig;

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
}

/// The Products tab's calls: search, one product with its prices, save, deactivate, the
/// import's dry run and the import itself, export, and removing the demo catalogue.
pub mod products {
    use std::path::PathBuf;
    use std::sync::Arc;

    use crate::domain::CatalogEntry;
    use crate::domain::catalog_file::FileRow;
    use crate::register::Operator;

    /// Who asked for an import: the answer goes back there.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ImportFor {
        Products,
        FirstRun,
    }

    #[derive(Debug, Clone)]
    pub enum Call {
        /// Search as you type; the answer carries the text it is for.
        Search(String),
        /// One product with its price history.
        Open(u32),
        /// Adds (`new`) or rewrites a product.
        Save {
            by: Operator,
            entry: Box<CatalogEntry>,
            new: bool,
        },
        Deactivate {
            by: Operator,
            plu: u32,
        },
        RemoveDemo {
            by: Operator,
        },
        /// Reads a CSV file and runs its import dry: nothing written.
        DryRun {
            path: PathBuf,
            to: ImportFor,
        },
        /// The import itself; no one (`None`) only on a fresh data folder's first run, in the
        /// demo manager's name.
        Import {
            by: Option<Operator>,
            rows: Arc<Vec<FileRow>>,
            to: ImportFor,
        },
        /// Writes the whole catalogue as CSV into this folder.
        Export(PathBuf),
    }

    /// What a change did, for the notice.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Done {
        Saved(u32),
        Deactivated(u32),
        DemoRemoved(usize),
    }

    /// A refused field: its column (as a file names it) when known, and why.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct FieldFailure {
        pub column: Option<String>,
        pub text: String,
    }
}
