//! The root of the GUI: shared context, which screen shows, routing of messages and events,
//! the status bar, the idle lock, and the register calls (jobs) the screens ask for.

use std::sync::Arc;
use std::time::Duration;

use iced::widget::{column, container, text};
use iced::{Element, Length, Subscription, Task, Theme, keyboard};

use super::catalog::Catalog;
use super::jobs::{self, Answer, Job};
use super::keys::{self, Action};
use super::link::{self, Work};
use super::screen::card::{self, CardPay};
use super::screen::cash::{self, Cash};
use super::screen::checkout::{self, Checkout};
use super::screen::deferred;
use super::screen::first_run::{self, FirstRun};
use super::screen::manager::{self, Manager};
use super::screen::receipt::{self, ReceiptScreen};
use super::screen::signin::{self, SignIn};
use super::screen::split::{self, Split};
use super::status::{Diagnostics, TerminalInfo};
use super::theme as look;
use super::widget::Notice;
use crate::domain::{Money, Receipt};
use crate::i18n::I18n;
use crate::register::User;
use crate::register::{Operator, Register};
use crate::terminal::{Attempt, AttemptState, Progress, TerminalConfig, TerminalStatus};

mod parked;
mod pay;

pub use super::ctx::Ctx;

#[derive(Debug)]
pub enum Screen {
    /// Start-up: open payments are recovered before anyone may sell.
    Booting,
    /// A fresh data folder (no settings file yet), or reopened by a manager from Settings.
    FirstRun(Box<FirstRun>),
    SignIn(SignIn),
    Checkout,
    Cash(Cash),
    Card(Box<CardPay>),
    Split(Split),
    Receipt(ReceiptScreen),
    Manager(Box<Manager>),
    Deferred(deferred::Pane),
}

#[derive(Debug, Clone)]
pub enum Message {
    Ignore,
    /// Every second, with the clock text.
    Tick(String),
    Key(keyboard::Event),
    CatalogLoaded(Answer<Arc<Catalog>>),
    /// Start-up recovery done: the attempts it looked at.
    /// Start-up recovery: the attempts that were open, and sales whose signature nobody checked.
    Booted(Answer<(Vec<Attempt>, Vec<crate::register::UncheckedSignature>)>),
    ToggleTheme,
    Lock,
    /// Time to ask the terminal how it is.
    TerminalPoll,
    /// The terminal's answer (`None`: a payment holds it, so it is busy).
    TerminalStatus(String, Answer<Option<TerminalStatus>>),
    Diagnostics(bool),
    DiagnosticsLoaded(Answer<Vec<Attempt>>),
    /// The terminal's settings, for diagnostics.
    DiagnosticsConfig(Answer<TerminalConfig>),
    /// A manager resolves an open attempt from diagnostics: approved (true) or not charged.
    DiagnosticsForce(Box<Attempt>, bool),
    DiagnosticsForced(Answer<Box<Attempt>>),
    /// Diagnostics: write the support bundle, and where it went.
    SupportBundle,
    SupportWritten(Answer<String>),
    /// An open order was given up (voided).
    OrderLeft(Answer<i64>),
    /// The lock put the open sale aside (its parked number).
    LockParked(Answer<i64>),
    /// After a sign-in: the sale the lock put aside for this person, if any.
    Resumed(Operator, Answer<Option<crate::domain::Cart>>),
    CloseRequested,
    CloseConfirmed(bool),
    FirstRun(first_run::Message),
    SignIn(signin::Message),
    Checkout(checkout::Message),
    Cash(cash::Message),
    Card(card::Message),
    Split(split::Message),
    Receipt(receipt::Message),
    Manager(manager::Message),
    Deferred(deferred::Message),
}

/// Runs one terminal or printer work to its end, returning its messages in order (tests).
pub type WorkRunner<'a> = dyn FnMut(&Arc<Register>, &Arc<I18n>, Work) -> Vec<Message> + 'a;

/// What one message led to: widget tasks (scroll, focus), register calls to make, and
/// terminal or printer work (async streams of messages).
pub struct Step {
    pub task: Task<Message>,
    pub jobs: Vec<Job>,
    pub works: Vec<Work>,
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
    /// The terminal payments go to, as the status bar shows it.
    pub terminal: TerminalInfo,
    /// The diagnostics view, when open (over whatever screen is underneath).
    pub diagnostics: Option<Diagnostics>,
    /// Attempts start-up recovery could not decide: a manager must see them.
    pub unknown: Vec<Attempt>,
    /// The progress of the last card payment, for diagnostics.
    pub last_events: Vec<Progress>,
    /// The window was asked to close during a payment: ask first.
    pub closing: bool,
    /// A word for the checkout after a payment screen was left.
    notice_after: Option<Notice>,
    /// The cart last sent with F8, until the terminal answers.
    deferring: Option<crate::domain::Cart>,
    /// The sale open when the register locked, and whose it is, until it is parked.
    locked_sale: Option<(Operator, crate::domain::Cart)>,
}

impl App {
    /// The app on the sign-in screen, and the calls that load users and catalogue.
    pub fn new(reg: Arc<Register>) -> (App, Vec<Job>) {
        let settings = reg.settings();
        let i18n = Arc::new(I18n::new(settings.lang()));
        let name = reg.terminal_name(None);
        let terminal = TerminalInfo::new(name.clone(), reg.is_demo_terminal(&name));
        let can_preload = reg.can_preload(&name);
        let app = App {
            reg,
            ctx: Ctx {
                i18n,
                settings,
                operator: None,
                catalog: Arc::new(Catalog::default()),
                can_preload,
                terminal_name: name.clone(),
            },
            users: Vec::new(),
            screen: Screen::Booting,
            checkout: Checkout::default(),
            dark: false,
            clock: clock_now(),
            idle: 0,
            terminal,
            diagnostics: None,
            unknown: Vec::new(),
            last_events: Vec::new(),
            closing: false,
            notice_after: None,
            deferring: None,
            locked_sale: None,
        };
        (app, vec![Job::LoadUsers, Job::LoadCatalog, Job::BootRecover])
    }

    pub fn boot(reg: Arc<Register>) -> (App, Task<Message>) {
        let (app, jobs) = App::new(reg);
        let task = app.spawn(jobs, Vec::new());
        (app, task)
    }

    pub fn register(&self) -> &Arc<Register> {
        &self.reg
    }

    fn spawn(&self, jobs: Vec<Job>, works: Vec<Work>) -> Task<Message> {
        let (reg, i18n) = (&self.reg, &self.ctx.i18n);
        let jobs = jobs.into_iter().map(|j| jobs::spawn(reg.clone(), i18n.clone(), j));
        let works = works.into_iter().map(|w| Task::run(link::stream(reg.clone(), i18n.clone(), w), |m| m));
        Task::batch(jobs.chain(works))
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let close = matches!(message, Message::CloseConfirmed(true));
        let step = self.handle(message);
        let spawned = self.spawn(step.jobs, step.works);
        if close || self.exit_now() {
            return iced::exit();
        }
        Task::batch([step.task, spawned])
    }

    /// Handles a message and runs every register call it leads to right here, feeding the
    /// answers back until nothing is left (tests and benchmarks; widget tasks are dropped).
    /// Terminal and printer work is not run: see `settle_with`.
    pub fn settle(&mut self, message: Message) {
        self.settle_with(message, &mut |_, _, work| {
            tracing::debug!(?work, "work not run by settle");
            Vec::new()
        });
    }

    /// `settle`, with `run_work` running each terminal or printer work to its end and
    /// returning the messages it produced (in order).
    pub fn settle_with(&mut self, message: Message, run_work: &mut WorkRunner<'_>) {
        let mut queue = std::collections::VecDeque::from([message]);
        while let Some(m) = queue.pop_front() {
            let step = self.handle(m);
            for job in step.jobs {
                queue.push_back(jobs::run(&self.reg, &self.ctx.i18n, job));
            }
            for work in step.works {
                queue.extend(run_work(&self.reg, &self.ctx.i18n, work));
            }
        }
    }

    /// The pure part of `update`: new state, widget tasks, and the register calls to make.
    pub fn handle(&mut self, message: Message) -> Step {
        let mut jobs = Vec::new();
        let mut works = Vec::new();
        if !matches!(
            message,
            Message::Tick(_)
                | Message::Ignore
                | Message::CatalogLoaded(_)
                | Message::TerminalPoll
                | Message::TerminalStatus(..)
                | Message::Card(card::Message::Progress(_))
        ) {
            self.idle = 0;
        }
        let task = match message {
            Message::Ignore => Task::none(),
            Message::Tick(clock) => {
                self.tick(clock, &mut jobs, &mut works);
                if let Some(d) = &mut self.diagnostics {
                    d.refresh_wire(&self.reg, self.terminal.demo);
                }
                Task::none()
            }
            Message::Key(keyboard::Event::KeyPressed {
                key: keyboard::Key::Named(keyboard::key::Named::Tab),
                modifiers,
                ..
            }) if matches!(self.screen, Screen::FirstRun(_) | Screen::Manager(_)) => {
                // Tab walks the fields of the first run and the manager's forms (the checkout
                // has none to walk).
                if modifiers.shift() {
                    iced::widget::operation::focus_previous()
                } else {
                    iced::widget::operation::focus_next()
                }
            }
            Message::Key(event) => {
                if let Some(shortcut) = keys::shortcut(&event) {
                    return self.handle(match shortcut {
                        keys::Shortcut::Lock => Message::Lock,
                        keys::Shortcut::Theme => Message::ToggleTheme,
                        keys::Shortcut::Diagnostics => Message::Diagnostics(self.diagnostics.is_none()),
                    });
                }
                match keys::action(&event) {
                    Some(action) => self.key(action, &mut jobs, &mut works),
                    None => Task::none(),
                }
            }
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
                self.lock(&mut jobs);
                Task::none()
            }
            Message::LockParked(answer) => {
                self.lock_parked(answer);
                Task::none()
            }
            Message::Resumed(owner, answer) => {
                self.resumed(owner, answer, &mut jobs);
                Task::none()
            }
            Message::Booted(answer) => {
                self.booted(answer, &mut works);
                Task::none()
            }
            Message::TerminalPoll => {
                works.push(Work::Status(self.terminal.name.clone()));
                Task::none()
            }
            Message::TerminalStatus(name, answer) => {
                self.terminal.answer(&name, answer);
                Task::none()
            }
            Message::Diagnostics(open) => {
                self.diagnostics = open.then(Diagnostics::default);
                if let Some(d) = &mut self.diagnostics {
                    d.refresh_wire(&self.reg, self.terminal.demo);
                }
                if open {
                    jobs.push(Job::LoadDiagnostics);
                    works.push(Work::Status(self.terminal.name.clone()));
                    works.push(Work::TerminalConfig(self.terminal.name.clone()));
                }
                Task::none()
            }
            Message::DiagnosticsConfig(answer) => {
                if let Some(d) = &mut self.diagnostics {
                    d.config = Some(answer);
                }
                Task::none()
            }
            Message::DiagnosticsLoaded(answer) => {
                if let Some(d) = &mut self.diagnostics {
                    d.loaded(answer);
                }
                Task::none()
            }
            Message::DiagnosticsForce(attempt, approved) => {
                if let Some(by) = self.ctx.operator.clone().filter(Operator::is_manager) {
                    works.push(Work::ForceOpen { by, attempt, approved });
                }
                Task::none()
            }
            Message::DiagnosticsForced(answer) => {
                match answer {
                    Ok(a) => {
                        tracing::info!(attempt = %a.id, state = ?a.state, "attempt resolved by hand");
                        self.unknown.retain(|u| u.id != a.id);
                    }
                    Err(f) => {
                        if let Some(d) = &mut self.diagnostics {
                            d.error = Some(f.text);
                        }
                    }
                }
                jobs.push(Job::LoadDiagnostics);
                Task::none()
            }
            Message::SupportBundle => {
                jobs.push(Job::SupportBundle);
                Task::none()
            }
            Message::SupportWritten(answer) => {
                if let Some(d) = &mut self.diagnostics {
                    d.bundle_written(answer, &self.ctx);
                }
                Task::none()
            }
            Message::OrderLeft(answer) => {
                self.order_left(answer);
                Task::none()
            }
            Message::CloseRequested => {
                self.closing = true;
                Task::none()
            }
            Message::CloseConfirmed(_) => {
                self.closing = false;
                Task::none()
            }
            Message::FirstRun(m) => self.first_run(m, &mut jobs, &mut works),
            Message::SignIn(m) => self.signin(m, &mut jobs),
            Message::Checkout(m) => self.on_checkout(m, &mut jobs, &mut works),
            Message::Cash(m) => self.cash(m, &mut jobs),
            Message::Card(m) => self.card(m, &mut jobs, &mut works),
            Message::Split(m) => self.split(m, &mut jobs, &mut works),
            Message::Receipt(m) => self.receipt(m, &mut jobs, &mut works),
            Message::Manager(m) => self.manager(m, &mut jobs, &mut works),
            Message::Deferred(m) => self.deferred(m, &mut jobs, &mut works),
        };
        Step { task, jobs, works }
    }

    /// The window may close at once when no payment's outcome is pending.
    fn exit_now(&mut self) -> bool {
        if self.closing && !self.paying() {
            self.closing = false;
            return true;
        }
        false
    }

    /// A card payment is with the terminal, its outcome is unknown, or its signature waits.
    pub fn paying(&self) -> bool {
        matches!(&self.screen, Screen::Card(c) if c.unsettled() || c.awaiting_signature())
    }

    fn key(&mut self, action: Action, jobs: &mut Vec<Job>, works: &mut Vec<Work>) -> Task<Message> {
        if self.diagnostics.is_some() {
            let decidable = super::status::decidable(self);
            let chosen =
                self.diagnostics.as_ref().map_or(0, |d| d.chosen.min(decidable.len().saturating_sub(1)));
            let manager = self.ctx.operator.as_ref().is_some_and(|o| o.is_manager());
            let decide = match action {
                Action::Escape => {
                    self.diagnostics = None;
                    None
                }
                Action::Pdf => {
                    jobs.push(Job::SupportBundle);
                    None
                }
                Action::Up | Action::Down => {
                    if let Some(d) = &mut self.diagnostics {
                        d.asked = None;
                    }
                    let next = if action == Action::Up {
                        chosen.saturating_sub(1)
                    } else {
                        (chosen + 1).min(decidable.len().saturating_sub(1))
                    };
                    if let Some(d) = &mut self.diagnostics {
                        d.chosen = next;
                    }
                    None
                }
                // The same keys as the card screen's: F10 approved, F5 not charged; asked once.
                Action::Card if manager => decidable.get(chosen).map(|a| (a.clone(), true)),
                Action::Void if manager => decidable.get(chosen).map(|a| (a.clone(), false)),
                _ => None,
            };
            let Some((attempt, approved)) = decide else { return Task::none() };
            let asked = self.diagnostics.as_mut().map(|d| d.asked.replace((attempt.id, approved)));
            if asked != Some(Some((attempt.id, approved))) {
                return Task::none();
            }
            if let Some(d) = &mut self.diagnostics {
                d.asked = None;
            }
            let step = self.handle(Message::DiagnosticsForce(Box::new(attempt), approved));
            jobs.extend(step.jobs);
            works.extend(step.works);
            return step.task;
        }
        match &self.screen {
            Screen::Booting => Task::none(),
            Screen::FirstRun(_) => self.first_run(first_run::Message::Key(action), jobs, works),
            Screen::SignIn(_) => self.signin(signin::Message::Key(action), jobs),
            Screen::Checkout => self.on_checkout(checkout::Message::Key(action), jobs, works),
            Screen::Cash(_) => self.cash(cash::Message::Key(action), jobs),
            Screen::Card(_) => self.card(card::Message::Key(action), jobs, works),
            Screen::Split(_) => self.split(split::Message::Key(action), jobs, works),
            Screen::Receipt(_) => self.receipt(receipt::Message::Key(action), jobs, works),
            Screen::Manager(_) => self.manager(manager::Message::Key(action), jobs, works),
            Screen::Deferred(pane) => {
                if action == Action::Escape {
                    self.screen = Screen::Checkout;
                    return Task::none();
                }
                // The same keys as on the manager's tab (↑ ↓, F2, F4, F5, Enter).
                match pane.key(action) {
                    Some(m) => self.deferred(m, jobs, works),
                    None => Task::none(),
                }
            }
        }
    }

    fn booted(
        &mut self,
        answer: Answer<(Vec<Attempt>, Vec<crate::register::UncheckedSignature>)>,
        works: &mut Vec<Work>,
    ) {
        match answer {
            Ok((attempts, unchecked)) => {
                if !unchecked.is_empty() {
                    let list: Vec<String> = unchecked
                        .iter()
                        .map(|u| format!("{} ({})", u.receipt, self.ctx.i18n.money(u.amount)))
                        .collect();
                    let text =
                        crate::fl!(self.ctx.i18n, "boot-unchecked-signatures", receipts = list.join(", "));
                    self.notice_after = Some(Notice::warning(text));
                }
                self.unknown = attempts.into_iter().filter(|a| a.state == AttemptState::Unknown).collect();
                for a in &self.unknown {
                    tracing::warn!(attempt = %a.id, note = %a.note, "payment outcome still unknown after start-up");
                }
            }
            Err(f) => {
                tracing::error!(error = %f.text, "start-up recovery failed");
                self.notice_after = Some(Notice::error(f.text));
            }
        }
        if matches!(self.screen, Screen::Booting) {
            self.screen = if self.reg.first_run_pending() {
                Screen::FirstRun(Box::new(FirstRun::new(&self.ctx, None)))
            } else {
                Screen::SignIn(SignIn::new(self.users.clone(), None))
            };
        }
        works.push(Work::Status(self.terminal.name.clone()));
    }

    fn tick(&mut self, clock: String, jobs: &mut Vec<Job>, works: &mut Vec<Work>) {
        self.clock = clock;
        match &mut self.screen {
            Screen::SignIn(s) => {
                let _ = s.update(signin::Message::Tick, &self.ctx);
                return;
            }
            Screen::Card(_) => {
                // The card screen's clock also books an approval that is not booked yet.
                let _ = self.card(card::Message::Tick, jobs, works);
            }
            _ => {}
        }
        self.idle += 1;
        let limit = self.ctx.settings.idle_lock_seconds;
        let busy = match &self.screen {
            Screen::Cash(c) => c.busy || c.order_id.is_some(),
            Screen::Card(_) | Screen::Split(_) | Screen::Booting => true,
            _ => false,
        };
        if limit > 0 && self.idle >= limit && !busy {
            self.lock(jobs);
        }
    }

    fn first_run(
        &mut self,
        message: first_run::Message,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        let Screen::FirstRun(screen) = &mut self.screen else { return Task::none() };
        let by = screen.by.clone();
        let was = screen.step;
        let event = screen.update(message, &self.ctx);
        let manager_to_add = screen.manager.clone();
        let task = if screen.step == first_run::Step::Shop && was != first_run::Step::Shop {
            iced::widget::operation::focus(iced::widget::Id::new(first_run::NAME_ID))
        } else {
            Task::none()
        };
        match event {
            Some(first_run::Event::Language(lang)) if lang != self.ctx.i18n.lang() => {
                self.ctx.i18n = Arc::new(I18n::new(lang));
            }
            Some(first_run::Event::Language(_)) => {}
            Some(first_run::Event::Run(job)) => jobs.push(job),
            Some(first_run::Event::Cancel) => {
                self.ctx.i18n = Arc::new(I18n::new(self.ctx.settings.lang()));
                self.screen = Screen::Checkout;
            }
            Some(first_run::Event::Done(settings)) => {
                tracing::info!(register = %settings.register_id, "first-run settings saved");
                self.ctx.i18n = Arc::new(I18n::new(settings.lang()));
                self.ctx.settings = *settings;
                self.screen = match by {
                    Some(_) => Screen::Checkout,
                    None => Screen::SignIn(SignIn::new(self.users.clone(), None)),
                };
                jobs.push(Job::LoadUsers);
                if let Some(op) = manager_to_add {
                    // "Add my terminal": the manager goes on to Settings · Terminals.
                    self.add_terminal_after_first_run(op, jobs, works);
                }
            }
            None => {}
        }
        task
    }

    fn add_terminal_after_first_run(&mut self, op: Operator, jobs: &mut Vec<Job>, works: &mut Vec<Work>) {
        use manager::settings::{Message as SettingsMessage, Section};
        self.ctx.operator = Some(op.clone());
        let (screen, job) = Manager::open(op, &self.ctx.settings, self.terminal.name.clone());
        self.screen = Screen::Manager(Box::new(screen));
        jobs.push(job);
        let _ = self.manager(manager::Message::Tab(manager::Tab::Settings), jobs, works);
        let _ = self.manager(
            manager::Message::Settings(SettingsMessage::Section(Section::Terminals)),
            jobs,
            works,
        );
    }

    /// A manager reopens the first-run screen from Settings.
    pub fn reopen_first_run(&mut self) {
        if let Some(by) = self.ctx.operator.clone().filter(Operator::is_manager) {
            self.screen = Screen::FirstRun(Box::new(FirstRun::new(&self.ctx, Some(by))));
        }
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
                if op.is_manager() && !self.unknown.is_empty() {
                    self.checkout.notice = Some(Notice::warning(crate::fl!(
                        self.ctx.i18n,
                        "boot-unknown-attempts",
                        count = self.unknown.len()
                    )));
                } else if let Some(n) = self.notice_after.take() {
                    self.checkout.notice = Some(n);
                }
                self.ctx.operator = Some(op.clone());
                self.screen = Screen::Checkout;
                self.resume_sale(op, jobs);
            }
            None => {}
        }
        task.map(Message::SignIn)
    }

    fn on_checkout(
        &mut self,
        message: checkout::Message,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        // A parked or recalled cart's answer is the sale's, whatever shows by then.
        let sale_answer = matches!(message, checkout::Message::Parked(_) | checkout::Message::Recalled(_));
        if !matches!(self.screen, Screen::Checkout) && !sale_answer {
            return Task::none();
        }
        let (task, event) = self.checkout.update(message, &self.ctx);
        let total = self.checkout.totals.total;
        match event {
            Some(checkout::Event::Run(job)) => jobs.push(job),
            Some(checkout::Event::PayCash) => self.screen = Screen::Cash(Cash::new(total)),
            Some(checkout::Event::PayCard) => self.card_payment(None, total, jobs, works),
            Some(checkout::Event::Split) => self.screen = Screen::Split(Split::new(total)),
            Some(checkout::Event::Defer) => {
                if let Some(by) = self.ctx.operator.clone() {
                    self.checkout.notice = Some(Notice::warning(self.ctx.i18n.tr("defer-sending")));
                    self.deferring = Some(self.checkout.cart.clone());
                    works.push(Work::Defer {
                        by,
                        cart: self.checkout.cart.clone(),
                        terminal: self.terminal.name.clone(),
                    });
                }
            }
            Some(checkout::Event::OpenDeferred) => {
                self.screen = Screen::Deferred(deferred::Pane::default());
                jobs.push(Job::LoadDeferred);
                works.push(Work::RefreshDeferred);
            }
            Some(checkout::Event::OpenManager(by)) => {
                let (manager, job) = Manager::open(by, &self.ctx.settings, self.terminal.name.clone());
                self.screen = Screen::Manager(Box::new(manager));
                jobs.push(job);
            }
            None => {}
        }
        task.map(Message::Checkout)
    }

    fn receipt(
        &mut self,
        message: receipt::Message,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        let Screen::Receipt(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message, &self.ctx);
        match event {
            Some(receipt::Event::NewSale) => self.screen = Screen::Checkout,
            Some(receipt::Event::Run(job)) => jobs.push(job),
            Some(receipt::Event::Work(w)) => works.push(w),
            None => {}
        }
        task.map(Message::Receipt)
    }

    fn manager(
        &mut self,
        message: manager::Message,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        let Screen::Manager(screen) = &mut self.screen else { return Task::none() };
        // A refund or void has left the terminal: its indicator asks again at once.
        if matches!(message, manager::Message::Receipts(manager::receipts::Message::Refunded(_))) {
            works.push(Work::Status(self.terminal.name.clone()));
        }
        let (task, event) = screen.update(message, &self.ctx);
        match event {
            Some(manager::Event::Run(job)) => jobs.push(job),
            Some(manager::Event::Work(w)) => works.push(w),
            Some(manager::Event::Deferred(m)) => return self.deferred(m, jobs, works),
            Some(manager::Event::Close) => self.screen = Screen::Checkout,
            Some(manager::Event::FirstRun) => self.reopen_first_run(),
            Some(manager::Event::SettingsSaved(settings)) => {
                if settings.lang() != self.ctx.i18n.lang() {
                    self.ctx.i18n = Arc::new(I18n::new(settings.lang()));
                }
                self.ctx.settings = *settings;
                let name = self.reg.terminal_name(None);
                self.ctx.can_preload = self.reg.can_preload(&name);
                self.ctx.terminal_name = name.clone();
                if name != self.terminal.name {
                    self.terminal = TerminalInfo::new(name.clone(), self.reg.is_demo_terminal(&name));
                    works.push(Work::Status(name));
                }
            }
            None => {}
        }
        task.map(Message::Manager)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let ctx = &self.ctx;
        let page = if let Some(d) = &self.diagnostics {
            d.view(self)
        } else {
            match &self.screen {
                Screen::Booting => {
                    return container(text(ctx.i18n.tr("boot-recovering")).size(look::TITLE))
                        .center(Length::Fill)
                        .into();
                }
                Screen::FirstRun(s) => return s.view(ctx).map(Message::FirstRun),
                Screen::SignIn(s) => {
                    let page = container(s.view(ctx).map(Message::SignIn)).center(Length::Fill).padding(16);
                    return column![self.demo_banner(), page].into();
                }
                Screen::Checkout => self.checkout.view(ctx).map(Message::Checkout),
                Screen::Cash(s) => s.view(ctx).map(Message::Cash),
                Screen::Card(s) => s.view(ctx).map(Message::Card),
                Screen::Split(s) => s.view(ctx).map(Message::Split),
                Screen::Receipt(s) => s.view(ctx).map(Message::Receipt),
                Screen::Manager(s) => s.view(ctx).map(Message::Manager),
                Screen::Deferred(p) => super::status::deferred_page(p, ctx),
            }
        };
        let signature = matches!(&self.screen, Screen::Card(c) if c.awaiting_signature());
        let page = if self.closing { super::status::closing_dialog(ctx, signature) } else { page };
        column![self.status_bar(), self.demo_banner(), page].into()
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let mut subs = vec![
            keyboard::listen().map(Message::Key),
            iced::time::every(Duration::from_secs(1)).map(|_| Message::Tick(clock_now())),
            iced::time::every(Duration::from_secs(30)).map(|_| Message::TerminalPoll),
            iced::window::close_requests().map(|_| Message::CloseRequested),
        ];
        let deferred_open = match &self.screen {
            Screen::Deferred(_) => true,
            Screen::Manager(m) => m.tab == manager::Tab::Deferred,
            _ => false,
        };
        if deferred_open {
            subs.push(
                iced::time::every(Duration::from_secs(10))
                    .map(|_| Message::Deferred(deferred::Message::Refresh)),
            );
        }
        Subscription::batch(subs)
    }

    pub fn theme(&self) -> Theme {
        if self.dark { look::dark() } else { look::light() }
    }
}

fn clock_now() -> String {
    chrono::Local::now().format("%H:%M").to_string()
}
