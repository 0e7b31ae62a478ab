//! The payment's words: what the terminal is doing now, each step for diagnostics, and a
//! decline's reason (the terminal's own, or ours when it gave none).

use crate::fl;
use crate::terminal::Progress;
use crate::ui::ctx::Ctx;

/// The declined or cancelled reason, as the terminal gave it, in words when it gave none.
pub fn reason(message: &str, code: &str, i18n: &crate::i18n::I18n) -> String {
    match (message.trim(), code.trim()) {
        ("", "") => i18n.tr("pay-no-reason"),
        ("", c) => fl!(i18n, "pay-reason-code", code = c.to_string()),
        (m, "") => m.to_string(),
        (m, c) => format!("{m} ({c})"),
    }
}

/// What the terminal is doing now, in the cashier's words.
pub fn now_text(p: Option<&Progress>, ctx: &Ctx) -> String {
    let id = match p {
        None | Some(Progress::Connecting) => "pay-connecting",
        Some(Progress::Sent | Progress::Acknowledged | Progress::Display(_)) => "pay-sent",
        Some(Progress::InsertCard) => "pay-insert-card",
        Some(Progress::EnterPin) => "pay-enter-pin",
        Some(Progress::Authorising | Progress::HostLink(true)) => "pay-authorising",
        Some(Progress::HostLink(false)) => "pay-host-down",
        Some(Progress::Retrying(_)) => "pay-retrying",
        Some(Progress::ResultReceived) => "pay-result",
        Some(Progress::Recovering) => "pay-recovering",
        Some(Progress::SignatureCheck(_)) => "signature-check",
    };
    ctx.i18n.tr(id)
}

/// A progress event as one line for diagnostics.
pub fn event_text(p: &Progress, ctx: &Ctx) -> String {
    match p {
        Progress::Display(t) => fl!(ctx.i18n, "pay-terminal-says", text = t.trim().to_string()),
        Progress::Retrying(n) => format!("{} ({n})", now_text(Some(p), ctx)),
        Progress::HostLink(true) => ctx.i18n.tr("diag-host-up"),
        Progress::Acknowledged => ctx.i18n.tr("diag-acknowledged"),
        other => now_text(Some(other), ctx),
    }
}
