//! The diagnostics view over any screen: the terminal and its settings, the open attempts a
//! manager may decide by hand, the last payment's progress, and the protocol log.

use iced::widget::{column, container, row, scrollable, text};
use iced::{Element, Length};

use super::{App, Message, Screen};
use crate::fl;
use crate::terminal::{Attempt, Progress};
use crate::ui::ctx::Ctx;
use crate::ui::screen::card;
use crate::ui::status::{Diagnostics, indicator_text, protocol_label, status_words};
use crate::ui::theme as look;
use crate::ui::widget;

impl App {
    /// The diagnostics page: the terminal, open attempts (a manager may decide them), the
    /// payment's progress, and the protocol log beside.
    pub(super) fn diagnostics_view<'a>(&'a self, d: &'a Diagnostics) -> Element<'a, Message> {
        let app = self;
        let ctx = &app.ctx;
        let i18n = &ctx.i18n;
        let t = &app.terminal;
        let protocol = if t.demo { i18n.tr("diag-demo-protocol") } else { i18n.tr("diag-configured") };
        let mut info = column![
            text(i18n.tr("diag-title")).size(look::TITLE),
            text(fl!(i18n, "diag-terminal", name = t.name.clone(), protocol = protocol)).size(look::BODY),
            text(indicator_text(t, ctx)).size(look::BODY),
        ]
        .spacing(6);
        info = info.push(match &d.config {
            None => text(i18n.tr("diag-config-asking")).size(look::SMALL).style(look::texts::muted),
            Some(Ok(c)) => text(fl!(
                i18n,
                "diag-config",
                protocol = protocol_label(c.protocol),
                addr = if c.addr.is_empty() { "—".to_string() } else { c.addr.clone() },
                tid = if c.terminal_id.is_empty() { "—".to_string() } else { c.terminal_id.clone() }
            ))
            .size(look::BODY),
            Some(Err(f)) => text(format!("✗ {}", fl!(i18n, "diag-config-failed", reason = f.text.clone())))
                .size(look::SMALL)
                .style(look::texts::danger),
        });
        if let Some(s) = &t.last {
            info = info.push(
                text(fl!(
                    i18n,
                    "diag-status",
                    tid = s.terminal_id.clone(),
                    code = s.status_code.clone(),
                    text = status_words(s, ctx),
                    release = s.software_release.clone()
                ))
                .size(look::SMALL),
            );
        }
        let mut attempts = column![text(i18n.tr("diag-open-attempts")).size(look::TITLE)].spacing(4);
        if d.attempts.is_empty() {
            attempts = attempts.push(text(i18n.tr("diag-no-attempts")).style(look::texts::muted));
        }
        let manager = ctx.operator.as_ref().is_some_and(|o| o.is_manager());
        let chosen = decidable(app).get(d.chosen.min(decidable(app).len().saturating_sub(1))).map(|a| a.id);
        for a in
            d.attempts.iter().chain(app.unknown.iter().filter(|u| !d.attempts.iter().any(|a| a.id == u.id)))
        {
            let (line, evidence) = d.attempt_lines(a, ctx);
            attempts = attempts.push(text(line).size(look::BODY));
            if !a.note.trim().is_empty() {
                attempts = attempts.push(text(evidence).size(look::SMALL).style(look::texts::muted));
            }
            if manager && !card_on(app, a) {
                // The keys (F10 approved, F5 not charged) act on the chosen attempt only.
                let keyed = chosen == Some(a.id);
                let force = |label: String, approved: bool, style| {
                    let key = match (keyed, approved) {
                        (false, _) => "",
                        (true, true) => crate::ui::keys::Action::Card.label(),
                        (true, false) => crate::ui::keys::Action::Void.label(),
                    };
                    widget::action(
                        label,
                        key,
                        Some(Message::DiagnosticsForce(Box::new(a.clone()), approved)),
                        style,
                    )
                };
                attempts = attempts.push(
                    row![
                        force(format!("✓ {}", i18n.tr("pay-resolve-approved")), true, look::buttons::success),
                        force(
                            format!("✗ {}", i18n.tr("pay-resolve-not-charged")),
                            false,
                            look::buttons::danger
                        ),
                    ]
                    .spacing(8)
                    .width(Length::Fixed(560.0)),
                );
            }
        }
        if manager && !d.attempts.is_empty() {
            attempts = attempts.push(text(i18n.tr("pay-resolve-help")).size(look::SMALL));
        }
        if let Some((_, approved)) = d.asked {
            let id = if approved { "diag-confirm-approved" } else { "diag-confirm-not-charged" };
            attempts = attempts.push(widget::notice(&widget::Notice::warning(i18n.tr(id))));
        }
        let current: Vec<Progress> = match &app.screen {
            Screen::Card(c) => c.events.clone(),
            _ if !d.events.is_empty() => d.events.clone(),
            _ => app.last_events.clone(),
        };
        let mut events = column![text(i18n.tr("diag-events")).size(look::TITLE)].spacing(2);
        if current.is_empty() {
            events = events.push(text(i18n.tr("diag-no-events")).style(look::texts::muted));
        }
        for (i, p) in current.iter().enumerate() {
            events = events.push(text(format!("{}. {}", i + 1, card::event_text(p, ctx))).size(look::SMALL));
        }
        let mut col = column![info, attempts, events].spacing(16);
        if let Some(e) = &d.error {
            col = col.push(widget::notice(&widget::Notice::error(e.clone())));
        }
        if let Some(n) = &d.bundle {
            col = col.push(widget::notice(n));
        }
        let back = row![
            widget::action(
                i18n.tr("action-back"),
                "Esc",
                Some(Message::Diagnostics(false)),
                look::buttons::key
            ),
            widget::action(
                i18n.tr("support-export"),
                crate::ui::keys::Action::Pdf.label(),
                Some(Message::SupportBundle),
                look::buttons::key
            ),
        ]
        .spacing(8)
        .width(Length::Fixed(560.0));
        let page = row![
            container(scrollable(col).height(Length::Fill)).padding(16).width(Length::FillPortion(1)),
            container(wire_view(d, ctx)).padding(16).width(Length::FillPortion(1)),
        ];
        column![page.height(Length::Fill), back].padding(10).spacing(10).into()
    }
}

/// The frames and messages, newest at the bottom, in a box that stays scrolled there.
fn wire_view<'a>(d: &'a Diagnostics, ctx: &'a Ctx) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let title = text(i18n.tr("diag-wire-title")).size(look::TITLE);
    if d.wire.is_empty() {
        return column![title, text(i18n.tr("diag-wire-empty")).style(look::texts::muted)].spacing(4).into();
    }
    let lines = d.wire.iter().fold(column![].spacing(2), |col, e| {
        col.push(
            text(format!("{} {} {} {}", e.at, e.dir.arrow(), e.peer, e.text))
                .size(13)
                .font(iced::Font::MONOSPACE)
                .wrapping(iced::widget::text::Wrapping::Glyph),
        )
    });
    let log = container(scrollable(container(lines).padding(8)).anchor_bottom().height(Length::Fill))
        .style(look::panels::panel);
    column![title, text(i18n.tr("diag-wire-help")).size(look::SMALL).style(look::texts::muted), log]
        .spacing(4)
        .height(Length::Fill)
        .into()
}

/// True when the payment screen underneath is following this attempt (resolve it there).
/// The attempts a manager may decide here, in the order shown: not the one the card screen
/// is showing (it has its own keys).
pub(super) fn decidable(app: &App) -> Vec<Attempt> {
    let Some(d) = &app.diagnostics else { return Vec::new() };
    d.attempts
        .iter()
        .chain(app.unknown.iter().filter(|u| !d.attempts.iter().any(|a| a.id == u.id)))
        .filter(|a| !card_on(app, a))
        .cloned()
        .collect()
}

fn card_on(app: &App, attempt: &Attempt) -> bool {
    matches!(&app.screen, Screen::Card(c) if c.attempt.as_ref().is_some_and(|a| a.id == attempt.id))
}
