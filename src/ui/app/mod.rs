//! The root of the GUI: shared context, which screen shows, the register calls each message
//! leads to, and the runners that carry them out. One job a file: `message` (what is routed),
//! `handle` and `routes` (routing), `pay` and `parked` (the sale), `bar` and `diagnostics`
//! (the views over every screen), `jobs` and `link` (the runners).

use std::sync::Arc;
use std::time::Duration;

use iced::widget::{column, container, text};
use iced::{Element, Length, Subscription, Task, Theme, keyboard};

use super::catalog::Catalog;
use super::keys::{self, Action};
use super::request::{Answer, Job, Work};
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
use crate::terminal::{Attempt, AttemptState, Progress};

mod bar;
mod diagnostics;
mod handle;
pub mod jobs;
pub mod link;
mod message;
mod parked;
mod pay;
mod products;
mod routes;

pub use super::ctx::Ctx;
pub use message::{Message, Screen};

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
    /// The window was fitted to the screen (once, at the first tick).
    fitted: bool,
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
            fitted: false,
        };
        (app, vec![Job::LoadUsers, Job::LoadCatalog, Job::BootRecover])
    }

    pub fn boot(reg: Arc<Register>) -> (App, Task<Message>) {
        let (app, jobs) = App::new(reg);
        let task = app.spawn(jobs, Vec::new());
        (app, task)
    }

    /// Once, a second after start: a window no window manager maximized or made full-screen
    /// (a till without a desktop) takes the whole screen, from its top left corner.
    fn fit_screen(&mut self) -> Task<Message> {
        if std::mem::replace(&mut self.fitted, true) {
            return Task::none();
        }
        use iced::window;
        window::latest().and_then(|id| {
            window::is_maximized(id).then(move |maximized| {
                if maximized {
                    return Task::none();
                }
                window::size(id).then(move |now| {
                    window::monitor_size(id).and_then(move |screen| {
                        // Grown to a larger screen, and shrunk to a smaller one.
                        let Some(screen) = super::fit_to_screen(now, screen) else { return Task::none() };
                        tracing::info!(
                            width = screen.width,
                            height = screen.height,
                            "window fitted to the screen"
                        );
                        Task::batch([window::move_to(id, iced::Point::ORIGIN), window::resize(id, screen)])
                    })
                })
            })
        })
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

    pub fn view(&self) -> Element<'_, Message> {
        let ctx = &self.ctx;
        let page = if let Some(d) = &self.diagnostics {
            self.diagnostics_view(d)
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
                Screen::Deferred(p) => bar::deferred_page(p, ctx),
            }
        };
        let signature = matches!(&self.screen, Screen::Card(c) if c.awaiting_signature());
        let page = if self.closing { bar::closing_dialog(ctx, signature) } else { page };
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
