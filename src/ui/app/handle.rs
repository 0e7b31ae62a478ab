//! The root's routing: each message to its handler, the keys (diagnostics first, then the
//! screen on show), start-up recovery's answer, and the clock (which also locks an idle till).

use super::*;

impl App {
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
                self.fit_screen()
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
                self.checkout.notice = Some(Notice::error(f.text));
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
                    Ok(decided) => {
                        let a = &decided.attempt;
                        tracing::info!(attempt = %a.id, state = ?a.state, "attempt resolved by hand");
                        self.unknown.retain(|u| u.id != a.id);
                        if let (Some(owner), Some(id)) = (&decided.returned_to, decided.parked) {
                            self.sale_returned(owner, id, &mut jobs);
                        }
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

    pub(super) fn key(
        &mut self,
        action: Action,
        jobs: &mut Vec<Job>,
        works: &mut Vec<Work>,
    ) -> Task<Message> {
        if self.diagnostics.is_some() {
            let decidable = super::diagnostics::decidable(self);
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

    pub(super) fn booted(
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
                Screen::SignIn(SignIn::new(self.users.clone()))
            };
        }
        works.push(Work::Status(self.terminal.name.clone()));
    }

    pub(super) fn tick(&mut self, clock: String, jobs: &mut Vec<Job>, works: &mut Vec<Work>) {
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
}
