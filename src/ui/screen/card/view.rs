//! What the payment screen shows: the status line in the cashier's words, the steps so far
//! (or the copy to sign, the slip, a manager's PIN), and the keys that apply now.

use iced::widget::{column, container, row, text};
use iced::{Alignment, Element, Length};

use super::{Abort, CardPay, Message, Phase};
use crate::fl;
use crate::terminal::Progress;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::screen::signature::slip_view;
use crate::ui::theme;
use crate::ui::widget;

use super::words::{event_text, now_text};

impl CardPay {
    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let (status, style): (String, fn(&iced::Theme) -> container::Style) = self.status_line(ctx);
        let minutes = format!("{}:{:02}", self.seconds / 60, self.seconds % 60);
        let display = if self.display.is_empty() { "—".to_string() } else { self.display.clone() };
        let mut left = column![
            text(fl!(i18n, "pay-title", terminal = self.terminal.clone())).size(theme::TITLE),
            widget::amount_row(i18n.tr("pay-amount"), i18n.money(self.amount), theme::TOTAL),
            container(text(status).size(32).wrapping(text::Wrapping::WordOrGlyph))
                .padding([16, 16])
                .width(Length::Fill)
                .style(style),
            row![
                text(fl!(i18n, "pay-terminal-says", text = display)).size(20).width(Length::Fill),
                text(fl!(i18n, "pay-timer", time = minutes)).size(20),
            ]
            .spacing(12),
        ]
        .spacing(16)
        .width(Length::Fill);
        if let Some(a) = &self.attempt
            && matches!(self.phase, Phase::Unknown | Phase::Checking)
        {
            left = left.push(text(i18n.tr("pay-unknown-help")).size(theme::BODY));
            // What the evidence means, in the user's words; the protocol's own behind F2.
            left = left.push(text(super::evidence_sentence(a, ctx)).size(theme::BODY));
            if !a.note.is_empty() && self.details {
                left = left.push(text(fl!(i18n, "pay-evidence", note = a.note.clone())).size(theme::SMALL));
            }
        }
        if let Phase::BookingPending(why) = &self.phase {
            left = left.push(text(i18n.tr("pay-booking-pending-help")).size(theme::BODY));
            if self.details {
                left = left.push(text(fl!(i18n, "pay-evidence", note = why.clone())).size(theme::SMALL));
            }
        }
        if let Some(c) = self.signature.as_ref().filter(|c| !c.answered) {
            let help =
                if c.approved.is_some() { "signature-help-reverse" } else { "signature-help-terminal" };
            left = left.push(text(i18n.tr(help)).size(theme::BODY));
        }
        if let Phase::Reversed(_) = self.phase {
            left = left.push(text(i18n.tr("signature-reversed-help")).size(theme::BODY));
        }
        if let Some(n) = &self.notice {
            left = left.push(widget::notice(n));
        }
        let right: Element<'a, Message> = match (&self.resolve, &self.signature) {
            (Some(r), _) => self.resolve_view(r, ctx),
            (None, Some(c)) => c.view(ctx),
            (None, None) if !self.slip.is_empty() && matches!(self.phase, Phase::Declined(_)) => {
                slip_view(i18n.tr("pay-slip"), &self.slip)
            }
            (None, None) => self.steps_view(ctx),
        };
        container(
            column![
                row![left, right].spacing(24).align_y(Alignment::Start).height(Length::Fill),
                self.actions(ctx)
            ]
            .spacing(12),
        )
        .padding(16)
        .into()
    }

    /// The big status line's words (and whether it is a warning), for tests and the view.
    pub fn status_text(&self, ctx: &Ctx) -> (String, bool) {
        let (text, _) = self.status_line(ctx);
        (
            text,
            matches!(
                self.phase,
                Phase::Unknown | Phase::Checking | Phase::BookingPending(_) | Phase::Booking
            ),
        )
    }

    pub(super) fn status_line(&self, ctx: &Ctx) -> (String, fn(&iced::Theme) -> container::Style) {
        let i18n = &ctx.i18n;
        let panel: fn(&iced::Theme) -> container::Style = theme::panels::panel;
        match &self.phase {
            Phase::Opening => (i18n.tr("pay-opening"), panel),
            Phase::Paying if self.signature.as_ref().is_some_and(|c| !c.answered) => {
                (format!("✎ {}", i18n.tr("signature-check")), theme::panels::warning)
            }
            Phase::Signature => (format!("✎ {}", i18n.tr("signature-check")), theme::panels::warning),
            Phase::Reversing => (format!("… {}", i18n.tr("signature-reversing")), theme::panels::warning),
            Phase::Reversed(Some(n)) => {
                (format!("↺ {}", fl!(i18n, "signature-reversed", number = *n)), theme::panels::info)
            }
            Phase::Reversed(None) => {
                (format!("↺ {}", i18n.tr("signature-reversed-pending")), theme::panels::info)
            }
            Phase::ReversalUnknown => {
                (format!("? {}", i18n.tr("signature-reversal-unknown")), theme::panels::warning)
            }
            Phase::Paying if self.abort != Abort::None => {
                (format!("… {}", i18n.tr("pay-cancelling")), theme::panels::info)
            }
            Phase::Paying => (format!("… {}", now_text(self.now.as_ref(), ctx)), theme::panels::info),
            Phase::Approved => (format!("✓ {}", i18n.tr("pay-approved")), theme::panels::success),
            Phase::BookingPending(_) | Phase::Booking => {
                (format!("✓ {}", i18n.tr("pay-approved-booking-pending")), theme::panels::warning)
            }
            Phase::Declined(r) => {
                (format!("✗ {}", fl!(i18n, "pay-declined", reason = r.clone())), theme::panels::error)
            }
            Phase::Cancelled(r) => {
                (format!("✗ {}", fl!(i18n, "pay-cancelled", reason = r.clone())), theme::panels::error)
            }
            Phase::Failed(note) => (format!("✗ {}", self.failed_text(note, ctx)), theme::panels::error),
            Phase::Refused(r) => (format!("✗ {r}"), theme::panels::error),
            Phase::Unknown => (format!("? {}", i18n.tr("pay-unknown")), theme::panels::warning),
            Phase::NotCharged(by) => {
                (format!("○ {}", fl!(i18n, "pay-not-charged-by", name = by.clone())), theme::panels::info)
            }
            Phase::Checking => (format!("… {}", i18n.tr("pay-checking")), theme::panels::warning),
        }
    }

    /// Why a payment that moved no money failed, told from the same events the step list
    /// shows: refused by a busy terminal, refused after it reached the terminal, or never sent.
    pub(super) fn failed_text(&self, note: &str, ctx: &Ctx) -> String {
        let reached = self.events.iter().any(|p| matches!(p, Progress::Sent | Progress::Acknowledged));
        let id = if note == crate::terminal::TerminalError::Busy.to_string() {
            "pay-failed-busy"
        } else if reached {
            "pay-failed-refused"
        } else {
            "pay-failed"
        };
        ctx.i18n.tr(id)
    }

    /// The step list: the terminal's events, then how it ended in the status line's own
    /// words (one source of truth for both).
    pub fn steps(&self, ctx: &Ctx) -> Vec<String> {
        let skip = self.events.len().saturating_sub(12);
        let mut steps: Vec<String> = self.events.iter().skip(skip).map(|p| event_text(p, ctx)).collect();
        if !self.in_flight() && !matches!(self.phase, Phase::Opening) {
            steps.push(self.status_line(ctx).0);
        }
        steps
    }

    /// What happened so far, newest last, so the cashier sees the payment move.
    pub(super) fn steps_view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let steps = self.steps(ctx).into_iter().fold(column![].spacing(4), |col, step| {
            col.push(text(step).size(theme::SMALL).style(theme::texts::muted))
        });
        container(steps).padding(12).width(Length::Fixed(300.0)).into()
    }

    pub(super) fn actions<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let b = |id: &str, key: &'static str, msg: Message, style| {
            widget::action(i18n.tr(id), key, Some(msg), style)
        };
        let mut r = row![].spacing(8);
        if let Some(c) =
            self.signature.as_ref().filter(|_| matches!(self.phase, Phase::Paying | Phase::Signature))
        {
            let on = |m: Message| (!c.answered).then_some(m);
            let go_on = if c.refused { "signature-leave" } else { "signature-ok" };
            r = r.push(widget::action(
                i18n.tr(go_on),
                "Enter",
                on(Message::SignatureOk),
                theme::buttons::primary,
            ));
            r = r.push(widget::action(
                i18n.tr("signature-refuse"),
                Action::Void.label(),
                on(Message::SignatureRefused),
                theme::buttons::danger,
            ));
            if self.phase == Phase::Signature {
                return r.into();
            }
        }
        match &self.phase {
            Phase::Signature => {}
            Phase::Reversed(_) => r = r.push(b("action-back", "Esc", Message::Back, theme::buttons::key)),
            Phase::ReversalUnknown => {
                r = r.push(b("pay-wait", "Enter", Message::CheckReversal, theme::buttons::primary));
            }
            Phase::Reversing => {
                r = r.push(text(i18n.tr("signature-reversing")).size(theme::BODY).style(theme::texts::muted))
            }
            Phase::Opening => r = r.push(b("action-back", "Esc", Message::Back, theme::buttons::key)),
            Phase::BookingPending(_) => {
                r = r.push(b("pay-book-now", "Enter", Message::Book, theme::buttons::primary));
                r = r.push(self.details_button(ctx));
            }
            Phase::Paying if self.can_abort => {
                let on = self.may_cancel().then_some(Message::Cancel);
                r = r.push(widget::action(i18n.tr("pay-cancel"), "Esc", on, theme::buttons::danger));
            }
            Phase::Paying | Phase::Checking | Phase::Approved | Phase::Booking => {
                r = r.push(
                    text(i18n.tr("pay-cancel-on-terminal")).size(theme::BODY).style(theme::texts::muted),
                )
            }
            Phase::Unknown => {
                r = r.push(b("pay-wait", "Enter", Message::Wait, theme::buttons::primary));
                r = r.push(b("pay-resolve", Action::Manager.label(), Message::Resolve, theme::buttons::key));
                r = r.push(self.details_button(ctx));
            }
            _ => {
                if self.may_try_again() {
                    r = r.push(b("pay-try-again", "Enter", Message::TryAgain, theme::buttons::primary));
                    if !self.slip.is_empty() && matches!(self.phase, Phase::Declined(_)) {
                        let print = Action::Print.label();
                        r = r.push(b("pay-print-slip", print, Message::PrintSlip, theme::buttons::key));
                    }
                    r = r.push(b(
                        "pay-other-tender",
                        Action::Cash.label(),
                        Message::OtherTender,
                        theme::buttons::key,
                    ));
                }
                r = r.push(b("action-back", "Esc", Message::Back, theme::buttons::key));
            }
        }
        r.into()
    }
}

impl CardPay {
    /// Shows or hides the protocol's own words (F2).
    pub(super) fn details_button<'a>(&self, ctx: &'a Ctx) -> Element<'a, Message> {
        let id = if self.details { "pay-details-hide" } else { "pay-details-show" };
        widget::action(ctx.i18n.tr(id), Action::Search.label(), Some(Message::Details), theme::buttons::key)
    }
}
