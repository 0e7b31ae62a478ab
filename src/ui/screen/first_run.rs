//! The first-run screen of a fresh data folder: language, the shop's details (VAT number
//! checked), the register's id, then stay in demo. Reopened by a manager from Settings.

use iced::widget::{Id, button, column, container, row, text, text_input};
use iced::{Element, Length};

use crate::config::Settings;
use crate::domain::{Lang, vat_id};
use crate::register::Operator;
use crate::ui::ctx::Ctx;
use crate::ui::jobs::{Answer, Job};
use crate::ui::keys::Action;
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

/// The shop's name field, focused when the shop step opens (Tab moves on from there).
pub const NAME_ID: &str = "first-run-name";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Language,
    Shop,
    Finish,
}

#[derive(Debug)]
pub struct FirstRun {
    pub step: Step,
    pub lang: Lang,
    pub name: String,
    pub vat_number: String,
    pub register_id: String,
    pub notice: Option<Notice>,
    /// A manager reopened it from Settings; `None` on a fresh data folder.
    pub by: Option<Operator>,
    saving: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Language(Lang),
    ShopName(String),
    VatNumber(String),
    RegisterId(String),
    Next,
    Back,
    StayInDemo,
    Key(Action),
    Saved(Answer<Box<Settings>>),
}

pub enum Event {
    /// The language was chosen: the screen speaks it from now on.
    Language(Lang),
    Run(Job),
    /// Saved: on to sign-in (or back to the manager who reopened it).
    Done(Box<Settings>),
    /// A manager left it unchanged (Esc on its first step).
    Cancel,
}

impl FirstRun {
    pub fn new(ctx: &Ctx, by: Option<Operator>) -> FirstRun {
        let s = &ctx.settings;
        FirstRun {
            step: Step::Language,
            lang: ctx.i18n.lang(),
            name: s.shop.name.clone(),
            vat_number: s.shop.vat_number.clone(),
            register_id: s.register_id.clone(),
            notice: None,
            by,
            saving: false,
        }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> Option<Event> {
        match message {
            Message::Language(l) => {
                self.lang = l;
                return Some(Event::Language(l));
            }
            Message::ShopName(s) => self.name = s,
            Message::VatNumber(s) => self.vat_number = s,
            Message::RegisterId(s) => self.register_id = s,
            Message::Next => self.next(ctx),
            Message::Back => {
                if self.step == Step::Language && self.by.is_some() {
                    return Some(Event::Cancel);
                }
                self.notice = None;
                self.step = match self.step {
                    Step::Language | Step::Shop => Step::Language,
                    Step::Finish => Step::Shop,
                };
            }
            Message::StayInDemo => return self.save(ctx),
            Message::Key(action) => return self.key(action, ctx),
            Message::Saved(answer) => {
                self.saving = false;
                match answer {
                    Ok(settings) => return Some(Event::Done(settings)),
                    Err(f) => self.notice = Some(Notice::error(f.text)),
                }
            }
        }
        None
    }

    fn key(&mut self, action: Action, ctx: &Ctx) -> Option<Event> {
        match (self.step, action) {
            (Step::Language, Action::Digit(d)) => {
                let i = d.to_digit(10)? as usize;
                let l = *Lang::ALL.get(i.checked_sub(1)?)?;
                return self.update(Message::Language(l), ctx);
            }
            (Step::Finish, Action::Enter) => return self.save(ctx),
            (_, Action::Enter) => self.next(ctx),
            (_, Action::Escape) => return self.update(Message::Back, ctx),
            _ => {}
        }
        None
    }

    fn next(&mut self, ctx: &Ctx) {
        self.notice = None;
        match self.step {
            Step::Language => self.step = Step::Shop,
            Step::Shop => {
                let vat = self.vat_number.trim();
                if self.name.trim().is_empty() {
                    self.notice = Some(Notice::error(ctx.i18n.tr("first-run-name-missing")));
                } else if !vat.is_empty() && vat_id::check(vat).is_none() {
                    self.notice = Some(Notice::error(ctx.i18n.tr("first-run-vat-bad")));
                } else if self.register_id.trim().is_empty() {
                    self.notice = Some(Notice::error(ctx.i18n.tr("first-run-register-missing")));
                } else {
                    self.step = Step::Finish;
                }
            }
            Step::Finish => {}
        }
    }

    fn save(&mut self, ctx: &Ctx) -> Option<Event> {
        if self.step != Step::Finish || self.saving {
            return None;
        }
        let mut s = ctx.settings.clone();
        s.language = Some(self.lang);
        s.shop.name = self.name.trim().to_string();
        s.shop.vat_number = self.vat_number.trim().to_string();
        s.register_id = self.register_id.trim().to_string();
        self.saving = true;
        Some(Event::Run(Job::FirstRunSave { by: self.by.clone(), settings: Box::new(s) }))
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let (title, body): (String, Element<'a, Message>) = match self.step {
            Step::Language => (i18n.tr("first-run-language"), self.languages()),
            Step::Shop => (i18n.tr("first-run-shop"), self.shop(ctx)),
            Step::Finish => (i18n.tr("first-run-finish"), self.finish(ctx)),
        };
        let back = (self.step != Step::Language || self.by.is_some()).then_some(Message::Back);
        let next = match self.step {
            Step::Finish => widget::action(
                i18n.tr("first-run-stay-demo"),
                Action::Enter.label(),
                (!self.saving).then_some(Message::StayInDemo),
                theme::buttons::primary,
            ),
            _ => widget::action(
                i18n.tr("first-run-next"),
                Action::Enter.label(),
                Some(Message::Next),
                theme::buttons::primary,
            ),
        };
        let actions = row![
            container(widget::action(
                i18n.tr("first-run-back"),
                Action::Escape.label(),
                back,
                theme::buttons::key
            ))
            .width(Length::Fixed(220.0)),
            container(next).width(Length::Fixed(320.0)),
        ]
        .spacing(12);
        let mut col = column![
            text(i18n.tr("first-run-title")).size(theme::TITLE),
            text(title).size(theme::BODY),
            body,
            actions,
        ]
        .spacing(18)
        .max_width(720);
        if let Some(n) = &self.notice {
            col = col.push(widget::notice(n));
        }
        container(col).center(Length::Fill).padding(24).into()
    }

    fn languages(&self) -> Element<'_, Message> {
        Lang::ALL
            .iter()
            .enumerate()
            .fold(row![].spacing(10), |r, (i, &l)| {
                let name = match l {
                    Lang::En => "English",
                    Lang::El => "Ελληνικά",
                    Lang::It => "Italiano",
                };
                let label = column![text(name).size(theme::BODY), text(format!("{}", i + 1)).size(12)]
                    .spacing(2)
                    .align_x(iced::Alignment::Center);
                r.push(
                    button(label)
                        .on_press(Message::Language(l))
                        .padding([14, 22])
                        .style(theme::buttons::row(self.lang == l)),
                )
            })
            .into()
    }

    fn shop<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        column![
            field(i18n.tr("settings-shop-name"), &self.name, Message::ShopName).id(Id::new(NAME_ID)),
            field(i18n.tr("first-run-vat-number"), &self.vat_number, Message::VatNumber),
            field(i18n.tr("first-run-register-id"), &self.register_id, Message::RegisterId),
        ]
        .spacing(12)
        .into()
    }

    fn finish<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        column![
            text(format!("{} · {} · {}", self.name.trim(), self.vat_number.trim(), self.register_id.trim()))
                .size(theme::BODY),
            text(i18n.tr("first-run-demo-note")).size(theme::BODY),
            text(i18n.tr("first-run-terminal-later")).size(theme::SMALL),
        ]
        .spacing(10)
        .into()
    }
}

/// A labelled field; Enter goes to the next step.
struct Field<'a> {
    label: String,
    input: text_input::TextInput<'a, Message>,
}

fn field<'a>(label: String, value: &'a str, on: fn(String) -> Message) -> Field<'a> {
    let input = text_input("", value).on_input(on).on_submit(Message::Next).padding(10).size(theme::BODY);
    Field { label, input }
}

impl<'a> Field<'a> {
    fn id(self, id: Id) -> Field<'a> {
        Field { input: self.input.id(id), ..self }
    }
}

impl<'a> From<Field<'a>> for Element<'a, Message> {
    fn from(f: Field<'a>) -> Self {
        column![text(f.label).size(theme::SMALL), f.input].spacing(2).into()
    }
}
