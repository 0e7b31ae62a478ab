//! Cash payment: the amount tendered on the keypad or a quick button, the change due in
//! large type, then the sale is committed by the register and the receipt is shown.

use iced::widget::{column, container, row, text};
use iced::{Element, Length, Task};

use crate::domain::{Money, Receipt};
use crate::register::RegisterError;
use crate::ui::ctx::Ctx;
use crate::ui::keys::{Action, QUICK_LABELS};
use crate::ui::request::Answer;
use crate::ui::theme;
use crate::ui::widget::{self, Notice, amount_row};

#[derive(Debug)]
pub struct Cash {
    pub due: Money,
    pub entry: String,
    pub notice: Option<Notice>,
    pub busy: bool,
    /// The open order this cash pays the rest of (split or after a card), if any.
    pub order_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Key(Action),
    Quick(Money),
    Answer(Answer<Receipt>),
}

pub enum Event {
    /// Commit the sale with this much cash given.
    Pay(Money),
    Back,
    Paid(Receipt),
}

/// The quick amounts for what is due: exact, the next 5, and the notes of 10, 20, 50 above it.
pub fn quick_amounts(due: Money) -> Vec<Money> {
    let mut out = vec![due];
    let next5 = Money::from_cents((due.cents() + 499) / 500 * 500);
    for m in [next5, Money::from_cents(1000), Money::from_cents(2000), Money::from_cents(5000)] {
        if m > due && !out.contains(&m) {
            out.push(m);
        }
    }
    out
}

impl Cash {
    pub fn new(due: Money) -> Cash {
        Cash { due, entry: String::new(), notice: None, busy: false, order_id: None }
    }

    /// Cash for what is still due on an open order.
    pub fn on_order(order_id: i64, due: Money) -> Cash {
        Cash { order_id: Some(order_id), ..Cash::new(due) }
    }

    /// What the cashier typed, or nothing yet.
    pub fn tendered(&self, ctx: &Ctx) -> Option<Result<Money, RegisterError>> {
        if self.entry.is_empty() {
            return None;
        }
        Some(
            Money::parse(&self.entry, ctx.i18n_style())
                .map_err(|source| RegisterError::Amount { input: self.entry.clone(), source }),
        )
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Key(action) => return (Task::none(), self.key(action, ctx)),
            Message::Quick(m) => {
                self.entry = m.format_plain(ctx.i18n_style());
                self.notice = None;
            }
            Message::Answer(Ok(receipt)) => {
                self.busy = false;
                return (Task::none(), Some(Event::Paid(receipt)));
            }
            Message::Answer(Err(f)) => {
                self.busy = false;
                self.notice = Some(Notice::error(f.text));
            }
        }
        (Task::none(), None)
    }

    fn key(&mut self, action: Action, ctx: &Ctx) -> Option<Event> {
        if self.busy {
            return None;
        }
        // F1…F5: the quick amounts, in the order their buttons show them.
        if let Some(i) = action.quick_pick() {
            if let Some(m) = quick_amounts(self.due).get(i) {
                self.entry = m.format_plain(ctx.i18n_style());
                self.notice = None;
            }
            return None;
        }
        match action {
            Action::Digit(d) if self.entry.len() < 12 => self.entry.push(d),
            Action::Decimal if !self.entry.contains([',', '.']) => {
                self.entry.push(if ctx.i18n_style() == crate::domain::MoneyStyle::English {
                    '.'
                } else {
                    ','
                });
            }
            Action::Backspace => {
                self.entry.pop();
            }
            Action::Escape => return Some(Event::Back),
            Action::Enter | Action::Cash => return self.pay(ctx),
            _ => {}
        }
        None
    }

    fn pay(&mut self, ctx: &Ctx) -> Option<Event> {
        let given = match self.tendered(ctx) {
            None => self.due,
            Some(Ok(m)) => m,
            Some(Err(e)) => {
                self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                return None;
            }
        };
        if given < self.due {
            let e = RegisterError::Tender(crate::domain::TenderError::NotEnoughCash { given, due: self.due });
            self.notice = Some(Notice::error(e.message(&ctx.i18n)));
            return None;
        }
        self.busy = true;
        Some(Event::Pay(given))
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let tendered = match self.tendered(ctx) {
            Some(Ok(m)) => Some(m),
            _ => None,
        };
        let change = tendered.filter(|t| *t >= self.due).map(|t| t - self.due);
        let shown = if self.entry.is_empty() { i18n.money(self.due) } else { self.entry.clone() };
        let quick = quick_amounts(self.due).into_iter().enumerate().fold(row![].spacing(6), |r, (i, m)| {
            let label = if i == 0 { i18n.tr("cash-exact") } else { i18n.money(m) };
            let key = QUICK_LABELS.get(i).copied().unwrap_or("");
            r.push(widget::action(label, key, Some(Message::Quick(m)), theme::buttons::key))
        });
        let change_view: Element<'a, Message> = match change {
            Some(c) => column![
                text(i18n.tr("receipt-change")).size(theme::TITLE),
                text(i18n.money(c)).size(64.0).style(theme::texts::success),
            ]
            .into(),
            None => text(i18n.tr("cash-type-given")).size(theme::TITLE).style(theme::texts::muted).into(),
        };
        let entry = column![
            text(i18n.tr("cash-title")).size(theme::TITLE),
            amount_row(i18n.tr("cash-due"), i18n.money(self.due), theme::TOTAL),
            amount_row(i18n.tr("cash-given"), shown, 32.0),
            quick,
            container(change_view).padding(16).width(Length::Fill).style(theme::panels::panel),
        ];
        let complete = widget::action(
            i18n.tr("cash-complete"),
            crate::ui::keys::either(Action::Enter, Action::Cash),
            (!self.busy).then_some(Message::Key(Action::Enter)),
            theme::buttons::success,
        );
        let back = i18n.tr("action-back");
        widget::keypad_screen(entry, self.notice.as_ref(), Message::Key, ctx.decimal(), back, vec![complete])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(c: i64) -> Money {
        Money::from_cents(c)
    }

    #[test]
    fn quick_amounts_are_exact_then_notes_above_the_due() {
        assert_eq!(quick_amounts(m(1410)), vec![m(1410), m(1500), m(2000), m(5000)]);
        assert_eq!(quick_amounts(m(1000)), vec![m(1000), m(2000), m(5000)]);
        assert_eq!(quick_amounts(m(6120)), vec![m(6120), m(6500)]);
    }
}
