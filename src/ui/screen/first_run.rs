//! The first-run screen of a fresh data folder: language, the shop's details (VAT number
//! checked), the register's id, then stay in demo, keeping the demo catalogue or importing the
//! shop's own products from a CSV (F6, dry run first). Reopened by a manager from Settings.

use iced::widget::{Id, button, column, container, row, text, text_input};
use iced::{Element, Length};

use crate::config::Settings;
use crate::domain::{Lang, vat_id};
use crate::register::Operator;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::products::ImportFor;
use crate::ui::request::{Answer, Job};
use crate::ui::screen::manager::products_import::{self as import, Import, Purpose};
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

/// The shop's name field, focused when the shop step opens (Tab moves on from there).
pub const NAME_ID: &str = "first-run-name";
/// The first PIN field, focused when the PIN step opens (Tab walks on from there).
pub const MANAGER_PIN_ID: &str = "first-run-manager-pin";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Language,
    Shop,
    Finish,
    /// "Add my terminal": the demo users' PINs are replaced first.
    Pins,
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
    pub manager_pin: String,
    /// Each PIN typed twice: a PIN nobody knows can never be saved.
    pub manager_pin_again: String,
    pub cashier_pin: String,
    pub cashier_pin_again: String,
    /// The manager signed in with the new PIN: adds the terminal in Settings next.
    pub manager: Option<Operator>,
    /// "Import my products": the file browser and the dry run, over the last step.
    pub import: Option<Import>,
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
    AddTerminal,
    ManagerPin(String),
    ManagerPinAgain(String),
    CashierPin(String),
    CashierPinAgain(String),
    PinsSet(Answer<Operator>),
    Key(Action),
    Saved(Answer<Box<Settings>>),
    Import(import::Message),
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
            // The demo shop's name is a placeholder, not a name: the field starts empty.
            name: if s.shop.name == Settings::default().shop.name {
                String::new()
            } else {
                s.shop.name.clone()
            },
            vat_number: s.shop.vat_number.clone(),
            register_id: s.register_id.clone(),
            notice: None,
            by,
            manager_pin: String::new(),
            manager_pin_again: String::new(),
            cashier_pin: String::new(),
            cashier_pin_again: String::new(),
            manager: None,
            import: None,
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
            Message::Next => return self.next(ctx),
            Message::ManagerPin(p) => self.manager_pin = digits(&p),
            Message::ManagerPinAgain(p) => self.manager_pin_again = digits(&p),
            Message::CashierPin(p) => self.cashier_pin = digits(&p),
            Message::CashierPinAgain(p) => self.cashier_pin_again = digits(&p),
            Message::AddTerminal if self.step == Step::Finish && self.by.is_none() => {
                // Real card payments go on fiscal receipts: they need the shop's VAT number.
                if self.vat_number.trim().is_empty() {
                    self.notice = Some(Notice::error(ctx.i18n.tr("first-run-vat-needed")));
                } else {
                    self.notice = None;
                    self.step = Step::Pins;
                }
            }
            Message::AddTerminal => {}
            Message::PinsSet(answer) => {
                self.saving = false;
                self.clear_pins();
                match answer {
                    Ok(op) => {
                        self.manager = Some(op);
                        return self.save(ctx);
                    }
                    Err(f) => self.notice = Some(Notice::error(f.text)),
                }
            }
            Message::Back => {
                if self.step == Step::Language && self.by.is_some() {
                    return Some(Event::Cancel);
                }
                self.notice = None;
                // Leaving the PIN step forgets what was typed: coming back starts clean.
                self.clear_pins();
                self.step = match self.step {
                    Step::Language | Step::Shop => Step::Language,
                    Step::Finish => Step::Shop,
                    Step::Pins => Step::Finish,
                };
            }
            Message::StayInDemo => return self.save(ctx),
            Message::Key(action) if self.import.is_some() => {
                return self.import(import::Message::Key(action), ctx);
            }
            Message::Key(action) => return self.key(action, ctx),
            Message::Import(m) => return self.import(m, ctx),
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
            (Step::Finish, Action::Print) => return self.update(Message::AddTerminal, ctx),
            (Step::Finish, Action::Pdf) => {
                self.notice = None;
                self.import = Some(Import::new(Purpose::Import, ImportFor::FirstRun, None));
            }
            (_, Action::Enter) => return self.next(ctx),
            (_, Action::Escape) => return self.update(Message::Back, ctx),
            _ => {}
        }
        None
    }

    fn next(&mut self, ctx: &Ctx) -> Option<Event> {
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
            Step::Pins if self.manager_pin != self.manager_pin_again => {
                self.manager_pin_again.clear();
                self.notice = Some(Notice::error(ctx.i18n.tr("first-run-manager-pins-differ")));
            }
            Step::Pins if self.cashier_pin != self.cashier_pin_again => {
                self.cashier_pin_again.clear();
                self.notice = Some(Notice::error(ctx.i18n.tr("first-run-cashier-pins-differ")));
            }
            Step::Pins if !self.saving => {
                self.saving = true;
                let (manager_pin, cashier_pin) = (self.manager_pin.clone(), self.cashier_pin.clone());
                return Some(Event::Run(Job::FirstRunPins { manager_pin, cashier_pin }));
            }
            Step::Pins => {}
        }
        None
    }

    /// The import's steps; once done, the checkout's catalogue is read again.
    fn import(&mut self, m: import::Message, ctx: &Ctx) -> Option<Event> {
        let out = self.import.as_mut()?.update(m, self.by.as_ref(), ctx)?;
        match out {
            import::Out::Call(call) => return Some(Event::Run(Job::Products(call))),
            import::Out::Close => self.import = None,
            import::Out::Imported(_) => {
                self.notice = self.import.take().and_then(|i| i.notice);
                return Some(Event::Run(Job::LoadCatalog));
            }
        }
        None
    }

    fn clear_pins(&mut self) {
        for pin in [
            &mut self.manager_pin,
            &mut self.manager_pin_again,
            &mut self.cashier_pin,
            &mut self.cashier_pin_again,
        ] {
            pin.clear();
        }
    }

    fn save(&mut self, ctx: &Ctx) -> Option<Event> {
        if !matches!(self.step, Step::Finish | Step::Pins) || (self.saving && self.step == Step::Finish) {
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
        if let Some(i) = &self.import {
            return container(i.view(ctx).map(Message::Import)).padding(24).into();
        }
        let (title, body): (String, Element<'a, Message>) = match self.step {
            Step::Language => (i18n.tr("first-run-language"), self.languages()),
            Step::Shop => (i18n.tr("first-run-shop"), self.shop(ctx)),
            Step::Finish => (i18n.tr("first-run-finish"), self.finish(ctx)),
            Step::Pins => (i18n.tr("first-run-pins"), self.pins(ctx)),
        };
        let back = (self.step != Step::Language || self.by.is_some()).then_some(Message::Back);
        let next = match self.step {
            Step::Finish => widget::action(
                i18n.tr("first-run-stay-demo"),
                Action::Enter.label(),
                (!self.saving).then_some(Message::StayInDemo),
                theme::buttons::primary,
            ),
            Step::Pins => widget::action(
                i18n.tr("first-run-pins-save"),
                Action::Enter.label(),
                (!self.saving).then_some(Message::Next),
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
            container(next).width(Length::Fixed(280.0)),
        ]
        .spacing(12);
        let actions = if self.step == Step::Finish && self.by.is_none() {
            let add = widget::action(
                i18n.tr("first-run-add-terminal"),
                Action::Print.label(),
                Some(Message::AddTerminal),
                theme::buttons::key,
            );
            actions.push(container(add).width(Length::Fixed(220.0)))
        } else {
            actions
        };
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

    fn pins<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        column![
            text(i18n.tr("first-run-pins-why")).size(theme::BODY),
            field(i18n.tr("first-run-manager-pin"), &self.manager_pin, Message::ManagerPin)
                .secure()
                .id(Id::new(MANAGER_PIN_ID)),
            field(i18n.tr("first-run-pin-again"), &self.manager_pin_again, Message::ManagerPinAgain).secure(),
            field(i18n.tr("first-run-cashier-pin"), &self.cashier_pin, Message::CashierPin).secure(),
            field(i18n.tr("first-run-pin-again"), &self.cashier_pin_again, Message::CashierPinAgain).secure(),
        ]
        .spacing(12)
        .into()
    }

    fn finish<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        column![
            text(format!("{} · {} · {}", self.name.trim(), self.vat_number.trim(), self.register_id.trim()))
                .size(theme::BODY),
            text(if self.vat_number.trim().is_empty() {
                i18n.tr("first-run-vat-missing")
            } else {
                String::new()
            })
            .size(theme::BODY)
            .style(theme::texts::warning),
            text(i18n.tr("first-run-demo-note")).size(theme::BODY),
            text(i18n.tr("first-run-terminal-later")).size(theme::SMALL),
            row![
                text(i18n.tr("first-run-catalog")).size(theme::BODY).width(Length::Fill),
                container(widget::action(
                    i18n.tr("first-run-import"),
                    Action::Pdf.label(),
                    Some(Message::Key(Action::Pdf)),
                    theme::buttons::key,
                ))
                .width(Length::Fixed(260.0)),
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center),
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

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).take(8).collect()
}

fn field<'a>(label: String, value: &'a str, on: fn(String) -> Message) -> Field<'a> {
    let input = text_input("", value).on_input(on).on_submit(Message::Next).padding(10).size(theme::BODY);
    Field { label, input }
}

impl<'a> Field<'a> {
    fn secure(self) -> Field<'a> {
        Field { input: self.input.secure(true), ..self }
    }

    fn id(self, id: Id) -> Field<'a> {
        Field { input: self.input.id(id), ..self }
    }
}

impl<'a> From<Field<'a>> for Element<'a, Message> {
    fn from(f: Field<'a>) -> Self {
        column![text(f.label).size(theme::SMALL), f.input].spacing(2).into()
    }
}
