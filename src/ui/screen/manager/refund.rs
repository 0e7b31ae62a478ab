//! Refund and void of the open receipt, for the receipts tab: what the receipt's tenders and
//! terminal allow, the one question before it runs, the terminal's progress, the result.

use iced::widget::{column, row, text};
use iced::{Element, Length};

use crate::domain::Money;
use crate::fl;
use crate::register::{RefundError, RefundLine, RefundMode, RefundPlan, Refunded};
use crate::terminal::{AttemptState, Outcome, Progress};
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::screen::card;
pub use crate::ui::screen::manager::refund_pick::Picking;
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

/// The refund side of the open receipt.
#[derive(Debug, Default)]
pub struct RefundPane {
    /// What the open receipt allows; `None` while asking.
    pub plan: Option<RefundPlan>,
    /// The question on show before anything is sent.
    pub confirm: Option<RefundMode>,
    /// Set while the refund runs: what the terminal is doing now.
    pub working: Option<String>,
    /// Picking lines to give back (F4), instead of the whole receipt.
    pub picking: Option<Picking>,
    /// The lines the question is about (none: all that is left on the receipt).
    pub chosen: Vec<RefundLine>,
}

impl RefundPane {
    pub fn can(&self, mode: RefundMode) -> bool {
        self.working.is_none() && self.plan.as_ref().is_some_and(|p| p.can(mode))
    }

    /// Starts picking lines (F4); nothing happens when nothing is left.
    pub fn start_picking(&mut self) {
        if self.working.is_some() || self.confirm.is_some() {
            return;
        }
        if let Some(plan) = self.plan.as_ref().filter(|p| p.closed.is_none()) {
            self.picking = Picking::start(plan);
        }
    }

    /// A key while picking lines; true when it was used.
    pub fn pick_key(&mut self, action: Action) -> bool {
        match (&mut self.picking, &self.plan) {
            (Some(p), Some(plan)) if self.confirm.is_none() => p.key(action, plan),
            _ => false,
        }
    }

    /// Asks the question for `mode` about the picked lines (or the whole receipt), or says
    /// why it cannot be done, in the user's words.
    pub fn ask(&mut self, mode: RefundMode, ctx: &Ctx) -> Result<(), String> {
        let i18n = &ctx.i18n;
        let Some(plan) = self.plan.as_ref() else { return Err(String::new()) };
        let chosen = match &self.picking {
            None => Vec::new(),
            Some(p) => {
                let lines = p.lines(plan).map_err(|line| fl!(i18n, "refund-err-quantity", line = line))?;
                if lines.is_empty() {
                    return Err(RefundError::NothingPicked.message(i18n));
                }
                lines
            }
        };
        let backs = plan.quote(&chosen).map_err(|e| e.message(i18n))?;
        plan.split(mode, &backs).map_err(|e| e.message(i18n))?;
        self.chosen = chosen;
        self.confirm = Some(mode);
        Ok(())
    }

    /// The progress line while the terminal works.
    pub fn progress(&mut self, p: &Progress, ctx: &Ctx) {
        if self.working.is_some() {
            self.working = Some(card::event_text(p, ctx));
        }
    }

    /// The notice for what the refund came to.
    pub fn result(&mut self, refunded: &Refunded, ctx: &Ctx) -> Notice {
        self.working = None;
        let i18n = &ctx.i18n;
        if let Some(r) = &refunded.receipt {
            return Notice::done(fl!(i18n, "refund-done", number = r.number, amount = i18n.money(-r.total)));
        }
        let Some(a) = &refunded.attempt else {
            return Notice::warning(i18n.tr("refund-unknown"));
        };
        match (&a.state, &a.outcome) {
            (_, Some(Outcome::Declined { code, message, .. })) => {
                let reason = format!("{code} {message}").trim().to_string();
                Notice::error(fl!(i18n, "refund-declined", reason = reason))
            }
            (_, Some(Outcome::Cancelled { message })) => {
                Notice::error(fl!(i18n, "refund-declined", reason = message.clone()))
            }
            (AttemptState::Failed, _) => Notice::error(fl!(i18n, "refund-failed", reason = a.note.clone())),
            _ => Notice::warning(i18n.tr("refund-unknown")),
        }
    }

    /// The question, asked once: the lines (when picked), the amount on the card and its
    /// terminal, and the cash part.
    fn question(&self, mode: RefundMode, ctx: &Ctx) -> String {
        let i18n = &ctx.i18n;
        let Some(plan) = &self.plan else { return String::new() };
        let Ok(backs) = plan.quote(&self.chosen) else { return String::new() };
        let Ok((on_card, cash)) = plan.split(mode, &backs) else { return String::new() };
        let mut q = String::new();
        if !self.chosen.is_empty() {
            let items: Vec<String> = backs
                .iter()
                .filter_map(|b| {
                    let line = plan.lines.iter().find(|l| l.index == b.index)?;
                    Some(format!("{} × {}", line.name, i18n.quantity(b.quantity)))
                })
                .collect();
            q = fl!(i18n, "refund-ask-lines", lines = items.join(", "));
            q.push(' ');
        }
        let card = match (&plan.card, on_card > Money::ZERO) {
            (Some(card), true) => card,
            _ => {
                q.push_str(&fl!(i18n, "refund-ask-cash", amount = i18n.money(cash)));
                return q;
            }
        };
        let id = if mode == RefundMode::Void { "refund-ask-void" } else { "refund-ask-card" };
        let args = [
            ("amount", fluent_bundle::FluentValue::from(i18n.money(on_card))),
            ("last4", card.last4().into()),
            ("terminal", card.terminal.clone().into()),
        ];
        q.push_str(&i18n.tr_args(id, &args));
        if cash > Money::ZERO {
            q.push(' ');
            q.push_str(&fl!(i18n, "refund-ask-and-cash", amount = i18n.money(cash)));
        }
        q
    }

    /// The buttons (or the question, or the progress) under the receipt.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        ctx: &'a Ctx,
        ask: impl Fn(RefundMode) -> M,
        answer: impl Fn(bool) -> M,
        pick: impl Fn(bool) -> M,
    ) -> Element<'a, M> {
        let i18n = &ctx.i18n;
        if let Some(now) = &self.working {
            return column![
                text(i18n.tr("refund-working")).size(theme::BODY),
                text(now.clone()).size(theme::BODY)
            ]
            .spacing(4)
            .into();
        }
        if let Some(mode) = self.confirm {
            return column![
                text(self.question(mode, ctx)).size(theme::BODY),
                row![
                    widget::action(
                        i18n.tr("refund-yes"),
                        Action::Enter.label(),
                        Some(answer(true)),
                        theme::buttons::danger
                    ),
                    widget::action(
                        i18n.tr("refund-no"),
                        Action::Escape.label(),
                        Some(answer(false)),
                        theme::buttons::key
                    ),
                ]
                .spacing(6),
            ]
            .spacing(6)
            .into();
        }
        let button = |id: &str, key: Action, mode: RefundMode| {
            widget::action(i18n.tr(id), key.label(), self.can(mode).then(|| ask(mode)), theme::buttons::key)
        };
        // A sale paid all in cash is refunded in cash: one button, not two doing the same.
        // While picking lines a void (always the whole payment) is not offered.
        let mut buttons = row![].spacing(6);
        if !self.cash_only() {
            buttons = buttons.push(button("refund-card-button", Action::Card, RefundMode::Refund));
            if self.picking.is_none() {
                buttons = buttons.push(button("refund-void-button", Action::Void, RefundMode::Void));
            }
        }
        buttons = buttons.push(button("refund-cash-button", Action::Cash, RefundMode::Cash));
        let open = self.working.is_none() && self.plan.as_ref().is_some_and(|p| p.closed.is_none());
        let second = match &self.picking {
            Some(_) => widget::action(
                i18n.tr("refund-pick-back"),
                Action::Escape.label(),
                Some(pick(false)),
                theme::buttons::key,
            ),
            None => widget::action(
                i18n.tr("refund-pick-button"),
                Action::Discount.label(),
                open.then(|| pick(true)),
                theme::buttons::key,
            ),
        };
        let mut col = column![buttons, second].spacing(4).width(Length::Fill);
        if let Some(why) = self.why_not(ctx) {
            col = col.push(text(why).size(theme::SMALL).style(theme::texts::muted));
        }
        col.into()
    }

    /// Paid all in cash: nothing for a terminal to take back.
    pub fn cash_only(&self) -> bool {
        self.plan.as_ref().is_some_and(|p| p.card.is_none() && p.refund.is_ok())
    }

    /// Why the terminal cannot take this card payment back (shown under the buttons), each
    /// sentence once.
    pub fn why_not(&self, ctx: &Ctx) -> Option<String> {
        let i18n = &ctx.i18n;
        let plan = self.plan.as_ref()?;
        if let Some(closed) = &plan.closed {
            return Some(closed.message(i18n));
        }
        let errors: Vec<&RefundError> = match (&plan.refund, &plan.void) {
            (Err(r), Err(v)) if r != v && plan.card.is_some() => vec![r, v],
            (Err(e), _) => vec![e],
            (Ok(()), Err(v)) if plan.card.is_some() => vec![v],
            _ => return None,
        };
        let mut sentences: Vec<String> = Vec::new();
        let mut advice = false;
        for e in errors {
            let (reason, advise) = e.reason(i18n);
            advice |= advise;
            if !sentences.contains(&reason) {
                sentences.push(reason);
            }
        }
        if advice {
            sentences.push(i18n.tr("refund-advice"));
        }
        Some(sentences.join(" "))
    }
}
