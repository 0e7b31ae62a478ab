//! The terminal indicator's state (it claims "ready" only on the terminal's own answer), the
//! diagnostics data, and the words both use. Their views are the app's (`ui::app::bar`,
//! `ui::app::diagnostics`).

use super::ctx::Ctx;
use super::request::Answer;
use super::widget;
use crate::fl;
use crate::register::Register;
use crate::register::settings_types::WireEntry;
use crate::terminal::{
    Attempt, AttemptState, PaymentKind, Progress, Protocol, TerminalConfig, TerminalStatus,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TerminalState {
    /// Asked, no answer yet.
    Checking,
    Ready,
    /// Answered but says it cannot take payments now.
    NotReady,
    Busy,
    /// A payment's outcome is open (unknown, or approved and not booked): a person must look.
    OutcomeOpen,
    /// No answer: the reason.
    Offline(String),
}

#[derive(Debug, Clone)]
pub struct TerminalInfo {
    pub name: String,
    pub demo: bool,
    pub state: TerminalState,
    pub last: Option<TerminalStatus>,
}

impl TerminalInfo {
    pub fn new(name: String, demo: bool) -> TerminalInfo {
        TerminalInfo { name, demo, state: TerminalState::Checking, last: None }
    }

    pub fn busy(&mut self) {
        self.state = TerminalState::Busy;
    }

    /// A payment on this terminal has an open outcome: amber until it is settled.
    pub fn outcome_open(&mut self) {
        self.state = TerminalState::OutcomeOpen;
    }

    pub fn answer(&mut self, name: &str, answer: Answer<Option<TerminalStatus>>) {
        if name != self.name {
            return;
        }
        self.state = match answer {
            Ok(None) => TerminalState::Busy,
            Ok(Some(status)) => {
                let state = if status.operational { TerminalState::Ready } else { TerminalState::NotReady };
                self.last = Some(status);
                state
            }
            Err(f) => TerminalState::Offline(f.text),
        };
    }
}

/// The diagnostics view's data: open attempts, and progress events as they come.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// The terminal's settings (protocol, address); `None` while asking.
    pub config: Option<Answer<TerminalConfig>>,
    pub attempts: Vec<Attempt>,
    pub events: Vec<Progress>,
    pub error: Option<String>,
    /// Where the support bundle went (or why it did not).
    pub bundle: Option<widget::Notice>,
    /// The protocol log of the current terminal, refreshed every second while open.
    pub wire: Vec<WireEntry>,
    /// The receipt each open attempt's order came to (refunds name their sale), by order.
    pub receipts: std::collections::HashMap<i64, i64>,
    /// Which of the attempts a manager may decide the keys act on (↑ ↓ choose it).
    pub chosen: usize,
    /// A key asked once to decide this attempt (approved or not); the same key again decides.
    pub asked: Option<(uuid::Uuid, bool)>,
}

impl Diagnostics {
    pub fn loaded(&mut self, answer: Answer<Vec<Attempt>>) {
        match answer {
            Ok(a) => self.attempts = a,
            Err(f) => self.error = Some(f.text),
        }
    }

    pub fn bundle_written(&mut self, answer: Answer<String>, ctx: &Ctx) {
        self.bundle = Some(match answer {
            Ok(path) => widget::Notice::done(fl!(ctx.i18n, "support-written", path = path)),
            Err(f) => widget::Notice::error(fl!(ctx.i18n, "support-failed", reason = f.text)),
        });
    }

    pub fn event(&mut self, p: Progress) {
        self.events.push(p);
    }

    /// Reads the protocol log again: the current terminal's protocol once its settings are
    /// known (the demo terminal speaks ECR17), everything before.
    pub fn refresh_wire(&mut self, reg: &Register, demo: bool) {
        let protocol = match &self.config {
            Some(Ok(c)) => Some(c.protocol.code()),
            _ if demo => Some(Protocol::Ecr17.code()),
            _ => None,
        };
        self.wire = reg.protocol_log(protocol, WIRE_LINES);
        let orders: Vec<i64> = self.attempts.iter().filter_map(|a| a.order_id).collect();
        self.receipts.retain(|order, _| orders.contains(order));
        for order in orders {
            if let std::collections::hash_map::Entry::Vacant(e) = self.receipts.entry(order)
                && let Some(n) = reg.receipt_number_of_order(order)
            {
                e.insert(n);
            }
        }
    }

    /// One open attempt as a person reads it: local time, kind, amount, state, and which
    /// order (and receipt) it belongs to; the technical evidence on a line of its own.
    pub fn attempt_lines(&self, a: &Attempt, ctx: &Ctx) -> (String, String) {
        let i18n = &ctx.i18n;
        let of = match (a.order_id, a.order_id.and_then(|o| self.receipts.get(&o))) {
            (Some(order), Some(receipt)) => {
                fl!(i18n, "diag-attempt-receipt", order = order, receipt = *receipt)
            }
            (Some(order), None) => fl!(i18n, "diag-attempt-order", order = order),
            (None, _) => i18n.tr("diag-attempt-no-order"),
        };
        let line = fl!(
            i18n,
            "diag-attempt-line",
            when = i18n.datetime(&a.created_at),
            kind = kind_text(a.kind, ctx),
            terminal = a.terminal.clone(),
            amount = i18n.money(a.amount),
            state = attempt_state_text(a.state, ctx),
            of = of
        );
        (line, fl!(i18n, "diag-evidence", note = evidence(&a.note)))
    }
}

/// How many protocol log lines Diagnostics shows.
const WIRE_LINES: usize = 200;

/// The protocol's own name (a product name: the same in every language).
pub fn protocol_label(p: Protocol) -> &'static str {
    match p {
        Protocol::Ecr17 => "ECR17 (Protocollo 17)",
        Protocol::Aade1155 => "AADE 1155",
        Protocol::WebEcr => "WebECR",
        Protocol::Nexo => "nexo Retailer",
        Protocol::Bridge => "SmartPOS Payment Bridge",
        Protocol::Xpay => "XPay",
    }
}

/// An attempt's state in the user's language.
pub fn attempt_state_text(state: AttemptState, ctx: &Ctx) -> String {
    ctx.i18n.tr(match state {
        AttemptState::Prepared => "attempt-state-prepared",
        AttemptState::Sent => "attempt-state-sent",
        AttemptState::Approved => "attempt-state-approved",
        AttemptState::Declined => "attempt-state-declined",
        AttemptState::Cancelled => "attempt-state-cancelled",
        AttemptState::Unknown => "attempt-state-unknown",
        AttemptState::Failed => "attempt-state-failed",
    })
}

/// The terminal's own status in the user's words: "operational" is ours to translate; any
/// other status is the terminal's text, as it gave it.
pub fn status_words(s: &TerminalStatus, ctx: &Ctx) -> String {
    if s.operational { ctx.i18n.tr("diag-operational") } else { s.status_text.clone() }
}

/// A payment kind in the user's words.
pub fn kind_text(kind: PaymentKind, ctx: &Ctx) -> String {
    ctx.i18n.tr(match kind {
        PaymentKind::Refund => "diag-kind-refund",
        PaymentKind::Void => "diag-kind-void",
        _ => "diag-kind-payment",
    })
}

/// The evidence note with each part once: recovery at every start adds the same finding again.
pub fn evidence(note: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in note.split("; ").map(str::trim).filter(|p| !p.is_empty()) {
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join("; ")
}

/// The terminal indicator's words: its name and what it last said.
pub fn indicator_text(t: &TerminalInfo, ctx: &Ctx) -> String {
    let i18n = &ctx.i18n;
    let name = t.name.clone();
    match &t.state {
        TerminalState::Checking => format!("… {}", fl!(i18n, "terminal-checking", name = name)),
        TerminalState::Ready => format!("● {}", fl!(i18n, "terminal-ready", name = name)),
        TerminalState::NotReady => format!("✗ {}", fl!(i18n, "terminal-not-ready", name = name)),
        TerminalState::Busy => format!("◐ {}", fl!(i18n, "terminal-busy", name = name)),
        TerminalState::OutcomeOpen => format!("? {}", fl!(i18n, "terminal-outcome-open", name = name)),
        TerminalState::Offline(_) => format!("✗ {}", fl!(i18n, "terminal-offline", name = name)),
    }
}
