//! nexo Retailer 3.1 XML over HTTP (PAX terminals with Swedbank Pay): the codec, the client
//! (light integration), the `Terminal` implementation and a simulated terminal.

pub mod client;
pub mod codec;
pub mod decode;
pub mod listener;
pub mod messages;
mod options;
mod outcome;
pub mod receipt;
pub mod sim;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use async_trait::async_trait;
use uuid::Uuid;

pub use client::Client;
pub use decode::{decode_body, decode_input};
pub use options::{DEFAULT_PORT, NexoOptions, PATH};

use super::{
    Attempt, BatchTotals, Outcome, PaymentKind, PaymentRequest, Progress, ProgressSink, Protocol, Recovery,
    Terminal, TerminalConfig, TerminalError, TerminalStatus,
};
use codec::MessageHeader;
use messages::PaymentSpec;

/// The client of each terminal (by configured name) whose Payment is open now, so the
/// cashier's Esc can abort it from wherever the payment runs.
static OPEN: LazyLock<Mutex<HashMap<String, Arc<Client>>>> = LazyLock::new(Default::default);

/// Sends Abort for the payment open on terminal `name` (the GUI's Esc or Cancel). `false`:
/// no nexo payment is open there. The payment then ends as the terminal reports.
pub async fn abort_open_payment(name: &str) -> Result<bool, TerminalError> {
    let client = OPEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(name).cloned();
    match client {
        Some(client) => client.abort("Abort by Sale System").await,
        None => Ok(false),
    }
}

/// What the listener of each terminal (by configured name) hears while a full-integration
/// payment runs there, so the cashier's answer to its signature question reaches it.
static SIGNING: LazyLock<Mutex<HashMap<String, Arc<listener::Heard>>>> = LazyLock::new(Default::default);

/// The cashier's answer to the signature question of the payment on terminal `name`.
/// `false`: no question waits there (answered already, or timed out).
pub fn answer_signature(name: &str, confirmed: bool) -> bool {
    let heard = SIGNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(name).cloned();
    heard.is_some_and(|h| h.answer_signature(confirmed))
}

/// Keeps a terminal's listener in `SIGNING` while its payment runs.
struct Signing(String);

impl Signing {
    fn new(name: &str, heard: &Arc<listener::Heard>) -> Self {
        SIGNING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(name.to_string(), heard.clone());
        Signing(name.to_string())
    }
}

impl Drop for Signing {
    fn drop(&mut self) {
        SIGNING.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&self.0);
    }
}

/// Keeps a terminal's client in `OPEN` while its payment runs (also when the payment's
/// future is dropped).
struct OpenPayment(String);

impl OpenPayment {
    fn new(name: &str, client: &Arc<Client>) -> Self {
        OPEN.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(name.to_string(), client.clone());
        OpenPayment(name.to_string())
    }
}

impl Drop for OpenPayment {
    fn drop(&mut self) {
        OPEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&self.0);
    }
}

/// The largest amount tameio sends (nexo sets none; 1,000,000.00 guards typos).
const MAX_CENTS: i64 = 100_000_000;

/// A configured nexo terminal.
pub struct NexoTerminal {
    name: String,
    client: Arc<Client>,
    /// Full integration: the listener, started on first use, stopped with the driver.
    listener: tokio::sync::Mutex<Option<listener::Listener>>,
    /// The terminal refused Reconciliation/GetTotals once: Swedbank's terminals have neither
    /// (review N-3), so they are not asked again by this driver.
    no_totals: std::sync::atomic::AtomicBool,
}

impl NexoTerminal {
    fn unless_refused(&self, what: &'static str) -> Result<(), TerminalError> {
        if self.no_totals.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(TerminalError::NotSupported(what));
        }
        Ok(())
    }

    /// A refusal that says the service is not there (not a busy or passing failure) is kept:
    /// this terminal has no totals, now or later.
    fn remember_refusal(&self, r: &codec::Response, what: &'static str) -> Result<(), TerminalError> {
        let absent = ["UnavailableService", "NotAllowed", "Refusal", "MessageFormat"];
        if !r.is_success() && r.error_condition.as_deref().is_some_and(|c| absent.contains(&c)) {
            tracing::warn!(condition = ?r.error_condition, "nexo: the terminal has no {what}; not asked again");
            self.no_totals.store(true, std::sync::atomic::Ordering::Relaxed);
            return Err(TerminalError::NotSupported(what));
        }
        Ok(())
    }

    pub fn new(name: &str, addr: &str, sale_id: &str, opts: NexoOptions) -> Result<Self, TerminalError> {
        let client = Arc::new(Client::new(addr, sale_id, opts)?);
        Ok(NexoTerminal {
            name: name.to_string(),
            client,
            listener: tokio::sync::Mutex::new(None),
            no_totals: std::sync::atomic::AtomicBool::new(false),
        })
    }

    pub fn from_config(config: &TerminalConfig) -> Result<Self, TerminalError> {
        let opts: NexoOptions = if config.options.is_null() {
            NexoOptions::default()
        } else {
            serde_json::from_value(config.options.clone())
                .map_err(|e| TerminalError::Config(format!("nexo options: {e}")))?
        };
        NexoTerminal::new(&config.name, &config.addr, &config.cash_register_id, opts)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Starts the full-integration listener (once) on the `listen` option's address and
    /// returns where it listens and what it hears.
    pub async fn listen(
        &self,
    ) -> Result<(std::net::SocketAddr, std::sync::Arc<listener::Heard>), TerminalError> {
        let mut slot = self.listener.lock().await;
        if slot.is_none() {
            let opts = &self.client.opts;
            let wait = std::time::Duration::from_secs(opts.signature_wait_secs);
            let sessions = self.client.login_sessions();
            let started = listener::start(&opts.listen, opts.confirm_signature, wait, sessions)
                .await
                .map_err(|e| TerminalError::Config(format!("cannot listen on {}: {e}", opts.listen)))?;
            *slot = Some(started);
        }
        let l = slot.as_ref().ok_or_else(|| TerminalError::Config("no listener".into()))?;
        Ok((l.addr, l.heard.clone()))
    }

    /// Asks the terminal to abort the payment in progress (Esc at the register); the payment
    /// then ends with the outcome the terminal reports. `false`: no payment was open.
    pub async fn abort(&self) -> Result<bool, TerminalError> {
        self.client.abort("Abort by Sale System").await
    }

    /// Ends the login session (daily, `maintenance_allowed` so the terminal may update).
    pub async fn logout(&self, maintenance_allowed: bool) -> Result<(), TerminalError> {
        self.client.logout(maintenance_allowed).await
    }

    fn spec(&self, req: &PaymentRequest) -> Result<PaymentSpec, TerminalError> {
        let cents = req.amount.cents();
        if cents <= 0 || cents > MAX_CENTS {
            return Err(TerminalError::Invalid(format!("amount {} out of range", req.amount)));
        }
        if req.has_extras() {
            return Err(TerminalError::Invalid("nexo carries no tip or instalments".into()));
        }
        Ok(PaymentSpec {
            refund: req.kind == PaymentKind::Refund,
            amount: req.amount,
            cash_back: crate::domain::Money::ZERO,
            currency: self.client.opts.currency.trim().to_ascii_uppercase(),
            sale_transaction_id: service_id_of(req.attempt_id),
            time_stamp: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        })
    }

    async fn pay_light(
        &self,
        req: &PaymentRequest,
        progress: &ProgressSink,
    ) -> Result<Outcome, TerminalError> {
        progress.emit(Progress::Connecting);
        self.client.ensure_login().await.map_err(not_sent)?;
        if req.kind == PaymentKind::Void {
            return self.reverse_last(req, progress).await;
        }
        let spec = self.spec(req)?;
        let header = self.client.header("Payment", &service_id_of(req.attempt_id));
        let _open = OpenPayment::new(&self.name, &self.client);
        progress.emit(Progress::Sent);
        let resp = self.client.payment(&header, &spec).await?;
        progress.emit(Progress::ResultReceived);
        outcome::of_payment(&resp)
    }

    /// Reversal of the terminal's last transaction, which must be a successful payment (and
    /// the one `original` names, when given). Nothing is sent unless that holds.
    async fn reverse_last(
        &self,
        req: &PaymentRequest,
        progress: &ProgressSink,
    ) -> Result<Outcome, TerminalError> {
        let last = self.client.transaction_status(None).await.map_err(not_sent)?;
        let found = last.repeated_message_response.as_ref().and_then(|r| r.payment());
        let Some(payment) = found.filter(|p| last.response.is_success() && p.response.is_success()) else {
            return Err(TerminalError::Invalid(
                "the terminal's last transaction is no approved payment".into(),
            ));
        };
        let poi = payment.poi_data.as_ref().map(|d| d.poi_transaction_id.clone()).unwrap_or_default();
        if let Some(wanted) = req.original.as_deref().map(str::trim).filter(|w| !w.is_empty())
            && wanted != poi.transaction_id
        {
            return Err(TerminalError::Invalid(format!(
                "the terminal's last payment is {}, not {wanted}",
                poi.transaction_id
            )));
        }
        let header = self.client.header("Reversal", &service_id_of(req.attempt_id));
        progress.emit(Progress::Sent);
        let resp = self.client.reversal(&header, &poi).await?;
        progress.emit(Progress::ResultReceived);
        outcome::of_reversal(&resp, &poi)
    }
}

/// The ServiceID (and SaleTransactionID) of an attempt: ten digits from its uuid, so another
/// process recovering it names the same message.
pub fn service_id_of(attempt: Uuid) -> String {
    format!("{:010}", attempt.as_u128() % 10_000_000_000)
}

/// Errors before the financial request left: nothing reached the terminal.
fn not_sent(e: TerminalError) -> TerminalError {
    if e.may_have_reached_terminal() {
        TerminalError::Unreachable(format!("before the request: {e}"))
    } else {
        e
    }
}

/// What the journal keeps to find the message again: `Category ServiceID SaleID POIID`.
fn parse_reference(reference: &str) -> Option<MessageHeader> {
    let mut it = reference.split_whitespace();
    let (category, sid, sale, poi) = (it.next()?, it.next()?, it.next()?, it.next()?);
    matches!(category, "Payment" | "Reversal")
        .then(|| MessageHeader::service_request(category, sid, sale, poi))
}

#[async_trait]
impl Terminal for NexoTerminal {
    fn name(&self) -> &str {
        &self.name
    }

    fn protocol(&self) -> Protocol {
        Protocol::Nexo
    }

    fn reference(&self, req: &PaymentRequest) -> String {
        let category = if req.kind == PaymentKind::Void { "Reversal" } else { "Payment" };
        format!(
            "{category} {} {} {}",
            service_id_of(req.attempt_id),
            self.client.sale_id(),
            self.client.poiid()
        )
    }

    fn check_kind(&self, kind: PaymentKind) -> Result<(), TerminalError> {
        match kind {
            PaymentKind::Sale | PaymentKind::Refund | PaymentKind::Void => Ok(()),
            PaymentKind::PreAuth | PaymentKind::Incremental | PaymentKind::Completion => {
                Err(TerminalError::NotSupported("pre-authorisations"))
            }
            PaymentKind::Verify => Err(TerminalError::NotSupported("card verification")),
            PaymentKind::Moto => Err(TerminalError::NotSupported("mail and telephone orders")),
        }
    }

    async fn status(&self) -> Result<TerminalStatus, TerminalError> {
        if self.client.opts.full() {
            // A full-integration Login makes the terminal post to the register at once.
            self.listen().await?;
        }
        let login = self.client.login().await?;
        let system = login.poi_system_data.unwrap_or_default();
        let global = system.poi_status.map(|s| s.global_status).unwrap_or_default();
        Ok(TerminalStatus {
            terminal_id: system.poi_terminal_data.map(|t| t.poi_serial_number).unwrap_or_default(),
            status_text: format!("{} {}", system.poi_software.application_name, global).trim().to_string(),
            operational: global.is_empty() || global == "OK",
            status_code: global,
            software_release: system.poi_software.software_version,
            terminal_time: system.date_time,
        })
    }

    async fn pay(&self, req: &PaymentRequest, progress: &ProgressSink) -> Result<Outcome, TerminalError> {
        self.check_kind(req.kind)?;
        if !self.client.opts.full() {
            return self.pay_light(req, progress).await;
        }
        // Full integration: the terminal's display texts reach this payment's screen.
        let (_, heard) = self.listen().await?;
        heard.set_progress(progress.clone());
        let _signing = Signing::new(&self.name, &heard);
        let printed_before = heard.prints().len();
        let asked_before = heard.signature_questions();
        let result = self.pay_light(req, progress).await;
        heard.set_progress(ProgressSink::none());
        if heard.take_maintenance_required() {
            // SaleAdmin asked for maintenance: log out allowing it; the next request logs in.
            if let Err(e) = self.client.logout(true).await {
                tracing::warn!(error = %e, "nexo: logout for maintenance failed");
            }
        }
        match result {
            Ok(Outcome::Approved(mut a)) => {
                // The terminal asked about the signature itself and was answered: its slip's
                // `SignatureBlock` asks for nothing more.
                if heard.signature_questions().1 > asked_before.1 {
                    a.signature_required = false;
                }
                // What the terminal printed through the register (the copy to sign) stays with it.
                for job in heard.prints_since(printed_before) {
                    a.receipt_text = format!("{}\n\n{}", a.receipt_text, job.join("\n")).trim().to_string();
                }
                Ok(Outcome::Approved(a))
            }
            other => other,
        }
    }

    /// Reconciliation (`SaleReconciliation`): closes the terminal's period and reports its
    /// totals. Not in Swedbank's MessageCategory list (review N-3): a terminal that refuses it
    /// is remembered and answers `NotSupported`, so the register closes its own batch alone.
    async fn close_batch(&self) -> Result<BatchTotals, TerminalError> {
        self.unless_refused("batch close")?;
        let answer = self.client.reconciliation().await?;
        self.remember_refusal(&answer.response, "batch close")?;
        outcome::batch_totals(&answer, self.client.opts.currency.trim())
    }

    /// GetTotals: the open period's running totals, nothing closed (probed like `close_batch`).
    async fn totals(&self) -> Result<BatchTotals, TerminalError> {
        self.unless_refused("totals")?;
        let answer = self.client.get_totals().await?;
        self.remember_refusal(&answer.response, "totals")?;
        outcome::running_totals(&answer, self.client.opts.currency.trim())
    }

    async fn last_result(&self) -> Result<Option<Outcome>, TerminalError> {
        let last = self.client.transaction_status(None).await?;
        let payment = last.repeated_message_response.as_ref().and_then(|r| r.payment());
        Ok(payment.and_then(|p| outcome::of_payment(p).ok()))
    }

    async fn recover(&self, attempt: &Attempt) -> Result<Recovery, TerminalError> {
        let Some(sent) = parse_reference(&attempt.reference) else {
            let evidence = format!("no nexo message reference in {:?}", attempt.reference);
            return Ok(Recovery::Undecided { evidence, unmatched: None });
        };
        if sent.sale_id != self.client.sale_id() || sent.poi_id != self.client.poiid() {
            // The terminal answers for its current SaleID and POIID only: "not found" would prove nothing.
            let evidence = format!(
                "sent as SaleID {} POIID {}, now configured as {} {}",
                sent.sale_id,
                sent.poi_id,
                self.client.sale_id(),
                self.client.poiid()
            );
            return Ok(Recovery::Undecided { evidence, unmatched: None });
        }
        let status = self.client.transaction_status(Some(&sent)).await?;
        let mut verdict = outcome::recovered(&sent, &status);
        if status.response.failed_with("NotFound")
            && let Recovery::Undecided { evidence, .. } = &verdict
        {
            // NotFound proves nothing (review N-1): the last transaction decides if it is ours.
            let last = self.client.transaction_status(None).await?;
            verdict = outcome::by_last(&sent, &last, evidence);
        }
        tracing::info!(attempt = %attempt.id, ?verdict, "nexo recovery by TransactionStatus");
        Ok(verdict)
    }
}
