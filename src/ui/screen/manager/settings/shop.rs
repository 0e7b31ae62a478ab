//! The shop's details: name, VAT number, address, language, the idle lock and the largest
//! quantity rung up without a question. Saved on top of
//! the settings in force, so another section's saved change is never undone.

use iced::widget::{column, container, row, text};
use iced::{Element, Length};

use super::{Ask, field};
use crate::config::Settings;
use crate::domain::Lang;
use crate::register::RegisterError;
use crate::register::settings_types::FiscalMode;
use crate::ui::ctx::Ctx;
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

#[derive(Debug)]
pub struct Pane {
    pub name: String,
    pub vat_number: String,
    pub address: String,
    pub language: Option<Lang>,
    pub idle: String,
    /// Above this many pieces (or kg) the checkout asks once (0 = never).
    pub max_quantity: String,
    /// The myDATA link of card payments (`[fiscal]`; ids and keys via `tameio fiscal`).
    pub fiscal: FiscalMode,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    ShopName(String),
    VatNumber(String),
    Address(String),
    Language(Lang),
    IdleLock(String),
    MaxQuantity(String),
    Fiscal(FiscalMode),
    Save,
    /// Reopen the first-run screen.
    FirstRun,
}

impl Pane {
    pub fn new(settings: &Settings) -> Pane {
        Pane {
            name: settings.shop.name.clone(),
            vat_number: settings.shop.vat_number.clone(),
            address: settings.shop.address.clone(),
            language: settings.language,
            idle: settings.idle_lock_seconds.to_string(),
            max_quantity: settings.max_quantity.to_string(),
            fiscal: settings.fiscal.mode,
            notice: None,
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Ask> {
        match message {
            Message::ShopName(s) => self.name = s,
            Message::VatNumber(s) => self.vat_number = s,
            Message::Address(s) => self.address = s,
            Message::Language(l) => self.language = Some(l),
            Message::FirstRun => return Some(Ask::FirstRun),
            Message::Fiscal(m) => self.fiscal = m,
            Message::IdleLock(s) => self.idle = s.chars().filter(char::is_ascii_digit).take(5).collect(),
            Message::MaxQuantity(s) => {
                self.max_quantity = s.chars().filter(char::is_ascii_digit).take(6).collect();
            }
            Message::Save => match (self.idle.parse::<u64>(), self.max_quantity.parse::<u32>()) {
                (Ok(secs), Ok(max_quantity)) => {
                    let mut s = ctx.settings.clone();
                    s.shop.name = self.name.clone();
                    s.shop.vat_number = self.vat_number.clone();
                    s.shop.address = self.address.clone();
                    s.language = self.language;
                    s.idle_lock_seconds = secs;
                    s.max_quantity = max_quantity;
                    s.fiscal.mode = self.fiscal;
                    if let Err(e) = s.fiscal.check() {
                        let e = RegisterError::BadInput(e.to_string());
                        self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                        return None;
                    }
                    return Some(Ask::Save(Box::new(s)));
                }
                (idle, _) => {
                    let bad = if idle.is_err() { &self.idle } else { &self.max_quantity };
                    let e = RegisterError::BadQuantity(bad.clone());
                    self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                }
            },
        }
        None
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let current = self.language.unwrap_or_else(|| ctx.i18n.lang());
        let langs = Lang::ALL.iter().fold(row![].spacing(6), |r, &l| {
            let name = match l {
                Lang::En => "English",
                Lang::El => "Ελληνικά",
                Lang::It => "Italiano",
            };
            r.push(super::choice(name.to_string(), current == l, Message::Language(l)))
        });
        let fiscal = FiscalMode::ALL.iter().fold(row![].spacing(6), |r, &m| {
            let name = match m {
                FiscalMode::None => i18n.tr("settings-fiscal-none"),
                FiscalMode::Provider => i18n.tr("settings-fiscal-provider"),
                FiscalMode::FiscalDevice => i18n.tr("settings-fiscal-device"),
            };
            r.push(super::choice(name, self.fiscal == m, Message::Fiscal(m)))
        });
        // Two fields a row and Save beside "first run": the whole form and its Save fit 1024×768.
        let pair = |a: Element<'a, Message>, b: Element<'a, Message>| row![a, b].spacing(12);
        let mut col = column![
            pair(
                field(i18n.tr("settings-shop-name"), &self.name, Message::ShopName, false),
                field(i18n.tr("settings-vat-number"), &self.vat_number, Message::VatNumber, false),
            ),
            field(i18n.tr("settings-address"), &self.address, Message::Address, false),
            pair(
                field(i18n.tr("settings-idle-lock"), &self.idle, Message::IdleLock, false),
                field(i18n.tr("settings-max-quantity"), &self.max_quantity, Message::MaxQuantity, false),
            ),
            column![text(i18n.tr("settings-language")).size(theme::SMALL), langs].spacing(2),
            column![text(i18n.tr("settings-fiscal-mode")).size(theme::SMALL), fiscal].spacing(2),
            row![
                container(widget::action(
                    i18n.tr("settings-save"),
                    crate::ui::keys::Action::Enter.label(),
                    Some(Message::Save),
                    theme::buttons::primary
                ))
                .width(Length::Fixed(280.0)),
                container(super::small(
                    i18n.tr("settings-first-run"),
                    Some(Message::FirstRun),
                    theme::buttons::key
                )),
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center),
        ]
        .spacing(12)
        .max_width(760);
        if let Some(n) = &self.notice {
            col = col.push(widget::notice(n));
        }
        col.into()
    }
}
