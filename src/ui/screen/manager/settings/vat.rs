//! VAT classes: the market and its legal rates with how many products use each, products at
//! rates outside the table, and moving every product of one class to another (asked once).

use iced::widget::{column, row, text};
use iced::{Element, Length};

use super::{Ask, Call, choice, small, title};
use crate::config::Settings;
use crate::domain::{Market, VatRate};
use crate::fl;
use crate::i18n::I18n;
use crate::register::{Operator, SetupError, VatTable};
use crate::ui::ctx::Ctx;
use crate::ui::request::Answer;
use crate::ui::theme;
use crate::ui::widget::Notice;

#[derive(Debug, Default)]
pub struct Pane {
    pub table: Option<VatTable>,
    pub from: Option<VatRate>,
    pub to: Option<VatRate>,
    /// The question asked before moving: how many, from what, to what.
    pub confirm: Option<String>,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Answer<VatTable>),
    Market(Market),
    From(VatRate),
    To(VatRate),
    Move,
    Confirm(bool),
    Moved(Answer<(usize, VatTable)>),
}

impl Pane {
    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Ask> {
        let i18n = &ctx.i18n;
        match message {
            Message::Loaded(Ok(table)) => self.table = Some(table),
            Message::Loaded(Err(f)) => self.notice = Some(Notice::error(f.text)),
            Message::Market(market) if market != ctx.settings.market => {
                return Some(Ask::Save(Box::new(Settings { market, ..ctx.settings.clone() })));
            }
            Message::Market(_) => {}
            Message::From(rate) => {
                self.from = Some(rate);
                self.confirm = None;
            }
            Message::To(rate) => {
                self.to = Some(rate);
                self.confirm = None;
            }
            Message::Move => {
                let (Some(table), Some(from), Some(to)) = (&self.table, self.from, self.to) else {
                    self.notice = Some(Notice::warning(i18n.tr("settings-vat-pick")));
                    return None;
                };
                if from == to {
                    self.notice = Some(Notice::error(SetupError::SameVat.message(i18n)));
                    return None;
                }
                let count = table.products_at(from);
                let (from, to) = (label(i18n, table, from), label(i18n, table, to));
                self.confirm = Some(fl!(i18n, "settings-vat-confirm", count = count, from = from, to = to));
                self.notice = None;
            }
            Message::Confirm(false) => self.confirm = None,
            Message::Confirm(true) => {
                self.confirm = None;
                let (from, to) = (self.from?, self.to?);
                return Some(Ask::Call(Call::MoveVat { by: by.clone(), from, to }));
            }
            Message::Moved(Ok((count, table))) => {
                let (from, to) = (self.from.take()?, self.to.take()?);
                let (from, to) = (label(i18n, &table, from), label(i18n, &table, to));
                self.notice =
                    Some(Notice::done(fl!(i18n, "settings-vat-moved", count = count, from = from, to = to)));
                self.table = Some(table);
                // The checkout's catalogue holds the old rates.
                return Some(Ask::Job(crate::ui::request::Job::LoadCatalog));
            }
            Message::Moved(Err(f)) => self.notice = Some(Notice::error(f.text)),
        }
        None
    }

    /// The market was saved (or not): the same products, seen through its table.
    pub fn saved(&mut self, answer: &Answer<Box<Settings>>, i18n: &I18n) {
        match answer {
            Ok(settings) => {
                self.table = self.table.as_ref().map(|t| t.for_market(settings.market));
                self.from = None;
                self.to = None;
                self.confirm = None;
                self.notice = Some(Notice::done(i18n.tr("settings-market-saved")));
            }
            Err(f) => self.notice = Some(Notice::error(f.text.clone())),
        }
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let market = ctx.settings.market;
        let markets = row![
            choice(
                i18n.tr("settings-market-greece"),
                market == Market::Greece,
                Message::Market(Market::Greece)
            ),
            choice(i18n.tr("settings-market-italy"), market == Market::Italy, Message::Market(Market::Italy)),
        ]
        .spacing(6);
        let mut col = column![
            title(i18n.tr("settings-vat-title")),
            column![text(i18n.tr("settings-market")).size(theme::SMALL), markets].spacing(2),
        ]
        .spacing(14);
        let Some(table) = &self.table else { return col.into() };
        let cell = |s: String| text(s).size(theme::BODY).width(Length::Fill);
        let head = row![
            cell(i18n.tr("settings-vat-letter")),
            cell(i18n.tr("settings-vat-rate")),
            cell(i18n.tr("settings-vat-products")),
        ];
        let rows = table.classes.iter().fold(column![head].spacing(4).max_width(520), |c, class| {
            c.push(row![
                cell(class.letter.to_string()),
                cell(format!("{} %", i18n.percent(class.rate))),
                cell(class.products.to_string()),
            ])
        });
        col = col.push(rows);
        if !table.other_rates.is_empty() {
            let rates: Vec<String> =
                table.other_rates.iter().map(|(r, n)| format!("{} % × {n}", i18n.percent(*r))).collect();
            let text = fl!(
                i18n,
                "settings-vat-other",
                count = table.products_not_in_table(),
                rates = rates.join(", ")
            );
            col = col.push(crate::ui::widget::notice(&Notice::warning(text)));
        }
        let rates_from: Vec<VatRate> =
            table.classes.iter().map(|c| c.rate).chain(table.other_rates.iter().map(|(r, _)| *r)).collect();
        let picker = |rates: Vec<VatRate>, chosen: Option<VatRate>, on: fn(VatRate) -> Message| {
            rates.into_iter().fold(row![].spacing(6), |r, rate| {
                r.push(choice(label(i18n, table, rate), chosen == Some(rate), on(rate)))
            })
        };
        col = col.push(title(i18n.tr("settings-vat-move-title"))).push(
            column![
                text(i18n.tr("settings-vat-from")).size(theme::SMALL),
                picker(rates_from, self.from, Message::From),
                text(i18n.tr("settings-vat-to")).size(theme::SMALL),
                picker(table.classes.iter().map(|c| c.rate).collect(), self.to, Message::To),
            ]
            .spacing(4),
        );
        col = match &self.confirm {
            Some(question) => col.push(crate::ui::widget::notice(&Notice::warning(question.clone()))).push(
                row![
                    small(
                        i18n.tr("settings-vat-confirm-yes"),
                        Some(Message::Confirm(true)),
                        theme::buttons::danger
                    ),
                    small(i18n.tr("settings-cancel"), Some(Message::Confirm(false)), theme::buttons::key),
                ]
                .spacing(8),
            ),
            None => col.push(row![small(
                i18n.tr("settings-vat-move"),
                Some(Message::Move),
                theme::buttons::primary
            )]),
        };
        if let Some(n) = super::notice(self.notice.as_ref()) {
            col = col.push(n);
        }
        col.into()
    }
}

/// `A 24 %` for a class of the table, `22 %` for a rate outside it.
pub fn label(i18n: &I18n, table: &VatTable, rate: VatRate) -> String {
    match table.classes.iter().find(|c| c.rate == rate) {
        Some(c) => format!("{} {} %", c.letter, i18n.percent(rate)),
        None => format!("{} %", i18n.percent(rate)),
    }
}
