//! A manager decides an unknown card payment by hand: PIN (unless a manager is signed in),
//! then F10 approved (with the auth code from the slip, if any) or F5 not charged, each asked
//! twice as in diagnostics; and the evidence told as a sentence the shop can act on.

use iced::widget::{column, container, text};
use iced::{Element, Length};

use super::{CardPay, Event, Message, Phase};
use crate::fl;
use crate::register::Operator;
use crate::terminal::{Approval, Attempt, Outcome};
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Job, PinFor, Work};
use crate::ui::theme;
use crate::ui::widget::{self, Notice, keypad};

/// The longest auth code a slip carries (6 is usual; some hosts print more).
const AUTH_CODE_MAX: usize = 12;

#[derive(Debug, Clone, Default)]
pub struct Resolve {
    pub pin: String,
    pub manager: Option<Operator>,
    /// The auth code copied from the terminal's slip; empty when the slip shows none.
    pub auth_code: String,
    /// The decision asked once (F10 true, F5 false): the same key again confirms it.
    pub asked: Option<bool>,
}

impl CardPay {
    pub(super) fn start_resolve(&mut self, by: &Operator) -> Option<Event> {
        if self.phase != Phase::Unknown {
            return None;
        }
        let manager = by.is_manager().then(|| by.clone());
        self.resolve = Some(Resolve { manager, ..Resolve::default() });
        None
    }

    /// Keys while a manager resolves: the PIN first, then the auth code and the decision.
    pub(super) fn resolve_key(&mut self, action: Action, ctx: &Ctx) -> Option<Event> {
        let r = self.resolve.as_mut()?;
        if action == Action::Escape {
            self.resolve = None;
            return None;
        }
        if action == Action::Search {
            self.details = !self.details;
            return None;
        }
        if r.manager.is_none() {
            match action {
                Action::Digit(d) if r.pin.len() < 12 => r.pin.push(d),
                Action::Backspace => {
                    r.pin.pop();
                }
                Action::Enter if !r.pin.is_empty() => {
                    let pin = std::mem::take(&mut r.pin);
                    return Some(Event::Run(Job::ManagerPin { pin, to: PinFor::Card }));
                }
                _ => {}
            }
            return None;
        }
        match action {
            Action::Digit(d) if r.auth_code.len() < AUTH_CODE_MAX => r.auth_code.push(d),
            Action::Backspace => {
                r.auth_code.pop();
            }
            Action::Card => return self.decide(true, ctx),
            Action::Void => return self.decide(false, ctx),
            _ => {}
        }
        None
    }

    /// The first F10 / F5 (or button press) asks, the same again decides.
    pub(super) fn decide(&mut self, approved: bool, ctx: &Ctx) -> Option<Event> {
        let r = self.resolve.as_mut()?;
        r.manager.as_ref()?;
        if r.asked != Some(approved) {
            r.asked = Some(approved);
            return None;
        }
        self.force(approved, ctx)
    }

    pub(super) fn force(&mut self, approved: bool, ctx: &Ctx) -> Option<Event> {
        let r = self.resolve.as_ref()?;
        let manager = r.manager.clone()?;
        let attempt = self.attempt.clone()?;
        let outcome = if approved {
            // The code as printed on the slip, or none: never a made-up one.
            Outcome::Approved(Approval { auth_code: r.auth_code.trim().to_string(), ..Approval::default() })
        } else {
            Outcome::declined(String::new(), ctx.i18n.tr("pay-resolved-not-charged"))
        };
        self.phase = Phase::Checking;
        self.notice = None;
        Some(Event::Work(Work::Force { by: manager, attempt: Box::new(attempt), outcome: Box::new(outcome) }))
    }

    /// The manager's answer to the PIN: the decision panel, or why not.
    pub(super) fn manager_answer(&mut self, answer: crate::ui::request::Answer<Operator>) {
        match answer {
            Ok(manager) => {
                if let Some(r) = &mut self.resolve {
                    r.manager = Some(manager);
                    self.notice = None;
                }
            }
            Err(f) => self.notice = Some(Notice::error(f.text)),
        }
    }

    /// Why Esc (or Back) does not leave now, in the cashier's words.
    pub(super) fn why_stay(&self, ctx: &Ctx) -> String {
        let id = match self.phase {
            Phase::Unknown | Phase::Checking => "pay-cannot-leave-unknown",
            Phase::BookingPending(_) | Phase::Booking => "pay-cannot-leave-booking",
            _ => "pay-cannot-leave",
        };
        ctx.i18n.tr(id)
    }

    /// Ctrl+L does nothing on this screen: say why, instead of nothing at all.
    pub fn refuse_lock(&mut self, ctx: &Ctx) {
        self.notice = Some(Notice::warning(ctx.i18n.tr("pay-cannot-lock")));
    }

    pub(super) fn resolve_view<'a>(&'a self, r: &'a Resolve, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let body: Element<'a, Message> = match &r.manager {
            None => column![
                text(i18n.tr("manager-pin-prompt")).size(theme::BODY),
                text(if r.pin.is_empty() { "–".into() } else { "●".repeat(r.pin.len()) }).size(28),
                keypad::view(Message::Key, i18n.tr("key-enter-ok"), ctx.decimal()),
            ]
            .spacing(8)
            .into(),
            Some(m) => {
                let code = if r.auth_code.is_empty() { "–".to_string() } else { r.auth_code.clone() };
                let mut col = column![
                    text(fl!(i18n, "pay-resolve-by", name = m.name.clone())).size(theme::BODY),
                    text(i18n.tr("pay-resolve-help")).size(theme::SMALL),
                    text(fl!(i18n, "pay-resolve-auth-code", code = code)).size(theme::BODY),
                    text(i18n.tr("pay-resolve-auth-code-help")).size(theme::SMALL).style(theme::texts::muted),
                    widget::action(
                        format!("✓ {}", i18n.tr("pay-resolve-approved")),
                        Action::Card.label(),
                        Some(Message::Force(true)),
                        theme::buttons::success
                    ),
                    widget::action(
                        format!("✗ {}", i18n.tr("pay-resolve-not-charged")),
                        Action::Void.label(),
                        Some(Message::Force(false)),
                        theme::buttons::danger
                    ),
                ]
                .spacing(8);
                if let Some(approved) = r.asked {
                    let id = if approved {
                        "pay-resolve-confirm-approved"
                    } else {
                        "pay-resolve-confirm-not-charged"
                    };
                    col = col.push(text(i18n.tr(id)).size(theme::BODY).style(theme::texts::warning));
                }
                col.into()
            }
        };
        // Esc closes the panel (back to the card screen): its button says so.
        let back = widget::action(
            i18n.tr("action-back"),
            Action::Escape.label(),
            Some(Message::Key(Action::Escape)),
            theme::buttons::key,
        );
        container(column![body, back].spacing(8))
            .padding(12)
            .width(Length::Fixed(300.0))
            .style(theme::panels::panel)
            .into()
    }
}

/// What the evidence means for the shop, in the user's language: the protocol's own words
/// stay behind F2.
pub fn evidence_sentence(attempt: &Attempt, ctx: &Ctx) -> String {
    let i18n = &ctx.i18n;
    let note = attempt.note.to_lowercase();
    let amount = i18n.money(attempt.amount);
    let time = chrono::DateTime::parse_from_rfc3339(&attempt.created_at)
        .map(|t| t.with_timezone(&chrono::Local).format("%H:%M").to_string())
        .unwrap_or_default();
    let earlier =
        ["already recorded", "recorded last", "earlier payment", "did not progress", "left no result"];
    let other = ["is not ", "cannot answer", "outside the attempt", "another message", "returned session"];
    let silent = [
        "recovery failed",
        "no recovery command",
        "no outcome",
        "timed out",
        "timeout",
        "link to the terminal was lost",
        "no stored result",
    ];
    let id = if earlier.iter().any(|w| note.contains(w)) {
        "pay-evidence-earlier"
    } else if other.iter().any(|w| note.contains(w)) {
        "pay-evidence-other"
    } else if silent.iter().any(|w| note.contains(w)) {
        "pay-evidence-silent"
    } else {
        "pay-evidence-unclear"
    };
    use fluent_bundle::FluentValue;
    i18n.tr_args(id, &[("amount", FluentValue::from(amount)), ("time", FluentValue::from(time))])
}
