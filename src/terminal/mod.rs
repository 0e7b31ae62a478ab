//! The terminal layer: the `Terminal` trait every payment protocol implements, its data types,
//! the journal-first payment session and one folder per protocol (ECR17, AADE 1155, WebECR, nexo).

mod error;
mod journal;
mod progress;
mod types;

pub mod aade1155;
pub mod capture;
pub mod ecr17;
pub mod http;
pub mod nexo;
pub mod session;
pub mod sim;
pub mod webecr;
pub mod wirelog;

use async_trait::async_trait;

pub use error::TerminalError;
pub use journal::{Attempt, AttemptState, Journal, JournalCall, JournalError, MemoryJournal, ProbedJournal};
pub use progress::{Progress, ProgressSink, SignatureAnswer, classify_display};
pub use types::{
    Approval, BatchTotals, Outcome, PaymentKind, PaymentRequest, Protocol, Recovery, TerminalConfig,
    TerminalStatus,
};

/// A payment terminal as the register sees it, whatever protocol it speaks.
///
/// Drivers never touch the journal: `session` wraps every financial call. Anything a protocol
/// lacks answers `TerminalError::NotSupported`.
#[async_trait]
pub trait Terminal: Send + Sync {
    /// The configured name; the session serialises payments per name.
    fn name(&self) -> &str;

    fn protocol(&self) -> Protocol;

    /// The protocol's own reference for this request, stored in the journal before sending.
    fn reference(&self, req: &PaymentRequest) -> String {
        req.attempt_id.to_string()
    }

    /// Refuses, before anything is journalled or sent, a kind this terminal cannot carry out.
    fn check_kind(&self, kind: PaymentKind) -> Result<(), TerminalError> {
        let _ = kind;
        Ok(())
    }

    async fn status(&self) -> Result<TerminalStatus, TerminalError>;

    /// Carries out a payment of any kind. Called only through `session::run`.
    async fn pay(&self, req: &PaymentRequest, progress: &ProgressSink) -> Result<Outcome, TerminalError>;

    /// The last result the terminal stored, if it keeps one (ECR17 `G`).
    async fn last_result(&self) -> Result<Option<Outcome>, TerminalError> {
        Err(TerminalError::NotSupported("last result"))
    }

    /// Whether `recover` can ask the terminal anything (AADE 1155 version 01 cannot: a lost
    /// outcome there is always a person's decision).
    fn can_recover(&self) -> bool {
        true
    }

    /// Asks the terminal what became of an attempt whose outcome was lost.
    async fn recover(&self, attempt: &Attempt) -> Result<Recovery, TerminalError> {
        let _ = attempt;
        Err(TerminalError::NotSupported("recovery"))
    }

    /// What to note in the attempt's reference before the request leaves, so recovery can tell
    /// this attempt's result from an earlier one (ECR17: the STAN of the terminal's last stored
    /// result, by `G`). Asked only when the journal has nothing to compare with. `None`: no note.
    async fn baseline(&self) -> Option<String> {
        None
    }

    /// `recover` with what the journal knows besides the attempt; the session calls this one.
    /// Protocols whose answer carries no reference (ECR17 `G`) use it to judge the match.
    async fn recover_with(
        &self,
        attempt: &Attempt,
        context: &RecoveryContext,
    ) -> Result<Recovery, TerminalError> {
        let _ = context;
        self.recover(attempt).await
    }

    /// Tells the terminal the result of `attempt` is recorded, so it may forget it (AADE 1155
    /// v10 `R`). The session calls it only after the journal committed the outcome; a result
    /// never acknowledged stays on the terminal and is offered again. Best effort.
    async fn acknowledge(&self, attempt: &Attempt) {
        let _ = attempt;
    }

    /// Closes the accounting session (end of day) and returns its totals.
    async fn close_batch(&self) -> Result<BatchTotals, TerminalError> {
        Err(TerminalError::NotSupported("batch close"))
    }

    /// Reads the running totals without closing anything.
    async fn totals(&self) -> Result<BatchTotals, TerminalError> {
        Err(TerminalError::NotSupported("totals"))
    }

    /// A copy of the last card slip as text (ECR17 `R1`).
    async fn reprint_last(&self) -> Result<String, TerminalError> {
        Err(TerminalError::NotSupported("receipt reprint"))
    }

    /// The reference a preload of `order_ref` will carry, known before anything is sent so the
    /// register journals it first. `preload` must send under exactly this reference.
    fn preload_reference(&self, order_ref: &str) -> String {
        order_ref.trim().to_string()
    }

    /// Sends an order to be paid on the terminal later (a preloaded receipt); returns the
    /// reference its result will carry (`preload_reference(order_ref)`).
    async fn preload(&self, order_ref: &str, amount: crate::domain::Money) -> Result<String, TerminalError> {
        let _ = (order_ref, amount);
        Err(TerminalError::NotSupported("preloaded receipts"))
    }

    /// Results waiting at the terminal (paid preloads, results never acknowledged), with their
    /// references. `waiting` names the preloads the register still waits for (protocols that
    /// look each one up use it). `keep` stores each first; only kept ones are acknowledged.
    async fn collect_results(
        &self,
        waiting: &[String],
        keep: &mut (dyn for<'r, 'o> FnMut(&'r str, &'o Outcome) -> bool + Send),
    ) -> Result<Vec<(String, Outcome)>, TerminalError> {
        let _ = (waiting, keep);
        Err(TerminalError::NotSupported("collecting results"))
    }

    /// `collect_results` for preloads known by reference and amount; `keep` returns true only
    /// for a result the register booked (or had booked), and only those are acknowledged. A
    /// result it does not keep stays on the terminal, and the collection goes on.
    async fn collect_waiting(
        &self,
        waiting: &[WaitingPreload],
        keep: &mut (dyn for<'r, 'o> FnMut(&'r str, &'o Outcome) -> bool + Send),
    ) -> Result<Vec<(String, Outcome)>, TerminalError> {
        let references: Vec<String> = waiting.iter().map(|w| w.reference.clone()).collect();
        self.collect_results(&references, keep).await
    }
}

/// What the journal knows that a recovery may weigh besides the attempt itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecoveryContext {
    /// The STAN of the most recent approval recorded on this terminal (another attempt).
    pub last_stan: Option<String>,
    /// The terminal id that approval came from (a STAN counts per terminal id).
    pub last_terminal_id: String,
    /// The attempt that approval belongs to.
    pub last_attempt: Option<uuid::Uuid>,
    /// This terminal's recorded results as (reference, outcome): a result equal to one of them
    /// that a crash left unacknowledged may be acknowledged on the way (AADE `L`). A manager's
    /// forced outcome never equals what the terminal says, so that result is kept instead.
    pub recorded: Vec<(String, Outcome)>,
}

/// A preload the register still waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingPreload {
    pub reference: String,
    /// The order's reference it was sent with (`Terminal::preload`'s `order_ref`).
    pub order_ref: String,
    pub amount: crate::domain::Money,
}

/// Builds the driver for a configured terminal. Opens no connection: LAN protocols connect
/// per command.
pub fn connect(config: &TerminalConfig) -> Result<Box<dyn Terminal>, TerminalError> {
    match config.protocol {
        Protocol::Ecr17 => Ok(Box::new(ecr17::Ecr17Terminal::from_config(config)?)),
        Protocol::Aade1155 => Ok(Box::new(aade1155::Aade1155Terminal::from_config(config)?)),
        Protocol::WebEcr => Ok(Box::new(webecr::WebEcrTerminal::from_config(config)?)),
        Protocol::Nexo => Ok(Box::new(nexo::NexoTerminal::from_config(config)?)),
        Protocol::Bridge => Err(TerminalError::NotSupported("the bridge protocol (yet)")),
        Protocol::Xpay => Err(TerminalError::NotSupported("the xpay protocol (yet)")),
    }
}
