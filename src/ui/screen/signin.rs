//! Sign in: pick a user, type the PIN on the pad or the keyboard. Wrong PINs are counted by
//! the register; after three the screen makes the cashier wait longer each time.
//!
//! Nobody is preselected (unless there is only one user): a PIN is checked only against the
//! name its owner chose, so the next person's PIN never counts against the last one's name.
//! Signing in whoever's PIN matches would be quicker, but then every guess is tried against
//! every user and no user's count of wrong PINs ever stops it.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};

use crate::fl;
use crate::register::Operator;
use crate::register::User;
use crate::ui::ctx::Ctx;
use crate::ui::keys::Action;
use crate::ui::request::{Answer, Job};
use crate::ui::theme::{self, BUTTON_HEIGHT};
use crate::ui::widget::{self, Notice, keypad};

/// Wrong PINs allowed before the screen starts making the user wait (the register's own
/// back-off starts there too).
pub const FREE_TRIES: i64 = crate::register::PIN_FREE_TRIES;
const MAX_PIN: usize = 12;

#[derive(Debug, Default)]
pub struct SignIn {
    pub users: Vec<User>,
    pub selected: Option<i64>,
    pub pin: String,
    pub notice: Option<Notice>,
    /// Seconds left before another PIN may be tried.
    pub wait: u64,
    pub busy: bool,
    /// Digits typed while the PIN was being checked (the cashier typing it again): they are
    /// not kept, and the checkout drops the rest of them so no PIN lands in the scan field.
    pub retyped: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    Users(Answer<Vec<User>>),
    Pick(i64),
    Key(Action),
    Answer(Answer<Operator>),
    /// One second passed.
    Tick,
}

pub enum Event {
    Run(Job),
    SignedIn(Operator),
}

/// Seconds to wait after `failed` wrong PINs in a row: 5, 10, 20 … at most 5 minutes.
pub fn wait_after(failed: i64) -> u64 {
    if failed < FREE_TRIES {
        return 0;
    }
    let doublings = u32::try_from(failed - FREE_TRIES).unwrap_or(6).min(6);
    (5u64 << doublings).min(300)
}

impl SignIn {
    pub fn new(users: Vec<User>) -> SignIn {
        let selected = only_user(&users);
        SignIn { users, selected, ..SignIn::default() }
    }

    pub fn update(&mut self, message: Message, ctx: &Ctx) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Users(Ok(users)) => {
                if self.selected.is_none_or(|id| !users.iter().any(|u| u.id == id)) {
                    self.selected = only_user(&users);
                }
                self.users = users;
            }
            Message::Users(Err(f)) => {
                self.busy = false;
                self.notice = Some(Notice::error(f.text));
            }
            Message::Answer(Err(f)) if f.wrong_pins.is_none() => {
                self.busy = false;
                self.notice = Some(Notice::error(f.text));
                // A lock (or a user gone) shows in the list at once.
                return (Task::none(), Some(Event::Run(Job::LoadUsers)));
            }
            Message::Answer(Err(f)) => {
                self.busy = false;
                let failed = f.wrong_pins.unwrap_or(0);
                self.wait = wait_after(failed);
                self.notice = Some(Notice::error(if self.wait > 0 {
                    fl!(ctx.i18n, "err-pin-wait", seconds = self.wait)
                } else {
                    f.text
                }));
            }
            Message::Answer(Ok(op)) => {
                self.busy = false;
                self.pin.clear();
                self.notice = None;
                return (Task::none(), Some(Event::SignedIn(op)));
            }
            Message::Pick(id) => {
                if self.selected != Some(id) && !self.busy {
                    // The screen's wait was for the other name; the register keeps its own
                    // back-off per user, so this opens nothing to a guesser.
                    self.wait = 0;
                    self.notice = None;
                }
                self.selected = Some(id);
                self.pin.clear();
            }
            Message::Tick => {
                if self.wait > 0 {
                    self.wait -= 1;
                    self.notice = Some(Notice::error(if self.wait > 0 {
                        fl!(ctx.i18n, "err-pin-wait", seconds = self.wait)
                    } else {
                        ctx.i18n.tr("signin-try-again")
                    }));
                }
            }
            Message::Key(action) => return (Task::none(), self.key(action, ctx)),
        }
        (Task::none(), None)
    }

    fn key(&mut self, action: Action, ctx: &Ctx) -> Option<Event> {
        if self.busy {
            // The PIN is being checked: what is typed now is not kept anywhere.
            match action {
                Action::Digit(_) => self.retyped = true,
                // Typed again in full: nothing of it is left to arrive after the answer.
                Action::Enter => self.retyped = false,
                _ => {}
            }
            return None;
        }
        match action {
            Action::Digit(d) if self.pin.len() < MAX_PIN => self.pin.push(d),
            Action::Backspace => {
                self.pin.pop();
            }
            Action::Escape => self.pin.clear(),
            Action::Up | Action::Down => self.move_selection(action == Action::Down),
            Action::Enter => return self.submit(ctx),
            _ => {}
        }
        None
    }

    fn move_selection(&mut self, down: bool) {
        if self.selected.is_none() {
            self.selected = self.users.first().map(|u| u.id);
            return;
        }
        let pos = self.users.iter().position(|u| Some(u.id) == self.selected).unwrap_or(0);
        let next =
            if down { (pos + 1).min(self.users.len().saturating_sub(1)) } else { pos.saturating_sub(1) };
        self.selected = self.users.get(next).map(|u| u.id);
    }

    fn submit(&mut self, ctx: &Ctx) -> Option<Event> {
        if self.wait > 0 || self.busy || self.pin.is_empty() {
            return None;
        }
        let Some(user_id) = self.selected else {
            self.pin.clear();
            self.notice = Some(Notice::warning(ctx.i18n.tr("signin-pick-first")));
            return None;
        };
        self.busy = true;
        self.retyped = false;
        // After wrong PINs the register takes its time: say the PIN is being checked.
        self.notice = Some(Notice::warning(ctx.i18n.tr("signin-checking")));
        let pin = std::mem::take(&mut self.pin);
        Some(Event::Run(Job::SignIn { user_id, pin }))
    }

    pub fn view<'a>(&'a self, ctx: &'a Ctx) -> Element<'a, Message> {
        let i18n = &ctx.i18n;
        let users = self.users.iter().fold(column![].spacing(8), |col, u| {
            let mut role = match u.role {
                crate::domain::Role::Manager => i18n.tr("role-manager"),
                crate::domain::Role::Cashier => i18n.tr("role-cashier"),
            };
            if u.failed_pins >= crate::register::PIN_LOCK_AFTER {
                role = format!("{role} · {}", i18n.tr("settings-user-locked"));
            }
            col.push(
                button(
                    column![
                        text(u.name.clone()).size(22),
                        text(role).size(theme::SMALL).style(theme::texts::muted)
                    ]
                    .spacing(2),
                )
                .on_press(Message::Pick(u.id))
                .width(Length::Fill)
                .height(Length::Fixed(BUTTON_HEIGHT + 16.0))
                .padding([6, 12])
                .style(theme::buttons::row(Some(u.id) == self.selected)),
            )
        });
        let dots: String = if self.pin.is_empty() { "–".into() } else { "●".repeat(self.pin.len()) };
        let mut right = column![
            text(i18n.tr("signin-pin")).size(theme::BODY),
            container(text(dots).size(32))
                .padding(8)
                .width(Length::Fill)
                .center_x(Length::Fill)
                .style(theme::panels::panel),
            keypad::view(Message::Key, fl!(i18n, "signin-button-key", key = Action::Enter.label()), ","),
        ]
        .spacing(12)
        .width(Length::Fixed(320.0));
        if !self.pin.is_empty() {
            // Esc clears what was typed: said where the digits show.
            right = right.push(
                text(fl!(i18n, "signin-clear-key", key = Action::Escape.label()))
                    .size(theme::SMALL)
                    .style(theme::texts::muted),
            );
        }
        if let Some(n) = &self.notice {
            right = right.push(widget::notice(n));
        }
        let body = row![
            column![
                text(i18n.tr("signin-title")).size(theme::TITLE),
                text(fl!(
                    i18n,
                    "signin-pick-user-keys",
                    up = Action::Up.label(),
                    down = Action::Down.label(),
                    enter = Action::Enter.label()
                ))
                .size(theme::BODY)
                .style(theme::texts::muted)
                .wrapping(text::Wrapping::WordOrGlyph),
                scrollable(users).height(Length::Shrink),
            ]
            .spacing(12)
            .width(Length::Fixed(320.0)),
            right,
        ]
        .spacing(48)
        .align_y(Alignment::Start);
        column![
            text(ctx.settings.shop.name.clone()).size(theme::TITLE),
            container(body).padding(24).style(theme::panels::panel),
        ]
        .spacing(16)
        .width(Length::Shrink)
        .align_x(Alignment::Center)
        .into()
    }
}

/// The one user there is, who needs no choosing; with more, nobody.
fn only_user(users: &[User]) -> Option<i64> {
    match users {
        [one] => Some(one.id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::wait_after;

    #[test]
    fn the_wait_grows_after_three_wrong_pins_and_is_capped() {
        assert_eq!((0..3).map(wait_after).collect::<Vec<_>>(), [0, 0, 0]);
        assert_eq!((3..7).map(wait_after).collect::<Vec<_>>(), [5, 10, 20, 40]);
        assert_eq!(wait_after(50), 300);
    }
}
