//! The root of the GUI: shared context, which screen shows, routing of messages and events,
//! the status bar, the idle lock, and the register calls (jobs) the screens ask for.

use std::sync::Arc;
use std::time::Duration;

use iced::widget::{button, column, container, row, text};
use iced::{Alignment, Element, Length, Subscription, Task, Theme, keyboard};

use super::catalog::Catalog;
use super::jobs::{self, Answer, Job};
use super::keys::{self, Action};
use super::screen::cash::{self, Cash};
use super::screen::checkout::{self, Checkout};
use super::screen::manager::{self, Manager};
use super::screen::receipt::{self, ReceiptScreen};
use super::screen::signin::{self, SignIn};
use super::theme as look;
use crate::config::{Settings, money_style};
use crate::domain::{CartError, MoneyStyle, Quantity};
use crate::fl;
use crate::i18n::I18n;
use crate::register::{Operator, Register, RegisterError};
use crate::store::User;

/// What every screen reads: language, settings, who is signed in, the catalogue.
#[derive(Debug)]
pub struct Ctx {
    pub i18n: Arc<I18n>,
    pub settings: Settings,
    pub operator: Option<Operator>,
    pub catalog: Arc<Catalog>,
}

impl Ctx {
    pub fn i18n_style(&self) -> MoneyStyle {
        money_style(self.i18n.lang())
    }

    /// The decimal separator the cashier types: `.` in English, `,` elsewhere.
    pub fn decimal(&self) -> &'static str {
        match self.i18n_style() {
            MoneyStyle::English => ".",
            _ => ",",
        }
    }

    /// `3`, `0,250`: the same rule as `Register::parse_quantity`, without the call.
    pub fn parse_quantity(&self, input: &str) -> Result<Quantity, RegisterError> {
        Quantity::parse(input).map_err(|e| match e {
            CartError::NonPositiveQuantity => RegisterError::Cart(e),
            _ => RegisterError::BadQuantity(input.to_string()),
        })
    }
}

#[derive(Debug)]
pub enum Screen {
    SignIn(SignIn),
    Checkout,
    Cash(Cash),
    Receipt(ReceiptScreen),
    Manager(Box<Manager>),
}

#[derive(Debug, Clone)]
pub enum Message {
    Ignore,
    /// Every second, with the clock text.
    Tick(String),
    Key(keyboard::Event),
    CatalogLoaded(Answer<Arc<Catalog>>),
    ToggleTheme,
    Lock,
    SignIn(signin::Message),
    Checkout(checkout::Message),
    Cash(cash::Message),
    Receipt(receipt::Message),
    Manager(manager::Message),
}

/// What one message led to: widget tasks (scroll, focus) and register calls to make.
pub struct Step {
    pub task: Task<Message>,
    pub jobs: Vec<Job>,
}

pub struct App {
    reg: Arc<Register>,
    pub ctx: Ctx,
    pub users: Vec<User>,
    pub screen: Screen,
    /// The sale in progress; it survives the cash screen, the manager menu and the lock.
    pub checkout: Checkout,
    pub dark: bool,
    pub clock: String,
    /// Seconds without input.
    pub idle: u64,
}

impl App {
    /// The app on the sign-in screen, and the calls that load users and catalogue.
    pub fn new(reg: Arc<Register>) -> (App, Vec<Job>) {
        let settings = reg.settings();
        let i18n = Arc::new(I18n::new(settings.lang()));
        let app = App {
            reg,
            ctx: Ctx { i18n, settings, operator: None, catalog: Arc::new(Catalog::default()) },
            users: Vec::new(),
            screen: Screen::SignIn(SignIn::default()),
            checkout: Checkout::default(),
            dark: false,
            clock: clock_now(),
            idle: 0,
        };
        (app, vec![Job::LoadUsers, Job::LoadCatalog])
    }

    pub fn boot(reg: Arc<Register>) -> (App, Task<Message>) {
        let (app, jobs) = App::new(reg);
        let task = app.spawn(jobs);
        (app, task)
    }

    pub fn register(&self) -> &Arc<Register> {
        &self.reg
    }

    fn spawn(&self, jobs: Vec<Job>) -> Task<Message> {
        Task::batch(jobs.into_iter().map(|j| jobs::spawn(self.reg.clone(), self.ctx.i18n.clone(), j)))
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let step = self.handle(message);
        let spawned = self.spawn(step.jobs);
        Task::batch([step.task, spawned])
    }

    /// Handles a message and runs every register call it leads to right here, feeding the
    /// answers back until nothing is left (tests and benchmarks; widget tasks are dropped).
    pub fn settle(&mut self, message: Message) {
        let mut queue = vec![message];
        while let Some(m) = queue.pop() {
            let step = self.handle(m);
            for job in step.jobs {
                queue.push(jobs::run(&self.reg, &self.ctx.i18n, job));
            }
        }
    }

    /// The pure part of `update`: new state, widget tasks, and the register calls to make.
    pub fn handle(&mut self, message: Message) -> Step {
        let mut jobs = Vec::new();
        if !matches!(message, Message::Tick(_) | Message::Ignore | Message::CatalogLoaded(_)) {
            self.idle = 0;
        }
        let task = match message {
            Message::Ignore => Task::none(),
            Message::Tick(clock) => {
                self.tick(clock);
                Task::none()
            }
            Message::Key(event) => match keys::action(&event) {
                Some(action) => self.key(action, &mut jobs),
                None => Task::none(),
            },
            Message::CatalogLoaded(Ok(catalog)) => {
                self.ctx.catalog = catalog;
                self.checkout.refresh_grid(&self.ctx);
                Task::none()
            }
            Message::CatalogLoaded(Err(f)) => {
                tracing::error!(error = %f.text, "catalogue not loaded");
                self.checkout.notice = Some(super::widget::Notice::error(f.text));
                Task::none()
            }
            Message::ToggleTheme => {
                self.dark = !self.dark;
                Task::none()
            }
            Message::Lock => {
                self.lock();
                Task::none()
            }
            Message::SignIn(m) => self.signin(m, &mut jobs),
            Message::Checkout(m) => self.on_checkout(m, &mut jobs),
            Message::Cash(m) => self.cash(m, &mut jobs),
            Message::Receipt(m) => self.receipt(m),
            Message::Manager(m) => self.manager(m, &mut jobs),
        };
        Step { task, jobs }
    }

    fn key(&mut self, action: Action, jobs: &mut Vec<Job>) -> Task<Message> {
        match &self.screen {
            Screen::SignIn(_) => self.signin(signin::Message::Key(action), jobs),
            Screen::Checkout => self.on_checkout(checkout::Message::Key(action), jobs),
            Screen::Cash(_) => self.cash(cash::Message::Key(action), jobs),
            Screen::Receipt(_) => self.receipt(receipt::Message::Key(action)),
            Screen::Manager(_) => self.manager(manager::Message::Key(action), jobs),
        }
    }

    fn tick(&mut self, clock: String) {
        self.clock = clock;
        if let Screen::SignIn(s) = &mut self.screen {
            let _ = s.update(signin::Message::Tick, &self.ctx);
            return;
        }
        self.idle += 1;
        let limit = self.ctx.settings.idle_lock_seconds;
        let paying = matches!(&self.screen, Screen::Cash(c) if c.busy);
        if limit > 0 && self.idle >= limit && !paying {
            self.lock();
        }
    }

    /// Back to sign-in; the sale in progress stays for whoever signs in next.
    pub fn lock(&mut self) {
        let last = self.ctx.operator.take().map(|o| o.user_id);
        self.screen = Screen::SignIn(SignIn::new(self.users.clone(), last));
        self.idle = 0;
    }

    fn signin(&mut self, message: signin::Message, jobs: &mut Vec<Job>) -> Task<Message> {
        if let signin::Message::Users(Ok(users)) = &message {
            self.users = users.clone();
        }
        let Screen::SignIn(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message, &self.ctx);
        match event {
            Some(signin::Event::Run(job)) => jobs.push(job),
            Some(signin::Event::SignedIn(op)) => {
                tracing::info!(user = %op.name, "signed in");
                self.ctx.operator = Some(op);
                self.screen = Screen::Checkout;
            }
            None => {}
        }
        task.map(Message::SignIn)
    }

    fn on_checkout(&mut self, message: checkout::Message, jobs: &mut Vec<Job>) -> Task<Message> {
        if !matches!(self.screen, Screen::Checkout) {
            return Task::none();
        }
        let (task, event) = self.checkout.update(message, &self.ctx);
        match event {
            Some(checkout::Event::Run(job)) => jobs.push(job),
            Some(checkout::Event::PayCash) => {
                self.screen = Screen::Cash(Cash::new(self.checkout.totals.total))
            }
            Some(checkout::Event::OpenManager(by)) => {
                let (manager, job) = Manager::open(by, &self.ctx.settings);
                self.screen = Screen::Manager(Box::new(manager));
                jobs.push(job);
            }
            None => {}
        }
        task.map(Message::Checkout)
    }

    fn cash(&mut self, message: cash::Message, jobs: &mut Vec<Job>) -> Task<Message> {
        let Screen::Cash(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message, &self.ctx);
        match event {
            Some(cash::Event::Pay(given)) => match &self.ctx.operator {
                Some(by) => {
                    jobs.push(Job::CashSale { by: by.clone(), cart: self.checkout.cart.clone(), given })
                }
                None => screen.busy = false,
            },
            Some(cash::Event::Back) => self.screen = Screen::Checkout,
            Some(cash::Event::Paid(receipt)) => {
                tracing::info!(number = receipt.number, "cash sale done");
                self.checkout.new_sale();
                self.screen = Screen::Receipt(ReceiptScreen { receipt });
            }
            None => {}
        }
        task.map(Message::Cash)
    }

    fn receipt(&mut self, message: receipt::Message) -> Task<Message> {
        let Screen::Receipt(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message);
        if let Some(receipt::Event::NewSale) = event {
            self.screen = Screen::Checkout;
        }
        task.map(Message::Receipt)
    }

    fn manager(&mut self, message: manager::Message, jobs: &mut Vec<Job>) -> Task<Message> {
        let Screen::Manager(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message, &self.ctx);
        match event {
            Some(manager::Event::Run(job)) => jobs.push(job),
            Some(manager::Event::Close) => self.screen = Screen::Checkout,
            Some(manager::Event::SettingsSaved(settings)) => {
                if settings.lang() != self.ctx.i18n.lang() {
                    self.ctx.i18n = Arc::new(I18n::new(settings.lang()));
                }
                self.ctx.settings = *settings;
            }
            None => {}
        }
        task.map(Message::Manager)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let ctx = &self.ctx;
        let page = match &self.screen {
            Screen::SignIn(s) => {
                return container(s.view(ctx).map(Message::SignIn)).center(Length::Fill).padding(16).into();
            }
            Screen::Checkout => self.checkout.view(ctx).map(Message::Checkout),
            Screen::Cash(s) => s.view(ctx).map(Message::Cash),
            Screen::Receipt(s) => s.view(ctx).map(Message::Receipt),
            Screen::Manager(s) => s.view(ctx).map(Message::Manager),
        };
        column![self.status_bar(), page].into()
    }

    fn status_bar(&self) -> Element<'_, Message> {
        let i18n = &self.ctx.i18n;
        let cashier = self.ctx.operator.as_ref().map(|o| o.name.clone()).unwrap_or_default();
        let sep = || text("·").size(look::BODY);
        let small = |label: String| {
            button(text(label).size(14)).on_press(Message::Ignore).padding([6, 10]).style(look::buttons::key)
        };
        row![
            text(self.ctx.settings.shop.name.clone()).size(look::BODY),
            sep(),
            text(fl!(i18n, "status-register", id = self.ctx.settings.register_id.clone())).size(look::BODY),
            sep(),
            text(cashier).size(look::BODY),
            sep(),
            text(format!("○ {}", i18n.tr("status-no-terminal"))).size(look::BODY),
            text("").width(Length::Fill),
            small(i18n.tr(if self.dark { "status-theme-light" } else { "status-theme-dark" }))
                .on_press(Message::ToggleTheme),
            small(i18n.tr("status-lock")).on_press(Message::Lock),
            text(self.clock.clone()).size(20),
        ]
        .spacing(10)
        .padding([6, 12])
        .align_y(Alignment::Center)
        .into()
    }

    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            keyboard::listen().map(Message::Key),
            iced::time::every(Duration::from_secs(1)).map(|_| Message::Tick(clock_now())),
        ])
    }

    pub fn theme(&self) -> Theme {
        if self.dark { look::dark() } else { look::light() }
    }
}

fn clock_now() -> String {
    chrono::Local::now().format("%H:%M").to_string()
}
