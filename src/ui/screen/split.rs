//! Split payment: part of the sale in cash (the amount typed, then what the customer gave
//! for it, with the change) and the rest by card, or a card part first and the rest in cash,
//! all on one order with one receipt at the end.

use iced::widget::{column, container, text};
use iced::{Element, Length, Task};

use crate::domain::{Money, Receipt};
use crate::register::RegisterError;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::Answer;
use crate::ui::theme;
use crate::ui::widget::{self, Notice, amount_row};

#[derive(Debug)]
pub struct Split {
    pub due: Money,
    pub entry: String,
    pub notice: Option<Notice>,
    pub busy: bool,
    /// The cash part chosen: the entry now holds what the customer gave for it.
    pub cash_part: Option<Money>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Key(Action),
    CashFirst,
    CardFirst,
    /// The order, what is left on it, and the receipt when the cash covered it all.
    CashTaken(Answer<(i64, Money, Option<Box<Receipt>>)>),
}

pub enum Event {
    /// Open the order and take this much cash on it (`part`), `given` handed over for it.
    Cash {
        part: Money,
        given: Money,
    },
    /// Open the order and charge this much by card; the rest follows in cash.
    Card(Money),
    /// Cash is on the order: the rest by card.
    CardRest {
        order_id: i64,
        due: Money,
    },
    Paid(Receipt),
    Back,
}

impl Split {
    pub fn new(due: Money) -> Split {
        Split { due, entry: String::new(), notice: None, busy: false, cash_part: None }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::Key(action) if !self.busy => self.key(action, ctx),
            Message::Key(_) => None,
            Message::CashFirst if !self.busy => match self.cash_part {
                Some(part) => self.given(part, ctx).map(|given| {
                    self.busy = true;
                    Event::Cash { part, given }
                }),
                None => {
                    // Next: what the customer gives for the cash part (Enter alone: exactly it).
                    self.cash_part = self.part(ctx);
                    if self.cash_part.is_some() {
                        self.entry.clear();
                    }
                    None
                }
            },
            Message::CardFirst if !self.busy && self.cash_part.is_none() => self.part(ctx).map(|m| {
                self.busy = true;
                Event::Card(m)
            }),
            Message::CashFirst | Message::CardFirst => None,
            Message::CashTaken(Ok((_, _, Some(receipt)))) => Some(Event::Paid(*receipt)),
            Message::CashTaken(Ok((order_id, due, None))) => Some(Event::CardRest { order_id, due }),
            Message::CashTaken(Err(f)) => {
                self.busy = false;
                self.notice = Some(Notice::error(f.text));
                None
            }
        };
        (Task::none(), event)
    }

    fn key(&mut self, action: Action, ctx: &Ctx) -> Option<Event> {
        match action {
            Action::Digit(d) if self.entry.len() < 12 => self.entry.push(d),
            Action::Decimal if !self.entry.contains([',', '.']) => self.entry.push_str(ctx.decimal()),
            Action::Backspace => {
                self.entry.pop();
            }
            // Esc while giving: back to the part, typed again.
            Action::Escape if self.cash_part.is_some() => {
                self.entry =
                    self.cash_part.take().map(|m| m.format_plain(ctx.i18n_style())).unwrap_or_default();
                self.notice = None;
            }
            Action::Escape => return Some(Event::Back),
            Action::Enter | Action::Cash => return self.update(Message::CashFirst, ctx).1,
            Action::Card => return self.update(Message::CardFirst, ctx).1,
            _ => {}
        }
        None
    }

    /// What was given for the cash part: the entry (empty: exactly the part), never less.
    fn given(&mut self, part: Money, ctx: &Ctx) -> Option<Money> {
        if self.entry.is_empty() {
            return Some(part);
        }
        match Money::parse(&self.entry, ctx.i18n_style()) {
            Ok(m) if m >= part => Some(m),
            Ok(_) => {
                let part = ctx.i18n.money(part);
                self.notice = Some(Notice::error(crate::fl!(ctx.i18n, "split-given-short", part = part)));
                None
            }
            Err(source) => {
                let e = RegisterError::Amount { input: self.entry.clone(), source };
                self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                None
            }
        }
    }

    /// The change for the cash part, once what was given covers it.
    pub fn change(&self, ctx: &Ctx) -> Option<Money> {
        let part = self.cash_part?;
        let given =
            if self.entry.is_empty() { part } else { Money::parse(&self.entry, ctx.i18n_style()).ok()? };
        (given >= part).then(|| given - part)
    }

    /// The part typed: more than zero and less than the total.
    fn part(&mut self, ctx: &Ctx) -> Option<Money> {
        let parsed = Money::parse(&self.entry, ctx.i18n_style())
            .map_err(|source| RegisterError::Amount { input: self.entry.clone(), source });
        match parsed {
            Ok(m) if m.cents() > 0 && m < self.due => {
                self.notice = None;
                Some(m)
            }
            Ok(_) => {
                self.notice = Some(Notice::error(crate::fl!(
                    ctx.i18n,
                    "split-part-range",
                    due = ctx.i18n.money(self.due)
                )));
                None
            }
            Err(e) => {
                self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                None
            }
        }
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        if let Some(part) = self.cash_part {
            return self.given_view(part, ctx);
        }
        let i18n = &ctx.i18n;
        let shown = if self.entry.is_empty() { "—".to_string() } else { self.entry.clone() };
        let entry = column![
            text(i18n.tr("split-title")).size(theme::TITLE),
            amount_row(i18n.tr("cash-due"), i18n.money(self.due), theme::TOTAL),
            amount_row(i18n.tr("split-part"), shown, 32.0),
            text(i18n.tr("split-help")).size(theme::BODY).style(theme::texts::muted),
        ];
        let enabled = !self.busy && !self.entry.is_empty();
        let actions = vec![
            widget::action(
                i18n.tr("split-cash-first"),
                crate::ui::keys::either(Action::Enter, Action::Cash),
                enabled.then_some(Message::CashFirst),
                theme::buttons::success,
            ),
            widget::action(
                i18n.tr("split-card-first"),
                Action::Card.label(),
                enabled.then_some(Message::CardFirst),
                theme::buttons::primary,
            ),
        ];
        let back = i18n.tr("action-back");
        widget::keypad_screen(entry, self.notice.as_ref(), Message::Key, ctx.decimal(), back, actions)
    }

    /// The second step of cash first: what the customer gave, and the change to hand back.
    fn given_view<'a>(&'a self, part: Money, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let shown = if self.entry.is_empty() { i18n.money(part) } else { self.entry.clone() };
        let change: Element<'a, Message> = match self.change(ctx) {
            Some(c) => column![
                text(i18n.tr("receipt-change")).size(theme::TITLE),
                text(i18n.money(c)).size(48.0).style(theme::texts::success),
            ]
            .into(),
            None => text(i18n.tr("cash-type-given")).size(theme::TITLE).style(theme::texts::muted).into(),
        };
        let entry = column![
            text(i18n.tr("split-title")).size(theme::TITLE),
            amount_row(i18n.tr("cash-due"), i18n.money(self.due), theme::BODY),
            amount_row(i18n.tr("split-cash-part"), i18n.money(part), theme::TOTAL),
            amount_row(i18n.tr("cash-given"), shown, 32.0),
            container(change).padding(12).width(Length::Fill).style(theme::panels::panel),
            text(i18n.tr("split-given-help")).size(theme::BODY).style(theme::texts::muted),
        ];
        let take = widget::action(
            i18n.tr("split-take-cash"),
            crate::ui::keys::either(Action::Enter, Action::Cash),
            (!self.busy).then_some(Message::CashFirst),
            theme::buttons::success,
        );
        let back = i18n.tr("action-back");
        widget::keypad_screen(entry, self.notice.as_ref(), Message::Key, ctx.decimal(), back, vec![take])
    }
}
