//! Card payments through the journal-first session, terminals by name (or the in-process
//! demo terminal), recovery of open attempts, and batch closure with the terminal's totals.

use std::sync::Arc;

use uuid::Uuid;

use super::{HeldTerminal, Operator, Register, RegisterError, Result, TerminalGuard, require_manager};
use crate::domain::{CardDetails, Money, Receipt, Tender};
use crate::store::Booking;
use crate::terminal::ecr17::sim::{SimConfig, SimServer, spawn_in_process};
use crate::terminal::{
    Approval, Attempt, AttemptState, Journal, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol,
    Terminal, TerminalConfig, TerminalError, TerminalStatus, session,
};

/// The name of the simulated terminal used when none is configured.
pub const DEMO_TERMINAL: &str = crate::domain::tender::DEMO_TERMINAL;

/// What a card payment on an order came to.
#[derive(Debug, Clone)]
pub struct CardPayment {
    pub attempt: Attempt,
    /// Issued when this payment completed the order.
    pub receipt: Option<Receipt>,
    /// Still due on the order afterwards.
    pub remaining: Money,
    /// Why the journal or the booking is not complete yet ("approved, booking pending" when the
    /// attempt is approved); retried at once and at every recovery.
    pub pending: Option<String>,
    /// The approved slip asks for the cardholder's signature and the terminal is not set to
    /// accept it unasked: the cashier checks it before the sale goes on.
    pub check_signature: bool,
}

/// What a recovery run came to.
#[derive(Debug, Clone)]
pub struct Recovered {
    /// Every attempt that was open, as it stands now (still open ones carry why).
    pub attempts: Vec<Attempt>,
    /// Terminals another tameio holds, with its pid: their attempts were not touched.
    pub busy: Vec<(String, u32)>,
}

/// One payment attempt run from the command line (no order).
#[derive(Debug, Clone)]
pub struct PayRequest {
    pub kind: PaymentKind,
    pub amount: Money,
    pub preauth_code: Option<String>,
    pub order_id: Option<i64>,
    /// On top of `amount`; only protocols that carry a tip accept it.
    pub tip: Money,
    /// 0 = a plain sale.
    pub instalments: u8,
}

/// What goes on the receipt for an approved card payment (the attempt id is empty for
/// payments that had no attempt of ours, such as preloads paid on the terminal).
pub fn card_details(
    attempt_id: &str,
    terminal: &str,
    protocol: Protocol,
    approval: &Approval,
) -> CardDetails {
    CardDetails {
        attempt_id: attempt_id.to_string(),
        terminal: terminal.to_string(),
        terminal_id: approval.terminal_id.clone(),
        auth_code: approval.auth_code.clone(),
        masked_pan: approval.masked_pan.clone(),
        stan: approval.stan.clone(),
        rrn: approval.rrn.clone(),
        card_brand: approval.card_brand.clone(),
        transaction_id: transaction_id_for(protocol, approval),
        terminal_receipt: approval.receipt_text.clone(),
        manual: false,
        // What the terminal says it charged on top of the amount (AADE v10, WebECR).
        tip: approval.tip,
        resolved_by: String::new(),
        mydata: None,
    }
}

/// The id the receipt carries. Greek protocols need myDATA's 21-digit transactionId: when the
/// terminal did not give one, compose it from acquirer, RRN and auth code if they allow it.
/// `HOST`, `HOST:PORT` or `[v6]:PORT`, the host a name or an address: "not an address" or
/// "host:port:extra" is refused before it is stored (found by the bad-input table).
fn lan_addr_ok(addr: &str) -> bool {
    let a = addr.trim();
    let (host, port) = match a.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || h.ends_with(']') => (h, Some(p)),
        _ => (a, None),
    };
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok());
    let bracketed = host.len() > 2 && host.starts_with('[') && host.ends_with(']');
    let named = host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    !host.is_empty() && port_ok && (bracketed || named)
}

pub fn transaction_id_for(protocol: Protocol, approval: &Approval) -> String {
    let given = approval.transaction_id.trim();
    let greek = matches!(protocol, Protocol::Aade1155 | Protocol::WebEcr);
    let is_mydata_id = given.len() == 21 && given.bytes().all(|b| b.is_ascii_alphanumeric());
    if !greek || is_mydata_id {
        return approval.transaction_id.clone();
    }
    match crate::fiscal::transaction_id(&approval.acquirer_id, &approval.rrn, &approval.auth_code) {
        Ok(id) => id,
        Err(e) => {
            // Never padded or invented: myDATA then gets it from the acquirer.
            tracing::warn!(rrn = %approval.rrn, error = %e, "no myDATA transactionId for this payment");
            approval.transaction_id.clone()
        }
    }
}

impl Register {
    /// Configured terminals (the demo terminal is not stored).
    pub fn terminals(&self) -> Result<Vec<TerminalConfig>> {
        self.store
            .terminals()?
            .into_iter()
            .map(|t| serde_json::from_str(&t.config).map_err(|e| RegisterError::Storage(e.to_string())))
            .collect()
    }

    pub fn add_terminal(&self, by: &Operator, config: &TerminalConfig) -> Result<()> {
        require_manager(by)?;
        self.save_terminal(config, &by.name)
    }

    pub(crate) fn save_terminal(&self, config: &TerminalConfig, actor: &str) -> Result<()> {
        if config.name.trim().is_empty() || config.name == DEMO_TERMINAL {
            return Err(RegisterError::BadInput(format!(
                "terminal name “{}” is reserved or empty",
                config.name
            )));
        }
        if matches!(config.protocol, Protocol::Ecr17 | Protocol::Aade1155) && !lan_addr_ok(&config.addr) {
            return Err(super::SetupError::TerminalAddress.into());
        }
        // Key material goes to the secrets file; saved without a key, the kept one stays.
        let (public, keys) = super::secrets::split_key_material(config);
        let full = if keys.is_empty() { self.with_key_material(public.clone())? } else { config.clone() };
        crate::terminal::connect(&full).map_err(RegisterError::Terminal)?;
        self.keep_keys(config, keys)?;
        let json = serde_json::to_string(&public).map_err(|e| RegisterError::Storage(e.to_string()))?;
        Ok(self.store.add_terminal(&config.name, config.protocol.code(), &json, actor)?)
    }

    /// The terminal a payment goes to: the named one, else the settings' default (which may
    /// be `demo`, chosen), else the demo terminal only while no terminal is configured at all.
    /// Empty when terminals exist but none is chosen: a payment is then refused, never sent to
    /// the demo terminal behind the cashier's back.
    pub fn terminal_name(&self, name: Option<&str>) -> String {
        let default = self.settings().default_terminal;
        match name {
            Some(n) => n.to_string(),
            None if !default.is_empty() => default,
            None if self.store.terminals().map(|t| t.is_empty()).unwrap_or(false) => {
                DEMO_TERMINAL.to_string()
            }
            None => String::new(),
        }
    }

    pub fn is_demo_terminal(&self, name: &str) -> bool {
        name == DEMO_TERMINAL
    }

    /// The settings of a terminal by name (the demo terminal's are made up on the spot).
    pub async fn terminal_config(&self, name: &str) -> Result<TerminalConfig> {
        if name == DEMO_TERMINAL {
            let addr = self.demo_terminal_addr().await?;
            return Ok(TerminalConfig {
                name: DEMO_TERMINAL.into(),
                protocol: Protocol::Ecr17,
                addr,
                terminal_id: SimConfig::default().tid,
                cash_register_id: self.register_id(),
                options: serde_json::Value::Null,
            });
        }
        if name.is_empty() {
            return Err(RegisterError::NoDefaultTerminal);
        }
        let stored = self.store.terminal(name)?.ok_or_else(|| RegisterError::NoTerminal(name.to_string()))?;
        serde_json::from_str(&stored.config).map_err(|e| RegisterError::Storage(e.to_string()))
    }

    /// The in-process simulated terminal, started on first use on the caller's runtime.
    async fn demo_terminal_addr(&self) -> Result<String> {
        let mut demo = self.demo.lock().await;
        if let Some(server) = demo.as_ref() {
            return Ok(server.addr.to_string());
        }
        // Paced like a real terminal so the cashier sees "insert card", "PIN", "authorising".
        let config = SimConfig { step_ms: self.demo_step_ms, ..SimConfig::default() };
        let server: SimServer = spawn_in_process(config)
            .await
            .map_err(|e| RegisterError::Terminal(TerminalError::Unreachable(e.to_string())))?;
        let addr = server.addr.to_string();
        tracing::info!(%addr, "demo terminal started in-process");
        *demo = Some(server);
        Ok(addr)
    }

    /// The terminal's driver, holding its cross-process guard for as long as it is kept.
    pub async fn terminal(&self, name: &str) -> Result<HeldTerminal> {
        let guard = self.hold_terminal(name).await?;
        let config = self.with_fiscal_device(self.with_key_material(self.terminal_config(name).await?)?);
        let driver = crate::terminal::connect(&config).map_err(RegisterError::Terminal)?;
        Ok(HeldTerminal::new(driver, guard))
    }

    /// The terminal's guard at once, or `TerminalBusy` (for work that must not wait).
    pub fn hold_terminal_now(&self, name: &str) -> Result<TerminalGuard> {
        super::guard::try_acquire(&self.locks, &self.device_of(name))?
            .map_err(|pid| RegisterError::TerminalBusy { terminal: name.to_string(), pid })
    }

    /// Takes the terminal's cross-process guard (ARCHITECTURE "The payment rule", step 0).
    pub async fn hold_terminal(&self, name: &str) -> Result<TerminalGuard> {
        match super::guard::acquire(&self.locks, &self.device_of(name)).await {
            Err(RegisterError::TerminalBusy { pid, .. }) => {
                Err(RegisterError::TerminalBusy { terminal: name.to_string(), pid })
            }
            other => other,
        }
    }

    /// What the guard is taken on: the device, not the name, so one terminal configured under
    /// two names is still driven by one process at a time.
    fn device_of(&self, name: &str) -> String {
        let stored = match name {
            DEMO_TERMINAL => None,
            _ => self.store.terminal(name).ok().flatten(),
        };
        let config = stored.and_then(|s| serde_json::from_str::<TerminalConfig>(&s.config).ok());
        match config {
            Some(c) if !c.addr.trim().is_empty() => {
                format!("{}@{}", c.protocol.code(), c.addr.trim().to_ascii_lowercase())
            }
            Some(c) if !c.terminal_id.trim().is_empty() => {
                format!("{}#{}", c.protocol.code(), c.terminal_id.trim())
            }
            _ => name.to_string(),
        }
    }

    /// Asks the terminal how it is; `TerminalBusy` at once while anyone drives it (a status
    /// poll never makes a payment wait).
    pub async fn terminal_status(&self, name: &str) -> Result<TerminalStatus> {
        let guard = self.hold_terminal_now(name)?;
        let config = self.with_key_material(self.terminal_config(name).await?)?;
        let terminal = crate::terminal::connect(&config).map_err(RegisterError::Terminal)?;
        let status = terminal.status().await.map_err(RegisterError::Terminal);
        drop(guard);
        status
    }

    /// Runs one attempt through the journal, after resolving (and booking) what this terminal
    /// left open.
    pub async fn pay(
        &self,
        terminal: &dyn Terminal,
        request: &PayRequest,
        progress: &ProgressSink,
    ) -> Result<Attempt> {
        if request.amount.cents() <= 0 && request.kind != PaymentKind::Void {
            return Err(crate::domain::TenderError::NonPositive.into());
        }
        if request.tip.is_negative() {
            return Err(RegisterError::BadInput(format!("tip {} is negative", request.tip)));
        }
        let journal: &dyn Journal = self.store.as_ref();
        if !journal.open_attempts(Some(terminal.name())).map_err(session::SessionError::from)?.is_empty() {
            for attempt in session::recover_all(journal, terminal).await? {
                self.book_recovered(&attempt, "recovery");
            }
        }
        let mut req = PaymentRequest::new(request.kind, request.amount);
        req.attempt_id = Uuid::now_v7();
        req.preauth_code = request.preauth_code.clone();
        req.cash_register_id = self.ecr_id_for(terminal.protocol());
        req.order_id = request.order_id;
        req.tip = request.tip;
        req.instalments = request.instalments;
        Ok(session::run(journal, terminal, &req, progress).await?)
    }

    /// A card payment on an open order; on approval the tender is recorded at once and the
    /// receipt issued when the order is covered. Once the request may have left, the answer
    /// is what the journal says (approved with booking pending, or unknown), never an error.
    pub async fn pay_card(
        &self,
        by: &Operator,
        order_id: i64,
        amount: Money,
        terminal_name: &str,
        progress: &ProgressSink,
    ) -> Result<CardPayment> {
        self.refuse_while_card_pending(order_id, &by.name)?;
        let due = self.order(order_id)?.remaining();
        Tender::card(due, amount, CardDetails::default())?;
        let terminal = self.terminal_for_order(terminal_name, order_id).await?;
        let request = PayRequest {
            kind: PaymentKind::Sale,
            amount,
            preauth_code: None,
            order_id: Some(order_id),
            tip: Money::ZERO,
            instalments: 0,
        };
        let attempt = match self.pay(terminal.as_ref(), &request, progress).await {
            Ok(attempt) => attempt,
            Err(RegisterError::Session(session::SessionError::NotRecorded { attempt, source, .. })) => {
                // The terminal answered; the journal still says "sent" and recovery will ask again.
                let mut payment = self.payment(*attempt)?;
                payment.pending = Some(format!("the outcome is not recorded yet: {source}"));
                return Ok(payment);
            }
            Err(RegisterError::Session(session::SessionError::LeftOpen { attempt, source })) => {
                let mut payment = self.payment(*attempt)?;
                payment.pending = Some(format!("the outcome is not recorded yet: {source}"));
                return Ok(payment);
            }
            Err(e) => return self.journal_says(order_id, e),
        };
        drop(terminal);
        self.card_payment(attempt, &by.name)
    }

    /// Where an attempt leaves its order, booking its tender first if it is approved.
    pub fn card_payment(&self, attempt: Attempt, actor: &str) -> Result<CardPayment> {
        let pending = match self.book_approved(&attempt, actor) {
            Ok(_) => None,
            // Decided otherwise meanwhile (a manager, another process): show what the journal says.
            Err(RegisterError::Conflict(_))
                if self
                    .store
                    .attempt(attempt.id)
                    .is_ok_and(|a| !a.state.is_open() && a.state != attempt.state) =>
            {
                return self.payment(self.store.attempt(attempt.id)?);
            }
            Err(e) => {
                tracing::error!(attempt = %attempt.id, error = %e, "approved payment not booked; will retry");
                Some(e.to_string())
            }
        };
        Ok(CardPayment { pending, ..self.payment(attempt)? })
    }

    /// The order's state around an attempt, read back from the store.
    fn payment(&self, attempt: Attempt) -> Result<CardPayment> {
        let Some(order_id) = attempt.order_id else {
            return Ok(CardPayment {
                attempt,
                receipt: None,
                remaining: Money::ZERO,
                pending: None,
                check_signature: false,
            });
        };
        let remaining = self.order(order_id)?.remaining();
        let receipt = match attempt.state == AttemptState::Approved && remaining.is_zero() {
            true => self.receipt_for_order(order_id)?,
            false => None,
        };
        let check_signature =
            super::signature_to_check(&attempt).is_some() && !self.signature_default(&attempt.terminal);
        Ok(CardPayment { attempt, receipt, remaining, pending: None, check_signature })
    }

    /// A payment failed after its attempt was committed: answer with the attempt as the
    /// journal holds it, so the cashier never sees "refused" for a request that may have left.
    fn journal_says(&self, order_id: i64, error: RegisterError) -> Result<CardPayment> {
        let Ok(attempts) = self.store.attempts_of_order(order_id) else { return Err(error) };
        match attempts.into_iter().rev().find(|a| a.state.is_open()) {
            Some(open)
                if !matches!(
                    error,
                    RegisterError::Session(session::SessionError::UnresolvedAttempt { .. })
                ) =>
            {
                tracing::error!(attempt = %open.id, error = %error, "payment left open; the journal decides");
                let mut payment = self.payment(open)?;
                payment.pending = Some(error.to_string());
                Ok(payment)
            }
            _ => Err(error),
        }
    }

    /// Books approved card payments this order still waits for; refuses while one is open or
    /// cannot be booked, so no second attempt or void can follow an unbooked approval.
    fn refuse_while_card_pending(&self, order_id: i64, actor: &str) -> Result<()> {
        for attempt in self.store.attempts_of_order(order_id)? {
            if attempt.state == AttemptState::Approved {
                self.book_approved(&attempt, actor)?;
            }
            if attempt.state.is_open() {
                return Err(session::SessionError::UnresolvedAttempt {
                    terminal: attempt.terminal.clone(),
                    id: attempt.id,
                }
                .into());
            }
        }
        Ok(())
    }

    /// Books an approved sale's tender on its order, exactly once across processes.
    pub fn book_approved(&self, attempt: &Attempt, actor: &str) -> Result<Option<Receipt>> {
        let (Some(order_id), Some(Outcome::Approved(approval))) = (attempt.order_id, &attempt.outcome) else {
            return Ok(None);
        };
        if !attempt.kind.is_sale() || attempt.state != AttemptState::Approved {
            return Ok(None);
        }
        let journal: &dyn Journal = self.store.as_ref();
        match self.store.attempt(attempt.id)?.state {
            AttemptState::Approved => {}
            // Not committed before (the journal failed): commit it first.
            state if state.is_open() => journal
                .finish(attempt.id, &Outcome::Approved(approval.clone()))
                .map_err(session::SessionError::from)?,
            // A manager (or recovery) decided otherwise meanwhile: never overwrite that.
            other => {
                return Err(RegisterError::Conflict(format!(
                    "payment attempt {} was recorded as {} meanwhile",
                    attempt.id,
                    other.code()
                )));
            }
        }
        let order = self.order(order_id)?;
        let id = attempt.id.to_string();
        if order.tenders.iter().any(|t| t.card.as_ref().is_some_and(|c| c.attempt_id == id)) {
            return Ok(None);
        }
        let mut card = card_details(&attempt.id.to_string(), &attempt.terminal, attempt.protocol, approval);
        // `session::force` notes the manager: the receipt says the outcome was decided by hand.
        card.resolved_by = attempt.note.strip_prefix("forced by ").unwrap_or_default().trim().to_string();
        // Decided by hand: the receipt and the Z mark it, whatever auth code the slip gave.
        card.manual = !card.resolved_by.is_empty();
        card.mydata = self.payment_evidence(attempt, approval);
        let tender = Tender::card(order.remaining(), attempt.amount, card)?;
        // The receipt names who rang the sale up, whoever books it (a manager, recovery).
        let cashier = self.users()?.into_iter().find(|u| u.id == order.user_id).map(|u| u.name);
        let cashier = cashier.as_deref().unwrap_or(actor);
        match self.store.book_card_tender(&self.register_id(), order_id, &tender, cashier)? {
            Booking::Booked(receipt) => Ok(receipt),
            Booking::AlreadyBooked => Ok(None),
        }
    }

    /// Books what recovery proved; a booking that fails is logged and retried next time.
    pub(super) fn book_recovered(&self, attempt: &Attempt, actor: &str) {
        if attempt.state != AttemptState::Approved {
            return;
        }
        match self.book_approved(attempt, actor) {
            Ok(Some(receipt)) => {
                tracing::info!(attempt = %attempt.id, receipt = receipt.number, "approved payment booked at recovery")
            }
            Ok(None) => {}
            Err(e) => {
                tracing::error!(attempt = %attempt.id, error = %e, "approved payment not booked at recovery")
            }
        }
        match self.settle_part_reversal(attempt, actor) {
            Ok(true) => tracing::info!(attempt = %attempt.id, "reversed card part settled at recovery"),
            Ok(false) => {}
            Err(e) => {
                tracing::error!(attempt = %attempt.id, error = %e, "reversed card part not settled at recovery")
            }
        }
        match self.settle_refund_attempt(attempt, actor) {
            Ok(Some(refund)) => {
                tracing::info!(attempt = %attempt.id, refund = refund.number, "approved refund booked at recovery")
            }
            Ok(None) => {}
            Err(e) => {
                tracing::error!(attempt = %attempt.id, error = %e, "approved refund not booked at recovery")
            }
        }
    }

    /// Resolves every open attempt (all terminals, or one), then books approved sales that
    /// a crash left without their tender. Run at start-up before anything else. One terminal
    /// or attempt that cannot be settled is reported (in the list, still open) and skipped.
    pub async fn recover(&self, only: Option<&str>) -> Result<Vec<Attempt>> {
        Ok(self.recover_report(only).await?.attempts)
    }

    /// `recover`, also naming the terminals another tameio holds (their attempts are left
    /// untouched: only the process driving a terminal may resolve its attempts).
    pub async fn recover_report(&self, only: Option<&str>) -> Result<Recovered> {
        let journal: &dyn Journal = self.store.as_ref();
        let mut busy = Vec::new();
        let open = journal.open_attempts(only).map_err(session::SessionError::from)?;
        let mut names: Vec<String> = open.iter().map(|a| a.terminal.clone()).collect();
        names.sort();
        names.dedup();
        let mut resolved = Vec::new();
        for name in names {
            let left_open = || open.iter().filter(|a| a.terminal == name).cloned().collect::<Vec<_>>();
            let recovered = match self.terminal(&name).await {
                Ok(terminal) => {
                    session::recover_all(journal, terminal.as_ref()).await.map_err(RegisterError::from)
                }
                Err(e) => Err(e),
            };
            match recovered {
                Ok(attempts) => resolved.extend(attempts),
                Err(e) => {
                    tracing::warn!(terminal = %name, error = %e, "cannot recover this terminal now");
                    if let RegisterError::TerminalBusy { pid, .. } = &e {
                        busy.push((name.clone(), *pid));
                    }
                    resolved.extend(left_open().into_iter().map(|mut a| {
                        a.note = format!("not recovered now: {e}");
                        a
                    }));
                }
            }
        }
        // A batch close the terminal answered before a crash becomes its Z now, exactly once.
        match self.complete_pending_batch_closes() {
            Ok(found) if !found.unresolved.is_empty() => {
                tracing::warn!(left = found.unresolved.len(), "batch closes wait for a manager's decision")
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "batch closes not completed at recovery"),
        }
        for id in self.store.unbooked_approvals()? {
            match self.store.attempt(id) {
                Ok(attempt) => self.book_recovered(&attempt, "recovery"),
                Err(e) => tracing::error!(attempt = %id, error = %e, "approved attempt unreadable"),
            }
        }
        for attempt in self.store.recent_attempts(200)? {
            if attempt.state == AttemptState::Approved && !attempt.kind.is_sale() {
                self.book_recovered(&attempt, "recovery");
            }
        }
        Ok(Recovered { attempts: resolved, busy })
    }

    /// Approved card payments whose tender is not booked yet (booking pending).
    pub fn unbooked_approvals(&self) -> Result<Vec<Attempt>> {
        let ids = self.store.unbooked_approvals()?;
        ids.into_iter().map(|id| Ok(self.store.attempt(id)?)).collect()
    }

    /// One attempt as the journal holds it now (another process may have settled it).
    pub fn attempt(&self, id: Uuid) -> Result<Attempt> {
        Ok(self.store.attempt(id)?)
    }

    pub fn open_attempts(&self) -> Result<Vec<Attempt>> {
        let journal: &dyn Journal = self.store.as_ref();
        Ok(journal.open_attempts(None).map_err(session::SessionError::from)?)
    }

    /// A manager decides an attempt the terminal could not: audited, and booked if approved.
    pub fn force_attempt(&self, by: &Operator, id: Uuid, outcome: &Outcome) -> Result<Attempt> {
        require_manager(by)?;
        let open = self.store.attempt(id)?;
        // Never decide an attempt another tameio is still driving.
        let _guard = self.hold_terminal_now(&open.terminal)?;
        let attempt = session::force(self.store.as_ref(), id, outcome, &by.name)?;
        self.book_approved(&attempt, &by.name)?;
        self.settle_refund_attempt(&attempt, &by.name)?;
        Ok(attempt)
    }

    /// The terminal's running totals, nothing closed (ECR17 `T`), to show beside the X report.
    pub async fn terminal_totals(&self, name: &str) -> Result<crate::terminal::BatchTotals> {
        let terminal = self.terminal(name).await?;
        terminal.totals().await.map_err(RegisterError::Terminal)
    }

    /// The receipt issued for an order, once it is paid.
    pub fn receipt_for_order(&self, order_id: i64) -> Result<Option<Receipt>> {
        Ok(self.store.receipt_of_order(&self.register_id(), order_id)?)
    }

    /// Keeps the demo terminal's server handle alive for the register's life.
    pub(crate) fn new_demo_slot() -> Arc<tokio::sync::Mutex<Option<SimServer>>> {
        Arc::new(tokio::sync::Mutex::new(None))
    }
}

#[cfg(test)]
mod tests;
