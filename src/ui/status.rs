//! The status bar with the terminal indicator (which tells the truth: it claims "ready" only
//! on the terminal's own answer), the demo banner, and the diagnostics view it opens.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length};

use super::app::{App, Message, Screen};
use super::ctx::Ctx;
use super::jobs::Answer;
use super::keys::Shortcut;
use super::screen::{card, deferred};
use super::theme as look;
use super::widget;
use crate::fl;
use crate::register::Register;
use crate::terminal::wirelog::WireEntry;
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

    pub fn view<'a>(&'a self, app: &'a App) -> Element<'a, Message> {
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
        info = info.push(match &self.config {
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
        if self.attempts.is_empty() {
            attempts = attempts.push(text(i18n.tr("diag-none")).style(look::texts::muted));
        }
        let manager = ctx.operator.as_ref().is_some_and(|o| o.is_manager());
        let chosen =
            decidable(app).get(self.chosen.min(decidable(app).len().saturating_sub(1))).map(|a| a.id);
        for a in self
            .attempts
            .iter()
            .chain(app.unknown.iter().filter(|u| !self.attempts.iter().any(|a| a.id == u.id)))
        {
            let (line, evidence) = self.attempt_lines(a, ctx);
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
        if manager && !self.attempts.is_empty() {
            attempts = attempts.push(text(i18n.tr("pay-resolve-help")).size(look::SMALL));
        }
        if let Some((_, approved)) = self.asked {
            let id = if approved { "diag-confirm-approved" } else { "diag-confirm-not-charged" };
            attempts = attempts.push(widget::notice(&widget::Notice::warning(i18n.tr(id))));
        }
        let current: Vec<Progress> = match &app.screen {
            Screen::Card(c) => c.events.clone(),
            _ if !self.events.is_empty() => self.events.clone(),
            _ => app.last_events.clone(),
        };
        let mut events = column![text(i18n.tr("diag-events")).size(look::TITLE)].spacing(2);
        if current.is_empty() {
            events = events.push(text(i18n.tr("diag-none")).style(look::texts::muted));
        }
        for (i, p) in current.iter().enumerate() {
            events = events.push(text(format!("{}. {}", i + 1, card::event_text(p, ctx))).size(look::SMALL));
        }
        let mut col = column![info, attempts, events].spacing(16);
        if let Some(e) = &self.error {
            col = col.push(widget::notice(&widget::Notice::error(e.clone())));
        }
        if let Some(n) = &self.bundle {
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
            container(self.wire_view(ctx)).padding(16).width(Length::FillPortion(1)),
        ];
        column![page.height(Length::Fill), back].padding(10).spacing(10).into()
    }
}

/// How many protocol log lines Diagnostics shows.
const WIRE_LINES: usize = 200;

impl Diagnostics {
    /// The frames and messages, newest at the bottom, in a box that stays scrolled there.
    fn wire_view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let title = text(i18n.tr("diag-wire-title")).size(look::TITLE);
        if self.wire.is_empty() {
            return column![title, text(i18n.tr("diag-wire-empty")).style(look::texts::muted)]
                .spacing(4)
                .into();
        }
        let lines = self.wire.iter().fold(column![].spacing(2), |col, e| {
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
}

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

fn indicator_text(t: &TerminalInfo, ctx: &Ctx) -> String {
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

impl App {
    pub(super) fn status_bar(&self) -> Element<'_, Message> {
        let i18n = &self.ctx.i18n;
        let cashier = self.ctx.operator.as_ref().map(|o| o.name.clone()).unwrap_or_default();
        let sep = || text("·").size(look::BODY);
        let small = |label: String, shortcut: Shortcut| {
            button(text(format!("{label} · {}", shortcut.label())).size(look::SMALL))
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
        let indicator = button(text(indicator_text(&self.terminal, &self.ctx)).size(look::BODY).style(style))
            .on_press(Message::Diagnostics(self.diagnostics.is_none()))
            .padding([4, 8])
            .style(look::buttons::row(self.diagnostics.is_some()));
        let mut bar = row![
            text(self.ctx.settings.shop.name.clone()).size(look::BODY),
            sep(),
            text(fl!(i18n, "status-register", id = self.ctx.settings.register_id.clone())).size(look::BODY),
            sep(),
            text(cashier).size(look::BODY),
            sep(),
            indicator,
            text(Shortcut::Diagnostics.label()).size(look::SMALL).style(look::texts::muted),
        ]
        .spacing(10)
        .padding([6, 12])
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
        bar.push(text("").width(Length::Fill))
            .push(
                small(
                    i18n.tr(if self.dark { "status-theme-light" } else { "status-theme-dark" }),
                    Shortcut::Theme,
                )
                .on_press(Message::ToggleTheme),
            )
            .push(small(i18n.tr("status-lock"), Shortcut::Lock).on_press(Message::Lock))
            .push(text(self.clock.clone()).size(20))
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
