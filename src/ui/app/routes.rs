//! The root's side of the sign-in, first-run, checkout, receipt and manager screens: each
//! screen's `update` returns its task and an event, and the root acts on the event.

use super::*;

impl App {
    pub(super) fn first_run(
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
        let task = match screen.step {
            first_run::Step::Shop if was != first_run::Step::Shop => {
                iced::widget::operation::focus(iced::widget::Id::new(first_run::NAME_ID))
            }
            first_run::Step::Pins if was != first_run::Step::Pins => {
                iced::widget::operation::focus(iced::widget::Id::new(first_run::MANAGER_PIN_ID))
            }
            _ => Task::none(),
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
                    None => Screen::SignIn(SignIn::new(self.users.clone())),
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

    pub(super) fn add_terminal_after_first_run(
        &mut self,
        op: Operator,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) {
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

    pub(super) fn signin(&mut self, message: signin::Message, jobs: &mut Vec<Job>) -> Task<Message> {
        if let signin::Message::Users(Ok(users)) = &message {
            self.users = users.clone();
        }
        let Screen::SignIn(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message, &self.ctx);
        let retyped = screen.retyped;
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
                // The rest of a PIN typed again while it was checked is not a barcode.
                self.checkout.drop_pin = retyped;
            }
            None => {}
        }
        task.map(Message::SignIn)
    }

    pub(super) fn on_checkout(
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

    pub(super) fn receipt(
        &mut self,
        message: receipt::Message,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        let Screen::Receipt(screen) = &mut self.screen else { return Task::none() };
        let (task, event) = screen.update(message, &self.ctx);
        match event {
            Some(receipt::Event::NewSale) => self.screen = Screen::Checkout,
            Some(receipt::Event::NextSale(action)) => {
                self.screen = Screen::Checkout;
                let next = self.on_checkout(checkout::Message::Key(action), jobs, works);
                return Task::batch([task.map(Message::Receipt), next]);
            }
            Some(receipt::Event::Run(job)) => jobs.push(job),
            Some(receipt::Event::Work(w)) => works.push(w),
            None => {}
        }
        task.map(Message::Receipt)
    }

    pub(super) fn manager(
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
            Some(manager::Event::Jobs(list)) => jobs.extend(list),
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
}
