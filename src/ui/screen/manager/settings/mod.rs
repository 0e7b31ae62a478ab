//! The manager's settings tab: a row of sections (shop, VAT, users, printer, terminals), each
//! its own module with its own messages; saves go through the register, which audits them.

pub mod certify;
pub mod nexo_form;
pub mod printer;
pub mod shop;
pub mod terminal_keys;
pub mod terminals;
pub mod users;
pub mod vat;

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use crate::config::Settings;
use crate::register::Operator;
use crate::ui::ctx::Ctx;
use crate::ui::request::Work;
use crate::ui::request::{Answer, Job};
use crate::ui::theme;
use crate::ui::widget::{self, Notice};

pub use crate::ui::request::settings::{Call, Remote};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Shop,
    Vat,
    Users,
    Printer,
    Terminals,
}

impl Section {
    /// In the order of their tabs, which F1…F5 choose.
    pub const ALL: [Section; 5] =
        [Section::Shop, Section::Vat, Section::Users, Section::Printer, Section::Terminals];
}

#[derive(Debug)]
pub struct Pane {
    pub section: Section,
    pub shop: shop::Pane,
    pub vat: vat::Pane,
    pub users: users::Pane,
    pub printer: printer::Pane,
    pub terminals: terminals::Pane,
    /// The section whose save is on its way, to tell it how it went.
    saving: Option<Section>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Section(Section),
    Shop(shop::Message),
    Vat(vat::Message),
    Users(users::Message),
    Printer(printer::Message),
    Terminals(terminals::Message),
    /// The settings file was written (or not).
    Saved(Answer<Box<Settings>>),
}

pub enum Out {
    Run(Job),
    Work(Work),
    Saved(Box<Settings>),
    /// Reopen the first-run screen.
    FirstRun,
}

/// What a section asks of the tab.
pub enum Ask {
    Call(Call),
    Remote(Remote),
    /// Save these settings (built on the ones in force, with the section's fields).
    Save(Box<Settings>),
    /// Another of the app's jobs: reload the catalogue (VAT moved) or the sign-in list.
    Job(Job),
    /// Reopen the first-run screen (shop section).
    FirstRun,
}

impl Pane {
    pub fn new(settings: &Settings) -> Pane {
        Pane {
            section: Section::Shop,
            shop: shop::Pane::new(settings),
            vat: vat::Pane::default(),
            users: users::Pane::default(),
            printer: printer::Pane::new(settings),
            terminals: terminals::Pane::default(),
            saving: None,
        }
    }

    /// What the open section needs loaded when the tab is shown.
    pub fn enter(&self) -> Option<Job> {
        let call = match self.section {
            Section::Shop | Section::Printer => return None,
            Section::Vat => Call::LoadVat,
            Section::Users => Call::LoadStaff,
            Section::Terminals => Call::LoadTerminals,
        };
        Some(Job::Settings(call))
    }

    pub fn update(&mut self, message: Message, by: &Operator, ctx: &Ctx) -> Option<Out> {
        let (from, ask) = match message {
            Message::Section(s) => {
                self.section = s;
                return self.enter().map(Out::Run);
            }
            Message::Shop(m) => (Section::Shop, self.shop.update(m, ctx)),
            Message::Vat(m) => (Section::Vat, self.vat.update(m, by, ctx)),
            Message::Users(m) => (Section::Users, self.users.update(m, by, ctx)),
            Message::Printer(m) => (Section::Printer, self.printer.update(m, by, ctx)),
            Message::Terminals(m) => (Section::Terminals, self.terminals.update(m, by, ctx)),
            Message::Saved(answer) => return self.saved(answer, ctx),
        };
        match ask? {
            Ask::Call(c) => Some(Out::Run(Job::Settings(c))),
            Ask::Remote(r) => Some(Out::Work(Work::Settings(r))),
            Ask::Job(job) => Some(Out::Run(job)),
            Ask::FirstRun => Some(Out::FirstRun),
            Ask::Save(settings) => {
                self.saving = Some(from);
                Some(Out::Run(Job::SaveSettings { by: by.clone(), settings }))
            }
        }
    }

    /// F1…F5 choose a section; Enter does the open section's main action: save the shop or the
    /// printer, add the user (or save the PIN) or the terminal typed in the form, pair with the
    /// code typed. `None`: the key means nothing here.
    pub fn plain_key(&self, action: crate::ui::keys::Action, ctx: &Ctx) -> Option<Message> {
        use crate::ui::keys::Action;
        if let Some(i) = action.quick_pick() {
            return Section::ALL.get(i).map(|s| Message::Section(*s));
        }
        if self.section == Section::Terminals && matches!(action, Action::Print | Action::Pdf) {
            // F6 tests the till's terminal, F7 starts its certification run: never F9 / F10,
            // which pay at the till and must not start a run on a menu left open.
            let name = Some(ctx.terminal_name.clone()).filter(|n| !n.is_empty())?;
            let m = if action == Action::Print {
                terminals::Message::Test(name)
            } else {
                terminals::Message::Certify(name)
            };
            return Some(Message::Terminals(m));
        }
        if action != Action::Enter {
            return None;
        }
        match self.section {
            Section::Shop => Some(Message::Shop(shop::Message::Save)),
            Section::Printer => Some(Message::Printer(printer::Message::Save)),
            Section::Users if self.users.pin_for.is_some() => Some(Message::Users(users::Message::SavePin)),
            Section::Users if !self.users.name.trim().is_empty() => Some(Message::Users(users::Message::Add)),
            Section::Terminals if self.terminals.pairing.is_some() => {
                Some(Message::Terminals(terminals::Message::Pair))
            }
            Section::Terminals if !self.terminals.form.name.trim().is_empty() => {
                Some(Message::Terminals(terminals::Message::Add))
            }
            _ => None,
        }
    }

    /// True while a section takes the keys itself (a certification run on the terminals).
    pub fn takes_keys(&self) -> bool {
        self.section == Section::Terminals && self.terminals.cert.is_some()
    }

    /// A key for the section that takes the keys (see `takes_keys`).
    pub fn key(&mut self, action: crate::ui::keys::Action, by: &Operator, ctx: &Ctx) -> Option<Out> {
        match self.terminals.key(action, by, ctx)?? {
            Ask::Remote(r) => Some(Out::Work(Work::Settings(r))),
            Ask::Call(c) => Some(Out::Run(Job::Settings(c))),
            Ask::Job(job) => Some(Out::Run(job)),
            Ask::FirstRun => Some(Out::FirstRun),
            Ask::Save(settings) => Some(Out::Run(Job::SaveSettings { by: by.clone(), settings })),
        }
    }

    fn saved(&mut self, answer: Answer<Box<Settings>>, ctx: &Ctx) -> Option<Out> {
        let i18n = &ctx.i18n;
        let notice = match &answer {
            Ok(_) => Notice::done(i18n.tr("settings-saved")),
            Err(f) => Notice::error(f.text.clone()),
        };
        let from = self.saving.take().unwrap_or(self.section);
        match from {
            Section::Shop => self.shop.notice = Some(notice),
            Section::Printer => self.printer.notice = Some(notice),
            Section::Users => {}
            Section::Vat => self.vat.saved(&answer, i18n),
            Section::Terminals => self.terminals.saved(&answer, i18n),
        }
        let settings = answer.ok()?;
        self.printer.sync(&settings);
        Some(Out::Saved(settings))
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let tab = |id: &str, s: Section| {
            let key =
                Section::ALL.iter().position(|x| *x == s).map_or("", |i| crate::ui::keys::QUICK_LABELS[i]);
            button(text(format!("{} · {key}", i18n.tr(id))).size(theme::BODY))
                .on_press(Message::Section(s))
                .padding([10, 16])
                .style(theme::buttons::row(self.section == s))
        };
        let sections = row![
            tab("settings-section-shop", Section::Shop),
            tab("settings-section-vat", Section::Vat),
            tab("settings-section-users", Section::Users),
            tab("settings-section-printer", Section::Printer),
            tab("settings-section-terminals", Section::Terminals),
        ]
        .spacing(6);
        let page = match self.section {
            Section::Shop => self.shop.view(ctx).map(Message::Shop),
            Section::Vat => self.vat.view(ctx).map(Message::Vat),
            Section::Users => self.users.view(ctx).map(Message::Users),
            Section::Printer => self.printer.view(ctx).map(Message::Printer),
            Section::Terminals => self.terminals.view(ctx).map(Message::Terminals),
        };
        let page = container(scrollable(container(page).padding([0, 14])).height(Length::Fill))
            .padding(12)
            .style(theme::panels::panel);
        column![sections, page].spacing(8).into()
    }
}

/// A labelled text field; `secret` masks what is typed (PINs, passwords).
pub(super) fn field<'a, M: Clone + 'a>(
    label: String,
    value: &'a str,
    on: impl Fn(String) -> M + 'a,
    secret: bool,
) -> Element<'a, M> {
    column![
        text(label).size(theme::SMALL),
        text_input("", value).on_input(on).secure(secret).padding(10).size(theme::BODY)
    ]
    .spacing(2)
    .into()
}

/// A button that shows whether it is the chosen one (market, role, paper, protocol).
pub(super) fn choice<'a, M: Clone + 'a>(label: String, chosen: bool, on: M) -> Element<'a, M> {
    // 48 px high at least, for touch screens.
    button(text(label).size(theme::BODY))
        .on_press(on)
        .padding([14, 16])
        .style(theme::buttons::row(chosen))
        .into()
}

/// A button sized to its label, for actions in a row or a form.
pub(super) fn small<'a, M: Clone + 'a>(
    label: String,
    on: Option<M>,
    style: fn(&iced::Theme, button::Status) -> button::Style,
) -> Element<'a, M> {
    button(text(label).size(theme::BODY).wrapping(text::Wrapping::WordOrGlyph))
        .on_press_maybe(on)
        .padding([14, 16])
        .style(style)
        .into()
}

pub(super) fn title<'a, M: 'a>(label: String) -> Element<'a, M> {
    text(label).size(theme::TITLE).into()
}

pub(super) fn notice<'a, M: 'a>(n: Option<&Notice>) -> Option<Element<'a, M>> {
    n.map(widget::notice)
}
