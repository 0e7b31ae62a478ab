//! Card payments through the journal-first session, terminals by name (or the in-process
//! demo terminal), recovery of open attempts, and batch closure with the terminal's totals.

use std::sync::Arc;

use uuid::Uuid;

use super::{Operator, Register, RegisterError, Result, require_manager};
use crate::domain::{CardDetails, Money, Receipt, Tender};
use crate::store::BatchClosure;
use crate::terminal::ecr17::sim::{SimConfig, SimServer, spawn_in_process};
use crate::terminal::{
    Approval, Attempt, AttemptState, Journal, Outcome, PaymentKind, PaymentRequest, ProgressSink, Protocol,
    Terminal, TerminalConfig, TerminalError, TerminalStatus, session,
};

/// The name of the simulated terminal used when none is configured.
pub const DEMO_TERMINAL: &str = "demo";

/// What a card payment on an order came to.
#[derive(Debug, Clone)]
pub struct CardPayment {
    pub attempt: Attempt,
    /// Issued when this payment completed the order.
    pub receipt: Option<Receipt>,
    /// Still due on the order afterwards.
    pub remaining: Money,
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
    }
}

/// The id the receipt carries. Greek protocols need myDATA's 21-digit transactionId: when the
/// terminal did not give one, compose it from acquirer, RRN and auth code if they allow it.
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
        crate::terminal::connect(config).map_err(RegisterError::Terminal)?;
        let json = serde_json::to_string(config).map_err(|e| RegisterError::Storage(e.to_string()))?;
        Ok(self.store.add_terminal(&config.name, config.protocol.code(), &json, actor)?)
    }

    /// The terminal a payment goes to: the named one, else the settings' default, else the demo.
    pub fn terminal_name(&self, name: Option<&str>) -> String {
        let default = self.settings().default_terminal;
        match name {
            Some(n) => n.to_string(),
            None if !default.is_empty() => default,
            None => DEMO_TERMINAL.to_string(),
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

    pub async fn terminal(&self, name: &str) -> Result<Box<dyn Terminal>> {
        let config = self.terminal_config(name).await?;
        crate::terminal::connect(&config).map_err(RegisterError::Terminal)
    }

    pub async fn terminal_status(&self, name: &str) -> Result<TerminalStatus> {
        let terminal = self.terminal(name).await?;
        terminal.status().await.map_err(RegisterError::Terminal)
    }

    /// Runs one attempt through the journal, after resolving what this terminal left open.
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
            session::recover_all(journal, terminal).await?;
        }
        let mut req = PaymentRequest::new(request.kind, request.amount);
        req.attempt_id = Uuid::now_v7();
        req.preauth_code = request.preauth_code.clone();
        req.cash_register_id = self.register_id();
        req.order_id = request.order_id;
        req.tip = request.tip;
        req.instalments = request.instalments;
        Ok(session::run(journal, terminal, &req, progress).await?)
    }

    /// A card payment on an open order; on approval the tender is recorded at once and the
    /// receipt issued when the order is covered.
    pub async fn pay_card(
        &self,
        by: &Operator,
        order_id: i64,
        amount: Money,
        terminal_name: &str,
        progress: &ProgressSink,
    ) -> Result<CardPayment> {
        let due = self.order(order_id)?.remaining();
        Tender::card(due, amount, CardDetails::default())?;
        let terminal = self.terminal(terminal_name).await?;
        let request = PayRequest {
            kind: PaymentKind::Sale,
            amount,
            preauth_code: None,
            order_id: Some(order_id),
            tip: Money::ZERO,
            instalments: 0,
        };
        let attempt = self.pay(terminal.as_ref(), &request, progress).await?;
        let receipt = self.settle_attempt(&attempt, &by.name)?;
        let remaining = self.order(order_id)?.remaining();
        Ok(CardPayment { attempt, receipt, remaining })
    }

    /// Records the tender of an approved sale attempt on its order (once; a repeat is a no-op).
    fn settle_attempt(&self, attempt: &Attempt, actor: &str) -> Result<Option<Receipt>> {
        let (Some(order_id), Some(Outcome::Approved(approval))) = (attempt.order_id, &attempt.outcome) else {
            return Ok(None);
        };
        if !attempt.kind.is_sale() {
            return Ok(None);
        }
        let order = self.order(order_id)?;
        let already = order
            .tenders
            .iter()
            .any(|t| t.card.as_ref().is_some_and(|c| c.attempt_id == attempt.id.to_string()));
        if already {
            return Ok(None);
        }
        let tender = Tender::card(
            order.remaining(),
            attempt.amount,
            card_details(&attempt.id.to_string(), &attempt.terminal, attempt.protocol, approval),
        )?;
        Ok(self.store.add_tender(&self.register_id(), order_id, &tender, actor)?)
    }

    /// Resolves every open attempt (all terminals, or one), then books approved sales that
    /// a crash left without their tender. Run at start-up before anything else.
    pub async fn recover(&self, only: Option<&str>) -> Result<Vec<Attempt>> {
        let journal: &dyn Journal = self.store.as_ref();
        let open = journal.open_attempts(only).map_err(session::SessionError::from)?;
        let mut names: Vec<String> = open.iter().map(|a| a.terminal.clone()).collect();
        names.sort();
        names.dedup();
        let mut resolved = Vec::new();
        for name in names {
            match self.terminal(&name).await {
                Ok(terminal) => resolved.extend(session::recover_all(journal, terminal.as_ref()).await?),
                Err(e) => {
                    tracing::warn!(terminal = %name, error = %e, "cannot recover: terminal unavailable");
                    resolved.extend(open.iter().filter(|a| a.terminal == name).cloned());
                }
            }
        }
        for attempt in self.store.recent_attempts(200)? {
            if attempt.state == AttemptState::Approved
                && attempt.order_id.is_some()
                && let Some(receipt) = self.settle_attempt(&attempt, "recovery")?
            {
                tracing::info!(attempt = %attempt.id, receipt = receipt.number, "approved payment booked at recovery");
            }
            if attempt.state == AttemptState::Approved
                && let Some(refund) = self.settle_refund_attempt(&attempt, "recovery")?
            {
                tracing::info!(attempt = %attempt.id, refund = refund.number, "approved refund booked at recovery");
            }
        }
        Ok(resolved)
    }

    pub fn open_attempts(&self) -> Result<Vec<Attempt>> {
        let journal: &dyn Journal = self.store.as_ref();
        Ok(journal.open_attempts(None).map_err(session::SessionError::from)?)
    }

    /// A manager decides an attempt the terminal could not: audited, and booked if approved.
    pub fn force_attempt(&self, by: &Operator, id: Uuid, outcome: &Outcome) -> Result<Attempt> {
        require_manager(by)?;
        let attempt = session::force(self.store.as_ref(), id, outcome, &by.name)?;
        self.settle_attempt(&attempt, &by.name)?;
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

    /// Closes the terminal's batch (its totals) and the register's own, as one numbered Z.
    pub async fn close_batch(
        &self,
        by: &Operator,
        terminal_name: Option<&str>,
        counted_cash: Option<Money>,
    ) -> Result<BatchClosure> {
        require_manager(by)?;
        let (name, totals) = match terminal_name {
            Some(name) => {
                let terminal = self.terminal(name).await?;
                let totals = terminal.close_batch().await.map_err(RegisterError::Terminal)?;
                let json =
                    serde_json::to_value(&totals).map_err(|e| RegisterError::Storage(e.to_string()))?;
                (name.to_string(), Some(json))
            }
            None => (String::new(), None),
        };
        Ok(self.store.close_batch(
            &self.register_id(),
            &name,
            totals,
            counted_cash,
            Some(by.user_id),
            &by.name,
        )?)
    }

    /// Keeps the demo terminal's server handle alive for the register's life.
    pub(crate) fn new_demo_slot() -> Arc<tokio::sync::Mutex<Option<SimServer>>> {
        Arc::new(tokio::sync::Mutex::new(None))
    }
}
