//! Picking the lines of a sale to give back (a returned item): ↑ ↓ choose a line, digits type
//! how much of it (`*` all that is left of it), each line's money shown as the register will
//! count it. Nothing is sent from here: the refund pane asks its one question first.

use iced::widget::{button, column, container, responsive, row, text};
use iced::{Element, Length, Size};

use crate::domain::{Quantity, Unit};
use crate::fl;
use crate::register::{RefundLine, RefundMode, RefundPlan};
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::theme;

/// One line's button, fixed so the list knows how many fit the height it is given.
const ROW_HEIGHT: f32 = 58.0;
const ROW_GAP: f32 = 2.0;

/// The lines shown when `fit` of `n` fit: a window that always holds the cursor, kept
/// around its middle (↑ ↓ never walk the choice off-screen).
pub fn window(n: usize, cursor: usize, fit: usize) -> std::ops::Range<usize> {
    let fit = fit.max(1).min(n);
    let start = cursor.saturating_sub(fit / 2).min(n - fit);
    start..start + fit
}

/// The lines being picked: the one under the cursor and what was typed for each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picking {
    pub cursor: usize,
    /// Per line of the plan, as typed (`""` is none of it).
    pub typed: Vec<String>,
}

impl Picking {
    /// Starts on the first line with something left; `None` when nothing is left at all.
    pub fn start(plan: &RefundPlan) -> Option<Picking> {
        let cursor = plan.lines.iter().position(|l| l.balance.quantity_left() > 0)?;
        Some(Picking { cursor, typed: vec![String::new(); plan.lines.len()] })
    }

    /// A key while picking; true when it was used.
    pub fn key(&mut self, action: Action, plan: &RefundPlan) -> bool {
        let n = plan.lines.len();
        let typed = &mut self.typed[self.cursor.min(n.saturating_sub(1))];
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            Action::Digit(d) if typed.len() < 9 => typed.push(d),
            Action::Decimal if !typed.contains(['.', ',']) => typed.push('.'),
            Action::Backspace => {
                typed.pop();
            }
            Action::Times => {
                // All that is left of the line.
                let left = plan.lines.get(self.cursor).map_or(0, |l| l.balance.quantity_left());
                *typed = if left > 0 { Quantity::from_milli(left).label() } else { String::new() };
            }
            _ => return false,
        }
        true
    }

    /// The lines picked, with their quantities; a quantity that does not read is named.
    pub fn lines(&self, plan: &RefundPlan) -> Result<Vec<RefundLine>, String> {
        let mut picked = Vec::new();
        for (line, typed) in plan.lines.iter().zip(&self.typed) {
            if typed.trim().is_empty() {
                continue;
            }
            let quantity = Quantity::parse(typed).map_err(|_| line.name.clone())?;
            picked.push(RefundLine { index: line.index, quantity });
        }
        Ok(picked)
    }

    /// The sale's lines: what is left of each, what is picked and what it comes to.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        plan: &'a RefundPlan,
        ctx: &'a Ctx,
        select: impl Fn(usize) -> M + 'a,
    ) -> Element<'a, M> {
        let i18n = &ctx.i18n;
        // As many lines as the height allows (1024×768 too), the chosen one always among them.
        let list = responsive(move |size: Size| {
            let fit = ((size.height + ROW_GAP) / (ROW_HEIGHT + ROW_GAP)).floor() as usize;
            self.rows(plan, ctx, &select, window(plan.lines.len(), self.cursor, fit))
        });
        let to_card = plan.card.is_some() && plan.can(RefundMode::Refund);
        let total = self.lines(plan).ok().and_then(|l| plan.quote(&l).ok());
        let total = total.map(|b| b.iter().map(|b| b.amount).sum()).unwrap_or_default();
        column![
            text(i18n.tr("refund-pick-title")).size(theme::TITLE),
            text(i18n.tr(if to_card { "refund-pick-help" } else { "refund-pick-help-cash" }))
                .size(theme::SMALL)
                .style(theme::texts::muted),
            container(list).height(Length::Fill).style(theme::panels::panel).padding(4),
            widget_total(fl!(i18n, "refund-pick-total", amount = i18n.money(total))),
        ]
        .spacing(6)
        .into()
    }

    /// The buttons of the lines in `shown`.
    fn rows<'a, M: Clone + 'a>(
        &'a self,
        plan: &'a RefundPlan,
        ctx: &'a Ctx,
        select: &impl Fn(usize) -> M,
        shown: std::ops::Range<usize>,
    ) -> Element<'a, M> {
        let i18n = &ctx.i18n;
        let mut list = column![].spacing(ROW_GAP);
        let lines = plan.lines.iter().zip(&self.typed).enumerate();
        for (i, (line, typed)) in lines.skip(shown.start).take(shown.len()) {
            let left = line.balance.quantity_left();
            let amount = Quantity::parse(typed).ok().and_then(|q| line.balance.amount_for(q));
            // As typed, with the locale's decimal mark (`1,5` in Greek and Italian).
            let shown = match ctx.decimal() {
                "," => typed.trim().replace('.', ","),
                _ => typed.trim().to_string(),
            };
            let picked = match (shown.as_str(), amount) {
                ("", _) => "—".to_string(),
                (t, Some(a)) => format!("× {t} = {}", i18n.money_plain(a)),
                (t, None) => format!("× {t} ✗"),
            };
            let left_text = fl!(i18n, "refund-pick-left", quantity = quantity_text(left, line.unit, ctx));
            let body = column![
                text(line.name.clone()).size(theme::BODY),
                row![
                    text(left_text).size(theme::SMALL).width(Length::Fill).style(theme::texts::muted),
                    text(picked).size(theme::BODY),
                ]
                .spacing(8),
            ]
            .spacing(2);
            let mut b = button(body)
                .width(Length::Fill)
                .height(Length::Fixed(ROW_HEIGHT))
                .padding([6, 8])
                .style(theme::buttons::row(i == self.cursor));
            if left > 0 {
                b = b.on_press(select(i));
            }
            list = list.push(b);
        }
        list.into()
    }
}

fn widget_total<'a, M: 'a>(s: String) -> Element<'a, M> {
    text(s).size(20).into()
}

/// `2` pieces or `0,250` kg, in the user's way of writing numbers.
fn quantity_text(milli: i64, unit: Unit, ctx: &Ctx) -> String {
    let q = ctx.i18n.quantity(Quantity::from_milli(milli));
    match unit {
        Unit::Kg => format!("{q} kg"),
        Unit::L => format!("{q} l"),
        Unit::Piece => q,
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_window_always_holds_the_cursor_and_fills_what_fits() {
        for n in 1..30 {
            for fit in 0..12 {
                for cursor in 0..n {
                    let w = window(n, cursor, fit);
                    assert!(w.contains(&cursor), "n {n} fit {fit} cursor {cursor}: {w:?}");
                    assert_eq!(w.len(), fit.max(1).min(n));
                    assert!(w.end <= n);
                }
            }
        }
        // ↓ on a long sale moves the window once the cursor passes the middle.
        assert_eq!(window(20, 0, 6), 0..6);
        assert_eq!(window(20, 10, 6), 7..13);
        assert_eq!(window(20, 19, 6), 14..20);
    }
}
