//! Voiding a cart line (the last one only after asking once) and the manager's PIN that a
//! void or the manager menu may need; the register voids and writes the audit log.

use iced::Task;

use super::{Checkout, Event, Mode, Purpose, Step};
use crate::domain::Cart;
use crate::fl;
use crate::register::Operator;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Answer, Job};
use crate::ui::widget::Notice;

impl Checkout {
    pub(super) fn void(&mut self, ctx: &Ctx) -> Step {
        let Some(index) = self.selected else {
            self.notice = Some(Notice::error(ctx.i18n.tr("err-no-line")));
            return (Task::none(), None);
        };
        let pin_asks =
            ctx.settings.void_needs_manager && !ctx.operator.as_ref().is_some_and(Operator::is_manager);
        if self.cart.lines.len() == 1 && !pin_asks {
            // The last line: the sale would be empty, with no undo. Ask once (Enter, not F5);
            // a manager's PIN, where one is needed, is that one question.
            let name = self.cart.lines.get(index).map(|l| l.name.clone()).unwrap_or_default();
            self.notice = Some(Notice::warning(fl!(
                ctx.i18n,
                "void-last-confirm",
                name = name,
                enter = Action::Enter.label(),
                esc = Action::Escape.label()
            )));
            self.mode = Mode::ConfirmVoid(index);
            self.entry.clear();
            return (Task::none(), None);
        }
        self.void_confirmed(index, ctx)
    }

    pub(super) fn void_confirmed(&mut self, index: usize, ctx: &Ctx) -> Step {
        let is_manager = ctx.operator.as_ref().is_some_and(Operator::is_manager);
        if ctx.settings.void_needs_manager && !is_manager {
            self.ask_manager(Purpose::Void(index), ctx);
            (Task::none(), None)
        } else {
            (Task::none(), self.void_line(index, None, ctx))
        }
    }

    /// Asks the register to void the line (it writes the audit log).
    fn void_line(&mut self, index: usize, allowed_by: Option<Operator>, ctx: &Ctx) -> Option<Event> {
        let by = ctx.operator.clone()?;
        Some(Event::Run(Job::VoidLine { by, allowed_by, cart: self.cart.clone(), index }))
    }

    pub(super) fn voided(&mut self, answer: Answer<(Cart, String)>, ctx: &Ctx) {
        match answer {
            Ok((cart, name)) => {
                tracing::info!(line = %name, "cart line voided");
                let index = self.selected.unwrap_or(0);
                self.cart = cart;
                self.totals = self.cart.totals();
                self.selected =
                    if self.cart.is_empty() { None } else { Some(index.min(self.cart.lines.len() - 1)) };
                self.notice = Some(Notice::done(fl!(ctx.i18n, "void-done", name = name)));
            }
            Err(f) => self.notice = Some(Notice::error(f.text)),
        }
    }

    pub(super) fn ask_manager(&mut self, purpose: Purpose, ctx: &Ctx) {
        self.mode = Mode::ManagerPin(purpose);
        self.entry.clear();
        self.notice = Some(Notice::warning(ctx.i18n.tr("manager-pin-prompt")));
    }

    pub(super) fn manager_answer(&mut self, answer: Answer<Operator>, ctx: &Ctx) -> Step {
        let Mode::ManagerPin(purpose) = self.mode else { return (Task::none(), None) };
        match answer {
            Ok(manager) => {
                self.mode = Mode::Scan;
                self.notice = None;
                match purpose {
                    Purpose::Void(index) => return (Task::none(), self.void_line(index, Some(manager), ctx)),
                    Purpose::Menu => return (Task::none(), Some(Event::OpenManager(manager))),
                }
            }
            Err(f) => self.notice = Some(Notice::error(f.text)),
        }
        (Task::none(), None)
    }
}
