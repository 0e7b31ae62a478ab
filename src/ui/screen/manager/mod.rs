//! The manager's menu (F12 with a manager's PIN): receipts and reprints, batch close with the
//! X report, deferred receipts, the period report, the shop settings and the products
//! (the shop's catalogue), as tabs over one page.

pub mod batch;
pub mod products;
pub mod products_form;
pub mod products_import;
pub mod products_picker;
pub mod receipts;
pub mod refund;
pub mod refund_pick;
pub mod reports;
pub mod settings;

use iced::widget::{button, column, row, text};
use iced::{Element, Length, Task};

use crate::config::Settings;
use crate::fl;
use crate::register::Operator;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::Job;
use crate::ui::request::Work;
use crate::ui::screen::deferred;
use crate::ui::theme::{self, BUTTON_HEIGHT};
use crate::ui::widget;

/// The tabs in the order PgUp / PgDn walk them.
const TABS: [Tab; 6] = [Tab::Receipts, Tab::Batch, Tab::Deferred, Tab::Reports, Tab::Products, Tab::Settings];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Receipts,
    Batch,
    Deferred,
    Reports,
    Settings,
    Products,
}

#[derive(Debug)]
pub struct Manager {
    /// The manager who authorised this visit; every call is made in their name.
    pub by: Operator,
    pub tab: Tab,
    pub receipts: receipts::Pane,
    pub batch: batch::Pane,
    pub deferred: deferred::Pane,
    pub reports: reports::Pane,
    pub settings: settings::Pane,
    pub products: products::Pane,
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Key(Action),
    Receipts(receipts::Message),
    Batch(batch::Message),
    Settings(settings::Message),
    Deferred(deferred::Message),
    Reports(reports::Message),
    Products(products::Message),
}

pub enum Event {
    Run(Job),
    /// Several register calls at once (a catalogue change: the list, the lookup, the prices).
    Jobs(Vec<Job>),
    Work(Work),
    /// Deferred receipts are handled by the app (the same list is reachable from checkout).
    Deferred(deferred::Message),
    Close,
    SettingsSaved(Box<Settings>),
    /// A manager reopens the first-run screen from Settings.
    FirstRun,
}

impl Manager {
    /// Opens on the receipts tab and asks for the latest receipts.
    pub fn open(by: Operator, settings: &Settings, terminal: String) -> (Manager, Job) {
        let manager = Manager {
            by,
            tab: Tab::Receipts,
            receipts: receipts::Pane::default(),
            batch: batch::Pane::new(terminal),
            deferred: deferred::Pane::default(),
            reports: reports::Pane::default(),
            settings: settings::Pane::new(settings),
            products: products::Pane::default(),
        };
        (manager, receipts::Pane::search_job_all())
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        // The Reports tab opens with the cursor in its first date.
        let focus = matches!(message, Message::Tab(Tab::Reports));
        let event = match message {
            Message::Tab(tab) => {
                self.tab = tab;
                match tab {
                    Tab::Batch => Some(Event::Run(Job::LoadBatch)),
                    Tab::Deferred => Some(Event::Run(Job::LoadDeferred)),
                    Tab::Receipts => Some(Event::Run(receipts::Pane::search_job_all())),
                    Tab::Settings => self.settings.enter().map(Event::Run),
                    Tab::Reports => self.reports.enter(ctx).map(Event::Run),
                    Tab::Products => Some(Event::Jobs(self.products.enter())),
                }
            }
            Message::Key(action) if self.tab == Tab::Settings && self.settings.takes_keys() => {
                settings_event(self.settings.key(action, &self.by, ctx))
            }
            Message::Key(action)
                if self.tab == Tab::Settings && self.settings.plain_key(action, ctx).is_some() =>
            {
                let Some(m) = self.settings.plain_key(action, ctx) else { return (Task::none(), None) };
                return self.update(Message::Settings(m), ctx);
            }
            Message::Key(action) if self.tab == Tab::Products && self.products.takes(action) => {
                Some(Event::Jobs(self.products.update(products::Message::Key(action), &self.by, ctx)))
            }
            Message::Key(action) if self.tab == Tab::Batch && self.batch.key(action).is_some() => {
                let Some(m) = self.batch.key(action) else { return (Task::none(), None) };
                return self.update(Message::Batch(m), ctx);
            }
            Message::Key(action) if self.tab == Tab::Reports && self.reports.key(action).is_some() => {
                let Some(m) = self.reports.key(action) else { return (Task::none(), None) };
                return self.update(Message::Reports(m), ctx);
            }
            Message::Key(action) if self.tab == Tab::Deferred && self.deferred.key(action).is_some() => {
                self.deferred.key(action).map(Event::Deferred)
            }
            Message::Key(Action::Escape) => {
                if self.tab == Tab::Receipts && self.receipts.refund.confirm.is_some() {
                    self.receipts.refund.confirm = None;
                    None
                } else if self.tab == Tab::Receipts && self.receipts.refund.picking.is_some() {
                    self.receipts.refund.picking = None;
                    None
                } else if self.tab == Tab::Receipts && self.receipts.open.is_some() {
                    self.receipts.open = None;
                    None
                } else {
                    Some(Event::Close)
                }
            }
            Message::Key(action @ (Action::NextTab | Action::PrevTab)) => {
                let now = TABS.iter().position(|t| *t == self.tab).unwrap_or(0);
                let next = if action == Action::NextTab { now + 1 } else { now + TABS.len() - 1 };
                return self.update(Message::Tab(TABS[next % TABS.len()]), ctx);
            }
            Message::Key(action @ (Action::Up | Action::Down))
                if self.tab == Tab::Receipts && self.receipts.refund.picking.is_none() =>
            {
                self.receipts.step(action == Action::Down).map(Event::Run)
            }
            Message::Key(action) if self.tab == Tab::Receipts => {
                let Some(m) = self.receipts.key(action) else { return (Task::none(), None) };
                return self.update(Message::Receipts(m), ctx);
            }
            Message::Key(_) => None,
            Message::Deferred(m) => Some(Event::Deferred(m)),
            Message::Receipts(m) => match self.receipts.update(m, &self.by, ctx) {
                Some(receipts::Out::Run(job)) => Some(Event::Run(job)),
                Some(receipts::Out::Work(w)) => Some(Event::Work(w)),
                None => None,
            },
            Message::Batch(m) => match self.batch.update(m, &self.by, ctx) {
                Some(batch::Out::Run(job)) => Some(Event::Run(job)),
                Some(batch::Out::Work(w)) => Some(Event::Work(w)),
                None => None,
            },
            Message::Settings(m) => settings_event(self.settings.update(m, &self.by, ctx)),
            Message::Reports(m) => self.reports.update(m, ctx).map(Event::Run),
            Message::Products(m) => Some(Event::Jobs(self.products.update(m, &self.by, ctx))),
        };
        let task = if focus {
            iced::widget::operation::focus(iced::widget::Id::new(reports::FROM_ID))
        } else {
            self.products.take_task()
        };
        (task, event)
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let tab = |id: &str, t: Tab| {
            button(text(i18n.tr(id)).size(theme::BODY))
                .on_press(Message::Tab(t))
                // Six tabs, the keys and the manager's name fit one row at 1024 px in Greek.
                .padding([14, 12])
                .height(Length::Fixed(BUTTON_HEIGHT))
                .style(theme::buttons::row(self.tab == t))
        };
        let tabs = row![
            tab("manager-receipts", Tab::Receipts),
            tab("manager-batch", Tab::Batch),
            tab("manager-deferred", Tab::Deferred),
            tab("manager-reports", Tab::Reports),
            tab("manager-products", Tab::Products),
            tab("manager-settings", Tab::Settings),
            text(format!("{} / {}", Action::PrevTab.label(), Action::NextTab.label()))
                .size(theme::SMALL)
                .style(theme::texts::muted),
            text(fl!(i18n, "manager-title", name = self.by.name.clone()))
                .size(theme::BODY)
                .width(Length::Fill)
                .align_x(iced::Alignment::End),
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        let page = match self.tab {
            Tab::Receipts => self.receipts.view(ctx).map(Message::Receipts),
            Tab::Batch => self.batch.view(ctx).map(Message::Batch),
            Tab::Deferred => self.deferred.view(ctx, true).map(Message::Deferred),
            Tab::Reports => self.reports.view(ctx).map(Message::Reports),
            Tab::Settings => self.settings.view(ctx).map(Message::Settings),
            Tab::Products => self.products.view(ctx).map(Message::Products),
        };
        let back = row![widget::action(
            i18n.tr("action-back"),
            Action::Escape.label(),
            Some(Message::Key(Action::Escape)),
            theme::buttons::key,
        )]
        .width(Length::Fixed(260.0));
        column![tabs, iced::widget::container(page).height(Length::Fill), back].spacing(10).padding(10).into()
    }
}

fn settings_event(out: Option<settings::Out>) -> Option<Event> {
    match out? {
        settings::Out::Run(job) => Some(Event::Run(job)),
        settings::Out::Work(w) => Some(Event::Work(w)),
        settings::Out::Saved(s) => Some(Event::SettingsSaved(s)),
        settings::Out::FirstRun => Some(Event::FirstRun),
    }
}
