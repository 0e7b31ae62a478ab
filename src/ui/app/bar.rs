//! The status bar with the terminal indicator, the demo banner, the deferred receipts page
//! reached from the checkout, and the question asked when the window closes mid-payment.

use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length};

use super::{App, Message};
use crate::fl;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Shortcut;
use crate::ui::screen::deferred;
use crate::ui::status::{TerminalState, indicator_text};
use crate::ui::theme as look;
use crate::ui::widget;

impl App {
    pub(super) fn status_bar(&self) -> Element<'_, Message> {
        let i18n = &self.ctx.i18n;
        let cashier = self.ctx.operator.as_ref().map(|o| o.name.clone()).unwrap_or_default();
        let sep = || text("·").size(look::BODY);
        let small = |label: String, shortcut: Shortcut| {
            let label = text(format!("{label} · {}", shortcut.label())).size(look::SMALL);
            button(label.wrapping(text::Wrapping::None))
                .on_press(Message::Ignore)
                .padding([6, 10])
                .style(look::buttons::key)
        };
        let style: fn(&iced::Theme) -> iced::widget::text::Style = match self.terminal.state {
            TerminalState::Ready => look::texts::success,
            TerminalState::Offline(_) | TerminalState::NotReady => look::texts::danger,
            TerminalState::OutcomeOpen => look::texts::warning,
            _ => look::texts::muted,
        };
        let one_line = |s: String| text(s).size(look::BODY).wrapping(text::Wrapping::None);
        let indicator = button(one_line(indicator_text(&self.terminal, &self.ctx)).style(style))
            .on_press(Message::Diagnostics(self.diagnostics.is_none()))
            .padding([4, 8])
            .style(look::buttons::row(self.diagnostics.is_some()));
        // The terminal first, with its key and the unknown payments: when a narrow window
        // (1024×768 while a payment is open) clips this side, the shop's name gives way, not them.
        let mut bar =
            row![indicator, text(Shortcut::Diagnostics.label()).size(look::SMALL).style(look::texts::muted)]
                .spacing(10)
                .align_y(Alignment::Center);
        if !self.unknown.is_empty() {
            bar = bar.push(
                button(
                    text(fl!(i18n, "status-unknown", count = self.unknown.len()))
                        .size(look::SMALL)
                        .style(look::texts::danger),
                )
                .on_press(Message::Diagnostics(true))
                .padding([4, 8])
                .style(look::buttons::row(false)),
            );
        }
        let bar = bar.extend([
            sep().into(),
            one_line(cashier).into(),
            sep().into(),
            one_line(fl!(i18n, "status-register", id = self.ctx.settings.register_id.clone())).into(),
            sep().into(),
            one_line(self.ctx.settings.shop.name.clone()).into(),
        ]);
        // The shop's side gives way (clipped) when the window is narrow (1024×768 while a payment
        // is open): Lock and the clock keep their place and their one line.
        row![container(bar).width(Length::Fill).clip(true)]
            .spacing(10)
            .padding([6, 12])
            .align_y(Alignment::Center)
            .push(
                small(
                    i18n.tr(if self.dark { "status-theme-light" } else { "status-theme-dark" }),
                    Shortcut::Theme,
                )
                .on_press(Message::ToggleTheme),
            )
            .push(small(i18n.tr("status-lock"), Shortcut::Lock).on_press(Message::Lock))
            .push(text(self.clock.clone()).size(20).wrapping(text::Wrapping::None))
            .into()
    }

    /// "demo terminal — no real money", whenever payments go to the demo terminal.
    pub(super) fn demo_banner(&self) -> Element<'_, Message> {
        if !self.terminal.demo {
            return column![].into();
        }
        container(text(format!("! {}", self.ctx.i18n.tr("demo-terminal-banner"))).size(look::SMALL))
            .padding([2, 12])
            .width(Length::Fill)
            .style(look::panels::warning)
            .into()
    }
}

/// The deferred receipts reached from the checkout (actions need a manager signed in).
pub fn deferred_page<'a>(pane: &'a deferred::Pane, ctx: &'a Ctx) -> Element<'a, Message> {
    let manager = ctx.operator.as_ref().is_some_and(|o| o.is_manager());
    let back = row![widget::action(
        ctx.i18n.tr("action-back"),
        "Esc",
        Some(Message::Key(esc())),
        look::buttons::key
    )]
    .width(Length::Fixed(260.0));
    column![pane.view(ctx, manager).map(Message::Deferred), back].spacing(10).padding(10).into()
}

fn esc() -> iced::keyboard::Event {
    use iced::keyboard::{Event, Key, Location, Modifiers, key::Named, key::Physical};
    Event::KeyPressed {
        key: Key::Named(Named::Escape),
        modified_key: Key::Named(Named::Escape),
        physical_key: Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers: Modifiers::default(),
        text: None,
        repeat: false,
    }
}

/// Asked when the window is closed while a payment's outcome is pending.
pub fn closing_dialog<'a>(ctx: &'a Ctx, signature: bool) -> Element<'a, Message> {
    let i18n = &ctx.i18n;
    let why = if signature { "exit-during-signature" } else { "exit-during-payment" };
    container(
        column![
            widget::notice(&widget::Notice::warning(i18n.tr(why))),
            row![
                widget::action(
                    i18n.tr("exit-stay"),
                    "",
                    Some(Message::CloseConfirmed(false)),
                    look::buttons::primary
                ),
                widget::action(
                    i18n.tr("exit-anyway"),
                    "",
                    Some(Message::CloseConfirmed(true)),
                    look::buttons::danger
                ),
            ]
            .spacing(8)
            .width(Length::Fixed(520.0)),
        ]
        .spacing(16)
        .max_width(640),
    )
    .center(Length::Fill)
    .into()
}
