//! Cancelling a card payment from the register while the terminal holds it (nexo Abort), and
//! answering the terminal's signature question. The payment then ends as the terminal
//! reports, through its own session and journal.

use super::{Register, Result};
use crate::terminal::{Protocol, TerminalConfig};

impl Register {
    /// Whether the register can ask `terminal` to cancel a payment it holds (no terminal is
    /// asked): only nexo has a cancel message; elsewhere the cashier cancels on the terminal.
    pub fn can_abort(&self, terminal: &str) -> bool {
        if terminal.is_empty() || self.is_demo_terminal(terminal) {
            return false;
        }
        let stored = self.store.terminal(terminal).ok().flatten();
        let config = stored.and_then(|s| serde_json::from_str::<TerminalConfig>(&s.config).ok());
        config.is_some_and(|c| c.protocol == Protocol::Nexo)
    }

    /// The cashier's answer to the signature question the payment on `terminal` waits on
    /// (nexo full integration). `false`: no question waits there any more.
    pub fn answer_signature(&self, terminal: &str, confirmed: bool) -> bool {
        crate::terminal::nexo::answer_signature(terminal, confirmed)
    }

    /// Sends Abort for the payment open on `terminal`, without waiting for the payment
    /// (that answer is its outcome). `false`: no payment of this process is open there.
    pub async fn abort_card_payment(&self, terminal: &str) -> Result<bool> {
        Ok(crate::terminal::nexo::abort_open_payment(terminal).await?)
    }
}
