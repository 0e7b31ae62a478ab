//! Closing the batch with a terminal, journalled: the request is committed before the terminal
//! is asked, its totals as soon as they arrive, and the Z in the transaction that ends it.

use fluent_bundle::FluentValue;

use super::{Operator, Register, RegisterError, Result, require_manager};
use crate::domain::Money;
use crate::domain::report::CLOSED_ON_TERMINAL;
use crate::i18n::I18n;
use crate::store::{BatchCloseRequest, BatchCloseState, BatchClosure, RegisterTotals};
use crate::terminal::{BatchTotals, Protocol, Terminal, TerminalError, session};

/// Why a batch close cannot go on now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatchCloseError {
    /// The terminal was asked to close and its answer was lost: it may have closed.
    #[error("terminal {terminal} was asked to close its batch but its answer was lost ({detail})")]
    Unanswered { terminal: String, request: i64, detail: String },
    /// An earlier close with a terminal still waits for a manager.
    #[error("the batch close with terminal {terminal} (request {request}) is not finished")]
    Unfinished { terminal: String, request: i64 },
    /// The terminal holds shop sales not yet in a Z: a certification run would close them away.
    #[error("terminal {terminal} holds {count} card payment(s) not yet in a Z; close the day first")]
    SalesNotInZ { terminal: String, count: i64, amount: Money },
}

impl BatchCloseError {
    pub fn message(&self, i18n: &I18n) -> String {
        let s = |v: &str| FluentValue::from(v.to_string());
        match self {
            BatchCloseError::Unanswered { terminal, .. } => {
                i18n.tr_args("err-batch-close-unanswered", &[("terminal", s(terminal))])
            }
            BatchCloseError::Unfinished { terminal, .. } => {
                i18n.tr_args("err-batch-close-unfinished", &[("terminal", s(terminal))])
            }
            BatchCloseError::SalesNotInZ { terminal, count, amount } => i18n.tr_args(
                "err-certify-sales-not-in-z",
                &[
                    ("terminal", s(terminal)),
                    ("count", FluentValue::from(*count)),
                    ("amount", FluentValue::from(i18n.money(*amount))),
                ],
            ),
        }
    }
}

/// What start-up recovery found among the batch closes a crash left unfinished.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PendingBatchCloses {
    /// Closes the terminal had answered, now completed into their Z.
    pub completed: Vec<BatchClosure>,
    /// Closes whose terminal answer never arrived (a manager decides), or whose Z could not be
    /// stored now (retried at the next recovery).
    pub unresolved: Vec<BatchCloseRequest>,
}

/// A manager's finding on a close whose terminal answer was lost (from the terminal's slip
/// or its menu): it closed, with the total it printed if known, or it did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchCloseDecision {
    Closed { terminal_total: Option<Money> },
    NotClosed,
}

impl Register {
    pub fn x_report(&self) -> Result<RegisterTotals> {
        Ok(self.store.register_totals(&self.register_id())?)
    }

    /// The day's opening float (ρέστα ταμείου), given by a manager at the close; audited.
    pub fn set_opening_float(&self, by: &Operator, float: Money) -> Result<()> {
        require_manager(by)?;
        if float.is_negative() {
            return Err(RegisterError::Conflict("the opening float cannot be below zero".into()));
        }
        Ok(self.store.set_opening_float(&self.register_id(), by.user_id, float, &by.name)?)
    }

    /// Whether the terminal's protocol closes a batch at all (AADE 1155 and WebECR have no
    /// close: the batch is closed on the terminal, and the register closes its own side).
    pub async fn terminal_closes_batch(&self, name: &str) -> Result<bool> {
        Ok(matches!(self.terminal_config(name).await?.protocol, Protocol::Ecr17 | Protocol::Nexo))
    }

    /// Card payments on `terminal` not yet in a Z: how many and how much (tips included).
    pub fn terminal_sales_not_in_z(&self, terminal: &str) -> Result<Option<(i64, Money)>> {
        let x = self.x_report()?;
        Ok(x.terminals.get(terminal).filter(|t| t.count > 0).map(|t| (t.count, t.charged)))
    }

    /// Closes the register's own batch (Z report) with the cash a manager counted.
    pub fn close_register_batch(&self, by: &Operator, counted_cash: Option<Money>) -> Result<BatchClosure> {
        require_manager(by)?;
        self.refuse_while_close_unfinished()?;
        Ok(self.store.close_batch(&self.register_id(), "", None, counted_cash, Some(by.user_id), &by.name)?)
    }

    /// The newest Z reports, newest first: the last hundred (older ones by number, or in the
    /// period report), so the batch-close screen opens as fast after ten years as on day one.
    pub fn batch_closures(&self) -> Result<Vec<BatchClosure>> {
        Ok(self.store.recent_batch_closures(&self.register_id(), 100)?)
    }

    /// Closes the terminal's batch (its totals) and the register's own, as one numbered Z.
    /// Without a terminal, only the register's batch is closed.
    pub async fn close_batch(
        &self,
        by: &Operator,
        terminal_name: Option<&str>,
        counted_cash: Option<Money>,
    ) -> Result<BatchClosure> {
        require_manager(by)?;
        self.complete_pending_batch_closes()?;
        self.refuse_while_close_unfinished()?;
        let Some(name) = terminal_name else {
            let register = self.register_id();
            return Ok(self.store.close_batch(
                &register,
                "",
                None,
                counted_cash,
                Some(by.user_id),
                &by.name,
            )?);
        };
        if !self.terminal_closes_batch(name).await? {
            return self.close_without_the_terminal(by, name, counted_cash);
        }
        let terminal = self.terminal(name).await?;
        // A payment still open or not booked would make the terminal's totals and the Z differ.
        if let Some(open) = self.open_attempts()?.into_iter().find(|a| a.terminal == name) {
            return Err(
                session::SessionError::UnresolvedAttempt { terminal: name.to_string(), id: open.id }.into()
            );
        }
        if let Some(unbooked) = self.unbooked_approvals()?.into_iter().find(|a| a.terminal == name) {
            return Err(RegisterError::Conflict(format!(
                "approved payment {} is not booked yet; book it (recover) before closing",
                unbooked.id
            )));
        }
        let request = self.store.begin_batch_close(
            &self.register_id(),
            name,
            counted_cash,
            Some(by.user_id),
            &by.name,
        )?;
        match self.ask_terminal_to_close(&*terminal, &request).await {
            // The terminal has no close of its own (nexo on Swedbank, review N-3): the request
            // is marked failed, nothing was closed there, and the register's side closes alone.
            Err(RegisterError::Terminal(TerminalError::NotSupported(_))) => {
                drop(terminal);
                return self.close_without_the_terminal(by, name, counted_cash);
            }
            other => other?,
        };
        drop(terminal);
        Ok(self.store.complete_batch_close(request.id, &by.name)?)
    }

    /// No close in the protocol (or on this terminal): the register's side closes now, and the
    /// Z says the terminal's batch is closed on the terminal.
    fn close_without_the_terminal(
        &self,
        by: &Operator,
        name: &str,
        counted_cash: Option<Money>,
    ) -> Result<BatchClosure> {
        let note = serde_json::json!({ "batch_close": CLOSED_ON_TERMINAL });
        let register = self.register_id();
        Ok(self.store.close_batch(&register, name, Some(note), counted_cash, Some(by.user_id), &by.name)?)
    }

    /// Step 2 of a close: the terminal closes and its totals are committed at once. A failure
    /// that provably reached nothing ends the request; a lost answer leaves it for a manager,
    /// because a second close (ECR17 `C`) would close the next batch, not repeat this one.
    async fn ask_terminal_to_close(
        &self,
        terminal: &dyn Terminal,
        request: &BatchCloseRequest,
    ) -> Result<BatchCloseRequest> {
        match terminal.close_batch().await {
            Ok(totals) => {
                let json =
                    serde_json::to_value(&totals).map_err(|e| RegisterError::Storage(e.to_string()))?;
                // In the log too: should the commit below fail, the terminal's totals are not lost.
                tracing::info!(request = request.id, terminal = %request.terminal, totals = %json, "terminal closed its batch");
                Ok(self.store.batch_close_answered(request.id, &json, "")?)
            }
            Err(e) if !e.may_have_reached_terminal() => {
                self.store.batch_close_failed(request.id, &e.to_string())?;
                Err(RegisterError::Terminal(e))
            }
            Err(e) => {
                tracing::error!(request = request.id, terminal = %request.terminal, error = %e, "batch close answer lost");
                self.store.batch_close_unanswered(request.id, &e.to_string())?;
                Err(BatchCloseError::Unanswered {
                    terminal: request.terminal.clone(),
                    request: request.id,
                    detail: e.to_string(),
                }
                .into())
            }
        }
    }

    /// Start-up recovery: every close whose terminal answered is completed into its Z (once);
    /// one whose answer never arrived is left, pending, for a manager (`resolve_batch_close`).
    pub fn complete_pending_batch_closes(&self) -> Result<PendingBatchCloses> {
        let mut found = PendingBatchCloses::default();
        for request in self.store.unfinished_batch_closes(None)? {
            if request.state != BatchCloseState::Answered {
                tracing::warn!(request = request.id, terminal = %request.terminal, note = %request.note,
                    "batch close without the terminal's answer: a manager decides");
                found.unresolved.push(request);
                continue;
            }
            match self.store.complete_batch_close(request.id, "recovery") {
                Ok(z) => {
                    tracing::info!(request = request.id, z = z.number, "batch close completed at recovery");
                    found.completed.push(z);
                }
                Err(e) => {
                    tracing::error!(request = request.id, error = %e, "batch close not completed; retried next time");
                    found.unresolved.push(request);
                }
            }
        }
        Ok(found)
    }

    /// Closes with a terminal that are not finished: pending ones wait for a manager.
    pub fn unfinished_batch_closes(&self) -> Result<Vec<BatchCloseRequest>> {
        Ok(self.store.unfinished_batch_closes(None)?)
    }

    /// A manager decides a close whose terminal answer was lost; audited. Closed: the Z is
    /// issued now (with the terminal's total if typed from its slip). Not closed: nothing is
    /// issued and the batch can be closed again.
    pub fn resolve_batch_close(
        &self,
        by: &Operator,
        request: i64,
        decision: BatchCloseDecision,
    ) -> Result<Option<BatchClosure>> {
        require_manager(by)?;
        let BatchCloseDecision::Closed { terminal_total } = decision else {
            self.store.resolve_batch_close(request, false, None, &by.name)?;
            return Ok(None);
        };
        let slip = terminal_total.map(|total| BatchTotals {
            ok: true,
            result_code: "00".into(),
            message: format!("typed from the terminal's slip by {}", by.name),
            terminal_total: total,
            ..BatchTotals::default()
        });
        let json = slip
            .map(|s| serde_json::to_value(&s))
            .transpose()
            .map_err(|e| RegisterError::Storage(e.to_string()))?;
        self.store.resolve_batch_close(request, true, json.as_ref(), &by.name)?;
        Ok(Some(self.store.complete_batch_close(request, &by.name)?))
    }

    /// Refuses any new close (a Z) while one with a terminal is not finished.
    pub(super) fn refuse_while_close_unfinished(&self) -> Result<()> {
        match self.store.unfinished_batch_closes(None)?.into_iter().next() {
            Some(open) => {
                Err(BatchCloseError::Unfinished { terminal: open.terminal, request: open.id }.into())
            }
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
