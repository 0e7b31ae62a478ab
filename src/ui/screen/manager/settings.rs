//! Shop settings a manager may change here: shop name, VAT number, address, language and
//! the idle lock. Saved through the register, which writes the file and the audit log.

use iced::widget::{column, container, row, text, text_input};
use iced::{Element, Length};

use crate::config::Settings;
use crate::domain::Lang;
use crate::register::{Operator, RegisterError};
use crate::ui::app::Ctx;
use crate::ui::jobs::{Answer, Job};
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

#[derive(Debug)]
pub struct Pane {
    pub draft: Settings,
    pub idle: String,
    pub notice: Option<Notice>,
}

#[derive(Debug, Clone)]
pub enum Message {
    ShopName(String),
    VatNumber(String),
    Address(String),
    Language(Lang),
    IdleLock(String),
    Save,
    Saved(Answer<Box<Settings>>),
}

pub enum Out {
    Run(Job),
    Saved(Box<Settings>),
}

impl Pane {
    pub fn new(settings: &Settings) -> Pane {
        Pane { draft: settings.clone(), idle: settings.idle_lock_seconds.to_string(), notice: None }
    }

    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Out> {
        match message {
            Message::ShopName(s) => self.draft.shop.name = s,
            Message::VatNumber(s) => self.draft.shop.vat_number = s,
            Message::Address(s) => self.draft.shop.address = s,
            Message::Language(l) => self.draft.language = Some(l),
            Message::IdleLock(s) => self.idle = s.chars().filter(char::is_ascii_digit).take(5).collect(),
            Message::Save => match self.idle.parse::<u64>() {
                Ok(secs) => {
                    self.draft.idle_lock_seconds = secs;
                    let settings = Box::new(self.draft.clone());
                    return Some(Out::Run(Job::SaveSettings { by: by.clone(), settings }));
                }
                Err(_) => {
                    let e = RegisterError::BadQuantity(self.idle.clone());
                    self.notice = Some(Notice::error(e.message(&ctx.i18n)));
                }
            },
            Message::Saved(Ok(settings)) => {
                self.notice = Some(Notice::done(ctx.i18n.tr("settings-saved")));
                return Some(Out::Saved(settings));
            }
            Message::Saved(Err(f)) => self.notice = Some(Notice::error(f.text)),
        }
        None
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let field = |label: String, value: &'a str, on: fn(String) -> Message| {
            column![text(label).size(14), text_input("", value).on_input(on).padding(10).size(theme::BODY)]
                .spacing(2)
        };
        let current = self.draft.language.unwrap_or_else(|| ctx.i18n.lang());
        let langs = Lang::ALL.iter().fold(row![].spacing(6), |r, &l| {
            let name = match l {
                Lang::En => "English",
                Lang::El => "Ελληνικά",
                Lang::It => "Italiano",
            };
            r.push(
                iced::widget::button(text(name).size(theme::BODY))
                    .on_press(Message::Language(l))
                    .padding([14, 18])
                    .style(theme::buttons::row(current == l)),
            )
        });
        let mut col = column![
            field(i18n.tr("settings-shop-name"), &self.draft.shop.name, Message::ShopName),
            field(i18n.tr("settings-vat-number"), &self.draft.shop.vat_number, Message::VatNumber),
            field(i18n.tr("settings-address"), &self.draft.shop.address, Message::Address),
            column![text(i18n.tr("settings-language")).size(14), langs].spacing(2),
            field(i18n.tr("settings-idle-lock"), &self.idle, Message::IdleLock),
            container(widget::action(
                i18n.tr("settings-save"),
                "",
                Some(Message::Save),
                theme::buttons::primary
            ))
            .width(Length::Fixed(240.0)),
        ]
        .spacing(12)
        .max_width(640);
        if let Some(n) = &self.notice {
            col = col.push(widget::notice(n));
        }
        container(col).padding(16).style(theme::panels::panel).into()
    }
}
